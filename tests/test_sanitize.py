"""Raw HTML in articles: every unsafe construct is reported by line and removed."""

import re
from pathlib import Path

import pytest

from front_matter.body import BodyConverter
from front_matter.document import DocumentReader
from front_matter.sanitize import clean, find_unsafe
from front_matter.settings import FrontMatterSettings
from tests.helpers import ROOT, build, check

EXT = ["markdown.extensions.extra", "markdown.extensions.sane_lists"]
FIXTURE = ROOT / "tests" / "fixtures" / "unsafe_html"
ARTICLE = "tests/fixtures/unsafe_html/articles/2021/bai-co-html-khong-an-toan.md"
NO_SCRIPT = "(trang không chạy mã nhúng trong bài)"


def lines_of(body, body_line=1):
    return [line for line, _message in find_unsafe(body, body_line)]


# --- find_unsafe: what, where ---------------------------------------------------
@pytest.mark.parametrize("body, expected", [
    ("<script>alert(1)</script>", "thẻ <script> bị loại bỏ cùng nội dung bên trong " + NO_SCRIPT),
    ("<SCRIPT src=x.js></SCRIPT>", "thẻ <script> bị loại bỏ"),
    ('<iframe src="https://youtube.com/embed/x"></iframe>', "thẻ <iframe> bị loại bỏ"),
    ('<object data="x.swf"></object>', "thẻ <object> bị loại bỏ"),
    ('<embed src="x.swf">', "thẻ <embed> bị loại bỏ"),
    ('<form action="https://x.vn">Gửi</form>', "thẻ <form> bị loại bỏ (bài viết không được chứa biểu mẫu)"),
    ("<style>body{display:none}</style>", "thẻ <style> bị loại bỏ cùng nội dung bên trong"),
    ('Chữ <b onclick="alert(1)">đậm</b>.', "thuộc tính onclick của thẻ <b> bị loại bỏ " + NO_SCRIPT),
    ('<img src="anh.jpg" alt="a" onerror="alert(1)">', "thuộc tính onerror của thẻ <img> bị loại bỏ"),
    ('<p style="color:red">Đỏ</p>', "thuộc tính style của thẻ <p> bị loại bỏ"),
    ('<a href="javascript:alert(1)">x</a>', 'địa chỉ "javascript:alert(1)" của thẻ <a> bị loại bỏ ' + NO_SCRIPT),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', 'địa chỉ "JaVaScRiPt:alert(1)" của thẻ <a> bị loại bỏ'),
    ('<a href="&#106;avascript:alert(1)">x</a>', 'địa chỉ "javascript:alert(1)" của thẻ <a> bị loại bỏ'),
    ('<a href="vbscript:msgbox(1)">x</a>', 'địa chỉ "vbscript:msgbox(1)" của thẻ <a> bị loại bỏ'),
    ('<img src="data:image/png;base64,iVBORw0KGgo=" alt="a">', 'địa chỉ "data:image/png;base…" của thẻ <img>'),
    ("Bấm [vào đây](javascript:alert(1)).", 'địa chỉ "javascript:alert(1)" của liên kết [vào đây] bị loại bỏ'),
    ("Bấm [vào đây](<javascript:alert(1)>).", 'địa chỉ "javascript:alert(1)" của liên kết [vào đây]'),
    ("Xem [tài liệu][1].\n\n[1]: javascript:alert(1)", 'địa chỉ "javascript:alert(1)" của liên kết [1]'),
    ("Đoạn văn\n{: onclick=\"alert(1)\" }", "thuộc tính onclick trong {: … } bị loại bỏ"),
    ("[x](https://a.vn){: href=\"javascript:alert(1)\" }", 'địa chỉ "javascript:alert(1)" trong {: … }'),
    ("Xem <javascript:alert(1)>", 'địa chỉ "javascript:alert(1)" của liên kết bị loại bỏ'),
    ('<font color="red">Chữ</font>', "thẻ <font> bị loại bỏ (thẻ không được hỗ trợ trong bài; phần chữ bên trong vẫn giữ)"),
    ('<a href="ftp://x.vn/a.pdf">x</a>', "chỉ dùng địa chỉ http, https, mailto, tel"),
])
def test_each_kind_is_reported_once(body, expected):
    found = find_unsafe(body, 1)
    assert len(found) == 1, found
    assert expected in found[0][1], found[0][1]
    assert "\n" not in found[0][1]


