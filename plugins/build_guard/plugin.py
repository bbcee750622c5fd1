"""Signal glue: the error gate, one build per output folder, atomic output.

Plugins report content errors to the run (``build_core.run.report``, or a
reader raises ``ContentFileError``); the gate (stage ``gate``, sent before
anything is written and again before the written site is post-processed)
prints them all and fails the build. The site is written into a staging
folder that replaces ``OUTPUT_PATH`` only when the build succeeds (stage
``swap``).
"""

from __future__ import annotations

import logging
import shutil
import sys
import weakref
from contextlib import contextmanager
from pathlib import Path

from pelican import signals

from build_core import executor, stages
from build_core.errors import BuildFailed, ContentError, ContentErrors, ContentFileError, display_path, write_errors
from build_core.run import current_or_none

from .lock import OutputBusy, hold
from .output_swap import concerns, discard, os_error_line, prepare, publish, staging_path
from .settings import BuildGuardSettings

# The output folder each Pelican instance publishes to (its output_path is
# pointed at the staging folder): one per instance, for all its runs.
_FINAL_OUTPUT: "weakref.WeakKeyDictionary[object, str]" = weakref.WeakKeyDictionary()


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
        elif isinstance(exc, OSError) and _ends_the_run(record, exc) and (output := _run_output()) \
                and concerns(exc, output):
            # Writing a page into the staging folder failed (full disk…):
            # Pelican's writer is no step of ours, so its error arrives here.
            sys.stderr.write(os_error_line(exc, output) + "\n")
            return False
        return True


def _run_output() -> str | None:
    run = current_or_none()
    return None if run is None else _FINAL_OUTPUT.get(run.pelican, run.pelican.output_path)


def _ends_the_run(record: logging.LogRecord, exc: BaseException) -> bool:
    """Pelican's last word on an exception: CRITICAL from ``pelican`` (a
    build), or the warning of the autoreload loop (``make serve``), which
    passes the exception itself as its argument."""
    return record.levelno >= logging.CRITICAL or (isinstance(record.args, tuple) and exc in record.args)


_FILTER = _QuietContentErrors()


class _LoggedErrors(logging.Handler):
    """Every error logged during a run, by Pelican or any plugin: a build
    that logged one never publishes (Pelican itself logs "Could not process
    <file>", drops that file and goes on to exit 0). Each becomes one line
    of the run's errors: the file's, located, when the record names one."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        # Logged before the first run (a plugin of PLUGINS that cannot be
        # loaded): they fail every run of this process.
        self.startup: list[ContentError] = []

    def emit(self, record: logging.LogRecord) -> None:
        run = current_or_none()
        exc = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        detail = f" ({type(exc).__name__}: {exc})" if exc is not None else ""
        if str(record.msg).startswith("Could not process") and record.args:
            content = run.settings.get("PATH") if run is not None else None
            source = display_path(Path(content or ".") / str(record.args[0]))
            message = (f"không xử lý được tệp{detail}; kiểm tra nội dung tệp, "
                       "nếu vẫn lỗi hãy gửi tệp này cho nhóm phát triển")
            line = ContentError(source, 1, "tệp", message[:500])
        elif str(record.msg).startswith("Cannot load plugin") and record.args:
            line = ContentError("pelicanconf.py", 1, "PLUGINS", f'không nạp được plugin "{record.args[0]}"; '
                                "kiểm tra tên trong PLUGINS và thư mục plugins/")
        else:
            line = ContentError(record.name, 0, "lỗi", f"lỗi khi dựng trang: {record.getMessage()}{detail}"[:500])
        if run is None:
            self.startup.append(line)
        else:
            run.errors.add(line)


_LOGGED = _LoggedErrors()
# From the import on: Pelican imports every plugin of PLUGINS before it
# registers any, and logs a plugin it cannot load as an error, then builds
# without it.
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
    """Once per Pelican instance: this process holds the output folder, and
    the generators and writer (made in ``Pelican.run`` from ``output_path``)
    write into the staging folder."""
    install_log_filter()
    try:
        with _os_errors(pelican.output_path):
            hold(pelican.output_path)  # one build at a time into this output (lock.py)
    except OutputBusy as busy:
        sys.stderr.write(f"{display_path(busy.output)}: một bản dựng khác (tiến trình {busy.holder or '?'}) đang "
                         "ghi vào thư mục này, có thể là \"make serve\"; dừng nó hoặc đợi nó xong rồi dựng lại.\n")
        raise BuildFailed("thư mục output đang bận") from None  # short: the log handler wraps at 80 columns
    if BuildGuardSettings.from_pelican(pelican.settings).atomic_output:
        _FINAL_OUTPUT[pelican] = pelican.output_path
        pelican.output_path = str(staging_path(pelican.output_path))


def start_run(run) -> None:
    """Each run (autoreload runs many) starts with an empty staging folder."""
    run.errors.extend(_LOGGED.startup)
    final = _FINAL_OUTPUT.get(run.pelican)
    if final is None:
        run.staging = Path(run.pelican.output_path)
        return
    run.staging = staging_path(final)
    with _os_errors(final):
        prepare(run.staging)


def _print_warnings(run) -> None:
    if run.warnings:
        write_errors(run.warnings.errors, footer=None)
        run.warnings.clear()


def gate(run) -> None:
    """Print the errors collected so far, once; raise, or (preview) mark the run failed."""
    _print_warnings(run)
    if not run.errors:
        return
    failure = ContentErrors(run.errors.errors)
    run.errors.clear()
    run.failed = True
    write_errors(failure.errors, footer=f"Không xuất bản: {failure}; thư mục output giữ nguyên bản dựng trước.")
    if not run.core.preview:
        if run.pelican in _FINAL_OUTPUT:
            discard(run.staging)
        raise failure


def swap(run, staging) -> None:
    """The staged site replaces the output, or (a failed run) is deleted."""
    final = _FINAL_OUTPUT.get(run.pelican)
    if final is None:
        return
    if run.failed:
        discard(staging)
        return
    with _os_errors(final):
        publish(staging, final, delete=lambda tree: executor.detached(shutil.rmtree, tree, True))  # raises: output as it was


def register() -> None:
    signals.initialized.connect(stage_output)
    stages.connect("start", start_run)
    stages.connect("gate", gate)
    stages.connect("swap", swap)
