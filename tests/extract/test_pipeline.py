"""The extraction pipeline end to end, on invented text in three languages."""

import json

import pytest

from jejaring.extract.extractor import ExtractOptions, Extractor
from jejaring.ingest.document import Document

SISTER_ID = (
    "Pemerintah Provinsi Jawa Tengah Jalin Kerja Sama dengan Queensland\n\n"
    "SEMARANG - Gubernur Jawa Tengah Budi Santoso menerima delegasi Queensland di Semarang, "
    "Kamis (12/9/2024). Pemprov Jawa Tengah dan Queensland sepakat memperbarui hubungan "
    "provinsi kembar (sister province) yang terjalin sejak 1991. Kepala Biro Kerja Sama "
    "Pemprov Jawa Tengah, Ratna Wulandari, mengatakan kerja sama akan mencakup pendidikan "
    "vokasi dan pengelolaan sampah. Jawa Tengah juga anggota UCLG ASPAC."
)
CONGRESS_EN = (
    "Mayors gather for the Asia-Pacific congress\n\n"
    "More than 600 participants attended the 9th UCLG ASPAC Congress in Surabaya from "
    "12 to 15 September 2024. The congress was organized by UCLG ASPAC and hosted by the "
    "City of Surabaya. The Mayor of Surabaya, Eri Cahyadi, opened the meeting."
)
JUMELAGE_FR = (
    "Lyon et Montréal renouvellent leur coopération\n\n"
    "La Ville de Lyon et la Ville de Montréal ont signé le 14 juin 2023 un accord de "
    "coopération sur le climat et la culture. Le maire de Lyon a rappelé le jumelage entre "
    "les deux villes."
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def document(text: str, language: str, doc_id: str = "d1", published: str | None = None):
    return Document(
        id=doc_id,
        text=text,
        source="test",
        title=text.split("\n")[0],
        language=language,
        published=published,
    )


def assert_offsets(record: dict, text: str) -> None:
    spans = [m for e in record["entities"] for m in e["mentions"]]
    spans += [ev for item in record["events"] + record["relations"] for ev in item["evidence"]]
    spans += [ev for theme in record["themes"] for ev in theme["evidence"]]
    assert spans
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


def names(record: dict, entity_type: str) -> set[str]:
    return {
        n
        for e in record["entities"]
        if e["type"] == entity_type
        for n in [e["name"], *e["aliases"]]
    }


def by_id(record: dict) -> dict[str, dict]:
    return {e["id"]: e for e in record["entities"]}


def named_relations(record: dict, kind: str | None = None) -> list[tuple[str, str, dict]]:
    """(subject name, object name, relation) for the record's relations of ``kind``."""
    entities = by_id(record)
    return [
        (entities[r["subject"]]["name"], entities[r["object"]]["name"], r)
        for r in record["relations"]
        if kind is None or r["type"] == kind
    ]


def test_indonesian_record_has_entities_relations_and_offsets(extractor):
    record = extractor.extract(document(SISTER_ID, "id", published="2024-09-13"))
    assert_offsets(record, SISTER_ID)
    organizations = names(record, "organization")
    assert "Pemprov Jawa Tengah" in organizations
    assert "UCLG ASPAC" in organizations
    assert {"Jawa Tengah", "Queensland"} <= names(record, "place")
    assert "Ratna Wulandari" in names(record, "person")
    governments = [e for e in record["entities"] if e.get("jurisdiction")]
    assert len(governments) == 1  # "Pemerintah Provinsi Jawa Tengah" and "Pemprov Jawa Tengah"
    place = by_id(record)[governments[0]["jurisdiction"]]
    assert "Jawa Tengah" in [place["name"], *place["aliases"]]
    kinds = {r["type"] for r in record["relations"]}
    assert {"sister_city", "member_of", "holds_position"} <= kinds
    sister = next(r for r in record["relations"] if r["type"] == "sister_city")
    assert sister["attributes"]["kind"] == "province"
    assert record["doc"]["relevant"] is True
    json.dumps(record)  # plain JSON all the way down


def test_english_event_with_dates_count_and_organizer(extractor):
    record = extractor.extract(document(CONGRESS_EN, "en", "d2", "2024-09-16"))
    assert_offsets(record, CONGRESS_EN)
    (event,) = [e for e in record["events"] if "Congress" in e["name"]]
    assert event["type"] == "congress"
    assert (event["start"], event["end"]) == ("2024-09-12", "2024-09-15")
    assert event["participant_count"] == {"value": 600, "qualifier": "more_than"}
    entities = by_id(record)
    organizers = {
        n for o in event["organizers"] for n in [entities[o]["name"], *entities[o]["aliases"]]
    }
    assert "UCLG ASPAC" in organizers
    location = entities[event["location"]]
    assert "Surabaya" in [location["name"], *location["aliases"]]


COMPANIONS_ID = (
    "Bandung Tuan Rumah Pertemuan Wali Kota\n\n"
    "Kota Bandung menjadi tuan rumah Pertemuan Wali Kota Asia Tenggara 2024 (PWKAT) pada "
    "Senin (2/9/2024) hingga Selasa (3/9/2024).\n\n"
    "Para wali kota membahas pengelolaan sampah dan transportasi publik.\n\n"
    "Tahun ini PWKAT digelar bersamaan dengan Forum Kota Hijau Asia 2024 yang dihadiri "
    "peserta yang sama."
)


def test_companion_event_named_with_the_first_ones_acronym_shares_its_dates(extractor):
    record = extractor.extract(document(COMPANIONS_ID, "id", "d4", "2024-08-30"))
    events = {e["name"]: e for e in record["events"]}
    meeting = next(e for name, e in events.items() if name.startswith("Pertemuan Wali Kota"))
    forum = next(e for name, e in events.items() if name.startswith("Forum Kota Hijau"))
    assert "PWKAT" in meeting["aliases"]
    assert (meeting["start"], meeting["end"]) == ("2024-09-02", "2024-09-03")
    assert (forum["start"], forum["end"]) == ("2024-09-02", "2024-09-03")


def test_french_local_governments_and_agreement(extractor):
    record = extractor.extract(document(JUMELAGE_FR, "fr", "d3", "2023-06-15"))
    assert_offsets(record, JUMELAGE_FR)
    assert {"Ville de Lyon", "Ville de Montréal"} <= names(record, "organization")
    assert any(r["type"] == "agreement" for r in record["relations"])


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty_text"),
        ("x" * 1_200_000, "too_long"),
    ],
)
def test_unusable_documents_get_an_empty_record_with_the_reason(extractor, text, reason):
    record = extractor.extract(document(text, "id"))
    assert record["entities"] == record["events"] == record["relations"] == []
    assert record["doc"]["warnings"][0].startswith(reason)


