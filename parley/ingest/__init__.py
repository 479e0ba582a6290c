"""Ingest: files, folders and standard input become Articles; anything unusable becomes a Rejection.

Readers never raise on bad input. Each yields, in order, an Article or a Rejection naming the file and
line, so one broken record never stops the batch.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from parley.ingest.decode import InputError, decode_bytes
from parley.ingest.wire import Body, Layout, clean_body, parse_date_field, parse_wire_text
from parley.types import Article, Rejection

TEXT_SUFFIXES = {".txt", ".text", ".story", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES

FIELD_ALIASES = {
    "id": ("id", "article_id", "doc_id", "guid", "uid"),
    "title": ("title", "headline", "head"),
    "text": ("text", "body", "content", "story"),
    "date": ("date", "published", "publication_date", "pubdate", "datetime", "timestamp"),
    "source": ("source", "outlet", "publisher", "site", "sitename"),
    "url": ("url", "link", "href"),
}


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one hostile input from taking unbounded time or memory (configurable)."""

    max_file_bytes: int = 64 * 1024 * 1024
    max_article_chars: int = 200_000
    min_article_chars: int = 1
    # HTML extraction time grows with the number of elements (seconds for 100,000 on one core), so pages
    # with more tags ('<' characters) than a news page has are refused before parsing.
    max_html_tags: int = 100_000


DEFAULT_LIMITS = Limits()


def content_hash(headline: str, text: str) -> str:
    return hashlib.sha256(f"{headline}\n{text}".encode()).hexdigest()[:32]


_SURROGATES = re.compile("[\ud800-\udfff]")
# Spaces and the characters that show nothing: zero-width, bidi controls, soft hyphen, BOM.
_INVISIBLE = re.compile("[\\s\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]+")


def clean_chars(value: str | None) -> str | None:
    """Text that UTF-8 (and so the store) can hold: NUL characters dropped, unpaired surrogates (from JSON
    escapes such as "\\ud800", or from file names that are not valid UTF-8) replaced by U+FFFD."""
    if not value:
        return value
    if "\x00" in value:
        value = value.replace("\x00", "")
    return _SURROGATES.sub("\ufffd", value)


def make_article(
    article_id: str,
    *,
    text: str,
    headline: str = "",
    outlet: str | None = None,
    published: object = None,
    url: str | None = None,
    source_path: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    layout: Layout | None = None,
) -> Article:
    """Build an Article from a record's fields, cleaning the body the same way for every format."""
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, not {type(text).__name__}")
    if len(text) > limits.max_article_chars:
        raise InputError(f"article text has {len(text):,} characters, over the limit of {limits.max_article_chars:,}")
    text = clean_chars(text)
    headline = " ".join(clean_chars(str(headline or "")).split())
    if headline and not layout:
        # Web pages repeat the headline as the first paragraph; it is not part of the story.
        first, _, rest = text.lstrip().partition("\n")
        if " ".join(first.split()) == headline and rest.strip():
            text = rest
    if layout:
        body = Body(clean_chars(layout.body), clean_chars(layout.dateline), clean_chars(layout.outlet),
                    tuple(clean_chars(c) for c in layout.captions))
    else:
        body = clean_body(text)
    if len(_INVISIBLE.sub("", body.text)) < limits.min_article_chars:
        raise InputError("no article text (empty body)")
    return Article(
        id=clean_chars(article_id),
        text=body.text,
        headline=headline,
        outlet=(clean_chars(str(outlet)).strip() or None) if outlet else body.agency,
        published=parse_date_field(published),
        dateline=body.dateline,
        url=clean_chars(url) or None,
        source_path=clean_chars(source_path),
        captions=body.captions,
        content_hash=content_hash(headline, body.text),
    )


def _field(record: dict, name: str) -> object:
    lowered = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    for alias in FIELD_ALIASES[name]:
        if alias in lowered and lowered[alias] not in (None, ""):
            return lowered[alias]
    return None


