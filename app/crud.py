"""Queries and writes. Reads never commit; the loader owns each write's transaction."""

import base64
import binascii
import calendar
import datetime as dt
import functools
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    and_,
    case,
    cast,
    func,
    literal_column,
    or_,
    text,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from app import search
from app.errors import InvalidCursor, InvalidSort
from app.models import (
    Article,
    ArticlePublic,
    DatePrecision,
    FacetName,
    FacetValue,
    Interval,
    Issue,
    Person,
    SourcePublic,
    Statement,
    StatementKind,
    StatementPublic,
    Summit,
    SummitAbout,
    SummitBase,
    SummitDetail,
    SummitFormat,
    SummitIssue,
    SummitKind,
    SummitParticipant,
    SummitPublic,
    SummitSort,
    SummitSource,
)
from app.nlp.doc import ArticleDoc, Quote, SummitRecord
from app.nlp.rules import fold, load_rules
from app.sources import SourceArticle

# ------------------------------------------------------------------ dates
PERIOD = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?", re.ASCII)  # what date_from/date_to take
MAX_SPAN_DAYS = 365  # the longest interval a date denotes (a year): bounds the filter scan


def parse_partial_date(value: str | None) -> tuple[dt.date | None, DatePrecision]:
    """'2022' -> (2022-01-01, year); '2023-11' -> (2023-11-01, month); full -> day."""
    if not value:
        return None, DatePrecision.unknown
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 1, 1), DatePrecision.year
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1), DatePrecision.month
        return dt.date.fromisoformat(value), DatePrecision.day
    except ValueError:
        return None, DatePrecision.unknown


