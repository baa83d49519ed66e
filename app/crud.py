"""Queries and writes. Reads never commit; the loader owns each write's transaction."""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_
from sqlmodel import Session, col, select

from app.models import (
    Article,
    ArticlePublic,
    DatePrecision,
    Issue,
    ParticipantPublic,
    Person,
    SourcePublic,
    Statement,
    StatementKind,
    StatementPublic,
    Summit,
    SummitAbout,
    SummitBase,
    SummitDetail,
    SummitFormat,
    SummitIssue,
    SummitKind,
    SummitParticipant,
    SummitPublic,
    SummitSource,
)
from app.nlp.doc import ArticleDoc, Quote, SummitRecord
from app.nlp.rules import fold, load_rules
from app.sources import SourceArticle


# ------------------------------------------------------------------ dates
def parse_partial_date(value: str | None) -> tuple[dt.date | None, DatePrecision]:
    """'2022' -> (2022-01-01, year); '2023-11' -> (2023-11-01, month); full -> day."""
    if not value:
        return None, DatePrecision.unknown
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 1, 1), DatePrecision.year
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1), DatePrecision.month
        return dt.date.fromisoformat(value), DatePrecision.day
    except ValueError:
        return None, DatePrecision.unknown


def date_text(date: dt.date | None, precision: DatePrecision | str) -> str | None:
    """The date as the guidelines write it: YYYY, YYYY-MM or YYYY-MM-DD."""
    if date is None:
        return None
    return {
        DatePrecision.year: date.strftime("%Y"),
        DatePrecision.month: date.strftime("%Y-%m"),
    }.get(DatePrecision(precision), date.isoformat())


