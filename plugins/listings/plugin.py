"""Signal glue: unit pages (/don-vi/<slug>/), per-article listing helpers.

Stage "read" (the articles): the per-article helpers below; stage "enrich":
the menu; get_generators adds UnitPagesGenerator, which writes the unit pages.

- ``article.unit_url``: the unit's page, when the article names a unit.
- ``article.category_latest``: newest other articles of the same category, the
  theme's fallback for "Có thể bạn quan tâm" while ``related_articles`` is absent.
- ``article.newer_in_category`` / ``article.older_in_category``: neighbours
  for the previous/next links under an article.
- ``menu_categories``: the (category, articles) pairs of ``MENU_CATEGORIES``
  that have articles, in that order, computed once per build for the header
  of every page (instead of a template loop over all categories for each
  name of the menu, on every page). ``menu_links``: their
  categories alone, what the header shows.
- ``article.image_size``: (width, height) of the cover, read from the file
  header when a template first asks (cover.py), so ``<img>`` can reserve its
  space (no layout shift).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator

from build_core import stages
from front_matter.slugs import slugify

from .cover import CoverSize
from .grouping import group_by, in_menu_order, latest_in_same_group, neighbours_in_group
from .settings import ListingsSettings


@dataclass(frozen=True)
class Unit:
    name: str
    slug: str
    url: str
    save_as: str


def annotate_articles(_run, generator) -> None:
    if not isinstance(generator, ArticlesGenerator):
        return
    settings = ListingsSettings.from_pelican(generator.settings)
    articles = generator.articles
    latest = latest_in_same_group(articles, lambda a: a.category, settings.fallback_count)
    neighbours = neighbours_in_group(articles, lambda a: a.category)
    for article in articles:
        article.category_latest = latest.get(id(article), [])
        article.newer_in_category, article.older_in_category = neighbours[id(article)]
    for article in [*articles, *generator.drafts, *generator.hidden_articles]:
        unit = getattr(article, "unit", None)
        if unit:
            slug = slugify(unit)
            article.unit_url = settings.unit_url.format(slug=slug)
        image = getattr(article, "image", None)
        if image:
            article.image_size = CoverSize(os.path.join(generator.path, image))


class UnitPagesGenerator(Generator):
    """Writes /don-vi/ and one paginated listing per publishing unit."""

    def generate_context(self) -> None:
        settings = ListingsSettings.from_pelican(self.settings)
        groups = group_by(self.context.get("articles", []), lambda a: getattr(a, "unit", None))
        self.units = [
            (Unit(name, slugify(name), settings.unit_url.format(slug=slugify(name)),
                  settings.unit_save_as.format(slug=slugify(name))), members)
            for name, members in groups.items()
        ]
        self.context["units"] = self.units
        self._settings = settings

    def generate_output(self, writer) -> None:
        relative = self._settings.relative_urls
        for unit, members in self.units:
            writer.write_file(
                unit.save_as, self.get_template("unit"), self.context,
                relative_urls=relative, paginated={"articles": members, "dates": members},
                template_name="unit", url=unit.url, unit=unit, articles=members,
                page_name=unit.url.rstrip("/") + "/index",
            )
        if self._settings.units_save_as:
            writer.write_file(
                self._settings.units_save_as, self.get_template("units"), self.context,
                relative_urls=relative, template_name="units", units=self.units,
                url=os.path.dirname(self._settings.units_save_as) + "/",
            )


def add_menu(run, generators) -> None:
    menu = ListingsSettings.from_pelican(run.settings).menu_categories
    for generator in generators:  # they share one context dict; a generator with its own gets it too
        context = generator.context
        context["menu_categories"] = in_menu_order(context.get("categories") or [], menu)
        context["menu_links"] = [category for category, _articles in context["menu_categories"]]


def get_generators(_pelican):
    return UnitPagesGenerator


def register() -> None:
    stages.connect("read", annotate_articles)
    signals.get_generators.connect(get_generators)
    stages.connect("enrich", add_menu)
