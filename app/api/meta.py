"""People, issues, articles, ingestion and health."""

import json
from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.config import JsonDict
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.types import Message

from app import export, queries
from app.api import serialize
from app.api.deps import ArticleDep, PersonDep, SessionDep, WriteKeyDep
from app.api.errors import describe_invalid, error_body
from app.api.params import MAX_ID, LimitQuery, OffsetQuery, PlainText
from app.api.summits import CSV_TYPE, NDJSON_TYPE, ExportLimitQuery, export_responses
from app.config import get_settings
from app.db import get_engine, get_read_engine
from app.errors import (
    ExtractionTooSlow,
    PayloadTooLarge,
    UnprocessableArticle,
)
from app.extractor import ExtractionFailed, ExtractionTimeout, ExtractorPool
from app.loader import EmptyArticle, ingest
from app.models import (
    ArticleDetail,
    ArticlesPublic,
    CountryCode,
    ErrorOut,
    HealthOut,
    IngestOut,
    IssuePublic,
    PeoplePublic,
    PersonDetail,
    PersonPublic,
)
from app.nlp.doc import ArticleMeta
from app.sources import (
    MAX_URL_CHARS,
    SUPPLIED_FIELDS,
    FieldProblem,
    RejectedArticle,
    field_problem,
    file_name,
    read_supplied,
    source_from_bytes,
)

people = APIRouter(prefix="/people", tags=["people"])
issues = APIRouter(prefix="/issues", tags=["issues"])
articles = APIRouter(prefix="/articles", tags=["articles"])
health = APIRouter(tags=["health"])
# A standby's replay delay: 0 once it has replayed all it received, null on a primary.
REPLICA_LAG = text(
    "SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL "
    "WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
    "ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
)
NO_LAG = text("SELECT NULL")


PersonSearchQuery = Annotated[
    PlainText | None, Query(description="Name or alias", examples=["Biden"])
]
PersonCountryQuery = Annotated[
    CountryCode | None,
    Query(description="ISO alpha-2 country, or EU, UN, NATO, ASEAN", examples=["JP"]),
]


@people.get("", name="list", response_model=PeoplePublic, responses={422: {"model": ErrorOut}})
def list_people(
    session: SessionDep,
    q: PersonSearchQuery = None,
    country: PersonCountryQuery = None,
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
) -> PeoplePublic:
    """Leaders and other speakers, most summits first."""
    rows, total = queries.list_people(
        session=session, q=q, country=country, limit=limit, offset=offset
    )
    return PeoplePublic(
        data=[PersonPublic(**person.model_dump(), summit_count=count) for person, count in rows],
        count=total,
    )


@people.get(
    ".csv",
    name="csv",
    status_code=200,
    response_class=StreamingResponse,
    responses=export_responses(
        "text/csv", "Every matching person, one CSV row each (aliases joined with '; ')"
    ),
)
def people_csv(
    session: SessionDep,
    q: PersonSearchQuery = None,
    country: PersonCountryQuery = None,
    limit: ExportLimitQuery = None,
) -> Response:
    """Every matching person as CSV, most summits first; the list's filters."""
    rows, _ = queries.list_people(
        session=session, q=q, country=country, limit=limit or MAX_ID, offset=0
    )
    return StreamingResponse(
        export.people_csv(export.plain_people(rows)),
        media_type=CSV_TYPE,
        headers={"Content-Disposition": 'attachment; filename="people.csv"'},
    )


@people.get(
    ".ndjson",
    name="ndjson",
    status_code=200,
    response_class=StreamingResponse,
    responses=export_responses(NDJSON_TYPE, "Every matching person, one JSON object a line"),
)
def people_ndjson(
    session: SessionDep,
    q: PersonSearchQuery = None,
    country: PersonCountryQuery = None,
    limit: ExportLimitQuery = None,
) -> Response:
    """Every matching person as JSON Lines, most summits first; the list's filters."""
    rows, _ = queries.list_people(
        session=session, q=q, country=country, limit=limit or MAX_ID, offset=0
    )
    return StreamingResponse(export.ndjson_lines(export.plain_people(rows)), media_type=NDJSON_TYPE)


