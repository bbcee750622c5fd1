"""Markdown body: one pass, images resolved beside the article, figures with captions."""

from pathlib import Path

import pytest

from front_matter.body import BodyConverter, resolve_image

EXT = ["markdown.extensions.extra", "markdown.extensions.sane_lists"]


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "content"
    (root / "articles" / "2021").mkdir(parents=True)
    (root / "articles" / "2021" / "anh.jpg").write_bytes(b"x")
    (root / "extra").mkdir()
    (root / "extra" / "logo.png").write_bytes(b"x")
    (tmp_path / "secret.jpg").write_bytes(b"x")
    return root


def convert(site, body, body_line=10):
    source = site / "articles" / "2021" / "bai.md"
    return BodyConverter(EXT).convert(body, display_path="content/articles/2021/bai.md", source=source,
                                      content_root=site, body_line=body_line)


def test_lone_image_becomes_figure_with_caption(site):
    out = convert(site, 'Đoạn một.\n\n![Người dân làm thủ tục](anh.jpg "Người dân đến làm thủ tục tại UBND xã")\n')
    assert out.errors == []
    assert ('<figure><img alt="Người dân làm thủ tục" src="{static}/articles/2021/anh.jpg">'
            "<figcaption>Người dân đến làm thủ tục tại UBND xã</figcaption></figure>") in out.html
    assert out.images == [("articles/2021/anh.jpg", 12)]
    assert out.first_paragraph == "Đoạn một."


def test_inline_image_keeps_paragraph_and_static_form_works(site):
    out = convert(site, "Chữ ![logo]({static}/extra/logo.png) chữ.\n")
    assert out.errors == []
    assert '<p>Chữ <img alt="logo" src="{static}/extra/logo.png"> chữ.</p>' in out.html


@pytest.mark.parametrize("src, message", [
    ("khong-co.jpg", 'không tìm thấy tệp ảnh "khong-co.jpg"'),
    ("../../../secret.jpg", 'nằm ngoài thư mục content/'),
    ("https://example.com/a.jpg", "là ảnh ở trang khác"),
    ("/articles/2021/anh.jpg", "là đường dẫn tuyệt đối"),
])
def test_bad_image_paths_name_the_line(site, src, message):
    out = convert(site, f"Đoạn một.\n\nĐoạn hai.\n\n![Ảnh]({src})\n", body_line=10)
    assert len(out.errors) == 1
    error = out.errors[0]
    assert (error.path, error.line, error.field) == ("content/articles/2021/bai.md", 14, "image")
    assert message in error.message


def test_missing_alt_is_an_error(site):
    out = convert(site, "![](anh.jpg)\n", body_line=7)
    assert [str(e) for e in out.errors] == [
        'content/articles/2021/bai.md:7: image: ảnh "anh.jpg" thiếu mô tả (alt); '
        'viết ![mô tả nội dung ảnh](anh.jpg "chú thích")'
    ]


def test_converter_is_reusable_between_documents(site):
    converter = BodyConverter(EXT)
    kwargs = dict(display_path="a.md", source=site / "articles" / "2021" / "a.md", content_root=site, body_line=1)
    first = converter.convert("Một[^1].\n\n[^1]: Chú thích.\n", **kwargs)
    second = converter.convert("Hai.\n", **kwargs)
    assert "footnote" in first.html and "footnote" not in second.html
    assert second.html == "<p>Hai.</p>"


def test_resolve_image_percent_encoded_name(site):
    (site / "articles" / "2021" / "ảnh 2.jpg").write_bytes(b"x")
    ref = resolve_image("%E1%BA%A3nh%202.jpg", site / "articles" / "2021" / "bai.md", site)
    assert ref.error is None and ref.site_path == "articles/2021/ảnh 2.jpg"


