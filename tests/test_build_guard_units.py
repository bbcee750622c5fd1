"""build_core's errors and file helpers, build_guard's staging, swap and lock, without a build."""

import io
import os

import pytest

from build_core.errors import ContentError, ContentErrors, write_errors
from build_core.files import files_below, files_digest, relative_files_below
from build_guard import output_swap
from build_guard.output_swap import discard, exchange, prepare, publish, retired_path, staging_path


def test_error_is_one_line_even_with_newlines_in_message():
    e = ContentError("content/a.md", 3, "date", "dòng một\ndòng hai")
    assert str(e) == "content/a.md:3: date: dòng một dòng hai"


def test_write_errors_sorted_and_deduplicated():
    out = io.StringIO()
    a = ContentError("b.md", 1, "x", "m")
    b = ContentError("a.md", 9, "y", "n")
    write_errors([a, b, a], out)
    assert out.getvalue() == "a.md:9: y: n\nb.md:1: x: m\n"
    assert "2 lỗi nội dung trong 2 tệp" in str(ContentErrors([a, b, a]))


def test_publish_replaces_output_atomically(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "old.html").write_text("old")
    staging = staging_path(output)
    assert staging == tmp_path / "output.tmp"
    (staging / "stale").mkdir(parents=True)  # left by a build that was killed
    prepare(staging)
    assert list(staging.iterdir()) == []
    (staging / "new.html").write_text("new")
    publish(staging, output)
    assert [p.name for p in output.iterdir()] == ["new.html"]
    assert not staging.exists() and not retired_path(output).exists()


def test_publish_first_build(tmp_path):
    staging = staging_path(tmp_path / "out")
    prepare(staging)
    (staging / "index.html").write_text("x")
    publish(staging, tmp_path / "out")
    assert (tmp_path / "out" / "index.html").read_text() == "x"


def test_publish_without_an_exchange_call_renames_twice(tmp_path, monkeypatch):
    """Where renameat2 is missing, two renames back to back; a tree an
    earlier publish could not delete goes first."""
    monkeypatch.setattr(output_swap, "_RENAMEAT2", None)
    output, staging = tmp_path / "out", staging_path(tmp_path / "out")
    output.mkdir()
    (output / "index.html").write_text("cũ")
    (retired_path(output) / "a").mkdir(parents=True)
    prepare(staging)
    (staging / "index.html").write_text("mới")
    assert not exchange(staging, output)
    publish(staging, output)
    assert (output / "index.html").read_text() == "mới"
    assert not staging.exists() and not retired_path(output).exists()


def test_prepare_refuses_a_file_where_the_staging_folder_goes(tmp_path):
    staging = staging_path(tmp_path / "out")
    staging.write_text("tệp của biên tập viên")
    with pytest.raises(NotADirectoryError):
        prepare(staging)
    assert staging.read_text() == "tệp của biên tập viên"


def test_a_failed_build_discards_its_staging_and_never_touches_the_output(tmp_path):
    output, staging = tmp_path / "out", staging_path(tmp_path / "out")
    output.mkdir()
    (output / "index.html").write_text("live")
    prepare(staging)
    (staging / "half.html").write_text("half")
    discard(staging)
    assert not staging.exists()
    assert _files(output) == {"index.html": b"live"}
    discard(staging)  # nothing left: never raises


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_display_path_is_relative_inside_the_working_folder_else_absolute(tmp_path, monkeypatch):
    from build_core.errors import display_path, display_paths

    (tmp_path / "du-an" / "content").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "du-an")
    assert display_path("content/bai.md") == "content/bai.md"
    assert display_path(tmp_path / "du-an" / "content" / "bai.md") == "content/bai.md"
    assert display_path("content/../content/./bai.md") == "content/bai.md"
    assert display_path(tmp_path / "khac" / "bai.md") == str(tmp_path / "khac" / "bai.md")
    assert display_path(tmp_path / "du-an-2" / "bai.md") == str(tmp_path / "du-an-2" / "bai.md")  # not a prefix
    assert display_path(".") == "."
    paths = ["content/bai.md", tmp_path / "du-an" / "content" / "bai.md", "content/../content/./bai.md",
             tmp_path / "khac" / "bai.md", tmp_path / "du-an-2" / "bai.md", ".", str(tmp_path / "du-an") + "/"]
    assert display_paths(paths) == [display_path(p) for p in paths]  # the working folder asked for once
    assert display_paths(paths)[-1] == "." and display_paths([]) == []
    monkeypatch.chdir(tmp_path)  # and asked for again on each call
    assert display_paths(["du-an/content/bai.md"]) == ["du-an/content/bai.md"]