@pytest.mark.parametrize(
    "text",
    [
        "tanpa titik sama sekali dan tanpa huruf besar " * 200,
        "Кириллица и 中文 mixed with Pemkot Bandung and العربية.",
        "<div><p>Leftover <b>HTML</b> from Pemprov Bali</p></div> **markdown** [link](x)",
        "kata " * 400_000,
    ],
)
def test_odd_documents_do_not_crash(extractor, text):
    record = extractor.extract(document(text, "id"))
    assert record["doc"]["id"] == "d1"
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_unknown_language_is_read_with_a_warning(extractor):
    record = extractor.extract(document("Pemkot Bandung bekerja sama dengan UNDP.", None))
    assert any(w.startswith("unsupported_language") for w in record["doc"]["warnings"])
    assert "UNDP" in names(record, "organization")


def test_one_failing_document_does_not_stop_the_others(extractor, monkeypatch):
    documents = [document(SISTER_ID, "id", "a"), document(JUMELAGE_FR, "fr", "b")]
    original = extractor.pipeline

    def broken(lang):
        if lang == "fr":
            raise RuntimeError("boom")
        return original(lang)

    monkeypatch.setattr(extractor, "pipeline", broken)
    records = list(extractor.extract_many(documents))
    assert [r["doc"]["id"] for r in records] == ["a", "b"]
    assert records[0]["entities"] and records[1]["doc"]["warnings"][0].startswith(
        "extraction_failed"
    )


def test_options_limit_document_size():
    small = Extractor(ExtractOptions(max_chars=10))
    record = small.extract(document(SISTER_ID, "id"))
    assert record["doc"]["warnings"][0].startswith("too_long")


DECENTRALISED_FR = (
    "Grenoble et Sfax signent une convention\n\n"
    "La Ville de Grenoble et la Municipalité de Sfax (Tunisie) ont signé mardi 10 octobre 2023 "
    "une convention de coopération décentralisée sur l'eau potable. Le maire de Grenoble, "
    "Éric Piolle, a reçu la délégation à l'hôtel de ville."
)


def test_french_towns_their_governments_and_a_mayor(extractor):
    record = extractor.extract(document(DECENTRALISED_FR, "fr", "d5", "2023-10-11"))
    entities = by_id(record)
    governments = {
        e["name"]: entities[e["jurisdiction"]] for e in record["entities"] if e.get("jurisdiction")
    }
    assert governments["Ville de Grenoble"]["name"] == "Grenoble"
    assert governments["Municipalité de Sfax"]["country"] == "TN"
    sfax = governments["Municipalité de Sfax"]
    assert sfax["subtype"] == "city" and "Tunisie" not in sfax["aliases"]  # not one name
    assert "Le" not in names(record, "person")
    (mayor,) = [e for e in record["entities"] if e["type"] == "person"]
    assert mayor["name"] == "Éric Piolle"
    assert entities[mayor["roles"][0]["organization"]]["name"] == "Grenoble"
    (agreement,) = [r for r in record["relations"] if r["type"] == "agreement"]
    assert {entities[agreement["subject"]]["name"], entities[agreement["object"]]["name"]} == {
        "Grenoble",
        "Sfax",
    }


TITLES_ID_EN = [
    (
        "id",
        "Wali Kota Malang Sutiaji menyambut delegasi Kota Suwon di Balai Kota Malang.",
        "Sutiaji",
        "Kota Malang",
    ),
    (
        "en",
        "Medan Mayor Bobby Nasution welcomed the delegation from the City of Penang.",
        "Bobby Nasution",
        "Medan",
    ),
]


@pytest.mark.parametrize(("language", "text", "person", "place"), TITLES_ID_EN)
def test_a_title_with_its_place_before_or_inside_it_gives_the_place(
    extractor, language, text, person, place
):
    record = extractor.extract(document(text, language, "d6", "2023-11-07"))
    entities = by_id(record)
    (official,) = [e for e in record["entities"] if e["type"] == "person"]
    assert official["name"] == person
    (held,) = [r for r in record["relations"] if r["type"] == "holds_position"]
    office = entities[held["object"]]
    assert place in [office["name"], *office["aliases"]]


