"""Markdown body → HTML in one pass, with images resolved and captioned.

Pure module (no Pelican imports). Image paths are written relative to the
article's own file, as every Markdown previewer shows them; they become
Pelican ``{static}/…`` links so the image is copied and linked from any URL.
An image alone in its paragraph becomes a ``<figure>`` whose ``<figcaption>``
is the Markdown title: ``![alt](anh.jpg "Chú thích")``.
Raw HTML written in the article is cut down to an allowlist (sanitize.py);
each removal comes back as a warning naming the line.
"""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
from markdown import blockprocessors, preprocessors
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.extensions.def_list import DefListProcessor
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.md_in_html import HtmlBlockPreprocessor as MarkdownInHtmlPreprocessor
from markdown.extensions.tables import TableProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import AtomicString

from build_core.errors import ContentError

from .sanitize import clean, find_unsafe

_FIRST_PARAGRAPH = re.compile(r"^<p>(.*?)</p>$", re.S | re.M)
_LINK_PREFIXES = ("{static}", "{attach}", "{filename}")
# Table column alignment as align="…", not style="text-align: …": inline styles
# are removed (the site's Content-Security-Policy forbids them).
_TABLE_ALIGN = {"use_align_attribute": True}


def _default_configs(extensions: list) -> dict:
    names = {e for e in extensions if isinstance(e, str)}
    configs = {}
    for extra in ("markdown.extensions.extra", "extra"):
        if extra in names:
            configs[extra] = {"tables": dict(_TABLE_ALIGN)}
    for tables in ("markdown.extensions.tables", "tables"):
        if tables in names:
            configs[tables] = dict(_TABLE_ALIGN)
    return configs


@dataclass(frozen=True)
class ImageRef:
    """Where an image path written in an article points."""

    site_path: str | None  # path below the content root, posix, or None if external
    error: str | None = None
    # The file whose existence decided the result, and whether it existed:
    # a cached read is valid only while that is still so.
    probe: tuple[str, bool] | None = None


def resolve_image(src: str, article_path: Path, content_root: Path) -> ImageRef:
    """Resolve ``src`` as written in ``article_path`` (both absolute paths)."""
    src = src.strip()
    if not src:
        return ImageRef(None, "đường dẫn ảnh trống")
    parts = urlsplit(src)
    if parts.scheme or src.startswith("//"):
        return ImageRef(None, f'"{src}" là ảnh ở trang khác; hãy đặt tệp ảnh cạnh bài viết (trang không tải nội dung bên ngoài)')
    for prefix in _LINK_PREFIXES:
        if src.startswith(prefix):
            relative = src[len(prefix):].lstrip("/")
            target = content_root / unquote(relative)
            break
    else:
        if src.startswith("/"):
            return ImageRef(None, f'"{src}" là đường dẫn tuyệt đối; hãy viết đường dẫn tính từ thư mục của bài viết, ví dụ anh.jpg')
        target = article_path.parent / unquote(parts.path)
    target = Path(posixpath.normpath(target.as_posix()))
    try:
        relative_to_root = target.relative_to(content_root)
    except ValueError:
        return ImageRef(None, f'"{src}" nằm ngoài thư mục content/; hãy chép ảnh vào cạnh bài viết')
    if not target.is_file():
        stored = _stored_name(target)
        if stored is None:
            return ImageRef(None, f'không tìm thấy tệp ảnh "{src}"; đặt ảnh cạnh bài viết và kiểm tra tên tệp, kể cả chữ hoa/thường',
                            (str(target), False))
        target, relative_to_root = stored, stored.relative_to(content_root)
    return ImageRef(relative_to_root.as_posix(), probe=(str(target), True))