def _dates_agree(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and (a.startswith(b) or b.startswith(a))  # type: ignore[union-attr]


# ------------------------------------------------------------------ people
def get_or_create_person(*, session: Session, name: str, country: str | None) -> Person:
    """The person of that name and country, created from the leaders table if new."""
    code = country or "ZZ"
    person = session.exec(select(Person).where(Person.name == name, Person.country == code)).first()
    if person:
        return person
    rules = load_rules()
    terms = [t for t in rules.leaders if t.name == name]
    aliases = sorted({a for t in terms for a in (*t.aliases, *t.short_names)})
    wikidata = next((t.wikidata_id for t in terms if t.wikidata_id), None)
    person = Person(name=name, country=code, aliases=aliases, wikidata_id=wikidata)
    session.add(person)
    session.flush()
    return person


def _find_person(*, session: Session, name: str) -> Person | None:
    return session.exec(select(Person).where(Person.name == name)).first()


# ------------------------------------------------------------------ writes
def find_article_by_hash(*, session: Session, sha256: str) -> Article | None:
    """The article stored for these exact bytes, if any."""
    return session.exec(select(Article).where(Article.sha256 == sha256)).first()


def store_article(
    *, session: Session, source: SourceArticle, doc: ArticleDoc, extractor_version: str
) -> tuple[Article, list[Summit]]:
    """Write one extracted article and its summits; the caller owns the transaction."""
    meta = doc.meta
    article = Article(
        source=source.source,
        url=source.url or doc.url,
        sha256=source.sha256,
        title=meta.title,
        publisher=meta.publisher,
        published_date=meta.published,
        dateline=meta.dateline,
        text=doc.text,
        raw_text=source.text,
        extractor_version=extractor_version,
    )
    session.add(article)
    session.flush()
    summits = [
        store_summit(session=session, article=article, record=record) for record in doc.summits
    ]
    return article, summits


def _kind(count: int) -> SummitKind:
    if count <= 2:
        return SummitKind.bilateral
    return SummitKind.trilateral if count == 3 else SummitKind.multilateral


def _matching_summit(*, session: Session, person_ids: set[int], date: str | None) -> Summit | None:
    """A stored summit with the same participants on an agreeing date (another source)."""
    if not person_ids or not date:
        return None
    candidates = session.exec(
        select(SummitParticipant.summit_id)
        .where(col(SummitParticipant.person_id).in_(person_ids))
        .group_by(col(SummitParticipant.summit_id))
        .having(func.count() == len(person_ids))
    ).all()
    for summit_id in candidates:
        summit = session.get(Summit, summit_id)
        if summit is None:
            continue
        others = session.exec(
            select(func.count()).where(SummitParticipant.summit_id == summit_id)
        ).one()
        if others == len(person_ids) and _dates_agree(
            date_text(summit.date, summit.date_precision), date
        ):
            return summit
    return None


def store_summit(*, session: Session, article: Article, record: SummitRecord) -> Summit:
    """Store a summit, or attach this article as a new source of the same meeting."""
    people = [
        (get_or_create_person(session=session, name=p.name, country=p.country), p)
        for p in record.participants
    ]
    person_ids = {person.id for person, _ in people if person.id is not None}
    summit = _matching_summit(session=session, person_ids=person_ids, date=record.date)
    date, precision = parse_partial_date(record.date)
    if summit is None:
        summit = Summit(
            date=date,
            date_precision=precision,
            place=record.place,
            city=record.city,
            country=record.country,
            latitude=record.latitude,
            longitude=record.longitude,
            format=SummitFormat(record.format),
            duration_minutes=record.duration_minutes,
            context=record.context,
            kind=_kind(len(people)),
            evidence=[{**e, "article_id": article.id} for e in record.evidence],
        )
        session.add(summit)
        session.flush()
        for person, participant in people:
            session.add(
                SummitParticipant(
                    summit_id=summit.id,  # type: ignore[arg-type]
                    person_id=person.id,  # type: ignore[arg-type]
                    role=participant.role,
                    country=participant.country or person.country,
                )
            )
    else:
        _merge_into(summit, record, date, precision, article)
    assert summit.id is not None
    existing_issues = set(
        session.exec(select(SummitIssue.issue_slug).where(SummitIssue.summit_id == summit.id))
    )
    for slug in sorted(set(record.issues) - existing_issues):
        session.add(SummitIssue(summit_id=summit.id, issue_slug=slug))
    existing_about = set(
        session.exec(select(SummitAbout.country).where(SummitAbout.summit_id == summit.id))
    )
    for code in sorted(set(record.about) - existing_about):
        session.add(SummitAbout(summit_id=summit.id, country=code))
    session.add(SummitSource(summit_id=summit.id, article_id=article.id))  # type: ignore[arg-type]
    for quote in record.statements:
        _store_statement(session=session, summit=summit, article=article, quote=quote)
    session.flush()
    return summit


def _merge_into(
    summit: Summit,
    record: SummitRecord,
    date: dt.date | None,
    precision: DatePrecision,
    article: Article,
) -> None:
    """Fill what the stored summit lacks from another report of it."""
    order = list(DatePrecision)
    if date and order.index(precision) < order.index(DatePrecision(summit.date_precision)):
        summit.date, summit.date_precision = date, precision
    for field in (
        "place",
        "city",
        "country",
        "latitude",
        "longitude",
        "duration_minutes",
        "context",
    ):
        if getattr(summit, field) is None and getattr(record, field) is not None:
            setattr(summit, field, getattr(record, field))
    summit.evidence = [
        *summit.evidence,
        *({**e, "article_id": article.id} for e in record.evidence),
    ]


def _store_statement(*, session: Session, summit: Summit, article: Article, quote: Quote) -> None:
    speaker = quote.speaker or "unknown"
    person = _find_person(session=session, name=speaker)
    session.add(
        Statement(
            summit_id=summit.id,  # type: ignore[arg-type]
            article_id=article.id,  # type: ignore[arg-type]
            person_id=person.id if person else None,
            speaker=speaker,
            text=quote.text,
            kind=StatementKind(quote.kind),
            start=quote.start,
            end=quote.end,
        )
    )


# ------------------------------------------------------------------ reads
def match_people(*, session: Session, query: str) -> set[int]:
    """Ids of people whose name or an alias matches, ignoring case and accents."""
    wanted = fold(query.strip())
    ids = set()
    for person_id, name, aliases in session.exec(select(Person.id, Person.name, Person.aliases)):
        forms = {fold(name), *(fold(a) for a in aliases or [])}
        tokens = set(fold(name).split())
        if wanted in forms or wanted in tokens or (" " in wanted and wanted in fold(name)):
            ids.add(person_id)
    return ids


def _country_codes(query: str) -> set[str]:
    """ISO codes a location word can mean ('Japan', 'JP', 'japanese')."""
    rules = load_rules()
    if len(query) == 2 and query.isalpha():
        return {query.upper()}
    return set(rules.country_index.get(fold(query.strip()), ()))


def summit_filters(
    *,
    session: Session,
    participant: Sequence[str] = (),
    country: Sequence[str] = (),
    location: str | None = None,
    issue: Sequence[str] = (),
    about: Sequence[str] = (),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    format: SummitFormat | None = None,
    q: str | None = None,
) -> list[ColumnElement[bool]]:
    """SQL conditions on Summit for the list filters."""
    conditions: list[ColumnElement[bool]] = []
    for name in participant:
        ids = match_people(session=session, query=name)
        conditions.append(
            col(Summit.id).in_(
                select(SummitParticipant.summit_id).where(
                    col(SummitParticipant.person_id).in_(ids or {-1})
                )
            )
        )
    for code in country:
        conditions.append(
            col(Summit.id).in_(
                select(SummitParticipant.summit_id).where(SummitParticipant.country == code.upper())
            )
        )
    if location:
        codes = _country_codes(location)
        city = func.lower(col(Summit.city)) == location.strip().lower()
        place = func.lower(col(Summit.place)) == location.strip().lower()
        conditions.append(
            or_(city, place, col(Summit.country).in_(codes)) if codes else or_(city, place)
        )
    if issue:
        conditions.append(
            col(Summit.id).in_(
                select(SummitIssue.summit_id).where(col(SummitIssue.issue_slug).in_(list(issue)))
            )
        )
    for code in about:
        conditions.append(
            col(Summit.id).in_(
                select(SummitAbout.summit_id).where(SummitAbout.country == code.upper())
            )
        )
    if date_from:
        conditions.append(col(Summit.date) >= date_from)
    if date_to:
        conditions.append(col(Summit.date) <= date_to)
    if format:
        conditions.append(col(Summit.format) == format.value)
    for word in (q or "").split():
        pattern = f"%{word.lower()}%"
        in_statements = select(Statement.summit_id).where(
            func.lower(col(Statement.text)).like(pattern)
        )
        in_sources = (
            select(SummitSource.summit_id)
            .join(Article, col(Article.id) == col(SummitSource.article_id))
            .where(func.lower(col(Article.text)).like(pattern))
        )
        conditions.append(or_(col(Summit.id).in_(in_statements), col(Summit.id).in_(in_sources)))
    return conditions


def list_summits(
    *, session: Session, conditions: list[ColumnElement[bool]], limit: int, offset: int
) -> tuple[list[Summit], int]:
    """A page of summits, newest first, and the total matching."""
    where = and_(*conditions) if conditions else None
    query = select(Summit)
    count_query = select(func.count()).select_from(Summit)
    if where is not None:
        query = query.where(where)
        count_query = count_query.where(where)
    query = query.order_by(
        col(Summit.date).is_(None), col(Summit.date).desc(), col(Summit.id).desc()
    )
    summits = list(session.exec(query.offset(offset).limit(limit)))
    return summits, session.exec(count_query).one()


def summits_public(*, session: Session, summits: Sequence[Summit]) -> list[SummitPublic]:
    """Summits with participants, issues and about, in three queries for the page."""
    ids = [s.id for s in summits]
    participants: dict[int, list[ParticipantPublic]] = defaultdict(list)
    rows = session.exec(
        select(SummitParticipant, Person)
        .join(Person, col(Person.id) == col(SummitParticipant.person_id))
        .where(col(SummitParticipant.summit_id).in_(ids))
        .order_by(col(Person.name))
    )
    for link, person in rows:
        participants[link.summit_id].append(
            ParticipantPublic(
                person_id=person.id,  # type: ignore[arg-type]
                name=person.name,
                role=link.role,
                country=link.country,
            )
        )
    issues: dict[int, list[str]] = defaultdict(list)
    for summit_id, slug in session.exec(
        select(SummitIssue.summit_id, SummitIssue.issue_slug)
        .where(col(SummitIssue.summit_id).in_(ids))
        .order_by(col(SummitIssue.issue_slug))
    ):
        issues[summit_id].append(slug)
    about: dict[int, list[str]] = defaultdict(list)
    for summit_id, code in session.exec(
        select(SummitAbout.summit_id, SummitAbout.country)
        .where(col(SummitAbout.summit_id).in_(ids))
        .order_by(col(SummitAbout.country))
    ):
        about[summit_id].append(code)
    return [
        SummitPublic(
            **{name: getattr(s, name) for name in SummitBase.model_fields},
            id=s.id,
            date_text=date_text(s.date, s.date_precision),
            participants=participants[s.id],  # type: ignore[index]
            issues=issues[s.id],  # type: ignore[index]
            about=about[s.id],  # type: ignore[index]
        )
        for s in summits
    ]


def summit_detail(*, session: Session, summit: Summit) -> SummitDetail:
    """One summit with statements, sources and evidence."""
    (public,) = summits_public(session=session, summits=[summit])
    statements = session.exec(
        select(Statement).where(Statement.summit_id == summit.id).order_by(col(Statement.id))
    ).all()
    sources = session.exec(
        select(Article)
        .join(SummitSource, col(SummitSource.article_id) == col(Article.id))
        .where(SummitSource.summit_id == summit.id)
        .order_by(col(Article.id))
    ).all()
    return SummitDetail(
        **public.model_dump(),
        statements=[StatementPublic.model_validate(s, from_attributes=True) for s in statements],
        sources=[
            SourcePublic(
                article_id=a.id,  # type: ignore[arg-type]
                title=a.title,
                url=a.url,
                publisher=a.publisher,
                published_date=a.published_date,
            )
            for a in sources
        ],
        evidence=summit.evidence,
    )


def list_statements(
    *,
    session: Session,
    speaker: str | None,
    summit_id: int | None,
    issue: Sequence[str],
    kind: StatementKind | None,
    q: str | None,
    limit: int,
    offset: int,
) -> tuple[list[Statement], int]:
    """A page of statements in article order, and the total matching."""
    conditions: list[Any] = []
    if speaker:
        ids = match_people(session=session, query=speaker)
        by_name = func.lower(col(Statement.speaker)).like(f"%{speaker.strip().lower()}%")
        conditions.append(or_(col(Statement.person_id).in_(ids), by_name) if ids else by_name)
    if summit_id is not None:
        conditions.append(col(Statement.summit_id) == summit_id)
    if issue:
        conditions.append(
            col(Statement.summit_id).in_(
                select(SummitIssue.summit_id).where(col(SummitIssue.issue_slug).in_(list(issue)))
            )
        )
    if kind:
        conditions.append(col(Statement.kind) == kind.value)
    for word in (q or "").split():
        conditions.append(func.lower(col(Statement.text)).like(f"%{word.lower()}%"))
    query = select(Statement).where(*conditions).order_by(col(Statement.id))
    total = session.exec(select(func.count()).select_from(Statement).where(*conditions)).one()
    return list(session.exec(query.offset(offset).limit(limit))), total


def list_people(
    *, session: Session, q: str | None, country: str | None, limit: int, offset: int
) -> tuple[list[tuple[Person, int]], int]:
    """People with their summit counts, most summits first."""
    counts = (
        select(SummitParticipant.person_id, func.count().label("n"))
        .group_by(col(SummitParticipant.person_id))
        .subquery()
    )
    conditions: list[Any] = []
    if q:
        conditions.append(col(Person.id).in_(match_people(session=session, query=q) or {-1}))
    if country:
        conditions.append(col(Person.country) == country.upper())
    query = (
        select(Person, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.person_id == col(Person.id))
        .where(*conditions)
        .order_by(func.coalesce(counts.c.n, 0).desc(), col(Person.name))
    )
    total = session.exec(select(func.count()).select_from(Person).where(*conditions)).one()
    return [(p, int(n)) for p, n in session.exec(query.offset(offset).limit(limit))], total


def summits_of_person(*, session: Session, person_id: int) -> list[Summit]:
    """Every summit a person took part in, newest first."""
    return list(
        session.exec(
            select(Summit)
            .join(SummitParticipant, col(SummitParticipant.summit_id) == col(Summit.id))
            .where(SummitParticipant.person_id == person_id)
            .order_by(col(Summit.date).is_(None), col(Summit.date).desc(), col(Summit.id).desc())
        )
    )


def issues_with_counts(*, session: Session) -> list[tuple[Issue, int]]:
    """Every issue slug with how many summits raised it."""
    counts = (
        select(SummitIssue.issue_slug, func.count().label("n"))
        .group_by(col(SummitIssue.issue_slug))
        .subquery()
    )
    rows = session.exec(
        select(Issue, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.issue_slug == col(Issue.slug))
        .order_by(col(Issue.slug))
    )
    return [(issue, int(n)) for issue, n in rows]


def list_articles(*, session: Session, limit: int, offset: int) -> tuple[list[Article], int]:
    """A page of articles, latest ingested first."""
    total = session.exec(select(func.count()).select_from(Article)).one()
    rows = session.exec(
        select(Article).order_by(col(Article.id).desc()).offset(offset).limit(limit)
    )
    return list(rows), total


def article_summit_ids(*, session: Session, article_id: int) -> list[int]:
    """Summits an article is a source of."""
    return list(
        session.exec(
            select(SummitSource.summit_id)
            .where(SummitSource.article_id == article_id)
            .order_by(col(SummitSource.summit_id))
        )
    )


def article_public(article: Article) -> ArticlePublic:
    """An article without its texts."""
    return ArticlePublic.model_validate(article, from_attributes=True)
