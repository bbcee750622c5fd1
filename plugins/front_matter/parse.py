"""Split a Markdown file into its YAML front matter and body.

Pure module (no Pelican imports). Text is normalised to NFC before anything
else, so an NFD file (macOS/Windows input) reads exactly like its NFC twin.
Line numbers are those of the file, so every error points where to look.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from build_guard.errors import ContentError

FENCE = "---"
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FrontMatterLoader(_BaseLoader):
    """Safe loader (libyaml when available) that records key lines and duplicates.

    Dates are not resolved by YAML: ``2021-13-45`` would abort the whole
    document, whereas the schema reports it on its own line with a fix.
    """

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def construct_document(self, node):
        self.key_lines: dict[Any, int] = {}
        self.duplicate_keys: list[tuple[Any, int]] = []
        if isinstance(node, yaml.MappingNode):
            for key_node, _value in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
                if key in self.key_lines:
                    self.duplicate_keys.append((key, key_node.start_mark.line))
                else:
                    self.key_lines[key] = key_node.start_mark.line
        return super().construct_document(node)


@dataclass(frozen=True)
class RawDocument:
    """A file's front matter as YAML gave it, with file line numbers."""

    path: str
    fields: dict[str, Any]
    key_lines: dict[str, int]
    body: str
    body_line: int
    errors: list[ContentError] = field(default_factory=list)


def normalise(text: str) -> str:
    """NFC, no BOM, LF line endings."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _error(path: str, line: int, message: str, field_name: str = "front matter") -> RawDocument:
    return RawDocument(path, {}, {}, "", 1, [ContentError(path, line, field_name, message)])


def parse_document(text: str, path: str) -> RawDocument:
    """Parse ``text`` (the whole file); ``path`` is only used in messages."""
    lines = normalise(text).split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return _error(
            path,
            1,
            'bài viết phải bắt đầu bằng dòng "---", tiếp theo là các trường '
            '(title, date, author, category…) và một dòng "---" nữa',
        )
    closing = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "...")), None
    )
    if closing is None:
        return _error(
            path,
            1,
            'phần đầu bài mở bằng "---" ở dòng 1 nhưng không có dòng "---" đóng lại; '
            'thêm một dòng "---" sau trường cuối cùng',
        )
    yaml_text = "\n".join(lines[1:closing])
    body = "\n".join(lines[closing + 1 :])
    body_line = closing + 2
    loader = _FrontMatterLoader(yaml_text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 2) if mark else 2
        problem = " ".join(str(exc.problem or exc.context or "lỗi cú pháp").split())
        return _error(
            path,
            line,
            f"YAML không hợp lệ ({problem}); giá trị có dấu hai chấm, dấu # "
            'hoặc bắt đầu bằng ký tự đặc biệt phải đặt trong ngoặc kép, ví dụ title: "Quý 1: kết quả"',
        )
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reader errors
        return _error(path, 2, f"YAML không hợp lệ ({' '.join(str(exc).split())})")
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return _error(
            path,
            2,
            'phần đầu bài phải là các dòng "tên: giá trị" (ví dụ title: …), '
            f"không phải {_describe(data)}",
        )
    key_lines = {str(k): line + 2 for k, line in loader.key_lines.items()}
    errors = [
        ContentError(
            path,
            line + 2,
            str(key),
            f"trường bị khai báo hai lần (lần đầu ở dòng {key_lines[str(key)]}); xoá một dòng",
        )
        for key, line in loader.duplicate_keys
    ]
    fields = {str(k): v for k, v in data.items()}
    return RawDocument(path, fields, key_lines, body, body_line, errors)


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, str):
        return "một đoạn chữ"
    return f"giá trị {value!r}"