def test_lines_count_from_the_body_line_in_the_file():
    body = ("Đoạn một.\n\n<script>alert(1)</script>\n\nBấm [đây](javascript:alert(1)) hoặc\n"
            '<a href="javascript:alert(2)"\n   onclick="x()">đây</a>.\n\n<div>\n\n'
            '    <iframe src="https://x"></iframe>\n\n</div>\n')
    found = find_unsafe(body, 8)
    assert [line for line, _ in found] == [10, 12, 13, 13, 18]
    assert "của liên kết [đây]" in found[1][1] and "của thẻ <a>" in found[2][1]


def test_nothing_is_reported_inside_code():
    body = (
        "```\n<script>alert(1)</script>\n```\n\n"
        "~~~html\n<iframe src=x></iframe>\n~~~\n\n"
        "Đoạn.\n\n    <script>mã thụt lề</script>\n\n"
        "Thẻ `<script>` và ``<a href=\"javascript:x\">` ``, cả `[x](javascript:1)`.\n"
    )
    assert find_unsafe(body, 1) == []


def test_comments_are_removed_silently_but_an_unclosed_one_hides_nothing():
    assert find_unsafe("<!-- ghi chú <script>alert(1)</script> -->\nĐoạn.", 1) == []
    assert clean("<p>A<!-- ghi chú --> B</p>") == "<p>A B</p>"
    assert lines_of("Đoạn <!-- chưa đóng\n\n<b onclick=\"x()\">đậm</b>") == [3]


def test_html_outside_code_next_to_code_is_still_reported():
    body = "```\n<b>mã</b>\n```\n\nSau `<b>` là <b onclick=\"x()\">đậm</b>.\n\n- mục\n\n    <u style=\"x\">tiếp</u>\n"
    assert lines_of(body) == [5, 9]


def test_clean_markdown_reports_nothing():
    body = """Đoạn có chú thích[^1], **đậm**, *nghiêng*, `mã` và [liên kết](https://dichvucong.gov.vn "Cổng").

![Người dân làm thủ tục](anh.jpg "Chú thích ảnh")

| Quý | Tỷ lệ |
|:----|------:|
| I   | 95%   |

## Mục có mã {: #muc-1 .noi-bat }

Ảnh {static} <{static}/articles/2021/anh.jpg> và [tệp]({attach}bao-cao.pdf), [trang]({filename}/pages/lien-he.md).

*[CCHC]: Cải cách hành chính

Thuật ngữ
:   Định nghĩa

<ubnd@caolanh.dongthap.gov.vn>, <https://caolanh.dongthap.gov.vn>, [gọi](tel:+842773851120), [thư](mailto:a@b.vn).

<div class="ghi-chu" markdown="1">
Chữ <sub>dưới</sub>, <sup>trên</sup>, <abbr title="Ủy ban nhân dân">UBND</abbr>, <br>
</div>

[^1]: Nội dung chú thích.
"""
    assert find_unsafe(body, 1) == []


# --- clean: removes, keeps --------------------------------------------------------
def test_clean_removes_scripts_handlers_urls_and_styles():
    dirty = ('<p onclick="a()" style="color:red">Chữ<script>alert(1)</script>'
             '<a href="javascript:alert(1)">x</a><a href="vbscript:y">y</a>'
             '<img src="data:image/png;base64,AA" alt="d" onerror="b()"></p>'
             '<iframe src="https://x">dự phòng</iframe><style>p{}</style>'
             '<form action="/"><input name="q"><button>Gửi</button></form><object data="x"></object>')
    out = clean(dirty)
    assert out == '<p>Chữ<a>x</a><a>y</a><img alt="d"></p>Gửi'
    for word in ("script", "onclick", "onerror", "javascript", "vbscript", "data:", "style", "iframe", "form"):
        assert word not in out


