"""Web ingestion: one http(s) URL in, raw documents or errors out.

A URL is either a page (HTML, plain text, PDF) or an RSS/Atom feed; a feed
yields one document per entry, each read from the page its link points to
when that page can be fetched, and from the feed's own summary otherwise.
Every httpx exception is translated into ``IngestError`` here, so callers only
ever see the project's errors, and one failing entry never stops the others.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

import httpx

from jejaring.errors import IngestError
from jejaring.ingest import readers
from jejaring.ingest.document import RawDocument
from jejaring.settings import Settings

logger = logging.getLogger(__name__)

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
FEED_ROOTS = frozenset({"rss", "feed", "rdf"})  # local names, compared lower-case
# A server asking us to come back later than this is not waited for: the
# batch would stall, so we give up on the URL and say why.
MAX_RETRY_AFTER = 10.0
MAX_BACKOFF = 30.0
_CHUNK = 64 * 1024
_SNIFF_BYTES = 4096
_PROLOG_ITEM = re.compile(
    rb"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^>\[]|\[[^\]]*\])*>", re.S | re.I
)
_ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.-]*(?::[\w.-]+)?)")
_META_CHARSET = re.compile(rb"(charset\s*=\s*[\"']?)[\w.:-]+", re.I)
_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre")


@dataclass
class WebOptions:
    """How patiently and how politely to fetch.

    ``retries`` counts attempts after the first, so ``retries=3`` means at
    most four requests; the wait doubles from ``backoff`` seconds each time.
    """

    timeout: float = 20.0
    retries: int = 3
    backoff: float = 0.5
    # The field default, not Settings(): importing this module must not read the environment.
    user_agent: str = Settings.model_fields["user_agent"].default
    max_bytes: int = 20_000_000
    fetch_feed_items: bool = True

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> WebOptions:
        """Options from the environment-backed settings, so the CLI need not map fields."""
        values: dict[str, Any] = {
            "timeout": settings.http_timeout,
            "retries": settings.http_retries,
            "backoff": settings.http_backoff,
            "user_agent": settings.user_agent,
            "max_bytes": settings.max_bytes,
        }
        values.update(overrides)
        return cls(**values)


@dataclass
class Fetched:
    """A complete, size-checked response body and what is needed to interpret it."""

    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes


class _Transient(Exception):
    """A failure worth retrying; becomes an ``IngestError`` once retries run out."""

    def __init__(self, reason: str, detail: str, retry_after: float | None = None) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.retry_after = retry_after


def iter_url_documents(
    url: str, options: WebOptions, client: httpx.Client | None = None
) -> Iterator[RawDocument | IngestError]:
    """Yield the document at ``url``, or one per entry when it is a feed.

    Errors are yielded, not raised, so a caller reading many URLs goes on. A
    caller may pass its own ``client`` (to share connections); it is not closed.
    """
    try:
        _check_url(url)
    except IngestError as error:
        yield error
        return
    own_client = client is None
    http = client if client is not None else make_client(options)
    try:
        yield from _url_results(http, url, options)
    finally:
        if own_client:
            http.close()


def make_client(options: WebOptions) -> httpx.Client:
    """An httpx client configured from ``options``; the caller closes it."""
    return httpx.Client(
        follow_redirects=True,
        timeout=options.timeout,
        headers={"User-Agent": options.user_agent},
    )


def fetch(client: httpx.Client, url: str, options: WebOptions) -> Fetched:
    """GET ``url`` with retries and exponential backoff; raise ``IngestError`` on failure.

    Timeouts, connection failures, 429 and 5xx are retried because they are
    often momentary; other 4xx are answers, and asking again would not change them.
    """
    attempts = max(1, options.retries + 1)
    for attempt in range(1, attempts + 1):
        try:
            return _fetch_once(client, url, options)
        except _Transient as problem:
            if problem.retry_after is not None and problem.retry_after > MAX_RETRY_AFTER:
                note = f"server asked to retry after {problem.retry_after:g} s"
                raise _final_error(url, problem, attempt, options, note) from None
            if attempt == attempts:
                raise _final_error(url, problem, attempt, options) from None
            delay = _backoff_delay(options.backoff, attempt, problem.retry_after)
            logger.info(
                "retrying %s in %.2f s (attempt %d of %d failed: %s)",
                url,
                delay,
                attempt,
                attempts,
                problem.detail,
            )
            time.sleep(delay)
    raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover


def _url_results(
    client: httpx.Client, url: str, options: WebOptions
) -> Iterator[RawDocument | IngestError]:
    try:
        fetched = fetch(client, url, options)
    except IngestError as error:
        yield error
        return
    kind = _classify(fetched)
    if kind == "feed":
        yield from _feed_results(client, fetched, options)
    elif kind == "not_a_feed":
        yield IngestError(
            url,
            f"not an RSS or Atom feed ({fetched.content_type} without an <rss> or <feed> root)",
            "not_a_feed",
        )
    else:
        try:
            yield read_page(fetched)
        except IngestError as error:
            yield error


# --- fetching -------------------------------------------------------------------------


def _check_url(url: str) -> None:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise IngestError(url, f"invalid URL ({exc})", "bad_url") from exc
    if not parsed.scheme:
        raise IngestError(url, "not an absolute URL (expected http:// or https://)", "bad_url")
    if parsed.scheme not in {"http", "https"}:
        message = f"unsupported URL scheme {parsed.scheme!r} (use http or https)"
        raise IngestError(url, message, "bad_url")
    if not parsed.host:
        raise IngestError(url, "URL has no host name", "bad_url")


def _fetch_once(client: httpx.Client, url: str, options: WebOptions) -> Fetched:
    """One request; ``_Transient`` for what a retry may fix, ``IngestError`` for the rest."""
    try:
        with client.stream(
            "GET",
            url,
            headers={"User-Agent": options.user_agent},
            timeout=options.timeout,
            follow_redirects=True,
        ) as response:
            _check_status(response, url)
            _check_declared_length(response, url, options.max_bytes)
            body = _read_limited(response, url, options.max_bytes)
            return Fetched(
                url=url,
                final_url=str(response.url),
                content_type=_media_type(response),
                charset=response.charset_encoding,
                body=body,
            )
    except httpx.TimeoutException as exc:
        raise _Transient("timeout", _describe(exc)) from exc
    except httpx.ConnectError as exc:
        raise _Transient("unreachable", _describe(exc)) from exc
    except httpx.UnsupportedProtocol as exc:
        raise IngestError(url, f"unsupported URL ({_describe(exc)})", "bad_url") from exc
    except httpx.TooManyRedirects as exc:
        raise IngestError(url, "too many redirects", "http_error") from exc
    except httpx.DecodingError as exc:
        raise IngestError(url, f"undecodable response body ({_describe(exc)})") from exc
    except httpx.TransportError as exc:
        raise _Transient("network_error", _describe(exc)) from exc
    except httpx.InvalidURL as exc:
        raise IngestError(url, f"invalid URL ({exc})", "bad_url") from exc


def _check_status(response: httpx.Response, url: str) -> None:
    status = response.status_code
    if status < 400:
        return
    detail = f"HTTP {status} {response.reason_phrase}".strip()
    if status == 429 or status >= 500:
        raise _Transient("http_error", detail, _retry_after(response))
    raise IngestError(url, detail, "http_error")


def _check_declared_length(response: httpx.Response, url: str, limit: int) -> None:
    """Refuse early when the server announces an oversized body: no need to download it."""
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > limit:
        raise IngestError(url, _too_large(f"{int(declared):,} bytes declared", limit), "too_large")


def _read_limited(response: httpx.Response, url: str, limit: int) -> bytes:
    """Read the body, stopping once past ``limit``: Content-Length may be absent or lie."""
    buffer = bytearray()
    for chunk in response.iter_bytes(_CHUNK):
        buffer.extend(chunk)
        if len(buffer) > limit:
            raise IngestError(url, _too_large(f"more than {limit:,} bytes", limit), "too_large")
    return bytes(buffer)


def _too_large(size: str, limit: int) -> str:
    return f"response is {size}, over the size limit of {limit:,} bytes"


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds the server asked us to wait (delta-seconds or HTTP-date form), if it did."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _backoff_delay(backoff: float, attempt: int, retry_after: float | None) -> float:
    delay = min(MAX_BACKOFF, backoff * 2 ** (attempt - 1))
    return max(delay, retry_after) if retry_after is not None else delay


def _final_error(
    url: str, problem: _Transient, attempts: int, options: WebOptions, note: str | None = None
) -> IngestError:
    tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
    if problem.reason == "timeout":
        message = f"timed out after {tries} (timeout {options.timeout:g} s)"
    elif problem.reason == "unreachable":
        message = f"could not connect ({problem.detail}); gave up after {tries}"
    elif problem.reason == "http_error":
        message = f"{problem.detail} (gave up after {tries})"
    else:
        message = f"connection failed ({problem.detail}); gave up after {tries}"
    if note:
        message = f"{message}; {note}"
    return IngestError(url, message, problem.reason)


def _describe(exc: Exception) -> str:
    """One line naming an httpx failure, without the ``[Errno 111]`` noise."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return _ERRNO.sub("", text)


