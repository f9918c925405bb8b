"""Curation in real headless Chromium: merge, split, a fact added by hand, events reviewed.

An editor (created by `jejaring user add` in conftest) logs in through the
login form and works on the ingested sample corpus the way a person would:
merge "DKI Jakarta" into "Jakarta" and follow the old address to the
survivor, split one mention off into a new entity, add a relation by hand
with a source note and find it on the entity page, then accept and edit an
event. Every step is checked against the page and against the API's answer.
Screenshots land in test-artifacts/web/.
"""

from __future__ import annotations

import re

import pytest

from conftest import EDITOR, PASSWORD, Pages
from jejaring.serve.web.i18n import translations

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 375, "height": 812}
SOURCE_NOTE = "Council minutes of 12 May 2023, city archive shelf 4"


def log_in(pages: Pages, next_path: str) -> None:
    """Log in through the form and land on ``next_path``."""
    page = pages.page
    page.goto(f"/login?next={next_path}")
    page.fill("#username", EDITOR)
    page.fill("#password", PASSWORD)
    page.locator("#login-form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


def entity_id(pages: Pages, name: str) -> int:
    """The id of the (unmerged) entity called exactly ``name``, from the API."""
    found = pages.page.request.get("/api/v1/entities", params={"q": name, "limit": 50}).json()
    return next(entity["id"] for entity in found["data"] if entity["name"] == name)


def search_and_pick(scope, query: str, entity: int) -> None:
    """Type a name into an entity picker, search with Enter and choose ``entity``."""
    box = scope.locator("input[type=search]")
    box.fill(query)
    box.press("Enter")
    scope.locator(f'input[type=radio][value="{entity}"]').check()


def test_merge_split_and_a_fact_added_by_hand(pages: Pages) -> None:
    page = pages.page
    keep, gone = entity_id(pages, "Jakarta"), entity_id(pages, "DKI Jakarta")
    gone_documents = {
        doc["id"] for doc in page.request.get(f"/api/v1/entities/{gone}").json()["documents"]
    }

    # Merge "DKI Jakarta" into "Jakarta", chosen by a search in the picker.
    log_in(pages, f"/entities/{gone}")
    page.locator("#curation:not([hidden])").wait_for()
    page.locator("#merge-box summary").click()
    search_and_pick(page.locator("#merge-form .picker"), "Jakarta", keep)
    page.fill("#merge-reason", "one city: DKI is its province-level name")
    pages.shot("09-merge-form")
    page.locator("#merge-form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/entities/{keep}\?merged_from={gone}$"))
    merge_row = page.locator("#audit tbody tr[data-action=merge]")
    merge_row.wait_for()
    assert f"Entity #{gone} was merged into this one" in page.locator("#status").inner_text()
    row = merge_row.inner_text()
    assert EDITOR in row and "DKI Jakarta" in row and "one city" in row
    assert gone_documents <= {
        doc["id"] for doc in page.request.get(f"/api/v1/entities/{keep}").json()["documents"]
    }
    pages.shot("10-merged-entity")

    # The merged entity's address now leads to the survivor.
    page.goto(f"/entities/{gone}")
    page.wait_for_url(re.compile(rf"/entities/{keep}\?merged_from={gone}$"))
    page.locator("#entity-name", has_text=re.compile(r"^Jakarta$")).wait_for()

    # Split one mention off into a new entity.
    page.locator("#split-box summary").click()
    mention = page.locator("#split-mentions input[name=mention]").first
    mention.wait_for()
    mention_id = int(mention.get_attribute("value"))
    document_id = (
        page.locator("#split-mentions .mention-doc")
        .first.locator("a")
        .get_attribute("href")
        .removeprefix("/documents/")
    )
    mention.check()
    page.fill("#split-name", "Provinsi DKI Jakarta")
    page.fill("#split-reason", "this mention names the province, not the city")
    page.locator("#split-form button[type=submit]").click()
    created = page.locator("#split-outcome a")
    created.wait_for()
    page.locator("#audit tbody tr[data-action=split]").wait_for()
    assert "Provinsi DKI Jakarta" in page.locator("#audit tbody tr[data-action=split]").inner_text()
    pages.shot("11-split")
    created.click()
    page.wait_for_url(re.compile(r"/entities/\d+$"))
    new_id = int(page.url.rsplit("/", 1)[1])
    page.locator("#entity-name", has_text=re.compile(r"^Provinsi DKI Jakarta$")).wait_for()
    mentions = page.request.get(f"/api/v1/documents/{document_id}").json()["mentions"]
    assert next(m for m in mentions if m["id"] == mention_id)["entity_id"] == new_id

    # Add a fact by hand from the entity page; it shows there with its source note.
    bandung = entity_id(pages, "Kota Bandung")
    page.goto(f"/entities/{keep}")
    page.locator("#add-fact-link").click()
    page.wait_for_url(re.compile(rf"/relations/new\?subject={keep}$"))
    page.locator("#fact-form:not([hidden])").wait_for()
    assert page.locator(f'#subject-picker input[type=radio][value="{keep}"]').is_checked()
    page.select_option("#fact-type", "agreement")
    search_and_pick(page.locator("#object-picker"), "Bandung", bandung)
    page.select_option("#fact-status", "signed")
    page.fill("#fact-date", "2023-05")
    page.fill("#fact-source", SOURCE_NOTE)
    page.fill("#fact-reason", "not in the corpus yet")
    pages.shot("12-add-fact")
    page.locator("#fact-form button[type=submit]").click()
    link = page.locator("#fact-outcome a[href^='/relations/']")
    link.wait_for()
    relation = page.request.get(
        link.get_attribute("href").replace("/relations", "/api/v1/relations")
    ).json()
    assert (relation["type"], relation["status"], relation["date"]) == (
        "agreement",
        "signed",
        "2023-05",
    )
    assert relation["origin"] == "manual" and relation["attributes"]["source_note"] == SOURCE_NOTE
    assert relation["audit"][0]["action"] == "add"
    page.goto(f"/entities/{keep}")
    note = page.locator("#partners .partner-group.r-agreement .source-note", has_text=SOURCE_NOTE)
    note.wait_for()
    assert "Kota Bandung" in page.locator("#partners .partner-group.r-agreement").inner_text()
    pages.shot("13-entity-with-hand-fact")


