"""Hostile or careless front matter: every value bounded and validated before
use, each problem one located error (issue 19: dates, YAML aliases, sizes)."""

import subprocess
import sys

import pytest

from front_matter.parse import parse_document
from front_matter.schema import ARTICLE, SchemaConfig, validate
from tests.helpers import env

MAX_CHARS = {"title": 300, "tag": 100}  # front_matter.schema's bounds, as the messages give them
MAX_ITEMS = {"tags": 30}

CONFIG = SchemaConfig(categories=("Cải cách thể chế",))
PATH = "content/articles/2024/x.md"


def doc(*fields: str, body: str = "Đoạn mở đầu.\n") -> str:
    base = {"title": "Tin thử", "date": "2024-04-01 08:00", "author": "Mi Lê", "category": "Cải cách thể chế"}
    for line in fields:
        base[line.split(":", 1)[0]] = line.split(":", 1)[1].strip()
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in base.items()) + "---\n" + body


def errors_of(text: str) -> list[str]:
    entry, errors = validate(parse_document(text, PATH), ARTICLE, CONFIG)
    assert (entry is None) == bool(errors)
    return [str(e) for e in errors]


@pytest.mark.parametrize("value", [
    "0001-01-01T00:00:00+08:00",   # overflowed on conversion to Asia/Ho_Chi_Minh (issue 19.1)
    "9999-12-31T23:00:00-05:00",
    "1900-01-01 08:00",            # would carry the local mean time offset +07:06:30
    "2101-01-01",
    "1944-12-31T23:59:59",
])
def test_dates_outside_the_bulletin_range_are_located_errors(value):
    assert errors_of(doc(f"date: '{value}'")) == [
        f"{PATH}:3: date: năm {value[:4].lstrip('0') or '0'} nằm ngoài khoảng 1945–2100; kiểm tra lại năm"]


def test_edges_of_the_date_range_are_accepted_with_a_modern_offset():
    for value in ("1945-09-02 09:00", "2100-12-31T23:59:59+07:00"):
        entry, errors = validate(parse_document(doc(f"date: '{value}'"), PATH), ARTICLE, CONFIG)
        assert errors == []
        assert entry.date.utcoffset().total_seconds() % 3600 == 0  # valid RFC 3339: whole hours here


def test_a_period_outside_the_range_is_an_error():
    assert errors_of(doc("period: 0001-Q1")) == [
        f"{PATH}:6: period: năm 1 nằm ngoài khoảng 1945–2100; kiểm tra lại năm"]