# --- pages ----------------------------------------------------------------------------


def read_page(fetched: Fetched) -> RawDocument:
    """Turn a fetched non-feed body into a document with the reader its type calls for."""
    fmt = _page_format(fetched)
    if fmt is None:
        raise IngestError(
            fetched.url, f"unsupported content type {fetched.content_type!r}", "unsupported_type"
        )
    data = fetched.body
    if fmt in {"html", "text", "markdown"}:
        data = _as_utf8(data, fetched.charset, rewrite_meta=fmt == "html")
    reader = {
        "html": readers.read_html,
        "text": readers.read_text,
        "markdown": readers.read_markdown,
        "pdf": readers.read_pdf,
    }[fmt]
    return reader(data, fetched.url, fetched.final_url)


def _page_format(fetched: Fetched) -> str | None:
    media = fetched.content_type
    if media in {"text/html", "application/xhtml+xml"}:
        return "html"
    if media == "application/pdf":
        return "pdf"
    if media in {"text/markdown", "text/x-markdown"}:
        return "markdown"
    sniffed = readers.sniff_format(fetched.body)
    if sniffed in {"html", "pdf"}:
        return sniffed
    if media.startswith("text/") or media in {"", "application/octet-stream"}:
        return "text"
    return None


def _as_utf8(data: bytes, charset: str | None, *, rewrite_meta: bool) -> bytes:
    """Apply the HTTP header's charset, which the readers cannot see, by transcoding.

    The readers judge only by the bytes (and an HTML ``<meta charset>``), so a
    page declared ISO-8859-1 only in its Content-Type header would otherwise be
    guessed. Any in-page declaration is rewritten to match the new bytes. When
    the header's charset does not fit the bytes, they pass through untouched.
    """
    if not charset or _codec_name(charset) in {None, "utf-8"}:
        return data
    try:
        text = data.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return data
    encoded = text.encode("utf-8")
    if not rewrite_meta:
        return encoded
    head, rest = encoded[:_SNIFF_BYTES], encoded[_SNIFF_BYTES:]
    return _META_CHARSET.sub(rb"\1utf-8", head) + rest