def _stored_name(target: Path) -> Path | None:
    """The file ``target`` names when its name is stored in another Unicode
    form: the article is read as NFC, but a photo copied from macOS keeps
    an NFD name ("ảnh.jpg" as "a" + combining marks). None if there is none."""
    wanted = unicodedata.normalize("NFC", target.name)
    try:
        with os.scandir(target.parent) as entries:
            for entry in entries:
                if entry.name != target.name and unicodedata.normalize("NFC", entry.name) == wanted \
                        and entry.is_file():
                    return target.parent / entry.name
    except OSError:
        return None
    return None


def resolve_link(href: str, article_path: Path, content_root: Path) -> str | None:
    """The file a link of the body points at, as a posix path below the
    content root ("../…" when outside it), or None when it is no file of
    the site (another site, an address of this one, an anchor). Pelican's
    ``{filename}``/``{static}``/``{attach}`` forms are resolved as Pelican
    does (a leading "/" from the content root, else from the article's
    folder); a plain relative link from the article's folder, as images."""
    href = href.strip()
    for prefix in _LINK_PREFIXES:
        if href.startswith(prefix):
            href = href[len(prefix):]
            break
    else:
        prefix = None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or (prefix is None and href.startswith("/")):
        return None
    path = unquote(parts.path)
    folder = content_root if path.startswith("/") else article_path.parent
    target = posixpath.normpath((folder / path.lstrip("/")).as_posix())
    return posixpath.relpath(target, content_root.as_posix())


_HREF = re.compile(r'<a\s[^>]*?\bhref="([^"]*)"')


class _ImageProcessor(Treeprocessor):
    def __init__(self, md, owner: "BodyConverter"):
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    self.owner._rewrite_image(child)
                if child.tag == "p" and _is_lone_image(child):
                    parent[index] = _figure(child[0])


def _is_lone_image(paragraph: etree.Element) -> bool:
    return (
        len(paragraph) == 1
        and paragraph[0].tag == "img"
        and not (paragraph.text or "").strip()
        and not (paragraph[0].tail or "").strip()
    )


def _figure(img: etree.Element) -> etree.Element:
    figure = etree.Element("figure")
    img.tail = None
    figure.append(img)
    caption = img.attrib.pop("title", "").strip()
    if caption:
        figcaption = etree.SubElement(figure, "figcaption")
        figcaption.text = caption
    return figure


# Python-Markdown's inline rules, with what each needs in the text to match:
# ` \ [ ![ < & * _ and "  \n" (line break). Text with none of these is left as
# it is by every one of them.
_INLINE_RULES = frozenset({
    "backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
    "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "not_strong", "em_strong",
    "em_strong2", "strong_em", "strong", "emphasis", "emphasis2", "footnote"})
_INLINE_TRIGGER = re.compile(r"[`\\\[<&*_]|  \n")


class _QuickInline(InlineProcessor):
    """Markdown's inline pass, except that a text in which no inline rule can
    match is passed by, where Markdown would try each of its rules on it.
    Such a text is held as an ``AtomicString`` (Markdown's documented way to
    keep a text from the inline rules) during the pass and is plain text
    again after it, so that the tree processors that follow (abbreviations)
    see it as they would. Only while every registered rule is one of
    ``_INLINE_RULES``: an extension that adds its own rule (smarty, say)
    gets the full pass."""

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        rules = self.md.inlinePatterns
        if sum(name in rules for name in _INLINE_RULES) != len(rules):
            return super().run(tree, ancestors)
        passed = []
        for element in tree.iter():
            for part in ("text", "tail"):
                text = getattr(element, part)
                if text and type(text) is str and not _INLINE_TRIGGER.search(text):
                    setattr(element, part, AtomicString(text))
                    passed.append((element, part))
        try:
            return super().run(tree, ancestors)
        finally:
            for element, part in passed:
                if isinstance(text := getattr(element, part), AtomicString):
                    setattr(element, part, str(text))


def quick_inline(md: markdown.Markdown) -> markdown.Markdown:
    """Put :class:`_QuickInline` in place of Markdown's inline pass (its name and priority)."""
    _replace(md.treeprocessors, "inline", InlineProcessor, 20, lambda _inner: _QuickInline(md))
    return md


