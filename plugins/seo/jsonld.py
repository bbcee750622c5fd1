"""schema.org JSON-LD (NewsArticle, BreadcrumbList). Pure module.

The JSON is embedded in ``<script type="application/ld+json">``: a data block,
allowed by a ``script-src 'self'`` CSP. ``</`` is written ``<\\/`` (the same
string for a JSON parser) so no value can close the script element early.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

CONTEXT = "https://schema.org"


# What json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
# builds on every call; made once (two blocks per article page).
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(data: Any) -> str:
    """Deterministic JSON, safe inside a ``<script>`` element."""
    text = _ENCODER.encode(data)
    # "<!--" would switch the HTML tokenizer into an escaped state.
    return text.replace("</", "<\\/").replace("<!--", "<\\u0021--")


def news_article(*, headline: str, url: str, date_published: str, date_modified: str | None = None,
                 author: str | None = None, publisher: str, publisher_url: str | None = None,
                 description: str | None = None, image: str | None = None, section: str | None = None,
                 keywords: Sequence[str] = (), language: str = "vi") -> dict:
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": headline,
        "datePublished": date_published,
        "dateModified": date_modified or date_published,
        "inLanguage": language,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "publisher": {"@type": "Organization", "name": publisher},
    }
    if publisher_url:
        data["publisher"]["url"] = publisher_url
    if author:
        data["author"] = {"@type": "Person", "name": author}
    if description:
        data["description"] = description
    if image:
        data["image"] = [image]
    if section:
        data["articleSection"] = section
    if keywords:
        data["keywords"] = list(keywords)
    return data


def breadcrumb_list(items: Iterable[tuple[str, str | None]]) -> dict:
    """``[(name, url), …]`` from the home page down; the last url may be None
    (the current page, as Google allows)."""
    elements = []
    for position, (name, url) in enumerate(items, start=1):
        element: dict[str, Any] = {"@type": "ListItem", "position": position, "name": name}
        if url:
            element["item"] = url
        elements.append(element)
    return {"@context": CONTEXT, "@type": "BreadcrumbList", "itemListElement": elements}
