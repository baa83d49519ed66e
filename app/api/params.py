"""Query and path parameters shared by several routes, each with a description and example."""

from typing import Annotated

from fastapi import Path, Query

from app.models import CountMode

LimitQuery = Annotated[int, Query(ge=1, le=500, description="Page size", examples=[50])]
OffsetQuery = Annotated[int, Query(ge=0, description="Rows to skip", examples=[0])]
CountQuery = Annotated[
    CountMode,
    Query(description="exact counts every match; none skips the count", examples=["exact"]),
]
SummitIdPath = Annotated[int, Path(description="A summit's id", examples=[1])]
PersonIdPath = Annotated[int, Path(description="A person's id", examples=[1])]
ArticleIdPath = Annotated[int, Path(description="An article's id", examples=[1])]