def _codec_name(charset: str) -> str | None:
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    return "utf-8" if name in {"utf-8", "ascii"} else name


# --- feeds ----------------------------------------------------------------------------


def _classify(fetched: Fetched) -> str:
    """``feed``, ``not_a_feed`` (XML-typed but something else) or ``page``."""
    root = _root_element(fetched.body)
    local = root.rsplit(":", 1)[-1].lower() if root else None
    if local in FEED_ROOTS:
        return "feed"
    if fetched.content_type in FEED_TYPES and local != "html":
        return "not_a_feed"
    return "page"


def _root_element(body: bytes) -> str | None:
    """The name of the first element after the XML prolog, if the body starts like XML."""
    head = body[:_SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    elif head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    position = 0
    while (item := _PROLOG_ITEM.match(head, position)) and item.end() > position:
        position = item.end()
    root = _ROOT_TAG.match(head, position)
    return root.group(1).decode("ascii", errors="replace") if root else None


def _feed_results(
    client: httpx.Client, fetched: Fetched, options: WebOptions
) -> Iterator[RawDocument | IngestError]:
    import feedparser

    # A stream, never bytes or str: feedparser treats a string as a path or URL to open.
    parsed = feedparser.parse(
        io.BytesIO(fetched.body),
        response_headers={
            "content-type": fetched.content_type or "application/xml",
            "content-location": fetched.final_url,
        },
    )
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        problem = _describe(parsed.get("bozo_exception") or ValueError("unparseable"))
        yield IngestError(fetched.url, f"not an RSS or Atom feed ({problem})", "not_a_feed")
        return
    if not entries:
        logger.warning("feed %s has no entries", fetched.url)
        return
    feed_title = _text(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        yield _entry_result(client, entry, number, fetched, feed_title, options)


def _entry_result(
    client: httpx.Client,
    entry: Any,
    number: int,
    feed: Fetched,
    feed_title: str | None,
    options: WebOptions,
) -> RawDocument | IngestError:
    """One entry's document; any failure is returned as an error so the feed goes on."""
    link = _entry_link(entry, feed.final_url)
    source = link or f"{feed.url}#{number}"
    try:
        document = _entry_document(client, entry, link, source, options)
    except IngestError as error:
        return error
    except Exception as exc:  # one odd entry must not lose the rest of the feed
        logger.exception("unexpected error reading entry %d of %s", number, feed.url)
        return IngestError(source, f"unexpected error ({type(exc).__name__}: {exc})")
    document.id = _text(entry.get("id"))
    document.title = _text(entry.get("title")) or document.title
    document.published = _entry_date(entry) or document.published
    document.metadata["feed"] = feed.url
    if feed_title:
        document.metadata["feed_title"] = feed_title
    return document


def _entry_document(
    client: httpx.Client, entry: Any, link: str | None, source: str, options: WebOptions
) -> RawDocument:
    """The linked page's text when it can be had, else the feed's own content or summary."""
    summary = _entry_summary(entry)
    failure: IngestError | None = None
    if options.fetch_feed_items and link:
        try:
            return _item_page(client, link, options)
        except IngestError as error:
            failure = error
    if summary is None:
        why = f"item page failed ({failure.message})" if failure else "entry has no link"
        raise IngestError(source, f"{why} and the feed gives no content or summary", "empty_text")
    document = RawDocument(text=summary, source=source, url=link, format="html")
    if failure is not None:
        document.warnings.append(
            f"could not read the item page ({failure.message}); used the feed's summary instead"
        )
    return document


def _item_page(client: httpx.Client, link: str, options: WebOptions) -> RawDocument:
    _check_url(link)
    fetched = fetch(client, link, options)
    document = read_page(fetched)
    if document.url and document.url != link:
        document.metadata["page_url"] = document.url
    document.url = link
    return document


def _entry_link(entry: Any, base: str) -> str | None:
    link = _text(entry.get("link"))
    return urljoin(base, link) if link else None


def _entry_date(entry: Any) -> str | None:
    """``YYYY-MM-DD`` from feedparser's parsed published date, else the updated date."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


def _entry_summary(entry: Any) -> str | None:
    """The longest of the entry's content blocks and summary, as plain text."""
    blocks = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        blocks.append(entry["summary_detail"])
    elif entry.get("summary"):
        blocks.append({"value": entry["summary"], "type": "text/html"})
    texts = [_block_text(block) for block in blocks]
    texts = [text for text in texts if text]
    return max(texts, key=len) if texts else None


def _block_text(block: Any) -> str:
    value = block.get("value") or ""
    if block.get("type") == "text/plain":
        return value.strip()
    return html_to_text(value)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML snippet, one paragraph per block element.

    lxml, not trafilatura: feed summaries are a few sentences with no page
    around them, which trafilatura's main-content heuristics often discard.
    """
    from lxml import etree
    from lxml import html as lxml_html

    if not fragment.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment.strip()
    for unwanted in root.xpath(".//script|.//style"):
        unwanted.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*_BLOCK_TAGS):
        block.tail = "\n\n" + (block.tail or "")
    lines = [" ".join(line.split()) for line in root.text_content().splitlines()]
    paragraphs = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", paragraphs).strip()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


__all__ = [
    "FEED_TYPES",
    "Fetched",
    "WebOptions",
    "fetch",
    "html_to_text",
    "iter_url_documents",
    "make_client",
    "read_page",
]
