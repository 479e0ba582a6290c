"""When each event happened, normalized against the article's publication date.

Order of trust: a date expression in the event's own sentence (the nearest to the trigger); "during
the visit/talks" takes the span of that visit; otherwise the date of the story's running context (the
nearest dated event before it, or after it in the lead). An event nothing dates stays undated rather
than silently taking the publication date. Events dated well before the story are background.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from parley.timex import find_time_expressions, resolve_span
from parley.types import Article, Event

DURING = re.compile(r"\b(?:during|in the course of|on the sidelines of|throughout)\s+(?:the|his|her|their|this)\s+"
                    r"(?:\w+[- ]){0,3}(visit|trip|tour|talks|meeting|summit|stay)\b", re.I)
BACKGROUND_DAYS = 60


def assign_dates(events: list[Event], doc: Doc, article: Article) -> None:
    anchor = article.published
    if anchor is None or not events:
        return
    by_sentence: dict[int, list] = {}
    for event in events:
        if event.sentence_start not in by_sentence:
            exprs = find_time_expressions(event.sentence, anchor)
            by_sentence[event.sentence_start] = [e for e in exprs if e.type == "DATE"]
        dated = []
        for expr in by_sentence[event.sentence_start]:
            first, last = resolve_span(expr)
            if first is None:
                continue
            trigger_at = (event.trigger.start - event.sentence_start) if event.trigger else 0
            dated.append((abs(expr.start - trigger_at), first, last, expr))
        if dated:
            _, first, last, expr = min(dated, key=lambda d: d[0])
            event.date, event.date_end = first, (last if last and last != first else None)
            event.date_basis = f"sentence: {expr.text}"
            if (anchor - (last or first)).days > BACKGROUND_DAYS:
                event.background = True
    _spread_context(events)


def _spread_context(events: list[Event]) -> None:
    """Undated events take the span of the visit they happened during, else the nearest dated event."""
    visits = [e for e in events if e.date and e.code.startswith(("042", "043", "040")) and not e.background]
    for i, event in enumerate(events):
        if event.date:
            continue
        if DURING.search(event.sentence) and visits:
            visit = visits[0]
            event.date, event.date_end = visit.date, visit.date_end
            event.date_basis = "during the visit"
            continue
        before = [e for e in events[:i] if e.date and not e.background]
        after = [e for e in events[i + 1:] if e.date and not e.background]
        ref = before[-1] if before else (after[0] if after else None)
        if ref is not None:
            event.date, event.date_end = ref.date, ref.date_end
            event.date_basis = "context"


