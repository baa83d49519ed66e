"""Exports of every matching summit, streamed page by page in constant memory."""

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import Any
from xml.sax.saxutils import XMLGenerator
from xml.sax.xmlreader import AttributesImpl

from sqlalchemy import ColumnElement
from sqlmodel import Session

from app import queries
from app.db import get_read_engine
from app.models import SummitSort
from app.nlp.rules import load_centroids

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
LOCATED_CITY = "city"  # a GeoJSON point at the summit's own coordinates
LOCATED_COUNTRY = "country_centroid"  # only the country is known: its centroid


def started(chunks: Iterator[str]) -> Iterator[str]:
    """``chunks`` with its first taken already: the export's one query runs before any
    byte is sent, so a bad sort is a 422 and an unreachable database a 503, not an error
    inside a started 200 stream (#13), without running a query twice (#14)."""
    first = next(chunks, None)
    return chain(() if first is None else (first,), chunks)


def _summits(
    conditions: list[ColumnElement[bool]],
    sort: SummitSort,
    q: str | None,
    *,
    limit: int | None = None,
) -> Iterator[list[dict[str, Any]]]:
    """Every matching summit (the first ``limit`` if given) in ``sort`` order, in chunks
    of ``BATCH`` read from one query on the stream's own session (a streamed response
    outlives the request's)."""
    with Session(get_read_engine()) as session:
        rows = queries.stream_summits(
            session=session,
            conditions=conditions,
            sort=sort,
            q=q,
            limit=limit,
            batch=BATCH,
        )
        while chunk := list(islice(rows, BATCH)):
            yield chunk


def stream_csv(
    conditions: list[ColumnElement[bool]],
    sort: SummitSort,
    q: str | None,
    *,
    limit: int | None = None,
) -> Iterator[str]:
    """A header row, then one row per summit (the first ``limit`` if given), written as
    the database returns its cells (lists joined with '; ', ``queries.summit_cells``):
    no row is decoded or rebuilt in Python (#14). The first chunk holds the header and the
    first rows, so the query runs before it is yielded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    with Session(get_read_engine()) as session:
        cells = queries.summit_cells(session.get_bind().dialect.name)
        for rows in queries.stream_rows(
            session=session,
            columns=[cells[column] for column in CSV_COLUMNS],
            conditions=conditions,
            sort=sort,
            q=q,
            limit=limit,
            batch=BATCH,
        ):
            writer.writerows(rows)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():  # nothing matched: the header alone
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
    for page in _summits(conditions, sort, q, limit=limit):
        yield "".join(json.dumps(summit, ensure_ascii=False) + "\n" for summit in page)


def _point(summit: dict[str, Any]) -> tuple[tuple[float, float], str] | None:
    """A summit's map point (longitude, latitude) and how it was located, if it was."""
    if summit["latitude"] is not None and summit["longitude"] is not None:
        return (summit["longitude"], summit["latitude"]), LOCATED_CITY
    centroid = load_centroids().get(summit["country"] or "")
    return (centroid, LOCATED_COUNTRY) if centroid else None


