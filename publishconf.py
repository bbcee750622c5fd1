"""Production overrides: absolute URLs from the SITEURL environment variable.

    SITEURL=https://example.gov.vn/cchc make publish
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL:
    raise SystemExit("publishconf.py: đặt biến môi trường SITEURL, ví dụ SITEURL=https://example.gov.vn/cchc make publish")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
# No drafts nor hidden previews online, nor what only they use (content_allowlist).
CONTENT_ALLOWLIST_PREVIEWS = False
# precompress: .gz and .br copies next to text files, for servers that serve them as is.
PLUGINS = PLUGINS + ["precompress"]  # noqa: F405 (its stage, index, runs after site_search: build_core checks it)
