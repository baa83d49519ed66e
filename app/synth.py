"""Synthetic summits for benchmarks: a realistic database built through the real tables.

Leaders come from the leaders table and meet only while in office; each summit gets
1 to 8 participants (mostly two), issues, third countries, 3 to 6 statements and a
source article. The same seed gives the same database.
"""

import datetime as dt
import hashlib
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select
from sqlmodel import col

from app.db import writer
from app.models import (
    Article,
    IssueSlug,
    Person,
    Statement,
    Summit,
    SummitAbout,
    SummitIssue,
    SummitParticipant,
    SummitSource,
    utcnow,
)
from app.nlp.places import lookup_city
from app.nlp.rules import LeaderTerm, load_rules
from app.search import refresh_documents
from app.store import refresh_summary

FIRST_DAY = dt.date(1995, 1, 1)
DAYS = 30 * 365  # thirty years of summits
CHUNK = 2000  # summits written per transaction
PARTICIPANT_WEIGHTS = (0, 5, 70, 10, 5, 4, 3, 2, 1)  # index = participant count (1..8)
VERBS = ("said", "stressed", "noted", "told reporters", "added")
OPENINGS = (
    "We agreed to deepen our cooperation on",
    "Both sides reaffirmed their commitment to",
    "This meeting marks a new chapter for",
    "We discussed in depth the questions of",
    "Our countries will work together on",
    "I raised our serious concerns about",
)


# What one synthetic run wrote.
@dataclass(frozen=True, slots=True)
class SynthReport:
    summits: int
    people: int
    statements: int


def _terms_by_year() -> dict[int, list[LeaderTerm]]:
    by_year: dict[int, list[LeaderTerm]] = defaultdict(list)
    for term in load_rules().leaders:
        if term.start is None:
            continue
        last = (term.end or dt.date(2026, 1, 1)).year
        for year in range(max(term.start.year, FIRST_DAY.year), last + 1):
            by_year[year].append(term)
    return by_year


def _phrase(rng: random.Random, labels: list[str]) -> str:
    topics = rng.sample(labels, k=2)
    return f"{rng.choice(OPENINGS)} {topics[0].lower()} and {topics[1].lower()}."


def generate(*, engine: Engine, summits: int, seed: int = 1) -> SynthReport:
    """Write ``summits`` synthetic summits (and their people, statements and articles)."""
    rng = random.Random(seed)
    rules = load_rules()
    by_year = _terms_by_year()
    labels = [label for label, _ in rules.issues.values()]
    codes = [c for c in rules.countries if len(c) == 2]
    capitals = {c.code: c.capital for c in rules.countries.values() if c.capital}
    people: dict[str, int] = {}
    with writer(engine).begin() as connection:
        for person_id, name in connection.execute(select(col(Person.id), col(Person.name))):
            if person_id is not None:
                people[name] = person_id
        start_summit = connection.execute(
            select(col(Summit.id)).order_by(col(Summit.id).desc())
        ).scalar()
        start_article = connection.execute(
            select(col(Article.id)).order_by(col(Article.id).desc())
        ).scalar()
    next_summit, next_article = (start_summit or 0) + 1, (start_article or 0) + 1
    first_summit = next_summit
    statement_count = 0
    for chunk in _chunks(summits):
        rows: dict[str, list[dict[str, object]]] = defaultdict(list)
        for _ in range(chunk):
            day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
            pool = [t for t in by_year[day.year] if t.in_office(day)] or by_year[day.year]
            size = rng.choices(range(len(PARTICIPANT_WEIGHTS)), PARTICIPANT_WEIGHTS)[0]
            chosen = {t.name: t for t in rng.sample(pool, k=min(size, len(pool)))}
            for term in chosen.values():
                if term.name not in people:
                    people[term.name] = len(people) + 1_000_000  # placeholder, fixed below
                    rows["person"].append(
                        {"name": term.name, "country": term.country, "aliases": list(term.aliases)}
                    )
            host = rng.choice(list(chosen.values())).country
            capital = capitals.get(host)
            city = lookup_city(capital, host) if capital else None
            in_person = rng.random() < 0.8
            summit_id, article_id = next_summit, next_article
            next_summit += 1
            next_article += 1
            issues = rng.sample(list(IssueSlug), k=rng.randint(1, 5))
            rows["summit"].append(
                {
                    "id": summit_id,
                    "date": day,
                    "date_precision": "day",
                    "date_start": day,
                    "date_end": day,
                    "city": city.name if city and in_person else None,
                    "country": host if in_person else None,
                    "latitude": city.latitude if city and in_person else None,
                    "longitude": city.longitude if city and in_person else None,
                    "format": "in_person" if in_person else rng.choice(("phone", "video")),
                    "duration_minutes": rng.choice((None, 30, 45, 60, 90, 120)),
                    "context": rng.choice((None, None, None, "G20 summit", "UN General Assembly")),
                    "kind": ("bilateral", "bilateral", "bilateral", "trilateral")[
                        min(len(chosen), 3)
                    ]
                    if len(chosen) <= 3
                    else "multilateral",
                    "participant_count": len(chosen),
                    "evidence": [],
                    "created_at": utcnow(),
                }
            )
            for term in chosen.values():
                rows["summit_participant"].append(
                    {
                        "summit_id": summit_id,
                        "name": term.name,
                        "role": term.role,
                        "country": term.country,
                    }
                )
            rows["summit_issue"] += [
                {"summit_id": summit_id, "issue_slug": i.value} for i in issues
            ]
            rows["summit_about"] += [
                {"summit_id": summit_id, "country": c}
                for c in rng.sample(codes, k=rng.randint(0, 3))
            ]
            sentences = []
            for _ in range(rng.randint(3, 6)):
                speaker = rng.choice(list(chosen.values())).name
                text = _phrase(rng, labels)
                sentences.append(f'"{text}" {speaker} {rng.choice(VERBS)}.')
                rows["statement"].append(
                    {
                        "summit_id": summit_id,
                        "article_id": article_id,
                        "name": speaker,
                        "speaker": speaker,
                        "text": text,
                        "kind": "direct",
                        "start": 0,
                        "end": len(text),
                    }
                )
            body = " ".join(sentences)
            rows["article"].append(
                {
                    "id": article_id,
                    "source": f"synth-{seed}-{article_id}",
                    "sha256": hashlib.sha256(f"{seed}:{article_id}".encode()).hexdigest(),
                    "title": f"{' and '.join(chosen)} meet",
                    "published_date": day + dt.timedelta(days=1),
                    "status": "extracted",
                    "extractor_version": "synth",
                    "text": body,
                    "raw_text": body,
                    "ingested_at": utcnow(),
                }
            )
            rows["summit_source"].append({"summit_id": summit_id, "article_id": article_id})
        statement_count += len(rows["statement"])
        _write(engine, rows, people)
    with writer(engine).begin() as connection:
        # the read model and search document of every summit written, set-based (#14)
        refresh_summary(session=connection, summit_ids=range(first_summit, next_summit))
        refresh_documents(connection, summits=col(Summit.id) > (start_summit or 0))
        connection.exec_driver_sql("ANALYZE")  # fresh tables need planner statistics
    return SynthReport(summits=summits, people=len(people), statements=statement_count)


