#!/usr/bin/env python3
"""Generate the sample photos (flat illustrations and charts) for the sample articles.

Everything is drawn with Pillow; no media is downloaded. The output is
deterministic: the same Pillow version produces the same bytes.

Usage:
    python3 tools/make_sample_photos.py [--out DIR] [--only NAME]
"""
from __future__ import annotations

import argparse
import math
import random
import sys
import unicodedata
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

W, H, S = 1600, 1000, 2  # output size; drawing happens at S× and is downsampled
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {False: FONT_DIR / "DejaVuSans.ttf", True: FONT_DIR / "DejaVuSans-Bold.ttf"}

# Palette: government blue/teal with warm accents.
NAVY, BLUE, BLUE_L = (26, 54, 93), (41, 98, 160), (150, 190, 228)
TEAL, TEAL_L, MINT = (20, 132, 134), (170, 218, 212), (228, 242, 238)
CREAM, WALL, SAND = (249, 245, 237), (236, 242, 245), (230, 216, 194)
WOOD, WOOD_D = (190, 138, 92), (146, 98, 62)
AMBER, CORAL, RED, GOLD = (240, 166, 58), (226, 106, 84), (186, 34, 40), (252, 212, 92)
GREEN, GREEN_D = (82, 158, 104), (46, 112, 74)
GRAY, GRAY_L, INK, WHITE = (122, 132, 142), (214, 220, 226), (36, 44, 56), (255, 255, 255)
SKINS = [(242, 202, 164), (226, 178, 138), (206, 156, 116), (248, 216, 184)]
HAIRS = [(40, 32, 30), (66, 46, 34), (26, 26, 30), (92, 62, 44)]
GRAY_HAIR = (206, 206, 210)
SHIRTS = [WHITE, (172, 206, 234), AMBER, CORAL, (120, 170, 150), (236, 226, 204), BLUE, (196, 170, 214)]
STAFF = (176, 210, 238)  # light-blue civil-servant shirt


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def shade(c, f):
    return mix(c, (0, 0, 0), 1 - f) if f < 1 else mix(c, WHITE, f - 1)