class _GuardedBlock(BlockProcessor):
    """One of Markdown's block processors, whose test is asked only of blocks
    holding one of ``triggers``: on the others it is False, as it would be."""

    def __init__(self, inner: BlockProcessor, triggers: tuple[str, ...]):
        super().__init__(inner.parser)
        self.inner, self.triggers = inner, triggers

    def test(self, parent, block) -> bool:
        return any(t in block for t in self.triggers) and self.inner.test(parent, block)

    def run(self, parent, blocks):
        return self.inner.run(parent, blocks)


class _GuardedPreprocessor(Preprocessor):
    """One of Markdown's preprocessors, run only on a text holding one of
    ``triggers``: otherwise it would give back the very same lines."""

    def __init__(self, inner: Preprocessor, triggers: tuple[str, ...]):
        super().__init__(inner.md)
        self.inner, self.triggers = inner, triggers

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        return self.inner.run(lines) if any(t in text for t in self.triggers) else lines


# Python-Markdown's block tests that search a whole block with a pattern, and
# what that pattern cannot match without: a quote needs ">", a hash header "#",
# a setext header a line of "=" or "-", a rule "-", "_" or "*", a definition
# ":", a table "|". Markdown tries each test on every paragraph; a plain
# paragraph has none of these and fails them all. Each is (name, class,
# priority) as Python-Markdown and its extensions register it.
_BLOCK_GUARDS = (
    ("quote", blockprocessors.BlockQuoteProcessor, 20, (">",)),
    ("hashheader", blockprocessors.HashHeaderProcessor, 70, ("#",)),
    ("setextheader", blockprocessors.SetextHeaderProcessor, 60, ("\n=", "\n-")),
    ("hr", blockprocessors.HRProcessor, 50, ("-", "_", "*")),
    ("deflist", DefListProcessor, 25, (":",)),
    ("table", TableProcessor, 75, ("|",)),
)
# Preprocessors that scan the whole text and give back the same lines unless
# it holds one of these: a fence (``` or ~~~) for fenced code, a tag, comment
# or entity (< or &) for the raw-HTML extractors, which otherwise pass every
# character through as data.
_PREPROCESSOR_GUARDS = (
    ("fenced_code_block", FencedBlockPreprocessor, 25, ("```", "~~~")),
    ("html_block", preprocessors.HtmlBlockPreprocessor, 20, ("<", "&")),
    ("html_block", MarkdownInHtmlPreprocessor, 20, ("<", "&")),
)


def _replace(registry, name: str, kind: type, priority: float, make) -> None:
    """Register ``make(the processor called name)`` in its place, when it is
    of exactly class ``kind`` (an extension's subclass may work otherwise).
    The registry keeps the order by priority: one that Python-Markdown no
    longer uses for ``name`` would move it, and stops the build here."""
    if name not in registry or type(registry[name]) is not kind:
        return
    index = registry.get_index_for_name(name)
    registry.register(make(registry[name]), name, priority)
    if registry.get_index_for_name(name) != index:
        raise RuntimeError(f'front_matter/body.py: Python-Markdown {markdown.__version__} does not register "{name}" '
                           f"at priority {priority}; update the priority there")


def quick_blocks(md: markdown.Markdown) -> markdown.Markdown:
    """Put a guard (:class:`_GuardedBlock`, :class:`_GuardedPreprocessor`) in
    place of each block test and preprocessor listed above."""
    for name, kind, priority, triggers in _BLOCK_GUARDS:
        _replace(md.parser.blockprocessors, name, kind, priority, lambda inner: _GuardedBlock(inner, triggers))
    for name, kind, priority, triggers in _PREPROCESSOR_GUARDS:
        _replace(md.preprocessors, name, kind, priority, lambda inner: _GuardedPreprocessor(inner, triggers))
    return md


class _ImageExtension(Extension):
    def __init__(self, owner: "BodyConverter"):
        super().__init__()
        self.owner = owner

    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        md.treeprocessors.register(_ImageProcessor(md, self.owner), "ban_tin_images", 5)


