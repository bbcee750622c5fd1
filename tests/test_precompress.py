"""plugins/precompress: .gz and .br copies of text files, only in the publish build."""

from __future__ import annotations

import gzip
import os

import brotli
import pytest

from precompress.compress import candidates, precompress
from precompress.settings import PrecompressSettings
from tests.helpers import tree, write

TEXT = ("Cải cách hành chính là khâu đột phá. " * 80).encode("utf-8")  # ~3 KB, compressible


def _copies(output):
    files = tree(output)
    return files, sorted(name for name in files if name.endswith((".gz", ".br")))


@pytest.fixture(scope="module")
def published(published_site):
    return published_site.ok()


def test_publish_build_writes_copies_that_decompress_to_the_original(published):
    files, copies = _copies(published)
    for name in ("index.html", "sitemap.xml", "feeds/all.atom.xml",
                 "bai-viet/ket-qua-cong-tac-cai-cach-hanh-chinh-quy-1-nam-2021/index.html", "404.html"):
        assert name + ".gz" in files and name + ".br" in files, name
    for name in copies:
        original = files[name[:-3]]
        unpack = gzip.decompress if name.endswith(".gz") else brotli.decompress
        assert unpack(files[name]) == original, name
        assert len(files[name]) < len(original)
        assert os.path.splitext(name[:-3])[1] in PrecompressSettings().extensions
    assert not [n for n in files if n.endswith((".png.gz", ".jpg.br", ".gz.gz", ".br.br"))]
    small = [n for n in files if not n.endswith((".gz", ".br")) and len(files[n]) <= 1024]
    assert small and not [n for n in small if n + ".gz" in files]  # robots.txt and the like stay alone


def test_development_build_has_no_compressed_copies(content_site):
    assert _copies(content_site.ok())[1] == []


def test_only_the_publish_build_compresses(monkeypatch):
    from pelican.settings import read_settings

    from tests.helpers import ROOT

    assert "precompress" not in read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    monkeypatch.setenv("SITEURL", "https://example.gov.vn/cchc")
    assert "precompress" in read_settings(str(ROOT / "publishconf.py"))["PLUGINS"]


def test_copies_are_deterministic_and_skip_what_does_not_shrink(tmp_path):
    for run in ("a", "b"):
        write(tmp_path / run, {"page.html": TEXT, "style.CSS": TEXT, "tiny.js": b"x" * 100,
                               "photo.jpg": TEXT, "noise.txt": os.urandom(4096)})
        written = precompress(tmp_path / run, PrecompressSettings().extensions, 1024, workers=2)
        assert [p.name for p in written] == ["page.html.br", "page.html.gz", "style.CSS.br", "style.CSS.gz"]
    a, b = tree(tmp_path / "a"), tree(tmp_path / "b")
    for name in ("page.html.gz", "page.html.br", "style.CSS.gz"):
        assert a[name] == b[name]  # gzip header carries no time and no file name
    assert a["page.html.gz"][4:8] == b"\0\0\0\0"


def test_candidates_ignore_existing_copies(tmp_path):
    write(tmp_path, {"a.html": TEXT})
    precompress(tmp_path, (".html",), 1024)
    assert [p.name for p in candidates(tmp_path, (".html", ".gz"), 1024)] == ["a.html"]


def test_settings_accept_extensions_without_dot():
    settings = PrecompressSettings.from_pelican({"PRECOMPRESS_EXTENSIONS": ["HTML", ".css"], "PRECOMPRESS_MIN_SIZE": 10})
    assert settings == PrecompressSettings(extensions=(".html", ".css"), min_size=10)
