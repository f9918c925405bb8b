"""Tests for the date finder: invented sentences in Indonesian, English and French.

Publication date used throughout, unless a case says otherwise: Thursday 2018-09-20.
"""

from __future__ import annotations

import json
import random
import re
from datetime import date, datetime
from importlib import resources

import pytest

from jejaring.extract.dates import DateMention, find_dates

PUB = "2018-09-20"  # a Thursday
TODAY = date(2026, 11, 23)

ISO_BY_PRECISION = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "year": re.compile(r"\d{4}"),
}


def check_invariants(source: str, mentions: list[DateMention]) -> None:
    """What every result must satisfy, whatever the input."""
    previous_end = 0
    for mention in mentions:
        assert mention.text == source[mention.start : mention.end]
        assert 0 <= previous_end <= mention.start < mention.end <= len(source)
        previous_end = mention.end
        assert mention.precision in ISO_BY_PRECISION
        assert mention.kind in {"absolute", "weekday_qualified", "relative", "range"}
        assert (mention.start_date is None) == (mention.end_date is None)
        if mention.start_date is not None:
            pattern = ISO_BY_PRECISION[mention.precision]
            assert pattern.fullmatch(mention.start_date), mention
            assert pattern.fullmatch(mention.end_date or ""), mention
            assert mention.start_date <= (mention.end_date or "")
            if mention.precision == "day":
                date.fromisoformat(mention.start_date)
                date.fromisoformat(mention.end_date or "")
        if mention.kind != "range" and mention.start_date is not None:
            assert mention.start_date == mention.end_date or "week_coarsened" in mention.warnings


def dates(
    text: str,
    published: str | date | None = PUB,
    language: str | None = None,
    today: date = TODAY,
) -> list[DateMention]:
    mentions = find_dates(text, published=published, language=language, today=today)
    check_invariants(text, mentions)
    return mentions


def only(text: str, **kwargs) -> DateMention:
    mentions = dates(text, **kwargs)
    assert len(mentions) == 1, [m.text for m in mentions]
    return mentions[0]


# --------------------------------------------------------------------------- absolute dates

# (language, sentence, mention text, start, end, precision)
ABSOLUTE = [
    ("id", "Nota kesepahaman ditandatangani 13 September 2018 di Surabaya.",
     "13 September 2018", "2018-09-13", "2018-09-13", "day"),
    ("id", "Pertemuan lanjutan pada 13 Sept. 2018 membahas sampah.",
     "13 Sept. 2018", "2018-09-13", "2018-09-13", "day"),
    ("id", "Delegasi tiba 5 Agt 2019 dan 7 Ags 2019 berangkat.",
     "5 Agt 2019", "2019-08-05", "2019-08-05", "day"),
    ("id", "Kerja sama diperpanjang 1 Nopember 2020.",
     "1 Nopember 2020", "2020-11-01", "2020-11-01", "day"),
    ("id", "Surat bertanggal 5 Des 2018 dikirim ke konsulat.",
     "5 Des 2018", "2018-12-05", "2018-12-05", "day"),
    ("id", "Dokumen bertanggal 05 Mei 2021 itu diteken gubernur.",
     "05 Mei 2021", "2021-05-05", "2021-05-05", "day"),
    ("en", "The agreement was signed on September 13, 2018 in Surabaya.",
     "September 13, 2018", "2018-09-13", "2018-09-13", "day"),
    ("en", "The council met on the 13th of September 2018.",
     "13th of September 2018", "2018-09-13", "2018-09-13", "day"),
    ("en", "Delegates arrived Sept 15th, 2018 for the forum.",
     "Sept 15th, 2018", "2018-09-15", "2018-09-15", "day"),
    ("fr", "L'accord a été signé le 13 septembre 2018 à Lyon.",
     "13 septembre 2018", "2018-09-13", "2018-09-13", "day"),
    ("fr", "Le jumelage est entré en vigueur le 1er juin 2023.",
     "1er juin 2023", "2023-06-01", "2023-06-01", "day"),
    ("fr", "La délégation est arrivée le 2 févr. 2019 au matin.",
     "2 févr. 2019", "2019-02-02", "2019-02-02", "day"),
    ("fr", "Une fête le 15 août 2018 a réuni les deux villes.",
     "15 août 2018", "2018-08-15", "2018-08-15", "day"),
    ("fr", "Un courrier du 3 DÉCEMBRE 2019 confirme la visite.",
     "3 DÉCEMBRE 2019", "2019-12-03", "2019-12-03", "day"),
    ("id", "Surat nomor 12 tanggal 13/9/2018 diterima.",
     "13/9/2018", "2018-09-13", "2018-09-13", "day"),
    ("id", "Rapat koordinasi 13-09-2018 di balai kota.",
     "13-09-2018", "2018-09-13", "2018-09-13", "day"),
    ("fr", "Réunion du conseil, le 13.09.2018, à la mairie.",
     "13.09.2018", "2018-09-13", "2018-09-13", "day"),
    ("en", "Record created 2018-09-13 by the city archive.",
     "2018-09-13", "2018-09-13", "2018-09-13", "day"),
    ("en", "Timestamp 2018-09-13T10:00:00Z in the minutes.",
     "2018-09-13", "2018-09-13", "2018-09-13", "day"),
    ("id", "Laporan 2018/09/13 disimpan di arsip.",
     "2018/09/13", "2018-09-13", "2018-09-13", "day"),
    ("id", "Program dimulai September 2018 dengan tiga sekolah.",
     "September 2018", "2018-09", "2018-09", "month"),
    ("en", "The plan was adopted in Sept. 2018 by the council.",
     "Sept. 2018", "2018-09", "2018-09", "month"),
    ("fr", "Le projet a démarré en mars 2019 dans le quartier.",
     "mars 2019", "2019-03", "2019-03", "month"),
    ("id", "Kota kembar ini terjalin pada 2018 setelah kunjungan.",
     "2018", "2018", "2018", "year"),
    ("id", "Pada tahun 2016 kedua kota menandatangani surat niat.",
     "2016", "2016", "2016", "year"),
    ("en", "The network was founded in 2004 by twelve cities.",
     "2004", "2004", "2004", "year"),
    ("en", "Emissions will halve by 2030, the mayor said.",
     "2030", "2030", "2030", "year"),
    ("en", "Work resumed in mid-2019 after a pause.",
     "2019", "2019", "2019", "year"),
    ("fr", "La ville est membre du réseau depuis 2015.",
     "2015", "2015", "2015", "year"),
    ("fr", "Le jumelage a été signé en 2018 à Lyon.",
     "2018", "2018", "2018", "year"),
    ("fr", "Les travaux s'achèveront fin 2024 selon la mairie.",
     "2024", "2024", "2024", "year"),
    ("id", "Program berjalan sejak awal 2017 di lima kelurahan.",
     "2017", "2017", "2017", "year"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "sentence", "text", "start", "end", "precision"), ABSOLUTE)
