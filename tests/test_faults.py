"""Faults: a run killed with SIGKILL at random points, a full disk, a read-only store or folder, a damaged store,
a store from a newer parley, and schema migrations. The store must always open afterwards, hold every
article whose batch committed and nothing of a batch that did not, never hold an article twice, and a re-run
must complete the rest. Failures are a clear message and exit status 3, never a traceback.

The kill test prints its random seed; PARLEY_KILL_SEED=<seed> repeats the same kill points.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from storecheck import Mount, assert_clean_failure, check_store, parley_cmd, parley_env, run_parley, write_corpus
from typer.testing import CliRunner

import parley.store as store_module
from parley.cli import EXIT_FAILED, EXIT_OK, app
from parley.ingest import make_article
from parley.store import SCHEMA_VERSION, StoreError, open_store
from parley.types import ArticleResult, Rejection, Span

BATCH = 10

# Makes the `parley run` it is loaded into SIGKILL itself in the middle of the third batch's transaction, after
# writing four of its articles: none of the four may survive.
KILL_INSIDE_A_BATCH = """
import os, signal
import parley.store as store
calls = 0
write = store.Store._write_results
def write_then_die(self, results):
    global calls
    calls += 1
    if calls == 3:
        self._append("articles", ["id", "content_hash"], [[r.article.id, r.article.content_hash] for r in results[:4]])
        os.kill(os.getpid(), signal.SIGKILL)
    write(self, results)
