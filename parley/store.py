"""The store: DuckDB tables for articles, sentences, mentions, actors, roles, events and rejected inputs.

All writes for a batch of articles happen in one transaction, so an interrupted run leaves every earlier
batch intact and nothing half-written. Articles are keyed by id and content hash: re-running on the same
input adds nothing twice, and an article whose text changed replaces its earlier version.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from parley.types import Actor, ArticleResult, Event, Rejection

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, headline VARCHAR, outlet VARCHAR, published DATE, dateline VARCHAR,
    text VARCHAR, url VARCHAR, source_path VARCHAR, captions VARCHAR[], content_hash VARCHAR,
    tokens INTEGER, ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS sentences (
    article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, kind VARCHAR, actor_key VARCHAR
);
CREATE TABLE IF NOT EXISTS actors (
    key VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, country VARCHAR, sector VARCHAR, aliases VARCHAR[]
);
CREATE TABLE IF NOT EXISTS actor_roles (
    actor_key VARCHAR, title VARCHAR, country VARCHAR, sector VARCHAR, valid_from DATE, article_id VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, code VARCHAR, root VARCHAR, plover_type VARCHAR,
    plover_mode VARCHAR, goldstein DOUBLE, quad_class INTEGER,
    source_country VARCHAR, source_sector VARCHAR, source_name VARCHAR, source_actor VARCHAR,
    target_country VARCHAR, target_sector VARCHAR, target_name VARCHAR, target_actor VARCHAR,
    speaker_name VARCHAR, modality VARCHAR, background BOOLEAN,
    date DATE, date_end DATE, date_basis VARCHAR,
    place_name VARCHAR, place_country VARCHAR, geonameid BIGINT, lat DOUBLE, lon DOUBLE, place_basis VARCHAR,
    topics VARCHAR[], sentence_idx INTEGER, sentence VARCHAR, trigger_text VARCHAR,
    trigger_start INTEGER, trigger_end INTEGER, source_start INTEGER, source_end INTEGER,
    target_start INTEGER, target_end INTEGER, cluster_id VARCHAR
);
CREATE TABLE IF NOT EXISTS rejected (
    source VARCHAR, line INTEGER, reason VARCHAR, recorded_at TIMESTAMP DEFAULT current_timestamp
);
"""

ARTICLE_TABLES = ("sentences", "mentions", "actor_roles", "events")


# -- schema versions --------------------------------------------------------------------------------------
# The schema is versioned: meta.schema_version holds the version a store is at, and MIGRATIONS[v] takes a
# store from version v - 1 to v. Opening a store for writing applies the missing migrations in order, each
# in its own transaction together with the new version number (and the time it ran, as meta
# 'migrated_to_<v>'), so an interrupted upgrade leaves the store at the last version it completed. To change
# the schema, add a function here and a test that opens a store of the previous version.

