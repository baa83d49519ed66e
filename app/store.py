"""The write path: people from the NLP rules, articles, and summits merged across reports.

The loader owns each write's transaction; nothing here commits."""

import datetime as dt
import hashlib
from collections.abc import Collection, Sequence
from typing import Any, Protocol

from sqlalchemy import Connection, bindparam, func, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from app.dates import date_interval, date_text, parse_partial_date
from app.models import (
    Article,
    DatePrecision,
    Person,
    Statement,
    StatementKind,
    Summit,
    SummitAbout,
    SummitFormat,
    SummitIssue,
    SummitKind,
    SummitParticipant,
    SummitSource,
)
from app.nlp.doc import ArticleDoc, Quote, SummitRecord
from app.nlp.rules import load_rules
from app.search import refresh_documents
from app.sources import SourceArticle

# The read model's query (#14): each summit's participants (by name), issues, third
# countries and sources (in stored order) as JSON lists; migration 0007 backfills with
# the same query.
SUMMARY_LISTS = {
    "sqlite": "(SELECT json_group_array({json}) "
    "FROM (SELECT {value} AS x {tail} ORDER BY {order}))",
    "postgresql": "coalesce((SELECT json_agg({value} ORDER BY {order}) {tail}), '[]')",
}
SUMMARY_OBJECT = {"sqlite": "json_object", "postgresql": "json_build_object"}
# (value, FROM ... WHERE ..., ORDER BY) of each column of summit_summary
SUMMARY_PARTS = {
    "participants": (
        "{obj}('person_id', p.id, 'name', p.name, 'role', sp.role, 'country', sp.country)",
        "FROM summit_participant sp JOIN person p ON p.id = sp.person_id WHERE sp.summit_id = s.id",
        "p.name, p.id",
    ),
    "issues": ("issue_slug", "FROM summit_issue WHERE summit_id = s.id", "issue_slug"),
    "about": ("country", "FROM summit_about WHERE summit_id = s.id", "country"),
    "sources": (
        "{obj}('article_id', a.id, 'title', a.title, 'url', a.url, 'publisher', a.publisher, "
        "'published_date', a.published_date)",
        "FROM summit_source ss JOIN article a ON a.id = ss.article_id WHERE ss.summit_id = s.id",
        "a.id",
    ),
}
# The summit CSV's list cells, ready-made (#14): each list's values joined with '; ' in
# its order above, so the export writes rows as the cursor returns them. The aggregates
# skip NULLs: a source without a URL has no cell text. Migration 0011 backfills them.
SUMMARY_CELL = {
    "sqlite": "coalesce((SELECT group_concat(x, '; ') "
    "FROM (SELECT {value} AS x {tail} ORDER BY {order})), '')",
    "postgresql": "coalesce((SELECT string_agg({value}, '; ' ORDER BY {order}) {tail}), '')",
}
# (value, FROM ... WHERE ..., ORDER BY) of each cell column: the tails and orders of its list
SUMMARY_CELLS = {
    "csv_participants": ("p.name", *SUMMARY_PARTS["participants"][1:]),
    "csv_participant_countries": ("sp.country", *SUMMARY_PARTS["participants"][1:]),
    "csv_participant_ids": ("CAST(p.id AS TEXT)", *SUMMARY_PARTS["participants"][1:]),
    "csv_issues": ("issue_slug", *SUMMARY_PARTS["issues"][1:]),
    "csv_about": ("country", *SUMMARY_PARTS["about"][1:]),
    "csv_source_urls": ("a.url", *SUMMARY_PARTS["sources"][1:]),
}
SUMMARY_IN_CHUNK = 500  # ids per IN list: well under SQLite's bound-parameter limit


def summary_select(dialect: str) -> str:
    """SELECT (summit_id, participants, issues, about, sources, the CSV cells) FROM summit
    s, to which a WHERE on ``s.id`` is appended."""
    if dialect == "postgresql":
        return _lateral_summary_select()
    return correlated_summary_select(dialect)


def correlated_summary_select(dialect: str) -> str:
    """``summary_select`` as one correlated subquery per column: SQLite's form (it has no
    LATERAL), and the reference PostgreSQL's form is tested against."""
    columns = []
    for value, tail, order in SUMMARY_PARTS.values():
        obj = value.format(obj=SUMMARY_OBJECT[dialect])
        # SQLite: a JSON object loses its JSON type through the ordered subquery
        json = "json(x)" if "{obj}" in value else "x"
        columns.append(SUMMARY_LISTS[dialect].format(json=json, value=obj, tail=tail, order=order))
    for value, tail, order in SUMMARY_CELLS.values():
        columns.append(SUMMARY_CELL[dialect].format(value=value, tail=tail, order=order))
    return f"SELECT s.id, {', '.join(columns)} FROM summit s"