store.Store._write_results = write_then_die
"""


def small_store(path: Path, n: int = 3) -> None:
    """A store with a few articles, written without the language model."""
    with open_store(path) as store:
        results = [ArticleResult(article=make_article(f"s{i}", text=f"Italy met France {i}."),
                                 sentences=[Span(0, 17)]) for i in range(n)]
        store.write_batch(results, [Rejection("in/bad.jsonl", "broken JSON", 2)])


def wal_size(db: Path) -> int | None:
    try:
        return os.path.getsize(f"{db}.wal")
    except OSError:
        return None


def running(pid: int) -> bool:
    """Whether a process is still running (not ended and waiting to be reaped); True where /proc is missing."""
    if not os.path.isdir("/proc/self"):
        return True
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return False


def test_sigkill_at_random_points_then_rerun(tmp_path, launcher):
    seed = int(os.environ.get("PARLEY_KILL_SEED") or time.time_ns() % 1_000_000)
    print(f"PARLEY_KILL_SEED={seed}")
    rng = random.Random(seed)
    corpus = write_corpus(tmp_path / "in", articles=300)
    db = tmp_path / "store.duckdb"
    run_args = ("run", str(corpus.folder), "--db", str(db), "--batch-size", str(BATCH), "--quiet")
    kills = []

    # 1. Killed inside a batch's transaction, four articles into it: exactly the two committed batches remain.
    child = launcher.start(*run_args, prelude=KILL_INSIDE_A_BATCH)
    assert launcher.wait(child) == -signal.SIGKILL, child.stderr.read_text()
    counts = check_store(db, corpus, BATCH)
    assert counts["articles"] == 2 * BATCH
    kills.append(("inside batch 3", counts["articles"]))

    # 2. The installed command killed at a random point while it starts up and opens the store.
    when = rng.uniform(0.05, 2.0)
    proc = subprocess.Popen(parley_cmd(*run_args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=parley_env())
    time.sleep(when)
    proc.kill()
    proc.wait(timeout=30)
    counts = check_store(db, corpus, BATCH)
    assert counts["articles"] >= 2 * BATCH
    kills.append((f"starting up, {when:.2f} s", counts["articles"]))

    # 3. Killed at random points while batches commit: DuckDB's log grows with each commit, so a random number
    #    of commits is let through before each kill, and the kill lands a random moment after.
    for _ in range(4):
        commits = rng.randint(1, 6)
        child = launcher.start(*run_args)
        started, changes, last = time.monotonic(), 0, wal_size(db)
        while changes < commits and running(child.pid) and time.monotonic() - started < 60:
            time.sleep(0.002)
            size = wal_size(db)
            if size != last:
                changes, last = changes + 1, size
        time.sleep(rng.uniform(0, 0.05))
        os.kill(child.pid, signal.SIGKILL)
        code = launcher.wait(child)
        before = counts["articles"]
        counts = check_store(db, corpus, BATCH)
        assert counts["articles"] >= before, "a kill lost articles committed before it"
        kills.append((f"after {commits} log writes", counts["articles"]))
        if code != -signal.SIGKILL:  # the run had ended before the kill landed
            assert code in (0, 1), child.stderr.read_text()
    print("kills (where, articles stored after it):", kills)

    # 4. A re-run completes the rest; nothing is stored twice.
    result = launcher.run(*run_args)
    assert result.returncode == 1, result.stderr  # 1: the broken line is rejected again
    counts = check_store(db, corpus, BATCH)
    assert counts["articles"] == len(corpus.ids) == 300
    assert counts["rejected"] == 1


@pytest.mark.parametrize("how", ["file-size-limit", "tmpfs"])
def test_full_disk_mid_run_then_rerun(tmp_path, launcher, how):
    """The disk fills up while batches are written: a clear error and exit status 3; the store keeps the
    batches committed before, and after space is freed a re-run completes the rest."""
    corpus = write_corpus(tmp_path / "in", articles=100, files=2, broken=False)
    args = ["run", str(corpus.folder), "--batch-size", str(BATCH), "--quiet"]
    disk = None
    if how == "file-size-limit":
        # Portable: a file-size limit (RLIMIT_FSIZE) makes writes past it fail as they fail on a full disk.
        db = tmp_path / "store.duckdb"
        full = launcher.run(*args, "--db", str(db), fsize=60_000)
    else:
        disk = Mount(tmp_path / "disk", "64k")
        if not disk.ok:
            pytest.skip(f"cannot mount a tiny tmpfs here ({disk.why}); the file-size-limit case covers it")
        db = disk.path / "store.duckdb"
    try:
        if disk is not None:
            full = launcher.run(*args, "--db", str(db))
        assert_clean_failure(full, "disk is full", str(db))
        counts = check_store(db, corpus, BATCH)
        assert 0 < counts["articles"] < len(corpus.ids), counts
        if disk is not None:
            disk.remount("size=64m")
        rerun = launcher.run(*args, "--db", str(db))
        assert rerun.returncode == EXIT_OK, rerun.stderr
        assert check_store(db, corpus, BATCH)["articles"] == len(corpus.ids)
    finally:
        if disk is not None:
            disk.unmount()


def test_full_disk_when_creating_the_store(tmp_path, launcher):
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "Italy met France."}\n')
    db = tmp_path / "store.duckdb"
    result = launcher.run("run", str(tmp_path / "a.jsonl"), "--db", str(db), fsize=2048)
    assert_clean_failure(result, str(db))
    assert "too large" in result.stderr or "disk is full" in result.stderr


@pytest.fixture
def read_only_place(tmp_path):
    """A folder holding a store, made read-only: by permissions for a normal user, by a read-only tmpfs for
    root (root ignores permissions). Yields (folder, make_read_only)."""
    if os.geteuid() != 0:
        folder = tmp_path / "ro"
        folder.mkdir()

        def lock() -> None:
            for path in folder.iterdir():
                path.chmod(0o444)
            folder.chmod(0o555)

        yield folder, lock
        folder.chmod(0o755)
        return
    disk = Mount(tmp_path / "ro", "16m")
    if not disk.ok:
        pytest.skip(f"running as root, which ignores file permissions, and cannot mount a tmpfs ({disk.why})")
    try:
        yield disk.path, lambda: disk.remount("ro")
    finally:
        disk.unmount()


def test_read_only_store_file_and_folder(read_only_place, tmp_path, launcher):
    folder, make_read_only = read_only_place
    db = folder / "store.duckdb"
    small_store(db)
    make_read_only()
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "Italy met France."}\n')
    # Writing: refused at once (before the language model loads), with what to do instead.
    result = run_parley("run", str(tmp_path / "a.jsonl"), "--db", str(db))  # the installed command
    assert_clean_failure(result, "read-only", "parley info")
    # A new store in the read-only folder.
    result = launcher.run("run", str(tmp_path / "a.jsonl"), "--db", str(folder / "new.duckdb"))
    assert_clean_failure(result, "read-only")
    # Reading still works.
    info = launcher.run("info", "--db", str(db))
    assert info.returncode == EXIT_OK, info.stderr
    assert "articles" in info.stdout
    out = tmp_path / "events.jsonl"
    export = launcher.run("export", "--db", str(db), "--output", str(out))
    assert export.returncode == EXIT_OK, export.stderr
    # Exporting into the read-only folder: a clear error.
    export = launcher.run("export", "--db", str(db), "--output", str(folder / "events.jsonl"))
    assert_clean_failure(export, "cannot write")


def test_read_only_folder_with_a_writable_store_file(tmp_path, launcher):
    """The store file is writable but its folder is not (DuckDB needs to create its log file there)."""
    if os.geteuid() != 0:
        folder = tmp_path / "ro"
        folder.mkdir()
        small_store(folder / "store.duckdb")
        folder.chmod(0o555)
        try:
            result = launcher.run("run", str(tmp_path), "--db", str(folder / "store.duckdb"))
        finally:
            folder.chmod(0o755)
    else:
        rw = Mount(tmp_path / "rw", "16m")
        if not rw.ok:
            pytest.skip(f"running as root, which ignores file permissions, and cannot mount a tmpfs ({rw.why})")
        ro = Mount(tmp_path / "ro", "1m")
        try:
            small_store(rw.path / "store.duckdb")
            (ro.path / "store.duckdb").touch()
            ro.remount("ro")
            ro.bind(rw.path / "store.duckdb", ro.path / "store.duckdb")
            result = launcher.run("run", str(tmp_path / "rw"), "--db", str(ro.path / "store.duckdb"))
        finally:
            ro.unmount(ro.path / "store.duckdb")
            ro.unmount()
            rw.unmount()
    assert_clean_failure(result, "read-only")


@pytest.mark.parametrize("version", [999, 2])
def test_store_from_a_newer_parley(tmp_path, launcher, version):
    db = tmp_path / "store.duckdb"
    small_store(db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
    con.close()
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "Italy met France."}\n')
    run = run_parley if version == 999 else launcher.run  # the installed command once, the launcher after
    assert_clean_failure(run("run", str(tmp_path / "a.jsonl"), "--db", str(db)), "newer parley", f"schema {version}")
    assert_clean_failure(launcher.run("info", "--db", str(db)), "newer parley", f"schema {version}")
    runner = CliRunner()
    for args in (["export", "--output", str(tmp_path / "e.jsonl")], ["actors"], ["events"]):
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code == EXIT_FAILED, (args, result.output)
        assert "newer parley" in " ".join(result.output.split())
    # Nothing was changed.
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(version)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    con.close()


def test_damaged_store_is_a_clear_error(tmp_path, launcher):
    good = tmp_path / "good.duckdb"
    small_store(good)
    data = good.read_bytes()
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "Italy met France."}\n')
    for name, damaged in (("half", data[: len(data) // 2]), ("header", data[:100]), ("text", b"not a store\n"),
                          ("empty", b"")):
        db = tmp_path / f"{name}.duckdb"
        db.write_bytes(damaged)
        for args in (["info"], ["run", str(tmp_path / "a.jsonl")], ["export", "-o", str(tmp_path / "e.jsonl")]):
            result = launcher.run(*args, "--db", str(db))
            assert_clean_failure(result, str(db))
        assert db.read_bytes() == damaged, "a damaged store was written to"


def test_not_a_parley_store(tmp_path):
    db = tmp_path / "other.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a parley store"):
        open_store(db, read_only=True)


# -- schema versions and migrations --------------------------------------------------------------------------

def meta(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT key, value FROM meta").fetchall())
    finally:
        con.close()


def test_new_store_is_at_the_current_schema_version(tmp_path):
    db = tmp_path / "new.duckdb"
    with open_store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION == 1
    recorded = meta(db)
    assert recorded["schema_version"] == str(SCHEMA_VERSION)
    assert "migrated_to_1" in recorded


def test_store_without_a_version_gets_the_schema(tmp_path):
    """A file written before versions were recorded (or created and killed before its schema committed)."""
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE articles (id VARCHAR PRIMARY KEY, headline VARCHAR, outlet VARCHAR, published DATE, "
                "dateline VARCHAR, text VARCHAR, url VARCHAR, source_path VARCHAR, captions VARCHAR[], "
                "content_hash VARCHAR, tokens INTEGER, ingested_at TIMESTAMP DEFAULT current_timestamp)")
    con.execute("INSERT INTO articles (id, text) VALUES ('kept', 'Italy met France.')")
    con.close()
    with open_store(db) as store:
        assert store.schema_version() == 1
        assert store.counts()["articles"] == 1
        assert store.counts()["events"] == 0


def _add_language_column(con) -> None:
    con.execute("ALTER TABLE articles ADD COLUMN language VARCHAR")
    con.execute("UPDATE articles SET language = 'en'")


def test_migration_from_version_1_runs_in_order_and_is_recorded(tmp_path, monkeypatch):
    db = tmp_path / "v1.duckdb"
    small_store(db)
    assert meta(db)["schema_version"] == "1"
    applied = []

    def to_2(con) -> None:
        applied.append(2)
        _add_language_column(con)

    def to_3(con) -> None:
        applied.append(3)
        con.execute("CREATE TABLE notes (article_id VARCHAR, note VARCHAR)")

    monkeypatch.setattr(store_module, "MIGRATIONS", {**store_module.MIGRATIONS, 2: to_2, 3: to_3})
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 3)
    with pytest.raises(StoreError, match="older parley"):
        open_store(db, read_only=True)  # reading cannot upgrade in place; it says how
    with open_store(db) as store:
        assert store.schema_version() == 3
        _, rows = store.query("SELECT id, language FROM articles ORDER BY id")
        assert rows == [("s0", "en"), ("s1", "en"), ("s2", "en")]
        assert store.counts()["rejected"] == 1
    assert applied == [2, 3]
    recorded = meta(db)
    assert recorded["schema_version"] == "3" and "migrated_to_2" in recorded and "migrated_to_3" in recorded
    with open_store(db) as store:  # already current: nothing runs again
        assert store.schema_version() == 3
    assert applied == [2, 3]


def test_failed_migration_leaves_the_store_at_the_last_good_version(tmp_path, monkeypatch):
    db = tmp_path / "v1.duckdb"
    small_store(db)

    def to_3_fails(con) -> None:
        con.execute("CREATE TABLE half_done (x INTEGER)")
        con.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(store_module, "MIGRATIONS", {**store_module.MIGRATIONS, 2: _add_language_column,
                                                     3: to_3_fails})
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 3)
    with pytest.raises(StoreError, match="from version 2 to 3"):
        open_store(db)
    recorded = meta(db)
    assert recorded["schema_version"] == "2" and "migrated_to_3" not in recorded
    con = duckdb.connect(str(db), read_only=True)
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "half_done" not in tables  # the failed step was rolled back entirely
    assert con.execute("SELECT count(*) FROM articles WHERE language = 'en'").fetchone()[0] == 3
    con.close()


def test_migration_is_atomic_under_sigkill(tmp_path):
    """A process killed in the middle of a migration leaves the store at the version before it."""
    db = tmp_path / "v1.duckdb"
    small_store(db)
    script = f"""
