"""Reporting periods (quarters): ``2021-Q1`` ↔ "Quý 1 năm 2021" / "Quý I/2021"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

PERIOD_RE = re.compile(r"^(\d{4})-Q([1-4])$")
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int

    @classmethod
    def parse(cls, text: str) -> "Period | None":
        match = PERIOD_RE.match(text.strip().upper())
        return cls(int(match[1]), int(match[2])) if match else None

    @classmethod
    def of_date(cls, day: date) -> "Period":
        return cls(day.year, (day.month - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}"

    @property
    def label(self) -> str:
        return f"Quý {self.quarter} năm {self.year}"

    @property
    def short_label(self) -> str:
        return f"Quý {_ROMAN[self.quarter]}/{self.year}"
