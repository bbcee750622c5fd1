"""Raw HTML in article bodies: say what is unsafe, publish only an allowlist.

Pure module (no Pelican imports). Markdown lets an article embed any HTML, but
the site runs no script from articles and is served with a strict
Content-Security-Policy (``default-src 'self'``, no inline styles). :func:`clean`
keeps only what our Markdown extensions produce (nh3/Ammonia: an allowlist
sanitiser, not regexes of ours); :func:`find_unsafe` tells the editor, line by
line in the Markdown source, what :func:`clean` removes. Both read the allowlist
below, so the report and the removal agree.
"""

from __future__ import annotations

import bisect
import html
import re
from html.parser import HTMLParser

import nh3

# --- The allowlist ------------------------------------------------------------
TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "figure", "figcaption", "picture", "source",
    "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong", "b", "i", "u", "s", "del", "ins",
    "sub", "sup", "br", "hr", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "dl", "dt", "dd", "abbr", "div", "span", "mark", "small", "kbd", "q",
})
# attr_list lets editors set ids and classes; footnotes emit id="fn:1", class="footnote".
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
TAG_ATTRIBUTES = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"}),
    "source": frozenset({"srcset", "type", "sizes", "media"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"colspan", "rowspan", "scope", "align"}),  # align: table column alignment
    "td": frozenset({"colspan", "rowspan", "align"}),
}
# Relative links (``{static}/…``, ``../``, ``#fn:1``) always pass: they have no scheme.
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Removed together with what they contain (the rest keep their text).
DROP_CONTENT = frozenset({"script", "style", "iframe", "noscript", "template", "textarea", "title",
                          "xmp", "noembed", "noframes"})

_URL_ATTRIBUTES = frozenset({"href", "src"})
_EMBEDS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "video", "audio", "svg", "math"})
_FORMS = frozenset({"form", "input", "button", "select", "option", "textarea", "label", "fieldset"})


# Built once: nh3.clean() converts the whole allowlist on every call.
_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROP_CONTENT),
    attributes={"*": set(GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}},
    url_schemes=set(URL_SCHEMES),
    link_rel=None,  # no target=_blank survives, so rel adds nothing but noise
    strip_comments=True,
)


def clean(fragment: str) -> str:
    """``fragment`` with every tag, attribute and URL outside the allowlist removed."""
    return _CLEANER.clean(fragment)


def _url_kept(url: str) -> bool:
    """Ask nh3 itself: scheme rules and URL parsing are exactly the ones :func:`clean` applies."""
    probe = f'<a href="{html.escape(url, quote=True)}"></a>'
    return "href" in nh3.clean(probe, tags={"a"}, attributes={"a": {"href"}},
                               url_schemes=set(URL_SCHEMES), link_rel=None)


# --- Messages: Vietnamese, one line; worded for `make check` and the build alike --
_NO_SCRIPT = "trang không chạy mã nhúng trong bài"
_NO_STYLE = "trang không cho định dạng riêng trong bài; hãy dùng Markdown: **đậm**, *nghiêng*, ## tiêu đề"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tag_message(tag: str) -> str:
    removed = f"thẻ <{tag}> bị loại bỏ" + (" cùng nội dung bên trong" if tag in DROP_CONTENT else "")
    if tag == "script":
        return f"{removed} ({_NO_SCRIPT})"
    if tag == "style":
        return f"{removed} ({_NO_STYLE})"
    if tag in _EMBEDS:
        return f"{removed} (trang không nhúng nội dung từ trang khác; hãy đặt liên kết [chữ hiện ra](https://…))"
    if tag in _FORMS:
        return f"{removed} (bài viết không được chứa biểu mẫu)"
    keeps = "" if tag in DROP_CONTENT else "; phần chữ bên trong vẫn giữ"
    return f"{removed} (thẻ không được hỗ trợ trong bài{keeps})"


def _attribute_message(name: str, where: str) -> str:
    why = _NO_SCRIPT if name.startswith("on") else _NO_STYLE if name == "style" else "thuộc tính không được hỗ trợ trong bài"
    return f"thuộc tính {name} {where} bị loại bỏ ({why})"


def _url_message(url: str, where: str) -> str | None:
    """The message for a URL that :func:`clean` removes, or None if it is kept."""
    if _url_kept(url):
        return None
    plain = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(33))))
    scheme = plain.split(":", 1)[0].lower() if re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", plain) else ""
    if scheme in ("javascript", "vbscript"):
        why = _NO_SCRIPT
    elif scheme == "data":
        plain, why = _short(plain, 20), "không nhúng dữ liệu vào bài; hãy đặt tệp cạnh bài viết"
    elif scheme and scheme not in URL_SCHEMES:
        why = "chỉ dùng địa chỉ http, https, mailto, tel hoặc tệp đặt cạnh bài viết"
    else:
        why = "địa chỉ không hợp lệ; hãy kiểm tra lại"
    return f'địa chỉ "{_short(plain)}" {where} bị loại bỏ ({why})'