def _create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Version 1: the tables as first released. A file with no schema version (new, or written before
    versions were recorded) gets them created where missing."""
    con.execute(SCHEMA)


Migration = Callable[[duckdb.DuckDBPyConnection], None]
MIGRATIONS: dict[int, Migration] = {
    1: _create_schema,
}
SCHEMA_VERSION = max(MIGRATIONS)


class StoreError(RuntimeError):
    """A store that cannot be opened or written, explained for the user."""


def open_store(path: str | os.PathLike, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)


class Store:
    def __init__(self, path: str | os.PathLike, read_only: bool = False):
        self.path = str(path)
        if not self.path.strip():  # DuckDB would open an in-memory database and the record would be lost
            raise StoreError("no store file given: pass --db FILE")
        if read_only and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path} (run 'parley run ... --db {self.path}' first)")
        self.read_only = read_only
        folder = Path(self.path).resolve().parent
        if not read_only and self.path != ":memory:" and folder.is_dir() and not os.access(folder, os.W_OK):
            # DuckDB writes a log file next to the store at the first commit; say so now, not after a batch.
            raise StoreError(f"cannot write to store {self.path}: its folder {folder} is read-only; reading it "
                             "(parley info, parley export) still works" if Path(self.path).exists() else
                             f"cannot create store {self.path}: its folder {folder} is read-only")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as err:
            raise self._error(err, "cannot open store") from err
        try:
            if not read_only:
                self._migrate()
            else:
                self._check_version()
        except BaseException:
            self.close()
            raise

    def _error(self, err: BaseException, doing: str) -> StoreError:
        """A DuckDB or OS error explained for the user: lock held, read-only, disk full, damaged file."""
        msg = (str(err).strip().splitlines() or [type(err).__name__])[0]
        low = msg.lower()
        if "lock" in low and ("conflicting" in low or "could not set lock" in low):
            return StoreError(f"{self.path} is in use by another parley process; try again when it ends")
        if "read-only" in low or "permission denied" in low or "readonly" in low:
            hint = "; reading it (parley info, parley export) still works" if Path(self.path).exists() else ""
            return StoreError(f"{doing} {self.path}: the file or its folder is read-only ({msg}){hint}")
        if "no space left" in low or "file too large" in low or "disk quota" in low:
            return StoreError(f"{doing} {self.path}: the disk is full or the file reached a size limit ({msg}); "
                              "every batch committed before it is kept, and re-running after freeing space codes "
                              "the rest")
        if "not a valid duckdb" in low or "could not read enough bytes" in low or "corrupt" in low:
            return StoreError(f"{doing} {self.path}: the file is damaged or not a parley store ({msg})")
        return StoreError(f"{doing} {self.path}: {msg}")

    def close(self) -> None:
        """Close the store. A failed checkpoint on close loses nothing: committed batches are in the
        write-ahead log, which the next open replays."""
        con = getattr(self, "con", None)
        if con is None:
            return
        self.con = None
        try:
            con.close()
        except duckdb.Error:
            pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------------------
    def schema_version(self) -> int:
        """The schema version the store is at; 0 for a new file (or one written before versions were kept)."""
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException:
            return 0
        except duckdb.Error as err:
            raise self._error(err, "cannot read store") from err
        if not row:
            return 0
        try:
            return int(row[0])
        except (TypeError, ValueError):
            raise StoreError(f"{self.path} has an unreadable schema version {row[0]!r}; it was not written "
                             "by parley or is damaged") from None

    def _check_version(self) -> int:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer parley (schema {version}, this one reads up to "
                f"{SCHEMA_VERSION}); upgrade parley to use it"
            )
        if self.read_only and version == 0:
            raise StoreError(f"{self.path} is not a parley store (it has no parley schema); "
                             f"create one with 'parley run ... --db {self.path}'")
        if self.read_only and version < SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by an older parley (schema {version}, this one reads "
                f"{SCHEMA_VERSION}); run 'parley run' on it once (with no new inputs is fine) to upgrade it"
            )
        return version

    def _migrate(self) -> None:
        """Bring the store to SCHEMA_VERSION by applying MIGRATIONS in order, each in one transaction."""
        version = self._check_version()
        for target in range(version + 1, SCHEMA_VERSION + 1):
            try:
                with self.transaction():
                    MIGRATIONS[target](self.con)
                    self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
                    self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(target)])
                    self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, CAST(current_timestamp AS VARCHAR))",
                                     [f"migrated_to_{target}"])
            except StoreError as err:
                raise StoreError(f"{err} (while upgrading the schema from version {target - 1} to {target}; "
                                 f"the store is left at version {target - 1})") from err

    # -- writing ----------------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: DuckDB errors inside (a full disk, a damaged file) roll back and become StoreError."""
        try:
            self.con.execute("BEGIN TRANSACTION")
        except duckdb.Error as err:
            raise self._error(err, "cannot write to store") from err
        try:
            yield
        except BaseException as exc:
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:
                pass  # the failed statement may have ended the transaction already
            if isinstance(exc, duckdb.Error):
                raise self._error(exc, "cannot write to store") from exc
            raise
        try:
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:
                pass
            raise self._error(err, "cannot write to store") from err

    def known_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        if not ids:
            return {}
        try:
            rows = self.con.execute(
                "SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?))", [ids]
            ).fetchall()
        except duckdb.Error as err:
            raise self._error(err, "cannot read store") from err
        return dict(rows)

    def write_batch(self, results: list[ArticleResult], rejections: list[Rejection]) -> None:
        """Store a batch of coded articles and rejections atomically, a few bulk statements per table."""
        with self.transaction():
            if results:
                self._write_results(results)
            for rej in rejections:
                self.con.execute(
                    "DELETE FROM rejected WHERE source = ? AND line IS NOT DISTINCT FROM ?", [rej.source, rej.line]
                )
                self.con.execute("INSERT INTO rejected (source, line, reason) VALUES (?, ?, ?)",
                                 [rej.source, rej.line, rej.reason])

    def clear_rejection(self, source: str, line: int | None) -> None:
        self.con.execute("DELETE FROM rejected WHERE source = ? AND line IS NOT DISTINCT FROM ?", [source, line])

    def _append(self, table: str, columns: list[str], rows: list[list]) -> None:
        """Insert many rows at once through an Arrow table (row-by-row inserts dominate a run's time)."""
        if not rows:
            return
        import pyarrow as pa

        data = pa.table({c: pa.array([r[i] for r in rows]) for i, c in enumerate(columns)})
        self.con.register("parley_batch", data)
        try:
            names = ", ".join(columns)
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM parley_batch")
        finally:
            self.con.unregister("parley_batch")

    def _write_results(self, results: list[ArticleResult]) -> None:
        ids = [r.article.id for r in results]
        for table in ARTICLE_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])
        self.con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [ids])
        self._append("articles", ["id", "headline", "outlet", "published", "dateline", "text", "url", "source_path",
                                  "captions", "content_hash", "tokens"],
                     [[r.article.id, r.article.headline, r.article.outlet, r.article.published, r.article.dateline,
                       r.article.text, r.article.url, r.article.source_path, list(r.article.captions),
                       r.article.content_hash, r.tokens] for r in results])
        self._append("sentences", ["article_id", "idx", "start_char", "end_char"],
                     [[r.article.id, i, s.start, s.end] for r in results for i, s in enumerate(r.sentences)])
        self._append("mentions", ["article_id", "start_char", "end_char", "text", "kind", "actor_key"],
                     [[r.article.id, m.start, m.end, m.text, m.kind, m.actor_key] for r in results
                      for m in r.mentions])
        event_rows = [event_row(r.article.id, i, ev) for r in results for i, ev in enumerate(r.events)]
        self._append("events", EVENT_COLUMNS, event_rows)
        # Actors are shared across articles: one row per key, aliases accumulated over every mention.
        merged: dict[str, Actor] = {}
        roles = []
        for r in results:
            for actor in r.actors:
                prev = merged.get(actor.key)
                aliases = (prev.aliases if prev else set()) | actor.aliases
                merged[actor.key] = Actor(actor.key, actor.name, actor.type, actor.country, actor.sector, aliases)
                roles.extend([actor.key, role.title, role.country, role.sector, role.valid_from, r.article.id]
                             for role in actor.roles)
        if merged:
            keys = list(merged)
            known = dict(self.con.execute("SELECT key, aliases FROM actors WHERE key IN (SELECT unnest(?))",
                                          [keys]).fetchall())
            self.con.execute("DELETE FROM actors WHERE key IN (SELECT unnest(?))", [keys])
            self._append("actors", ["key", "name", "type", "country", "sector", "aliases"],
                         [[a.key, a.name, a.type, a.country, a.sector, sorted(set(known.get(a.key) or []) | a.aliases)]
                          for a in merged.values()])
        self._append("actor_roles", ["actor_key", "title", "country", "sector", "valid_from", "article_id"], roles)

    # -- reading ----------------------------------------------------------------------------------------
    def known_people(self) -> dict[str, dict]:
        """People already coded with a country, by folded name, for resolving later articles."""
        from parley.actors.knowledge import name_key

        rows = self.con.execute(
            "SELECT name, country, sector FROM actors WHERE type = 'person' AND country IS NOT NULL").fetchall()
        return {name_key(name): {"country": country, "sector": sector} for name, country, sector in rows
                if name and len(name.split()) > 1}

    def list_actors(self, name: str | None = None, country: str | None = None, as_of=None,
                    limit: int = 50) -> list[tuple]:
        """Actors with their roles over time (or only the role held on `as_of`) and their event count.

        A role is valid from the date of the article that stated it until a later article states another.
        """
        role_filter = "" if as_of is None else (
            "AND r.valid_from = (SELECT max(r2.valid_from) FROM actor_roles r2 "
            "WHERE r2.actor_key = a.key AND r2.valid_from <= CAST(? AS DATE))")
        params: list = [] if as_of is None else [as_of]
        sql = f"""
            SELECT a.key, a.name, a.type, a.country, a.sector,
                   (SELECT string_agg(DISTINCT r.title || ' (from ' || coalesce(CAST(r.valid_from AS VARCHAR), '?')
                                      || ')', '; ')
                    FROM actor_roles r WHERE r.actor_key = a.key {role_filter}) AS roles,
                   (SELECT count(*) FROM events e WHERE e.source_actor = a.key OR e.target_actor = a.key) AS events
            FROM actors a
            WHERE (? IS NULL OR a.name ILIKE '%' || ? || '%')
              AND (? IS NULL OR a.country = upper(?))
            ORDER BY events DESC, a.name LIMIT ?
        """
        return self.con.execute(sql, params + [name, name, country, country, limit]).fetchall()

    def counts(self) -> dict[str, int]:
        tables = ("articles", "sentences", "mentions", "actors", "actor_roles", "events", "rejected")
        try:
            return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        except duckdb.Error as err:
            raise self._error(err, "cannot read store") from err

    def query(self, sql: str, params: list | None = None) -> tuple[list[str], list[tuple]]:
        try:
            cur = self.con.execute(sql, params or [])
            return [d[0] for d in cur.description], cur.fetchall()
        except (duckdb.IOException, duckdb.FatalException, duckdb.InternalException) as err:
            raise self._error(err, "cannot read store") from err


