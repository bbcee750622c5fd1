"""Signal glue: collect content errors, fail before writing, publish atomically.

Other plugins call :func:`report` (or raise ``ContentFileError`` from a
reader); the gate runs when Pelican asks for its writer, i.e. after every
generator has read and cross-checked the content and before anything is
written, and again before the staged output replaces ``OUTPUT_PATH``.
"""

from __future__ import annotations

import logging
import sys
import weakref
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from blinker import signal
from pelican import signals

from .errors import BuildFailed, ContentError, ContentErrors, ContentFileError, ErrorLog, display_path, write_errors
from .lock import OutputBusy, hold
from .output_swap import (Marking, concerns, discard, os_error_line, publish, spare_path, staging_path,
                          start_preparing, sweep)
from .settings import BuildGuardSettings
from .timings import PhaseClock

# One build runs at a time in a process; the log is emptied when a run starts.
_LOG = ErrorLog()
_WARNINGS = ErrorLog()

# Sent with the Pelican instance and ``staging=<Path>`` once every page is
# written and before the staged tree replaces OUTPUT_PATH: the place for steps
# that post-process the whole site (search index, pre-compression). An
# exception there fails the build and leaves the previous output untouched.
output_staged = signal("build_guard.output_staged")

# Phases of the current run; other plugins may time their own step with
# ``with CLOCK.measure("gợi ý bài liên quan"): …``.
CLOCK = PhaseClock()
_FINAL_OUTPUT: "weakref.WeakKeyDictionary[object, str]" = weakref.WeakKeyDictionary()
_RUN_FAILED: "weakref.WeakSet[object]" = weakref.WeakSet()
_INHERITED: "weakref.WeakKeyDictionary[object, int]" = weakref.WeakKeyDictionary()  # files in a recycled tree
_MARKING: "weakref.WeakKeyDictionary[object, Marking]" = weakref.WeakKeyDictionary()  # its stamping, until done
_OUTPUT: list[str] = []  # OUTPUT_PATH of this process's latest build, for an OS error no step of ours caught


def report(error: ContentError) -> None:
    _LOG.add(error)


def report_all(errors: Iterable[ContentError]) -> None:
    _LOG.extend(errors)


def warn(warning: ContentError) -> None:
    """A problem the build fixed by itself (e.g. unsafe HTML removed): printed
    as one ``path:line: field: message`` line, the build goes on."""
    _WARNINGS.add(warning)


def _print_warnings() -> None:
    if _WARNINGS:
        write_errors(_WARNINGS.errors, footer=None)
        _WARNINGS.clear()


