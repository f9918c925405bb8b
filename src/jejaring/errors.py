"""One error root with a family per stage, so callers catch by meaning.

Third-party exceptions are translated at the boundary of each stage; the
message says what went wrong and, where it can, what to do about it.
"""


class JejaringError(Exception):
    """Root of every error Jejaring raises on purpose."""


class ConfigError(JejaringError):
    """A setting, option or URL is missing or malformed."""


class IngestError(JejaringError):
    """A source could not be read or turned into a document.

    ``reason`` is a short machine-readable name (``binary``, ``empty_text``,
    ``too_large``…) so that summaries can count failures by kind.
    """

    def __init__(
        self,
        source: str,
        message: str,
        reason: str = "unreadable",
        *,
        document_id: str | None = None,
    ) -> None:
        self.source = source
        self.message = message
        self.reason = reason
        self.document_id = document_id  # when the source was read and named, but unusable
        super().__init__(f"{source}: {message}")


class ExtractionError(JejaringError):
    """The extraction pipeline could not process a document."""


class StoreError(JejaringError):
    """The database could not be opened, migrated, read or written."""
