"""The content cache (front_matter/prefetch.py) serves a stored reading only
when everything it was made from is the same: each input of its key, changed
alone, makes the file be read again."""

from __future__ import annotations

import shutil

import pytest

from front_matter import prefetch
from front_matter.prefetch import Prefetcher
from front_matter.settings import FrontMatterSettings
from tests.helpers import ROOT, article, build, write

CATEGORIES = ["Cải cách thể chế", "Cải cách thủ tục hành chính"]


def _settings(content, categories=CATEGORIES):
    return FrontMatterSettings.from_pelican({"PATH": str(content), "FRONT_MATTER_CATEGORIES": categories})


def _read(settings, files, cache) -> tuple[int, int]:
    """(files parsed, files taken from the cache) of one run over ``files``."""
    prefetcher = Prefetcher(settings, files, cache, workers=1, threshold=10**9)
    for f in files:
        assert prefetcher.get(f) is not None
    prefetcher.finish()
    return prefetcher.read, prefetcher.reused


@pytest.fixture
def site(tmp_path):
    content = write(tmp_path / "content", {"articles/a.md": article("Bài một"), "articles/b.md": article("Bài hai")})
    files = sorted(content.rglob("*.md"))
    cache = tmp_path / "cache"
    assert _read(_settings(content), files, cache) == (2, 0)
    assert _read(_settings(content), files, cache) == (0, 2)
    return content, files, cache


def test_changed_bytes_are_read_again(site):
    content, files, cache = site
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\nMột câu nữa.\n", encoding="utf-8")
    assert _read(_settings(content), files, cache) == (1, 1)


def test_the_same_bytes_under_another_path_are_read_again(site):
    content, files, cache = site
    moved = content / "articles" / "c.md"
    shutil.copyfile(files[0], moved)
    assert _read(_settings(content), [moved, files[1]], cache) == (1, 1)


def test_other_settings_read_everything_again(site):
    content, files, cache = site
    assert _read(_settings(content, CATEGORIES[:1]), files, cache) == (2, 0)


def test_the_working_folder_is_part_of_the_key(site, monkeypatch, tmp_path):
    content, files, cache = site
    monkeypatch.chdir(tmp_path)  # error messages show paths relative to it
    assert _read(_settings(content), files, cache) == (2, 0)


@pytest.mark.parametrize("package", ["front_matter", "build_core"])
def test_a_change_in_the_code_that_reads_changes_the_key(tmp_path, monkeypatch, package):
    code = tmp_path / "plugins"
    for name in ("front_matter", "build_core"):
        shutil.copytree(ROOT / "plugins" / name, code / name)
    monkeypatch.setattr(prefetch, "_CODE", code / "front_matter")
    before = prefetch._code_fingerprint()
    with open(code / package / "errors.py" if package == "build_core" else code / package / "body.py", "a") as f:
        f.write("\n# changed\n")
    assert prefetch._code_fingerprint() != before


@pytest.mark.parametrize("library", prefetch.LIBRARIES)
def test_another_version_of_a_library_changes_the_key(monkeypatch, library):
    before = prefetch._code_fingerprint()
    real = prefetch.metadata.version
    monkeypatch.setattr(prefetch.metadata, "version", lambda name: "0.0.0" if name == library else real(name))
    assert prefetch._code_fingerprint() != before


def test_an_image_that_appears_or_goes_reads_its_article_again(tmp_path):
    from PIL import Image

    body = "![Ảnh minh hoạ](anh.jpg)\n"
    content = write(tmp_path / "content", {"articles/a.md": article("Bài có ảnh", body=body)})
    files, cache = [content / "articles" / "a.md"], tmp_path / "cache"
    assert _read(_settings(content), files, cache) == (1, 0)
    assert _read(_settings(content), files, cache) == (0, 1)
    Image.new("RGB", (64, 40), (200, 100, 50)).save(content / "articles" / "anh.jpg")
    assert _read(_settings(content), files, cache) == (1, 0)
    assert _read(_settings(content), files, cache) == (0, 1)
    (content / "articles" / "anh.jpg").unlink()
    assert _read(_settings(content), files, cache) == (1, 0)


def test_a_cached_article_linking_to_one_that_went_away_is_an_error(tmp_path):
    """Links between articles are checked on every build, on fresh data: a
    reading taken from the cache still has its links checked."""
    content = write(tmp_path / "content", {
        "articles/a.md": article("Bài dẫn", body="Xem [bài kia]({filename}b.md).\n"),
        "articles/b.md": article("Bài được dẫn"),
    })
    cache = tmp_path / "cache"
    first = build(content, tmp_path / "out", "-e", f'CACHE_PATH="{cache}"', "SITE_SEARCH=false")
    assert first.returncode == 0, first.stderr
    (content / "articles" / "b.md").unlink()
    second = build(content, tmp_path / "out", "-e", f'CACHE_PATH="{cache}"', "SITE_SEARCH=false")
    assert second.returncode != 0
    assert "articles/a.md:8: link: " in second.stderr and '"articles/b.md"' in second.stderr