def test_event_accepted_in_the_queue_and_edited_on_its_page(pages: Pages) -> None:
    page = pages.page
    log_in(pages, "/review")
    page.locator("#queue .review-item").first.wait_for()  # the relations, then the events' tab
    page.locator(".tab[data-kind=event]").click()
    item = page.locator("#queue .review-item").first
    item.locator(".badge.t-event").wait_for()
    event_id = item.get_attribute("data-id")
    item.locator("input[name=reason]").fill("the programme confirms it")
    item.locator("button", has_text="Accept").click()
    outcome = item.locator(".outcome")
    outcome.locator("a").wait_for()
    assert "Accepted" in outcome.inner_text()
    pages.shot("14-review-event-accepted")

    outcome.locator("a").click()
    page.wait_for_url(re.compile(rf"/events/{event_id}$"))
    page.locator("#audit tbody tr[data-action=accept]").wait_for()
    assert "the programme confirms it" in page.locator("#audit tbody").inner_text()
    before = page.request.get(f"/api/v1/events/{event_id}").json()
    assert before["review_state"] == "accepted"

    # Correct its type on the event page.
    new_type = "forum" if before["type"] != "forum" else "conference"
    curation = page.locator("#curation")
    curation.locator("button", has_text="Edit").click()
    curation.locator("select[name=type]").select_option(new_type)
    curation.locator("input[name=reason]").fill("the programme calls it a forum")
    curation.locator(".edit-form button[type=submit]").click()
    page.locator("#audit tbody tr[data-action=edit]").wait_for()
    assert f"type: {before['type']} → {new_type}" in page.locator("#audit tbody").inner_text()
    after = page.request.get(f"/api/v1/events/{event_id}").json()
    assert (after["type"], after["review_state"]) == (new_type, "edited")
    assert new_type in page.locator("#fact-title").inner_text()
    pages.shot("15-event-edited")


def test_event_place_and_participant_changed_on_its_page(pages: Pages) -> None:
    """The editor moves an event to another place and adds a host; the audit log shows both."""
    page = pages.page
    event_id = page.request.get("/api/v1/events", params={"limit": 1}).json()["data"][0]["id"]
    place, host = entity_id(pages, "Kota Surabaya"), entity_id(pages, "Kota Semarang")
    log_in(pages, f"/events/{event_id}")
    curation = page.locator("#curation:not([hidden])")
    curation.wait_for()

    # The place, picked by name in the edit form.
    curation.locator("button", has_text="Edit").click()
    search_and_pick(curation.locator(".edit-form .picker"), "Surabaya", place)
    moved = "the venue moved to Surabaya"
    curation.locator(".fact-actions input[name=reason]").fill(moved)
    curation.locator(".edit-form button[type=submit]").click()
    edit_row = page.locator("#audit tbody tr[data-action=edit]", has_text=moved)
    edit_row.wait_for()
    assert f"→ Kota Surabaya #{place}" in edit_row.inner_text()  # the logged name, linked
    assert edit_row.locator(f'a[href="/entities/{place}"]').count() == 1
    assert "Kota Surabaya" in page.locator("#details").inner_text()

    # A participant, picked by name, as host in a role; the saved message has the focus.
    editor = page.locator(".participants-editor")
    named = "the programme names Semarang as co-host"
    editor.get_by_label("Reason").fill(named)
    search_and_pick(editor.locator(".participant-form .picker"), "Semarang", host)
    editor.locator("select[name=part]").select_option("host")
    editor.locator("input[name=role]").fill("co-host")
    pages.shot("16-event-participant-form")
    editor.locator(".participant-form button[type=submit]").click()
    added_row = page.locator("#audit tbody tr[data-action=add_participant]", has_text=named)
    added_row.wait_for()
    row = added_row.inner_text()
    assert "+ Kota Semarang" in row and "host (co-host)" in row and EDITOR in row
    assert page.evaluate("document.activeElement.textContent") == "Participant added."
    listed = page.locator(f'.participant-list li[data-entity="{host}"][data-part=host]')
    assert "Kota Semarang" in listed.inner_text()
    event = page.request.get(f"/api/v1/events/{event_id}").json()
    assert event["location"]["id"] == place and event["review_state"] == "edited"
    assert (host, "host", "co-host") in {
        (p["entity"]["id"], p["part"], p["role"]) for p in event["participants"]
    }
    assert [a["action"] for a in event["audit"][:2]] == ["add_participant", "edit"]
    pages.shot("17-event-place-and-participant")


