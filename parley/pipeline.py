"""The pipeline: ingest -> language -> actors -> events -> time/places -> merge -> store.

`code_article` is a pure function of an article and its parse; `code_batch` parses a list of articles with
`nlp.pipe` and codes each. `run` streams inputs in batches, skips articles already stored unchanged, hands
the batches to an engine that codes them, and writes each batch in one transaction, in input order.

Engines: `LocalEngine` codes in this process (one worker) or in N forked worker processes with a bounded
number of batches in flight, so memory stays flat on any corpus size; `parley.cluster.DaskEngine` codes
partitions on a Dask cluster. Every engine calls the same `code_batch`.
"""

from __future__ import annotations

import collections
import datetime as dt
import gc
import itertools
import math
import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc

from parley.actors import analyse_actors
from parley.events import code_events
from parley.ingest import DEFAULT_LIMITS, Limits, read_paths
from parley.language import load_nlp
from parley.store import Store
from parley.types import Article, ArticleResult, Rejection, Span

# Stages timed by `run` (seconds, summed over workers). "events" includes dates and places, which
# `parley.events.code_events` attaches; benchmarks/throughput.py splits them out.
STAGES = ("ingest", "language", "actors", "events", "store")
NLP_BATCH = 32  # texts per nlp.pipe batch: on CPU smaller batches are slower, larger ones no faster
THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
              "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")


class EngineError(RuntimeError):
    """Coding failed in a way the run cannot recover from (a worker crashed, a task kept failing)."""


# People coded with a country by earlier articles in this process (seeded from the store by `run`, and
# inherited by forked workers): "President Bill Clinton" keeps the country another article gave him.
PEOPLE_MEMORY: dict[str, dict] = {}


def code_article(article: Article, doc: Doc, timings: dict[str, float] | None = None) -> ArticleResult:
    """Everything parley derives from one parsed article. With `timings`, adds the seconds spent per stage."""
    t0 = time.perf_counter()
    actors = analyse_actors(doc, article, memory=PEOPLE_MEMORY)
    t1 = time.perf_counter()
    events = code_events(doc, article, actors)
    result = ArticleResult(
        article=article,
        sentences=[Span(s.start_char, s.end_char) for s in doc.sents],
        mentions=actors.mentions,
        actors=actors.actors(),
        events=events,
        tokens=len(doc),
    )
    if timings is not None:
        t2 = time.perf_counter()
        timings["actors"] = timings.get("actors", 0.0) + (t1 - t0)
        timings["events"] = timings.get("events", 0.0) + (t2 - t1)
    return result


def code_batch(articles: list[Article], batch_size: int = NLP_BATCH,
               timings: dict[str, float] | None = None) -> list[ArticleResult]:
    """Parse the articles with nlp.pipe (batches of `batch_size` texts) and code each one."""
    if not articles:
        return []
    nlp = load_nlp()
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    results = []
    language = 0.0
    for article in articles:
        t0 = time.perf_counter()
        doc = next(docs)  # nlp.pipe parses a whole batch on the first next() of each batch
        language += time.perf_counter() - t0
        results.append(code_article(article, doc, timings))
    if next(docs, None) is not None:  # pragma: no cover - nlp.pipe yields one doc per text
        raise RuntimeError("nlp.pipe returned more documents than texts")
    if timings is not None:
        timings["language"] = timings.get("language", 0.0) + language
    return results


def code_batch_timed(articles: list[Article], batch_size: int = NLP_BATCH
                     ) -> tuple[list[ArticleResult], dict[str, float]]:
    """`code_batch` returning its per-stage seconds too (what worker processes send back)."""
    timings: dict[str, float] = {}
    return code_batch(articles, batch_size, timings), timings


WARM_UP = Article(
    id="parley-warm-up",
    text="ROME -- Italian Prime Minister Carla Neri met French President Luc Marin in Rome on Monday "
         "and said Italy would send aid to France next week.",
    headline="Talks",
    published=dt.date(2001, 5, 7),
    dateline="ROME",
)


def warm_up() -> None:
    """Load the language model and every table the coders read (lexicon, actors, gazetteer) once, so that
    forked workers inherit them instead of each loading them again."""
    code_batch([WARM_UP])


def limit_threads() -> None:
    """One thread per worker process for the numeric libraries: N workers on N cores, no oversubscription."""
    for name in THREAD_ENV:
        os.environ[name] = "1"
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return
    threadpool_limits(1)


