"""Extracted records to the database in batches: ``summits load --records`` (#16).

Each batch of articles is stored in one transaction and ends as ``summits load`` of the
same articles would: the same bytes are stored once, every report of a meeting lands on
one summit (in the batch and against the summits already stored), people are upserted,
and a failed record is reported with its reason while the rest is stored. A batch runs in
the store's order, so concurrent loads of either kind neither deadlock nor split a
meeting:

1. the batch's articles not stored yet are inserted (PostgreSQL: ``COPY`` into a staging
   table, then one ``INSERT ... ON CONFLICT DO NOTHING``, which leaves an article another
   loader stored meanwhile to it);
2. their people are created ahead, in a transaction of their own (people are the
   leaders table's reference data, and a new one inserted in the batch's transaction
   would make any concurrent loader naming them wait for the whole batch), then the
   participant-set advisory locks of ``store.lock_participants`` are taken, each in
   one global order;
3. one query fetches the stored summits any report of the batch could match, and the
   reports are matched and merged in article order by the store's own rules
   (``store.new_summit``, ``store.merge_into``, ``store.dates_agree``, oldest summit
   first), in Python: the matching is a sequential decision, and this keeps it the same
   decision as the article-by-article path's;
4. the new rows are written (``COPY`` on PostgreSQL) and the merged summits updated (a
   staging table and one ``UPDATE``).

A batch the database refuses (a record breaking a constraint) is stored again one
article at a time through ``store.store_article``, so a bad article fails alone with the
reason the article path gives.

One writer stores the batches in input order, row for row as ``summits load``; on
PostgreSQL ``writers`` > 1 stores several at once on their own connections
(``_load_in_parallel``), each batch as one writer stores it.
"""

import contextlib
import datetime as dt
import gc
import json
import logging
import queue
import threading
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import psycopg
from sqlalchemy import Connection, Engine, bindparam, select, text, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlmodel import Session, col

from app import store
from app.config import DEFAULT_BATCH_ARTICLES
from app.dates import date_text, period_bounds
from app.db import writer
from app.loader import DEFAULT_RETRY_S, RETRY_FIRST_WAIT_S, RETRY_MAX_WAIT_S, LoadReport
from app.models import (
    Article,
    ArticleStatus,
    DatePrecision,
    Person,
    StatementKind,
    SummitFormat,
    SummitKind,
    SummitParticipant,
    metadata,
    utcnow,
)
from app.nlp.doc import ArticleDoc, SummitRecord
from app.records import RECORDS_SUFFIX, ArticleRecord, RecordError, read_records
from app.sources import RejectedArticle

logger = logging.getLogger(__name__)
_T = TypeVar("_T")
NO_COUNTRY = "ZZ"  # a person's country when the extractor knows none (as the store)
EMPTY_TEXT = "no article text found"  # the article path's reason (loader.EmptyArticle)
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy writes a DateTime into SQLite
SUMMIT = metadata.tables["summit"]
# The tables a batch writes and reads back (matching, the read model's refresh), and of
# the wide ones the columns it looks rows up by. A load into a young database outgrows
# the planner's estimates faster than autovacuum renews them, and a plan made for a small
# table (a scan of ``person`` or ``summit`` per summit refreshed) costs time that grows
# with the table, so the load analyses them itself each time it has doubled the articles
# stored (#16); a column list spares sampling the texts and still renews the row counts.
ANALYZED_TABLES = (
    "article (id, sha256)",
    "person",
    "summit (id, date, date_start, date_end, country)",
    "summit_participant",
    "summit_issue",
    "summit_about",
    "summit_source",
    "statement (id, summit_id, article_id, person_id)",
    "summit_summary (summit_id)",
    "summit_fts (summit_id)",
)

ARTICLE_COLUMNS = (
    "id",
    "source",
    "url",
    "sha256",
    "title",
    "publisher",
    "published_date",
    "dateline",
    "status",
    "error",
    "extractor_version",
    "text",
    "raw_text",
    "ingested_at",
)
SUMMIT_COLUMNS = (
    "id",
    "date",
    "date_precision",
    "date_start",
    "date_end",
    "place",
    "city",
    "country",
    "latitude",
    "longitude",
    "format",
    "duration_minutes",
    "context",
    "kind",
    "participant_count",
    "evidence",
    "created_at",
)
# What merging another report may change in a stored summit (store.merge_into).
MERGED_COLUMNS = (
    "date",
    "date_precision",
    "date_start",
    "date_end",
    *store.FILLED_FIELDS,
    "evidence",
)
# A link of a new summit carries the summit's interval (for its date sort index): supplied
# here, which spares the row the trigger that would read the summit back (0012).
PARTICIPANT_COLUMNS = ("summit_id", "person_id", "role", "country", "date_start", "date_end")
ISSUE_COLUMNS = ("summit_id", "issue_slug", "date_start", "date_end")
SOURCE_COLUMNS = ("summit_id", "article_id")
STATEMENT_COLUMNS = (
    "summit_id",
    "article_id",
    "person_id",
    "speaker",
    "text",
    "kind",
    "start",
    '"end"',
)


