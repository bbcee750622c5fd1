"""Settings of the Bản tin CCHC site (development build: relative URLs).

One block per plugin; `publishconf.py` holds production overrides only.
"""

import functools
import os

_HERE = os.path.dirname(os.path.abspath(__file__))

# --- Site -----------------------------------------------------------------
SITENAME = "Bản tin Cải cách hành chính"
SITESUBTITLE = "Thành phố Cao Lãnh, tỉnh Đồng Tháp"
SITEURL = ""
RELATIVE_URLS = True  # pages work from the site root and from any subpath
DEFAULT_LANG = "vi"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_PAGINATION = 10
DEFAULT_DATE_FORMAT = "%d/%m/%Y"


def _newest_first(a, b) -> int:
    """Newest first; the same date: by slug (the order Pelican's default gives)."""
    if a.date != b.date:
        return -1 if a.date > b.date else 1
    return (a.slug > b.slug) - (a.slug < b.slug)


def _page_order(page) -> tuple:
    """By file name (Pelican's "basename" order); the same name: by slug."""
    return os.path.basename(page.source_path), page.slug


# One language: no translations to find. Pelican's search for them ends with a
# quadratic scan, warns about shared slugs (front_matter reports them, with
# their lines) and is what sorted equal dates and file names by slug, so the
# orders say so themselves.
ARTICLE_TRANSLATION_ID = None
ARTICLE_ORDER_BY = functools.cmp_to_key(_newest_first)
PAGE_TRANSLATION_ID = None
PAGE_ORDER_BY = _page_order

PATH = os.path.join(_HERE, "content")
OUTPUT_PATH = os.path.join(_HERE, "output")
THEME = os.path.join(_HERE, "theme")
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["articles", "pages", "extra"]
EXTRA_PATH_METADATA = {}
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False  # the build writes a fresh staging folder anyway

# --- URLs (DESIGN.md): pretty folders with index.html ------------------------
ARTICLE_URL = "bai-viet/{slug}/"
ARTICLE_SAVE_AS = "bai-viet/{slug}/index.html"
DRAFT_URL = "ban-nhap/{slug}/"
DRAFT_SAVE_AS = "ban-nhap/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = "chuyen-muc/{slug}/index.html"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = "the/{slug}/index.html"
AUTHOR_URL = "tac-gia/{slug}/"
AUTHOR_SAVE_AS = "tac-gia/{slug}/index.html"
CATEGORIES_SAVE_AS = "chuyen-muc/index.html"
TAGS_SAVE_AS = "the/index.html"
AUTHORS_SAVE_AS = "tac-gia/index.html"
ARCHIVES_SAVE_AS = ""  # quarterly archives (/luu-tru/) replace Pelican's
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
INDEX_SAVE_AS = "index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)
PAGINATED_TEMPLATES = {"index": None, "category": None, "tag": None, "author": None, "unit": None}
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors"]

# --- Feeds: dated by the articles, never by the build ----------------------
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 20

# --- Plugins, in run order ------------------------------------------------
PLUGIN_PATHS = [os.path.join(_HERE, "plugins")]
PLUGINS = ["build_core", "build_guard", "front_matter", "vi_format", "listings", "related_articles", "content_allowlist", "responsive_images", "site_search", "quarterly_archives", "seo", "parallel_render"]

# parallel_render: pages rendered on every core (WORKERS) from 200 write_file calls on
# (plugins/parallel_render/README.md).
PARALLEL_RENDER_THRESHOLD = 200

# build_guard: write into output.tmp, swap in only when the build succeeds.
BUILD_GUARD_ATOMIC_OUTPUT = True

