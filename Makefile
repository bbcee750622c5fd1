# Bản tin CCHC — every command an editor or developer needs.
# `make site` and `make test` work on a fresh machine with Python 3.11 and make.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PELICAN_RUN := PYTHONPATH=plugins $(PY) -m pelican
comma  := ,
BIND   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: help site test fuzz check serve new golden screenshots related-report bench bench-trees bench-related bench-images bench-search publish lock clean

help:
	@echo "make site    - dựng trang từ content/ vào output/"
	@echo "SITEURL=https://… make publish - bản chính thức: địa chỉ tuyệt đối, sitemap, bản nén .gz/.br"
	@echo "make test    - chạy toàn bộ kiểm thử"
	@echo "make check   - kiểm tra nội dung (không dựng trang)"
	@echo "make fuzz    - thử bộ đọc và make check với nhiều tệp ngẫu nhiên (FUZZ_EXAMPLES=20000)"
	@echo "make serve   - xem trước tại http://$(BIND):$(PORT)/ (tự dựng lại khi sửa)"
	@echo "make new TITLE=\"…\" CATEGORY=\"…\" - tạo bài viết mới"
	@echo "make golden  - tạo lại kết quả mẫu của bộ kiểm thử (tests/golden/)"

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Cần Python 3.11, đang có " + sys.version' 
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $(STAMP)

site: $(STAMP)
	$(PELICAN_RUN) content -s pelicanconf.py $(PELICAN_OPTS)

publish: $(STAMP)
	$(PELICAN_RUN) content -s publishconf.py

check: $(STAMP)
	PYTHONPATH=plugins $(PY) -m front_matter.check -s pelicanconf.py

serve: $(STAMP)
	$(PELICAN_RUN) content -s pelicanconf.py --listen --autoreload --bind $(BIND) --port $(PORT) \
		--extra-settings BUILD_PREVIEW=true

new: $(STAMP)
	PYTHONPATH=plugins $(PY) -m front_matter.scaffold -s pelicanconf.py --title "$(TITLE)" --category "$(CATEGORY)" --author "$(AUTHOR)"

# pytest exits 5 when it collected no test: that is a failure here, not a pass.
# One pytest-xdist worker per core (at most TEST_WORKERS_MAX); the tests of a
# module stay on one worker, but for the modules tests/conftest.py spreads.
# TEST_WORKERS=0: everything in this process (e.g. to use a debugger).
TEST_WORKERS ?= auto
TEST_WORKERS_MAX ?= 4
test: $(STAMP)
	@status=0; $(PY) -m pytest -n $(TEST_WORKERS) --maxprocesses=$(TEST_WORKERS_MAX) --dist loadscope $(PYTEST_ARGS) \
		|| status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest ran no test" >&2; exit 1; fi; exit $$status

# The fuzz test of tests/test_fuzz.py at length: FUZZ_EXAMPLES random files
# through the reader (and an eighth as many `make check` runs), a new seed each time.
FUZZ_EXAMPLES ?= 20000
fuzz: $(STAMP)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/test_fuzz.py -q -s -p no:cacheprovider

golden: $(STAMP)
	$(PY) -m tests.golden

# "Có thể bạn quan tâm" explained: SLUG=… for one article; writes related-report.md.
related-report: $(STAMP)
	PYTHONPATH=plugins $(PY) -m related_articles.report -s pelicanconf.py --output related-report.md $(if $(SLUG),--slug $(SLUG))

# Build speed: our full build against plain Pelican + yaml-metadata + related-posts
# (own venv in bench/work/), 1,000 and 10,000 articles (50,000 with BENCH_LARGE=1).
bench: $(STAMP)
	$(PY) bench/build_bench.py $(if $(BENCH_LARGE),--large) $(BENCH_ARGS)

# Two trees side by side (e.g. before and after a change): the whole `make site`,
# search included, cold and after one edit. BEFORE=path/to/other/checkout
bench-trees: $(STAMP)
	$(PY) bench/compare_trees.py --before "$(BEFORE)" $(BENCH_ARGS)

# Related articles: precision@5 vs the tag-overlap baseline at 1,000 articles,
# then rank() time and memory at 10,000 (and 50,000 with BENCH_LARGE=1).
bench-related: $(STAMP)
	PYTHONPATH=plugins $(PY) bench/related_eval.py --n 1000
	PYTHONPATH=plugins $(PY) bench/related_eval.py --timing-only --sizes 10000$(if $(BENCH_LARGE),$(comma)50000)

# Responsive images: our pipeline (cold and warm cache) against pelican-image-process
# (own venv in bench/work/) on 40 camera-like 3000×2000 JPEGs; medians of 3 runs.
bench-images: $(STAMP)
	PYTHONPATH=plugins $(PY) bench/images_bench.py $(BENCH_ARGS)

# Search: Pagefind indexing time and index size at 1,000 and 10,000 articles,
# and the bytes Chromium downloads for one query on the 10,000-article site.
# What a browser downloads to search a built site (SITE, default output/).
bench-search: $(STAMP)
	PYTHONPATH=plugins $(PY) bench/search_bench.py $(or $(SITE),output) $(BENCH_ARGS)

# README pictures (docs/*.png), taken with the browser test setup.
screenshots: $(STAMP)
	$(PY) -m tests.browser.screenshots

# Re-resolve requirements.lock from pyproject.toml (needs network access to PyPI).
lock: $(STAMP)
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --extra test --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf output output.tmp output.old .output.lock cache .pytest_cache
