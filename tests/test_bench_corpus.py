"""bench/corpus.py (labelled synthetic articles) and the helpers of bench/related_eval.py."""

import re
import unicodedata
from collections import Counter, namedtuple
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

import pelicanconf
from bench import vocabulary as V
from bench.corpus import generate, write_site
from bench.related_eval import baseline_tag_overlap, coverage, precision_at_k, strip_markdown
from front_matter.slugs import slugify
from tests.helpers import check

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(scope="module")
def articles():
    return generate(400, seed=7)


def test_same_seed_same_articles_other_seed_others():
    assert generate(50, seed=3) == generate(50, seed=3)
    assert [a.title for a in generate(50, seed=3)] != [a.title for a in generate(50, seed=4)]


def test_slugs_unique_and_equal_to_slugify_of_title(articles):
    assert len({a.slug for a in articles}) == len(articles)
    assert all(a.slug == slugify(a.title) for a in articles)


def test_all_text_is_nfc(articles):
    for a in articles:
        for text in (a.title, a.author, a.category, a.unit, a.summary, a.body, *a.tags):
            assert unicodedata.is_normalized("NFC", text), a.slug


def test_every_topic_present_and_balanced(articles):
    counts = Counter(a.topic for a in articles)
    assert sorted(counts) == list(range(8))
    assert max(counts.values()) - min(counts.values()) <= 1
    assert {a.topic for a in generate(30, topics=3)} == {0, 1, 2}


def test_body_shape_dates_and_periods(articles):
    for a in articles:
        paragraphs = a.body.split("\n\n")
        assert 4 <= len(paragraphs) <= 8, a.slug
        assert 250 <= len(a.body.split()) <= 600, a.slug
        assert datetime(2015, 1, 1, tzinfo=TZ) <= a.date < datetime(2026, 1, 1, tzinfo=TZ)
        assert a.date.tzinfo.key == "Asia/Ho_Chi_Minh"
        year, quarter = map(int, re.fullmatch(r"(\d{4})-Q([1-4])", a.period).groups())
        own = (a.date.year, (a.date.month - 1) // 3 + 1)
        previous = (own[0], own[1] - 1) if own[1] > 1 else (own[0] - 1, 4)
        assert (year, quarter) in (own, previous), a.slug  # a report may cover the quarter before
    # Noise: articles borrow sentences from other topics.
    other_topics = [s for t in V.TOPICS[1:] for s in t.sentences if "{" not in s]
    land = [a for a in articles if a.topic == 0]
    assert any(s in a.body for a in land for s in other_topics)


def test_generic_mode_has_one_category_real_mode_follows_topics(articles):
    assert {a.category for a in articles} == {"Tin tức - Sự kiện"}
    real = generate(400, seed=7, category_mode="real")
    assert {a.category for a in real} <= set(pelicanconf.FRONT_MATTER_CATEGORIES)
    matching = sum(a.category == V.TOPICS[a.topic].category for a in real)
    assert 0.75 * len(real) <= matching < len(real)  # correlated, with some noise


def test_tag_modes(articles):
    assert all(len(a.tags) <= 2 for a in articles)
    assert sum(not a.tags for a in articles) >= 0.3 * len(articles)
    topical = sum(t in V.TOPICS[a.topic].tags for a in articles for t in a.tags)
    assert topical < 0.6 * sum(len(a.tags) for a in articles)  # weakly related to the topic
    assert all(a.tags == () for a in generate(50, tags="none"))
    for a in generate(50, tags="rich"):
        assert 2 <= len(a.tags) <= 4 and set(a.tags) <= set(V.TOPICS[a.topic].tags)


def test_vocabulary_is_consistent():
    assert set(V.CATEGORIES) == set(pelicanconf.FRONT_MATTER_CATEGORIES)
    tags = [t for topic in V.TOPICS for t in topic.tags] + list(V.GENERIC_TAGS)
    slugs = {}
    for tag in tags:  # one spelling per tag page (front_matter.collisions)
        assert slugs.setdefault(slugify(tag), tag) == tag
    assert len(V.TOPICS) >= 8 and all(len(t) == 2 for t in V.CLOSE_TOPICS)


def test_write_site_passes_the_checker(tmp_path):
    articles = generate(25, seed=2, category_mode="real", tags="rich", photos=True)
    write_site(articles, tmp_path, photos=True)
    files = sorted(tmp_path.rglob("*.md"))
    assert len(files) == 26 and (tmp_path / "pages" / "gioi-thieu.md").exists()
    photos = sorted(tmp_path.rglob("*.jpg"))
    assert len(photos) == 3 and photos[0].read_bytes()[:2] == b"\xff\xd8"
    text = (tmp_path / "articles" / str(articles[0].date.year) / f"{articles[0].slug}.md").read_text("utf-8")
    assert f"image: \"{articles[0].slug}.jpg\"" in text and "tags: [" in text
    result = check("--content", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


Doc = namedtuple("Doc", "id tags")


def test_baseline_is_related_posts_tag_overlap():
    docs = [Doc("a", ("x", "y")), Doc("b", ("y",)), Doc("c", ("x", "y")), Doc("d", ()),
            Doc("e", ("x",)), Doc("f", ("z",))]
    related = baseline_tag_overlap(docs, k=2)
    assert related["a"] == ["c", "e"]  # c shares two tags; e and b one: e first (tag x comes first in a)
    assert related["b"] == ["a", "c"]  # ties in site order
    assert related["d"] == [] and related["f"] == []  # no tag, or nobody shares it
    assert baseline_tag_overlap(docs, k=5)["a"] == ["c", "e", "b"]


def test_precision_at_k_counts_missing_suggestions_as_wrong():
    truth = {"a": 0, "b": 0, "c": 1, "d": 1}
    results = {"a": ["b", "c"], "b": [], "c": ["d"], "d": ["a", "b", "c"]}
    assert precision_at_k(results, truth, k=2) == pytest.approx((1 / 2 + 0 + 1 / 2 + 0) / 4)
    assert precision_at_k(results, truth, k=2, missing_as_wrong=False) == pytest.approx((1 / 2 + 1 + 0) / 3)
    assert coverage(results, truth) == 0.75


def test_strip_markdown():
    text = "## Tiêu đề\n\n**Đậm** và *nghiêng*, [liên kết](a.html) ![ảnh](b.jpg)\n\n- mục <br> một"
    assert strip_markdown(text) == "Tiêu đề\n\nĐậm và nghiêng, liên kết ảnh\n\nmục   một"
