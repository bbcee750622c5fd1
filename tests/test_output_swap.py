"""Publishing the staged tree: no moment without a whole ``output/``."""

from __future__ import annotations

import ctypes
import errno
import os
import threading
import time

import pytest

from build_guard import output_swap
from build_guard.output_swap import publish, spare_path, staging_path


def _site(root, label):
    for name in ("index.html", "bai-viet/a/index.html", "bai-viet/b/index.html"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(label)


def _slowed(monkeypatch, seconds=0.3):
    """Each step of a swap (a rename, an exchange) followed by a pause."""
    def slow(step):
        def slowed(*args, **kwargs):
            result = step(*args, **kwargs)
            time.sleep(seconds)
            return result
        return slowed
    monkeypatch.setattr(os, "replace", slow(os.replace))
    monkeypatch.setattr(os, "rename", slow(os.rename))
    if hasattr(output_swap, "exchange"):
        monkeypatch.setattr(output_swap, "exchange", slow(output_swap.exchange))


def _watch(output, seen, stop):
    """What a web server reads while publish() runs: the home page by its
    path, and two pages of one tree (the folder opened once, as a request
    resolves it)."""
    while not stop.is_set():
        try:
            home = (output / "index.html").read_text()
        except OSError as error:
            seen.append(f"index.html: {error.strerror}")
            continue
        try:
            folder = os.open(output, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as error:
            seen.append(f"output: {error.strerror}")
            continue
        try:
            pages = set()
            for name in ("index.html", "bai-viet/a/index.html", "bai-viet/b/index.html"):
                fd = os.open(name, os.O_RDONLY, dir_fd=folder)
                with os.fdopen(fd) as page:
                    pages.add(page.read())
        except OSError as error:
            pages = {f"{name}: {error.strerror}"}
        finally:
            os.close(folder)
        seen.append(home)
        seen.append(pages.pop() if len(pages) == 1 else f"lẫn: {sorted(pages)}")


@pytest.mark.parametrize("keep_spare", [True, False], ids=["recycling", "not-recycling"])
def test_a_reader_never_sees_output_missing_or_mixed_while_it_is_replaced(tmp_path, monkeypatch, keep_spare):
    output, staging = tmp_path / "output", staging_path(tmp_path / "output")
    _site(output, "cũ")
    _site(staging, "mới")
    _slowed(monkeypatch)
    seen, stop = [], threading.Event()
    watcher = threading.Thread(target=_watch, args=(output, seen, stop))
    watcher.start()
    try:
        time.sleep(0.05)
        publish(staging, output, keep_spare=keep_spare)
        time.sleep(0.05)
    finally:
        stop.set()
        watcher.join()
    assert set(seen) == {"cũ", "mới"}, sorted(set(seen))
    assert seen[-1] == "mới" and seen.index("mới") > seen.index("cũ")
    assert not staging.exists()
    assert spare_path(output).exists() == keep_spare
    if keep_spare:
        assert (spare_path(output) / "bai-viet/b/index.html").read_text() == "cũ"


def _refusing(code):
    """A renameat2 that fails as a kernel or file system without
    RENAME_EXCHANGE does (or a container's seccomp filter)."""
    def renameat2(*_args):
        ctypes.set_errno(code)
        return -1
    return renameat2


def test_exchange_swaps_two_folders_in_one_call(tmp_path):
    assert output_swap._RENAMEAT2 is not None  # glibc ≥ 2.28: the path every Linux build takes
    _site(tmp_path / "a", "a")
    (tmp_path / "b").mkdir()
    assert output_swap.exchange(tmp_path / "a", tmp_path / "b")
    assert list((tmp_path / "a").iterdir()) == [] and (tmp_path / "b" / "index.html").read_text() == "a"


@pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOSYS, errno.EPERM])
@pytest.mark.parametrize("keep_spare", [True, False], ids=["recycling", "not-recycling"])
def test_where_the_exchange_is_refused_publish_falls_back_to_two_renames(tmp_path, monkeypatch, code, keep_spare):
    output, staging, spare = tmp_path / "output", staging_path(tmp_path / "output"), spare_path(tmp_path / "output")
    monkeypatch.setattr(output_swap, "_RENAMEAT2", _refusing(code))
    assert not output_swap.exchange(tmp_path, tmp_path)
    _site(staging, "một")
    publish(staging, output, keep_spare=keep_spare)  # the first build: no exchange needed
    _site(staging, "hai")
    (spare / "rác").mkdir(parents=True)  # a spare a failed build left: replaced
    publish(staging, output, keep_spare=keep_spare)
    assert (output / "bai-viet/a/index.html").read_text() == "hai" and not staging.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["output"] + ["output.old"] * keep_spare)
    if keep_spare:
        assert (spare / "bai-viet/a/index.html").read_text() == "một"
    monkeypatch.setattr(output_swap, "_RENAMEAT2", None)  # no renameat2 at all (not Linux)
    _site(staging, "ba")
    publish(staging, output, keep_spare=keep_spare)
    assert (output / "index.html").read_text() == "ba"


def test_a_failed_swap_leaves_output_as_it_was(tmp_path, monkeypatch):
    output, staging = tmp_path / "output", staging_path(tmp_path / "output")
    _site(output, "cũ")
    _site(staging, "mới")
    monkeypatch.setattr(output_swap, "_RENAMEAT2", _refusing(errno.EACCES))  # a real error: raised
    with pytest.raises(PermissionError) as raised:
        publish(staging, output)
    assert raised.value.filename == str(output)
    assert (output / "index.html").read_text() == "cũ" and (staging / "index.html").read_text() == "mới"
    # The fallback's second rename fails: the first one is undone.
    monkeypatch.setattr(output_swap, "_RENAMEAT2", _refusing(errno.EINVAL))
    rename = os.rename

    def failing_for_the_staging_folder(source, target):
        if os.fspath(source) == os.fspath(staging):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(source))
        rename(source, target)
    monkeypatch.setattr(os, "rename", failing_for_the_staging_folder)
    with pytest.raises(OSError):
        publish(staging, output, keep_spare=True)
    assert (output / "index.html").read_text() == "cũ" and (staging / "index.html").read_text() == "mới"
    assert not spare_path(output).exists()