def test_event_place_and_its_country_are_not_participants(extractor):
    text = (
        "Pemkot Bogor mengikuti Asia-Pacific Urban Forum ke-8 di Penang, Malaysia, pada "
        "15-17 Oktober 2023 yang diselenggarakan UN-ESCAP. Di sana Pemkot Bogor menjajaki "
        "kerja sama internasional di bidang transportasi."
    )
    record = extractor.extract(document(text, "id", "d7", "2023-10-20"))
    entities = by_id(record)
    (event,) = record["events"]
    assert [entities[o]["name"] for o in event["organizers"]] == [
        "United Nations Economic and Social Commission for Asia and the Pacific"
    ]
    taking_part = {entities[p["entity"]]["name"] for p in event["participants"]}
    assert "Malaysia" not in taking_part
    assert entities[event["location"]]["name"] not in taking_part


VISIT_RECEIVED_ID = (
    "Pemkot Kediri Terima Delegasi Kota Gimhae\n\n"
    "Pemerintah Kota Kediri menerima kunjungan delegasi Kota Gimhae, Korea Selatan, di Balai "
    "Kota Kediri, Senin (6/11/2023). Kedua kota membahas rencana penandatanganan nota "
    "kesepahaman di bidang pendidikan vokasi."
)


def test_a_received_delegation_visits_its_host_and_both_cities_plan_an_agreement(extractor):
    record = extractor.extract(document(VISIT_RECEIVED_ID, "id", "d8", "2023-11-07"))
    entities = by_id(record)

    def ends(relation: dict) -> tuple[str, str]:
        return entities[relation["subject"]]["name"], entities[relation["object"]]["name"]

    (visit,) = [r for r in record["relations"] if r["type"] == "visit"]
    visitor, host = ends(visit)
    assert "Gimhae" in visitor and "Kediri" in host
    assert visit["date"] == "2023-11-06"
    (agreement,) = [r for r in record["relations"] if r["type"] == "agreement"]
    assert agreement["status"] == "proposed"
    assert {"Gimhae", "Kediri"} == {name.split()[-1] for name in ends(agreement)}
    assert agreement["evidence"][0]["text"].startswith("Kedua kota")


def test_an_agreement_takes_the_day_its_sentence_gives(extractor):
    text = (
        "The City of Medan and the City of Kuching signed a memorandum of understanding on "
        "Wednesday to expand their sister city cooperation."
    )
    record = extractor.extract(document(text, "en", "d9", "2023-06-15"))
    (agreement,) = [r for r in record["relations"] if r["type"] == "agreement"]
    assert agreement["date"] == "2023-06-14"  # the Wednesday before a Thursday's paper


HOSTED_ID = (
    "Wali Kota Terima Kunjungan Dubes, Bahas Kerja Sama Pendidikan\n\n"
    "Kota Bogor ditunjuk menjadi tuan rumah Forum Wali Kota Asia Pasifik 2024 pada "
    "Senin (2/9/2024) hingga Selasa (3/9/2024). Forum itu dihadiri Pemkot Cebu."
)


def test_host_named_before_the_cue_is_the_place_and_headline_words_are_no_event(extractor):
    record = extractor.extract(document(HOSTED_ID, "id", "d10", "2024-08-30"))
    entities = by_id(record)
    (event,) = record["events"]  # the headline's "Terima Kunjungan Dubes" is not an event
    assert event["name"].startswith("Forum Wali Kota Asia Pasifik")
    assert entities[event["location"]]["name"] in {"Kota Bogor", "Bogor"}
    assert [entities[h]["name"] for h in event["hosts"]] == [entities[event["location"]]["name"]]
    assert not [e for e in record["entities"] if e["type"] == "person"]  # "Bahas Kerja Sama"


def test_an_online_event_has_no_place_unless_one_is_given(extractor):
    text = (
        "SEMARANG - Pemkot Semarang dan UCLG ASPAC menggelar webinar Kota Tangguh Iklim "
        "pada Kamis (5/9/2024). Webinar itu diikuti 300 peserta dari Jakarta dan Manila."
    )
    record = extractor.extract(document(text, "id", "d11", "2024-09-06"))
    (event,) = [e for e in record["events"] if e["type"] == "webinar"]
    assert event["location"] is None
    assert event["start"] == "2024-09-05"


def test_a_titled_name_stops_at_the_end_of_its_sentence(extractor):
    text = (
        "Le maire de Lyon a reçu le maire de Dakar, Barthélémy Dias. La Ville de Lyon et la "
        "Ville de Dakar ont signé un accord de coopération."
    )
    record = extractor.extract(document(text, "fr", "d12", "2024-05-15"))
    assert "Barthélémy Dias" in names(record, "person")
    assert not any("Ville" in n for n in names(record, "person"))


