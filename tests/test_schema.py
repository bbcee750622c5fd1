"""Every kind of front matter mistake gives one error naming file, line and field."""

import unicodedata
from datetime import datetime, timedelta

import pytest

from front_matter.parse import parse_document
from front_matter.schema import ARTICLE, PAGE, SchemaConfig, validate

CATEGORIES = ("Cải cách thể chế", "Cải cách thủ tục hành chính", "Tin tức - Sự kiện")
CONFIG = SchemaConfig(categories=CATEGORIES)
PATH = "content/articles/2021/x.md"

GOOD = """---
title: Kết quả công tác cải cách hành chính Quý 1 năm 2021
date: 2021-04-08 10:00
author: Mi Lê
category: Cải cách thể chế
tags: [một cửa, đất đai]
period: 2021-Q1
unit: UBND xã Mỹ Ngãi
---

Đoạn mở đầu.
"""


def errors_of(text, kind=ARTICLE, config=CONFIG):
    entry, errors = validate(parse_document(text, PATH), kind, config)
    return entry, [str(e) for e in errors]


def replace_line(old, new, text=GOOD):
    assert old in text
    return text.replace(old, new)


def test_good_document():
    entry, errors = errors_of(GOOD)
    assert errors == []
    assert entry.title == "Kết quả công tác cải cách hành chính Quý 1 năm 2021"
    assert entry.slug == "ket-qua-cong-tac-cai-cach-hanh-chinh-quy-1-nam-2021"
    assert entry.date == datetime(2021, 4, 8, 10, 0, tzinfo=entry.date.tzinfo)
    assert entry.date.utcoffset() == timedelta(hours=7)
    assert str(entry.period) == "2021-Q1"
    assert entry.tags == ("một cửa", "đất đai")
    assert entry.status == "published"
    assert entry.lines["category"] == 5


def test_period_defaults_to_quarter_of_date():
    entry, _ = errors_of(replace_line("period: 2021-Q1\n", ""))
    assert str(entry.period) == "2021-Q2"  # dated 8 April


