"""Statements: quotes and reported speech, each anchored to its article span."""

from typing import Annotated

from fastapi import APIRouter, Query

from app import crud
from app.api.deps import SessionDep
from app.api.params import MAX_ID, MAX_VALUES, CountQuery, LimitQuery, OffsetQuery, PlainText
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


@router.get(
    "",
    name="list",
    response_model=StatementsPublic,
    status_code=200,
    responses={422: {"model": ErrorOut}},
)
def list_statements(
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
    try:
        conditions = crud.statement_filters(
            session=session,
            speaker=speaker,
            summit_id=summit,
            issue=[i.value for i in issue],
            kind=kind,
            q=q,
        )
    except EmptyQuery as err:
        raise InvalidSearch(str(err)) from err
    statements, total = crud.list_statements(
        session=session,
        conditions=conditions,
        limit=limit,
        offset=offset,
        count=count is CountMode.exact,
    )
    return StatementsPublic(
        data=[StatementPublic.model_validate(s, from_attributes=True) for s in statements],
        count=total,
        facets=crud.facets(
            session=session, names=facet, statement_units=crud.statement_units(conditions)
        )
        if facet
        else None,
    )
