"""`make check`: validate every content file without building the site.

    python -m front_matter.check -s pelicanconf.py [FILE_OR_FOLDER …]

Prints the same one-line errors as the build (``path:line: field: message``)
and exits 1 if there is any. Warnings (unsafe HTML the build removes by itself)
are printed the same way, in file and line order with the errors, and do not
make the check fail.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pelican.settings import read_settings

from build_core.errors import display_path, write_errors
from content_allowlist.inventory import Document, decide, relative, walk
from content_allowlist.settings import ContentAllowlistSettings

from .collisions import check_all
from .document import DocumentReader, ReadResult
from .files import content_files
from .settings import FrontMatterSettings


def _document(path: Path, shown: str, result: ReadResult, root: str) -> Document:
    entry = result.entry
    return Document(relative(str(path), root), shown, entry.title,
                    entry.status, tuple(result.image_refs()), tuple(result.links))


def plugin_checks(pelican_settings: dict, settings: FrontMatterSettings, entries: list, images: list) -> list:
    """What the build's other plugins would refuse, found by their own pure
    checks: pinned related articles, and images the build cannot use (the
    same first steps as responsive_images: header, size, decoding)."""
    errors = []
    plugins = settings.plugins
    if "related_articles" in plugins:
        from related_articles.pins import entry_pins
        errors.extend(entry_pins(entries))
    if "responsive_images" in plugins:
        from responsive_images.process import problem_error, source_problem
        from responsive_images.settings import ResponsiveImagesSettings
        max_pixels = ResponsiveImagesSettings.from_pelican(pelican_settings).max_pixels
        problems: dict[str, str | None] = {}
        for shown, image, line in images:
            if image not in problems:
                problems[image] = source_problem(settings.content_root / image, max_pixels)
            if problems[image]:
                errors.append(problem_error(shown, line, image, problems[image]))
    return errors


def run(settings_path: str, targets: list[str], content: str | None = None, out=sys.stdout) -> int:
    pelican_settings = read_settings(settings_path, override={"PATH": os.path.abspath(content)} if content else None)
    settings = FrontMatterSettings.from_pelican(pelican_settings)
    allowlist = ContentAllowlistSettings.from_pelican(pelican_settings)
    reader = DocumentReader(settings)
    errors, warnings, entries, documents, images = [], [], [], [], []
    files = content_files(settings, targets)
    for path in files:
        result = reader.read(path)
        errors.extend(result.errors)
        warnings.extend(result.warnings)
        if result.entry is not None:
            shown = display_path(path)
            entries.append((shown, result.entry))
            documents.append(_document(path, shown, result, allowlist.content_root))
            images.extend((shown, image, line) for image, line in result.image_refs())
    errors.extend(check_all(entries, settings.reserved_slugs))
    errors.extend(plugin_checks(pelican_settings, settings, entries, images))
    # What the build publishes and refuses: the same walk and decision as content_allowlist's.
    verdict = decide(walk(allowlist, [os.path.abspath(t) for t in targets] or None), documents, allowlist)
    errors.extend(verdict.errors)
    write_errors([*errors, *warnings, *verdict.warnings])
    notice = ""
    if warnings:
        notice = (f" {len(set(warnings))} cảnh báo trong {len({w.path for w in warnings})} tệp: "
                  "phần HTML không an toàn sẽ bị loại bỏ khi dựng trang.")
    if verdict.warnings:
        notice += f" {len(verdict.warnings)} tệp không bài nào dùng nên không được đăng."
    if errors:
        bad = len({e.path for e in errors})
        print(f"Kiểm tra {len(files)} tệp: {len(set(errors))} lỗi trong {bad} tệp.{notice}", file=out)
        return 1
    print(f"Kiểm tra {len(files)} tệp: không có lỗi.{notice}", file=out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description="Kiểm tra nội dung bài viết.")
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="tệp cấu hình (pelicanconf.py)")
    parser.add_argument("--content", help="thư mục nội dung (mặc định: PATH trong tệp cấu hình)")
    parser.add_argument("targets", nargs="*", help="tệp hoặc thư mục cần kiểm tra (mặc định: toàn bộ content/)")
    args = parser.parse_args(argv)
    return run(args.settings, args.targets, args.content)


if __name__ == "__main__":
    sys.exit(main())
