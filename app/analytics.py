"""Aggregates over filtered summits and statements: facets, the timeline, the map's
cities and the meeting network."""

import datetime as dt
import functools
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
    type_coerce,
)
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from app.dates import date_text
from app.db import cached
from app.models import (
    DatePrecision,
    FacetName,
    FacetValue,
    Interval,
    Issue,
    Person,
    Statement,
    Summit,
    SummitAbout,
    SummitIssue,
    SummitParticipant,
)
from app.nlp.rules import load_rules

# ------------------------------------------------------------------ facets
FACET_LIMIT = 50  # values returned per facet, most frequent first
# facets that leave out summits without a value (no date, no city)
NULLS_LEFT_OUT = frozenset({FacetName.year, FacetName.location})


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
        if not statements:
            found = summit_facet_rows(session=session, name=name, conditions=summit_conditions)
            result[name.value] = _facet_values(name, found)
            continue
        value, label, link, condition, joins, _ = specs[name]
        unit = statement_units.c.id if name in (FacetName.speaker, FacetName.kind) else None
        key = statement_units.c.summit_id if unit is None else unit
        n = func.count(func.distinct(statement_units.c.id)).label("n")
        query = select(value, label, n).select_from(link.table).join(statement_units, key == link)
        for table, on in joins:
            query = query.join(table, on)
        if condition is not None:
            query = query.where(condition)
        rows = session.exec(
            query.group_by(value, label).order_by(n.desc()).limit(FACET_LIMIT)
        ).all()
        result[name.value] = _facet_values(name, rows)
    return result


def _facet_values(name: FacetName, rows: Sequence[Any]) -> list[FacetValue]:
    """(value, label, count) rows as facet values, most frequent first."""
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
    return values


# Summit facets: the columns a facet groups by (its value first), the column holding the
# summit id in their table, and whether a summit can repeat there (two leaders of one
# country). Each is counted over an index holding those columns (migrations 0003, 0008).
SUMMIT_FACETS: dict[FacetName, tuple[tuple[Any, ...], Any, bool]] = {
    FacetName.country: (
        (col(SummitParticipant.country),),
        col(SummitParticipant.summit_id),
        True,
    ),
    FacetName.about: ((col(SummitAbout.country),), col(SummitAbout.summit_id), False),
    FacetName.issue: ((col(SummitIssue.issue_slug),), col(SummitIssue.summit_id), False),
    FacetName.participant: (
        (col(SummitParticipant.person_id),),
        col(SummitParticipant.summit_id),
        False,
    ),
    FacetName.year: ((col(Summit.date),), col(Summit.id), False),
    FacetName.meeting_format: ((col(Summit.format),), col(Summit.id), False),
    FacetName.location: ((col(Summit.city), col(Summit.country)), col(Summit.id), False),
    FacetName.kind: ((col(Summit.kind),), col(Summit.id), False),
    FacetName.speaker: ((col(Statement.speaker),), col(Statement.summit_id), True),
}


def summit_facet_rows(
    *, session: Session, name: FacetName, conditions: list[ColumnElement[bool]] | None
) -> list[tuple[Any, Any, int]]:
    """(value, label, count) of the most frequent values of a facet over the filtered
    summits.

    Counts are grouped on the facet's own columns only, so the database reads an index
    and no row; labels (issue names, people's names) are joined to the groups after,
    and years are summed here from the counts per date (a few thousand groups). Each is
    counted once per filter set until the data changes, as list counts are (#14)."""
    columns, link, repeats = SUMMIT_FACETS[name]
    n = (func.count(func.distinct(link)) if repeats else func.count()).label("n")
    query: Any = select(*columns, n)  # type: ignore[call-overload]  # typed up to 4 columns
    if link.table is Summit.__table__:  # type: ignore[attr-defined]
        query = query.where(*(conditions or []))
    elif conditions:
        query = query.where(link.in_(select(col(Summit.id)).where(*conditions)))
    query = query.where(columns[0].is_not(None)) if name in NULLS_LEFT_OUT else query
    groups = query.group_by(*columns).subquery()
    value, count = groups.c[0], groups.c.n
    if name is FacetName.year:
        per_day = select(value, count)

        def sum_years() -> list[tuple[Any, Any, int]]:
            years: dict[int, int] = defaultdict(int)
            for day, k in session.exec(per_day):
                years[day.year] += k
            top = sorted(years.items(), key=lambda item: (-item[1], item[0]))[:FACET_LIMIT]
            return [(year, year, k) for year, k in top]

        return cached(session, per_day, sum_years)
    labelled: Any
    if name is FacetName.issue:
        labelled = select(value, col(Issue.label), count).join(Issue, col(Issue.slug) == value)
    elif name is FacetName.participant:
        count = func.sum(count).label("n")
        labelled = (
            select(col(Person.name), col(Person.name), count)
            .join(Person, col(Person.id) == value)
            .group_by(col(Person.name))
        )
        value = col(Person.name)
    else:
        labelled = select(value, groups.c[len(columns) - 1], count)
    top = labelled.order_by(count.desc(), value).limit(FACET_LIMIT)

    def count_values() -> list[tuple[Any, Any, int]]:
        return [(raw, shown, int(k)) for raw, shown, k in session.execute(top)]

    return cached(session, top, count_values)


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