def test_plain_summaries_skip_markdown_yet_read_exactly_as_markdown_would():
    import random

    from front_matter import body

    converter = body.BodyConverter(["markdown.extensions.extra", "markdown.extensions.sane_lists"])
    def markdown_only(text):
        converter._doc = None
        converter._md.reset()
        return body.clean(converter._md.convert(text))

    rng = random.Random(7)
    alphabet = list("aăâbcdđeêghiklmnoôơpqrstuưvxyÀẢÃÁẠĐƯỜ0123456789 .,;:()?%/–—-_*`[]!<>&\\{}|#+=~'\"\n")
    samples = ["Kết quả công tác cải cách hành chính quý 1 năm 2021.", "UBND xã (Mỹ Ngãi) đạt 95% chỉ tiêu; tốt.",
               "2021. Năm", "a -- b", "Tỉ lệ: 98/100", "a  b", "a ", "Đất đai — 3 thủ tục", "x_y_z"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    plain = list("aăâbcdđeêghiklmnoôơpqrstuưvxyÀẢÃÁẠĐƯỜ0123456789 .,;:()?%/–—-")
    samples += [rng.choice("aĐƯ") + "".join(rng.choice(plain) for _ in range(rng.randint(0, 60))) for _ in range(2000)]
    fast = 0
    for text in samples:
        got = converter.inline(text)
        assert got == markdown_only(text), repr(text)
        fast += bool(body._PLAIN_LINE.fullmatch(text) and "_" not in text)
    assert fast > 1000  # the fast path was really taken, and agreed each time


def test_quick_inline_pass_gives_exactly_markdowns_html(monkeypatch):
    """Random documents mixing every inline rule's trigger with plain Vietnamese
    text (paragraphs, lists, tables, footnotes, abbreviations, raw HTML, code):
    Markdown with the quick inline pass writes the same HTML as without it."""
    import random

    import markdown

    from front_matter import body

    extensions = ["markdown.extensions.extra", "markdown.extensions.sane_lists"]
    stock = markdown.Markdown(extensions=extensions, output_format="html")
    quick = body.quick_inline(markdown.Markdown(extensions=extensions, output_format="html"))
    skipped = []

    trigger = body._INLINE_TRIGGER

    class Counting:
        def search(self, text):
            found = trigger.search(text)
            skipped.append(found is None)
            return found
    monkeypatch.setattr(body, "_INLINE_TRIGGER", Counting())

    rng = random.Random(11)
    words = "cải cách hành chính thủ tục đất đai UBND xã Mỹ Ngãi HTML 2021 95% (một) hai; ba: bốn, năm. – — / ? !".split()
    inline = ["`mã`", "\\*", "[liên kết](http://a.vn)", "![ảnh](a.jpg)", "[tham chiếu][r]", "<http://a.vn>",
              "<a@b.vn>", "*nghiêng*", "**đậm**", "_x_", "__y__", "a_b_c", "&amp;", "&copy;", "<span>h</span>",
              "[^1]", "  \n", "\\\n", "* ", "_", "`", "<", "&", "[", "!["]

    def sentence():
        parts = [rng.choice(words) for _ in range(rng.randint(1, 12))]
        if rng.random() < 0.4:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(inline))
        return " ".join(parts)

    blocks = [lambda: sentence(), lambda: "# " + sentence(), lambda: "- " + sentence() + "\n- " + sentence(),
              lambda: "1. " + sentence(), lambda: "> " + sentence(), lambda: "    code " + sentence(),
              lambda: "```\n" + sentence() + "\n```", lambda: "| a | b |\n|---|:-:|\n| " + sentence() + " | x |",
              lambda: "[^1]: " + sentence(), lambda: "*[HTML]: Ngôn ngữ " + sentence(), lambda: "[r]: http://r.vn",
              lambda: "<div markdown=\"1\">" + sentence() + "</div>", lambda: "Thuật ngữ\n: " + sentence(),
              lambda: sentence() + "\n" + sentence(), lambda: sentence() + " {: .lop }"]
    for _ in range(1500):
        doc = "\n\n".join(rng.choice(blocks)() for _ in range(rng.randint(1, 6)))
        stock.reset()
        quick.reset()
        assert quick.convert(doc) == stock.convert(doc), repr(doc)
    assert sum(skipped) > 2000 and not all(skipped)  # both paths were taken, many times


