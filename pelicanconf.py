"""Settings of the Bản tin CCHC site (development build: relative URLs).

One block per plugin; `publishconf.py` holds production overrides only.
"""

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
PAGINATED_TEMPLATES = {"index": None, "category": None, "tag": None, "author": None}
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
PLUGINS = ["build_guard", "front_matter", "vi_format"]

# build_guard: write into output.tmp, swap in only when the build succeeds.
BUILD_GUARD_ATOMIC_OUTPUT = True

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

# --- Theme: legal footer (Nghị định 42/2022/NĐ-CP) -------------------------
SITE_AGENCY = "Ủy ban nhân dân thành phố Cao Lãnh"
SITE_SUPERVISOR = "Ủy ban nhân dân tỉnh Đồng Tháp"
SITE_ADDRESS = "Số 01 Đường 30/4, Phường 1, thành phố Cao Lãnh, tỉnh Đồng Tháp"
SITE_PHONE = "0277 3851 120"
SITE_EMAIL = "ubnd@caolanh.dongthap.gov.vn"
SITE_RESPONSIBLE = "Chánh Văn phòng HĐND và UBND thành phố"
MENU_CATEGORIES = FRONT_MATTER_CATEGORIES

# --- Logging ----------------------------------------------------------------
# Development builds use relative URLs; production (publishconf.py) sets an
# absolute SITEURL for feeds, so this warning says nothing useful here.
import logging  # noqa: E402

LOG_FILTER = [(logging.WARNING, "Feeds generated without SITEURL or FEED_DOMAIN set properly may not be valid")]
READERS = {"rst": None}  # articles are Markdown only (no docutils warnings)
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": []}
