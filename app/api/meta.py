"""People, issues, articles, ingestion and health."""

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.types import Message

from app import crud
from app.api.deps import ArticleDep, PersonDep, SessionDep, WriteKeyDep
from app.api.params import LimitQuery, OffsetQuery, PlainText
from app.config import get_settings
from app.db import get_engine
from app.errors import ExtractionTooSlow, PayloadTooLarge, UnprocessableArticle, error_body
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
from app.sources import (
    MAX_URL_CHARS,
    RejectedArticle,
    field_problem,
    file_name,
    source_from_bytes,
)

people = APIRouter(prefix="/people", tags=["people"])
issues = APIRouter(prefix="/issues", tags=["issues"])
articles = APIRouter(prefix="/articles", tags=["articles"])
health = APIRouter(tags=["health"])


@people.get("", name="list", response_model=PeoplePublic, responses={422: {"model": ErrorOut}})
def list_people(
    session: SessionDep,
    q: Annotated[PlainText | None, Query(description="Name or alias", examples=["Biden"])] = None,
    country: Annotated[
        CountryCode | None,
        Query(description="ISO alpha-2 country, or EU, UN, NATO, ASEAN", examples=["JP"]),
    ] = None,
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
) -> PeoplePublic:
    """Leaders and other speakers, most summits first."""
    rows, total = crud.list_people(
        session=session, q=q, country=country, limit=limit, offset=offset
    )
    return PeoplePublic(
        data=[PersonPublic(**person.model_dump(), summit_count=count) for person, count in rows],
        count=total,
    )


@people.get(
    "/{person_id}",
    name="get",
    response_model=PersonDetail,
    responses={404: {"model": ErrorOut}, 422: {"model": ErrorOut}},
)
def get_person(person: PersonDep, session: SessionDep) -> PersonDetail:
    """One person with every summit they took part in."""
    summits = crud.summits_of_person(session=session, person_id=person.id)  # type: ignore[arg-type]
    return PersonDetail(
        **person.model_dump(),
        summit_count=len(summits),
        summits=crud.summits_public(session=session, summits=summits),
    )


@issues.get("", name="list", response_model=list[IssuePublic])
def list_issues(session: SessionDep) -> list[IssuePublic]:
    """Every issue slug with its description and how many summits raised it."""
    return [
        IssuePublic(slug=i.slug, label=i.label, description=i.description, summit_count=n)
        for i, n in crud.issues_with_counts(session=session)
    ]


@articles.get("", name="list", response_model=ArticlesPublic, responses={422: {"model": ErrorOut}})
def list_articles(
    session: SessionDep,
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
) -> ArticlesPublic:
    """Ingested articles, latest first, without their texts."""
    rows, total = crud.list_articles(session=session, limit=limit, offset=offset)
    return ArticlesPublic(data=[crud.article_public(a) for a in rows], count=total)


@articles.get(
    "/{article_id}",
    name="get",
    response_model=ArticleDetail,
    responses={404: {"model": ErrorOut}, 422: {"model": ErrorOut}},
)
def get_article(article: ArticleDep, session: SessionDep) -> ArticleDetail:
    """One article with its cleaned text (statement offsets point into it)."""
    return ArticleDetail(
        **crud.article_public(article).model_dump(),
        text=article.text,
        summit_ids=crud.article_summit_ids(session=session, article_id=article.id),  # type: ignore[arg-type]
    )


# An article sent as JSON.
class ArticleIn(BaseModel):
    id: str | None = Field(default=None, description="Your id for it", max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    text: str | None = Field(default=None, description="Plain text as scraped")
    html: str | None = Field(default=None, description="The page's HTML")


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


async def _read_upload(request: Request, limit: int) -> tuple[bytes, str, str | None]:
    """(bytes, source name, url) from a JSON body or a multipart file upload."""
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
        return data, name, _checked_url(url if isinstance(url, str) else None)
    body = await request.body()
    if len(body) > limit:
        raise PayloadTooLarge(f"body over the {limit}-byte limit")
    try:
        raw = json.loads(body or b"null")
    except ValueError as err:
        raise UnprocessableArticle(f"body must be an article object: {err}") from err
    _check_fields(raw)
    try:
        payload = ArticleIn.model_validate(raw)
    except ValueError as err:
        raise UnprocessableArticle(f"body must be an article object: {err}") from err
    content = payload.text or payload.html
    if not content:
        raise UnprocessableArticle("give 'text' or 'html'", loc=("body", "text"))
    return content.encode("utf-8"), payload.id or "api", payload.url


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
        422: {"model": ErrorOut},
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
    data, source_name, url = await _read_upload(request, limit)
    source = source_from_bytes(
        data,
        source=source_name,
        article_id=source_name.rsplit(".", 1)[0],
        url=url,
        max_bytes=limit,
        name=source_name,  # the upload's file name or the client's id, kept as sent
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
        summits = crud.summits_public(session=session, summits=result.summits)
    return IngestOut(
        article=crud.article_public(result.article), created=result.created, summits=summits
    )


@health.get("/health", name="get", response_model=HealthOut, responses={503: {"model": ErrorOut}})
def get_health(session: SessionDep) -> HealthOut | JSONResponse:
    """Whether the service and its database answer."""
    try:
        session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    except OperationalError:
        return JSONResponse(
            error_body("the database is unavailable", "database_unavailable", ()), status_code=503
        )
    return HealthOut(status="ok", database=get_engine().dialect.name)