# content_allowlist: what of content/ goes online (plugins/content_allowlist/README.md).
# Articles and pages are .md files; beside them only the images and documents
# (PDF, DOCX, XLSX, ODT, ODS, ZIP) a written article or page uses; anything
# else there, and any symbolic link, is an error. Files of extra/ only when
# listed here or in EXTRA_PATH_METADATA (paths below content/). Drafts and
# hidden content are previewed here; publishconf.py turns previews off.
# After related_articles, before responsive_images in PLUGINS (see plugin.py).
CONTENT_ALLOWLIST_EXTRA = []
CONTENT_ALLOWLIST_PREVIEWS = True
# Never read nor published, like hidden files: editors' backups and temporary
# files, and the files Windows and macOS leave in folders. Matched as Pelican
# does, on each file and folder name.
IGNORE_FILES = [".*", "*~", "#*#", "~$*", "*.bak", "*.swp", "*.swo", "*.orig", "*.tmp", "Thumbs.db", "desktop.ini"]
# Only the front_matter reader reads content, and only .md files: Pelican's own
# readers (Markdown, HTML, reStructuredText) read nothing, so a .mkd or .html
# article is never published unchecked (content_allowlist says to rename it).
READERS = {extension: None for extension in ("md", "markdown", "mkd", "mdown", "htm", "html", "rst")}

# front_matter: the configured categories (reform areas of Nghị quyết
# 76/NQ-CP, 2021–2030, then the overall direction area and news).
FRONT_MATTER_CATEGORIES = [
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
    "Công tác chỉ đạo, điều hành cải cách hành chính",
    "Tin tức - Sự kiện",
]
FRONT_MATTER_MARKDOWN_EXTENSIONS = [
    "markdown.extensions.extra",
    "markdown.extensions.sane_lists",
]
# Read every file up front on all cores; unchanged files come from
# cache/content/ (keyed by the file's bytes, these settings and the plugin code).
FRONT_MATTER_PREFETCH = True
FRONT_MATTER_MARKDOWN_EXTENSION_CONFIGS = {
    "markdown.extensions.extra": {
        "footnotes": {"BACKLINK_TITLE": "Quay lại chỗ chú thích %d trong bài", "SUPERSCRIPT_TEXT": "{}"},
    },
}

# --- Theme: legal footer (Nghị định 42/2022/NĐ-CP) -------------------------
SITE_AGENCY = "Ủy ban nhân dân thành phố Cao Lãnh"
SITE_SUPERVISOR = "Ủy ban nhân dân tỉnh Đồng Tháp"
SITE_ADDRESS = "Số 01 Đường 30/4, Phường 1, thành phố Cao Lãnh, tỉnh Đồng Tháp"
SITE_PHONE = "0277 3851 120"
SITE_EMAIL = "ubnd@caolanh.dongthap.gov.vn"
SITE_RESPONSIBLE = "Chánh Văn phòng HĐND và UBND thành phố"
MENU_CATEGORIES = FRONT_MATTER_CATEGORIES
# Short labels for the navigation bar (full names everywhere else).
MENU_SHORT_NAMES = {
    "Cải cách thể chế": "Thể chế",
    "Cải cách thủ tục hành chính": "Thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước": "Tổ chức bộ máy",
    "Cải cách chế độ công vụ": "Công vụ",
    "Cải cách tài chính công": "Tài chính công",
    "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số": "Chính phủ số",
    "Công tác chỉ đạo, điều hành cải cách hành chính": "Chỉ đạo, điều hành",
    "Tin tức - Sự kiện": "Tin tức - Sự kiện",
}
# Plain share links (no third-party script), shown when SITEURL is absolute.
SHARE_LINKS = [
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("Zalo", "https://sp.zalo.me/share_inline?url={url}"),
]

# responsive_images: <picture> with AVIF/WebP/JPEG derivatives (see its README);
# derivatives are cached in cache/images (outside output/, git-ignored).
RESPONSIVE_IMAGES_WIDTHS = [480, 960, 1440]
RESPONSIVE_IMAGES_QUALITY = {"avif": 50, "webp": 75, "jpeg": 80}
RESPONSIVE_IMAGES_COPY_ORIGINALS = False
RESPONSIVE_IMAGES_OUTPUT_DIR = "anh"  # named here so no page can take the address (front_matter)

