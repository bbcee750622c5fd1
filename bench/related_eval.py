"""Labelled evaluation of "Có thể bạn quan tâm" (plugins/related_articles/ranking.py).

Every generated article has a known true topic (bench/corpus.py). We rank with
our algorithm and with the tag-overlap baseline of pelican-plugins/related-posts
and report precision@k, i.e. the share of suggested articles with the same true
topic. Prints figures only (CONVENTIONS.md: benchmarks are commands, not tests).

    python bench/related_eval.py [--n 1000] [--seed 0] [--k 5]
    python bench/related_eval.py --sizes 10000,50000 --timing-only

The corpus is generated with one category for all ("Tin tức - Sự kiện") and
sparse, weakly related tags: the situation of a real site where editors tag
little, so neither the category nor the tags give the topic away.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from itertools import chain
from pathlib import Path
from typing import Mapping, Sequence

ROOT = Path(__file__).resolve().parent.parent
for _path in (str(ROOT), str(ROOT / "plugins")):  # `python bench/related_eval.py` from anywhere
    if _path not in sys.path:
        sys.path.append(_path)

from bench.corpus import GeneratedArticle, generate  # noqa: E402

RUNS = 3
_MARKDOWN = (  # (pattern, replacement), applied in order
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image → its alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # link → its text
    (re.compile(r"<[^>]+>"), " "),  # inline HTML
    (re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+\.[ \t]+)", re.MULTILINE), ""),  # block markers
    (re.compile(r"(\*\*|__|\*|`)"), ""),  # emphasis, code
)


def strip_markdown(text: str) -> str:
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return text


def to_documents(articles: Sequence[GeneratedArticle]) -> list:
    """Ranking documents, newest first (the order of Pelican's article list)."""
    from related_articles.ranking import Document

    documents = []
    for a in sorted(articles, key=lambda a: (a.date, a.slug), reverse=True):
        year, quarter = a.period.split("-Q")
        documents.append(Document(
            id=a.slug, title=a.title, text=strip_markdown(a.summary + "\n\n" + a.body), tags=a.tags,
            category=a.category, unit=a.unit, period=int(year) * 4 + int(quarter) - 1, date=a.date.timestamp(),
        ))
    return documents


def baseline_tag_overlap(documents: Sequence, k: int = 5) -> dict[str, list[str]]:
    """Related ids by the algorithm of pelican-plugins/related-posts.

    Ported from ``add_related_posts`` in pelican/plugins/related_posts/related_posts.py
    (read at commit bf45fafc): ``generator.tags`` maps each tag to the articles in site
    order; an article's score for another is the number of shared tags,
    ``Counter(chain(*(generator.tags[tag] for tag in article.tags)))``, minus itself,
    then ``most_common(k)``. That sort is stable, so ties keep the order in which
    candidates were first met: the article's own tag order, then site order (pass
    ``documents`` newest first, as Pelican does). Untagged articles get nothing.
    Not modelled: its ``related_posts`` pins and RELATED_POSTS_SKIP_SAME_CATEGORY.
    """
    by_tag: dict[str, list[str]] = defaultdict(list)
    for doc in documents:
        for tag in doc.tags:
            by_tag[tag].append(doc.id)
    related = {}
    for doc in documents:
        scores = Counter(chain(*(by_tag[tag] for tag in doc.tags)))
        scores.pop(doc.id, None)
        related[doc.id] = [other for other, _count in scores.most_common(k)]
    return related


def precision_at_k(results: Mapping[str, Sequence[str]], truth: Mapping[str, int], k: int = 5, *,
                   missing_as_wrong: bool = True) -> float:
    """Mean over articles of the share of suggestions with the article's true topic.

    ``missing_as_wrong=True`` (the issue's definition, the headline figure): every
    article in ``truth`` counts, each scored (correct among its first k) / k, so a
    missing suggestion counts as a wrong one and an empty list scores 0.
    ``missing_as_wrong=False``: only articles with at least one suggestion count,
    each scored (correct among its first k) / (number of them, at most k) — the
    precision of what is actually shown; read it with the coverage.
    """
    scores = []
    for doc_id, topic in truth.items():
        shown = list(results.get(doc_id, ()))[:k]
        correct = sum(truth[other] == topic for other in shown)
        if missing_as_wrong:
            scores.append(correct / k)
        elif shown:
            scores.append(correct / len(shown))
    return sum(scores) / len(scores) if scores else 0.0


def coverage(results: Mapping[str, Sequence[str]], truth: Mapping[str, int]) -> float:
    """Share of articles with at least one suggestion."""
    return sum(bool(results.get(doc_id)) for doc_id in truth) / len(truth) if truth else 0.0


def _ours(documents: Sequence, k: int) -> tuple[dict[str, list[str]], float]:
    """Our related ids and the median time of ``rank()`` over RUNS runs."""
    from related_articles.ranking import RankingConfig, rank

    times, result = [], {}
    for _ in range(RUNS):
        result = {}  # free the previous run's result first
        started = time.perf_counter()
        result = rank(documents, RankingConfig(k=k, explain=False))  # as in the build (pelicanconf RELATED_EXPLAIN = False)
        times.append(time.perf_counter() - started)
    return {doc_id: [r.id for r in rel] for doc_id, rel in result.items()}, statistics.median(times)


def _comma(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def evaluate(n: int, seed: int, k: int, noise: float = 0.3) -> None:
    articles = generate(n, seed, noise=noise, category_mode="generic", tags="sparse")
    truth = {a.slug: a.topic for a in articles}
    documents = to_documents(articles)
    ours, seconds = _ours(documents, k)
    baseline = baseline_tag_overlap(documents, k)
    rows = [
        (f"precision@{k} (thiếu gợi ý tính là sai)", *(f"{precision_at_k(r, truth, k):.3f}" for r in (ours, baseline))),
        (f"precision@{k} (chỉ tính bài có gợi ý)",
         *(f"{precision_at_k(r, truth, k, missing_as_wrong=False):.3f}" for r in (ours, baseline))),
        ("bài có ít nhất một gợi ý", *(f"{coverage(r, truth):.1%}" for r in (ours, baseline))),
    ]
    print(f"Gợi ý bài liên quan: N = {n} bài, {len(set(truth.values()))} chủ đề, nhiễu {_comma(noise)}, seed {seed}, "
          f"một chuyên mục, {sum(bool(a.tags) for a in articles) / n:.0%} bài có thẻ")
    print(f"{'':44} {'ours':>8} {'related-posts':>14}")
    for label, a, b in rows:
        print(f"{label:44} {a:>8} {b:>14}")
    print(f"thời gian rank() (trung vị {RUNS} lần): {seconds:.3f} s")


def _rss_kib() -> int:
    """Current resident set size (KiB), from /proc/self/statm."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() // 1024


def measure(n: int, seed: int, k: int) -> dict:
    """One size, in this (fresh) process: rank() times and its peak extra memory."""
    from build_core.settings import CoreSettings
    from related_articles.model import workers_for
    from related_articles.ranking import RankingConfig, rank

    articles = generate(n, seed, category_mode="generic", tags="sparse")
    documents = to_documents(articles)
    del articles
    gc.collect()
    try:  # give freed memory back, so rank() cannot grow into it unseen
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    try:  # reset the peak RSS (Linux ≥ 4.0), so the generation's peak does not hide rank()'s
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
        reset = True
    except OSError:
        reset = False
    before = _rss_kib()
    times = []
    workers = workers_for(n, CoreSettings().worker_count)  # as in the build
    for run in range(RUNS):
        started = time.perf_counter()
        result = rank(documents, RankingConfig(k=k, explain=False), workers=workers)  # RELATED_EXPLAIN = False too
        times.append(time.perf_counter() - started)
        if run == 0:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
            # rank() forks worker processes at this size: the largest one's peak
            # RSS counts pages it shares with this process too (an upper bound).
            child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        del result
    worker_extra = max(0, child_peak - before) if workers > 1 else 0
    return {"n": n, "median_s": statistics.median(times), "extra_kib": peak - before,
            "worker_extra_kib": worker_extra, "workers": workers,
            "before_kib": before, "peak_reset": reset}


def timing(sizes: list[int], seed: int, k: int) -> None:
    print(f"{'N':>8} {'rank() trung vị ' + str(RUNS) + ' lần':>22} {'bộ nhớ thêm (đỉnh)':>20} "
          f"{'+ mỗi tiến trình con':>22} {'RSS trước':>12}")
    for n in sizes:
        child = subprocess.run([sys.executable, __file__, "--measure", str(n), "--seed", str(seed), "--k", str(k)],
                               capture_output=True, text=True, check=False)
        if child.returncode != 0:
            print(f"{n:>8} lỗi: {child.stderr.strip().splitlines()[-1] if child.stderr.strip() else child.returncode}")
            continue
        m = json.loads(child.stdout.strip().splitlines()[-1])
        note = "" if m["peak_reset"] else "  (không đặt lại được đỉnh RSS: số đo có thể gồm cả lúc sinh dữ liệu)"
        workers = f"{m['workers']} × {m['worker_extra_kib'] / 1024:.1f} MB" if m["worker_extra_kib"] else "—"
        print(f"{n:>8} {m['median_s']:>20.3f} s {m['extra_kib'] / 1024:>17.1f} MB {workers:>22} "
              f"{m['before_kib'] / 1024:>9.1f} MB{note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/related_eval.py",
                                     description="Đánh giá gợi ý bài liên quan trên dữ liệu có nhãn chủ đề.")
    parser.add_argument("--n", type=int, default=1000, help="số bài viết (mặc định 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--k", type=int, default=5, help="số gợi ý mỗi bài (mặc định 5)")
    parser.add_argument("--noise", type=float, default=0.3, help="tỷ lệ câu lấy từ chủ đề khác (mặc định 0,3)")
    parser.add_argument("--sizes", help="các cỡ cần đo thời gian, ví dụ 10000,50000")
    parser.add_argument("--timing-only", action="store_true", help="chỉ đo thời gian và bộ nhớ của rank()")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # one size, in a fresh process
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.seed, args.k)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.n]
    if args.timing_only:
        timing(sizes, args.seed, args.k)
    else:
        for n in sizes:
            evaluate(n, args.seed, args.k, args.noise)
    return 0


if __name__ == "__main__":
    sys.exit(main())
