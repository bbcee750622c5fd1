"""front_matter.store: the content cache in one SQLite file."""

import sqlite3

from front_matter.store import ContentStore


def test_entries_come_back_and_unused_ones_expire(tmp_path):
    store = ContentStore(tmp_path, keep_days=30)
    store.put_many({"a": b"A", "b": b"B"}, now=1_000_000)
    store.finish(used=["a"], new={"c": b"C"}, now=1_000_000 + 10 * 86_400)
    store.close()
    assert ContentStore(tmp_path).get_many(["a", "b", "c", "x"]) == {"a": b"A", "b": b"B", "c": b"C"}
    # 31 days after "b" was last used, the next build that finishes drops it.
    again = ContentStore(tmp_path, keep_days=30)
    again.finish(used=["a", "c"], new={}, now=1_000_000 + 31 * 86_400)
    assert again.get_many(["a", "b", "c"]) == {"a": b"A", "c": b"C"}


def test_many_keys_are_read_in_batches(tmp_path):
    store = ContentStore(tmp_path)
    entries = {f"k{i}": bytes([i % 256]) * 3 for i in range(1234)}
    store.put_many(entries)
    assert store.get_many(list(entries) + ["missing"]) == entries


def test_a_damaged_file_reads_as_an_empty_cache_and_is_replaced(tmp_path):
    (tmp_path / "content.sqlite3").write_bytes(b"this is not a database" * 100)
    store = ContentStore(tmp_path)
    assert store.get_many(["a"]) == {}
    store.put_many({"a": b"A"})
    assert ContentStore(tmp_path).get_many(["a"]) == {"a": b"A"}
    with sqlite3.connect(tmp_path / "content.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM entries").fetchone() == (1,)


def test_the_former_one_file_per_entry_layout_is_removed(tmp_path):
    (tmp_path / "ab").mkdir()
    (tmp_path / "ab" / "ab12").write_bytes(b"old entry")
    (tmp_path / "keep-me").mkdir()
    ContentStore(tmp_path).get_many(["x"])
    assert not (tmp_path / "ab").exists() and (tmp_path / "keep-me").is_dir()


def test_prefetcher_announces_every_reading_once_when_all_are_in(tmp_path):
    """In the process (few files) and from parsing workers (many), cached or not."""
    from front_matter.prefetch import Prefetcher
    from front_matter.settings import FrontMatterSettings
    from tests.helpers import article, write

    content = write(tmp_path / "content", {f"articles/a{i}.md": article(f"Bài số {i}") for i in range(12)})
    settings = FrontMatterSettings.from_pelican({"PATH": str(content), "FRONT_MATTER_CATEGORIES": ["Cải cách thể chế"]})
    files = sorted(content.rglob("*.md"))
    for threshold, cache in ((100, None), (4, None), (4, tmp_path / "cache"), (4, tmp_path / "cache")):
        heard = []
        prefetcher = Prefetcher(settings, files, cache, workers=2, threshold=threshold, on_complete=heard.append)
        first = prefetcher.get(files[0])
        assert first is not None and first.entry.title == "Bài số 0"
        if threshold < 100 and cache is None:
            assert heard == []  # the workers are still parsing
        prefetcher.finish()
        assert len(heard) == 1 and sorted(heard[0]) == [str(f) for f in files]
        assert all(r.entry is not None for r in heard[0].values())
        prefetcher.finish()
        assert len(heard) == 1
