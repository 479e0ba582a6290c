"""Ingestion: every input format, the wire-story layout, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from parley.ingest import Limits, read_bytes, read_paths
from parley.ingest.decode import InputError, decode_bytes
from parley.ingest.wire import clean_body, parse_wire_text
from parley.types import Article, Rejection

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

WIRE = """Ministers pledge closer ties

Example Wire Updated: 2024-03-02

ROME -- Italian and Greek ministers met on Friday.

Copyright (c) Example Wire. All Rights Reserved.
"""


def one(items) -> Article | Rejection:
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def test_wire_layout_headline_outlet_date_dateline_footer():
    layout = parse_wire_text(WIRE)
    assert layout.headline == "Ministers pledge closer ties"
    assert layout.outlet == "Example Wire"
    assert layout.published == dt.date(2024, 3, 2)
    assert layout.dateline == "Rome"
    assert layout.body == "Italian and Greek ministers met on Friday."


def test_wire_layout_agency_dateline_with_date_and_clock_line():
    text = ("Leaders hold talks\n\nAgency) 08:41, April 26, 2024\n\n"
            "Two leaders shake hands in Oslo, April 25, 2024. (Agency/Jon Doe)\n\n"
            "OSLO, April 25 (Agency) -- The two leaders held talks on Thursday.\n")
    layout = parse_wire_text(text)
    assert layout.published == dt.date(2024, 4, 26)
    assert layout.dateline == "Oslo"
    assert layout.outlet == "Agency"
    assert layout.captions and "(Agency/Jon Doe)" in layout.captions[0]
    assert layout.body == "The two leaders held talks on Thursday."


def test_leading_date_tag_on_headline_line():
    layout = parse_wire_text(" date 2024-04-26 Leaders hold talks\n\nOSLO -- They met.\n")
    assert layout.published == dt.date(2024, 4, 26)
    assert layout.headline == "Leaders hold talks"


def test_dateline_with_country_and_underscore_separator():
    body = clean_body("NAIROBI, Kenya (AP) _\n\nOfficials met on Friday.")
    assert body.dateline == "Nairobi"
    assert body.text == "Officials met on Friday."


def test_plain_text_file(tmp_path):
    path = tmp_path / "story-1.txt"
    path.write_text(WIRE, encoding="utf-8")
    art = one(read_paths([str(path)]))
    assert isinstance(art, Article)
    assert art.id == "story-1" and art.dateline == "Rome" and art.content_hash


def test_latin1_text_is_detected_not_assumed(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Ministers meet\n\nPARIS -- Le ministre fran\u00e7ais a rencontr\u00e9 son homologue \u00e0 "
                     "Paris, d\u00e9clar\u00e9 le porte-parole du gouvernement.\n".encode("latin-1"))
    art = one(read_paths([str(path)]))
    assert isinstance(art, Article)
    assert "fran\u00e7ais" in art.text


def test_utf16_with_bom():
    art = one(read_bytes("Headline\n\nBERLIN -- Leaders met.\n".encode("utf-16"), "x.txt"))
    assert isinstance(art, Article) and art.dateline == "Berlin"


def test_jsonl_records_and_broken_lines_name_the_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "T", "text": "Leaders met.", "date": "2024-01-02", "source": "W"}),
        "{broken json",
        json.dumps({"id": "a3", "title": "No text"}),
        json.dumps({"id": "a4", "text": 42}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"headline": "H", "body": "Aliases work too.", "published": "20240105"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_paths([str(path)]))
    arts = [i for i in items if isinstance(i, Article)]
    rejs = {i.line: i for i in items if isinstance(i, Rejection)}
    assert [a.id for a in arts] == ["a1", "batch-6"]
    assert arts[0].published == dt.date(2024, 1, 2) and arts[0].outlet == "W"
    assert arts[1].published == dt.date(2024, 1, 5) and arts[1].headline == "H"
    assert set(rejs) == {2, 3, 4, 5}
    assert "broken JSON" in rejs[2].reason
    assert "no 'text'" in rejs[3].reason
    assert "must be a string" in rejs[4].reason
    assert str(rejs[2]).startswith(str(path) + ":2")


def test_csv_rows_and_bad_rows(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_text('id,title,text,date,source,url\nc1,T,"Leaders met, in Rome.",2024-02-03,W,http://x\n'
                    'c2,T,,2024-02-03,W,\nc3,T,text,2024-02-03,W,u,EXTRA\n', encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert isinstance(items[0], Article) and items[0].url == "http://x" and items[0].text == "Leaders met, in Rome."
    assert [i.line for i in items if isinstance(i, Rejection)] == [3, 4]


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,title\n1,x\n", encoding="utf-8")
    rej = one(read_paths([str(path)]))
    assert isinstance(rej, Rejection) and "no text column" in rej.reason


def test_html_page_main_text_and_metadata():
    art = one(read_paths([str(EXAMPLES / "ex003_geneva_talks.html")]))
    assert isinstance(art, Article)
    assert "Armenian and Azerbaijani negotiators" in art.headline
    assert art.published == dt.date(2025, 9, 19)
    assert "Home" not in art.text and "peace treaty" in art.text


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    ],
)
def test_bad_files_are_rejected_with_reason(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    rej = one(read_paths([str(path)]))
    assert isinstance(rej, Rejection) and reason in rej.reason and rej.source == str(path)


def test_huge_file_is_rejected_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 3000)
    rej = one(read_paths([str(path)], Limits(max_file_bytes=10_000)))
    assert isinstance(rej, Rejection) and "over the limit" in rej.reason


def test_overlong_article_is_rejected():
    rej = one(read_bytes(json.dumps({"id": "x", "text": "a " * 5000}).encode(), "x.jsonl",
                         Limits(max_article_chars=1000)))
    assert isinstance(rej, Rejection) and "over the limit" in rej.reason and rej.line == 1


def test_truncated_utf8_is_still_read_or_rejected_clearly():
    data = "Headline\n\nKYIV -- Talks \u2014 resumed.".encode() [:-3] + "\u2014".encode()[:2]
    item = one(read_bytes(data, "t.txt"))
    assert isinstance(item, Article | Rejection)
    if isinstance(item, Rejection):
        assert "undecodable" in item.reason


def test_decode_refuses_binary():
    with pytest.raises(InputError):
        decode_bytes(b"\x00\x01\x02\x03" * 100)


def test_missing_path_is_a_rejection():
    rej = one(read_paths(["/nonexistent/parley/file.txt"]))
    assert isinstance(rej, Rejection) and "no such file" in rej.reason


def test_folder_walk_reads_every_format_and_skips_non_article_json(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "notes.jsonl").write_text(json.dumps({"article": "x", "events": []}) + "\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(WIRE, encoding="utf-8")
    items = list(read_paths([str(tmp_path)]))
    assert [i.id for i in items] == ["a"]


def test_examples_folder_reads_every_article():
    items = list(read_paths([str(EXAMPLES)]))
    assert all(isinstance(i, Article) for i in items), [str(i) for i in items if isinstance(i, Rejection)]
    assert len(items) == 7
    assert all(i.published for i in items)


def test_undecodable_bytes_behind_a_utf8_byte_order_mark_are_rejected():
    rej = one(read_bytes(b"\xef\xbb\xbfHeadline\n\nTalks \xff\xfe\xfa resumed.", "bad.txt"))
    assert isinstance(rej, Rejection) and "undecodable" in rej.reason and rej.source == "bad.txt"


def test_truncated_jsonl_keeps_every_complete_record(tmp_path):
    path = tmp_path / "cut.jsonl"
    path.write_text('{"id": "a", "text": "Leaders met."}\n{"id": "b", "text": "Leaders me', encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert isinstance(items[0], Article) and items[0].id == "a"
    assert isinstance(items[1], Rejection) and items[1].line == 2 and "broken JSON" in items[1].reason
