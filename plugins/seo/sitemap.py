"""sitemap.xml and robots.txt from the pages of a built site. Pure module.

The sitemap lists the HTML files actually written (so pages of every plugin
are included without each having to register), minus the ones that must not
be advertised. Its bytes depend only on the content: entries are sorted, and
``lastmod`` comes from article dates, never from the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Mapping
from xml.sax.saxutils import escape

from .urls import join, page_path

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True, order=True)
class SitemapEntry:
    loc: str
    lastmod: str | None = None


def listed_pages(html_files: Iterable[str], *, excluded_files: Iterable[str] = (),
                 excluded_prefixes: Iterable[str] = ()) -> list[str]:
    """Output paths (posix, below the site root) that belong in the sitemap."""
    excluded = {f.lstrip("/") for f in excluded_files}
    prefixes = tuple(p.lstrip("/") for p in excluded_prefixes if p)
    return sorted(
        path for path in (f.replace("\\", "/").lstrip("/") for f in html_files)
        if path.endswith(".html") and path not in excluded and not path.startswith(prefixes)
    )


def w3c_datetime(value: datetime) -> str:
    """``2021-04-08T10:00:00+07:00`` (seconds precision, with the UTC offset)."""
    return value.replace(microsecond=0).isoformat()


def entries(pages: Iterable[str], lastmod: Mapping[str, datetime], siteurl: str | None) -> list[SitemapEntry]:
    """One entry per page; ``siteurl`` None gives paths relative to the site root."""
    rows = set()
    for save_as in pages:
        when = lastmod.get(save_as)
        rows.add((join(siteurl, page_path(save_as)), w3c_datetime(when) if when else ""))
    # Sorted as tuples (the dataclass's own comparisons are Python code); "" before any date, as None was.
    return [SitemapEntry(loc, when or None) for loc, when in sorted(rows)]


def render_sitemap(items: Iterable[SitemapEntry]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    for item in items:
        lastmod = f"<lastmod>{item.lastmod}</lastmod>" if item.lastmod else ""
        lines.append(f"<url><loc>{escape(item.loc)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def render_robots(sitemap_url: str | None) -> bytes:
    """Allow every crawler; name the sitemap only when its URL is absolute
    (robots.txt requires it, and crawlers read robots.txt at the domain root)."""
    lines = ["User-agent: *", "Disallow:"]
    if sitemap_url:
        lines += ["", f"Sitemap: {sitemap_url}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def newest(dates: Iterable[datetime | None]) -> datetime | None:
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def changed(item) -> datetime | None:
    """When an article last changed: its ``modified`` date, else its ``date``."""
    return getattr(item, "modified", None) or getattr(item, "date", None)


def page_lastmod(context: Mapping) -> datetime | None:
    """The lastmod of the page rendered with template ``context``: an article
    page, its article's; a paginated listing, its newest article's; else None."""
    article = context.get("article")
    if article is not None:
        return changed(article)
    page = context.get("articles_page")
    return None if page is None else newest(map(changed, page.object_list))
