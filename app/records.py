"""Extracted records on disk: what ``summits load --records`` stores without re-extracting.

A records file holds one JSON object a line (gzip-compressed): the article as read (its
bytes' hash, name, URL, supplied metadata and text) and either what the extractor made of
it or why it failed. It carries exactly what the write path (``store.store_article``)
reads from an extraction, so storing a record gives the same rows as ``summits load`` of
the same article, and a failed article is kept with its reason, never lost (#16).
"""

import datetime as dt
import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from app.nlp.doc import ArticleDoc, ArticleMeta, Participant, Quote, SummitRecord
from app.sources import SourceArticle

RECORDS_FORMAT = 1  # bumped when a field changes meaning; a reader refuses other formats
RECORDS_SUFFIX = ".records.jsonl.gz"


class RecordError(ValueError):
    """A records line that cannot be read back as an article; the message says why."""


# One article as extracted: ``doc`` when extraction worked, ``error`` when it did not.
@dataclass(frozen=True, slots=True)
class ArticleRecord:
    source: SourceArticle
    extractor_version: str
    doc: ArticleDoc | None = None
    error: str | None = None


def _meta_to_json(meta: ArticleMeta | None) -> dict[str, Any] | None:
    if meta is None:
        return None
    fields = asdict(meta)
    fields["published"] = meta.published.isoformat() if meta.published else None
    return fields


def _meta_from_json(fields: dict[str, Any] | None) -> ArticleMeta | None:
    if fields is None:
        return None
    published = fields.get("published")
    return ArticleMeta(
        title=fields.get("title"),
        published=dt.date.fromisoformat(published) if published else None,
        publisher=fields.get("publisher"),
        dateline=fields.get("dateline"),
        url=fields.get("url"),
    )


def _summit_from_json(fields: dict[str, Any]) -> SummitRecord:
    return SummitRecord(
        **{
            **fields,
            "participants": [Participant(**p) for p in fields["participants"]],
            "statements": [Quote(**q) for q in fields["statements"]],
        }
    )


def to_json(record: ArticleRecord) -> dict[str, Any]:
    """The record as one JSON object: the source, then the extraction or its failure."""
    source = record.source
    doc = record.doc
    return {
        "format": RECORDS_FORMAT,
        "extractor_version": record.extractor_version,
        "id": source.id,
        "source": source.source,
        "name": source.name,
        "url": source.url,
        "sha256": source.sha256,
        "supplied": _meta_to_json(source.supplied),
        "raw": source.text,
        "error": record.error,
        "doc": None
        if doc is None
        else {
            "url": doc.url,
            "text": doc.text,
            "meta": _meta_to_json(doc.meta),
            "summits": [asdict(summit) for summit in doc.summits],
        },
    }


def from_json(fields: dict[str, Any]) -> ArticleRecord:
    """The record back from its JSON object; ``RecordError`` says what is wrong with it."""
    if fields.get("format") != RECORDS_FORMAT:
        raise RecordError(f"records format {fields.get('format')!r}, expected {RECORDS_FORMAT}")
    try:
        source = SourceArticle(
            id=fields["id"],
            source=fields["source"],
            text=fields["raw"],
            url=fields["url"],
            sha256=fields["sha256"],
            name=fields["name"],
            supplied=_meta_from_json(fields["supplied"]),
        )
        found = fields["doc"]
        doc = None
        if found is not None:
            doc = ArticleDoc(
                raw=source.text,
                url=found["url"],
                text=found["text"],
                meta=_meta_from_json(found["meta"]) or ArticleMeta(),
                supplied=source.supplied,
                summits=[_summit_from_json(summit) for summit in found["summits"]],
            )
        return ArticleRecord(
            source=source,
            extractor_version=fields["extractor_version"],
            doc=doc,
            error=fields["error"],
        )
    except (KeyError, TypeError, ValueError) as err:
        raise RecordError(f"not an article record: {err.__class__.__name__}: {err}") from err


def write_records(path: Path, records: Iterable[ArticleRecord]) -> int:
    """Write ``records`` to ``path`` (gzip JSON Lines) through a temporary file renamed at
    the end, so a file that exists is complete; returns how many were written."""
    partial = path.with_name(path.name + ".partial")
    count = 0
    with gzip.open(partial, "wt", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(to_json(record), ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
            count += 1
    partial.replace(path)
    return count


def read_records(path: Path) -> Iterator[ArticleRecord | RecordError]:
    """Each line's record, or the error that line gives, in file order."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                yield from_json(json.loads(line))
            except (json.JSONDecodeError, RecordError) as err:
                yield RecordError(f"{path.name} line {number}: {err}")
