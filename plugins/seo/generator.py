"""The 404 page, written at the output root (glue only).

Servers send 404.html for a missing URL at any depth, so no relative link can
work on it. It is rendered with SITEURL replaced by ``SeoSettings.root_url``:
the absolute SITEURL in the publish build, the root-relative SITE_PATH_PREFIX
("" or "/cchc") in the development build. Header, footer and stylesheet links
of base.html then work from any depth too.
"""

from __future__ import annotations

from pelican.generators import Generator

from .settings import SeoSettings


class NotFoundPageGenerator(Generator):
    def generate_context(self) -> None:
        self.seo = SeoSettings.from_pelican(self.settings)

    def generate_output(self, writer) -> None:
        save_as = self.seo.not_found_save_as
        if not save_as:
            return
        writer.write_file(
            save_as, self.get_template("404"), self.context, relative_urls=False,
            SITEURL=self.seo.root_url, seo_noindex=True, page_name="404", url="",
        )
