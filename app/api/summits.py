"""Summits: list with filters, and one summit in full."""

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from app import crud
from app.api.deps import SessionDep, SummitDep
from app.models import CountryCode, ErrorOut, IssueSlug, SummitDetail, SummitFormat, SummitsPublic

router = APIRouter(prefix="/summits", tags=["summits"])

CountryQuery = Annotated[
    list[CountryCode],
    Query(
        description="Participant's country, ISO alpha-2 (repeatable: all must take part)",
        examples=["JP"],
    ),
]


@router.get(
    "",
    name="list",
    response_model=SummitsPublic,
    status_code=200,
    responses={422: {"model": ErrorOut}},
)
def list_summits(
    session: SessionDep,
    participant: Annotated[
        list[str],
        Query(
            description="Leader's name or alias, case and accent insensitive "
            "(repeatable: every one named must take part)",
            examples=["Kishida"],
        ),
    ] = [],  # noqa: B006  (FastAPI copies query defaults per request)
    country: CountryQuery = [],  # noqa: B006
    location: Annotated[
        str | None,
        Query(description="City, venue or country name, or ISO code", examples=["Tokyo"]),
    ] = None,
    issue: Annotated[
        list[IssueSlug], Query(description="Issue slug (repeatable: any of)", examples=["missiles"])
    ] = [],  # noqa: B006
    about: Annotated[
        list[CountryCode],
        Query(
            description="Third country discussed, ISO alpha-2 (repeatable: all)", examples=["KP"]
        ),
    ] = [],  # noqa: B006
    date_from: Annotated[
        dt.date | None, Query(description="On or after this date", examples=["2020-01-01"])
    ] = None,
    date_to: Annotated[
        dt.date | None, Query(description="On or before this date", examples=["2024-12-31"])
    ] = None,
    format: Annotated[
        SummitFormat | None, Query(description="How the meeting was held", examples=["phone"])
    ] = None,
    q: Annotated[
        str | None,
        Query(
            description="Words that must all appear in the summit's statements or source texts",
            max_length=200,
            examples=["nuclear"],
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size")] = 50,
    offset: Annotated[int, Query(ge=0, description="Rows to skip")] = 0,
) -> SummitsPublic:
    """Summits matching every filter given, newest first, with the total count."""
    conditions = crud.summit_filters(
        session=session,
        participant=participant,
        country=country,
        location=location,
        issue=[i.value for i in issue],
        about=about,
        date_from=date_from,
        date_to=date_to,
        format=format,
        q=q,
    )
    summits, total = crud.list_summits(
        session=session, conditions=conditions, limit=limit, offset=offset
    )
    return SummitsPublic(data=crud.summits_public(session=session, summits=summits), count=total)


@router.get(
    "/{summit_id}",
    name="get",
    response_model=SummitDetail,
    status_code=200,
    responses={404: {"model": ErrorOut}, 422: {"model": ErrorOut}},
)
def get_summit(summit: SummitDep, session: SessionDep) -> SummitDetail:
    """One summit with participants, issues, third countries, statements, sources and evidence."""
    return crud.summit_detail(session=session, summit=summit)
