"""Synthetic Vietnamese reform-news articles with a known true topic each.

Used by the related-articles evaluation (bench/related_eval.py) and the build
benchmark. Deterministic: one ``random.Random(seed)`` drives the articles (each
photo is seeded by its slug). API: ``generate(n, seed, …) -> [GeneratedArticle]``
and ``write_site(articles, root, photos=…)``; the CLI does both:

    python bench/corpus.py --n 1000 --out DIR [--seed 0] [--category-mode real]
                           [--tags sparse|none|rich] [--photos]

writes ``DIR/articles/<year>/<slug>.md`` (+ ``DIR/pages/gioi-thieu.md``) with our
front matter and prints counts. The written site passes ``front_matter.check``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from random import Random
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
for _path in (str(ROOT), str(ROOT / "plugins")):  # `python bench/corpus.py` from anywhere
    if _path not in sys.path:
        sys.path.append(_path)

from bench import vocabulary as V  # noqa: E402
from front_matter.slugs import slugify  # noqa: E402

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_DAY, LAST_DAY = date(2015, 1, 1).toordinal(), date(2025, 12, 31).toordinal()
GENERIC_SHARE = 0.2  # share of body sentences in the shared register
CATEGORY_NOISE = 0.15  # real mode: share of articles filed under another category
PHOTO_EVERY = 10
CATEGORY_MODES = ("generic", "real")
TAG_MODES = ("sparse", "none", "rich")
ALL_TAGS = tuple(dict.fromkeys([t for topic in V.TOPICS for t in topic.tags] + list(V.GENERIC_TAGS)))


@dataclass(frozen=True)
class GeneratedArticle:
    slug: str
    title: str
    date: datetime  # Asia/Ho_Chi_Minh
    author: str
    category: str
    tags: tuple[str, ...]
    unit: str
    period: str  # "2023-Q2"
    summary: str
    body: str  # Markdown paragraphs separated by blank lines
    topic: int  # the true topic: index into vocabulary.TOPICS
    image: str | None = None  # file name beside the article (photos=True, every 10th article)
    image_alt: str | None = None
    image_caption: str | None = None


class _Rng(Random):
    """``random.Random`` with choice/randint in one C call (deterministic, bias < 2**-40)."""

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


def _percent(r: _Rng) -> str:
    value = r.randint(650, 1000) / 10
    return "100%" if value >= 100 else f"{value:.1f}%".replace(".", ",")


# Slots drawn afresh at each use (see vocabulary.py for their meaning).
_DRAWS = {
    "term": lambda s, r: r.choice(V.TOPICS[s.topic].nouns),
    "n": lambda s, r: str(r.randint(2, 60)),
    "big": lambda s, r: f"{r.randint(120, 15000):,}".replace(",", "."),
    "pct": lambda s, r: _percent(r),
    "date": lambda s, r: f"{r.randint(1, 28)}/{r.randint(1, s.month)}/{s['year']}",
    "score": lambda s, r: f"{r.randint(7800, 9300) / 100:.2f}".replace(".", ","),
    "rank": lambda s, r: f"{r.randint(1, 12)}/12",
    "home": lambda s, r: r.choice(V.COMMUNES)[1],
    "male": lambda s, r: r.choice(V.MALE_NAMES),
    "female": lambda s, r: r.choice(V.FEMALE_NAMES),
}


class _Slots(dict):
    """Template slots: fixed per article, drawn afresh on each use when missing."""

    def __init__(self, rng: _Rng, topic: int, **fixed: str):
        super().__init__(fixed)
        self.rng, self.topic, self.month = rng, topic, 12

    def __missing__(self, key: str) -> str:
        return _DRAWS[key](self, self.rng)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pick_unit(rng: Random, topic: V.Topic) -> tuple[str, str, str, str]:
    """(unit in front matter, agency in prose, unit in titles, commune or ward in prose).

    A city department writes only about its own field; the city and communes about all."""
    roll = rng.random()
    if roll < 0.3 and topic.units:
        name = rng.choice(topic.units)
        return name, name, name, rng.choice(V.COMMUNES)[1]
    if roll < 0.45:
        return V.CITY[0], "Ủy ban nhân dân thành phố", V.CITY[1], V.CITY[1]
    unit, place = rng.choice(V.COMMUNES)
    return unit, "Ủy ban nhân dân " + place, place, place


def _pick_date(rng: Random) -> tuple[datetime, int, int]:
    day = date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY))
    when = datetime(day.year, day.month, day.day, rng.randint(7, 17), rng.choice((0, 15, 30, 45)), tzinfo=TZ)
    year, quarter = day.year, (day.month - 1) // 3 + 1
    # A report published early in a quarter often covers the previous one.
    if day.month in (1, 4, 7, 10) and day.day <= 15 and rng.random() < 0.3 and (year, quarter) > (2015, 1):
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return when, year, quarter


def _tags(rng: Random, topic: int, mode: str) -> tuple[str, ...]:
    own = V.TOPICS[topic].tags
    if mode == "none":
        return ()
    if mode == "rich":
        return tuple(rng.sample(own, rng.randint(2, min(4, len(own)))))
    count = rng.choices((0, 1, 2), weights=(45, 35, 20))[0]
    tags: list[str] = []
    while len(tags) < count:  # weakly related: 30% from the topic, else any tag at all
        tag = rng.choice(own) if rng.random() < 0.3 else rng.choice(ALL_TAGS)
        if tag not in tags:
            tags.append(tag)
    return tuple(tags)


def _category(rng: Random, topic: int, mode: str) -> str:
    if mode == "generic":
        return V.NEWS
    return rng.choice(V.CATEGORIES) if rng.random() < CATEGORY_NOISE else V.TOPICS[topic].category


class _Deck:
    """Templates dealt without repetition until the pack runs out (then reshuffled)."""

    def __init__(self, rng: Random, pack: tuple[str, ...]):
        self.random, self.pack, self.cards = rng.random, pack, []

    def draw(self) -> str:
        cards = self.cards or list(self.pack)
        self.cards = cards
        i = int(self.random() * len(cards))
        card, cards[i] = cards[i], cards[-1]
        cards.pop()
        return card


def _body(rng: Random, slots: _Slots, topic: int, lead: str, noise: float, n_topics: int) -> str:
    """4–8 paragraphs, 250–600 words: lead, 2–6 paragraphs, closing.

    Body sentences: 20% in the shared register (naming a phrase of the topic or of
    its close topic), ``noise`` from other topics (2/3 from a close one), the rest
    from the article's own topic.
    """
    others = [t for t in range(n_topics) if t != topic] or [topic]
    close = rng.choice([t for t in V.CLOSE_TOPICS[topic] if t < n_topics] or others)
    secondary = (close, close, rng.choice([t for t in others if t != close] or others))
    decks = {t: _Deck(rng, V.TOPICS[t].sentences) for t in {topic, *secondary}}
    generic = _Deck(rng, V.GENERIC)
    generic_share = min(GENERIC_SHARE, 1 - noise)
    noise_bar = generic_share + noise

    def sentence() -> str:
        roll = rng.random()
        if roll < generic_share:
            slots.topic, template = (topic if roll < generic_share / 2 else close), generic.draw()
        elif roll < noise_bar:
            slots.topic = rng.choice(secondary)
            template = decks[slots.topic].draw()
        else:
            slots.topic, template = topic, decks[topic].draw()
        return template.format_map(slots)  # templates start with a capital or {agency}

    middle = rng.randint(2, 6)
    paragraphs = [[lead]] + [[sentence(), sentence()] for _ in range(middle)]
    slots.topic = topic
    closing = rng.choice(V.CLOSINGS).format_map(slots)
    words = sum(s.count(" ") + 1 for p in paragraphs for s in p) + closing.count(" ") + 1
    target = rng.randint(250, 560)
    while words < target:
        text = sentence()
        paragraphs[rng.randint(0, middle)].append(text)
        words += text.count(" ") + 1
    paragraphs.append([closing])
    return "\n\n".join(" ".join(p) for p in paragraphs)


def _slug(title: str, cache: dict[str, str]) -> str:
    """``slugify(title)``, word by word through a cache (the generator's hot spot).

    Equal to slugify(title): unidecode folds each character on its own and every
    run of non-alphanumerics becomes one "-" (tests/test_bench_corpus.py checks it).
    """
    parts = []
    for word in title.split():
        slug = cache.get(word)
        if slug is None:
            slug = cache[word] = slugify(word)
        if slug:
            parts.append(slug)
    return "-".join(parts)


def _title(rng: Random, slots: _Slots, topic: V.Topic, times: tuple[str, ...], seen: set[str],
           cache: dict[str, str]) -> tuple[str, str]:
    """A title with a new slug (numbered templates after 4 collisions); sets action/noun/time."""
    for attempt in range(24):
        slots.update(action=rng.choice(topic.actions), noun=rng.choice(topic.nouns), time=rng.choice(times))
        title = rng.choice(V.TITLES if attempt < 4 else V.NUMBERED_TITLES).format_map(slots)
        if attempt >= 16:  # never seen at 50,000 articles, but titles must stay unique
            title += f" (đợt {attempt - 14})"
        slug = _slug(title, cache)
        if slug not in seen:
            seen.add(slug)
            return title, slug
    raise RuntimeError("không tạo được tiêu đề khác nhau; thêm mẫu tiêu đề trong bench/vocabulary.py")


def generate(n: int, seed: int = 0, *, topics: int = 8, noise: float = 0.3, category_mode: str = "generic",
             tags: str = "sparse", photos: bool = False) -> list[GeneratedArticle]:
    """``n`` articles; ``result[i].topic`` is article i's true topic (balanced, shuffled).

    ``noise``: expected share of body sentences taken from two other topics, 2/3 of
    them from a close topic (vocabulary.CLOSE_TOPICS); 20% more are in the shared
    register. Title, lead, summary and closing stay on the topic.
    ``category_mode``: "generic" files everything under "Tin tức - Sự kiện"; "real"
    under the topic's reform area, 15% of the time under a random category.
    ``tags``: "sparse" 0–2 tags (45% untagged), each from the topic with p=0.3, else
    any tag; "none"; "rich" 2–4 of the topic's tags. ``photos``: every 10th article
    (index 0, 10, …) gets ``image``, ``image_alt`` and ``image_caption``.
    """
    if not 1 <= topics <= len(V.TOPICS):
        raise ValueError(f"topics phải từ 1 đến {len(V.TOPICS)}")
    if category_mode not in CATEGORY_MODES or tags not in TAG_MODES or not 0 <= noise <= 1:
        raise ValueError(f"cần category_mode ∈ {CATEGORY_MODES}, tags ∈ {TAG_MODES}, 0 ≤ noise ≤ 1")
    rng = _Rng(seed)
    truth = [i % topics for i in range(n)]
    rng.shuffle(truth)
    seen: set[str] = set()
    word_slugs: dict[str, str] = {}
    articles = []
    for index, topic_id in enumerate(truth):
        topic = V.TOPICS[topic_id]
        unit, agency, where, place = _pick_unit(rng, topic)
        when, year, quarter = _pick_date(rng)
        quarter_label = f"quý {V.ROMAN[quarter - 1]}/{year}"
        slots = _Slots(rng, topic_id, agency=agency, place=place, where=where, subject=_capital(where),
                       year=str(year), quarter=quarter_label)
        slots.month = when.month if year == when.year else 12  # dates in the text precede publication
        title, slug = _title(rng, slots, topic, (f"năm {year}", quarter_label, f"Quý {quarter} năm {year}"), seen,
                             word_slugs)
        lead = _capital(rng.choice(V.LEADS).format_map(slots))
        summary = _capital(rng.choice(V.SUMMARIES).format_map(slots))
        image = alt = caption = None
        if photos and index % PHOTO_EVERY == 0:
            image = f"{slug}.jpg"
            alt = f"Hình minh họa gồm các khối màu đơn giản cho bài về {slots['noun']}"
            caption = f"{_capital(slots['noun'])}: {where}"
        articles.append(GeneratedArticle(
            slug=slug, title=title, date=when, author=rng.choice(V.AUTHORS),
            category=_category(rng, topic_id, category_mode), tags=_tags(rng, topic_id, tags), unit=unit,
            period=f"{year}-Q{quarter}", summary=summary, topic=topic_id,
            body=_body(rng, slots, topic_id, lead, noise, topics),
            image=image, image_alt=alt, image_caption=caption,
        ))
    return articles


def _photo(article: GeneratedArticle, path: Path) -> None:
    """An 800×500 JPEG of solid shapes, different for every article (seeded by its slug)."""
    from PIL import Image, ImageDraw  # only needed with photos

    rng = Random(article.slug)
    image = Image.new("RGB", (800, 500), tuple(rng.randint(150, 240) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = rng.randint(0, 700), rng.randint(0, 400)
        box = (x, y, x + rng.randint(60, 300), y + rng.randint(60, 250))
        colour = tuple(rng.randint(20, 200) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=colour)
    image.save(path, "JPEG", quality=80)


def _front_matter(a: GeneratedArticle, photos: bool) -> str:
    q = lambda text: json.dumps(text, ensure_ascii=False)  # noqa: E731 (YAML reads JSON strings)
    lines = ["---", f"title: {q(a.title)}", f"date: {a.date:%Y-%m-%d %H:%M}", f"author: {q(a.author)}",
             f"category: {q(a.category)}"]
    if a.tags:
        lines.append(f"tags: [{', '.join(map(q, a.tags))}]")
    lines += [f"summary: {q(a.summary)}", f"period: {q(a.period)}", f"unit: {q(a.unit)}"]
    if photos and a.image:
        lines += [f"image: {q(a.image)}", f"image_alt: {q(a.image_alt)}", f"image_caption: {q(a.image_caption)}"]
    return "\n".join(lines) + "\n---\n\n"


def write_site(articles: list[GeneratedArticle], root: Path, *, photos: bool = False) -> None:
    """Write ``root/articles/<year>/<slug>.md`` (+ a JPEG beside every article with an
    image when ``photos``) and ``root/pages/gioi-thieu.md``."""
    root = Path(root)
    for a in articles:
        folder = root / "articles" / str(a.date.year)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{a.slug}.md").write_text(_front_matter(a, photos) + a.body + "\n", encoding="utf-8")
        if photos and a.image:
            _photo(a, folder / a.image)
    (root / "pages").mkdir(parents=True, exist_ok=True)
    (root / "pages" / "gioi-thieu.md").write_text(V.ABOUT_PAGE, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/corpus.py", description="Sinh một trang tin thử nghiệm.")
    parser.add_argument("--n", type=int, default=1000, help="số bài viết (mặc định 1000)")
    parser.add_argument("--out", type=Path, required=True, help="thư mục nội dung cần ghi")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--topics", type=int, default=8)
    parser.add_argument("--noise", type=float, default=0.3)
    parser.add_argument("--category-mode", choices=CATEGORY_MODES, default="generic")
    parser.add_argument("--tags", choices=TAG_MODES, default="sparse")
    parser.add_argument("--photos", action="store_true", help="thêm ảnh JPEG cho mỗi bài thứ 10")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    articles = generate(args.n, args.seed, topics=args.topics, noise=args.noise,
                        category_mode=args.category_mode, tags=args.tags, photos=args.photos)
    generated = time.perf_counter()
    write_site(articles, args.out, photos=args.photos)
    written = time.perf_counter()
    words = sum(len(a.body.split()) for a in articles)
    print(f"{len(articles)} bài viết, {len({a.topic for a in articles})} chủ đề, "
          f"{len({a.category for a in articles})} chuyên mục, {sum(bool(a.tags) for a in articles)} bài có thẻ, "
          f"{sum(bool(a.image) for a in articles)} ảnh, {words} từ")
    print(f"sinh {generated - started:.2f} s, ghi {written - generated:.2f} s → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
