"""Settings read once from the environment (prefix ``JEJARING_``) and passed down."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DB = "jejaring.db"


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


def database_url(db: str | Path) -> str:
    """Turn a file path or a SQLAlchemy URL into a SQLAlchemy URL."""
    text = str(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser()}"
