"""Hosting on a real nginx under the subpath /cchc/: every link works.

Starts Debian's nginx (installed by .ci/run) on a loopback port, crawls the
site from its home page and checks every internal link, image, stylesheet,
script and feed, and that every page is reachable within 4 clicks.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

PREFIX = "/cchc/"  # as conftest.subpath_site is built for
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(("page", a["href"]))
        elif tag == "link" and a.get("href"):
            self.links.append(("asset", a["href"]))
        elif tag in ("img", "script", "source") and (a.get("src") or a.get("srcset")):
            if a.get("src"):
                self.links.append(("asset", a["src"]))
            for part in (a.get("srcset") or "").split(","):
                if part.strip():
                    self.links.append(("asset", part.split()[0]))


def _free_port() -> int:
    """A port free now (nginx binds it a moment later)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory, subpath_site):
    if not Path(NGINX).exists():
        pytest.fail("nginx not found: install Debian's nginx-light (.ci/run does)")
    work = tmp_path_factory.mktemp("nginx")
    # The 404 page is served at any depth, so its links need the subpath
    # (publish builds take it from SITEURL; a relative build is told).
    output = subpath_site.ok()
    (work / "tmp").mkdir()
    for _attempt in range(3):  # another test may take the free port before nginx binds it
        process, base = _start_nginx(work, output, _free_port())
        if process:
            break
    else:
        pytest.fail(f"nginx did not start: {(work / 'error.log').read_text(errors='replace')[-2000:]}")
    yield base, output
    process.terminate()
    process.wait(timeout=10)


def _start_nginx(work: Path, output: Path, port: int):
    """nginx serving ``output`` at http://127.0.0.1:<port>/cchc/: (the
    process, the base URL), or (None, None) when it could not listen."""
    user = "user root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(f"""
{user}
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {work}/tmp;
    proxy_temp_path {work}/tmp;
    fastcgi_temp_path {work}/tmp;
    uwsgi_temp_path {work}/tmp;
    scgi_temp_path {work}/tmp;
    server {{
        listen 127.0.0.1:{port};
        location {PREFIX} {{
            alias {output}/;
            index index.html;
            error_page 404 {PREFIX}404.html;
        }}
    }}
}}
""")
    process = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}{PREFIX}"
    for _ in range(100):
        if process.poll() is not None:  # could not listen (or start): its error.log says why
            return None, None
        try:
            with urllib.request.urlopen(base, timeout=1) as response:
                if response.headers.get("Server", "").startswith("nginx"):  # ours, not whatever took the port
                    return process, base
        except (OSError, http.client.HTTPException):  # not listening yet, or not nginx
            pass
        time.sleep(0.05)
    process.kill()
    process.wait(timeout=10)
    return None, None


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def test_crawl_finds_no_broken_link_and_every_page_within_4_clicks(nginx_site):
    base, output = nginx_site
    host = urlsplit(base).netloc
    depth = {base: 0}
    queue = deque([base])
    checked: dict[str, int] = {}
    broken: list[str] = []
    while queue:
        url = queue.popleft()
        status, ctype, body = _get(url)
        checked[url] = status
        if status != 200:
            broken.append(f"{url} → {status}")
            continue
        if ctype != "text/html":
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for kind, link in parser.links:
            target = urldefrag(urljoin(url, link))[0]
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.netloc != host:
                continue  # mailto:, tel:, share links: not ours to crawl
            assert parts.path.startswith(PREFIX), f"{url} links outside the subpath: {link}"
            if target in depth:
                continue
            if kind == "asset":
                status_a, _, _ = _get(target)
                checked[target] = status_a
                depth[target] = depth[url] + 1
                if status_a != 200:
                    broken.append(f"{target} (from {url}) → {status_a}")
            else:
                depth[target] = depth[url] + 1
                queue.append(target)
    assert broken == []
    # Every published HTML page is reachable from the home page within 4 clicks.
    pages = {
        base + p.relative_to(output).as_posix().removesuffix("index.html")
        for p in output.rglob("*.html")
        if p.name != "404.html" and not p.relative_to(output).as_posix().startswith("ban-nhap/")
    }
    unreachable = sorted(pages - set(depth))
    assert unreachable == []
    too_deep = sorted(u for u in pages if depth[u] > 4)
    assert too_deep == []
    feeds = [u for u in checked if u.endswith(".xml")]
    assert any(u.endswith("feeds/all.atom.xml") for u in feeds)


def test_unknown_url_gets_the_404_page(nginx_site):
    base, _ = nginx_site
    try:
        urllib.request.urlopen(base + "khong-co-trang-nay/", timeout=10)
        raise AssertionError("expected a 404")
    except urllib.error.HTTPError as error:
        assert error.code == 404
        body = error.read().decode("utf-8")
    assert "Không tìm thấy trang" in body
    parser = _Links()
    parser.feed(body)
    deep = base + "a/b/c/khong-co/"
    links = [urljoin(deep, link) for _, link in parser.links if not link.startswith(("mailto:", "tel:", "#"))]
    assert links and all(_get(link)[0] == 200 for link in links), links
