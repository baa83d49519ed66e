"""Shared dependencies: sessions, fetch-or-404 records, the write API key."""

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header
from sqlmodel import Session

from app.api.params import ArticleIdPath, PersonIdPath, SummitIdPath
from app.config import get_settings
from app.db import get_read_engine, read_session
from app.errors import ArticleNotFound, PersonNotFound, SummitNotFound, Unauthorized
from app.models import Article, Person, Summit

__all__ = ["ArticleDep", "PersonDep", "SessionDep", "SummitDep", "WriteKeyDep"]


def get_session() -> Iterator[Session]:
    """One session per request, on the read replica when there is one (#16): no route
    taking it writes, so on PostgreSQL it reads in autocommit (``read_session``)."""
    with read_session(get_read_engine()) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def valid_summit(summit_id: SummitIdPath, session: SessionDep) -> Summit:
    """The summit at this id, or 404."""
    summit = session.get(Summit, summit_id)
    if summit is None:
        raise SummitNotFound(f"no summit with id {summit_id}")
    return summit


def valid_person(person_id: PersonIdPath, session: SessionDep) -> Person:
    """The person at this id, or 404."""
    person = session.get(Person, person_id)
    if person is None:
        raise PersonNotFound(f"no person with id {person_id}")
    return person


def valid_article(article_id: ArticleIdPath, session: SessionDep) -> Article:
    """The article at this id, or 404."""
    article = session.get(Article, article_id)
    if article is None:
        raise ArticleNotFound(f"no article with id {article_id}")
    return article


def require_api_key(
    x_api_key: Annotated[
        str | None,
        Header(description="The server's API_KEY; needed for writes", examples=["change-me"]),
    ] = None,
) -> None:
    """Writes need the key from API_KEY, compared in constant time."""
    expected = get_settings().api_key
    if not expected:
        raise Unauthorized("writes are disabled: the server has no API_KEY set")
    if x_api_key is None or not hmac.compare_digest(x_api_key.encode(), expected.encode()):
        raise Unauthorized("missing or wrong API key")


SummitDep = Annotated[Summit, Depends(valid_summit)]
PersonDep = Annotated[Person, Depends(valid_person)]
ArticleDep = Annotated[Article, Depends(valid_article)]
WriteKeyDep = Annotated[None, Depends(require_api_key)]