class _QuietContentErrors(logging.Filter):
    """Keep content errors to the one-line form we print ourselves.

    Pelican logs "Could not process <file>" for every file a reader refused,
    and a traceback for the exception that ends the build; both would repeat
    (and bury) the messages that already name file, line and field.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        if isinstance(exc, ContentFileError):
            return False
        if isinstance(exc, BuildFailed):  # content errors, a failed search index…
            record.exc_info = None
            record.exc_text = None
        elif isinstance(exc, OSError) and _ends_the_run(record, exc) and _OUTPUT and concerns(exc, _OUTPUT[-1]):
            # Writing a page into the staging folder failed (full disk…):
            # Pelican's writer is no step of ours, so its error arrives here.
            sys.stderr.write(os_error_line(exc, _OUTPUT[-1]) + "\n")
            return False
        return True


def _ends_the_run(record: logging.LogRecord, exc: BaseException) -> bool:
    """Pelican's last word on an exception: CRITICAL from ``pelican`` (a
    build), or the warning of the autoreload loop (``make serve``), which
    passes the exception itself as its argument."""
    return record.levelno >= logging.CRITICAL or (isinstance(record.args, tuple) and exc in record.args)


_FILTER = _QuietContentErrors()


class _LoggedErrors(logging.Handler):
    """Every error logged during a run, by Pelican or any plugin: a build
    that logged one never publishes (Pelican itself logs "Could not process
    <file>", drops that file and goes on to exit 0). Each becomes one line:
    the file's, located, when the record names one."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.content_path = "."
        self.running = self.startup_due = False
        # Logged before the first run (a plugin of PLUGINS that cannot be
        # loaded): they fail every run of this process.
        self.startup: list[ContentError] = []
        self.lines: list[ContentError] = []  # this run's

    def start_run(self) -> None:
        self.running, self.startup_due = True, True
        self.lines.clear()

    def take(self) -> list[ContentError]:
        """The run's errors not taken yet, the start-up ones once per run
        (the gate asks twice: before writing and before publishing)."""
        taken = [*(self.startup if self.startup_due else ()), *self.lines]
        self.lines, self.startup_due = [], False
        return taken

    def emit(self, record: logging.LogRecord) -> None:
        exc = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        detail = f" ({type(exc).__name__}: {exc})" if exc is not None else ""
        if str(record.msg).startswith("Could not process") and record.args:
            source = display_path(Path(self.content_path) / str(record.args[0]))
            message = (f"không xử lý được tệp{detail}; kiểm tra nội dung tệp, "
                       "nếu vẫn lỗi hãy gửi tệp này cho nhóm phát triển")
            line = ContentError(source, 1, "tệp", message[:500])
        elif str(record.msg).startswith("Cannot load plugin") and record.args:
            line = ContentError("pelicanconf.py", 1, "PLUGINS", f'không nạp được plugin "{record.args[0]}"; '
                                "kiểm tra tên trong PLUGINS và thư mục plugins/")
        else:
            line = ContentError(record.name, 0, "lỗi", f"lỗi khi dựng trang: {record.getMessage()}{detail}"[:500])
        (self.lines if self.running else self.startup).append(line)


_LOGGED = _LoggedErrors()
# From the import on: Pelican imports every plugin of PLUGINS (build_guard
# first) before it registers any, and logs a plugin it cannot load as an
# error, then builds without it.
logging.getLogger().addHandler(_LOGGED)


def install_log_filter(*_args) -> None:
    for name in ("pelican", "pelican.generators"):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


@contextmanager
def _os_errors(output):
    """An OS error met while preparing, staging or publishing ``output``: one
    line naming the folder and the fix, then a short BuildFailed."""
    try:
        yield
    except OSError as error:
        sys.stderr.write(os_error_line(error, output) + "\n")
        raise BuildFailed("không ghi được thư mục output") from None  # short: the log handler wraps at 80 columns


def stage_output(pelican) -> None:
    install_log_filter()
    _LOGGED.content_path = pelican.settings.get("PATH") or "."
    _OUTPUT[:] = [pelican.output_path]
    try:
        with _os_errors(pelican.output_path):
            hold(pelican.output_path)  # one build at a time into this output (lock.py)
    except OutputBusy as busy:
        sys.stderr.write(f"{display_path(busy.output)}: một bản dựng khác (tiến trình {busy.holder or '?'}) đang "
                         "ghi vào thư mục này, có thể là \"make serve\"; dừng nó hoặc đợi nó xong rồi dựng lại.\n")
        raise BuildFailed("thư mục output đang bận") from None  # short: the log handler wraps at 80 columns
    if BuildGuardSettings.from_pelican(pelican.settings).atomic_output:
        _FINAL_OUTPUT[pelican] = pelican.output_path
        # Generators and the writer are created in run() from this attribute.
        pelican.output_path = str(staging_path(pelican.output_path))


def start_run(pelican):
    """Each run (autoreload runs many) starts with no errors and an empty stage."""
    CLOCK.start()
    _LOG.clear()
    _WARNINGS.clear()
    _LOGGED.start_run()
    _RUN_FAILED.clear()
    if pelican in _FINAL_OUTPUT:
        _finish_marking(pelican)  # of a run that stopped before writing (make serve)
        with _os_errors(_FINAL_OUTPUT[pelican]):
            _MARKING[pelican] = start_preparing(staging_path(_FINAL_OUTPUT[pelican]), _spare(pelican))
    return None  # no generator of our own


def _finish_marking(pelican) -> None:
    """Wait until every inherited file is stamped stale (output_swap.Marking)."""
    marking = _MARKING.pop(pelican, None)
    if marking is not None:
        with _os_errors(_FINAL_OUTPUT[pelican]):
            _INHERITED[pelican] = marking.wait()


def _spare(pelican) -> Path | None:
    """The retired output a build recycles as its staging folder (None: off)."""
    if BuildGuardSettings.from_pelican(pelican.settings).recycle_output:
        return spare_path(_FINAL_OUTPUT[pelican])
    return None


def _report_errors(pelican) -> None:
    """Print the collected errors once; raise, or (preview) mark the run failed."""
    _print_warnings()
    _LOG.extend(_LOGGED.take())
    if not _LOG:
        return
    failure = ContentErrors(_LOG.errors)
    _LOG.clear()
    _RUN_FAILED.add(pelican)
    write_errors(failure.errors, footer=f"Không xuất bản: {failure}; thư mục output giữ nguyên bản dựng trước.")
    if BuildGuardSettings.from_pelican(pelican.settings).raise_on_errors:
        if pelican in _FINAL_OUTPUT:
            discard(staging_path(_FINAL_OUTPUT[pelican]), _spare(pelican))
        raise failure


def articles_read(_generator) -> None:
    CLOCK.mark("đọc bài")


def gate_before_writing(pelican):
    CLOCK.mark("xử lý (gợi ý, ảnh, trang)")
    _finish_marking(pelican)  # before anything writes into the staging folder
    _report_errors(pelican)
    return None  # no writer of our own


def publish_output(pelican) -> None:
    CLOCK.mark("hiển thị và ghi")
    _report_errors(pelican)
    if pelican in _FINAL_OUTPUT:
        staging, spare = staging_path(_FINAL_OUTPUT[pelican]), _spare(pelican)
        if pelican in _RUN_FAILED:
            discard(staging, spare)
            return
        try:
            with _os_errors(_FINAL_OUTPUT[pelican]):
                if spare is not None and _INHERITED.get(pelican):
                    sweep(staging)  # before anything reads the tree: only this build's files
                output_staged.send(pelican, staging=staging)
                CLOCK.mark("hoàn tất (sơ đồ trang, tìm kiếm…)")
                publish(staging, _FINAL_OUTPUT[pelican], keep_spare=spare is not None)  # raises: output as it was
        except Exception:
            discard(staging, spare)
            raise
        CLOCK.mark("thay output")
    elif pelican not in _RUN_FAILED:
        output_staged.send(pelican, staging=Path(pelican.output_path))
        CLOCK.mark("hoàn tất (sơ đồ trang, tìm kiếm…)")
    if BuildGuardSettings.from_pelican(pelican.settings).timings:
        sys.stderr.write(CLOCK.summary() + "\n")


def register() -> None:
    signals.initialized.connect(stage_output)
    signals.get_generators.connect(start_run)
    signals.article_generator_finalized.connect(articles_read)
    signals.get_writer.connect(gate_before_writing)
    signals.finalized.connect(publish_output)