@dataclass
class Converted:
    html: str
    first_paragraph: str | None
    images: list[tuple[str, int]]  # (path below the content root, line in the file)
    errors: list[ContentError]
    warnings: list[ContentError] = field(default_factory=list)  # unsafe HTML removed
    probes: list[tuple[str, bool]] = field(default_factory=list)  # see ImageRef.probe
    # Links to files of the site: (as written, resolve_link's path, line).
    links: list[tuple[str, str, int]] = field(default_factory=list)


_PLAIN_LINE = re.compile(r"[^\W\d_](?:[\w.,;:()?%/–—-]| (?! ))*(?<! )")


class BodyConverter:
    """One Markdown instance, reset between documents (cheaper than a new one)."""

    def __init__(self, extensions: list, extension_configs: dict | None = None):
        self._md = quick_blocks(quick_inline(markdown.Markdown(
            extensions=[*extensions, _ImageExtension(self)],
            extension_configs={**_default_configs(extensions), **(extension_configs or {})},
            output_format="html",
        )))
        self._doc: tuple[str, Path, Path, str, int] | None = None
        self._errors: list[ContentError] = []
        self._images: list[tuple[str, int]] = []
        self._probes: list[tuple[str, bool]] = []

    def convert(self, body: str, *, display_path: str, source: Path, content_root: Path, body_line: int) -> Converted:
        self._doc = (display_path, source, content_root, body, body_line)
        self._errors, self._images, self._probes = [], [], []
        self._md.reset()
        html = clean(self._md.convert(body))
        match = _FIRST_PARAGRAPH.search(html)
        warnings = [ContentError(display_path, line, "html", message) for line, message in find_unsafe(body, body_line)]
        return Converted(html, match[1] if match else None, self._images, self._errors, warnings, self._probes,
                         self._links(html))

    def inline(self, text: str) -> str:
        """Render a short field (e.g. summary) as HTML, cut down like the body.

        Most summaries are one plain sentence: words, digits and punctuation
        that no Markdown rule (nor HTML escaping) touches, starting with a
        letter (a digit could start a list). Markdown would return it in a
        <p>: that is done directly, without a full conversion."""
        if _PLAIN_LINE.fullmatch(text) and "_" not in text:
            return f"<p>{text}</p>"
        self._doc = None
        self._md.reset()
        return clean(self._md.convert(text))

    def _links(self, html: str) -> list[tuple[str, str, int]]:
        """Every link of the cleaned body (Markdown or raw HTML) to a file of
        the site, with its line: what the allowlist checks and publishes."""
        _display, source, root, _body, _line = self._doc
        links = []
        for match in _HREF.finditer(html) if "<a" in html else ():
            href = unescape(match[1])
            target = resolve_link(href, source, root)
            if target is not None:
                links.append((href, target, self._line_of(href)))
        return links

    def _line_of(self, src: str) -> int:
        display_path, _source, _root, body, body_line = self._doc
        index = body.find(src)
        return body_line + (body[:index].count("\n") if index >= 0 else 0)

    def _rewrite_image(self, img: etree.Element) -> None:
        if self._doc is None:  # rendering a summary: images are not expected there
            return
        display_path, source, root, _body, _line = self._doc
        src = img.get("src", "")
        if not img.get("alt", "").strip():
            self._errors.append(ContentError(
                display_path, self._line_of(src), "image",
                f'ảnh "{src}" thiếu mô tả (alt); viết ![mô tả nội dung ảnh]({src} "chú thích")',
            ))
        ref = resolve_image(src, source, root)
        if ref.probe:
            self._probes.append(ref.probe)
        if ref.error:
            self._errors.append(ContentError(display_path, self._line_of(src), "image", ref.error))
            return
        self._images.append((ref.site_path, self._line_of(src)))
        img.set("src", "{static}/" + ref.site_path)
