"""The related-articles ranking on small hand-made documents."""

import unicodedata

import pytest

from related_articles.ranking import Document, RankingConfig, rank, unknown_pins
from related_articles.text import features

LAND = "Người dân đăng ký đất đai, cấp giấy chứng nhận quyền sử dụng đất tại bộ phận một cửa."
BIRTH = "Liên thông thủ tục đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em."
BUDGET = "Giải ngân vốn đầu tư công, tự chủ tài chính của đơn vị sự nghiệp công lập."


def doc(id, title, text, date, **kw):
    return Document(id=id, title=title, text=text, date=date, category=kw.pop("category", "A"), **kw)


DOCS = [
    doc("dat-1", "Đăng ký đất đai tại xã Mỹ Ngãi", LAND, 1),
    doc("dat-2", "Cấp giấy chứng nhận quyền sử dụng đất", LAND + " Đất đai.", 2),
    doc("sinh-1", "Liên thông đăng ký khai sinh", BIRTH, 3),
    doc("sinh-2", "Đăng ký khai sinh cho trẻ em", BIRTH + " Khai sinh.", 4),
    doc("von-1", "Giải ngân vốn đầu tư công", BUDGET, 5),
    doc("von-2", "Tự chủ tài chính đơn vị sự nghiệp", BUDGET, 6),
]


def ids(result, key):
    return [r.id for r in result[key]]


def test_most_similar_first_and_never_itself():
    result = rank(DOCS, RankingConfig(k=3))
    for d in DOCS:
        assert d.id not in ids(result, d.id)
        assert len(result[d.id]) == 3
    assert ids(result, "dat-1")[0] == "dat-2"
    assert ids(result, "sinh-1")[0] == "sinh-2"
    assert ids(result, "von-1")[0] == "von-2"
    assert result["dat-1"][0].score > result["dat-1"][1].score
    assert any("đất đai" in reason or "chứng nhận" in reason for reason in result["dat-1"][0].reasons)


def test_pinned_come_first_in_editor_order():
    docs = [d if d.id != "dat-1" else Document(**{**d.__dict__, "pinned": ("von-2", "sinh-1")}) for d in DOCS]
    result = rank(docs, RankingConfig(k=3))
    assert ids(result, "dat-1") == ["von-2", "sinh-1", "dat-2"]
    assert result["dat-1"][0].reasons == ("do biên tập viên chọn",)


def test_drafts_and_hidden_are_never_suggested():
    docs = [d if d.id != "dat-2" else Document(**{**d.__dict__, "eligible": False}) for d in DOCS]
    result = rank(docs, RankingConfig(k=5))
    assert all("dat-2" not in ids(result, d.id) for d in docs)
    assert ids(result, "dat-2")  # a draft still gets suggestions for its preview page


def test_ties_break_newer_first_then_slug():
    same = "Kế hoạch cải cách hành chính năm nay của thành phố."
    docs = [doc("b", "Kế hoạch", same, 10), doc("a", "Kế hoạch", same, 10), doc("c", "Kế hoạch", same, 20),
            doc("q", "Kế hoạch", same, 5)]
    result = rank(docs, RankingConfig(k=3))
    assert ids(result, "q") == ["c", "a", "b"]
    assert len({r.score for r in result["q"]}) == 1
    assert rank(list(reversed(docs)), RankingConfig(k=3)) == result


def test_fallback_is_newest_of_same_category_when_nothing_is_similar():
    docs = [doc("x", "Giải thể thao", "Bóng đá thiếu niên", 1, category="Tin"),
            doc("y", "Thi văn nghệ", "Tiết mục múa hát", 2, category="Tin"),
            doc("z", "Chợ xuân", "Gian hàng nông sản", 3, category="Tin"),
            doc("w", "Khác", "Không liên quan", 9, category="Khác")]
    result = rank(docs, RankingConfig(k=2))
    assert ids(result, "x") == ["z", "y"]
    assert result["x"][0].reasons == ("cùng chuyên mục, bài mới nhất",) and result["x"][0].score == 0.0


def test_bigrams_are_ordered_features():
    f = features("thủ tục hành chính; tục thủ")
    assert f["thủ tục"] == 1 and f["tục thủ"] == 1
    assert "tục hành" in f and "chính tục" not in f  # bigrams never span punctuation
    assert "và" not in features("đất đai và nhà ở") and "đai và" not in features("đất đai và nhà ở")


def test_nfd_input_gives_the_same_result():
    nfd = [Document(**{**d.__dict__, "title": unicodedata.normalize("NFD", d.title),
                       "text": unicodedata.normalize("NFD", d.text)}) for d in DOCS]
    assert rank(nfd, RankingConfig(k=3)) == rank(DOCS, RankingConfig(k=3))


def test_tags_unit_and_period_help_rank():
    text = "Tổ chức hội nghị triển khai nhiệm vụ."
    docs = [doc("q", "Hội nghị", text, 1, tags=("chuyển đổi số",), unit="UBND xã Hòa An", period=8084),
            doc("tag", "Hội nghị", text, 1, tags=("chuyển đổi số",)),
            doc("plain", "Hội nghị", text, 1)]
    assert ids(rank(docs, RankingConfig(k=2)), "q") == ["tag", "plain"]


def test_unknown_pins():
    docs = [Document("a", "A", "x", pinned=("nope", "a", "b")), Document("b", "B", "y", eligible=False)]
    assert unknown_pins(docs) == [("a", "nope", "missing"), ("a", "a", "self"), ("a", "b", "unpublished")]


def test_blocks_give_the_same_result():
    assert rank(DOCS, RankingConfig(k=3, block_rows=1)) == rank(DOCS, RankingConfig(k=3, block_rows=100))


def test_any_number_of_workers_gives_the_same_result():
    docs = DOCS * 1  # six documents: two workers get three rows each
    assert rank(docs, RankingConfig(k=3), workers=2) == rank(docs, RankingConfig(k=3), workers=1)


def test_explain_false_gives_the_same_lists_without_reasons():
    plain = rank(DOCS, RankingConfig(k=3, explain=False))
    full = rank(DOCS, RankingConfig(k=3))
    assert {k: [(r.id, r.score) for r in v] for k, v in plain.items()} == \
        {k: [(r.id, r.score) for r in v] for k, v in full.items()}
    assert all(r.reasons == () for v in plain.values() for r in v if r.score > 0)


def test_ranking_does_not_depend_on_document_order():
    shuffled = DOCS[3:] + DOCS[:3]
    config = RankingConfig(k=3)
    assert rank(shuffled, config) == rank(DOCS, config)


def test_only_the_lead_of_a_text_is_read():
    from dataclasses import replace

    config = RankingConfig(k=3, max_words=5)  # reads at most 60 characters: every text is longer
    assert all(len(d.text) > 60 for d in DOCS)
    tail = [replace(d, text=d.text + " Cập nhật: bổ sung số liệu đất đai khai sinh.") for d in DOCS]
    assert rank(tail, config) == rank(DOCS, config)
    lead = [replace(DOCS[0], text="Giải ngân vốn đầu tư công. " + DOCS[0].text)] + DOCS[1:]
    assert rank(lead, config) != rank(DOCS, config)
