"""The document that flows through the pipeline, and the plain records it yields.

Nothing here knows about storage: the loader maps these records onto tables.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


# A labelled stretch of the cleaned text; ``text == doc.text[start:end]``.
@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    label: str
    text: str


# A leader (or titled official) named in the text, resolved as far as rules allow.
@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    name: str
    country: str | None
    role: str | None
    is_leader: bool
    wikidata_id: str | None = None
    kind: str = "name"  # name | surname | title | pronoun | counterpart


# A date expression resolved against the publication date.
@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    relative: bool


# A city, venue or country named in the text.
@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    kind: str  # venue | city | country
    place: str | None
    city: str | None
    country: str | None
    latitude: float | None = None
    longitude: float | None = None


# A quotation or reported statement with its speaker.
@dataclass(slots=True)
class Quote:
    start: int
    end: int
    text: str
    speaker: str | None
    kind: str  # direct | reported
    speaker_country: str | None = None


# One leader taking part in a meeting.
@dataclass(slots=True)
class Participant:
    name: str
    country: str | None
    role: str | None
    wikidata_id: str | None = None


# One extracted meeting.
@dataclass(slots=True)
class SummitRecord:
    participants: list[Participant]
    date: str | None = None
    place: str | None = None
    city: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    format: str = "in_person"
    duration_minutes: int | None = None
    context: str | None = None
    issues: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    statements: list[Quote] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)  # indexes into ArticleDoc.sentences
    decisions: list[str] = field(default_factory=list)  # why assembly made it a meeting


# Headline, date, outlet and dateline of an article.
@dataclass(slots=True)
class ArticleMeta:
    title: str | None = None
    published: dt.date | None = None
    publisher: str | None = None
    dateline: str | None = None
    url: str | None = None


# The article as it moves through the stages; each stage fills its own fields.
@dataclass(slots=True)
class ArticleDoc:
    raw: str
    url: str | None = None
    text: str = ""
    body_start: int = 0  # where the article body begins in ``text`` (after the headline)
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    supplied: ArticleMeta | None = None  # what the caller (a crawler) already knows; it wins
    reference_date: dt.date | None = None  # "who was in office" is judged on this day
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    summits: list[SummitRecord] = field(default_factory=list)

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the last one before it)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo
