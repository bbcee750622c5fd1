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


def _used(folder, key):
    with sqlite3.connect(folder / "content.sqlite3") as db:
        return db.execute("SELECT used FROM entries WHERE key = ?", (key,)).fetchone()[0]


def test_a_time_of_use_is_written_again_only_when_it_is_days_old(tmp_path):
    """Every build uses nearly every entry: rewriting each time of use after
    every build was a tenth of a second at 10,000 articles."""
    day, start = 86_400, 1_000_000
    store = ContentStore(tmp_path, keep_days=30)
    store.put_many({"a": b"A", "b": b"B"}, now=start)
    store.close()
    store = ContentStore(tmp_path, keep_days=30)
    assert store.get_many(["a", "b"]) == {"a": b"A", "b": b"B"}
    store.finish(used=["a", "b"], new={"c": b"C"}, now=start + 2 * day)
    assert (_used(tmp_path, "a"), _used(tmp_path, "c")) == (start, start + 2 * day)
    store.finish(used=["a"], new={}, now=start + 4 * day)  # a tenth of 30 days is 3
    assert (_used(tmp_path, "a"), _used(tmp_path, "b")) == (start + 4 * day, start)
    # A time of use in the future (a clock set back) is replaced.
    store.put_many({"d": b"D"}, now=start + 10 * day)
    store.finish(used=["d"], new={}, now=start + 5 * day)
    assert _used(tmp_path, "d") == start + 5 * day
    # The stale ones still go, found through the index on the time of use.
    store.finish(used=["a", "c", "d"], new={}, now=start + 31 * day)
    assert store.get_many(["a", "b", "c", "d"]) == {"a": b"A", "c": b"C", "d": b"D"}
    with sqlite3.connect(tmp_path / "content.sqlite3") as db:
        plan = " ".join(str(row) for row in db.execute("EXPLAIN QUERY PLAN DELETE FROM entries WHERE used < 5"))
    assert "entries_used" in plan


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


def test_prefetcher_orders_only_what_it_parses_in_workers(tmp_path):
    """Files parsed in workers come in Pelican's reading order (the main
    process takes each as it comes); a build that parses few files needs no
    order, so nobody walks the content to learn it."""
    from front_matter.prefetch import Prefetcher
    from front_matter.settings import FrontMatterSettings
    from tests.helpers import article, write

    content = write(tmp_path / "content", {f"articles/a{i:02}.md": article(f"Bài số {i}") for i in range(12)})
    settings = FrontMatterSettings.from_pelican({"PATH": str(content), "FRONT_MATTER_CATEGORIES": ["Cải cách thể chế"]})
    files, cache = sorted(content.rglob("*.md")), tmp_path / "cache"

    def run(order=None):
        heard = []
        prefetcher = Prefetcher(settings, files, cache, workers=2, threshold=4, on_complete=heard.append)
        needed = prefetcher.needs_order()
        if order is not None:
            prefetcher.follow_order(order)
        prefetcher.get(files[0])
        prefetcher.finish()
        return needed, list(heard[0]), (prefetcher.read, prefetcher.reused)

    needed, arrived, counts = run(order=files[7:2:-1])
    assert needed and counts == (12, 0)
    assert arrived == [str(f) for f in [*files[7:2:-1], *files[:3], *files[8:]]]  # that order, then by name
    assert run() == (False, [str(f) for f in files], (0, 12))  # all cached: in the files' order
    files[4].write_text(files[4].read_text(encoding="utf-8") + "\nMột câu nữa.\n", encoding="utf-8")
    assert run()[0::2] == (False, (1, 11))  # one edit: parsed here, no order needed