def test_absolute_dates(language, sentence, text, start, end, precision):
    for lang in (language, None):
        mention = dates(sentence, language=lang)[0]
        assert (mention.text, mention.start_date, mention.end_date) == (text, start, end)
        assert mention.precision == precision
        assert mention.kind == "absolute"
        assert mention.warnings == []


def test_explicit_dates_do_not_need_a_publication_date():
    mention = only("Ditandatangani 13 September 2018.", published=None, language="id")
    assert mention.start_date == "2018-09-13"
    assert mention.warnings == []


# --------------------------------------------------------------------------- year-less dates

# (language, published, sentence, mention text, resolved date)
YEARLESS = [
    ("id", PUB, "Rapat digelar 13 September di balai kota.", "13 September", "2018-09-13"),
    ("id", PUB, "Rapat digelar 13 Sept di balai kota.", "13 Sept", "2018-09-13"),
    ("en", PUB, "The forum opened on 13 September in Jakarta.", "13 September", "2018-09-13"),
    ("en", PUB, "The forum opened on September 13 in Jakarta.", "September 13", "2018-09-13"),
    ("fr", PUB, "Le forum s'est ouvert le 13 septembre à Lyon.", "13 septembre", "2018-09-13"),
    # look-back rule: more than ~4 months ahead of publication means last year
    ("id", "2019-01-10", "Kunjungan 13 Desember menghasilkan MoU.", "13 Desember", "2018-12-13"),
    ("id", "2018-03-01", "Kunjungan 15 November menghasilkan MoU.", "15 November", "2017-11-15"),
    ("id", "2018-06-15", "Kunjungan 20 Desember menghasilkan MoU.", "20 Desember", "2017-12-20"),
    # ... but an event announced a few months ahead stays in the publication year
    ("id", PUB, "Festival akan digelar 13 Desember.", "13 Desember", "2018-12-13"),
    ("id", "2018-12-20", "Forum akan digelar 5 Januari di Medan.", "5 Januari", "2019-01-05"),
]


@pytest.mark.parametrize(("language", "published", "sentence", "text", "resolved"), YEARLESS)
def test_year_less_dates_take_the_year_from_publication(
    language, published, sentence, text, resolved
):
    mention = only(sentence, published=published, language=language)
    assert (mention.text, mention.start_date, mention.end_date) == (text, resolved, resolved)
    assert mention.precision == "day"
    assert mention.warnings == ["year_inferred"]


@pytest.mark.parametrize(
    ("published", "sentence", "text", "resolved"),
    [
        ("2018-09-10", "Acara 13 September lalu diikuti 30 kota.", "13 September lalu",
         "2017-09-13"),
        (PUB, "Acara 13 September lalu diikuti 30 kota.", "13 September lalu", "2018-09-13"),
        ("2018-09-10", "Le 13 septembre dernier, le maire a parlé.", "13 septembre dernier",
         "2017-09-13"),
        ("2018-06-01", "Forum 5 Januari mendatang di Medan.", "5 Januari mendatang", "2019-01-05"),
        ("2018-06-01", "Le forum du 5 janvier prochain à Lyon.", "5 janvier prochain",
         "2019-01-05"),
    ],
)  # fmt: skip
def test_direction_words_after_a_day_month_choose_the_year(published, sentence, text, resolved):
    mention = only(sentence, published=published)
    assert (mention.text, mention.start_date, mention.kind) == (text, resolved, "relative")


def test_year_less_date_without_publication_is_not_invented():
    mention = only("Rapat digelar 13 September di balai kota.", published=None, language="id")
    assert mention.text == "13 September"
    assert mention.start_date is None and mention.end_date is None
    assert mention.precision == "day"
    assert mention.warnings == ["year_unknown"]


@pytest.mark.parametrize(
    ("language", "published", "sentence", "text", "resolved", "kind"),
    [
        ("id", "2019-01-10", "Pameran pada Desember menarik banyak pengunjung.", "Desember",
         "2018-12", "absolute"),
        ("id", PUB, "Pameran pada Januari menarik banyak pengunjung.", "Januari", "2018-01",
         "absolute"),
        ("en", PUB, "The exhibition in May drew large crowds.", "May", "2018-05", "absolute"),
        ("fr", PUB, "L'exposition en mars a attiré du monde.", "mars", "2018-03", "absolute"),
        ("fr", PUB, "Les travaux reprendront début novembre.", "novembre", "2018-11", "absolute"),
        ("id", PUB, "Kunjungan Juni lalu dibalas tahun ini.", "Juni lalu", "2018-06", "relative"),
        ("id", PUB, "Kunjungan pada Oktober lalu.", "Oktober lalu", "2017-10", "relative"),
        ("id", PUB, "Kongres Desember mendatang di Bali.", "Desember mendatang", "2018-12",
         "relative"),
        ("en", PUB, "The visit last June was a success.", "last June", "2018-06", "relative"),
        ("en", PUB, "The summit next March will be in Lyon.", "next March", "2019-03", "relative"),
        ("fr", PUB, "La visite de juin dernier a compté.", "juin dernier", "2018-06", "relative"),
    ],
)  # fmt: skip
def test_months_without_year(language, published, sentence, text, resolved, kind):
    mentions = [m for m in dates(sentence, published=published, language=language)]
    mention = mentions[0]
    assert (mention.text, mention.start_date, mention.end_date) == (text, resolved, resolved)
    assert (mention.precision, mention.kind) == ("month", kind)


def test_month_without_year_and_publication_is_unknown():
    mention = only("Pameran pada Desember ramai.", published=None, language="id")
    assert (mention.start_date, mention.precision, mention.warnings) == (
        None,
        "month",
        ["year_unknown"],
    )