def test_clean_keeps_what_markdown_produces():
    converter = BodyConverter(EXT)
    root = ROOT / "tests" / "fixtures" / "unsafe_html"
    body = ('Chữ[^1] <abbr title="Ủy ban">UBND</abbr>.\n\n![Biểu đồ](x.png "Chú thích")\n\n'
            "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n## Mục {: #muc .lon }\n\n"
            "3. ba\n4. bốn\n\n[^1]: Ghi chú.\n")
    html = converter.convert(body, display_path="a.md", source=root / "articles" / "2021" / "a.md",
                             content_root=root, body_line=1).html
    for fragment in (
        '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
        '<abbr title="Ủy ban">UBND</abbr>',
        '<figure><img alt="Biểu đồ" src="{static}/articles/2021/x.png"><figcaption>Chú thích</figcaption></figure>',
        '<th align="left">a</th>', '<td align="right">2</td>',
        '<h2 class="lon" id="muc">Mục</h2>', '<ol start="3">',
        '<div class="footnote">', '<li id="fn:1">', '<a class="footnote-backref" href="#fnref:1"',
    ):
        assert fragment in html, (fragment, html)
    assert "style" not in html and "rel=" not in html


@pytest.mark.parametrize("fragment", [
    '<img src="{static}/articles/2021/anh.jpg" alt="Ảnh">',
    '<a href="{attach}bao-cao.pdf">Báo cáo</a>',
    '<a href="{filename}/pages/lien-he.md">Liên hệ</a>',
    '<a href="../../the/dat-dai/">Thẻ</a>',
    '<a href="#fn:1">1</a>',
    '<a href="https://dichvucong.gov.vn/p/home">Cổng</a>',
    '<a href="mailto:ubnd@caolanh.dongthap.gov.vn">Thư</a>',
    '<a href="tel:+842773851120">Gọi</a>',
    '<picture><source srcset="a.webp 1x" type="image/webp"><img src="a.jpg" alt="a" width="4" height="3"></picture>',
])
def test_clean_keeps_allowed_links_unchanged(fragment):
    assert clean(fragment) == fragment


def test_clean_is_idempotent():
    dirty = ('<p class="x" onclick="a()">A <b>b</b> &amp; <a href="javascript:x">c</a>&nbsp;↩</p>'
             '<table><tr><td align="left" style="x">1</td></tr></table><script>1</script><font>f</font>')
    once = clean(dirty)
    assert clean(once) == once


# --- Wiring: converter, reader ----------------------------------------------------
def test_converter_returns_warnings_and_a_clean_first_paragraph(tmp_path):
    out = BodyConverter(EXT).convert(
        'Chữ <b onclick="alert(1)">đậm</b>.\n\n<script>alert(1)</script>\n',
        display_path="content/articles/2021/x.md", source=tmp_path / "x.md", content_root=tmp_path, body_line=12)
    assert out.errors == []
    assert [(w.path, w.line, w.field) for w in out.warnings] == [
        ("content/articles/2021/x.md", 12, "html"), ("content/articles/2021/x.md", 14, "html")]
    assert out.first_paragraph == "Chữ <b>đậm</b>."
    assert "script" not in out.html and "onclick" not in out.html


def test_reader_warns_about_the_summary_field_and_cleans_it(tmp_path):
    root = tmp_path / "content"
    source = root / "articles" / "bai.md"
    source.parent.mkdir(parents=True)
    source.write_text('---\ntitle: Bài\ndate: 2021-04-08\nauthor: Mi Lê\ncategory: Cải cách thể chế\n'
                      'summary: \'Tóm <b onclick="x()">tắt</b>\'\n---\n\nĐoạn.\n', encoding="utf-8")
    settings = FrontMatterSettings.from_pelican({"PATH": str(root), "FRONT_MATTER_CATEGORIES": ["Cải cách thể chế"]})
    result = DocumentReader(settings).read(source)
    assert result.errors == []
    assert [(w.line, w.field) for w in result.warnings] == [(6, "summary")]
    assert result.summary == "<p>Tóm <b>tắt</b></p>"


