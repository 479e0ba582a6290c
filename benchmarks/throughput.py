"""Throughput of parley against the bare spaCy pipeline, measured in the same run.

Usage: python benchmarks/throughput.py [CORPUS] [--limit N] [--workers N] [--repeat R] [--scale 1000,10000]

CORPUS is a JSONL file or a folder of articles (default ../shared/corpus/news-1996-2006.jsonl, else the
team's examples/articles); --limit takes its first N inputs. Each measurement runs in a fresh process:
bare spaCy (`nlp.pipe` with parley's model and batch size over the same clean texts), parley with one
worker, parley with --workers workers (default 2), each into a new store in a temporary folder; every
measurement is repeated --repeat times (default 3) in alternating order and the medians are reported. Model
and tables are loaded before the clock starts for both. Prints seconds, articles/s, tokens/s, peak memory
(resident memory of the process and its workers: the peak of their sum, RSS and PSS) and the seconds per
stage of parley with one worker, and ends with

    ratio parley/spaCy X.XX, speed-up with 2 workers Y.YY

where the ratio is time(parley, one worker, everything from reading to the store)/time(bare spaCy).

--scale 1000,10000 instead measures peak memory of `parley run` (with --workers) on corpora of those sizes,
made in a temporary folder by repeating the corpus with fresh ids (JSONL files of 1,000 articles each), and
prints the ratio of the largest to the smallest (the target: at most 1.2).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news-1996-2006.jsonl"
FALLBACK_CORPUS = ROOT / "examples" / "articles"
STAGE_ORDER = ("ingest", "language", "actors", "events", "time/places", "store")


# -- measurements, each in its own process --------------------------------------------------------------------
def _maxrss_mb() -> tuple[float, float]:
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
    return own, children


def _articles(corpus: str, limit: int | None) -> list:
    import itertools

    from parley.ingest import read_paths
    from parley.types import Article

    items = read_paths([corpus])
    if limit is not None:
        items = itertools.islice(items, limit)
    return [a for a in items if isinstance(a, Article)]


def child_spacy(corpus: str, limit: int | None) -> dict:
    from parley.language import load_nlp
    from parley.pipeline import NLP_BATCH

    texts = [a.text for a in _articles(corpus, limit)]
    nlp = load_nlp()
    nlp("Warm up the model.")
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=NLP_BATCH))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "articles": len(texts), "tokens": tokens}


def _time_places_clock(clock: dict[str, float]) -> bool:
    """Time dates and places inside code_events (they are part of the "events" stage in RunStats)."""
    import parley.events as events_module

    targets = [(getattr(events_module, "when", None), "assign_dates"), (events_module, "assign_places")]
    if not all(mod is not None and callable(getattr(mod, name, None)) for mod, name in targets):
        return False
    for mod, name in targets:
        original = getattr(mod, name)

        def timed(*args, _original=original, **kwargs):
            t0 = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                clock["time/places"] = clock.get("time/places", 0.0) + time.perf_counter() - t0

        setattr(mod, name, timed)
    return True


def child_parley(corpus: str, limit: int | None, workers: int, engine: str) -> dict:
    from parley.pipeline import run, warm_up
    from parley.store import open_store

    clock: dict[str, float] = {}
    split = workers == 1 and engine == "local" and _time_places_clock(clock)
    warm_up()
    clock.clear()
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        store = open_store(Path(tmp) / "bench.duckdb")
        started = time.perf_counter()
        stats = run([corpus], store, workers=workers, limit=limit, engine=engine)
        seconds = time.perf_counter() - started
        store.close()
    stages = dict(stats.stages)
    if split:
        stages["time/places"] = clock.get("time/places", 0.0)
        stages["events"] -= stages["time/places"]
    own, children = _maxrss_mb()
    return {"seconds": seconds, "articles": stats.coded, "tokens": stats.tokens, "events": stats.events,
            "stages": stages, "maxrss_mb": own, "children_maxrss_mb": children}


# -- the parent: run children, watch their memory ---------------------------------------------------------------
def _watch(proc: subprocess.Popen, peak: dict[str, float], stop: threading.Event) -> None:
    try:
        import psutil
    except ImportError:
        return
    try:
        root = psutil.Process(proc.pid)
    except psutil.Error:
        return
    while not stop.is_set():
        rss = pss = 0
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            break
        for p in tree:
            try:
                info = p.memory_full_info()
            except psutil.Error:
                continue
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        peak["rss_mb"] = max(peak.get("rss_mb", 0.0), rss / 2**20)
        peak["pss_mb"] = max(peak.get("pss_mb", 0.0), pss / 2**20)
        stop.wait(1.0)  # memory moves slowly; reading /proc/*/smaps more often costs CPU the run needs


def measure(kind: str, corpus: str, limit: int | None, workers: int = 1, engine: str = "local") -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), corpus, "--child", kind, "--workers", str(workers),
           "--engine", engine]
    if limit is not None:
        cmd += ["--limit", str(limit)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    peak: dict[str, float] = {}
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(proc, peak, stop), daemon=True)
    watcher.start()
    out, _ = proc.communicate()
    stop.set()
    watcher.join()
    if proc.returncode != 0:
        raise SystemExit(f"measurement {kind} failed (exit {proc.returncode})")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = json.loads(out.strip().splitlines()[-1])
    result.update(peak)
    # CPU seconds of the whole measurement process and its workers (loading included): a check on the
    # wall-clock figures when other programs share the machine.
    result["cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def _mem(runs: list[dict]) -> str:
    if "rss_mb" in runs[0]:
        return f"{max(r['rss_mb'] for r in runs):7.0f} MB RSS {max(r['pss_mb'] for r in runs):7.0f} MB PSS"
    own = max(r.get("maxrss_mb", 0.0) for r in runs)
    return f"{own:7.0f} MB max RSS (one process; install psutil for the sum over workers)"


def benchmark(corpus: str, limit: int | None, workers: int, repeat: int) -> None:
    kinds = [("spacy", 1), ("parley", 1), ("parley", workers)]
    runs: dict[tuple[str, int], list[dict]] = {k: [] for k in kinds}
    for i in range(repeat):
        order = kinds if i % 2 == 0 else kinds[::-1]
        for kind, w in order:
            result = measure(kind, corpus, limit, w)
            runs[(kind, w)].append(result)
            print(f"  run {i + 1}/{repeat} {kind:6} workers={w}: {result['seconds']:8.1f} s", file=sys.stderr,
                  flush=True)
    spacy, one, many = (runs[k] for k in kinds)
    n, tokens = one[0]["articles"], one[0]["tokens"]
    if spacy[0]["articles"] != n or many[0]["articles"] != n:
        raise SystemExit(f"article counts differ: spaCy {spacy[0]['articles']}, parley {n}, "
                         f"{workers} workers {many[0]['articles']}")
    print(f"corpus {corpus}{f' (first {limit} inputs)' if limit else ''}: {n:,} articles, {tokens:,} tokens, "
          f"{one[0]['events']:,} events; median of {repeat} runs each")
    print(f"{'':24}{'seconds':>9}{'articles/s':>12}{'tokens/s':>10}{'CPU s':>8}   peak memory")
    for label, rs in (("bare spaCy (nlp.pipe)", spacy), ("parley, 1 worker", one),
                      (f"parley, {workers} workers", many)):
        secs = _median(rs, "seconds")
        print(f"{label:24}{secs:9.1f}{n / secs:12.2f}{tokens / secs:10.0f}{_median(rs, 'cpu_s'):8.0f}   "
              f"{_mem(rs)}")
    stages = {s: statistics.median(r["stages"].get(s, 0.0) for r in one) for s in STAGE_ORDER}
    if not any(r["stages"].get("time/places") for r in one):
        stages.pop("time/places")
    total = _median(one, "seconds")
    print("time per stage, parley with 1 worker (median seconds, share of the run):")
    print("  " + ", ".join(f"{s} {v:.1f} s ({v / total:.0%})" for s, v in stages.items()))
    spacy_s = _median(spacy, "seconds")
    coding = sum(v for s, v in stages.items() if s not in ("ingest", "store"))
    print(f"parley without ingest and store (language to places)/spaCy: {coding / spacy_s:.2f}; "
          f"{workers} workers spent {sum(_median_stage(many, s) for s in STAGE_ORDER):.1f} s over all stages")
    ratio = total / spacy_s
    speedup = total / _median(many, "seconds")
    print(f"ratio parley/spaCy {ratio:.2f}, speed-up with {workers} workers {speedup:.2f}")


def _median_stage(runs: list[dict], stage: str) -> float:
    return statistics.median(r["stages"].get(stage, 0.0) for r in runs)


# -- memory at scale ----------------------------------------------------------------------------------------------
def make_corpus(corpus: str, size: int, folder: Path, per_file: int = 1000) -> None:
    """`size` articles from repeating the corpus with fresh ids, in JSONL files of `per_file` articles."""
    path = Path(corpus)
    if path.is_file() and path.suffix.lower() in (".jsonl", ".ndjson"):
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        records = [{"id": a.id, "title": a.headline, "text": a.text, "source": a.outlet,
                    "date": a.published.isoformat() if a.published else None} for a in _articles(corpus, None)]
    out = None
    for i in range(size):
        if i % per_file == 0:
            if out:
                out.close()
            out = (folder / f"part-{i // per_file:05d}.jsonl").open("w", encoding="utf-8")
        record = dict(records[i % len(records)])
        record["id"] = f"{record.get('id', 'article')}~{i // len(records)}~{i}"
        out.write(json.dumps(record) + "\n")
    if out:
        out.close()


def scale(corpus: str, sizes: list[int], workers: int) -> None:
    peaks = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="parley-scale-") as tmp:
            make_corpus(corpus, size, Path(tmp))
            result = measure("parley", tmp, None, workers)
        peaks.append(result)
        mem = (f"peak {result['rss_mb']:.0f} MB RSS, {result['pss_mb']:.0f} MB PSS" if "rss_mb" in result
               else f"max RSS {result['maxrss_mb']:.0f} MB (main), {result['children_maxrss_mb']:.0f} MB (workers)")
        print(f"{size:,} articles, {workers} worker(s): {result['seconds']:.0f} s "
              f"({result['articles'] / result['seconds']:.2f} articles/s), {mem}", flush=True)
    key = "pss_mb" if "pss_mb" in peaks[0] else "maxrss_mb"
    rss = "rss_mb" if "rss_mb" in peaks[0] else "maxrss_mb"
    print(f"memory {sizes[-1]:,} vs {sizes[0]:,} articles: {peaks[-1][key] / peaks[0][key]:.2f}x PSS, "
          f"{peaks[-1][rss] / peaks[0][rss]:.2f}x RSS (target at most 1.2x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", help="JSONL file or folder of articles")
    parser.add_argument("--limit", type=int, help="only the first N inputs")
    parser.add_argument("--workers", type=int, default=2, help="workers for the parallel run (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (default 3; medians)")
    parser.add_argument("--scale", help="comma-separated corpus sizes for the memory check, e.g. 1000,10000")
    parser.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=("spacy", "parley"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    corpus = args.corpus or str(DEFAULT_CORPUS if DEFAULT_CORPUS.exists() else FALLBACK_CORPUS)
    if args.child == "spacy":
        print(json.dumps(child_spacy(corpus, args.limit)))
    elif args.child == "parley":
        print(json.dumps(child_parley(corpus, args.limit, args.workers, args.engine)))
    elif args.scale:
        scale(corpus, [int(s) for s in args.scale.split(",")], args.workers)
    else:
        os.environ.setdefault("PYTHONHASHSEED", "0")
        benchmark(corpus, args.limit, args.workers, args.repeat)


if __name__ == "__main__":
    main()
