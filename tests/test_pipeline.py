"""The run loop: incremental runs, several worker processes, duplicates, crashed workers."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import parley.pipeline as pipeline
from parley.pipeline import Batch, EngineError, LocalEngine, RunStats, run
from parley.store import open_store
from parley.types import Article

# Invented leaders and places: a small corpus made up in the test, never copied from real news.
PEOPLE = [("Italian", "Italy", "Rome", "Carla Neri"), ("French", "France", "Paris", "Luc Marin"),
          ("German", "Germany", "Berlin", "Otto Brandt"), ("Kenyan", "Kenya", "Nairobi", "Amina Wairimu"),
          ("Japanese", "Japan", "Tokyo", "Kenji Mori"), ("Brazilian", "Brazil", "Brasilia", "Ana Sousa")]
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def story(i: int) -> dict:
    adj, country, city, name = PEOPLE[i % len(PEOPLE)]
    adj2, country2, _, name2 = PEOPLE[(i + 1 + i // len(PEOPLE)) % len(PEOPLE)]
    text = (f"{city.upper()} -- {adj} President {name} met {adj2} Prime Minister {name2} in {city} on "
            f"{DAYS[i % len(DAYS)]}. The two leaders signed an agreement on trade. {name} said {country} would "
            f"send aid to {country2} next week. {name2} criticized the government of {country} over migration.")
    return {"id": f"art-{i:04d}", "title": f"Talks {i}", "text": text, "date": f"2003-03-{1 + i % 28:02d}",
            "source": "Invented Wire"}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every stored row that does not depend on when or in which order it was written."""
    queries = {
        "articles": "SELECT id, content_hash, tokens FROM articles ORDER BY id",
        "sentences": "SELECT * FROM sentences ORDER BY ALL",
        "mentions": "SELECT * FROM mentions ORDER BY ALL",
        "actors": "SELECT key, type, country, sector FROM actors ORDER BY key",
        "actor_roles": "SELECT * FROM actor_roles ORDER BY ALL",
        "events": "SELECT * FROM events ORDER BY id",
        "rejected": "SELECT source, line, reason FROM rejected ORDER BY ALL",
    }
    with open_store(db, read_only=True) as store:
        return {table: store.query(sql)[1] for table, sql in queries.items()}


@pytest.fixture
def count_coded(monkeypatch) -> list[str]:
    """The ids of the articles the language model and coders are given (single-worker runs)."""
    coded: list[str] = []
    original = pipeline.code_batch

    def counting(articles, *args, **kwargs):
        coded.extend(a.id for a in articles)
        return original(articles, *args, **kwargs)

    monkeypatch.setattr(pipeline, "code_batch", counting)
    return coded


def test_grown_folder_codes_only_new_and_changed_articles(tmp_path, count_coded):
    folder = tmp_path / "news"
    folder.mkdir()
    records = [story(i) for i in range(6)]
    write_jsonl(folder / "day1.jsonl", records)
    db = tmp_path / "s.duckdb"

    with open_store(db) as store:
        first = run([str(folder)], store, batch_size=4)
    assert (first.read, first.coded, first.skipped) == (6, 6, 0)
    assert sorted(count_coded) == [r["id"] for r in records]

    # The next day: two new articles in a new file, one earlier article corrected.
    count_coded.clear()
    records[2] = {**records[2], "text": records[2]["text"] + " Talks resume in May."}
    write_jsonl(folder / "day1.jsonl", records)
    write_jsonl(folder / "day2.jsonl", [story(i) for i in (6, 7)])
    with open_store(db) as store:
        second = run([str(folder)], store, batch_size=4)
    assert sorted(count_coded) == ["art-0002", "art-0006", "art-0007"]
    assert (second.read, second.coded, second.skipped) == (8, 3, 5)

    count_coded.clear()
    with open_store(db) as store:
        third = run([str(folder)], store, batch_size=4)
        assert store.counts()["articles"] == 8
        _, rows = store.query("SELECT text FROM articles WHERE id = 'art-0002'")
    assert count_coded == [] and (third.coded, third.skipped) == (0, 8)
    assert rows[0][0].endswith("Talks resume in May.")


