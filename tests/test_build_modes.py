"""The same bytes whether content is read and rendered serially, in
parallel, or from the cache, and whatever runs of one process came before."""

import dataclasses
import json
import subprocess
import sys

import pytest

from tests.helpers import ROOT, build, env, tree

sys.path.insert(0, str(ROOT / "bench"))
from corpus import generate, write_site  # noqa: E402

SERIAL_RENDER = "PARALLEL_RENDER_THRESHOLD=1000000000"


def _linked_site(root, n, seed):
    """``n`` generated articles, each linking to the next one with Pelican's
    ``{filename}`` syntax: the link's URL depends on the page it is shown
    on (relative URLs), the state a parallel render must get right."""
    articles = generate(n, seed=seed, category_mode="real", tags="rich")
    linked = []
    for a, b in zip(articles, articles[1:] + articles[:1]):
        link = f"\n\nXem thêm [{b.title}]({{filename}}/articles/{b.date.year}/{b.slug}.md).\n"
        linked.append(dataclasses.replace(a, body=a.body + link))
    write_site(linked, root / "content")
    return root / "content"


def _stats(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("modes")
    # 260 articles: above the 200-file threshold for parallel reading.
    return root, _linked_site(root, 260, seed=3)


def test_serial_parallel_and_cached_builds_are_identical(corpus_site):
    root, content = corpus_site
    cache = f'CACHE_PATH="{root / "cache"}"'
    trees = {}
    for mode, settings in (
        ("serial", ["FRONT_MATTER_PREFETCH=false", SERIAL_RENDER]),
        ("parallel, cold cache", [cache, "PARALLEL_RENDER_THRESHOLD=0", "WORKERS=2"]),
        ("cached", [cache]),
    ):
        output, stats = root / f"out-{len(trees)}", root / f"stats-{len(trees)}.json"
        result = build(content, output, "-e", *settings, "SITE_SEARCH=false", f'BUILD_STATS_FILE="{stats}"')
        assert result.returncode == 0, (mode, result.stderr[-2000:])
        trees[mode] = tree(output)
        rendered = _stats(stats)["render"]
        if mode == "serial":
            assert rendered["serial"] == "below threshold"
        else:  # in worker processes, many ranges: each starts with the state a serial build has there
            assert rendered["serial"] is None and rendered["ranges"] > 20, rendered
        if mode == "cached":  # every file from the cache, although each build hashes in its own order
            assert "Nội dung: 0 tệp đọc mới, 261 tệp dùng lại" in result.stderr
    assert trees["serial"] == trees["parallel, cold cache"] == trees["cached"]
    pages = trees["serial"]
    assert any(name.startswith("chuyen-muc/") and "/trang/2/" in name for name in pages)  # paginated listings
    first = generate(260, seed=3, category_mode="real", tags="rich")[:2]
    # The link of the first article to the second, relative to the first one's page.
    link = f'Xem thêm <a href="../../bai-viet/{first[1].slug}/">'.encode()
    assert link in pages[f"bai-viet/{first[0].slug}/index.html"]
    # An edited article is read again (its cache key is its bytes), the rest reused.
    article = sorted((content / "articles").rglob("*.md"))[5]
    article.write_text(article.read_text(encoding="utf-8") + "\nĐoạn bổ sung sau khi sửa.\n", encoding="utf-8")
    output = root / "out-edited"
    result = build(content, output, "-e", cache, "SITE_SEARCH=false")
    assert result.returncode == 0
    assert "Nội dung: 1 tệp đọc mới, 260 tệp dùng lại" in result.stderr
    changed = {name for name, data in tree(output).items() if trees["cached"].get(name) != data}
    assert any("Đoạn bổ sung sau khi sửa." in tree(output)[name].decode("utf-8", "ignore") for name in changed)


PREVIEW_RUNS = """
import sys
from pathlib import Path
from pelican import get_instance, parse_arguments
content, output, edited, cache, removed = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4], Path(sys.argv[5])
pelican, _settings = get_instance(parse_arguments([content, "-s", "pelicanconf.py", "-o", output, "-e",
                                                   "BUILD_PREVIEW=true", "SITE_SEARCH=false",
                                                   "PARALLEL_RENDER_THRESHOLD=0", f'CACHE_PATH="{cache}"']))
for n in range(3):  # what `make serve` (Pelican's autoreload) does after each change
    if n:
        edited.write_text(edited.read_text(encoding="utf-8") + f"\\nĐoạn xem trước số {n}.\\n", encoding="utf-8")
    if n == 2:
        removed.unlink()
    pelican.run()
"""


def test_preview_runs_in_one_process_each_write_a_fresh_site_equal_to_a_fresh_build(tmp_path):
    """Three runs of one Pelican instance, as `make serve` makes: an edit,
    then an edit and a deleted article. Each run writes a new staging folder
    and swaps it in; nothing of an earlier run is left in the output."""
    content = _linked_site(tmp_path, 30, seed=5)
    articles = sorted((content / "articles").rglob("*.md"))
    edited, removed = articles[3], articles[4]
    links_to_removed = [a for a in articles if f"/{removed.stem}.md)" in a.read_text(encoding="utf-8")]
    for article in links_to_removed:  # a link to a deleted article is an error; this one points elsewhere
        text = article.read_text(encoding="utf-8")
        article.write_text(text.replace(f"/{removed.stem}.md)", f"/{edited.stem}.md)"), encoding="utf-8")
    output = tmp_path / "out"
    result = subprocess.run([sys.executable, "-c", PREVIEW_RUNS, str(content), str(output), str(edited),
                             str(tmp_path / "cache"), str(removed)],
                            cwd=ROOT, env=env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.count("Done: Processed 30 articles") == 2 and "Done: Processed 29 articles" in result.stdout
    assert "Nội dung: 1 tệp đọc mới, 30 tệp dùng lại" in result.stderr  # an edit: that file only
    assert "Nội dung: 1 tệp đọc mới, 29 tệp dùng lại" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out")) == ["out"]  # no .tmp, no .old
    fresh = build(content, tmp_path / "fresh", "-e", "SITE_SEARCH=false", SERIAL_RENDER)
    assert fresh.returncode == 0
    assert tree(output) == tree(tmp_path / "fresh")
    assert not any(removed.stem in name for name in tree(output))
    assert any("Đoạn xem trước số 2." in data.decode("utf-8", "ignore") for data in tree(output).values())
