"""Auth and curation: readers cannot write, editors can, every change is audited and kept."""

import pytest
from sqlalchemy import func, select

from conftest import login, token_for
from jejaring.store import models
from jejaring.store.graph import save_record

API = "/api/v1"

# Every write endpoint, with a body that would be valid for an editor.
WRITES = [
    ("post", "/relations/{relation}/accept", {"reason": "r"}),
    ("post", "/relations/{relation}/reject", {"reason": "r"}),
    ("patch", "/relations/{relation}", {"status": "active", "reason": "r"}),
    ("post", "/events/{event}/accept", {"reason": "r"}),
    ("post", "/events/{event}/reject", {"reason": "r"}),
    ("patch", "/events/{event}", {"name": "Renamed", "reason": "r"}),
    ("post", "/events/{event}/participants", {"entity_id": "{a}", "part": "host", "reason": "r"}),
    ("delete", "/events/{event}/participants/{a}?reason=r", None),
    (
        "post",
        "/relations",
        {"type": "partner_of", "subject_id": "{a}", "object_id": "{b}", "source_note": "n"},
    ),
    ("post", "/entities/merge", {"keep_id": "{a}", "merge_ids": ["{b}"], "reason": "r"}),
    ("post", "/entities/{a}/split", {"mention_ids": ["{mention}"], "name": "X", "reason": "r"}),
    ("post", "/tokens", None),
    ("post", "/users", {"name": "newbie", "role": "editor", "password": "long enough pw"}),
]


@pytest.fixture
def ids(client) -> dict:
    relation = client.get(API + "/relations", params={"limit": 1}).json()["data"][0]
    event = client.get(API + "/events", params={"limit": 1}).json()["data"][0]
    profile = client.get(f"{API}/entities/{relation['subject']['id']}").json()
    document = client.get(f"{API}/documents/{profile['documents'][0]['id']}").json()
    mention = next(m for m in document["mentions"] if m["entity_id"] == profile["id"])
    return {
        "relation": relation["id"],
        "event": event["id"],
        "a": relation["subject"]["id"],
        "b": relation["object"]["id"],
        "mention": mention["id"],
    }


