"""A page whose inputs did not change keeps its file (plugins/parallel_render/reuse.py).

The builds below write into one output folder again and again (each build
recycles the tree of the build before last) and after every kind of edit
must equal a fresh build byte for byte, while rendering only some pages."""

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime

import pytest
from jinja2 import DictLoader, Environment, pass_context
from pelican.settings import read_settings

from tests.helpers import ROOT, SEARCH_INDEX, article, build, env, tree, write

sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "plugins")]
from corpus import generate, write_site  # noqa: E402
from build_core.files import read_pickle  # noqa: E402
from parallel_render import record, reuse, tracking  # noqa: E402
from parallel_render.digests import Digests  # noqa: E402
from parallel_render.settled import MemberList  # noqa: E402

RENDERED = re.compile(r"trang vẽ lại (\d+)/(\d+)")


# --- What a template reads -------------------------------------------------

def test_the_tracking_context_notes_every_name_a_page_reads_and_only_those():
    @pass_context
    def helper(context):
        return context.get("from_python", "")

    templates = {
        "page.html": "{% set local = 1 %}{{ title }}{{ local }}{% include 'part.html' %}{{ helper() }}"
                     "{% if flag %}{{ only_if_flag }}{% endif %}",
        "part.html": "{{ in_include }}{% for x in items %}{{ x }}{% endfor %}",
    }
    jinja = Environment(loader=DictLoader(templates))
    jinja.context_class = tracking.TrackingContext
    jinja.globals["helper"] = helper
    text, reads = tracking.render_recording(jinja.get_template("page.html"),
                                         {"title": "T", "in_include": "I", "items": [1, 2], "flag": False,
                                          "from_python": "P", "unused": "U"})
    assert text == "T1I12P"
    assert {"title", "in_include", "items", "helper", "from_python", "flag"} <= reads
    assert "unused" not in reads and "local" not in reads and "x" not in reads


class _Card:
    """A plain object in a content's state."""

    def __init__(self, **state):
        self.__dict__.update(state)


@dataclass
class _Box:
    inside: object


def _contents():
    from pelican.contents import Article

    def make(title, **extra):
        return Article("<p>x</p>", metadata={"title": title, "date": datetime(2021, 4, 1), **extra},
                       settings=read_settings(None), source_path=f"{title}.md", context={})
    other = make("B", translations_like=[])
    return make("A", related=[other], newer=other, holder=_Card(link=other), box=_Box(other),
                meta={"ref": [other]}, tags_like=["x", "y"], plain_card=_Card(text="t"), translations_like=[]), other


@pytest.mark.parametrize("template, follows", [
    ("{{ a.title }}{{ a.date }}{{ a.tags_like|join(',') }}{{ a.plain_card.text }}{{ a['title'] }}{{ a.x[0] }}", False),
    ("{% for x in page.object_list %}{{ x.title }}{% endfor %}{{ page['object_list']|length }}", False),
    ("{% include 'card.html' %}{% from 'macros.html' import m %}{{ m(a) }}", False),
    ("{% for t in a.translations_like %}{{ t.title }}{% endfor %}", False),  # holds no content this build
    ("{% for r in a.related %}{{ r.title }}{% endfor %}", True),
    ("{{ a['related'][0].title }}", True),
    ("{{ a.newer.title }}", True),
    ("{{ a.holder.link.title }}", True),
    ("{{ a.box.inside.title }}", True),
    ("{{ a.meta.ref[0].title }}", True),
    ("{{ [a]|map(attribute='newer.title')|join }}", True),
    ("{{ a|attr('newer') }}", True),
    ("{{ [a, b]|selectattr('newer')|list|length }}", True),
    ("{% if false %}{{ a.related }}{% endif %}", True),  # read from the source: a branch counts if it is there
    ("{% include 'related_card.html' %}", True),
    ("{% extends 'layout.html' %}", True),
    ("{% include which %}", True),  # unknown: it may
    ("{{ a[key] }}", True),
    ("{{ a|attr(key) }}", True),
    ("{{ [a]|map(attribute=key)|list }}", True),
])
def test_whether_a_page_may_follow_a_reference_is_read_from_its_templates(template, follows):
    """tracking.py: the pages whose digest must cover the contents a content
    refers to, and only those."""
    first, second = _contents()
    jinja = Environment(loader=DictLoader({
        "page.html": template,
        "card.html": "{{ a.title }}",
        "macros.html": "{% macro m(x) %}{{ x.slug }}{% endmacro %}",
        "related_card.html": "{% include 'card.html' %}{{ a.related|length }}",
        "layout.html": "{% include 'related_card.html' %}",
    }))
    references = tracking.References([first, second])
    assert references.may_follow(jinja.get_template("page.html")) is follows
    assert references.may_follow(jinja.get_template("page.html")) is follows  # the same when known


