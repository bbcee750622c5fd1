"""The search index in shards (plugins/site_search/shards.py): the plan, the
record Pagefind reads of a page, the digest that decides what is re-indexed;
and on real builds, that one edited article re-indexes only its shard."""

from __future__ import annotations

import json

import pytest

from site_search.shards import RECORD_END, RECORD_START, Entry, RecordError, digest, plan, record_of, words_of
from site_search.indexer import SearchIndexError, build_shard, locate_binary
from tests.helpers import article, build_with_stats, tree, write

RECIPE = {"pagefind": "pagefind 1.5.2", "language": "vi", "exclude": "figure.cover", "record": "1"}


def test_one_shard_per_year_newest_first_and_a_large_year_cut_into_quarters():
    entries = [Entry(f"bai-viet/a{i}/index.html", 2021, 1 + i % 4) for i in range(7)]
    entries += [Entry("bai-viet/b/index.html", 2023, 2), Entry("bai-viet/c/index.html", 2019, 4)]
    assert plan(entries, max_pages=10) == {
        "2023": ["bai-viet/b/index.html"],
        "2021": sorted(e.path for e in entries[:7]),
        "2019": ["bai-viet/c/index.html"],
    }
    cut = plan(entries, max_pages=6)
    assert list(cut) == ["2023", "2021-q4", "2021-q3", "2021-q2", "2021-q1", "2019"]
    assert cut["2021-q1"] == ["bai-viet/a0/index.html", "bai-viet/a4/index.html"]
    assert sum(len(paths) for paths in cut.values()) == len(entries)  # nothing lost, nothing twice
    assert plan([], 10) == {}


def test_the_record_is_only_the_marked_part_in_a_document_of_the_pages_language():
    page = ('<!DOCTYPE html><html lang="vi"><head><title>T</title></head><body><nav>Menu</nav>'
            f'{RECORD_START}<article data-pagefind-body><h1>Tiêu đề</h1></article>{RECORD_END}'
            '<aside>Có thể bạn quan tâm</aside></body></html>')
    record = record_of(page, "bai-viet/x/index.html")
    assert "<h1>Tiêu đề</h1>" in record and "Menu" not in record and "quan tâm" not in record
    assert record.startswith('<!DOCTYPE html><html lang="vi">')
    with pytest.raises(RecordError, match=r"^bai-viet/y/index.html: không thấy dấu"):
        record_of("<html><body><article data-pagefind-body></article></body></html>", "bai-viet/y/index.html")


def test_the_digest_changes_with_every_input_and_only_with_them():
    records = [("bai-viet/a/index.html", "<p>một</p>"), ("bai-viet/b/index.html", "<p>hai</p>")]
    base = digest("2021", records, RECIPE)
    assert digest("2021", list(records), dict(RECIPE)) == base
    changed = [
        digest("2022", records, RECIPE),
        digest("2021", [records[0], ("bai-viet/b/index.html", "<p>ba</p>")], RECIPE),
        digest("2021", [records[0], ("bai-viet/c/index.html", "<p>hai</p>")], RECIPE),
        digest("2021", records[:1], RECIPE),
        digest("2021", records, {**RECIPE, "pagefind": "pagefind 1.5.3"}),
        digest("2021", records, {**RECIPE, "exclude": ""}),
        digest("2021", records, {**RECIPE, "language": "en"}),
        # Boundaries count: moving text between a path and its record is a change.
        digest("2021", [("bai-viet/a/index.html<p>", "một</p>"), records[1]], RECIPE),
    ]
    assert base not in changed and len(set(changed)) == len(changed)


def test_the_word_list_is_folded_cut_at_punctuation_and_holds_the_separate_summary():
    records = ['<article><h1>Đăng ký Đất đai</h1><p>Kế hoạch 125/KH-UBND, “một cửa”.</p>'
               '<span hidden data-tom-tat="Tóm tắt &amp; định danh"></span></article>',
               "<article><p>Thủ tục</p><script>var bí_mật = 1;</script></article>"]
    assert words_of(records) == {"dang", "ky", "dat", "dai", "ke", "hoach", "125", "kh", "ubnd", "mot", "cua",
                                 "tom", "tat", "dinh", "danh", "thu", "tuc"}
    assert words_of([]) == set()


@pytest.mark.parametrize("path", ["../ngoai/index.html", "/etc/x.html", "bai-viet/../../x.html", ""])
def test_a_page_path_that_would_leave_the_scratch_folder_is_refused(tmp_path, path):
    with pytest.raises(SearchIndexError, match="đường dẫn trang không hợp lệ"):
        build_shard(locate_binary(None), [(path, "<html></html>")], tmp_path / "bundle", "vi", (), 30)
    assert not any(tmp_path.parent.glob("ngoai")) and not (tmp_path / "bundle").exists()


# --- real builds ------------------------------------------------------------------

YEARS = (2019, 2020, 2021, 2022)


def _site() -> dict[str, str]:
    files = {}
    for year in YEARS:
        for n in range(3):
            files[f"articles/{year}/bai-{year}-{n}.md"] = article(
                f"Cải cách thủ tục hành chính năm {year} số {n}", date=f"{year}-0{n + 2}-10 09:00",
                extra=f"period: {year}-Q1\n", body=f"Nội dung bài {n} của năm {year} về một cửa liên thông.")
    return files


def _shard_files(output) -> dict[str, dict[str, bytes]]:
    by_shard: dict[str, dict[str, bytes]] = {}
    for path, data in tree(output).items():
        if path.startswith("pagefind/") and path.count("/") > 1:
            shard, _, rest = path[len("pagefind/"):].partition("/")
            by_shard.setdefault(shard, {})[rest] = data
    return by_shard


def test_an_edited_article_re_indexes_only_its_shard_and_the_others_stay_byte_for_byte(tmp_path):
    content = write(tmp_path / "content", _site())
    output = tmp_path / "output"
    cache = json.dumps(str(tmp_path / "cache"))
    first, stats = build_with_stats(content, output, "--extra-settings", f"CACHE_PATH={cache}")
    assert first.returncode == 0, first.stderr
    assert sorted(stats["search_shards"]["built"]) == ["2019", "2020", "2021", "2022"]
    assert stats["search_shards"]["reused"] == []
    before = _shard_files(output)
    assert sorted(before) == ["2019", "2020", "2021", "2022"]
    for shard, files in before.items():
        entry = json.loads(files["pagefind-entry.json"])
        assert entry["languages"]["vi"]["page_count"] == 3, shard

    edited = content / "articles/2021/bai-2021-1.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("một cửa", "dịch vụ công trực tuyến"),
                      encoding="utf-8")
    second, stats = build_with_stats(content, output, "--extra-settings", f"CACHE_PATH={cache}")
    assert second.returncode == 0, second.stderr
    assert stats["search_shards"] == {"built": ["2021"], "reused": ["2022", "2020", "2019"]}
    after = _shard_files(output)
    for shard in ("2019", "2020", "2022"):
        assert after[shard] == before[shard], shard
    assert after["2021"] != before["2021"]

    # A build with no change re-indexes nothing; the cache keeps only what is in use
    # (and, per shard, the one it replaced).
    third, stats = build_with_stats(content, output, "--extra-settings", f"CACHE_PATH={cache}")
    assert third.returncode == 0 and stats["search_shards"]["built"] == []
    kept = sorted(p.name.rpartition("-")[0] for p in (tmp_path / "cache" / "search").iterdir()
                  if not p.name.startswith("."))
    assert kept == ["2019", "2020", "2021", "2021", "2022"]
