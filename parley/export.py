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


DEFAULT_FILTER = "WHERE NOT e.background AND e.modality NOT IN ('hypothetical', 'negated')"


def event_query(include_all: bool = False) -> str:
    where = "" if include_all else DEFAULT_FILTER
    return (f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id {where} "
            "ORDER BY e.article_id, e.sentence_idx, e.trigger_start")


def merged_query(include_all: bool = False) -> str:
    """One row per real-world event: reports sharing a cluster key are one event with several sources."""
    where = "" if include_all else DEFAULT_FILTER
    return f"""
        SELECT coalesce(e.cluster_id, e.id) AS event_id, mode(e.code) AS code, min(e.root) AS root,
               any_value(e.plover_type) AS plover_type, avg(e.goldstein) AS goldstein,
               any_value(e.modality) AS modality,
               any_value(e.source_country) AS source_country, mode(e.source_sector) AS source_sector,
               mode(e.source_name) AS source_name, any_value(e.target_country) AS target_country,
               mode(e.target_sector) AS target_sector, mode(e.target_name) AS target_name,
               min(e.date) AS date, max(e.date_end) AS date_end,
               mode(e.place_name) AS place_name, mode(e.place_country) AS place_country,
               mode(e.geonameid) AS geonameid, mode(e.lat) AS lat, mode(e.lon) AS lon,
               list(DISTINCT e.article_id ORDER BY e.article_id) AS articles,
               list(DISTINCT a.outlet) FILTER (WHERE a.outlet IS NOT NULL) AS outlets,
               count(*) AS reports,
               list({{'article_id': e.article_id, 'sentence': e.sentence, 'trigger': e.trigger_text}}) AS evidence
        FROM events e JOIN articles a ON a.id = e.article_id {where}
        GROUP BY coalesce(e.cluster_id, e.id)
        ORDER BY date NULLS LAST, event_id
    """


def merged_record(row: dict) -> dict:
    place = None
    if row["place_name"]:
        place = {"name": row["place_name"], "country": row["place_country"], "geonameid": row["geonameid"],
                 "lat": row["lat"], "lon": row["lon"]}
    return {
        "event_id": row["event_id"],
        "code": row["code"],
        "plover": {"type": row["plover_type"]},
        "goldstein": row["goldstein"],
        "modality": row["modality"],
        "source": {"country": row["source_country"], "sector": row["source_sector"], "name": row["source_name"]},
        "target": {"country": row["target_country"], "sector": row["target_sector"], "name": row["target_name"]},
        "date": row["date"].isoformat() if row["date"] else None,
        "date_end": row["date_end"].isoformat() if row["date_end"] else None,
        "place": place,
        "articles": row["articles"],
        "outlets": row["outlets"] or [],
        "reports": row["reports"],
        "evidence": row["evidence"],
    }


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


def export_events(store: Store, fmt: str, output: str, include_all: bool = False, merged: bool = False) -> int:
    """Write the events (one row per report, or per real-world event when `merged`); returns the count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    query = merged_query(include_all) if merged else event_query(include_all)
    to_record = merged_record if merged else record
    if fmt == "jsonl":
        cur = store.con.execute(query)
        names = [d[0] for d in cur.description]
        count = 0
        with open(output, "w", encoding="utf-8") if output != "-" else _stdout() as fh:
            while rows := cur.fetchmany(1000):
                for row in rows:
                    fh.write(json.dumps(to_record(dict(zip(names, row, strict=True))), ensure_ascii=False,
                                        default=str) + "\n")
                    count += 1
        return count
    target = str(Path(output))
    options = "(FORMAT PARQUET)" if fmt == "parquet" else "(HEADER, DELIMITER ',')"
    select = query
    if fmt == "csv":
        select = query.replace("e.topics,", "array_to_string(e.topics, '; ') AS topics,")
        if merged:
            select = f"SELECT * EXCLUDE (articles, outlets, evidence), array_to_string(articles, '; ') AS articles, " \
                     f"array_to_string(outlets, '; ') AS outlets FROM ({query})"
    store.con.execute(f"COPY ({select}) TO '{target.replace(chr(39), chr(39) * 2)}' {options}")
    return store.con.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]


class _stdout:
    def __enter__(self):
        import sys

        return sys.stdout

    def __exit__(self, *exc):
        return False
