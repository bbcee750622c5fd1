"""The search page (/tim-kiem/), written like Pelican's own pages (glue only).

Plugin generators run after the Articles generator, so the published
articles (with their ``search`` data) are known when the context is built.
"""

from __future__ import annotations

import os

from pelican.generators import Generator

from build_core.run import current_or_none

from .records import filter_options
from .settings import SiteSearchSettings
from .shards import SearchRun


class SearchPageGenerator(Generator):
    def generate_context(self) -> None:
        self.search = SiteSearchSettings.from_pelican(self.settings)
        records = [a.search for a in self.context.get("articles") or () if getattr(a, "search", None)]
        self.options = filter_options(records, self.search.category_order)
        # For the search box in the header of every page.
        self.context["site_search_url"] = self.search.url

    def generate_output(self, writer) -> None:
        run = current_or_none()
        # The index's shards, newest first: search.js merges them in this order.
        shards = list(run.state(SearchRun).shards) if run is not None else []
        writer.write_file(
            self.search.save_as, self.get_template("search"), self.context,
            relative_urls=self.search.relative_urls, paginated={},
            template_name="search", page_name=os.path.splitext(self.search.save_as)[0], url=self.search.url,
            search_bundle=self.search.bundle_dir + "/", search_enabled=self.search.enabled,
            search_filters=self.options, search_shards=shards,
        )
