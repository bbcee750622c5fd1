"""The same bytes whether content is read and rendered serially, in parallel, or from the cache."""

import subprocess
import sys

import pytest

from tests.helpers import ROOT, build, env, tree

sys.path.insert(0, str(ROOT / "bench"))
from corpus import generate, write_site  # noqa: E402


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("modes")
    # 260 articles: above the 200-file threshold for parallel reading.
    write_site(generate(260, seed=3, category_mode="real", tags="rich"), root / "content")
    return root


def test_serial_parallel_and_cached_builds_are_identical(corpus_site):
    content = corpus_site / "content"
    trees = {}
    for mode, settings in (
        ("serial", ["FRONT_MATTER_PREFETCH=false", "PARALLEL_RENDER_WORKERS=1"]),
        ("parallel, cold cache", [f'CACHE_PATH="{corpus_site / "cache"}"', "SITE_SEARCH=false"]),
        ("cached", [f'CACHE_PATH="{corpus_site / "cache"}"', "SITE_SEARCH=false"]),
    ):
        output = corpus_site / f"out-{len(trees)}"
        base = ["SITE_SEARCH=false"] if "SITE_SEARCH=false" not in settings else []
        result = build(content, output, "-e", *settings, *base)
        assert result.returncode == 0, (mode, result.stderr[-2000:])
        trees[mode] = tree(output)
        if mode == "cached":  # every file from the cache, although each build hashes in its own order
            assert "Nội dung: 0 tệp đọc mới, 261 tệp dùng lại" in result.stderr
    assert (corpus_site / "cache" / "content").is_dir()
    assert trees["serial"] == trees["parallel, cold cache"] == trees["cached"]
    # An edited article is read again (its cache key is its bytes), the rest reused.
    article = sorted((content / "articles").rglob("*.md"))[5]
    article.write_text(article.read_text(encoding="utf-8") + "\nĐoạn bổ sung sau khi sửa.\n", encoding="utf-8")
    output = corpus_site / "out-edited"
    result = build(content, output, "-e", f'CACHE_PATH="{corpus_site / "cache"}"', "SITE_SEARCH=false")
    assert result.returncode == 0
    assert "Nội dung: 1 tệp đọc mới, 260 tệp dùng lại" in result.stderr
    changed = {name for name, data in tree(output).items() if trees["cached"].get(name) != data}
    assert any("Đoạn bổ sung sau khi sửa." in tree(output)[name].decode("utf-8", "ignore") for name in changed)


def test_a_build_over_the_recycled_previous_output_equals_a_fresh_build(tmp_path):
    """The third build into one output folder writes over the first build's
    tree (kept as output.old): the pages of a deleted article must be gone,
    an edited one rewritten, everything else byte-identical."""
    content = tmp_path / "content"
    write_site(generate(40, seed=11, category_mode="real", tags="rich"), content)
    output, cache = tmp_path / "out", tmp_path / "cache"
    settings = ["-e", f'CACHE_PATH="{cache}"', "SITE_SEARCH=false"]
    for _ in range(2):
        assert build(content, output, *settings).returncode == 0
    assert (tmp_path / "out.old" / "index.html").is_file()  # the spare the next build recycles
    articles = sorted((content / "articles").rglob("*.md"))
    deleted_slug = articles[0].stem
    articles[0].unlink()
    articles[1].write_text(articles[1].read_text(encoding="utf-8") + "\nĐoạn sửa lần ba.\n", encoding="utf-8")
    recycled = build(content, output, *settings)
    assert recycled.returncode == 0, recycled.stderr[-2000:]
    fresh = build(content, tmp_path / "fresh", *settings)
    assert fresh.returncode == 0
    assert tree(output) == tree(tmp_path / "fresh")
    assert not any(deleted_slug in name for name in tree(output))
    assert not (tmp_path / "out.tmp").exists()


PREVIEW_RUNS = """
import sys
from pathlib import Path
from pelican import get_instance, parse_arguments
content, output, edited, cache, removed = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4], Path(sys.argv[5])
pelican, _settings = get_instance(parse_arguments([content, "-s", "pelicanconf.py", "-o", output, "-e",
                                                   "BUILD_PREVIEW=true", "SITE_SEARCH=false",
                                                   f'CACHE_PATH="{cache}"']))
for n in range(3):  # what `make serve` (Pelican's autoreload) does after each change
    if n:
        edited.write_text(edited.read_text(encoding="utf-8") + f"\\nĐoạn xem trước số {n}.\\n", encoding="utf-8")
    if n == 2:
        removed.unlink()
    pelican.run()
"""


# The recycled tree is stamped stale by a child process while the build reads
# (output_swap.Marking); here the child takes its time, so a build that did
# not wait for it before writing would lose the pages it writes.
SLOW_STAMPING = """
import os, time
from build_guard import output_swap
_parent, _mark_stale = os.getpid(), output_swap.mark_stale
def _slow(root):
    if os.getpid() != _parent:
        time.sleep(3)
    return _mark_stale(root)
output_swap.mark_stale = _slow
"""


@pytest.mark.parametrize("prelude", ["", SLOW_STAMPING], ids=["as-is", "slow-stamping"])
def test_preview_builds_in_one_process_recycle_the_tree_and_equal_a_fresh_build(tmp_path, prelude):
    """Three runs of one Pelican instance, as `make serve` makes: an edit, then
    an edit and a deleted article; the last run writes over the first one's tree."""
    content = tmp_path / "content"
    write_site(generate(30, seed=5, category_mode="real", tags="rich"), content)
    edited, removed = sorted((content / "articles").rglob("*.md"))[3:5]
    output = tmp_path / "out"
    result = subprocess.run([sys.executable, "-c", prelude + PREVIEW_RUNS, str(content), str(output), str(edited),
                             str(tmp_path / "cache"), str(removed)],
                            cwd=ROOT, env=env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.count("Done: Processed 30 articles") == 2 and "Done: Processed 29 articles" in result.stdout
    assert "Nội dung: 1 tệp đọc mới, 30 tệp dùng lại" in result.stderr  # an edit: that file only
    assert "Nội dung: 1 tệp đọc mới, 29 tệp dùng lại" in result.stderr
    # The third run wrote over the first one's tree, kept as the spare by the second.
    assert (tmp_path / "out.old").is_dir() and not (tmp_path / "out.tmp").exists()
    fresh = build(content, tmp_path / "fresh", "-e", "SITE_SEARCH=false")
    assert fresh.returncode == 0
    assert tree(output) == tree(tmp_path / "fresh")
    assert any("Đoạn xem trước số 2." in data.decode("utf-8", "ignore") for data in tree(output).values())