def fill_in(value, ids):
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    if isinstance(value, dict):
        return {k: fill_in(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [fill_in(v, ids) for v in value]
    return value


def send(client, method, path, body, ids, **kwargs):
    return client.request(method, API + path.format(**ids), json=fill_in(body, ids), **kwargs)


def audit_count(graph_store) -> int:
    with graph_store.sessions() as session:
        return session.scalar(select(func.count()).select_from(models.CurationEntry))


def test_a_reader_cannot_write(client, graph_store, ids):
    for method, path, body in WRITES:
        response = send(client, method, path, body, ids)
        assert response.status_code == 401, (path, response.text)
        assert response.json()["detail"]
        bad = send(client, method, path, body, ids, headers={"Authorization": "Bearer nope"})
        assert bad.status_code == 401, path
    assert audit_count(graph_store) == 0


def test_a_cookie_write_needs_the_csrf_token(client, graph_store, ids):
    login(client, "ada")
    for method, path, body in WRITES:
        missing = send(client, method, path, body, ids)
        assert missing.status_code == 403, path
        assert "X-CSRF-Token" in missing.json()["detail"]
        wrong = send(client, method, path, body, ids, headers={"X-CSRF-Token": "0" * 64})
        assert wrong.status_code == 403, path
    assert audit_count(graph_store) == 0


def test_only_admins_manage_users(client):
    token = token_for(client, "eddy")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(API + "/users", headers=headers).status_code == 403
    body = {"name": "x", "role": "editor", "password": "long enough pw"}
    assert client.post(API + "/users", json=body, headers=headers).status_code == 403
    admin = {"Authorization": f"Bearer {token_for(client, 'ada')}"}
    assert client.post(API + "/users", json=body, headers=admin).status_code == 201
    assert client.post(API + "/users", json=body, headers=admin).status_code == 409
    assert "x" in [u["name"] for u in client.get(API + "/users", headers=admin).json()]


def test_login_me_logout(client):
    assert client.get(API + "/auth/me").json() == {"user": None, "csrf_token": None}
    wrong = client.post(API + "/auth/login", json={"username": "eddy", "password": "nope"})
    assert wrong.status_code == 401
    csrf = login(client)
    assert "httponly" in client.cookies.jar._cookies.__repr__().lower() or csrf
    me = client.get(API + "/auth/me").json()
    assert me["user"] == {"name": "eddy", "role": "editor"} and me["csrf_token"] == csrf
    assert client.post(API + "/auth/logout").status_code == 204
    client.cookies.clear()
    assert client.get(API + "/auth/me").json()["user"] is None


def test_accept_reject_and_edit_are_audited_and_shown_on_the_fact(client, ids, graph_store):
    csrf = login(client)
    headers = {"X-CSRF-Token": csrf}
    path = f"{API}/relations/{ids['relation']}"
    assert client.post(path + "/reject", json={"reason": "wrong"}, headers=headers).is_success
    edit = client.patch(path, json={"date": "2023-05", "reason": "fixed"}, headers=headers)
    assert edit.status_code == 200, edit.text
    assert edit.json()["before"]["review_state"] == "rejected"
    assert edit.json()["after"]["date"] == "2023-05"
    relation = client.get(path).json()
    assert relation["review_state"] == "edited" and relation["date"] == "2023-05"
    assert [a["action"] for a in relation["audit"]] == ["edit", "reject"]
    assert all(a["actor"] == "eddy" for a in relation["audit"])
    assert relation["evidence"]  # evidence stays
    empty = client.patch(path, json={"reason": "nothing"}, headers=headers)
    assert empty.status_code == 400
    bad = client.patch(path, json={"date": "2023-02-30"}, headers=headers)
    assert bad.status_code == 422
    missing = client.post(f"{API}/relations/999999/accept", json={}, headers=headers)
    assert missing.status_code == 404
    log = client.get(API + "/audit", params={"target_kind": "relation"}).json()
    assert log["count"] == 2


def test_re_extraction_never_overwrites_a_human_decision(client, ids, graph_store, sample):
    token = token_for(client)
    headers = {"Authorization": f"Bearer {token}"}
    path = f"{API}/relations/{ids['relation']}"
    document_id = client.get(path).json()["document_id"]
    response = client.patch(path, json={"status": "ended", "reason": "known"}, headers=headers)
    assert response.status_code == 200
    with graph_store.transaction() as session:
        save_record(session, document_id, sample[1][document_id])
    after = client.get(path).json()
    assert after["status"] == "ended" and after["review_state"] == "edited"


def participants_of(event: dict) -> set[tuple[int, str]]:
    return {(p["entity"]["id"], p["part"]) for p in event["participants"]}


def test_an_event_s_participants_are_added_and_removed_one_audit_entry_each(
    client, ids, graph_store
):
    headers = {"Authorization": f"Bearer {token_for(client)}"}
    path = f"{API}/events/{ids['event']}"
    before = client.get(path).json()
    assert before["evidence"] and before["participants"] == []
    body = {"entity_id": ids["a"], "part": "host", "role": "co-host", "reason": "the poster"}
    added = client.post(path + "/participants", json=body, headers=headers)
    assert added.status_code == 201, added.text
    event = added.json()
    assert participants_of(event) == participants_of(before) | {(ids["a"], "host")}
    assert event["participants"][0]["role"] == "co-host"
    assert event["review_state"] == "edited" and event["evidence"] == before["evidence"]
    entry = event["audit"][0]
    assert (entry["action"], entry["actor"], entry["reason"]) == (
        "add_participant",
        "eddy",
        "the poster",
    )
    assert entry["before"] == {
        "participants": [],
        "review_state": before["review_state"],
        "origin": "extracted",
    }
    assert entry["after"]["participants"] == [
        {
            "entity_id": ids["a"],
            "name": event["participants"][0]["entity"]["name"],
            "part": "host",
            "role": "co-host",
        }
    ]
    as_participant = {"entity_id": ids["a"], "reason": "also on the panel"}
    assert client.post(path + "/participants", json=as_participant, headers=headers).is_success

    one_part = client.delete(
        f"{path}/participants/{ids['a']}", params={"part": "host", "reason": "no"}, headers=headers
    )
    assert one_part.status_code == 200, one_part.text
    assert participants_of(one_part.json()) == {(ids["a"], "participant")}
    every_part = client.delete(f"{path}/participants/{ids['a']}", headers=headers)
    event = every_part.json()
    assert event["participants"] == [] and event["evidence"] == before["evidence"]
    actions = [a["action"] for a in event["audit"]]
    assert actions == ["remove_participant"] * 2 + ["add_participant"] * 2
    assert audit_count(graph_store) == 4


def test_a_participant_change_that_cannot_be_done_is_a_clear_4xx(client, ids, graph_store):
    headers = {"Authorization": f"Bearer {token_for(client)}"}
    path = f"{API}/events/{ids['event']}/participants"
    attempts = [
        ("post", path, {"entity_id": 999999, "part": "host"}, 404, "no entity"),
        ("post", path, {"entity_id": ids["a"], "part": "sponsor"}, 422, "part"),
        ("post", f"{API}/events/999999/participants", {"entity_id": ids["a"]}, 404, "no event"),
        ("delete", f"{path}/{ids['a']}", None, 404, "does not take part"),
        ("delete", f"{path}/{ids['a']}?part=sponsor", None, 422, "part"),
    ]
    for method, url, body, status, words in attempts:
        response = client.request(method, url, json=body, headers=headers)
        assert response.status_code == status, (url, body, response.text)
        assert words in response.json()["detail"], response.json()
    body = {"entity_id": ids["a"], "part": "host"}
    assert client.post(path, json=body, headers=headers).status_code == 201
    duplicate = client.post(path, json=body, headers=headers)
    assert duplicate.status_code == 409 and "already takes part" in duplicate.json()["detail"]
    merge = {"keep_id": ids["a"], "merge_ids": [ids["b"]], "reason": "same"}
    assert client.post(API + "/entities/merge", json=merge, headers=headers).is_success
    merged = client.post(path, json={"entity_id": ids["b"]}, headers=headers)
    assert merged.status_code == 400 and f"merged into {ids['a']}" in merged.json()["detail"]
    assert audit_count(graph_store) == 2  # the one participant added, and the merge


def test_re_extraction_keeps_an_event_s_edited_place_and_participants(
    client, ids, graph_store, sample
):
    headers = {"Authorization": f"Bearer {token_for(client)}"}
    path = f"{API}/events/{ids['event']}"
    place = client.patch(path, json={"location_id": ids["b"], "reason": "r"}, headers=headers)
    assert place.status_code == 200, place.text
    logged = place.json()
    assert logged["after"]["location_id"] == ids["b"]
    names = logged["before"]["entity_names"] | logged["after"]["entity_names"]
    assert names[str(ids["b"])] == client.get(f"{API}/entities/{ids['b']}").json()["name"]
    body = {"entity_id": ids["a"], "part": "organizer", "reason": "r"}
    assert client.post(path + "/participants", json=body, headers=headers).status_code == 201
    edited = client.get(path).json()
    events_before = client.get(f"{API}/events", params={"limit": 500}).json()["count"]
    with graph_store.transaction() as session:
        save_record(session, edited["document_id"], sample[1][edited["document_id"]])
    after = client.get(path).json()
    assert after["location"]["id"] == ids["b"] and after["review_state"] == "edited"
    assert participants_of(after) == {(ids["a"], "organizer")}
    assert after["evidence"] == edited["evidence"]
    # and no pending copy of the decided event comes back into the review queue
    assert client.get(f"{API}/events", params={"limit": 500}).json()["count"] == events_before


def test_review_queue_lists_doubtful_pending_facts_least_sure_first(client, settings):
    queue = client.get(API + "/review", params={"limit": 500}).json()["data"]
    confidences = [r["confidence"] for r in queue]
    assert confidences == sorted(confidences)
    assert all(
        c < settings.review_threshold and r["review_state"] == "pending"
        for c, r in zip(confidences, queue, strict=True)
    )
    if queue:
        headers = {"Authorization": f"Bearer {token_for(client)}"}
        client.post(f"{API}/relations/{queue[0]['id']}/accept", json={}, headers=headers)
        again = client.get(API + "/review", params={"limit": 500}).json()["data"]
        assert queue[0]["id"] not in [r["id"] for r in again]


def test_a_fact_added_by_hand_keeps_its_source_note(client, ids):
    headers = {"Authorization": f"Bearer {token_for(client)}"}
    body = {
        "type": "partner_of",
        "subject_id": ids["a"],
        "object_id": ids["b"],
        "status": "active",
        "date": "2020",
        "source_note": "city hall press kit, p. 3",
        "reason": "known from print",
    }
    response = client.post(API + "/relations", json=body, headers=headers)
    assert response.status_code == 201, response.text
    added = response.json()
    assert added["origin"] == "manual" and added["review_state"] == "accepted"
    assert added["attributes"]["source_note"] == "city hall press kit, p. 3"
    assert added["audit"][0]["action"] == "add"
    unknown = client.post(API + "/relations", json=body | {"object_id": 999999}, headers=headers)
    assert unknown.status_code == 404


def test_merge_moves_references_and_redirects(client, ids):
    headers = {"Authorization": f"Bearer {token_for(client)}"}
    before = client.get(f"{API}/entities/{ids['b']}").json()
    body = {"keep_id": ids["a"], "merge_ids": [ids["b"]], "reason": "same city"}
    response = client.post(API + "/entities/merge", json=body, headers=headers)
    assert response.status_code == 200, response.text
    moved = client.get(f"{API}/entities/{ids['b']}", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"].endswith(f"/{ids['a']}")
    kept = client.get(f"{API}/entities/{ids['a']}").json()
    assert {r["id"] for r in before["relations"]} <= {r["id"] for r in kept["relations"]}
    assert set(before["aliases"]) <= set(kept["aliases"])
    again = client.post(API + "/entities/merge", json=body, headers=headers)
    assert again.status_code == 400 and "merged" in again.json()["detail"]


def test_split_gives_mentions_to_a_new_entity(client, ids):
    headers = {"Authorization": f"Bearer {token_for(client)}"}
    body = {"mention_ids": [ids["mention"]], "name": "Another Place", "reason": "two places"}
    response = client.post(f"{API}/entities/{ids['a']}/split", json=body, headers=headers)
    assert response.status_code == 201, response.text
    created = response.json()
    profile = client.get(f"{API}/entities/{created['id']}").json()
    assert profile["name"] == "Another Place" and profile["documents"]
    log = client.get(API + "/audit", params={"target_kind": "entity"}).json()["data"]
    assert log[0]["action"] == "split" and log[0]["after"]["entity"] == created["id"]
    foreign = client.post(f"{API}/entities/{ids['b']}/split", json=body, headers=headers)
    assert foreign.status_code == 400