# ---------------------------------------------------------------- reading records
def find_records(paths: Iterable[str | Path]) -> Iterator[Path | RejectedArticle]:
    """The records files named, and those inside folders named, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob(f"*{RECORDS_SUFFIX}") if p.is_file())
        elif path.is_file():
            yield path
        else:
            yield RejectedArticle(str(path), "no such file or folder")


def read_batches(
    paths: Iterable[str | Path], size: int
) -> Iterator[tuple[list[ArticleRecord], list[RejectedArticle]]]:
    """The records under ``paths`` in batches of up to ``size`` articles, each with the
    lines and files that could not be read since the previous batch."""
    records: list[ArticleRecord] = []
    broken: list[RejectedArticle] = []
    for item in find_records(paths):
        if isinstance(item, RejectedArticle):
            broken.append(item)
            continue
        try:
            for record in read_records(item):
                if isinstance(record, RecordError):
                    broken.append(RejectedArticle(str(item), str(record)))
                    continue
                records.append(record)
                if len(records) >= size:
                    yield records, broken
                    records, broken = [], []
        except (OSError, EOFError, zlib.error, UnicodeDecodeError) as err:
            # a truncated or corrupt file: what it held before the damage is kept
            broken.append(RejectedArticle(str(item), f"unreadable records file: {err}"))
    if records or broken:
        yield records, broken


def _problem(record: ArticleRecord) -> str | None:
    """Why a record cannot be stored, in the article path's words where it has them."""
    if record.error is not None:
        return record.error
    doc = record.doc
    if doc is None:
        return "record holds neither an extraction nor an error"
    if not doc.text.strip():
        return EMPTY_TEXT
    formats = {f.value for f in SummitFormat}
    kinds = {k.value for k in StatementKind}
    for summit in doc.summits:
        if summit.format not in formats:
            return f"summit format {summit.format!r} is not one of {sorted(formats)}"
        for quote in summit.statements:
            if quote.kind not in kinds:
                return f"statement kind {quote.kind!r} is not one of {sorted(kinds)}"
    return None


# ---------------------------------------------------------------- one batch
# An article of the batch that will be stored.
@dataclass(slots=True)
class _Fresh:
    record: ArticleRecord
    doc: ArticleDoc
    line: bytes | None = None  # its COPY line but the id and the time, encoded ahead
    article_id: int = 0


# A batch as the reading thread hands it over, with what could be worked out of it
# before the previous batch was stored: nothing here depends on the database.
@dataclass(slots=True)
class _Prepared:
    records: list[ArticleRecord]
    broken: list[RejectedArticle]
    problems: list[str | None]  # per record: why it cannot be stored (_problem)
    lines: list[bytes | None]  # per record: its article's COPY line (_copy_line)
    # the people stored before the batch, once _create_people has created its own
    existed: set[tuple[str, str]] | None = None


def _prepare(
    records: list[ArticleRecord], broken: list[RejectedArticle], *, postgres: bool
) -> _Prepared:
    """Check a batch's records and, for PostgreSQL, encode their articles' COPY lines."""
    problems = [_problem(record) for record in records]
    lines = [
        _copy_line(record) if postgres and problem is None else None
        for record, problem in zip(records, problems, strict=True)
    ]
    return _Prepared(records, broken, problems, lines)


def _copy_line(record: ArticleRecord) -> bytes | None:
    """The article row of ``_article_row`` in COPY's text format, without its leading
    id and its trailing time of storing (known once the batch is stored); None for a
    text UTF-8 cannot hold (a lone surrogate), which the driver then reports."""
    assert record.doc is not None
    row = _article_row(_Fresh(record, record.doc), utcnow())[1:-1]
    fields = (
        "\\N"
        if value is None
        else value.isoformat()
        if isinstance(value, dt.date)
        else _copy_text(str(value))
        for value in row
    )
    try:
        return ("\t".join(fields) + "\t").encode()
    except UnicodeEncodeError:
        return None


def _copy_text(value: str) -> str:
    """A text escaped for COPY's text format (replace runs in C, translate per character)."""
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    return value.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


# A summit as the batch holds it: a stored one it may merge into, or a new one (a plain
# row: building ORM objects would cost more than the rest of the batch's work).
@dataclass(slots=True, eq=False)
class _SummitRow:
    date: dt.date | None
    date_precision: DatePrecision
    date_start: dt.date | None
    date_end: dt.date | None
    place: str | None
    city: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    format: SummitFormat
    duration_minutes: int | None
    context: str | None
    kind: SummitKind
    participant_count: int
    evidence: list[dict[str, Any]]
    id: int | None = None
    created_at: dt.datetime | None = None


# A person the batch refers to: its id, and the first article of the batch from which
# it exists (-1: stored before the batch), so a statement names only a person the
# article path would already have stored when it got there.
@dataclass(frozen=True, slots=True)
class _Person:
    id: int
    country: str
    since: int


# The rows a batch adds; new summits get their ids when written.
@dataclass(slots=True)
class _Plan:
    new: list[_SummitRow] = field(default_factory=list)
    changed: dict[int, _SummitRow] = field(default_factory=dict)  # stored summits merged into
    participants: list[tuple[_SummitRow, int, str | None, str]] = field(default_factory=list)
    issues: list[tuple[_SummitRow, str]] = field(default_factory=list)
    about: list[tuple[_SummitRow, str]] = field(default_factory=list)
    sources: list[tuple[_SummitRow, int]] = field(default_factory=list)
    statements: list[tuple[_SummitRow, int, int | None, str, str, str, int, int]] = field(
        default_factory=list
    )
    merged: int = 0


def _person_key(name: str, country: str | None) -> tuple[str, str]:
    return name, country or NO_COUNTRY


