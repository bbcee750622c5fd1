"""Vietnamese text features: NFC, lowercase, syllable unigrams and bigrams.

Pure module. Vietnamese words are mostly two or more syllables written apart
("thủ tục", "đất đai"), so adjacent-syllable bigrams carry most of the
meaning; "thủ tục" and "tục thủ" are different features. Bigrams never span
punctuation, a number or a stopword. The corpus-wide, numpy version is
vectorize.count_matrix(); features() is the same thing for one text.
"""

from __future__ import annotations

import html
import re
from collections import Counter

_TAG = re.compile(r"<[^>]+>")

# Function words of administrative Vietnamese, single syllables only: a
# two-syllable one ("thực hiện") would take a meaningful syllable ("thực tế")
# with it. Deliberately NOT listed, because they carry meaning in reform news:
# dân, người, công, số, hồ, sơ, trực, tuyến, đất, đai, hộ, tịch, chính, phủ, quý.
STOPWORDS = frozenset("""
và của các những là được cho trong với có này đã để tại từ theo về một nhiều như khi thì
mà nên cũng đó đây đến ra vào lên trên dưới sau trước nhằm bằng qua vẫn đang sẽ rất còn
nhưng hoặc hay nếu vì do bởi việc nhau mỗi mọi cùng thêm chỉ lại đều không chưa hơn cả gì
ai nào nữa thế vậy ngày lần đợt gồm
""".split())


def plain_text(markup: str) -> str:
    """HTML (or Markdown rendered to HTML) → plain text."""
    return html.unescape(_TAG.sub(" ", markup))


def features(text: str) -> Counter:
    """Term counts of one text: unigrams ("thủ") and bigrams ("thủ tục")."""
    from .vectorize import count_matrix

    matrix, vocabulary = count_matrix([text])
    row = matrix.getrow(0)
    return Counter({vocabulary[j]: int(c) for j, c in zip(row.indices, row.data)})