@dataclass
class RunStats:
    read: int = 0
    coded: int = 0
    skipped: int = 0
    rejected: int = 0
    events: int = 0
    tokens: int = 0
    seconds: float = 0.0
    rejections: list[Rejection] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))


@dataclass
class Batch:
    """A batch of the input: the articles to code (new or changed) and the inputs rejected while reading it."""

    index: int
    articles: list[Article]
    rejections: list[Rejection]


@dataclass
class Coded:
    """A batch after coding: its results (in article order) and the seconds each stage took for it."""

    batch: Batch
    results: list[ArticleResult]
    timings: dict[str, float] = field(default_factory=dict)


class Engine(Protocol):
    """Codes a stream of batches, yielding them coded in the order given, holding a bounded number at once."""

    def code(self, batches: Iterator[Batch]) -> Iterator[Coded]: ...


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _chunks(articles: list[Article], parts: int, minimum: int) -> list[list[Article]]:
    """Split a batch into at most `parts` similar chunks of at least `minimum` articles (for load balance)."""
    size = max(minimum, math.ceil(len(articles) / max(1, parts)))
    return [articles[i:i + size] for i in range(0, len(articles), size)]


class LocalEngine:
    """Code in this process (workers=1) or in `workers` forked processes, each batch split across them."""

    def __init__(self, workers: int = 1, nlp_batch: int = NLP_BATCH):
        self.workers = max(1, workers)
        self.nlp_batch = nlp_batch

    def code(self, batches: Iterator[Batch]) -> Iterator[Coded]:
        if self.workers == 1:
            # The model and the coding tables (gazetteer, lexicon, actors) are hundreds of thousands of
            # long-lived objects; frozen, the cyclic collector stops rescanning them while spaCy parses.
            frozen = False
            try:
                for batch in batches:
                    results, timings = code_batch_timed(batch.articles, self.nlp_batch)
                    if not frozen:  # everything long-lived is loaded once the first batch is coded
                        gc.freeze()
                        frozen = True
                    yield Coded(batch, results, timings)
            finally:
                gc.unfreeze()
            return
        yield from self._code_parallel(batches)

    def _code_parallel(self, batches: Iterator[Batch]) -> Iterator[Coded]:
        methods = mp.get_all_start_methods()
        ctx = mp.get_context("fork" if "fork" in methods else "spawn")
        if ctx.get_start_method() == "fork":
            warm_up()  # forked workers share the loaded model and tables
            # Keep the collector off those objects, so the workers' pages stay shared (copy-on-write).
            gc.freeze()
            init = limit_threads
        else:  # pragma: no cover - platforms without fork
            init = _init_spawned_worker
        # Batches in flight beyond the ones being coded keep every worker busy while the main process
        # writes; the bound keeps memory flat however large the corpus.
        max_inflight = self.workers + 1
        inflight: collections.deque[tuple[Batch, list[Future]]] = collections.deque()
        with ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=init) as pool:
            try:
                for batch in batches:
                    futures = [pool.submit(code_batch_timed, chunk, self.nlp_batch)
                               for chunk in _chunks(batch.articles, self.workers, self.nlp_batch)]
                    inflight.append((batch, futures))
                    while len(inflight) > max_inflight:
                        yield _collect(*inflight.popleft())
                while inflight:
                    yield _collect(*inflight.popleft())
            except BrokenProcessPool as err:
                raise EngineError("a worker process died while coding (out of memory, or a crash in the "
                                  "language model); every batch committed before it is kept") from err
            except BaseException:
                for _, futures in inflight:
                    for fut in futures:
                        fut.cancel()
                raise
            finally:
                gc.unfreeze()


def _init_spawned_worker() -> None:  # pragma: no cover - platforms without fork
    limit_threads()
    warm_up()


def _collect(batch: Batch, futures: list[Future]) -> Coded:
    results: list[ArticleResult] = []
    timings: dict[str, float] = {}
    for fut in futures:
        part, part_timings = fut.result()
        results.extend(part)
        for key, value in part_timings.items():
            timings[key] = timings.get(key, 0.0) + value
    return Coded(batch, results, timings)


