"""Glue: head metadata globals, 404 page, valid feeds, sitemap and robots.txt.

- generator_init: the ``seo_meta`` template global;
- get_generators: the 404 page's generator;
- stage "enrich": what the sitemap leaves out (drafts, hidden content,
  copied static files), from the lists the generators hold once all is read;
- feed_generated: valid Atom ids and links;
- stage "stage": sitemap.xml and robots.txt from the pages actually written.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from jinja2 import pass_context
from pelican import signals
from pelican.generators import StaticGenerator

from build_core import stages
from build_core.contents import all_contents
from build_core.files import relative_files_below
from build_core.run import WrittenNotes, current

from . import feeds, sitemap
from .generator import NotFoundPageGenerator
from .head import page_meta
from .settings import SeoSettings
from .urls import join, strip_base

logger = logging.getLogger(__name__)


@dataclass
class SitemapRun:
    """What one run learns for the sitemap (``run.state(SitemapRun)``)."""

    lastmod: WrittenNotes = field(default_factory=WrittenNotes)  # absolute output path → date


@dataclass
class SitemapExclusions:
    """What one run's sitemap leaves out besides the 404 page and theme files."""

    unlisted: set[str] = field(default_factory=set)  # save_as of drafts and hidden content
    static: set[str] = field(default_factory=set)  # save_as of copied static files


def _seo_meta(context, settings: SeoSettings):
    return page_meta(context.get, settings)


def add_template_globals(generator) -> None:
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["seo_meta"] = pass_context(partial(_seo_meta, settings=SeoSettings.from_pelican(generator.settings)))


def add_not_found_page(_pelican):
    return NotFoundPageGenerator


def remember_exclusions(run, generators) -> None:
    """Drafts and hidden content (written in previews), and static files
    copied as they are, as the generators hold them once every plugin has
    read and filtered them."""
    excluded = run.state(SitemapExclusions)
    excluded.unlisted.update(c.save_as for c in all_contents(generators) if c.status != "published" and c.save_as)
    for generator in generators:
        if isinstance(generator, StaticGenerator):
            excluded.static.update(s.save_as for s in generator.staticfiles if s.save_as)


def remember_lastmod(path, context) -> None:
    """content_written: the date of an article page or a listing page. In a
    parallel_render worker this fills the worker's copy of the run's state;
    parallel_render brings what it learned back."""
    when = sitemap.page_lastmod(context)
    if when is not None:
        current().state(SitemapRun).lastmod[os.path.abspath(path)] = when


def fix_feed(context, feed) -> None:
    if type(feed).__name__ != "Atom1Feed":
        return
    settings = SeoSettings.from_pelican(context)
    feed_path = strip_base(feed.feed["feed_url"], context.get("FEED_DOMAIN"))
    # Each feed's alternate page and title. Pelican passes titles through
    # Markup(…).striptags(), which drops "<…>" and decodes "&amp;": the
    # text is set again here, as written (feedgenerator XML-escapes it).
    site = str(context.get("SITENAME") or "")
    alternates = {context.get("FEED_ALL_ATOM"): ("", site)}
    pattern = context.get("CATEGORY_FEED_ATOM")
    if pattern:
        alternates.update((pattern.format(slug=c.slug), (c.url, f"{site} - {c.name}"))
                          for c, _ in context.get("categories") or ())
    alternate_path, title = alternates.get(feed_path, ("", None))
    feed.feed.update(feeds.feed_fields(
        feed_path=feed_path, alternate_path=alternate_path, siteurl=settings.siteurl,
        domain=settings.site_domain, id_date=settings.feed_id_date))
    if title is not None:
        feed.feed["title"] = title
    feed.feed["author_name"] = feed.feed.get("author_name") or settings.publisher
    feed.feed["language"] = feed.feed.get("language") or settings.language
    by_url = {a.url: a for a in context.get("articles") or ()}
    root = feeds.site_root(feed_path)
    for item in feed.items:
        path = strip_base(item["link"], context.get("SITEURL"))
        item.update(feeds.entry_fields(path=path, published=item["pubdate"], feed_path=feed_path,
                                       siteurl=settings.siteurl, domain=settings.site_domain))
        article = by_url.get(path)
        if article is not None:
            item["title"] = article.title  # as written, not striptags()'d
        if settings.siteurl is None and article is not None and item.get("content"):
            # Pelican wrote the body's links relative to the site root; from
            # the feed file they are relative to its own folder.
            item["content"] = article.get_content(root)


def _write_unless_in_content(staging: Path, save_as: str, data: bytes, static: set[str]) -> None:
    """An editor's own file (copied from content/) wins over the generated one."""
    if save_as in static:
        logger.warning("seo: %s có sẵn trong nội dung nên không được tạo lại", save_as)
        return
    path = staging / save_as
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_sitemap_and_robots(run, staging: Path) -> None:
    pelican, found = run.pelican, run.state(SitemapRun)
    settings = SeoSettings.from_pelican(run.settings)
    excluded = run.state(SitemapExclusions)
    staging = Path(staging).resolve()
    # The writer names files sanitised_join(output_path, name): below this prefix.
    written_below = os.path.join(os.path.abspath(pelican.output_path), "")
    lastmod = {}
    for path, when in found.lastmod.items():
        if path.startswith(written_below):
            lastmod[path[len(written_below):].replace(os.sep, "/")] = when
            continue
        try:  # elsewhere (a plugin writing on its own): resolve the slow way
            lastmod[Path(path).resolve().relative_to(staging).as_posix()] = when
        except ValueError:
            continue
    pages = sitemap.listed_pages(
        relative_files_below(staging, (".html",)),
        excluded_files=excluded.unlisted | excluded.static | {settings.not_found_save_as},
        excluded_prefixes=(settings.theme_static_dir + "/", *settings.sitemap_exclude),
    )
    if settings.sitemap_save_as:
        entries = sitemap.entries(pages, lastmod, settings.siteurl)
        _write_unless_in_content(staging, settings.sitemap_save_as, sitemap.render_sitemap(entries), excluded.static)
    if settings.robots_save_as:
        sitemap_url = join(settings.siteurl, settings.sitemap_save_as) if settings.siteurl and settings.sitemap_save_as else None
        _write_unless_in_content(staging, settings.robots_save_as, sitemap.render_robots(sitemap_url), excluded.static)


def register() -> None:
    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(add_not_found_page)
    stages.connect("enrich", remember_exclusions)
    signals.content_written.connect(remember_lastmod)
    signals.feed_generated.connect(fix_feed)
    stages.connect("stage", write_sitemap_and_robots)