# --------------------------------------------------------------------------- weekday-qualified

# (language, sentence, mention text, resolved) — published 2018-09-20
WEEKDAY = [
    ("id", "Wali kota menerima delegasi Halden, Kamis (13/9).", "Kamis (13/9)", "2018-09-13"),
    ("id", "Wali kota menerima delegasi, Kamis(13/9), di balai kota.", "Kamis(13/9)",
     "2018-09-13"),
    ("id", "Rombongan tiba di Jakarta (Kamis, 13/9) sore.", "(Kamis, 13/9)", "2018-09-13"),
    ("id", "Rombongan tiba pada Kamis, 13/9, pukul 10.00.", "Kamis, 13/9", "2018-09-13"),
    ("id", "Rombongan tiba KAMIS (13/9) pagi.", "KAMIS (13/9)", "2018-09-13"),
    ("id", "Forum dibuka Senin, 17 September, oleh gubernur.", "Senin, 17 September",
     "2018-09-17"),
    ("id", "Forum dibuka pada hari Senin tanggal 17 September.", "Senin tanggal 17 September",
     "2018-09-17"),
    ("id", "Pertemuan digelar Jumat (14/9) di Bandung.", "Jumat (14/9)", "2018-09-14"),
    ("id", "Pertemuan digelar Jum'at (14/9) di Bandung.", "Jum'at (14/9)", "2018-09-14"),
    ("id", "Pertemuan digelar Minggu (16/9) di Bandung.", "Minggu (16/9)", "2018-09-16"),
    ("en", "The mayor spoke on Tuesday, September 18, at the forum.", "Tuesday, September 18",
     "2018-09-18"),
    ("en", "The mayor spoke on Tuesday 18 September at the forum.", "Tuesday 18 September",
     "2018-09-18"),
    ("fr", "Le maire a reçu la délégation mardi 18 septembre.", "mardi 18 septembre",
     "2018-09-18"),
    ("fr", "Le maire a reçu la délégation le lundi 17 septembre.", "lundi 17 septembre",
     "2018-09-17"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "sentence", "text", "resolved"), WEEKDAY)
def test_weekday_qualified_dates(language, sentence, text, resolved):
    for lang in (language, None):
        mention = only(sentence, language=lang)
        assert (mention.text, mention.start_date, mention.end_date) == (text, resolved, resolved)
        assert (mention.precision, mention.kind) == ("day", "weekday_qualified")
        assert mention.warnings == ["year_from_weekday"]


def test_thursday_13_september_exists_in_2012_2018_and_2029():
    assert {date(y, 9, 13).weekday() for y in (2012, 2018, 2029)} == {3}


@pytest.mark.parametrize(
    ("published", "resolved"),
    [
        ("2018-09-20", "2018-09-13"),
        ("2018-01-15", "2018-09-13"),
        ("2012-10-01", "2012-09-13"),
        ("2029-09-01", "2029-09-13"),
        ("2024-05-01", "2029-09-13"),  # 2018 is 6 years back, 2029 is 5 ahead
    ],
)
def test_weekday_year_is_the_one_nearest_publication(published, resolved):
    mention = only("Delegasi tiba Kamis (13/9).", published=published, language="id")
    assert mention.start_date == resolved
    assert mention.start_date and date.fromisoformat(mention.start_date).weekday() == 3


def test_weekday_year_far_from_publication_is_flagged():
    mention = only("Delegasi tiba Kamis (13/9).", published="2021-01-10", language="id")
    assert mention.start_date == "2018-09-13"
    assert mention.warnings == ["year_from_weekday", "year_from_weekday_far"]


def test_weekday_year_without_publication_is_the_latest_past_one():
    mention = only("Delegasi tiba Kamis (13/9).", published=None, language="id", today=TODAY)
    assert mention.start_date == "2018-09-13"
    assert mention.warnings == ["year_from_weekday", "no_publication_date"]
    mention = only("Forum dibuka Senin, 5 Juni.", published=None, language="id", today=TODAY)
    assert mention.start_date == "2023-06-05"
    # the same Thursday seen from 2030 is 2029's, which is then in the past
    later = only("Kamis (13/9)", published=None, language="id", today=date(2030, 1, 1))
    assert later.start_date == "2029-09-13"


def test_weekday_year_is_never_in_the_future_without_publication():
    mention = only("Kamis (13/9)", published=None, language="id", today=date(2029, 9, 12))
    assert mention.start_date == "2018-09-13"


def test_weekday_with_explicit_year():
    mention = only("Delegasi tiba Kamis (13/9/2018) sore.", language="id")
    assert (mention.text, mention.start_date, mention.warnings) == (
        "Kamis (13/9/2018)",
        "2018-09-13",
        [],
    )
    mention = only("Delegasi tiba Kamis (13/9/18) sore.", language="id")
    assert mention.start_date == "2018-09-13"


@pytest.mark.parametrize(
    ("language", "sentence", "text", "explicit"),
    [
        ("id", "Delegasi tiba Kamis (14/9/2018) sore.", "Kamis (14/9/2018)", "2018-09-14"),
        ("id", "Forum dibuka Senin, 13 September 2018.", "Senin, 13 September 2018",
         "2018-09-13"),
        ("en", "The forum opened on Tuesday, March 5, 2018.", "Tuesday, March 5, 2018",
         "2018-03-05"),
        ("fr", "Le forum s'est ouvert le mardi 13 septembre 2018.", "mardi 13 septembre 2018",
         "2018-09-13"),
    ],
)  # fmt: skip
def test_weekday_contradicting_an_explicit_date_keeps_the_date(language, sentence, text, explicit):
    mention = only(sentence, language=language)
    assert (mention.text, mention.start_date) == (text, explicit)
    assert mention.warnings == ["weekday_mismatch"]


def test_weekday_qualified_in_english_month_day_order():
    mention = only("The forum opened on Tuesday, March 5, in Lyon.", published="2019-03-07")
    assert (mention.text, mention.start_date) == ("Tuesday, March 5", "2019-03-05")
    mention = only("Le forum s'est ouvert mardi 5 mars à Lyon.", published="2019-03-07")
    assert (mention.text, mention.start_date) == ("mardi 5 mars", "2019-03-05")


