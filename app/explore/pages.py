"""Explorer pages: the summit list with filters, facets and exports, one summit with its
evidence marked in the source text, and one person with their meetings and counterparts.

Every page reads through the functions the API routes use (``queries``, ``analytics`` and the shared
filter dependency), so a page and the JSON it mirrors cannot disagree.
"""

import datetime as dt
import json
import logging
import math
import threading
from collections import Counter, OrderedDict
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import ColumnElement
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from app import analytics, queries
from app.api import serialize
from app.api.deps import PersonDep, SessionDep, SummitDep
from app.api.filters import SummitQueryDep
from app.api.params import MAX_TEXT_CHARS
from app.db import get_read_engine
from app.explore.highlight import Segment, segment, valid_spans
from app.http import VERSION_QUERY
from app.models import (
    Article,
    FacetName,
    FacetValue,
    Interval,
    Issue,
    SummitFormat,
    SummitKind,
    SummitSort,
)

logger = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)  # pages for people; the API schema stays JSON

PAGE_SIZE = 50
MAX_PAGE = 20_000  # a million rows at 50 a page; past that the exports serve better
SUGGESTIONS = 8  # names offered while a participant is typed
PERSON_ROWS = 200  # a person's newest summits listed; the rest are a link away
# Filter sets whose facet counts are kept. Facets over 100,000 summits take about a
# second; a page revisited (the first page, the back button) reuses them until the data
# changes, which the version key notices.
FACET_CACHE_SIZE = 256
# Facets shown beside the list, each with the filter its links set.
FACETS = (
    FacetName.participant,
    FacetName.country,
    FacetName.issue,
    FacetName.about,
    FacetName.year,
    FacetName.meeting_format,
    FacetName.kind,
)
# Filters where every value must hold (a facet link adds one); the others are replaced.
ADDED_FILTERS = frozenset({"participant", "country", "about"})
# Query parameters the exports take, carried from the page to its download links.
EXPORT_FILTERS = (
    "participant",
    "country",
    "location",
    "issue",
    "about",
    "date_from",
    "date_to",
    "format",
    "kind",
    "q",
)
PAGE_FILTERS = frozenset({*EXPORT_FILTERS, "year"})
SORT_LABELS = {
    SummitSort.date_desc: "Newest first",
    SummitSort.date: "Oldest first",
    SummitSort.participants_desc: "Most participants",
    SummitSort.participants: "Fewest participants",
    SummitSort.duration_desc: "Longest",
    SummitSort.duration: "Shortest",
    SummitSort.relevance: "Best match (with a search)",
}
FACET_TITLES = {
    "participant": "Participant",
    "country": "Country",
    "issue": "Issue",
    "about": "About (third country)",
    "year": "Year",
    "format": "Format",
    "kind": "Kind",
}
EVIDENCE_LABELS = {
    "participant": "participant",
    "date": "date",
    "location": "place",
    "quote": "statement",
}

