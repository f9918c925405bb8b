"""Knowledge base: coverage of the data files, curated lexicons, matching and resolution.

Every sentence below is written for these tests; none comes from a corpus.
"""

from __future__ import annotations

import json
import re

import pytest

from jejaring.extract.kb import (
    DATA_DIR,
    KnowledgeBase,
    Match,
    StopList,
    is_acronym,
    normalize,
    normalize_with_offsets,
)

ORG_SUBTYPES = {
    "local_government",
    "national_government",
    "diplomatic_mission",
    "city_network",
    "intergovernmental",
    "development_agency",
    "ngo",
    "academic",
    "business",
    "media",
    "other",
}
PLACE_SUBTYPES = {"country", "region", "city", "venue", "other"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def matcher(kb: KnowledgeBase) -> KnowledgeBase:
    pytest.importorskip("ahocorasick")
    return kb


def texts(matches: list[Match]) -> list[str]:
    return [m.text for m in matches]


def first_ids(matches: list[Match]) -> dict[str, str]:
    return {m.text: m.candidates[0].id for m in matches}


# --------------------------------------------------------------------------- normalisation


def test_normalize_folds_case_diacritics_and_punctuation() -> None:
    assert normalize("Corée-du-Sud") == "coree du sud"
    assert normalize("  UCLG  ASPAC ") == "uclg aspac"
    assert normalize("Île-de-France") == normalize("ILE DE FRANCE")
    assert normalize("Straße") == "strasse"
    assert normalize("U.S.") == "u s"


def test_normalize_with_offsets_maps_back_to_the_source() -> None:
    text = "À Séoul, l'ASEAN"
    norm, offsets = normalize_with_offsets(text)
    assert norm == "a seoul l asean"
    start = norm.index("seoul")
    assert text[offsets[start] : offsets[start + 4] + 1] == "Séoul"


def test_whole_string_and_per_character_normalisation_agree(kb: KnowledgeBase) -> None:
    names = [s for r in kb.records[::50] for s, _ in r.all_names() if not s.isascii()]
    assert names
    for name in names:
        assert normalize(name) == normalize_with_offsets(name)[0].strip()


def test_is_acronym() -> None:
    assert is_acronym("UCLG") and is_acronym("U.S.") and is_acronym("C40")
    assert not is_acronym("Paris") and not is_acronym("KfW") and not is_acronym("A")


# --------------------------------------------------------------------------- coverage


def test_all_38_indonesian_provinces_with_codes(kb: KnowledgeBase) -> None:
    provinces = [r for r in kb.records if r.extra.get("admin_type") == "provinsi"]
    assert len(provinces) == 38
    for p in provinces:
        assert p.id == f"iso3166-2:{p.ids['iso3166_2']}"
        assert re.fullmatch(r"\d\d", p.ids["kemendagri"])
        assert kb.get(f"kemendagri:{p.ids['kemendagri']}") is p
        assert p.country == "ID" and p.subtype == "region"
    by_name = {name: kb.candidates(name)[0].id for name in ("Jawa Tengah", "DIY", "DKI Jakarta")}
    assert by_name == {
        "Jawa Tengah": "iso3166-2:ID-JT",
        "DIY": "iso3166-2:ID-YO",
        "DKI Jakarta": "iso3166-2:ID-JK",
    }
    assert kb.candidates("Daerah Istimewa Yogyakarta")[0].id == "iso3166-2:ID-YO"
    assert kb.candidates("Central Java")[0].id == "iso3166-2:ID-JT"
    assert kb.get("kemendagri:31").id == "iso3166-2:ID-JK"


def test_indonesian_regencies_and_cities(kb: KnowledgeBase) -> None:
    regencies = [r for r in kb.records if r.extra.get("admin_type") in ("kabupaten", "kota")]
    assert len(regencies) >= 500
    for r in regencies:
        assert re.fullmatch(r"\d\d\.\d\d", r.ids["kemendagri"])
        parent = kb.get(r.parent)
        assert parent is not None and parent.extra.get("admin_type") == "provinsi"
    kota = [r for r in regencies if r.extra["admin_type"] == "kota"]
    assert len(kota) >= 90
    linked = [r for r in kota if "geonames" in r.ids]
    assert len(linked) >= 80, "most kota should be linked to their GeoNames city"
    bandung = kb.get("kemendagri:32.73")
    assert bandung.name == "Kota Bandung" and bandung.population
    assert kb.get(f"geonames:{bandung.ids['geonames']}") is bandung
    assert kb.candidates("Kabupaten Bandung")[0].id == "kemendagri:32.04"
    assert kb.candidates("Central Jakarta")[0].id == "kemendagri:31.71"


def test_countries_have_names_in_three_languages(kb: KnowledgeBase) -> None:
    countries = [r for r in kb.records if r.subtype == "country"]
    assert len(countries) >= 249
    for c in countries:
        assert all(c.names.get(lang) for lang in ("id", "en", "fr")), c
        assert re.fullmatch(r"[A-Z]{2}", c.ids["iso3166_1"])
    expected = {
        "Tiongkok": "CN",
        "Prancis": "FR",
        "Jepang": "JP",
        "Corée du Sud": "KR",
        "Allemagne": "DE",
        "Korea Selatan": "KR",
        "South Korea": "KR",
        "Amerika Serikat": "US",
    }
    for name, code in expected.items():
        assert kb.candidates(name)[0].country == code, name
        assert kb.candidates(name)[0].subtype == "country", name


def test_regions_and_world_cities(kb: KnowledgeBase) -> None:
    for name, code in {"Queensland": "AU", "Bretagne": "FR", "Fujian": "CN", "Texas": "US"}.items():
        assert any(r.subtype == "region" and r.country == code for r in kb.candidates(name)), name
    kyoto = [r for r in kb.candidates("Kyoto") if r.country == "JP"]
    assert {r.subtype for r in kyoto} == {"city", "region"}
    cities = [r for r in kb.records if r.subtype == "city" and r.id.startswith("geonames:")]
    assert len(cities) > 30_000
    for r in cities[::500]:
        assert r.population and r.country and "geonames" in r.ids
        for alias in r.aliases:
            assert not any("\u0400" <= c <= "\u04ff" for c in alias), "Latin-script names only"
    assert "Londres" in kb.candidates("London")[0].names["fr"]


def test_organizations(kb: KnowledgeBase) -> None:
    orgs = [r for r in kb.records if r.type == "organization"]
    assert 150 <= len(orgs) <= 300
    ids = {o.id for o in orgs}
    for o in orgs:
        assert o.id.startswith("org:") and o.subtype in ORG_SUBTYPES
        assert o.parent is None or o.parent in ids
        wikidata = o.ids.get("wikidata")
        assert wikidata is None or re.fullmatch(r"Q\d+", wikidata)
    aspac = kb.candidates("UCLG ASPAC")[0]
    assert aspac.id == "org:uclg-aspac" and aspac.parent == "org:uclg"
    assert kb.candidates("Bank Dunia")[0].id == "org:world-bank"
    assert kb.candidates("PBB")[0].id == "org:un"
    assert kb.get("wikidata:Q1065").id == "org:un"


# --------------------------------------------------------------------------- curated lexicons


def _load(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text("utf-8"))


def test_local_government_patterns_are_consistent() -> None:
    data = _load("local_government_patterns.json")
    patterns = data["patterns"]
    assert len(patterns) >= 40
    for p in patterns:
        assert p["pattern"].count("{X}") == 1, p
        assert p["lang"] in ("id", "en", "fr")
        assert p["subtype"] == "local_government"
        assert set(p["place_subtypes"]) <= PLACE_SUBTYPES
        assert p["body"] in ("executive", "legislature")
    written = {p["pattern"] for p in patterns}
    for required in (
        "Pemprov {X}",
        "Pemkot {X}",
        "Pemkab {X}",
        "Pemda {X}",
        "DPRD {X}",
        "City of {X}",
        "{X} Prefectural Government",
        "Ville de {X}",
        "Conseil régional de {X}",
    ):
        assert required in written
    for p in data["place_patterns"]:
        assert p["pattern"].count("{X}") == 1 and p["place_subtype"] in PLACE_SUBTYPES


def test_diplomatic_mission_patterns_are_consistent() -> None:
    data = _load("diplomatic_mission_patterns.json")
    kinds = {
        "embassy",
        "consulate_general",
        "consulate",
        "honorary_consulate",
        "high_commission",
        "permanent_mission",
    }
    for p in data["patterns"]:
        assert p["pattern"].count("{X}") == 1, p
        assert p["kind"] in kinds and p["x_role"] in ("sending_state", "host_place")
        assert set(p["x_subtypes"]) <= PLACE_SUBTYPES
        if p["x_role"] == "host_place" and p["pattern"].startswith(("KBRI", "KJRI")):
            assert p["sending_state"] == "ID"
    written = {p["pattern"] for p in data["patterns"]}
    assert {"Kedubes {X}", "KBRI {X}", "KJRI {X}", "Embassy of {X}", "Ambassade d'{X}"} <= written


def test_titles_lexicon_is_consistent() -> None:
    data = _load("titles.json")
    seen = set()
    for t in data["titles"]:
        assert t["lang"] in ("id", "en", "fr") and t["label"]
        assert t["level"] in ("local", "national", "diplomatic", "organisation")
        assert t["organization_subtype"] in ORG_SUBTYPES | {None}
        assert t["role"] in ("head", "deputy", "acting", "official", "member")
        key = (t["lang"], t["title"], t["level"])
        assert key not in seen, key
        seen.add(key)
    labels = {(t["lang"], t["title"]): t["label"] for t in data["titles"]}
    assert labels[("id", "Gubernur")] == "Governor"
    assert labels[("id", "Wali Kota")] == "Mayor"
    assert labels[("id", "Bupati")] == "Regent"
    assert labels[("id", "Duta Besar")] == "Ambassador"
    assert labels[("fr", "maire")] == "Mayor"
    assert labels[("fr", "ambassadeur")] == "Ambassador"


def test_stop_list(kb: KnowledgeBase) -> None:
    for word in ("yang", "bisa", "kota", "itu", "dan", "para", "also", "will", "sur", "ville"):
        assert word in kb.stop.always, word
    assert "nice" in kb.stop.lowercase and "nice" not in kb.stop.always
    parsed = StopList.parse(["# comment", "Yang", "~Nice", ""])
    assert parsed.always == {"yang"} and parsed.lowercase == {"nice"}


# --------------------------------------------------------------------------- find_mentions


def test_mentions_in_indonesian(matcher: KnowledgeBase) -> None:
    text = (
        "Wali Kota Bandung menerima Duta Besar Prancis di Balai Kota, "
        "lalu Gubernur Jawa Tengah bertolak ke Provinsi Fujian, Tiongkok."
    )
    found = matcher.find_mentions(text)
    for m in found:
        assert text[m.start : m.end] == m.text
    ids = first_ids(found)
    assert ids["Kota Bandung"] == "kemendagri:32.73"
    assert matcher.get(ids["Prancis"]).country == "FR"
    assert ids["Jawa Tengah"] == "iso3166-2:ID-JT"
    assert ids.get("Provinsi Fujian", ids.get("Fujian")) == "iso3166-2:CN-FJ"
    assert matcher.get(ids["Tiongkok"]).country == "CN"
    assert "Besar" not in texts(found) and "Balai" not in texts(found)


def test_a_later_word_in_lower_case_is_not_part_of_a_name(kb: KnowledgeBase) -> None:
    """ "Pacific City" (a GeoNames name) is no place in "an Asia-Pacific city network"."""
    assert "Pacific city" not in texts(kb.find_mentions("an Asia-Pacific city network"))
    assert "Surabaya City" in texts(kb.find_mentions("at the Surabaya City Hall"))
    assert "SURABAYA CITY" in texts(kb.find_mentions("SURABAYA CITY HALL"))


def test_stop_words_never_match(matcher: KnowledgeBase) -> None:
    text = "Yang hadir bisa melihat kota itu. Bisa jadi para tamu dan Para pejabat juga datang."
    assert matcher.find_mentions(text) == []


def test_lower_case_words_do_not_match_capitalised_names(matcher: KnowledgeBase) -> None:
    assert matcher.find_mentions("the weather was nice and the batu was heavy") == []
    found = first_ids(matcher.find_mentions("La délégation de Nice est arrivée à Batu."))
    assert matcher.get(found["Nice"]).country == "FR"
    assert found["Batu"] == "kemendagri:35.79"
    assert any(m.common_word for m in matcher.find_mentions("Nice"))


def test_acronyms_match_only_as_written(matcher: KnowledgeBase) -> None:
    assert texts(matcher.find_mentions("Delegasi UCLG tiba.")) == ["UCLG"]
    assert matcher.find_mentions("delegasi uclg tiba") == []
    assert matcher.find_mentions("Delegasi Uclg tiba.") == []
    assert texts(matcher.find_mentions("a WHO report")) == ["WHO"]
    assert matcher.find_mentions("who reported it") == []


def test_longest_match_wins(matcher: KnowledgeBase) -> None:
    found = matcher.find_mentions("Sekretariat UCLG ASPAC berada di Jakarta.")
    assert first_ids(found) == {"UCLG ASPAC": "org:uclg-aspac", "Jakarta": "geonames:1642911"}
    found = matcher.find_mentions("Kerja sama dengan Pemerintah Kabupaten Bandung.")
    assert first_ids(found)["Kabupaten Bandung"] == "kemendagri:32.04"


def test_word_boundaries(matcher: KnowledgeBase) -> None:
    assert matcher.find_mentions("A Parisian café and a Jakartan street.") == []
    found = matcher.find_mentions("Jakarta's governor met Surabaya-based officials.")
    assert texts(found) == ["Jakarta", "Surabaya"]


def test_mentions_in_english_and_french(matcher: KnowledgeBase) -> None:
    english = (
        "The Mayor of Surabaya met the Governor of Queensland with officials from GIZ "
        "and the World Bank."
    )
    ids = first_ids(matcher.find_mentions(english))
    assert ids["Surabaya"] == "kemendagri:35.78"
    assert ids["Queensland"] == "iso3166-2:AU-QLD"
    assert ids["GIZ"] == "org:giz" and ids["World Bank"] == "org:world-bank"
    french = (
        "La maire de Paris a reçu l'ambassadeur de Corée du Sud et la présidente "
        "de la Région Bretagne, avec Cités Unies France."
    )
    ids = first_ids(matcher.find_mentions(french))
    assert ids["Paris"] == "geonames:2988507"
    assert matcher.get(ids["Corée du Sud"]).country == "KR"
    assert ids["Bretagne"] == "iso3166-2:FR-BRE"
    assert ids["Cités Unies France"] == "org:cites-unies-france"


def test_diacritics_are_optional_in_text(matcher: KnowledgeBase) -> None:
    a = first_ids(matcher.find_mentions("Accord avec la Corée du Sud."))
    b = first_ids(matcher.find_mentions("Accord avec la Coree du Sud."))
    assert list(a.values()) == list(b.values()) != []


# --------------------------------------------------------------------------- resolve


def test_resolve_by_prior_and_context(kb: KnowledgeBase) -> None:
    assert kb.resolve("Bandung").id == "kemendagri:32.73"
    assert kb.resolve("Paris").id == "geonames:2988507"
    assert kb.resolve("Paris", context_countries=["US"]).country == "FR"
    assert kb.resolve("Paris", near_places=["Texas"]).id == "geonames:4717560"
    assert kb.resolve("Georgia").subtype == "country"
    assert kb.resolve("Georgia", near_places=["Atlanta"]).id == "iso3166-2:US-GA"
    assert kb.resolve("Kyoto", types=["region"]).id == "iso3166-2:JP-26"
    assert kb.resolve("Nowhere-in-particular-xyz") is None


def test_resolve_a_match_keeps_its_case_checked_candidates(matcher: KnowledgeBase) -> None:
    (match,) = matcher.find_mentions("Kunjungan ke Paris, Texas.")[:1]
    assert matcher.resolve(match, near_places=["Texas"]).id == "geonames:4717560"
    assert matcher.resolve(match).id == "geonames:2988507"


def test_ancestors(kb: KnowledgeBase) -> None:
    chain = [r.id for r in kb.ancestors(kb.get("kemendagri:33.74"))]
    assert chain[0] == "iso3166-2:ID-JT" and kb.get(chain[-1]).subtype == "country"


def test_a_city_named_like_its_region_stays_the_city_near_the_larger_region(
    kb: KnowledgeBase,
) -> None:
    """Paris beside Île-de-France, Rabat beside Rabat-Salé-Kénitra: the city, whose
    namesake département or prefecture shares its place in the hierarchy."""
    assert kb.resolve("Paris", ["FR"], ["Île-de-France"]).subtype == "city"
    assert kb.resolve("Rabat", ["MA"], ["Rabat-Salé-Kénitra"]).subtype == "city"
