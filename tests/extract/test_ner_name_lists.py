"""The recogniser's name-list feature: which lists cover each token, and its persistence.

Sentences are invented; the names in them are general knowledge (capitals,
UN agencies, titles) that the packaged knowledge base holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from jejaring.extract.ner.name_lists import FILE_NAME, LISTS, NameLists, NameListTagger


@pytest.fixture(scope="module")
def lists() -> NameLists:
    return NameLists.from_knowledge()


def _tags(lists: NameLists, text: str) -> dict[str, str]:
    words = text.split()
    return dict(zip(words, lists.tags(words), strict=True))


def _letter(tag: str, list_name: str) -> str:
    return tag[LISTS.index(list_name)]


def test_every_list_contributes(lists: NameLists):
    tags = _tags(lists, "Gubernur Jawa Tengah menerima delegasi UNDP di Kementerian Luar Negeri")
    assert _letter(tags["Gubernur"], "title") == "B"
    assert _letter(tags["Jawa"], "place") == "B"
    assert _letter(tags["Tengah"], "place") == "I"
    assert _letter(tags["UNDP"], "organization") == "B"
    assert _letter(tags["Kementerian"], "head") == "B"
    assert tags["menerima"] == "-----"


def test_longest_phrase_wins_within_a_list(lists: NameLists):
    words = ["Kota", "Surabaya", "dan", "Jawa", "Timur"]
    tags = lists.tags(words)
    # "Jawa Timur" is one province, not the island "Jawa" followed by a word.
    assert [_letter(t, "place") for t in tags[3:]] == ["B", "I"]


def test_case_is_ignored_except_for_acronyms(lists: NameLists):
    lower = _tags(lists, "pertemuan di jakarta bersama undp")
    assert _letter(lower["jakarta"], "place") == "B"
    assert _letter(lower["undp"], "organization") == "-"


def test_short_capitals_match_acronyms_only(lists: NameLists):
    # Written in capitals, a short word is an acronym, not a town that shares its letters.
    assert lists.tags(["VOI"]) == ["-----"]
    assert _letter(lists.tags(["Voi"])[0], "place") == "B"


def test_punctuation_between_words_of_a_name(lists: NameLists):
    tags = lists.tags(["Corée", "-", "du", "-", "Sud"])
    assert _letter(tags[0], "place") == "B"
    assert _letter(tags[4], "place") == "I"
    assert _letter(tags[1], "place") == "I"


def test_common_words_are_not_places(lists: NameLists):
    tags = _tags(lists, "yang itu bisa")
    assert set(tags.values()) == {"-----"}


def test_person_names_that_are_words_need_a_capital(lists: NameLists):
    # "Bagus" is a given name; "bagus" (good) is an everyday word.
    assert _letter(lists.tags(["Bagus"])[0], "person") == "B"
    assert _letter(lists.tags(["bagus"])[0], "person") == "-"
    assert _letter(lists.tags(["joko"])[0], "person") == "B"


def test_to_disk_round_trip_is_byte_identical(tmp_path: Path, lists: NameLists):
    first, second = tmp_path / "a", tmp_path / "b"
    NameListTagger("name_lists", lists).to_disk(first)
    loaded = NameListTagger("name_lists").from_disk(first)
    loaded.to_disk(second)
    assert (first / FILE_NAME).read_bytes() == (second / FILE_NAME).read_bytes()
    words = ["Wali", "Kota", "Bandung", "bertemu", "perwakilan", "UNICEF"]
    assert loaded.lists.tags(words) == lists.tags(words)


def test_unknown_format_is_refused(lists: NameLists):
    data = lists.to_json() | {"version": 99}
    with pytest.raises(ValueError, match="unknown format"):
        NameLists.from_json(data)


def test_component_writes_token_tags(lists: NameLists):
    nlp = spacy.blank("xx")
    component = nlp.add_pipe("jejaring_name_lists_v1", name="name_lists")
    component.lists = lists
    doc = nlp("Presiden bertemu Wali Kota Paris")
    assert [t.tag_ for t in doc][-1][0] == "B"
    assert _letter(doc[0].tag_, "title") == "B"
