"""Where a report was filed: the dateline that opens a news story's body.

"JAKARTA - …", "SEMARANG, KOMPAS.com - …", "BANDUNG, 14 Maret 2024 - …",
"GEORGE TOWN: …", "Jakarta, 28 August 2024 – …". Its place is where the
story was written, not an actor of the story, and its date is the filing day,
not the day something happened. One definition serves every component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A place in capitals, then perhaps ", <agency or date>", then a dash; or a colon.
_UPPER = re.compile(r"([A-Z][A-Z .'\-]{2,30}?)(\s*(?:,[^\n]{0,40}?)?\s[-–—]\s|:\s)")
# A place in ordinary case needs a comma and a date before the dash.
_TITLED = re.compile(
    r"([A-Z][a-zà-ÿ]+(?: [A-Z][a-zà-ÿ]+){0,2})(,[^\n.!?]{0,30}?\d[^\n]{0,20}?\s[-–—]\s)"
)


@dataclass(frozen=True)
class Dateline:
    place_start: int
    place_end: int
    end: int  # where the story itself begins

    def holds_place(self, start: int, end: int) -> bool:
        return self.place_start <= start and end <= self.place_end

    def holds_date(self, start: int, end: int) -> bool:
        return self.place_end <= start and end <= self.end


def dateline_at(text: str, position: int) -> Dateline | None:
    """The dateline that starts at ``position``, which must open a line."""
    if position > 0 and text[position - 1] != "\n":
        return None
    match = _UPPER.match(text, position) or _TITLED.match(text, position)
    return Dateline(match.start(1), match.end(1), match.end()) if match else None


def datelines(text: str) -> list[Dateline]:
    """Every line that opens with a dateline."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    return [d for d in (dateline_at(text, s) for s in starts) if d is not None]


# No dateline runs longer than this, so a line is not read back further.
MAX_DATELINE = 120


def line_dateline(text: str, position: int) -> Dateline | None:
    """The dateline of the line ``position`` stands on, if that line opens with one."""
    line_start = text.rfind("\n", max(0, position - MAX_DATELINE), position) + 1
    if line_start == 0 and position > MAX_DATELINE:
        return None
    return dateline_at(text, line_start)


def in_dateline_place(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the place of its line's dateline."""
    dateline = line_dateline(text, start)
    return dateline is not None and dateline.holds_place(start, end)


def in_dateline_date(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in its line's dateline after the place (its date)."""
    dateline = line_dateline(text, start)
    return dateline is not None and dateline.holds_date(start, end)
