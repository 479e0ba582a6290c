"""The pipeline: ingest -> language -> actors -> events -> time/places -> merge -> store.

`code_article` is a pure function of an article and its parse; `run` streams inputs in batches, fans the
language work out to worker processes, and writes each batch in one transaction.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from parley.actors import analyse_actors
from parley.events import code_events
from parley.ingest import DEFAULT_LIMITS, Limits, read_paths
from parley.language import load_nlp
from parley.store import Store
from parley.types import Article, ArticleResult, Rejection, Span


def code_article(article: Article, doc: Doc, memory: dict[str, dict] | None = None) -> ArticleResult:
    """Everything parley derives from one parsed article (`memory`: people known from earlier articles)."""
    actors = analyse_actors(doc, article, memory=memory)
    events = code_events(doc, article, actors)
    return ArticleResult(
        article=article,
        sentences=[Span(s.start_char, s.end_char) for s in doc.sents],
        mentions=actors.mentions,
        actors=actors.actors(),
        events=events,
        tokens=len(doc),
    )


# People established by earlier articles in this process (and seeded from the store by `run`).
PEOPLE_MEMORY: dict[str, dict] = {}


def code_batch(articles: list[Article], batch_size: int = 32) -> list[ArticleResult]:
    nlp = load_nlp()
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    return [code_article(a, d, PEOPLE_MEMORY) for a, d in zip(articles, docs, strict=True)]


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


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def run(
    paths: list[str],
    store: Store,
    *,
    workers: int = 1,
    batch_size: int = 64,
    limits: Limits = DEFAULT_LIMITS,
    on_progress: Callable[[RunStats], None] | None = None,
    force: bool = False,
) -> RunStats:
    """Code every article under `paths` into `store`; articles already stored unchanged are skipped."""
    stats = RunStats()
    started = time.perf_counter()
    PEOPLE_MEMORY.update(store.known_people())

    def pending() -> Iterator[tuple[list[Article], list[Rejection]]]:
        for chunk in _batches(read_paths(paths, limits), batch_size):
            articles = [a for a in chunk if isinstance(a, Article)]
            rejections = [r for r in chunk if isinstance(r, Rejection)]
            stats.read += len(articles)
            known = {} if force else store.known_hashes(a.id for a in articles)
            seen: set[str] = set()
            fresh = []
            for a in articles:
                if known.get(a.id) == a.content_hash or a.id in seen:
                    stats.skipped += 1
                    continue
                seen.add(a.id)
                fresh.append(a)
            yield fresh, rejections

    def finish(results: list[ArticleResult], rejections: list[Rejection]) -> None:
        store.write_batch(results, rejections)
        stats.coded += len(results)
        stats.events += sum(len(r.events) for r in results)
        stats.tokens += sum(r.tokens for r in results)
        stats.rejected += len(rejections)
        stats.rejections.extend(rejections)
        stats.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(stats)

    if workers <= 1:
        for fresh, rejections in pending():
            finish(code_batch(fresh) if fresh else [], rejections)
    else:
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        with ctx.Pool(workers, initializer=load_nlp) as pool:
            queue = pending()
            inflight: list[tuple[object, list[Rejection]]] = []
            for fresh, rejections in queue:
                inflight.append((pool.apply_async(code_batch, (fresh,)), rejections))
                # Keep a bounded number of batches in flight so memory stays flat on any corpus size.
                while len(inflight) > workers * 2:
                    handle, rej = inflight.pop(0)
                    finish(handle.get(), rej)
            for handle, rej in inflight:
                finish(handle.get(), rej)
    stats.seconds = time.perf_counter() - started
    return stats
