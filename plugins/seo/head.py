"""What the head metadata partial prints, from a page's template variables.

Pure module (no Pelican imports): ``page_meta`` takes a lookup function over
the template context (``article``, ``page``, ``category``, ``articles_page``,
``output_file``, ``SITEURL``…) and duck-typed objects, so it works on every
page type, including pages of other plugins that have none of these, and is
tested with tiny fakes. A template may set ``seo_title``, ``seo_description``
or ``seo_noindex`` (before ``{% extends %}``) to override the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Callable
from zoneinfo import ZoneInfo

from markupsafe import Markup

from . import jsonld
from .settings import SeoSettings
from .urls import join, page_path

HOME = "Trang chủ"
# Listing pages: (template variable, title, description); {name}, {site}.
LISTINGS = (
    ("category", "Chuyên mục: {name}", "Các bài viết thuộc chuyên mục “{name}” – {site}."),
    ("tag", "Thẻ: {name}", "Các bài viết gắn thẻ “{name}” – {site}."),
    ("author", "Bài viết của {name}", "Các bài viết của {name} – {site}."),
    ("unit", "Đơn vị: {name}", "Các bài viết của đơn vị {name} – {site}."),
)


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    url: str | None  # canonical and og:url; None on pages that must not be indexed
    og_type: str = "website"
    image: str | None = None
    image_alt: str | None = None
    image_width: int | None = None
    image_height: int | None = None
    published: str | None = None
    modified: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    noindex: bool = False
    jsonld: tuple[str, ...] = ()  # serialised blocks, safe inside <script>
    site_name: str = ""
    locale: str = "vi_VN"

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image else "summary"


def text(html: Any) -> str:
    """Plain text of an HTML fragment (tags removed, entities decoded, spaces collapsed)."""
    value = str(html or "")
    if "<" not in value and "&" not in value:  # no tag, comment or entity: striptags only collapses spaces
        return " ".join(value.split())
    return Markup(value).striptags()


def _iso(value: datetime | None, tz: ZoneInfo) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(tz)
    return value.replace(microsecond=0).isoformat()


def _name(obj: Any) -> str:
    return str(getattr(obj, "name", obj) or "")


def page_meta(lookup: Callable[[str], Any], settings: SeoSettings) -> PageMeta:
    siteurl = lookup("SITEURL") or ""
    output_file = lookup("output_file")
    home = join(siteurl, "")
    url = join(siteurl, page_path(output_file)) if output_file else None
    article, page = lookup("article"), lookup("page")
    content = article if article is not None else page
    noindex = bool(lookup("seo_noindex")) or getattr(content, "status", None) == "draft"
    if noindex:
        url = None

    if content is not None:
        meta = _content_meta(content, is_article=article is not None, url=url, home=home,
                             siteurl=siteurl, settings=settings, noindex=noindex)
    else:
        meta = _listing_meta(lookup, url=url, home=home, settings=settings, noindex=noindex)
    return replace(meta, title=str(lookup("seo_title") or meta.title),
                   description=text(lookup("seo_description") or meta.description),
                   site_name=settings.site_name, locale=settings.og_locale)


def _content_meta(content: Any, *, is_article: bool, url: str | None, home: str, siteurl: str,
                  settings: SeoSettings, noindex: bool) -> PageMeta:
    tz = ZoneInfo(settings.timezone)
    title = str(getattr(content, "title", "") or settings.site_name)
    description = text(getattr(content, "summary", None)) or settings.default_description
    # The 1200×630 crop made by responsive_images when present, else the cover itself.
    image_path = getattr(content, "og_image", None) or getattr(content, "image", None)
    image = join(siteurl, image_path) if image_path else None
    size = (getattr(content, "og_image_size", None) or getattr(content, "image_size", None)) if image else None
    blocks: list[str] = []
    if not is_article:
        if not noindex:
            blocks.append(jsonld.dumps(jsonld.breadcrumb_list([(HOME, home), (title, url)])))
        return PageMeta(title, description, url, "website", image, getattr(content, "image_alt", None),
                        noindex=noindex, jsonld=tuple(blocks))

    published = _iso(getattr(content, "date", None), tz)
    modified = _iso(getattr(content, "modified", None), tz) or published
    category = getattr(content, "category", None)
    author = getattr(content, "author", None)
    tags = tuple(_name(t) for t in getattr(content, "tags", None) or ())
    if not noindex and url and published:
        blocks.append(jsonld.dumps(jsonld.news_article(
            headline=title, url=url, date_published=published, date_modified=modified,
            author=_name(author) or None, publisher=settings.publisher, publisher_url=home,
            description=description, image=image, section=_name(category) or None,
            keywords=tags, language=settings.language)))
        crumbs = [(HOME, home)]
        if category is not None:
            crumbs.append((_name(category), join(siteurl, getattr(category, "url", ""))))
        crumbs.append((title, url))
        blocks.append(jsonld.dumps(jsonld.breadcrumb_list(crumbs)))
    return PageMeta(
        title, description, url, "article", image, getattr(content, "image_alt", None),
        size[0] if size else None, size[1] if size else None, published, modified,
        _name(category) or None, tags, noindex, tuple(blocks))


def _listing_meta(lookup: Callable[[str], Any], *, url: str | None, home: str,
                  settings: SeoSettings, noindex: bool) -> PageMeta:
    site = settings.site_name
    number = getattr(lookup("articles_page"), "number", 1) or 1
    suffix = f" – trang {number}" if number > 1 else ""
    for variable, title_format, description_format in LISTINGS:
        obj = lookup(variable)
        if obj is not None:
            name = _name(obj)
            title = title_format.format(name=name, site=site) + suffix
            crumbs = [(HOME, home), (title, url)]
            blocks = () if noindex else (jsonld.dumps(jsonld.breadcrumb_list(crumbs)),)
            return PageMeta(title, description_format.format(name=name, site=site), url,
                            noindex=noindex, jsonld=blocks)
    return PageMeta(site + suffix, settings.default_description, url, noindex=noindex)
