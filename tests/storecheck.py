"""Shared by the fault and concurrency tests: an invented corpus, running `parley` as a real process, mounting a
scratch file system, and checking a store for lost, half-written or doubled articles."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from parley.store import open_store

COUNTRIES = ["Italy", "France", "Germany", "Japan", "Brazil", "Kenya", "Chile", "Peru", "Norway", "Ghana"]
VERBS = ["met", "criticized", "praised", "accused", "visited", "thanked"]
BROKEN_LINE = '{"id": "broken", "text": '  # one bad record: its rejection must be stored once, not per run


@dataclass
class Corpus:
    folder: Path
    items: list[str]  # article ids and "!reject" in the order parley reads them

    @property
    def ids(self) -> list[str]:
        return [i for i in self.items if i != "!reject"]


def write_corpus(folder: Path, articles: int = 300, files: int = 3, broken: bool = True) -> Corpus:
    """Invented one-sentence articles in `files` JSONL files. Texts repeat (30 distinct ones), so every article
    with the same text must end up with the same number of sentences, mentions and events."""
    folder.mkdir(parents=True, exist_ok=True)
    per_file = -(-articles // files)
    items: list[str] = []
    n = 0
    for f in range(files):
        lines = []
        for _ in range(per_file):
            if n == articles:
                break
            t = n % 30
            text = f"{COUNTRIES[t % 10]} {VERBS[t % 6]} {COUNTRIES[(t * 7 + 3) % 10]} on Monday."
            lines.append(json.dumps({"id": f"art-{n:04d}", "title": f"Report {t}", "text": text,
                                     "date": "2024-03-01", "source": "Invented Wire"}))
            items.append(f"art-{n:04d}")
            n += 1
            if broken and f == 1 and len(lines) == max(1, min(17, per_file // 2)):
                lines.append(BROKEN_LINE)
                items.append("!reject")
        (folder / f"part-{f}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Corpus(folder, items)


def parley_env() -> dict[str, str]:
    env = dict(os.environ)
    env["COLUMNS"] = "200"  # error messages on one line
    env["PYTHONUNBUFFERED"] = "1"
    return env


def parley_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "parley", *args]


def run_parley(*args: str, timeout: float = 180, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(parley_cmd(*args), capture_output=True, text=True, timeout=timeout, env=parley_env(),
                          **kwargs)


def one_line(text: str) -> str:
    return " ".join(text.split())


def assert_clean_failure(result: subprocess.CompletedProcess, *words: str) -> None:
    """Exit status 3 with an 'error:' line that says what happened, and no traceback."""
    message = one_line(result.stderr)
    assert result.returncode == 3, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "╭" not in result.stderr, result.stderr
    assert "error:" in message, message
    for word in words:
        assert word in message, (word, message)


def check_store(db: Path, corpus: Corpus | None = None, batch_size: int | None = None) -> dict[str, int]:
    """Open the store and check it: no article stored twice, every article with its sentences, no rows for
    articles that are not stored, sentence numbers without gaps, and articles with the same text coded alike.
    With the corpus: what is stored is a prefix of the input ending on a batch boundary (every committed batch
    kept, nothing of an uncommitted one)."""
    with open_store(db, read_only=True) as store:
        counts = store.counts()
        q = store.query
        assert q("SELECT count(*) - count(DISTINCT id) FROM articles")[1][0][0] == 0, "an article stored twice"
        missing = q("SELECT id FROM articles a WHERE NOT EXISTS "
                    "(SELECT 1 FROM sentences s WHERE s.article_id = a.id)")[1]
        assert not missing, f"articles without sentences (half-written): {missing[:5]}"
        for table in ("sentences", "mentions", "events", "actor_roles"):
            orphans = q(f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "
                        "(SELECT 1 FROM articles a WHERE a.id = t.article_id)")[1][0][0]
            assert orphans == 0, f"{orphans} rows in {table} for articles not stored"
        gaps = q("SELECT article_id FROM sentences GROUP BY article_id "
                 "HAVING count(*) <> max(idx) + 1 OR min(idx) <> 0")[1]
        assert not gaps, f"sentence numbers with gaps or doubles: {gaps[:5]}"
        assert q("SELECT count(*) - count(DISTINCT id) FROM events")[1][0][0] == 0, "an event stored twice"
        unequal = q("""
            WITH per AS (
              SELECT a.id, a.text,
                     (SELECT count(*) FROM sentences s WHERE s.article_id = a.id) AS s,
                     (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) AS m,
                     (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS e
              FROM articles a)
            SELECT text FROM per GROUP BY text
            HAVING count(DISTINCT s) > 1 OR count(DISTINCT m) > 1 OR count(DISTINCT e) > 1""")[1]
        assert not unequal, f"articles with the same text coded differently (partly written?): {unequal[:3]}"
        stored = {row[0] for row in q("SELECT id FROM articles")[1]}
        rejected = q("SELECT source, line, count(*) FROM rejected GROUP BY ALL")[1]
        assert all(n == 1 for _, _, n in rejected), f"a rejection recorded twice: {rejected}"
    if corpus is not None:
        assert stored <= set(corpus.ids), "stored articles that are not in the input"
        done = [(item in stored) if item != "!reject" else bool(rejected) for item in corpus.items]
        prefix = done.index(False) if False in done else len(done)
        assert not any(done[prefix:]), "stored articles after one that is missing: a committed batch was lost"
        if batch_size:
            assert prefix % batch_size == 0 or prefix == len(done), \
                f"{prefix} inputs stored: not a whole number of batches of {batch_size} (half a batch kept)"
    return counts


class Mount:
    """A tmpfs mounted for a test (needs root and mount permission; `ok` says whether it worked)."""

    def __init__(self, path: Path, size: str):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.ok = False
        if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
            self.why = "needs root to mount a tmpfs"
            return
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                              capture_output=True, text=True)
        self.ok = done.returncode == 0
        self.why = one_line(done.stderr) or "mount failed"

    def remount(self, options: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{options}", str(self.path)], check=True, capture_output=True)

    def bind(self, source: Path, target: Path) -> None:
        subprocess.run(["mount", "--bind", str(source), str(target)], check=True, capture_output=True)

    def unmount(self, path: Path | None = None) -> None:
        subprocess.run(["umount", "-l", str(path or self.path)], capture_output=True)


# -- a warm launcher for `parley` processes ------------------------------------------------------------------
# Starting `parley run` costs seconds before the first article (imports, language model, coding tables), and
# the fault tests start many runs. The launcher loads all that once, then forks a child for each run that
# executes the `parley` command line (parley.cli.main) as its own process, with its own stdout, stderr, file
# size limit and exit status: the same code path as the installed `parley`, the way `parley run --workers N`
# forks its workers from a warm process. Tests that only check error messages run `python -m parley` itself.


def _serve() -> None:  # pragma: no cover - runs in the launcher process
    os.environ["COLUMNS"] = "200"
    import resource

    from parley.pipeline import warm_up

    warm_up()
    import parley.cli

    print(json.dumps({"ready": os.getpid()}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if "wait" in request:
            _, status = os.waitpid(request["wait"], 0)
            print(json.dumps({"status": os.waitstatus_to_exitcode(status)}), flush=True)
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = 3
            try:
                devnull = os.open(os.devnull, os.O_RDONLY)
                os.dup2(devnull, 0)
                for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
                    os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), fd)
                if request.get("fsize"):
                    resource.setrlimit(resource.RLIMIT_FSIZE, (request["fsize"], request["fsize"]))
                if request.get("prelude"):
                    exec(request["prelude"], {"__name__": "prelude"})
                sys.argv = ["parley", *request["args"]]
                try:
                    parley.cli.main()
                    code = 0
                except SystemExit as exit_:
                    code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        print(json.dumps({"pid": pid}), flush=True)


@dataclass
class Child:
    pid: int
    stdout: Path
    stderr: Path


class Launcher:
    """Start `parley` commands as forked children of a warm process (see above)."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.count = 0
        self.proc = subprocess.Popen([sys.executable, __file__, "--serve"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env=parley_env(), bufsize=1)
        self._reply(timeout=180)

    def _reply(self, timeout: float) -> dict:
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            raise TimeoutError(f"parley launcher did not answer in {timeout} s")
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"parley launcher ended (status {self.proc.wait()})")
        return json.loads(line)

    def _send(self, request: dict) -> None:
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()

    def start(self, *args: str, fsize: int | None = None, prelude: str | None = None) -> Child:
        self.count += 1
        out, err = self.workdir / f"out-{self.count}.txt", self.workdir / f"err-{self.count}.txt"
        self._send({"args": list(args), "stdout": str(out), "stderr": str(err), "fsize": fsize,
                    "prelude": prelude})
        return Child(self._reply(timeout=30)["pid"], out, err)

    def wait(self, child: Child, timeout: float = 180) -> int:
        self._send({"wait": child.pid})
        try:
            return self._reply(timeout)["status"]
        except TimeoutError:
            os.kill(child.pid, 9)
            raise

    def finish(self, child: Child, timeout: float = 180) -> subprocess.CompletedProcess:
        """Wait for a child and return its exit status and output."""
        code = self.wait(child, timeout)
        return subprocess.CompletedProcess(["parley"], code, child.stdout.read_text(errors="replace"),
                                           child.stderr.read_text(errors="replace"))

    def run(self, *args: str, timeout: float = 180, **kwargs) -> subprocess.CompletedProcess:
        return self.finish(self.start(*args, **kwargs), timeout)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


if __name__ == "__main__" and sys.argv[1:] == ["--serve"]:
    _serve()
