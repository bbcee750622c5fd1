"""Golden output of the fixture site: `make golden` regenerates it.

The expected tree (tests/golden/golden_site/) is written by this command only,
never by hand; review its diff like code. test_golden.py compares a fresh
build of tests/fixtures/golden_site/ with it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tests.helpers import ROOT, build

FIXTURE = ROOT / "tests" / "fixtures" / "golden_site"
EXPECTED = ROOT / "tests" / "golden" / "golden_site"


def build_fixture(output: Path) -> None:
    # With search, so the pages keep their hidden search data (SITE_SEARCH =
    # False leaves it out), but without the Pagefind index itself: it is
    # Pagefind's own (vendored code, binary chunks partly in hash-map order);
    # tests/test_site_search.py checks it.
    result = build(FIXTURE, output)
    if result.returncode != 0:
        raise RuntimeError(f"the golden fixture site did not build:\n{result.stdout}\n{result.stderr}")
    shutil.rmtree(output / "pagefind")


def regenerate() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "output"
        build_fixture(output)
        if EXPECTED.exists():
            shutil.rmtree(EXPECTED)
        shutil.copytree(output, EXPECTED)
    print(f"Đã tạo lại {EXPECTED.relative_to(ROOT)}; xem thay đổi bằng git diff trước khi commit.")


if __name__ == "__main__":
    regenerate()
    sys.exit(0)