def _attributes_problems(where: str, attrs, allowed: frozenset[str]) -> list[str]:
    """Messages for the attributes ``where`` (e.g. "của thẻ <a>") that clean() removes."""
    messages = []
    for name, value in attrs:
        if name == "markdown":  # md_in_html: consumed by Markdown itself
            continue
        if name.startswith("on") or name not in allowed:
            messages.append(_attribute_message(name, where))
        elif name in _URL_ATTRIBUTES and value is not None:
            message = _url_message(value, where)
            if message:
                messages.append(message)
    return messages


# --- Where the raw HTML is: everything but code -------------------------------
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=fence)[ ]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
_LIST_ITEM = re.compile(r"^[ ]{0,3}(?:[*+-]|\d+[.)])[ \t]")
_HTML_BLOCK = re.compile(r"^<([a-zA-Z][a-zA-Z0-9]*)")
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure", "footer",
    "form", "header", "main", "nav", "ol", "p", "pre", "section", "table", "ul", "iframe", "object",
    "noscript", "script", "style", "video", "center", "textarea", "math", "canvas", "map",
})


def _spaces(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _blank(match: re.Match) -> str:
    return _spaces(match[0])


def _depth(tag: str, line: str) -> int:
    return len(re.findall(rf"<{tag}\b", line, re.I)) - len(re.findall(rf"</{tag}\s*>", line, re.I))


def _mask_indented_code(text: str) -> str:
    """Blank out indented code blocks (4 spaces; 8 inside a list), not raw HTML blocks."""
    lines = text.split("\n")
    prev_blank, in_list, in_code = True, False, False
    html_tag, html_depth = None, 0  # inside a raw HTML block Markdown copies every line as is
    for index, line in enumerate(lines):
        if not line.strip():
            prev_blank = True
            continue
        if html_tag:
            html_depth += _depth(html_tag, line)
            html_tag = html_tag if html_depth > 0 else None
            prev_blank = False
            continue
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        if _LIST_ITEM.match(line):
            in_list = True
        elif indent == 0 and prev_blank:
            in_list = False
        in_code = (prev_blank or in_code) and indent >= (8 if in_list else 4)
        if in_code:
            lines[index] = " " * len(line)
        elif (block := _HTML_BLOCK.match(line)) and block[1].lower() in _BLOCK_TAGS:
            html_depth = _depth(block[1], line)
            html_tag = block[1] if html_depth > 0 else None
        prev_blank = False
    return "\n".join(lines)


def _without_code(body: str) -> str:
    """``body`` with code blocks and code spans replaced by spaces (offsets unchanged)."""
    return _CODE_SPAN.sub(_blank, _mask_indented_code(_FENCE.sub(_blank, body)))


def _without_comments(text: str) -> str:
    """HTML comments blanked out (an unclosed ``<!--`` is text: Markdown escapes it)."""
    parts, position = [], 0
    while (start := text.find("<!--", position)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        parts += [text[position:start], _spaces(text[start: end + 3])]
        position = end + 3
    return "".join(parts) + text[position:]


# --- The scan -----------------------------------------------------------------
# ``<https://…>`` and ``<a@b.vn>`` are Markdown autolinks; any other ``<scheme:…>``
# is copied as an (unknown) HTML tag, which clean() removes whole.
_ANGLE_URL = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^\s<>]*)>")
_AUTOMAIL = re.compile(r"<[^<> !]+@[^@<> ]+>")
# A "<" that opens no complete tag is text; blanking it keeps HTMLParser linear
# (it rescans to the end of the text for every unclosed tag).
_STRAY_LT = re.compile(r"""<(?!/?[A-Za-z](?:[^<>"']|"[^"]*"|'[^']*')*>)""")
_AUTOLINKED = re.compile(r"(?:https?|ftps?)://|mailto:[^@]+@", re.I)
_LINK_START = re.compile(r"\]\(")
# What every finder below needs: "<" (tags, <url>, comments), "[" (links,
# references) or "{" (attribute lists).
_MAYBE_UNSAFE = re.compile(r"[<\[{]")
_DESTINATION = re.compile(r"\s*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))")
_REFERENCE = re.compile(r"^[ ]{0,3}\[(?!\^)([^\]]+)\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)", re.M)
_ATTR_LIST = re.compile(r"\{:?[ ]*([^\}\n ][^\}\n]{0,300})\}")
_ATTR_PAIR = re.compile(r"""([^\s=}"'#.][^\s=}"']*)=(?:"([^"]*)"|'([^']*)'|([^\s}]+))""")


