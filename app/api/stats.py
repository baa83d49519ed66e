"""Aggregates: the timeline of summits and the meeting network."""

from typing import Annotated

from fastapi import APIRouter, Query

from app import crud
from app.api.deps import PersonDep, SessionDep
from app.api.filters import SummitQueryDep
from app.api.params import MAX_ID
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

stats = APIRouter(prefix="/stats", tags=["stats"])
network = APIRouter(tags=["network"])


@stats.get(
    "/timeline", name="timeline", response_model=TimelineOut, responses={422: {"model": ErrorOut}}
)
def get_timeline(
    session: SessionDep,
    query: SummitQueryDep,
    interval: Annotated[
        Interval, Query(description="Count per month or per year", examples=["year"])
    ] = Interval.month,
) -> TimelineOut:
    """Summit counts over time, with the same filters as the summit list; per month, the
    summits known only by their year are counted per year in month_unknown."""
    points, unplaced = crud.timeline(
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
    rows = crud.person_network(session=session, person_id=person.id)  # type: ignore[arg-type]
    own = crud.count_summits_of_person(session=session, person_id=person.id)  # type: ignore[arg-type]
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
    min_weight: Annotated[
        int,
        Query(ge=1, le=MAX_ID, description="Leave out pairs that met fewer times", examples=[2]),
    ] = 1,
    limit: Annotated[
        int | None,
        Query(ge=1, le=MAX_EDGES, description="Keep only this many heaviest edges", examples=[100]),
    ] = None,
) -> NetworkOut:
    """The meeting graph of the filtered summits: leaders, and edges weighted by meetings;
    only leaders on a kept edge appear when min_weight or limit prunes it."""
    nodes, edges = crud.network(
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
