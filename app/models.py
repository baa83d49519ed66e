"""Tables and API schemas, one class family per resource."""

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, StringConstraints
from sqlalchemy import JSON, Column, DateTime, Index, MetaData, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

# Named constraints let Alembic batch mode rebuild SQLite tables.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata
# Response schemas list every field as required: the API always sends each one, null when
# unknown, so generated clients need no "possibly missing" checks (#12). Input schemas
# (FastAPI's separate_input_output_schemas) keep their defaults optional.
SQLModel.model_config["json_schema_serialization_defaults_required"] = True

# A country code as a query parameter: ISO alpha-2 in any case, or an organisation.
CountryCode = Annotated[
    str, StringConstraints(pattern=r"^([A-Za-z]{2}|EU|UN|NATO|ASEAN)$", to_upper=True)
]


def _as_utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


# A timestamp in responses: SQLite returns stored UTC times without their offset.
UtcDatetime = Annotated[dt.datetime, AfterValidator(_as_utc)]


def utcnow() -> dt.datetime:
    """Timezone-aware now, for *_at columns."""
    return dt.datetime.now(dt.UTC)


# How a meeting was held.
class SummitFormat(StrEnum):
    in_person = "in_person"
    phone = "phone"
    video = "video"


# How many leaders met.
class SummitKind(StrEnum):
    bilateral = "bilateral"
    trilateral = "trilateral"
    multilateral = "multilateral"


# How much of a summit's date is known.
class DatePrecision(StrEnum):
    day = "day"
    month = "month"
    year = "year"
    unknown = "unknown"


# The issue slugs of GUIDELINES.md (the issue table is seeded with the same list).
class IssueSlug(StrEnum):
    armed_conflict = "armed-conflict"
    bilateral_relations = "bilateral-relations"
    climate_environment = "climate-environment"
    culture_education = "culture-education"
    cybersecurity = "cybersecurity"
    defense = "defense"
    development = "development"
    economy = "economy"
    energy = "energy"
    food_security = "food-security"
    health = "health"
    human_rights = "human-rights"
    humanitarian = "humanitarian"
    international_order = "international-order"
    migration = "migration"
    missiles = "missiles"
    nuclear_weapons = "nuclear-weapons"
    sanctions = "sanctions"
    supply_chains = "supply-chains"
    technology = "technology"
    territorial_disputes = "territorial-disputes"
    terrorism = "terrorism"
    trade = "trade"
    transnational_crime = "transnational-crime"


# How a list of summits is ordered; "-" means descending. Ties go by id.
class SummitSort(StrEnum):
    date = "date"
    date_desc = "-date"
    duration = "duration"
    duration_desc = "-duration"
    participants = "participants"
    participants_desc = "-participants"
    relevance = "relevance"


# What a list can be faceted by.
class FacetName(StrEnum):
    issue = "issue"
    country = "country"
    participant = "participant"
    about = "about"
    year = "year"
    meeting_format = "format"  # not "format": that would shadow str.format
    location = "location"
    speaker = "speaker"
    kind = "kind"


# Whether a list counts every match.
class CountMode(StrEnum):
    exact = "exact"
    none = "none"


# Periods a timeline counts by.
class Interval(StrEnum):
    month = "month"
    year = "year"


# Quoted words, or words reported without quotation marks.
class StatementKind(StrEnum):
    direct = "direct"
    reported = "reported"


# Outcome of reading an article.
class ArticleStatus(StrEnum):
    extracted = "extracted"
    failed = "failed"


# ---------------------------------------------------------------- article
# Fields shared by the article table and its public schema.
class ArticleBase(SQLModel):
    source: str = Field(
        max_length=1000, description="File name or JSON Lines record id it came from"
    )
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = None
    publisher: str | None = Field(default=None, max_length=300)
    published_date: dt.date | None = None
    dateline: str | None = Field(default=None, max_length=200)
    status: ArticleStatus = Field(default=ArticleStatus.extracted, sa_type=String(20))
    error: str | None = None
    extractor_version: str = Field(max_length=40)


