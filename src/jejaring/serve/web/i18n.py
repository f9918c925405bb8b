"""Interface languages: gettext catalogues, and which one a request gets.

The choice is, in order: the ``jejaring_lang`` cookie set by the language
switch, the best match in ``Accept-Language``, then Indonesian — the language
of most of the documents and of most of the people who read them.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

SERVE = Path(__file__).resolve().parents[1]
LOCALE_DIR = SERVE / "locale"
TEMPLATE_DIR = SERVE / "templates"
DOMAIN = "messages"
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANGUAGE = "id"
COOKIE = "jejaring_lang"


def choose_language(cookie: str | None, accept_language: str | None) -> str:
    """The interface language for a request: the cookie, else Accept-Language, else the default."""
    if cookie in LANGUAGES:
        return cookie
    for tag in _ranked_tags(accept_language or ""):
        primary = tag.split("-")[0]
        if primary in LANGUAGES:
            return primary
    return DEFAULT_LANGUAGE


def _ranked_tags(header: str) -> list[str]:
    """Language tags of an Accept-Language header, most wanted first (q=0 dropped)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            ranked.append((-quality, position, tag.strip().lower()))
    return [tag for _, _, tag in sorted(ranked)]


def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language`` (English msgids are their own translation)."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


@cache
def environment(language: str) -> Environment:
    """One Jinja2 environment per language, so concurrent requests never share a locale."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.globals["LANGUAGES"] = LANGUAGES
    return env