def test_treaties_and_ideas_named_after_places_or_with_acronyms_are_not_actors(extractor):
    text = (
        "Pemkot Bogor dan Kota Nantes membahas kerja sama sesuai Persetujuan Paris dan "
        "New Urban Agenda (NUA). Kota Bogor anggota ICLEI dan juga anggota negara-negara ASEAN."
    )
    record = extractor.extract(document(text, "id", "d13", "2024-05-01"))
    assert "Paris" not in names(record, "place")
    assert "NUA" not in names(record, "organization")
    entities = by_id(record)
    members = {
        entities[r["object"]]["name"] for r in record["relations"] if r["type"] == "member_of"
    }
    assert any("ICLEI" in m for m in members)
    assert not any("ASEAN" in m or "Southeast Asian" in m for m in members)  # states' club


def test_positions_in_a_local_government_are_held_in_its_place_and_ambassadors_in_embassies(
    extractor,
):
    text = (
        "Kepala Biro Kerja Sama Pemprov Jawa Timur, Rina Kusuma, bertemu Duta Besar Maroko untuk "
        "Indonesia Karim Bennani di Kedutaan Besar Maroko di Jakarta untuk membahas kerja sama "
        "provinsi kembar."
    )
    record = extractor.extract(document(text, "id", "d14", "2024-05-01"))
    entities = by_id(record)
    held = {
        entities[r["subject"]]["name"]: entities[r["object"]]
        for r in record["relations"]
        if r["type"] == "holds_position"
    }
    assert held["Rina Kusuma"]["type"] == "place"
    assert "Jawa Timur" in [held["Rina Kusuma"]["name"], *held["Rina Kusuma"]["aliases"]]
    assert held["Karim Bennani"]["subtype"] == "diplomatic_mission"
    assert not [r for r in record["relations"] if r["type"] == "sister_city"]  # one province


def test_an_office_named_for_a_region_reads_a_shared_name_as_the_region(extractor):
    text = (
        "La Ville de Dakar et le Conseil départemental de Dakar ont signé un accord de "
        "coopération avec la Région Bretagne."
    )
    record = extractor.extract(document(text, "fr", "d15", "2024-05-01"))
    entities = by_id(record)
    governed = {
        e["name"]: entities[e["jurisdiction"]]["subtype"]
        for e in record["entities"]
        if e.get("jurisdiction")
    }
    assert governed["Ville de Dakar"] == "city"
    assert governed["Conseil départemental de Dakar"] == "region"


MOU_EN = (
    "BANDUNG, Indonesia - The Provincial Government of West Java and the State Government of "
    "Victoria, Australia, signed a memorandum of understanding on vocational education on "
    "Thursday, attended by Australian Ambassador to Indonesia Penny Williams. West Java "
    "Governor Ridwan Kamil welcomed it. The agreement was facilitated by the Indonesian "
    "Embassy in Canberra and supported by the United Nations Development Programme (UNDP)."
)


def test_an_english_mou_between_two_provinces(extractor):
    record = extractor.extract(document(MOU_EN, "en", "d16", "2024-01-19"))
    entities = by_id(record)

    def ends(kind: str) -> list[tuple[str, str]]:
        return [
            (entities[r["subject"]]["name"], entities[r["object"]]["name"])
            for r in record["relations"]
            if r["type"] == kind
        ]

    ((first, second),) = ends("agreement")  # the dateline city is no party
    assert {first, second} == {"Jawa Barat", "Victoria"}
    assert [r["date"] for r in record["relations"] if r["type"] == "agreement"] == ["2024-01-18"]
    held = dict(ends("holds_position"))
    assert held["Ridwan Kamil"] == "Jawa Barat"  # a name ending like a town is still a name
    assert held["Penny Williams"] == "Indonesia"  # accredited to Indonesia, no embassy of hers
    partners = ends("partner_of")
    assert partners and all("Canberra" not in pair for pair in partners)


def test_places_from_the_knowledge_base_carry_coordinates(extractor):
    record = extractor.extract(document(CONGRESS_EN, "en", "d17", "2024-09-16"))
    (surabaya,) = [e for e in record["entities"] if e["type"] == "place"]
    lat, lon = surabaya["coordinates"]["lat"], surabaya["coordinates"]["lon"]
    assert -8 < lat < -7 and 112 < lon < 113  # East Java, not somewhere else of that name


def test_organisers_joined_by_dan_and_officials_attending_are_participants(extractor):
    text = (
        "Kementerian Luar Negeri dan Kedutaan Besar Jepang di Indonesia mengadakan Forum "
        "Kota Hijau Asia 2024 pada Kamis (5/9/2024). Forum itu dihadiri oleh Gubernur Jawa "
        "Tengah Budi Santoso dan Wali Kota Semarang Hana Pratiwi."
    )
    record = extractor.extract(document(text, "id", "d18", "2024-09-06"))
    entities = by_id(record)
    (event,) = record["events"]
    organisers = [entities[o]["name"] for o in event["organizers"]]
    assert len(organisers) == 2 and any("Jepang" in o for o in organisers)
    people = {entities[p["entity"]]["name"] for p in event["participants"]}
    assert {"Budi Santoso", "Hana Pratiwi"} <= people


def _positions(record: dict) -> set[tuple[str, str, str]]:
    """(person, title, place or body) of every holds_position relation."""
    entities = by_id(record)
    return {
        (entities[r["subject"]]["name"], r["attributes"]["title"], entities[r["object"]]["name"])
        for r in record["relations"]
        if r["type"] == "holds_position"
    }


