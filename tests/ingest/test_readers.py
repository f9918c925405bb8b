import json

import pytest

from jejaring.errors import IngestError
from jejaring.ingest.document import RawDocument
from jejaring.ingest.prepare import PrepareOptions, normalise_date, prepare
from jejaring.ingest.readers import read_bytes, read_sidecar, sniff_format
from texts import CLIMATE_EN, SISTER_CITY_ID


def read_one(data: bytes, fmt: str, **kwargs) -> RawDocument:
    (document,) = list(read_bytes(data, "test-source", fmt, **kwargs))
    assert isinstance(document, RawDocument)
    return document


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with ``text`` in Helvetica, byte offsets computed exactly."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_plain_text_with_sidecar_metadata(tmp_path):
    path = tmp_path / "kembar.txt"
    path.write_text("Judul\n\n" + SISTER_CITY_ID, encoding="utf-8")
    meta = {"title": "Kota kembar", "published": "2024-09-12", "language": "id", "desk": "kota"}
    (tmp_path / "kembar.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    document = read_one(path.read_bytes(), "text", meta=read_sidecar(path))
    assert (document.title, document.published, document.language) == (
        "Kota kembar",
        "2024-09-12",
        "id",
    )
    assert document.metadata == {"desk": "kota"}


def test_broken_sidecar_is_named(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{oops", encoding="utf-8")
    with pytest.raises(IngestError, match=r"a\.meta\.json: unreadable metadata file"):
        read_sidecar(path)


def test_markdown_title_comes_from_first_heading():
    document = read_one(b"# Forum iklim\n\n**Vellmar** -- " + CLIMATE_EN.encode(), "markdown")
    assert document.title == "Forum iklim"
    assert "**" not in document.text and "Vellmar --" in document.text


def test_html_main_text_and_metadata():
    page = f"""<html><head><title>Forum</title><meta name="date" content="2024-03-05">
    </head><body><nav>Home | About</nav><article><h1>Coastal forum</h1>
    <p>{CLIMATE_EN}</p><p>{CLIMATE_EN}</p></article><footer>(c) site</footer></body></html>"""
    document = read_one(page.encode(), "html", url="https://example.org/forum")
    assert document.title == "Coastal forum"  # trafilatura prefers the article's heading
    assert document.published == "2024-03-05"
    assert "flood barriers" in document.text and "Home | About" not in document.text


def test_html_without_text_is_an_error():
    with pytest.raises(IngestError) as info:
        read_one(b"<html><body><div></div></body></html>", "html")
    assert info.value.reason == "empty_text"


def test_pdf_text_is_extracted():
    document = read_one(minimal_pdf("Sister city agreement signed"), "pdf")
    assert "Sister city agreement signed" in document.text


def test_corrupt_pdf_is_an_error():
    with pytest.raises(IngestError, match="unreadable PDF"):
        read_one(b"%PDF-1.4\nnot really a pdf", "pdf")


def test_jsonl_keeps_unknown_fields_and_reports_bad_lines():
    lines = [
        json.dumps({"id": "a", "text": CLIMATE_EN, "lang_note": "x", "language": "en"}),
        "{not json",
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "b", "title": "no text"}),
        json.dumps({"id": "c", "text": "**tebal**", "format": "markdown"}),
    ]
    results = list(read_bytes("\n".join(lines).encode(), "feed.jsonl", "jsonl"))
    assert [type(r).__name__ for r in results] == [
        "RawDocument",
        "IngestError",
        "IngestError",
        "IngestError",
        "RawDocument",
    ]
    assert results[0].metadata == {"lang_note": "x"}
    assert results[1].source == "feed.jsonl:2" and "malformed JSON" in results[1].message
    assert results[2].source == "feed.jsonl:4"
    assert results[3].source == "feed.jsonl:5" and "no 'text'" in results[3].message
    assert results[4].text == "tebal"


def test_invalid_utf8_is_decoded_and_said():
    document = read_one("Région Bretagne coopère".encode("cp1252") * 5, "text")
    assert "Région Bretagne coopère" in document.text
    assert document.warnings == ["invalid UTF-8 at byte 1; decoded as cp1252"]


def test_binary_data_is_refused():
    with pytest.raises(IngestError) as info:
        read_one(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "text")
    assert info.value.reason == "binary"


def test_sniffing_formats():
    assert sniff_format(b"%PDF-1.7 ...") == "pdf"
    assert sniff_format(b"  <!DOCTYPE html><html>") == "html"
    assert sniff_format(b'{"id": 1}\n{"id": 2}') == "jsonl"
    assert sniff_format(b"Plain words.") == "text"


def test_prepare_cleans_and_names_the_document():
    raw = RawDocument(text="  Judul \n\n\n" + SISTER_CITY_ID, source="/data/kota-kembar.txt")
    document = prepare(raw)
    assert document.id == "kota-kembar" and not document.id_given
    assert document.title == "Judul"
    assert document.language == "id"
    assert document.text.startswith("Judul\n\nPemerintah")


def test_prepare_prefers_given_id_and_falls_back_to_hash():
    given = prepare(RawDocument(text=CLIMATE_EN, source="x.jsonl:3", id="story 7/a"))
    assert given.id == "story_7_a" and given.id_given
    anonymous = prepare(RawDocument(text=CLIMATE_EN, source="<stdin>"))
    assert anonymous.id == anonymous.content_hash[:16]


def test_prepare_detects_french_and_english():
    assert prepare(RawDocument(text=CLIMATE_EN, source="a")).language == "en"
    from texts import JUMELAGE_FR

    assert prepare(RawDocument(text=JUMELAGE_FR, source="b")).language == "fr"


def test_prepare_rejects_empty_and_oversized_documents():
    with pytest.raises(IngestError) as empty:
        prepare(RawDocument(text=" \n\u200b\t ", source="blank.txt"))
    assert empty.value.reason == "empty_text"
    with pytest.raises(IngestError) as large:
        prepare(
            RawDocument(text="x" * 101, source="big.txt"), options=PrepareOptions(max_chars=100)
        )
    assert large.value.reason == "too_large" and "over the limit of 100" in large.value.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-09-12", "2024-09-12"),
        ("2024-09", "2024-09"),
        ("2024", "2024"),
        ("2024-02-30", None),
        ("2025-11-01T10:15:00+07:00", "2025-11-01"),
        ("2025-11-01T03:15:00Z", "2025-11-01"),
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05"),
        ("kemarin", None),
    ],
)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected
