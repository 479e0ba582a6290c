"""Hostile and broken input: every reader turns any bytes into Articles or Rejections naming the file (and the
line, where there is one), never an exception, never unbounded time or memory.

Property tests (hypothesis) over each reader in parley/ingest with random bytes, text in wrong and mixed
encodings, BOMs, NUL bytes, zero-width and right-to-left characters, random JSON records with wrong types,
CSV with missing columns and ragged rows, random and deeply nested or unclosed HTML; plus fixed cases for
the inputs that once crashed or hung a reader, a 50 MB single-line file in every format, a 10,000-token
sentence through the whole pipeline, and an article of only a headline. Example counts are kept modest so
the suite stays fast; raise them with HYPOTHESIS_PROFILE=thorough.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from parley.cli import EXIT_REJECTED, app
from parley.ingest import (
    DEFAULT_LIMITS,
    FIELD_ALIASES,
    Limits,
    make_article,
    read_bytes,
    read_csv,
    read_html,
    read_jsonl,
    read_paths,
    read_text,
)
from parley.store import open_store
from parley.types import Article, Rejection

settings.register_profile("fast", max_examples=40, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("thorough", max_examples=1000, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "fast")
FEW = 1000 if PROFILE == "thorough" else 15  # for the slower readers (HTML) and the language model

READERS = {"txt": read_text, "html": read_html, "jsonl": read_jsonl, "csv": read_csv}
SUFFIXES = (".txt", ".html", ".jsonl", ".json", ".csv", ".tsv", "")

# Characters that hostile or careless text is full of: zero-width, bidi controls, BOM, NUL and other controls,
# right-to-left letters, combining marks, emoji, unpaired-looking punctuation.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f"
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
RTL_LETTERS = "\u05d0\u05d1\u05d2\u05e9\u05dc\u05d5\u05dd\u0627\u0644\u0633\u0644\u0627\u0645\u0645\u0631\u062d"
ODD = "\x00\x01\x07\x0b\x0c\x1b\x7f\x85\u2028\u2029\u0301\u20ac\U0001f600\"'<>&{}[],;\t\r\n "
ALPHABET = st.sampled_from(list(INVISIBLE + BIDI + RTL_LETTERS + ODD) + list("ROME -- Italy met France. a"))
hostile_text = st.text(alphabet=st.one_of(ALPHABET, st.characters(exclude_categories=["Cs"])), max_size=400)

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "cp1251",
             "cp1250", "shift_jis", "gb18030", "koi8-r", "iso8859-7", "mac_roman"]
BOMS = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE]


def check(items, source: str, limits: Limits = DEFAULT_LIMITS, max_line: int | None = None) -> list:
    """What every reader promises: only Articles and Rejections; a rejection names this file, a line within
    it if any, and a reason; an article has clean, bounded, non-empty text."""
    items = list(items)
    for item in items:
        assert isinstance(item, Article | Rejection), item
        # Everything a reader yields must be storable: valid UTF-8 (no lone surrogates), no NUL.
        for value in vars(item).values():
            for text in value if isinstance(value, tuple) else (value,):
                if isinstance(text, str):
                    text.encode("utf-8")
                    assert "\x00" not in text
        if isinstance(item, Rejection):
            assert item.source == source
            assert isinstance(item.reason, str) and item.reason.strip()
            assert source in str(item)
            if item.line is not None:
                assert item.line >= 1
                if max_line is not None:
                    assert item.line <= max_line, (item, max_line)
        else:
            assert isinstance(item.id, str) and item.id
            assert isinstance(item.text, str) and item.text.strip()
            assert "\x00" not in item.text
            assert len(item.text) <= limits.max_article_chars
            assert isinstance(item.headline, str)
            assert item.published is None or isinstance(item.published, dt.date)
            assert len(item.content_hash) == 32
            assert item.source_path == source
    return items


def lines_in(data: bytes) -> int:
    return data.count(b"\n") + data.count(b"\r") + 1


# -- any bytes, any reader ---------------------------------------------------------------------------------

@settings(settings.get_profile(PROFILE))
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_never_escape(data, suffix):
    name = f"in/random{suffix}"
    check(read_bytes(data, name), name)


@settings(settings.get_profile(PROFILE), max_examples=FEW)
@given(data=st.binary(max_size=3000))
def test_random_bytes_html(data):
    check(read_html(data, "page", "page.html", DEFAULT_LIMITS), "page.html")


@settings(settings.get_profile(PROFILE))
@given(text=hostile_text, encoding=st.sampled_from(ENCODINGS), suffix=st.sampled_from(SUFFIXES),
       bom=st.one_of(st.just(b""), st.sampled_from(BOMS)))
def test_wrong_encodings_and_boms(text, encoding, suffix, bom):
    """Text in an encoding the reader has to guess, sometimes behind a BOM that contradicts it."""
    data = bom + text.encode(encoding, errors="replace")
    name = f"enc{suffix}"
    check(read_bytes(data, name), name, max_line=lines_in(data))


@settings(settings.get_profile(PROFILE))
@given(parts=st.lists(st.tuples(hostile_text, st.sampled_from(ENCODINGS)), min_size=2, max_size=4),
       suffix=st.sampled_from(SUFFIXES))
def test_mixed_encodings_in_one_file(parts, suffix):
    data = b"\n".join(t.encode(e, errors="ignore") for t, e in parts)
    name = f"mixed{suffix}"
    check(read_bytes(data, name), name, max_line=lines_in(data))


@settings(settings.get_profile(PROFILE))
@given(story=st.text(min_size=1, max_size=300), positions=st.lists(st.integers(0, 300), max_size=5),
       suffix=st.sampled_from([".txt", ".jsonl", ".csv", ""]))
def test_nul_bytes_anywhere(story, positions, suffix):
    raw = bytearray(("Talks\n\nROME -- " + story).encode())
    for pos in sorted(positions, reverse=True):
        raw[min(pos, len(raw)):min(pos, len(raw))] = b"\x00"
    if suffix == ".jsonl":
        raw = json.dumps({"id": "n1", "text": raw.decode("utf-8", "replace")}).encode()
    elif suffix == ".csv":
        buf = io.StringIO()
        csv.writer(buf).writerows([["id", "text"], ["n1", raw.decode("utf-8", "replace")]])
        raw = buf.getvalue().encode()
    name = f"nul{suffix}"
    check(read_bytes(bytes(raw), name), name)


@settings(settings.get_profile(PROFILE))
@given(headline=hostile_text, body=hostile_text, suffix=st.sampled_from([".txt", ".jsonl", ".csv"]))
def test_zero_width_and_right_to_left(headline, body, suffix):
    if suffix == ".txt":
        data = f"{headline}\n\n{body}\n".encode()
    elif suffix == ".jsonl":
        data = json.dumps({"title": headline, "text": body}, ensure_ascii=False).encode()
    else:
        buf = io.StringIO()
        csv.writer(buf).writerows([["title", "text"], [headline, body]])
        data = buf.getvalue().encode()
    name = f"bidi{suffix}"
    check(read_bytes(data, name), name, max_line=lines_in(data))


# -- JSON with wrong types, missing text, broken lines -----------------------------------------------------

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), hostile_text)
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)
ALIASES = [a for names in FIELD_ALIASES.values() for a in names] + ["TEXT", " Body ", "Title", "extra", ""]
json_records = st.one_of(
    st.dictionaries(st.sampled_from(ALIASES), json_values, max_size=7),
    json_values,
)


def _json_line(value) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=True)
    except ValueError:
        return "{broken"


@settings(settings.get_profile(PROFILE))
@given(records=st.lists(st.one_of(json_records, st.just("{oops"), st.just(""), st.just("[1, 2")), max_size=8),
       suffix=st.sampled_from([".jsonl", ".json", ".ndjson"]))
def test_json_lines_wrong_types_and_missing_text(records, suffix):
    lines = [r if isinstance(r, str) and r in ("{oops", "", "[1, 2") else _json_line(r) for r in records]
    data = "\n".join(lines).encode()
    name = f"records{suffix}"
    items = check(read_bytes(data, name), name, max_line=max(len(lines), 1))
    if not data.strip():
        assert len(items) == 1 and "empty input" in items[0].reason
    elif suffix == ".jsonl" and not data.lstrip().startswith(b"["):
        # One item per non-blank line, in order, and a rejection names that line.
        numbered = [i for i, line in enumerate(lines, start=1) if line.strip()]
        assert len(items) == len(numbered)
        for item, lineno in zip(items, numbered, strict=True):
            if isinstance(item, Rejection):
                assert item.line == lineno


@settings(settings.get_profile(PROFILE))
@given(records=st.lists(json_records, max_size=6))
def test_json_array_file(records):
    data = _json_line(records).encode()
    check(read_bytes(data, "array.json"), "array.json")


@pytest.mark.parametrize("value, reason", [
    ({"id": "t", "text": 12}, "must be a string"),
    ({"id": "t", "text": ["a", "b"]}, "must be a string"),
    ({"id": "t", "text": {"p": "a"}}, "must be a string"),
    ({"id": "t", "text": True}, "must be a string"),
    ({"id": "t", "text": None}, "no 'text' field"),
    ({"id": "t", "title": "Only a headline"}, "no 'text' field"),
    ({"id": "t", "text": "   \u200b "}, "no article text"),
    ([1, 2, 3], "expected an object"),
    ("just a string", "expected an object"),
])
def test_json_wrong_types_are_rejected_with_line(value, reason):
    data = b'{"id": "ok", "text": "Italy met France."}\n' + json.dumps(value).encode() + b"\n"
    items = check(read_bytes(data, "w.jsonl"), "w.jsonl")
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Rejection) and items[1].line == 2 and reason in items[1].reason, items[1]


def test_json_odd_metadata_types_still_make_articles():
    rows = [{"id": {"a": 1}, "text": "Italy met France.", "date": [2024, 1, 1], "title": 5, "url": 3},
            {"id": 7, "text": "Italy met France.", "date": 20240101, "source": ["x"]},
            {"id": None, "text": "Italy met France.", "date": "May 40, 2024"},
            {"id": "d", "text": "Italy met France.", "date": "99999-12-31"},
            {"id": "e", "text": "Italy met France.", "date": True}]
    data = "\n".join(json.dumps(r) for r in rows).encode()
    items = check(read_bytes(data, "odd.jsonl"), "odd.jsonl")
    assert all(isinstance(i, Article) for i in items), items
    assert [i.published for i in items] == [None, dt.date(2024, 1, 1), None, None, None]


@pytest.mark.parametrize("data", [
    b"[" * 100_000 + b"]" * 100_000,                       # recursion in the JSON parser (crashed before)
    b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    b'{"id": ' + b"9" * 5000 + b', "text": "a"}',            # int too long to convert (crashed before)
    b'{"text": "Italy met France.", "id": NaN, "date": Infinity}',
    b'{"text": "a\xe2\x80\xa8b"}\n{"text": "c"}',            # U+2028 inside a JSON string is not a line break
], ids=["deep-array", "deep-value", "huge-int", "nan", "u2028"])
@pytest.mark.parametrize("suffix", [".jsonl", ".json", ""])
def test_json_that_crashed_the_parser(data, suffix):
    name = f"deep{suffix}"
    items = check(read_bytes(data, name), name)
    assert items
    if data.startswith(b'{"text": "a'):
        assert len(items) == 2 and all(isinstance(i, Article) for i in items)


@pytest.mark.parametrize("data", [
    rb'{"id": "s\ud800", "text": "Italy met \udc00 France.", "title": "\ud83d\ude00 \udfff"}',
    rb'[{"text": "\ud800"}, {"text": "Italy met France.", "source": "\udbff"}]',
])
def test_json_escaped_lone_surrogates_are_replaced(data):
    """JSON may escape half a surrogate pair; UTF-8 (and the store) cannot hold it. It crashed the run."""
    items = check(read_bytes(data, "s.json"), "s.json")
    assert any(isinstance(i, Article) for i in items)


def test_file_names_that_are_not_utf8(tmp_path):
    folder = os.fsencode(tmp_path)
    for raw in (b"caf\xe9.txt", b"bin\xff.txt"):
        with open(os.path.join(folder, raw), "wb") as fh:
            fh.write(b"Talks\n\nROME -- Italy met France.\n" if raw.startswith(b"caf") else b"\x00\x01")
    items = list(read_paths([str(tmp_path)]))
    assert len(items) == 2
    for item in items:
        name = item.source if isinstance(item, Rejection) else item.source_path
        assert "\ufffd" in name
        check([item], name)
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(app, ["run", str(tmp_path), "--db", str(db), "--quiet"])
    assert result.exit_code == EXIT_REJECTED, result.output
    with open_store(db, read_only=True) as store:
        assert store.counts()["articles"] == 1 and store.counts()["rejected"] == 1


def test_deeply_nested_json_in_a_folder_walk(tmp_path):
    """The folder walk peeks at a JSON file's first line to skip non-article JSON; that peek must not crash."""
    (tmp_path / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    (tmp_path / "ok.jsonl").write_text('{"id": "ok", "text": "Italy met France."}\n')
    items = list(read_paths([str(tmp_path)]))
    assert any(isinstance(i, Article) for i in items)
    assert any(isinstance(i, Rejection) and i.source.endswith("deep.json") for i in items)


# -- CSV with missing columns and ragged rows --------------------------------------------------------------

csv_cells = st.one_of(hostile_text, st.sampled_from(["", '"', '""', "a,b", "line\nbreak", "\t", "\x00"]))


@settings(settings.get_profile(PROFILE))
@given(header=st.lists(st.sampled_from(ALIASES + ["x", "y"]), max_size=6),
       rows=st.lists(st.lists(csv_cells, max_size=8), max_size=6),
       delimiter=st.sampled_from([",", "\t"]), raw_tail=st.sampled_from(["", '"unclosed', "a,b,c,d,e,f,g,h,i"]))
def test_csv_missing_columns_and_ragged_rows(header, rows, delimiter, raw_tail):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    data = (buf.getvalue() + raw_tail).encode()
    name = "table.tsv" if delimiter == "\t" else "table.csv"
    items = check(read_bytes(data, name), name, max_line=lines_in(data))
    if not {h.strip().lower() for h in header} & set(FIELD_ALIASES["text"]):
        assert len(items) == 1 and isinstance(items[0], Rejection)
        if items[0].line is not None:  # not refused as a whole file (empty, binary, undecodable)
            assert "no text column" in items[0].reason


@pytest.mark.parametrize("data, reason", [
    (b"id,title\n1,hello\n", "no text column"),
    (b"", "empty input"),
    (b"id,text\n1,hello,extra\n", "fields"),
    (b"id,text\n1,\n", "no 'text' field"),
    ("id,text\n1,\u200b\n".encode(), "no article text"),
    (b"id,text," + b"h" * 1_000_000 + b"\n1,a,b\n", "broken CSV header"),   # crashed before
    (b"id,text\n1," + b"x" * 1_000_000 + b"\n", "broken CSV"),
])
def test_csv_bad_shapes_are_rejected_with_line(data, reason):
    items = check(read_bytes(data, "bad.csv"), "bad.csv")
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert rejections and any(reason in r.reason for r in rejections), items
    assert all(r.line is not None for r in rejections if data)


# -- HTML: random, deeply nested, unclosed -----------------------------------------------------------------

TAGS = ["html", "head", "body", "div", "p", "span", "article", "script", "style", "table", "td", "b", "title",
        "iframe", "svg", "noscript", "!--", "![CDATA["]


@st.composite
def html_pages(draw):
    parts = ["<html><body>"] if draw(st.booleans()) else []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(st.sampled_from(TAGS))
        kind = draw(st.integers(0, 3))
        if kind == 0:
            parts.append(f"<{tag}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(f'<{tag} class="{draw(hostile_text)[:20]}"')  # unclosed tag
        parts.append(draw(hostile_text)[:80])
    return "".join(parts).encode(draw(st.sampled_from(["utf-8", "utf-16", "latin-1"])), errors="replace")


@settings(settings.get_profile(PROFILE), max_examples=FEW)
@given(page=html_pages())
def test_random_html(page):
    check(read_bytes(page, "page.html"), "page.html")


@pytest.mark.parametrize("page", [
    b"<html><body>" + b"<div>" * 20_000 + b"Italy met France." + b"</div>" * 20_000 + b"</body></html>",
    b"<html><body>" + b"<div>" * 20_000 + b"<p>Italy met France on Monday.",
    b"<html><body><p>Leaders met <b>on <i>Monday <div",
    b"<html><head><title>Only a headline</title></head><body></body></html>",
    b"<!doctype html><html><body><script>" + b"if (a < b) {}" * 50_000 + b"</script><p>Talks.</p></body></html>",
    b"<p>" * 200_000,
    b"<![CDATA[" + b"<" * 1000,
    b"<html><body><p>\xff\xfe\x00broken bytes\x00</p></body></html>",
], ids=["deep-closed", "deep-unclosed", "unclosed", "headline-only", "script-lt", "many-tags", "cdata", "binary"])
def test_hostile_html_pages(page):
    started = time.perf_counter()
    items = check(read_bytes(page, "hostile.html"), "hostile.html")
    assert len(items) == 1
    assert time.perf_counter() - started < 30


def test_too_many_tags_is_refused_before_parsing():
    """50 MB of short paragraphs took trafilatura minutes and gigabytes; now it is refused at once."""
    page = b"<html><body>" + b"<p>word</p>" * 200_000
    started = time.perf_counter()
    (rej,) = check(read_bytes(page, "tags.html", Limits(max_html_tags=100_000)), "tags.html")
    assert isinstance(rej, Rejection) and "tags" in rej.reason and "limit" in rej.reason
    assert time.perf_counter() - started < 2


# -- size: a 50 MB single-line file in every format --------------------------------------------------------

@pytest.fixture(scope="module")
def big_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("big")
    size = 50 * 1024 * 1024
    line = b"Italy met France " * (size // 17)
    files = {
        ".txt": line,
        ".html": b"<html><body><p>" + line + b"</p></body></html>",
        ".jsonl": b'{"id": "big", "text": "' + line + b'"}',
        ".csv": b"id,text\nbig," + line,
        "": line,
    }
    paths = {}
    for suffix, data in files.items():
        path = folder / f"single-line{suffix}"
        path.write_bytes(data)
        paths[suffix] = path
    return paths


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl", ".csv", ""])
def test_fifty_megabyte_single_line(big_files, suffix):
    path = big_files[suffix]
    size = path.stat().st_size
    tracemalloc.start()
    started = time.perf_counter()
    try:
        items = check(read_paths([str(path)]), str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    assert len(items) == 1 and isinstance(items[0], Rejection), items
    assert elapsed < 20, elapsed
    # The bytes, the decoded text and a line of it; not the text split into millions of words (that took 15
    # times the file) or held in a StringIO (4 bytes a character).
    assert peak < 5 * size, (peak, size)


def test_oversized_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(DEFAULT_LIMITS.max_file_bytes + 1)  # sparse: no disk used
    (rej,) = check(read_paths([str(path)]), str(path))
    assert isinstance(rej, Rejection) and "over the limit" in rej.reason


@pytest.mark.parametrize("data", [
    b"\n" * 2_000_000 + b"Italy met France.",          # quadratic before: lines popped off a list's front
    b"\r\n" * 1_000_000 + b"Italy met France.",
    b" " * 5_000_000 + b"Italy met France.",
    "\u2028".encode() * 1_000_000 + b"Italy met France.",
])
@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".csv", ".html"])
def test_whitespace_floods_are_fast(data, suffix):
    started = time.perf_counter()
    items = check(read_bytes(data, f"flood{suffix}"), f"flood{suffix}")
    assert items
    assert time.perf_counter() - started < 15


def test_many_blank_lines_then_a_story_is_read():
    data = b"\n" * 100_000 + b"Talks\n\nROME -- Italy met France on Monday.\n"
    (art,) = check(read_bytes(data, "blank.txt"), "blank.txt")
    assert isinstance(art, Article) and art.headline == "Talks" and art.dateline == "Rome"


# -- an article of only a headline -------------------------------------------------------------------------

@pytest.mark.parametrize("data, name", [
    (b"Ministers pledge closer ties\n", "headline.txt"),
    (b"Ministers pledge closer ties\n\n\n", "headline.txt"),
    (b"Ministers pledge closer ties\n\nCopyright (c) Example Wire. All rights reserved.\n", "headline.txt"),
    (b'{"id": "h", "title": "Ministers pledge closer ties"}', "headline.jsonl"),
    (b'{"id": "h", "title": "Ministers pledge closer ties", "text": ""}', "headline.jsonl"),
    (b"id,title,text\nh,Ministers pledge closer ties,\n", "headline.csv"),
])
def test_only_a_headline(data, name):
    items = check(read_bytes(data, name), name)
    assert len(items) == 1
    item = items[0]
    if isinstance(item, Rejection):
        assert "text" in item.reason
        if name.endswith((".jsonl", ".csv")):
            assert item.line is not None


# -- through the whole pipeline ----------------------------------------------------------------------------

def test_ten_thousand_token_sentence_is_coded_in_bounded_time():
    """One sentence of 10,000 tokens (no full stop until the end) through parse, actors, events and dates."""
    from parley.pipeline import code_batch

    code_batch([make_article("warm", text="Italy met France on Monday.")])  # load the model outside the clock
    words = ["the", "talks", "between", "Italy", "and", "France", "on", "trade", "and", "water", "went", "on",
             "with", "officials", "of", "several", "ministries", ","]
    text = " ".join(words[i % len(words)] for i in range(10_000)) + "."
    article = make_article("long", text=text, published=dt.date(2024, 3, 1))
    started = time.perf_counter()
    (result,) = code_batch([article])
    elapsed = time.perf_counter() - started
    assert result.tokens >= 10_000
    assert result.sentences
    for span in result.sentences:
        assert 0 <= span.start <= span.end <= len(article.text)
    for event in result.events:
        assert event.trigger is None or 0 <= event.trigger.start < event.trigger.end <= len(article.text)
    assert elapsed < 120, elapsed


@settings(settings.get_profile(PROFILE), max_examples=FEW)
@given(body=st.lists(st.one_of(ALPHABET, st.sampled_from(["Italy", " met ", "France", ". ", "\n\n", " said ",
                                                          "President ", "Luc Marin", "\u05e9\u05dc\u05d5\u05dd"])),
                     min_size=1, max_size=80).map("".join))
def test_hostile_text_through_the_pipeline(body):
    """Zero-width, bidi, control and right-to-left characters reach the language model and the coders."""
    from parley.pipeline import code_batch

    items = list(read_bytes(("Talks\n\nROME -- " + body).encode(), "story.txt"))
    articles = [i for i in items if isinstance(i, Article)]
    for result in code_batch(articles):
        text = result.article.text
        for span in result.sentences:
            assert 0 <= span.start <= span.end <= len(text)
        for mention in result.mentions:
            assert 0 <= mention.start <= mention.end <= len(text)
        for event in result.events:
            if event.trigger is not None:
                assert text[event.trigger.start:event.trigger.end] == event.trigger_text or event.trigger_text


def test_a_folder_of_hostile_files_runs_to_the_end(tmp_path):
    """`parley run` over every kind of bad file: exit status 1, each rejection stored naming its file and
    line, the good articles stored, no traceback."""
    folder = tmp_path / "in"
    folder.mkdir()
    files = {
        "good.txt": b"Talks\n\nROME -- Italy met France on Monday.\n",
        "random.txt": os.urandom(4096),
        "nul.txt": b"Talks\x00\x00\n\nROME -- Italy\x00 met France.\n",
        "bom-only.txt": codecs.BOM_UTF8,
        "utf16.txt": "Talks\n\nROME -- Italy met France.\n".encode("utf-16"),
        "mixed.txt": "Caf\u00e9 talks\n\n".encode() + "PARIS -- Caf\u00e9 owners met.".encode("latin-1"),
        "headline.txt": b"Ministers pledge closer ties\n",
        "rtl.txt": "Talks\n\n\u202eROME -- \u200bItaly met \u05e9\u05dc\u05d5\u05dd France.\u2069".encode(),
        "deep.json": b"[" * 50_000 + b"]" * 50_000,
        "types.jsonl": b'{"id": "t1", "text": 5}\n{"id": "t2", "text": "Japan thanked Kenya."}\n{broken\n',
        "nocol.csv": b"id,title\n1,x\n",
        "ragged.csv": b"id,text\nc1,Brazil praised Chile.\nc2\nc3,a,b\n",
        "nested.html": b"<html><body>" + b"<div>" * 5000 + b"<p>Italy met France on Monday.",
        "empty.html": b"<html><body></body></html>",
        "markup[red].csv": b"id,[/b]\n1,x\n",  # rich markup in a message crashed `run` and `info`
        "markup.jsonl": b'{"id": "m1", "title": "[bold]Talks[/]", "text": "Italy [/i] met France."}\n',
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(app, ["run", str(folder), "--db", str(db), "--quiet"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == EXIT_REJECTED, result.output
    with open_store(db, read_only=True) as store:
        _, rows = store.query("SELECT source, line, reason FROM rejected")
        _, ids = store.query("SELECT id FROM articles")
    rejected = {(Path(s).name, line) for s, line, _ in rows}
    assert {("random.txt", None), ("bom-only.txt", None), ("headline.txt", None), ("nocol.csv", 1),
            ("types.jsonl", 1), ("types.jsonl", 3), ("ragged.csv", 3), ("ragged.csv", 4),
            ("empty.html", None)} <= rejected
    assert all(reason.strip() for _, _, reason in rows)
    assert {"good", "t2", "c1", "m1"} <= {i for (i,) in ids}
    assert ("markup[red].csv", 1) in rejected
    for command in (["info"], ["events", "--all"], ["actors"]):
        shown = CliRunner().invoke(app, [*command, "--db", str(db)])
        assert shown.exit_code == 0 and shown.exception is None, (command, shown.exception, shown.output)
    assert "[/b]" in CliRunner().invoke(app, ["info", "--db", str(db)]).output
