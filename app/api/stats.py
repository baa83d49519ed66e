"""Aggregates: the timeline of summits and the meeting network, as JSON or exported as
CSV, JSON Lines and GraphML."""

from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.responses import StreamingResponse

from app import analytics, export, queries
from app.api.deps import PersonDep, SessionDep
from app.api.filters import SummitQueryDep
from app.api.params import MAX_ID
from app.api.summits import CSV_TYPE, NDJSON_TYPE, export_responses
from app.models import (
    Counterpart,
    ErrorOut,
    Interval,
    NetworkEdge,
    NetworkNode,
    NetworkOut,
    PersonNetwork,
    PersonPublic,
    TimelineOut,
    TimelinePoint,
)

MAX_EDGES = 100_000  # a graph larger than this is no longer drawable anyway
GRAPHML_TYPE = "application/graphml+xml"

IntervalQuery = Annotated[
    Interval, Query(description="Count per month or per year", examples=["year"])
]
MinWeightQuery = Annotated[
    int, Query(ge=1, le=MAX_ID, description="Leave out pairs that met fewer times", examples=[2])
]
EdgeLimitQuery = Annotated[
    int | None,
    Query(ge=1, le=MAX_EDGES, description="Keep only this many heaviest edges", examples=[100]),
]

stats = APIRouter(prefix="/stats", tags=["stats"])
network = APIRouter(tags=["network"])


@stats.get(
    "/timeline", name="timeline", response_model=TimelineOut, responses={422: {"model": ErrorOut}}
)
def get_timeline(
    session: SessionDep,
    query: SummitQueryDep,
    interval: IntervalQuery = Interval.month,
) -> TimelineOut:
    """Summit counts over time, with the same filters as the summit list; per month, the
    summits known only by their year are counted per year in month_unknown."""
    points, unplaced = analytics.timeline(
        session=session, conditions=query.conditions, interval=interval
    )
    return TimelineOut(
        interval=interval,
        data=[TimelinePoint(period=p, count=n) for p, n in points],
        month_unknown=[TimelinePoint(period=p, count=n) for p, n in unplaced],
    )


@network.get(
    "/people/{person_id}/network",
    name="person",
    response_model=PersonNetwork,
    responses={404: {"model": ErrorOut}, 422: {"model": ErrorOut}},
)
def get_person_network(person: PersonDep, session: SessionDep) -> PersonNetwork:
    """Who this leader met, how often, and the first and last meeting."""
    rows = analytics.person_network(session=session, person_id=person.id)  # type: ignore[arg-type]
    own = queries.count_summits_of_person(session=session, person_id=person.id)  # type: ignore[arg-type]
    return PersonNetwork(
        person=PersonPublic(**person.model_dump(), summit_count=own),
        counterparts=[
            Counterpart(
                person=PersonPublic(**other.model_dump(), summit_count=n),
                meetings=n,
                first_date=first[0],
                first_date_precision=first[1],
                last_date=last[0],
                last_date_precision=last[1],
            )
            for other, n, first, last in rows
        ],
    )


@network.get(
    "/network", name="graph", response_model=NetworkOut, responses={422: {"model": ErrorOut}}
)
def get_network(
    session: SessionDep,
    query: SummitQueryDep,
    min_weight: MinWeightQuery = 1,
    limit: EdgeLimitQuery = None,
) -> NetworkOut:
    """The meeting graph of the filtered summits: leaders, and edges weighted by meetings;
    only leaders on a kept edge appear when min_weight or limit prunes it."""
    nodes, edges = analytics.network(
        session=session, conditions=query.conditions, min_weight=min_weight, limit=limit
    )
    return NetworkOut(
        nodes=[
            NetworkNode(id=p.id, name=p.name, country=p.country, summits=n)  # type: ignore[arg-type]
            for p, n in nodes
        ],
        edges=[
            NetworkEdge(
                source=a,
                target=b,
                weight=n,
                first_date=first[0],
                first_date_precision=first[1],
                last_date=last[0],
                last_date_precision=last[1],
            )
            for a, b, n, first, last in edges
        ],
    )


