"""Valid Atom in every build: ids, links. Pure module.

Pelican mints entry ids from the link's host (``tag:None,…`` when SITEURL is
empty) and gives every feed the home page as id. Here:

- ids are RFC 4151 tag URIs from SITE_DOMAIN and the path below the site
  root, identical in the development and publish builds and wherever the site
  is hosted (a move does not make feed readers show every article again);
- with an absolute SITEURL (publish) links are absolute; in the relative
  development build they are relative to the feed file itself, so they
  resolve from wherever the folder is served;
- a category feed's alternate link is its category page.
"""

from __future__ import annotations

import posixpath
from datetime import datetime

from .urls import join, relative_from


def tag_uri(domain: str, date: str, path: str) -> str:
    return f"tag:{domain},{date}:{path or '/'}"


def link(path: str, *, feed_path: str, siteurl: str | None) -> str:
    """``path`` (below the site root) as written in the feed at ``feed_path``."""
    if siteurl:
        return join(siteurl, path)
    return relative_from(posixpath.dirname(feed_path), path)


def site_root(feed_path: str) -> str:
    """The site root as seen from the feed file: ``..`` for ``feeds/x.atom.xml``."""
    return relative_from(posixpath.dirname(feed_path), "").rstrip("/") or "."


def feed_fields(*, feed_path: str, alternate_path: str, siteurl: str | None, domain: str,
                id_date: str) -> dict[str, str]:
    """New values for feedgenerator's feed dict (``id``, ``link``, ``feed_url``)."""
    return {
        "id": tag_uri(domain, id_date, feed_path),
        "link": link(alternate_path, feed_path=feed_path, siteurl=siteurl),
        "feed_url": link(feed_path, feed_path=feed_path, siteurl=siteurl),
    }


def entry_fields(*, path: str, published: datetime, feed_path: str, siteurl: str | None,
                 domain: str) -> dict[str, str]:
    """New values for one feedgenerator item (``unique_id``, ``link``)."""
    return {
        "unique_id": tag_uri(domain, published.strftime("%Y-%m-%d"), path),
        "link": link(path, feed_path=feed_path, siteurl=siteurl),
    }