def test_content_paths_below_the_root_kinds_and_a_root_reached_through_a_link(tmp_path, monkeypatch):
    from front_matter.settings import FrontMatterSettings

    real = tmp_path / "that"
    (real / "pages" / "con").mkdir(parents=True)
    (tmp_path / "lien-ket").symlink_to(real)
    monkeypatch.chdir(tmp_path)
    settings = FrontMatterSettings.from_pelican({"PATH": "lien-ket", "PAGE_PATHS": ["pages"],
                                                 "FRONT_MATTER_CATEGORIES": ["Cải cách thể chế"]})
    assert settings.content_root == real
    assert settings.within_content("that/pages/a.md") == real / "pages" / "a.md"
    assert settings.within_content("lien-ket/pages/a.md") == real / "pages" / "a.md"  # resolved
    assert settings.kind_of("lien-ket/pages/con/a.md") == "page"
    assert settings.kind_of(real / "pages" / "a.md") == "page"
    assert settings.kind_of(real / "pages-cu" / "a.md") == "article"  # a look-alike, not below pages/
    assert settings.kind_of(real / "articles" / "pages" / "a.md") == "article"
    assert settings.kind_of(tmp_path / "ngoai" / "pages" / "a.md") == "article"  # outside the content root


def test_files_below_as_relative_posix_names_and_as_paths(tmp_path):
    for name in ("index.html", "bai/a/index.html", "bai/a-b/index.html", "bai/a/anh.jpg", "feeds/all.atom.xml",
                 "theme/css/style.css"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    wanted = ["bai/a-b/index.html", "bai/a/index.html", "feeds/all.atom.xml", "index.html"]
    assert relative_files_below(tmp_path, (".html", ".xml")) == wanted
    # The root given with a trailing separator, or as a string: the same names.
    assert relative_files_below(f"{tmp_path}{os.sep}", (".html", ".xml")) == wanted
    assert files_below(str(tmp_path), (".html", ".xml")) == [tmp_path / name for name in wanted]
    assert relative_files_below(tmp_path / "missing", (".html",)) == []


def test_files_below_lists_what_os_walk_lists_links_included(tmp_path):
    root, outside = tmp_path / "site", tmp_path / "outside"
    for name in ("a/index.html", "a/b/c/index.html", "a/b/anh.jpg", "d.html"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x")
    (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "x.html").write_text("x")
    (root / "a" / "linked").symlink_to(outside)  # a link to a folder: listed nowhere, not entered
    (root / "a" / "folder.html").symlink_to(outside / "deep")  # not a file, whatever its name
    (root / "a" / "same.html").symlink_to(root / "d.html")  # a link to a file: a file
    (root / "broken.html").symlink_to(tmp_path / "nothing.html")  # a broken link: a file too
    walked = sorted(os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
                    for folder, _dirs, names in os.walk(root) for name in names if name.endswith(".html"))
    assert relative_files_below(root, (".html",)) == walked
    assert walked == ["a/b/c/index.html", "a/index.html", "a/same.html", "broken.html", "d.html"]


def test_one_process_holds_an_output_lock_and_keeps_it_across_its_builds(tmp_path):
    import subprocess
    import sys

    from build_guard import lock
    from tests.helpers import env

    output = tmp_path / "output"
    lock.hold(output)
    lock.hold(output)  # make serve's next build: already held by this process
    assert lock.lock_path(output) == tmp_path / ".output.lock"
    assert (tmp_path / ".output.lock").read_text() == f"{os.getpid()}\n"
    other = subprocess.run(
        [sys.executable, "-c", "import sys; from build_guard.lock import hold, OutputBusy\n"
         "try:\n    hold(sys.argv[1])\nexcept OutputBusy as e:\n    print('busy', e.holder)", str(output)],
        env=env(), capture_output=True, text=True, timeout=60)
    assert other.stdout == f"busy {os.getpid()}\n", other.stderr
    lock.hold(tmp_path / "other-output")  # another output: its own lock
    lock.release_all()
    free = subprocess.run([sys.executable, "-c", "import sys; from build_guard.lock import hold; hold(sys.argv[1])",
                           str(output)], env=env(), capture_output=True, text=True, timeout=60)
    assert free.returncode == 0, free.stderr


def test_a_digest_of_files_changes_with_their_bytes_and_names_only(tmp_path):
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("X = 1\n")
    b.write_text("Y = 2\n")
    first = files_digest([a, b])
    assert files_digest([b, a, str(a)]) == first  # order and repeats do not count
    a.write_text("X = 2\n")
    edited = files_digest([a, b])
    assert edited != first
    moved = tmp_path / "c.py"
    a.rename(moved)
    assert files_digest([moved, b]) != edited  # the same bytes under another name