def test_a_value_holding_a_content_without_a_digest_has_none():
    """Its page is then always rendered: never kept on a digest that does not
    cover that content."""
    import threading

    first, second = _contents()
    second.lock = threading.Lock()  # cannot be pickled
    digests = Digests({}, b"")
    assert digests.own(second) is None and digests.own(first) is not None  # first names second only
    assert digests.value([second], deep=False) is None and digests.value({"k": [second]}, deep=True) is None
    assert digests.value([first], deep=False) is not None and digests.value([first], deep=True) is None


def test_holds_content_looks_inside_values_and_assumes_yes_when_too_deep():
    from pelican.urlwrappers import Category

    first, second = _contents()
    assert tracking.holds_content(second) and tracking.holds_content({"k": (1, [second])})
    assert not tracking.holds_content(["x", 1, None, datetime(2021, 1, 1), Category("Cải cách", first.settings)])
    assert not tracking.holds_content(_Card(a=_Card(b="x")))
    assert tracking.holds_content([[[[["deep"]]]]]) and not tracking.holds_content([[["shallow"]]])


@dataclass
class _Pair:
    left: object
    right: object = None


@dataclass
class _Empty:
    pass


def test_a_dataclass_is_seen_through_its_fields_whatever_their_number():
    first, second = _contents()
    assert tracking.dataclass_values(_Pair(1, "x")) == (1, "x")
    assert tracking.dataclass_values(_Box("x")) == ("x",) and tracking.dataclass_values(_Empty()) == ()
    assert tracking.dataclass_values(_Card(a=1)) is None and tracking.dataclass_values("x") is None
    unset = _Pair(1, "x")
    del unset.left  # no default to fall back on
    with pytest.raises(AttributeError):
        tracking.dataclass_values(unset)
    assert tracking.holds_content(_Pair(1, second)) and tracking.holds_content(_Box(_Pair("x", [second])))
    assert not tracking.holds_content(_Pair(1, "x")) and not tracking.holds_content(unset)
    digests = Digests({}, b"")
    assert digests.value(_Pair(1, "x")) != digests.value(_Pair(1, "y")) != digests.value(_Box("y"))
    assert digests.value(_Box("y")) != digests.value(_Pair("y", None)) and digests.value(_Empty()) is not None
    assert digests.value(unset) is None  # a field it lacks: no digest, always rendered
    assert not tracking.holds_content(_Pair(["x"], {"k": 1}))  # containers of plain values
    holding = _Pair(1, second)
    del holding.left
    assert tracking.holds_content(holding)  # seen through the fields it has


@pytest.mark.parametrize("first_value, second_value, holds", [
    (["x", "y"], ("z",), False),
    ([["x"]], [["y"]], False),
    ([["x"]], [["later"]], True),  # the second's list of lists holds the first: found below
    (_Pair(1, "x"), _Pair(2, None), False),
    (_Pair(1, "x"), _Pair(2, "later"), True),
    (_Pair(1, "x"), _Box("y"), False),  # two kinds of dataclass: looked at one by one
    (_Pair(1, "x"), _Box("later"), True),
    ({"k": "x"}, {"k": "later"}, True),
    (_Pair(1, "x"), _Card(a="later"), True),  # a dataclass and a plain object
    (None, "later", True),
    (None, 3, False),
])
def test_whether_contents_hold_contents_under_a_name_whatever_shape_their_values_have(first_value, second_value,
                                                                                      holds):
    from pelican.urlwrappers import Category

    first, second = _contents()

    def placed(value):
        if value == "later":
            return first
        if isinstance(value, list) and value and value[0] == ["later"]:
            return [[first]]
        if isinstance(value, dict):
            return {k: first if v == "later" else v for k, v in value.items()}
        if isinstance(value, _Card):
            return _Card(**{k: first if v == "later" else v for k, v in vars(value).items()})
        if isinstance(value, (_Pair, _Box)):
            fields = [first if f == "later" else f for f in tracking.dataclass_values(value)]
            return type(value)(*fields)
        return value

    first.shape, second.shape = placed(first_value), placed(second_value)
    first.labels, second.labels = [Category("Cải cách", first.settings)], []
    references = tracking.References([first, second])
    assert references.holding("shape") is holds
    assert references.holding("labels") is False and references.holding("related") is True
    assert tracking.holds_content(MemberList([second]))  # a list's subclass: its items


