"""What of Pelican and Python-Markdown we rely on beyond their documented API.

Each entry of PINNED is one use, with its reason, also listed in
docs/developer-guide.md ("Pelican used as published"). On any version other
than the locked one these tests fail with a message naming what to check;
the other tests of each entry fail when the upgrade actually breaks it.
"""

from __future__ import annotations

import inspect
import re
from importlib import metadata

import pytest

from tests.helpers import ROOT

LOCK = (ROOT / "requirements.lock").read_text(encoding="utf-8")


def _locked(package: str) -> str:
    found = re.search(rf"^{re.escape(package)}==([^\s\\]+)", LOCK, re.MULTILINE | re.IGNORECASE)
    assert found, f"{package} is not in requirements.lock"
    return found.group(1)


# (package, where we rely on it, what, why it stays)
PINNED = [
    ("pelican", "plugins/build_guard/plugin.py stage_output",
     "Pelican.output_path is reassigned once, at `initialized`, to the staging folder",
     "Pelican.run() makes every generator and the writer from it; there is no setting for "
     "'write here, publish there', and atomic output needs exactly that"),
    ("pelican", "plugins/build_guard/plugin.py _LoggedErrors",
     'the texts of the log records "Could not process %s" (generators.py) and "Cannot load plugin" '
     "(plugins/_utils.py)",
     "Pelican logs a file its reader refused and a plugin it cannot load, then builds on and exits 0; "
     "the record's text is the only way to tell which file or plugin it was"),
    ("pelican", "plugins/related_articles/documents.py, site_search/plugin.py, responsive_images/plugin.py",
     "Content._content, the HTML as the reader gave it (read; responsive_images also writes it)",
     "Content.content expands {filename} links and needs the whole site known; there is no public "
     "setter for the body a plugin rewrites (<img> into <picture>)"),
    ("markdown", "plugins/front_matter/body.py _replace",
     "the names, classes and priorities under which Python-Markdown and its extensions register their "
     "inline pass, block processors and preprocessors (public registry API, undocumented values)",
     "the quick paths wrap them in place to skip work that cannot match (about 40% of the reading CPU); "
     "a processor registered elsewhere stops the build naming body.py "
     "(tests/test_body.py::test_a_processor_markdown_registers_elsewhere_stops_the_quick_paths)"),
    ("pelican", "plugins/parallel_render/calls.py",
     "Writer.write_file leaves localsiteurl in the context it is given (relative URLs) and sends "
     "content_written once per page",
     "workers call write_file on ranges of the deferred calls; a range starts only where that value "
     "cannot matter (tests/test_build_modes.py: serial and parallel builds are byte-identical)"),
]


@pytest.mark.parametrize("package", sorted({entry[0] for entry in PINNED}))
def test_the_installed_version_is_the_locked_one(package):
    installed, locked = metadata.version(package), _locked(package)
    uses = "\n".join(f"  - {where}: {what}" for name, where, what, _ in PINNED if name == package)
    assert installed == locked, (
        f"{package} {installed} is installed, {locked} is locked. Before moving to it, check each use "
        f"of its internals (docs/developer-guide.md, 'Pelican used as published'):\n{uses}")


def test_pelican_makes_generators_and_writer_from_output_path():
    from pelican import Pelican

    run, get_writer = inspect.getsource(Pelican.run), inspect.getsource(Pelican._get_writer)
    assert "output_path=self.output_path" in run, "Pelican.run no longer gives generators self.output_path"
    assert "self.output_path" in get_writer, "Pelican._get_writer no longer makes the writer from self.output_path"


@pytest.mark.parametrize("module, text", [
    ("pelican.generators", '"Could not process %s"'),
    ("pelican.plugins._utils", '"Cannot load plugin `%s`'),
])
def test_the_log_texts_we_match_are_pelicans(module, text):
    source = inspect.getsource(__import__(module, fromlist=["_"]))
    assert text in source, f"{module} no longer logs {text}: build_guard would miss it (see PINNED)"


def test_contents_keep_the_readers_html_in_content_underscore():
    from pelican.contents import Content

    source = inspect.getsource(Content)
    assert "self._content = content" in source, "pelican.contents.Content no longer keeps the reader's HTML in _content"
