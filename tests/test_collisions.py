from front_matter.collisions import check_all, duplicate_slugs, spelling_conflicts
from front_matter.schema import Entry


def entry(title, slug, kind="article", tags=(), author="Mi Lê", lines=None):
    return Entry(kind=kind, title=title, slug=slug, tags=tuple(tags), author=author,
                 lines=lines or {"title": 2, "tags": 6, "author": 4})


def test_duplicate_slugs_name_both_files():
    errors = [str(e) for e in duplicate_slugs([
        ("content/b.md", entry("Đất đai", "dat-dai")),
        ("content/a.md", entry("Dat dai", "dat-dai")),
        ("content/c.md", entry("Khác", "khac")),
    ])]
    assert errors == [
        'content/b.md:2: title: slug "dat-dai" trùng với content/a.md; đổi tiêu đề hoặc thêm dòng "slug: …" khác nhau',
        'content/a.md:2: title: slug "dat-dai" trùng với content/b.md; đổi tiêu đề hoặc thêm dòng "slug: …" khác nhau',
    ]


def test_article_and_page_may_share_a_slug_but_pages_cannot_take_a_section():
    pairs = [("a.md", entry("Liên hệ", "lien-he")), ("p.md", entry("Liên hệ", "lien-he", kind="page")),
             ("q.md", entry("Bài viết", "bai-viet", kind="page"))]
    errors = [str(e) for e in duplicate_slugs(pairs, reserved={"bai-viet", "chuyen-muc"})]
    assert errors == ['q.md:2: title: slug "bai-viet" trùng với một mục của trang; '
                      'thêm dòng "slug: bai-viet-1" hoặc đổi tiêu đề']


def test_tags_folding_to_one_slug_are_an_error_not_a_merge():
    errors = [str(e) for e in spelling_conflicts([
        ("content/1.md", entry("A", "a", tags=["bàn", "một cửa"])),
        ("content/2.md", entry("B", "b", tags=["bạn"])),
        ("content/3.md", entry("C", "c", tags=["bàn"])),
    ], "tags")]
    assert len(errors) == 2
    assert errors[0].startswith('content/1.md:6: tags: "bàn" và cách viết khác cùng thành địa chỉ "ban": ')
    assert errors[1].startswith('content/2.md:6: tags: "bạn" và cách viết khác cùng thành địa chỉ "ban": ')
    assert '"bàn" (content/1.md:6), "bạn" (content/2.md:6)' in errors[0]


def test_same_spelling_everywhere_is_fine():
    pairs = [(f"{i}.md", entry(str(i), f"s{i}", tags=["đất đai"])) for i in range(3)]
    assert check_all(pairs) == []


def test_author_spellings():
    errors = spelling_conflicts([("a.md", entry("A", "a", author="Mi Lê")),
                                 ("b.md", entry("B", "b", author="Mi Le"))], "author")
    assert [(e.path, e.line, e.field) for e in errors] == [("a.md", 4, "author"), ("b.md", 4, "author")]
