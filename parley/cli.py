"""The `parley` command: run the pipeline over articles, inspect and export what is stored.

Exit status: 0 when every input was stored, 1 when some inputs were rejected (the rest was stored; see
`parley info`), 2 for a usage error, 3 when the run itself failed (store unusable, model missing).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from parley.store import StoreError, open_store

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
DEFAULT_DB = "parley.duckdb"

app = typer.Typer(
    help="parley turns news articles into a checkable record of political events "
    "(who did what to whom, when, where), every field backed by the article's words.\n\n"
    "Start with:  parley run examples/articles --db events.duckdb  then  parley info --db events.duckdb",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
console = Console(stderr=True)
out = Console(markup=False, emoji=False)  # tables hold words from the articles, never markup

DbOption = typer.Option(DEFAULT_DB, "--db", help="DuckDB file holding the record (created if missing).")


def _fail(message: str) -> None:
    console.print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(EXIT_FAILED)


@app.command()
def run(
    paths: list[str] = typer.Argument(..., help="Files or folders of articles (.txt, .html, .jsonl, .csv; "
                                      "folders are read recursively), or - for standard input."),
    db: str = DbOption,
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes for the language model."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, help="Articles per batch (one transaction each)."),
    force: bool = typer.Option(False, "--force", help="Code articles again even if stored unchanged."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    actor_file: str | None = typer.Option(None, "--actors", help="YAML file of your own actors and coding "
                                          "overrides (countries, roles, organizations, people)."),
    lexicon_file: str | None = typer.Option(None, "--lexicon", help="YAML file of your own event triggers, "
                                            "codes and topics, added to the shipped lexicon."),
    engine: str = typer.Option("local", "--engine", help="local (this machine, --workers processes) or dask "
                               "(a Dask cluster: --scheduler, or a local one of --workers processes)."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. "
                                         "tcp://10.0.0.5:8786 (with --engine dask)."),
    max_file_mb: float = typer.Option(64, "--max-file-mb", min=0.001, help="Files larger than this are "
                                      "rejected unread."),
    max_article_chars: int = typer.Option(200_000, "--max-article-chars", min=1, help="Articles longer "
                                          "than this are rejected."),
) -> None:
    """Read articles, code their events and store everything in the DuckDB file.

    Articles already stored with the same text are skipped, so re-running on a folder that grew codes
    only the new ones. Bad inputs are recorded with the reason and the run goes on.

    Example:  parley run ~/news --db news.duckdb --workers 2
              parley run ~/news --db news.duckdb --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from parley.ingest import Limits
    from parley.language import ModelMissing
    from parley.pipeline import EngineError
    from parley.pipeline import run as run_pipeline

    if engine not in ("local", "dask") or (scheduler and engine != "dask"):
        console.print("[bold red]error:[/] --engine is local or dask; --scheduler needs --engine dask")
        raise typer.Exit(EXIT_USAGE)

    for path, env in ((actor_file, "PARLEY_ACTORS"), (lexicon_file, "PARLEY_EVENTS")):
        if path:
            if not Path(path).is_file():
                console.print(f"[bold red]error:[/] no such file {escape(path)}")
                raise typer.Exit(EXIT_USAGE)
            os.environ[env] = str(Path(path).resolve())  # read by every worker process too
    try:
        store = open_store(db)
    except StoreError as err:
        _fail(str(err))
    progress = Progress(
        TextColumn("[bold]coding"), BarColumn(), TextColumn("{task.fields[articles]} articles"),
        TextColumn("{task.fields[events]} events"), TextColumn("{task.fields[rejected]} rejected"),
        TimeElapsedColumn(), console=console, disable=quiet, transient=True,
    )
    try:
        with progress:
            task = progress.add_task("run", total=None, articles=0, events=0, rejected=0)

            def on_progress(stats) -> None:
                progress.update(task, articles=stats.coded + stats.skipped, events=stats.events,
                                rejected=stats.rejected)

            limits = Limits(max_file_bytes=int(max_file_mb * 1024 * 1024), max_article_chars=max_article_chars)
            stats = run_pipeline(paths, store, workers=workers, batch_size=batch_size, limits=limits,
                                 on_progress=on_progress, force=force, engine=engine, scheduler=scheduler)
    except (StoreError, ModelMissing, EngineError) as err:
        _fail(str(err))
    except OSError as err:
        _fail(f"cannot write {db}: {err}")
    finally:
        store.close()
    for rej in stats.rejections:
        console.print(f"[yellow]rejected[/] {escape(str(rej))}")
    if not quiet:
        rate = stats.coded / stats.seconds if stats.seconds else 0.0
        console.print(
            f"[green]{stats.coded}[/] articles coded, {stats.skipped} unchanged skipped, "
            f"[green]{stats.events}[/] events, {stats.rejected} inputs rejected "
            f"in {stats.seconds:.1f}s ({rate:.1f} articles/s) -> {escape(db)}"
        )
    raise typer.Exit(EXIT_REJECTED if stats.rejected else EXIT_OK)


