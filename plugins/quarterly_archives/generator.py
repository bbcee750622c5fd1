"""A Pelican generator writing the quarterly archive pages (glue only).

It runs after the Articles and Pages generators (plugin generators always
do), so ``context["articles"]`` (published articles only) is complete when
:meth:`QuarterlyArchivesGenerator.generate_context` runs, and every article
has its ``period_url`` before any page is written.
"""

from __future__ import annotations

import os
from functools import partial

from pelican.generators import Generator

from front_matter.period import Period

from .grouping import PUBLISHED, Archive, ArchiveEntry, group_by_period
from .settings import QuarterlyArchivesSettings


def archive_entry(article) -> ArchiveEntry:
    """What the grouping needs of a Pelican article."""
    period = getattr(article, "period", None) or Period.of_date(article.date)
    return ArchiveEntry(period, article.date, article.slug, article,
                        getattr(article, "status", PUBLISHED))


def _page_name(save_as: str) -> str:
    """As Pelican names its own pages (``chuyen-muc/x/index``), for aria-current."""
    return os.path.splitext(save_as)[0]


class QuarterlyArchivesGenerator(Generator):
    archive: Archive
    relative_urls: bool

    def generate_context(self) -> None:
        settings = QuarterlyArchivesSettings.from_pelican(self.settings)
        self.archive = group_by_period(
            (archive_entry(a) for a in self.context.get("articles") or ()), settings)
        for quarter in self.archive.quarters:
            for article in quarter.items:
                article.period_url = quarter.url
        # For every template (header/footer link to the archive, sidebars).
        self.context["quarterly_archives"] = self.archive.years
        self.context["quarterly_archives_url"] = self.archive.url
        self.relative_urls = settings.relative_urls

    def generate_output(self, writer) -> None:
        # paginated={}: these pages are never split; the writer computes a
        # relative SITEURL from each save_as when RELATIVE_URLS is on.
        write = partial(writer.write_file, context=self.context, relative_urls=self.relative_urls, paginated={})
        archive = self.archive
        write(archive.save_as, self.get_template("archives_index"),
              template_name="archives_index", page_name=_page_name(archive.save_as),
              url=archive.url, archive=archive, archive_years=archive.years)
        for year in archive.years:
            write(year.save_as, self.get_template("archive_year"),
                  template_name="archive_year", page_name=_page_name(year.save_as),
                  url=year.url, archive=archive, archive_year=year)
            for quarter in year.quarters:
                previous, following = archive.neighbours(quarter)
                write(quarter.save_as, self.get_template("archive_quarter"),
                      template_name="archive_quarter", page_name=_page_name(quarter.save_as),
                      url=quarter.url, archive=archive, archive_year=year,
                      archive_quarter=quarter, previous_quarter=previous, next_quarter=following)
