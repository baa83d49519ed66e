"""Read article inputs: .txt and .html files, folders of them, and JSON Lines batches.

Every input becomes a ``SourceArticle`` or a ``RejectedArticle`` with the reason, so
one broken file never stops a batch.
"""

import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

from app.nlp.doc import ArticleMeta

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
BINARY_SNIFF_BYTES = 4096  # a NUL byte in the first block marks a binary file
MAX_URL_CHARS = 2000  # the article.url column
MAX_NAME_CHARS = 1000  # the article.source column: a file name or record id
LINE_SKIP_BYTES = 1 << 16  # an oversized JSON Lines record is skipped this much at a time
NUL = "\x00"
# Metadata a crawler may send beside the text, and the longest value each may have: the
# article table's column sizes (a title has no column limit; a longer one is no headline).
SUPPLIED_FIELDS = {"title": 1000, "published": 40, "publisher": 300, "dateline": 200}
HTML_START = re.compile(r"\s*<(?:!doctype|html|head|title|body|meta)\b", re.IGNORECASE)
HTML_CHUNK_CHARS = 65_536  # HTML is read in pieces until the first body text is seen
NOT_BODY = frozenset({"head", "title", "script", "style", "noscript", "template"})


# One article's raw content and where it came from: ``source`` is where it lay (for the
# loader's reports), ``name`` what the database keeps and the API shows: the file name or
# the JSON Lines record id, never a path on the loader's disk (#12).
@dataclass(frozen=True, slots=True)
class SourceArticle:
    id: str
    source: str
    text: str
    url: str | None
    sha256: str
    name: str
    supplied: ArticleMeta | None = None  # title, date, outlet, dateline sent with the text


# A supplied metadata field that cannot be used, and why.
@dataclass(frozen=True, slots=True)
class FieldProblem:
    field: str
    reason: str


# An input that could not be read as an article.
@dataclass(frozen=True, slots=True)
class RejectedArticle:
    source: str
    reason: str


def text_problem(value: str) -> str | None:
    """Why this text cannot be stored the same way on every database, if it cannot:
    PostgreSQL refuses NUL characters, and no database can encode a lone surrogate (#13)."""
    position = value.find(NUL)
    if position >= 0:
        return f"contains a NUL character at position {position}"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        return f"contains a lone surrogate (U+{ord(value[err.start]):04X}) at position {err.start}"
    return None


