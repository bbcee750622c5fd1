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
