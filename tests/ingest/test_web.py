"""Web ingestion against a real HTTP server on 127.0.0.1 (no mocks)."""

from __future__ import annotations

import logging
import socket

import pytest

from http_server import LocalServer
from jejaring.errors import IngestError
from jejaring.ingest.document import RawDocument
from jejaring.ingest.web import WebOptions, iter_url_documents

HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}
ATOM = {"Content-Type": "application/atom+xml; charset=utf-8"}

# Invented fixture prose, long enough for trafilatura to accept as main text.
HARBOUR_TEXT = (
    "The harbour city of Lembang Raya signed a three-year cooperation plan with the "
    "river town of Vellmar on Tuesday. Both councils agreed to exchange engineers who "
    "maintain flood barriers, to share data from their tide gauges, and to host each "
    "other's apprentices for six months at a time. The mayor said the partnership grew "
    "out of a small conference on coastal resilience and now involves schools, the port "
    "authority and two neighbourhood associations that asked to be part of it."
)
MARKET_TEXT = (
    "Pemerintah Kota Tanjung Sari dan Kota Halden menandatangani nota kesepahaman tentang "
    "pengelolaan pasar tradisional. Kedua kota akan saling mengirim pengelola pasar untuk "
    "belajar tentang sanitasi, sistem pembayaran digital, dan penataan pedagang kaki lima. "
    "Wali kota Tanjung Sari mengatakan bahwa kerja sama ini berawal dari kunjungan pelajar "
    "tahun lalu dan kini melibatkan koperasi pedagang, dinas perdagangan, serta universitas "
    "setempat yang akan menilai hasilnya setiap enam bulan."
)
BUS_TEXT = (
    "Officials from Kalimaya and the northern city of Oster Brenne met to review their "
    "joint programme on electric buses. The two transport departments compare charging "
    "schedules every month, publish the results together, and train drivers in both "
    "cities using the same handbook. A councillor noted that the exchange started with a "
    "single phone call between depot managers and has since attracted funding from a "
    "regional development bank and interest from three other municipalities nearby."
)
LIBRARY_TEXT = (
    "Perpustakaan kota Sungai Jernih bekerja sama dengan perpustakaan Kota Ardmoor untuk "
    "membuka ruang baca dwibahasa. Setiap bulan kedua perpustakaan bertukar koleksi buku "
    "anak, menyelenggarakan lokakarya menulis secara daring, dan mengundang penulis lokal "
    "untuk bercerita kepada siswa sekolah dasar. Kepala perpustakaan berharap program ini "
    "akan diperluas ke taman kota dan pusat kegiatan warga pada tahun berikutnya."
)
LATIN1_TEXT = (
    "The city of Bogotá and the port of São Vicente agreed to exchange urban planners. "
    "Delegations from Zürich and Málaga observed the signing, and the mayors promised a "
    "joint report on green corridors, public squares and cycling lanes before the end of "
    "the year. Residents' associations from both cities will review the draft, and the "
    "café owners along the central avenue asked to join the consultation as well."
)


def page(title: str, text: str, head: str = "") -> str:
    """A minimal article page around ``text``."""
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1><p>{text}</p>"
        f"<p>{text}</p></article><footer>City news desk</footer></body></html>"
    )


def fast(**overrides: object) -> WebOptions:
    """Options that keep failing tests quick: short timeout, one retry, tiny backoff."""
    values: dict[str, object] = {"timeout": 2.0, "retries": 1, "backoff": 0.01}
    values.update(overrides)
    return WebOptions(**values)  # type: ignore[arg-type]


def read(url: str, options: WebOptions | None = None) -> list[RawDocument | IngestError]:
    return list(iter_url_documents(url, options or fast()))


def only_error(results: list[RawDocument | IngestError]) -> IngestError:
    assert len(results) == 1, results
    assert isinstance(results[0], IngestError), results[0]
    return results[0]


def only_document(results: list[RawDocument | IngestError]) -> RawDocument:
    assert len(results) == 1, results
    assert isinstance(results[0], RawDocument), results[0]
    return results[0]


def rss(items: list[tuple[str, str, str, str]], extra: str = "") -> str:
    """RSS 2.0 with (title, link, pubDate, description) items."""
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>urn:jejaring:{n}</guid>"
        f"<pubDate>{date}</pubDate><description>{summary}</description></item>"
        for n, (title, link, date, summary) in enumerate(items, start=1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>City Cooperation Wire</title><link>http://127.0.0.1/</link>"
        f"<description>Invented news</description>{body}{extra}</channel></rss>"
    )


