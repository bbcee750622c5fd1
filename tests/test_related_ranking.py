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
    assert rank(docs, RankingConfig(k=3, workers=2)) == rank(docs, RankingConfig(k=3, workers=1))


def test_explain_false_gives_the_same_lists_without_reasons():
    plain = rank(DOCS, RankingConfig(k=3, explain=False))
    full = rank(DOCS, RankingConfig(k=3))
    assert {k: [(r.id, r.score) for r in v] for k, v in plain.items()} == \
        {k: [(r.id, r.score) for r in v] for k, v in full.items()}
    assert all(r.reasons == () for v in plain.values() for r in v if r.score > 0)


def test_cached_ranking_is_reused_only_for_identical_inputs(tmp_path):
    from dataclasses import replace

    from related_articles.cache import cached_rank

    calls = []

    def counting(documents, config):
        calls.append(len(documents))
        return rank(documents, config)

    config = RankingConfig(k=3)
    first, hit = cached_rank(DOCS, config, tmp_path, counting)
    assert not hit and calls == [6]
    again, hit = cached_rank(list(DOCS), config, tmp_path, counting)
    assert hit and calls == [6] and again == first
    edited = DOCS[:-1] + [replace(DOCS[-1], title="Đăng ký đất đai", text=LAND)]  # one article edited
    changed, hit = cached_rank(edited, config, tmp_path, counting)
    assert not hit and changed == rank(edited, config) and ids(changed, "von-2")[0] != "von-1"
    _, hit = cached_rank(edited, RankingConfig(k=2), tmp_path, counting)  # a setting changed
    assert not hit and len(calls) == 3
    (tmp_path / "ranking.pickle").write_bytes(b"damaged")
    repaired, hit = cached_rank(DOCS, config, tmp_path, counting)
    assert not hit and repaired == first and len(calls) == 4
    _, hit = cached_rank(DOCS, config, None, counting)  # no folder: never cached
    assert not hit and len(calls) == 5


def test_ranking_and_its_cache_do_not_depend_on_document_order(tmp_path):
    from related_articles.cache import cached_rank, key

    shuffled = DOCS[3:] + DOCS[:3]
    config = RankingConfig(k=3)
    assert rank(shuffled, config) == rank(DOCS, config)
    assert key(shuffled, config) == key(DOCS, config)
    first, _ = cached_rank(DOCS, config, tmp_path, rank)
    again, hit = cached_rank(shuffled, config, tmp_path, lambda *_: pytest.fail("ranked again"))
    assert hit and again == first


def test_early_ranking_fills_the_cache_in_another_process(tmp_path):
    from related_articles.cache import cached_rank, key
    from related_articles.early import EarlyRanking

    calls = []

    def counting(documents, config):
        calls.append(len(documents))
        return rank(documents, config)

    config, early = RankingConfig(k=3), EarlyRanking()
    early.start(lambda: list(DOCS), config, str(tmp_path), counting)
    assert early.wait() and early.key == key(DOCS, config) and not early.wait()  # one wait per start
    assert early.key is None
    ranked, hit = cached_rank(DOCS, config, tmp_path, counting)
    assert hit and calls == [] and ranked == rank(DOCS, config)  # ranked by the other process only
    # Documents that differ from the early ones (a plugin changed an article): ranked here.
    edited = DOCS[:-1] + [Document(id="von-2", title="Đăng ký đất đai", text=LAND, date=6)]
    early.start(lambda: list(DOCS), config, str(tmp_path), counting)
    early.wait()
    ranked, hit = cached_rank(edited, config, tmp_path, counting)
    assert not hit and calls == [6] and ranked == rank(edited, config)
    # A failure in the early process costs nothing but the time: the build ranks.
    early.start(lambda: 1 / 0, config, str(tmp_path / "other"), counting)
    assert early.wait() and not (tmp_path / "other" / "ranking.pickle").exists()


def test_a_cancelled_early_ranking_stops(tmp_path):
    import time

    from related_articles.early import EarlyRanking

    early = EarlyRanking()
    early.start(lambda: time.sleep(60), RankingConfig(), str(tmp_path), rank)
    started = time.monotonic()
    early.cancel()
    assert time.monotonic() - started < 10 and not early.wait()


def test_a_ranking_stopped_while_writing_leaves_no_partial_file(tmp_path):
    """A build that fails while its background ranking writes the cache stops
    that process: the temporary file it was writing goes with it."""
    import os
    import time

    from related_articles.early import EarlyRanking

    def writing_slowly():
        (tmp_path / f".ranking.pickle.{os.getpid()}.tmp").write_bytes(b"half a ranking")
        (tmp_path / "started").write_text("ok")
        time.sleep(60)

    (tmp_path / ".ranking.pickle.1.tmp").write_bytes(b"another process's")  # not this ranking's to remove
    early = EarlyRanking()
    early.start(writing_slowly, RankingConfig(), str(tmp_path), rank)
    deadline = time.monotonic() + 30
    while not (tmp_path / "started").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(list(tmp_path.glob(".ranking.pickle.*.tmp"))) == 2
    early.cancel()
    assert [p.name for p in tmp_path.glob(".*.tmp")] == [".ranking.pickle.1.tmp"]


