"""front_matter.check.content_files: the content files the build and `make check` read."""

import os
from pathlib import Path
from types import SimpleNamespace

from front_matter.check import EXTENSIONS, content_files


def _as_rglob_finds(root: Path) -> list[Path]:
    """The former implementation: what Path.rglob and is_file() find."""
    return sorted(p for p in root.resolve().rglob("*") if p.suffix in EXTENSIONS and p.is_file())


def test_content_files_are_those_rglob_finds_in_the_same_order(tmp_path):
    content = tmp_path / "content"
    for name in ("articles/2021/a.md", "articles/2021/b.markdown", "articles/2021/c.txt", "articles/.md",
                 "articles/z-b/x.md", "articles/z/x.md", "articles/z.md", "articles/notes.md/inside.md",
                 "pages/gioi-thieu.md", "elsewhere/linked.md", "elsewhere/folder/hidden.md"):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text("x")
    os.symlink(content / "elsewhere" / "linked.md", content / "articles" / "link.md")  # a linked file counts
    os.symlink(content / "elsewhere" / "folder", content / "articles" / "folder")  # a linked folder is not entered
    os.symlink(content / "missing.md", content / "articles" / "dead.md")  # a broken link is no file
    settings = SimpleNamespace(content_root=content)  # all content_files reads of them
    pelican_settings = {"ARTICLE_PATHS": ["articles"], "PAGE_PATHS": ["pages"]}
    found = content_files(settings, pelican_settings, [])
    wanted = sorted(set(_as_rglob_finds(content / "articles")) | set(_as_rglob_finds(content / "pages")))
    assert found == wanted
    names = [p.relative_to(content.resolve()).as_posix() for p in found]
    assert "articles/link.md" in names and "articles/notes.md/inside.md" in names
    assert not any(n.startswith("articles/folder/") or n in ("articles/.md", "articles/dead.md") for n in names)
    assert names.index("articles/z/x.md") < names.index("articles/z-b/x.md")  # Path order, not string order
    # A file named on the command line (make check FILE).
    assert content_files(settings, pelican_settings, [str(content / "pages" / "gioi-thieu.md")]) == [
        (content / "pages" / "gioi-thieu.md").resolve()]
