"""Vietnamese-aware slugs: "Kết quả … Quý 1" → "ket-qua-quy-1" (đ/Đ → d).

Not Pelican's ``slugify``, which would give other addresses for text the
site has: with Pelican's ``SLUG_REGEX_SUBSTITUTIONS`` punctuation is deleted
rather than separating words ("quý I/2022" → "quy-i2022", "81,0%" → "810");
with substitutions of ours it still reads its input as HTML (a "<b>" in a
title is dropped, "&amp;" decoded) and folds it with NFKC ("µ" → "m", not
"u"), where front-matter text is plain text read as NFC.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@lru_cache(maxsize=65536)  # tags, authors and categories repeat on every article
def slugify(text: str) -> str:
    """Fold to lowercase ASCII words joined by hyphens.

    unidecode folds Vietnamese letters the way readers expect (đ → d, ơ → o),
    which stripping combining marks alone would not do for đ.
    """
    ascii_text = unidecode(unicodedata.normalize("NFC", text)).lower()
    return _NON_ALNUM.sub("-", ascii_text).strip("-")