def vn(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def num(v: float, decimals: int) -> str:
    """Vietnamese number format (decimal comma)."""
    return f"{v:.{decimals}f}".replace(".", ",")


_fonts: dict = {}


def font(size: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    key = (round(size * S), bold)
    if key not in _fonts:
        _fonts[key] = ImageFont.truetype(str(FONT_FILES[bold]), key[0])
    return _fonts[key]


class Canvas:
    """Draws in 1600×1000 coordinates onto a supersampled image."""

    def __init__(self, bg=WHITE):
        self.img = Image.new("RGB", (W * S, H * S), bg)
        self.d = ImageDraw.Draw(self.img)

    @staticmethod
    def _b(box):
        return [round(v * S) for v in box]

    @staticmethod
    def _p(pts):
        return [(round(x * S), round(y * S)) for x, y in pts]

    def rect(self, box, fill=None, outline=None, width=1):
        self.d.rectangle(self._b(box), fill=fill, outline=outline, width=round(width * S))

    def rrect(self, box, r, fill=None, outline=None, width=1):
        x0, y0, x1, y1 = box
        r = max(0, min(r, (x1 - x0) / 2, (y1 - y0) / 2))
        self.d.rounded_rectangle(self._b(box), radius=round(r * S), fill=fill, outline=outline,
                                 width=round(width * S))

    def ellipse(self, box, fill=None, outline=None, width=1):
        self.d.ellipse(self._b(box), fill=fill, outline=outline, width=round(width * S))

    def circle(self, x, y, r, fill=None, outline=None, width=1):
        self.ellipse((x - r, y - r, x + r, y + r), fill, outline, width)

    def chord(self, box, a0, a1, fill):
        self.d.chord(self._b(box), a0, a1, fill=fill)

    def arc(self, box, a0, a1, fill, width=2):
        self.d.arc(self._b(box), a0, a1, fill=fill, width=round(width * S))

    def poly(self, pts, fill, outline=None):
        self.d.polygon(self._p(pts), fill=fill, outline=outline)

    def line(self, pts, fill, width=2):
        self.d.line(self._p(pts), fill=fill, width=round(width * S), joint="curve")

    def stroke(self, pts, fill, width):
        """Thick polyline with round caps (limbs, stems)."""
        self.line(pts, fill, width)
        for x, y in pts:
            self.circle(x, y, width / 2, fill)

    def gradient(self, box, top, bottom, horizontal=False):
        x0, y0, x1, y1 = self._b(box)
        n = (x1 - x0) if horizontal else (y1 - y0)
        strip = Image.new("RGB", (n, 1) if horizontal else (1, n))
        strip.putdata([mix(top, bottom, i / max(1, n - 1)) for i in range(n)])
        self.img.paste(strip.resize((x1 - x0, y1 - y0), Image.NEAREST), (x0, y0))

    def text(self, xy, s, size, fill=INK, bold=False, anchor="la", max_w=None):
        s = vn(s)
        while max_w and size > 8 and self.text_w(s, size, bold) > max_w:
            size -= 1
        self.d.text(self._p([xy])[0], s, font=font(size, bold), fill=fill, anchor=anchor)
        return size

    def text_w(self, s, size, bold=False):
        return self.d.textlength(vn(s), font=font(size, bold)) / S

    def blur(self, radius):
        self.img = self.img.filter(ImageFilter.GaussianBlur(radius * S))
        self.d = ImageDraw.Draw(self.img)

    def finish(self, rng: random.Random, grain: int) -> Image.Image:
        img = self.img.resize((W, H), Image.LANCZOS)
        if grain:  # subtle deterministic film grain: looks less synthetic, helps JPEG sizing
            lut = [v * grain // 255 for v in range(256)]
            plus = Image.frombytes("L", (W, H), rng.randbytes(W * H)).point(lut)
            minus = Image.frombytes("L", (W, H), rng.randbytes(W * H)).point(lut)
            img = ImageChops.subtract(ImageChops.add(img, Image.merge("RGB", [plus] * 3)),
                                      Image.merge("RGB", [minus] * 3))
        return img


# ---------------------------------------------------------------- shared shapes
def person(c, x, foot, h, shirt, pants=NAVY, skin=SKINS[0], hair=HAIRS[0], view="front",
           style="short", seated=False, legs_to=None, hands=None, glasses=False, badge=False):
    """Flat figure. `foot` is the ground (or the seat when seated); h = standing height.
    hands: [left, right] targets, each None (hanging), (x, y) or ((ex, ey), (x, y)) via an elbow."""
    r, tw, aw = h * 0.075, h * 0.25, h * 0.062
    top = foot - (h * 0.6 if seated else h)
    hy, sh = top + r, top + 2 * r + h * 0.025
    hip = foot if seated else top + h * 0.56
    sleeve = shade(shirt, 0.88)
    if style == "long" and view == "front":
        c.rrect((x - r * 1.18, hy - r * 0.9, x + r * 1.18, sh + h * 0.1), r * 0.9, fill=hair)
    if not seated:
        lw = tw * 0.42
        for sx in (x - tw * 0.46, x + tw * 0.46 - lw):
            c.rrect((sx, hip - h * 0.03, sx + lw, foot - h * 0.015), lw * 0.3, fill=pants)
            c.ellipse((sx - lw * 0.1, foot - h * 0.035, sx + lw * 1.1, foot + h * 0.005), fill=INK)
    elif legs_to:
        c.rrect((x - tw * 0.58, foot - h * 0.06, x + tw * 0.58, foot + h * 0.06), tw * 0.2, fill=shade(pants, 1.1))
        lw = tw * 0.36
        for sx in (x - tw * 0.5, x + tw * 0.5 - lw):
            c.rrect((sx, foot, sx + lw, legs_to - h * 0.01), lw * 0.3, fill=shade(pants, 0.9))
            c.ellipse((sx - lw * 0.15, legs_to - h * 0.03, sx + lw * 1.15, legs_to + h * 0.01), fill=INK)
    shoulders = [(x - tw / 2 + aw * 0.45, sh + aw * 0.55), (x + tw / 2 - aw * 0.45, sh + aw * 0.55)]
    hands = hands or [None, None]

    def arms():
        for i, (sx, sy) in enumerate(shoulders):
            tgt = hands[i] or (sx + (-1 if i == 0 else 1) * aw * 0.35, hip - h * 0.01)
            pts = [(sx, sy)] + ([tgt[0], tgt[1]] if isinstance(tgt[0], tuple) else [tgt])
            c.stroke(pts, sleeve, aw)
            c.circle(*pts[-1], aw * 0.55, skin)

    if view == "back":
        arms()
    c.rect((x - r * 0.35, hy + r * 0.5, x + r * 0.35, sh + 4), fill=shade(skin, 0.9))
    c.rrect((x - tw / 2, sh, x + tw / 2, hip + h * 0.03), tw * 0.3, fill=shirt)
    if view == "front":
        c.poly([(x - r * 0.45, sh), (x + r * 0.45, sh), (x, sh + r * 0.7)], shade(skin, 0.95))
        if badge:
            c.line([(x - r * 0.45, sh), (x, sh + h * 0.16), (x + r * 0.45, sh)], RED, max(2, h * 0.006))
            c.rrect((x - r * 0.3, sh + h * 0.15, x + r * 0.3, sh + h * 0.22), 2, fill=WHITE, outline=BLUE)
        arms()
    # head & hair
    if view == "back":
        c.circle(x, hy, r, skin)
        c.ellipse((x - r * 1.05, hy - r * 1.08, x + r * 1.05, hy + r * (0.75 if style != "long" else 1.0)),
                  fill=hair)
        if style == "long":
            c.rrect((x - r * 1.05, hy, x + r * 1.05, sh + h * 0.1), r * 0.8, fill=hair)
        if style == "bun":
            c.circle(x, hy + r * 0.1, r * 0.42, shade(hair, 0.9))
        return
    c.circle(x, hy, r, skin)
    if style == "bun":
        c.circle(x, hy - r * 1.05, r * 0.45, hair)
    c.chord((x - r * 1.08, hy - r * 1.12, x + r * 1.08, hy + r * 0.85), 180, 360, hair)
    if style == "long":  # side locks framing the face
        for sx in (x - r * 1.1, x + r * 0.78):
            c.rrect((sx, hy - r * 0.4, sx + r * 0.32, hy + r * 0.95), r * 0.16, fill=hair)
    ey, ex, er = hy + r * 0.08, r * 0.38, max(1.5, r * 0.1)
    for sx in (x - ex, x + ex):
        c.circle(sx, ey, er, INK)
        if glasses:
            c.circle(sx, ey, r * 0.26, None, INK, max(1.2, r * 0.06))
    c.arc((x - r * 0.35, hy + r * 0.05, x + r * 0.35, hy + r * 0.6), 20, 160, shade(skin, 0.6), max(1.2, r * 0.07))
    c.circle(x - r * 0.6, hy + r * 0.38, r * 0.14, mix(skin, CORAL, 0.35))
    c.circle(x + r * 0.6, hy + r * 0.38, r * 0.14, mix(skin, CORAL, 0.35))


def chair_back(c, x, seat, w, color=BLUE):
    c.rrect((x - w / 2, seat - w * 0.55, x + w / 2, seat + w * 0.12), w * 0.15, fill=color)
    for lx in (x - w * 0.38, x + w * 0.38):
        c.stroke([(lx, seat + w * 0.1), (lx, seat + w * 0.95)], shade(color, 0.6), w * 0.06)


def counter(c, x0, x1, top, bottom, face=BLUE, surface=WHITE):
    c.gradient((x0, top + 18, x1, bottom), face, shade(face, 0.8))
    c.rect((x0, top, x1, top + 18), fill=surface)
    c.rect((x0, top + 18, x1, top + 24), fill=shade(face, 0.7))
    c.rect((x0, bottom - 12, x1, bottom), fill=shade(face, 0.6))


def monitor(c, x, y, w=110):
    c.rrect((x - w / 2, y - w * 0.62, x + w / 2, y), 6, fill=(70, 78, 92))
    c.rect((x - 8, y, x + 8, y + 18), fill=(90, 98, 110))
    c.rrect((x - 30, y + 14, x + 30, y + 22), 3, fill=(90, 98, 110))


def plate(c, x, y, label, w=120):
    c.rrect((x - w / 2, y - 40, x + w / 2, y), 6, fill=WHITE, outline=TEAL, width=3)
    c.text((x, y - 20), label, 20, NAVY, bold=True, anchor="mm", max_w=w - 14)


def leaf(c, base, angle, length, width, color):
    a = math.radians(angle)
    dx, dy, px, py = math.cos(a), -math.sin(a), math.sin(a), math.cos(a)
    side1, side2 = [], []
    for i in range(13):
        t = i / 12
        off = width / 2 * math.sin(math.pi * t)
        cx, cy = base[0] + dx * length * t, base[1] + dy * length * t
        side1.append((cx + px * off, cy + py * off))
        side2.append((cx - px * off, cy - py * off))
    c.poly(side1 + side2[::-1], color)


def plant(c, x, ground, s=1.0, rng=None):
    rng = rng or random.Random(int(x))
    base = (x, ground - 95 * s)
    for i in range(9):
        ang = 35 + i * 13.75 + rng.uniform(-6, 6)
        leaf(c, base, ang, rng.uniform(110, 170) * s, 38 * s, GREEN if i % 2 else GREEN_D)
    c.poly([(x - 55 * s, ground - 100 * s), (x + 55 * s, ground - 100 * s), (x + 40 * s, ground),
            (x - 40 * s, ground)], CORAL)
    c.rect((x - 58 * s, ground - 108 * s, x + 58 * s, ground - 92 * s), fill=shade(CORAL, 0.85))


def star(c, x, y, r, fill):
    pts = [(x + (r if i % 2 == 0 else r * 0.4) * math.cos(math.radians(-90 + 36 * i)),
            y + (r if i % 2 == 0 else r * 0.4) * math.sin(math.radians(-90 + 36 * i))) for i in range(10)]
    c.poly(pts, fill)


def emblem(c, x, y, r):
    c.circle(x, y, r, GOLD)
    c.circle(x, y, r * 0.82, RED)
    star(c, x, y - r * 0.05, r * 0.55, GOLD)


def banner(c, box, lines, bg=RED, fg=GOLD, size=52, border=GOLD):
    x0, y0, x1, y1 = box
    c.rect(box, fill=bg)
    c.rect((x0 + 10, y0 + 10, x1 - 10, y1 - 10), outline=border, width=3)
    step = (y1 - y0) / (len(lines) + 1)
    for i, ln in enumerate(lines):
        c.text(((x0 + x1) / 2, y0 + step * (i + 1)), ln, size, fg, bold=True, anchor="mm", max_w=x1 - x0 - 70)


def room(c, wall_top, wall_bottom, floor_y, floor_a=(232, 222, 204), floor_b=(212, 196, 172)):
    c.gradient((0, 0, W, floor_y), wall_top, wall_bottom)
    c.gradient((0, floor_y, W, H), floor_a, floor_b)
    for y in (floor_y + 40, floor_y + 95, floor_y + 165, floor_y + 250):
        c.line([(0, y), (W, y)], shade(floor_b, 0.95), 2)
    vx, vy = W / 2, floor_y - 500
    for xb in range(-1400, 3001, 220):
        t = (floor_y - vy) / (H - vy)
        c.line([(vx + (xb - vx) * t, floor_y), (xb, H)], shade(floor_b, 0.95), 2)


def window(c, box):
    x0, y0, x1, y1 = box
    c.rrect(box, 6, fill=(246, 248, 250))
    c.gradient((x0 + 12, y0 + 12, x1 - 12, y1 - 12), (170, 214, 240), (222, 240, 250))
    for y in range(int(y0) + 30, int(y1) - 12, 26):
        c.line([(x0 + 12, y), (x1 - 12, y)], (240, 244, 248), 5)
    c.line([((x0 + x1) / 2, y0 + 12), ((x0 + x1) / 2, y1 - 12)], (246, 248, 250), 6)


# ---------------------------------------------------------------- charts
PLOT = (190, 215, 1500, 815)


def chart_canvas(title, note=None):
    c = Canvas()
    c.gradient((0, 0, W, H), (252, 253, 254), (238, 244, 248))
    c.rect((0, 0, W, 14), fill=TEAL)
    c.rect((80, 64, 92, 118), fill=AMBER)
    c.text((112, 91), title, 44, NAVY, bold=True, anchor="lm", max_w=W - 200)
    if note:
        c.text((112, 148), note, 26, CORAL, bold=True, anchor="lm")
    return c


def axes(c, ymin, ymax, step, decimals=0, unit="%", broken=False):
    x0, y0, x1, y1 = PLOT
    v = ymin
    while v <= ymax + 1e-9:
        y = y1 - (v - ymin) / (ymax - ymin) * (y1 - y0)
        c.line([(x0, y), (x1, y)], GRAY_L if v > ymin else GRAY, 2)
        c.text((x0 - 18, y), num(v, decimals) + unit, 26, GRAY, anchor="rm")
        v += step
    c.line([(x0, y0 - 10), (x0, y1)], GRAY, 3)
    if broken:  # axis break mark: the scale does not start at zero
        c.rect((x0 - 14, y1 - 44, x0 + 14, y1 - 20), fill=(246, 249, 251))
        for dy in (-44, -26):
            c.line([(x0 - 16, y1 + dy + 6), (x0 + 16, y1 + dy - 6)], GRAY, 3)


def ypos(v, ymin, ymax):
    return PLOT[3] - (v - ymin) / (ymax - ymin) * (PLOT[3] - PLOT[1])


def bar_chart(title, cats, vals, ymin, ymax, step, source, decimals=0, note=None):
    c = chart_canvas(title, note)
    axes(c, ymin, ymax, step, broken=ymin > 0)
    x0, _, x1, y1 = PLOT
    slot = (x1 - x0) / len(cats)
    for i, (cat, v) in enumerate(zip(cats, vals)):
        cx, bw = x0 + slot * (i + 0.5), slot * 0.46
        top = ypos(v, ymin, ymax)
        color = TEAL if i == len(cats) - 1 else BLUE
        c.rrect((cx - bw / 2 + 6, top + 6, cx + bw / 2 + 6, y1), 10, fill=(214, 224, 232))
        c.rrect((cx - bw / 2, top, cx + bw / 2, y1 + 10), 10, fill=color)
        c.gradient((cx - bw / 2 + 10, top + 10, cx - bw / 2 + 26, y1 - 4), shade(color, 1.25), color)
        c.rect((cx - bw / 2, y1 - 1, cx + bw / 2, y1 + 12), fill=(240, 245, 248))
        c.line([(x0, y1), (x1, y1)], GRAY, 3)
        c.text((cx, top - 22), num(v, decimals) + "%", 34, NAVY, bold=True, anchor="mb")
        c.text((cx, y1 + 42), cat, 30, INK, bold=True, anchor="mm")
    c.text((80, 935), source, 24, GRAY, anchor="lm")
    return c


def line_chart(title, cats, vals, ymin, ymax, step, source, decimals=1):
    c = chart_canvas(title)
    x0, y0, x1, y1 = PLOT
    slot = (x1 - x0) / len(cats)
    pts = [(x0 + slot * (i + 0.5), ypos(v, ymin, ymax)) for i, v in enumerate(vals)]
    band = Canvas(TEAL)  # soft area fill under the line via a mask
    mask = Image.new("L", band.img.size, 0)
    ImageDraw.Draw(mask).polygon(Canvas._p(pts + [(pts[-1][0], y1), (pts[0][0], y1)]), fill=60)
    c.img.paste(band.img, (0, 0), mask)
    axes(c, ymin, ymax, step, broken=True)
    c.line([(x0, y1), (x1, y1)], GRAY, 3)
    c.line(pts, TEAL, 7)
    for (px, py), cat, v in zip(pts, cats, vals):
        c.circle(px, py, 14, WHITE, TEAL, 6)
        c.rrect((px - 56, py - 78, px + 56, py - 30), 10, fill=NAVY)
        c.text((px, py - 54), num(v, decimals), 28, WHITE, bold=True, anchor="mm")
        c.text((px, y1 + 42), cat, 30, INK, bold=True, anchor="mm")
    c.text((x0 - 18, y0 - 44), "Điểm (%)", 24, GRAY, anchor="lm")
    c.text((80, 935), source, 24, GRAY, anchor="lm")
    return c


# ---------------------------------------------------------------- illustrations
def scene_ubnd_xa(rng):
    c = Canvas()
    room(c, (242, 246, 249), (222, 234, 241), 740)
    c.rrect((140, 40, 1170, 150), 14, fill=NAVY)
    emblem(c, 200, 95, 38)
    c.text((690, 95), "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", 42, WHITE, bold=True, anchor="mm", max_w=920)
    # queue-number display
    for rx in (1290, 1490):
        c.line([(rx, 0), (rx, 40)], GRAY, 4)
    c.rrect((1240, 36, 1540, 236), 16, fill=INK)
    c.text((1390, 70), "SỐ THỨ TỰ", 24, (200, 210, 220), bold=True, anchor="mm")
    c.text((1390, 138), "1025", 72, (255, 92, 72), bold=True, anchor="mm")
    c.rrect((1290, 180, 1490, 218), 8, fill=TEAL)
    c.text((1390, 199), "→ QUẦY 2", 24, WHITE, bold=True, anchor="mm")
    # back-wall cabinets
    for x0 in (90, 580, 1070):
        c.rrect((x0, 250, x0 + 440, 540), 8, fill=(214, 200, 178))
        for j in range(16):
            bx = x0 + 20 + j * 25
            c.rect((bx, 272, bx + 20, 372), fill=[BLUE, TEAL, AMBER, CORAL, BLUE_L][(j * 7 + x0) % 5])
        c.rect((x0 + 10, 376, x0 + 430, 386), fill=WOOD_D)
    centres = [310, 800, 1290]
    for i, cx in enumerate(centres):
        person(c, cx - 20, 640, 380, STAFF, skin=SKINS[i % 3], hair=HAIRS[i], style="long" if i == 1 else "short",
               seated=True, hands=[((cx - 80, 520), (cx - 40, 530)), ((cx + 40, 520), (cx + 70, 530))])
        monitor(c, cx - 150, 512)
        plate(c, cx + 160, 532, f"QUẦY {i + 1}")
    for gx in (555, 1045):
        c.rect((gx - 4, 300, gx + 4, 530), fill=(196, 222, 236))
    counter(c, 60, 1540, 520, 760)
    for i, cx in enumerate(centres):
        c.circle(cx + 160, 640, 44, WHITE)
        c.text((cx + 160, 640), str(i + 1), 46, BLUE, bold=True, anchor="mm")
    # citizens
    chair = lambda x: chair_back(c, x, 805, 150, TEAL)  # noqa: E731
    person(c, 290, 800, 520, SHIRTS[2], skin=SKINS[1], hair=HAIRS[1], view="back", seated=True)
    chair(290)
    person(c, 780, 800, 500, SHIRTS[7], skin=SKINS[0], hair=HAIRS[2], view="back", style="long", seated=True)
    chair(780)
    c.poly([(1190, 512), (1262, 506), (1270, 526), (1196, 532)], WHITE)  # papers handed over
    person(c, 1130, 985, 580, SHIRTS[4], pants=(70, 74, 86), skin=SKINS[2], hair=HAIRS[0], view="back",
           hands=[None, ((1230, 600), (1225, 530))])
    plant(c, 70, 990, 1.3, rng)
    plant(c, 1540, 990, 1.2, rng)
    return c


def scene_conference(rng):
    c = Canvas()
    c.gradient((0, 0, W, 540), (248, 240, 228), (236, 222, 202))
    for px in range(160, 1460, 130):
        c.line([(px, 230), (px, 540)], (230, 214, 192), 3)
    c.gradient((0, 610, W, H), (92, 104, 126), (62, 72, 92))
    c.gradient((0, 530, W, 565), (214, 170, 120), (196, 148, 100))
    c.rect((0, 565, W, 612), fill=WOOD_D)
    for x0, x1 in ((0, 110), (1490, W)):
        c.rect((x0, 0, x1, 610), fill=RED)
        for fx in range(x0 + 14, x1, 28):
            c.line([(fx, 0), (fx, 610)], shade(RED, 0.8), 8)
    banner(c, (150, 36, 1450, 216), ["HỘI NGHỊ TRIỂN KHAI KẾ HOẠCH", "CẢI CÁCH HÀNH CHÍNH NĂM 2022"], size=54)
    emblem(c, 220, 126, 44)
    emblem(c, 1380, 126, 44)
    # presidium
    for i, px in enumerate(range(560, 1241, 170)):
        person(c, px, 470, 300, [WHITE, STAFF, (60, 66, 84)][i % 3], skin=SKINS[i % 4], hair=HAIRS[i % 4],
               style="long" if i == 3 else "short", seated=True)
    c.rect((470, 425, 1330, 440), fill=WHITE)
    c.gradient((470, 440, 1330, 548), TEAL, shade(TEAL, 0.8))
    c.rect((470, 440, 1330, 452), fill=shade(TEAL, 0.7))
    for px in range(560, 1241, 170):
        c.poly([(px - 44, 425), (px + 44, 425), (px + 38, 400), (px - 38, 400)], WHITE)
        c.line([(px - 26, 413), (px + 26, 413)], GRAY, 3)
        c.rrect((px + 56, 388, px + 70, 425), 4, fill=(200, 228, 240))
    for j in range(8):
        leaf(c, (900, 530), 20 + j * 20, 80, 24, GREEN if j % 2 else GREEN_D)
    for j in range(14):  # flower basket
        fx, fy = 900 + rng.uniform(-90, 90), 500 + rng.uniform(-34, 14)
        c.circle(fx, fy, rng.uniform(13, 20), [RED, GOLD, WHITE, CORAL][j % 4])
    c.poly([(820, 520), (980, 520), (955, 565), (845, 565)], WOOD)
    # lectern and speaker
    person(c, 300, 560, 320, (60, 66, 84), skin=SKINS[1], hair=HAIRS[2], hands=[((250, 410), (290, 400)), None])
    c.poly([(205, 385), (395, 385), (375, 565), (225, 565)], WOOD)
    c.rect((195, 372, 405, 392), fill=WOOD_D)
    emblem(c, 300, 460, 34)
    c.line([(330, 372), (350, 330)], INK, 4)
    c.circle(352, 326, 7, INK)
    # audience rows seen from behind
    for row, (seat, h, gap, off) in enumerate(((780, 300, 130, 40), (890, 380, 170, 120), (1030, 480, 215, 30))):
        for k, px in enumerate(range(off, W + 120, gap)):
            i = row * 7 + k
            person(c, px, seat, h, [WHITE, STAFF, (60, 66, 84), (236, 226, 204), WHITE][i % 5],
                   skin=SKINS[i % 4], hair=GRAY_HAIR if i % 9 == 4 else HAIRS[i % 4], view="back",
                   style="long" if i % 4 == 1 else "short", seated=True)
            chair_back(c, px, seat + 10, h * 0.36, shade(BLUE, 0.85))
    return c


def kiosk(c, x, ground):
    c.rrect((x - 95, ground - 30, x + 95, ground), 10, fill=(150, 160, 172))
    c.rrect((x - 60, ground - 420, x + 60, ground - 20), 16, fill=(232, 236, 240))
    c.rect((x - 60, ground - 200, x + 60, ground - 190), fill=TEAL)
    c.rrect((x - 40, ground - 170, x + 40, ground - 150), 6, fill=INK)  # printer slot
    c.poly([(x - 120, ground - 700), (x + 120, ground - 700), (x + 132, ground - 400), (x - 132, ground - 400)], INK)
    c.poly([(x - 108, ground - 688), (x + 108, ground - 688), (x + 118, ground - 412), (x - 118, ground - 412)],
           (232, 244, 250))
    c.rect((x - 106, ground - 686, x + 106, ground - 640), fill=TEAL)
    c.text((x, ground - 663), "DỊCH VỤ CÔNG", 18, WHITE, bold=True, anchor="mm")
    for j in range(6):
        tx, ty = x - 100 + (j % 2) * 104, ground - 626 + (j // 2) * 72
        c.rrect((tx, ty, tx + 96, ty + 62), 8, fill=[BLUE, AMBER, TEAL, CORAL, BLUE_L, GREEN][j])
        c.circle(tx + 48, ty + 31, 13, WHITE)


def scene_mot_cua(rng):
    c = Canvas()
    room(c, (234, 245, 242), (214, 234, 230), 750)
    c.rrect((60, 36, 1120, 146), 14, fill=TEAL)
    emblem(c, 116, 91, 36)
    c.text((620, 91), "BỘ PHẬN MỘT CỬA - UBND PHƯỜNG MỸ PHÚ", 40, WHITE, bold=True, anchor="mm", max_w=940)
    c.rrect((1180, 36, 1550, 146), 14, fill=NAVY)
    c.text((1365, 91), "DỊCH VỤ CÔNG TRỰC TUYẾN", 24, WHITE, bold=True, anchor="mm", max_w=340)
    c.rrect((440, 190, 720, 400), 8, fill=WHITE, outline=GRAY_L, width=4)  # notice board
    c.rect((440, 190, 720, 230), fill=BLUE)
    c.text((580, 210), "THỦ TỤC HÀNH CHÍNH", 18, WHITE, bold=True, anchor="mm", max_w=260)
    for j in range(6):
        c.line([(462, 252 + j * 24), (462 + (230 if j % 3 else 160), 252 + j * 24)], GRAY_L, 8)
    centres = [250, 820]
    for i, cx in enumerate(centres):
        person(c, cx, 640, 390, STAFF, skin=SKINS[3 - i], hair=HAIRS[i + 1], style="long" if i == 0 else "short",
               seated=True, badge=True, hands=[None, ((cx + 60, 505), (cx + 80, 522))])
        monitor(c, cx - 150, 512)
        plate(c, cx + 130, 532, f"QUẦY {i + 1}")
    counter(c, 40, 1120, 520, 770, face=TEAL)
    for cx in centres:
        c.rrect((cx - 130, 600, cx + 130, 660), 10, fill=shade(TEAL, 1.3))
        c.text((cx, 630), "TIẾP NHẬN HỒ SƠ", 22, NAVY, bold=True, anchor="mm", max_w=240)
    c.poly([(428, 512), (496, 506), (502, 526), (432, 532)], WHITE)  # papers handed over
    person(c, 580, 990, 600, SHIRTS[1], pants=(80, 84, 96), skin=SKINS[2], hair=HAIRS[0], view="back",
           hands=[((490, 600), (470, 530)), None])
    person(c, 1040, 830, 520, CORAL, skin=SKINS[1], hair=GRAY_HAIR, view="back", style="bun", seated=True)
    chair_back(c, 1040, 835, 150, BLUE)
    kiosk(c, 1400, 930)
    person(c, 1230, 990, 600, SHIRTS[4], pants=(64, 70, 86), skin=SKINS[0], hair=HAIRS[3], view="back",
           style="long", hands=[None, ((1320, 480), (1330, 400))])
    plant(c, 1565, 990, 1.0, rng)
    return c


def scene_training(rng):
    c = Canvas()
    room(c, (246, 244, 238), (230, 226, 216), 640, (210, 214, 222), (184, 190, 200))
    window(c, (40, 110, 260, 470))
    c.rrect((360, 40, 1240, 520), 10, fill=(70, 78, 92))
    c.rect((376, 56, 1224, 504), fill=WHITE)
    c.rect((376, 56, 1224, 160), fill=BLUE)
    c.text((800, 108), "TẬP HUẤN CHUYỂN ĐỔI SỐ - XÃ MỸ NGÃI", 40, WHITE, bold=True, anchor="mm", max_w=800)
    for j, (label, col) in enumerate((("Dịch vụ công", TEAL), ("Thanh toán số", AMBER), ("Chữ ký số", CORAL))):
        cx = 520 + j * 280
        c.circle(cx, 270, 64, col)
        c.rrect((cx - 26, 236, cx + 26, 304), 6, fill=WHITE)
        for k in range(3):
            c.line([(cx - 14, 254 + k * 16), (cx + 14, 254 + k * 16)], col, 4)
        c.text((cx, 374), label, 28, NAVY, bold=True, anchor="mm")
    c.rect((430, 424, 1170, 436), fill=GRAY_L)
    c.rect((430, 424, 900, 436), fill=TEAL)
    person(c, 1390, 680, 480, (60, 66, 84), pants=INK, skin=SKINS[1], hair=HAIRS[0], glasses=True,
           hands=[((1300, 330), (1240, 300)), None])
    plant(c, 1550, 700, 0.9, rng)

    def row(desk_y, seat, h, xs):
        c.rect((40, desk_y, 1300, desk_y + 16), fill=(236, 238, 240))
        c.rect((40, desk_y + 16, 1300, desk_y + 100), fill=WOOD)
        for i, px in enumerate(xs):
            lx = px + (70 if i % 2 else -70)
            c.poly([(lx - 80, desk_y + 6), (lx + 80, desk_y + 6), (lx + 92, desk_y + 16), (lx - 92, desk_y + 16)],
                   (170, 176, 186))
            c.rrect((lx - 76, desk_y - 104, lx + 76, desk_y + 4), 6, fill=(60, 66, 80))
            c.rect((lx - 68, desk_y - 96, lx + 68, desk_y - 4), fill=[BLUE_L, TEAL_L, (250, 226, 180)][i % 3])
            c.rect((lx - 68, desk_y - 96, lx + 68, desk_y - 78), fill=BLUE)
        for i, px in enumerate(xs):
            person(c, px, seat, h, SHIRTS[(i * 3 + seat) % len(SHIRTS)], skin=SKINS[i % 4],
                   hair=GRAY_HAIR if (i + seat) % 7 == 0 else HAIRS[i % 4], view="back",
                   style="long" if (i + seat // 10) % 3 == 0 else "short", seated=True)
            chair_back(c, px, seat + 8, h * 0.36, TEAL)

    row(650, 800, 340, [200, 520, 840, 1160])
    row(830, 1010, 450, [130, 560, 990])
    return c


def qr_grid(rng, n=29):
    grid = [[rng.random() < 0.5 for _ in range(n)] for _ in range(n)]
    for ox, oy in ((0, 0), (n - 7, 0), (0, n - 7)):
        for y in range(-1, 8):
            for x in range(-1, 8):
                if 0 <= ox + x < n and 0 <= oy + y < n:
                    ring = max(abs(x - 3), abs(y - 3))
                    grid[oy + y][ox + x] = ring in (0, 1, 3) if ring <= 3 else False
    for i in range(8, n - 8):
        grid[6][i] = grid[i][6] = i % 2 == 0
    return grid


def draw_qr(c, x0, y0, size, grid):
    m = size / len(grid)
    c.rect((x0 - m * 2, y0 - m * 2, x0 + size + m * 2, y0 + size + m * 2), fill=WHITE)
    for j, rowv in enumerate(grid):
        for i, on in enumerate(rowv):
            if on:
                c.rect((x0 + i * m, y0 + j * m, x0 + (i + 1) * m - 0.5, y0 + (j + 1) * m - 0.5), fill=INK)


def scene_qr(rng):
    c = Canvas()
    c.gradient((0, 0, W, 780), (220, 236, 238), (200, 222, 226))
    for x0 in (60, 1180):  # soft background: shelves and a colleague, blurred later
        c.rrect((x0, 120, x0 + 340, 600), 12, fill=(196, 184, 164))
        for j in range(10):
            c.rect((x0 + 20 + j * 31, 150, x0 + 42 + j * 31, 270), fill=[BLUE, TEAL, AMBER, CORAL][j % 4])
    plant(c, 1500, 700, 1.4, rng)
    window(c, (500, 60, 1100, 420))
    c.blur(9)
    c.gradient((0, 760, W, H), (246, 240, 230), (226, 214, 196))
    c.rect((0, 756, W, 772), fill=WOOD_D)
    # standing acrylic poster
    c.rrect((470, 800, 950, 846), 10, fill=(150, 160, 172))
    c.rrect((388, 70, 1032, 812), 18, fill=(190, 200, 210))
    c.rrect((400, 82, 1020, 800), 14, fill=WHITE)
    c.rrect((400, 82, 1020, 236), 14, fill=TEAL)
    c.rect((400, 200, 1020, 236), fill=TEAL)
    c.text((710, 140), "QUÉT MÃ ĐỂ NỘP PHÍ, LỆ PHÍ", 40, WHITE, bold=True, anchor="mm", max_w=570)
    c.text((710, 200), "Thanh toán không dùng tiền mặt", 26, (226, 246, 244), anchor="mm", max_w=570)
    grid = qr_grid(rng)
    c.rrect((520, 268, 900, 648), 16, fill=WHITE, outline=TEAL, width=5)
    draw_qr(c, 551, 299, 318, grid)
    c.rrect((680, 428, 740, 488), 8, fill=WHITE, outline=TEAL, width=4)
    star(c, 710, 458, 20, RED)
    c.text((710, 690), "Dùng ứng dụng ngân hàng hoặc ví điện tử", 22, NAVY, anchor="mm", max_w=580)
    c.text((710, 738), "Phí, lệ phí nộp thẳng vào ngân sách nhà nước", 20, GRAY, anchor="mm", max_w=580)
    # counter items
    c.rrect((130, 650, 230, 780), 10, fill=BLUE)
    for k, col in enumerate((RED, INK, BLUE_L)):
        c.line([(150 + k * 30, 650), (160 + k * 26, 570)], col, 8)
    c.rect((250, 736, 370, 772), fill=WHITE, outline=GRAY_L)
    # phone in hand
    skin = SKINS[1]
    c.stroke([(1330, 1080), (1420, 880)], CORAL, 190)  # sleeve
    c.stroke([(1300, 860), (1360, 760)], skin, 130)  # wrist
    c.rrect((1150, 560, 1390, 860), 90, fill=skin)  # palm behind the phone
    c.rrect((1112, 300, 1372, 820), 34, fill=INK)
    c.rrect((1126, 316, 1358, 804), 24, fill=(28, 34, 44))
    c.rect((1136, 350, 1348, 770), fill=(238, 244, 246))
    c.rect((1136, 350, 1348, 400), fill=TEAL)
    c.text((1242, 375), "Quét mã QR", 22, WHITE, bold=True, anchor="mm")
    draw_qr(c, 1180, 450, 124, grid)
    for sx, sy, dx, dy in ((1160, 426, 1, 1), (1324, 426, -1, 1), (1160, 598, 1, -1), (1324, 598, -1, -1)):
        c.line([(sx + dx * 34, sy), (sx, sy), (sx, sy + dy * 34)], AMBER, 6)
    c.line([(1166, 512), (1318, 512)], CORAL, 4)
    c.text((1242, 640), "Nộp phí, lệ phí", 20, NAVY, bold=True, anchor="mm")
    c.rrect((1166, 668, 1318, 710), 10, fill=TEAL)
    c.text((1242, 689), "Thanh toán", 18, WHITE, bold=True, anchor="mm")
    for k in range(4):  # fingers wrap round the left edge, thumb on the right
        c.rrect((1086, 560 + k * 62, 1146, 614 + k * 62), 27, fill=shade(skin, 0.96 + 0.01 * k))
    c.rrect((1344, 540, 1400, 690), 28, fill=shade(skin, 0.97))
    return c


def scene_community(rng):
    c = Canvas()
    c.gradient((0, 0, W, 640), (176, 214, 240), (232, 243, 248))
    for cx, cy, s in ((260, 260, 1.0), (1320, 300, 0.8)):
        for dx, dy, r in ((0, 0, 46), (50, -20, 56), (110, 0, 44), (56, 14, 40)):
            c.circle(cx + dx * s, cy + dy * s, r * s, WHITE)
    # house of culture
    c.poly([(180, 420), (520, 270), (860, 420)], (196, 92, 62))
    c.rect((230, 420, 810, 660), fill=(246, 232, 200))
    c.rect((230, 420, 810, 436), fill=(220, 200, 166))
    for wx in (280, 660):
        c.rect((wx, 480, wx + 90, 570), fill=(120, 170, 200))
        c.line([(wx + 45, 480), (wx + 45, 570)], (246, 232, 200), 5)
    c.rect((470, 500, 570, 660), fill=WOOD)
    # flag
    c.line([(1020, 250), (1020, 660)], GRAY, 6)
    c.rect((1023, 256, 1143, 336), fill=RED)
    star(c, 1083, 296, 26, GOLD)
    for tx in (90, 1480):
        c.rect((tx - 14, 420, tx + 14, 660), fill=WOOD_D)
        for dx, dy, r in ((0, -10, 110), (-70, 50, 80), (70, 50, 80), (0, 80, 80)):
            c.circle(tx + dx, 380 + dy, r, GREEN if dx else GREEN_D)
    c.gradient((0, 640, W, H), (200, 224, 170), (170, 200, 140))
    c.poly([(560, 640), (1040, 640), (1300, H), (300, H)], (232, 224, 206))
    # banner between bamboo poles
    for px in (190, 1410):
        c.line([(px, 40), (px, 680)], (176, 150, 90), 14)
    banner(c, (200, 60, 1400, 190), ["TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG"], bg=BLUE, fg=WHITE, size=64)
    # bench, elderly resident, helper
    for bx in (450, 830):
        c.rect((bx - 10, 590, bx + 10, 900), fill=WOOD_D)
    for by in (600, 650):
        c.rrect((430, by, 850, by + 30), 6, fill=WOOD)
    c.rect((420, 722, 860, 742), fill=shade(WOOD, 1.1))
    c.rect((420, 742, 860, 762), fill=WOOD_D)
    person(c, 640, 740, 560, (180, 90, 70), pants=(70, 60, 56), skin=SKINS[1], hair=GRAY_HAIR, style="bun",
           seated=True, legs_to=900, glasses=True, hands=[((600, 620), (680, 560)), ((700, 620), (740, 570))])
    c.rrect((684, 470, 744, 576), 10, fill=INK)
    c.rect((691, 482, 737, 560), fill=(170, 220, 236))
    c.rect((691, 482, 737, 500), fill=TEAL)
    c.circle(680, 560, 17, SKINS[1])
    c.circle(740, 570, 17, SKINS[1])
    person(c, 930, 960, 660, TEAL, pants=NAVY, skin=SKINS[0], hair=HAIRS[0], badge=True,
           hands=[((850, 600), (770, 530)), None])
    c.rect((1120, 716, 1400, 736), fill=WHITE)  # help desk with a laptop
    for tx in (1135, 1385):
        c.rect((tx - 6, 736, tx + 6, 880), fill=GRAY)
    c.rrect((1180, 610, 1320, 706), 6, fill=(60, 66, 80))
    c.rect((1188, 618, 1312, 698), fill=TEAL_L)
    c.poly([(1170, 706), (1330, 706), (1350, 716), (1150, 716)], (170, 176, 186))
    plant(c, 1500, 960, 0.8, rng)
    return c


def chart(kind, *args, **kw):
    return lambda rng: (bar_chart if kind == "bar" else line_chart)(*args, **kw)


QUARTERS = ["Quý 1", "Quý 2", "Quý 3", "Quý 4"]
IMAGES = {
    "2021/nguoi-dan-lam-thu-tuc-tai-ubnd-xa.jpg": (scene_ubnd_xa, 4),
    "2021/bieu-do-ho-so-truc-tuyen-2021.jpg": (chart(
        "bar", "Tỷ lệ hồ sơ nộp trực tuyến năm 2021 (%)", QUARTERS, [12, 18, 27, 35], 0, 40, 10,
        "Nguồn: UBND thành phố Cao Lãnh"), 3),
    "2022/bieu-do-giai-ngan-von-dau-tu-cong-2022.jpg": (chart(
        "bar", "Tỷ lệ giải ngân vốn đầu tư công năm 2022 (%)", QUARTERS, [15, 38, 61, 92], 0, 100, 20,
        "Nguồn: UBND thành phố Cao Lãnh"), 3),
    "2022/hoi-nghi-trien-khai-ke-hoach-cchc-2022.jpg": (scene_conference, 4),
    "2022/bo-phan-mot-cua-phuong-my-phu.jpg": (scene_mot_cua, 4),
    "2023/bieu-do-chi-so-par-index-2019-2023.jpg": (chart(
        "line", "Chỉ số cải cách hành chính (PAR INDEX) 2019–2023", ["2019", "2020", "2021", "2022", "2023"],
        [78.2, 80.5, 82.1, 84.7, 86.3], 76, 88, 2, "Nguồn: UBND thành phố Cao Lãnh"), 3),
    "2023/tap-huan-chuyen-doi-so-xa-my-ngai.jpg": (scene_training, 4),
    "2024/bieu-do-ho-so-dung-han-2024.jpg": (chart(
        "bar", "Tỷ lệ hồ sơ giải quyết đúng hạn năm 2024 (%)", QUARTERS, [96.1, 97.4, 98.2, 98.9], 90, 100, 2,
        "Nguồn: UBND thành phố Cao Lãnh", decimals=1, note="Lưu ý: trục tung bắt đầu từ 90%"), 3),
    "2024/ma-qr-thanh-toan-khong-dung-tien-mat.jpg": (scene_qr, 4),
    "2024/to-cong-nghe-so-cong-dong.jpg": (scene_community, 4),
}


def main(argv=None) -> int:
    default_out = Path(__file__).resolve().parent.parent / "content" / "articles"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=default_out, help=f"output directory (default: {default_out})")
    ap.add_argument("--only", metavar="NAME", help="regenerate one image (file name or year/file name)")
    args = ap.parse_args(argv)
    missing = [str(p) for p in FONT_FILES.values() if not p.is_file()]
    if missing:
        sys.exit("error: DejaVu Sans fonts not found (" + ", ".join(missing) + "); "
                 "install the Debian package fonts-dejavu-core (apt-get install fonts-dejavu-core)")
    names = list(IMAGES)
    if args.only:
        names = [n for n in names if args.only in (n, Path(n).name, Path(n).stem)]
        if not names:
            sys.exit(f"error: unknown image {args.only!r}; choose from: " + ", ".join(IMAGES))
    for name in names:
        draw, grain = IMAGES[name]
        rng = random.Random(name)  # str seeds are hashed with SHA-512: stable across runs
        img = draw(rng).finish(rng, grain)
        path = args.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        img.save(path, "JPEG", quality=85, progressive=True, optimize=True)
        print(f"{path}  {path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
