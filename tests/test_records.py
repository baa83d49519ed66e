"""Records files round-trip exactly what the write path reads from an extraction (#16)."""

import gzip
from pathlib import Path

from app.nlp.pipeline import EXTRACTOR_VERSION, extract
from app.records import ArticleRecord, RecordError, read_records, write_records
from app.sources import SourceArticle, read_articles

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _seed_sources() -> list[SourceArticle]:
    found = [a for a in read_articles([SEEDS], max_bytes=1 << 20) if isinstance(a, SourceArticle)]
    assert len(found) == 2
    return found


def test_a_record_reads_back_as_the_same_extraction(tmp_path: Path) -> None:
    records = [
        ArticleRecord(source=s, extractor_version=EXTRACTOR_VERSION, doc=extract(s.text, url=s.url))
        for s in _seed_sources()
    ]
    path = tmp_path / "shard.records.jsonl.gz"
    assert write_records(path, records) == 2
    back = list(read_records(path))
    assert [r.source for r in back if isinstance(r, ArticleRecord)] == [r.source for r in records]
    for before, after in zip(records, back, strict=True):
        assert isinstance(after, ArticleRecord) and after.doc and before.doc
        assert after.doc.summits == before.doc.summits
        assert (after.doc.text, after.doc.url, after.doc.meta) == (
            before.doc.text,
            before.doc.url,
            before.doc.meta,
        )
    assert not list(tmp_path.glob("*.partial"))


def test_a_failed_article_keeps_its_reason_and_a_broken_line_is_reported(tmp_path: Path) -> None:
    source = _seed_sources()[0]
    path = tmp_path / "shard.records.jsonl.gz"
    write_records(path, [ArticleRecord(source, "v", error="extraction exceeded 30 s")])
    with gzip.open(path, "at", encoding="utf-8") as out:
        out.write('{"format": 1, "id": "x"}\nnot json\n')
    first, second, third = read_records(path)
    assert isinstance(first, ArticleRecord) and first.doc is None
    assert first.error == "extraction exceeded 30 s"
    assert isinstance(second, RecordError) and "line 2" in str(second) and "KeyError" in str(second)
    assert isinstance(third, RecordError) and "line 3" in str(third)