def test_vocabularies_have_labels_in_both_languages(browser, web_url: str) -> None:
    """Event types, statuses and relation types show as words of the page's language."""
    labels = {}
    for locale, language in (("en-GB", "en"), ("id-ID", "id")):
        session = Pages(browser, web_url, locale=locale)
        try:
            log_in(session, "/review?kind=event")
            session.page.locator("#queue .review-item .badge.t-event").first.wait_for()
            labels[language] = session.page.locator(
                "#queue .review-item .badge.t-event"
            ).all_inner_texts()
            session.page.goto("/relations/new")
            session.page.locator("#fact-form:not([hidden])").wait_for()
            labels[f"{language}-status"] = session.page.locator(
                "#fact-status option"
            ).all_inner_texts()
            assert session.errors == []
        finally:
            session.close()
    catalogue = translations("id")
    for key in ("", "-status"):
        english, indonesian = labels[f"en{key}"], labels[f"id{key}"]
        assert indonesian == [catalogue.gettext(label) for label in english]
        assert indonesian != english


def test_entity_picker_works_from_the_keyboard(pages: Pages) -> None:
    """Enter searches without sending the form; Tab reaches the matches; Space chooses one."""
    page = pages.page
    log_in(pages, "/relations/new")
    page.locator("#fact-form:not([hidden])").wait_for()
    box = page.locator("#subject-picker input[type=search]")
    box.focus()
    page.keyboard.type("Semarang")
    page.keyboard.press("Enter")
    page.locator("#subject-picker input[type=radio]").first.wait_for()
    assert page.locator("#fact-outcome").inner_text() == ""
    page.keyboard.press("Tab")  # the Find button
    page.keyboard.press("Tab")  # the first match
    assert page.evaluate("document.activeElement.type") == "radio"
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    assert page.evaluate("document.activeElement.name") == "subject_id"


@pytest.mark.parametrize("path", ["entity", "/relations/new", "/review?kind=event", "event"])
def test_curation_forms_fit_a_phone(browser, web_url: str, path: str) -> None:
    """At 375 px the editor's forms (opened, with search results) need no sideways scrolling."""
    session = Pages(
        browser, web_url, locale="en-GB", viewport=PHONE, is_mobile=True, has_touch=True
    )
    try:
        page = session.page
        answer = page.request.post(
            "/api/v1/auth/login", data={"username": EDITOR, "password": PASSWORD}
        )
        assert answer.ok, answer.text()
        if path == "entity":
            path = f"/entities/{entity_id(session, 'Kota Semarang')}"
            page.goto(path)
            page.locator("#curation:not([hidden])").wait_for()
            page.locator("#merge-box summary").click()
            search_and_pick(
                page.locator("#merge-form .picker"), "Surabaya", entity_id(session, "Kota Surabaya")
            )
            page.locator("#split-box summary").click()
            page.locator("#split-mentions input[name=mention]").first.wait_for()
        elif path == "event":
            path = "/events/1"
            page.goto(path)
            curation = page.locator("#curation:not([hidden])")
            curation.wait_for()
            curation.locator("button", has_text="Edit").click()
            surabaya = entity_id(session, "Kota Surabaya")
            search_and_pick(curation.locator(".edit-form .picker"), "Surabaya", surabaya)
            search_and_pick(curation.locator(".participant-form .picker"), "Surabaya", surabaya)
        else:
            page.goto(path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide on a 375-px screen"
        name = path.strip("/").replace("/", "-").split("?")[0]
        session.shot(f"phone-curation-{name}")
        assert session.errors == []
    finally:
        session.close()
