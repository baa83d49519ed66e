"""Reads: filters, sort keys, lists and details of summits, statements, people, issues and
articles. Reads never commit."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Integer,
    String,
    and_,
    bindparam,
    case,
    func,
    literal_column,
    or_,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlmodel import Session, col, select

from app import search
from app.dates import MAX_SPAN_DAYS, date_text
from app.db import cached_count, data_versions
from app.errors import InvalidSort
from app.models import (
    Article,
    Issue,
    Person,
    Statement,
    StatementKind,
    StatementPublic,
    Summit,
    SummitAbout,
    SummitBase,
    SummitFormat,
    SummitIssue,
    SummitKind,
    SummitParticipant,
    SummitPublic,
    SummitSort,
    SummitSource,
    SummitSummary,
)
from app.nlp.rules import fold, load_rules


# ------------------------------------------------------------------ reads
def match_people(*, session: Session, query: str) -> set[int]:
    """Ids of people whose name, an alias or a word of their name matches, ignoring case
    and accents."""
    wanted = fold(query.strip())
    index = _people_index(session)
    ids = set(index.get(wanted, ()))
    if " " in wanted:  # a longer part of a name: "Kim Jong"
        ids |= {i for name, owners in index.items() if wanted in name for i in owners}
    return ids


def _people_index(session: Session) -> dict[str, set[int]]:
    """Folded names, aliases and name words -> person ids, rebuilt when people change.
    Whether they changed (the highest person id and their number) is asked only when the
    data version moves, so while nothing is written a name costs no query (#14)."""
    versions = data_versions(session.get_bind().engine)
    token = versions.read()
    held = versions.people
    if held is not None and held[0] == token:
        return held[2]  # type: ignore[no-any-return]  # stored below
    people = tuple(
        session.exec(select(func.max(Person.id), func.count()).select_from(Person)).one()
    )
    if held is not None and held[1] == people:
        index = held[2]
    else:
        built: dict[str, set[int]] = defaultdict(set)
        for person_id, name, aliases in session.exec(
            select(Person.id, Person.name, Person.aliases)
        ):
            if person_id is None:
                continue
            for form in (name, *(aliases or []), *fold(name).split()):
                built[fold(form)].add(person_id)
        index = dict(built)
    versions.people = (token, people, index)
    return index  # type: ignore[no-any-return]  # built above or stored before


def _country_codes(query: str) -> set[str]:
    """ISO codes a location word can mean ('Japan', 'JP', 'japanese')."""
    rules = load_rules()
    if len(query) == 2 and query.isalpha():
        return {query.upper()}
    return set(rules.country_index.get(fold(query.strip()), ()))


# A filter on one value of a link table's column (one leader, one issue) that a page in
# date order can be read from: the link's index leads with that column and carries the
# summit's interval (0009), so the page is a range of about ``limit`` entries (#14).
@dataclass(frozen=True, slots=True)
class LinkScan:
    condition: ColumnElement[bool]  # the summit-side condition the scan stands for
    column: Any  # the link table's column
    value: Any


# summit_filters' conditions, with what a page may be read from: a link scan, and the
# period asked for, which a link scan states on the link's copy of the interval instead
# of the summit's (``dated``): PostgreSQL then estimates one table's rows, not two
# correlated tables' as if independent (which made it sort every match).
class SummitConditions(list[ColumnElement[bool]]):
    scan: LinkScan | None = None
    dated: tuple[ColumnElement[bool], ...] = ()
    period: tuple[dt.date | None, dt.date | None] = (None, None)


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
    """SQL conditions on Summit for the list filters (a list: ``SummitConditions``
    only adds what a page may be read from)."""
    conditions = SummitConditions()
    # repeated values are deduplicated (#13): the API caps how many a parameter takes
    for name in dict.fromkeys(participant):
        ids = match_people(session=session, query=name)
        condition = col(Summit.id).in_(
            select(SummitParticipant.summit_id).where(
                col(SummitParticipant.person_id).in_(ids or {-1})
            )
        )
        conditions.append(condition)
        if len(ids) == 1 and conditions.scan is None:
            conditions.scan = LinkScan(condition, col(SummitParticipant.person_id), min(ids))
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
        condition = col(Summit.id).in_(
            select(SummitIssue.summit_id).where(col(SummitIssue.issue_slug).in_(list(issue)))
        )
        conditions.append(condition)
        if len(set(issue)) == 1 and conditions.scan is None:
            conditions.scan = LinkScan(condition, col(SummitIssue.issue_slug), issue[0])
    third = {code.upper() for code in about}
    if third:
        conditions.append(_having_every(col(SummitAbout.country), third))
    # a summit matches when its interval overlaps [date_from, date_to] (#12); the
    # conditions after the first of each are implied by it (no interval is longer than
    # a year) and bound the scans of the interval index and of the date sort indexes
    dated = len(conditions)
    if date_from:
        conditions.append(col(Summit.date_end) >= date_from)
        floor = _floor(date_from)
        conditions.append(col(Summit.date_start) >= floor)
        conditions.append(SORT_DATE_ASC[0] >= floor)
    if date_to:
        conditions.append(col(Summit.date_start) <= date_to)
        conditions.append(SORT_DATE[0] <= date_to)
    conditions.dated = tuple(conditions[dated:])
    conditions.period = (date_from, date_to)
    if format:
        conditions.append(col(Summit.format) == format.value)
    if kind:
        conditions.append(col(Summit.kind).in_([k.value for k in kind]))
    if q:
        conditions.append(search.summit_condition(session, search.parse(q)))
    return conditions


def _floor(date_from: dt.date) -> dt.date:
    """The first day a summit overlapping ``date_from`` onwards can start on."""
    return dt.date.fromordinal(max(date_from.toordinal() - MAX_SPAN_DAYS, 1))


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


def _after(
    keys: Sequence[Any], values: Sequence[Any], descending: bool, summit_id: Any = None
) -> ColumnElement[bool]:
    """Rows after ``values`` (the last id included) in the lexicographic order of ``keys``
    and id (``summit_id``, the summit's by default); the leading bound alone lets the
    planner start the index scan there."""
    *leading, last_id = values
    summit_id = col(Summit.id) if summit_id is None else summit_id
    if descending:
        condition = summit_id < last_id
        for key, value in zip(reversed(keys), reversed(leading), strict=True):
            condition = or_(key < value, and_(key == value, condition))
        return and_(keys[0] <= leading[0], condition)
    condition = summit_id > last_id
    for key, value in zip(reversed(keys), reversed(leading), strict=True):
        condition = or_(key > value, and_(key == value, condition))
    return and_(keys[0] >= leading[0], condition)


def _link_keys(scan: LinkScan, sort: SummitSort) -> tuple[Any, Any]:
    """The date sort keys of ``sort`` on the link's copy of the interval, as the link
    indexes of 0009 hold them."""
    fold: Any = literal_column("'9999-12-31'" if sort is SummitSort.date else "'0001-01-01'")
    link = scan.column.table
    return func.coalesce(link.c.date_start, fold), func.coalesce(link.c.date_end, fold)


def _from_link(
    columns: Sequence[Any], *, conditions: SummitConditions, scan: LinkScan, sort: SummitSort
) -> Any:
    """``columns`` of the summits matching ``conditions``, read from ``scan``'s link
    (one row per summit: the link's key holds one value). The period is stated on the
    link's copy of the interval (the summit-side date conditions, same meaning), which
    also bounds the range read; the other conditions stay on the summit."""
    link = scan.column.table
    query = select(*columns).select_from(link).join(Summit, col(Summit.id) == link.c.summit_id)
    replaced = (scan.condition, *conditions.dated)
    others = [c for c in conditions if not any(c is other for other in replaced)]
    query = query.where(scan.column == scan.value, *others)
    start = _link_keys(scan, sort)[0]
    date_from, date_to = conditions.period
    if date_from is not None:
        floor = _floor(date_from)
        query = query.where(link.c.date_end >= date_from, link.c.date_start >= floor)
        query = query.where(start >= floor)
    if date_to is not None:
        query = query.where(link.c.date_start <= date_to, start <= date_to)
    return query


def _link_page(
    *,
    conditions: SummitConditions,
    scan: LinkScan,
    plain: bool,
    sort: SummitSort,
    after: tuple[Any, int] | None,
) -> Any:
    """The page query of ``list_summits`` read from ``scan``'s link index (0009) in date
    order: the same rows in the same order as the summit-side query, from a range scan of
    about ``limit`` index entries instead of every summit of that leader or issue (#14)."""
    link = scan.column.table
    keys = _link_keys(scan, sort)
    columns = (*PLAIN_COLUMNS, *SUMMARY_COLUMNS) if plain else (Summit,)
    query = _from_link(columns, conditions=conditions, scan=scan, sort=sort)
    if plain:
        query = query.outerjoin(SummitSummary, col(SummitSummary.summit_id) == col(Summit.id))
    descending = sort is SummitSort.date_desc
    if after:
        last_key, last_id = after
        query = query.where(_after(keys, (*last_key, last_id), descending, link.c.summit_id))
    if descending:
        return query.order_by(*(key.desc() for key in keys), link.c.summit_id.desc())
    return query.order_by(*keys, link.c.summit_id)


def _count(conditions: list[ColumnElement[bool]]) -> Any:
    """How many summits match: counted along a link's index when one leader or issue is
    named (its range, not every summit of the date range checked against every summit
    of the issue)."""
    if isinstance(conditions, SummitConditions) and conditions.scan:
        return _from_link(
            (func.count(),), conditions=conditions, scan=conditions.scan, sort=SummitSort.date_desc
        )
    return select(func.count()).select_from(Summit).where(*conditions)


# What list rows and exports read of the read model (#14), with each summit's columns.
SUMMARY_COLUMNS = (
    col(SummitSummary.participants),
    col(SummitSummary.issues),
    col(SummitSummary.about),
)
DATE_FIELDS = ("date", "date_start", "date_end")
STREAM_BATCH = 2000  # rows an export fetches from its cursor at a time
# The summit CSV's cells read as stored (summit_cells): the summit's, and its read model's.
CSV_SUMMIT_COLUMNS = (
    "id",
    "date_precision",
    "place",
    "city",
    "country",
    "latitude",
    "longitude",
    "format",
    "duration_minutes",
    "context",
    "kind",
)
CSV_SUMMARY_COLUMNS = (
    "csv_participants",
    "csv_participant_countries",
    "csv_issues",
    "csv_about",
    "csv_participant_ids",
    "csv_source_urls",
)


# The fields of SummitBase and SummitPublic, read once: pydantic's class property is slow.
BASE_FIELDS = tuple(SummitBase.model_fields)
PUBLIC_FIELDS = tuple(SummitPublic.model_fields)
# The summit columns a list row shows (not evidence: JSON that only the detail shows).
PLAIN_COLUMNS = tuple(getattr(Summit, name) for name in ("id", *BASE_FIELDS))


def _plain_select(*extra: Any) -> Any:
    """Summit columns and their read model's lists; an outer join, so a summit that no
    write path summarised still lists (with no links)."""
    return select(*PLAIN_COLUMNS, *SUMMARY_COLUMNS, *extra).outerjoin(  # type: ignore[call-overload]  # typed up to 4 columns
        SummitSummary, col(SummitSummary.summit_id) == col(Summit.id)
    )


def _ordered(query: Any, *, sort: SummitSort) -> Any:
    """``query`` in ``sort`` order (not relevance: see ``_ranked``), id breaking ties."""
    keys = _sort_keys(sort)
    if sort.value.startswith("-"):
        return query.order_by(*(key.desc() for key in keys), col(Summit.id).desc())
    return query.order_by(*keys, col(Summit.id))


def _ranked(*, session: Session, conditions: list[ColumnElement[bool]], q: str | None) -> Any:
    """(id, score) of the summits matching ``conditions``, best first, ranked by the
    database over one search document per summit (#14).

    ``q`` makes one condition, so when it is the only one the search index ranks alone.
    Else the matches are checked against the filtered ids: "+ 0" keeps SQLite from
    pushing that IN into the FTS5 table, which would rerun the search per id.
    """
    if not q:
        raise InvalidSort("sort=relevance needs q")
    scores = search.summit_scores(session, search.parse(q)).subquery()
    ranked = select(scores.c.summit_id.label("id"), scores.c.score)
    if len(conditions) > 1:
        filtered = select(col(Summit.id)).where(*conditions)
        ranked = ranked.where((scores.c.summit_id + 0).in_(filtered))
    return ranked.order_by(scores.c.score.desc(), scores.c.summit_id.desc())


def _in_rank_order(query: Any, ranked: Any) -> Any:
    """``query``'s summits limited to the ``ranked`` subquery, in its order."""
    return query.join(ranked, ranked.c.id == col(Summit.id)).order_by(
        ranked.c.score.desc(), col(Summit.id).desc()
    )


def list_summits(
    *,
    session: Session,
    conditions: list[ColumnElement[bool]],
    limit: int,
    offset: int = 0,
    sort: SummitSort = SummitSort.date_desc,
    after: tuple[Any, int] | None = None,
    q: str | None = None,
    count: bool = True,
    plain: bool = False,
) -> tuple[list[Summit], int | None, tuple[Any, int] | None]:
    """A page of summits in ``sort`` order (id breaks ties), the total, and the (key, id)
    the next page resumes ``after`` (None on the last page): what a cursor carries.

    Paging after a (sort key, id) is a keyset, so walking a million rows stays O(n).
    ``plain`` returns table rows with their read model's lists instead of ORM objects,
    for ``plain_row``.
    """
    base = _plain_select() if plain else select(Summit)
    query = base.where(*conditions)
    total = cached_count(session, _count(conditions)) if count else None
    if sort is SummitSort.relevance:
        if after:  # a relevance cursor carries the offset: scores are not stable keys
            offset, _ = after
        # the database ranks and limits ids alone, then reads the page's rows (#14)
        page = _ranked(session=session, conditions=conditions, q=q)
        page = page.offset(offset).limit(limit + 1).subquery()
        rows = list(session.exec(_in_rank_order(base, page)))
        following: tuple[Any, int] | None = (offset + limit, 0) if len(rows) > limit else None
        return rows[:limit], total, following
    dated = sort in (SummitSort.date, SummitSort.date_desc)
    if isinstance(conditions, SummitConditions) and conditions.scan and dated:
        query = _link_page(
            conditions=conditions, scan=conditions.scan, plain=plain, sort=sort, after=after
        )
        offset = 0 if after else offset
    elif after:
        last_key, last_id = after
        resume = last_key if isinstance(last_key, tuple) else (last_key,)
        descending = sort.value.startswith("-")
        query = _ordered(
            query.where(_after(_sort_keys(sort), (*resume, last_id), descending)), sort=sort
        )
        offset = 0
    else:
        query = _ordered(query, sort=sort)
    rows = list(session.exec(query.offset(offset).limit(limit + 1)))
    summits = rows[:limit]
    following = None
    if len(rows) > limit:
        last = summits[-1]
        following = (_sort_value(sort, last), last.id)
    return summits, total, following


def stream_summits(
    *,
    session: Session,
    conditions: list[ColumnElement[bool]],
    sort: SummitSort,
    q: str | None,
    limit: int | None = None,
    batch: int = STREAM_BATCH,
) -> Iterator[dict[str, Any]]:
    """Every matching summit (the first ``limit``) in ``sort`` order as ``plain_row``
    dicts, from one query read as it goes (a server-side cursor on PostgreSQL), so an
    export is written while it is read (#14), ``batch`` rows fetched at a time."""
    query = _export_query(_plain_select(), session=session, conditions=conditions, sort=sort, q=q)
    if limit is not None:
        query = query.limit(limit)
    for row in session.execute(query.execution_options(yield_per=batch)):
        yield plain_row(row._mapping)


def _export_query(
    base: Any,
    *,
    session: Session,
    conditions: list[ColumnElement[bool]],
    sort: SummitSort,
    q: str | None,
) -> Any:
    """``base`` (a select over Summit) limited to the matching summits, in ``sort`` order."""
    if sort is SummitSort.relevance:
        ranked = _ranked(session=session, conditions=conditions, q=q).subquery()
        return _in_rank_order(base, ranked)
    return _ordered(base.where(*conditions), sort=sort)


def _date_cell(dialect: str) -> Any:
    """A summit's date at its precision, as ``date_text`` writes it, by the database."""
    date, precision = col(Summit.date), col(Summit.date_precision)
    shapes: tuple[Any, ...]  # the year, the month, the whole date
    if dialect == "postgresql":
        shapes = tuple(func.to_char(date, shape) for shape in ("YYYY", "YYYY-MM", "YYYY-MM-DD"))
    else:  # SQLite keeps a date as its YYYY-MM-DD text
        shapes = (func.substr(date, 1, 4), func.substr(date, 1, 7), date)
    year, month, day = shapes
    written = case((precision == "year", year), (precision == "month", month), else_=day)
    return type_coerce(written, String)


def summit_cells(dialect: str) -> dict[str, Any]:
    """What each column of the summit CSV holds, as SQL over Summit and its read model
    (#14): the summit's columns, its date at its precision, and the ready-made list cells,
    so each row is written as the driver returns it. Dates are read as they come, no
    per-row parsing: text from SQLite, dates (written in ISO form) from PostgreSQL."""
    cells: dict[str, Any] = {name: getattr(Summit, name) for name in CSV_SUMMIT_COLUMNS}
    cells["date"] = _date_cell(dialect)
    for name in ("date_start", "date_end"):
        cells[name] = type_coerce(getattr(Summit, name), String)
    for name in CSV_SUMMARY_COLUMNS:
        cells[name.removeprefix("csv_")] = getattr(SummitSummary, name)
    return cells


def stream_rows(
    *,
    session: Session,
    columns: Sequence[Any],
    conditions: list[ColumnElement[bool]],
    sort: SummitSort,
    q: str | None,
    limit: int | None = None,
    batch: int = STREAM_BATCH,
) -> Iterator[Sequence[Sequence[Any]]]:
    """``columns`` (of Summit and its read model) of every matching summit (the first
    ``limit``) in ``sort`` order, ``batch`` rows at a time, as the driver returns them,
    from one query read as it goes (see ``stream_summits``)."""
    base = select(*columns).outerjoin(SummitSummary, col(SummitSummary.summit_id) == col(Summit.id))
    query = _export_query(base, session=session, conditions=conditions, sort=sort, q=q)
    if limit is not None:
        query = query.limit(limit)
    yield from session.connection().execute(query.execution_options(yield_per=batch)).partitions()


def plain_row(summit: Mapping[Any, Any]) -> dict[str, Any]:
    """A summit's columns with its read model's lists (a row of
    ``list_summits(plain=True)``) as a JSON-ready dict in the SummitPublic shape."""
    public: dict[str, Any] = {name: summit[name] for name in BASE_FIELDS}
    for name in DATE_FIELDS:
        public[name] = public[name].isoformat() if public[name] else None
    public["date_text"] = date_text(summit["date"], summit["date_precision"])
    public["id"] = summit["id"]
    public["participants"] = summit["participants"] or []
    public["issues"] = summit["issues"] or []
    public["about"] = summit["about"] or []
    return public


def plain_summits(*, session: Session, summits: Sequence[Summit]) -> list[dict[str, Any]]:
    """Summits (ORM objects) as ``plain_row`` dicts, their lists read from the read
    model in one query."""
    summaries = {
        summit_id: {"participants": participants, "issues": issues, "about": about}
        for summit_id, participants, issues, about in session.exec(
            select(col(SummitSummary.summit_id), *SUMMARY_COLUMNS).where(
                col(SummitSummary.summit_id).in_([s.id for s in summits])
            )
        )
    }
    empty = {"participants": None, "issues": None, "about": None}
    return [
        plain_row(
            {name: getattr(summit, name) for name in (*BASE_FIELDS, "id")}
            | summaries.get(summit.id, empty)  # type: ignore[arg-type]
        )
        for summit in summits
    ]


# (name, column) of each StatementPublic field, in its order
STATEMENT_FIELDS = tuple((name, getattr(Statement, name)) for name in StatementPublic.model_fields)


def _statements_json(dialect: str, summit_id: Any) -> Any:
    """A scalar subquery: the summit's statements as one JSON list, in stored order."""
    pairs: list[Any] = []
    for name, column in STATEMENT_FIELDS:
        pairs += [literal_column(f"'{name}'"), column]
    if dialect == "postgresql":
        listed = func.json_agg(
            aggregate_order_by(func.json_build_object(*pairs), col(Statement.id))
        )
        found = select(func.coalesce(listed, literal_column("'[]'::json")))
        found = found.where(col(Statement.summit_id) == summit_id)
        return type_coerce(found.scalar_subquery(), JSON)
    ordered = (
        select(func.json_object(*pairs).label("x"))
        .where(col(Statement.summit_id) == summit_id)
        .order_by(col(Statement.id))
        .subquery()
    )
    listed = func.json_group_array(func.json(ordered.c.x))
    return type_coerce(select(listed).scalar_subquery(), JSON)


@cache
def _detail_select(dialect: str) -> Any:
    """The single-summit query for ``dialect``, built once with the id as a parameter:
    building it took longer than running it, and the same statement object keeps its
    compiled form cached (#14)."""
    summit_id = bindparam("summit_id", type_=Integer)
    statements = _statements_json(dialect, summit_id)
    return _plain_select(
        col(SummitSummary.sources), col(Summit.evidence), statements.label("statements")
    ).where(col(Summit.id) == summit_id)


def summit_detail(*, session: Session, summit_id: int) -> dict[str, Any] | None:
    """One summit in the SummitDetail shape as a JSON-ready dict, in one query (its
    columns, its read model and its statements as JSON), or None if there is none."""
    query = _detail_select(session.get_bind().dialect.name)
    row = session.connection().execute(query, {"summit_id": summit_id}).first()
    if row is None:
        return None
    public = plain_row(row._mapping)
    detail = {name: public[name] for name in PUBLIC_FIELDS}
    return detail | {
        "statements": row.statements,
        "sources": row.sources or [],
        "evidence": row.evidence,
    }


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
    index = _people_index(session)
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