@pytest.mark.parametrize(
    ("language", "text", "person", "place"),
    [
        (
            "en",
            "Recife and Porto sign a sister city agreement\n\nThe meeting was opened by Ana "
            "Pereira, Mayor of Recife, before both cities signed a memorandum of understanding.",
            "Ana Pereira",
            "Recife",
        ),
        (
            "fr",
            "Nantes et Agadir renouvellent leur partenariat\n\nLa convention a été signée en "
            "présence de Jean-Marc Ollivier, maire de Nantes, et des élus de la région.",
            "Jean-Marc Ollivier",
            "Nantes",
        ),
    ],
)
def test_a_name_before_a_comma_and_a_title_is_a_person_holding_it(
    extractor, language, text, person, place
):
    record = extractor.extract(document(text, language))
    assert person in names(record, "person")
    assert any(p == person and o.endswith(place) for p, _, o in _positions(record))


def test_pronouns_bare_titles_and_abbreviated_given_names(extractor):
    french = extractor.extract(
        document(
            "Une nouvelle convention pour Lyon\n\nLa Ville de Lyon a signé une convention avec "
            "Yerevan. Elle bénéficie du soutien de l'Agence française de développement.",
            "fr",
        )
    )
    assert "Elle" not in names(french, "person")
    indonesian = extractor.extract(
        document(
            "Pemkab Gowa Teken MoU dengan UNICEF\n\nBupati Gowa Moh. Yusuf Ramli dan Resident "
            "Representative UNICEF Indonesia Carla Mendes menandatangani nota kesepahaman.",
            "id",
        )
    )
    people = names(indonesian, "person")
    assert "Moh. Yusuf Ramli" in people and "Moh" not in people
    assert "Resident Representative" not in people and "Carla Mendes" in people


def test_a_city_hall_after_a_city_the_gazetteer_reads_with_city(extractor):
    record = extractor.extract(
        document(
            "Busan delegation in Surabaya\n\nThe mayor received the delegation from its sister "
            "city Busan at the Surabaya City Hall on Monday.",
            "en",
        )
    )
    assert "Hall" not in names(record, "person")
    assert "Surabaya City Hall" in names(record, "organization")


def test_after_a_comma_a_name_may_begin_like_a_town(extractor):
    record = extractor.extract(
        document(
            "Gubernur Terima Dubes Jepang\n\nGubernur Jawa Tengah menerima Duta Besar Jepang "
            "untuk Indonesia, Masaki Yasushi, di Semarang. Dubes Masaki membahas kerja sama "
            "kereta api.",
            "id",
        )
    )
    people = [e for e in record["entities"] if e["type"] == "person"]
    assert [(p["name"], p["aliases"]) for p in people] == [("Masaki Yasushi", ["Masaki"])]
    assert "Masaki" not in names(record, "place")


def test_a_city_whose_name_is_a_common_word_counts_inside_a_sentence_only(extractor):
    record = extractor.extract(
        document(
            "Dakar et Bordeaux Métropole signent une convention\n\nLa Ville de Dakar et Bordeaux "
            "Métropole ont signé lundi 3 juin une convention de coopération. Selon Gino Van "
            "Houtte, secrétaire général du réseau, d'autres villes suivront.",
            "fr",
            published="2024-06-05",
        )
    )
    assert "Bordeaux Métropole" in names(record, "organization")
    entities = by_id(record)
    agreements = {
        frozenset(entities[r[end]]["name"] for end in ("subject", "object"))
        for r in record["relations"]
        if r["type"] == "agreement"
    }
    assert any("Dakar" in " ".join(a) and "Bordeaux" in " ".join(a) for a in agreements)
    assert "Van" not in names(record, "place")


def test_a_french_event_named_in_sentence_case_with_its_co_organiser(extractor):
    record = extractor.extract(
        document(
            "Tunis accueille les villes du Maghreb\n\nLa Ville de Tunis a accueilli les 6 et 7 "
            "mai 2024 le troisième Forum des villes durables du Maghreb, organisé avec CGLU "
            "Afrique. Plus de 300 élus ont pris part aux travaux.",
            "fr",
            published="2024-05-08",
        )
    )
    entities = by_id(record)
    (event,) = record["events"]
    assert event["name"] == "Forum des villes durables du Maghreb"
    assert (event["start"], event["end"]) == ("2024-05-06", "2024-05-07")
    assert "United Cities and Local Governments of Africa" in {
        entities[o]["name"] for o in event["organizers"]
    }


def test_a_title_after_its_organisation_and_a_deadline_is_no_signing_date(extractor):
    record = extractor.extract(
        document(
            "Semarang joins climate pledge\n\nSemarang signed a letter of intent with the "
            "Global Covenant of Mayors for Climate & Energy to adopt a climate plan by 2030. "
            "The signing was witnessed by ICLEI Secretary General Maria Lindqvist.",
            "en",
            published="2024-05-02",
        )
    )
    assert any(
        p == "Maria Lindqvist" and "ICLEI" in o and "Secretary General" in t
        for p, t, o in _positions(record)
    )
    (agreement,) = [r for r in record["relations"] if r["type"] == "agreement"]
    assert agreement["date"] is None