def test_text_beyond_what_the_ranking_reads_changes_nothing(tmp_path):
    from dataclasses import replace

    from related_articles.cache import cached_rank

    config = RankingConfig(k=3, max_words=5)  # reads at most 60 characters: every text is longer
    assert all(len(d.text) > 60 for d in DOCS)
    tail = [replace(d, text=d.text + " Cập nhật: bổ sung số liệu đất đai khai sinh.") for d in DOCS]
    assert rank(tail, config) == rank(DOCS, config)  # what the cache below relies on
    first, _ = cached_rank(DOCS, config, tmp_path, rank)
    again, hit = cached_rank(tail, config, tmp_path, lambda *_: pytest.fail("ranked again"))
    assert hit and again == first
    lead = [replace(DOCS[0], text="Giải ngân vốn đầu tư công. " + DOCS[0].text)] + DOCS[1:]
    changed, hit = cached_rank(lead, config, tmp_path, rank)
    assert not hit and changed == rank(lead, config) != first


def test_counted_once_texts_give_the_same_corpus_and_ranking(tmp_path):
    """CountCache: after edits, deletions and additions, the matrix built from
    remembered rows plus newly counted ones is the one counted from scratch."""
    from dataclasses import replace

    from related_articles.ranking import _build
    from related_articles.vectorize import CountCache

    counted = []

    class Counting(CountCache):
        def counts(self, texts, count):
            return super().counts(texts, lambda indices: counted.append(len(indices)) or count(indices))

    def same_corpus(docs, config):
        counted.clear()
        fresh = _build(docs, config, 1)
        cache = Counting(tmp_path / "counts.pickle", config.max_words)
        cached = _build(docs, config, 1, cache)
        cache.save()
        assert fresh.vocabulary == cached.vocabulary
        for name in ("matrix", "query", "postings"):
            a, b = getattr(fresh, name), getattr(cached, name)
            assert (a.indptr == b.indptr).all() and (a.indices == b.indices).all() and (a.data == b.data).all()
        again = CountCache(tmp_path / "counts.pickle", config.max_words)
        assert rank(docs, config, again) == rank(docs, config)
        again.save()
        return list(counted)

    config = RankingConfig(k=3, max_words=12)
    docs = list(DOCS)
    assert same_corpus(docs, config) == [12]  # nothing remembered yet: 6 texts and 6 titles counted
    assert same_corpus(docs, config) == []  # all remembered
    edited = [replace(docs[0], text="Giải ngân vốn đầu tư công. " + docs[0].text)] + docs[2:] + [
        doc("moi", "Bài mới về khai sinh", BIRTH + " Thêm.", 9)]
    assert same_corpus(edited, config) == [3]  # the new lead, the new article's text and title
    import pickle

    import numpy as np
    _, keys, matrix, vocabulary = pickle.loads((tmp_path / "counts.pickle").read_bytes())
    assert len(keys) == matrix.shape[0] == 2 * len(edited) and matrix.shape[1] == len(vocabulary)
    assert (np.diff(matrix.tocsc().indptr) > 0).all()  # no term of the deleted article is kept
    (tmp_path / "counts.pickle").write_bytes(b"damaged")
    assert same_corpus(edited, config) == [12]
    assert same_corpus(edited, RankingConfig(k=3, max_words=5)) == [12]  # another cut: counted again


def test_the_build_waits_for_the_early_ranking_not_for_its_tidying_up(tmp_path):
    import time

    from related_articles.cache import cached_rank
    from related_articles.early import EarlyRanking

    marker = tmp_path / "kept"

    def slow_after():
        time.sleep(1.5)
        marker.write_text("counts kept")

    early, config = EarlyRanking(), RankingConfig(k=3)
    early.start(lambda: list(DOCS), config, str(tmp_path), rank, slow_after)
    started = time.monotonic()
    assert early.wait()
    assert time.monotonic() - started < 1.2 and not marker.exists()  # the ranking is in, the rest goes on
    ranked, hit = cached_rank(DOCS, config, tmp_path, lambda *_: pytest.fail("ranked again"))
    assert hit and ranked == rank(DOCS, config)
    early.finish()  # the build reaps it once the lists are attached; a later run or the exit would too
    assert marker.read_text() == "counts kept"
    early.finish()
    early.cancel()  # nothing left to stop
