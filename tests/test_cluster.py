"""The Dask engine on a LocalCluster of two worker processes, including a worker killed mid-run."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")

from parley.cluster import DaskEngine, code_partition, read_partition, results_to_table, table_to_results  # noqa: E402
from parley.pipeline import code_batch, run  # noqa: E402
from parley.store import open_store  # noqa: E402
from parley.types import Article  # noqa: E402

# The task below is sent to the workers by value, so they need not import this test module.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

KILL_MARKER = "PARLEY_TEST_KILL_MARKER"  # PARLEY_* variables reach every task

# Invented leaders and places: the corpus is made up here, never copied from real news.
PEOPLE = [("Italian", "Italy", "Rome", "Carla Neri"), ("French", "France", "Paris", "Luc Marin"),
          ("German", "Germany", "Berlin", "Otto Brandt"), ("Kenyan", "Kenya", "Nairobi", "Amina Wairimu"),
          ("Japanese", "Japan", "Tokyo", "Kenji Mori")]


def story(i: int) -> dict:
    adj, country, city, name = PEOPLE[i % len(PEOPLE)]
    adj2, country2, _, name2 = PEOPLE[(i + 1 + i // len(PEOPLE)) % len(PEOPLE)]
    text = (f"{city.upper()} -- {adj} President {name} met {adj2} Prime Minister {name2} in {city} on Monday. "
            f"{name} said {country} would send aid to {country2} next week. {name2} criticized the government "
            f"of {country} over migration.")
    return {"id": f"art-{i:04d}", "title": f"Talks {i}", "text": text, "date": f"2004-06-{1 + i % 28:02d}"}


def corpus(folder: Path, n: int) -> Path:
    path = folder / "in.jsonl"
    path.write_text("".join(json.dumps(story(i)) + "\n" for i in range(n)) + "{broken\n", encoding="utf-8")
    return path


def dump(db: Path) -> dict[str, list[tuple]]:
    queries = {
        "articles": "SELECT id, content_hash, tokens, headline, published FROM articles ORDER BY id",
        "sentences": "SELECT * FROM sentences ORDER BY ALL",
        "mentions": "SELECT * FROM mentions ORDER BY ALL",
        "actors": "SELECT * FROM actors ORDER BY key",
        "actor_roles": "SELECT * FROM actor_roles ORDER BY ALL",
        "events": "SELECT * FROM events ORDER BY id",
        "rejected": "SELECT source, line, reason FROM rejected ORDER BY ALL",
    }
    with open_store(db, read_only=True) as store:
        return {table: store.query(sql)[1] for table, sql in queries.items()}


def kill_first_time(articles: list[Article], nlp_batch: int, env: dict[str, str]):
    """Kill the worker process coding article 5 the first time round, as the OOM killer or a lost node would."""
    marker = env.get(KILL_MARKER)
    if marker and any(a.id == "art-0005" for a in articles):
        try:
            with open(marker, "x"):
                pass
        except FileExistsError:
            pass
        else:
            os._exit(1)
    return code_partition(articles, nlp_batch, env)


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=50) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def local_db(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("local")
    path = corpus(folder, 12)
    db = folder / "local.duckdb"
    with open_store(db) as store:
        stats = run([str(path)], store, batch_size=3)
    assert stats.coded == 12 and stats.rejected == 1
    return path, db


def test_results_survive_the_parquet_round_trip():
    articles = [Article(id=s["id"], text=s["text"].split(" -- ", 1)[1], headline=s["title"]) for s in
                (story(i) for i in range(3))]
    results = code_batch(articles)
    assert any(r.events for r in results) and any(r.actors for r in results)
    assert table_to_results(results_to_table(results)) == results


def test_dask_stores_what_the_local_engine_stores(tmp_path, client, local_db):
    path, local = local_db
    db = tmp_path / "dask.duckdb"
    with open_store(db) as store:
        stats = run([str(path)], store, batch_size=3, engine=DaskEngine(client=client, work_dir=str(db) + ".work"))
    assert (stats.coded, stats.rejected) == (12, 1)
    assert stats.stages["language"] > 0
    assert dump(db) == dump(local)
    assert not Path(str(db) + ".work").exists()  # every partition loaded, the work folder removed

    with open_store(db) as store:  # a second run over the same input codes nothing
        again = run([str(path)], store, batch_size=3, engine=DaskEngine(client=client))
    assert (again.coded, again.skipped) == (0, 12)
    assert dump(db) == dump(local)


def test_a_killed_worker_loses_no_article_and_stores_none_twice(tmp_path, client, local_db, monkeypatch):
    path, local = local_db
    marker = tmp_path / "killed"
    monkeypatch.setenv(KILL_MARKER, str(marker))
    db = tmp_path / "dask.duckdb"
    before = len(client.scheduler_info()["workers"])
    with open_store(db) as store:
        stats = run([str(path)], store, batch_size=3,
                    engine=DaskEngine(client=client, task=kill_first_time, work_dir=tmp_path / "work"))
    assert marker.exists(), "the task never killed its worker"
    assert stats.coded == 12
    with open_store(db, read_only=True) as store:
        _, rows = store.query("SELECT count(*), count(DISTINCT id) FROM articles")
        _, events = store.query("SELECT count(*), count(DISTINCT id) FROM events")
    assert rows[0] == (12, 12)
    assert events[0][0] == events[0][1]
    assert dump(db) == dump(local)
    client.wait_for_workers(before, timeout=60)  # the nanny restarted the killed worker


def test_partitions_are_parquet_files(tmp_path):
    articles = [Article(id="a1", text="Italian President Carla Neri met French Prime Minister Luc Marin in Rome.")]
    data, timings = code_partition(articles)
    path = tmp_path / "part.parquet"
    path.write_bytes(data)
    assert [r.article.id for r in read_partition(path)] == ["a1"]
    assert set(timings) == {"language", "actors", "events"}


def test_cli_runs_on_a_local_dask_cluster(tmp_path):
    from typer.testing import CliRunner

    from parley.cli import EXIT_REJECTED, EXIT_USAGE, app

    path = corpus(tmp_path, 3)
    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    result = runner.invoke(app, ["run", str(path), "--db", str(db), "--engine", "dask", "--workers", "1", "-q"])
    assert result.exit_code == EXIT_REJECTED, result.output  # the broken last line is rejected, the rest stored
    with open_store(db, read_only=True) as store:
        assert store.counts()["articles"] == 3
    assert not (tmp_path / "cli.duckdb.work").exists()
    bad = runner.invoke(app, ["run", str(path), "--db", str(db), "--scheduler", "tcp://127.0.0.1:1"])
    assert bad.exit_code == EXIT_USAGE