import os, signal
import parley.store as s
def to_2(con):
    con.execute("ALTER TABLE articles ADD COLUMN language VARCHAR")
    os.kill(os.getpid(), signal.SIGKILL)
s.MIGRATIONS[2] = to_2
s.SCHEMA_VERSION = 2
s.open_store({str(db)!r})
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL
    assert meta(db)["schema_version"] == "1"
    con = duckdb.connect(str(db), read_only=True)
    columns = {row[0] for row in con.execute("DESCRIBE articles").fetchall()}
    con.close()
    assert "language" not in columns
    with open_store(db) as store:
        assert store.counts()["articles"] == 3


def test_store_error_messages_name_the_problem(tmp_path):
    db = tmp_path / "s.duckdb"
    small_store(db)
    store = open_store(db, read_only=True)
    try:
        for text, expected in (
            ('IO Error: Could not set lock on file "x": Conflicting lock is held in parley (PID 1)', "in use"),
            ("IO Error: Could not write file: No space left on device", "disk is full"),
            ('IO Error: Cannot open file "x.wal": Read-only file system', "read-only"),
            ('IO Error: Could not read enough bytes from file "x"', "damaged"),
            ("IO Error: Could not read from block 4", "cannot read store"),
        ):
            message = str(store._error(duckdb.IOException(text), "cannot read store"))
            assert expected in message and str(db) in message, (text, message)
    finally:
        store.close()
    store.close()  # closing twice is harmless



@pytest.mark.parametrize("where", ["empty", "folder", "missing-folder", "under-a-file"])
def test_unusable_store_paths(tmp_path, where):
    db = {"empty": "", "folder": str(tmp_path), "missing-folder": str(tmp_path / "no" / "s.duckdb"),
          "under-a-file": str(tmp_path / "a.jsonl" / "s.duckdb")}[where]
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "Italy met France."}\n')
    result = CliRunner().invoke(app, ["run", str(tmp_path / "a.jsonl"), "--db", db, "--quiet"])
    assert result.exit_code == EXIT_FAILED, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # a message, not a traceback
    assert "error:" in result.output and ("store" in result.output or "--db" in result.output)
