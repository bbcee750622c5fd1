"""Responsive images: our pipeline against pelican-image-process, side by side.

    make bench-images            # = python bench/images_bench.py [--runs 3] [--count 40]

Same N camera-like 3000×2000 JPEGs (bench/camera.py), same widths 480/960/1440:
- ours: a full build of a small site with ``pelicanconf.py`` (responsive_images
  in PLUGINS), cold cache (empty cache folder) then warm (same cache again);
- image-process: plain Pelican + Markdown + pelican-image-process, installed in
  its own venv ``bench/work/venv-image-process`` (never a project dependency),
  "srcset" = its README's responsive-image (JPEG), "picture" = AVIF+WebP+JPEG
  sources like ours (``--no-picture`` skips it). It has no cache outside the
  output folder: each run starts from an empty output, i.e. always cold.
Rounds run each build in turn (order rotated each round); medians are printed
with every run's time, then bytes, formats and checks of what each tool wrote.
Everything lives in bench/work/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import runpy
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _path in (str(ROOT), str(ROOT / "plugins")):  # `python bench/images_bench.py` from anywhere
    if _path not in sys.path:
        sys.path.append(_path)

from bench.images_sites import (DERIVATIVE_DIR, WIDTHS, Source, ensure_sources,  # noqa: E402
                                write_image_process, write_ours)

WORK = ROOT / "bench" / "work"
VENV = WORK / "venv-image-process"
IMAGE_PROCESS = "pelican-image-process==3.4.0"  # latest on PyPI that runs with Pelican 4.12 (checked)
PLUGIN = "responsive_images"
OURS_NAME = re.compile(r"^(?P<stem>.+)-[0-9a-f]{8}-(?P<w>\d+)(?P<crop>x\d+)?\.\w+$")
SRCSET = re.compile(r'srcset="([^"]*)"')


@dataclass
class Survey:
    """What a tool wrote: files, bytes, formats, and how the width variants look."""

    files: int = 0
    bytes: int = 0
    pixels: int = 0  # of the width variants
    formats: Counter = field(default_factory=Counter)  # files per Pillow format
    format_bytes: Counter = field(default_factory=Counter)
    width_files: int = 0
    width_bytes: int = 0
    upright: int = 0  # width variants whose orientation matches the displayed photo
    gps: int = 0  # files still carrying GPS coordinates
    in_srcset: int = 0  # source images named in some srcset of the HTML


@dataclass
class Job:
    label: str
    times: list[float] = field(default_factory=list)
    note: str = ""  # the plugin's "Ảnh: …" line, or the error
    survey: Survey | None = None


def ensure_venv() -> Path:
    """The benchmark venv with image-process, the same Pelican/Markdown/Pillow as ours."""
    requirements = [IMAGE_PROCESS] + [f"{name}=={version(name)}" for name in ("pelican", "markdown", "pillow")]
    python, stamp = VENV / "bin" / "python", VENV / ".bench-installed"
    if stamp.is_file() and stamp.read_text() == " ".join(requirements):
        return python
    print(f"Cài {' '.join(requirements)} vào {VENV.relative_to(ROOT)} …", flush=True)
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                          *requirements], capture_output=True, text=True)
    if pip.returncode:
        sys.exit(f"pip install thất bại:\n{pip.stderr[-3000:]}")
    stamp.write_text(" ".join(requirements))
    return python


def ours_enabled() -> bool:
    return PLUGIN in runpy.run_path(str(ROOT / "pelicanconf.py")).get("PLUGINS", ())


def _clean(*folders: Path) -> None:
    for folder in folders:
        for path in (folder, folder.with_name(folder.name + ".tmp"), folder.with_name(folder.name + ".old")):
            shutil.rmtree(path, ignore_errors=True)


def _timed(cmd: list[str], cwd: Path, env: dict) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    return time.perf_counter() - started, proc


def _fail(job: Job, proc: subprocess.CompletedProcess) -> None:
    tail = "\n    ".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
    raise RuntimeError(f"{job.label}: bản dựng lỗi (mã {proc.returncode}):\n    {tail}")


def _image_line(proc: subprocess.CompletedProcess) -> str:
    return next((line for line in proc.stderr.splitlines() if line.startswith("Ảnh:")), "(không có dòng Ảnh:)")


def run_ours(cold: Job, warm: Job | None, site: Path, out: Path, cache: Path, formats: list[str] | None = None) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "plugins"), str(ROOT)]))
    # One -e with every override: Pelican keeps only the last -e it is given.
    cmd = [sys.executable, "-m", "pelican", str(site), "-s", "pelicanconf.py", "-o", str(out),
           "-e", f"CACHE_PATH={json.dumps(str(cache))}"]  # every cache of ours (images, content, related, templates)
    if formats:
        cmd.append(f"RESPONSIVE_IMAGES_FORMATS={json.dumps(formats)}")
    _clean(out, cache)
    for job in (cold, warm) if warm else (cold,):
        _clean(out)  # the cache alone makes the second build warm
        seconds, proc = _timed(cmd, ROOT, env)
        if proc.returncode:
            _fail(job, proc)
        job.times.append(seconds)
        job.note = _image_line(proc)


def run_image_process(job: Job, python: Path, settings: Path, out: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    _clean(out)
    seconds, proc = _timed([str(python), "-m", "pelican", str(settings.parent / "content"), "-s", str(settings),
                            "-o", str(out)], settings.parent, env)
    if proc.returncode:
        _fail(job, proc)
    job.times.append(seconds)


def survey(out: Path, files: list[Path], stem_of, sources: dict[str, Source]) -> Survey:
    """Open every derivative's header; ``stem_of(path)`` → (source stem, is a width variant)."""
    from PIL import Image

    s = Survey()
    for path in files:
        with Image.open(path) as img:
            (w, h), fmt, gps = img.size, img.format, bool(img.getexif().get_ifd(0x8825))
        size = path.stat().st_size
        s.files, s.bytes, s.gps = s.files + 1, s.bytes + size, s.gps + gps
        s.formats[fmt] += 1
        s.format_bytes[fmt] += size
        stem, is_width = stem_of(path)
        if is_width:
            s.width_files, s.width_bytes, s.pixels = s.width_files + 1, s.width_bytes + size, s.pixels + w * h
            source = sources.get(stem)
            s.upright += source is not None and (h > w) == (source.orientation in (5, 6, 7, 8))
    named = set()
    for page in out.rglob("*.html"):
        for value in SRCSET.findall(page.read_text(encoding="utf-8", errors="replace")):
            named.update(stem for stem in sources if stem in value)
    s.in_srcset = len(named)
    return s


