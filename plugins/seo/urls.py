"""URL arithmetic shared by the sitemap, the feeds and the head metadata. Pure."""

from __future__ import annotations

import posixpath
from urllib.parse import quote


def page_path(save_as: str) -> str:
    """The public path of an output file below the site root:
    ``bai-viet/x/index.html`` → ``bai-viet/x/``, ``index.html`` → ``""``."""
    save_as = save_as.replace("\\", "/").lstrip("/")
    if save_as == "index.html":
        return ""
    if save_as.endswith("/index.html"):
        return save_as[: -len("index.html")]
    return save_as


def join(base: str | None, path: str) -> str:
    """``base`` (a SITEURL: absolute, relative like ``../..``, or empty) + ``path``.

    Never returns an empty string: the root of a relative site is ``./``.
    """
    path = quote(path.lstrip("/"), safe="/%:@!$&'()*+,;=~-._")
    base = (base or "").rstrip("/")
    if not base:
        return path or "./"
    return f"{base}/{path}"


def relative_from(directory: str, path: str) -> str:
    """``path`` (below the site root) as a link written in a file of ``directory``.

    Keeps the trailing slash of folder URLs: ``("feeds", "bai-viet/x/")`` →
    ``../bai-viet/x/``, ``("feeds", "")`` → ``../``.
    """
    target = posixpath.relpath(path or ".", directory or ".")
    if target == ".":
        return "./"
    if (path == "" or path.endswith("/")) and not target.endswith("/"):
        target += "/"
    return quote(target, safe="/%:@!$&'()*+,;=~-._")


def strip_base(url: str, base: str | None) -> str:
    """The path below the site root of ``url`` written by Pelican from ``base``."""
    base = (base or "").rstrip("/")
    if not base:
        return url.lstrip("/")
    if url == base:
        return ""
    if url.startswith(base + "/"):
        return url[len(base) + 1:]
    return url
