"""What of content/ is published: an allowlist, never "whatever is there".

Pure module (no Pelican imports), used by the build (plugin.py) and by
`make check` (front_matter/check.py) through the same :func:`decide`:

- article and page sources are ``.md`` files; another text format there
  (``.markdown``, ``.html``, ``.rst``…) is an error: rename it;
- any other file below the article and page folders is published only if it
  is an image or an attachment that a written article or page uses (cover,
  body image, link); an unused one is left out with a warning; any other
  type (SVG, scripts, text…) is an error;
- files of the other static folders (``extra/``) only when a setting lists them;
- ignored names (hidden files, editor backups) are never read nor published;
- a symbolic link anywhere below content/ is an error and is never followed;
- a link from a published article or page to a draft or hidden one (or to a
  file that is not there) is an error.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from typing import Iterable

from build_core.errors import ContentError, display_path

from .settings import OTHER_SOURCES, SOURCE, ContentAllowlistSettings


@dataclass
class Walk:
    """What is below the content root, paths relative to it (posix)."""

    files: list[str] = field(default_factory=list)  # regular files, ignored names left out
    links: dict[str, str] = field(default_factory=dict)  # symbolic link → what it points to


@dataclass(frozen=True)
class Document:
    """An article or page as read (front_matter), as the allowlist needs it."""

    path: str  # below the content root, posix
    shown: str  # as error lines show it
    title: str
    status: str  # published, draft or hidden
    images: tuple[tuple[str, int], ...] = ()  # (path below the content root, line)
    # Links of the body to files: (as written, path below the content root
    # (posix; "../…" when outside it), line).
    links: tuple[tuple[str, str, int], ...] = ()


@dataclass
class Verdict:
    publish: set[str]  # files copied as they are, below the content root
    errors: list[ContentError]
    warnings: list[ContentError]


def scan(top: str, ignored: re.Pattern | None) -> tuple[list[str], list[str]]:
    """Regular files and symbolic links below folder ``top`` (absolute
    paths); links are never followed, ignored names neither listed nor
    entered. A folder that cannot be read is skipped: Pelican will say so
    when it reads it."""
    files, links = [], []
    for folder, folders, names in os.walk(top):  # a link to a folder is listed in folders, not entered
        if ignored is not None:
            folders[:] = [name for name in folders if not ignored.match(name)]
            names = [name for name in names if not ignored.match(name)]
        for name in folders:
            if os.path.islink(path := os.path.join(folder, name)):
                links.append(path)
        for name in names:
            path = os.path.join(folder, name)
            try:
                mode = os.lstat(path).st_mode
            except OSError:  # gone since listed
                continue
            if stat.S_ISLNK(mode):
                links.append(path)
            elif stat.S_ISREG(mode):  # not a socket or a pipe
                files.append(path)
    return files, links


def walk(settings: ContentAllowlistSettings, tops: Iterable[str] | None = None) -> Walk:
    """The whole content root, or only ``tops`` (absolute files or folders below it)."""
    root, ignored = settings.content_root, settings.ignored_names()
    files, links = [], []
    for top in ([root] if tops is None else tops):
        # The folders above it resolved as the root is, not the top itself (it may be a link).
        top = os.path.abspath(top)
        top = os.path.join(os.path.realpath(os.path.dirname(top)), os.path.basename(top))
        if os.path.islink(top):
            links.append(top)
        elif os.path.isdir(top):
            found = scan(top, ignored)
            files.extend(found[0])
            links.extend(found[1])
        elif os.path.isfile(top):
            files.append(top)
    result = Walk()
    result.files = sorted({relative(f, root) for f in files})
    for link in sorted(set(links)):
        try:
            result.links[relative(link, root)] = os.readlink(link)
        except OSError:
            result.links[relative(link, root)] = "?"
    return result


def first_link(below: str, root: str) -> str | None:
    """The first symbolic link on the way from ``root`` down to ``below`` (a
    relative path), as an absolute path; None: the file is what it seems."""
    if below == os.pardir or below.startswith(os.pardir + os.sep) or os.path.isabs(below):
        return None
    here = root
    for part in below.split(os.sep):
        here = os.path.join(here, part)
        if os.path.islink(here):
            return here
    return None


def link_refused(shown: str, target: str) -> ContentError:
    """The one error for a symbolic link, wherever it is found."""
    return ContentError(shown, 1, "tệp", f'là liên kết tượng trưng (symlink) tới "{target}": không được đọc, '
                                         "không được đăng; chép tệp thật vào đây hoặc xoá liên kết")


def decide(found: Walk, documents: Iterable[Document], settings: ContentAllowlistSettings) -> Verdict:
    """Which of ``found.files`` are published, and the errors and warnings."""
    documents = list(documents)
    kinds = settings.images + settings.attachments
    wanted: set[str] = set()  # used by content that is written
    used: set[str] = set()  # used by any content (a draft's photo: no warning)
    for doc in documents:
        refs = [p for p, _line in doc.images]
        refs += [p for _href, p, _line in doc.links if _suffix(p) in settings.attachments]
        used.update(refs)
        if doc.status == "published" or settings.previews:
            wanted.update(refs)
    publish, errors, warnings = set(), [], []
    for rel in found.files:
        if rel in settings.extra:
            publish.add(rel)
            continue
        name, suffix = rel.rsplit("/", 1)[-1], _suffix(rel)
        if _below(rel, settings.content_paths):
            if suffix == SOURCE and rel.endswith(SOURCE):
                continue  # an article or page: front_matter reads it
            if suffix in OTHER_SOURCES or suffix == SOURCE:
                stem = name[: len(name) - len(suffix)]
                message = (f'"{name}" không được đọc: bài viết và trang chỉ đọc từ tệp .md; '
                           f'đổi tên thành "{stem}.md"')
            elif suffix in kinds:
                if rel in wanted:
                    publish.add(rel)
                elif rel not in used:
                    warnings.append(ContentError(_shown(rel, settings), 1, "tệp", (
                        f'"{name}" không được đăng vì không bài viết nào dùng; xoá tệp nếu không cần, '
                        "hoặc kiểm tra tên tệp viết trong bài")))
                continue
            elif suffix == ".svg":
                message = (f'"{name}" không được đăng: ảnh SVG có thể chứa mã chạy trên trình duyệt; '
                           "lưu lại thành PNG, hoặc xoá tệp hoặc chuyển ra khỏi content/")
            else:
                message = (f'"{name}" không được đăng: chỉ đăng bài .md, ảnh ({_listed(settings.images)}) và '
                           f'tài liệu ({_listed(settings.attachments)}) mà bài viết dùng; '
                           "xoá tệp hoặc chuyển ra khỏi content/")
        elif _below(rel, settings.static_paths):
            message = (f'"{name}" không được đăng: tệp ở đây chỉ được đăng khi có tên trong CONTENT_ALLOWLIST_EXTRA '
                       f'(pelicanconf.py); thêm "{rel}" vào đó, hoặc xoá tệp hoặc chuyển ra khỏi content/')
        else:
            continue  # no generator reads or copies it
        errors.append(ContentError(_shown(rel, settings), 1, "tệp", message))
    errors.extend(link_refused(_shown(rel, settings), target) for rel, target in found.links.items())
    errors.extend(link_errors(documents, found, settings))
    return Verdict(publish, errors, warnings)


def link_errors(documents: list[Document], found: Walk, settings: ContentAllowlistSettings) -> list[ContentError]:
    """Links of the body to an article or page (``.md``) or an attachment:
    the file must be there, and a published text may not lead readers to a
    draft or hidden one (Pelican would link its preview's address)."""
    by_path = {doc.path: doc for doc in documents}
    there = set(found.files)
    errors = []
    for doc in documents:
        for href, target, line in doc.links:
            suffix = _suffix(target)
            if suffix != SOURCE and suffix not in settings.attachments:
                continue
            if target == os.pardir or target.startswith(os.pardir + "/"):
                message = f'liên kết "{href}" trỏ ra ngoài thư mục content/; chép tệp vào trong content/'
            elif target in by_path:
                linked = by_path[target]
                if doc.status != "published" or linked.status == "published":
                    continue
                message = (f'liên kết "{href}" tới bài "{linked.title}" chưa đăng (status: {linked.status}); '
                           "bỏ liên kết, hoặc đăng bài đó (status: published)")
            elif target in there or _through_link(target, found.links) or \
                    os.path.lexists(os.path.join(settings.content_root, target)):  # outside the walked targets
                continue  # there but not read (its own errors), or a link (refused)
            else:
                message = (f'liên kết "{href}": không tìm thấy tệp "{target}"; kiểm tra tên tệp, '
                           "kể cả chữ hoa/thường")
            errors.append(ContentError(doc.shown, line, "link", message))
    return errors


def _through_link(path: str, links: dict[str, str]) -> bool:
    return path in links or any(path.startswith(link + "/") for link in links)


def _suffix(path: str) -> str:
    return os.path.splitext(path.rsplit("/", 1)[-1])[1].lower()


def _below(rel: str, tops: Iterable[str]) -> bool:
    for top in tops:
        top = top.strip("/").replace(os.sep, "/")
        if not top or top == "." or rel == top or rel.startswith(top + "/"):
            return True
    return False


def _listed(suffixes: Iterable[str]) -> str:
    return ", ".join(s.lstrip(".").upper() for s in suffixes)


def relative(path: str, root: str) -> str:
    """``path`` below ``root``, posix."""
    return os.path.relpath(path, root).replace(os.sep, "/")


def _shown(rel: str, settings: ContentAllowlistSettings) -> str:
    return display_path(os.path.join(settings.content_root, rel))
