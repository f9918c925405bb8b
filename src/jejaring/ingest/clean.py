"""Cleaning: the one definition of the text that every character offset refers to.

Extraction and the store share this function, so offsets computed on a
document's cleaned text stay valid wherever the document goes.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that render as nothing or as a plain space; kept out of the
# cleaned text so that identical articles copied from different sites compare equal.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[^\S\n]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MANY_BREAKS = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Normalise Unicode (NFC) and whitespace, keeping paragraph breaks.

    Lines are stripped, runs of spaces and tabs become one space, and more
    than one blank line becomes exactly one, so the paragraph structure that
    sentence splitting relies on survives.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = _CONTROL.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _MANY_BREAKS.sub("\n\n", text).strip()


_MD_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"```.*?```", re.S), ""),  # fenced code is not prose
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]+\S+.*$", re.M), ""),  # link definitions
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"^[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$", re.M), ""),  # horizontal rules
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
    (re.compile(r"<[^>\n]+>"), ""),  # inline HTML tags
    (re.compile(r"\\$", re.M), ""),  # hard line breaks
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!@|~>])"), r"\1"),  # backslash escapes
]


def markdown_to_text(markdown: str) -> str:
    """Strip Markdown markup, keeping the words a reader sees.

    A light, regex-based reduction: news bodies use emphasis, links, headings
    and escapes, not the whole of CommonMark, and a full parser would add a
    dependency for no gain in what extraction sees.
    """
    text = markdown
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text