templates = Jinja2Templates(
    env=Environment(
        loader=PackageLoader("app.explore", "templates"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
)


def country_name(code: str | None) -> str:
    """A country's English name for display, or the code itself if unknown."""
    return analytics.country_label(code) if code else ""


templates.env.globals.update(country_name=country_name, evidence_labels=EVIDENCE_LABELS)


# The page's filter state as query pairs, and links that change one part of it.
@dataclass(frozen=True, slots=True)
class PageUrls:
    path: str
    pairs: tuple[tuple[str, str], ...]

    def _url(self, pairs: Iterable[tuple[str, str]]) -> str:
        query = urlencode(list(pairs))
        return f"{self.path}?{query}" if query else self.path

    def active(self) -> list[tuple[str, str]]:
        """The filters set, in URL order, each removable on its own."""
        return [(k, v) for k, v in self.pairs if k in PAGE_FILTERS]

    def has(self, name: str, value: str) -> bool:
        """Whether the filter ``name`` holds ``value`` now."""
        return (name, value) in self.pairs

    def values(self, name: str) -> list[str]:
        """The values of one parameter, in URL order."""
        return [v for k, v in self.pairs if k == name]

    def value(self, name: str) -> str:
        """The first value of one parameter, or ''."""
        return next((v for k, v in self.pairs if k == name), "")

    def toggle(self, name: str, value: str) -> str:
        """The list with ``value`` added to (or replacing) the filter, or removed if held;
        back to the first page, as the set changed."""
        kept = [(k, v) for k, v in self.pairs if k != "page"]
        if (name, value) in kept:
            return self._url(p for p in kept if p != (name, value))
        if name not in ADDED_FILTERS:
            kept = [(k, v) for k, v in kept if k != name]
        return self._url([*kept, (name, value)])

    def drop(self, name: str, value: str) -> str:
        """The list without one filter value."""
        return self._url((k, v) for k, v in self.pairs if k != "page" and (k, v) != (name, value))

    def with_dates(self, date_from: str, date_to: str) -> str:
        """The list narrowed to a date range (replacing any dates set)."""
        kept = [(k, v) for k, v in self.pairs if k not in ("page", "date_from", "date_to")]
        return self._url([*kept, ("date_from", date_from), ("date_to", date_to)])

    def view(self, path: str) -> str:
        """Another view (map, timeline, list) of the same filters."""
        kept = [(k, v) for k, v in self.pairs if k in PAGE_FILTERS]
        query = urlencode(kept)
        return f"{path}?{query}" if query else path

    def page(self, number: int) -> str:
        """The same list at another page."""
        kept = [(k, v) for k, v in self.pairs if k != "page"]
        return self._url([*kept, ("page", str(number))] if number > 1 else kept)

    def sorted_by(self, sort: str) -> str:
        """The same filters in another order (a SummitSort value), from the first page."""
        kept = [(k, v) for k, v in self.pairs if k not in ("page", "sort")]
        return self._url([*kept, ("sort", str(sort))])


CacheKey = tuple[str, str, tuple[tuple[str, str], ...]]  # database, data version, filters
# facet counts and the like per key, least recently used first
_facet_cache: OrderedDict[CacheKey, Any] = OrderedDict()
# keys being computed now: a second asker waits for the first instead of repeating it
_pending: dict[CacheKey, threading.Event] = {}
_facet_lock = threading.Lock()


def _data_version(session: Session) -> str:
    """The database and a token that changes whenever anything is stored."""
    row = session.connection().execute(VERSION_QUERY).one()
    return "|".join(map(str, row))


def cached(session: Session, key: tuple[tuple[str, str], ...], compute: Any) -> Any:
    """``compute()``'s result for this filter set and this state of the data, computed once:
    a request that asks while the same count runs (the start-up warm-up, another visitor)
    waits for it rather than counting again."""
    full = (str(session.get_bind().engine.url), _data_version(session), key)
    while True:
        with _facet_lock:
            if full in _facet_cache:
                _facet_cache.move_to_end(full)
                return _facet_cache[full]
            running = _pending.get(full)
            if running is None:
                done = _pending[full] = threading.Event()
                break
        running.wait()  # then read its result, or count ourselves if it failed
    try:
        value = compute()
        with _facet_lock:
            _facet_cache[full] = value
            while len(_facet_cache) > FACET_CACHE_SIZE:
                _facet_cache.popitem(last=False)
    finally:
        with _facet_lock:
            del _pending[full]
        done.set()
    return value


def _facets(
    session: Session, conditions: list[ColumnElement[bool]], pairs: Sequence[tuple[str, str]]
) -> dict[str, list[FacetValue]]:
    """The facet counts of a filtered list, years newest first (cached per filter set)."""

    def compute() -> dict[str, list[FacetValue]]:
        found = analytics.facets(session=session, names=FACETS, summit_conditions=conditions)
        found["year"] = _by_year(found.get("year", []))
        return found

    key = tuple(sorted((k, v) for k, v in pairs if k in PAGE_FILTERS))
    return cached(session, (("facets", ""), *key), compute)  # type: ignore[no-any-return]


def _issues(session: Session) -> list[Issue]:
    """Every issue, for the issue menu (cached: it changes only with migrations)."""
    return cached(  # type: ignore[no-any-return]
        session,
        (("issues", ""),),
        lambda: [i for i, _ in queries.issues_with_counts(session=session)],
    )


def warm_cache() -> None:
    """Count the unfiltered facets before the first visitor asks for them."""
    try:
        with Session(get_read_engine()) as session:
            _facets(session, [], ())
            _issues(session)
    except SQLAlchemyError as err:  # the pages report an outage themselves
        logger.warning("explorer facets not precomputed: %s", err)


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    """The server takes requests at once while the explorer's first page is counted in the
    background (at 100,000 summits that took start-up from about 5 to 11 s); a visitor who
    comes sooner waits for that count instead of starting another (``cached``)."""
    warming = threading.Thread(target=warm_cache, name="explore-warm-up", daemon=True)
    warming.start()
    try:
        yield
    finally:
        await run_in_threadpool(warming.join)  # no count outlives the app


HTML_ERROR_PATHS = ("/explore/summits/", "/explore/people/")
HTML_ERROR_PAGES = (
    "/explore",
    "/explore/",
    "/explore/map",
    "/explore/timeline",
    "/explore/network",
)


def _is_page(request: Request) -> bool:
    """A request for an explorer page from a browser (suggestions and files stay JSON)."""
    path = request.url.path
    on_page = path in HTML_ERROR_PAGES or path.startswith(HTML_ERROR_PATHS)
    return on_page and wants_html(request.headers.get("accept"))


def _message(item: Mapping[str, Any]) -> str:
    """An error entry for a person: the query parameter it is about, then what is wrong."""
    loc = item.get("loc") or []
    return f"{loc[-1]}: {item['msg']}" if len(loc) == 2 and loc[0] == "query" else item["msg"]


def install_html_errors(app: FastAPI) -> None:
    """Errors on explorer pages as pages: the JSON handlers' own messages and statuses,
    rendered for a person, with a way back."""
    for exc_class, handler in list(app.exception_handlers.items()):

        async def html_error(request: Request, exc: Exception, handler: Any = handler) -> Response:
            response: Response = await handler(request, exc)
            if not _is_page(request) or response.status_code < 400:
                return response
            detail = json.loads(bytes(response.body)).get("detail", [])
            messages = [_message(d) for d in detail] if isinstance(detail, list) else [str(detail)]
            return templates.TemplateResponse(
                request,
                "error.html",
                {"status": response.status_code, "messages": messages},
                status_code=response.status_code,
                headers={k: v for k, v in response.headers.items() if k.lower() == "retry-after"},
            )

        app.add_exception_handler(exc_class, html_error)


def wants_html(accept: str | None) -> bool:
    """Whether a client asks for a web page (a browser's Accept names text/html)."""
    return bool(accept) and "text/html" in (accept or "").lower()


@router.get("/")
def root(accept: Annotated[str | None, Header()] = None) -> Response:
    """A browser goes to the explorer; other clients get the JSON 404 they always got."""
    if wants_html(accept):
        return RedirectResponse("/explore", status_code=303)
    raise HTTPException(status_code=404)


def _year_bounds(
    year: int | None, date_from: dt.date | None, date_to: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """The date range a year filter and explicit dates leave (their intersection)."""
    if year is None:
        return date_from, date_to
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return max(first, date_from or first), min(last, date_to or last)


def _export_query(
    pairs: Sequence[tuple[str, str]], bounds: tuple[dt.date | None, dt.date | None]
) -> list[tuple[str, str]]:
    """The page's filters in the exports' parameters (a year becomes its dates)."""
    kept = [(k, v) for k, v in pairs if k in EXPORT_FILTERS and k not in ("date_from", "date_to")]
    date_from, date_to = bounds
    if date_from:
        kept.append(("date_from", date_from.isoformat()))
    if date_to:
        kept.append(("date_to", date_to.isoformat()))
    return kept


def _by_year(found: list[FacetValue]) -> list[FacetValue]:
    """Year facet values newest first, as a year list reads."""
    return sorted(found, key=lambda v: v.value, reverse=True)


# The summits a page shows: the API's filters plus a year, and the dates they leave.
@dataclass(frozen=True, slots=True)
class PageFilter:
    conditions: list[ColumnElement[bool]]
    q: str | None
    year: int | None
    bounds: tuple[dt.date | None, dt.date | None]


def page_filter(
    session: SessionDep,
    query: SummitQueryDep,
    year: Annotated[int | None, Query(ge=1, le=9999)] = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> PageFilter:
    """The API's filter conditions, narrowed to a year when one is chosen."""
    conditions = list(query.conditions)
    bounds = _year_bounds(year, date_from, date_to)
    if year is not None:
        conditions += queries.summit_filters(
            session=session, date_from=bounds[0], date_to=bounds[1]
        )
    return PageFilter(conditions, query.q, year, bounds)


PageFilterDep = Annotated[PageFilter, Depends(page_filter)]


@router.get("/explore", response_class=HTMLResponse)
def summit_list(
    request: Request,
    session: SessionDep,
    chosen: PageFilterDep,
    sort: SummitSort = SummitSort.date_desc,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    """The summit list: filters, facet counts, sorting, paging and export links."""
    conditions, bounds = chosen.conditions, chosen.bounds
    if sort is SummitSort.relevance and not chosen.q:
        sort = SummitSort.date_desc  # relevance ranks a search; without one, newest first
    summits, total, _ = queries.list_summits(
        session=session,
        conditions=conditions,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        sort=sort,
        q=chosen.q,
    )
    total = total or 0
    urls = PageUrls("/explore", tuple(request.query_params.multi_items()))
    found = _facets(session, conditions, urls.pairs)
    export = urlencode(_export_query(urls.pairs, bounds))
    sort_query = urlencode([*_export_query(urls.pairs, bounds), ("sort", sort.value)])
    pages = max(1, -(-total // PAGE_SIZE))
    return templates.TemplateResponse(
        request,
        "list.html",
        {
            "rows": queries.plain_summits(session=session, summits=summits),
            "total": total,
            "first": (page - 1) * PAGE_SIZE + 1,
            "page": page,
            "pages": pages,
            "facets": found,
            "facet_titles": FACET_TITLES,
            "urls": urls,
            "sort": sort,
            "sort_labels": SORT_LABELS,
            "issues": _issues(session),
            "formats": list(SummitFormat),
            "kinds": list(SummitKind),
            "csv": f"/summits.csv?{sort_query}",
            "ndjson": f"/summits.ndjson?{sort_query}",
            "geojson": f"/summits.geojson?{export}",
            "json": f"/summits?{sort_query}",
        },
    )


MAP_MIN_RADIUS = 0.8  # degrees: a city with one summit stays visible at phone width
MAP_MAX_RADIUS = 4.0  # degrees: the busiest city, without hiding its neighbours


# A city on the map: where, how many summits, and the dot's size in degrees.
@dataclass(frozen=True, slots=True)
class MapPoint:
    city: str | None
    country: str | None
    x: float  # longitude
    y: float  # minus latitude: SVG's y points south
    count: int
    radius: float


def _map_points(rows: list[tuple[str | None, str | None, float, float, int]]) -> list[MapPoint]:
    """Dots whose area follows the summit count, the largest drawn first so the small
    ones stay on top and clickable."""
    peak = max((n for *_, n in rows), default=1)
    return [
        MapPoint(
            city,
            country,
            round(lon, 3),
            round(-lat, 3),
            n,
            round(MAP_MIN_RADIUS + (MAP_MAX_RADIUS - MAP_MIN_RADIUS) * (n / peak) ** 0.5, 2),
        )
        for city, country, lat, lon, n in rows
    ]


@router.get("/explore/map", response_class=HTMLResponse)
def summit_map(request: Request, session: SessionDep, chosen: PageFilterDep) -> Response:
    """Where the filtered summits were held, on a base map served by the app."""
    urls = PageUrls("/explore/map", tuple(request.query_params.multi_items()))
    key = tuple(sorted((k, v) for k, v in urls.pairs if k in PAGE_FILTERS))
    rows = cached(
        session,
        (("map", ""), *key),
        lambda: analytics.city_points(session=session, conditions=chosen.conditions),
    )
    return templates.TemplateResponse(
        request,
        "map.html",
        {
            "points": _map_points(rows),
            "located": sum(n for *_, n in rows),
            "urls": urls,
            "list_urls": PageUrls("/explore", urls.pairs),
            "geojson": f"/summits.geojson?{urlencode(_export_query(urls.pairs, chosen.bounds))}",
        },
    )


# A bar of the timeline: its period, a short label, the count and the list it opens.
@dataclass(frozen=True, slots=True)
class Bar:
    period: str
    label: str
    count: int
    href: str | None


def _timeline_bars(
    points: list[tuple[str, int]], interval: Interval, urls: PageUrls, year: int | None
) -> list[Bar]:
    """Every period from the first to the last (gaps count zero), each a link to its list."""
    counts = dict(points)
    if interval is Interval.month:
        periods = [f"{year:04d}-{m:02d}" for m in range(1, 13)]
        return [
            Bar(
                p,
                p[5:],
                counts.get(p, 0),
                urls.with_dates(*_month_bounds(p)) if counts.get(p) else None,
            )
            for p in periods
        ]
    if not points:
        return []
    first, last = int(points[0][0]), int(points[-1][0])
    return [
        Bar(str(y), f"{y % 100:02d}", counts.get(f"{y:04d}", 0), urls.toggle("year", str(y)))
        for y in range(first, last + 1)
    ]


def _month_bounds(period: str) -> tuple[str, str]:
    """The first and last day of a YYYY-MM month, as dates in a URL."""
    start = dt.date.fromisoformat(f"{period}-01")
    following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start.isoformat(), (following - dt.timedelta(days=1)).isoformat()


@router.get("/explore/timeline", response_class=HTMLResponse)
def summit_timeline(request: Request, session: SessionDep, chosen: PageFilterDep) -> Response:
    """Summits per year of the filtered set, or per month within a chosen year."""
    urls = PageUrls("/explore/timeline", tuple(request.query_params.multi_items()))
    interval = Interval.month if chosen.year is not None else Interval.year
    key = tuple(sorted((k, v) for k, v in urls.pairs if k in PAGE_FILTERS))
    points, month_unknown = cached(
        session,
        (("timeline", interval.value), *key),
        lambda: analytics.timeline(
            session=session, conditions=chosen.conditions, interval=interval
        ),
    )
    bars = _timeline_bars(points, interval, PageUrls("/explore", urls.pairs), chosen.year)
    # summits of the chosen year known only by their year: in no month's bar (#12)
    unplaced = dict(month_unknown).get(f"{chosen.year:04d}", 0) if chosen.year else 0
    return templates.TemplateResponse(
        request,
        "timeline.html",
        {
            "bars": bars,
            "peak": max((b.count for b in bars), default=0),
            "month_unknown": unplaced,
            "interval": interval,
            "year": chosen.year,
            "urls": urls,
        },
    )


NETWORK_PEOPLE = 40  # leaders drawn: more would not fit a phone's width legibly
NETWORK_EDGES = 2000  # heaviest pairs read before keeping those among the leaders drawn
NETWORK_SIZE = 640  # user units of the square drawing
NETWORK_RING = 230  # radius of the circle the leaders sit on
NETWORK_MAX_STROKE = 8.0  # width of the most frequent pair's line


# A leader in the drawing: who, how many summits, where on the circle.
@dataclass(frozen=True, slots=True)
class Node:
    person_id: int
    name: str
    country: str
    count: int
    x: float
    y: float
    anchor: str  # which way the label runs: "start" on the right half, "end" on the left


# Two leaders who met: their nodes, how often, the line's width and the list of it.
@dataclass(frozen=True, slots=True)
class Edge:
    a: Node
    b: Node
    weight: int
    width: float
    href: str


def _network(
    people: list[tuple[int, str, str, int]], pairs: list[tuple[int, int, int]]
) -> tuple[list[Node], list[Edge]]:
    """The most active leaders on a circle, grouped by country, and the pairs among them."""
    chosen = sorted(people, key=lambda p: (-p[3], p[1]))[:NETWORK_PEOPLE]
    chosen.sort(key=lambda p: (p[2], p[1]))  # neighbours on the circle share a country
    centre = NETWORK_SIZE / 2
    nodes = {}
    for i, (person_id, name, country, count) in enumerate(chosen):
        angle = 2 * math.pi * i / max(len(chosen), 1) - math.pi / 2
        x, y = math.cos(angle), math.sin(angle)
        nodes[person_id] = Node(
            person_id,
            name,
            country,
            count,
            round(centre + NETWORK_RING * x, 1),
            round(centre + NETWORK_RING * y, 1),
            "start" if x >= 0 else "end",
        )
    kept = [(a, b, n) for a, b, n in pairs if a in nodes and b in nodes]
    heaviest = max((n for *_, n in kept), default=1)
    edges = [
        Edge(
            nodes[a],
            nodes[b],
            n,
            round(max(0.5, NETWORK_MAX_STROKE * n / heaviest), 2),
            "/explore?"
            + urlencode([("participant", nodes[a].name), ("participant", nodes[b].name)]),
        )
        for a, b, n in sorted(kept, key=lambda e: e[2])  # heaviest drawn last, on top
    ]
    return list(nodes.values()), edges


@router.get("/explore/network", response_class=HTMLResponse)
def summit_network(request: Request, session: SessionDep, chosen: PageFilterDep) -> Response:
    """Who met whom among the most active leaders of the filtered summits."""
    urls = PageUrls("/explore/network", tuple(request.query_params.multi_items()))
    key = tuple(sorted((k, v) for k, v in urls.pairs if k in PAGE_FILTERS))

    def compute() -> tuple[list[tuple[int, str, str, int]], list[tuple[int, int, int]]]:
        people, pairs = analytics.network(
            session=session, conditions=chosen.conditions, limit=NETWORK_EDGES
        )
        return (
            [(p.id, p.name, p.country, n) for p, n in people],  # type: ignore[misc]  # stored: ids set
            [(a, b, n) for a, b, n, _, _ in pairs],
        )

    people, pairs = cached(session, (("network", ""), *key), compute)
    nodes, edges = _network(people, pairs)
    export = urlencode(_export_query(urls.pairs, chosen.bounds))
    return templates.TemplateResponse(
        request,
        "network.html",
        {
            "nodes": nodes,
            "edges": edges,
            "size": NETWORK_SIZE,
            "urls": urls,
            "json": f"/network?{export}" if export else "/network",
            "people": len(people),
        },
    )


@router.get("/explore/suggest", response_class=JSONResponse)
def suggest(
    session: SessionDep,
    q: Annotated[str, Query(max_length=MAX_TEXT_CHARS)] = "",
) -> list[str]:
    """Names starting with what was typed, for the participant field; most summits first."""
    return [p.name for p, _ in queries.suggest_people(session=session, prefix=q, limit=SUGGESTIONS)]


# One source article with the spans that support the record, cut into marked segments.
@dataclass(frozen=True, slots=True)
class MarkedSource:
    article: Article
    segments: list[Segment]
    marked: Mapping[str, int]  # label -> spans marked


def _marked_sources(
    session: SessionDep, summit_id: int, evidence: list[dict[str, Any]], statements: list[Any]
) -> list[MarkedSource]:
    sources = queries.source_articles(session=session, summit_id=summit_id)
    marked = []
    for article in sources:
        spans = [e for e in evidence if e.get("article_id") == article.id]
        spans += [
            {"start": s.start, "end": s.end, "label": "quote", "statement_id": s.id}
            for s in statements
            if s.article_id == article.id
        ]
        kept = valid_spans(article.text, spans)
        marked.append(
            MarkedSource(article, segment(article.text, kept), Counter(s.label for s in kept))
        )
    return marked


@router.get("/explore/summits/{summit_id}", response_class=HTMLResponse)
def summit_page(request: Request, summit: SummitDep, session: SessionDep) -> Response:
    """One summit: who, when, where, how, its statements and the articles behind it."""
    detail = serialize.summit_detail(session=session, summit=summit)
    labels = {i.slug: i.label for i in _issues(session)}
    sources = _marked_sources(session, detail.id, detail.evidence, list(detail.statements))
    return templates.TemplateResponse(
        request,
        "summit.html",
        {
            "summit": detail,
            "issue_labels": labels,
            "sources": sources,
            # statements whose words were found in a source: each links to its mark there
            "anchored": {g.opens[0] for m in sources for g in m.segments if g.opens},
        },
    )


def _per_year(dates: Iterable[dt.date | None]) -> list[tuple[int, int]]:
    """Meetings per year, every year from the first to the last (gaps count zero)."""
    counts = Counter(d.year for d in dates if d)
    if not counts:
        return []
    return [(y, counts[y]) for y in range(min(counts), max(counts) + 1)]


@router.get("/explore/people/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person: PersonDep, session: SessionDep) -> Response:
    """One person: their meetings over time, their counterparts and every summit."""
    summits = queries.summits_of_person(session=session, person_id=person.id)  # type: ignore[arg-type]
    years = _per_year(s.date for s in summits)
    return templates.TemplateResponse(
        request,
        "person.html",
        {
            "person": person,
            "rows": queries.plain_summits(session=session, summits=summits[:PERSON_ROWS]),
            "summit_count": len(summits),
            "years": years,
            "peak": max((n for _, n in years), default=0),
            "counterparts": analytics.person_network(session=session, person_id=person.id),  # type: ignore[arg-type]
        },
    )
