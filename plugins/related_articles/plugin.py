"""Stage glue: rank every article once, attach ``article.related_articles``.

- stage "read" (the articles generator): what each article's document is made
  of (documents.Inputs), taken before any plugin rewrites the HTML
  (responsive_images works at "enrich") and while drafts and hidden articles
  are still listed (a publish build drops them), and the pins checked: a
  pinned slug (``related:`` in front matter) that is not a published article
  is a content error naming the file and the slug.
- stage "rank": every article ranked (workers from ``WORKERS`` for large
  sites), the lists attached before anything is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pelican.generators import ArticlesGenerator

from build_core import stages
from build_core.contents import all_contents
from build_core.errors import display_paths
from build_core.run import report_all

from .documents import Inputs, article_inputs, documents_of, pin_documents
from .model import unknown_pins, workers_for
from .pins import pin_errors
from .settings import ranking_config


@dataclass
class RelatedRun:
    """The articles of this run and what their documents are made of, from
    "read" to "rank"; empty when there is nothing to rank."""

    by_slug: dict = field(default_factory=dict)
    inputs: list[Inputs] = field(default_factory=list)


def take_articles(run, generator) -> None:
    if not isinstance(generator, ArticlesGenerator):
        return
    articles = list(all_contents([generator]))
    inputs = [article_inputs(a) for a in articles]
    if unknown_pins(pin_documents(inputs)):
        paths = display_paths(a.source_path for a in articles)
        report_all(pin_errors(
            (path, i.slug, i.pinned, i.published,
             a.front_matter.lines.get("related", 1) if getattr(a, "front_matter", None) else 1)
            for path, i, a in zip(paths, inputs, articles)))
        return
    state = run.state(RelatedRun)
    state.by_slug, state.inputs = {a.slug: a for a in articles}, inputs


def attach_related(run, _generators) -> None:
    state = run.state(RelatedRun)
    if not state.inputs:
        return
    # numpy and scipy load only here: `make check` imports this package for
    # its pins and never ranks.
    from .ranking import rank

    config = ranking_config(run.settings)
    with run.clock.measure("gợi ý bài liên quan"):
        documents = documents_of(state.inputs)
        ranked = rank(documents, config, workers=workers_for(len(documents), run.core.worker_count))
    by_slug = state.by_slug
    for doc_id, related in ranked.items():
        article = by_slug[doc_id]
        article.related_articles = [by_slug[r.id] for r in related]
        if config.explain:
            # Scores move a little with almost any edit anywhere (every TF-IDF
            # weight does): a page that cannot show them does not depend on them.
            article.related_explained = related


def register() -> None:
    stages.connect("read", take_articles)
    stages.connect("rank", attach_related)
