"""parallel_render's pure helpers."""

from parallel_render.settled import MemberList, freeze_urls


class Item:
    def __init__(self, name):
        self.name = name


def test_member_list_answers_in_by_identity_through_every_change():
    a, b, c, twin = Item("a"), Item("b"), Item("c"), Item("a")
    items = MemberList([a, b])
    assert a in items and b in items and c not in items and twin not in items
    items.append(c)
    assert c in items
    items.remove(a)
    assert a not in items and list(items) == [b, c]
    items += [a]
    assert a in items
    items[0] = twin
    assert twin in items and b not in items
    del items[0]
    assert twin not in items
    items.insert(0, b)
    items.extend([twin])
    assert b in items and twin in items
    assert items.pop() is twin and twin not in items
    items.clear()
    assert a not in items and len(items) == 0


def test_freeze_urls_keeps_exactly_what_pelican_computed():
    class Content:
        computed = 0

        def __init__(self, slug):
            self.slug = slug

        @property
        def url(self):
            if hasattr(self, "override_url"):
                return self.override_url
            Content.computed += 1
            return f"bai-viet/{self.slug}/"

        @property
        def save_as(self):
            return getattr(self, "override_save_as", None) or f"bai-viet/{self.slug}/index.html"

    contents = [Content("a"), Content("b")]
    freeze_urls(contents)
    before = Content.computed
    assert [c.url for c in contents] == ["bai-viet/a/", "bai-viet/b/"]
    assert [c.save_as for c in contents] == ["bai-viet/a/index.html", "bai-viet/b/index.html"]
    assert Content.computed == before  # served from the frozen values


def test_wrapper_urls_are_remembered_once_settled_until_name_slug_or_settings_change():
    from pelican.urlwrappers import Category, Tag, URLWrapper

    from parallel_render.settled import install_wrapper_url_memo, settle_wrappers, unsettle_wrappers

    install_wrapper_url_memo()
    settings = {"TAG_URL": "the/{slug}/", "TAG_SAVE_AS": "the/{slug}/index.html",
                "CATEGORY_URL": "chuyen-muc/{slug}/", "CATEGORY_SAVE_AS": "chuyen-muc/{slug}/index.html",
                "SLUG_REGEX_SUBSTITUTIONS": [(r"[^\w\s-]", ""), (r"[-\s]+", "-")]}
    tag, category = Tag("Một cửa", settings), Category("Cải cách thể chế", settings)
    calls = []
    original = URLWrapper._from_settings
    URLWrapper._from_settings = lambda self, *a, **k: calls.append(a) or original(self, *a, **k)
    try:
        unsettle_wrappers()
        assert tag.url == tag.url == "the/mot-cua/" and len(calls) == 2  # not settled: Pelican's way
        settle_wrappers()
        calls.clear()
        read = lambda: [(w.url, w.save_as, w.page_name) for w in (tag, category)]  # noqa: E731
        first = read()
        assert first == [("the/mot-cua/", "the/mot-cua/index.html", "the/mot-cua/"),
                         ("chuyen-muc/cai-cach-the-che/", "chuyen-muc/cai-cach-the-che/index.html",
                          "chuyen-muc/cai-cach-the-che/")]
        assert len(calls) == 6
        assert read() == first and len(calls) == 6  # remembered
        tag.name = "Liên thông"  # a new name: formatted again, never stale
        assert tag.url == "the/lien-thong/" and len(calls) == 7
        category.settings = dict(settings, CATEGORY_URL="cm/{slug}/")  # other settings: the same
        assert category.url == "cm/cai-cach-the-che/" and len(calls) == 8
        settle_wrappers()  # another build: nothing carried over
        assert tag.url == "the/lien-thong/" and len(calls) == 9
    finally:
        URLWrapper._from_settings = original
        unsettle_wrappers()