EVENT_COLUMNS = [
    "id", "article_id", "code", "root", "plover_type", "plover_mode", "goldstein", "quad_class",
    "source_country", "source_sector", "source_name", "source_actor",
    "target_country", "target_sector", "target_name", "target_actor", "speaker_name", "modality", "background",
    "date", "date_end", "date_basis", "place_name", "place_country", "geonameid", "lat", "lon", "place_basis",
    "topics", "sentence_idx", "sentence", "trigger_text", "trigger_start", "trigger_end",
    "source_start", "source_end", "target_start", "target_end", "cluster_id",
]


def event_row(article_id: str, index: int, ev: Event) -> list:
    src, tgt, place = ev.source, ev.target, ev.place
    trig = ev.trigger
    return [
        f"{article_id}#{index}", article_id, ev.code, ev.root, ev.plover_type, ev.plover_mode, ev.goldstein,
        ev.quad_class,
        src.country, src.sector, src.name, src.actor_key,
        tgt.country, tgt.sector, tgt.name, tgt.actor_key,
        ev.speaker.name if ev.speaker else None, ev.modality, ev.background,
        ev.date, ev.date_end, ev.date_basis,
        place.name if place else None, place.country if place else None, place.geonameid if place else None,
        place.lat if place else None, place.lon if place else None, place.basis if place else None,
        list(ev.topics), ev.sentence_index, ev.sentence, ev.trigger_text,
        trig.start if trig else None, trig.end if trig else None,
        src.span.start if src.span else None, src.span.end if src.span else None,
        tgt.span.start if tgt.span else None, tgt.span.end if tgt.span else None,
        ev.cluster_id,
    ]


def jsonable(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