@people.get(
    "/{person_id}",
    name="get",
    response_model=PersonDetail,
    responses={404: {"model": ErrorOut}, 422: {"model": ErrorOut}},
)
def get_person(person: PersonDep, session: SessionDep) -> PersonDetail:
    """One person with every summit they took part in."""
    summits = queries.summits_of_person(session=session, person_id=person.id)  # type: ignore[arg-type]
    return PersonDetail(
        **person.model_dump(),
        summit_count=len(summits),
        summits=serialize.summits_public(session=session, summits=summits),
    )


# every route answers 422 for an unknown query parameter, so every one declares it
@issues.get("", name="list", response_model=list[IssuePublic], responses={422: {"model": ErrorOut}})
def list_issues(session: SessionDep) -> list[IssuePublic]:
    """Every issue slug with its description and how many summits raised it."""
    return [
        IssuePublic(slug=i.slug, label=i.label, description=i.description, summit_count=n)
        for i, n in queries.issues_with_counts(session=session)
    ]


@articles.get("", name="list", response_model=ArticlesPublic, responses={422: {"model": ErrorOut}})
def list_articles(
    session: SessionDep,
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
) -> ArticlesPublic:
    """Ingested articles, latest first, without their texts."""
    rows, total = queries.list_articles(session=session, limit=limit, offset=offset)
    return ArticlesPublic(data=[serialize.article_public(a) for a in rows], count=total)


@articles.get(
    "/{article_id}",
    name="get",
    response_model=ArticleDetail,
    responses={404: {"model": ErrorOut}, 422: {"model": ErrorOut}},
)
def get_article(article: ArticleDep, session: SessionDep) -> ArticleDetail:
    """One article with its cleaned text (statement offsets point into it)."""
    return ArticleDetail(
        **serialize.article_public(article).model_dump(),
        text=article.text,
        summit_ids=queries.article_summit_ids(session=session, article_id=article.id),  # type: ignore[arg-type]
    )


NO_NUL = "^[^\\u0000]*$"  # PostgreSQL stores no NUL character, so none is accepted (#13)
# an ISO date, alone or opening a date-time (the day is checked when read)
ISO_DAY = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][^\\u0000]*)?$"
SOME_TEXT = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"  # and blank text is no article
# The schema says what the route checks by hand: ``text`` or ``html`` must hold text (#13).
ARTICLE_BODY_RULE: JsonDict = {
    "anyOf": [
        {"required": ["text"], "properties": {"text": {"type": "string", "pattern": SOME_TEXT}}},
        {"required": ["html"], "properties": {"html": {"type": "string", "pattern": SOME_TEXT}}},
    ]
}


# An article sent as JSON.
class ArticleIn(BaseModel):
    model_config = ConfigDict(json_schema_extra=ARTICLE_BODY_RULE)

    id: str | None = Field(
        default=None,
        description="Your id for it",
        max_length=200,
        json_schema_extra={"pattern": NO_NUL},
    )
    url: str | None = Field(default=None, max_length=2000, json_schema_extra={"pattern": NO_NUL})
    text: str | None = Field(
        default=None,
        description="Plain text as scraped (this or html is required)",
        json_schema_extra={"pattern": NO_NUL},
    )
    html: str | None = Field(
        default=None,
        description="The page's HTML (this or text is required); a page with no body text "
        "is refused",
        json_schema_extra={"pattern": NO_NUL},
    )
    title: str | None = Field(
        default=None,
        description="Headline, if known; wins over the extractor's",
        max_length=SUPPLIED_FIELDS["title"],
        json_schema_extra={"pattern": NO_NUL},
    )
    published: str | None = Field(
        default=None,
        description="Publication date (ISO date or date-time), if known; relative days in "
        "the text count from it",
        max_length=SUPPLIED_FIELDS["published"],
        examples=["2024-03-20"],
        json_schema_extra={"pattern": ISO_DAY},
    )
    publisher: str | None = Field(
        default=None,
        description="Outlet, if known",
        max_length=SUPPLIED_FIELDS["publisher"],
        json_schema_extra={"pattern": NO_NUL},
    )
    dateline: str | None = Field(
        default=None,
        description="Dateline place",
        max_length=SUPPLIED_FIELDS["dateline"],
        json_schema_extra={"pattern": NO_NUL},
    )