def _lateral_summary_select() -> str:
    """PostgreSQL's form of ``summary_select``: the lists and cells that read the same
    rows (a summit's participants, issues, third countries, sources) are aggregated in one
    LATERAL subquery each, so each summit's links are read four times instead of ten (#16);
    the values are those of the correlated subqueries, aggregate for aggregate."""
    tails: dict[str, list[str]] = {}  # FROM ... WHERE ... -> its aggregates
    columns: list[str] = []
    for value, tail, order in SUMMARY_PARTS.values():
        obj = value.format(obj=SUMMARY_OBJECT["postgresql"])
        columns.append(_lateral_column(tails, tail, f"json_agg({obj} ORDER BY {order})", "'[]'"))
    for value, tail, order in SUMMARY_CELLS.values():
        aggregate = f"string_agg({value}, '; ' ORDER BY {order})"
        columns.append(_lateral_column(tails, tail, aggregate, "''"))
    joins = " ".join(
        f"CROSS JOIN LATERAL (SELECT {', '.join(aggregates)} {tail}) l{n}"
        for n, (tail, aggregates) in enumerate(tails.items())
    )
    return f"SELECT s.id, {', '.join(columns)} FROM summit s {joins}"


def _lateral_column(tails: dict[str, list[str]], tail: str, aggregate: str, empty: str) -> str:
    """Add ``aggregate`` to ``tail``'s subquery; the column that reads it (``empty``: the
    value of a summit without such rows, as the correlated form's coalesce)."""
    aggregates = tails.setdefault(tail, [])
    number, index = list(tails).index(tail), len(aggregates)
    aggregates.append(f"{aggregate} AS a{index}")
    return f"coalesce(l{number}.a{index}, {empty})"


def refresh_summary(*, session: Session | Connection, summit_ids: Collection[int]) -> None:
    """Rebuild these summits' read model from their link tables, in the caller's
    transaction: every write of participants, issues, third countries or sources calls
    it (#14). A ``range`` is refreshed with one BETWEEN, anything else in IN chunks."""
    bind = session.get_bind() if isinstance(session, Session) else session
    columns = ", ".join(("summit_id", *SUMMARY_PARTS, *SUMMARY_CELLS))
    insert = f"INSERT INTO summit_summary ({columns}) {summary_select(bind.dialect.name)}"
    chunks: list[dict[str, object]]
    if isinstance(summit_ids, range) and summit_ids.step == 1:
        where = "BETWEEN :first AND :last"
        chunks = [{"first": summit_ids.start, "last": summit_ids.stop - 1}] if summit_ids else []
        statements = [
            text(f"DELETE FROM summit_summary WHERE summit_id {where}"),
            text(f"{insert} WHERE s.id {where}"),
        ]
    else:
        ids = sorted(set(summit_ids))
        chunks = [
            {"ids": ids[i : i + SUMMARY_IN_CHUNK]} for i in range(0, len(ids), SUMMARY_IN_CHUNK)
        ]
        statements = [
            text(sql).bindparams(bindparam("ids", expanding=True))
            for sql in (
                "DELETE FROM summit_summary WHERE summit_id IN :ids",
                f"{insert} WHERE s.id IN :ids",
            )
        ]
    for chunk in chunks:
        for statement in statements:
            session.execute(statement, chunk)


def refresh_read_model(*, session: Session | Connection, summit_ids: Collection[int]) -> None:
    """Rebuild what is kept per summit for reading, its summary and its search document
    (#14), in the caller's transaction: every write path calls this once for the summits
    it created or changed. A ``range`` goes in one statement each, anything else in chunks."""
    refresh_summary(session=session, summit_ids=summit_ids)
    if isinstance(summit_ids, range) and summit_ids.step == 1:
        if summit_ids:
            chosen = col(Summit.id).between(summit_ids.start, summit_ids.stop - 1)
            refresh_documents(session, summits=chosen)
        return
    ids = sorted(set(summit_ids))
    for start in range(0, len(ids), SUMMARY_IN_CHUNK):
        chunk = ids[start : start + SUMMARY_IN_CHUNK]
        refresh_documents(session, summits=col(Summit.id).in_(chunk))


