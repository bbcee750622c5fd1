"""The pages one deferred ``write_file`` call writes (pure logic, no signals).

Each call is split into its pages (one, or one per page of a paginated
listing) and each page gets its file and its template context exactly as
Pelican 4.12's ``Writer.write_file`` makes them: the same paginators, the
same context, the same ``localsiteurl`` left in the shared context.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from pelican.paginator import Page, Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join

# Writer.write_file's own parameters; its other keyword arguments go to the template.
WRITE_FILE_PARAMETERS = frozenset({"relative_urls", "paginated", "template_name", "override_output", "url"})


class PlannedPage(NamedTuple):
    """One file a deferred ``write_file`` call writes."""

    name: str  # below the output folder, as Pelican names it
    path: str  # joined to the output folder (sanitised_join)
    kwargs: dict  # what its template gets besides the call's context
    siteurl: str | None  # its SITEURL when the call asks for relative URLs


class PagePlanner:
    """The files of each call into one output folder, with what each page's
    template gets; what is the same for many pages is made once."""

    def __init__(self, output_path: str, settings: dict):
        self.output_path, self.settings = output_path, settings
        self._siteurls: dict[int, str] = {}  # depth of a page's name → its relative SITEURL
        self._output_base: str | None = None  # the output folder as sanitised_join gives it

    def pages(self, args, kwargs) -> list[PlannedPage]:
        """The files one call writes (:meth:`files`), each with the
        ``SITEURL`` Pelican gives its page when the call asks for relative
        URLs (else None), made once here for the plan, the worker and the
        replay."""
        files = self.files(args, kwargs)
        if not kwargs["relative_urls"]:
            return [PlannedPage(name, path, page_kwargs, None) for name, path, page_kwargs in files]
        return [PlannedPage(name, path, page_kwargs, self.relative_siteurl(name))
                for name, path, page_kwargs in files]

    def output_file(self, name: str) -> str:
        """``sanitised_join(self.output_path, name)``, Pelican's: a name with
        nothing to normalise (no empty, "." or ".." part) is its folder's
        path, made once, then the name (two abspath calls a page otherwise)."""
        base = self._output_base
        if base is None:
            base = self._output_base = sanitised_join(self.output_path, "")
        parts = name.split("/")
        if (os.sep == "/" and os.altsep is None and not base.endswith("/")
                and "" not in parts and "." not in parts and ".." not in parts):
            return f"{base}/{name}"
        return sanitised_join(self.output_path, name)

    def relative_siteurl(self, name: str) -> str:
        """``path_to_url(get_relative_path(name))``, Pelican's, once per depth:
        it depends only on how many parts ``split_all`` finds in the name,
        the parts between slashes that are not empty (on POSIX; walking the
        name with os.path.split took 8 us a page)."""
        if os.sep != "/":
            return path_to_url(get_relative_path(name))
        parts = name.strip("/").split("/")
        depth = len(parts) if "" not in parts else sum(1 for part in parts if part)
        known = self._siteurls.get(depth)
        if known is None:
            known = self._siteurls[depth] = path_to_url(get_relative_path(name))
        return known

    def files(self, args, kwargs) -> list[tuple[str, str, dict]]:
        """(name, path, keyword arguments its template gets) of each file
        one call writes, as ``Writer.write_file`` of Pelican 4.12 makes them:
        one file, or one per page of a paginated listing (with Page objects
        for itself and its neighbours)."""
        name = args[0]
        if not name:
            return []
        extra = {k: v for k, v in kwargs.items() if k not in WRITE_FILE_PARAMETERS}
        paginated = kwargs["paginated"]
        if paginated is None:
            paginated = {k: v for k, v in extra.items() if k in ("articles", "dates")}
        template_name = kwargs["template_name"]
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            return [(name, self.output_file(name), extra)]
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {key: Paginator(name, kwargs["url"], val, self.settings, per_page)
                      for key, val in paginated.items()}
        made: dict[tuple[str, int], Page] = {}

        def page_of(key: str, number: int) -> Page:
            """Each Page made once, shared as its neighbours' previous and
            next (write_file makes it three times: equal objects nothing
            changes)."""
            page = made.get((key, number))
            if page is None:
                page = made[(key, number)] = paginators[key].page(number)
            return page

        pages = []
        for page_num in range(next(iter(paginators.values())).num_pages):
            page_kwargs = extra.copy()
            for key, paginator in paginators.items():
                previous_page = page_of(key, page_num) if page_num > 0 else None
                page = page_of(key, page_num + 1)
                next_page = page_of(key, page_num + 2) if page_num + 1 < paginator.num_pages else None
                page_kwargs.update({f"{key}_paginator": paginator, f"{key}_page": page,
                                    f"{key}_previous_page": previous_page, f"{key}_next_page": next_page})
            pages.append((page.save_as, self.output_file(page.save_as), page_kwargs))
        return pages

    def plan(self, pending, written: set[str]) -> tuple[list, list[list[PlannedPage]]] | None:
        """(localsiteurl before each call as a serial build has it, the pages
        of each call), or None when two calls write the same file, or one
        already ``written``."""
        seen = set(written)
        before, pages = [], []
        current = {}
        for args, kwargs in pending:
            context = args[2]
            before.append(current.get(id(context), context.get("localsiteurl")))
            its_pages = self.pages(args, kwargs)
            for page in its_pages:
                if page.path in seen:
                    return None
                seen.add(page.path)
            if its_pages and its_pages[-1].siteurl is not None:
                current[id(context)] = its_pages[-1].siteurl
            pages.append(its_pages)
        return before, pages


def each_page(call, pages: list[PlannedPage]):
    """(path, template context) of each page of ``call``, in order, with
    the ``localsiteurl`` each leaves in the shared context, as Pelican's
    ``write_file`` computes them."""
    (_name, _template, context), _kwargs = call
    for name, path, page_kwargs, relative_url in pages:
        localcontext = context.copy()
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
        if relative_url is not None:
            localcontext["SITEURL"] = relative_url
            localcontext["localsiteurl"] = relative_url
        localcontext["output_file"] = name
        localcontext.update(page_kwargs)
        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]
        yield path, localcontext
