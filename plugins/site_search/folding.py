"""Vietnamese folding for the search index. Pure: no Pelican, no I/O.

Pagefind (≥ 1.5) folds combining marks itself, so "cai cach" finds "cải cách"
and the exact spelling ranks first. It cannot fold ``đ``/``Đ``: the letter
has no decomposition, so "dat dai" would never reach "đất đai". For each
indexed word that contains ``đ`` we therefore index one more copy with
``đ → d`` (only that: the other marks stay, Pagefind folds them and keeps
ranking the closest spelling first). The copies are invisible on the page
(HTML attributes, see templates/partials/search_data.html).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html import unescape

_D = str.maketrans({"đ": "d", "Đ": "D"})
_SKIPPED_TAGS = {"script", "style", "template", "noscript", "svg"}


def fold_d(text: str) -> str:
    """``đ → d``, ``Đ → D``; the rest of the text is unchanged (NFC)."""
    return unicodedata.normalize("NFC", text).translate(_D)


def _strip_punctuation(word: str) -> str:
    start, end = 0, len(word)
    while start < end and not word[start].isalnum():
        start += 1
    while end > start and not word[end - 1].isalnum():
        end -= 1
    return word[start:end]


# Between two copies whose words were not next to each other in the text: a
# letter no reader types, so the copies "dất" and "dai" stand side by side
# (search.js ranks pages where the searched words do first) only when "đất
# đai" did.
GAP = "\u02bc"


def d_word_copies(text: str) -> list[str]:
    """One folded copy per word of ``text`` that contains đ/Đ, in text order,
    with :data:`GAP` between copies of words that were apart.

    >>> d_word_copies("Đăng ký đất đai (đợt 2) tại xã.")
    ['dăng', 'ʼ', 'dất', 'dai', 'dợt']
    """
    text = unicodedata.normalize("NFC", text)
    if "đ" not in text and "Đ" not in text:
        return []
    copies: list[str] = []
    apart = False
    for token in text.split():
        word = _strip_punctuation(token) if ("đ" in token or "Đ" in token) else ""
        if "đ" in word or "Đ" in word:  # only these are stripped: most words have no đ
            if apart and copies:
                copies.append(GAP)
            copies.append(word.translate(_D).lower())
            apart = False
        elif _strip_punctuation(token):
            apart = True
    return copies


_SKIPPED = re.compile(r"<(%s)\b.*?</\1\s*>" % "|".join(sorted(_SKIPPED_TAGS)), re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]*>")


def html_text(html: str) -> str:
    """The readable text of an HTML fragment, whitespace collapsed.

    The fragments are article bodies already sanitised by front_matter
    (well-formed, ``<`` in text escaped), so regular expressions do what an
    HTML parser would, ten times faster: a tag separates words ("a<br>b" is
    two words), script/style/template/noscript/svg say nothing.
    """
    text = _TAG.sub(" ", _SKIPPED.sub(" ", _COMMENT.sub(" ", html or "")))
    return " ".join(unescape(text).split())


@dataclass(frozen=True)
class FoldedText:
    """What the article page adds to the index besides its visible text."""

    summary: str  # the summary's text when the body does not already contain it, else ""
    title_copies: str  # đ-words of the title, folded (indexed with the title's weight)
    text_copies: str  # đ-words of the body and of ``summary``, folded

    @property
    def has_copies(self) -> bool:
        return bool(self.title_copies or self.text_copies)


def fold_article(title: str, body_html: str, summary_html: str | None) -> FoldedText:
    body = html_text(body_html)
    summary = html_text(summary_html or "")
    # The default summary is the first paragraph: indexing it twice would
    # count its words twice. Only a summary written apart is added.
    extra = summary if summary and summary not in body else ""
    return FoldedText(
        summary=extra,
        title_copies=" ".join(d_word_copies(title)),
        text_copies=f" {GAP} ".join(c for c in (" ".join(d_word_copies(body)), " ".join(d_word_copies(extra))) if c),
    )
