"""Query and path parameters shared by several routes, each with a description and example."""

from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from app.dates import parse_period
from app.models import CountMode
from app.sources import text_problem

MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL
MAX_OFFSET = 10**9
MAX_VALUES = 20  # values one repeatable parameter takes; more is a 422 (#13)
PERIOD_PATTERN = (
    "^(?!0000)[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"  # year 0 is no year
)
MAX_TEXT_CHARS = 200  # names, places and searches are far shorter


def _plain_text(value: str) -> str:
    """Refuse what one database would store and another reject (NUL, lone surrogates)."""
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _period(value: str) -> str:
    """Refuse what is not a year, a month or a day; the filter reads its bounds (#12)."""
    try:
        parse_period(value)
    except ValueError as err:
        raise PydanticCustomError("date_parsing", str(err)) from err
    return value


# A date filter's value: YYYY, YYYY-MM or YYYY-MM-DD, standing for that whole period (#12).
DatePeriod = Annotated[
    str,
    AfterValidator(_period),
    # the forms, as far as a pattern says them (a day past its month's end is refused too)
    WithJsonSchema({"type": "string", "pattern": PERIOD_PATTERN}),
]

# A free-text query parameter: bounded, and the same on SQLite and PostgreSQL (#13).
PlainText = Annotated[
    str,
    StringConstraints(max_length=MAX_TEXT_CHARS),
    AfterValidator(_plain_text),
    # the schema says it too, so a client (or a fuzzer) knows NUL is refused
    WithJsonSchema({"type": "string", "maxLength": MAX_TEXT_CHARS, "pattern": "^[^\\u0000]*$"}),
]


LimitQuery = Annotated[int, Query(ge=1, le=500, description="Page size", examples=[50])]
OffsetQuery = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip", examples=[0])]
CountQuery = Annotated[
    CountMode,
    Query(description="exact counts every match; none skips the count", examples=["exact"]),
]
SummitIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="A summit's id", examples=[1])]
PersonIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="A person's id", examples=[1])]
ArticleIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="An article's id", examples=[1])]
