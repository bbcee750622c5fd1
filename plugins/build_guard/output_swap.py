"""Atomic publication of a build: write into a staging folder, then swap.

Pure file-system logic, no Pelican imports. A build that fails before
:func:`publish` leaves the previous output folder exactly as it was.

:func:`publish` swaps the two trees with one system call (Linux
``renameat2(RENAME_EXCHANGE)``): a web server serving ``output`` in place
finds, at every instant, the whole old tree or the whole new one, and
``output`` stays a plain folder (``rsync output/``, ``cp -r output``, a
server's root: all as before). Where the system cannot exchange, it falls
back to two renames back to back (a moment without ``output``).

The tree a swap retires (``output.old`` for a moment) is deleted once the
new one is in place.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import time
from typing import Callable
from pathlib import Path

from build_core.errors import display_path


def staging_path(output: str | os.PathLike) -> Path:
    """The sibling folder a build writes into (``output`` → ``output.tmp``)."""
    output = Path(output).resolve()
    return output.with_name(output.name + ".tmp")


def retired_path(output: str | os.PathLike) -> Path:
    """The previous output, retired by the last swap (``output`` → ``output.old``)."""
    output = Path(output).resolve()
    return output.with_name(output.name + ".old")


def prepare(staging: Path) -> None:
    """An empty staging folder for the build (a crashed build's is removed)."""
    if os.path.lexists(staging) and not staging.is_dir():  # not ours to delete: the editor says what it is
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), os.fspath(staging))
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)


def _delete(tree: Path) -> None:
    shutil.rmtree(tree, ignore_errors=True)


def publish(staging: Path, output: str | os.PathLike,
            delete: Callable[[Path], None] = _delete) -> None:
    """Replace ``output`` by ``staging`` in one step (:func:`exchange`), so
    that a server reading ``output`` always finds one whole tree, the old or
    the new; then hand the old one, renamed out of the way, to ``delete``
    (build_guard deletes it in a process of its own: 9 s at 10,000 articles).
    On an error nothing is replaced."""
    output = Path(output).resolve()
    retired = retired_path(output)
    _remove(retired)
    if not os.path.lexists(output):
        os.rename(staging, output)
    elif exchange(staging, output):
        # The old tree is now at ``staging``. Tidying it is not publishing: on
        # failure it stays there, and the next build removes it (prepare).
        try:
            os.rename(staging, retired)
        except OSError:
            return
    else:  # two renames, back to back: the one moment without output/
        os.rename(output, retired)
        try:
            os.rename(staging, output)
        except OSError:
            os.rename(retired, output)
            raise
    trash = retired.with_name(f".{output.name}.trash-{os.getpid()}-{time.monotonic_ns()}")
    try:
        os.rename(retired, trash)
    except OSError:
        return  # the next publish retries
    delete(trash)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one system call (Linux ``renameat2`` with
    ``RENAME_EXCHANGE``): False, with nothing changed, where the system or the
    file system cannot (not Linux, glibc < 2.28, kernel < 3.15, NFS…)."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    # EPERM too: container seccomp filters that predate renameat2 refuse it
    # so; a real permission problem shows again in the plain renames.
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), os.fspath(b), None, os.fspath(a))


def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # not glibc ≥ 2.28 (or musl ≥ 1.2.5)
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    function.restype = ctypes.c_int
    return function


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2  # <fcntl.h>, <linux/fs.h>
_RENAMEAT2 = _renameat2()


def discard(staging: Path) -> None:
    """After a failed build, delete its staging folder. Never raises: a tree
    left behind is removed by the next build, and the error that failed this
    one is the one to report."""
    shutil.rmtree(staging, ignore_errors=True)


# errno → (what went wrong, the fix), for :func:`os_error_line`
_PERMISSION = ("không có quyền ghi", "kiểm tra quyền ghi của thư mục này và thư mục chứa nó")
_FULL = ("ổ đĩa đã đầy", "giải phóng chỗ trống trên ổ đĩa rồi dựng lại")
_NOT_A_FOLDER = ("có một tệp ở chỗ cần thư mục", "xoá hoặc đổi tên tệp đó rồi dựng lại")
_OS_PROBLEMS = {
    errno.EACCES: _PERMISSION, errno.EPERM: _PERMISSION,
    errno.EROFS: ("ổ đĩa chỉ cho đọc", "chọn thư mục output trên ổ ghi được (-o …) hoặc gắn lại ổ ở chế độ ghi"),
    errno.ENOSPC: _FULL, errno.EDQUOT: _FULL,
    errno.EFBIG: ("tệp vượt giới hạn kích thước", "kiểm tra giới hạn kích thước tệp (ulimit -f) và chỗ trống"),
    errno.ENOTDIR: _NOT_A_FOLDER, errno.EEXIST: _NOT_A_FOLDER,
    errno.EBUSY: ("thư mục là một điểm gắn (mount) hoặc đang bận",
                  "đừng gắn riêng thư mục output: gắn thư mục chứa nó, hoặc chọn thư mục output khác (-o …)"),
}


def os_error_line(error: OSError, output: str | os.PathLike) -> str:
    """The one line an editor sees for an OS error met while staging or
    publishing ``output``: the folder, what went wrong (in the system's words
    too, with the path it names), the fix, and that nothing was replaced."""
    problem, fix = _OS_PROBLEMS.get(error.errno, ("lỗi hệ thống tệp", "kiểm tra thư mục này rồi dựng lại"))
    detail = error.strerror or type(error).__name__
    if error.filename is not None:
        shown = display_path(os.fsdecode(error.filename))
        detail += f": {shown if len(shown) <= 120 else shown[:60] + '…' + shown[-59:]}"
    where = display_path(output)
    return f"{where}: không ghi được vào thư mục, {problem} ({detail}); {fix}; {where} giữ nguyên bản dựng trước."


def concerns(error: OSError, output: str | os.PathLike) -> bool:
    """Whether ``error`` is about ``output``, its staging folder or the tree it retires
    (or names no file: a write that found the disk full)."""
    if error.filename is None:
        return True
    path = os.path.abspath(os.fsdecode(error.filename))
    folders = {os.path.abspath(output)} | {os.fspath(f(output)) for f in (staging_path, retired_path)}
    folders.add(os.fspath(Path(output).resolve()))
    return any(path == folder or path.startswith(folder + os.sep) for folder in folders)