@pytest.mark.parametrize("text, expected", [
    # unknown key, with a "did you mean"
    (replace_line("title:", "tittle:"), [
        f'{PATH}:2: tittle: trường không được hỗ trợ; có phải ý bạn là "title"?',
        f'{PATH}:1: title: thiếu trường bắt buộc; thêm một dòng như "title: Kết quả công tác cải cách hành chính Quý 1 năm 2021"',
    ]),
    # wrong type
    (replace_line("author: Mi Lê", "author: 2021"), [
        f'{PATH}:4: author: phải là chữ, không phải số 2021; đặt giá trị trong ngoặc kép: "2021"',
    ]),
    (replace_line("tags: [một cửa, đất đai]", "tags: một cửa"), [
        f"{PATH}:6: tags: phải là một danh sách, ví dụ tags: [dịch vụ công trực tuyến, một cửa]",
    ]),
    (replace_line("tags: [một cửa, đất đai]", "tags: [một cửa, yes]"), [
        f"{PATH}:6: tags: mỗi phần tử phải là chữ, không phải giá trị đúng/sai (true); đặt phần tử trong ngoặc kép",
    ]),
    # bad date
    (replace_line("date: 2021-04-08 10:00", 'date: "32/13/2021"'), [
        f'{PATH}:3: date: "32/13/2021" không phải ngày hợp lệ; hãy viết 2021-03-31 hoặc 2021-03-31 08:00',
    ]),
    (replace_line("date: 2021-04-08 10:00", "date: 2021-02-30"), [
        f'{PATH}:3: date: "2021-02-30" không phải ngày hợp lệ; hãy viết 2021-03-31 hoặc 2021-03-31 08:00',
    ]),
    # unknown category
    (replace_line("category: Cải cách thể chế", "category: Cải cách thể chê"), [
        f'{PATH}:5: category: "Cải cách thể chê" không phải chuyên mục đã cấu hình; có phải ý bạn là "Cải cách thể chế"?',
    ]),
    # bad period
    (replace_line("period: 2021-Q1", "period: 2021-Q5"), [
        f'{PATH}:7: period: "2021-Q5" không phải quý hợp lệ; hãy viết dạng 2021-Q1 (quý 1 đến quý 4)',
    ]),
    # empty title
    (replace_line("title: Kết quả công tác cải cách hành chính Quý 1 năm 2021", 'title: ""'), [
        f"{PATH}:2: title: không được để trống",
    ]),
    (replace_line("title: Kết quả công tác cải cách hành chính Quý 1 năm 2021", "title:"), [
        f"{PATH}:2: title: không được để trống",
    ]),
    # missing required field
    (replace_line("author: Mi Lê\n", ""), [
        f'{PATH}:1: author: thiếu trường bắt buộc; thêm một dòng như "author: Mi Lê"',
    ]),
    # duplicate keys
    (replace_line("unit: UBND xã Mỹ Ngãi\n", "unit: UBND xã Mỹ Ngãi\ntitle: Khác\n"), [
        f"{PATH}:9: title: trường bị khai báo hai lần (lần đầu ở dòng 2); xoá một dòng",
    ]),
    # image without alt text
    (replace_line("unit: UBND xã Mỹ Ngãi\n", "unit: UBND xã Mỹ Ngãi\nimage: anh.jpg\n"), [
        f"{PATH}:9: image: thiếu image_alt; thêm dòng image_alt mô tả nội dung ảnh cho người dùng trình đọc màn hình",
    ]),
    (replace_line("unit: UBND xã Mỹ Ngãi\n", "unit: UBND xã Mỹ Ngãi\nimage_caption: Ảnh\n"), [
        f"{PATH}:9: image_caption: chỉ dùng khi có ảnh đại diện; thêm dòng image: ten-anh.jpg hoặc xoá dòng này",
    ]),
    # status and slug
    (replace_line("unit: UBND xã Mỹ Ngãi\n", "unit: UBND xã Mỹ Ngãi\nstatus: nháp\n"), [
        f'{PATH}:9: status: "nháp" không hợp lệ; dùng published (đăng), draft (bản nháp) hoặc hidden (ẩn)',
    ]),
    (replace_line("unit: UBND xã Mỹ Ngãi\n", "unit: UBND xã Mỹ Ngãi\nslug: Bài Số 1\n"), [
        f'{PATH}:9: slug: "Bài Số 1" không hợp lệ; chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ bai-so-1',
    ]),
    (replace_line("unit: UBND xã Mỹ Ngãi\n", "unit: UBND xã Mỹ Ngãi\nrelated: [Kết quả quý 2]\n"), [
        f'{PATH}:9: related: "Kết quả quý 2" không phải slug bài viết; hãy viết dạng ket-qua-quy-2',
    ]),
])
def test_each_error_kind_names_file_line_and_field(text, expected):
    entry, errors = errors_of(text)
    assert entry is None
    assert errors == expected


@pytest.mark.parametrize("text, expected", [
    # non-mapping front matter
    ("---\n- title\n- date\n---\nBody\n",
     f'{PATH}:2: front matter: phần đầu bài phải là các dòng "tên: giá trị" (ví dụ title: …), không phải một danh sách'),
    # missing closing ---
    ("---\ntitle: A\ndate: 2021-01-01\n\nBody\n",
     f'{PATH}:1: front matter: phần đầu bài mở bằng "---" ở dòng 1 nhưng không có dòng "---" đóng lại; '
     'thêm một dòng "---" sau trường cuối cùng'),
    # no front matter at all
    ("Body only\n",
     f'{PATH}:1: front matter: bài viết phải bắt đầu bằng dòng "---", tiếp theo là các trường '
     '(title, date, author, category…) và một dòng "---" nữa'),
])
def test_structural_errors(text, expected):
    assert errors_of(text)[1] == [expected]


def test_invalid_yaml_reports_the_yaml_error_line():
    text = replace_line("unit: UBND xã Mỹ Ngãi", "unit: UBND: xã Mỹ Ngãi")
    entry, errors = errors_of(text)
    assert entry is None and len(errors) == 1
    assert errors[0].startswith(f"{PATH}:8: front matter: YAML không hợp lệ (mapping values are not allowed")
    assert 'ngoặc kép' in errors[0]
    # A bracket left open is found only on the next line: the line to fix is where it opened.
    text = replace_line("tags: [một cửa, đất đai]", "tags: [một cửa, đất đai")
    assert errors_of(text)[1][0].startswith(f"{PATH}:6: front matter: YAML không hợp lệ")


