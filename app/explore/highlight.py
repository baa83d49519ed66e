"""Evidence spans turned into text segments, so a page can mark them without building HTML
by hand: every segment is escaped by the template like any other text."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, TypeGuard


# A span of an article's text that supports a field of the record.
@dataclass(frozen=True, slots=True)
class EvidenceSpan:
    start: int
    end: int
    label: str  # participant, date, location, quote
    statement_id: int | None = None  # the statement a quote span stands for


# A run of text and the labels of every span covering it (empty: plain text), with the
# statements whose quote covers it and those whose quote begins here (#15: each statement
# links to its words in the text, and they link back).
@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    labels: tuple[str, ...]
    statements: tuple[int, ...] = ()
    opens: tuple[int, ...] = ()

    @property
    def css(self) -> str:
        """The classes a mark of this segment carries: ``ev-participant ev-quote``."""
        return " ".join(f"ev-{label}" for label in self.labels)


def _is_offset(value: object) -> TypeGuard[int]:
    """An int that is not a bool (JSON evidence can hold anything)."""
    return isinstance(value, int) and not isinstance(value, bool)


def valid_spans(text: str, spans: Iterable[Mapping[str, Any]]) -> list[EvidenceSpan]:
    """The spans whose offsets lie inside ``text`` and, when they carry their text, point
    at it: a stale or forged offset is dropped rather than marking the wrong words."""
    kept = []
    for span in spans:
        start, end, label = span.get("start"), span.get("end"), span.get("label")
        if not (_is_offset(start) and _is_offset(end) and isinstance(label, str)):
            continue
        if not 0 <= start < end <= len(text):
            continue
        quoted = span.get("text")
        if isinstance(quoted, str) and text[start:end] != quoted:
            continue
        statement_id = span.get("statement_id")
        kept.append(
            EvidenceSpan(start, end, label, statement_id if _is_offset(statement_id) else None)
        )
    return kept


def segment(text: str, spans: Iterable[EvidenceSpan]) -> list[Segment]:
    """Cut ``text`` at every span boundary; overlapping spans give a segment both labels."""
    spans = sorted(set(spans), key=lambda s: (s.start, s.end, s.label, s.statement_id or 0))
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    segments = []
    for left, right in pairwise(cuts):
        covering = [s for s in spans if s.start <= left and right <= s.end]
        quoted = [(s.statement_id, s.start) for s in covering if s.statement_id is not None]
        segments.append(
            Segment(
                text[left:right],
                tuple(sorted({s.label for s in covering})),
                tuple(sorted({i for i, _ in quoted})),
                tuple(sorted({i for i, start in quoted if start == left})),
            )
        )
    return segments