def article_from_record(record: object, default_id: str, source: str, limits: Limits) -> Article:
    """A JSON object or CSV row with id/title/text/date/source/url fields (common aliases accepted)."""
    if not isinstance(record, dict):
        raise InputError(f"expected an object with a 'text' field, got {type(record).__name__}")
    text = _field(record, "text")
    if text is None:
        raise InputError("record has no 'text' field")
    raw_id = _field(record, "id")
    title = _field(record, "title")
    return make_article(
        str(raw_id) if raw_id is not None else default_id,
        text=text if isinstance(text, str) else text,
        headline=title if isinstance(title, str) else "",
        outlet=_field(record, "source") if isinstance(_field(record, "source"), str) else None,
        published=_field(record, "date"),
        url=_field(record, "url") if isinstance(_field(record, "url"), str) else None,
        source_path=source,
        limits=limits,
    )


def read_text(data: bytes, stem: str, source: str, limits: Limits) -> Iterator[Article | Rejection]:
    try:
        text = decode_bytes(data)
        # A text far over the article limit is refused before the layout pass, which splits it into lines
        # and words and would hold many times its size in memory.
        if len(text) > 4 * limits.max_article_chars:
            raise InputError(f"file has {len(text):,} characters of text, over the limit of "
                             f"{limits.max_article_chars:,} for an article")
        layout = parse_wire_text(text)
        yield make_article(
            stem,
            text=layout.body,
            headline=layout.headline,
            outlet=layout.outlet,
            published=layout.published,
            source_path=source,
            limits=limits,
            layout=layout,
        )
    except InputError as err:
        yield Rejection(source, str(err))


def read_html(data: bytes, stem: str, source: str, limits: Limits) -> Iterator[Article | Rejection]:
    """Main text and metadata of a web page, extracted by trafilatura."""
    import trafilatura

    try:
        tags = data.count(b"<")
        if tags > limits.max_html_tags:
            raise InputError(f"HTML page has {tags:,} tags, over the limit of {limits.max_html_tags:,}")
        html = decode_bytes(data)
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        doc = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else doc
        if not doc or not (doc.get("text") or "").strip():
            raise InputError("no article text found in the HTML page")
        yield make_article(
            stem,
            text=doc["text"],
            headline=doc.get("title") or "",
            outlet=doc.get("sitename"),
            published=doc.get("date"),
            url=doc.get("url"),
            source_path=source,
            limits=limits,
        )
    except InputError as err:
        yield Rejection(source, str(err))
    except Exception as err:  # the extractor's own parser errors on hostile markup
        yield Rejection(source, f"unreadable HTML: {type(err).__name__}: {clean_chars(str(err))[:200]}")