def test_a_summit_abroad_takes_its_own_dates_and_city_state_not_the_dateline(extractor):
    record = extractor.extract(
        document(
            "Wali Kota Palu Paparkan Mitigasi Gempa di Forum Kota Dunia\n\n"
            "PALU, 20 Juli 2024 - Wali Kota Palu Hadianto Rasyid menjadi pembicara dalam World "
            "Cities Summit yang digelar di Singapura pada 15-17 Juli 2024. Pemerintah Kota Palu "
            "juga menandatangani nota kesepahaman dengan Kota Christchurch.",
            "id",
            published="2024-07-20",
        )
    )
    entities = by_id(record)
    (summit,) = [e for e in record["events"] if "World Cities Summit" in e["name"]]
    assert (summit["start"], summit["end"]) == ("2024-07-15", "2024-07-17")
    assert entities[summit["location"]]["name"] == "Singapore"
    assert "Paparkan Mitigasi Gempa" not in " ".join(names(record, "person"))
    assert "Hadianto Rasyid" in names(record, "person")


def test_a_head_word_used_as_a_verb_names_no_event(extractor):
    record = extractor.extract(
        document(
            "Penang and Medan extend their twin city ties\n\nThe Medan delegation will visit "
            "Penang Port and the Penang Development Corporation during the trip, after both "
            "cities signed a memorandum of understanding.",
            "en",
        )
    )
    assert not any(e["name"].lower().startswith("visit") for e in record["events"])


def test_datelines_in_any_case_both_cities_as_parties_and_portfolios(extractor):
    english = extractor.extract(
        document(
            "City network trains officials\n\nManila, 3 March 2024 – CityNet held a workshop on "
            "flood resilience in partnership with the Asian Development Bank.",
            "en",
            published="2024-03-04",
        )
    )
    entities = by_id(english)
    assert not any(
        entities[r["subject"]]["name"] == "Manila" for r in english["relations"]
    )  # where the report was filed is no party
    french = extractor.extract(
        document(
            "Trente ans de jumelage entre Lille et Saint-Louis\n\nLille a fêté ses trente ans de "
            "jumelage avec Saint-Louis du Sénégal. Les deux villes ont signé un avenant à leur "
            "convention, avec le soutien de l'Agence de l'eau Artois-Picardie.",
            "fr",
        )
    )
    entities = by_id(french)
    (agreement,) = [r for r in french["relations"] if r["type"] == "agreement"]
    parties = {entities[agreement[end]]["name"] for end in ("subject", "object")}
    assert "Lille" in parties and len(parties) == 2 and "Artois" not in " ".join(parties)
    indonesian = extractor.extract(
        document(
            "Bali dan Queensland Teken Kerja Sama\n\nPenjabat Gubernur Bali dan Menteri "
            "Perdagangan dan Investasi Queensland menandatangani nota kesepahaman.",
            "id",
        )
    )
    assert "Perdagangan" not in names(indonesian, "person")


def test_mayors_of_two_countries_signing_make_a_relevant_report_one_abroad_does_not(
    extractor,
):
    meeting = extractor.extract(
        document(
            "Le maire de Sfax en visite à Grenoble\n\nLe maire de Sfax, Mounir Elloumi, est "
            "reçu depuis lundi par le maire de Grenoble, Éric Piolle. Les deux maires ont "
            "signé mardi un protocole d'accord sur la gestion de l'eau.",
            "fr",
        )
    )
    assert meeting["doc"]["relevant"]
    news = extractor.extract(
        document(
            "Wali Kota New York Terpilih Umumkan Kabinet\n\nWali Kota New York Zohran Mamdani "
            "mengumumkan susunan kabinetnya dan berjanji menjalin kerja sama dengan komunitas "
            "imigran di kota itu.",
            "id",
        )
    )
    assert not news["doc"]["relevant"]


def test_venues_friendship_provinces_and_funders(extractor):
    indonesian = extractor.extract(
        document(
            "Jawa Timur dan Guangdong Perkuat Kerja Sama\n\nPemerintah Provinsi Jawa Timur dan "
            "Provinsi Guangdong, Tiongkok, memperkuat hubungan provinsi bersahabat (friendship "
            "province) dalam pertemuan di Gedung Negara Grahadi Praja, Surabaya.",
            "id",
        )
    )
    assert "Praya" not in names(indonesian, "place")
    (friends,) = [r for r in indonesian["relations"] if r["type"] == "sister_city"]
    assert friends["attributes"]["kind"] == "friendship"
    english = extractor.extract(
        document(
            "Kupang launches a water programme\n\nThe Kupang City Government launched a clean "
            "water programme funded by the Asian Development Bank.",
            "en",
        )
    )
    entities = by_id(english)
    assert any(
        r["type"] == "partner_of" and entities[r["object"]]["name"] == "Asian Development Bank"
        for r in english["relations"]
    )


def test_a_name_that_begins_like_a_town_after_an_ambassador_s_title(extractor):
    record = extractor.extract(
        document(
            "Wali Kota Bogor menerima Duta Besar Jepang untuk Indonesia Kasama Hiroshi di "
            "Balai Kota Bogor, Rabu (12/3/2025).",
            "id",
            published="2025-03-13",
        )
    )
    # Kasama is also a town in Japan; the recogniser reads the two words as one name.
    assert "Kasama Hiroshi" in names(record, "person")
    held = [(s, r["attributes"]["title"]) for s, _, r in named_relations(record, "holds_position")]
    assert ("Kasama Hiroshi", "Duta Besar Jepang untuk Indonesia") in held