def test_digests_follow_values_and_not_object_identity():
    digests = Digests({}, b"")
    one = {"a": ["x", "y"], "b": ("z", 1.5)}
    assert digests.value(one) == Digests({}, b"").value({"a": ["x", "y"], "b": ("z", 1.5)})
    assert digests.value(one) != Digests({}, b"").value({"a": ["x", "y"], "b": ("z", 2.5)})
    assert Digests({}, b"").value("x") != Digests({}, b"").value(["x"])


def test_a_contents_state_is_digested_with_the_shared_dicts_named_however_it_holds_them():
    """The fast path (the shared dicts under Pelican's names, no set) gives
    the state the general one gives; any other shape takes the general one."""
    first, second = _contents()
    settings, context, other_context = first.settings, {"articles": [first]}, {"pages": []}
    first._context = context
    digests = Digests({id(settings): "settings", id(context): "context", id(other_context): "context"}, b"")
    cases = [
        {},  # settings and _context, as Pelican sets them
        {"extra_context": other_context},  # a shared dict under another name
        {"words": {"đường", "phố", "xã"}},  # a set: sorted
        {"settings": {"OWN": 1}},  # not the shared settings: digested as it is
        {"_context": None},
    ]
    for extra in cases:
        vars(second).clear()
        vars(second).update(vars(first), **extra)
        fast = digests._state_of(second)
        assert fast == digests.without_shared(vars(second)), extra
        assert list(fast) == list(vars(second))  # the same order: the same pickle
        assert all(v is not settings and v is not context and v is not other_context for v in fast.values())
    assert Digests({id(settings): "settings"}, b"").own(first) != Digests({}, b"").own(first)


def test_a_name_the_pages_context_lacks_is_read_from_its_templates_globals():
    def template_with(value):
        jinja = Environment(loader=DictLoader({"p.html": "{{ g }}{{ x }}"}))
        jinja.globals["g"] = value
        return jinja.get_template("p.html")

    template, names = template_with(["một"]), ("g", "x")
    found = reuse.Reuse(None, b"f", Digests({}, b""), {}, tracking.References([]))
    from_globals = found._digest(template, {"x": 1}, names, False)
    assert from_globals == found._digest(template, {"x": 1, "g": ["một"]}, names, False)  # the same value
    assert from_globals != found._digest(template, {"x": 1, "g": ["hai"]}, names, False)  # the page's own wins
    assert found._digest(template_with(["hai"]), {"x": 1}, names, False) != from_globals  # each template's own
    assert found._digest(template, {"x": 1}, names, False) == from_globals
    assert found._digest(template, {"x": 1}, ("nowhere", "x"), False) not in (None, from_globals)


PROCESS_DIGEST = """
import sys
sys.path[:0] = [sys.argv[1]]
from parallel_render import digests
class Thing:
    def __init__(self):
        self.words = {"đường", "phố", "xã", "phường", "huyện"}
print(digests.Digests({}, b"").value([Thing()]).hex())
"""


def test_a_digest_is_the_same_in_every_interpreter():
    """Strings hash differently in each process (PYTHONHASHSEED); a set of
    them inside an object must not change the digest."""
    runs = {subprocess.run([sys.executable, "-c", PROCESS_DIGEST, str(ROOT / "plugins")], env=env(),
                           capture_output=True, text=True, check=True).stdout for _ in range(4)}
    assert len(runs) == 1


def test_a_record_belongs_to_one_folder_and_is_taken_once(tmp_path):
    cache, first, second = tmp_path / "cache", tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    manifest = record.Manifest(b"f", {"index.html": record.Entry("index.html", ("", ""), ("x",), b"d", 10)})
    record.save_manifest(cache, first, manifest)
    assert record.take_manifest(cache, second) is None
    assert record.take_manifest(cache, first) == manifest
    assert record.take_manifest(cache, first) is None  # the build that took it changes the folder
    assert record.take_manifest(cache, tmp_path / "missing") is None


