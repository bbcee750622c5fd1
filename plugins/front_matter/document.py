"""Read one content file: front matter, schema, body — all errors at once.

Pure module (no Pelican imports), shared by the Pelican reader and `make check`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from build_core.errors import ContentError, display_path, vi_number

from .body import BodyConverter, resolve_image
from .parse import parse_document
from .sanitize import find_unsafe
from .schema import Entry, validate
from .settings import FrontMatterSettings


@dataclass
class ReadResult:
    entry: Entry | None
    html: str = ""
    summary: str | None = None
    cover: str | None = None  # the cover image's path below the content root
    images: list[tuple[str, int]] = field(default_factory=list)  # body images: (path, line)
    errors: list[ContentError] = field(default_factory=list)
    # Problems the build fixes by itself (unsafe HTML removed): printed, never fatal.
    warnings: list[ContentError] = field(default_factory=list)
    # (file, existed) for every image path checked: what a cached copy depends on.
    probes: list[tuple[str, bool]] = field(default_factory=list)
    # The body's links to files of the site: (as written, path below the
    # content root, line); content_allowlist checks and publishes them.
    links: list[tuple[str, str, int]] = field(default_factory=list)

    def image_refs(self) -> list[tuple[str, int]]:
        """Every image shown (cover first), with the line that names it."""
        cover = [(self.cover, self.entry.lines.get("image", 1))] if self.cover else []
        return cover + list(self.images)


# An article is a few pages of text; a file far larger is a mistake (a pasted
# export, a binary saved as .md) that would cost the build minutes.
MAX_FILE_BYTES = 1_000_000


class DocumentReader:
    def __init__(self, settings: FrontMatterSettings):
        self.settings = settings
        self.converter = BodyConverter(list(settings.markdown_extensions),
                                       dict(settings.markdown_extension_configs))

    def read(self, source: str | os.PathLike) -> ReadResult:
        """Every problem of the file as located errors; never an exception:
        one escaping here would surface while another file is read (the
        prefetcher streams readings) and drop that one instead."""
        source = self.settings.within_content(source)
        shown = display_path(source)
        try:
            return self._read(source, shown)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            return ReadResult(None, errors=[ContentError(
                shown, 1, "tệp", f"không đọc được tệp ({reason}); kiểm tra tệp còn đó và có quyền đọc")])
        except Exception as exc:  # noqa: BLE001 - a reader bug must still name its file, and fail the build
            detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
            return ReadResult(None, errors=[ContentError(
                shown, 1, "tệp", f"không xử lý được tệp ({detail}); kiểm tra nội dung tệp, "
                "nếu vẫn lỗi hãy gửi tệp này cho nhóm phát triển")])

    def _read(self, source: Path, shown: str) -> ReadResult:
        size = os.stat(source).st_size
        if size > MAX_FILE_BYTES:
            return ReadResult(None, errors=[ContentError(
                shown, 1, "tệp", f"tệp nặng {vi_number(size)} byte, quá giới hạn {vi_number(MAX_FILE_BYTES)} byte "
                "của một bài viết; kiểm tra tệp có phải bài viết Markdown không, hoặc chia thành nhiều bài")])
        try:
            with open(source, encoding="utf-8") as handle:
                text = handle.read()
        except UnicodeDecodeError as exc:
            line = exc.object[: exc.start].count(b"\n") + 1
            return ReadResult(None, errors=[ContentError(
                shown, line, "encoding",
                "tệp không phải UTF-8; trong trình soạn thảo chọn Lưu với mã hoá UTF-8",
            )])
        doc = parse_document(text, shown)
        entry, errors = validate(doc, self.settings.kind_of(source), self.settings.schema)
        converted = self.converter.convert(
            doc.body, display_path=shown, source=source,
            content_root=self.settings.content_root, body_line=doc.body_line,
        )
        errors.extend(converted.errors)
        warnings = list(converted.warnings)
        if entry and entry.summary:
            line = entry.lines.get("summary", 1)
            warnings.extend(ContentError(shown, line, "summary", message)
                            for _line, message in find_unsafe(entry.summary, line))
        cover, probes = None, list(converted.probes)
        if entry and entry.image:
            ref = resolve_image(entry.image, source, self.settings.content_root)
            if ref.probe:
                probes.append(ref.probe)
            if ref.error:
                errors.append(ContentError(shown, entry.lines.get("image", 1), "image", ref.error))
            cover = ref.site_path
        if errors:
            return ReadResult(None, errors=errors, warnings=warnings, probes=probes)
        summary = self.converter.inline(entry.summary) if entry.summary else converted.first_paragraph
        return ReadResult(entry, converted.html, summary, cover, converted.images, warnings=warnings, probes=probes,
                          links=converted.links)
