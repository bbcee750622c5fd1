import pytest
from playwright.sync_api import sync_playwright

from tests.browser.support import launch, serve


@pytest.fixture(scope="session")
def built_site(content_site):
    return content_site.ok()


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
