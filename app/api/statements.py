"""Statements: quotes and reported speech, each anchored to its article span; exported as
CSV or JSON Lines."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import StreamingResponse
from sqlalchemy import ColumnElement

from app import analytics, export, queries
from app.api.deps import SessionDep
from app.api.params import MAX_ID, MAX_VALUES, CountQuery, LimitQuery, OffsetQuery, PlainText
from app.api.summits import CSV_TYPE, NDJSON_TYPE, ExportLimitQuery, export_responses
from app.errors import InvalidSearch
from app.models import (
    CountMode,
    ErrorOut,
    FacetName,
    IssueSlug,
    StatementKind,
    StatementPublic,
    StatementsPublic,
)
from app.search import EmptyQuery

router = APIRouter(prefix="/statements", tags=["statements"])


def statement_conditions(
    session: SessionDep,
    speaker: Annotated[
        PlainText | None,
        Query(description="Speaker's name or alias, or words of it", examples=["Yoon"]),
    ] = None,
    summit: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Summit id", examples=[1])
    ] = None,
    issue: Annotated[
        list[IssueSlug],
        Query(
            max_length=MAX_VALUES,
            description="Issue slug of the statement's summit (repeatable: any of)",
            examples=["missiles"],
        ),
    ] = [],  # noqa: B006  (FastAPI copies query defaults per request)
    kind: Annotated[
        StatementKind | None,
        Query(description="direct quote or reported speech", examples=["direct"]),
    ] = None,
    q: Annotated[
        PlainText | None,
        Query(
            description="Full-text search: every word must appear; word* matches a prefix, "
            '"two words" a phrase',
            max_length=200,
            examples=["nuclear"],
        ),
    ] = None,
) -> list[ColumnElement[bool]]:
    """The statement filters as SQL conditions, shared by the list and its exports."""
    try:
        return queries.statement_filters(
            session=session,
            speaker=speaker,
            summit_id=summit,
            issue=[i.value for i in issue],
            kind=kind,
            q=q,
        )
    except EmptyQuery as err:
        raise InvalidSearch(str(err)) from err


StatementConditionsDep = Annotated[list[ColumnElement[bool]], Depends(statement_conditions)]


@router.get(
    "",
    name="list",
    response_model=StatementsPublic,
    status_code=200,
    responses={422: {"model": ErrorOut}},
)
def list_statements(
    session: SessionDep,
    conditions: StatementConditionsDep,
    facet: Annotated[
        list[FacetName],
        Query(
            max_length=MAX_VALUES,
            description="Count the filtered statements by these (repeatable)",
            examples=["speaker"],
        ),
    ] = [],  # noqa: B006
    count: CountQuery = CountMode.exact,
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
) -> StatementsPublic:
    """Statements matching every filter given, in the order they were stored."""
    statements, total = queries.list_statements(
        session=session,
        conditions=conditions,
        limit=limit,
        offset=offset,
        count=count is CountMode.exact,
    )
    return StatementsPublic(
        data=[StatementPublic.model_validate(s, from_attributes=True) for s in statements],
        count=total,
        facets=analytics.facets(
            session=session, names=facet, statement_units=analytics.statement_units(conditions)
        )
        if facet
        else None,
    )


@router.get(
    ".csv",
    name="csv",
    status_code=200,
    response_class=StreamingResponse,
    responses=export_responses(
        "text/csv",
        "Every matching statement, one CSV row each: speaker, kind, text, summit id and "
        "date, article URL, offsets",
    ),
)
def statements_csv(conditions: StatementConditionsDep, limit: ExportLimitQuery = None) -> Response:
    """Every matching statement as CSV, streamed in stored order; the list's filters."""
    export.check_statements(conditions)
    return StreamingResponse(
        export.statements_csv(conditions, limit),
        media_type=CSV_TYPE,
        headers={"Content-Disposition": 'attachment; filename="statements.csv"'},
    )


@router.get(
    ".ndjson",
    name="ndjson",
    status_code=200,
    response_class=StreamingResponse,
    responses=export_responses(NDJSON_TYPE, "Every matching statement, one JSON object a line"),
)
def statements_ndjson(
    conditions: StatementConditionsDep, limit: ExportLimitQuery = None
) -> Response:
    """Every matching statement as JSON Lines, streamed in stored order; the list's filters."""
    export.check_statements(conditions)
    return StreamingResponse(export.statements_ndjson(conditions, limit), media_type=NDJSON_TYPE)
