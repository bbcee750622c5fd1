"""front_matter.files.content_files: the content files the build and `make check` read."""

import os
from fnmatch import fnmatch
from pathlib import Path

from front_matter.files import EXTENSIONS, content_files
from front_matter.settings import FrontMatterSettings


IGNORED = ["*~", "*.bak", ".*", "#*#"]  # as IGNORE_FILES in pelicanconf.py (a part of it)


def _as_rglob_finds(root: Path) -> list[Path]:
    """What Path.rglob finds: regular .md files, no link on the way, no ignored name."""
    return sorted(p for p in root.resolve().rglob("*")
                  if p.suffix in EXTENSIONS and p.is_file() and not p.is_symlink()
                  and not any(fnmatch(part, pattern) for part in p.relative_to(root.resolve()).parts
                              for pattern in IGNORED))


def test_content_files_are_the_md_files_without_links_or_ignored_names_in_path_order(tmp_path):
    content = tmp_path / "content"
    for name in ("articles/2021/a.md", "articles/2021/b.markdown", "articles/2021/c.txt", "articles/.md",
                 "articles/z-b/x.md", "articles/z/x.md", "articles/z.md", "articles/notes.md/inside.md",
                 "articles/.an.md", "articles/.an/x.md", "articles/a.md~", "articles/a.md.bak", "articles/#a.md#",
                 "pages/gioi-thieu.md", "elsewhere/linked.md", "elsewhere/folder/hidden.md"):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text("x")
    os.symlink(content / "elsewhere" / "linked.md", content / "articles" / "link.md")  # refused, not read
    os.symlink(content / "elsewhere" / "folder", content / "articles" / "folder")  # a linked folder is not entered
    os.symlink(content / "missing.md", content / "articles" / "dead.md")  # a broken link is no file
    os.symlink(content / "articles", content / "articles" / "loop")  # nor is a loop
    settings = FrontMatterSettings.from_pelican({
        "PATH": str(content), "ARTICLE_PATHS": ["articles"], "PAGE_PATHS": ["pages"], "IGNORE_FILES": IGNORED,
        "FRONT_MATTER_CATEGORIES": ["Cải cách thể chế"]})
    found = content_files(settings)
    wanted = sorted(set(_as_rglob_finds(content / "articles")) | set(_as_rglob_finds(content / "pages")))
    assert found == wanted
    names = [p.relative_to(content.resolve()).as_posix() for p in found]
    assert names == ["articles/2021/a.md", "articles/notes.md/inside.md", "articles/z/x.md", "articles/z-b/x.md",
                     "articles/z.md", "pages/gioi-thieu.md"]  # Path order, not string order
    # A file named on the command line (make check FILE).
    assert content_files(settings, [str(content / "pages" / "gioi-thieu.md")]) == [
        (content / "pages" / "gioi-thieu.md").resolve()]
    assert content_files(settings, pages=False) == [p for p in found if "pages" not in p.parts]
