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
