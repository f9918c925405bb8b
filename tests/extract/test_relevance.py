"""The relevance gate and decision, on invented paragraphs and on the shared corpora."""

from pathlib import Path

import pytest

from jejaring.extract.relevance import THRESHOLD, Relevance, gate, relevance
from jejaring.ingest.document import Document
from jejaring.ingest.pipeline import IngestOptions, iter_documents, plan

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "src" / "jejaring" / "data" / "sample" / "documents"

GOVERNOR_CONSUL = (
    "Gubernur Jawa Timur menerima audiensi Konsul Jenderal Jepang di Surabaya di Gedung "
    "Negara Grahadi, Senin (3/3). Dalam pertemuan itu keduanya membahas peluang kerja sama "
    "pendidikan vokasi dan pengelolaan sampah antara Pemprov Jatim dan Prefektur Osaka."
)
SISTER_CITY_MOU = (
    "Medan and Ichikawa sign sister city pact\n\n"
    "The City of Medan and the Japanese city of Ichikawa signed a memorandum of understanding "
    "on Friday to formalise their sister city relationship. The mayor of Medan said the "
    "agreement would cover student exchanges, flood control and small business training."
)
MAYOR_AT_CONGRESS = (
    "Le maire de Rufisque a pris la parole au congrès mondial de CGLU, où des élus locaux "
    "venus de plus de cent pays ont débattu du logement et de l'adaptation au climat. La "
    "ville souhaite nouer un jumelage avec une commune européenne."
)
MAYOR_AT_CONGRESS_ID = (
    "Wali Kota Kupang menghadiri Kongres UCLG ASPAC di Kota Tangerang bersama ratusan kepala "
    "daerah dari kawasan Asia-Pasifik untuk bertukar pengalaman soal ketahanan kota."
)
FOOTBALL = (
    "PSS Sleman menjamu PSIS Semarang pada pekan kesepuluh Liga 1 di Stadion Maguwoharjo. "
    "Pelatih PSS mengatakan para pemain siap meraih kemenangan di depan suporter sendiri, "
    "sementara skuad tamu datang tanpa dua gelandang andalan. Laga dimulai pukul 19.00 WIB."
)
MINISTERS = (
    "The foreign ministers of Indonesia and Australia met in Canberra on Monday for their "
    "annual bilateral talks and signed a memorandum of understanding on maritime security. "
    "The two ministers also discussed trade and investment and agreed to meet again in "
    "Jakarta next year, ahead of a state visit by the president."
)
ROBBERY = (
    "Polisi menangkap dua pria yang diduga merampok sebuah toko emas di Kota Bekasi, Selasa "
    "malam. Kapolres mengatakan para tersangka mengancam pegawai toko dengan senjata tajam "
    "dan membawa kabur perhiasan senilai ratusan juta rupiah."
)
DOMESTIC_GOVERNOR = (
    "Gubernur Jawa Barat meresmikan ruas jalan provinsi yang baru diperbaiki di Kabupaten "
    "Garut. Ia meminta dinas terkait rutin memeriksa kondisi jembatan menjelang musim hujan."
)

RELEVANT = {
    "governor receives consul general": (GOVERNOR_CONSUL, "id"),
    "sister-city MoU": (SISTER_CITY_MOU, "en"),
    "mayor at a CGLU congress": (MAYOR_AT_CONGRESS, "fr"),
    "mayor at a UCLG ASPAC congress": (MAYOR_AT_CONGRESS_ID, "id"),
}
IRRELEVANT = {
    "football between city clubs": (FOOTBALL, "id"),
    "foreign ministers' bilateral": (MINISTERS, "en"),
    "robbery": (ROBBERY, "id"),
    "domestic governor news": (DOMESTIC_GOVERNOR, "id"),
}


def load(path: Path) -> list[Document]:
    options = IngestOptions()
    return [
        d
        for d in iter_documents(plan([str(path)], options.sources), options)
        if isinstance(d, Document)
    ]


@pytest.mark.parametrize("case", sorted(RELEVANT))
def test_gate_lets_relevant_paragraphs_through(case: str) -> None:
    assert gate(*RELEVANT[case])


