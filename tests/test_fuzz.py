"""Fuzzing the front-matter reader and `make check` (issue 19).

Random bytes, random YAML and random Markdown never crash with a traceback,
never give a result that is neither an article nor a located error, never
exit 0 while printing an error, and never take more than a few seconds or a
few hundred MB per file. `make test` runs a fixed-seed, bounded sample (under
30 s); `make fuzz` runs many more inputs with a new seed each time
(FUZZ_EXAMPLES, default 20,000) and prints how many it tried.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import resource
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from front_matter.check import run as run_check
from front_matter.document import DocumentReader
from front_matter.settings import FrontMatterSettings
from tests.helpers import SETTINGS

LONG_RUN = "FUZZ_EXAMPLES" in os.environ
READ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 400))
CHECK_EXAMPLES = max(READ_EXAMPLES // 8, 40)
FUZZ = settings(
    max_examples=READ_EXAMPLES, deadline=None, database=None, derandomize=not LONG_RUN,
    suppress_health_check=list(HealthCheck), print_blob=True,
)
SECONDS_PER_FILE = 5
CATEGORY = "Cải cách thể chế"
LINE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+): (?P<field>[^:\n]+): \S[^\n]*$")
TRIED = {"read": 0, "check": 0}

FIELDS = ["title", "date", "author", "category", "tags", "summary", "image", "image_alt", "image_caption",
          "period", "unit", "slug", "related", "status", "tittle", "Title", "?", "- x", "<<", "!!binary"]
SCALARS = st.one_of(
    st.sampled_from([
        "Tin thử", CATEGORY, "2021-04-08 10:00", "0001-01-01T00:00:00+08:00", "9999-12-31T23:00:00-05:00",
        "2021-13-45", "2021-Q5", "2021-Q1", "draft", "hidden", "published", "anh.jpg", "../../etc/passwd",
        "/abs.jpg", "http://x/y.jpg", "{static}/a.jpg", "[a, b]", "{a: 1}", "&a x", "*a", "*b", "[*a, *a]",
        "!!python/object/apply:os.system ['true']", "|", ">-", "'", '"', "'unclosed", '"unclosed', "~", "null",
        "yes", "1e400", "0x1F", "1" * 5000, "<script>alert(1)</script>", "<!--", "</script>", "a: b", "# c",
        "\t", "đ" * 400, "\u0301\u0323", "\x00", "\ufeff", "tin-thu", "x" * 200,
    ]),
    st.text(max_size=60),
    st.integers(),
)
BODY_PARTS = st.sampled_from([
    "Đoạn văn.", "![Ảnh](anh.jpg \"Chú thích\")", "![](khong-co.png)", "[Kế hoạch]({filename}/articles/x.md)",
    "[tệp](ke-hoach.pdf)", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<!--", "-->",
    "<div markdown=\"1\">*x*</div>", "| a | b |\n|---|---|\n| 1 | 2 |", "[^1]\n\n[^1]: chú thích",
    "> trích", "```\ncode\n```", "***", "    thụt lề", "<svg onload=alert(1)>", "[a](javascript:alert(1))",
    "*" * 300, "[" * 300, "<" * 300, "![" * 100, "\r\n", "\x00", "---", "...", "\u202e", "# Tiêu đề",
])


@st.composite
def documents(draw) -> bytes:
    kind = draw(st.integers(0, 3))
    if kind == 0:  # any bytes at all
        return draw(st.binary(max_size=3000))
    if kind == 1:  # any text, invalid UTF-8 included
        return draw(st.text(max_size=3000)).encode("utf-8", "surrogatepass")
    lines = []
    for _ in range(draw(st.integers(0, 14))):
        name = draw(st.sampled_from(FIELDS) | st.text(max_size=12))
        value = draw(st.lists(SCALARS, max_size=4).map(lambda xs: "[" + ", ".join(map(str, xs)) + "]")
                     if draw(st.booleans()) and name in ("tags", "related") else SCALARS)
        lines.append(f"{name}: {value}")
    if kind == 3:  # aliases and nesting on purpose
        depth = draw(st.integers(1, 12))
        lines.append("a0: &a0 [x, x, x, x, x, x, x, x, x]")
        lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, depth)]
        lines.append(draw(st.sampled_from([f"? *a{depth - 1}\n: 1", f"x: *a{depth - 1}", "[" * 200 + "]" * 200])))
    fence = draw(st.sampled_from(["---", "---", "--- ", "", "***"]))
    closing = draw(st.sampled_from(["---", "---", "...", ""]))
    body = "\n\n".join(draw(st.lists(BODY_PARTS | st.text(max_size=200), max_size=12)))
    text = "\n".join([fence, *lines, closing, "", body])
    return text.encode("utf-8", "surrogatepass")


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "content"
    (root / "articles" / "2024").mkdir(parents=True)
    (root / "pages").mkdir()
    from PIL import Image
    Image.new("RGB", (64, 40), (200, 100, 50)).save(root / "articles" / "2024" / "anh.jpg")
    return root


def _assert_located(lines: list[str], shown: str, line_count: int) -> None:
    for text in lines:
        match = LINE.match(text)
        assert match, text
        assert match["path"] == shown, text
        assert 0 < int(match["line"]) <= line_count + 1, text
        # The reader's last resort (an exception it did not foresee) is a bug to fix.
        assert "không xử lý được tệp" not in text, text


@FUZZ
@given(data=documents())
def _fuzz_read(reader: DocumentReader, path: Path, data: bytes) -> None:
    path.write_bytes(data)
    started = time.perf_counter()
    result = reader.read(path)  # never raises: a problem is an error naming the file
    assert time.perf_counter() - started < SECONDS_PER_FILE
    TRIED["read"] += 1
    assert (result.entry is None) == bool(result.errors)  # neither published silently broken nor lost
    shown = os.path.relpath(path).replace(os.sep, "/")
    # Lines as editors count them: CR LF, LF and a lone CR each end one.
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    _assert_located([str(e) for e in [*result.errors, *result.warnings]], shown, lines)


def test_reader_never_crashes_and_always_locates(content, monkeypatch):
    monkeypatch.chdir(content.parent)
    settings_ = FrontMatterSettings.from_pelican({"PATH": str(content), "FRONT_MATTER_CATEGORIES": [CATEGORY]})
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _fuzz_read(DocumentReader(settings_), content / "articles" / "2024" / "x.md")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 300, f"peak memory grew by {grown_mb:.0f} MB"
    print(f"\nfuzz: đã thử {TRIED['read']} tệp với bộ đọc")


@settings(FUZZ, max_examples=CHECK_EXAMPLES)
@given(files=st.lists(documents(), min_size=1, max_size=3))
def _fuzz_check(content: Path, files: list[bytes]) -> None:
    folder = content / "articles" / "2024"
    for old in folder.glob("*.md"):
        old.unlink()
    for i, data in enumerate(files):
        (folder / f"bai-{i}.md").write_bytes(data)
    stderr, stdout = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stderr(stderr):
        code = run_check(str(SETTINGS), [], content=str(content), out=stdout)
    assert time.perf_counter() - started < SECONDS_PER_FILE * len(files)
    TRIED["check"] += 1
    printed = stderr.getvalue().splitlines()
    assert all(LINE.match(line) for line in printed), printed
    errors = [line for line in printed if LINE.match(line)["field"] not in ("html", "summary")]
    assert code in (0, 1)
    # Never exit 0 while printing an error, never 1 with nothing to fix.
    assert (code == 1) == bool(errors), (code, printed)
    summary = stdout.getvalue()
    assert ("không có lỗi" in summary) == (code == 0), summary


def test_check_never_crashes_and_exits_1_exactly_when_it_prints_an_error(content, monkeypatch):
    monkeypatch.chdir(content.parent)
    _fuzz_check(content)
    print(f"\nfuzz: đã thử {TRIED['check']} lần make check")