def _supplied(fields: Mapping[str, object]) -> ArticleMeta | None:
    """The metadata sent with the article, or a 422 naming the unusable field (#13)."""
    supplied = read_supplied(fields)
    if isinstance(supplied, FieldProblem):
        raise UnprocessableArticle(supplied.reason, loc=("body", supplied.field))
    return supplied


def _limited(request: Request, limit: int) -> Request:
    """The request with a body that ends in a 413 as soon as more than ``limit`` bytes
    have come, so a chunked upload without Content-Length is never buffered whole (#13)."""
    received = 0

    async def receive() -> Message:
        nonlocal received
        message = await request.receive()
        received += len(message.get("body", b""))
        if received > limit:
            raise PayloadTooLarge(f"body over the {limit}-byte limit")
        return message

    return Request(request.scope, receive)


async def _read_upload(
    request: Request, limit: int
) -> tuple[bytes, str, str | None, ArticleMeta | None]:
    """(bytes, source name, url, supplied metadata) from a JSON body or a multipart file
    upload."""
    declared = int(request.headers.get("content-length") or 0)
    if declared > limit:
        raise PayloadTooLarge(f"body over the {limit}-byte limit")
    request = _limited(request, limit)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        try:
            form = await request.form()
        except (MultiPartException, HTTPException) as err:
            raise UnprocessableArticle(f"malformed multipart body: {err}") from err
        upload = form.get("file")
        if not isinstance(upload, UploadFile) and not hasattr(upload, "read"):
            raise UnprocessableArticle("send the article as a 'file' field", loc=("body", "file"))
        data = await upload.read(limit + 1)  # type: ignore[union-attr]
        if len(data) > limit:
            raise PayloadTooLarge(f"file over the {limit}-byte limit")
        url = form.get("url")
        name = file_name(upload.filename or "") or "upload"  # type: ignore[union-attr]
        supplied = _supplied({k: v for k, v in form.items() if k in SUPPLIED_FIELDS})
        return data, name, _checked_url(url if isinstance(url, str) else None), supplied
    body = await request.body()
    if len(body) > limit:
        raise PayloadTooLarge(f"body over the {limit}-byte limit")
    try:
        raw = json.loads(body or b"null")
    except ValueError as err:
        raise UnprocessableArticle(f"body must be an article object: {err}") from err
    if not isinstance(raw, dict):
        raise UnprocessableArticle("body must be a JSON object with 'text' or 'html'")
    _check_fields(raw)
    try:
        payload = ArticleIn.model_validate(raw)
    except ValidationError as err:
        raise UnprocessableArticle(
            f"body must be an article object: {describe_invalid(err)}"
        ) from err
    # the field that holds text, as the schema's anyOf reads it
    content = payload.text if payload.text and payload.text.strip() else payload.html
    if not content:
        raise UnprocessableArticle("give 'text' or 'html'", loc=("body", "text"))
    supplied = _supplied(payload.model_dump(include=set(SUPPLIED_FIELDS)))
    return content.encode("utf-8"), payload.id or "api", payload.url, supplied


def _check_fields(raw: object) -> None:
    """A 422 naming the field that holds text no database can store (#13)."""
    if not isinstance(raw, dict):
        return
    for field in ArticleIn.model_fields:
        value = raw.get(field)
        problem = field_problem(field, value) if isinstance(value, str) else None
        if problem:
            raise UnprocessableArticle(problem, loc=("body", field))


