"""Settings read from the environment, with safe defaults for a zero-setup start."""

from functools import cache

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./data/summits.db"
# An article of MAX_ARTICLE_BYTES extracts in about 10 s; a busy machine may take 3x (#13)
DEFAULT_EXTRACT_TIMEOUT_S = 30.0
# Articles per transaction of `summits load --records`: enough to amortise a batch's
# queries (PostgreSQL spent 0.36 ms an article at 2,000, 0.38-0.40 at 1,000, 0.42 at
# 500), few enough to keep its memory small (about 210 MB with two writers) (#16)
DEFAULT_BATCH_ARTICLES = 2000


# Process-wide configuration; override with environment variables or a .env file.
class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    # a streaming replica the read endpoints use; writes and migrations stay on database_url
    database_read_url: str | None = None
    api_key: str | None = None
    max_article_bytes: int = 5_000_000
    cache_max_age: int = 60
    db_pool_size: int = 5  # connections kept per process
    db_max_overflow: int = 10  # extra connections under load
    db_pool_timeout: float = 10.0  # seconds a request waits for a connection, then 503
    db_pre_ping: bool = False  # test pooled connections first: a round trip per request (#14)
    etag_max_lag_seconds: float = 1.0  # PostgreSQL: another process's write shows in ETags
    read_timeout_seconds: float = 30.0  # a PostgreSQL read running longer is cancelled: 503
    load_retry_seconds: float = 60.0  # how long a load waits out a lost database (#13)
    extract_timeout_seconds: float = Field(default=DEFAULT_EXTRACT_TIMEOUT_S, gt=0)
    extract_workers: int = Field(default=2, ge=1)  # worker processes per server process
    cors_origins: str = ""  # comma-separated origins allowed to call the API from browsers

    @field_validator("database_url", "database_read_url")
    @classmethod
    def _use_psycopg_driver(cls, url: str | None) -> str | None:
        """Point bare postgres URLs at psycopg 3, the driver we install; an empty read
        URL means none."""
        if not url:
            return None
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url


@cache
def get_settings() -> Settings:
    """Settings are read once; tests call ``get_settings.cache_clear()`` to re-read."""
    return Settings()
