"""The stages of one build, in order, and who works at each.

Pelican has many signals; a build of this site goes through these stages,
each sent once per run (``make serve`` makes many runs) by build_core's
glue (plugin.py) at the Pelican moment named below. A plugin connects a
handler to a stage by name::

    stages.connect("index", build_index, after=("responsive_images",))

Handlers of one stage run in the order of ``PLUGINS``; ``after`` names the
plugins whose handlers of the same stage must run first, and a ``PLUGINS``
order that breaks it stops the build at start-up with one line saying
what to move (:func:`check_order`). Every handler gets the run's
:class:`~build_core.run.Run` first.

Pelican's extension points that are not stages (readers, generators added
on ``get_generators``, ``generator_init``, ``content_written``,
``feed_generated``) are used directly, as Pelican publishes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .errors import ContentError


@dataclass(frozen=True)
class Stage:
    name: str
    when: str  # the Pelican moment it is sent at
    gets: str  # what its handlers receive after the run
    work: str = ""  # what happens at this stage besides its handlers
    receivers: list = field(default_factory=list, compare=False)  # (plugin, handler, after)


STAGES = (
    Stage("start", "get_generators", "(run)"),
    Stage("read", "article/page/static_generator_finalized", "(run, generator): one generator has read its files"),
    Stage("validate", "all_generators_finalized", "(run, generators): checks across files"),
    Stage("enrich", "all_generators_finalized, after validate", "(run, generators): what pages show besides the text"),
    Stage("rank", "get_writer", "(run, generators): related articles attached"),
    Stage("gate", "get_writer, after rank", "(run): every content error fails the build here"),
    Stage("render", "get_writer, after gate", "(run): just before Pelican's generators write the pages",
          "Pelican's generators write every page through the writer get_writer returned"),
    Stage("stage", "finalized", "(run, staging): the written site, post-processed in its staging folder"),
    Stage("index", "finalized, after stage", "(run, staging): search index, compressed copies"),
    Stage("swap", "finalized, after index", "(run, staging): the staged site replaces the output"),
)
_BY_NAME = {stage.name: stage for stage in STAGES}


def plugin_of(handler: Callable) -> str:
    """The plugin (top package under plugins/) a handler belongs to."""
    return (getattr(handler, "__module__", None) or "?").split(".")[0]


def connect(stage: str, handler: Callable, after: tuple[str, ...] = ()) -> Callable:
    """Run ``handler`` at ``stage``, after the handlers of the plugins in
    ``after`` (when they are loaded). Connecting the same handler twice (a
    plugin registered again) keeps one."""
    receivers = _BY_NAME[stage].receivers
    if not any(existing is handler for _plugin, existing, _after in receivers):
        receivers.append((plugin_of(handler), handler, tuple(after)))
    return handler


def send(stage: str, run, *args) -> None:
    for _plugin, handler, _after in list(_BY_NAME[stage].receivers):
        handler(run, *args)


def check_order() -> list[ContentError]:
    """One line per handler that would run before a plugin it must follow."""
    problems = []
    for stage in STAGES:
        seen: list[str] = []
        later = {plugin for plugin, _handler, _after in stage.receivers}
        for plugin, handler, after in stage.receivers:
            for needed in after:
                if needed in later and needed not in seen:
                    problems.append(ContentError(
                        "pelicanconf.py", 1, "PLUGINS",
                        f'"{plugin}" phải đứng sau "{needed}" trong PLUGINS (bước "{stage.name}": '
                        f"{handler.__name__} cần kết quả của {needed})"))
            seen.append(plugin)
    return problems


def describe() -> str:
    """The stages and their handlers, in order (docs/huong-dan-phat-trien.md)."""
    lines = []
    for stage in STAGES:
        handlers = [f"{plugin}.{handler.__name__}" for plugin, handler, _ in stage.receivers]
        done = ", ".join(handlers + ([stage.work] if stage.work else [])) or "—"
        lines.append(f"{stage.name:9} {stage.when}: {done}")
    return "\n".join(lines)