@stats.get(
    "/timeline.csv",
    name="timeline_csv",
    status_code=200,
    response_class=StreamingResponse,
    responses=export_responses("text/csv", "Summit counts: period, count, month_unknown"),
)
def timeline_csv(
    session: SessionDep, query: SummitQueryDep, interval: IntervalQuery = Interval.month
) -> Response:
    """The timeline as CSV, oldest period first; the timeline's filters."""
    points, month_unknown = analytics.timeline(
        session=session, conditions=query.conditions, interval=interval
    )
    return StreamingResponse(
        export.timeline_csv(export.timeline_rows(points, month_unknown)),
        media_type=CSV_TYPE,
        headers={"Content-Disposition": 'attachment; filename="timeline.csv"'},
    )


@stats.get(
    "/timeline.ndjson",
    name="timeline_ndjson",
    status_code=200,
    response_class=StreamingResponse,
    responses=export_responses(NDJSON_TYPE, "Summit counts per period, one object a line"),
)
def timeline_ndjson(
    session: SessionDep, query: SummitQueryDep, interval: IntervalQuery = Interval.month
) -> Response:
    """The timeline as JSON Lines, oldest period first; the timeline's filters."""
    points, month_unknown = analytics.timeline(
        session=session, conditions=query.conditions, interval=interval
    )
    rows = export.timeline_rows(points, month_unknown)
    return StreamingResponse(export.ndjson_lines(rows), media_type=NDJSON_TYPE)


@network.get(
    "/network.csv",
    name="edges_csv",
    status_code=200,
    response_class=StreamingResponse,
    responses=export_responses(
        "text/csv", "The meeting graph as an edge list: source, target, names, weight, dates"
    ),
)
def network_csv(
    session: SessionDep,
    query: SummitQueryDep,
    min_weight: MinWeightQuery = 1,
    limit: EdgeLimitQuery = None,
) -> Response:
    """The meeting graph as a CSV edge list, heaviest first; /network's filters."""
    nodes, edges = analytics.network(
        session=session, conditions=query.conditions, min_weight=min_weight, limit=limit
    )
    return StreamingResponse(
        export.edges_csv(export.edge_rows(nodes, edges)),
        media_type=CSV_TYPE,
        headers={"Content-Disposition": 'attachment; filename="network.csv"'},
    )


@network.get(
    "/network.ndjson",
    name="edges_ndjson",
    status_code=200,
    response_class=StreamingResponse,
    responses=export_responses(NDJSON_TYPE, "The meeting graph's edges, one object a line"),
)
def network_ndjson(
    session: SessionDep,
    query: SummitQueryDep,
    min_weight: MinWeightQuery = 1,
    limit: EdgeLimitQuery = None,
) -> Response:
    """The meeting graph's edges as JSON Lines, heaviest first; /network's filters."""
    nodes, edges = analytics.network(
        session=session, conditions=query.conditions, min_weight=min_weight, limit=limit
    )
    return StreamingResponse(
        export.ndjson_lines(export.edge_rows(nodes, edges)), media_type=NDJSON_TYPE
    )


@network.get(
    "/network.graphml",
    name="graphml",
    status_code=200,
    response_class=StreamingResponse,
    responses=export_responses(
        GRAPHML_TYPE, "The meeting graph as GraphML, for Gephi, yEd or networkx"
    ),
)
def network_graphml(
    session: SessionDep,
    query: SummitQueryDep,
    min_weight: MinWeightQuery = 1,
    limit: EdgeLimitQuery = None,
) -> Response:
    """The meeting graph as GraphML: leaders with name and country, edges with weight."""
    nodes, edges = analytics.network(
        session=session, conditions=query.conditions, min_weight=min_weight, limit=limit
    )
    return StreamingResponse(
        export.network_graphml(nodes, edges),
        media_type=GRAPHML_TYPE,
        headers={"Content-Disposition": 'attachment; filename="network.graphml"'},
    )