def test_both_members_a_signing_not_dated_by_since_and_a_title_ends_at_its_clause(extractor):
    text = (
        "Lyon and Porto deepen ties\n\nLyon and Porto, twinned since 1978, signed a "
        "cooperation agreement on Thursday (6/3/2025). The City of Lyon hosted the meeting. "
        "Ana Ribeiro, Director of the Porto Tourism Office, said Lyon would host a fair. "
        "Both cities are members of Eurocities."
    )
    record = extractor.extract(document(text, "en", published="2025-03-07"))

    def facts(kind: str) -> list[tuple[str, str, str | None]]:
        return sorted((s, o, r["date"]) for s, o, r in named_relations(record, kind))

    # "since 1978" dates the twinning, not the agreement signed on Thursday.
    assert [date for *_, date in facts("sister_city")] == ["1978"]
    assert [date for *_, date in facts("agreement")] == ["2025-03-06"]
    # "Both cities": the two places the report is about, not the last one named.
    assert {subject for subject, *_ in facts("member_of")} == {"Lyon", "Porto"}
    # The title stops at its comma: what follows "said" is not where she works.
    assert ("Ana Ribeiro", "Lyon", None) not in facts("holds_position")


def test_a_county_abroad_its_deputy_head_and_a_delegation_that_went_there(extractor):
    text = (
        "Jember Gandeng Taiwan\n\nPemerintah Kabupaten Jember bekerja sama dengan "
        "Pemerintah Kabupaten Hualien, Taiwan, di bidang pertanian. Nota kesepahaman "
        "diteken Bupati Jember Rina Sari dan Wakil Bupati Hualien Lin Wei-ming. Kerja sama "
        "itu tindak lanjut kunjungan delegasi Jember ke Hualien pada Oktober 2024."
    )
    record = extractor.extract(document(text, "id", published="2025-02-18"))
    found = {(r["type"], s, o) for s, o, r in named_relations(record)}
    assert ("partner_of", "Pemerintah Kabupaten Jember", "Pemerintah Kabupaten Hualien") in found
    # The county is the deputy head's place, not the first word of his name.
    assert ("holds_position", "Lin Wei-ming", "Hualien") in found
    # The delegation went from Jember to Hualien.
    visits = {(s, o) for kind, s, o in found if kind == "visit"}
    assert visits == {("Kabupaten Jember", "Hualien")}


def test_a_name_set_off_by_commas_after_a_title_and_the_place_it_serves(extractor):
    text = (
        "Nantes et Jawa Barat\n\nLe gouverneur de la province indonésienne de Java "
        "occidental, Dedi Mulyadi Santosa, a signé un accord de coopération avec Nantes mardi."
    )
    record = extractor.extract(document(text, "fr", published="2025-02-05"))
    held = {s: o for s, o, _ in named_relations(record, "holds_position")}
    assert held.get("Dedi Mulyadi Santosa") == "Jawa Barat"
    # A title, then a verb: what follows the comma is no name of his.
    record = extractor.extract(
        document(
            "Le gouverneur a évoqué un accord de coopération avec Lyon, Marché Central "
            "Ouvert, hier.",
            "fr",
            published="2025-02-05",
        )
    )
    assert "Lyon" in names(record, "place")
    assert not names(record, "person")


def test_dateline_agency_malay_city_hall_and_a_network_inside_a_title(extractor):
    text = (
        "Pemkot Palu Hadiri Forum Wali Kota ASEAN\n\nPALU, KOMPAS - Wali Kota Palu Sari "
        "Wulandari menghadiri forum kerja sama kota-kota ASEAN di Kuala Lumpur yang "
        "diselenggarakan bersama Dewan Bandaraya Kuala Lumpur pada 24-26 Juni 2025."
    )
    record = extractor.extract(document(text, "id", published="2025-06-27"))
    organizations = {
        e["name"]: e.get("subtype") for e in record["entities"] if e["type"] == "organization"
    }
    assert "KOMPAS" not in organizations  # the agency that filed the report
    assert organizations.get("Dewan Bandaraya Kuala Lumpur") == "local_government"
    assert not any("ASEAN" in name for name in names(record, "place"))


def test_a_mission_named_by_its_country_s_adjective(extractor):
    text = (
        "Makassar and Perth sign a partnership\n\nThe Makassar City Government signed a "
        "partnership agreement with the City of Perth, facilitated by the Australian "
        "Embassy in Jakarta. An American investor also attended."
    )
    record = extractor.extract(document(text, "en", published="2025-02-05"))
    missions = [e for e in record["entities"] if e.get("subtype") == "diplomatic_mission"]
    assert [(m["name"], m["country"]) for m in missions] == [("Australian Embassy", "AU")]
    # An adjective alone names no place.
    assert "United States" not in names(record, "place")


def test_cooperation_explored_with_a_government_abroad(extractor):
    record = extractor.extract(
        document(
            "Bali Jajaki Kerja Sama dengan Queensland\n\nPemerintah Provinsi Bali menjajaki "
            "kerja sama dengan Pemerintah Kota Brisbane di bidang pariwisata. Pemerintah "
            "Provinsi Bali juga bekerja sama dengan Pemerintah Kabupaten Badung.",
            "id",
            published="2025-03-12",
        )
    )
    partners = [(s, o, r["status"]) for s, o, r in named_relations(record, "partner_of")]
    # A government abroad is a partner, here only explored; one at home is not.
    assert partners == [("Pemerintah Provinsi Bali", "Pemerintah Kota Brisbane", "proposed")]


