"""Lists of cue phrases as one compiled pattern, built once per list."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=128)
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``phrases`` as whole words, case-insensitive, longest first."""
    alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.I)
