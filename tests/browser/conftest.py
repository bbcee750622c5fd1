import pytest
from playwright.sync_api import sync_playwright

from tests.browser.support import launch, serve
from tests.helpers import ROOT, build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("browser-site") / "output"
    result = build(ROOT / "content", output)
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        instance = launch(playwright)
        yield instance
        instance.close()
