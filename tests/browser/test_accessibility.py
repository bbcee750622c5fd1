"""WCAG 2.1 A/AA with axe-core, console errors, keyboard access, in chromium."""

import pytest

from tests.browser.support import axe, open_page

PAGES = {
    "home": "",
    "article": "bai-viet/ket-qua-cong-tac-cai-cach-hanh-chinh-quy-1-nam-2021/",
    "article-with-cover": "bai-viet/xa-hoa-an-trien-khai-nop-phi-le-phi-thu-tuc-hanh-chinh-bang-ma-qr/",
    "category": "chuyen-muc/cai-cach-thu-tuc-hanh-chinh/",
    "tag": "the/dat-dai/",
    "quarter": "luu-tru/2021/quy-1/",
    "archive-index": "luu-tru/",
    "not-found": "404.html",
    "unit": "don-vi/ubnd-xa-my-ngai/",
    "page-2": "trang/2/",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_axe_violations_and_no_console_errors(browser, site_url, name):
    """At 1280 px, then at 320 px: the same page narrowed (the theme's layout
    is CSS alone; no script reads the width), so it is loaded once."""
    page = open_page(browser, site_url + PAGES[name], width=1280)
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        results = axe(page)
        assert results.violations_count == 0, f"{width} px: {results.generate_report()}"
        # Readable at 320 px: nothing wider than the viewport.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.problems == []
    page.context.close()


@pytest.mark.parametrize("name", ["home", "article", "quarter"])
def test_keyboard_reaches_main_content_through_skip_link(browser, site_url, name):
    page = open_page(browser, site_url + PAGES[name])
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.textContent]")
    assert focused == ["skip-link", "Bỏ qua, đến nội dung chính"]
    assert page.evaluate("getComputedStyle(document.activeElement).left") != "-999rem"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
    page.context.close()


def test_site_works_without_javascript(browser, site_url):
    page = open_page(browser, site_url + PAGES["article"], java_script_enabled=False)
    assert page.locator("h1").inner_text() == "Kết quả công tác cải cách hành chính Quý 1 năm 2021"
    # Buttons that need JavaScript stay hidden; plain links remain.
    assert not page.locator(".js-print").is_visible()
    assert page.locator(".share a").first.is_visible()
    page.context.close()


def test_print_button_and_zoom(browser, site_url):
    page = open_page(browser, site_url + PAGES["article"])
    assert page.locator(".js-print").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".share").is_visible()
    page.context.close()
    # 200% zoom ≈ a 640 px wide viewport at device scale 2: no horizontal scroll.
    page = open_page(browser, site_url + PAGES["article"], width=640, device_scale_factor=2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 640
    page.context.close()