# --- Whole builds ------------------------------------------------------------

@pytest.fixture
def site(tmp_path):
    content = tmp_path / "content"
    write_site(generate(60, seed=21, category_mode="real", tags="rich"), content)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    return tmp_path


def _build(site, output, *settings):
    # A threshold of 0: the pages are rendered by the worker processes, as on a large site.
    result = build(site / "content", output, "-e", f'CACHE_PATH="{site / "cache"}"', f'THEME="{site / "theme"}"',
                   "BUILD_TIMINGS=true", "PARALLEL_RENDER_THRESHOLD=0", *settings)
    assert result.returncode == 0, result.stderr[-3000:]
    found = RENDERED.search(result.stderr)
    return (int(found[1]), int(found[2])) if found else None


def _same_as_fresh(site, *settings):
    fresh = site / "fresh"
    for folder in (fresh, site / "fresh.old"):
        shutil.rmtree(folder, ignore_errors=True)
    _build(site, fresh, "PARALLEL_RENDER_REUSE=false", *settings)
    assert tree(site / "out", SEARCH_INDEX) == tree(fresh, SEARCH_INDEX)


def _edit(path, pattern, replacement):
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.M)
    assert changed != text, (path, pattern)
    path.write_text(changed, encoding="utf-8")


def test_builds_over_one_folder_keep_unchanged_pages_and_equal_a_fresh_build(site):
    out = site / "out"
    rendered, total = _build(site, out)
    assert rendered == total  # nothing to keep yet
    assert _build(site, out)[0] == total  # a new folder: out.old did not exist
    assert _build(site, out) == (0, total)  # the first build's folder, nothing changed
    _same_as_fresh(site)

    articles = sorted((site / "content" / "articles").rglob("*.md"))
    edits = [
        ("body", lambda: articles[3].write_text(articles[3].read_text(encoding="utf-8")
                                                + "\nMột đoạn mới của bài viết.\n", encoding="utf-8")),
        # The lead: what related-articles ranks on (every score moves a little).
        ("lead", lambda: _edit(articles[5], r"^---\n\n", "---\n\nCập nhật: ")),
        ("title", lambda: _edit(articles[7], r'^title: "', 'title: "Sửa tên bài – ')),
        ("date", lambda: _edit(articles[11], r"^(date: \S+) \d\d:\d\d", r"\1 06:07")),
        ("tags", lambda: _edit(articles[13], r"^tags: \[", 'tags: ["thẻ mới hoàn toàn", ')),
        ("category", lambda: _edit(articles[17], r'^category: "[^"]*"', 'category: "Công tác chỉ đạo, điều hành cải cách hành chính"')),
        ("deleted", lambda: articles[19].unlink()),
        ("added", lambda: shutil.copy(articles[23], articles[23].with_name("ban-sao-" + articles[23].name))),
        ("template", lambda: _edit(site / "theme" / "templates" / "partials" / "related.html",
                                   "Có thể bạn quan tâm</h2>", "Có thể bạn quan tâm</h2><!-- sửa -->")),
    ]
    for what, change in edits:
        change()
        if what == "added":
            _edit(articles[23].with_name("ban-sao-" + articles[23].name), r'^title: "', 'title: "Bản sao – ')
        rendered, total = _build(site, out)
        if what in ("body", "lead", "title", "date", "tags"):
            # Fewer on a large site: here most pages list or link to one of
            # the articles that link to the edited one.
            assert 0 < rendered < total, (what, rendered, total)
        if what == "lead":
            # Not the pages of every article whose related scores moved: no
            # page shows a score (183 of 188 pages when the articles held them).
            assert rendered * 4 < total * 3, (rendered, total)
        if what == "template":
            assert rendered > 0
        _same_as_fresh(site)
    # Once both folders (out, out.old) hold the last state: nothing to render.
    _build(site, out)
    assert _build(site, out)[0] == 0
    # A setting every page shows: every page again.
    rendered, total = _build(site, out, 'SITENAME="Bản tin thử"')
    assert rendered == total
    _same_as_fresh(site, 'SITENAME="Bản tin thử"')