def _plan(
    fresh: Sequence[_Fresh],
    people: dict[tuple[str, str], _Person],
    by_name: dict[str, list[_Person]],
    stored: dict[frozenset[int], list[_SummitRow]],
) -> _Plan:
    """Match and merge the batch's reports in article order, as ``store.store_summit``
    does one at a time; ``stored`` holds, per participant set, the stored summits that
    may match, oldest first."""
    plan = _Plan()
    issues: dict[int, set[str]] = {}  # per summit (by object id): issues it has
    about: dict[int, set[str]] = {}
    for index, item in enumerate(fresh):
        article_id = item.article_id
        for record in item.doc.summits:
            keys = [_person_key(p.name, p.country) for p in record.participants]
            person_ids = frozenset(people[key].id for key in keys)
            candidates = stored.setdefault(person_ids, [])
            summit = _match(candidates, person_ids, record)
            if summit is None:
                summit = _SummitRow(
                    **store.new_summit(record=record, article_id=article_id, participants=len(keys))
                )
                candidates.append(summit)
                plan.new.append(summit)
                issues[id(summit)], about[id(summit)] = set(), set()
                for participant, key in zip(record.participants, keys, strict=True):
                    plan.participants.append(
                        (summit, people[key].id, participant.role, participant.country or key[1])
                    )
            else:
                plan.merged += 1
                store.merge_into(summit=summit, record=record, article_id=article_id)
                if summit.id is not None:
                    plan.changed[summit.id] = summit
            _add_new(plan.issues, issues.setdefault(id(summit), set()), summit, record.issues)
            _add_new(plan.about, about.setdefault(id(summit), set()), summit, record.about)
            plan.sources.append((summit, article_id))
            for quote in record.statements:
                speaker = quote.speaker or "unknown"
                person = _visible(by_name.get(speaker, ()), index)
                plan.statements.append(
                    (
                        summit,
                        article_id,
                        person.id if person else None,
                        speaker,
                        quote.text,
                        quote.kind,
                        quote.start,
                        quote.end,
                    )
                )
    return plan


def _match(
    candidates: list[_SummitRow], person_ids: frozenset[int], record: SummitRecord
) -> _SummitRow | None:
    """The oldest summit of these participants whose date agrees (store._matching_summit)."""
    if not person_ids or not record.date:
        return None
    for summit in candidates:
        if store.dates_agree(date_text(summit.date, summit.date_precision), record.date):
            return summit
    return None


def _add_new(
    rows: list[tuple[_SummitRow, str]], have: set[str], summit: _SummitRow, new: list[str]
) -> None:
    """Rows for the values a summit does not have yet (a stored summit's own are skipped
    by the insert)."""
    for value in sorted(set(new) - have):
        have.add(value)
        rows.append((summit, value))


def _visible(people: Iterable[_Person], index: int) -> _Person | None:
    """The person a statement of the batch's ``index``-th article names (store._find_person:
    by country among those stored by then)."""
    return next((p for p in people if p.since <= index), None)