def test_all_errors_of_one_file_at_once():
    text = GOOD.replace("tittle", "x").replace("date: 2021-04-08 10:00", "date: hôm qua").replace(
        "period: 2021-Q1", "period: Q1").replace("author: Mi Lê\n", "")
    _, errors = errors_of(text)
    assert [e.split(": ")[0] + ":" + e.split(": ")[1] for e in errors] == [
        f"{PATH}:1:author", f"{PATH}:3:date", f"{PATH}:6:period"]


def test_errors_stay_on_one_line():
    text = replace_line("category: Cải cách thể chế", "category: |\n  Cải cách\n  thể chê")
    _, errors = errors_of(text)
    assert errors == [f'{PATH}:5: category: "Cải cách thể chê" không phải chuyên mục đã cấu hình; '
                      'có phải ý bạn là "Cải cách thể chế"?']
    text = replace_line("title: Kết quả công tác cải cách hành chính Quý 1 năm 2021", "title: [a,\n  b]")
    _, errors = errors_of(text)
    assert errors == [f"{PATH}:2: title: phải là chữ, không phải một danh sách; đặt giá trị trong ngoặc kép"]


def test_nfd_input_gives_nfc_values():
    entry, errors = errors_of(unicodedata.normalize("NFD", GOOD))
    assert errors == []
    nfc, _ = errors_of(GOOD)
    assert entry == nfc
    assert unicodedata.is_normalized("NFC", entry.title)


def test_bom_and_crlf_are_accepted():
    entry, errors = errors_of("\ufeff" + GOOD.replace("\n", "\r\n"))
    assert errors == [] and entry.lines["category"] == 5


def test_pages_need_only_a_title():
    entry, errors = errors_of("---\ntitle: Giới thiệu\n---\nNội dung\n", kind=PAGE)
    assert errors == [] and entry.slug == "gioi-thieu"
    _, errors = errors_of("---\ntitle: Giới thiệu\ncategory: Cải cách thể chế\n---\n", kind=PAGE)
    assert len(errors) == 1 and errors[0].startswith(f"{PATH}:3: category: trường không được hỗ trợ; ")


def test_dates_with_seconds_iso_t_and_offset():
    for raw, hour in (("2021-04-08 10:00:30", 10), ("2021-04-08T10:00", 10), ("2021-04-08T03:00:00+00:00", 10),
                      ("2021-04-08", 0)):
        entry, errors = errors_of(replace_line("date: 2021-04-08 10:00", f"date: {raw}"))
        assert errors == [], raw
        assert entry.date.hour == hour and entry.date.utcoffset() == timedelta(hours=7)


def test_date_shapes_read_alike_on_the_quick_path_and_through_strptime():
    """Full-width dates skip strptime; what they mean, and which dates are
    refused, must not depend on that."""
    from zoneinfo import ZoneInfo

    from front_matter.schema import _parse_date

    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    assert _parse_date("2021-04-08 10:05", tz) == datetime(2021, 4, 8, 10, 5, tzinfo=tz)
    assert _parse_date(" 2021-04-08T10:05:09 ", tz) == datetime(2021, 4, 8, 10, 5, 9, tzinfo=tz)
    assert _parse_date("2021-4-8 8:05", tz) == datetime(2021, 4, 8, 8, 5, tzinfo=tz)  # strptime's narrow fields
    assert _parse_date("2021-04-08  8:05", tz) == datetime(2021, 4, 8, 8, 5, tzinfo=tz)  # and its loose spaces
    for wrong in ("2021-02-30", "2021-13-01", "2021-04-08 24:00", "2021-04-08 10:60"):
        assert _parse_date(wrong, tz) is None, wrong
    assert _parse_date("2021-04-08 10:00:00.5", tz) == datetime(2021, 4, 8, 10, 0, 0, 500000, tzinfo=tz)  # ISO