def test_a_build_that_does_not_keep_pages_leaves_no_record_for_the_next(site):
    """The record describes the folder as its build left it: a build with
    reuse off still takes the record of the folder it writes into."""
    out = site / "out"
    for _ in range(3):
        _build(site, out)
    article = sorted((site / "content" / "articles").rglob("*.md"))[2]
    article.write_text(article.read_text(encoding="utf-8") + "\nĐoạn chỉ bản dựng thứ tư thấy.\n", encoding="utf-8")
    _build(site, out, "PARALLEL_RENDER_REUSE=false")  # writes into the third build's folder
    _build(site, out, "PARALLEL_RENDER_REUSE=false")
    article.write_text(article.read_text(encoding="utf-8").replace("thứ tư", "thứ sáu"), encoding="utf-8")
    rendered, total = _build(site, out)  # the fourth build's folder, with no record
    assert rendered == total
    _same_as_fresh(site)
    assert any("Đoạn chỉ bản dựng thứ sáu thấy." in d.decode("utf-8", "ignore") for d in tree(out).values())


def test_a_kept_page_must_still_be_there(site):
    out = site / "out"
    for _ in range(2):
        _build(site, out)
    victim = next(p for p in sorted((site / "out.old" / "bai-viet").rglob("index.html")))
    victim.unlink()  # the folder the next build recycles
    rendered, _total = _build(site, out)
    assert rendered == 1
    _same_as_fresh(site)