def _loads(text: str) -> object:
    """json.loads, with every way a hostile document can fail it turned into an InputError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"broken JSON: {err.msg} at column {err.colno}") from err
    except RecursionError as err:
        raise InputError("broken JSON: nested too deeply") from err
    except ValueError as err:  # e.g. an integer with more digits than Python converts
        raise InputError(f"broken JSON: {err}") from err


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def iter_lines(text: str, keepends: bool = False) -> Iterator[str]:
    """The lines of a text one at a time, ending at \n, \r\n or \r only: U+2028 and the other Unicode line
    breaks may stand inside a JSON string or a CSV field. (A list of lines, or a StringIO, would hold the
    file several times over in memory.)"""
    for m in _LINE.finditer(text):
        line = m.group()
        yield line if keepends else line.rstrip("\r\n")


def read_jsonl(data: bytes, stem: str, source: str, limits: Limits) -> Iterator[Article | Rejection]:
    """JSON Lines (one article an object); a .json file holding one object or an array also works."""
    try:
        text = decode_bytes(data)
    except InputError as err:
        yield Rejection(source, str(err))
        return
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and "\n{" not in stripped and source.endswith(".json")):
        try:
            parsed = _loads(text)
        except InputError:
            parsed = None
        if parsed is not None:
            records = parsed if isinstance(parsed, list) else [parsed]
            for i, record in enumerate(records, start=1):
                try:
                    yield article_from_record(record, f"{stem}-{i}", source, limits)
                except InputError as err:
                    yield Rejection(source, f"record {i}: {err}")
            return
    for lineno, line in enumerate(iter_lines(text), start=1):
        if not line.strip():
            continue
        try:
            record = _loads(line)
        except InputError as err:
            yield Rejection(source, str(err), lineno)
            continue
        try:
            yield article_from_record(record, f"{stem}-{lineno}", source, limits)
        except InputError as err:
            yield Rejection(source, str(err), lineno)


def read_csv(data: bytes, stem: str, source: str, limits: Limits) -> Iterator[Article | Rejection]:
    try:
        text = decode_bytes(data)
    except InputError as err:
        yield Rejection(source, str(err))
        return
    csv.field_size_limit(max(limits.max_article_chars * 4, 131072))
    delimiter = "\t" if source.endswith(".tsv") else ","
    reader = csv.DictReader(iter_lines(text, keepends=True), delimiter=delimiter)
    try:
        columns = {str(c).strip().lower() for c in (reader.fieldnames or [])}
    except csv.Error as err:
        yield Rejection(source, f"broken CSV header: {err}", 1)
        return
    if not columns & set(FIELD_ALIASES["text"]):
        shown = [clean_chars(c)[:40] for c in sorted(columns)[:12]]  # a hostile header can be anything
        listed = ", ".join(shown) + (", ..." if len(columns) > len(shown) else "")
        yield Rejection(source, f"CSV has no text column (columns: {listed or 'none'})", 1)
        return
    try:
        for row in reader:
            lineno = reader.line_num
            if None in row:
                yield Rejection(source, f"row has {len(row) - 1 + len(row[None])} fields, header has "
                                        f"{len(reader.fieldnames or [])}", lineno)
                continue
            try:
                yield article_from_record(row, f"{stem}-{lineno}", source, limits)
            except InputError as err:
                yield Rejection(source, str(err), lineno)
    except csv.Error as err:
        yield Rejection(source, f"broken CSV: {err}", reader.line_num)


READERS = {
    **{s: read_text for s in TEXT_SUFFIXES},
    **{s: read_html for s in HTML_SUFFIXES},
    **{s: read_jsonl for s in JSONL_SUFFIXES},
    **{s: read_csv for s in CSV_SUFFIXES},
}


def sniff_reader(data: bytes, suffix: str):
    """Pick a reader by suffix, or by content for standard input and unknown suffixes."""
    if suffix in READERS and suffix != "":
        return READERS[suffix]
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return read_html
    if head.startswith(b"{") or head.startswith(b"["):
        return read_jsonl
    return read_text


def read_bytes(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[Article | Rejection]:
    name = clean_chars(name)  # a file name that is not valid UTF-8 is stored with U+FFFD for its bad bytes
    path = Path(name)
    if len(data) > limits.max_file_bytes:
        yield Rejection(name, f"file is {len(data):,} bytes, over the limit of {limits.max_file_bytes:,}")
        return
    reader = sniff_reader(data, path.suffix.lower())
    yield from reader(data, path.stem or "stdin", name, limits)


def holds_articles(path: Path) -> bool:
    """In a folder walk, a JSON file whose first record has no text field (annotations, gold, config) is
    not an input; named explicitly on the command line it would be read and rejected with a reason."""
    if path.suffix.lower() not in JSONL_SUFFIXES:
        return True
    try:
        with path.open("rb") as fh:
            first = fh.readline(1_000_000)
        record = json.loads(first)
    except (OSError, ValueError, RecursionError):
        return True
    if isinstance(record, dict):
        return _field(record, "text") is not None
    return True


def iter_files(paths: Iterable[str]) -> Iterator[Path | str]:
    """Files named, files under folders (recursively, sorted, hidden ones skipped), or '-'."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in rel.parts):
                    if child.suffix.lower() in KNOWN_SUFFIXES and holds_articles(child):
                        yield child
        else:
            yield path


def read_paths(paths: Iterable[str], limits: Limits = DEFAULT_LIMITS) -> Iterator[Article | Rejection]:
    """Stream Articles and Rejections from every input, one file at a time."""
    for item in iter_files(paths):
        if item == "-":
            yield from read_bytes(sys.stdin.buffer.read(limits.max_file_bytes + 1), "<stdin>", limits)
            continue
        path = Path(item)
        name = clean_chars(str(path))
        try:
            size = path.stat().st_size
            if size > limits.max_file_bytes:
                yield Rejection(name, f"file is {size:,} bytes, over the limit of {limits.max_file_bytes:,}")
                continue
            data = path.read_bytes()
        except FileNotFoundError:
            yield Rejection(name, "no such file or folder")
            continue
        except OSError as err:
            yield Rejection(name, f"cannot read: {err.strerror or err}")
            continue
        yield from read_bytes(data, name, limits)
