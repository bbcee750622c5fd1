import unicodedata

import pytest

from front_matter.period import Period
from front_matter.slugs import slugify
from datetime import date


def test_seed_title_slug():
    assert slugify("Kết quả công tác cải cách hành chính Quý 1 năm 2021") == (
        "ket-qua-cong-tac-cai-cach-hanh-chinh-quy-1-nam-2021"
    )


@pytest.mark.parametrize("text, slug", [
    ("Đất đai", "dat-dai"),
    ("ĐĂNG KÝ khai sinh", "dang-ky-khai-sinh"),
    ("Tin tức - Sự kiện", "tin-tuc-su-kien"),
    ("Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", "xay-dung-va-phat-trien-chinh-phu-dien-tu-chinh-phu-so"),
    ("  Nghị định 60/2021/NĐ-CP  ", "nghi-dinh-60-2021-nd-cp"),
    ("bàn", "ban"),
    ("bạn", "ban"),
])
def test_vietnamese_folding(text, slug):
    assert slugify(text) == slug


def test_nfd_folds_like_nfc():
    title = "Cải cách thủ tục hành chính ở Đồng Tháp"
    assert slugify(unicodedata.normalize("NFD", title)) == slugify(title) == "cai-cach-thu-tuc-hanh-chinh-o-dong-thap"


def test_period_labels_and_parse():
    p = Period.parse("2021-Q1")
    assert (p.year, p.quarter) == (2021, 1)
    assert p.label == "Quý 1 năm 2021"
    assert p.short_label == "Quý I/2021"
    assert Period.parse("2024-q4").short_label == "Quý IV/2024"
    assert str(Period.of_date(date(2021, 4, 1))) == "2021-Q2"
    for bad in ("2021-Q5", "2021-Q0", "2021Q1", "21-Q1", "2021-Q1x"):
        assert Period.parse(bad) is None
