"""Statements: quotes and reported speech, each anchored to its article span."""

from typing import Annotated

from fastapi import APIRouter, Query

from app import crud
from app.api.deps import SessionDep
from app.models import ErrorOut, IssueSlug, StatementKind, StatementPublic, StatementsPublic

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
        str | None,
        Query(description="Speaker's name or alias, or words of it", examples=["Yoon"]),
    ] = None,
    summit: Annotated[int | None, Query(description="Summit id", examples=[1])] = None,
    issue: Annotated[
        list[IssueSlug],
        Query(description="Issue slug of the statement's summit (repeatable: any of)"),
    ] = [],  # noqa: B006  (FastAPI copies query defaults per request)
    kind: Annotated[
        StatementKind | None, Query(description="direct quote or reported speech")
    ] = None,
    q: Annotated[
        str | None,
        Query(description="Words that must all appear in the statement", max_length=200),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size")] = 50,
    offset: Annotated[int, Query(ge=0, description="Rows to skip")] = 0,
) -> StatementsPublic:
    """Statements matching every filter given, in the order they were stored."""
    statements, total = crud.list_statements(
        session=session,
        speaker=speaker,
        summit_id=summit,
        issue=[i.value for i in issue],
        kind=kind,
        q=q,
        limit=limit,
        offset=offset,
    )
    return StatementsPublic(
        data=[StatementPublic.model_validate(s, from_attributes=True) for s in statements],
        count=total,
    )