# related_articles: "Có thể bạn quan tâm" (see plugins/related_articles/README.md).
# Any field of RankingConfig can be set as RELATED_<NAME>, e.g. RELATED_TAG_WEIGHT.
RELATED_K = 5
RELATED_EXPLAIN = False  # pages show no reasons; make related-report explains

# listings: unit pages (/don-vi/<slug>/) and per-article listing helpers.
UNIT_URL = "don-vi/{slug}/"
UNIT_SAVE_AS = "don-vi/{slug}/index.html"
UNITS_SAVE_AS = "don-vi/index.html"
LISTINGS_FALLBACK_COUNT = 5

# --- Logging ----------------------------------------------------------------
# Development builds use relative URLs; production (publishconf.py) sets an
# absolute SITEURL for feeds, so this warning says nothing useful here.
import logging  # noqa: E402

LOG_FILTER = [(logging.WARNING, "Feeds generated without SITEURL or FEED_DOMAIN set properly may not be valid")]
# autoescape on: every value a template prints is text (titles, authors, tags,
# units, captions, settings) and is HTML-escaped; only HTML our own code made
# safe is marked so (|safe on the sanitised body and summary and on seo's
# JSON-LD; responsive_images' <picture> markup is Markup). Every generator's
# environment is made from this dict, so every template of every plugin escapes.
# auto_reload off: templates cannot change during one build (each build, and
# each `make serve` rebuild, makes new environments), and Jinja's check stats
# every template file again for every page: 7% of rendering at 10,000 articles.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "extensions": [],
                     "auto_reload": False}

# quarterly_archives: /luu-tru/ pages grouped by reporting period (the
# article's `period`, not its publication date); Pelican's date archives
# are switched off above.
QUARTERLY_ARCHIVES_INDEX_URL = "luu-tru/"
QUARTERLY_ARCHIVES_INDEX_SAVE_AS = "luu-tru/index.html"
QUARTERLY_ARCHIVES_YEAR_URL = "luu-tru/{year}/"
QUARTERLY_ARCHIVES_YEAR_SAVE_AS = "luu-tru/{year}/index.html"
QUARTERLY_ARCHIVES_QUARTER_URL = "luu-tru/{year}/quy-{quarter}/"
QUARTERLY_ARCHIVES_QUARTER_SAVE_AS = "luu-tru/{year}/quy-{quarter}/index.html"

# seo: sitemap.xml, robots.txt, 404.html, head metadata
# (theme/templates/partials/seo_head.html) and valid Atom ids and links.
# Atom ids are tag: URIs minted from the agency's own domain (RFC 4151), the
# same in every build and wherever the site is hosted: never change these two.
SITE_DOMAIN = "caolanh.dongthap.gov.vn"
SEO_FEED_ID_DATE = "2021-01-01"
SEO_OG_LOCALE = "vi_VN"
# The 404 page links from the site root. publishconf.py derives the prefix from
# SITEURL; set it only for a development build served from a subpath, e.g.
# pelican content -s pelicanconf.py --extra-settings SITE_PATH_PREFIX='"/cchc"'
SITE_PATH_PREFIX = None

# site_search: /tim-kiem/ and a Pagefind index of the published articles,
# written into the staged output after every page (see plugins/site_search/README.md).
# SITE_SEARCH = False skips the index (and the pages' hidden search data) for
# quick previews; SITE_SEARCH_BINARY points at another Pagefind executable
# (default: the pinned pagefind-bin wheel).
SITE_SEARCH = True
SITE_SEARCH_URL = "tim-kiem/"
SITE_SEARCH_SAVE_AS = "tim-kiem/index.html"
SITE_SEARCH_BUNDLE_DIR = "pagefind"  # named here so no page can take the address (front_matter)
