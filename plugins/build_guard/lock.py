"""One build at a time per output folder. Pure (no Pelican imports).

Two builds into the same output at once (``make serve`` running while
``make site`` starts, or two terminals) both write ``OUTPUT_PATH.tmp``,
recycle ``OUTPUT_PATH.old`` and swap their tree in: each deletes or replaces
files under the other, and what ends up published is a mix, or a crash with a
confusing error. So a build holds an exclusive lock on a file beside the
output folder (``.output.lock`` for ``output/``) for as long as its process
runs: ``make serve`` holds it between its builds. A second build stops before
it touches anything, with one line naming the process that holds the lock.

The lock is ``flock`` on that file: the kernel drops it when the process (and
the workers it forked) end, however they end, so a killed build never leaves
a stale lock. The file stays, with the last holder's process number in it.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

_HELD: dict[str, int] = {}  # lock file → open descriptor, for the life of this process


class OutputBusy(Exception):
    def __init__(self, output: Path, holder: str):
        self.output, self.holder = output, holder
        super().__init__(f"{output}: một bản dựng khác (tiến trình {holder or '?'}) đang ghi vào thư mục này")


def lock_path(output: str | os.PathLike) -> Path:
    output = Path(output).resolve()
    return output.with_name(f".{output.name}.lock")


def hold(output: str | os.PathLike) -> None:
    """Take the lock of ``output`` for this process, or raise OutputBusy. A
    process that holds it already (``make serve``'s next build) keeps it."""
    path = lock_path(output)
    if str(path) in _HELD:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(fd, 32).decode("ascii", "replace").strip()
        os.close(fd)
        raise OutputBusy(Path(output), holder) from None
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    _HELD[str(path)] = fd


def release_all() -> None:
    """Let go of every lock this process holds (tests; the OS does it at exit)."""
    while _HELD:
        _path, fd = _HELD.popitem()
        os.close(fd)