class _BodyText(HTMLParser):
    """Notes whether a page has text outside its head, title, scripts and styles, and
    whether it has a title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0  # depth inside elements that are not body text
        self.found = False
        self.titled = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.titled = self.titled or tag == "title"
        self.hidden += tag in NOT_BODY

    def handle_endtag(self, tag: str) -> None:
        if tag in NOT_BODY and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        self.found = self.found or (not self.hidden and bool(data.strip()))


def html_problem(text: str) -> str | None:
    """Why an HTML page is no article, if it has no body text: a page with only a
    ``<title>`` would otherwise be stored with its markup as the text (#13)."""
    if not HTML_START.match(text):
        return None
    parser = _BodyText()
    for start in range(0, len(text), HTML_CHUNK_CHARS):
        parser.feed(text[start : start + HTML_CHUNK_CHARS])
        if parser.found:
            return None
    parser.close()
    if parser.found:
        return None
    return "HTML with a <title> but no body text" if parser.titled else "HTML with no body text"


def field_problem(field: str, value: str | None, max_chars: int | None = None) -> str | None:
    """The reason a field of an article is refused, naming the field, or None."""
    if value is None:
        return None
    if max_chars is not None and len(value) > max_chars:
        return f"{field} longer than {max_chars} characters ({len(value)})"
    problem = text_problem(value)
    return f"{field} {problem}" if problem else None


def _published_date(value: str) -> dt.date | None:
    """The day of an ISO 8601 date or date-time, as written (no time zone shift)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def read_supplied(record: Mapping[str, object]) -> ArticleMeta | FieldProblem | None:
    """The title, publication date, publisher and dateline sent with an article (#13),
    None when none was, or the first field that is unusable and why."""
    values: dict[str, str] = {}
    for name, max_chars in SUPPLIED_FIELDS.items():
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            return FieldProblem(name, f"{name} must be a string")
        problem = field_problem(name, value, max_chars)
        if problem:
            return FieldProblem(name, problem)
        if value.strip():
            values[name] = " ".join(value.split())
    if not values:
        return None
    published = None
    if "published" in values:
        published = _published_date(values["published"])
        if published is None:
            reason = f"published {values['published']!r} is not an ISO date or date-time"
            return FieldProblem("published", reason)
    return ArticleMeta(
        title=values.get("title"),
        published=published,
        publisher=values.get("publisher"),
        dateline=values.get("dateline"),
    )


def check_article(*, source: str, text: str, url: str | None, name: str) -> RejectedArticle | None:
    """A rejection when a field of the article cannot be stored, checked before storage
    so both databases refuse the same inputs with the same reason (#13)."""
    for problem in (
        field_problem("text", text),
        field_problem("url", url, MAX_URL_CHARS),
        field_problem("name", name, MAX_NAME_CHARS),
    ):
        if problem:
            return RejectedArticle(source, problem)
    problem = html_problem(text)
    return RejectedArticle(source, problem) if problem else None


def _meta_url(path: Path) -> str | None:
    """The URL in a crawler's ``ID.meta.json`` beside ``ID.txt``, if there is one."""
    meta = path.with_name(path.name.split(".")[0] + ".meta.json")
    if not meta.is_file():
        return None
    try:
        value = json.loads(meta.read_text(encoding="utf-8")).get("url")
    except (ValueError, OSError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def decode_bytes(data: bytes, source: str, max_bytes: int) -> str | RejectedArticle:
    """UTF-8 text, or the reason these bytes are not an article."""
    if not data.strip():
        return RejectedArticle(source, "empty file")
    if len(data) > max_bytes:
        return RejectedArticle(source, f"too large: {len(data)} bytes (limit {max_bytes})")
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return RejectedArticle(source, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return RejectedArticle(source, f"not valid UTF-8 at byte {err.start}")


def read_file(path: Path, *, max_bytes: int) -> Iterator[SourceArticle | RejectedArticle]:
    """Articles in one file: one for .txt/.html, one per line for .jsonl (streamed, so a
    batch of any size holds one record at a time)."""
    source = str(path)
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from read_jsonl(stream, source, max_bytes=max_bytes)
            return
        data = _read_bounded(path, max_bytes)
    except OSError as err:
        yield RejectedArticle(source, f"cannot read: {err.strerror}")
        return
    if isinstance(data, int):
        yield RejectedArticle(source, f"too large: {data} bytes (limit {max_bytes})")
        return
    yield source_from_bytes(
        data,
        source=source,
        article_id=path.name.split(".")[0],
        url=_meta_url(path),
        max_bytes=max_bytes,
    )


def _read_bounded(path: Path, max_bytes: int) -> bytes | int:
    """The file's bytes, or its size when over ``max_bytes``: sized before it is read, and
    read no further than the limit in case it grows meanwhile (#13)."""
    size = path.stat().st_size
    if size > max_bytes:
        return size
    with path.open("rb") as stream:
        data = stream.read(max_bytes + 1)
    return data if len(data) <= max_bytes else max(size, len(data))


def file_name(source: str) -> str:
    """The last part of a path, POSIX or Windows: what may be stored and shown."""
    return PureWindowsPath(PurePosixPath(source).name).name


def source_from_bytes(
    data: bytes,
    *,
    source: str,
    article_id: str,
    url: str | None,
    max_bytes: int,
    name: str | None = None,
    supplied: ArticleMeta | None = None,
) -> SourceArticle | RejectedArticle:
    """One article from raw bytes (a file's, or an upload's); ``name`` is stored, the file
    name of ``source`` by default; ``supplied`` metadata wins over the extractor's."""
    text = decode_bytes(data, source, max_bytes)
    if isinstance(text, RejectedArticle):
        return text
    name = name or file_name(source)
    rejected = check_article(source=source, text=text, url=url, name=name)
    if rejected:
        return rejected
    digest = hashlib.sha256(data).hexdigest()
    return SourceArticle(article_id, source, text, url, digest, name, supplied)


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | int]:
    """Each line of ``stream`` without its line break, never holding more than
    ``max_bytes + 1`` bytes of one: a longer line is skipped and given as its length."""
    while chunk := stream.readline(max_bytes + 1):
        if chunk.endswith(b"\n") or len(chunk) <= max_bytes:
            yield chunk.rstrip(b"\r\n")
            continue
        length = len(chunk)
        while chunk and not chunk.endswith(b"\n"):
            chunk = stream.readline(LINE_SKIP_BYTES)
            length += len(chunk)
        yield length - (1 if chunk.endswith(b"\n") else 0)


def read_jsonl(
    stream: BinaryIO, source: str, *, max_bytes: int
) -> Iterator[SourceArticle | RejectedArticle]:
    """Each line of a JSON Lines stream as an article or a rejection whose ``source`` is
    ``f"{source}:{line number}"``: a file here, or a shard read from anywhere (#16)."""
    for number, line in enumerate(_lines(stream, max_bytes), 1):
        where = f"{source}:{number}"
        if isinstance(line, int):
            yield RejectedArticle(where, f"too large: {line} bytes (limit {max_bytes})")
            continue
        if not line.strip():
            continue
        decoded = decode_bytes(line, where, max_bytes)
        if isinstance(decoded, RejectedArticle):
            yield decoded
            continue
        try:
            record = json.loads(decoded)
        except json.JSONDecodeError as err:
            yield RejectedArticle(where, f"malformed JSON: {err.msg} at column {err.colno}")
            continue
        if not isinstance(record, dict):
            yield RejectedArticle(where, "a JSON Lines record must be an object")
            continue
        text = record.get("text") or record.get("html")
        if not isinstance(text, str) or not text.strip():
            yield RejectedArticle(where, "record has no 'text' or 'html' string")
            continue
        article_id = str(record.get("id") or f"{Path(source).stem}-{number}")
        url = record.get("url") if isinstance(record.get("url"), str) else None
        rejected = check_article(source=where, text=text, url=url, name=article_id)
        if rejected:
            yield rejected
            continue
        supplied = read_supplied(record)
        if isinstance(supplied, FieldProblem):
            yield RejectedArticle(where, supplied.reason)
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        yield SourceArticle(article_id, where, text, url, digest, article_id, supplied)


def expand(paths: Iterable[str | Path]) -> Iterator[Path | RejectedArticle]:
    """Files named, and the article files inside folders named, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in SUFFIXES
                    and not child.name.endswith((".gold.json", ".meta.json"))
                ):
                    yield child
        elif path.is_file():
            yield path
        else:
            yield RejectedArticle(str(path), "no such file or folder")


def count_articles(paths: Iterable[str | Path]) -> int:
    """How many articles (or rejections) ``read_articles`` will yield: one per file, one
    per non-blank JSON Lines line; a quick pass that parses nothing, for a progress bar."""
    total = 0
    for item in expand(paths):
        if isinstance(item, Path) and item.suffix.lower() in JSONL_SUFFIXES:
            try:
                data = item.read_bytes()
            except OSError:
                total += 1  # read_file reports it once
                continue
            total += sum(1 for line in data.splitlines() if line.strip())
        else:
            total += 1
    return total


def read_articles(
    paths: Iterable[str | Path], *, max_bytes: int
) -> Iterator[SourceArticle | RejectedArticle]:
    """Every article under ``paths``; unreadable inputs come back as rejections."""
    for item in expand(paths):
        if isinstance(item, RejectedArticle):
            yield item
        else:
            yield from read_file(item, max_bytes=max_bytes)
