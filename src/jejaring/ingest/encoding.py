"""Bytes to text, saying plainly when the bytes were not valid UTF-8."""

from __future__ import annotations

import codecs

from jejaring.errors import IngestError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def looks_binary(data: bytes) -> bool:
    """A NUL byte in the first 8 KiB marks a binary file (as git and grep decide)."""
    return b"\x00" in data[:8192]


def decode(data: bytes, source: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode ``data`` and return the text with any warnings about how.

    UTF-8 (or a byte-order mark, or a declared charset) is tried first; invalid
    UTF-8 is then decoded with the most likely legacy encoding, and failing
    that with replacement characters. Either way a warning names what was done.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff"), []
    if looks_binary(data):
        raise IngestError(source, "binary file (contains NUL bytes), not text", "binary")
    try:
        return data.decode(declared or "utf-8"), []
    except (UnicodeDecodeError, LookupError) as exc:
        offset = exc.start if isinstance(exc, UnicodeDecodeError) else 0
    guessed = _guess_encoding(data)
    if guessed:
        warning = f"invalid UTF-8 at byte {offset}; decoded as {guessed}"
        return data.decode(guessed, errors="replace"), [warning]
    text = data.decode("utf-8", errors="replace")
    return text, [f"invalid UTF-8 at byte {offset}; replaced {text.count('�')} bad bytes"]


# Legacy single-byte encodings that detectors confuse on short Latin-script
# text; Windows-1252 is by far the most common of them on the web.
_WESTERN_LOOKALIKES = {
    "cp1250",
    "cp1252",
    "cp1254",
    "cp1257",
    "latin_1",
    "iso8859_2",
    "iso8859_15",
    "iso8859_9",
    "mac_roman",
    "mac_latin2",
}


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding in {"utf_8", "ascii"}:
        return None
    if best.encoding in _WESTERN_LOOKALIKES and _decodes(data, "cp1252"):
        return "cp1252"
    return best.encoding


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
