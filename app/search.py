"""Full-text search with the database's own index: SQLite FTS5 or PostgreSQL tsvector.

The query language is the same on both: words must all appear (stemmed, case and
accent insensitive), ``word*`` matches a prefix, ``"two words"`` a phrase.

Summits are searched through one document each (their own fields, their statements and
their source articles' text), which the write path keeps in step (``refresh_documents``)
and the database ranks and limits: bm25 on SQLite, ts_rank on PostgreSQL (#14).
Statements are searched through their own text.
"""

import functools
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    case,
    column,
    delete,
    func,
    insert,
    literal,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session
from sqlmodel import col

from app.models import (
    Article,
    Issue,
    Person,
    Statement,
    Summit,
    SummitAbout,
    SummitIssue,
    SummitParticipant,
    SummitSource,
)
from app.nlp.rules import load_rules

TOKEN = re.compile(r'"([^"]*)"|(\S+)')
WORD = re.compile(r"\w+")
MAX_TERMS = 12  # a longer query is almost certainly pasted prose
# The summit document's parts, most telling first, and their bm25 weights on SQLite: the
# ratio of PostgreSQL's default ts_rank weights for the A, B and C they get there (1.0,
# 0.4, 0.2), so both rank a match in a summit's own fields above one in its statements,
# and one in its statements above one only in a source article's text.
PARTS = ("summit", "statements", "sources")
BM25_WEIGHTS = (5.0, 2.0, 1.0)


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


def _is_sqlite(session: Session | Connection) -> bool:
    bind = session.get_bind() if isinstance(session, Session) else session
    return bind.dialect.name == "sqlite"


# ------------------------------------------------------------------ the summit document
# One row per summit, built by migration 0008 outside the models: on SQLite an FTS5 table
# (rowid = summit id) with one column per part, on PostgreSQL a weighted tsvector.
SQLITE_DOCUMENT = table("summit_fts", column("rowid"), *(column(part) for part in PARTS))
POSTGRESQL_DOCUMENT = table("summit_fts", column("summit_id"), column("document"))
ENGLISH: ColumnElement[str] = literal_column("'english'")  # one literal config, as indexed


def _joined(
    value: Any, summit_id: Any, order: tuple[Any, ...], *joins: tuple[Any, Any], sqlite: bool
) -> Any:
    """The summit's values of ``value`` joined by spaces ('' when none), as a correlated
    subquery over ``summit_id``'s table: one aggregate per summit, read by its index. In
    ``order``, so a document reads the same whichever plan, and so whichever load path,
    built it (#16)."""
    query = select(value.label("part")).select_from(summit_id.table)
    for target, on in joins:
        query = query.join(target, on)
    query = query.where(summit_id == col(Summit.id))
    if sqlite:  # no ORDER BY inside an aggregate before SQLite 3.44: it keeps a subquery's
        rows = query.order_by(*order).correlate(Summit).subquery()
        aggregate = select(func.aggregate_strings(rows.c.part, " "))
    else:
        aggregate = query.with_only_columns(
            func.string_agg(value, aggregate_order_by(literal(" "), *order))
        )
    return func.coalesce(aggregate.scalar_subquery(), "")


def _sql_string(value: str) -> ColumnElement[str]:
    """A string constant written into the SQL (quotes doubled, as both databases read it)."""
    return literal_column("'" + value.replace("'", "''") + "'")


