"""Exports of every matching summit, streamed page by page in constant memory."""

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import Session

from app import crud
from app.db import get_engine
from app.models import SummitSort

BATCH = 2000  # summits read per query while streaming
CSV_COLUMNS = (
    "id",
    "date",
    "date_precision",
    "date_start",
    "date_end",
    "participants",
    "participant_countries",
    "place",
    "city",
    "country",
    "latitude",
    "longitude",
    "format",
    "duration_minutes",
    "context",
    "kind",
    "issues",
    "about",
    "participant_ids",
    "source_urls",
)
LIST_SEPARATOR = "; "


def check(conditions: list[ColumnElement[bool]], sort: SummitSort, q: str | None) -> None:
    """Run the export's first query before any byte is sent, so a bad sort is a 422 and
    an unreachable database a 503, not an error inside a started 200 stream (#13)."""
    with Session(get_engine()) as session:
        crud.list_summits(
            session=session, conditions=conditions, limit=1, sort=sort, q=q, count=False, plain=True
        )


def _pages(
    conditions: list[ColumnElement[bool]],
    sort: SummitSort,
    q: str | None,
    *,
    limit: int | None = None,
    with_sources: bool = False,
) -> Iterator[list[dict[str, Any]]]:
    """Every matching summit (the first ``limit`` if given) in ``sort`` order, a keyset
    page at a time, on its own session (a streamed response outlives the request's);
    ``with_sources`` adds each summit's ``source_urls``."""
    cursor: str | None = None
    remaining = limit
    with Session(get_engine()) as session:
        while remaining is None or remaining > 0:
            summits, _, cursor = crud.list_summits(
                session=session,
                conditions=conditions,
                limit=BATCH if remaining is None else min(BATCH, remaining),
                sort=sort,
                cursor=cursor,
                q=q,
                count=False,
                plain=True,
            )
            page = crud.plain_summits(session=session, summits=summits)
            if with_sources:
                urls = crud.source_urls(session=session, summit_ids=[s["id"] for s in page])
                for summit in page:
                    summit["source_urls"] = urls.get(summit["id"], [])
            yield page
            session.expunge_all()
            if remaining is not None:
                remaining -= len(page)
            if cursor is None:
                return


def csv_row(summit: dict[str, Any]) -> list[str]:
    """One summit as CSV cells; lists are joined with '; '."""
    values = {
        **summit,
        "date": summit["date_text"],
        "participants": LIST_SEPARATOR.join(p["name"] for p in summit["participants"]),
        "participant_countries": LIST_SEPARATOR.join(p["country"] for p in summit["participants"]),
        "issues": LIST_SEPARATOR.join(summit["issues"]),
        "about": LIST_SEPARATOR.join(summit["about"]),
        "participant_ids": LIST_SEPARATOR.join(str(p["person_id"]) for p in summit["participants"]),
        "source_urls": LIST_SEPARATOR.join(summit.get("source_urls", [])),
    }
    return ["" if values[c] is None else str(values[c]) for c in CSV_COLUMNS]


def stream_csv(
    conditions: list[ColumnElement[bool]],
    sort: SummitSort,
    q: str | None,
    *,
    limit: int | None = None,
) -> Iterator[str]:
    """A header row, then one row per summit (the first ``limit`` if given)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for page in _pages(conditions, sort, q, limit=limit, with_sources=True):
        for summit in page:
            writer.writerow(csv_row(summit))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def stream_ndjson(
    conditions: list[ColumnElement[bool]],
    sort: SummitSort,
    q: str | None,
    *,
    limit: int | None = None,
) -> Iterator[str]:
    """One JSON object per line, as in the list response's ``data`` (the first ``limit``
    if given)."""
    for page in _pages(conditions, sort, q, limit=limit):
        yield "".join(json.dumps(summit, ensure_ascii=False) + "\n" for summit in page)


def stream_geojson(
    conditions: list[ColumnElement[bool]], sort: SummitSort, q: str | None
) -> Iterator[str]:
    """A GeoJSON FeatureCollection of the summits whose city has coordinates."""
    yield '{"type":"FeatureCollection","features":['
    first = True
    for page in _pages(conditions, sort, q):
        chunk = []
        for summit in page:
            if summit["latitude"] is None or summit["longitude"] is None:
                continue
            feature = {
                "type": "Feature",
                "id": summit["id"],
                "geometry": {
                    "type": "Point",
                    "coordinates": [summit["longitude"], summit["latitude"]],
                },
                "properties": {
                    "date": summit["date_text"],
                    "date_precision": summit["date_precision"],
                    "date_start": summit["date_start"],
                    "date_end": summit["date_end"],
                    "participants": [p["name"] for p in summit["participants"]],
                    "place": summit["place"],
                    "city": summit["city"],
                    "country": summit["country"],
                    "format": summit["format"],
                    "issues": summit["issues"],
                },
            }
            chunk.append(("" if first else ",") + json.dumps(feature, ensure_ascii=False))
            first = False
        yield "".join(chunk)
    yield "]}"
