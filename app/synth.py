"""Synthetic summits for benchmarks: a realistic database built through the real tables.

Leaders come from the leaders table and meet only while in office; each summit gets
1 to 8 participants (mostly two), issues, third countries, 3 to 6 statements and a
source article. The same seed gives the same database.
"""

import datetime as dt
import hashlib
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlmodel import SQLModel, col

from app.db import writer
from app.models import Article, IssueSlug, Person, Summit, utcnow
from app.nlp.places import City, lookup_city
from app.nlp.rules import LeaderTerm, load_rules
from app.store import refresh_read_model

FIRST_DAY = dt.date(1995, 1, 1)
DAYS = 30 * 365  # thirty years of summits
CHUNK = 10_000  # summits written per transaction: a few MB of rows held at once
PARTICIPANT_WEIGHTS = (0, 5, 70, 10, 5, 4, 3, 2, 1)  # index = participant count (1..8)
VERBS = ("said", "stressed", "noted", "told reporters", "added")
OPENINGS = (
    "We agreed to deepen our cooperation on",
    "Both sides reaffirmed their commitment to",
    "This meeting marks a new chapter for",
    "We discussed in depth the questions of",
    "Our countries will work together on",
    "I raised our serious concerns about",
)
# Each table's rows are tuples in this column order, written in this order (foreign keys
# first). A participant's or statement's person_id holds the person's name until written.
COLUMNS: dict[str, tuple[str, ...]] = {
    "summit": (
        "id",
        "date",
        "date_precision",
        "date_start",
        "date_end",
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
    ),
    "article": (
        "id",
        "source",
        "sha256",
        "title",
        "published_date",
        "status",
        "extractor_version",
        "text",
        "raw_text",
        "ingested_at",
    ),
    "summit_participant": ("summit_id", "person_id", "role", "country"),
    "summit_issue": ("summit_id", "issue_slug"),
    "summit_about": ("summit_id", "country"),
    "summit_source": ("summit_id", "article_id"),
    "statement": (
        "summit_id",
        "article_id",
        "person_id",
        "speaker",
        "text",
        "kind",
        "start",
        "end",
    ),
}
# where a table's person_id sits, holding a name until written
NAMED_PEOPLE = {
    table: COLUMNS[table].index("person_id") for table in ("summit_participant", "statement")
}
ISSUES = list(IssueSlug)
KINDS = ("bilateral", "bilateral", "bilateral", "trilateral")  # by participant count, 0..3


# What one synthetic run wrote.
@dataclass(frozen=True, slots=True)
class SynthReport:
    summits: int
    people: int
    statements: int


def _terms_by_year() -> dict[int, list[LeaderTerm]]:
    by_year: dict[int, list[LeaderTerm]] = defaultdict(list)
    for term in load_rules().leaders:
        if term.start is None:
            continue
        last = (term.end or dt.date(2026, 1, 1)).year
        for year in range(max(term.start.year, FIRST_DAY.year), last + 1):
            by_year[year].append(term)
    return by_year


def _phrase(rng: random.Random, labels: list[str]) -> str:
    topics = rng.sample(labels, k=2)
    return f"{rng.choice(OPENINGS)} {topics[0].lower()} and {topics[1].lower()}."


@cache
def _capital_city(country: str) -> City | None:
    """A host country's capital, where in-person summits meet (looked up once per country)."""
    capitals = {c.code: c.capital for c in load_rules().countries.values() if c.capital}
    capital = capitals.get(country)
    return lookup_city(capital, country) if capital else None


