"""`make screenshots`: the README's pictures of the home and an article page.

Uses the browser test setup (Debian chromium via Playwright, local server) on
a fresh build of content/, and writes small palette PNGs to docs/.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from tests.browser.support import launch, open_page, serve
from tests.helpers import ROOT, build

SHOTS = {
    "docs/trang-chu.png": ("", 1024, 1100),
    "docs/bai-viet.png": ("bai-viet/ket-qua-cong-tac-cai-cach-hanh-chinh-quy-1-nam-2021/", 1024, 1300),
    "docs/bai-viet-dien-thoai.png": ("bai-viet/ket-qua-cong-tac-cai-cach-hanh-chinh-quy-1-nam-2021/", 360, 760),
}


def take() -> list[Path]:
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "output"
        result = build(ROOT / "content", output)
        if result.returncode != 0:
            raise SystemExit(result.stderr)
        with serve(output) as url, sync_playwright() as playwright:
            browser = launch(playwright)
            for name, (path, width, height) in SHOTS.items():
                page = open_page(browser, url + path, width=width, height=height)
                png = page.screenshot(full_page=False)
                page.context.close()
                image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
                target = ROOT / name
                target.parent.mkdir(exist_ok=True)
                image.save(target, optimize=True)
                written.append(target)
            browser.close()
    return written


if __name__ == "__main__":
    for path in take():
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")