def dates_agree(a: str | None, b: str | None) -> bool:
    """Two date texts that can mean the same day: one is a prefix of the other."""
    if not a or not b:
        return False
    return a.startswith(b) or b.startswith(a)


# ------------------------------------------------------------------ people
def get_or_create_person(*, session: Session, name: str, country: str | None) -> Person:
    """The person of that name and country, created from the leaders table if new.

    An upsert, so two loaders creating the same new leader at once both get the one
    row instead of a duplicate-key failure (#13).
    """
    code = country or "ZZ"
    person = session.exec(select(Person).where(Person.name == name, Person.country == code)).first()
    if person:
        return person
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(Person)
        .values(**person_values(name=name, country=code))
        .on_conflict_do_nothing(index_elements=["name", "country"])
    )
    return session.exec(select(Person).where(Person.name == name, Person.country == code)).one()


def person_values(*, name: str, country: str) -> dict[str, Any]:
    """A new person's columns: aliases and Wikidata id from the leaders table."""
    terms = load_rules().terms_of(name)
    aliases = sorted({a for t in terms for a in (*t.aliases, *t.short_names)})
    wikidata = next((t.wikidata_id for t in terms if t.wikidata_id), None)
    return {"name": name, "country": country, "aliases": aliases, "wikidata_id": wikidata}