def test_prefix_reading_gives_way_to_an_explicit_date():
    mention = only("It happened last Tuesday, March 5, 2019.", language="en")
    assert (mention.text, mention.start_date, mention.kind) == (
        "Tuesday, March 5, 2019",
        "2019-03-05",
        "weekday_qualified",
    )


# --------------------------------------------------------------------------- ranges

# (language, sentence, mention text, start, end)
RANGES = [
    ("id", "Kongres digelar 12-15 September 2018 di Surabaya.", "12-15 September 2018",
     "2018-09-12", "2018-09-15"),
    ("id", "Kongres digelar 12–15 Sept 2018 di Surabaya.", "12–15 Sept 2018",
     "2018-09-12", "2018-09-15"),
    ("id", "Kongres digelar 12 - 15 September 2018 di Surabaya.", "12 - 15 September 2018",
     "2018-09-12", "2018-09-15"),
    ("id", "Pameran 12 September - 15 Oktober 2018 di museum.",
     "12 September - 15 Oktober 2018", "2018-09-12", "2018-10-15"),
    ("id", "Festival budaya 1–2 Agustus 2023 di alun-alun.", "1–2 Agustus 2023",
     "2023-08-01", "2023-08-02"),
    ("id", "Pelatihan 12 s.d. 15 September 2018 di Bogor.", "12 s.d. 15 September 2018",
     "2018-09-12", "2018-09-15"),
    ("id", "Pelatihan 12 sampai dengan 15 September 2018 di Bogor.",
     "12 sampai dengan 15 September 2018", "2018-09-12", "2018-09-15"),
    ("id", "Pelatihan dari tanggal 3 hingga 5 Mei 2018 di Bogor.",
     "dari tanggal 3 hingga 5 Mei 2018", "2018-05-03", "2018-05-05"),
    ("id", "Forum berlangsung antara 12 dan 15 September 2018.",
     "antara 12 dan 15 September 2018", "2018-09-12", "2018-09-15"),
    ("id", "Forum berlangsung 12 dan 13 September 2018.", "12 dan 13 September 2018",
     "2018-09-12", "2018-09-13"),
    ("id", "Libur 30 Desember 2018 - 2 Januari 2019 diperpanjang.",
     "30 Desember 2018 - 2 Januari 2019", "2018-12-30", "2019-01-02"),
    ("id", "Libur 28 Desember - 2 Januari 2019 diperpanjang.", "28 Desember - 2 Januari 2019",
     "2018-12-28", "2019-01-02"),
    ("en", "The congress runs September 12-15, 2018 in Surabaya.", "September 12-15, 2018",
     "2018-09-12", "2018-09-15"),
    ("en", "The fair runs September 30 - October 2, 2018.", "September 30 - October 2, 2018",
     "2018-09-30", "2018-10-02"),
    ("en", "Training runs from 12 to 15 September 2018.", "from 12 to 15 September 2018",
     "2018-09-12", "2018-09-15"),
    ("en", "It is held between the 12th and the 13th of September 2018.",
     "between the 12th and the 13th of September 2018", "2018-09-12", "2018-09-13"),
    ("fr", "Le congrès se tient du 12 au 15 septembre 2018 à Lyon.",
     "du 12 au 15 septembre 2018", "2018-09-12", "2018-09-15"),
    ("fr", "Le salon se tient du 30 septembre au 2 octobre 2018.",
     "du 30 septembre au 2 octobre 2018", "2018-09-30", "2018-10-02"),
    ("fr", "Les rencontres ont lieu les 12 et 13 septembre 2018.", "12 et 13 septembre 2018",
     "2018-09-12", "2018-09-13"),
    ("fr", "Le forum a lieu entre le 12 et le 15 mars 2019.", "entre le 12 et le 15 mars 2019",
     "2019-03-12", "2019-03-15"),
    ("id", "Rombongan berada di Seoul Rabu-Sabtu (12-15/9/2018).",
     "Rabu-Sabtu (12-15/9/2018)", "2018-09-12", "2018-09-15"),
    ("id", "Rombongan berada di Seoul Rabu-Sabtu, 12-15 September 2018.",
     "Rabu-Sabtu, 12-15 September 2018", "2018-09-12", "2018-09-15"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "sentence", "text", "start", "end"), RANGES)
def test_day_ranges(language, sentence, text, start, end):
    for lang in (language, None):
        mention = only(sentence, language=lang)
        assert (mention.text, mention.start_date, mention.end_date) == (text, start, end)
        assert (mention.precision, mention.kind, mention.warnings) == ("day", "range", [])


@pytest.mark.parametrize(
    ("language", "sentence", "text", "start", "end", "precision"),
    [
        ("id", "Program Mei-Juni 2019 melibatkan 40 sekolah.", "Mei-Juni 2019", "2019-05",
         "2019-06", "month"),
        ("id", "Program Juni–Agustus 2023 melibatkan 40 sekolah.", "Juni–Agustus 2023",
         "2023-06", "2023-08", "month"),
        ("id", "Program November 2018 - Februari 2019 berjalan.",
         "November 2018 - Februari 2019", "2018-11", "2019-02", "month"),
        ("fr", "Le programme court de juin à août 2023.", "de juin à août 2023", "2023-06",
         "2023-08", "month"),
        ("id", "RPJMD periode 2018-2023 memuat kerja sama luar negeri.", "2018-2023", "2018",
         "2023", "year"),
        ("en", "The plan ran from 2018 to 2020 in three cities.", "from 2018 to 2020", "2018",
         "2020", "year"),
        ("en", "The plan ran between 2018 and 2019.", "between 2018 and 2019", "2018", "2019",
         "year"),
        ("fr", "Le plan a couru de 2018 à 2020.", "de 2018 à 2020", "2018", "2020", "year"),
    ],
)  # fmt: skip
def test_month_and_year_ranges(language, sentence, text, start, end, precision):
    mention = only(sentence, language=language)
    assert (mention.text, mention.start_date, mention.end_date) == (text, start, end)
    assert (mention.precision, mention.kind) == (precision, "range")


def test_year_less_range_takes_the_year_from_publication():
    mention = only("Kongres digelar 12-15 September di Surabaya.", language="id")
    assert (mention.start_date, mention.end_date) == ("2018-09-12", "2018-09-15")
    assert mention.warnings == ["year_inferred"]
    mention = only("Libur 28 Desember - 2 Januari.", published="2018-12-01", language="id")
    assert (mention.start_date, mention.end_date) == ("2018-12-28", "2019-01-02")


