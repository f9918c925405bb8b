"""The gettext catalogues: complete for Indonesian, compiled .mo in step with .po sources."""

from __future__ import annotations

import gettext
import io

import pytest

from jejaring.serve.web.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, TEMPLATE_DIR

babel = pytest.importorskip("babel", reason="the catalogue checks need babel (the test extra)")
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402


def catalogue(language: str):
    with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as source:
        return read_po(source)


def template_messages() -> set[str]:
    method_map = [("**.html", "jinja2")]
    options = {"**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True"}}
    return {message for _, _, message, _, _ in extract_from_dir(TEMPLATE_DIR, method_map, options)}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_po_sources_hold_every_template_message(language: str) -> None:
    known = {message.id for message in catalogue(language) if message.id}
    missing = template_messages() - known
    assert not missing, f"run pybabel extract/update (README, Web app): {sorted(missing)[:5]}"


def test_indonesian_translates_every_message() -> None:
    untranslated = [m.id for m in catalogue("id") if m.id and not m.string]
    fuzzy = [m.id for m in catalogue("id") if m.id and m.fuzzy]
    assert not untranslated and not fuzzy, (untranslated[:5], fuzzy[:5])


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_compiled_catalogue_matches_its_source(language: str) -> None:
    mo = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    compiled = gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
    for message in catalogue(language):
        if message.id and message.string:
            assert compiled.gettext(message.id) == message.string, (
                f"{mo} is older than its .po: run pybabel compile (README, Web app)"
            )
    translated = {m.id for m in catalogue(language) if m.id and m.string}
    assert set(compiled._catalog) - {""} == translated
