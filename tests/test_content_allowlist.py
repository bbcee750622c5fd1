"""What of content/ goes online (content_allowlist): whole-site builds.

One failing development build holds every refused case (other source
formats, SVG, symbolic links, a link to a draft) and is compared with
`make check` on the same content; one publish build holds what is published
or quietly left out (drafts, hidden content, backups, unused files).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from content_allowlist.inventory import Document, Walk, decide
from content_allowlist.settings import ContentAllowlistSettings
from tests.helpers import ROOT, article, build, check, env, tree, write

COVER = ROOT / "tests" / "fixtures" / "golden_site" / "articles" / "2021" / "cover.png"
PNG = COVER.read_bytes()
SITEURL = "https://example.gov.vn/cchc"
_LINE = re.compile(r"^(.+?):(\d+): (\S+): (.*)$")
PELICAN_META = "Title: Bài lén\nDate: 2024-01-01\nCategory: Chuyên mục lạ\n\nBài <script>alert(1)</script>\n"
BACKUPS = ("nhap.md~", "nhap.md.bak", ".nhap.md.swp", "#nhap.md#", "nhap.md.orig", ".DS_Store", "Thumbs.db")


def _lines(stderr: str, content: Path) -> set[str]:
    """The error and warning lines about files of ``content``."""
    return {line for line in stderr.splitlines() if _LINE.match(line) and line.startswith(str(content))}


def _published(title: str, extra: str = "", body: str = "Đoạn mở đầu.") -> str:
    return article(title, date="2024-04-08 10:00", extra=extra, body=body)


def _draft(title: str, status: str, extra: str = "", body: str = "Nháp.") -> str:
    return article(title, date="2024-04-09 10:00", extra=f"status: {status}\n{extra}", body=body)


# --- refused: one failing build and `make check` --------------------------------


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    root = tmp_path_factory.mktemp("refused")
    outside = root / "outside"
    write(outside, {"folder/bi-mat.txt": "bí mật\n", "folder/bai-ngoai.md": _published("Bài ngoài thư mục"),
                    "bai-mat.md": _published("Bài bí mật"), "photo.png": PNG})
    content = write(root / "content", {
        "articles/2024/bai.md": _published(
            "Bài đăng", extra="image: anh.png\nimage_alt: Ảnh\n",
            body="Đoạn mở đầu.\n\nXem [bản nháp]({filename}nhap.md) và [bài ẩn](an.md)."),
        "articles/2024/anh.png": PNG,
        "articles/2024/qua-lien-ket.md": _published("Ảnh qua liên kết", extra="image: lien-ket.png\nimage_alt: Ảnh\n"),
        "articles/2024/nhap.md": _draft("Bản nháp", "draft"),
        "articles/2024/an.md": _draft("Bài ẩn", "hidden"),
        "articles/2024/y.mkd": PELICAN_META,
        "articles/2024/y.mdown": PELICAN_META,
        "articles/2024/y.html": "<html><head><title>Bài lén</title></head><body><script>alert(1)</script></body></html>",
        "articles/2024/y.markdown": _published("Bài đuôi markdown"),
        "articles/2024/x.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        **{f"articles/2024/{name}": _draft("Bản nháp", "draft") for name in BACKUPS},
        "pages/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\n\nTrang.\n",
    })
    folder = content / "articles" / "2024"
    os.symlink("/etc/passwd", folder / "passwd.txt")
    os.symlink(outside / "folder", folder / "thu-muc")
    os.symlink(".", folder / "vong")  # a loop
    os.symlink(outside / "photo.png", folder / "lien-ket.png")  # a cover photo from outside
    os.symlink(outside / "bai-mat.md", folder / "bai-mat.md")  # an article from outside
    output = root / "output"
    write(output, {"index.html": "bản dựng trước"})
    built = build(content, output, "-e", f'CACHE_PATH="{root / "cache"}"', "SITE_SEARCH=false")
    checked = check("--content", str(content))
    return content, output, built, checked


def _shown(content: Path, name: str) -> str:
    return str(content / name)  # outside the working folder: absolute, as both print it


def test_refused_files_fail_the_build_and_leave_the_output_untouched(refused):
    content, output, built, _checked = refused
    assert built.returncode != 0
    assert "Traceback" not in built.stderr
    assert tree(output) == {"index.html": "bản dựng trước".encode()}
    lines = _lines(built.stderr, content)
    for name in ("y.mkd", "y.mdown", "y.html", "y.markdown"):
        stem = name.split(".")[0]
        assert (f'{_shown(content, "articles/2024/" + name)}:1: tệp: "{name}" không được đọc: bài viết và trang '
                f'chỉ đọc từ tệp .md; đổi tên thành "{stem}.md"') in lines
    svg = [line for line in lines if "x.svg" in line]
    assert svg == [f'{_shown(content, "articles/2024/x.svg")}:1: tệp: "x.svg" không được đăng: ảnh SVG có thể '
                   "chứa mã chạy trên trình duyệt; lưu lại thành PNG, hoặc xoá tệp hoặc chuyển ra khỏi content/"]
    assert not [line for line in built.stderr.splitlines() if "Chuyên mục lạ" in line or "Bài lén" in line]


def test_each_symbolic_link_is_one_error_and_never_followed(refused):
    content, _output, built, _checked = refused
    lines = _lines(built.stderr, content)
    for name, target in (("passwd.txt", "/etc/passwd"), ("thu-muc", str(content.parent / "outside" / "folder")),
                         ("vong", "."), ("lien-ket.png", str(content.parent / "outside" / "photo.png")),
                         ("bai-mat.md", str(content.parent / "outside" / "bai-mat.md"))):
        shown = _shown(content, f"articles/2024/{name}")
        mentions = [line for line in built.stderr.splitlines() if f"/{name}" in line]
        assert mentions == [f'{shown}:1: tệp: là liên kết tượng trưng (symlink) tới "{target}": không được đọc, '
                            "không được đăng; chép tệp thật vào đây hoặc xoá liên kết"], name
    assert "bi-mat" not in built.stderr and "vong/" not in built.stderr and "bai-ngoai" not in built.stderr
    # Nothing else is wrong with the article whose cover is the linked photo.
    assert not [line for line in lines if "qua-lien-ket.md" in line]


def test_links_to_a_draft_or_hidden_article_are_errors_and_backups_are_ignored(refused):
    content, _output, built, _checked = refused
    lines = _lines(built.stderr, content)
    shown = _shown(content, "articles/2024/bai.md")
    assert {line for line in lines if line.startswith(shown)} == {
        f'{shown}:12: link: liên kết "{{filename}}nhap.md" tới bài "Bản nháp" chưa đăng (status: draft); '
        "bỏ liên kết, hoặc đăng bài đó (status: published)",
        f'{shown}:12: link: liên kết "an.md" tới bài "Bài ẩn" chưa đăng (status: hidden); '
        "bỏ liên kết, hoặc đăng bài đó (status: published)",
    }
    for name in BACKUPS:
        assert name not in built.stderr


def test_make_check_reports_what_the_build_reports(refused):
    content, _output, built, checked = refused
    assert checked.returncode == 1
    assert _lines(checked.stderr, content) == _lines(built.stderr, content)
    assert len(_lines(built.stderr, content)) == 12  # 4 renames, the SVG, 5 links, 2 links to drafts


# --- published: what a publish build writes -------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("published")
    content = write(root / "content", {
        "articles/2024/bai.md": _published(
            "Bài đăng", extra="image: anh.png\nimage_alt: Ảnh\n",
            body="Đoạn mở đầu.\n\nTải [báo cáo](bao-cao.pdf) và [phụ lục]({static}/articles/phu-luc.xlsx)."),
        "articles/2024/anh.png": PNG,
        "articles/2024/bao-cao.pdf": b"%PDF-1.4\n",
        "articles/phu-luc.xlsx": b"PK\x03\x04",
        "articles/2024/khong-dung.png": PNG,  # used by nothing
        "articles/2024/khong-dung.docx": b"PK\x03\x04",
        "articles/2024/nhap.md": _draft("Bản nháp riêng", "draft", "image: nhap.png\nimage_alt: Ảnh nháp\n",
                                        body="Nháp, [tài liệu nháp](nhap.pdf)."),
        "articles/2024/nhap.png": PNG,
        "articles/2024/nhap.pdf": b"%PDF-1.4\n",
        "articles/2024/an.md": _draft("Bài ẩn riêng", "hidden", "image: an-rieng.png\nimage_alt: Ảnh ẩn\n"),
        "articles/2024/an-rieng.png": PNG,
        **{f"articles/2024/{name}": _draft("Bản nháp riêng", "draft") for name in BACKUPS},
        "pages/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\n\nTrang.\n",
        "pages/trang-an.md": "---\ntitle: Trang ẩn riêng\nstatus: hidden\n---\n\nẨn.\n",
        "pages/trang-nhap.md": "---\ntitle: Trang nháp riêng\nstatus: draft\n---\n\nNháp.\n",
    })
    output = root / "output"
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "publishconf.py"), "-o", str(output),
         "-e", f'CACHE_PATH="{root / "cache"}"'],
        cwd=ROOT, env={**env(), "SITEURL": SITEURL}, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return content, output, result


def test_publish_build_writes_no_draft_or_hidden_content_nor_what_only_they_use(published):
    _content, output, _result = published
    names = sorted(tree(output))
    assert not [n for n in names if n.startswith(("ban-nhap/", "drafts/", "trang-an/", "trang-nhap/",
                                                  "bai-viet/ban-nhap", "bai-viet/bai-an"))]
    assert not [n for n in names if "nhap" in n or "an-rieng" in n], names
    texts = {n: data.decode("utf-8", "replace") for n, data in tree(output).items()
             if n.endswith((".html", ".xml", ".json", ".txt")) and not n.startswith("theme/")}
    for title in ("Bản nháp riêng", "Bài ẩn riêng", "Trang ẩn riêng", "Trang nháp riêng"):
        assert not [n for n, text in texts.items() if title in text], title
    for slug in ("ban-nhap-rieng", "bai-an-rieng", "trang-an", "trang-nhap"):
        assert not [n for n, text in texts.items() if slug in text], slug
    assert "bai-viet/bai-dang/" in texts["sitemap.xml"] and "Bài đăng" in texts["feeds/all.atom.xml"]
    entries = [json.loads(p.read_text()) for p in (output / "pagefind").glob("*/pagefind-entry.json")]
    assert sum(e["languages"]["vi"]["page_count"] for e in entries) == 1  # the one published article


def test_referenced_attachments_are_published_unused_files_and_backups_are_not(published):
    content, output, result = published
    names = set(tree(output))
    assert (output / "articles" / "2024" / "bao-cao.pdf").read_bytes() == b"%PDF-1.4\n"
    assert (output / "articles" / "phu-luc.xlsx").is_file()
    assert not [n for n in names if "khong-dung" in n or n.endswith(("~", ".bak", ".swp", "#", ".orig"))
                or n.rsplit("/", 1)[-1] in (".DS_Store", "Thumbs.db")]
    warnings = _lines(result.stderr, content)
    assert warnings == {
        f'{_shown(content, "articles/2024/" + name)}:1: tệp: "{name}" không được đăng vì không bài viết nào dùng; '
        "xoá tệp nếu không cần, hoặc kiểm tra tên tệp viết trong bài"
        for name in ("khong-dung.png", "khong-dung.docx")}


# --- the decision itself ----------------------------------------------------------


def test_decide_publishes_what_written_content_uses():
    settings = ContentAllowlistSettings(content_root="/site/content", extra=frozenset({"extra/favicon.ico"}),
                                        previews=False)
    found = Walk(files=["articles/a.md", "articles/a.jpg", "articles/b.JPG", "articles/d.pdf", "articles/e.pdf",
                        "articles/f.exe", "extra/favicon.ico", "extra/x.txt", "elsewhere/x.exe"])
    documents = [
        Document("articles/a.md", "a.md", "A", "published", images=(("articles/a.jpg", 5),),
                 links=(("d.pdf", "articles/d.pdf", 9), ("zz.md", "articles/zz.md", 10))),
        Document("articles/b.md", "b.md", "B", "draft", images=(("articles/b.JPG", 5),),
                 links=(("e.pdf", "articles/e.pdf", 9),)),
    ]
    verdict = decide(found, documents, settings)
    assert verdict.publish == {"articles/a.jpg", "articles/d.pdf", "extra/favicon.ico"}
    assert {(e.path.rsplit("/", 1)[-1], e.line, e.field) for e in verdict.errors} == {
        ("a.md", 10, "link"), ("f.exe", 1, "tệp"), ("x.txt", 1, "tệp")}
    assert verdict.warnings == []  # the draft's photo and document: left out quietly
    previews = decide(found, documents, ContentAllowlistSettings(content_root="/site/content"))
    assert {"articles/b.JPG", "articles/e.pdf"} <= previews.publish


def test_each_run_excludes_its_own_links_and_keeps_the_configured_excludes():
    """`make serve` runs many builds on one settings dict: the links of the
    last run are excluded, the configured entries stay, nothing piles up."""
    from content_allowlist.settings import exclude_links

    settings = {"ARTICLE_EXCLUDES": ["articles/cu"], "PAGE_EXCLUDES": []}
    exclude_links(settings, ["articles/link.md", "articles/cu"])
    assert settings["ARTICLE_EXCLUDES"] == ["articles/cu", "articles/link.md"]
    assert settings["PAGE_EXCLUDES"] == settings["STATIC_EXCLUDES"] == ["articles/link.md", "articles/cu"]
    exclude_links(settings, ["pages/moi.md"])
    assert settings["ARTICLE_EXCLUDES"] == ["articles/cu", "pages/moi.md"]
    assert settings["STATIC_EXCLUDES"] == ["pages/moi.md"]


def test_content_lists_are_pelicans_and_a_missing_one_is_an_error():
    from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

    from build_core.contents import all_contents, unlisted_lists

    def made(kind, **lists):
        generator = kind.__new__(kind)  # the lists only, without Pelican's set-up
        generator.__dict__.update(lists)
        return generator

    drafts = ["nháp"]
    articles = made(ArticlesGenerator, articles=["a", "b"], translations=[], drafts=drafts, drafts_translations=[],
                    hidden_articles=["ẩn"], hidden_translations=[])
    pages = made(PagesGenerator, pages=["trang"], translations=[], hidden_pages=[], hidden_translations=[],
                 draft_pages=[], draft_translations=["b"])
    assert list(all_contents([articles, pages, made(StaticGenerator)])) == ["a", "b", "nháp", "ẩn", "trang"]
    assert unlisted_lists(articles) == ("drafts", "drafts_translations", "hidden_articles", "hidden_translations")
    assert unlisted_lists(made(StaticGenerator)) == ()
    del articles.hidden_articles
    with pytest.raises(RuntimeError, match="hidden_articles"):
        list(all_contents([articles]))
