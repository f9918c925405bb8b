"""Page routes without the API: language choice, the switch, headers, local assets only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jejaring.serve.web import mount_web
from jejaring.serve.web.i18n import TEMPLATE_DIR, choose_language
from jejaring.serve.web.routes import STATIC_DIR, local_path

PAGES = [
    "/",
    "/search?q=kota",
    "/documents/a-b",
    "/entities/1",
    "/relations/2",
    "/relations/new",
    "/events/3",
    "/graph",
    "/map",
    "/dashboard",
    "/review",
    "/login",
]


@pytest.fixture
def web() -> TestClient:
    app = FastAPI()
    mount_web(app)
    return TestClient(app)


@pytest.mark.parametrize(
    ("cookie", "header", "expected"),
    [
        (None, None, "id"),
        (None, "en-GB,en;q=0.9", "en"),
        (None, "fr-FR, en;q=0.5, id;q=0.8", "id"),
        (None, "de, fr", "id"),
        (None, "en;q=0, id", "id"),
        ("en", "id", "en"),
        ("xx", "en", "en"),
    ],
)
def test_language_choice(cookie, header, expected) -> None:
    assert choose_language(cookie, header) == expected


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_in_both_languages(web: TestClient, path: str) -> None:
    indonesian = web.get(path, headers={"Accept-Language": "id"})
    english = web.get(path, headers={"Accept-Language": "en"})
    assert indonesian.status_code == english.status_code == 200
    assert '<html lang="id">' in indonesian.text and '<html lang="en">' in english.text
    assert "Langsung ke isi" in indonesian.text and "Skip to content" in english.text
    assert "default-src 'self'" in indonesian.headers["content-security-policy"]
    for script in re.findall(r'<script[^>]* src="([^"]+)"', english.text):
        assert web.get(script).status_code == 200, f"{path} loads a missing {script}"


def test_switch_sets_a_cookie_and_returns_to_the_page(web: TestClient) -> None:
    answer = web.get("/language?set=en&next=/map?theme=energy", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/map?theme=energy"
    assert "jejaring_lang=en" in answer.headers["set-cookie"]
    assert "<h1>Map of partnerships</h1>" in web.get("/map", headers={"Accept-Language": "id"}).text


def test_switch_refuses_an_unknown_language(web: TestClient) -> None:
    answer = web.get("/language?set=klingon")
    assert answer.status_code == 422
    assert "set" in answer.text


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/graph?q=x", "/graph?q=x"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("graph", "/"),
        (None, "/"),
    ],
)
def test_no_open_redirects(target, expected) -> None:
    assert local_path(target) == expected


def test_non_numeric_entity_id_is_a_client_error(web: TestClient) -> None:
    assert web.get("/entities/abc").status_code == 422


def test_static_assets_are_served(web: TestClient) -> None:
    for path in [
        "/static/css/app.css",
        "/static/js/common.js",
        "/static/vendor/cytoscape/cytoscape.min.js",
        "/static/vendor/world-atlas/countries-50m.json",
    ]:
        assert web.get(path).status_code == 200, path


def test_every_vendored_library_has_its_licence() -> None:
    vendor = STATIC_DIR / "vendor"
    libraries = [folder for folder in vendor.iterdir() if folder.is_dir()]
    assert libraries
    for folder in libraries:
        assert (folder / "LICENSE").is_file(), f"{folder.name} has no LICENSE file"
        assert folder.name in (vendor / "README.md").read_text(), f"{folder.name} not in README"


def test_pages_load_nothing_from_other_hosts() -> None:
    """No CDN: every src and href in templates and scripts is local (or an entity's own link)."""
    external = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""")
    files = [*Path(TEMPLATE_DIR).glob("*.html"), *(STATIC_DIR / "js").glob("*.js")]
    assert files
    for file in files:
        assert not external.search(file.read_text()), f"{file.name} loads from another host"
    for script in re.findall(r'src="([^"]+)"', "".join(f.read_text() for f in files)):
        if script.startswith("/static/") and "{" not in script:
            assert (STATIC_DIR / script.removeprefix("/static/")).is_file(), script
