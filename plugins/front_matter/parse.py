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

from build_core.errors import ContentError, vi_number

FENCE = "---"
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Front matter is a few short fields: bounds far above any real article keep
# a hostile file from costing minutes or gigabytes (YAML aliases nest: 459
# bytes of `&a [*b, *b]` chains expand to billions of values).
MAX_FRONT_MATTER_CHARS = 32_000
MAX_YAML_VALUES = 5_000  # values after alias expansion, every list item and field counted


class _Refused(Exception):
    """Front matter the loader will not construct (line is 0-based, in the YAML)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """How many values ``root`` stands for once every alias is expanded,
    counted without expanding (a node shared by aliases is sized once);
    stops counting past ``limit``."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        children = ([n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode)
                    else list(node.value))
        if children_done:
            sizes[id(node)] = min(limit + 1, 1 + sum(sizes.get(id(c), 0) for c in children))
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)]


class _FrontMatterLoader(_BaseLoader):
    """Safe loader (libyaml when available) that records key lines and duplicates.

    Dates are not resolved by YAML: ``2021-13-45`` would abort the whole
    document, whereas the schema reports it on its own line with a fix.
    """

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream):
        super().__init__(stream)
        # Also for a front matter of comments only, where YAML constructs nothing.
        self.key_lines: dict[Any, int] = {}
        self.duplicate_keys: list[tuple[Any, int]] = []

    def construct_document(self, node):
        if _expanded_size(node, MAX_YAML_VALUES) > MAX_YAML_VALUES:
            raise _Refused(node.start_mark.line, (
                f"phần đầu bài có hơn {vi_number(MAX_YAML_VALUES)} giá trị (kể cả các tham chiếu &/*); "
                "mỗi trường chỉ cần một giá trị ngắn hoặc một danh sách ngắn"))
        if isinstance(node, yaml.MappingNode):
            for key_node, _value in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    # Never repr() it: a node shared through aliases prints exponentially.
                    raise _Refused(key_node.start_mark.line,
                                   'tên trường phải là một từ (ví dụ title), không phải danh sách hay nhóm; '
                                   'viết mỗi trường trên một dòng "tên: giá trị"')
                key = key_node.value
                if key in self.key_lines:
                    self.duplicate_keys.append((key, key_node.start_mark.line))
                else:
                    self.key_lines[key] = key_node.start_mark.line
        return super().construct_document(node)


def _bounded_int(loader: _BaseLoader, node: yaml.ScalarNode):
    """YAML's integers, refused past a length no field needs: Python will
    not convert a number of more than 4,300 digits (a ValueError with no line)."""
    if len(node.value) > 100:
        raise _Refused(node.start_mark.line, "giá trị là một số dài hơn 100 chữ số; nếu đó là chữ, "
                       'đặt trong ngoặc kép, ví dụ title: "2021"')
    return _BaseLoader.construct_yaml_int(loader, node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:int", _bounded_int)


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


def _error(path: str, line: int, message: str, field_name: str = "front matter",
           body: str = "", body_line: int = 1) -> RawDocument:
    """A document whose front matter could not be read; its body (when the
    fences were found) is still checked, so every error shows at once."""
    return RawDocument(path, {}, {}, body, body_line, [ContentError(path, line, field_name, message)])


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
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        return _error(path, 2, f"phần đầu bài dài {vi_number(len(yaml_text))} ký tự, quá giới hạn "
                      f"{vi_number(MAX_FRONT_MATTER_CHARS)}; nội dung dài hãy viết trong thân bài, "
                      'sau dòng "---" đóng phần đầu',
                      body=body, body_line=body_line)
    loader = _FrontMatterLoader(yaml_text)
    try:
        data = loader.get_single_data()
    except _Refused as refused:
        return _error(path, refused.line + 2, refused.message, body=body, body_line=body_line)
    except yaml.MarkedYAMLError as exc:
        return _error(path, *_yaml_error(exc), body=body, body_line=body_line)
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reader errors
        return _error(path, 2, f"YAML không hợp lệ ({' '.join(str(exc).split())})", body=body, body_line=body_line)
    except RecursionError:
        return _error(path, 2, "YAML lồng nhau quá sâu; mỗi trường chỉ cần một giá trị hoặc một danh sách",
                      body=body, body_line=body_line)
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


def _yaml_error(exc: yaml.MarkedYAMLError) -> tuple[int, str]:
    """The file line to look at and the message. A construct left open (a
    quote never closed) is found only where the text ends: the line where it
    was opened is the one to fix, so it comes first."""
    problem = " ".join(str(exc.problem or exc.context or "lỗi cú pháp").split())
    hint = ('giá trị có dấu hai chấm, dấu # hoặc bắt đầu bằng ký tự đặc biệt phải đặt trong ngoặc kép, '
            'ví dụ title: "Quý 1: kết quả"')
    opened, found = exc.context_mark, exc.problem_mark
    if opened is not None and found is not None and opened.line < found.line:
        return opened.line + 2, (f"YAML không hợp lệ ({problem}, phát hiện ở dòng {found.line + 2}); "
                                 f"kiểm tra dấu ngoặc kép hoặc ngoặc mở ở dòng này đã được đóng chưa; {hint}")
    mark = found or opened
    return (mark.line + 2) if mark else 2, f"YAML không hợp lệ ({problem}); {hint}"


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, str):
        return "một đoạn chữ"
    return f"giá trị {value!r}"