def generate(*, engine: Engine, summits: int, seed: int = 1) -> SynthReport:
    """Write ``summits`` synthetic summits (and their people, statements and articles).

    Rows go in batches (PostgreSQL COPY, one prepared statement per table on SQLite), so a
    million summits take minutes; the same seed still gives the same rows.
    """
    rng = random.Random(seed)
    rules = load_rules()
    by_year = _terms_by_year()
    labels = [label for label, _ in rules.issues.values()]
    codes = [c for c in rules.countries if len(c) == 2]
    people: dict[str, int] = {}
    pools: dict[dt.date, list[LeaderTerm]] = {}  # leaders in office on a day
    with writer(engine).begin() as connection:
        for person_id, name in connection.execute(select(col(Person.id), col(Person.name))):
            if person_id is not None:
                people[name] = person_id
        start_summit = connection.execute(
            select(col(Summit.id)).order_by(col(Summit.id).desc())
        ).scalar()
        start_article = connection.execute(
            select(col(Article.id)).order_by(col(Article.id).desc())
        ).scalar()
    next_summit, next_article = (start_summit or 0) + 1, (start_article or 0) + 1
    first_summit = next_summit
    statement_count = 0
    for chunk in _chunks(summits):
        rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in COLUMNS}
        new_people: list[dict[str, Any]] = []
        now = utcnow()
        for _ in range(chunk):
            day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
            pool = pools.get(day)
            if pool is None:
                pool = [t for t in by_year[day.year] if t.in_office(day)] or by_year[day.year]
                pools[day] = pool
            size = rng.choices(range(len(PARTICIPANT_WEIGHTS)), PARTICIPANT_WEIGHTS)[0]
            chosen = {t.name: t for t in rng.sample(pool, k=min(size, len(pool)))}
            terms = list(chosen.values())
            for term in terms:
                if term.name not in people:
                    people[term.name] = 0  # known from now on; its id comes when written
                    new_people.append(
                        {"name": term.name, "country": term.country, "aliases": list(term.aliases)}
                    )
            host = rng.choice(terms).country
            city = _capital_city(host)
            in_person = rng.random() < 0.8
            summit_id, article_id = next_summit, next_article
            next_summit += 1
            next_article += 1
            issues = rng.sample(ISSUES, k=rng.randint(1, 5))
            located = city if in_person else None
            meeting_format = "in_person" if in_person else rng.choice(("phone", "video"))
            duration = rng.choice((None, 30, 45, 60, 90, 120))
            context = rng.choice((None, None, None, "G20 summit", "UN General Assembly"))
            rows["summit"].append(
                (
                    summit_id,
                    day,
                    "day",
                    day,
                    day,
                    located.name if located else None,
                    host if in_person else None,
                    located.latitude if located else None,
                    located.longitude if located else None,
                    meeting_format,
                    duration,
                    context,
                    KINDS[len(chosen)] if len(chosen) <= 3 else "multilateral",
                    len(chosen),
                    [],
                    now,
                )
            )
            for term in terms:
                rows["summit_participant"].append((summit_id, term.name, term.role, term.country))
            rows["summit_issue"] += [(summit_id, i.value) for i in issues]
            rows["summit_about"] += [(summit_id, c) for c in rng.sample(codes, k=rng.randint(0, 3))]
            sentences = []
            for _ in range(rng.randint(3, 6)):
                speaker = rng.choice(terms).name
                text = _phrase(rng, labels)
                sentences.append(f'"{text}" {speaker} {rng.choice(VERBS)}.')
                rows["statement"].append(
                    (summit_id, article_id, speaker, speaker, text, "direct", 0, len(text))
                )
            body = " ".join(sentences)
            rows["article"].append(
                (
                    article_id,
                    f"synth-{seed}-{article_id}",
                    hashlib.sha256(f"{seed}:{article_id}".encode()).hexdigest(),
                    f"{' and '.join(chosen)} meet",
                    day + dt.timedelta(days=1),
                    "extracted",
                    "synth",
                    body,
                    body,
                    now,
                )
            )
            rows["summit_source"].append((summit_id, article_id))
        statement_count += len(rows["statement"])
        with writer(engine).begin() as connection:
            _write(connection, rows, new_people, people)
    with writer(engine).begin() as connection:
        _advance_sequences(connection)
        # the read model of every summit written, set-based, once every row is (#14)
        refresh_read_model(session=connection, summit_ids=range(first_summit, next_summit))
        connection.exec_driver_sql("ANALYZE")  # fresh tables need planner statistics
    if engine.dialect.name == "postgresql":
        # the visibility map lets counts and facets read their indexes alone (index-only
        # scans) from the first request, not once autovacuum comes by (#14)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM")
    return SynthReport(summits=summits, people=len(people), statements=statement_count)


def _chunks(total: int) -> Iterator[int]:
    while total > 0:
        yield min(CHUNK, total)
        total -= CHUNK


