"""End to end: `parley run`, `info`, `export`, `actors` on the team's example articles and the seeds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli import EXIT_OK, EXIT_REJECTED, app
from parley.store import open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SEEDS = ROOT.parent / "shared" / "seeds"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def example_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("store") / "ex.duckdb"
    result = invoke("run", str(EXAMPLES), "--db", str(db), "--quiet")
    assert result.exit_code == EXIT_OK, result.output
    return db


def test_run_stores_articles_and_events(example_db):
    with open_store(example_db, read_only=True) as store:
        counts = store.counts()
    assert counts["articles"] == 7
    assert counts["events"] > 5
    assert counts["rejected"] == 0


def test_rerun_adds_nothing_twice(example_db):
    with open_store(example_db, read_only=True) as store:
        before = store.counts()
    result = invoke("run", str(EXAMPLES), "--db", str(example_db), "--quiet")
    assert result.exit_code == EXIT_OK
    with open_store(example_db, read_only=True) as store:
        assert store.counts() == before


def test_changed_article_replaces_its_earlier_version(tmp_path):
    db = tmp_path / "s.duckdb"
    story = tmp_path / "story.txt"
    story.write_text("Talks\n\nROME -- Italian Prime Minister Carla Neri met French President Luc Marin "
                     "in Rome on Monday.\n", encoding="utf-8")
    invoke("run", str(story), "--db", str(db), "--quiet")
    story.write_text("Talks\n\nROME -- Italian Prime Minister Carla Neri met German Chancellor Otto Brandt "
                     "in Rome on Monday.\n", encoding="utf-8")
    invoke("run", str(story), "--db", str(db), "--quiet")
    with open_store(db, read_only=True) as store:
        _, rows = store.query("SELECT count(*) FROM articles")
        assert rows[0][0] == 1
        _, events = store.query("SELECT DISTINCT target_country, source_country FROM events")
    assert all("FRA" not in row for row in events)


def test_rejections_are_stored_and_set_exit_status(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Talks\n\nROME -- Leaders met on Monday.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "batch.jsonl").write_text('{"id": "j1", "text": "Leaders met."}\n{oops\n', encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = invoke("run", str(folder), "--db", str(db), "--quiet")
    assert result.exit_code == EXIT_REJECTED
    with open_store(db, read_only=True) as store:
        _, rows = store.query("SELECT source, line, reason FROM rejected ORDER BY source")
        assert store.counts()["articles"] == 2
    assert [(Path(r[0]).name, r[1]) for r in rows] == [("batch.jsonl", 2), ("empty.txt", None)]
    # Re-running records the same rejections once, not twice.
    invoke("run", str(folder), "--db", str(db), "--quiet")
    with open_store(db, read_only=True) as store:
        assert store.counts()["rejected"] == 2
    info = invoke("info", "--db", str(db))
    assert "empty input" in info.output and "broken JSON" in info.output


def test_standard_input(tmp_path):
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["run", "-", "--db", str(db), "--quiet"],
                           input='{"id": "s1", "text": "Japan condemned the attack on its embassy."}\n')
    assert result.exit_code == EXIT_OK, result.output
    with open_store(db, read_only=True) as store:
        assert store.counts()["articles"] == 1


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_formats(example_db, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    result = invoke("export", "--db", str(example_db), "--format", fmt, "--output", str(out))
    assert result.exit_code == EXIT_OK, result.output
    assert out.stat().st_size > 0
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        assert rows
        for row in rows:
            assert {"article_id", "code", "source", "target", "date", "date_end", "place"} <= set(row)
            assert row["evidence"]["sentence"]
    if fmt == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(out).num_rows > 0


def test_info_and_actors_print_tables(example_db):
    info = invoke("info", "--db", str(example_db))
    assert info.exit_code == 0 and "articles" in info.output
    actors = invoke("actors", "--db", str(example_db), "--country", "VNM")
    assert actors.exit_code == 0 and "Tran Minh Khoa" in actors.output


def test_events_table_filters_by_country_and_code(example_db):
    result = runner.invoke(app, ["events", "--db", str(example_db), "--country", "VNM", "--code", "04"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "IDNGOV" in result.output and "VNMGOV" in result.output and "Consult" in result.output
    assert "KEN" not in result.output


def test_merged_export_has_one_row_per_event_with_its_sources(example_db, tmp_path):
    out = tmp_path / "merged.jsonl"
    assert invoke("export", "--db", str(example_db), "--merged", "--output", str(out)).exit_code == EXIT_OK
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows and all(r["reports"] == len(r["evidence"]) and r["articles"] for r in rows)
    assert len({r["event_id"] for r in rows}) == len(rows)


def test_missing_store_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["info", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 3
    assert "no store" in result.output


def test_help_teaches():
    result = invoke("run", "--help")
    assert "Example" in result.output and "--workers" in result.output


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not present")
def test_seed_articles_export_reads_in_the_scorer(tmp_path):
    db = tmp_path / "seeds.duckdb"
    assert invoke("run", str(SEEDS), "--db", str(db), "--quiet").exit_code == EXIT_OK
    out = tmp_path / "events.jsonl"
    assert invoke("export", "--db", str(db), "--output", str(out)).exit_code == EXIT_OK
    score = subprocess.run([sys.executable, str(SCORER), str(SEEDS / "gold.jsonl"), str(out), "--json"],
                           capture_output=True, text=True, check=True)
    report = json.loads(score.stdout)
    assert report["articles"] == 2
    # The figures the events issue asks of the seed articles.
    assert report["dyad"]["f1"] >= 0.9 and report["coded"]["f1"] >= 0.8 and report["exact"]["f1"] >= 0.6
    assert report["date_accuracy"] >= 0.9 and report["place_accuracy"] >= 0.9


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is not present")
def test_team_examples_score_against_their_hand_coded_gold(example_db, tmp_path):
    out = tmp_path / "events.jsonl"
    assert invoke("export", "--db", str(example_db), "--output", str(out)).exit_code == EXIT_OK
    score = subprocess.run([sys.executable, str(SCORER), str(ROOT / "examples" / "gold.jsonl"), str(out), "--json"],
                           capture_output=True, text=True, check=True)
    report = json.loads(score.stdout)
    assert report["articles"] == 7
    assert report["dyad"]["f1"] >= 0.75 and report["coded"]["f1"] >= 0.7
    assert report["date_accuracy"] >= 0.8


def test_a_later_article_keeps_the_country_an_earlier_run_gave_a_person(tmp_path):
    db = tmp_path / "s.duckdb"
    first = tmp_path / "a.txt"
    first.write_text("Talks\n\nROME -- US President William Carter met Italian Prime Minister Carla Neri on "
                     "Monday.\n", encoding="utf-8")
    invoke("run", str(first), "--db", str(db), "--quiet")
    later = tmp_path / "b.txt"
    later.write_text("Talks\n\nPresident William Carter condemned Iran on Tuesday.\n", encoding="utf-8")
    invoke("run", str(later), "--db", str(db), "--quiet")
    with open_store(db, read_only=True) as store:
        _, rows = store.query("SELECT source_country, source_sector FROM events WHERE article_id = 'b'")
    assert ("USA", "GOV") in rows


def test_limits_are_set_from_the_command_line(tmp_path):
    story = tmp_path / "long.txt"
    story.write_text("Talks\n\nROME -- " + "Leaders met again. " * 200 + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = invoke("run", str(story), "--db", str(db), "--quiet", "--max-article-chars", "1000")
    assert result.exit_code == EXIT_REJECTED
    with open_store(db, read_only=True) as store:
        _, rows = store.query("SELECT reason FROM rejected")
    assert "over the limit of 1,000" in rows[0][0]
