"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD): parsing, the interval each denotes, and text."""

import calendar
import datetime as dt
import re

from app.models import DatePrecision

PERIOD = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?", re.ASCII)  # what date_from/date_to take
MAX_SPAN_DAYS = 365  # the longest interval a date denotes (a year): bounds the filter scan


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


def date_interval(
    date: dt.date | None, precision: DatePrecision | str
) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a partial date can mean: 2022-11 is 2022-11-01..2022-11-30 (#12)."""
    precision = DatePrecision(precision)
    if date is None or precision is DatePrecision.unknown:
        return None, None
    if precision is DatePrecision.year:
        return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    if precision is DatePrecision.month:
        days = calendar.monthrange(date.year, date.month)[1]
        return date.replace(day=1), date.replace(day=days)
    return date, date


def period_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None for
    anything else (2024-02-30 included)."""
    if not PERIOD.fullmatch(value):
        return None
    start, end = date_interval(*parse_partial_date(value))
    return (start, end) if start and end else None


def parse_period(value: str) -> tuple[dt.date, dt.date]:
    """``period_bounds`` of a value known to be a period; ValueError otherwise."""
    bounds = period_bounds(value)
    if bounds is None:
        raise ValueError(f"{value!r} is not a date: send YYYY, YYYY-MM or YYYY-MM-DD")
    return bounds


def date_text(date: dt.date | None, precision: DatePrecision | str) -> str | None:
    """The date as the guidelines write it: YYYY, YYYY-MM or YYYY-MM-DD."""
    if date is None:
        return None
    precision = DatePrecision(precision)
    if precision is DatePrecision.year:
        return f"{date.year:04d}"
    if precision is DatePrecision.month:
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()