def survey_ours(out: Path, sources: dict[str, Source]) -> Survey:
    def stem_of(path: Path):
        m = OURS_NAME.match(path.name)
        return (m["stem"], not m["crop"]) if m else (path.stem, False)

    files = sorted(p for p in (out / "anh").rglob("*") if p.is_file())
    return survey(out, files, stem_of, sources)


def survey_image_process(out: Path, sources: dict[str, Source]) -> Survey:
    files = sorted(p for p in out.rglob("*") if p.is_file() and DERIVATIVE_DIR in p.relative_to(out).parts)
    return survey(out, files, lambda p: (p.stem, True), sources)


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def report(jobs: list[Job], sources: list[Source], runs: int, ours_missing: str) -> None:
    originals = sum(s.path.stat().st_size for s in sources)
    turned = sum(s.orientation == 6 for s in sources)
    print(f"\n{len(sources)} ảnh gốc 3000×2000 ({turned} có EXIF Orientation 6, {len(sources) - turned} thẳng), "
          f"{_mb(originals)}; chiều rộng {', '.join(map(str, WIDTHS))}; {runs} lượt, máy {os.cpu_count()} nhân")
    print(f"\n{'':40}{'trung vị':>10}   từng lượt (s)")
    for job in jobs:
        median = f"{statistics.median(job.times):.2f} s" if job.times else ours_missing
        print(f"{job.label:40}{median:>10}   {' '.join(f'{t:.2f}' for t in job.times)}")
    ours_cold = [job for job in jobs if job.label.startswith("ours") and "lạnh" in job.label]
    for job in (j for j in jobs if not j.label.startswith("ours")):
        for cold in ours_cold:
            ratio = (f"{statistics.median(job.times) / statistics.median(cold.times):.2f}×"
                     if cold.times else ours_missing)
            print(f"tỉ lệ {job.label} / {cold.label}: {ratio}")
    for job in (j for j in jobs if j.label.startswith("ours") and j.note):
        if job.times:
            print(f"{job.label}: {job.note}")
    print(f"\n{'':40}{'tệp':>5} {'tổng':>9} {'% gốc':>6} {'srcset':>9} {'Mpx':>6}  {'đúng chiều':>10} "
          f"{'còn GPS':>7} {'có srcset':>9}  định dạng")
    for job in (j for j in jobs if j.survey is not None or not j.label.startswith("ours")):
        s = job.survey
        label = "ours (AVIF+WebP+JPEG)" if job.label.startswith("ours") else job.label
        if s is None:
            print(f"{label:40}{ours_missing}")
            continue
        formats = ", ".join(f"{fmt} {n} ({_mb(s.format_bytes[fmt])})" for fmt, n in sorted(s.formats.items()))
        print(f"{label:40}{s.files:>5} {_mb(s.bytes):>9} {100 * s.bytes / originals:>5.1f}% {_mb(s.width_bytes):>9} "
              f"{s.pixels / 1e6:>6.1f}  {f'{s.upright}/{s.width_files}':>10} {s.gps:>7} "
              f"{f'{s.in_srcset}/{len(sources)}':>9}  {formats}")
    print("\nsrcset: byte của các bản theo chiều rộng (ours còn có ảnh thu nhỏ 352×220 và ảnh chia sẻ 1200×630);"
          "\nđúng chiều: bản theo chiều rộng có chiều dọc/ngang như ảnh hiển thị (sau khi xoay theo EXIF);"
          "\ncó srcset: số ảnh gốc được nêu trong một srcset của HTML. image-process chạy một tiến trình,"
          f"\nours dùng mọi nhân; image-process còn chép {len(sources)} ảnh gốc vào output (ours thì không).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/images_bench.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="số lượt (mặc định 3; báo trung vị)")
    parser.add_argument("--count", type=int, default=40, help="số ảnh gốc (mặc định 40)")
    parser.add_argument("--no-picture", action="store_true", help="bỏ cấu hình picture (AVIF+WebP+JPEG) của image-process")
    args = parser.parse_args(argv)

    sources = ensure_sources(WORK / "images-src", args.count)
    by_stem = {s.path.stem: s for s in sources}
    python = ensure_venv()
    ours_site = WORK / "site-ours"
    write_ours(ours_site, sources)
    variants = ["srcset"] + ([] if args.no_picture else ["picture"])
    ip_settings = {v: write_image_process(WORK / f"site-image-process-{v}", sources, v) for v in variants}

    ours_missing = "" if ours_enabled() else "chưa có"  # not in PLUGINS yet: image-process only
    cold, warm = Job("ours AVIF+WebP+JPEG, cache lạnh"), Job("ours AVIF+WebP+JPEG, cache ấm")
    cold2 = Job("ours WebP+JPEG, cache lạnh")
    ip_jobs = {v: Job(f"image-process {v}, " + ("JPEG" if v == "srcset" else "AVIF+WebP+JPEG"))
               for v in variants}

    def ours() -> None:
        run_ours(cold, warm, ours_site, WORK / "out-ours", WORK / "cache-ours")
        run_ours(cold2, None, ours_site, WORK / "out-ours-webp", WORK / "cache-ours-webp", ["webp", "jpeg"])

    tasks = ([] if ours_missing else [ours]) + [
        lambda v=v: run_image_process(ip_jobs[v], python, ip_settings[v], WORK / f"out-image-process-{v}")
        for v in variants]
    for round_ in range(args.runs):
        print(f"Lượt {round_ + 1}/{args.runs} …", flush=True)
        for task in tasks[round_ % len(tasks):] + tasks[:round_ % len(tasks)]:
            if task is ours and ours_missing:
                continue
            try:
                task()
            except RuntimeError as exc:
                print(exc, file=sys.stderr)
                if task is not ours:
                    return 1
                ours_missing = "lỗi (xem trên)"  # a failing plugin does not stop the comparison
                for job in (cold, warm, cold2):
                    job.times.clear()
    if not ours_missing:
        warm.survey = survey_ours(WORK / "out-ours", by_stem)
    for v in variants:
        ip_jobs[v].survey = survey_image_process(WORK / f"out-image-process-{v}", by_stem)
    report([cold, warm, cold2, *ip_jobs.values()], sources, args.runs, ours_missing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