@pytest.mark.parametrize(
    "case", ["football between city clubs", "robbery", "domestic governor news"]
)
def test_gate_stops_unrelated_paragraphs(case: str) -> None:
    assert not gate(*IRRELEVANT[case])


@pytest.mark.parametrize("case", sorted(RELEVANT))
def test_relevant_paragraphs(case: str) -> None:
    result = relevance(*RELEVANT[case])
    assert isinstance(result, Relevance)
    assert result.relevant and result.score >= THRESHOLD
    assert result.reasons


@pytest.mark.parametrize("case", sorted(IRRELEVANT))
def test_irrelevant_paragraphs(case: str) -> None:
    result = relevance(*IRRELEVANT[case])
    assert not result.relevant and 0.0 <= result.score < THRESHOLD


def test_without_language_uses_every_cue() -> None:
    assert relevance(GOVERNOR_CONSUL, None).relevant
    assert relevance(SISTER_CITY_MOU, "en-GB").relevant


def test_reasons_name_the_evidence() -> None:
    reasons = " | ".join(relevance(GOVERNOR_CONSUL, "id").reasons)
    assert "Gubernur" in reasons and "Konsul Jenderal" in reasons
    negative = " | ".join(relevance(FOOTBALL, "id").reasons)
    assert "negative" in negative


def test_masked_phrases_are_not_actors() -> None:
    text = (
        "Gubernur Bank Indonesia menyebut investor asing kembali masuk ke pasar obligasi, "
        "sementara kerja sama dengan bank sentral lain berlanjut."
    )
    assert not relevance(text, "id").relevant


def test_entities_add_evidence_the_lexicon_lacks() -> None:
    text = (
        "Pemerintah Kota Bogor menerima delegasi Pemerintah Kota Sakai untuk membahas kerja "
        "sama pengelolaan sampah. Wali Kota Bogor berharap hubungan itu berlanjut."
    )
    start = text.index("Pemerintah Kota Sakai")
    end = start + len("Pemerintah Kota Sakai")
    partner = {
        "id": "e1",
        "type": "organization",
        "subtype": "local_government",
        "name": "Pemerintah Kota Sakai",
        "country": "JP",
        "mentions": [{"start": start, "end": end, "text": text[start:end]}],
    }
    assert not relevance(text, "id").relevant
    with_entities = relevance(text, "id", [partner])
    assert with_entities.relevant
    assert any("Pemerintah Kota Sakai" in reason for reason in with_entities.reasons)


def test_malformed_entities_are_ignored() -> None:
    broken = [{"type": "organization"}, {"type": "place", "country": "JP", "mentions": [{}]}]
    assert relevance(GOVERNOR_CONSUL, "id", broken).relevant


def test_empty_text() -> None:
    assert not gate("", "id")
    assert relevance("   ", "id") == Relevance(False, 0.0, ["empty text"])


def test_gate_rejects_a_long_unrelated_article() -> None:
    # its speed is measured in benchmarks/relevance.py, not asserted here
    article = (DOMESTIC_GOVERNOR + " " + ROBBERY + "\n\n") * 12  # about 4 KB
    assert not gate(article, "id")


def test_sample_corpus() -> None:
    documents = load(SAMPLE)
    assert len(documents) == 24
    for document in documents:
        expected = document.metadata["relevant"]  # labelled in the sample .meta.json
        assert relevance(document.text, document.language).relevant == expected, document.id
        if expected:
            assert gate(document.text, document.language), document.id


@pytest.mark.shared
def test_seeds_pass_the_gate_and_are_relevant() -> None:
    seeds = load(SHARED / "corpus" / "seeds")
    assert len(seeds) == 5
    for document in seeds:
        assert gate(document.text, document.language), document.id
        assert relevance(document.text, document.language).relevant, document.id


@pytest.mark.shared
@pytest.mark.slow
def test_kompas_stream_is_mostly_rejected() -> None:
    documents = load(SHARED / "corpus" / "kompas-2025" / "articles.jsonl")
    assert len(documents) > 2000
    gated = sum(gate(d.text, "id") for d in documents)
    relevant = sum(relevance(d.text, "id").relevant for d in documents)
    assert gated <= 0.25 * len(documents)
    assert relevant <= 0.01 * len(documents)
