"""The same bytes whether content is read and rendered serially, in parallel, or from the cache."""

import sys

import pytest

from tests.helpers import ROOT, build, tree

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
