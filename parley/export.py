"""Write stored events out as JSON Lines (the scorer's format, with evidence), CSV or Parquet."""

from __future__ import annotations

import json
from pathlib import Path

from parley.store import Store

FORMATS = ("jsonl", "csv", "parquet")

EVENT_COLUMNS = """
    e.id, e.article_id, a.outlet, a.published, e.code, e.root, e.plover_type, e.plover_mode, e.goldstein,
    e.quad_class, e.modality, e.background,
    e.source_country, e.source_sector, e.source_name, e.source_actor,
    e.target_country, e.target_sector, e.target_name, e.target_actor, e.speaker_name,
    e.date, e.date_end, e.date_basis,
    e.place_name, e.place_country, e.geonameid, e.lat, e.lon, e.place_basis,
    e.topics, e.sentence, e.trigger_text, e.trigger_start, e.trigger_end,
    e.source_start, e.source_end, e.target_start, e.target_end, e.cluster_id
"""


def event_query(include_all: bool = False) -> str:
    where = "" if include_all else "WHERE NOT e.background AND e.modality <> 'hypothetical'"
    return (f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id {where} "
            "ORDER BY e.article_id, e.sentence_idx, e.trigger_start")


def record(row: dict) -> dict:
    """One event in the JSONL shape of shared/eval/FORMAT.md, with everything else the record holds."""
    def span(a, b):
        return [row[a], row[b]] if row[a] is not None else None

    place = None
    if row["place_name"]:
        place = {"name": row["place_name"], "country": row["place_country"], "geonameid": row["geonameid"],
                 "lat": row["lat"], "lon": row["lon"], "basis": row["place_basis"]}
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "code": row["code"],
        "plover": {"type": row["plover_type"], "mode": row["plover_mode"]},
        "goldstein": row["goldstein"],
        "quad_class": row["quad_class"],
        "source": {"country": row["source_country"], "sector": row["source_sector"], "name": row["source_name"],
                   "actor": row["source_actor"]},
        "target": {"country": row["target_country"], "sector": row["target_sector"], "name": row["target_name"],
                   "actor": row["target_actor"]},
        "modality": row["modality"],
        "background": row["background"],
        "speaker": row["speaker_name"],
        "date": row["date"].isoformat() if row["date"] else None,
        "date_end": row["date_end"].isoformat() if row["date_end"] else None,
        "date_basis": row["date_basis"],
        "place": place,
        "topics": list(row["topics"] or []),
        "evidence": {
            "sentence": row["sentence"],
            "trigger": row["trigger_text"],
            "trigger_span": span("trigger_start", "trigger_end"),
            "source_span": span("source_start", "source_end"),
            "target_span": span("target_start", "target_end"),
        },
        "cluster_id": row["cluster_id"],
        "outlet": row["outlet"],
        "published": row["published"].isoformat() if row["published"] else None,
    }


def export_events(store: Store, fmt: str, output: str, include_all: bool = False) -> int:
    """Write the events; returns how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    query = event_query(include_all)
    if fmt == "jsonl":
        cur = store.con.execute(query)
        names = [d[0] for d in cur.description]
        count = 0
        with open(output, "w", encoding="utf-8") if output != "-" else _stdout() as fh:
            while rows := cur.fetchmany(1000):
                for row in rows:
                    fh.write(json.dumps(record(dict(zip(names, row, strict=True))), ensure_ascii=False) + "\n")
                    count += 1
        return count
    target = str(Path(output))
    options = "(FORMAT PARQUET)" if fmt == "parquet" else "(HEADER, DELIMITER ',')"
    select = query.replace("e.topics,", "array_to_string(e.topics, '; ') AS topics,") if fmt == "csv" else query
    store.con.execute(f"COPY ({select}) TO '{target.replace(chr(39), chr(39) * 2)}' {options}")
    return store.con.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]


class _stdout:
    def __enter__(self):
        import sys

        return sys.stdout

    def __exit__(self, *exc):
        return False