def lock_participants(*, session: Session, records: Sequence[SummitRecord]) -> None:
    """Serialise finding and storing a summit per participant set on PostgreSQL, so two
    loaders reporting the same meeting store it once (#13); SQLite has one writer.

    People are created first and the locks taken after, each in one global order, so
    concurrent loaders wait on each other but never in a cycle (no deadlock).
    """
    for name, country in sorted(
        {(p.name, p.country or "ZZ") for r in records for p in r.participants}
    ):
        get_or_create_person(session=session, name=name, country=country)
    if session.get_bind().dialect.name != "postgresql":
        return
    for key in sorted({participant_key(record) for record in records if record.participants}):
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def participant_key(record: SummitRecord) -> int:
    """A signed 64-bit advisory-lock key for the set of a record's participants."""
    names = sorted({f"{p.name}\x1f{p.country or 'ZZ'}" for p in record.participants})
    digest = hashlib.blake2b("\x1e".join(names).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _find_person(*, session: Session, name: str) -> Person | None:
    # by country when a name has several: the same choice on every database and load path
    query = select(Person).where(Person.name == name).order_by(col(Person.country))
    return session.exec(query).first()


# ------------------------------------------------------------------ writes
def find_article_by_hash(*, session: Session, sha256: str) -> Article | None:
    """The article stored for these exact bytes, if any."""
    return session.exec(select(Article).where(Article.sha256 == sha256)).first()


def store_article(
    *, session: Session, source: SourceArticle, doc: ArticleDoc, extractor_version: str
) -> tuple[Article, list[Summit], int]:
    """Write one extracted article and its summits; the caller owns the transaction.

    Returns the article, its summits, and how many of them were merged into a summit
    already stored (another report of the same meeting) rather than created.
    """
    meta = doc.meta
    article = Article(
        source=source.name,
        url=source.url or doc.url,
        sha256=source.sha256,
        title=meta.title,
        publisher=meta.publisher,
        published_date=meta.published,
        dateline=meta.dateline,
        text=doc.text,
        raw_text=source.text,
        extractor_version=extractor_version,
    )
    session.add(article)
    session.flush()
    lock_participants(session=session, records=doc.summits)
    stored = [
        store_summit(session=session, article=article, record=record) for record in doc.summits
    ]
    return article, [summit for summit, _ in stored], sum(merged for _, merged in stored)


def summit_kind(count: int) -> SummitKind:
    """Bilateral, trilateral or multilateral by how many leaders met."""
    if count <= 2:
        return SummitKind.bilateral
    return SummitKind.trilateral if count == 3 else SummitKind.multilateral


def _matching_summit(*, session: Session, person_ids: set[int], date: str | None) -> Summit | None:
    """A stored summit with the same participants on an agreeing date (another source);
    the oldest when several agree, so every load path picks the same one."""
    if not person_ids or not date:
        return None
    candidates = session.exec(
        select(SummitParticipant.summit_id)
        .where(col(SummitParticipant.person_id).in_(person_ids))
        .group_by(col(SummitParticipant.summit_id))
        .having(func.count() == len(person_ids))
        .order_by(col(SummitParticipant.summit_id))
    ).all()
    for summit_id in candidates:
        summit = session.get(Summit, summit_id)
        if summit is None:
            continue
        others = session.exec(
            select(func.count()).where(SummitParticipant.summit_id == summit_id)
        ).one()
        if others == len(person_ids) and dates_agree(
            date_text(summit.date, summit.date_precision), date
        ):
            return summit
    return None


def store_summit(
    *, session: Session, article: Article, record: SummitRecord
) -> tuple[Summit, bool]:
    """Store a summit, or attach this article as a new source of the same meeting; True
    when it was merged into a stored summit."""
    people = [
        (get_or_create_person(session=session, name=p.name, country=p.country), p)
        for p in record.participants
    ]
    person_ids = {person.id for person, _ in people if person.id is not None}
    summit = _matching_summit(session=session, person_ids=person_ids, date=record.date)
    merged = summit is not None
    assert article.id is not None
    if summit is None:
        summit = Summit(
            **new_summit(record=record, article_id=article.id, participants=len(people))
        )
        session.add(summit)
        session.flush()
        for person, participant in people:
            session.add(
                SummitParticipant(
                    summit_id=summit.id,  # type: ignore[arg-type]
                    person_id=person.id,  # type: ignore[arg-type]
                    role=participant.role,
                    country=participant.country or person.country,
                )
            )
    else:
        merge_into(summit=summit, record=record, article_id=article.id)
    assert summit.id is not None
    existing_issues = set(
        session.exec(select(SummitIssue.issue_slug).where(SummitIssue.summit_id == summit.id))
    )
    for slug in sorted(set(record.issues) - existing_issues):
        session.add(SummitIssue(summit_id=summit.id, issue_slug=slug))
    existing_about = set(
        session.exec(select(SummitAbout.country).where(SummitAbout.summit_id == summit.id))
    )
    for code in sorted(set(record.about) - existing_about):
        session.add(SummitAbout(summit_id=summit.id, country=code))
    session.add(SummitSource(summit_id=summit.id, article_id=article.id))
    for quote in record.statements:
        _store_statement(session=session, summit=summit, article=article, quote=quote)
    session.flush()
    refresh_read_model(session=session, summit_ids=[summit.id])
    return summit, merged


def new_summit(*, record: SummitRecord, article_id: int, participants: int) -> dict[str, Any]:
    """The columns of the summit a report of a meeting not stored yet makes."""
    date, precision = parse_partial_date(record.date)
    start, end = date_interval(date, precision)
    return {
        "date": date,
        "date_precision": precision,
        "date_start": start,
        "date_end": end,
        "place": record.place,
        "city": record.city,
        "country": record.country,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "format": SummitFormat(record.format),
        "duration_minutes": record.duration_minutes,
        "context": record.context,
        "kind": summit_kind(participants),
        "participant_count": participants,
        "evidence": [{**e, "article_id": article_id} for e in record.evidence],
    }


# What merging another report reads and fills: a stored Summit, or a bulk load's row.
class MergeTarget(Protocol):
    date: dt.date | None
    date_precision: DatePrecision
    date_start: dt.date | None
    date_end: dt.date | None
    evidence: list[dict[str, Any]]


# What another report of a stored summit fills in when the stored summit lacks it.
FILLED_FIELDS = (
    "place",
    "city",
    "country",
    "latitude",
    "longitude",
    "duration_minutes",
    "context",
)


def merge_into(*, summit: MergeTarget, record: SummitRecord, article_id: int) -> None:
    """Fill what the stored summit lacks from another report of it."""
    date, precision = parse_partial_date(record.date)
    order = list(DatePrecision)
    if date and order.index(precision) < order.index(DatePrecision(summit.date_precision)):
        summit.date, summit.date_precision = date, precision
        summit.date_start, summit.date_end = date_interval(date, precision)
    for field in FILLED_FIELDS:
        if getattr(summit, field) is None and getattr(record, field) is not None:
            setattr(summit, field, getattr(record, field))
    summit.evidence = [
        *summit.evidence,
        *({**e, "article_id": article_id} for e in record.evidence),
    ]


def _store_statement(*, session: Session, summit: Summit, article: Article, quote: Quote) -> None:
    speaker = quote.speaker or "unknown"
    person = _find_person(session=session, name=speaker)
    session.add(
        Statement(
            summit_id=summit.id,  # type: ignore[arg-type]
            article_id=article.id,  # type: ignore[arg-type]
            person_id=person.id if person else None,
            speaker=speaker,
            text=quote.text,
            kind=StatementKind(quote.kind),
            start=quote.start,
            end=quote.end,
        )
    )