class _Batch:
    """The database side of one batch, in one transaction on ``connection``."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.postgres = connection.dialect.name == "postgresql"

    # ------------------------------------------------------------ ids and rows
    def next_ids(self, table: str, count: int) -> list[int]:
        """``count`` unused ids of ``table``, ascending."""
        if not count:
            return []
        if self.postgres:
            rows = self.connection.execute(
                text(
                    "SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                    "FROM generate_series(1, :count)"
                ),
                {"table": table, "count": count},
            )
            return sorted(row[0] for row in rows)
        # SQLite: the batch holds the write lock (BEGIN IMMEDIATE), so max + 1 is free
        top = self.connection.execute(text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar()
        return list(range(int(top or 0) + 1, int(top or 0) + 1 + count))

    def copy(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Append rows to a table: ``COPY`` on PostgreSQL, one executemany on SQLite."""
        if self.postgres:
            statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            raw = self.connection.connection.dbapi_connection
            assert raw is not None
            try:
                with (
                    raw.cursor() as cursor,  # type: ignore[attr-defined]  # psycopg's cursor
                    cursor.copy(statement) as copy,
                ):
                    for row in rows:
                        if isinstance(row, bytes):  # a line encoded ahead (_copy_line)
                            copy.write(row)
                        else:
                            copy.write_row(row)
            except psycopg.Error as err:
                # as SQLAlchemy raises it for statements it runs: IntegrityError, ...
                raise DBAPIError.instance(statement, None, err, psycopg.Error) from err
            return
        values = [tuple(_sqlite_value(v) for v in r) for r in rows]
        if not values:  # an empty executemany would run the statement once, unbound
            return
        marks = ", ".join("?" for _ in columns)
        statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        self.connection.exec_driver_sql(statement, values)

    # ------------------------------------------------------------ articles
    def known(self, hashes: Sequence[str]) -> set[str]:
        """Which of these hashes are stored already."""
        found: set[str] = set()
        if self.postgres:  # one array parameter: no statement of a thousand to parse
            rows = self.connection.execute(
                text("SELECT sha256 FROM article WHERE sha256 = ANY(CAST(:hashes AS text[]))"),
                {"hashes": list(dict.fromkeys(hashes))},
            )
            return set(rows.scalars())
        for chunk in _chunks(list(dict.fromkeys(hashes))):
            query = select(col(Article.sha256)).where(col(Article.sha256).in_(chunk))
            found.update(self.connection.execute(query).scalars())
        return found

    def insert_articles(self, items: list[_Fresh], now: dt.datetime) -> set[int]:
        """Insert the articles, in hash order; the ids of those inserted (on PostgreSQL,
        an article another loader stored since ``known`` is skipped: it is that loader's)."""
        items = sorted(items, key=lambda item: item.record.source.sha256)
        if not self.postgres:
            self.copy("article", ARTICLE_COLUMNS, (_article_row(item, now) for item in items))
            return {item.article_id for item in items}
        columns = ", ".join(ARTICLE_COLUMNS)
        _staging(self.connection, "bulk_article", "article", ARTICLE_COLUMNS)
        if all(item.line is not None for item in items):
            # the lines encoded while the previous batch was stored: only the id and
            # the time of storing are added here
            end = f"{now.isoformat()}\n".encode()
            lines: Iterable[Sequence[Any]] = (
                b"%d\t%s%s" % (item.article_id, item.line, end) for item in items
            )
        else:  # a text a line could not be encoded from: the driver reports it
            lines = (_article_row(item, now) for item in items)
        self.copy("bulk_article", ARTICLE_COLUMNS, lines)
        inserted = self.connection.exec_driver_sql(
            f"INSERT INTO article ({columns}) SELECT {columns} FROM bulk_article "
            "ORDER BY sha256 ON CONFLICT (sha256) DO NOTHING RETURNING id"
        )
        return set(inserted.scalars())

    # ------------------------------------------------------------ people and locks
    def create_people(
        self, keys: Iterable[tuple[str, str]], speakers: set[str]
    ) -> dict[tuple[str, str], int]:
        """Create the participants not stored yet (in name order, as the store); the
        people stored before, by (name, country), of every name the batch gives."""
        keys = set(keys)
        before = self._people({name for name, _ in keys} | speakers)
        missing = sorted(key for key in keys if key not in before)
        if missing:
            insert = postgresql_insert if self.postgres else sqlite_insert
            self.connection.execute(
                insert(Person).on_conflict_do_nothing(index_elements=["name", "country"]),
                [store.person_values(name=name, country=code) for name, code in missing],
            )
        return before

    def upsert_people(
        self,
        first_seen: dict[tuple[str, str], int],
        speakers: set[str],
        existed: set[tuple[str, str]] | None = None,
    ) -> tuple[dict[tuple[str, str], _Person], dict[str, list[_Person]]]:
        """Create the participants not stored yet and return every person the batch
        names, by (name, country) and by name; ``existed``: the people stored before
        the batch when its people were created ahead (``_create_people``)."""
        before = self.create_people(first_seen, speakers)
        missing = {key for key in first_seen if key not in before}
        after = self._people({name for name, _ in missing}) if missing else {}
        stored_before = set(before) if existed is None else existed
        people: dict[tuple[str, str], _Person] = {}
        for key, person_id in (*before.items(), *after.items()):
            since = -1 if key in stored_before else first_seen.get(key, -1)
            people[key] = _Person(person_id, key[1], since)
        by_name: dict[str, list[_Person]] = defaultdict(list)
        for (name, _country), person in sorted(people.items()):
            by_name[name].append(person)
        return people, by_name

    def _people(self, names: set[str]) -> dict[tuple[str, str], int]:
        found: dict[tuple[str, str], int] = {}
        if self.postgres:
            rows = self.connection.execute(
                text(
                    "SELECT id, name, country FROM person WHERE name = ANY(CAST(:names AS text[]))"
                ),
                {"names": sorted(names)},
            )
            return {(name, country): person_id for person_id, name, country in rows}
        for chunk in _chunks(sorted(names)):
            query = select(col(Person.id), col(Person.name), col(Person.country)).where(
                col(Person.name).in_(chunk)
            )
            for person_id, name, country in self.connection.execute(query):
                assert person_id is not None
                found[(name, country)] = person_id
        return found

    def lock(self, keys: list[int]) -> None:
        """The store's participant-set advisory locks, in ascending order (no deadlock)."""
        if self.postgres and keys:
            self.connection.execute(
                text(
                    "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(CAST(:keys AS bigint[])) k"
                ),
                {"keys": keys},
            )

    # ------------------------------------------------------------ stored summits
    def stored_summits(
        self, wanted: list[tuple[frozenset[int], str]]
    ) -> dict[frozenset[int], list[_SummitRow]]:
        """Per participant set, the stored summits of exactly those people whose date
        interval overlaps a report's (agreeing dates always overlap), oldest first."""
        probes: list[tuple[int, int, dt.date | None, dt.date | None]] = []
        sets = list(dict.fromkeys(person_ids for person_ids, _ in wanted))
        number = {person_ids: n for n, person_ids in enumerate(sets)}
        for person_ids, date in wanted:
            bounds = period_bounds(date)
            low, high = bounds if bounds else (None, None)
            probes.append((number[person_ids], min(person_ids), low, high))
        probes = sorted(set(probes), key=lambda p: (p[0], p[1], str(p[2]), str(p[3])))
        hits = self._candidates(probes)
        if not hits:
            return {}
        ids = sorted({summit_id for _, summit_id in hits})
        summits, members = self._summits(ids)
        found: dict[frozenset[int], list[_SummitRow]] = {}
        for set_number, summit_id in sorted(set(hits), key=lambda h: (h[0], h[1])):
            person_ids = sets[set_number]
            if members.get(summit_id) == person_ids:
                found.setdefault(person_ids, []).append(summits[summit_id])
        return found

    def _candidates(
        self, probes: list[tuple[int, int, dt.date | None, dt.date | None]]
    ) -> list[tuple[int, int]]:
        if self.postgres:
            rows = self.connection.execute(
                text(
                    "SELECT DISTINCT w.n, sp.summit_id FROM unnest(CAST(:n AS int[]), "
                    "CAST(:person AS int[]), CAST(:low AS date[]), CAST(:high AS date[])) "
                    "AS w(n, person_id, low, high) "
                    "JOIN summit_participant sp ON sp.person_id = w.person_id "
                    "JOIN summit s ON s.id = sp.summit_id "
                    "WHERE s.date IS NOT NULL AND (w.low IS NULL OR s.date_start IS NULL "
                    "OR (s.date_start <= w.high AND s.date_end >= w.low))"
                ),
                {
                    "n": [p[0] for p in probes],
                    "person": [p[1] for p in probes],
                    "low": [p[2] for p in probes],
                    "high": [p[3] for p in probes],
                },
            )
            return [(row[0], row[1]) for row in rows]
        query = text(
            "SELECT DISTINCT sp.summit_id FROM summit_participant sp "
            "JOIN summit s ON s.id = sp.summit_id WHERE sp.person_id = :person "
            "AND s.date IS NOT NULL AND (:low IS NULL OR s.date_start IS NULL "
            "OR (s.date_start <= :high AND s.date_end >= :low))"
        )
        hits: list[tuple[int, int]] = []
        for set_number, person, low, high in probes:
            rows = self.connection.execute(
                query,
                {
                    "person": person,
                    "low": low.isoformat() if low else None,
                    "high": high.isoformat() if high else None,
                },
            )
            hits.extend((set_number, row[0]) for row in rows)
        return hits

    def _summits(self, ids: list[int]) -> tuple[dict[int, _SummitRow], dict[int, frozenset[int]]]:
        summits: dict[int, _SummitRow] = {}
        members: dict[int, set[int]] = defaultdict(set)
        for chunk in _chunks(ids):
            for row in self.connection.execute(
                select(SUMMIT).where(SUMMIT.c.id.in_(chunk))
            ).mappings():
                summits[row["id"]] = _SummitRow(
                    **{
                        **row,
                        "date_precision": DatePrecision(row["date_precision"]),
                        "format": SummitFormat(row["format"]),
                        "kind": SummitKind(row["kind"]),
                    }
                )
            rows = self.connection.execute(
                select(col(SummitParticipant.summit_id), col(SummitParticipant.person_id)).where(
                    col(SummitParticipant.summit_id).in_(chunk)
                )
            )
            for summit_id, person_id in rows:
                members[summit_id].add(person_id)
        return summits, {k: frozenset(v) for k, v in members.items()}

    # ------------------------------------------------------------ writing the plan
    def write(self, plan: _Plan) -> None:
        """Write the plan's rows: new summits get their ids here, in creation order."""
        now = utcnow()
        for summit, summit_id in zip(plan.new, self.next_ids("summit", len(plan.new)), strict=True):
            summit.id, summit.created_at = summit_id, now
        self.copy(
            "summit",
            SUMMIT_COLUMNS,
            (_summit_row(s) for s in plan.new),
        )
        self.copy(
            "summit_participant",
            PARTICIPANT_COLUMNS,
            (
                (s.id, person, role, country, s.date_start, s.date_end)
                for s, person, role, country in plan.participants
            ),
        )
        self._update(list(plan.changed.values()))
        created = {id(s) for s in plan.new}
        # a new summit's values are all new (the plan holds each once): appended; a
        # stored summit's only where it lacks them, its issues' interval from the trigger
        self.copy(
            "summit_issue",
            ISSUE_COLUMNS,
            ((s.id, v, s.date_start, s.date_end) for s, v in plan.issues if id(s) in created),
        )
        self.copy(
            "summit_about",
            ("summit_id", "country"),
            ((s.id, v) for s, v in plan.about if id(s) in created),
        )
        for table, column, rows in (
            ("summit_issue", "issue_slug", plan.issues),
            ("summit_about", "country", plan.about),
        ):
            stored = [(s.id, value) for s, value in rows if id(s) not in created]
            self._insert_missing(table, column, stored)
        self.copy("summit_source", SOURCE_COLUMNS, ((s.id, a) for s, a in plan.sources))
        self.copy(
            "statement",
            STATEMENT_COLUMNS,
            ((s.id, *rest) for s, *rest in plan.statements),
        )

    def _update(self, summits: list[_SummitRow]) -> None:
        if not summits:
            return
        if self.postgres:
            columns = ("id", *MERGED_COLUMNS)
            _staging(self.connection, "bulk_summit", "summit", columns)
            self.copy(
                "bulk_summit",
                columns,
                (tuple(_column_value(c, getattr(s, c)) for c in columns) for s in summits),
            )
            changes = ", ".join(f"{c} = b.{c}" for c in MERGED_COLUMNS)
            self.connection.exec_driver_sql(
                f"UPDATE summit SET {changes} FROM bulk_summit b WHERE summit.id = b.id"
            )
            return
        statement = update(SUMMIT).where(SUMMIT.c.id == bindparam("summit_id"))
        self.connection.execute(
            statement.values({c: bindparam(f"new_{c}") for c in MERGED_COLUMNS}),
            [
                {"summit_id": s.id, **{f"new_{c}": getattr(s, c) for c in MERGED_COLUMNS}}
                for s in summits
            ],
        )

    def _insert_missing(self, table: str, column: str, rows: list[tuple[Any, str]]) -> None:
        """Add (summit, value) rows a summit does not have yet (issues, countries)."""
        if not rows:
            return
        if self.postgres:
            self.connection.execute(
                text(
                    f"INSERT INTO {table} (summit_id, {column}) SELECT * FROM "
                    "unnest(CAST(:ids AS int[]), CAST(:values AS varchar[])) "
                    "ON CONFLICT DO NOTHING"
                ),
                {"ids": [r[0] for r in rows], "values": [r[1] for r in rows]},
            )
            return
        self.connection.exec_driver_sql(
            f"INSERT INTO {table} (summit_id, {column}) VALUES (?, ?) ON CONFLICT DO NOTHING",
            rows,
        )


