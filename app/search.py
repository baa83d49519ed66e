"""Full-text search with the database's own index: SQLite FTS5 or PostgreSQL tsvector.

The query language is the same on both: words must all appear (stemmed, case and
accent insensitive), ``word*`` matches a prefix, ``"two words"`` a phrase.
"""

import re
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Select,
    func,
    literal_column,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session
from sqlmodel import col

from app.models import Article, Statement, Summit, SummitSource

TOKEN = re.compile(r'"([^"]*)"|(\S+)')
WORD = re.compile(r"\w+")
MAX_TERMS = 12  # a longer query is almost certainly pasted prose


# One term of a search: a word, a prefix or a phrase.
@dataclass(frozen=True, slots=True)
class Term:
    words: tuple[str, ...]
    prefix: bool


class EmptyQuery(ValueError):
    """The search text holds no word to look for."""


def parse(query: str) -> list[Term]:
    """Split ``q`` into terms; punctuation is dropped, quotes make phrases."""
    terms = []
    for phrase, word in TOKEN.findall(query):
        words = tuple(w.lower() for w in WORD.findall(phrase or word))
        if words:
            terms.append(Term(words, prefix=bool(word) and word.endswith("*")))
    if not terms:
        raise EmptyQuery("the search needs at least one word")
    return terms[:MAX_TERMS]


def fts5_query(terms: list[Term]) -> str:
    """The FTS5 MATCH expression: every term, quoted so no word is read as an operator."""
    parts = []
    for term in terms:
        quoted = '"' + " ".join(term.words) + '"'
        parts.append(quoted + ("*" if term.prefix else ""))
    return " AND ".join(parts)


def tsquery(terms: list[Term]) -> str:
    """The PostgreSQL to_tsquery expression: & between terms, <-> inside phrases."""
    parts = []
    for term in terms:
        words = [
            w + (":*" if term.prefix and i == len(term.words) - 1 else "")
            for i, w in enumerate(term.words)
        ]
        parts.append("(" + " <-> ".join(words) + ")")
    return " & ".join(parts)


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def statement_matches(session: Session, terms: list[Term]) -> Select[tuple[int, float]]:
    """(statement id, score) for statements matching; higher scores rank first."""
    if _is_sqlite(session):
        return (
            select(
                literal_column("statement_fts.rowid").label("id"),
                (-func.bm25(literal_column("statement_fts"))).label("score"),
            )
            .select_from(text("statement_fts"))
            .where(
                text("statement_fts MATCH :statement_q").bindparams(statement_q=fts5_query(terms))
            )
        )
    vector = func.to_tsvector("english", col(Statement.text))
    query = func.to_tsquery("english", tsquery(terms))
    return select(col(Statement.id).label("id"), func.ts_rank(vector, query).label("score")).where(
        vector.op("@@")(query)
    )


def article_matches(session: Session, terms: list[Term]) -> Select[tuple[int, float]]:
    """(article id, score) for articles whose cleaned text matches."""
    if _is_sqlite(session):
        return (
            select(
                literal_column("article_fts.rowid").label("id"),
                (-func.bm25(literal_column("article_fts"))).label("score"),
            )
            .select_from(text("article_fts"))
            .where(text("article_fts MATCH :article_q").bindparams(article_q=fts5_query(terms)))
        )
    vector = func.to_tsvector("english", col(Article.text))
    query = func.to_tsquery("english", tsquery(terms))
    return select(col(Article.id).label("id"), func.ts_rank(vector, query).label("score")).where(
        vector.op("@@")(query)
    )


def summit_scores(session: Session, terms: list[Term]) -> Select[tuple[int, float]]:
    """(summit id, best score) over the summit's statements and source articles."""
    statements = statement_matches(session, terms).subquery()
    articles = article_matches(session, terms).subquery()
    hits = union_all(
        select(col(Statement.summit_id).label("summit_id"), statements.c.score).join(
            statements, statements.c.id == col(Statement.id)
        ),
        select(col(SummitSource.summit_id).label("summit_id"), articles.c.score).join(
            articles, articles.c.id == col(SummitSource.article_id)
        ),
    ).subquery()
    return select(hits.c.summit_id, func.max(hits.c.score).label("score")).group_by(
        hits.c.summit_id
    )


def summit_condition(session: Session, terms: list[Term]) -> ColumnElement[bool]:
    """Summits with a matching statement or source article (no scores: cheaper)."""
    statements = select(statement_matches(session, terms).subquery().c.id)
    articles = select(article_matches(session, terms).subquery().c.id)
    return or_(
        col(Summit.id).in_(
            select(col(Statement.summit_id)).where(col(Statement.id).in_(statements))
        ),
        col(Summit.id).in_(
            select(col(SummitSource.summit_id)).where(col(SummitSource.article_id).in_(articles))
        ),
    )


def statement_condition(session: Session, terms: list[Term]) -> ColumnElement[bool]:
    """Statements whose own text matches."""
    return col(Statement.id).in_(select(statement_matches(session, terms).subquery().c.id))