def _write(
    connection: Connection,
    rows: dict[str, list[tuple[Any, ...]]],
    new_people: list[dict[str, Any]],
    people: dict[str, int],
) -> None:
    """Insert one chunk, new people first so their ids replace their names."""
    if new_people:
        connection.execute(insert(Person), new_people)
        for person_id, name in connection.execute(select(col(Person.id), col(Person.name))):
            if person_id is not None:
                people[name] = person_id
    for table, at in NAMED_PEOPLE.items():
        rows[table] = [(*row[:at], people[row[at]], *row[at + 1 :]) for row in rows[table]]
    for table, table_rows in rows.items():
        if table_rows:
            _append(connection, table, table_rows)


def _append(connection: Connection, table: str, rows: list[tuple[Any, ...]]) -> None:
    """Append rows in bulk, through the table's constraints, indexes and triggers: COPY on
    PostgreSQL; on SQLite one prepared INSERT into an untyped temporary table, then one
    INSERT ... SELECT, because triggers (the full-text index's) cost 5x more run once per
    statement than once per row of a single statement. Values go through the columns' own
    bind processing (dates, JSON), so they are stored exactly as the ORM stores them."""
    dialect = connection.dialect
    names = COLUMNS[table]
    columns = [SQLModel.metadata.tables[table].c[name] for name in names]
    processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
    if any(processors):
        rows = [
            tuple(v if p is None else p(v) for p, v in zip(processors, row, strict=True))
            for row in rows
        ]
    quoted = ", ".join(dialect.identifier_preparer.quote(name) for name in names)
    if dialect.name == "postgresql":
        driver = connection.connection.driver_connection  # psycopg 3, in this transaction
        assert driver is not None
        with (
            driver.cursor() as cursor,
            cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    staged = f"temp.synth_{table}"
    marks = ", ".join("?" for _ in names)
    connection.exec_driver_sql(f"CREATE TEMP TABLE synth_{table} ({quoted})")  # no affinity
    connection.exec_driver_sql(f"INSERT INTO {staged} VALUES ({marks})", rows)
    connection.exec_driver_sql(
        f"INSERT INTO {table} ({quoted}) SELECT {quoted} FROM {staged} ORDER BY rowid"
    )
    connection.exec_driver_sql(f"DROP TABLE {staged}")


def _advance_sequences(connection: Connection) -> None:
    """Summits and articles were written with their ids: move PostgreSQL's id sequences
    past them, so the next stored article does not collide (SQLite takes max(id) + 1)."""
    if connection.dialect.name != "postgresql":
        return
    for table in ("summit", "article"):
        connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
        )


def article_texts(count: int, *, seed: int = 1) -> Iterator[tuple[str, str]]:
    """``count`` plain-text news articles, each reporting one meeting: (file name, text).

    Used to time and stress the loader on realistic input it must extract for real.
    """
    rng = random.Random(seed)
    rules = load_rules()
    by_year = _terms_by_year()
    labels = [label for label, _ in rules.issues.values()]
    demonym = {c.code: (c.demonyms or (c.name,))[0] for c in rules.countries.values()}
    capitals = {c.code: c.capital for c in rules.countries.values() if c.capital}
    for number in range(count):
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        pool = [
            t
            for t in by_year[day.year]
            if t.in_office(day) and t.country in demonym and len(t.country) == 2
        ]
        first, second = rng.sample(pool, k=2)
        city = capitals.get(first.country, "Geneva")
        published = day + dt.timedelta(days=1)
        quote = _phrase(rng, labels)
        text = (
            f"{first.name} and {second.name} hold talks in {city}\n"
            f"Published {published.strftime('%B %d, %Y')}\n"
            f"{demonym[first.country]} {first.role} {first.name} met {demonym[second.country]} "
            f"{second.role} {second.name} in {city} on {day.strftime('%A')}, and the two leaders "
            f"discussed {rng.choice(labels).lower()} and {rng.choice(labels).lower()}.\n"
            f'"{quote}" {first.name} told reporters after the meeting, which lasted '
            f"{rng.choice((30, 45, 60, 90))} minutes.\n"
            f"Article {number} of a synthetic batch (seed {seed}).\n"
        )
        yield f"synth-{seed}-{number:06d}.txt", text