def date_interval(
    date: dt.date | None, precision: DatePrecision | str
) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a partial date can mean: 2022-11 is 2022-11-01..2022-11-30 (#12)."""
    precision = DatePrecision(precision)
    if date is None or precision is DatePrecision.unknown:
        return None, None
    if precision is DatePrecision.year:
        return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    if precision is DatePrecision.month:
        days = calendar.monthrange(date.year, date.month)[1]
        return date.replace(day=1), date.replace(day=days)
    return date, date


def period_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None for
    anything else (2024-02-30 included)."""
    if not PERIOD.fullmatch(value):
        return None
    start, end = date_interval(*parse_partial_date(value))
    return (start, end) if start and end else None


def parse_period(value: str) -> tuple[dt.date, dt.date]:
    """``period_bounds`` of a value known to be a period; ValueError otherwise."""
    bounds = period_bounds(value)
    if bounds is None:
        raise ValueError(f"{value!r} is not a date: send YYYY, YYYY-MM or YYYY-MM-DD")
    return bounds


def date_text(date: dt.date | None, precision: DatePrecision | str) -> str | None:
    """The date as the guidelines write it: YYYY, YYYY-MM or YYYY-MM-DD."""
    if date is None:
        return None
    precision = DatePrecision(precision)
    if precision is DatePrecision.year:
        return f"{date.year:04d}"
    if precision is DatePrecision.month:
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def _dates_agree(a: str | None, b: str | None) -> bool:
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
    rules = load_rules()
    terms = rules.terms_of(name)
    aliases = sorted({a for t in terms for a in (*t.aliases, *t.short_names)})
    wikidata = next((t.wikidata_id for t in terms if t.wikidata_id), None)
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(Person)
        .values(name=name, country=code, aliases=aliases, wikidata_id=wikidata)
        .on_conflict_do_nothing(index_elements=["name", "country"])
    )
    return session.exec(select(Person).where(Person.name == name, Person.country == code)).one()


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
    for key in sorted({_participant_key(record) for record in records if record.participants}):
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _participant_key(record: SummitRecord) -> int:
    """A signed 64-bit advisory-lock key for the set of a record's participants."""
    names = sorted({f"{p.name}\x1f{p.country or 'ZZ'}" for p in record.participants})
    digest = hashlib.blake2b("\x1e".join(names).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _find_person(*, session: Session, name: str) -> Person | None:
    return session.exec(select(Person).where(Person.name == name)).first()


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


def _kind(count: int) -> SummitKind:
    if count <= 2:
        return SummitKind.bilateral
    return SummitKind.trilateral if count == 3 else SummitKind.multilateral


def _matching_summit(*, session: Session, person_ids: set[int], date: str | None) -> Summit | None:
    """A stored summit with the same participants on an agreeing date (another source)."""
    if not person_ids or not date:
        return None
    candidates = session.exec(
        select(SummitParticipant.summit_id)
        .where(col(SummitParticipant.person_id).in_(person_ids))
        .group_by(col(SummitParticipant.summit_id))
        .having(func.count() == len(person_ids))
    ).all()
    for summit_id in candidates:
        summit = session.get(Summit, summit_id)
        if summit is None:
            continue
        others = session.exec(
            select(func.count()).where(SummitParticipant.summit_id == summit_id)
        ).one()
        if others == len(person_ids) and _dates_agree(
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
    date, precision = parse_partial_date(record.date)
    if summit is None:
        start, end = date_interval(date, precision)
        summit = Summit(
            date=date,
            date_precision=precision,
            date_start=start,
            date_end=end,
            place=record.place,
            city=record.city,
            country=record.country,
            latitude=record.latitude,
            longitude=record.longitude,
            format=SummitFormat(record.format),
            duration_minutes=record.duration_minutes,
            context=record.context,
            kind=_kind(len(people)),
            participant_count=len(people),
            evidence=[{**e, "article_id": article.id} for e in record.evidence],
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
        _merge_into(summit, record, date, precision, article)
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
    session.add(SummitSource(summit_id=summit.id, article_id=article.id))  # type: ignore[arg-type]
    for quote in record.statements:
        _store_statement(session=session, summit=summit, article=article, quote=quote)
    session.flush()
    return summit, merged


def _merge_into(
    summit: Summit,
    record: SummitRecord,
    date: dt.date | None,
    precision: DatePrecision,
    article: Article,
) -> None:
    """Fill what the stored summit lacks from another report of it."""
    order = list(DatePrecision)
    if date and order.index(precision) < order.index(DatePrecision(summit.date_precision)):
        summit.date, summit.date_precision = date, precision
        summit.date_start, summit.date_end = date_interval(date, precision)
    for field in (
        "place",
        "city",
        "country",
        "latitude",
        "longitude",
        "duration_minutes",
        "context",
    ):
        if getattr(summit, field) is None and getattr(record, field) is not None:
            setattr(summit, field, getattr(record, field))
    summit.evidence = [
        *summit.evidence,
        *({**e, "article_id": article.id} for e in record.evidence),
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


# ------------------------------------------------------------------ reads
def match_people(*, session: Session, query: str) -> set[int]:
    """Ids of people whose name, an alias or a word of their name matches, ignoring case
    and accents."""
    wanted = fold(query.strip())
    index = _people_index(str(session.get_bind().engine.url), _people_version(session), session)
    ids = set(index.get(wanted, ()))
    if " " in wanted:  # a longer part of a name: "Kim Jong"
        ids |= {i for name, owners in index.items() if wanted in name for i in owners}
    return ids


def _people_version(session: Session) -> tuple[int | None, int]:
    return session.exec(select(func.max(Person.id), func.count()).select_from(Person)).one()


_PEOPLE_INDEXES: dict[tuple[str, tuple[int | None, int]], dict[str, set[int]]] = {}


def _people_index(
    url: str, version: tuple[int | None, int], session: Session
) -> dict[str, set[int]]:
    """Folded names, aliases and name words -> person ids, rebuilt when people change."""
    key = (url, version)
    if key not in _PEOPLE_INDEXES:
        index: dict[str, set[int]] = defaultdict(set)
        for person_id, name, aliases in session.exec(
            select(Person.id, Person.name, Person.aliases)
        ):
            if person_id is None:
                continue
            for form in (name, *(aliases or []), *fold(name).split()):
                index[fold(form)].add(person_id)
        _PEOPLE_INDEXES.clear()  # one database per process in practice
        _PEOPLE_INDEXES[key] = dict(index)
    return _PEOPLE_INDEXES[key]


def _country_codes(query: str) -> set[str]:
    """ISO codes a location word can mean ('Japan', 'JP', 'japanese')."""
    rules = load_rules()
    if len(query) == 2 and query.isalpha():
        return {query.upper()}
    return set(rules.country_index.get(fold(query.strip()), ()))


def summit_filters(
    *,
    session: Session,
    participant: Sequence[str] = (),
    country: Sequence[str] = (),
    location: str | None = None,
    issue: Sequence[str] = (),
    about: Sequence[str] = (),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    format: SummitFormat | None = None,
    kind: Sequence[SummitKind] = (),
    q: str | None = None,
) -> list[ColumnElement[bool]]:
    """SQL conditions on Summit for the list filters."""
    conditions: list[ColumnElement[bool]] = []
    # repeated values are deduplicated (#13): the API caps how many a parameter takes
    for name in dict.fromkeys(participant):
        ids = match_people(session=session, query=name)
        conditions.append(
            col(Summit.id).in_(
                select(SummitParticipant.summit_id).where(
                    col(SummitParticipant.person_id).in_(ids or {-1})
                )
            )
        )
    codes = {code.upper() for code in country}
    if codes:
        conditions.append(_having_every(col(SummitParticipant.country), codes))
    if location:
        codes = _country_codes(location)
        city = func.lower(col(Summit.city)) == location.strip().lower()
        place = func.lower(col(Summit.place)) == location.strip().lower()
        conditions.append(
            or_(city, place, col(Summit.country).in_(codes)) if codes else or_(city, place)
        )
    if issue:
        conditions.append(
            col(Summit.id).in_(
                select(SummitIssue.summit_id).where(col(SummitIssue.issue_slug).in_(list(issue)))
            )
        )
    third = {code.upper() for code in about}
    if third:
        conditions.append(_having_every(col(SummitAbout.country), third))
    # a summit matches when its interval overlaps [date_from, date_to] (#12); the
    # conditions after the first of each are implied by it (no interval is longer than
    # a year) and bound the scans of the interval index and of the date sort indexes
    if date_from:
        conditions.append(col(Summit.date_end) >= date_from)
        floor = dt.date.fromordinal(max(date_from.toordinal() - MAX_SPAN_DAYS, 1))
        conditions.append(col(Summit.date_start) >= floor)
        conditions.append(SORT_DATE_ASC[0] >= floor)
    if date_to:
        conditions.append(col(Summit.date_start) <= date_to)
        conditions.append(SORT_DATE[0] <= date_to)
    if format:
        conditions.append(col(Summit.format) == format.value)
    if kind:
        conditions.append(col(Summit.kind).in_([k.value for k in kind]))
    if q:
        conditions.append(search.summit_condition(session, search.parse(q)))
    return conditions


def _having_every(column: Any, values: set[str]) -> ColumnElement[bool]:
    """Summits linked to every one of ``values`` through ``column``'s table: one IN and
    one grouped subquery however many values, so planning stays cheap (#13)."""
    summit_id = column.table.c.summit_id
    return col(Summit.id).in_(
        select(summit_id)
        .where(column.in_(sorted(values)))
        .group_by(summit_id)
        .having(func.count(func.distinct(column)) == len(values))
    )


# Sort keys, written as literals so they match the expression indexes of migrations 0003,
# 0004 and 0006. Unknown values go last in both directions (#12): the descending keys fold
# them to the low end, the ascending keys to the high end. Dates sort by their interval's
# start, then its end, so 2022-11-01 comes before 2022-11 and 2022-11 before 2022-11-02.
SORT_DATE = (
    func.coalesce(col(Summit.date_start), literal_column("'0001-01-01'")),
    func.coalesce(col(Summit.date_end), literal_column("'0001-01-01'")),
)
SORT_DATE_ASC = (
    func.coalesce(col(Summit.date_start), literal_column("'9999-12-31'")),
    func.coalesce(col(Summit.date_end), literal_column("'9999-12-31'")),
)
SORT_DURATION = func.coalesce(col(Summit.duration_minutes), literal_column("-1"))
SORT_DURATION_ASC = func.coalesce(col(Summit.duration_minutes), literal_column("2147483647"))
MIN_DATE = dt.date(1, 1, 1)  # undated summits, sorting newest first
MAX_DATE = dt.date(9999, 12, 31)  # undated summits, sorting oldest first
MAX_DURATION = 2**31 - 1  # summits of unknown length, sorting shortest first
MAX_ID = 2**31 - 1  # PostgreSQL INTEGER: ids, counts and offsets in a cursor stay below
MAX_CURSOR_CHARS = 200  # ours are under 60; longer is forged


def _sort_keys(sort: SummitSort) -> tuple[Any, ...]:
    """The columns a sort orders by before id (unknowns folded to the end it reads last)."""
    return {
        SummitSort.date: SORT_DATE_ASC,
        SummitSort.date_desc: SORT_DATE,
        SummitSort.duration: (SORT_DURATION_ASC,),
        SummitSort.duration_desc: (SORT_DURATION,),
    }.get(sort, (col(Summit.participant_count),))


def _sort_value(sort: SummitSort, summit: Summit) -> Any:
    """A summit's value of ``_sort_keys(sort)`` (a (start, end) pair for dates), for the
    cursor after it."""
    if sort in (SummitSort.date, SummitSort.date_desc):
        fallback = MAX_DATE if sort is SummitSort.date else MIN_DATE
        return (summit.date_start or fallback, summit.date_end or fallback)
    if sort in (SummitSort.duration, SummitSort.duration_desc):
        if summit.duration_minutes is not None:
            return summit.duration_minutes
        return MAX_DURATION if sort is SummitSort.duration else -1
    return summit.participant_count


def _after(keys: Sequence[Any], values: Sequence[Any], descending: bool) -> ColumnElement[bool]:
    """Rows after ``values`` (the last id included) in the lexicographic order of ``keys``
    and id; the leading bound alone lets the planner start the index scan there."""
    *leading, last_id = values
    if descending:
        condition = col(Summit.id) < last_id
        for key, value in zip(reversed(keys), reversed(leading), strict=True):
            condition = or_(key < value, and_(key == value, condition))
        return and_(keys[0] <= leading[0], condition)
    condition = col(Summit.id) > last_id
    for key, value in zip(reversed(keys), reversed(leading), strict=True):
        condition = or_(key > value, and_(key == value, condition))
    return and_(keys[0] >= leading[0], condition)


def encode_cursor(sort: SummitSort, key: Any, summit_id: int) -> str:
    """An opaque cursor: the sort and the last row's key and id (a date interval as
    ``start/end``)."""
    if isinstance(key, tuple):
        key = "/".join(day.isoformat() for day in key)
    raw = json.dumps([sort.value, key, summit_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: SummitSort) -> tuple[Any, int]:
    """The (key, id) a cursor resumes after; InvalidCursor if it is not ours.

    Every field is checked for type and range, so a forged cursor is a 422 on both
    databases rather than an overflow or a type error inside the query (#13).
    """
    invalid = InvalidCursor("cursor is not valid for this sort")
    if len(cursor) > MAX_CURSOR_CHARS:
        raise invalid
    try:
        fields = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, RecursionError) as err:
        raise invalid from err
    if not isinstance(fields, list) or len(fields) != 3:
        raise invalid
    name, key, summit_id = fields
    if name != sort.value or not _is_int_between(summit_id, 0, MAX_ID):
        raise invalid
    if sort in (SummitSort.date, SummitSort.date_desc):
        if not isinstance(key, str) or not 1 <= len(key.split("/")) <= 2:
            raise invalid
        try:
            days = [dt.date.fromisoformat(day) for day in key.split("/")]
        except ValueError as err:
            raise invalid from err
        return (days[0], days[-1]), summit_id  # a bare day: a cursor from before 0006
    lowest = (
        0
        if sort in (SummitSort.relevance, SummitSort.participants, SummitSort.participants_desc)
        else -1
    )
    if not _is_int_between(key, lowest, MAX_ID):
        raise invalid
    return key, summit_id


def _is_int_between(value: object, low: int, high: int) -> bool:
    """An integer (not a bool) within [low, high]: what an INTEGER column can compare."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def list_summits(
    *,
    session: Session,
    conditions: list[ColumnElement[bool]],
    limit: int,
    offset: int = 0,
    sort: SummitSort = SummitSort.date_desc,
    cursor: str | None = None,
    q: str | None = None,
    count: bool = True,
    plain: bool = False,
) -> tuple[list[Summit], int | None, str | None]:
    """A page of summits in ``sort`` order (id breaks ties), the total, and the next cursor.

    A cursor pages by keyset (sort key, id), so walking a million rows stays O(n).
    ``plain`` returns table rows instead of ORM objects, for exports.
    """
    query = (
        select(*Summit.__table__.columns) if plain else select(Summit)  # type: ignore[attr-defined]
    ).where(*conditions)
    total = (
        session.exec(select(func.count()).select_from(Summit).where(*conditions)).one()
        if count
        else None
    )
    if sort is SummitSort.relevance:
        if not q:
            raise InvalidSort("sort=relevance needs q")
        scores = search.summit_scores(session, search.parse(q)).subquery()
        query = query.join(scores, scores.c.summit_id == col(Summit.id)).order_by(
            scores.c.score.desc(), col(Summit.id).desc()
        )
        if cursor:  # a relevance cursor carries the offset: scores are not stable keys
            offset, _ = decode_cursor(cursor, sort)
        rows = list(session.exec(query.offset(offset).limit(limit + 1)))
        following = encode_cursor(sort, offset + limit, 0) if len(rows) > limit else None
        return rows[:limit], total, following
    keys = _sort_keys(sort)
    descending = sort.value.startswith("-")
    if cursor:
        last_key, last_id = decode_cursor(cursor, sort)
        resume = last_key if isinstance(last_key, tuple) else (last_key,)
        query = query.where(_after(keys, (*resume, last_id), descending))
        offset = 0
    order = (
        (*(key.desc() for key in keys), col(Summit.id).desc())
        if descending
        else (*keys, col(Summit.id))
    )
    rows = list(session.exec(query.order_by(*order).offset(offset).limit(limit + 1)))
    summits = rows[:limit]
    next_cursor = None
    if len(rows) > limit:
        last = summits[-1]
        next_cursor = encode_cursor(sort, _sort_value(sort, last), last.id)  # type: ignore[arg-type]
    return summits, total, next_cursor


def summits_public(*, session: Session, summits: Sequence[Summit]) -> list[SummitPublic]:
    """Summits with participants, issues and about, in three queries for the page."""
    return [
        SummitPublic.model_validate(row) for row in plain_summits(session=session, summits=summits)
    ]


def plain_summits(*, session: Session, summits: Sequence[Summit]) -> list[dict[str, Any]]:
    """Summits as JSON-ready dicts (the shape of SummitPublic) without building models:
    exports stream tens of thousands of them."""
    ids = [s.id for s in summits]
    participants: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for summit_id, person_id, name, role, country in session.exec(
        select(  # type: ignore[call-overload]  # typed up to 4 columns
            SummitParticipant.summit_id,
            Person.id,
            Person.name,
            SummitParticipant.role,
            SummitParticipant.country,
        )
        .join(Person, col(Person.id) == col(SummitParticipant.person_id))
        .where(col(SummitParticipant.summit_id).in_(ids))
        .order_by(col(Person.name))
    ):
        participants[summit_id].append(
            {"person_id": person_id, "name": name, "role": role, "country": country}
        )
    issues: dict[int, list[str]] = defaultdict(list)
    for summit_id, slug in session.exec(
        select(SummitIssue.summit_id, SummitIssue.issue_slug)
        .where(col(SummitIssue.summit_id).in_(ids))
        .order_by(col(SummitIssue.issue_slug))
    ):
        issues[summit_id].append(slug)
    about: dict[int, list[str]] = defaultdict(list)
    for summit_id, code in session.exec(
        select(SummitAbout.summit_id, SummitAbout.country)
        .where(col(SummitAbout.summit_id).in_(ids))
        .order_by(col(SummitAbout.country))
    ):
        about[summit_id].append(code)
    rows = []
    for summit in summits:
        row: dict[str, Any] = {name: getattr(summit, name) for name in SummitBase.model_fields}
        for name in ("date", "date_start", "date_end"):
            row[name] = row[name].isoformat() if row[name] else None
        row["date_text"] = date_text(summit.date, summit.date_precision)
        row["id"] = summit.id
        row["participants"] = participants[summit.id]  # type: ignore[index]
        row["issues"] = issues[summit.id]  # type: ignore[index]
        row["about"] = about[summit.id]  # type: ignore[index]
        rows.append(row)
    return rows


def source_urls(*, session: Session, summit_ids: Sequence[int]) -> dict[int, list[str]]:
    """The URLs of the articles reporting each summit, in the order they were stored."""
    urls: dict[int, list[str]] = defaultdict(list)
    for summit_id, url in session.exec(
        select(SummitSource.summit_id, Article.url)
        .join(Article, col(Article.id) == col(SummitSource.article_id))
        .where(col(SummitSource.summit_id).in_(summit_ids), col(Article.url).is_not(None))
        .order_by(col(Article.id))
    ):
        urls[summit_id].append(url)  # type: ignore[arg-type]  # not null, filtered above
    return dict(urls)


def summit_detail(*, session: Session, summit: Summit) -> SummitDetail:
    """One summit with statements, sources and evidence."""
    (public,) = summits_public(session=session, summits=[summit])
    statements = session.exec(
        select(Statement).where(Statement.summit_id == summit.id).order_by(col(Statement.id))
    ).all()
    sources = session.exec(
        select(Article)
        .join(SummitSource, col(SummitSource.article_id) == col(Article.id))
        .where(SummitSource.summit_id == summit.id)
        .order_by(col(Article.id))
    ).all()
    return SummitDetail(
        **public.model_dump(),
        statements=[StatementPublic.model_validate(s, from_attributes=True) for s in statements],
        sources=[
            SourcePublic(
                article_id=a.id,  # type: ignore[arg-type]
                title=a.title,
                url=a.url,
                publisher=a.publisher,
                published_date=a.published_date,
            )
            for a in sources
        ],
        evidence=summit.evidence,
    )


def source_articles(*, session: Session, summit_id: int) -> list[Article]:
    """The articles reporting a summit, texts included, in the order they were stored."""
    return list(
        session.exec(
            select(Article)
            .join(SummitSource, col(SummitSource.article_id) == col(Article.id))
            .where(SummitSource.summit_id == summit_id)
            .order_by(col(Article.id))
        )
    )


def statement_filters(
    *,
    session: Session,
    speaker: str | None = None,
    summit_id: int | None = None,
    issue: Sequence[str] = (),
    kind: StatementKind | None = None,
    q: str | None = None,
) -> list[ColumnElement[bool]]:
    """SQL conditions on Statement for the list filters."""
    conditions: list[ColumnElement[bool]] = []
    if speaker:
        ids = match_people(session=session, query=speaker)
        by_name = func.lower(col(Statement.speaker)).like(f"%{speaker.strip().lower()}%")
        conditions.append(or_(col(Statement.person_id).in_(ids), by_name) if ids else by_name)
    if summit_id is not None:
        conditions.append(col(Statement.summit_id) == summit_id)
    if issue:
        conditions.append(
            col(Statement.summit_id).in_(
                select(SummitIssue.summit_id).where(col(SummitIssue.issue_slug).in_(list(issue)))
            )
        )
    if kind:
        conditions.append(col(Statement.kind) == kind.value)
    if q:
        conditions.append(search.statement_condition(session, search.parse(q)))
    return conditions


def list_statements(
    *,
    session: Session,
    conditions: list[ColumnElement[bool]],
    limit: int,
    offset: int,
    count: bool = True,
) -> tuple[list[Statement], int | None]:
    """A page of statements in the order they were stored, and the total matching."""
    query = select(Statement).where(*conditions).order_by(col(Statement.id))
    total = (
        session.exec(select(func.count()).select_from(Statement).where(*conditions)).one()
        if count
        else None
    )
    return list(session.exec(query.offset(offset).limit(limit))), total


def plain_statements(
    *, session: Session, conditions: list[ColumnElement[bool]], after_id: int, limit: int
) -> list[dict[str, Any]]:
    """The next ``limit`` matching statements after ``after_id`` (keyset, in stored order)
    as JSON-ready dicts with their summit's date and their article's URL, for exports;
    plain columns, not ORM objects: an export reads every statement."""
    columns = (
        col(Statement.id),
        col(Statement.speaker),
        col(Statement.person_id),
        col(Statement.kind),
        col(Statement.text),
        col(Statement.summit_id),
        col(Summit.date),
        col(Summit.date_precision),
        col(Statement.article_id),
        col(Article.url),
        col(Statement.start),
        col(Statement.end),
    )
    rows = session.exec(
        select(*columns)  # type: ignore[call-overload]  # typed up to 4 columns
        .join(Summit, col(Summit.id) == col(Statement.summit_id))
        .join(Article, col(Article.id) == col(Statement.article_id))
        .where(*conditions, col(Statement.id) > after_id)
        .order_by(col(Statement.id))
        .limit(limit)
    )
    return [
        {
            "id": statement_id,
            "speaker": speaker,
            "person_id": person_id,
            "kind": kind,
            "text": text_,
            "summit_id": summit_id,
            "summit_date": date_text(date, precision),
            "article_id": article_id,
            "article_url": url,
            "start": start,
            "end": end,
        }
        for (
            statement_id,
            speaker,
            person_id,
            kind,
            text_,
            summit_id,
            date,
            precision,
            article_id,
            url,
            start,
            end,
        ) in rows
    ]


def list_people(
    *, session: Session, q: str | None, country: str | None, limit: int, offset: int
) -> tuple[list[tuple[Person, int]], int]:
    """People with their summit counts, most summits first."""
    counts = (
        select(SummitParticipant.person_id, func.count().label("n"))
        .group_by(col(SummitParticipant.person_id))
        .subquery()
    )
    conditions: list[Any] = []
    if q:
        conditions.append(col(Person.id).in_(match_people(session=session, query=q) or {-1}))
    if country:
        conditions.append(col(Person.country) == country.upper())
    query = (
        select(Person, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.person_id == col(Person.id))
        .where(*conditions)
        .order_by(func.coalesce(counts.c.n, 0).desc(), col(Person.name))
    )
    total = session.exec(select(func.count()).select_from(Person).where(*conditions)).one()
    return [(p, int(n)) for p, n in session.exec(query.offset(offset).limit(limit))], total


def suggest_people(*, session: Session, prefix: str, limit: int) -> list[tuple[Person, int]]:
    """People with a name, alias or name word starting with ``prefix`` (case and accents
    ignored), most summits first: suggestions while a name is typed."""
    wanted = fold(prefix.strip())
    if not wanted:
        return []
    index = _people_index(str(session.get_bind().engine.url), _people_version(session), session)
    ids = {i for form, owners in index.items() if form.startswith(wanted) for i in owners}
    if not ids:
        return []
    n = func.count(col(SummitParticipant.summit_id))
    rows = session.exec(
        select(Person, n)
        .outerjoin(SummitParticipant, col(SummitParticipant.person_id) == col(Person.id))
        .where(col(Person.id).in_(ids))
        .group_by(col(Person.id))
        .order_by(n.desc(), col(Person.name))
        .limit(limit)
    )
    return [(person, int(count)) for person, count in rows]


def count_summits_of_person(*, session: Session, person_id: int) -> int:
    """How many summits a person took part in."""
    return session.exec(select(func.count()).where(SummitParticipant.person_id == person_id)).one()


def summits_of_person(*, session: Session, person_id: int) -> list[Summit]:
    """Every summit a person took part in, newest first."""
    return list(
        session.exec(
            select(Summit)
            .join(SummitParticipant, col(SummitParticipant.summit_id) == col(Summit.id))
            .where(SummitParticipant.person_id == person_id)
            .order_by(*(key.desc() for key in SORT_DATE), col(Summit.id).desc())
        )
    )


def issues_with_counts(*, session: Session) -> list[tuple[Issue, int]]:
    """Every issue slug with how many summits raised it."""
    counts = (
        select(SummitIssue.issue_slug, func.count().label("n"))
        .group_by(col(SummitIssue.issue_slug))
        .subquery()
    )
    rows = session.exec(
        select(Issue, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.issue_slug == col(Issue.slug))
        .order_by(col(Issue.slug))
    )
    return [(issue, int(n)) for issue, n in rows]


def list_articles(*, session: Session, limit: int, offset: int) -> tuple[list[Article], int]:
    """A page of articles, latest ingested first."""
    total = session.exec(select(func.count()).select_from(Article)).one()
    rows = session.exec(
        select(Article).order_by(col(Article.id).desc()).offset(offset).limit(limit)
    )
    return list(rows), total


def article_summit_ids(*, session: Session, article_id: int) -> list[int]:
    """Summits an article is a source of."""
    return list(
        session.exec(
            select(SummitSource.summit_id)
            .where(SummitSource.article_id == article_id)
            .order_by(col(SummitSource.summit_id))
        )
    )


def article_public(article: Article) -> ArticlePublic:
    """An article without its texts."""
    return ArticlePublic.model_validate(article, from_attributes=True)


# ------------------------------------------------------------------ facets
FACET_LIMIT = 50  # values returned per facet, most frequent first


def country_label(code: str) -> str:
    """A country's English name, or the code itself if unknown."""
    country = load_rules().countries.get(code)
    return country.name if country else code


def facets(
    *,
    session: Session,
    names: Sequence[FacetName],
    summit_conditions: list[ColumnElement[bool]] | None = None,
    statement_units: Any = None,
) -> dict[str, list[FacetValue]]:
    """Counts per value over a filtered set of summits, or of statements (``statement_units``:
    a subquery of their id and summit_id).

    Many-to-many links (participants, issues, third countries) count each record once
    per value, so a facet over a summit's three leaders counts it for each of them.
    """
    year = func.extract("year", col(Summit.date))
    statements = statement_units is not None
    # facet -> (value, label, summit-id column, extra condition, joins, rows repeat a summit)
    specs: dict[FacetName, tuple[Any, Any, Any, Any, list[tuple[Any, Any]], bool]] = {
        FacetName.country: (
            col(SummitParticipant.country),
            col(SummitParticipant.country),
            col(SummitParticipant.summit_id),
            None,
            [],
            True,
        ),
        FacetName.about: (
            col(SummitAbout.country),
            col(SummitAbout.country),
            col(SummitAbout.summit_id),
            None,
            [],
            False,
        ),
        FacetName.issue: (
            col(SummitIssue.issue_slug),
            col(Issue.label),
            col(SummitIssue.summit_id),
            None,
            [(Issue, col(Issue.slug) == col(SummitIssue.issue_slug))],
            False,
        ),
        FacetName.participant: (
            col(Person.name),
            col(Person.name),
            col(SummitParticipant.summit_id),
            None,
            [(Person, col(Person.id) == col(SummitParticipant.person_id))],
            False,
        ),
        FacetName.year: (year, year, col(Summit.id), col(Summit.date).is_not(None), [], False),
        FacetName.meeting_format: (
            col(Summit.format),
            col(Summit.format),
            col(Summit.id),
            None,
            [],
            False,
        ),
        FacetName.location: (
            col(Summit.city),
            col(Summit.country),
            col(Summit.id),
            col(Summit.city).is_not(None),
            [],
            False,
        ),
        FacetName.speaker: (
            col(Statement.speaker),
            col(Statement.speaker),
            col(Statement.summit_id),
            None,
            [],
            True,
        ),
        FacetName.kind: (col(Summit.kind), col(Summit.kind), col(Summit.id), None, [], False),
    }
    if statements:  # the statement's own speaker and kind
        specs[FacetName.speaker] = (
            col(Statement.speaker),
            col(Statement.speaker),
            col(Statement.id),
            None,
            [],
            False,
        )
        specs[FacetName.kind] = (
            col(Statement.kind),
            col(Statement.kind),
            col(Statement.id),
            None,
            [],
            False,
        )
    result: dict[str, list[FacetValue]] = {}
    for name in dict.fromkeys(names):  # a facet asked for twice is computed once (#13)
        value, label, link, condition, joins, repeats = specs[name]
        if statements:
            unit = statement_units.c.id if name in (FacetName.speaker, FacetName.kind) else None
            key = statement_units.c.summit_id if unit is None else unit
            n = func.count(func.distinct(statement_units.c.id)).label("n")
            query = (
                select(value, label, n).select_from(link.table).join(statement_units, key == link)
            )
        else:
            # summits: a semi-join on the filtered ids; count(*) unless a summit repeats
            n = (func.count(func.distinct(link)) if repeats else func.count()).label("n")
            query = select(value, label, n).select_from(link.table)
            if summit_conditions:
                query = query.where(link.in_(select(Summit.id).where(*summit_conditions)))
        for table, on in joins:
            query = query.join(table, on)
        if condition is not None:
            query = query.where(condition)
        rows = session.exec(
            query.group_by(value, label).order_by(n.desc()).limit(FACET_LIMIT)
        ).all()
        values = []
        for raw, shown, count in rows:
            if name is FacetName.year:
                raw = shown = str(int(raw))
            elif name in (FacetName.country, FacetName.about):
                shown = country_label(raw)
            elif name is FacetName.location:
                shown = f"{raw}, {shown}" if shown else raw
            values.append(FacetValue(value=str(raw), label=str(shown), count=int(count)))
        values.sort(key=lambda v: (-v.count, v.value))
        result[name.value] = values
    return result


def statement_units(conditions: list[Any]) -> Any:
    """The filtered statements as (id, summit_id) for facets."""
    return (
        select(col(Statement.id).label("id"), col(Statement.summit_id).label("summit_id"))
        .where(*conditions)
        .subquery()
    )


# ------------------------------------------------------------------ stats and network
def timeline(
    *, session: Session, conditions: list[ColumnElement[bool]], interval: Interval
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Summit counts per year or month, oldest first, and (per month only) per year the
    summits whose interval spans more than a month (known only by their year), which
    belong to no month (#12); undated summits are left out.

    Counted per distinct interval in SQL (a walk of the interval index, no function per
    row) and bucketed here: a few thousand groups however many summits."""
    counts: dict[str, int] = defaultdict(int)
    unplaced: dict[str, int] = defaultdict(int)
    for start, end, n in session.exec(
        select(col(Summit.date_start), col(Summit.date_end), func.count())
        .where(*conditions, col(Summit.date_start).is_not(None))
        .group_by(col(Summit.date_start), col(Summit.date_end))
    ):
        if start is None or end is None:  # excluded above; for the type checker
            continue
        if interval is Interval.year:
            counts[f"{start.year:04d}"] += n
        elif (start.year, start.month) == (end.year, end.month):
            counts[f"{start.year:04d}-{start.month:02d}"] += n
        else:  # the interval spans more than a month: a year-only date
            unplaced[f"{start.year:04d}"] += n
    return sorted(counts.items()), sorted(unplaced.items())


def city_points(
    *, session: Session, conditions: list[ColumnElement[bool]]
) -> list[tuple[str | None, str | None, float, float, int]]:
    """Where the filtered summits were held: (city, country, latitude, longitude, summits)
    per located city, most summits first."""
    n = func.count()
    rows = session.exec(
        select(  # type: ignore[call-overload]  # typed up to 4 columns
            col(Summit.city),
            col(Summit.country),
            func.avg(col(Summit.latitude)),
            func.avg(col(Summit.longitude)),
            n,
        )
        .where(*conditions, col(Summit.latitude).is_not(None), col(Summit.longitude).is_not(None))
        .group_by(col(Summit.city), col(Summit.country))
        .order_by(n.desc(), col(Summit.city))
    ).all()
    return [(city, country, float(lat), float(lon), int(k)) for city, country, lat, lon, k in rows]


# A dated summit's place in the date sort as one number: the day number of its start
# (date.toordinal()), then its precision (finer first, as a finer date's interval ends
# sooner). min() and max() of it give the first and last meeting with their precision
# in one aggregate. Day arithmetic, not EXTRACT: about 0.6x the time on PostgreSQL.
PRECISION_ORDER = (DatePrecision.day, DatePrecision.month, DatePrecision.year)
SQLITE_ORDINAL_OFFSET = 1721424  # CAST(julianday('0001-01-01') AS INTEGER) - 1
PRECISION_RANK = case(
    *((col(Summit.date_precision) == p.value, rank) for rank, p in enumerate(PRECISION_ORDER)),
)

# A date as text and precision, e.g. ("2022-11", month).
DatedText = tuple[str | None, DatePrecision | None]


def _date_order(session: Session) -> ColumnElement[int]:
    """``date_start``'s day number times ten plus its precision's rank, on either database."""
    if session.get_bind().dialect.name == "postgresql":
        days = col(Summit.date_start) - literal_column("DATE '0001-01-01'", type_=Date)
        ordinal: ColumnElement[int] = type_coerce(days, Integer) + 1
    else:
        ordinal = cast(func.julianday(col(Summit.date_start)), Integer) - SQLITE_ORDINAL_OFFSET
    return ordinal * 10 + PRECISION_RANK


def _date_of_order(number: Any) -> DatedText:
    """The date text and precision a ``_date_order`` value stands for."""
    if number is None:
        return None, None
    return _dated(int(number))


@functools.lru_cache(maxsize=65536)  # a graph's edges share a few thousand distinct dates
def _dated(number: int) -> DatedText:
    ordinal, rank = divmod(number, 10)
    precision = PRECISION_ORDER[rank]
    return date_text(dt.date.fromordinal(ordinal), precision), precision


def person_network(
    *, session: Session, person_id: int
) -> list[tuple[Person, int, DatedText, DatedText]]:
    """Everyone this person met: (person, meetings, first date, last date), most met first;
    first and last by the date sort (start, then end), each as text and precision (#12)."""
    mine = select(SummitParticipant.summit_id).where(SummitParticipant.person_id == person_id)
    order = _date_order(session)
    rows = session.exec(
        select(
            Person,
            func.count(func.distinct(col(Summit.id))),
            func.min(order),
            func.max(order),
        )
        .join(SummitParticipant, col(SummitParticipant.person_id) == col(Person.id))
        .join(Summit, col(Summit.id) == col(SummitParticipant.summit_id))
        .where(col(SummitParticipant.summit_id).in_(mine), col(Person.id) != person_id)
        .group_by(col(Person.id))
        .order_by(func.count(func.distinct(col(Summit.id))).desc(), col(Person.name))
    ).all()
    return [(p, int(n), _date_of_order(first), _date_of_order(last)) for p, n, first, last in rows]


def network(
    *,
    session: Session,
    conditions: list[ColumnElement[bool]],
    min_weight: int = 1,
    limit: int | None = None,
) -> tuple[list[tuple[Person, int]], list[tuple[int, int, int, DatedText, DatedText]]]:
    """The meeting graph of the filtered summits: people with their summit counts, and
    (person a, person b, meetings, first date, last date) edges with a < b, the dates as
    in ``person_network``.

    ``min_weight`` drops pairs that met fewer times and ``limit`` keeps the heaviest
    edges; either way only the people on a kept edge stay in the graph.
    """
    ids = select(Summit.id).where(*conditions).subquery()
    order = _date_order(session)
    a = aliased(SummitParticipant)
    b = aliased(SummitParticipant)
    edges = session.exec(
        select(  # type: ignore[call-overload]  # typed up to 4 columns
            a.person_id,
            b.person_id,
            func.count(),
            func.min(order),
            func.max(order),
        )
        .join(b, and_(col(b.summit_id) == col(a.summit_id), col(b.person_id) > col(a.person_id)))
        .join(Summit, col(Summit.id) == a.summit_id)
        .where(a.summit_id.in_(select(ids.c.id)))  # type: ignore[attr-defined]
        .group_by(a.person_id, b.person_id)
        .having(func.count() >= min_weight)
        .order_by(func.count().desc(), a.person_id, b.person_id)
        .limit(limit)
    ).all()
    nodes = session.exec(
        select(Person, func.count())
        .join(SummitParticipant, col(SummitParticipant.person_id) == col(Person.id))
        .where(col(SummitParticipant.summit_id).in_(select(ids.c.id)))
        .group_by(col(Person.id))
        .order_by(func.count().desc(), col(Person.name))
    ).all()
    kept = [
        (int(x), int(y), int(n), _date_of_order(first), _date_of_order(last))
        for x, y, n, first, last in edges
    ]
    if min_weight > 1 or limit is not None:
        linked = {x for x, _, _, _, _ in kept} | {y for _, y, _, _, _ in kept}
        nodes = [row for row in nodes if row[0].id in linked]
    return [(p, int(n)) for p, n in nodes], kept