class _Scanner(HTMLParser):
    """Collects (line, message) for every tag and attribute clean() removes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._dropping: list[str] = []  # open tags removed with their content

    def handle_starttag(self, tag, attrs):
        self._visit(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._visit(tag, attrs, closed=True)

    def handle_endtag(self, tag):
        if self._dropping and self._dropping[-1] == tag:
            self._dropping.pop()

    def _visit(self, tag: str, attrs, closed: bool) -> None:
        if self._dropping:
            return  # removed with the tag around it, already reported
        line = self.getpos()[0]
        if tag not in TAGS:
            self.found.append((line, _tag_message(tag)))
            if tag in DROP_CONTENT and not closed and tag not in self.CDATA_CONTENT_ELEMENTS:
                self._dropping.append(tag)
            return
        allowed = GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, frozenset())
        self.found.extend((line, message) for message in _attributes_problems(f"của thẻ <{tag}>", attrs, allowed))


def _link_destination(text: str, start: int) -> str:
    """The URL of a Markdown inline link whose ``(`` ends just before ``start``."""
    match = _DESTINATION.match(text, start)
    return match[1] if match[1] is not None else match[2]


def _link_label(text: str, close: int) -> str | None:
    """The text of the link whose ``]`` is at ``close``; None for ``![image]``
    (body.py checks those) and for a ``](`` with no ``[`` before it at all
    (plain text, not a link)."""
    start, depth = close - 1, 0
    floor = max(close - 300, 0)
    if text.rfind("[", 0, close) < 0:
        return None
    if text.rfind("[", floor, close) < 0:
        return ""
    while start >= floor:
        start = max(text.rfind("[", floor, start + 1), text.rfind("]", floor, start + 1))
        if start < 0:
            return ""
        if text[start] == "]":
            depth += 1
        elif depth:
            depth -= 1
        else:
            return None if start > 0 and text[start - 1] == "!" else text[start + 1: close]
        start -= 1
    return ""


def _markdown_links(text: str) -> list[tuple[int, str]]:
    """(offset, message) for Markdown links, autolinks and {: attr lists } clean() changes."""
    found = []
    for match in _LINK_START.finditer(text):
        label = _link_label(text, match.start())
        if label is not None:
            url = html.unescape(_link_destination(text, match.end()))
            message = _url_message(url, f"của liên kết [{_short(label, 30)}]")
            if message:
                found.append((match.start(), message))
    for match in _REFERENCE.finditer(text):
        message = _url_message(html.unescape(match[2].strip("<>")), f"của liên kết [{_short(match[1], 30)}]")
        if message:
            found.append((match.start(), message))
    for match in _ANGLE_URL.finditer(text):
        if text[max(0, match.start() - 100): match.start()].rstrip().endswith(("](", "]:")):
            continue  # <url> as the destination of a link: checked above
        url = match[1]
        message = _url_message(url, "của liên kết") or (None if _AUTOLINKED.match(url) else (
            f'"<{_short(url)}>" bị loại bỏ (Markdown không tạo liên kết từ dạng này; '
            f"hãy viết [chữ hiện ra]({_short(url)}))"))
        if message:
            found.append((match.start(), message))
    for match in _ATTR_LIST.finditer(text):
        pairs = [(m[1].lower(), next(v for v in m.groups()[1:] if v is not None))
                 for m in _ATTR_PAIR.finditer(match[1])]
        allowed = GLOBAL_ATTRIBUTES.union(*TAG_ATTRIBUTES.values())
        found.extend((match.start(), message) for message in _attributes_problems("trong {: … }", pairs, allowed))
    return found


def find_unsafe(markdown_body: str, body_line: int) -> list[tuple[int, str]]:
    """(line, message) for each thing :func:`clean` will remove from the rendered body.

    ``body_line`` is the line number of the body's first line in its file. Code
    blocks and code spans are skipped (Markdown shows their HTML as text), and
    so are HTML comments (an editor's notes, removed without a word).
    """
    if not _MAYBE_UNSAFE.search(markdown_body):
        return []  # no tag, link, reference or attribute list: nothing to find (most articles)
    text = _without_comments(_without_code(markdown_body))
    newlines = [match.start() for match in re.finditer("\n", text)]
    found = [(bisect.bisect_left(newlines, offset) + 1, message) for offset, message in _markdown_links(text)]
    scanner = _Scanner()
    markup = _AUTOMAIL.sub(_blank, _ANGLE_URL.sub(_blank, text))
    scanner.feed(_STRAY_LT.sub(" ", markup))
    scanner.close()
    found.extend(scanner.found)
    return [(body_line + line - 1, message) for line, message in sorted(found, key=lambda item: item[0])]