# --- End to end: the build publishes without the unsafe parts and names each line --
EXPECTED_WARNINGS = [
    f"{ARTICLE}:6: summary: thuộc tính onclick của thẻ <b> bị loại bỏ",
    f"{ARTICLE}:11: html: thẻ <script> bị loại bỏ",
    f"{ARTICLE}:13: html: thuộc tính onerror của thẻ <img> bị loại bỏ",
    f'{ARTICLE}:15: html: địa chỉ "javascript:alert(1)" của liên kết [vào đây] bị loại bỏ',
    f'{ARTICLE}:17: html: địa chỉ "javascript:alert(1)" của thẻ <a> bị loại bỏ',
]


def _warning_lines(stderr):
    return [line for line in stderr.splitlines() if line.startswith(ARTICLE)]


@pytest.fixture(scope="module")
def unsafe_build(tmp_path_factory):
    output = tmp_path_factory.mktemp("unsafe") / "output"
    return build(FIXTURE, output), output


def test_unsafe_article_is_published_without_the_unsafe_parts(unsafe_build):
    result, output = unsafe_build
    assert result.returncode == 0, result.stderr
    page = (output / "bai-viet" / "bai-co-html-khong-an-toan" / "index.html").read_text(encoding="utf-8")
    assert '<p><img src="x.png" alt="x"></p>' in page
    assert "<p>Bấm <a>vào đây</a> để xem.</p>" in page and "<p>Hoặc bấm <a>vào đây</a>.</p>" in page
    assert "&lt;script&gt;ví dụ trong khối mã" in page  # code stays visible as text
    texts = {p: p.read_text(encoding="utf-8") for p in output.rglob("*")
             if p.is_file() and p.suffix in (".html", ".xml", ".json", ".js", ".css", ".txt")}
    assert any("Tóm tắt có <b>chữ đậm</b>." in t for t in texts.values())
    for path, text in texts.items():
        for word in ("onerror", "onclick", "javascript:", "alert("):
            assert word not in text, (path, word)
        scripts = re.findall(r"<script\b[^>]*>", text)
        assert all(re.fullmatch(r'<script (src="[^"]*theme/js/[^"]*"[^>]*|type="application/ld\+json")>', s) for s in scripts), (path, scripts)


def test_build_names_the_file_and_line_of_each_removal(unsafe_build):
    result, _output = unsafe_build
    lines = _warning_lines(result.stderr)
    assert len(lines) == len(EXPECTED_WARNINGS), result.stderr
    for line, expected in zip(lines, EXPECTED_WARNINGS):
        assert line.startswith(expected), (line, expected)
    assert "Không xuất bản" not in result.stderr


def test_check_prints_the_same_warnings_and_passes(unsafe_build):
    result, _output = unsafe_build
    checked = check("--content", str(FIXTURE))
    assert checked.returncode == 0, checked.stderr
    assert _warning_lines(checked.stderr) == _warning_lines(result.stderr)
    assert "Kiểm tra 1 tệp: không có lỗi. 5 cảnh báo trong 1 tệp" in checked.stdout


def test_a_body_without_angle_square_or_curly_brackets_has_nothing_to_report(monkeypatch):
    """find_unsafe returns [] at once for such a body; the full scan agrees."""
    import random

    from front_matter import sanitize

    rng = random.Random(5)
    alphabet = list("aăbđêơư AZ019 .,;:()!?%/&#=\"'`*_-~>]})|\\\n\t") + ["javascript:", "onclick=", "&lt;",
                                                                         "http://x.vn", "a@b.vn", "    ", "```"]
    bodies = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80))) for _ in range(3000)]
    assert all(sanitize.find_unsafe(body, 1) == [] for body in bodies)
    monkeypatch.setattr(sanitize, "_MAYBE_UNSAFE", sanitize.re.compile(""))  # always the full scan
    assert all(sanitize.find_unsafe(body, 1) == [] for body in bodies)
    assert sanitize.find_unsafe("<script>x</script>", 1)  # the full scan does find things