def _staging(connection: Connection, name: str, table: str, columns: Sequence[str]) -> None:
    """A session's staging table for ``table``'s ``columns``, emptied at each commit;
    unconstrained, so a row the real table refuses fails there, with its reason."""
    connection.exec_driver_sql(
        f"CREATE TEMP TABLE IF NOT EXISTS {name} ON COMMIT DELETE ROWS AS "
        f"SELECT {', '.join(columns)} FROM {table} WITH NO DATA"
    )


def _summit_row(s: _SummitRow) -> tuple[Any, ...]:
    """A new summit's ``SUMMIT_COLUMNS`` as COPY takes them: ``_column_value`` of each,
    spelt out, as this runs once per summit stored (#16)."""
    return (
        s.id,
        s.date,
        s.date_precision.value,
        s.date_start,
        s.date_end,
        s.place,
        s.city,
        s.country,
        s.latitude,
        s.longitude,
        s.format.value,
        s.duration_minutes,
        s.context,
        s.kind.value,
        s.participant_count,
        json.dumps(s.evidence),
        s.created_at,
    )


def _column_value(name: str, value: Any) -> Any:
    """A summit attribute as COPY and the driver take it (enums as text, JSON as text)."""
    if name == "evidence":
        return json.dumps(value)
    if hasattr(value, "value"):  # StrEnum members
        return value.value
    return value