def test_year_less_range_without_publication_is_unknown():
    mention = only("Kongres digelar 12-15 September.", published=None, language="id")
    assert (mention.start_date, mention.end_date, mention.warnings) == (
        None,
        None,
        ["year_unknown"],
    )


def test_weekday_range_without_year_uses_the_weekday_rule():
    mention = only("Rombongan berada di Seoul Rabu-Sabtu (12-15/9).", language="id")
    assert (mention.start_date, mention.end_date) == ("2018-09-12", "2018-09-15")
    assert mention.warnings == ["year_from_weekday"]


def test_weekday_range_with_wrong_end_weekday_is_flagged():
    mention = only("Rombongan berada di Seoul Rabu-Jumat (12-15/9/2018).", language="id")
    assert (mention.start_date, mention.end_date) == ("2018-09-12", "2018-09-15")
    assert mention.warnings == ["weekday_mismatch"]


def test_non_consecutive_pair_is_not_a_range():
    mentions = dates("Rapat 12 dan 15 September 2018.", language="id")
    assert [(m.text, m.start_date, m.kind) for m in mentions] == [
        ("15 September 2018", "2018-09-15", "absolute")
    ]


@pytest.mark.parametrize(
    ("language", "text", "start", "end"),
    [
        ("id", "Senin (17/9/2018) hingga Rabu (19/9/2018)", "2018-09-17", "2018-09-19"),
        ("id", "10 September 2018 sampai 2 Oktober 2018", "2018-09-10", "2018-10-02"),
        ("en", "September 3, 2018 until September 5, 2018", "2018-09-03", "2018-09-05"),
        ("fr", "lundi 17 septembre 2018 au mercredi 19 septembre 2018", "2018-09-17", "2018-09-19"),
    ],
)
def test_two_full_dates_joined_by_a_range_word_are_one_range(language, text, start, end):
    mention = only(f"Acara berlangsung {text} di sini.", language=language)
    assert (mention.text, mention.start_date, mention.end_date) == (text, start, end)
    assert mention.kind == "range"


def test_full_dates_far_apart_or_backwards_stay_two_dates():
    apart = dates("Senin (3/9/2018) hingga Kamis (3/10/2019) program berjalan.", language="id")
    assert [m.start_date for m in apart] == ["2018-09-03", "2019-10-03"]
    backwards = dates("Rabu (19/9/2018) hingga Senin (17/9/2018).", language="id")
    assert [m.kind for m in backwards] == ["weekday_qualified", "weekday_qualified"]


def test_backwards_ranges_are_not_ranges():
    mentions = dates("Dari 2020 hingga 2018 tidak ada kunjungan.", language="id")
    assert [(m.text, m.kind) for m in mentions] == [("2018", "absolute")]  # 'hingga 2018'
    mention = only("Persib menang 2-1 Mei lalu di Bandung.", language="id")
    assert (mention.text, mention.start_date) == ("Mei lalu", "2018-05")


# --------------------------------------------------------------------------- relative dates

# (language, published, phrase, expected start, expected end, precision)
RELATIVE = [
    # a weekday named alone: the latest one on or before publication (a Thursday)
    ("id", PUB, "pada Selasa", "2018-09-18", "2018-09-18", "day"),
    ("id", PUB, "pada hari Kamis", "2018-09-20", "2018-09-20", "day"),
    ("en", PUB, "on Friday", "2018-09-14", "2018-09-14", "day"),
    ("id", PUB, "kemarin", "2018-09-19", "2018-09-19", "day"),
    ("id", PUB, "hari ini", "2018-09-20", "2018-09-20", "day"),
    ("id", PUB, "besok", "2018-09-21", "2018-09-21", "day"),
    ("id", PUB, "lusa", "2018-09-22", "2018-09-22", "day"),
    ("id", PUB, "kemarin lusa", "2018-09-18", "2018-09-18", "day"),
    ("id", PUB, "pekan lalu", "2018-09", "2018-09", "month"),
    ("id", PUB, "minggu lalu", "2018-09", "2018-09", "month"),
    ("id", PUB, "pekan depan", "2018-09", "2018-09", "month"),
    ("id", PUB, "minggu depan", "2018-09", "2018-09", "month"),
    ("id", "2018-09-05", "pekan lalu", "2018-08", "2018-09", "month"),
    ("id", "2018-09-27", "pekan depan", "2018-10", "2018-10", "month"),
    ("id", PUB, "bulan lalu", "2018-08", "2018-08", "month"),
    ("id", PUB, "bulan depan", "2018-10", "2018-10", "month"),
    ("id", "2019-01-02", "bulan lalu", "2018-12", "2018-12", "month"),
    ("id", PUB, "tahun lalu", "2017", "2017", "year"),
    ("id", PUB, "tahun depan", "2019", "2019", "year"),
    ("id", PUB, "Selasa lalu", "2018-09-18", "2018-09-18", "day"),
    ("id", PUB, "Kamis lalu", "2018-09-13", "2018-09-13", "day"),
    ("id", PUB, "Jumat depan", "2018-09-21", "2018-09-21", "day"),
    ("id", PUB, "Senin pekan lalu", "2018-09-10", "2018-09-10", "day"),
    ("id", PUB, "Rabu pekan depan", "2018-09-26", "2018-09-26", "day"),
    ("id", PUB, "dua tahun lalu", "2016", "2016", "year"),
    ("id", PUB, "3 hari lalu", "2018-09-17", "2018-09-17", "day"),
    ("id", PUB, "setahun lalu", "2017", "2017", "year"),
    ("id", PUB, "3 hari lagi", "2018-09-23", "2018-09-23", "day"),
    ("en", PUB, "yesterday", "2018-09-19", "2018-09-19", "day"),
    ("en", PUB, "today", "2018-09-20", "2018-09-20", "day"),
    ("en", PUB, "tomorrow", "2018-09-21", "2018-09-21", "day"),
    ("en", PUB, "the day before yesterday", "2018-09-18", "2018-09-18", "day"),
    ("en", PUB, "last week", "2018-09", "2018-09", "month"),
    ("en", PUB, "next week", "2018-09", "2018-09", "month"),
    ("en", PUB, "last month", "2018-08", "2018-08", "month"),
    ("en", PUB, "next month", "2018-10", "2018-10", "month"),
    ("en", PUB, "last year", "2017", "2017", "year"),
    ("en", PUB, "next year", "2019", "2019", "year"),
    ("en", PUB, "last Tuesday", "2018-09-18", "2018-09-18", "day"),
    ("en", PUB, "last Thursday", "2018-09-13", "2018-09-13", "day"),
    ("en", PUB, "next Friday", "2018-09-21", "2018-09-21", "day"),
    ("en", PUB, "next Thursday", "2018-09-27", "2018-09-27", "day"),
    ("en", PUB, "this Friday", "2018-09-21", "2018-09-21", "day"),
    ("en", PUB, "this Monday", "2018-09-17", "2018-09-17", "day"),
    ("en", PUB, "two years ago", "2016", "2016", "year"),
    ("en", PUB, "3 days ago", "2018-09-17", "2018-09-17", "day"),
    ("fr", PUB, "hier", "2018-09-19", "2018-09-19", "day"),
    ("fr", PUB, "aujourd'hui", "2018-09-20", "2018-09-20", "day"),
    ("fr", PUB, "aujourd’hui", "2018-09-20", "2018-09-20", "day"),
    ("fr", PUB, "demain", "2018-09-21", "2018-09-21", "day"),
    ("fr", PUB, "avant-hier", "2018-09-18", "2018-09-18", "day"),
    ("fr", PUB, "après-demain", "2018-09-22", "2018-09-22", "day"),
    ("fr", PUB, "la semaine dernière", "2018-09", "2018-09", "month"),
    ("fr", PUB, "la semaine prochaine", "2018-09", "2018-09", "month"),
    ("fr", PUB, "le mois dernier", "2018-08", "2018-08", "month"),
    ("fr", PUB, "le mois prochain", "2018-10", "2018-10", "month"),
    ("fr", PUB, "l'année dernière", "2017", "2017", "year"),
    ("fr", PUB, "l’année prochaine", "2019", "2019", "year"),
    ("fr", PUB, "l'an dernier", "2017", "2017", "year"),
    ("fr", PUB, "mardi dernier", "2018-09-18", "2018-09-18", "day"),
    ("fr", PUB, "vendredi prochain", "2018-09-21", "2018-09-21", "day"),
    ("fr", PUB, "ce vendredi", "2018-09-21", "2018-09-21", "day"),
    ("fr", PUB, "il y a deux ans", "2016", "2016", "year"),
    ("fr", PUB, "dans un mois", "2018-10", "2018-10", "month"),
]