def _alias_bomb(depth: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, depth + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "---\ntitle: x\n" + "\n".join(lines) + f"\n? *a{depth}\n: 1\n---\nThân bài.\n"


_BOUNDED_PARSE = """
import resource, sys, time, tracemalloc
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # a regression dies here, not the machine
from front_matter.parse import parse_document
from front_matter.schema import ARTICLE, SchemaConfig, validate
text = sys.stdin.read()
tracemalloc.start()
started = time.perf_counter()
entry, errors = validate(parse_document(text, "x.md"), ARTICLE, SchemaConfig(categories=("Cải cách thể chế",)))
print(time.perf_counter() - started, tracemalloc.get_traced_memory()[1])
for error in errors:
    print(error)
"""


@pytest.mark.parametrize("depth", [2, 8])
def test_yaml_alias_expansion_is_bounded_in_time_and_memory(depth):
    """In a child process with a time and memory limit: at b96e00e depth 7
    took 50 s and 5.2 GB, depth 8 did not finish."""
    text = _alias_bomb(depth)
    assert len(text.encode()) < 600  # the 459-byte file of the review, give or take
    try:
        child = subprocess.run([sys.executable, "-c", _BOUNDED_PARSE], input=text, capture_output=True,
                               text=True, timeout=30, env=env())
    except subprocess.TimeoutExpired:
        pytest.fail("parsing the alias chain took more than 30 s")
    assert child.returncode == 0, child.stderr[-500:]
    measured, *errors = child.stdout.splitlines()
    elapsed, peak = measured.split()
    assert float(elapsed) < 1 and int(peak) < 20_000_000
    assert len(errors) == 1 and errors[0].startswith("x.md:")
    assert "front matter:" in errors[0]


def test_a_list_used_as_a_field_name_is_refused_without_expanding_it():
    errors = errors_of("---\ntitle: x\nk: &k [a, b]\n? *k\n: 1\n---\n")
    assert errors == [f"{PATH}:3: front matter: tên trường phải là một từ (ví dụ title), không phải danh sách "
                      'hay nhóm; viết mỗi trường trên một dòng "tên: giá trị"']


def test_aliases_within_the_bound_still_work():
    text = "---\ntitle: &t Tin thử\ndate: 2024-04-01\nauthor: *t\ncategory: Cải cách thể chế\n---\n"
    entry, errors = validate(parse_document(text, PATH), ARTICLE, CONFIG)
    assert errors == [] and entry.author == "Tin thử"


def test_unclosed_quote_is_reported_on_its_own_line():
    text = ('---\ntitle: "Tin mới\ndate: 2024-04-01\nauthor: Mi Lê\ncategory: Cải cách thể chế\n'
            "tags: [a]\nunit: x\nslug: y\n---\nThân bài.\n")
    errors = errors_of(text)
    assert len(errors) == 1 and errors[0].startswith(f"{PATH}:2: front matter: YAML không hợp lệ")


def test_a_title_too_long_for_a_folder_name_is_a_located_error():
    errors = errors_of(doc("title: " + "Tin " * 500))
    assert errors == [f"{PATH}:2: title: giá trị dài 1999 ký tự, quá giới hạn {MAX_CHARS['title']}; hãy viết ngắn lại"]
    # Within the title's bound but too long for an address: the fix is a slug.
    errors = errors_of(doc("title: " + "Kết quả cải cách " * 16))
    assert len(errors) == 1 and errors[0].startswith(f"{PATH}:2: title: tiêu đề dài nên địa chỉ bài dài")
    assert 'thêm dòng "slug: ket-qua-cai-cach' in errors[0]


def test_tags_are_bounded_in_number_and_length():
    many = "[" + ", ".join(f"thẻ {i}" for i in range(1_000)) + "]"
    assert errors_of(doc(f"tags: {many}")) == [
        f"{PATH}:6: tags: có 1000 phần tử, quá giới hạn {MAX_ITEMS['tags']}; chỉ giữ những mục chính"]
    long_tag = "x" * 500
    errors = errors_of(doc(f"tags: [một cửa, {long_tag}]"))
    assert len(errors) == 1 and "dài 500 ký tự, quá giới hạn 100" in errors[0]


def test_a_yaml_error_does_not_hide_the_body_s_image_errors(tmp_path):
    from front_matter.document import DocumentReader
    from front_matter.settings import FrontMatterSettings

    root = tmp_path / "content"
    article = root / "articles" / "x.md"
    article.parent.mkdir(parents=True)
    article.write_text("---\ntitle: a: b\n---\nThân bài.\n\n![Ảnh](khong-co.jpg)\n", encoding="utf-8")
    settings = FrontMatterSettings.from_pelican({"PATH": str(root), "FRONT_MATTER_CATEGORIES": ["Cải cách thể chế"]})
    result = DocumentReader(settings).read(article)
    fields = sorted((e.line, e.field) for e in result.errors)
    assert fields == [(2, "front matter"), (6, "image")]


def test_an_oversized_file_is_refused_before_it_is_parsed(tmp_path):
    from front_matter.document import DocumentReader
    MAX_FILE_BYTES = 1_000_000
    from front_matter.settings import FrontMatterSettings

    root = tmp_path / "content"
    article = root / "articles" / "x.md"
    article.parent.mkdir(parents=True)
    article.write_text(doc(body="chữ " * (MAX_FILE_BYTES // 4)), encoding="utf-8")
    settings = FrontMatterSettings.from_pelican({"PATH": str(root), "FRONT_MATTER_CATEGORIES": ["Cải cách thể chế"]})
    errors = [str(e) for e in DocumentReader(settings).read(article).errors]
    assert len(errors) == 1 and errors[0].endswith("kiểm tra tệp có phải bài viết Markdown không, hoặc chia thành nhiều bài")
    assert ":1: tệp: tệp nặng " in errors[0]


def test_oversized_front_matter_is_refused_before_yaml_reads_it():
    many = "[" + ", ".join(f"thẻ {i}" for i in range(10_000)) + "]"
    assert errors_of(doc(f"tags: {many}")) == [
        f"{PATH}:2: front matter: phần đầu bài dài 98.975 ký tự, quá giới hạn 32.000; nội dung dài hãy viết "
        'trong thân bài, sau dòng "---" đóng phần đầu']


def test_the_bounds_the_messages_name_are_the_schema_s():
    from front_matter import document, parse, schema

    assert (schema.MAX_CHARS["title"], schema.MAX_CHARS["tag"], schema.MAX_ITEMS["tags"]) == (
        MAX_CHARS["title"], MAX_CHARS["tag"], MAX_ITEMS["tags"])
    assert document.MAX_FILE_BYTES == 1_000_000 and parse.MAX_YAML_VALUES >= 1000


def test_a_number_too_long_for_python_is_a_located_error():
    """Found by `make fuzz`: a 5,000-digit value made YAML raise a ValueError
    (Python converts at most 4,300 digits) that named no line."""
    assert errors_of(doc("unit: " + "1" * 5000)) == [
        f'{PATH}:6: front matter: giá trị là một số dài hơn 100 chữ số; nếu đó là chữ, đặt trong ngoặc kép, '
        'ví dụ title: "2021"']


@pytest.mark.parametrize("key, shown", [(":", ":"), ("a: b", "a: b"), ("tên trường", "tên trường"),
                                         ("x" * 60, "x" * 40 + "…")])
def test_an_unknown_field_that_cannot_stand_as_a_field_is_quoted(key, shown):
    """Found by `make fuzz`: a field named ":" broke the line's shape."""
    text = "---\ntitle: Tin thử\ndate: 2024-04-01\nauthor: Mi Lê\ncategory: Cải cách thể chế\n" \
           f'"{key}": 1\n---\n'
    errors = errors_of(text)
    assert len(errors) == 1 and errors[0].startswith(f'{PATH}:6: front matter: "{shown}": trường không được hỗ trợ')


def test_a_long_wrong_value_is_quoted_cut_short():
    errors = errors_of(doc("date: " + "ngày mai " * 20))
    assert errors == [f'{PATH}:3: date: "{("ngày mai " * 20)[:40]}…" không phải ngày hợp lệ; '
                      "hãy viết 2021-03-31 hoặc 2021-03-31 08:00"]