def _sqlite_value(value: Any) -> Any:
    """A value as SQLAlchemy would store it in SQLite: ISO text for dates and times."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime(SQLITE_DATETIME)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _chunks(values: list[Any], size: int = 500) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _article_row(item: _Fresh, now: dt.datetime) -> tuple[Any, ...]:
    """The article row store.store_article writes for this record."""
    source, doc = item.record.source, item.doc
    meta = doc.meta
    return (
        item.article_id,
        source.name,
        source.url or doc.url,
        source.sha256,
        meta.title,
        meta.publisher,
        meta.published,
        meta.dateline,
        ArticleStatus.extracted.value,
        None,
        item.record.extractor_version,
        doc.text,
        source.text,
        now,
    )


def store_batch(
    *,
    connection: Connection,
    records: Sequence[ArticleRecord],
    prepared: _Prepared | None = None,
) -> LoadReport:
    """Store one batch of records in ``connection``'s transaction (the caller commits);
    ``prepared``, the same records as ``_prepare`` made them ready ahead."""
    batch = _Batch(connection)
    if prepared is None:
        prepared = _prepare(list(records), [], postgres=batch.postgres)
    outcome = LoadReport()  # what the batch did, added to the load's once committed
    known = batch.known([r.source.sha256 for r in records])
    fresh: list[_Fresh] = []
    for record, problem, line in zip(records, prepared.problems, prepared.lines, strict=True):
        if record.source.sha256 in known:
            outcome.unchanged += 1  # a known article is not looked at again, failed or not
            continue
        if problem is not None:
            outcome.failed.append(RejectedArticle(record.source.source, problem))
            continue
        assert record.doc is not None
        known.add(record.source.sha256)
        fresh.append(_Fresh(record, record.doc, line))
    now = utcnow()
    for item, article_id in zip(fresh, batch.next_ids("article", len(fresh)), strict=True):
        item.article_id = article_id
    ours = batch.insert_articles(fresh, now)
    outcome.unchanged += len(fresh) - len(ours)
    fresh = [item for item in fresh if item.article_id in ours]

    first_seen: dict[tuple[str, str], int] = {}
    speakers: set[str] = set()
    reports = [report for item in fresh for report in item.doc.summits]
    for index, item in enumerate(fresh):
        for report in item.doc.summits:
            for participant in report.participants:
                first_seen.setdefault(_person_key(participant.name, participant.country), index)
            speakers.update(q.speaker or "unknown" for q in report.statements)
    people, by_name = batch.upsert_people(first_seen, speakers, prepared.existed)
    batch.lock(sorted({store.participant_key(r) for r in reports if r.participants}))

    wanted = [
        (frozenset(people[_person_key(p.name, p.country)].id for p in r.participants), r.date)
        for r in reports
        if r.participants and r.date
    ]
    plan = _plan(fresh, people, by_name, batch.stored_summits(wanted))
    batch.write(plan)
    created = sorted(s.id for s in plan.new if s.id)
    changed = sorted(set(plan.changed) - set(created))
    with Session(bind=connection) as session:
        if created and created == list(range(created[0], created[-1] + 1)):
            # the usual case, no other loader drawing ids meanwhile: one BETWEEN
            store.refresh_read_model(session=session, summit_ids=range(created[0], created[-1] + 1))
        else:
            changed = sorted({*changed, *created})
        store.refresh_read_model(session=session, summit_ids=changed)
    outcome.new = len(fresh)
    outcome.summits = len(plan.new)
    outcome.merged = plan.merged
    outcome.statements = sum(len(r.statements) for r in reports)
    return outcome


# ---------------------------------------------------------------- the load
def load_records(
    *,
    engine: Engine,
    paths: Iterable[str | Path],
    batch_size: int = DEFAULT_BATCH_ARTICLES,
    on_progress: Callable[[int], None] | None = None,
    retry_seconds: float = DEFAULT_RETRY_S,
    writers: int = 1,
) -> LoadReport:
    """Store the records under ``paths`` in batches of ``batch_size`` articles, one
    transaction each; ``on_progress`` hears how many records each batch read. On
    PostgreSQL, ``writers`` batches are stored at once (``_load_in_parallel``); one
    writer stores them in input order."""
    report = LoadReport()
    statistics = _Statistics(engine)
    postgres = engine.dialect.name == "postgresql"
    if writers > 1 and postgres:
        with _rare_collections():
            _load_in_parallel(
                engine, paths, batch_size, writers, report, statistics, on_progress, retry_seconds
            )
        report.log("records")
        return report
    batches = (
        _prepare(records, broken, postgres=postgres)
        for records, broken in read_batches(paths, batch_size)
    )
    with _rare_collections():
        for prepared in _read_ahead(batches):
            records, broken = prepared.records, prepared.broken
            report.read += len(records) + len(broken)
            report.failed.extend(broken)
            if records:
                outcome = _load_batch(engine, prepared, retry_seconds)
                _add(report, outcome)
                statistics.grown(outcome.new)
            if on_progress:
                on_progress(len(records) + len(broken))
    report.log("records")
    return report


def _writer_of(record: ArticleRecord, writers: int) -> int:
    """Which writer stores a record: by its first meeting report's participant set, so
    the reports of one meeting go to one writer and concurrent writers seldom wait on
    each other's participant-set locks; a record without participants by its hash."""
    for report in record.doc.summits if record.doc else ():
        if report.participants:
            return store.participant_key(report) % writers
    return int(record.source.sha256[:15], 16) % writers


