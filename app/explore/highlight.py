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


# A run of text and the labels of every span covering it (empty: plain text).
@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    labels: tuple[str, ...]

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
        kept.append(EvidenceSpan(start, end, label))
    return kept


def segment(text: str, spans: Iterable[EvidenceSpan]) -> list[Segment]:
    """Cut ``text`` at every span boundary; overlapping spans give a segment both labels."""
    spans = sorted(set(spans), key=lambda s: (s.start, s.end, s.label))
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    segments = []
    for left, right in pairwise(cuts):
        labels = tuple(sorted({s.label for s in spans if s.start <= left and right <= s.end}))
        segments.append(Segment(text[left:right], labels))
    return segments
