"""When each event happened, normalized against the article's publication date.

Order of trust:
1. a date expression in the event's own clause ("met Nathan on Wednesday"), else the nearest one in its
   sentence; an intention or plan is dated by when it was stated, not by the future day it names; a day
   that dates only the report ("killed four militants, the army said Monday") gives the span [day - 1, day];
2. "during the visit/talks" takes the span of that visit;
3. the running context: a dated event in the same or the previous sentence, else the story's lead;
4. otherwise the span the report must fall in: the day before publication to the day of it, marked so.
Events dated well before the story are background.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Token

from parley.events.modality import SPEECH_VERBS, _reported
from parley.timex import TimeExpression, find_time_expressions, resolve_span
from parley.types import Article, Event

DURING = re.compile(r"\b(?:during|in the course of|on the sidelines of|throughout)\s+(?:the|his|her|their|this)\s+"
                    r"(?:\w+[- ]){0,3}(visit|trip|tour|talks|meeting|summit|stay)\b", re.I)
WEEKDAY = re.compile(r"(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)", re.I)
BACKGROUND_DAYS = 60
LEAD_SENTENCES = 2


def _trigger_token(doc: Doc, event: Event) -> Token | None:
    if event.trigger is None:
        return None
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _attached(doc: Doc, expr_start: int, trigger: Token | None) -> bool:
    """Does the date expression hang on the trigger's own clause (not on another verb of the sentence)?"""
    if trigger is None:
        return False
    span = doc.char_span(expr_start, expr_start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    for _ in range(6):
        if tok.i == trigger.i:
            return True
        if tok.head is tok or (tok.pos_ in ("VERB", "AUX") and tok.i != trigger.i):
            return False
        tok = tok.head
    return False


def _in_other_clause(doc: Doc, expr_start: int, trigger: Token | None) -> bool:
    """Is the date expression inside a clause about one of the trigger's participants: a relative clause
    ("Kenya, which helped in 2004, asked"), a content clause ("supported his view that the 1984 declaration
    was binding")? It dates that clause, not the trigger."""
    span = doc.char_span(expr_start, expr_start + 1, alignment_mode="expand")
    if span is None or not len(span) or trigger is None:
        return False
    tok = span[0]
    for _ in range(8):
        if tok.dep_ in ("relcl", "acl", "ccomp"):
            # the clause tells about one of the trigger's own participants
            return tok.head.head.i == trigger.i and tok.head.i != trigger.i
        if tok.head is tok:
            return False
        tok = tok.head
    return False


def _reporting_verb(doc: Doc, expr_start: int, trigger: Token | None) -> bool:
    """Does the date expression hang on a verb of saying other than the trigger ("..., the military said
    Monday")? Then it dates the report, and the event happened by that day, not necessarily on it."""
    span = doc.char_span(expr_start, expr_start + 1, alignment_mode="expand")
    if span is None or not len(span) or trigger is None:
        return False
    tok = span[0]
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            return tok.i != trigger.i and tok.lemma_ in SPEECH_VERBS and _reports(tok, trigger)
        if tok.head is tok:
            return False
        tok = tok.head
    return False


def _reports(verb: Token, trigger: Token) -> bool:
    """Is the trigger what the verb of saying reports ("X met Y, she said", "said that X met Y"), rather
    than a circumstance of the saying ("said on Monday after meeting Y": the same day)?"""
    for a, b in ((trigger, verb), (verb, trigger)):
        tok = a
        for _ in range(8):
            if tok.head is tok:
                break
            if tok.head.i == b.i:
                return tok.dep_ in ("ccomp", "parataxis", "conj") if a is trigger else tok.dep_ in (
                    "ccomp", "parataxis", "advcl")
            tok = tok.head
    return False


def assign_dates(events: list[Event], doc: Doc, article: Article) -> None:
    anchor = article.published
    if anchor is None or not events:
        return
    by_sentence: dict[int, list[TimeExpression]] = {}
    for event in events:
        if event.sentence_start not in by_sentence:
            exprs = find_time_expressions(event.sentence, anchor)
            by_sentence[event.sentence_start] = [e for e in exprs if e.type in ("DATE", "TIME")]
        trigger = _trigger_token(doc, event)
        trigger_at = (event.trigger.start - event.sentence_start) if event.trigger else 0
        dated = []
        for expr in by_sentence[event.sentence_start]:
            first, last = resolve_span(expr)
            if first is None:
                continue
            if event.modality in ("intended", "done") and first > anchor:
                # "will attend the meeting on Nov. 15": the intention was stated before that; "invited him to
                # visit next year": the invitation, which was made, was not made next year
                continue
            if event.modality == "intended" and first < anchor and WEEKDAY.fullmatch(expr.text.strip()):
                continue  # "is to grant it at the summit on Thursday": the coming Thursday, after the report
            attached = _attached(doc, event.sentence_start + expr.start, trigger)
            if not attached and _in_other_clause(doc, event.sentence_start + expr.start, trigger):
                continue  # "Kenya, which helped form the government in 2004, asked Ethiopia": 2004 is the help's
            dated.append((not attached, abs(expr.start - trigger_at), first, last, expr))
        if not dated and trigger is not None and trigger.tag_ == "VBN" and any(
                c.dep_ == "aux" and c.lower_ == "had" for c in trigger.children) and not _reported(trigger):
            # "India had suspended talks with Pakistan following the blasts": an earlier state of affairs the
            # story recalls, not news of its own (a plain past perfect with no day of its own)
            event.background = True
        if dated:
            unattached, _, first, last, expr = min(dated, key=lambda d: (d[0], d[1]))
            event.date, event.date_end = first, (last if last and last != first else None)
            event.date_basis = f"sentence: {expr.text}"
            if unattached and event.modality == "done" and _reporting_verb(
                    doc, event.sentence_start + expr.start, trigger):
                # "killed four militants, the military said Monday": by Monday, the day before at the earliest
                event.date, event.date_end = first - dt.timedelta(days=1), last or first
                event.date_basis = f"reported: {expr.text}"
            if (anchor - (last or first)).days > BACKGROUND_DAYS:
                event.background = True
    _spread_context(events, anchor)


def _spread_context(events: list[Event], anchor: dt.date) -> None:
    def dated(e: Event) -> bool:  # dated by the text, not by the fallback span this function gives
        return e.date is not None and not e.background and not (e.date_basis or "").startswith("undated")

    visits = [e for e in events if dated(e) and e.code.startswith(("042", "043", "040"))]
    lead = next((e for e in events if dated(e) and e.sentence_index < LEAD_SENTENCES), None)
    for i, event in enumerate(events):
        if event.date:
            continue
        if DURING.search(event.sentence) and visits:
            event.date, event.date_end = visits[0].date, visits[0].date_end
            event.date_basis = "during the visit"
            continue
        near = [e for e in events[:i] if dated(e) and event.sentence_index - e.sentence_index <= 1]
        ref = near[-1] if near else lead
        if ref is not None and event.modality == "intended" and ref.date > anchor:
            ref = None  # an intention is stated before the future day of the plan it sits beside
        if ref is not None:
            event.date, event.date_end = ref.date, ref.date_end
            event.date_basis = "context"
        else:
            event.date, event.date_end = anchor - dt.timedelta(days=1), anchor
            event.date_basis = "undated: reported by the publication date"
