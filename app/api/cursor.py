"""The opaque cursor of the summit list: the sort and the last row's key and id, checked
field by field when it comes back (a forged one is a 422)."""

import base64
import binascii
import datetime as dt
import json
from typing import Any

from app.errors import InvalidCursor
from app.models import SummitSort

MAX_ID = 2**31 - 1  # PostgreSQL INTEGER: ids, counts and offsets in a cursor stay below
MAX_CURSOR_CHARS = 200  # ours are under 60; longer is forged


def encode_cursor(sort: SummitSort, key: Any, summit_id: int) -> str:
    """An opaque cursor: the sort and the last row's key and id (a date interval as
    ``start/end``)."""
    if isinstance(key, tuple):
        key = "/".join(day.isoformat() for day in key)
    raw = json.dumps([sort.value, key, summit_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: SummitSort) -> tuple[Any, int]:
    """The (key, id) a cursor resumes after; InvalidCursor if it is not ours.

    Every field is checked for type and range, so a forged cursor is a 422 on both
    databases rather than an overflow or a type error inside the query (#13).
    """
    invalid = InvalidCursor("cursor is not valid for this sort")
    if len(cursor) > MAX_CURSOR_CHARS:
        raise invalid
    try:
        fields = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, RecursionError) as err:
        raise invalid from err
    if not isinstance(fields, list) or len(fields) != 3:
        raise invalid
    name, key, summit_id = fields
    if name != sort.value or not _is_int_between(summit_id, 0, MAX_ID):
        raise invalid
    if sort in (SummitSort.date, SummitSort.date_desc):
        if not isinstance(key, str) or not 1 <= len(key.split("/")) <= 2:
            raise invalid
        try:
            days = [dt.date.fromisoformat(day) for day in key.split("/")]
        except ValueError as err:
            raise invalid from err
        return (days[0], days[-1]), summit_id  # a bare day: a cursor from before 0006
    lowest = (
        0
        if sort in (SummitSort.relevance, SummitSort.participants, SummitSort.participants_desc)
        else -1
    )
    if not _is_int_between(key, lowest, MAX_ID):
        raise invalid
    return key, summit_id


def _is_int_between(value: object, low: int, high: int) -> bool:
    """An integer (not a bool) within [low, high]: what an INTEGER column can compare."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