@app.command()
def export(
    db: str = DbOption,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl (scorer format with evidence), csv or parquet."),
    output: str = typer.Option("-", "--output", "-o", help="File to write; - for standard output."),
    include_all: bool = typer.Option(False, "--all", help="Also background, hypothetical and negated events."),
    merged: bool = typer.Option(False, "--merged", help="One row per real-world event, with every article "
                                "that reports it (same root code, parties and day)."),
) -> None:
    """Write the stored events, one a row.

    Example:  parley export --db news.duckdb --format parquet --output events.parquet
    """
    from parley.export import FORMATS, export_events

    if fmt not in FORMATS:
        console.print(f"[bold red]error:[/] unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        raise typer.Exit(EXIT_USAGE)
    if fmt != "jsonl" and output == "-":
        console.print("[bold red]error:[/] --output FILE is needed for csv and parquet")
        raise typer.Exit(EXIT_USAGE)
    try:
        with open_store(db, read_only=True) as store:
            count = export_events(store, fmt, output, include_all, merged)
    except StoreError as err:
        _fail(str(err))
    except OSError as err:
        _fail(f"cannot write {output}: {err}")
    if output != "-":
        console.print(f"wrote {count} events to {escape(output)}")


@app.command()
def info(db: str = DbOption, rejected: int = typer.Option(20, help="How many rejected inputs to list.")) -> None:
    """Summarise the store: articles, actors, events by type, and rejected inputs with their reasons."""
    try:
        store = open_store(db, read_only=True)
    except StoreError as err:
        _fail(str(err))
    with store:
        counts = store.counts()
        table = Table(title=f"parley store {db}", show_header=True)
        table.add_column("what")
        table.add_column("count", justify="right")
        for key in ("articles", "sentences", "mentions", "actors", "actor_roles", "events", "rejected"):
            table.add_row(key.replace("_", " "), f"{counts[key]:,}")
        out.print(table)
        _, rows = store.query(
            "SELECT plover_type, count(*) AS n, round(avg(goldstein), 2) FROM events "
            "GROUP BY ALL ORDER BY n DESC LIMIT 20")
        if rows:
            t = Table(title="events by PLOVER type")
            for col in ("type", "events", "mean Goldstein"):
                t.add_column(col, justify="right" if col != "type" else "left")
            for r in rows:
                t.add_row(str(r[0]), f"{r[1]:,}", str(r[2]))
            out.print(t)
        _, rows = store.query("SELECT source, line, reason FROM rejected ORDER BY source, line LIMIT ?",
                              [rejected])
        if rows:
            t = Table(title="rejected inputs")
            for col in ("file", "line", "reason"):
                t.add_column(col, overflow="fold")
            for r in rows:
                t.add_row(str(r[0]), "" if r[1] is None else str(r[1]), str(r[2]))
            out.print(t)


@app.command()
def actors(
    db: str = DbOption,
    name: str | None = typer.Option(None, "--name", help="Part of a name (case-insensitive)."),
    country: str | None = typer.Option(None, "--country", help="ISO3 country code, e.g. KAZ."),
    as_of: str | None = typer.Option(None, "--as-of", help="Only the role each actor held on this date "
                                     "(YYYY-MM-DD), as the latest article before it stated."),
    limit: int = typer.Option(50, help="How many actors to list."),
) -> None:
    """List actors with their code, roles over time and how many events they take part in.

    Example:  parley actors --db news.duckdb --country KAZ --as-of 2024-03-01
    """
    try:
        store = open_store(db, read_only=True)
    except StoreError as err:
        _fail(str(err))
    with store:
        rows = store.list_actors(name, country, as_of, limit)
        table = Table(title="actors" + (f" as of {as_of}" if as_of else ""))
        for col in ("name", "type", "code", "roles (valid from)", "events"):
            table.add_column(col, justify="right" if col == "events" else "left", overflow="fold")
        for _key, nm, typ, ctry, sector, roles, n in rows:
            table.add_row(nm, typ, f"{ctry or '---'}{sector or ''}", roles or "", str(n))
        out.print(table)


@app.command()
def events(
    db: str = DbOption,
    country: str | None = typer.Option(None, "--country", help="Events with this ISO3 country on either side."),
    code: str | None = typer.Option(None, "--code", help="CAMEO code or its start, e.g. 04 or 057."),
    article: str | None = typer.Option(None, "--article", help="Only this article's events."),
    include_all: bool = typer.Option(False, "--all", help="Also background, hypothetical and negated events."),
    limit: int = typer.Option(30, help="How many events to show."),
) -> None:
    """Show events as a table: when, who did what to whom, where, and the words that say so.

    Example:  parley events --db news.duckdb --country KAZ --code 04
    """
    from parley.events.lexicon import load_lexicon

    try:
        store = open_store(db, read_only=True)
    except StoreError as err:
        _fail(str(err))
    names = load_lexicon().codes
    with store:
        _, rows = store.query(
            """
            SELECT date, date_end, code, source_country, source_sector, coalesce(source_name, ''),
                   target_country, target_sector, coalesce(target_name, ''), modality, place_name, sentence,
                   article_id, trigger_text
            FROM events
            WHERE (? IS NULL OR upper(?) IN (source_country, target_country))
              AND (? IS NULL OR code LIKE ? || '%')
              AND (? IS NULL OR article_id = ?)
              AND (? OR (NOT background AND modality NOT IN ('hypothetical', 'negated')))
            ORDER BY date NULLS LAST, article_id, sentence_idx LIMIT ?
            """,
            [country, country, code, code, article, article, include_all, limit],
        )
    table = Table(title=f"events in {db}", show_lines=True)
    for col in ("date", "source", "event", "target", "where", "evidence"):
        table.add_column(col, overflow="fold")
    for (date, date_end, cd, sc, ss, sn, tc, ts, tn, modality, place, sentence, art, trigger) in rows:
        when = f"{date or '?'}" + (f"..{date_end}" if date_end else "")
        label = names[cd].name if cd in names else ""
        event = f"{cd} {label}" + ("" if modality == "done" else f" ({modality})")
        table.add_row(when, f"{sc}{ss or ''} {sn}".strip(), event, f"{tc}{ts or ''} {tn}".strip(), place or "",
                      f"{_around(sentence, trigger)}  [{art}]")
    out.print(table)


def _around(sentence: str, word: str, width: int = 50) -> str:
    """The words around the trigger, so a table row shows the evidence without the whole sentence."""
    at = max(sentence.find(word), 0)
    start, end = max(at - width, 0), min(at + len(word) + width, len(sentence))
    return ("..." if start else "") + " ".join(sentence[start:end].split()) + ("..." if end < len(sentence) else "")


def main() -> None:  # pragma: no cover - entry point for python -m parley
    try:
        app()
    except KeyboardInterrupt:
        console.print("interrupted; every batch already committed is kept")
        sys.exit(EXIT_FAILED)
    except StoreError as err:  # the store failed in the middle of a command (disk full, damaged file)
        console.print(f"[bold red]error:[/] {escape(str(err))}")
        sys.exit(EXIT_FAILED)


if __name__ == "__main__":  # pragma: no cover
    main()
