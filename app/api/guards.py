"""Checks every route shares: a query parameter the route does not know is an error.

A misspelled filter (``?particpant=Xi``) used to be ignored, so the client got every
summit back with 200 and no hint that its filter was dropped (#12).
"""

import difflib

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from app.http import BLANK_PARAMS_STATE

SIMILARITY_CUTOFF = 0.6  # difflib ratio above which a name counts as a misspelling
# Words clients reach for that are not ours: wrong word -> the parameter meant.
SYNONYMS = {
    "name": "q",
    "query": "q",
    "search": "q",
    "text": "q",
    "from": "date_from",
    "since": "date_from",
    "start": "date_from",
    "start_date": "date_from",
    "to": "date_to",
    "until": "date_to",
    "end": "date_to",
    "end_date": "date_to",
    "person": "participant",
    "leader": "participant",
    "people": "participant",
    "topic": "issue",
    "city": "location",
    "place": "location",
    "type": "kind",
    "order": "sort",
    "order_by": "sort",
    "page_size": "limit",
    "per_page": "limit",
    "size": "limit",
    "skip": "offset",
}


def _collect_query_names(dependant: Dependant, names: set[str]) -> None:
    names.update(field.alias for field in dependant.query_params)
    for sub in dependant.dependencies:
        _collect_query_names(sub, names)


def query_names(route: APIRoute) -> tuple[str, ...]:
    """The query parameters a route declares, its dependencies' included, sorted (a walk
    over a few dependants: cheaper than caching on unhashable routes)."""
    names: set[str] = set()
    _collect_query_names(route.dependant, names)
    return tuple(sorted(names))


def nearest_name(name: str, valid: tuple[str, ...]) -> str | None:
    """The valid parameter a client most likely meant by ``name``, if any is close."""
    folded = name.strip().lower()
    if folded in valid:  # a case slip: Participant
        return folded
    synonym = SYNONYMS.get(folded)
    if synonym in valid:
        return synonym
    close = difflib.get_close_matches(folded, valid, n=1, cutoff=SIMILARITY_CUTOFF)
    return close[0] if close else None


def unknown_parameter_message(name: str, valid: tuple[str, ...]) -> str:
    """Name the parameter and what to send instead."""
    if not valid:
        return f"unknown query parameter '{name}': this endpoint takes no query parameters"
    nearest = nearest_name(name, valid)
    if nearest:
        return f"unknown query parameter '{name}'; did you mean '{nearest}'?"
    return f"unknown query parameter '{name}'; this endpoint takes: {', '.join(valid)}"


async def reject_unknown_query(request: Request) -> None:
    """422 for every query parameter the matched route does not declare. Async: it does
    no I/O, and a plain def would cost every request a thread hop (#14)."""
    blanks = request.scope.get("state", {}).get(BLANK_PARAMS_STATE)
    if not request.scope.get("query_string") and not blanks:
        return  # nothing sent, nothing unknown
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    valid = query_names(route)
    sent = [*request.query_params.keys(), *getattr(request.state, BLANK_PARAMS_STATE, ())]
    unknown = list(dict.fromkeys(name for name in sent if name not in valid))
    if unknown:
        raise RequestValidationError(
            [
                {
                    "type": "extra_forbidden",
                    "loc": ("query", name),
                    "msg": unknown_parameter_message(name, valid),
                    "input": request.query_params.get(name, ""),
                }
                for name in unknown
            ]
        )
