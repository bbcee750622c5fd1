"""Content errors: one line each, ``path:line: field: message``.

Pure module (no Pelican imports): readers and checks of every plugin report
into an :class:`ErrorLog`; the build gate prints the log and fails the build.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import IO, Iterable


@dataclass(frozen=True, order=True)
class ContentError:
    """One mistake in one content file, pointing at the line to fix."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        # Never let a newline split the message: editors and IDEs jump to
        # ``path:line`` only when the whole error is on one line.
        message = " ".join(self.message.split())
        return f"{self.path}:{self.line}: {self.field}: {message}"


class ContentFileError(Exception):
    """Raised by a reader for a file it refuses to publish (errors already logged)."""

    def __init__(self, errors: Iterable[ContentError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


class BuildFailed(Exception):
    """A failure already explained on stderr in one line: Pelican logs only its
    short message, never a traceback (see plugin._QuietContentErrors)."""

    exitcode = 1


class ContentErrors(BuildFailed):
    """Raised by the build gate; ``exitcode`` is what Pelican's CLI exits with."""

    def __init__(self, errors: Iterable[ContentError]):
        self.errors = sorted(set(errors))
        files = len({e.path for e in self.errors})
        # Short: Pelican logs it through a handler that wraps at 80 columns.
        super().__init__(f"{len(self.errors)} lỗi nội dung trong {files} tệp")


@dataclass
class ErrorLog:
    """Collects errors from every file of one build, in a stable order."""

    errors: list[ContentError] = field(default_factory=list)

    def add(self, error: ContentError) -> None:
        self.errors.append(error)

    def extend(self, errors: Iterable[ContentError]) -> None:
        self.errors.extend(errors)

    def paths(self) -> set[str]:
        return {e.path for e in self.errors}

    def clear(self) -> None:
        self.errors.clear()

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __len__(self) -> int:
        return len(self.errors)


def vi_number(n: int) -> str:
    """A count as Vietnamese writes it: 32.000, not 32,000."""
    return f"{n:,}".replace(",", ".")


def write_errors(errors: Iterable[ContentError], stream: IO[str] | None = None,
                 footer: str | None = None) -> None:
    """Print each error on its own line, bypassing the (wrapping) log handler."""
    stream = stream or sys.stderr
    for error in sorted(set(errors)):
        stream.write(f"{error}\n")
    if footer:
        stream.write(f"{footer}\n")
    stream.flush()


def display_path(path: "str | os.PathLike") -> str:
    """The path as an editor typed it: relative to the working folder when inside it."""
    return display_paths([path])[0]


def display_paths(paths: "Iterable[str | os.PathLike]") -> list[str]:
    """:func:`display_path` of each, the working folder asked for once
    (``os.getcwd`` is a system call: 10,000 articles are checked at once)."""
    cwd = os.getcwd()
    prefix = cwd if cwd.endswith(os.sep) else cwd + os.sep
    shown = []
    for path in paths:
        absolute = os.path.normpath(os.path.join(cwd, path))  # os.path.abspath, with the folder known
        if absolute.startswith(prefix):  # the common case, without relpath's splitting and joining
            shown.append(absolute[len(prefix):].replace(os.sep, "/"))
            continue
        relative = os.path.relpath(absolute, cwd)
        shown.append(absolute if relative.startswith("..") else relative.replace(os.sep, "/"))
    return shown
