"""Publishing the staged tree: no moment without a whole ``output/``, and OS
errors (read-only or full disk, a file where a folder belongs) reported as
one Vietnamese line with the previous output kept."""

from __future__ import annotations

import ctypes
import errno
import os
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from build_guard import output_swap
from build_guard.output_swap import discard, prepare, publish, retired_path, staging_path
from tests.helpers import ROOT, SETTINGS, article, build, env, tree, write


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


def test_a_reader_never_sees_output_missing_or_mixed_while_it_is_replaced(tmp_path, monkeypatch):
    output, staging = tmp_path / "output", staging_path(tmp_path / "output")
    _site(output, "cũ")
    _site(staging, "mới")
    _slowed(monkeypatch)
    seen, stop = [], threading.Event()
    watcher = threading.Thread(target=_watch, args=(output, seen, stop))
    watcher.start()
    try:
        time.sleep(0.05)
        publish(staging, output)
        time.sleep(0.05)
    finally:
        stop.set()
        watcher.join()
    assert set(seen) == {"cũ", "mới"}, sorted(set(seen))
    assert seen[-1] == "mới" and seen.index("mới") > seen.index("cũ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]  # the retired tree deleted


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
def test_where_the_exchange_is_refused_publish_falls_back_to_two_renames(tmp_path, monkeypatch, code):
    output, staging, retired = tmp_path / "output", staging_path(tmp_path / "output"), retired_path(tmp_path / "output")
    monkeypatch.setattr(output_swap, "_RENAMEAT2", _refusing(code))
    assert not output_swap.exchange(tmp_path, tmp_path)
    _site(staging, "một")
    publish(staging, output)  # the first build: no exchange needed
    _site(staging, "hai")
    (retired / "rác").mkdir(parents=True)  # a retired tree a failed publish left: removed
    publish(staging, output)
    assert (output / "bai-viet/a/index.html").read_text() == "hai" and not staging.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    monkeypatch.setattr(output_swap, "_RENAMEAT2", None)  # no renameat2 at all (not Linux)
    _site(staging, "ba")
    publish(staging, output)
    assert (output / "index.html").read_text() == "ba" and sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_each_build_starts_with_an_empty_staging_folder_and_a_failed_one_leaves_none(tmp_path):
    output, staging = tmp_path / "output", staging_path(tmp_path / "output")
    _site(output, "cũ")
    _site(staging, "nửa chừng")  # a crashed build's
    prepare(staging)
    assert staging.is_dir() and list(staging.iterdir()) == []
    _site(staging, "mới")
    discard(staging)  # the build failed
    discard(staging)  # never raises, even when there is nothing left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"] and (output / "index.html").read_text() == "cũ"
    staging.write_text("một tệp")  # not a folder: the editor's, never deleted
    with pytest.raises(NotADirectoryError):
        prepare(staging)
    assert staging.read_text() == "một tệp"


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
        publish(staging, output)
    assert (output / "index.html").read_text() == "cũ" and (staging / "index.html").read_text() == "mới"
    assert not retired_path(output).exists()


def test_os_error_lines_name_the_folder_the_cause_and_the_fix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    output = tmp_path / "output"

    def line(code, filename=None):
        return output_swap.os_error_line(OSError(code, os.strerror(code), filename), output)

    assert line(errno.EACCES, str(tmp_path / "output.tmp")) == (
        "output: không ghi được vào thư mục, không có quyền ghi (Permission denied: output.tmp); kiểm tra quyền ghi "
        "của thư mục này và thư mục chứa nó; output giữ nguyên bản dựng trước.")
    assert line(errno.ENOSPC) == (
        "output: không ghi được vào thư mục, ổ đĩa đã đầy (No space left on device); giải phóng chỗ trống trên ổ "
        "đĩa rồi dựng lại; output giữ nguyên bản dựng trước.")
    assert "có một tệp ở chỗ cần thư mục (Not a directory: output.tmp); xoá hoặc đổi tên" in line(
        errno.ENOTDIR, "output.tmp")
    assert "ổ đĩa chỉ cho đọc (Read-only file system" in line(errno.EROFS)
    assert "lỗi hệ thống tệp (Input/output error); kiểm tra thư mục này rồi dựng lại" in line(errno.EIO)
    long = line(errno.ENAMETOOLONG, str(tmp_path / "output.tmp" / ("a" * 2000) / "index.html"))
    assert len(long) < 300 and "(File name too long: output.tmp/aaa" in long and "…" in long
    assert "\n" not in long
    # Which errors are about this output (the last resort of plugin.py reports only those).
    assert output_swap.concerns(OSError(errno.ENOSPC, "full"), output)
    for name in ("output", "output.tmp/a/index.html", "output.old/x"):
        assert output_swap.concerns(OSError(errno.EIO, "x", str(tmp_path / name)), output)
    assert not output_swap.concerns(OSError(errno.ELOOP, "x", str(tmp_path / "content/a.md")), output)
    assert not output_swap.concerns(OSError(errno.EIO, "x", str(tmp_path / "output-2/a")), output)


# Whole builds with the real CLI: an OS error met while staging or swapping.

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A site built once (the previous output each test starts from), with a
    page over 16 kB, and the options every build of this file takes."""
    work = tmp_path_factory.mktemp("built")
    content = write(work / "content", {"articles/a.md": article("Bài ngắn"),
                                       "articles/b.md": article("Bài dài", body="Đoạn văn dài. " * 1500)})
    options = ("-e", "SITE_SEARCH=false", f'CACHE_PATH="{work / "cache"}"')
    first = build(content, work / "output", *options)
    assert first.returncode == 0, first.stderr
    return content, work / "output", options


def _previous_output(built, tmp_path):
    output = tmp_path / "site" / "output"
    shutil.copytree(built[1], output, symlinks=True)
    return output, tree(output)


def _one_error_line(result, start):
    assert result.returncode == 1, result.stderr
    said = result.stdout + result.stderr  # Pelican's CLI logs to stdout
    assert "Traceback" not in said and "Error:" not in said and "Errno" not in said, said
    lines = [line for line in result.stderr.splitlines() if "không ghi được vào thư mục" in line]
    assert len(lines) == 1 and lines[0].startswith(start), result.stderr
    assert lines[0].endswith("giữ nguyên bản dựng trước."), lines
    return lines[0]


def _file_size_limit(limit):
    def limited():  # in the build's process: writes past ``limit`` bytes fail (EFBIG), as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limited


def test_a_write_that_fails_while_pages_are_written_is_one_line_and_output_is_kept(built, tmp_path):
    content, _, options = built
    output, before = _previous_output(built, tmp_path)
    result = subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", str(SETTINGS), "-o", str(output),
                             *options], cwd=ROOT, env=env(), capture_output=True, text=True, timeout=300,
                            preexec_fn=_file_size_limit(16_000))
    _one_error_line(result, f"{output}: không ghi được vào thư mục, tệp vượt giới hạn kích thước (File too large")
    assert tree(output) == before


def test_a_file_where_the_staging_folder_belongs_is_one_line_and_output_is_kept(built, tmp_path):
    content, _, options = built
    output, before = _previous_output(built, tmp_path)
    (tmp_path / "site" / "output.tmp").write_text("không phải thư mục")
    result = build(content, output, *options)
    _one_error_line(result, f"{output}: không ghi được vào thư mục, có một tệp ở chỗ cần thư mục (Not a directory: "
                            f"{output}.tmp); xoá hoặc đổi tên tệp đó rồi dựng lại;")
    assert tree(output) == before and (tmp_path / "site" / "output.tmp").read_text() == "không phải thư mục"


def test_a_file_where_the_parent_folder_of_output_belongs_is_one_line(built, tmp_path):
    content, _, options = built
    (tmp_path / "site").write_text("một tệp")
    result = build(content, tmp_path / "site" / "output", *options)
    _one_error_line(result, f"{tmp_path}/site/output: không ghi được vào thư mục, có một tệp ở chỗ cần thư mục "
                            f"(File exists: {tmp_path}/site);")


@pytest.mark.parametrize("read_only", ["site", "site/output"], ids=["parent", "output"])
def test_a_read_only_output_or_parent_is_one_line_and_output_is_kept(built, tmp_path, read_only):
    """A read-only bind mount in a private mount namespace (root ignores
    file modes, so chmod would not stop this build)."""
    if not shutil.which("unshare"):
        pytest.skip("unshare (util-linux) is not installed")
    content, _, options = built
    output, before = _previous_output(built, tmp_path)
    folder = tmp_path / read_only
    pelican = shlex.join([sys.executable, "-m", "pelican", str(content), "-s", str(SETTINGS), "-o", str(output),
                          *options])
    mount = f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} || exit 99"
    result = subprocess.run(["unshare", "-m", "sh", "-c", f"{mount}; exec {pelican}"],
                            cwd=ROOT, env=env(), capture_output=True, text=True, timeout=300)
    if result.returncode == 99:
        pytest.skip(f"no read-only bind mount here: {result.stderr.strip()}")
    if read_only == "site":
        _one_error_line(result, f"{output}: không ghi được vào thư mục, ổ đĩa chỉ cho đọc (Read-only file system: ")
    else:  # output/ is a mount point: it cannot be renamed (nor exchanged)
        _one_error_line(result, f"{output}: không ghi được vào thư mục, thư mục là một điểm gắn (mount) hoặc đang "
                                f"bận (Device or resource busy: {output}); đừng gắn riêng thư mục output")
    assert tree(output) == before


def test_the_replaced_tree_is_deleted_by_a_process_of_its_own(tmp_path):
    """publish hands the old tree to a detached process: the build goes on,
    and the tree is gone soon after, with nothing left beside the output."""
    import shutil
    import time

    from build_core import executor

    output, staging = tmp_path / "out", staging_path(tmp_path / "out")
    (output / "a" / "b").mkdir(parents=True)
    (output / "a" / "b" / "index.html").write_text("cũ")
    staging.mkdir()
    (staging / "index.html").write_text("mới")
    publish(staging, output, delete=lambda tree: executor.detached(shutil.rmtree, tree, True))
    assert (output / "index.html").read_text() == "mới"
    for _ in range(100):
        if sorted(p.name for p in tmp_path.iterdir()) == ["out"]:
            break
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
