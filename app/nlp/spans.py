"""The mentions, places or quotes near an offset, found by bisection.

Many questions are asked per sentence ("which leaders does it name?", "is this word
inside a quotation?"); reading every mention of the article for each keeps an article
of many sentences quadratic. A list sorted by start is indexed once (its starts and its
longest span) and each question reads only the items that can touch its stretch. The
callers keep their own tests on what this returns: it only leaves out items that cannot
pass them, in the list's own order.
"""

from bisect import bisect_left, bisect_right
from itertools import pairwise
from typing import Any, Protocol, TypeVar


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


Item = TypeVar("Item", bound=_Spanned | tuple[int, int])

# id of a list -> (the list, its length, its starts or None if unsorted, its longest span)
_INDEX: dict[int, tuple[list[Any], int, list[int] | None, int]] = {}
MAX_INDEXED = 32  # lists kept indexed at once (a document has a handful)
SHORT = 48  # a list this short is read whole: indexing it costs more than it saves


def _bounds(item: _Spanned | tuple[int, int]) -> tuple[int, int]:
    if isinstance(item, tuple):
        return item
    return item.start, item.end


def _index(items: list[Item]) -> tuple[list[int] | None, int]:
    """The list's starts (None when it is not sorted by start) and its longest span,
    built once per list and again only if its length changes."""
    cached = _INDEX.get(id(items))
    if cached is not None and cached[0] is items and cached[1] == len(items):
        return cached[2], cached[3]
    bounds = [_bounds(item) for item in items]
    starts = [start for start, _ in bounds]
    ordered = all(a <= b for a, b in pairwise(starts))
    longest = max((end - start for start, end in bounds), default=0)
    longest = max(longest, 0)
    if len(_INDEX) >= MAX_INDEXED:
        _INDEX.clear()
    _INDEX[id(items)] = (items, len(items), starts if ordered else None, longest)
    return (starts if ordered else None), longest


def starting_in(items: list[Item], start: int, end: int) -> list[Item]:
    """The items whose start lies in ``[start, end)``, in list order: a superset the
    caller filters (a short or unsorted list is returned whole)."""
    if len(items) <= SHORT:
        return items
    starts, _ = _index(items)
    if starts is None:
        return items
    return items[bisect_left(starts, start) : bisect_left(starts, end)]


def around(items: list[Item], start: int, end: int) -> list[Item]:
    """The items that may touch ``[start, end]`` (start at most ``end``, end at least
    ``start``), in list order: a superset the caller filters (a short or unsorted list
    is returned whole)."""
    if len(items) <= SHORT:
        return items
    starts, longest = _index(items)
    if starts is None:
        return items
    return items[bisect_left(starts, start - longest) : bisect_right(starts, end)]


def clear_index() -> None:
    """Forget the indexed lists (they are kept by identity, not by content)."""
    _INDEX.clear()
