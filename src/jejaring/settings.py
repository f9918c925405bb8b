"""Settings read once from the environment (prefix ``JEJARING_``) and passed down."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from jejaring.errors import ConfigError

DEFAULT_DB = "jejaring.db"
PLACEHOLDER_SECRET = "change-me"
PLACEHOLDERS = {PLACEHOLDER_SECRET, "", "secret", "changeme", "change-this"}


class Settings(BaseSettings):
    """Everything a command may need to know that is not an argument.

    Command-line options override these; library code receives a ``Settings``
    instance rather than reading the environment itself.
    """

    model_config = SettingsConfigDict(env_prefix="JEJARING_", extra="ignore")

    db: str = DEFAULT_DB
    max_bytes: int = 20_000_000
    near_duplicate_threshold: float = 0.9
    http_timeout: float = 20.0
    http_retries: int = 3
    http_backoff: float = 0.5
    user_agent: str = (
        "Jejaring/0.1 (+https://github.com/jejaring/jejaring; city-diplomacy observatory)"
    )
    # HTTP API (``jejaring serve``)
    environment: str = "development"  # development or production
    host: str = "127.0.0.1"
    port: int = 8000
    anonymous_read: bool = True
    secret_key: str = PLACEHOLDER_SECRET
    session_lifetime: int = 14 * 24 * 3600  # seconds
    review_threshold: float = 0.7  # facts below this confidence wait in the review queue
    # searches, facets, entity pages and graph neighbourhoods kept per server process; 0: none
    read_cache: int = 512

    def check_secret(self) -> None:
        """Refuse a placeholder or short secret key anywhere but in development."""
        if self.environment == "development":
            return
        if self.secret_key in PLACEHOLDERS or len(self.secret_key) < 32:
            raise ConfigError(
                "JEJARING_SECRET_KEY is a placeholder or shorter than 32 characters; set it to "
                "a long random value (e.g. python -c 'import secrets; print(secrets.token_hex())')"
            )


def database_url(db: str | Path) -> str:
    """Turn a file path or a SQLAlchemy URL into a SQLAlchemy URL."""
    text = str(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser()}"