def _load_in_parallel(
    engine: Engine,
    paths: Iterable[str | Path],
    batch_size: int,
    writers: int,
    report: LoadReport,
    statistics: "_Statistics",
    on_progress: Callable[[int], None] | None,
    retry_seconds: float,
) -> None:
    """Store batches on ``writers`` connections at once, each its own thread.

    The server's work for one batch is the load's bottleneck and the loader's own work
    (matching, rows) leaves it idle, so a second writer keeps it busy meanwhile. Each
    batch is stored as a single writer stores it (its own transaction, the store's
    locks: concurrent writers neither deadlock nor split a meeting), in the order its
    writer's records were read; the writers' batches interleave, so ids follow the
    commits, not the input. This thread reads, groups by writer (``_writer_of``) and
    prepares; at most one batch per writer waits ready."""
    lock = threading.Lock()  # the report, the statistics, on_progress
    queues: list[queue.Queue[_Prepared | None]] = [queue.Queue(maxsize=1) for _ in range(writers)]
    failures: list[BaseException] = []
    stop = threading.Event()

    def write(ready: queue.Queue[_Prepared | None]) -> None:
        while (prepared := ready.get()) is not None:
            if stop.is_set():
                continue  # another writer failed: drain, so the reader never blocks
            try:
                outcome = _load_batch(engine, prepared, retry_seconds)
                with lock:
                    _add(report, outcome)
                    statistics.grown(outcome.new)
                    if on_progress:
                        on_progress(len(prepared.records))
            except BaseException as err:  # raised by the reading thread once all stop
                failures.append(err)
                stop.set()

    threads = [
        threading.Thread(target=write, args=(ready,), name=f"records-writer-{n}", daemon=True)
        for n, ready in enumerate(queues)
    ]
    for thread in threads:
        thread.start()
    pending: list[list[ArticleRecord]] = [[] for _ in range(writers)]
    try:
        for records, broken in read_batches(paths, batch_size):
            if stop.is_set():
                break
            with lock:
                report.read += len(records) + len(broken)
                report.failed.extend(broken)
                if on_progress and broken:
                    on_progress(len(broken))
            for record in records:
                n = _writer_of(record, writers)
                pending[n].append(record)
                if len(pending[n]) >= batch_size:
                    queues[n].put(_prepare(pending[n], [], postgres=True))
                    pending[n] = []
        for n, group in enumerate(pending):
            if group and not stop.is_set():
                queues[n].put(_prepare(group, [], postgres=True))
    finally:
        for ready in queues:
            ready.put(None)
        for thread in threads:
            thread.join()
    if failures:
        raise failures[0]


# How often the cycle collector runs during a load: after this many allocations instead
# of Python's 700. A batch allocates millions of short-lived objects (records, rows) that
# reference counting frees, and each collection walked the two batches alive and the
# rules' tables: a fifth of the loader's CPU (#16). Cycles are still collected, later.
LOAD_GC_THRESHOLD = (50_000, 20, 100)
_collections = threading.Lock()
_loads_running = 0
_thresholds: tuple[int, int, int] = gc.get_threshold()


@contextlib.contextmanager
def _rare_collections() -> Iterator[None]:
    """Collect cycles rarely while any load of this process runs, then as before."""
    global _loads_running, _thresholds
    with _collections:
        if not _loads_running:
            _thresholds = gc.get_threshold()
            gc.set_threshold(*LOAD_GC_THRESHOLD)
        _loads_running += 1
    try:
        yield
    finally:
        with _collections:
            _loads_running -= 1
            if not _loads_running:
                gc.set_threshold(*_thresholds)