@functools.cache
def _document_parts(*, sqlite: bool) -> tuple[Any, Any, Any]:
    """SQL for the three parts of each summit's document: its own fields (participants,
    place, city, host country, context, issues, third countries), its statements' text
    and its source articles' text; built once, as the rules it names are read once."""
    names = {
        _sql_string(code): _sql_string(country.name)
        for code, country in sorted(load_rules().countries.items())
    }
    # a CASE, not a VALUES list to join: SQLAlchemy caches its compiled form (a list of
    # values it compiles again each time) and the database tests a few codes a summit
    # instead of scanning the list; its values written into the SQL, not bound: five
    # hundred parameters sent with every refresh cost the loader more than the rest of
    # the statement (#16)
    host = case(names, value=col(Summit.country), else_="")
    about = case(names, value=col(SummitAbout.country), else_=col(SummitAbout.country))
    fields = [
        _joined(
            col(Person.name),
            col(SummitParticipant.summit_id),
            (col(Person.name), col(Person.country)),
            (Person, col(Person.id) == col(SummitParticipant.person_id)),
            sqlite=sqlite,
        ),
        func.coalesce(col(Summit.place), ""),
        func.coalesce(col(Summit.city), ""),
        host,
        func.coalesce(col(Summit.context), ""),
        _joined(
            col(Issue.label),
            col(SummitIssue.summit_id),
            (col(SummitIssue.issue_slug),),
            (Issue, col(Issue.slug) == col(SummitIssue.issue_slug)),
            sqlite=sqlite,
        ),
        _joined(about, col(SummitAbout.summit_id), (col(SummitAbout.country),), sqlite=sqlite),
    ]
    own = fields[0]
    for field in fields[1:]:
        own = own + " " + field
    statements = _joined(
        col(Statement.text), col(Statement.summit_id), (col(Statement.id),), sqlite=sqlite
    )
    sources = _joined(
        col(Article.text),
        col(SummitSource.summit_id),
        (col(SummitSource.article_id),),
        (Article, col(Article.id) == col(SummitSource.article_id)),
        sqlite=sqlite,
    )
    return own, statements, sources


def refresh_documents(
    executor: Session | Connection, *, summits: ColumnElement[bool] | None = None
) -> None:
    """Rebuild the search document of the summits matching ``summits`` (all by default)
    from what is stored, in the caller's transaction: every write that changes a summit,
    its links, statements or sources calls this, so search sees the change at commit."""
    where = [summits] if summits is not None else []
    chosen = select(col(Summit.id)).where(*where)
    own, statements, sources = _document_parts(sqlite=_is_sqlite(executor))
    if _is_sqlite(executor):
        target = SQLITE_DOCUMENT
        executor.execute(delete(target).where(target.c.rowid.in_(chosen)))
        rows = select(col(Summit.id), own, statements, sources).where(*where)
        executor.execute(insert(target).from_select(["rowid", *PARTS], rows))
        return
    target = POSTGRESQL_DOCUMENT
    document = (
        func.setweight(func.to_tsvector(ENGLISH, own), literal_column("'A'"))
        .op("||")(func.setweight(func.to_tsvector(ENGLISH, statements), literal_column("'B'")))
        .op("||")(func.setweight(func.to_tsvector(ENGLISH, sources), literal_column("'C'")))
    )
    executor.execute(delete(target).where(target.c.summit_id.in_(chosen)))
    rows = select(col(Summit.id), document).where(*where)
    executor.execute(insert(target).from_select(["summit_id", "document"], rows))


# ------------------------------------------------------------------ matching
def _summit_matches(session: Session, terms: list[Term], *scores: Any) -> Select[Any]:
    """The ids (as ``summit_id``) of the summits whose document matches, with ``scores``."""
    if _is_sqlite(session):
        return (
            select(literal_column("summit_fts.rowid").label("summit_id"), *scores)
            .select_from(text("summit_fts"))
            .where(text("summit_fts MATCH :summit_q").bindparams(summit_q=fts5_query(terms)))
        )
    document = POSTGRESQL_DOCUMENT.c.document
    return select(POSTGRESQL_DOCUMENT.c.summit_id.label("summit_id"), *scores).where(
        document.op("@@")(func.to_tsquery(ENGLISH, tsquery(terms)))
    )


def summit_scores(session: Session, terms: list[Term]) -> Select[tuple[int, float]]:
    """(summit id, score) of the summits whose document matches; higher scores rank first.

    The database ranks (FTS5 bm25, ts_rank) over one row per summit, so a query costs one
    index lookup, however many statements or articles match."""
    score: ColumnElement[float]
    if _is_sqlite(session):
        weights: list[ColumnElement[float]] = [literal_column(repr(w)) for w in BM25_WEIGHTS]
        score = -func.bm25(literal_column("summit_fts"), *weights)
    else:
        query = func.to_tsquery(ENGLISH, tsquery(terms))
        score = func.ts_rank(POSTGRESQL_DOCUMENT.c.document, query)
    return _summit_matches(session, terms, score.label("score"))


def summit_condition(session: Session, terms: list[Term]) -> ColumnElement[bool]:
    """Summits whose document matches (no scores: cheaper)."""
    return col(Summit.id).in_(_summit_matches(session, terms))


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


def statement_condition(session: Session, terms: list[Term]) -> ColumnElement[bool]:
    """Statements whose own text matches."""
    return col(Statement.id).in_(select(statement_matches(session, terms).subquery().c.id))