def test_a_city_s_listed_twins_and_a_host_named_outright(extractor):
    record = extractor.extract(
        document(
            "Medan Tuan Rumah Forum Kota\n\nPemerintah Kota Medan akan menjadi tuan rumah "
            "Forum Kota Sumatra 2025 pada 3-5 Maret 2025. Wali Kota Medan sebelumnya hadir di "
            "sebuah forum di Kuala Lumpur. Festival itu melibatkan perwakilan kota kembar "
            "Medan, yaitu Penang, Ichikawa, dan Chengdu.",
            "id",
            published="2025-01-10",
        )
    )
    entities = by_id(record)
    twins = {
        frozenset(entities[r[end]]["name"] for end in ("subject", "object"))
        for r in record["relations"]
        if r["type"] == "sister_city" and r["status"] == "active"
    }
    assert {frozenset({"Kota Medan", "Ichikawa"}), frozenset({"Kota Medan", "Chengdu"})} <= twins
    (forum,) = [e for e in record["events"] if e["name"].startswith("Forum Kota Sumatra")]
    assert entities[forum["location"]]["name"] == "Kota Medan"


def test_a_city_hall_named_with_kota_and_a_weekday_after_a_comma(extractor):
    record = extractor.extract(
        document(
            "Konjen Jepang Audiensi dengan Wali Kota Kendari\n\nKonsul Jenderal Jepang melakukan "
            "audiensi dengan Wali Kota Kendari di Balai Kota Kendari, Rabu (24/1), membahas "
            "kerja sama pendidikan.",
            "id",
            published="2024-01-25",
        )
    )
    assert "Balai Kota Kendari" in names(record, "organization")
    assert not names(record, "person") & {"Rabu", "Balai Kota Kendari"}


def test_a_visit_by_a_delegation_is_told_once_of_the_places(extractor):
    record = extractor.extract(
        document(
            "Pemkot Bogor Terima Kunjungan Delegasi Nantes\n\nThe City of Bogor and "
            "Nantes renewed their sister city agreement during a visit by a Nantes "
            "delegation to the Bogor City Hall.",
            "en",
            published="2024-03-01",
        )
    )
    entities = by_id(record)
    visits = [r for r in record["relations"] if r["type"] == "visit"]
    assert len(visits) == 1 and entities[visits[0]["subject"]]["name"] == "Nantes"
    host = entities[visits[0]["object"]]
    assert "Bogor" in host["name"] and host["type"] == "place"
    assert not any("\n" in e["name"] for e in record["entities"])


def test_a_french_general_assembly_of_a_known_network(extractor):
    record = extractor.extract(
        document(
            "Les maires francophones à Dakar\n\nPlus de 120 maires se sont réunis à Dakar du 3 "
            "au 5 mai 2023 pour la 42e Assemblée générale de l'Association internationale des "
            "maires francophones (AIMF), accueillie par la Ville de Dakar. Les villes de Dakar et "
            "de Québec ont signé une entente de coopération.",
            "fr",
            published="2023-05-06",
        )
    )
    entities = by_id(record)
    (assembly,) = record["events"]
    assert "Assemblée générale" in assembly["name"] and "AIMF" not in assembly["aliases"]
    assert (assembly["start"], assembly["end"]) == ("2023-05-03", "2023-05-05")
    assert [entities[o]["name"] for o in assembly["organizers"]] == [
        "International Association of Francophone Mayors"
    ]
    assert [entities[h]["name"] for h in assembly["hosts"]] == ["Ville de Dakar"]
    assert any(r["type"] == "agreement" for r in record["relations"])


def test_bodies_named_before_their_head_and_no_people_from_headline_words(extractor):
    english = extractor.extract(
        document(
            "Salatiga signs MoU with Leiden University\n\nThe Salatiga City Government signed a "
            "memorandum of understanding with Leiden University & Medical Centre on Monday.",
            "en",
            published="2024-02-14",
        )
    )
    entities = by_id(english)
    (agreement,) = [r for r in english["relations"] if r["type"] == "agreement"]
    university = entities[agreement["object"]]
    assert university["name"] == "Leiden University & Medical Centre"
    assert "Leiden University" in university["aliases"]
    indonesian = extractor.extract(
        document(
            "Sleman Jajaki Kerja Sama dengan Gyeongju\n\nPemerintah Kabupaten Sleman menjajaki "
            "kerja sama dengan Pemerintah Kota Gyeongju di bidang pariwisata budaya.",
            "id",
        )
    )
    assert "Sleman Jajaki" not in names(indonesian, "person")


def test_a_title_after_a_possessive_place(extractor):
    record = extractor.extract(
        document(
            "Daegu and Medan sign a sister city MoU\n\nThe agreement was signed by Daegu's Mayor "
            "Hong Joon-pyo and Medan's mayor, Bobby Nasution, in Medan on Tuesday.",
            "en",
            published="2023-11-22",
        )
    )
    positions = {(p, o) for p, _, o in _positions(record)}
    assert ("Hong Joon-pyo", "Daegu") in positions
    assert any(p == "Bobby Nasution" and "Medan" in o for p, o in positions)
