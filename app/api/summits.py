"""Summits: list (with facets, sorting and cursors), exports by path suffix or Accept (CSV,
NDJSON, GeoJSON), and one summit in full."""

import json
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.openapi.constants import REF_PREFIX
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from app import analytics, export, queries
from app.api.cursor import decode_cursor, encode_cursor
from app.api.deps import SessionDep, get_session
from app.api.filters import SummitQuery, SummitQueryDep
from app.api.params import (
    MAX_ID,
    MAX_VALUES,
    CountQuery,
    LimitQuery,
    OffsetQuery,
    SummitIdPath,
)
from app.errors import SummitNotFound
from app.models import (
    CountMode,
    ErrorOut,
    FacetName,
    SummitDetail,
    SummitFeatureCollection,
    SummitSort,
    SummitsPublic,
)

router = APIRouter(prefix="/summits", tags=["summits"])

CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json"
NDJSON_TYPE = "application/x-ndjson"
GEOJSON_TYPE = "application/geo+json"
EXPORT_TYPES = {"csv": CSV_TYPE, "ndjson": NDJSON_TYPE, "geojson": GEOJSON_TYPE}
# JSON only: each export is declared on its own path with its own media type (#12)
LIST_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {
        "description": "A page of summits. Accept: text/csv, application/x-ndjson or "
        "application/geo+json gets the export of /summits.csv, .ndjson or .geojson instead",
    },
    422: {
        "model": ErrorOut,
        "description": "A parameter is invalid, or parameters do not go together: a cursor "
        "issued for another sort, relevance without q, a search with nothing to search for, "
        "a date whose day is past its month's end (2021-02-30)",
    },
}


def export_responses(
    media_type: str, description: str, schema: dict[str, str] | None = None
) -> dict[int | str, dict[str, object]]:
    """The OpenAPI responses of an export route: its own media type, or a 422."""
    body = schema if schema is not None else {"type": "string"}
    return {
        200: {"description": description, "content": {media_type: {"schema": body}}},
        422: {"model": ErrorOut},
    }


def accepted_export(accept: str | None) -> str | None:
    """The export an Accept header asks for (csv, ndjson, geojson), or None for JSON."""
    if not accept:
        return None
    wanted = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    for name, media_type in EXPORT_TYPES.items():
        if media_type.split(";")[0] in wanted:
            return name
    return None


def export_response(
    name: str, query: SummitQuery, sort: SummitSort, limit: int | None = None
) -> StreamingResponse:
    """Every matching summit (the first ``limit`` for CSV and NDJSON) as CSV, NDJSON or
    GeoJSON, streamed. Its query runs before the response starts (``export.started``); an
    error after the first byte aborts the connection, so the client sees a broken
    transfer instead of a short body."""
    if name == "csv":
        return StreamingResponse(
            export.started(export.stream_csv(query.conditions, sort, query.q, limit=limit)),
            media_type=CSV_TYPE,
            headers={"Content-Disposition": 'attachment; filename="summits.csv"'},
        )
    if name == "ndjson":
        return StreamingResponse(
            export.started(export.stream_ndjson(query.conditions, sort, query.q, limit=limit)),
            media_type=NDJSON_TYPE,
        )
    return StreamingResponse(
        export.started(export.stream_geojson(query.conditions, sort, query.q)),
        media_type=GEOJSON_TYPE,
    )


SortQuery = Annotated[
    SummitSort,
    Query(
        description="Order; '-' for descending; relevance needs q. Ties go by id.",
        examples=["-date"],
    ),
]
CursorQuery = Annotated[
    str | None,
    Query(
        description="The `next` cursor of the previous page (keyset paging)",
        examples=["WyItZGF0ZSIsIjIwMjMtMTEtMTYiLDJd"],
    ),
]
ExportLimitQuery = Annotated[
    int | None,
    Query(
        ge=1,
        le=MAX_ID,
        description="Stop after this many records (default: every match)",
        examples=[1000],
    ),
]
FacetQuery = Annotated[
    list[FacetName],
    Query(
        max_length=MAX_VALUES,
        description="Count the filtered summits by these (repeatable)",
        examples=["issue"],
    ),
]


def next_link(request: Request, cursor: str) -> str:
    """An RFC 8288 Link header to the next page."""
    url = request.url.remove_query_params(["cursor", "offset"]).include_query_params(cursor=cursor)
    return f'<{url}>; rel="next"'


