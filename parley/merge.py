"""Merge: the same real-world event reported by several articles becomes one event with several sources.

Each event gets a cluster key from what identifies a happening independently of who reported it: the
CAMEO root, the two parties (country and sector; either order for consultations, which are symmetric),
the day, and the modality. Events of different articles with the same key are one event; `parley export
--merged` writes one row per key with every article and sentence that reports it.
"""

from __future__ import annotations

import hashlib

from parley.types import Event

SYMMETRIC_ROOTS = {"04"}


def cluster_key(event: Event) -> str | None:
    """A stable id shared by reports of the same event; None for undated or background events,
    which cannot be told apart from other happenings of the same kind."""
    if event.date is None or event.background:
        return None
    src = f"{event.source.country}{event.source.sector or ''}"
    tgt = f"{event.target.country}{event.target.sector or ''}"
    if event.root in SYMMETRIC_ROOTS:
        src, tgt = sorted((src, tgt))
    span = f"{event.date.isoformat()}/{event.date_end.isoformat() if event.date_end else ''}"
    raw = f"{event.root}|{src}|{tgt}|{span}|{event.modality}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]