def _checked_url(url: str | None) -> str | None:
    """A multipart ``url`` field that can be stored, or a 422 saying why not."""
    problem = field_problem("url", url, MAX_URL_CHARS)
    if problem:
        raise UnprocessableArticle(problem, loc=("body", "url"))
    return url


@articles.post(
    "",
    name="create",
    response_model=IngestOut,
    status_code=201,
    responses={
        200: {"model": IngestOut, "description": "Already stored: nothing new"},
        401: {"model": ErrorOut},
        413: {"model": ErrorOut},
        422: {
            "model": ErrorOut,
            "description": "Not an article: no text or html, a file that is empty, binary or "
            "not UTF-8, text no database can store, HTML with no body text, or no article "
            "text left once page chrome is removed, a supplied published that is no real ISO "
            "date or date-time, or an extraction over its time budget (extraction_timeout)",
        },
    },
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {"schema": ArticleIn.model_json_schema()},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "url": {"type": "string"},
                            "title": {"type": "string"},
                            "published": {"type": "string"},
                            "publisher": {"type": "string"},
                            "dateline": {"type": "string"},
                        },
                        "required": ["file"],
                    }
                },
            },
            "required": True,
        }
    },
)
async def create_article(request: Request, _key: WriteKeyDep, response: Response) -> IngestOut:
    """Extract and store one article (JSON or file upload); 200 if it was already stored."""
    limit = get_settings().max_article_bytes
    data, source_name, url, supplied = await _read_upload(request, limit)
    source = source_from_bytes(
        data,
        source=source_name,
        article_id=source_name.rsplit(".", 1)[0],
        url=url,
        max_bytes=limit,
        name=source_name,  # the upload's file name or the client's id, kept as sent
        supplied=supplied,
    )
    if isinstance(source, RejectedArticle):
        raise UnprocessableArticle(source.reason)
    extractors: ExtractorPool = request.app.state.extractors
    async with extractors.worker() as extractor:  # waits on the event loop, not in a thread
        try:
            result = await run_in_threadpool(
                ingest, engine=get_engine(), source=source, extractor=extractor
            )
        except ExtractionTimeout as err:
            raise ExtractionTooSlow(str(err)) from err
        except (EmptyArticle, ExtractionFailed) as err:
            raise UnprocessableArticle(str(err)) from err
    if not result.created:
        response.status_code = 200
    with Session(get_engine()) as session:
        summits = serialize.summits_public(session=session, summits=result.summits)
    return IngestOut(
        article=serialize.article_public(result.article), created=result.created, summits=summits
    )


@health.get(
    "/health",
    name="get",
    response_model=HealthOut,
    responses={422: {"model": ErrorOut}, 503: {"model": ErrorOut}},
)
def get_health() -> HealthOut | JSONResponse:
    """Whether the service and its databases answer: the primary, and the read replica
    when there is one, with how far it lags."""
    primary, reads = get_engine(), get_read_engine()
    try:
        with primary.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError:
        return _unavailable("the database is unavailable")
    if reads is primary:
        return HealthOut(
            status="ok",
            database=primary.dialect.name,
            read_database=None,
            replica_lag_seconds=None,
        )
    try:
        with reads.connect() as connection:
            lag = connection.execute(REPLICA_LAG if reads.dialect.name == "postgresql" else NO_LAG)
            seconds = lag.scalar()
    except OperationalError:
        return _unavailable("the read replica (DATABASE_READ_URL) is unavailable")
    return HealthOut(
        status="ok",
        database=primary.dialect.name,
        read_database=reads.dialect.name,
        replica_lag_seconds=None if seconds is None else float(seconds),
    )


def _unavailable(message: str) -> JSONResponse:
    return JSONResponse(error_body(message, "database_unavailable", ()), status_code=503)
