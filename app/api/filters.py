"""The summit filters shared by the list, its exports, the map and the timeline."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query
from sqlalchemy import ColumnElement

from app import dates, queries
from app.api.deps import SessionDep
from app.api.params import MAX_VALUES, DatePeriod, PlainText
from app.errors import InvalidSearch
from app.models import CountryCode, IssueSlug, SummitFormat, SummitKind
from app.search import EmptyQuery


# The filtered set of summits (the representation comes from the path or Accept).
@dataclass(frozen=True, slots=True)
class SummitQuery:
    conditions: list[ColumnElement[bool]]
    q: str | None


def summit_query(
    session: SessionDep,
    participant: Annotated[
        list[PlainText],
        Query(
            max_length=MAX_VALUES,
            description="Leader's name or alias, case and accent insensitive "
            "(repeatable: every one named must take part)",
            examples=["Kishida"],
        ),
    ] = [],  # noqa: B006  (FastAPI copies query defaults per request)
    country: Annotated[
        list[CountryCode],
        Query(
            max_length=MAX_VALUES,
            description="A participant's country, ISO alpha-2 (repeatable: all must take part)",
            examples=["JP"],
        ),
    ] = [],  # noqa: B006
    location: Annotated[
        PlainText | None,
        Query(description="City, venue or country name, or ISO code", examples=["Tokyo"]),
    ] = None,
    issue: Annotated[
        list[IssueSlug],
        Query(
            max_length=MAX_VALUES,
            description="Issue slug (repeatable: any of)",
            examples=["missiles"],
        ),
    ] = [],  # noqa: B006
    about: Annotated[
        list[CountryCode],
        Query(
            max_length=MAX_VALUES,
            description="Third country discussed, ISO alpha-2 (repeatable: all)",
            examples=["KP"],
        ),
    ] = [],  # noqa: B006
    date_from: Annotated[
        DatePeriod | None,
        Query(
            description="YYYY, YYYY-MM or YYYY-MM-DD: summits whose date may fall on or "
            "after the first day of this period (2022-11 includes a summit known as 2022)",
            examples=["2020-11"],
        ),
    ] = None,
    date_to: Annotated[
        DatePeriod | None,
        Query(
            description="YYYY, YYYY-MM or YYYY-MM-DD: summits whose date may fall on or "
            "before the last day of this period (2024 means through 2024-12-31)",
            examples=["2024"],
        ),
    ] = None,
    format: Annotated[
        SummitFormat | None,
        Query(
            description="How the leaders met: in_person, phone or video (exports are "
            "/summits.csv, /summits.ndjson and /summits.geojson)",
            examples=["phone"],
        ),
    ] = None,
    kind: Annotated[
        list[SummitKind],
        Query(
            max_length=MAX_VALUES,
            description="bilateral, trilateral or multilateral, as the kind facet counts "
            "(repeatable: any of)",
            examples=["trilateral"],
        ),
    ] = [],  # noqa: B006
    q: Annotated[
        PlainText | None,
        Query(
            description="Full-text search of statements and source articles: every word must "
            'appear; word* matches a prefix, "two words" a phrase',
            max_length=200,
            examples=["nuclear"],
        ),
    ] = None,
) -> SummitQuery:
    """Turn the filter parameters into SQL conditions."""
    try:
        conditions = queries.summit_filters(
            session=session,
            participant=participant,
            country=country,
            location=location,
            issue=[i.value for i in issue],
            about=about,
            date_from=dates.parse_period(date_from)[0] if date_from else None,
            date_to=dates.parse_period(date_to)[1] if date_to else None,
            format=format,
            kind=kind,
            q=q,
        )
    except EmptyQuery as err:
        raise InvalidSearch(str(err)) from err
    return SummitQuery(conditions, q)


SummitQueryDep = Annotated[SummitQuery, Depends(summit_query)]