def test_quick_block_tests_give_exactly_markdowns_html():
    """Random documents of plain paragraphs and every block the skipped tests
    look for (quotes, # and setext headers, rules, definitions, tables, also
    their look-alikes inside sentences), fences, raw HTML and entities: the
    same HTML with and without the quick block tests and preprocessors, which
    did skip most paragraphs and many documents."""
    import random

    import markdown

    from front_matter import body

    extensions = ["markdown.extensions.extra", "markdown.extensions.sane_lists"]
    stock = markdown.Markdown(extensions=extensions, output_format="html")
    quick = body.quick_blocks(markdown.Markdown(extensions=extensions, output_format="html"))
    calls = {"tested": 0, "skipped": 0, "ran": 0, "passed": 0}
    guards = [p for p in quick.parser.blockprocessors if isinstance(p, body._GuardedBlock)]
    assert sorted(type(g.inner).__name__ for g in guards) == sorted(kind.__name__ for _n, kind, _p, _t in body._BLOCK_GUARDS)
    for guard in guards:
        def counting(parent, block, test=guard.test, triggers=guard.triggers):
            calls["tested" if any(t in block for t in triggers) else "skipped"] += 1
            return test(parent, block)
        guard.test = counting
    guards = [p for p in quick.preprocessors if isinstance(p, body._GuardedPreprocessor)]
    assert len(guards) == 2
    for guard in guards:
        def counting_run(lines, run=guard.run, triggers=guard.triggers):
            calls["ran" if any(t in "\n".join(lines) for t in triggers) else "passed"] += 1
            return run(lines)
        guard.run = counting_run
    # In the order Markdown gives them, each where it was.
    assert [type(p) for p in quick.parser.blockprocessors if not isinstance(p, body._GuardedBlock)] == [
        type(p) for p in stock.parser.blockprocessors if type(p) not in {k for _n, k, _p, _t in body._BLOCK_GUARDS}]
    assert [quick.parser.blockprocessors.get_index_for_name(n) for n, *_ in body._BLOCK_GUARDS] == [
        stock.parser.blockprocessors.get_index_for_name(n) for n, *_ in body._BLOCK_GUARDS]

    rng = random.Random(5)
    words = "cải cách hành chính thủ tục đất đai UBND xã Mỹ Ngãi 2021 95% (một) hai; ba, năm.".split()
    marks = [">", "#", ":", "|", "-", "_", "*", "=", "a > b", "C#", "tỉ lệ: 9", "a | b", "x - y", "**đậm**",
             "<", "&", "a < b", "&amp;", "&#39;", "<em>nghiêng</em>", "<!-- ghi chú -->", "```", "~~~"]

    def sentence():
        parts = [rng.choice(words) for _ in range(rng.randint(1, 12))]
        if rng.random() < 0.3:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(marks))
        return " ".join(parts)

    blocks = [
        lambda: sentence(), lambda: sentence() + "\n" + sentence(), lambda: "> " + sentence(),
        lambda: "   > " + sentence() + "\n" + sentence(), lambda: "# " + sentence(), lambda: "###### " + sentence() + " ##",
        lambda: sentence() + "\n" + rng.choice(["===", "---", "=", "-", "- - -", "-- x"]),
        lambda: rng.choice(["***", "---", "___", "* * *", "- - -", "  ---  ", "-*-"]),
        lambda: "Thuật ngữ\n:   " + sentence(), lambda: "Thuật ngữ\n" + sentence() + ": x",
        lambda: "| a | b |\n|---|:-:|\n| " + sentence() + " | x |", lambda: "a | b\n--|--\n1 | 2",
        lambda: "| một |\n| --- |\n| hai |", lambda: sentence() + " |\n" + sentence(),
        lambda: "- " + sentence() + "\n- " + sentence(), lambda: "1. " + sentence(), lambda: "    mã " + sentence(),
        lambda: "```\n" + sentence() + "\n```", lambda: "~~~ python\n" + sentence() + "\n~~~",
        lambda: "<div>\n" + sentence() + "\n</div>", lambda: '<div markdown="1">' + sentence() + "</div>",
        lambda: "<!-- " + sentence() + " -->", lambda: sentence() + " &copy; " + sentence(),
    ]
    for _ in range(1500):
        doc = "\n\n".join(rng.choice(blocks)() for _ in range(rng.randint(1, 6)))
        stock.reset()
        quick.reset()
        assert quick.convert(doc) == stock.convert(doc), repr(doc)
    assert calls["skipped"] > calls["tested"] > 1000
    assert calls["passed"] > 300 and calls["ran"] > 300


def test_a_processor_markdown_registers_elsewhere_stops_the_quick_paths():
    """The guards take each processor's place by its name and Markdown's
    priority for it; a Markdown that registers it elsewhere would see the
    order change: that stops the build with the file to update."""
    import markdown
    import pytest
    from markdown.blockprocessors import BlockQuoteProcessor

    from front_matter import body

    md = markdown.Markdown(extensions=["markdown.extensions.extra"], output_format="html")
    md.parser.blockprocessors.register(BlockQuoteProcessor(md.parser), "quote", 5)
    with pytest.raises(RuntimeError, match='"quote" at priority 20'):
        body.quick_blocks(md)
    md = markdown.Markdown(extensions=["markdown.extensions.extra", "markdown.extensions.smarty"], output_format="html")
    body.quick_inline(md)  # smarty's own rules: the full inline pass
    assert md.convert("Cải cách -- \"hành chính\"") == "<p>Cải cách &ndash; &ldquo;hành chính&rdquo;</p>"
