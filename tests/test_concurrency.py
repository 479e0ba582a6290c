"""Concurrency: two runs started at once on one store, and readers (`parley info`, `parley export`) while a run
writes. DuckDB lets one process write a file; every other process is either served or refused with a clear
message (exit status 3, "in use by another parley process"), and the store is never corrupted.

The `parley` processes are forked from a warm launcher (see tests/storecheck.py) so they start together and
quickly; one case runs the installed command itself.
"""

from __future__ import annotations

import time

import duckdb
from storecheck import assert_clean_failure, check_store, one_line, run_parley, write_corpus

from parley.cli import EXIT_OK, EXIT_REJECTED


def assert_served_or_refused(result, served=(EXIT_OK,)) -> bool:
    """True when the command was served, False when it was refused because the store is in use."""
    if result.returncode in served:
        return True
    assert_clean_failure(result, "in use by another parley process")
    return False


def test_two_runs_started_at_once_on_a_new_store(tmp_path, launcher):
    corpus = write_corpus(tmp_path / "in", articles=50, files=2, broken=False)
    db = tmp_path / "store.duckdb"
    args = ("run", str(corpus.folder), "--db", str(db), "--batch-size", "10", "--quiet")
    children = [launcher.start(*args) for _ in range(2)]
    results = [launcher.finish(child) for child in children]
    served = [assert_served_or_refused(r) for r in results]
    assert any(served), [r.stderr for r in results]
    assert check_store(db, corpus, 10)["articles"] == 50


def test_three_runs_at_once_on_a_store_in_use(tmp_path, launcher):
    corpus = write_corpus(tmp_path / "in", articles=45, files=3, broken=True)
    db = tmp_path / "store.duckdb"
    args = ("run", str(corpus.folder), "--db", str(db), "--batch-size", "10", "--quiet")
    (tmp_path / "first.jsonl").write_text('{"id": "first", "text": "Peru thanked Chile on Monday."}\n')
    first = launcher.run("run", str(tmp_path / "first.jsonl"), "--db", str(db), "--quiet")  # the store exists
    assert first.returncode == EXIT_OK, first.stderr
    children = [launcher.start(*args) for _ in range(3)]
    results = [launcher.finish(child) for child in children]
    assert any([assert_served_or_refused(r, served=(EXIT_OK, EXIT_REJECTED)) for r in results])
    counts = check_store(db)
    assert counts["articles"] == len(corpus.ids) + 1 and counts["rejected"] == 1


def test_readers_while_a_run_writes(tmp_path, launcher):
    """`parley info` and `parley export` during a run: refused with a clear message while the writer holds
    the store (an export refused leaves no output file behind); served once it is done."""
    corpus = write_corpus(tmp_path / "in", articles=100, files=2, broken=False)
    db = tmp_path / "store.duckdb"
    writer = launcher.start("run", str(corpus.folder), "--db", str(db), "--batch-size", "10", "--quiet")
    started = time.monotonic()
    while not db.exists() and time.monotonic() - started < 60:
        time.sleep(0.01)
    refused = served = 0
    attempt = 0
    # Read while the run is going: the writer's log file exists from its first commit until it closes.
    while time.monotonic() - started < 120 and (attempt < 3 or db.with_suffix(".duckdb.wal").exists()):
        attempt += 1
        out = tmp_path / f"events-{attempt}.jsonl"
        for result, output in ((launcher.run("info", "--db", str(db)), None),
                               (launcher.run("export", "--db", str(db), "--output", str(out)), out)):
            if assert_served_or_refused(result):
                served += 1
            else:
                refused += 1
                assert output is None or not output.exists(), "a refused export left a file behind"
        if attempt >= 12:
            break
    # The installed command too, once, while the writer may still be going.
    info = run_parley("info", "--db", str(db))
    assert_served_or_refused(info)
    assert launcher.wait(writer) == EXIT_OK, writer.stderr.read_text()
    assert refused, "no reader ran while the writer held the store; the test proved nothing"
    # Afterwards: served, and the counts agree with what was read in.
    counts = check_store(db, corpus, 10)
    assert counts["articles"] == 100
    info = launcher.run("info", "--db", str(db))
    assert info.returncode == EXIT_OK and "100" in one_line(info.stdout), info.stdout
    out = tmp_path / "events.jsonl"
    export = launcher.run("export", "--db", str(db), "--output", str(out))
    assert export.returncode == EXIT_OK, export.stderr
    assert out.read_text().count("\n") == counts_events(db)


def counts_events(db) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM events WHERE NOT background "
                           "AND modality NOT IN ('hypothetical', 'negated')").fetchone()[0]
    finally:
        con.close()


def test_a_run_while_a_reader_holds_the_store(tmp_path, launcher):
    """A reader holds the store open (here: this test, read-only): a run is refused with the same clear
    message, other readers are served, and once the reader lets go the run works."""
    corpus = write_corpus(tmp_path / "in", articles=20, files=1, broken=False)
    db = tmp_path / "store.duckdb"
    assert launcher.run("run", str(corpus.folder), "--db", str(db), "--quiet").returncode == EXIT_OK
    (tmp_path / "more.jsonl").write_text('{"id": "more", "text": "Peru thanked Chile on Monday."}\n')
    reader = duckdb.connect(str(db), read_only=True)
    try:
        refused = launcher.run("run", str(tmp_path / "more.jsonl"), "--db", str(db), "--quiet")
        assert_clean_failure(refused, "in use by another parley process")
        info = launcher.run("info", "--db", str(db))  # readers share the store
        assert info.returncode == EXIT_OK, info.stderr
    finally:
        reader.close()
    again = launcher.run("run", str(tmp_path / "more.jsonl"), "--db", str(db), "--quiet")
    assert again.returncode == EXIT_OK, again.stderr
    assert check_store(db)["articles"] == 21