class _Statistics:
    """Renews PostgreSQL's planner statistics of ``ANALYZED_TABLES`` whenever the load
    has stored as many articles as the database held when they were last renewed: a
    few times in a load into a young database, never in a small load into a large one,
    whose statistics autovacuum keeps."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.stored: int | None = None  # articles stored when last renewed (an estimate)
        self.added = 0  # articles this load stored since
        self.enabled = engine.dialect.name == "postgresql"

    def grown(self, new: int) -> None:
        """Count ``new`` stored articles; analyse when they have doubled the table."""
        self.added += new
        if not self.enabled or not self.added:
            return
        try:
            with self.engine.begin() as connection:
                if self.stored is None:  # the table as the planner last saw it
                    estimate = connection.exec_driver_sql(
                        "SELECT reltuples FROM pg_class WHERE oid = 'article'::regclass"
                    ).scalar()
                    self.stored = max(int(estimate or 0), 0)  # -1: never analysed
                if self.added < self.stored:
                    return
                connection.exec_driver_sql(f"ANALYZE {', '.join(ANALYZED_TABLES)}")
        except DBAPIError as err:  # only the plans suffer; the next batch meets an outage
            logger.warning("could not renew the planner's statistics: %s", err.orig)
            return
        self.stored += self.added
        self.added = 0


def _read_ahead(batches: Iterator[_T]) -> Iterator[_T]:
    """The batches, the next one read, parsed and prepared in a thread while this one is
    stored: the driver lets go of the interpreter while it waits on the database, so
    the preparing overlaps the database's work. The thread starts on a batch only once
    the previous one has been taken, so at most one batch waits ready (memory stays
    bounded by two batches: the one stored and the one prepared)."""
    ready: queue.Queue[tuple[_T | None, BaseException | None, bool]] = queue.Queue(maxsize=1)
    taken = threading.Semaphore(1)  # released each time the loading thread takes a batch

    def read() -> None:
        try:
            while True:
                taken.acquire()
                batch = next(batches, None)
                if batch is None:
                    break
                ready.put((batch, None, False))
        except BaseException as err:  # handed to the loading thread, which raises it
            ready.put((None, err, True))
            return
        ready.put((None, None, True))

    threading.Thread(target=read, name="records-reader", daemon=True).start()
    while True:
        batch, error, done = ready.get()
        taken.release()
        if error is not None:
            raise error
        if done:
            return
        assert batch is not None
        yield batch


def _add(report: LoadReport, batch: LoadReport) -> None:
    """Count a committed batch in the load's report."""
    report.new += batch.new
    report.unchanged += batch.unchanged
    report.failed.extend(batch.failed)
    report.summits += batch.summits
    report.merged += batch.merged
    report.statements += batch.statements


def _is_lost_connection(err: DBAPIError) -> bool:
    """The database went away, or PostgreSQL broke a deadlock: worth a retry, not a bad row."""
    return err.connection_invalidated or isinstance(err, OperationalError)


def _load_batch(engine: Engine, prepared: _Prepared, retry_seconds: float) -> LoadReport:
    """One batch in one transaction, retried while the database is unreachable; one the
    database refuses is stored again an article at a time."""
    records = prepared.records
    deadline = time.monotonic() + retry_seconds
    wait = RETRY_FIRST_WAIT_S
    while True:
        try:
            prepared.existed = _create_people(engine, prepared)
            with writer(engine).begin() as connection:
                return store_batch(connection=connection, records=records, prepared=prepared)
        except DBAPIError as err:
            if not _is_lost_connection(err):
                logger.warning("batch refused (%s): storing its articles one at a time", err.orig)
                return store_one_by_one(engine=engine, records=records)
            if time.monotonic() + wait > deadline:
                reason = f"database error: {err.__class__.__name__}: {err.orig}"
                return LoadReport(
                    failed=[RejectedArticle(r.source.source, reason) for r in records]
                )
            logger.warning("database unreachable, retrying a batch in %.2f s", wait)
        time.sleep(wait)
        wait = min(wait * 2, RETRY_MAX_WAIT_S)


def _create_people(engine: Engine, prepared: _Prepared) -> set[tuple[str, str]]:
    """Create the people a batch names in a transaction of their own, ahead of the
    batch's; the people stored before. People are reference data (the leaders table's),
    and inserting a new one in the batch's transaction made any concurrent loader that
    names them too wait for that whole batch to commit (#16)."""
    keys: set[tuple[str, str]] = set()
    speakers: set[str] = set()
    for record, problem in zip(prepared.records, prepared.problems, strict=True):
        if problem is None and record.doc is not None:
            for report in record.doc.summits:
                keys.update(_person_key(p.name, p.country) for p in report.participants)
                speakers.update(q.speaker or "unknown" for q in report.statements)
    with writer(engine).begin() as connection:
        return set(_Batch(connection).create_people(keys, speakers))


def store_one_by_one(*, engine: Engine, records: Sequence[ArticleRecord]) -> LoadReport:
    """The article path (``store.store_article``, one transaction each) for records: a
    refused batch's fallback, and the reference the batched path is measured against."""
    outcome = LoadReport()
    for record in records:
        try:
            _store_alone(engine, record, outcome)
        except SQLAlchemyError as err:
            reason = f"database error: {err.__class__.__name__}: {getattr(err, 'orig', err)}"
            outcome.failed.append(RejectedArticle(record.source.source, reason))
    return outcome


def _store_alone(engine: Engine, record: ArticleRecord, outcome: LoadReport) -> None:
    source = record.source
    with Session(engine) as session:
        if store.find_article_by_hash(session=session, sha256=source.sha256) is not None:
            outcome.unchanged += 1
            return
    problem = _problem(record)
    if problem is not None:
        outcome.failed.append(RejectedArticle(source.source, problem))
        return
    assert record.doc is not None
    try:
        with Session(writer(engine)) as session, session.begin():
            _article, summits, merged = store.store_article(
                session=session,
                source=source,
                doc=record.doc,
                extractor_version=record.extractor_version,
            )
    except IntegrityError:
        # another loader stored the same bytes meanwhile
        with Session(engine) as session:
            if store.find_article_by_hash(session=session, sha256=source.sha256) is None:
                raise
        outcome.unchanged += 1
        return
    outcome.new += 1
    outcome.summits += len(summits) - merged
    outcome.merged += merged
    outcome.statements += sum(len(r.statements) for r in record.doc.summits)