class _Run:
    """The bookkeeping of one run: which articles to code, and writing coded batches to the store."""

    def __init__(self, store: Store, stats: RunStats, force: bool, started: float,
                 on_progress: Callable[[RunStats], None] | None):
        self.store = store
        self.stats = stats
        self.force = force
        self.started = started
        self.on_progress = on_progress
        self.inflight: dict[str, str] = {}  # id -> content hash of articles read but not yet written

    def batches(self, items: Iterable[Article | Rejection], size: int) -> Iterator[Batch]:
        stats = self.stats
        it = iter(items)
        for index in itertools.count():
            t0 = time.perf_counter()
            chunk = list(itertools.islice(it, size))
            t1 = time.perf_counter()
            stats.stages["ingest"] += t1 - t0
            if not chunk:
                return
            articles = [a for a in chunk if isinstance(a, Article)]
            rejections = [r for r in chunk if isinstance(r, Rejection)]
            stats.read += len(articles)
            known = {} if self.force else self.store.known_hashes(a.id for a in articles)
            stats.stages["store"] += time.perf_counter() - t1
            fresh: dict[str, Article] = {}
            for a in articles:
                if known.get(a.id) == a.content_hash or self.inflight.get(a.id) == a.content_hash:
                    # Stored unchanged, or the same article earlier in this run and not yet written.
                    stats.skipped += 1
                    continue
                if a.id in fresh:  # the same id twice in a batch: the later version wins, as across batches
                    stats.skipped += 1
                    del fresh[a.id]
                self.inflight[a.id] = a.content_hash
                fresh[a.id] = a
            yield Batch(index, list(fresh.values()), rejections)

    def finish(self, coded: Coded) -> None:
        stats = self.stats
        t0 = time.perf_counter()
        self.store.write_batch(coded.results, coded.batch.rejections)
        stats.stages["store"] += time.perf_counter() - t0
        for key, value in coded.timings.items():
            stats.stages[key] = stats.stages.get(key, 0.0) + value
        for a in coded.batch.articles:
            if self.inflight.get(a.id) == a.content_hash:
                del self.inflight[a.id]
        stats.coded += len(coded.results)
        stats.events += sum(len(r.events) for r in coded.results)
        stats.tokens += sum(r.tokens for r in coded.results)
        stats.rejected += len(coded.batch.rejections)
        stats.rejections.extend(coded.batch.rejections)
        stats.seconds = time.perf_counter() - self.started
        if self.on_progress:
            self.on_progress(stats)


def make_engine(engine: str | Engine = "local", *, workers: int = 1, scheduler: str | None = None,
                work_dir: str | os.PathLike | None = None) -> Engine:
    if not isinstance(engine, str):
        return engine
    if engine == "local":
        if scheduler:
            raise ValueError("--scheduler needs --engine dask")
        return LocalEngine(workers)
    if engine == "dask":
        from parley.cluster import DaskEngine

        return DaskEngine(scheduler=scheduler, workers=workers, work_dir=work_dir)
    raise ValueError(f"unknown engine {engine!r}; choose local or dask")


def run(
    paths: list[str],
    store: Store,
    *,
    workers: int = 1,
    batch_size: int = 64,
    limits: Limits = DEFAULT_LIMITS,
    on_progress: Callable[[RunStats], None] | None = None,
    force: bool = False,
    engine: str | Engine = "local",
    scheduler: str | None = None,
    limit: int | None = None,
) -> RunStats:
    """Code every article under `paths` into `store`; articles already stored unchanged are skipped.

    `engine` is "local" (this process, or `workers` processes) or "dask" (a Dask cluster at `scheduler`, or
    a local one with `workers` workers), or an engine object. `limit` stops after that many inputs.
    """
    coder = make_engine(engine, workers=workers, scheduler=scheduler, work_dir=_work_dir(store))
    stats = RunStats()
    started = time.perf_counter()
    PEOPLE_MEMORY.update(store.known_people())
    bookkeeping = _Run(store, stats, force, started, on_progress)
    items: Iterable[Article | Rejection] = read_paths(paths, limits)
    if limit is not None:
        items = itertools.islice(items, limit)
    coded = coder.code(bookkeeping.batches(items, batch_size))
    try:
        for batch in coded:
            bookkeeping.finish(batch)
    finally:
        close = getattr(coded, "close", None)
        if close:
            close()
    stats.seconds = time.perf_counter() - started
    return stats


def _work_dir(store: Store) -> str | None:
    """Where the Dask engine puts its Parquet partitions: a folder next to the store file."""
    if not store.path or store.path == ":memory:":
        return None
    return store.path + ".work"