def test_two_workers_store_what_one_worker_stores(tmp_path):
    corpus = write_jsonl(tmp_path / "in.jsonl", [story(i) for i in range(14)] + [{"id": "bad"}])
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    with open_store(one) as store:
        serial = run([str(corpus)], store, batch_size=4)
    with open_store(two) as store:
        parallel = run([str(corpus)], store, batch_size=4, workers=2)
    assert serial.coded == parallel.coded == 14
    assert serial.events == parallel.events > 14
    assert parallel.rejected == 1
    assert dump(one) == dump(two)
    assert parallel.stages["language"] > 0 and parallel.stages["actors"] > 0 and parallel.stages["store"] > 0


def test_an_id_repeated_in_the_input_is_coded_once(tmp_path):
    records = [story(i) for i in range(5)]
    corpus = write_jsonl(tmp_path / "in.jsonl", records + records[:3])
    with open_store(tmp_path / "s.duckdb") as store:
        stats = run([str(corpus)], store, batch_size=2, workers=2)
        assert store.counts()["articles"] == 5
    assert (stats.read, stats.coded, stats.skipped) == (8, 5, 3)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_id_repeated_with_other_text_keeps_the_later_version(tmp_path, workers):
    records = [story(i) for i in range(6)]
    later = {**records[1], "text": records[1]["text"] + " The talks ended without a statement."}
    corpus = write_jsonl(tmp_path / "in.jsonl", records + [later, later])
    with open_store(tmp_path / "s.duckdb") as store:
        stats = run([str(corpus)], store, batch_size=2, workers=workers)
        _, rows = store.query("SELECT id, text FROM articles WHERE id = 'art-0001'")
        assert store.counts()["articles"] == 6
    assert len(rows) == 1 and rows[0][1].endswith("without a statement.")
    assert (stats.coded, stats.skipped) == (7, 1)


def test_limit_stops_after_n_inputs(tmp_path):
    corpus = write_jsonl(tmp_path / "in.jsonl", [story(i) for i in range(6)])
    with open_store(tmp_path / "s.duckdb") as store:
        stats = run([str(corpus)], store, limit=3)
    assert stats.coded == 3


_real_code_batch_timed = pipeline.code_batch_timed


def _code_nothing(articles, nlp_batch):
    return [], {}


def test_parallel_engine_keeps_a_bounded_number_of_batches_in_flight(monkeypatch):
    pulled: list[int] = []
    yielded: list[int] = []

    def batches():
        for i in range(12):
            pulled.append(i)
            yield Batch(i, [Article(id=f"a{i}", text="Leaders met.")], [])

    monkeypatch.setattr(pipeline, "code_batch_timed", _code_nothing)
    engine = LocalEngine(workers=2)
    for coded in engine.code(batches()):
        yielded.append(coded.batch.index)
        assert len(pulled) - len(yielded) <= engine.workers + 1
    assert yielded == list(range(12))


def _die_on_article_5(articles, nlp_batch):
    if any(a.id == "art-0005" for a in articles):
        os._exit(1)  # the worker process dies, as on a segfault or the out-of-memory killer
    return _real_code_batch_timed(articles, nlp_batch)


def test_a_crashed_worker_fails_the_run_and_keeps_committed_batches(tmp_path, monkeypatch):
    corpus = write_jsonl(tmp_path / "in.jsonl", [story(i) for i in range(10)])
    monkeypatch.setattr(pipeline, "code_batch_timed", _die_on_article_5)
    with open_store(tmp_path / "s.duckdb") as store:
        with pytest.raises(EngineError, match="worker process died"):
            run([str(corpus)], store, batch_size=2, workers=2)
        _, rows = store.query("SELECT id FROM articles ORDER BY id")
    # Batches are committed whole and in input order: what is stored is the batches before the crash.
    stored = [r[0] for r in rows]
    assert stored == [f"art-{i:04d}" for i in range(len(stored))] and len(stored) in (0, 2, 4)


def test_run_stats_name_every_stage():
    assert set(RunStats().stages) == {"ingest", "language", "actors", "events", "store"}