SENTENCE_FRAME = {
    "id": "Wali kota mengatakan {} bahwa kerja sama berlanjut.",
    "en": "The mayor said {} that the partnership continues.",
    "fr": "Le maire a déclaré {} que le partenariat continue.",
}


@pytest.mark.parametrize(("language", "published", "phrase", "start", "end", "precision"), RELATIVE)
def test_relative_dates(language, published, phrase, start, end, precision):
    sentence = SENTENCE_FRAME[language].format(phrase)
    for lang in (language, None):
        mention = only(sentence, published=published, language=lang)
        assert (mention.text, mention.start_date, mention.end_date) == (phrase, start, end)
        assert (mention.precision, mention.kind) == (precision, "relative")
        weekly = precision == "month" and any(
            w in phrase for w in ("pekan", "minggu", "week", "semaine")
        )
        assert mention.warnings == (["week_coarsened"] if weekly else [])


@pytest.mark.parametrize("language", ["id", "en", "fr"])
def test_relative_dates_without_publication_are_none(language):
    phrases = [phrase for lang, _, phrase, *_ in RELATIVE if lang == language]
    for phrase in phrases:
        mention = only(SENTENCE_FRAME[language].format(phrase), published=None, language=language)
        assert (mention.start_date, mention.end_date) == (None, None), phrase
        assert mention.warnings == ["no_publication_date"]


def test_a_weekday_with_its_own_modifier_or_date_is_not_read_alone():
    mention = only("Rapat digelar pada Kamis lalu di balai kota.", language="id")
    assert (mention.text, mention.start_date) == ("Kamis lalu", "2018-09-13")
    mention = only("Rapat digelar pada Senin (17/9/2018) di balai kota.", language="id")
    assert (mention.text, mention.start_date) == ("Senin (17/9/2018)", "2018-09-17")


@pytest.mark.parametrize(
    ("language", "sentence", "text", "start", "end"),
    [
        # PUB is a Thursday: a weekday named alone is the latest one on or before it.
        ("fr", "Les deux maires ont signé mardi un accord.", "mardi", "2018-09-18", "2018-09-18"),
        ("en", "The mayors signed the pact Thursday.", "Thursday", "2018-09-20", "2018-09-20"),
        ("id", "Kesepakatan diteken Rabu di balai kota.", "Rabu", "2018-09-19", "2018-09-19"),
        # Two weekdays joined: the days from the first through the second.
        (
            "fr",
            "Ils se réunissent lundi et mardi à Lyon.",
            "lundi et mardi",
            "2018-09-17",
            "2018-09-18",
        ),
        (
            "fr",
            "Le salon a lieu du lundi au mercredi.",
            "du lundi au mercredi",
            "2018-09-17",
            "2018-09-19",
        ),
        ("id", "Forum digelar Selasa dan Rabu.", "Selasa dan Rabu", "2018-09-18", "2018-09-19"),
        (
            "id",
            "Pameran pada Senin hingga Rabu.",
            "pada Senin hingga Rabu",
            "2018-09-17",
            "2018-09-19",
        ),
        (
            "en",
            "They met on Tuesday and Wednesday.",
            "on Tuesday and Wednesday",
            "2018-09-18",
            "2018-09-19",
        ),
    ],
)
def test_weekdays_without_dates(language, sentence, text, start, end):
    mention = only(sentence, language=language)
    assert (mention.text, mention.start_date, mention.end_date) == (text, start, end)