def _chunks(total: int) -> Iterator[int]:
    while total > 0:
        yield min(CHUNK, total)
        total -= CHUNK


def _write(
    engine: Engine, rows: dict[str, list[dict[str, object]]], people: dict[str, int]
) -> None:
    """Insert one chunk in one transaction, resolving new people's ids first."""
    with writer(engine).begin() as connection:
        if rows["person"]:
            connection.execute(insert(Person), rows["person"])
            for person_id, name in connection.execute(select(col(Person.id), col(Person.name))):
                if person_id is not None:
                    people[name] = person_id
        connection.execute(insert(Summit), rows["summit"])
        connection.execute(insert(Article), rows["article"])
        connection.execute(
            insert(SummitParticipant),
            [
                {
                    "summit_id": r["summit_id"],
                    "person_id": people[str(r["name"])],
                    "role": r["role"],
                    "country": r["country"],
                }
                for r in rows["summit_participant"]
            ],
        )
        for model, key in (
            (SummitIssue, "summit_issue"),
            (SummitAbout, "summit_about"),
            (SummitSource, "summit_source"),
        ):
            if rows[key]:
                connection.execute(insert(model), rows[key])
        connection.execute(
            insert(Statement),
            [
                {k: v for k, v in r.items() if k != "name"} | {"person_id": people[str(r["name"])]}
                for r in rows["statement"]
            ],
        )


def article_texts(count: int, *, seed: int = 1) -> Iterator[tuple[str, str]]:
    """``count`` plain-text news articles, each reporting one meeting: (file name, text).

    Used to time and stress the loader on realistic input it must extract for real.
    """
    rng = random.Random(seed)
    rules = load_rules()
    by_year = _terms_by_year()
    labels = [label for label, _ in rules.issues.values()]
    demonym = {c.code: (c.demonyms or (c.name,))[0] for c in rules.countries.values()}
    capitals = {c.code: c.capital for c in rules.countries.values() if c.capital}
    for number in range(count):
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        pool = [
            t
            for t in by_year[day.year]
            if t.in_office(day) and t.country in demonym and len(t.country) == 2
        ]
        first, second = rng.sample(pool, k=2)
        city = capitals.get(first.country, "Geneva")
        published = day + dt.timedelta(days=1)
        quote = _phrase(rng, labels)
        text = (
            f"{first.name} and {second.name} hold talks in {city}\n"
            f"Published {published.strftime('%B %d, %Y')}\n"
            f"{demonym[first.country]} {first.role} {first.name} met {demonym[second.country]} "
            f"{second.role} {second.name} in {city} on {day.strftime('%A')}, and the two leaders "
            f"discussed {rng.choice(labels).lower()} and {rng.choice(labels).lower()}.\n"
            f'"{quote}" {first.name} told reporters after the meeting, which lasted '
            f"{rng.choice((30, 45, 60, 90))} minutes.\n"
            f"Article {number} of a synthetic batch (seed {seed}).\n"
        )
        yield f"synth-{seed}-{number:06d}.txt", text