@router.get(
    "",
    name="list",
    response_model=SummitsPublic,
    status_code=200,
    responses=LIST_RESPONSES,
)
def list_summits(
    request: Request,
    session: SessionDep,
    query: SummitQueryDep,
    sort: SortQuery = SummitSort.date_desc,
    cursor: CursorQuery = None,
    facet: FacetQuery = [],  # noqa: B006  (FastAPI copies query defaults per request)
    count: CountQuery = CountMode.exact,
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    """Summits matching every filter, newest first, with the total, facets and next cursor."""
    wanted = accepted_export(accept)
    if wanted:
        return export_response(wanted, query, sort)
    after = None
    if cursor and (sort is not SummitSort.relevance or query.q):  # else list_summits says why
        after = decode_cursor(cursor, sort)
    summits, total, resume = queries.list_summits(
        session=session,
        conditions=query.conditions,
        limit=limit,
        offset=offset,
        sort=sort,
        after=after,
        q=query.q,
        count=count is CountMode.exact,
        plain=True,
    )
    following = encode_cursor(sort, *resume) if resume else None
    found = analytics.facets(session=session, names=facet, summit_conditions=query.conditions)
    body = {
        "data": [queries.plain_row(row._mapping) for row in summits],  # type: ignore[attr-defined]
        "count": total,
        "next": following,
        "facets": {k: [v.model_dump() for v in values] for k, values in found.items()}
        if facet
        else None,
    }
    # the hot path: plain dicts in the documented SummitsPublic shape, serialised once
    headers = {"Link": next_link(request, following)} if following else None
    return Response(json.dumps(body, ensure_ascii=False), media_type=JSON_TYPE, headers=headers)


@router.get(
    ".csv",
    name="csv",
    status_code=200,
    response_class=StreamingResponse,
    responses=export_responses(
        "text/csv",
        "Every matching summit, one CSV row each (lists joined with '; ')",
        {"type": "string"},
    ),
)
def summits_csv(
    query: SummitQueryDep, sort: SortQuery = SummitSort.date_desc, limit: ExportLimitQuery = None
) -> Response:
    """Every matching summit as CSV, streamed; the list's filters and sorts."""
    return export_response("csv", query, sort, limit)


@router.get(
    ".ndjson",
    name="ndjson",
    status_code=200,
    response_class=StreamingResponse,
    responses=export_responses(
        NDJSON_TYPE,
        "Every matching summit, one JSON object a line (a SummitPublic each)",
        {"type": "string"},
    ),
)
def summits_ndjson(
    query: SummitQueryDep, sort: SortQuery = SummitSort.date_desc, limit: ExportLimitQuery = None
) -> Response:
    """Every matching summit as JSON Lines, streamed; the list's filters and sorts."""
    return export_response("ndjson", query, sort, limit)


@router.get(
    ".geojson",
    name="geojson",
    status_code=200,
    response_class=StreamingResponse,
    response_model=SummitFeatureCollection,  # puts the schema in components; streamed, not built
    responses=export_responses(
        GEOJSON_TYPE,
        "A GeoJSON FeatureCollection of the matching summits' cities",
        {"$ref": f"{REF_PREFIX}SummitFeatureCollection"},
    ),
)
def summits_geojson(query: SummitQueryDep) -> Response:
    """Every matching summit with a located city, as map points."""
    return export_response("geojson", query, SummitSort.date_desc)


@router.get(
    "/{summit_id}",
    name="get",
    response_model=SummitDetail,
    status_code=200,
    responses={404: {"model": ErrorOut}, 422: {"model": ErrorOut}},
)
async def get_summit(summit_id: SummitIdPath) -> Response:
    """One summit with participants, issues, third countries, statements, sources and evidence."""
    # async, with the session opened, read, closed and the body written in one thread hop:
    # a session dependency and a plain def route took three hops, which cost more than
    # the query (#14)
    return Response(await run_in_threadpool(summit_body, summit_id), media_type=JSON_TYPE)


def summit_body(summit_id: int) -> bytes:
    """The summit's JSON body, or SummitNotFound: one query, serialised once, as FastAPI's
    JSONResponse would write the SummitDetail it declares."""
    with contextmanager(get_session)() as session:
        detail = queries.summit_detail(session=session, summit_id=summit_id)
    if detail is None:
        raise SummitNotFound(f"no summit with id {summit_id}")
    body = json.dumps(detail, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return body.encode()