def test_weekdays_without_dates_keep_their_limits():
    # 'and' joins two days into a range only when they are consecutive.
    mentions = dates("Sessions on Monday and Wednesday.", language="en")
    assert [(m.text, m.start_date) for m in mentions] == [
        ("on Monday", "2018-09-17"),
        ("Wednesday", "2018-09-19"),
    ]
    # 'Minggu' alone is as often 'week' as 'Sunday'; it needs a modifier.
    assert dates("Minggu ramai pengunjung.", language="id") == []
    assert only("Acara pada Minggu sore.", language="id").start_date == "2018-09-16"
    mention = only("Ils ont signé jeudi.", published=None, language="fr")
    assert (mention.start_date, mention.warnings) == (None, ["no_publication_date"])


def test_relative_phrases_follow_the_document_language():
    assert dates("The mayor was here hier.", language="en") == []
    assert dates("Kata today dalam kutipan.", language="id") == []
    assert only("The mayor was here hier.", language=None).start_date == "2018-09-19"


def test_minggu_lalu_is_last_week_but_minggu_with_date_is_sunday():
    week, sunday, sunday_before = dates(
        "Minggu lalu rapat, Minggu (16/9) pawai, Minggu pekan lalu kerja bakti.", language="id"
    )
    assert (week.start_date, week.precision) == ("2018-09", "month")
    assert (sunday.start_date, sunday.kind) == ("2018-09-16", "weekday_qualified")
    assert (sunday_before.start_date, sunday_before.kind) == ("2018-09-16", "relative")


def test_relative_across_year_end():
    text = "Wali kota kemarin mengatakan bahwa tahun lalu kunjungan bulan lalu berhasil."
    assert [m.start_date for m in dates(text, published="2019-01-01", language="id")] == [
        "2018-12-31",
        "2018",
        "2018-12",
    ]


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("language", "text", "expected", "precision", "warnings"),
    [
        ("id", "5/6/2018", "2018-06-05", "day", []),
        ("fr", "5/6/2018", "2018-06-05", "day", []),
        (None, "5/6/2018", "2018-06-05", "day", []),
        ("en", "13/6/2018", "2018-06-13", "day", []),
        ("en", "6/13/2018", "2018-06-13", "day", []),
        ("en", "5/5/2018", "2018-05-05", "day", []),
        ("en", "5/6/2018", "2018", "year", ["ambiguous_day_month"]),
        ("en", "29/2/2020", "2020-02-29", "day", []),
    ],
)
def test_numeric_day_month_order(language, text, expected, precision, warnings):
    mention = only(f"Dated {text} in the register.", language=language)
    assert (mention.text, mention.start_date, mention.precision) == (text, expected, precision)
    assert mention.warnings == warnings


def test_english_weekday_settles_the_day_month_order():
    mention = only("Meeting on Wednesday (6/5/2019).", language="en")
    assert mention.start_date == "2019-06-05"
    assert mention.warnings == ["day_month_order_from_weekday"]
    mention = only("Meeting on Thursday, 9/13.", language="en")
    assert mention.start_date == "2018-09-13"


@pytest.mark.parametrize(
    "sentence",
    [
        "Surat tanggal 31/2/2018 tidak sah.",
        "Surat tanggal 29/2/2019 tidak sah.",
        "Surat tanggal 30 Februari 2019 tidak sah.",
        "Rapat Kamis (31/2) batal.",
        "Bon 6/13/2018 ditolak.",  # day-first in Indonesian: month 13 does not exist
        "Tanggal 2018-02-30 salah.",
        "Tanggal 32 Januari salah.",
    ],
)
def test_impossible_dates_are_not_dates(sentence):
    assert dates(sentence, language="id") == []


# --------------------------------------------------------------------------- non-dates

NON_DATES = [
    "Pandemi COVID-19 mulai mereda di kota itu.",
    "KTT G20 di Bali dihadiri banyak wali kota.",
    "Kongres ke-7 UCLG ASPAC dibuka gubernur.",
    "Persija menang 2-1 atas Persib di stadion.",
    "Rapat dimulai pukul 12.30 WIB di balai kota.",
    "Hubungi 021-5550-2018 atau 0812-1309-2018 untuk informasi.",
    "Nomor 0812-13-09-2018 milik panitia.",
    "Inflasi naik 13% menjadi 2018 poin indeks.",
    "Anggaran Rp 2.018 miliar dan USD 13,9 juta disiapkan.",
    "Aplikasi versi 2.1.2 dan 3.11 dirilis.",
    "Lihat halaman 12 dan bab 3 dokumen itu.",
    "Sebanyak 2018 peserta dan 1.500 relawan hadir.",
    "The city installed 2018 lamps and 12 benches.",
    "Agenda 2030 dan Visi Indonesia 2045 dibahas.",
    "Musik tahun 2010-an dan 1990s populer.",
    "Le rendez-vous est à 13h30 ou 12 h 30.",
    "Des 12 villes, 5 des 20 projets ont abouti.",
    "They may 5 times reconsider the plan.",
    "The score was 3-2 in the final.",
    "Pertemuan 13/9 saja tanpa hari.",
    "Universitas 17 Agustus 1945 menjadi tuan rumah.",
    "Kantor di Jalan 17 Agustus dan Jl. 10 November.",
    "Le siège est rue du 8 Mai 1945, place du 14 Juillet.",
    "Peraturan Daerah Nomor 5 Tahun 2018 tentang kerja sama.",
    "Undang-Undang No. 23 Tahun 2014 mengatur pemerintahan daerah.",
    "Kamis (2-1) tanpa tanggal.",
    "",
    "   \n\n  ",
]


@pytest.mark.parametrize("sentence", NON_DATES)
@pytest.mark.parametrize("language", ["id", "en", "fr", None])
def test_non_dates(sentence, language):
    assert dates(sentence, language=language) == []


def test_a_real_date_next_to_a_name_is_still_found():
    mentions = dates("Rapat di Jalan 17 Agustus pada 5 Juni 2019.", language="id")
    assert [(m.text, m.start_date) for m in mentions] == [("5 Juni 2019", "2019-06-05")]


def test_dates_do_not_span_line_breaks():
    text = "Tanggal 13\nSeptember 2018 rapat.\nLalu 5 Mei\n2019."
    assert [m.text for m in dates(text, language="id")] == ["September 2018", "5 Mei"]


def test_case_sensitive_abbreviations():
    assert only("Surat 5 Des 2018.", language="id").start_date == "2018-12-05"
    assert only("Surat 5 DES 2018.", language="id").start_date == "2018-12-05"
    assert dates("Surat 5 des 2018 copies.", language="id") == []
    assert only("Filed 5 Mar 2019.", language="en").start_date == "2019-03-05"
    assert only("Filed 5 May 2019.", language="en").start_date == "2019-05-05"