def stream_geojson(
    conditions: list[ColumnElement[bool]], sort: SummitSort, q: str | None
) -> Iterator[str]:
    """A GeoJSON FeatureCollection of the located summits: at their city's coordinates, or
    at their country's centroid when only the country is known (#12), as ``located`` says.
    The first chunk opens the collection with the first page, so the query runs first."""
    chunk = ['{"type":"FeatureCollection","features":[']
    first = True
    for page in _summits(conditions, sort, q):
        for summit in page:
            point = _point(summit)
            if point is None:
                continue
            feature = {
                "type": "Feature",
                "id": summit["id"],
                "geometry": {"type": "Point", "coordinates": list(point[0])},
                "properties": {
                    "located": point[1],
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
        chunk = []
    yield "".join(chunk) + "]}"


# ------------------------------------------------------------------ statements, people, graphs
STATEMENT_COLUMNS = (
    "id",
    "speaker",
    "person_id",
    "kind",
    "text",
    "summit_id",
    "summit_date",
    "article_id",
    "article_url",
    "start",
    "end",
)
PERSON_COLUMNS = ("id", "name", "country", "wikidata_id", "aliases", "summit_count")
TIMELINE_COLUMNS = ("period", "count", "month_unknown")
EDGE_COLUMNS = (
    "source",
    "target",
    "source_name",
    "target_name",
    "weight",
    "first_date",
    "first_date_precision",
    "last_date",
    "last_date_precision",
)
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
# (id, for, attr.type) of each GraphML attribute; "label" repeats the name for Gephi,
# which shows a node's "label"
GRAPHML_KEYS = (
    ("name", "node", "string"),
    ("label", "node", "string"),
    ("country", "node", "string"),
    ("summits", "node", "int"),
    ("weight", "edge", "int"),
    ("first_date", "edge", "string"),
    ("first_date_precision", "edge", "string"),
    ("last_date", "edge", "string"),
    ("last_date_precision", "edge", "string"),
)
# characters XML 1.0 cannot hold even escaped (C0 controls but tab, CR, LF; U+FFFE/U+FFFF)
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _cells(row: dict[str, Any], columns: tuple[str, ...]) -> list[str]:
    """A dict as CSV cells: None is empty, lists are joined with '; ', booleans are
    written as JSON writes them."""
    cells = []
    for column in columns:
        value = row[column]
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, list):
            value = LIST_SEPARATOR.join(str(v) for v in value)
        cells.append("" if value is None else str(value))
    return cells


def _csv(columns: tuple[str, ...], pages: Iterable[list[dict[str, Any]]]) -> Iterator[str]:
    """A header row, then one row per record, a chunk per page."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for page in pages:
        writer.writerows(_cells(row, columns) for row in page)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _ndjson(pages: Iterable[list[dict[str, Any]]]) -> Iterator[str]:
    """One JSON object per line, a chunk per page."""
    for page in pages:
        yield "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in page)


def ndjson_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    """Records already read, one JSON object per line."""
    return _ndjson([rows])


def _statement_pages(
    conditions: list[ColumnElement[bool]], limit: int | None
) -> Iterator[list[dict[str, Any]]]:
    """Every matching statement (the first ``limit`` if given) in stored order, a keyset
    page at a time, on the stream's own session."""
    after_id = 0
    remaining = limit
    with Session(get_read_engine()) as session:
        while remaining is None or remaining > 0:
            size = BATCH if remaining is None else min(BATCH, remaining)
            page = queries.plain_statements(
                session=session, conditions=conditions, after_id=after_id, limit=size
            )
            if page:
                yield page
            if len(page) < size:
                return
            after_id = page[-1]["id"]
            if remaining is not None:
                remaining -= len(page)


def check_statements(conditions: list[ColumnElement[bool]]) -> None:
    """The statement export's first query, run before any byte is sent (see ``check``)."""
    with Session(get_read_engine()) as session:
        queries.plain_statements(session=session, conditions=conditions, after_id=0, limit=1)


def statements_csv(conditions: list[ColumnElement[bool]], limit: int | None) -> Iterator[str]:
    """Statements as CSV: speaker, kind, text, summit id and date, article URL, offsets."""
    return _csv(STATEMENT_COLUMNS, _statement_pages(conditions, limit))


def statements_ndjson(conditions: list[ColumnElement[bool]], limit: int | None) -> Iterator[str]:
    """Statements as JSON Lines, with the CSV's fields."""
    return _ndjson(_statement_pages(conditions, limit))


def plain_people(rows: Iterable[tuple[Any, int]]) -> list[dict[str, Any]]:
    """(person, summit count) rows as JSON-ready dicts in the PersonPublic shape."""
    return [
        {
            "id": person.id,
            "name": person.name,
            "country": person.country,
            "wikidata_id": person.wikidata_id,
            "aliases": person.aliases,
            "summit_count": count,
        }
        for person, count in rows
    ]


def people_csv(people: list[dict[str, Any]]) -> Iterator[str]:
    """People as CSV, aliases joined with '; '."""
    return _csv(PERSON_COLUMNS, [people])


def timeline_rows(
    points: Iterable[tuple[str, int]], month_unknown: Iterable[tuple[str, int]] = ()
) -> list[dict[str, Any]]:
    """Timeline points as JSON-ready dicts, oldest first; a year's summits whose month is
    unknown come as a row of their own (``month_unknown`` true) before its months (#12)."""
    rows = [{"period": p, "count": n, "month_unknown": False} for p, n in points]
    rows += [{"period": p, "count": n, "month_unknown": True} for p, n in month_unknown]
    return sorted(rows, key=lambda row: row["period"])


def timeline_csv(points: list[dict[str, Any]]) -> Iterator[str]:
    """The timeline as CSV: period, count."""
    return _csv(TIMELINE_COLUMNS, [points])


def edge_rows(
    nodes: Iterable[tuple[Any, int]], edges: Iterable[tuple[int, int, int, Any, Any]]
) -> list[dict[str, Any]]:
    """Network edges as JSON-ready dicts, with both leaders' names (an edge list that
    Gephi and spreadsheets read without the node table)."""
    names = {person.id: person.name for person, _ in nodes}
    return [
        {
            "source": a,
            "target": b,
            "source_name": names.get(a),
            "target_name": names.get(b),
            "weight": weight,
            "first_date": first[0],
            "first_date_precision": first[1],
            "last_date": last[0],
            "last_date_precision": last[1],
        }
        for a, b, weight, first, last in edges
    ]


def edges_csv(edges: list[dict[str, Any]]) -> Iterator[str]:
    """The network as a CSV edge list (Gephi reads source, target and weight)."""
    return _csv(EDGE_COLUMNS, [edges])


def _xml_text(value: object) -> str:
    """A value as text XML 1.0 can hold; the writer escapes markup characters."""
    return XML_INVALID.sub("", str(value))


def network_graphml(
    nodes: list[tuple[Any, int]], edges: list[tuple[int, int, int, Any, Any]]
) -> Iterator[str]:
    """The network as GraphML (for Gephi, yEd, networkx): undirected, leaders with name,
    country and summit count, edges with weight and first and last meeting dates."""
    buffer = io.StringIO()
    xml = XMLGenerator(buffer, encoding="utf-8", short_empty_elements=True)
    xml.startDocument()
    xml.startElement("graphml", AttributesImpl({"xmlns": GRAPHML_NS}))
    xml.ignorableWhitespace("\n")
    for key, scope, kind in GRAPHML_KEYS:
        attrs = {"id": key, "for": scope, "attr.name": key, "attr.type": kind}
        xml.startElement("key", AttributesImpl(attrs))
        xml.endElement("key")
        xml.ignorableWhitespace("\n")
    xml.startElement("graph", AttributesImpl({"id": "summits", "edgedefault": "undirected"}))
    xml.ignorableWhitespace("\n")

    def data(key: str, value: object) -> None:
        if value is None:
            return
        xml.startElement("data", AttributesImpl({"key": key}))
        xml.characters(_xml_text(value))
        xml.endElement("data")

    for person, summits in nodes:
        xml.startElement("node", AttributesImpl({"id": f"p{person.id}"}))
        data("name", person.name)
        data("label", person.name)
        data("country", person.country)
        data("summits", summits)
        xml.endElement("node")
        xml.ignorableWhitespace("\n")
    yield buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for number, (a, b, weight, first, last) in enumerate(edges):
        attrs = {"id": f"e{number}", "source": f"p{a}", "target": f"p{b}"}
        xml.startElement("edge", AttributesImpl(attrs))
        data("weight", weight)
        data("first_date", first[0])
        data("first_date_precision", first[1])
        data("last_date", last[0])
        data("last_date_precision", last[1])
        xml.endElement("edge")
        xml.ignorableWhitespace("\n")
        if number % BATCH == BATCH - 1:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    xml.endElement("graph")
    xml.ignorableWhitespace("\n")
    xml.endElement("graphml")
    xml.endDocument()
    yield buffer.getvalue() + "\n"