# --- pages ----------------------------------------------------------------------------


def test_html_page_is_read(http_server: LocalServer) -> None:
    url = http_server.route(
        "/news/harbour", page("Harbour pact signed", HARBOUR_TEXT), headers=HTML
    )
    document = only_document(read(url))
    assert document.title == "Harbour pact signed"
    assert "flood barriers" in document.text
    assert document.url == url
    assert document.source == url
    assert document.format == "html"


@pytest.mark.parametrize(
    ("headers", "head"),
    [
        ({"Content-Type": "text/html; charset=ISO-8859-1"}, ""),
        ({"Content-Type": "text/html"}, '<meta charset="iso-8859-1">'),
    ],
    ids=["header-charset", "meta-charset"],
)
def test_latin1_page_decodes(http_server: LocalServer, headers: dict[str, str], head: str) -> None:
    body = page("Planners exchange", LATIN1_TEXT, head).encode("iso-8859-1")
    url = http_server.route("/latin1", body, headers=headers)
    document = only_document(read(url))
    assert "Bogotá" in document.text
    assert "São Vicente" in document.text
    assert "Zürich" in document.text
    assert document.warnings == []


def test_plain_text_response_is_read(http_server: LocalServer) -> None:
    url = http_server.route("/notes.txt", MARKET_TEXT, headers={"Content-Type": "text/plain"})
    document = only_document(read(url))
    assert document.text == MARKET_TEXT
    assert document.format == "text"


def test_redirect_is_followed(http_server: LocalServer) -> None:
    target = http_server.route("/final", page("Bus review", BUS_TEXT), headers=HTML)
    start = http_server.route("/old", status=301, headers={"Location": "/final"})
    document = only_document(read(start))
    assert document.source == start
    assert document.url == target
    assert "electric buses" in document.text


def test_user_agent_is_sent(http_server: LocalServer) -> None:
    url = http_server.route("/ua", page("Harbour pact signed", HARBOUR_TEXT), headers=HTML)
    only_document(read(url, fast(user_agent="JejaringTest/9.9 (loopback)")))
    assert http_server.request_headers("/ua")[0]["user-agent"] == "JejaringTest/9.9 (loopback)"


def test_default_user_agent_is_the_settings_one(http_server: LocalServer) -> None:
    url = http_server.route("/ua-default", page("Harbour pact signed", HARBOUR_TEXT), headers=HTML)
    only_document(read(url, WebOptions()))
    assert http_server.request_headers("/ua-default")[0]["user-agent"].startswith("Jejaring/")


# --- feeds ----------------------------------------------------------------------------


def test_rss_feed_items_are_fetched(http_server: LocalServer) -> None:
    pages = [
        ("/a/harbour", "Harbour pact", HARBOUR_TEXT, "Tue, 04 Mar 2025 08:00:00 GMT"),
        ("/a/market", "Kerja sama pasar", MARKET_TEXT, "Wed, 05 Mar 2025 09:30:00 +0700"),
        ("/a/buses", "Bus programme", BUS_TEXT, "Thu, 06 Mar 2025 23:15:00 GMT"),
    ]
    items = []
    for path, title, text, date in pages:
        items.append((title, http_server.route(path, page(title, text), headers=HTML), date, "x"))
    feed_url = http_server.route("/feed.xml", rss(items), headers=RSS)

    documents = read(feed_url)

    assert all(isinstance(d, RawDocument) for d in documents), documents
    assert [d.title for d in documents] == ["Harbour pact", "Kerja sama pasar", "Bus programme"]
    assert [d.published for d in documents] == ["2025-03-04", "2025-03-05", "2025-03-06"]
    assert [d.url for d in documents] == [item[1] for item in items]
    assert [d.id for d in documents] == ["urn:jejaring:1", "urn:jejaring:2", "urn:jejaring:3"]
    assert "tide gauges" in documents[0].text
    assert "pedagang kaki lima" in documents[1].text
    assert "charging" in documents[2].text
    assert all(d.metadata["feed"] == feed_url for d in documents)
    assert all(d.warnings == [] for d in documents)