# --------------------------------------------------------------------------- whole texts


def test_a_paragraph_in_indonesian():
    text = (
        "SURABAYA - Wali Kota menerima delegasi Kota Halden, Kamis (13/9). Kedua kota "
        "menandatangani nota kesepahaman pada 2016 dan bertemu lagi pekan lalu. Kongres "
        "ke-7 digelar 12-15 September 2018 dan diikuti 800 peserta dari 30 negara."
    )
    mentions = dates(text, language="id")
    assert [(m.text, m.start_date, m.end_date, m.kind) for m in mentions] == [
        ("Kamis (13/9)", "2018-09-13", "2018-09-13", "weekday_qualified"),
        ("2016", "2016", "2016", "absolute"),
        ("pekan lalu", "2018-09", "2018-09", "relative"),
        ("12-15 September 2018", "2018-09-12", "2018-09-15", "range"),
    ]


def test_a_paragraph_in_french():
    text = (
        "Le maire de Lunel a reçu mardi dernier une délégation de la ville jumelle. Les deux "
        "villes ont signé un accord le 13 septembre 2018 et se retrouveront du 12 au 15 "
        "octobre prochain."
    )
    mentions = dates(text, language="fr")
    assert [(m.text, m.start_date, m.end_date) for m in mentions] == [
        ("mardi dernier", "2018-09-18", "2018-09-18"),
        ("13 septembre 2018", "2018-09-13", "2018-09-13"),
        ("du 12 au 15 octobre", "2018-10-12", "2018-10-15"),
    ]


def test_mentions_are_in_text_order_and_do_not_overlap():
    text = " ".join(s for _, s, *_ in ABSOLUTE + RANGES) + " " + " ".join(NON_DATES)
    mentions = dates(text)
    assert len(mentions) >= len(ABSOLUTE) + len(RANGES)


# --------------------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    "published",
    ["2018-09-20", "2018-09-20T23:10:00+07:00", " 2018-09-20 ", date(2018, 9, 20),
     datetime(2018, 9, 20, 8, 0)],
)  # fmt: skip
def test_publication_date_forms(published):
    assert only("kemarin", published=published, language="id").start_date == "2018-09-19"


@pytest.mark.parametrize("published", ["2018-09", "2018", "kemarin", "2018-02-30", "", None])
def test_partial_or_bad_publication_dates_count_as_unknown(published):
    mention = only("kemarin", published=published, language="id")
    assert mention.start_date is None


@pytest.mark.parametrize("language", ["id-ID", "ID", "in", "ind"])
def test_language_codes_are_normalised(language):
    assert only("kemarin", language=language).start_date == "2018-09-19"


def test_unknown_language_uses_all_vocabularies():
    assert only("hier", language="ms").start_date == "2018-09-19"


def test_today_defaults_to_the_real_date():
    mention = find_dates("Kamis (13/9)", published=None, language="id")[0]
    assert mention.start_date is not None
    assert date.fromisoformat(mention.start_date) <= date.today()


# --------------------------------------------------------------------------- lexicon


def test_lexicon_covers_every_month_and_weekday_in_three_languages():
    path = resources.files("jejaring").joinpath("data").joinpath("lexicons")
    lexicon = json.loads(path.joinpath("dates.json").read_text(encoding="utf-8"))
    assert [m["month"] for m in lexicon["months"]] == list(range(1, 13))
    assert [w["weekday"] for w in lexicon["weekdays"]] == list(range(7))
    for entry in lexicon["months"] + lexicon["weekdays"]:
        assert all(entry["names"][lang] for lang in ("id", "en", "fr"))
    forms = {
        form
        for entry in lexicon["months"] + lexicon["weekdays"]
        for part in ("names", "abbreviations")
        for values in entry[part].values()
        for form in values
    }
    assert set(lexicon["case_sensitive_forms"]) <= forms


@pytest.mark.parametrize(
    ("text", "month"),
    [("Januari", 1), ("janv.", 1), ("févr.", 2), ("Pebruari", 2), ("Mei", 5), ("mai", 5),
     ("Agustus", 8), ("Agu", 8), ("Agt", 8), ("août", 8), ("aout", 8), ("Sept.", 9),
     ("Okt", 10), ("Oct.", 10), ("Nop", 11), ("Des", 12), ("déc.", 12)],
)  # fmt: skip
def test_month_forms(text, month):
    mention = only(f"Rapat 5 {text} 2019 selesai.")
    assert mention.start_date == f"2019-{month:02d}-05"


# --------------------------------------------------------------------------- robustness

FUZZ_PIECES = (
    "Kamis", "Senin", "Minggu", "Jum'at", "mardi", "Tuesday", "September", "Sept.", "Mei",
    "août", "Des", "des", "May", "2018", "13", "9", "31", "2", "12", "15", "1er", "5th",
    "pada", "tahun", "in", "en", "du", "au", "dari", "hingga", "s.d.", "antara", "dan", "and",
    "et", "lalu", "depan", "last", "next", "this", "ce", "dernier", "prochain", "kemarin",
    "hier", "yesterday", "pekan", "l'année", "il y a", "dua", "ago", "Jalan", "Nomor", "mid-",
    "(", ")", "/", "-", "–", ".", ",", ":", "ke-", "COVID-", "G", "0", "1", "3", "7",
)  # fmt: skip
FUZZ_GLUE = ["", " ", " ", " ", "/", "-", "–", ", ", "(", ")", ".", "\n", "'"]


def test_random_strings_never_crash():
    rng = random.Random(20180920)
    alphabet = "0123456789/.-–—,:() \n\tabcdeSMKJéûʼ’'%Rp"
    for _ in range(1500):
        if rng.random() < 0.5:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        else:
            text = "".join(
                rng.choice(FUZZ_PIECES) + rng.choice(FUZZ_GLUE) for _ in range(rng.randint(1, 12))
            )
        published = rng.choice([None, PUB, "2000-02-29", "1999-12-31"])
        language = rng.choice([None, "id", "en", "fr"])
        dates(text, published=published, language=language)


def test_random_unicode_never_crashes():
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(0, 80)))
        dates(text, language=rng.choice([None, "id", "en", "fr"]))