# A news article as ingested: raw bytes' hash, cleaned text and metadata.
class Article(ArticleBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(max_length=64, unique=True)
    text: str = ""
    raw_text: str = ""
    ingested_at: dt.datetime = Field(
        default_factory=utcnow,
        sa_type=DateTime(timezone=True),
    )


# An article in list responses (no texts, which can be large).
class ArticlePublic(ArticleBase):
    id: int
    sha256: str
    ingested_at: UtcDatetime


# An article with its cleaned text and the summits it reports.
class ArticleDetail(ArticlePublic):
    text: str
    summit_ids: list[int]


# Paged list of articles.
class ArticlesPublic(SQLModel):
    data: list[ArticlePublic]
    count: int


# ---------------------------------------------------------------- person
# Fields shared by the person table and its schema.
class PersonBase(SQLModel):
    name: str = Field(max_length=200, description="Canonical name, as English news writes it")
    country: str = Field(max_length=5, description="ISO 3166-1 alpha-2, or EU/UN/NATO/AU/ASEAN")
    wikidata_id: str | None = Field(default=None, max_length=20)


# A leader (or another speaker) known by name.
class Person(PersonBase, table=True):
    __table_args__ = (UniqueConstraint("name", "country"),)
    id: int | None = Field(default=None, primary_key=True)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


# A person in responses.
class PersonPublic(PersonBase):
    id: int
    aliases: list[str]
    summit_count: int = 0


# A person with the summits they took part in.
class PersonDetail(PersonPublic):
    summits: list["SummitPublic"]


# Paged list of people.
class PeoplePublic(SQLModel):
    data: list[PersonPublic]
    count: int


# ---------------------------------------------------------------- issue
# A topic slug from the annotation guidelines.
class Issue(SQLModel, table=True):
    slug: str = Field(primary_key=True, max_length=40)
    label: str = Field(max_length=100)
    description: str


# An issue with how many summits raised it.
class IssuePublic(SQLModel):
    slug: str
    label: str
    description: str
    summit_count: int


# ---------------------------------------------------------------- summit
# Fields shared by the summit table and its schemas.
class SummitBase(SQLModel):
    date: dt.date | None = Field(
        default=None, index=True, description="First day of the known period"
    )
    date_precision: DatePrecision = Field(default=DatePrecision.unknown, sa_type=String(10))
    date_start: dt.date | None = Field(
        default=None, description="First day the date can mean (null when unknown)"
    )
    date_end: dt.date | None = Field(
        default=None, description="Last day the date can mean: 2022-11 ends on 2022-11-30"
    )
    place: str | None = Field(default=None, max_length=200, description="Venue below city level")
    city: str | None = Field(default=None, max_length=200)
    country: str | None = Field(
        default=None, max_length=5, index=True, description="Where it was held"
    )
    latitude: float | None = None
    longitude: float | None = None
    format: SummitFormat = Field(default=SummitFormat.in_person, sa_type=String(10))
    duration_minutes: int | None = None
    context: str | None = Field(default=None, max_length=300, description="Larger gathering")
    kind: SummitKind = Field(default=SummitKind.bilateral, sa_type=String(15))
    participant_count: int = Field(default=0, description="How many leaders met")


# One meeting between leaders; evidence holds the supporting spans.
class Summit(SummitBase, table=True):
    # date filters select intervals overlapping a period: a range scan on the start (#12)
    __table_args__ = (Index("ix_summit_date_start_date_end", "date_start", "date_end"),)
    id: int | None = Field(default=None, primary_key=True)
    evidence: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    created_at: dt.datetime = Field(
        default_factory=utcnow,
        sa_type=DateTime(timezone=True),
    )


# A leader's part in a summit.
class SummitParticipant(SQLModel, table=True):
    __tablename__ = "summit_participant"
    summit_id: int = Field(foreign_key="summit.id", primary_key=True, ondelete="CASCADE")
    person_id: int = Field(foreign_key="person.id", primary_key=True)
    role: str | None = Field(default=None, max_length=100)
    country: str = Field(max_length=5, description="Country represented at the time")
    # the summit's interval for the link's date sort index (0009, #14): supplied by the
    # bulk loader, filled in by a trigger for every other writer (0012, #16)
    date_start: dt.date | None = None
    date_end: dt.date | None = None


# Which issues a summit covered.
class SummitIssue(SQLModel, table=True):
    __tablename__ = "summit_issue"
    summit_id: int = Field(foreign_key="summit.id", primary_key=True, ondelete="CASCADE")
    issue_slug: str = Field(foreign_key="issue.slug", primary_key=True, max_length=40)
    # the summit's interval for the link's date sort index (0009, #14): supplied by the
    # bulk loader, filled in by a trigger for every other writer (0012, #16)
    date_start: dt.date | None = None
    date_end: dt.date | None = None


# Third countries a summit discussed.
class SummitAbout(SQLModel, table=True):
    __tablename__ = "summit_about"
    summit_id: int = Field(foreign_key="summit.id", primary_key=True, ondelete="CASCADE")
    country: str = Field(primary_key=True, max_length=5, index=True)


# Which articles reported a summit.
class SummitSource(SQLModel, table=True):
    __tablename__ = "summit_source"
    summit_id: int = Field(foreign_key="summit.id", primary_key=True, ondelete="CASCADE")
    article_id: int = Field(
        foreign_key="article.id", primary_key=True, index=True, ondelete="CASCADE"
    )


def _cell_text() -> Column[str]:
    """A read-model column of text, empty when there is nothing to list."""
    return Column(Text, nullable=False, server_default="")


# What lists, exports and maps show of a summit's links, one row per summit, so reads
# take it with the summit instead of joining four link tables per row (#14). The write
# path rebuilds it in the same transaction (store.refresh_summary).
class SummitSummary(SQLModel, table=True):
    __tablename__ = "summit_summary"
    summit_id: int = Field(foreign_key="summit.id", primary_key=True, ondelete="CASCADE")
    participants: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    issues: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    about: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    sources: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    # the CSV export's list cells, ready-made ('; '-joined, store.SUMMARY_CELLS), so its
    # rows go from the cursor to the writer as they come (#14)
    csv_participants: str = Field(default="", sa_column=_cell_text())
    csv_participant_countries: str = Field(default="", sa_column=_cell_text())
    csv_participant_ids: str = Field(default="", sa_column=_cell_text())
    csv_issues: str = Field(default="", sa_column=_cell_text())
    csv_about: str = Field(default="", sa_column=_cell_text())
    csv_source_urls: str = Field(default="", sa_column=_cell_text())


# Fields shared by the statement table and its schema.
class StatementBase(SQLModel):
    speaker: str = Field(max_length=200, description="Name as written when not a known person")
    text: str
    kind: StatementKind = Field(default=StatementKind.direct, sa_type=String(10))
    start: int = Field(description="Offset of the first character in the article's cleaned text")
    end: int = Field(description="Offset after the last character")


# Words said about a summit, anchored to their span in the article.
class Statement(StatementBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    summit_id: int = Field(foreign_key="summit.id", index=True, ondelete="CASCADE")
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)


# A statement in responses.
class StatementPublic(StatementBase):
    id: int
    summit_id: int
    article_id: int
    person_id: int | None


# One value of a facet and how many records have it.
class FacetValue(SQLModel):
    value: str
    label: str
    count: int


# Paged list of statements, with facet counts.
class StatementsPublic(SQLModel):
    data: list[StatementPublic]
    count: int | None
    facets: dict[str, list[FacetValue]] | None = None


# A participant in responses.
class ParticipantPublic(SQLModel):
    person_id: int
    name: str
    role: str | None
    country: str


# A source article in summit responses.
class SourcePublic(SQLModel):
    article_id: int
    title: str | None
    url: str | None
    publisher: str | None
    published_date: dt.date | None


# A summit in list responses.
class SummitPublic(SummitBase):
    id: int
    date_text: str | None = Field(description="The date at its precision: YYYY, YYYY-MM or full")
    participants: list[ParticipantPublic]
    issues: list[str]
    about: list[str]


# A summit with everything known about it.
class SummitDetail(SummitPublic):
    statements: list[StatementPublic]
    sources: list[SourcePublic]
    evidence: list[dict[str, Any]]


# Paged list of summits, with the cursor of the next page and facet counts.
class SummitsPublic(SQLModel):
    data: list[SummitPublic]
    count: int | None = Field(description="Every match; null with count=none")
    next: str | None = Field(default=None, description="Cursor of the next page, if any")
    facets: dict[str, list[FacetValue]] | None = None


# ---------------------------------------------------------------- GeoJSON (RFC 7946)
# Where a summit was held, as a map point.
class SummitPoint(SQLModel):
    type: Literal["Point"]
    coordinates: tuple[float, float] = Field(
        description="[longitude, latitude] of the city, or of the country's centroid"
    )


# What a map shows about a summit.
class SummitFeatureProperties(SQLModel):
    located: Literal["city", "country_centroid"] = Field(
        description="At the city's coordinates, or the country's centroid if only it is known"
    )
    date: str | None = Field(description="The date at its precision: YYYY, YYYY-MM or full")
    date_precision: DatePrecision
    date_start: dt.date | None = Field(description="First day the date may denote")
    date_end: dt.date | None = Field(description="Last day the date may denote")
    participants: list[str] = Field(description="Leaders' names")
    place: str | None
    city: str | None
    country: str | None
    format: SummitFormat
    issues: list[str]


# A summit on a map; its id is the summit's.
class SummitFeature(SQLModel):
    type: Literal["Feature"]
    id: int
    geometry: SummitPoint
    properties: SummitFeatureProperties


# The map of the summits located by city or, failing that, by country.
class SummitFeatureCollection(SQLModel):
    type: Literal["FeatureCollection"]
    features: list[SummitFeature]


# Summits in one period.
class TimelinePoint(SQLModel):
    period: str = Field(description="YYYY or YYYY-MM")
    count: int


# Summit counts over time; a date coarser than the interval is never put in a finer bucket.
class TimelineOut(SQLModel):
    interval: Interval
    data: list[TimelinePoint]
    month_unknown: list[TimelinePoint] = Field(
        default_factory=list,
        description="interval=month: per year (YYYY), summits known only by their year; "
        "they are in no month of data",
    )


# A leader someone met, how often, first and last (by the date sort: start, then end).
class Counterpart(SQLModel):
    person: PersonPublic
    meetings: int
    first_date: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD")
    first_date_precision: DatePrecision | None
    last_date: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD")
    last_date_precision: DatePrecision | None


# Who one leader met.
class PersonNetwork(SQLModel):
    person: PersonPublic
    counterparts: list[Counterpart]


# A leader in the meeting graph.
class NetworkNode(SQLModel):
    id: int
    name: str
    country: str
    summits: int


# Two leaders who met, weighted by how often.
class NetworkEdge(SQLModel):
    source: int
    target: int
    weight: int
    first_date: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD")
    first_date_precision: DatePrecision | None
    last_date: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD")
    last_date_precision: DatePrecision | None


# The meeting graph: leaders and who met whom.
class NetworkOut(SQLModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


# One error entry, in FastAPI's validation-error shape.
class ErrorItem(SQLModel):
    msg: str
    type: str
    loc: list[str | int]


# The error envelope every failure uses.
class ErrorOut(SQLModel):
    detail: list[ErrorItem]


# Database reachability.
class HealthOut(SQLModel):
    status: str
    database: str = Field(description="The database writes go to (DATABASE_URL)")
    read_database: str | None = Field(
        description="The replica reads go to (DATABASE_READ_URL); null: reads use `database`"
    )
    replica_lag_seconds: float | None = Field(
        description="How far the replica's replay is behind the primary's last write "
        "(0 when it has replayed all it received); null without a PostgreSQL standby"
    )


# Records made (or found) by ingesting one article.
class IngestOut(SQLModel):
    article: ArticlePublic
    created: bool
    summits: list[SummitPublic]


PersonDetail.model_rebuild()