def test_atom_feed_items_are_fetched(http_server: LocalServer) -> None:
    absolute = http_server.route("/atom/library", page("Ruang baca", LIBRARY_TEXT), headers=HTML)
    http_server.route("/atom/buses", page("Buses", BUS_TEXT), headers=HTML)
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Kabar Kota</title><id>urn:kabar</id><updated>2025-02-01T00:00:00Z</updated>
  <entry><title>Ruang baca dwibahasa</title><id>urn:kabar:1</id>
    <link href="{absolute}"/><updated>2025-02-01T10:00:00Z</updated>
    <summary>Perpustakaan bekerja sama.</summary></entry>
  <entry><title>Electric buses</title><id>urn:kabar:2</id>
    <link href="/atom/buses"/><published>2025-01-20T10:00:00Z</published>
    <updated>2025-01-28T10:00:00Z</updated><summary>Buses.</summary></entry>
</feed>"""
    feed_url = http_server.route("/atom.xml", atom, headers=ATOM)

    first, second = read(feed_url)

    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.title, first.id, first.published) == (
        "Ruang baca dwibahasa",
        "urn:kabar:1",
        "2025-02-01",
    )
    assert "lokakarya menulis" in first.text
    assert second.url == http_server.url("/atom/buses")  # relative link resolved
    assert second.published == "2025-01-20"  # published wins over updated
    assert "depot managers" in second.text
    assert first.metadata["feed_title"] == "Kabar Kota"


def test_feed_recognised_by_root_despite_generic_type(http_server: LocalServer) -> None:
    link = http_server.route("/g/market", page("Pasar", MARKET_TEXT), headers=HTML)
    items = [("Pasar", link, "Mon, 03 Mar 2025 08:00:00 GMT", "x")]
    url = http_server.route("/feed", rss(items), headers={"Content-Type": "text/plain"})
    document = only_document(read(url))
    assert document.title == "Pasar"
    assert "koperasi pedagang" in document.text


def test_failing_item_page_falls_back_to_summary(http_server: LocalServer) -> None:
    good_1 = http_server.route("/f/harbour", page("Harbour", HARBOUR_TEXT), headers=HTML)
    broken = http_server.route("/f/broken", "oops", status=500)
    good_2 = http_server.route("/f/buses", page("Buses", BUS_TEXT), headers=HTML)
    summary = "&lt;p&gt;Kota Tanjung Sari &lt;b&gt;menandatangani&lt;/b&gt; nota.&lt;/p&gt;"
    items = [
        ("Harbour", good_1, "Tue, 04 Mar 2025 08:00:00 GMT", "x"),
        ("Market", broken, "Wed, 05 Mar 2025 08:00:00 GMT", summary),
        ("Buses", good_2, "Thu, 06 Mar 2025 08:00:00 GMT", "x"),
    ]
    url = http_server.route("/f/feed.xml", rss(items), headers=RSS)

    harbour, market, buses = read(url)

    assert isinstance(harbour, RawDocument) and "tide gauges" in harbour.text
    assert isinstance(buses, RawDocument) and "depot managers" in buses.text
    assert isinstance(market, RawDocument)
    assert market.text == "Kota Tanjung Sari menandatangani nota."
    assert market.url == broken
    assert market.published == "2025-03-05"
    assert len(market.warnings) == 1
    assert "HTTP 500" in market.warnings[0] and "summary" in market.warnings[0]
    assert http_server.requests("/f/broken") == 2  # retried once, as configured


def test_summaries_used_without_fetching_when_asked(http_server: LocalServer) -> None:
    link = http_server.route("/s/harbour", page("Harbour", HARBOUR_TEXT), headers=HTML)
    items = [("Harbour", link, "Tue, 04 Mar 2025 08:00:00 GMT", "Two cities share tide data.")]
    url = http_server.route("/s/feed.xml", rss(items), headers=RSS)
    document = only_document(read(url, fast(fetch_feed_items=False)))
    assert document.text == "Two cities share tide data."
    assert document.warnings == []
    assert http_server.requests("/s/harbour") == 0


def test_entry_without_page_or_summary_is_empty_text(http_server: LocalServer) -> None:
    link = http_server.route("/e/ok", page("Harbour", HARBOUR_TEXT), headers=HTML)
    extra = "<item><title>Nothing here</title></item>"
    items = [("Harbour", link, "Tue, 04 Mar 2025 08:00:00 GMT", "x")]
    url = http_server.route("/e/feed.xml", rss(items, extra), headers=RSS)
    good, bad = read(url)
    assert isinstance(good, RawDocument)
    assert isinstance(bad, IngestError)
    assert bad.reason == "empty_text"
    assert bad.source == f"{url}#2"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('<?xml version="1.0"?><catalog><city name="Vellmar"/></catalog>', "application/xml"),
        ('<?xml version="1.0"?><rss version="2.0"><channel><title>x</chan', "text/xml"),
    ],
    ids=["other-xml", "broken-rss"],
)
def test_xml_that_is_not_a_feed(http_server: LocalServer, body: str, content_type: str) -> None:
    url = http_server.route("/data.xml", body, headers={"Content-Type": content_type})
    error = only_error(read(url))
    assert error.reason == "not_a_feed"
    assert error.message.startswith("not an RSS or Atom feed (")
    assert error.source == url


# --- failures -------------------------------------------------------------------------


def test_not_found_is_an_http_error_without_retry(http_server: LocalServer) -> None:
    url = http_server.url("/missing")
    error = only_error(read(url))
    assert error.reason == "http_error"
    assert error.message == "HTTP 404 Not Found"
    assert url in str(error)
    assert http_server.requests("/missing") == 1


def test_unavailable_then_ok_succeeds_after_retry(
    http_server: LocalServer, caplog: pytest.LogCaptureFixture
) -> None:
    url = http_server.route("/flaky", page("Harbour", HARBOUR_TEXT), headers=HTML, fail_times=1)
    with caplog.at_level(logging.INFO, logger="jejaring.ingest.web"):
        document = only_document(read(url))
    assert "flood barriers" in document.text
    assert http_server.requests("/flaky") == 2
    assert any("retrying" in r.message and "HTTP 503" in r.message for r in caplog.records)


def test_too_many_requests_honours_small_retry_after(http_server: LocalServer) -> None:
    url = http_server.route(
        "/busy",
        page("Harbour", HARBOUR_TEXT),
        headers=HTML,
        fail_times=1,
        fail_status=429,
        fail_headers={"Retry-After": "0"},
    )
    only_document(read(url))
    assert http_server.requests("/busy") == 2


def test_long_retry_after_is_not_waited_for(http_server: LocalServer) -> None:
    url = http_server.route("/later", fail_times=5, fail_headers={"Retry-After": "3600"})
    error = only_error(read(url, fast(retries=3)))
    assert error.reason == "http_error"
    assert "HTTP 503 Service Unavailable" in error.message
    assert "3600" in error.message
    assert http_server.requests("/later") == 1


def test_persistent_server_error_gives_up(http_server: LocalServer) -> None:
    url = http_server.route("/down", status=502)
    error = only_error(read(url, fast(retries=2)))
    assert error.reason == "http_error"
    assert error.message == "HTTP 502 Bad Gateway (gave up after 3 attempts)"
    assert http_server.requests("/down") == 3


def test_slow_server_times_out(http_server: LocalServer) -> None:
    url = http_server.route("/slow", "late", delay=3.0)
    error = only_error(read(url, fast(timeout=0.3, retries=1, backoff=0.01)))
    assert error.reason == "timeout"
    assert error.message == "timed out after 2 attempts (timeout 0.3 s)"
    assert http_server.requests("/slow") == 2


def test_closed_port_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    error = only_error(read(url, fast(retries=1)))
    assert error.reason == "unreachable"
    assert "could not connect" in error.message
    assert "\n" not in error.message


@pytest.mark.parametrize("send_length", [True, False], ids=["content-length", "streamed"])
def test_body_over_max_bytes_is_too_large(http_server: LocalServer, send_length: bool) -> None:
    url = http_server.route("/big", "x" * 50_000, headers=HTML, send_length=send_length)
    error = only_error(read(url, fast(max_bytes=10_000)))
    assert error.reason == "too_large"
    assert "10,000 bytes" in error.message


@pytest.mark.parametrize(
    "url",
    ["ftp://127.0.0.1/file.txt", "http://", "not a url", "http://[::1"],
)
def test_bad_url(url: str) -> None:
    error = only_error(read(url))
    assert error.reason == "bad_url"
    assert error.source == url
