"""Vietnamese text features: NFC, lowercase, syllable unigrams and bigrams.

Pure module. Vietnamese words are mostly two or more syllables written apart
("thủ tục", "đất đai"), so adjacent-syllable bigrams carry most of the
meaning; "thủ tục" and "tục thủ" are different features. Bigrams never span
punctuation or a stopword.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter

_TAG = re.compile(r"<[^>]+>")
_CLAUSES = re.compile(r"[.,;:!?()\[\]{}\"“”‘’'«»…/\\|\n\r\t–—•*#>_=+]+| - ")
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)  # letters only: numbers and dates carry no topic

# Function words of administrative Vietnamese. Deliberately NOT listed, because
# they carry meaning in reform news: dân, người, công, số, hồ, sơ, trực, tuyến,
# đất, đai, hộ, tịch, chính, phủ, bộ, máy, năm (in "6 tháng đầu năm" IDF handles it).
# Single syllables only: a two-syllable function word ("thực hiện") would
# otherwise take a meaningful syllable ("thực tế") with it.
STOPWORDS = frozenset("""
và của các những là được cho trong với có này đã để tại từ theo về một nhiều như khi thì
mà nên cũng đó đây đến ra vào lên trên dưới sau trước nhằm bằng qua vẫn đang sẽ rất còn
nhưng hoặc hay nếu vì do bởi việc nhau mỗi mọi cùng thêm chỉ lại đều không chưa hơn cả gì
ai nào nữa thế vậy ngày lần đợt gồm
""".split())


def plain_text(markup: str) -> str:
    """HTML (or Markdown rendered to HTML) → plain text."""
    return html.unescape(_TAG.sub(" ", markup))


def tokens(text: str) -> list[list[str]]:
    """Clauses of lowercase NFC syllables."""
    text = unicodedata.normalize("NFC", text).lower()
    return [_TOKEN.findall(clause) for clause in _CLAUSES.split(text)]


def features(text: str) -> Counter:
    """Term counts: unigrams ("thủ") and bigrams ("thủ tục"), without stopwords."""
    counts: Counter = Counter()
    for clause in tokens(text):
        previous = None
        for syllable in clause:
            if syllable in STOPWORDS:
                previous = None
                continue
            counts[syllable] += 1
            if previous is not None:
                counts[previous + " " + syllable] += 1
            previous = syllable
    return counts
