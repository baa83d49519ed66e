"""Files to database: extract each article and store it in its own transaction.

The same bytes twice store nothing new (the article's SHA-256 is unique), a broken
file is reported with its reason and skipped, and everything else is kept.
"""

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlmodel import Session

from app import queries, store
from app.config import DEFAULT_EXTRACT_TIMEOUT_S
from app.db import writer
from app.extractor import ExtractionFailed, Extractor
from app.models import Article, Summit
from app.nlp.pipeline import EXTRACTOR_VERSION
from app.sources import RejectedArticle, SourceArticle, read_articles

logger = logging.getLogger(__name__)
RETRY_FIRST_WAIT_S = 0.25  # a dropped connection often comes straight back
RETRY_MAX_WAIT_S = 4.0  # backoff doubles up to this, so a restarted server is seen soon
DEFAULT_RETRY_S = 60.0


# What a batch load did.
@dataclass(slots=True)
class LoadReport:
    read: int = 0
    new: int = 0
    unchanged: int = 0
    failed: list[RejectedArticle] = field(default_factory=list)
    summits: int = 0  # summits created: what the database gained
    merged: int = 0  # reports of a summit already stored, added to it as a source
    statements: int = 0

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return not self.failed

    def log(self, inputs: str) -> None:
        """Log the totals; ``inputs`` names what was read (articles, records)."""
        logger.info(
            "loaded %d %s: %d new, %d unchanged, %d failed; %d new summits, %d merged",
            self.read,
            inputs,
            self.new,
            self.unchanged,
            len(self.failed),
            self.summits,
            self.merged,
        )


# The outcome of ingesting one article.
@dataclass(slots=True)
class IngestResult:
    article: Article
    summits: list[Summit]
    created: bool
    statements: int = 0
    merged: int = 0  # of ``summits``, those that were already stored


class EmptyArticle(ValueError):
    """The input held no article text once page chrome was removed."""


def ingest(*, engine: Engine, source: SourceArticle, extractor: Extractor) -> IngestResult:
    """Extract (in ``extractor``'s worker, under its time budget) and store one article in
    one transaction; a known article is returned as is."""
    with Session(engine, expire_on_commit=False) as session:
        existing = store.find_article_by_hash(session=session, sha256=source.sha256)
        if existing is not None:
            ids = queries.article_summit_ids(session=session, article_id=existing.id)  # type: ignore[arg-type]
            summits = [s for s in (session.get(Summit, i) for i in ids) if s is not None]
            return IngestResult(existing, summits, created=False)
    doc = extractor.extract(source.text, url=source.url, supplied=source.supplied)
    if not doc.text.strip():
        raise EmptyArticle("no article text found")
    try:
        with Session(writer(engine), expire_on_commit=False) as session, session.begin():
            article, summits, merged = store.store_article(
                session=session, source=source, doc=doc, extractor_version=EXTRACTOR_VERSION
            )
    except IntegrityError:
        # another loader stored the same bytes between our check and our insert
        with Session(engine, expire_on_commit=False) as session:
            existing = store.find_article_by_hash(session=session, sha256=source.sha256)
            if existing is None:
                raise
            return IngestResult(existing, [], created=False)
    statements = sum(len(record.statements) for record in doc.summits)
    return IngestResult(article, summits, created=True, statements=statements, merged=merged)


def load_articles(
    *,
    engine: Engine,
    paths: Iterable[str | Path],
    max_bytes: int,
    on_progress: Callable[[str], None] | None = None,
    retry_seconds: float = DEFAULT_RETRY_S,
    extract_timeout: float = DEFAULT_EXTRACT_TIMEOUT_S,
) -> LoadReport:
    """Load every article under ``paths``, one transaction each; an article whose
    database connection is lost is retried for up to ``retry_seconds``, one whose
    extraction runs past ``extract_timeout`` seconds is stopped and reported (#13)."""
    report = LoadReport()
    with Extractor(budget_s=extract_timeout) as extractor:
        extractor.start()
        for item in read_articles(paths, max_bytes=max_bytes):
            report.read += 1
            if isinstance(item, RejectedArticle):
                report.failed.append(item)
            else:
                _load_one(engine, item, extractor, report, retry_seconds)
            if on_progress:
                on_progress(item.source)
    report.log("articles")
    return report


def _is_lost_connection(err: DBAPIError) -> bool:
    """The database went away or refused us (server restart, network), not a bad row."""
    return err.connection_invalidated or isinstance(err, OperationalError)


def _ingest_with_retry(
    engine: Engine, source: SourceArticle, extractor: Extractor, retry_seconds: float
) -> IngestResult:
    """Ingest, waiting out a lost connection with backoff for a bounded time (#13)."""
    deadline = time.monotonic() + retry_seconds
    wait = RETRY_FIRST_WAIT_S
    while True:
        try:
            return ingest(engine=engine, source=source, extractor=extractor)
        except DBAPIError as err:
            if not _is_lost_connection(err) or time.monotonic() + wait > deadline:
                raise
            logger.warning("database unreachable, retrying %s in %.2f s", source.source, wait)
        time.sleep(wait)
        wait = min(wait * 2, RETRY_MAX_WAIT_S)


def _load_one(
    engine: Engine,
    source: SourceArticle,
    extractor: Extractor,
    report: LoadReport,
    retry_seconds: float,
) -> None:
    try:
        result = _ingest_with_retry(engine, source, extractor, retry_seconds)
    except (EmptyArticle, ExtractionFailed) as err:
        report.failed.append(RejectedArticle(source.source, str(err)))
        return
    except SQLAlchemyError as err:
        reason = f"database error: {err.__class__.__name__}: {getattr(err, 'orig', err)}"
        report.failed.append(RejectedArticle(source.source, reason))
        return
    if not result.created:
        report.unchanged += 1
        return
    report.new += 1
    report.summits += len(result.summits) - result.merged
    report.merged += result.merged
    report.statements += result.statements
