"""The Dask engine: the same `code_batch`, run on the workers of a Dask cluster.

`parley run --engine dask [--scheduler ADDRESS]` partitions the input into the run's batches; each partition
is coded on a Dask worker, which returns it as a Parquet file (Arrow columns derived from the dataclasses in
`parley.types`). The main process writes the file to a work folder next to the store (`<db>.work/`),
loads it into the store in one transaction, in input order, and deletes it. Without `--scheduler` a
LocalCluster of `--workers` processes is started.

A worker that dies mid-run loses nothing: the scheduler gives its partition to another worker, and a
partition coded twice is still stored once (articles are written by id, replacing any earlier version).
Workers need parley installed (the same version) and nothing else: no shared folder, no store access.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import datetime as dt
import functools
import io
import logging
import os
import shutil
import tempfile
import types
import typing
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from parley.pipeline import NLP_BATCH, Batch, Coded, EngineError, code_batch_timed
from parley.types import Article, ArticleResult

PartitionTask = Callable[[list[Article], int, dict[str, str]], tuple[bytes, dict[str, float]]]
ENV_PREFIX = "PARLEY_"  # $PARLEY_ACTORS, $PARLEY_EVENTS: the run's own tables, passed on to every task

# -- results <-> Arrow ----------------------------------------------------------------------------------------
_SCALARS = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), dt.date: pa.date32()}


@functools.cache
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


def _optional(tp: object) -> object:
    if typing.get_origin(tp) in (types.UnionType, typing.Union):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"cannot store a union of {args} in Parquet")
        return args[0]
    return tp


@functools.cache
def arrow_type(tp: object) -> pa.DataType:
    """The Arrow type of a field annotation: dataclasses become structs, lists/sets/tuples lists."""
    tp = _optional(tp)
    if tp in _SCALARS:
        return _SCALARS[tp]
    origin = typing.get_origin(tp)
    if origin in (list, set, frozenset, tuple):
        return pa.list_(arrow_type(typing.get_args(tp)[0]))
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return pa.struct([pa.field(f.name, arrow_type(hints[f.name])) for f in dataclasses.fields(tp)])
    raise TypeError(f"no Arrow type for {tp!r}")


def result_schema() -> pa.Schema:
    return pa.schema(list(arrow_type(ArticleResult)))


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, set | frozenset):
        return sorted(_plain(v) for v in value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _typed(value: object, tp: object) -> object:
    if value is None:
        return None
    tp = _optional(tp)
    origin = typing.get_origin(tp)
    if origin in (list, set, frozenset, tuple):
        item = typing.get_args(tp)[0]
        return (origin if origin is not list else list)(_typed(v, item) for v in value)
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{f.name: _typed(value[f.name], hints[f.name]) for f in dataclasses.fields(tp) if f.name in value})
    if tp is float:
        return float(value)
    return value


def results_to_table(results: list[ArticleResult]) -> pa.Table:
    return pa.Table.from_pylist([_plain(r) for r in results], schema=result_schema())


def table_to_results(table: pa.Table) -> list[ArticleResult]:
    return [_typed(row, ArticleResult) for row in table.to_pylist()]


def to_parquet(results: list[ArticleResult]) -> bytes:
    buf = io.BytesIO()
    pq.write_table(results_to_table(results), buf, compression="zstd")
    return buf.getvalue()


def read_partition(path: str | os.PathLike) -> list[ArticleResult]:
    return table_to_results(pq.read_table(path))


def code_partition(articles: list[Article], nlp_batch: int = NLP_BATCH, env: dict[str, str] | None = None
                   ) -> tuple[bytes, dict[str, float]]:
    """The task a Dask worker runs: code a partition and return it as Parquet, with per-stage seconds.

    `env` holds the client's PARLEY_* variables (user actor and event files: their paths must be readable
    on the workers, as on a local cluster or a shared file system)."""
    for key in [k for k in os.environ if k.startswith(ENV_PREFIX) and k not in (env or {})]:
        del os.environ[key]
    os.environ.update(env or {})
    results, timings = code_batch_timed(articles, nlp_batch)
    return to_parquet(results), timings


# -- the engine -----------------------------------------------------------------------------------------------
class DaskEngine:
    """Code batches on a Dask cluster: `scheduler` address, a `client` given, or a LocalCluster of `workers`."""

    def __init__(self, scheduler: str | None = None, workers: int = 2, work_dir: str | os.PathLike | None = None,
                 client=None, task: PartitionTask = code_partition, nlp_batch: int = NLP_BATCH,
                 max_inflight: int | None = None):
        self.scheduler = scheduler
        self.workers = max(1, workers)
        self.work_dir = work_dir
        self.client = client
        self.task = task
        self.nlp_batch = nlp_batch
        self.max_inflight = max_inflight

    @contextlib.contextmanager
    def _connect(self):
        if self.client is not None:
            yield self.client
            return
        try:
            from distributed import Client, LocalCluster
        except ImportError as err:
            raise EngineError("--engine dask needs Dask: pip install 'parley[dask]'") from err
        if self.scheduler:
            try:
                client = Client(self.scheduler, timeout="30s")
            except OSError as err:
                raise EngineError(f"cannot reach the Dask scheduler at {self.scheduler}: {err}") from err
            with client:
                yield client
            return
        with LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client

    @contextlib.contextmanager
    def _folder(self) -> Iterator[Path]:
        if self.work_dir is None:
            path = Path(tempfile.mkdtemp(prefix="parley-work-"))
            try:
                yield path
            finally:
                shutil.rmtree(path, ignore_errors=True)
            return
        path = Path(self.work_dir)
        path.mkdir(parents=True, exist_ok=True)
        # Partitions left by an interrupted run were never committed; their articles are coded again.
        for stale in [*path.glob("part-*.parquet"), *path.glob("part-*.tmp")]:
            stale.unlink(missing_ok=True)
        yield path
        with contextlib.suppress(OSError):
            path.rmdir()  # only when empty: what a failed load left stays for inspection

    def code(self, batches: Iterator[Batch]) -> Iterator[Coded]:
        with self._connect() as client, self._folder() as folder:
            run_id = uuid.uuid4().hex[:8]
            threads = sum(client.nthreads().values()) or self.workers
            limit = self.max_inflight or 2 * threads + 1
            env = {k: v for k, v in os.environ.items() if k.startswith(ENV_PREFIX)}
            inflight: collections.deque = collections.deque()
            try:
                for batch in batches:
                    future = None
                    if batch.articles:
                        future = client.submit(self.task, batch.articles, self.nlp_batch, env,
                                               key=f"parley-{run_id}-{batch.index:07d}", pure=False)
                    inflight.append((batch, future))
                    while len(inflight) > limit:
                        yield from self._load(*inflight.popleft(), folder, run_id)
                while inflight:
                    yield from self._load(*inflight.popleft(), folder, run_id)
            finally:
                for _, future in inflight:
                    if future is not None:
                        future.cancel()

    def _load(self, batch: Batch, future, folder: Path, run_id: str) -> Iterator[Coded]:
        if future is None:
            yield Coded(batch, [], {})
            return
        try:
            data, timings = future.result()
        except Exception as err:
            if type(err).__name__ == "KilledWorker":
                raise EngineError(f"partition {batch.index} ({len(batch.articles)} articles from "
                                  f"{batch.articles[0].id}) killed every worker that tried it: {err}") from err
            raise
        finally:
            future.release()
        path = folder / f"part-{run_id}-{batch.index:07d}.parquet"
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        results = read_partition(path)
        if [r.article.id for r in results] != [a.id for a in batch.articles]:
            raise EngineError(f"partition {batch.index} came back with other articles than were sent")
        yield Coded(batch, results, timings)
        path.unlink(missing_ok=True)  # the caller has committed it to the store
