"""The content cache on disk: one SQLite file, not one file per article. Pure.

Keys are the prefetcher's content hashes; values are pickled readings. The
parent writes the new readings in transactions of 1,000 as they arrive; a
killed build loses nothing but some of its own new entries.

Entries no build has used for ``keep_days`` are deleted, so the cache does not
grow with every edit; the time of use is indexed, so finding them reads no
reading. An entry's time of use is written again only when it is older than
a tenth of that (three days), not after every build for every entry. A
damaged or foreign file reads as an empty cache and is replaced (SQLite
reports it as DatabaseError).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Iterable

_BATCH = 500  # keys per SELECT (SQLite allows 999 parameters in old builds)


class ContentStore:
    def __init__(self, folder: Path, keep_days: float = 30.0):
        self.path = Path(folder) / "content.sqlite3"
        self.keep_seconds = keep_days * 86_400
        self._db: sqlite3.Connection | None = None
        self._used: dict[str, float] = {}  # key → time of last use, as get_many found it

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError:
                self._remove()
                self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60)
        # A cache: a power cut may lose the last entries, never corrupt the file.
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, data BLOB NOT NULL, used REAL NOT NULL)")
        db.execute("CREATE INDEX IF NOT EXISTS entries_used ON entries (used)")
        db.commit()
        return db

    def get_many(self, keys: Iterable[str]) -> dict[str, bytes]:
        keys = list(keys)
        found: dict[str, bytes] = {}
        try:
            db = self._connect()
            for start in range(0, len(keys), _BATCH):
                batch = keys[start:start + _BATCH]
                marks = ",".join("?" * len(batch))
                for key, data, used in db.execute(f"SELECT key, data, used FROM entries WHERE key IN ({marks})", batch):
                    found[key] = data
                    self._used[key] = used
        except sqlite3.DatabaseError:
            self._reset()
            return {}
        return found

    def put_many(self, new: dict[str, bytes], now: float | None = None) -> None:
        """Store readings as they come (in batches: the parent never holds them all)."""
        now = time.time() if now is None else now
        try:
            db = self._connect()
            with db:
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                               ((key, data, now) for key, data in new.items()))
            self._used.update(dict.fromkeys(new, now))
        except sqlite3.DatabaseError:
            self._reset()

    def finish(self, used: Iterable[str], new: dict[str, bytes], now: float | None = None) -> None:
        """Store ``new``, mark ``used`` as used now (unless it was, lately),
        and delete stale entries."""
        now = time.time() if now is None else now
        self.put_many(new, now)
        lately = now - self.keep_seconds / 10
        try:
            db = self._connect()
            with db:
                db.executemany("UPDATE entries SET used = ? WHERE key = ?",
                               ((now, key) for key in used if not lately <= self._used.get(key, -1.0) <= now))
                db.execute("DELETE FROM entries WHERE used < ?", (now - self.keep_seconds,))
        except sqlite3.DatabaseError:
            self._reset()

    def _reset(self) -> None:
        """A damaged file: drop it; the next build starts an empty cache."""
        self.close()
        self._used.clear()
        self._remove()

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