@pytest.mark.parametrize("photos", ["responsive_images", "plain"])
def test_a_replaced_cover_photo_renders_its_pages_again(tmp_path, photos):
    """The cover's file is an input of the pages that show it: with
    responsive_images through the derivatives' hash, without it through the
    size read lazily from the file (listings' CoverSize)."""
    from PIL import Image

    content = tmp_path / "content"
    write(content, {f"articles/bai-{n}.md": article(f"Bài số {n}", date=f"2021-04-0{n} 10:00",
                                                    extra="image: bia.png\nimage_alt: Ảnh bìa\n" if n == 1 else "",
                                                    body="Đoạn đầu.\n\n![Ảnh trong bài](trong-bai.png \"Chú thích\")"
                                                    if n == 2 else "Đoạn đầu.")
                    for n in range(1, 5)})
    Image.new("RGB", (640, 400), (200, 30, 30)).save(content / "articles" / "bia.png")
    # A photo in the body: responsive_images writes its URLs into the page
    # after it is rendered, and the record must hold the page's final size.
    Image.new("RGB", (500, 300), (30, 200, 30)).save(content / "articles" / "trong-bai.png")
    settings = ["-e", f'CACHE_PATH="{tmp_path / "cache"}"', "SITE_SEARCH=false", "PARALLEL_RENDER_THRESHOLD=0",
                "BUILD_TIMINGS=true"]
    if photos == "plain":
        plugins = [p for p in read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"] if p != "responsive_images"]
        settings.append("PLUGINS=" + json.dumps(plugins))
    out = tmp_path / "out"
    for _ in range(3):
        result = build(content, out, *settings)
        assert result.returncode == 0, result.stderr[-2000:]
    assert "trang vẽ lại 0/" in result.stderr
    Image.new("RGB", (300, 500), (30, 30, 200)).save(content / "articles" / "bia.png")
    for _ in range(2):  # into each of the two folders
        result = build(content, out, *settings)
        assert result.returncode == 0, result.stderr[-2000:]
        assert "trang vẽ lại 0/" not in result.stderr
        fresh = build(content, tmp_path / "fresh", *settings, "PARALLEL_RENDER_REUSE=false")
        assert fresh.returncode == 0
        assert tree(out) == tree(tmp_path / "fresh")
        shutil.rmtree(tmp_path / "fresh")
        shutil.rmtree(tmp_path / "fresh.old", ignore_errors=True)
    page = (out / "bai-viet" / "bai-so-1" / "index.html").read_text(encoding="utf-8")
    assert ('width="300"' in page) if photos == "plain" else ("300w" in page or 'width="300"' in page)


def test_the_code_fingerprint_follows_code_and_templates_not_documentation(tmp_path):
    from parallel_render.record import global_fingerprint

    plugin = tmp_path / "plugin_x"
    (plugin / "templates").mkdir(parents=True)
    (plugin / "plugin.py").write_text("X = 1\n")
    (plugin / "templates" / "a.html").write_text("<p>{{ x }}</p>\n")
    (plugin / "README.md").write_text("# Plugin X\n")
    settings = {"SITENAME": "Bản tin"}

    def fingerprint():
        return global_fingerprint(settings, [plugin], {id(settings): "settings"})

    first = fingerprint()
    assert fingerprint() == first
    (plugin / "README.md").write_text("# Plugin X\n\nMore words.\n")
    assert fingerprint() == first  # documentation renders no page
    (plugin / "templates" / "a.html").write_text("<p>{{ x|e }}</p>\n")
    second = fingerprint()
    assert second != first
    (plugin / "plugin.py").write_text("X = 2\n")
    assert fingerprint() != second


def test_after_a_body_edit_only_the_pages_that_show_the_article_render_again(site):
    """A listing shows each article's own title, date, summary and photo, not
    the articles that article refers to (tracking.py): an edit renders the
    edited article's page, the pages that list it and the pages whose
    related or latest lists link to it; not the listings of the articles
    whose related lists hold it."""
    out = site / "out"
    for _ in range(3):
        _build(site, out, "SITE_SEARCH=false")
    edited = sorted((site / "content" / "articles").rglob("*.md"))[3]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMột đoạn mới ở cuối bài.\n", encoding="utf-8")
    count, _total = _build(site, out, "SITE_SEARCH=false")
    # The pages rendered: those whose digest differs from the one recorded
    # for the other folder by the build before the edit.
    before, after = (read_pickle(record.manifest_path(site / "cache" / "pages", folder))[1].pages
                     for folder in (site / "out.old", out))
    rendered = {name for name, entry in after.items() if entry != before[name]}
    assert len(rendered) == count
    pages = {name: data.decode("utf-8") for name, data in tree(out).items() if name.endswith(".html")}
    url = next(name for name, text in pages.items() if "Một đoạn mới ở cuối bài." in text).removesuffix("index.html")
    link = re.compile(f'href="[^"]*/{re.escape(url)}"')  # relative links: ./bai-viet/…/, ../../bai-viet/…/
    showing = {name for name, text in pages.items() if link.search(text)}
    assert showing <= rendered
    # The other pages rendered list the article among their articles (on
    # another page of the same listing) or list every article: never the
    # listing of a tag, author, unit, category or year the article lacks,
    # which the pages of articles whose related lists hold it used to render.
    own = pages[url + "index.html"]
    year = re.search(r"^date: (\d{4})", edited.read_text(encoding="utf-8"), re.M)[1]
    for name in rendered - showing:
        kind, _, rest = name.partition("/")
        if kind in ("the", "tac-gia", "don-vi", "chuyen-muc") and rest != "index.html":
            assert re.search(f'href="[^"]*/{kind}/{rest.split("/")[0]}/"', own), name
        if kind == "luu-tru" and rest != "index.html":
            assert rest.startswith(year + "/"), name
    assert len(rendered) < len(showing) * 2, sorted(rendered - showing)
    _same_as_fresh(site, "SITE_SEARCH=false")


def test_a_listing_whose_cards_show_related_titles_follows_their_edits(site):
    """A theme whose listing cards read each article's related list: its
    listings may follow references (tracking.py), so an edited title reaches
    every card that shows it, and every build equals a fresh one."""
    _edit(site / "theme" / "templates" / "partials" / "article_card.html", r'<div class="card-summary">',
          '<ul class="card-related">{% for other in item.related_articles %}<li>{{ other.title }}</li>{% endfor %}'
          '</ul><div class="card-summary">')
    out = site / "out"
    for _ in range(3):
        _build(site, out, "SITE_SEARCH=false")
    articles = sorted((site / "content" / "articles").rglob("*.md"))
    _edit(articles[7], r'^title: "', 'title: "Tên mới trong thẻ gợi ý – ')
    for _ in range(2):  # into each of the two folders
        rendered, total = _build(site, out, "SITE_SEARCH=false")
        assert 0 < rendered < total
        _same_as_fresh(site, "SITE_SEARCH=false")
    listing = (out / "index.html").read_text(encoding="utf-8")
    assert 'class="card-related"' in listing
