"""Temporal expression tagging and TIMEX3 normalization for English news.

Events are only checkable if their dates are: this module finds the time expressions of an article
("Friday", "last week", "Jan. 23-27", "the third quarter", "two years ago", "8 a.m.") and normalizes each
to a TIMEX3 value and, for dates, to the span of days it covers, relative to the article's date.

It is rule-based (regular expressions plus calendar arithmetic) because no maintained pure-Python library
does TIMEX3 span and value normalization of relative news dates (dateparser's ``search_dates`` gives
neither offsets nor granularity and over-matches; timexy only knows absolute dates; SUTime and HeidelTime
need Java). The function is pure: no I/O, no models.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

__all__ = ["TimeExpression", "find_time_expressions", "resolve_span"]

Date = dt.date


@dataclass(frozen=True)
class TimeExpression:
    """One time expression: character offsets, TIMEX3 type and value, and the days a DATE covers.

    ``first``/``last`` are set for DATE and TIME expressions whose days are known; for the endpoints of
    an explicit range ("from Jan. 23 to 27") both endpoints carry the whole range, so either one yields
    the span an event covers.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    first: Date | None = None
    last: Date | None = None


# --------------------------------------------------------------------------------------------- lexicon


def _numbered(words: str, start: int = 1, step: int = 1) -> dict[str, int]:
    """Map space-separated words to consecutive numbers: the lexicon stays readable and formatter-proof."""
    return {w: start + i * step for i, w in enumerate(words.split())}


_MONTHS = {
    **_numbered("january february march april may june july august september october november december"),
    **_numbered("jan feb mar apr may jun jul aug sep oct nov dec"),
    "sept": 9,
}
_WEEKDAYS = _numbered("monday tuesday wednesday thursday friday saturday sunday", start=0)
_ONES = _numbered("one two three four five six seven eight nine")
_TEENS = _numbered(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen", start=10
)
_TENS = _numbered("twenty thirty forty fifty sixty seventy eighty ninety", start=20, step=10)
_ORDINALS = {
    **_numbered(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
    ),
    "thirtieth": 30,
}
_DECADE_WORDS = _numbered("twenties thirties forties fifties sixties seventies eighties nineties", start=2)
_VAGUE = {"several", "few", "a few", "some", "many", "a number of", "the", "recent"}
_UNIT_CODES = dict(
    zip(
        "year month week day hour minute second decade century quarter fortnight weekend".split(),
        "Y M W D H MIN S DE CE Q FN WE".split(),
        strict=True,
    )
)
_POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

# Tense cues: the nearest cue word before an expression (or, failing that, after it) gives its tense.
_FUTURE_CUES = set(
    """will 'll shall would wo tomorrow upcoming forthcoming ahead plans plan intends intend aims hopes hope
    could might should must begin begins start starts resume resumes await awaits awaiting expects expect
    until till payable effective scheduled slated due soon""".split()
)
# Future only when followed by "to"/"for" ("is to", "expected to", "supposed to").
_FUTURE_IF_TO = set("is are 's 're be going expected set planning want wants supposed".split())
_PAST_CUES = set(
    "was were had did ago last yesterday since earlier been has have previously recently".split()
)
# Irregular past forms: like -ed forms, telling only next to the expression and not passive ("will be held").
_PAST_FORMS = set(
    """took began met won lost fell rose came went made left held gave spoke found saw led ran struck hit sent
    sought brought became broke shot fought got quit thought wrote knew""".split()
)
_REPORTING = set("said says told announced reported added stated noted declared".split())
_ED_NOT_PAST = set(
    """scheduled expected planned proposed intended needed red bed shed speed seed need feed indeed hundred
    united limited based related wed fred ted ned med""".split()
)
_ABBREVIATIONS = set("mr mrs ms dr gen sen rep gov st no vs u.s a.m p.m u.n inc co corp jr lt col".split())

# ----------------------------------------------------------------------------------- regex fragments

_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
)
_MON_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYN = r"(?:3[01]|[12]\d|0?[1-9])"
_TENS_RE = "|".join(_TENS)
_ONES_RE = "|".join(_ONES)
_TEENS_RE = "|".join(_TEENS)
_SPOKEN_YEAR = (
    rf"nineteen[\s-]+(?:(?:{_TENS_RE})(?:[\s-](?:{_ONES_RE}))?|{_TEENS_RE})"
    rf"|two[\s-]thousand(?:[\s-](?:and[\s-])?(?:{_ONES_RE}|{_TEENS_RE}))?"
)
_YEAR = rf"(?:(?<![\d$£€#.,/])(?:1[0-9]|20)\d\d(?!\d|,\d|\.\d|-\d|\s*%)|{_SPOKEN_YEAR})"
_NUMBER_WORDS = sorted(
    [*_ONES, *_TEENS, *_TENS, *(f"{t}-{o}" for t in _TENS for o in _ONES)]
    + ["a", "an", "a dozen", "dozen", "a hundred", "hundred", "half a", "several", "a few", "few"]
    + ["a couple of", "couple of", "many", "a number of"],
    key=len,
    reverse=True,
)
_NUM = rf"(?:\d+(?:\.\d+)?|{'|'.join(re.escape(w) for w in _NUMBER_WORDS)})"
_UNITS = (
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|century|centuries|quarters?"
    r"|fortnights?)"
)
_MODS = r"(?:early|mid|late|the end of|end of|the beginning of|beginning of|the start of|the middle of)"
_APPROX = (
    r"(?:about|some|nearly|almost|more than|less than|over|under|up to|at least|roughly|approximately"
    r"|only|just|barely|fully|around|well over|little more than|exactly)"
)

_I = re.IGNORECASE


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile a rule pattern: case-insensitive, whole words only."""
    return re.compile(rf"(?<![\w'-])(?:{pattern})(?![\w-])", _I)


# ------------------------------------------------------------------------------------ calendar helpers


def _month_last(y: int, m: int) -> Date:
    return Date(y, m, calendar.monthrange(y, m)[1])


def _week_value(d: Date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _monday(d: Date) -> Date:
    return d - dt.timedelta(days=d.weekday())


def _quarter_of(d: Date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _shift_quarter(y: int, q: int, n: int) -> tuple[int, int]:
    k = y * 4 + (q - 1) + n
    return k // 4, k % 4 + 1


def _safe_date(y: int, m: int, d: int) -> Date | None:
    if not (1 <= m <= 12) or not (1 <= d <= calendar.monthrange(y, m)[1]) or not (1 <= y <= 9999):
        return None
    return Date(y, m, d)


def _apply_mod(first: Date, last: Date, mod: str | None, anchor: Date) -> tuple[Date, Date]:
    """Narrow a period to its part named by a modifier ("early", "later this", "the end of", ...)."""
    if not mod:
        return first, last
    mod = mod.lower()
    n = (last - first).days + 1
    third = max(1, n // 3)
    if mod.startswith("earlier") and first <= anchor <= last:
        return first, anchor
    if mod.startswith("later") and first <= anchor <= last:
        return anchor, last
    if "early" in mod or "beginning" in mod or "start" in mod:
        return first, first + dt.timedelta(days=third - 1)
    if "late" in mod or "end" in mod:
        return last - dt.timedelta(days=third - 1), last
    if "mid" in mod or "middle" in mod:
        return first + dt.timedelta(days=third), last - dt.timedelta(days=third)
    return first, last


def _span_of_value(value: str) -> tuple[Date | None, Date | None]:
    """Day span of a TIMEX3 DATE/TIME value ("1998-W32" -> Monday..Sunday); (None, None) if not a date."""
    v = value.split("T")[0]
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", v):
            d = Date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := re.fullmatch(r"(\d{4})-W(\d\d?)(-WE)?", v):
            mon = Date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return mon + dt.timedelta(days=5), mon + dt.timedelta(days=6)
            return mon, mon + dt.timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(\d\d)", v):
            y, mo = int(m[1]), int(m[2])
            return Date(y, mo, 1), _month_last(y, mo)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m[1]), int(m[2])
            return Date(y, 3 * q - 2, 1), _month_last(y, 3 * q)
        if m := re.fullmatch(r"(\d{4})-H([12])", v):
            y, h = int(m[1]), int(m[2])
            return Date(y, 6 * h - 5, 1), _month_last(y, 6 * h)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            y = int(m[1])
            start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m[2]]
            first = Date(y, start, 1)
            last = first + relativedelta(months=3) - dt.timedelta(days=1)
            return first, last
        if m := re.fullmatch(r"(\d{4})", v):
            y = int(m[1])
            return Date(y, 1, 1), Date(y, 12, 31)
        if m := re.fullmatch(r"(\d{3})", v):
            y = int(m[1]) * 10
            return Date(y, 1, 1), Date(y + 9, 12, 31)
        if m := re.fullmatch(r"(\d{2})", v):
            y = int(m[1]) * 100
            return Date(max(1, y), 1, 1), Date(y + 99, 12, 31)
    except ValueError:
        return None, None
    return None, None


def resolve_span(expr: TimeExpression) -> tuple[Date | None, Date | None]:
    """First and last day an expression covers: its own span if known, else one derived from its value."""
    if expr.first is not None or expr.last is not None:
        return expr.first, expr.last
    if expr.type not in ("DATE", "TIME"):
        return None, None
    return _span_of_value(expr.value)


def _number(s: str | None) -> float | None:
    """Numeric value of a count ("three", "24", "a"); None for vague counts ("several", "a few")."""
    if s is None:
        return 1
    s = s.lower().strip()
    if s in _VAGUE:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", s):
        return float(s)
    if s in ("a", "an"):
        return 1
    if s in ("a couple of", "couple of"):
        return 2
    if s in ("a dozen", "dozen"):
        return 12
    if s in ("a hundred", "hundred"):
        return 100
    if s == "half a":
        return 0.5
    if s in _ONES:
        return _ONES[s]
    if s in _TEENS:
        return _TEENS[s]
    if s in _TENS:
        return _TENS[s]
    if m := re.fullmatch(r"(\w+)-(\w+)", s):
        if m[1] in _TENS and m[2] in _ONES:
            return _TENS[m[1]] + _ONES[m[2]]
    return None


def _year_int(s: str) -> int | None:
    """Year from digits or spoken words ("nineteen ninety-six", "two thousand")."""
    s = s.lower().strip()
    if s.isdigit():
        return int(s)
    words = re.split(r"[\s-]+", s)
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        if not rest:
            return 2000
        n = _ONES.get(rest[0]) or _TEENS.get(rest[0])
        return 2000 + n if n else None
    if words[0] == "nineteen" and len(words) >= 2:
        if words[1] in _TEENS:
            return 1900 + _TEENS[words[1]]
        if words[1] in _TENS:
            return 1900 + _TENS[words[1]] + (_ONES.get(words[2], 0) if len(words) > 2 else 0)
    return None


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


# ----------------------------------------------------------------------------------------- candidates


@dataclass
class _State:
    """What the article has said so far: the quarter it reports on and the last date it named."""

    last_quarter: tuple[int, int] | None = None
    ref: Date | None = None
    kind: str = ""  # "Q" after a quarter, "Y" after a year-long or nine-month period: what "a year ago" means


Resolver = Callable[[_State], tuple[str, Date | None, Date | None]]


@dataclass
class _Part:
    """One output expression; ``defer`` computes value and span from the article state."""

    start: int
    end: int
    type: str
    value: str = ""
    first: Date | None = None
    last: Date | None = None
    defer: Resolver | None = None
    quarter: tuple[int, int] | None = None
    sets_ref: bool = True
    year_kind: bool = False


@dataclass
class _Cand:
    start: int
    end: int
    prio: int
    parts: list[_Part] = field(default_factory=list)


class _Tagger:
    """Holds one article and its anchor date; each ``_r_*`` method turns one rule match into parts."""

    def __init__(self, text: str, anchor: Date) -> None:
        self.text = text
        self.anchor = anchor

    # ---------------------------------------------------------------- context

    def _sentence(self, start: int, end: int) -> tuple[int, int]:
        """Approximate sentence bounds around [start, end)."""
        text = self.text
        lo = start
        while lo > 0:
            c = text[lo - 1]
            if c == "\n" or (
                c in ".!?;" and lo < len(text) and text[lo].isspace() and not self._abbrev(lo - 1)
            ):
                break
            lo -= 1
        hi = end
        while hi < len(text):
            c = text[hi]
            if c == "\n" or (c in "!?;" or (c == "." and not self._abbrev(hi))):
                break
            hi += 1
        return lo, hi

    def _abbrev(self, i: int) -> bool:
        """Whether the period at ``i`` ends an abbreviation ("Jan.", "U.S.") rather than a sentence."""
        m = re.search(r"(\b\w{1,4}|\b(?:\w\.)+\w)$", self.text[max(0, i - 8) : i])
        if not m:
            return False
        w = m[1].lower()
        return w in _MONTHS or w in _ABBREVIATIONS

    def tense(self, start: int, end: int) -> int:
        """+1 if the clause around [start, end) looks future, -1 if past, 0 if no cue is found.

        The nearest cue word before the expression wins; reporting verbs ("said") and -ed forms win only
        right next to it (farther away they may belong to another clause) but still beat the words after.
        """
        lo, hi = self._sentence(start, end)
        tok = r"[A-Za-z]+(?:'[a-z]+)?|'ll|'s|'re|n't"
        before = [w.lower() for w in re.findall(tok, self.text[lo:start])[-12:]]
        after = [w.lower() for w in re.findall(tok, self.text[end:hi])[:8]]
        fallback = 0
        for dist, i in enumerate(range(len(before) - 1, -1, -1), start=1):
            w = before[i]
            cue = self._cue(w, before[i + 1] if i + 1 < len(before) else "", before[i - 1] if i else "")
            if cue:
                return cue
            if w == "by" and dist == 1:
                return 1  # "by May": a deadline
            if w in _REPORTING or self._ed(w) or w in _PAST_FORMS:
                if i and before[i - 1] in ("be", "being", "is", "are", "'s", "'re"):
                    continue  # passive participle: "will be held"
                if dist <= 2:
                    return -1
                fallback = fallback or -1
        if fallback:
            return fallback
        for i, w in enumerate(after):
            cue = self._cue(w, after[i + 1] if i + 1 < len(after) else "", after[i - 1] if i else "")
            if cue:
                return cue
        return 0

    @staticmethod
    def _ed(w: str) -> bool:
        return w.endswith("ed") and len(w) > 4 and w not in _ED_NOT_PAST

    @staticmethod
    def _cue(w: str, nxt: str, prev: str) -> int:
        """Tense signal of one word given its neighbours: +1 future, -1 past, 0 none."""
        if w in _FUTURE_IF_TO or w in ("scheduled", "slated", "due"):
            if (
                nxt not in ("to", "for", "due", "scheduled", "expected", "set", "slated")
                and w in _FUTURE_IF_TO
            ):
                return 0
            return -1 if prev in ("was", "were", "been", "had") else 1  # "had been due to": a past plan
        if w in _FUTURE_CUES:
            return 1
        if w in _PAST_CUES:
            return -1
        return 0

    def prev_word(self, start: int) -> str:
        m = re.search(r"([A-Za-z']+)\W*$", self.text[max(0, start - 20) : start])
        return m[1].lower() if m else ""

    def next_word(self, end: int) -> str:
        m = re.match(r"\W*?([A-Za-z']+)", self.text[end : end + 25])
        return m[1] if m else ""

    def _capitalized(self, s: str) -> bool:
        return bool(s) and s[0].isupper()

    # ---------------------------------------------------------------- year inference

    def pick_year(self, month: int, day: int | None, tense: int) -> int:
        """Year for a month (and day) without one: the nearest occurrence, leaning to the past in news."""
        a = self.anchor
        best: tuple[float, int] | None = None
        for y in (a.year - 1, a.year, a.year + 1):
            if day is None:
                first, last = Date(y, month, 1), _month_last(y, month)
            else:
                first = last = _safe_date(y, month, day) or _month_last(y, month)
            if first <= a <= last:
                dist = 0.0
            elif last < a:
                dist = (a - last).days * (3.0 if tense > 0 else 1.0)
            else:
                dist = (first - a).days * (1.0 if tense > 0 else 10.0 if tense < 0 else 4.0)
            if best is None or dist < best[0]:
                best = (dist, y)
        assert best is not None
        return best[1]

    def pick_quarter(self, q: int, tense: int) -> tuple[int, int]:
        """Year of a quarter named without one: the latest that has begun, or the next if future tense."""
        ay, aq = _quarter_of(self.anchor)
        if q <= aq:
            return ay, q
        return (ay, q) if tense > 0 or q == aq + 1 else (ay - 1, q)

    def weekday_date(self, wd: int, direction: int) -> Date:
        """The weekday nearest the anchor: direction -1 = on/before (news default), +1 = after."""
        a = self.anchor
        if direction > 0:
            return a + dt.timedelta(days=(wd - a.weekday() - 1) % 7 + 1)
        return a - dt.timedelta(days=(a.weekday() - wd) % 7)

    # ---------------------------------------------------------------- helpers producing parts

    def date_part(self, s: int, e: int, d: Date, typ: str = "DATE", suffix: str = "") -> _Part:
        return _Part(s, e, typ, d.isoformat() + suffix, d, d)

    @staticmethod
    def period_part(s: int, e: int, value: str, mod: str | None = None, anchor: Date | None = None) -> _Part:
        first, last = _span_of_value(value)
        if first and last and mod and anchor:
            first, last = _apply_mod(first, last, mod, anchor)
        return _Part(s, e, "DATE", value, first, last)

    # ---------------------------------------------------------------- rules

    def _r_iso(self, m: re.Match[str]) -> list[_Part] | None:
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d is None:
            return None
        if m["H"]:
            return [_Part(m.start(), m.end(), "TIME", f"{d.isoformat()}T{m['H']}:{m['M']}", d, d)]
        return [self.date_part(m.start(), m.end(), d)]

    def _r_numeric(self, m: re.Match[str]) -> list[_Part] | None:
        y = int(m["y"])
        if y < 100:
            y += 1900 if y > (self.anchor.year % 100) + 10 else 2000
        d = _safe_date(y, int(m["m"]), int(m["d"]))
        return [self.date_part(m.start(), m.end(), d)] if d else None

    def _month_num(self, s: str | None) -> int | None:
        if not s or not self._capitalized(s):
            return None
        return _MONTHS.get(s.lower().rstrip("."))

    def _md_date(self, mon: int, day: int, year: str | None, s: int, e: int) -> Date | None:
        if year:
            y = _year_int(year)
            return _safe_date(y, mon, day) if y else None
        y = self.pick_year(mon, day, self.tense(s, e))
        return _safe_date(y, mon, day)

    def _r_range(self, m: re.Match[str]) -> list[_Part] | None:
        m1, m2 = self._month_num(m["m1"]), self._month_num(m["m2"]) if m["m2"] else None
        if m1 is None or (m["m2"] and m2 is None):
            return None
        d1, d2 = int(m["d1"]), int(m["d2"])
        mo2 = m2 or m1
        if m2 is None and d2 <= d1:
            return None
        first = self._md_date(m1, d1, m["y"], m.start(), m.end())
        if first is None:
            return None
        last = _safe_date(first.year, mo2, d2)
        if last is not None and last < first:
            last = _safe_date(first.year + 1, mo2, d2)
        if last is None:
            return None
        s1 = m.start("m1")
        e1 = m.end("d1") + (len(m["o1"]) if m["o1"] else 0)
        s2 = m.start("m2") if m["m2"] else m.start("d2")
        return [
            _Part(s1, e1, "DATE", first.isoformat(), first, last),
            _Part(s2, m.end(), "DATE", last.isoformat(), first, last),
        ]

    def _r_md(self, m: re.Match[str]) -> list[_Part] | None:
        mon = self._month_num(m["m"])
        if mon is None:
            return None
        day = int(m["d"]) if m["d"] else _ORDINALS.get((m["dw"] or "").lower().replace(" ", "-"))
        if day is None:
            return None
        d = self._md_date(mon, day, m["y"], m.start(), m.end())
        return [self.date_part(m.start(), m.end(), d)] if d else None

    def _r_my(self, m: re.Match[str]) -> list[_Part] | None:
        mon = self._month_num(m["m"])
        y = _year_int(m["y"])
        if mon is None or y is None:
            return None
        return [self.period_part(m.start(), m.end(), f"{y:04d}-{mon:02d}", m["mod"], self.anchor)]

    def _r_month(self, m: re.Match[str]) -> list[_Part] | None:
        mon = self._month_num(m["m"])
        if mon is None:
            return None
        name = m["m"].lower()
        prev = self.prev_word(m.start())
        if name in ("may", "march") and not (m["mod"] or m["rel"] or m["ry"]):
            if prev not in (
                "in",
                "since",
                "until",
                "by",
                "of",
                "from",
                "through",
                "during",
                "before",
                "after",
                "early",
                "late",
                "mid",
                "last",
                "next",
                "this",
                "till",
                "and",
                "or",
                "between",
            ):
                return None
        a = self.anchor
        rel = (m["rel"] or "").lower()
        ry = (m["ry"] or "").lower()
        if "last year" in ry:
            y = a.year - 1
        elif "next year" in ry:
            y = a.year + 1
        elif "this year" in ry:
            y = a.year
        elif rel in ("last", "past", "this past"):
            y = a.year if mon < a.month - 1 else a.year - 1  # the month just gone is "last month"
        elif rel in ("next", "coming", "this coming"):
            y = a.year if mon > a.month else a.year + 1
        elif rel == "this":
            y = a.year
        else:
            y = self.pick_year(mon, None, self.tense(m.start(), m.end()))
        return [self.period_part(m.start(), m.end(), f"{y:04d}-{mon:02d}", m["mod"], a)]

    def _r_year(self, m: re.Match[str]) -> list[_Part] | None:
        y = _year_int(m["y"])
        if y is None or not (1000 <= y <= 2099):
            return None
        if m["y"].isdigit():
            nxt = self.next_word(m.end())
            gap = self.text[m.end() : m.end() + 2]
            if (
                nxt
                and nxt[0].islower()
                and gap[:1] == " "
                and (
                    nxt.endswith("s")
                    and nxt not in ("was", "is", "has", "as", "its", "this", "his", "versus", "plus")
                    or nxt
                    in ("people", "men", "women", "police", "percent", "feet", "meters", "miles", "km", "kg")
                )
            ):
                return None
            if not m["mod"] and self.prev_word(m.start()) in (
                "number",
                "no",
                "flight",
                "route",
                "room",
                "page",
                "highway",
                "model",
                "rule",
                "resolution",
            ):
                return None
            if not (1800 <= y <= self.anchor.year + 30) and not m["mod"]:
                return None
        return [self.period_part(m.start(), m.end(), f"{y:04d}", m["mod"], self.anchor)]

    def _r_decade(self, m: re.Match[str]) -> list[_Part] | None:
        if m["dec"]:
            v = m["dec"][:3]
        elif m["dec2"]:
            v = "19" + m["dec2"]
        else:
            v = ("20" if (m["cent"] or "").lower() == "twenty" else "19") + str(
                _DECADE_WORDS[m["dw"].lower()]
            )
        return [self.period_part(m.start(), m.end(), v, m["mod"], self.anchor)]

    def _r_century(self, m: re.Match[str]) -> list[_Part] | None:
        n = int(m["n"])
        return (
            [self.period_part(m.start(), m.end(), f"{n - 1:02d}", m["mod"], self.anchor)] if n > 1 else None
        )

    def _r_quarter(self, m: re.Match[str]) -> list[_Part] | None:
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}[
            m["q"].lower()
        ]
        matched = re.sub(r"\s+", " ", m[0].lower())
        back = bool(re.search(r"year-(earlier|ago)|a year (ago|earlier)", matched))
        start = m.start()
        if m["det"] and "-" in m["sep"] and not m["y2"]:
            start = m.start("body")  # "the third-quarter results": the adjective alone is the expression
        ytxt = m["y1"] or m["y2"]
        a = self.anchor
        if ytxt:
            y = _year_int(ytxt)
            if y is None:
                return None
        elif re.search(r"last year", matched):
            y = a.year - 1
        elif re.search(r"next year", matched):
            y = a.year + 1
        elif re.search(r"this year", matched):
            y = a.year
        else:
            y = self.pick_quarter(q, self.tense(m.start(), m.end()))[0]
        if back:
            y -= 1
        part = self.period_part(start, m.end(), f"{y:04d}-Q{q}")
        if not back:
            part.quarter = (y, q)
        else:
            part.sets_ref = False
        return [part]

    def _r_half(self, m: re.Match[str]) -> list[_Part] | None:
        h = 1 if m["h"].lower() == "first" else 2
        a = self.anchor
        if m["y"]:
            y = _year_int(m["y"])
            if y is None:
                return None
        elif m["ry"]:
            ry = m["ry"].lower()
            y = a.year - 1 if "last" in ry else a.year + 1 if "next" in ry else a.year
        else:
            cur = 1 if a.month <= 6 else 2
            y = a.year if h <= cur or self.tense(m.start(), m.end()) > 0 else a.year - 1
        return [self.period_part(m.start(), m.end(), f"{y:04d}-H{h}")]

    def _r_qrel(self, m: re.Match[str]) -> list[_Part] | None:
        det = (m["det"] or "").lower()
        adj = (m["adj"] or "").lower()
        noun = m["noun"].lower()
        tail = (m["tail"] or "").lower()
        if not det and not adj.strip() and not m["y"]:
            return None
        if det == "its" and not adj.strip():
            return None
        back = bool(re.search(r"year-(earlier|ago)|comparable|corresponding|same", adj)) or bool(tail)
        if noun == "period" and not (back or "latest" in adj or m["y"]):
            return None
        if noun == "period" and "same" in adj and not tail:
            return None
        a = self.anchor
        aq = _quarter_of(a)
        if m["y"]:
            y = _year_int(m["y"])
            if y is None:
                return None

            def with_year(st: _State, y: int = y) -> tuple[str, Date | None, Date | None]:
                q = st.last_quarter[1] if st.last_quarter else _shift_quarter(*aq, -1)[1]
                v = f"{y:04d}-Q{q}"
                return (v, *_span_of_value(v))

            return [_Part(m.start(), m.end(), "DATE", defer=with_year, sets_ref=False)]
        if noun == "quarter" and not back:
            if det == "this" or "current" in adj:
                v = f"{aq[0]:04d}-Q{aq[1]}"
                p = self.period_part(m.start(), m.end(), v)
                p.quarter = aq
                return [p]
            if det == "last" or re.search(r"previous|past|prior", adj):
                yq = _shift_quarter(*aq, -1)
                p = self.period_part(m.start(), m.end(), f"{yq[0]:04d}-Q{yq[1]}")
                p.quarter = yq
                return [p]
            if det == "next" or "coming" in adj:
                yq = _shift_quarter(*aq, 1)
                p = self.period_part(m.start(), m.end(), f"{yq[0]:04d}-Q{yq[1]}")
                p.quarter = yq
                return [p]

        def from_state(st: _State, back: bool = back) -> tuple[str, Date | None, Date | None]:
            yq = st.last_quarter or _shift_quarter(*aq, -1)
            if back:
                yq = (yq[0] - 1, yq[1])
            v = f"{yq[0]:04d}-Q{yq[1]}"
            return (v, *_span_of_value(v))

        return [_Part(m.start(), m.end(), "DATE", defer=from_state, sets_ref=not back)]

    def _r_year_ago_adj(self, m: re.Match[str]) -> list[_Part] | None:

        def from_state(st: _State) -> tuple[str, Date | None, Date | None]:
            if st.last_quarter and st.kind == "Q":
                v = f"{st.last_quarter[0] - 1:04d}-Q{st.last_quarter[1]}"
            else:
                v = f"{self.anchor.year - 1:04d}"
            return (v, *_span_of_value(v))

        return [_Part(m.start(), m.end(), "DATE", defer=from_state, sets_ref=False)]

    def _r_rel_unit(self, m: re.Match[str]) -> list[_Part] | None:
        rel = re.sub(r"\s+", " ", m["rel"].lower())
        unit = re.sub(r"\s+", " ", m["unit"].lower())
        mod = m["mod"]
        a = self.anchor
        if rel == "the" and unit != "weekend":
            return None
        if rel in ("the same", "that"):
            if unit not in ("year", "month", "week"):
                return None

            def same(st: _State, unit: str = unit) -> tuple[str, Date | None, Date | None]:
                r = st.ref or a
                v = {"year": f"{r.year:04d}", "month": f"{r.year:04d}-{r.month:02d}", "week": _week_value(r)}[
                    unit
                ]
                return (v, *_span_of_value(v))

            return [_Part(m.start(), m.end(), "DATE", defer=same, sets_ref=False)]
        if rel in ("this", "the current", "current", "this past" if unit == "weekend" else "", "the"):
            step = 0
        elif rel in ("last", "past", "the past", "the last", "previous", "the previous", "this past"):
            step = -1
        elif rel in ("next", "coming", "the coming", "the next", "this coming", "following", "the following"):
            step = 1
        else:
            return None
        if rel in ("the following", "following", "the previous", "previous"):
            base_rel: Date | None = None  # relative to the story's last date, resolved later
        else:
            base_rel = a
        if unit == "fiscal year":
            unit = "year"

        def compute(base: Date) -> str | None:
            if unit == "week":
                return _week_value(base + dt.timedelta(weeks=step))
            if unit == "month":
                d = base + relativedelta(months=step)
                return f"{d.year:04d}-{d.month:02d}"
            if unit == "year":
                return f"{base.year + step:04d}"
            if unit == "decade":
                return f"{(base.year // 10 + step):03d}"
            if unit == "century":
                return f"{(base.year // 100 + step):02d}"
            if unit == "weekend":
                weekend_now = base.weekday() >= 5
                if rel == "the":
                    s = 0 if weekend_now or self.tense(m.start(), m.end()) > 0 else -1
                elif step < 0:
                    s = 0 if weekend_now and rel == "this past" else -1
                elif step > 0:
                    s = 1 if weekend_now else 0
                else:
                    s = 0
                return _week_value(base + dt.timedelta(weeks=s)) + "-WE"
            if unit in _SEASONS:
                code = _SEASONS[unit]
                start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
                y = base.year
                if code == "WI" and base.month <= 2:
                    y -= 1
                in_season = (
                    Date(y, start_month, 1) <= base < Date(y, start_month, 1) + relativedelta(months=3)
                )
                # "this summer" is the one of the current year, whether past or to come
                if step < 0:
                    if Date(y, start_month, 1) > base or in_season:
                        y -= 1
                elif Date(y, start_month, 1) <= base:
                    y += 1
                return f"{y:04d}-{code}"
            return None

        if base_rel is None:

            def later(st: _State) -> tuple[str, Date | None, Date | None]:
                v = compute(st.ref or a) or ""
                return (v, *_span_of_value(v))

            if unit in ("week", "month", "year"):
                return [_Part(m.start(), m.end(), "DATE", defer=later, sets_ref=False)]
            return None
        v = compute(base_rel)
        if v is None:
            return None
        return [self.period_part(m.start(), m.end(), v, mod, a)]

    def _r_in_the(self, m: re.Match[str]) -> list[_Part] | None:
        unit = m["unit"].lower()
        a = self.anchor
        v = {"year": f"{a.year:04d}", "month": f"{a.year:04d}-{a.month:02d}", "week": _week_value(a)}[unit]
        return [self.period_part(m.start(), m.end(), v, m["mod"] or m["mod2"], a)]

    def _r_the_year(self, m: re.Match[str]) -> list[_Part] | None:
        """ "the year", "the full year", "the fiscal year": in news, the current (reporting) year."""
        nxt = self.text[m.end() : m.end() + 12].lower()
        if re.match(r"\s*(-|'s\b|\s+(?:before|after|earlier|later|ago|that|when|in which|of)\b)", nxt):
            return None
        if re.match(r"\s+(?:ended|ending|through|to)\b", nxt):
            return [_Part(m.start(), m.end(), "DURATION", "P1Y")]  # "the year ended June 30": a fiscal year
        part = self.period_part(m.start(), m.end(), f"{self.anchor.year:04d}")
        part.year_kind = True
        return [part]

    def _r_week_of(self, m: re.Match[str]) -> list[_Part] | None:
        mon = self._month_num(m["m"])
        if mon is None:
            return None
        d = self._md_date(mon, int(m["d"]), m["y"], m.start(), m.end())
        return [self.period_part(m.start(), m.end(), _week_value(d))] if d else None

    def _r_year_end(self, m: re.Match[str]) -> list[_Part] | None:
        a = self.anchor
        y = a.year
        if m["rel"]:
            y += -1 if m["rel"].lower() == "last" else 1 if m["rel"].lower() == "next" else 0
        return [self.period_part(m.start(), m.end(), f"{y:04d}", "end", a)]

    def _r_dayrel(self, m: re.Match[str]) -> list[_Part] | None:
        rel = m["rel"].lower()
        a = self.anchor
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "last night": -1}[rel]
        mod = (m["mod"] or "").lower()
        if mod == "the day before":
            offset -= 1
        elif mod == "the day after":
            offset += 1
        d = a + dt.timedelta(days=offset)
        pod = (m["pod"] or "").lower()
        if rel in ("tonight", "last night"):
            pod = "night"
        if pod:
            return [self.date_part(m.start(), m.end(), d, "TIME", "T" + _POD[pod])]
        return [self.date_part(m.start(), m.end(), d)]

    def _r_pod(self, m: re.Match[str]) -> list[_Part] | None:
        mod = (m["mod"] or "").lower().strip()
        rel = (m["rel"] or "").lower()
        a = self.anchor
        if rel:
            if rel in _WEEKDAYS:
                d = self.weekday_date(_WEEKDAYS[rel], -1 if self.tense(m.start(), m.end()) <= 0 else 1)
            else:
                d = a + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[rel])
        elif mod in ("this", "mid", "early", "late", "later this", "earlier this"):
            d = a
        else:
            return None
        return [self.date_part(m.start(), m.end(), d, "TIME", "T" + _POD[m["pod"].lower()])]

    def _r_weekday(self, m: re.Match[str]) -> list[_Part] | None:
        wd = _WEEKDAYS[m["wd"].lower()]
        rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
        if m["pl"]:
            return [_Part(m.start(), m.end(), "SET", f"XXXX-WXX-{wd + 1}")]
        a = self.anchor
        if rel in ("last", "this past", "the previous", "the last", "past"):
            d = a - dt.timedelta(days=(a.weekday() - wd - 1) % 7 + 1)
        elif rel in ("next", "this coming", "coming", "the next", "the following"):
            d = self.weekday_date(wd, 1)
        elif rel == "this":
            d = _monday(a) + dt.timedelta(days=wd)
        else:
            t = -1 if self.prev_word(m.start()) == "since" else self.tense(m.start(), m.end())
            d = self.weekday_date(wd, 1 if t > 0 and a.weekday() != wd else -1)
        pod = (m["pod"] or "").lower()
        if pod:
            return [self.date_part(m.start(), m.end(), d, "TIME", "T" + _POD[pod])]
        return [self.date_part(m.start(), m.end(), d)]

    def _day_ref(self, s: str, start: int, end: int) -> Date | None:
        """Date named by a short day reference next to a clock time ("Friday", "yesterday", "Nov. 9")."""
        low = s.lower().strip()
        a = self.anchor
        if low in ("today", "tonight"):
            return a
        if low == "yesterday":
            return a - dt.timedelta(days=1)
        if low == "tomorrow":
            return a + dt.timedelta(days=1)
        if low in _WEEKDAYS:
            return self.weekday_date(_WEEKDAYS[low], 1 if self.tense(start, end) > 0 else -1)
        if mm := re.fullmatch(rf"({_MON})\s+({_DAYN})", s.strip(), _I):
            mon = self._month_num(mm[1])
            if mon:
                return self._md_date(mon, int(mm[2]), None, start, end)
        return None

    def _r_clock(self, m: re.Match[str]) -> list[_Part] | None:
        if m["nn"]:
            nn = m["nn"].lower()
            hh, mi = (24, 0) if nn == "midnight" else (12, 0)
        else:
            h = m["h"] or m["h2"] or m["h4"]
            hh = int(h) if h.isdigit() else int(_number(h) or 0)
            mi = int(m["mi"] or m["mi2"] or 0)
            ap = (m["ap"] or "").lower()
            pod4 = (m["pod4"] or "").lower()
            if hh > 12 and (ap or pod4):
                return None
            if ap.startswith("p") or pod4 in ("afternoon", "evening") or m["night4"]:
                if hh < 12:
                    hh += 12
            elif (ap.startswith("a") or pod4 == "morning") and hh == 12:
                hh = 0
            if m["h2"] and not ap and hh > 24:
                return None
        d = self.anchor
        if m["dref"]:
            d = self._day_ref(m["dref"], m.start(), m.end()) or d
        elif right := re.match(
            rf"\s*(?:\([^()]{{1,25}}\))?,?\s+(?:on\s+)?({_WD}|today|yesterday|tomorrow)\b",
            self.text[m.end() : m.end() + 45],
            _I,
        ):
            d = self._day_ref(right[1], m.start(), m.end()) or d
        else:
            left = re.search(
                rf"({_WD}|today|yesterday|tomorrow)\s+(?:at\s+)?(?:about\s+|around\s+)?$",
                self.text[max(0, m.start() - 30) : m.start()],
                _I,
            )
            if left:
                d = self._day_ref(left[1], m.start(), m.end()) or d
        val = f"{d.isoformat()}T{hh:02d}:{mi:02d}"
        return [_Part(m.start(), m.end(), "TIME", val, d, d)]

    def _r_ago(self, m: re.Match[str]) -> list[_Part] | None:
        n = _number(m["n"]) if m["n"] else None
        unit = m["unit"].lower().rstrip("s")
        unit = "century" if unit.startswith("centur") else unit
        direction = m["dir"].lower()
        sign = 1 if direction in ("later", "from now", "hence") else -1
        relative_to_ref = direction in ("earlier", "later")
        if n is None:
            return [_Part(m.start(), m.end(), "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF")]
        if not float(n).is_integer():
            return None
        k = int(n) * sign

        def value_for(base: Date) -> str | None:
            if unit == "day":
                return (base + dt.timedelta(days=k)).isoformat()
            if unit == "week":
                return _week_value(base + dt.timedelta(weeks=k))
            if unit == "fortnight":
                return _week_value(base + dt.timedelta(weeks=2 * k))
            if unit == "month":
                d = base + relativedelta(months=k)
                return f"{d.year:04d}-{d.month:02d}"
            if unit == "year":
                return f"{base.year + k:04d}"
            if unit == "decade":
                return f"{(base.year + 10 * k) // 10:03d}"
            if unit == "century":
                return f"{(base.year + 100 * k) // 100:02d}"
            if unit == "quarter":
                y, q = _shift_quarter(*_quarter_of(base), k)
                return f"{y:04d}-Q{q}"
            if unit in ("hour", "minute", "second"):
                return base.isoformat()
            return None

        if unit in ("hour", "minute", "second"):
            return None

        def resolve(st: _State) -> tuple[str, Date | None, Date | None]:
            if unit == "year" and st.last_quarter and st.kind == "Q":
                v = f"{st.last_quarter[0] + k:04d}-Q{st.last_quarter[1]}"
            else:
                base = (st.ref or self.anchor) if relative_to_ref else self.anchor
                v = value_for(base) or ""
            return (v, *_span_of_value(v))

        return [_Part(m.start(), m.end(), "DATE", defer=resolve, sets_ref=False)]

    def _r_duration(self, m: re.Match[str]) -> list[_Part] | None:
        unit = m["unit"].lower()
        unit = "century" if unit.startswith("centur") else unit.rstrip("s")
        code = _UNIT_CODES.get(unit)
        if code is None:
            return None
        ntxt = (m["n"] or "").lower()
        nxt = self.text[m.end() : m.end() + 6].lower()
        if re.match(r"\s*(-|\s)old\b", nxt) or re.match(r"\s+of\b", nxt) and unit == "quarter":
            return None
        n = _number(ntxt)
        if ntxt in ("a", "an") and not m["mod"]:
            prev = self.text[max(0, m.start() - 12) : m.start()].lower()
            if re.search(r"(\d|%|percent|times|once|twice|cents?|dollars?)\s*$", prev):
                return [
                    _Part(
                        m.start(),
                        m.end(),
                        "SET",
                        f"P1{code}" if code not in ("H", "MIN", "S") else f"PT1{code[0]}",
                    )
                ]
        mod = (m["mod"] or "").lower()
        if ntxt in ("a", "an") and mod in ("the past", "the last", "the next", "the coming"):
            return None
        amount = "X" if n is None else _fmt_num(n)
        if code == "DE":
            value = f"P{amount}DE" if n is None else f"P{_fmt_num(n * 10)}Y"
        elif code == "CE":
            value = f"P{amount}CE" if n is None else f"P{_fmt_num(n * 100)}Y"
        elif code == "FN":
            value = f"P{amount}W" if n is None else f"P{_fmt_num(n * 2)}W"
        elif code in ("H", "MIN", "S"):
            value = f"PT{amount}{code[0]}"
        else:
            value = f"P{amount}{code}"
        return [_Part(m.start(), m.end(), "DURATION", value)]

    def _r_bare_duration(self, m: re.Match[str]) -> list[_Part] | None:
        unit = m["unit"].lower().rstrip("s")
        code = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE", "hour": "H"}[unit]
        return [_Part(m.start(), m.end(), "DURATION", f"PTX{code}" if code == "H" else f"PX{code}")]

    def _r_recent_units(self, m: re.Match[str]) -> list[_Part] | None:
        future = m["w"].lower() != "recent"
        unit = m["unit"].lower()
        if unit in ("years", "decades"):
            return [_Part(m.start(), m.end(), "DATE", "FUTURE_REF" if future else "PAST_REF", sets_ref=False)]
        code = {"days": "D", "weeks": "W", "months": "M", "quarters": "Q"}[unit]
        return [
            _Part(m.start("w"), m.end(), "DURATION", f"PX{code}")
        ]  # TimeBank: "in recent weeks" is a span

    def _r_set(self, m: re.Match[str]) -> list[_Part] | None:
        adv = (m["adv"] or "").lower()
        if adv:
            code = {
                "daily": "P1D",
                "weekly": "P1W",
                "monthly": "P1M",
                "annually": "P1Y",
                "yearly": "P1Y",
                "nightly": "P1D",
                "hourly": "PT1H",
            }[adv]
            return [_Part(m.start(), m.end(), "SET", code)]
        unit = (m["unit"] or m["unit2"] or "").lower()
        if unit in _WEEKDAYS:
            return [_Part(m.start(), m.end(), "SET", f"XXXX-WXX-{_WEEKDAYS[unit] + 1}")]
        if unit in _POD:
            return [_Part(m.start(), m.end(), "SET", f"XXXX-XX-XXT{_POD[unit]}")]
        code = {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "hour": "PT1H", "quarter": "P1Q"}
        return [_Part(m.start(), m.end(), "SET", code[unit])]

    def _r_ref(self, m: re.Match[str]) -> list[_Part] | None:
        w = re.sub(r"\s+", " ", m[0].lower())
        if w == "now" and self.text[m.end() : m.end() + 1] == "-":
            return None
        if w in ("the past", "in the past"):
            nxt = self.next_word(m.end()).lower()
            if (
                _number(nxt) is not None
                or nxt in _UNIT_CODES
                or nxt.rstrip("s") in _UNIT_CODES
                or nxt in _VAGUE
            ):
                return None
        if "future" in w or "term" in w:
            v = "FUTURE_REF"
        elif "past" in w or "recent" in w or "lately" in w:
            v = "PAST_REF"
        else:
            v = "PRESENT_REF"
        return [_Part(m.start(), m.end(), "DATE", v, sets_ref=False)]

    def _r_season(self, m: re.Match[str]) -> list[_Part] | None:
        s = m["s"].lower()
        code = _SEASONS[s]
        if m["y"]:
            y = _year_int(m["y"])
            if y is None:
                return None
        else:
            prev = self.prev_word(m.start())
            if not (m["mod"] or m["the"]) and prev not in ("in", "during", "since", "until", "by", "this"):
                return None
            if s == "fall" and not (m["mod"] or m["the"]):
                return None
            start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
            a = self.anchor
            y = a.year - (1 if code == "WI" and a.month <= 2 else 0)
            begin = Date(y, start_month, 1)
            if begin > a and self.tense(m.start(), m.end()) <= 0:
                y -= 1
        return [self.period_part(m.start(), m.end(), f"{y:04d}-{code}", m["mod"], self.anchor)]

    def _r_holiday(self, m: re.Match[str]) -> list[_Part] | None:
        name = re.sub(r"\s+", " ", m["h"].lower())
        rel = (m["rel"] or "").lower()
        a = self.anchor

        def on(y: int) -> Date:
            if name.startswith("christmas eve"):
                return Date(y, 12, 24)
            if name.startswith("christmas"):
                return Date(y, 12, 25)
            if name.startswith("new year's eve"):
                return Date(y, 12, 31)
            if name.startswith("new year"):
                return Date(y, 1, 1)
            if name.startswith("thanksgiving"):
                return Date(y, 11, 1) + dt.timedelta(days=(3 - Date(y, 11, 1).weekday()) % 7 + 21)
            if name.startswith("easter") or name == "good friday":
                return easter(y) - dt.timedelta(days=2 if name == "good friday" else 0)
            if name in ("independence day", "the fourth of july", "july fourth"):
                return Date(y, 7, 4)
            if name == "labor day":
                return Date(y, 9, 1) + dt.timedelta(days=(0 - Date(y, 9, 1).weekday()) % 7)
            if name == "memorial day":
                last = Date(y, 5, 31)
                return last - dt.timedelta(days=last.weekday())
            if name == "election day":
                first_monday = Date(y, 11, 1) + dt.timedelta(days=(0 - Date(y, 11, 1).weekday()) % 7)
                return first_monday + dt.timedelta(days=1)
            if name == "halloween":
                return Date(y, 10, 31)
            if name.startswith("valentine"):
                return Date(y, 2, 14)
            if name == "veterans day":
                return Date(y, 11, 11)
            return Date(y, 12, 26)

        options = [on(y) for y in (a.year - 1, a.year, a.year + 1)]
        if rel == "last":
            d = max(x for x in options if x < a)
        elif rel == "next":
            d = min(x for x in options if x > a)
        elif rel == "this":
            d = on(a.year)
        else:
            future = self.tense(m.start(), m.end()) > 0
            past = [x for x in options if x <= a]
            fut = [x for x in options if x > a]
            cand_past, cand_fut = max(past), min(fut)
            w = 1.0 if future else 2.2
            d = cand_past if (a - cand_past).days <= (cand_fut - a).days * w else cand_fut
        return [self.date_part(m.start(), m.end(), d)]


# ------------------------------------------------------------------------------------------- rule table

_RULES: list[tuple[re.Pattern[str], Callable[[_Tagger, re.Match[str]], list[_Part] | None], int]] = []


def _rule(pattern: str, handler: Callable[[_Tagger, re.Match[str]], list[_Part] | None], prio: int) -> None:
    _RULES.append((_rx(pattern), handler, prio))


_WD_OPT = rf"(?:(?P<wd>{_WD}),?\s+)?"
_rule(
    r"(?P<y>(?:1[89]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?:T(?P<H>[01]\d|2[0-3]):(?P<M>[0-5]\d))?",
    _Tagger._r_iso,
    0,
)
_rule(
    r"(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:1[89]|20)\d\d|\d\d)", _Tagger._r_numeric, 0
)
_rule(
    rf"(?:(?:from|between)\s+)?(?P<m1>{_MON})\s+(?P<d1>{_DAYN})(?P<o1>st|nd|rd|th)?\s*(?:-|–|—|\bto\b|\bthrough\b|"
    rf"\buntil\b|\btill\b|\band\b)\s*(?:(?P<m2>{_MON})\s+)?(?P<d2>{_DAYN})(?:st|nd|rd|th)?(?![\d:])"
    rf"(?!\s*(?:%|percent|people|p\.m|a\.m|[ap]m\b))(?:,?\s+(?P<y>{_YEAR}))?",
    _Tagger._r_range,
    1,
)
_ORD_RE = "|".join(
    sorted(
        [
            *_ORDINALS,
            *(
                f"{t}[\\s-]{o}"
                for t in ("twenty", "thirty")
                for o in (
                    "first",
                    "second",
                    "third",
                    "fourth",
                    "fifth",
                    "sixth",
                    "seventh",
                    "eighth",
                    "ninth",
                )
            ),
        ],
        key=len,
        reverse=True,
    )
)
_rule(
    rf"{_WD_OPT}(?P<m>{_MON})\s+(?:(?P<d>{_DAYN})(?:st|nd|rd|th)?(?![\d:,.]\d)|(?:the\s+)?(?P<dw>{_ORD_RE}))"
    rf"(?!\s*(?:%|percent|p\.m|a\.m))(?:,?\s+(?P<y>{_YEAR}))?",
    _Tagger._r_md,
    2,
)
_rule(
    rf"{_WD_OPT}(?:the\s+)?(?P<d>{_DAYN})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MON})(?:,?\s+(?P<y>{_YEAR}))?",
    _Tagger._r_md,
    2,
)
_rule(rf"(?:(?P<mod>{_MODS})[\s-]+)?(?P<m>{_MON}),?\s+(?:of\s+)?(?P<y>{_YEAR})", _Tagger._r_my, 3)
_rule(
    rf"(?:(?P<mod>{_MODS})[\s-]+)?(?:(?P<rel>last|next|this|this\s+past|this\s+coming|coming|past)\s+)?"
    rf"(?P<m>{_MON_FULL})(?:\s+(?P<ry>(?:of\s+)?(?:last|this|next)\s+year))?",
    _Tagger._r_month,
    4,
)
_rule(
    rf"(?:(?P<mod>(?:the\s+)?(?:early|mid|late|end\s+of|beginning\s+of|start\s+of|middle\s+of)|fiscal(?:\s+year)?|"
    rf"calendar(?:\s+year)?|(?:the\s+)?year|FY)[\s-]*)?(?P<y>{_YEAR})",
    _Tagger._r_year,
    5,
)
_rule(
    r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<dec>(?:1[0-9]|20)\d0)'?s|'(?P<dec2>\d)0'?s|"
    rf"(?:(?P<cent>nineteen|twenty)[\s-]+)?(?P<dw>{'|'.join(_DECADE_WORDS)}))",
    _Tagger._r_decade,
    5,
)
_rule(
    r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century",
    _Tagger._r_century,
    5,
)
_rule(
    rf"(?:(?P<det>the|this|that|its)\s+)?(?P<body>(?:(?P<y1>{_YEAR})\s+)?(?:(?:last|this|next)\s+year'?s?\s+)?"
    r"(?:(?:year-earlier|year-ago|fiscal|latest|comparable|same|current|corresponding)[\s-]+)*"
    r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)(?P<sep>[\s-]+)(?:fiscal\s+)?quarter)"
    rf"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:(?P<y2>{_YEAR})|(?:last|this|next)\s+year|a\s+year\s+(?:ago|earlier)))?",
    _Tagger._r_quarter,
    3,
)
_rule(
    r"(?:(?P<det>the)\s+)?(?P<h>first|second|last|latter)[\s-]+half(?!-)(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y>"
    + _YEAR
    + r")|(?P<ry>last\s+year|this\s+year|next\s+year|the\s+year)))?",
    _Tagger._r_half,
    4,
)
_rule(
    rf"(?:(?P<det>the|this|that|its|last|next)\s+)?(?:(?P<y>{_YEAR})\s+)?(?P<adj>(?:(?:latest|current|previous|past|"
    r"prior|coming|same|year-earlier|year-ago|comparable|corresponding|fiscal|most\s+recent|recent)[\s-]+)*)"
    r"(?P<noun>quarter|period)(?!-|\s+(?:of|point|percent|century|mile)\b)"
    r"(?:\s+(?P<tail>a\s+year\s+(?:ago|earlier|before)|(?:of\s+)?last\s+year))?",
    _Tagger._r_qrel,
    6,
)
_rule(r"year-(?:earlier|ago)", _Tagger._r_year_ago_adj, 7)
_rule(
    r"(?:(?P<mod>early|late|mid|earlier|later|the\s+end\s+of|end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
    r"the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of|sometime|sometime\s+in)[\s-]+)?"
    r"(?P<rel>this\s+past|this\s+coming|the\s+current|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|"
    r"the\s+following|the\s+same|this|last|next|past|coming|previous|following|current|that|the)\s+"
    r"(?P<unit>week|month|year|weekend|decade|century|fiscal\s+year|spring|summer|fall|autumn|winter)",
    _Tagger._r_rel_unit,
    3,
)
_rule(
    r"(?:(?P<mod>earlier|later|early|late)\s+in|(?P<mod2>the\s+(?:end|beginning|start|middle|rest|remainder)))\s+"
    r"(?:of\s+)?the\s+(?P<unit>year|month|week)",
    _Tagger._r_in_the,
    3,
)
_rule(r"(?:(?P<rel>last|this|next)\s+)?(?:the\s+)?year(?:-|\s+|'s\s+)end", _Tagger._r_year_end, 6)
_rule(
    r"the\s+(?:(?:full|fiscal|entire|whole|current\s+fiscal|latest\s+fiscal)\s+)?year", _Tagger._r_the_year, 7
)
_rule(
    rf"the\s+week\s+of\s+(?P<m>{_MON})\s+(?P<d>{_DAYN})(?:st|nd|rd|th)?(?:,?\s+(?P<y>{_YEAR}))?",
    _Tagger._r_week_of,
    1,
)
_rule(
    r"(?:(?P<mod>early|late|earlier|later|mid|the\s+day\s+before|the\s+day\s+after)[\s-]+)?"
    r"(?P<rel>today|yesterday|tomorrow|tonight|last\s+night)(?:\s+(?P<pod>morning|afternoon|evening|night))?",
    _Tagger._r_dayrel,
    2,
)
_rule(
    r"(?:(?P<mod>this|mid|early|late|later\s+this|earlier\s+this)[\s-]+)?(?P<pod>morning|afternoon|evening)"
    rf"(?:\s+(?P<rel>yesterday|today|tomorrow|{_WD}))?",
    _Tagger._r_pod,
    4,
)
_rule(
    r"(?:(?P<mod>early|late|earlier|later|mid)\s+)?(?:(?P<rel>this\s+past|this\s+coming|last|next|this|coming|"
    rf"the\s+previous|the\s+following|the\s+next)\s+)?(?P<wd>{_WD})(?P<pl>s)?"
    r"(?:\s+(?P<pod>morning|afternoon|evening|night))?",
    _Tagger._r_weekday,
    3,
)
_rule(
    r"(?:(?:about|around|approximately|roughly)\s+)?(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*"
    r"(?P<ap>[ap]\.\s?m\.?|[ap]m(?=\W))|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?![\d:])|(?P<nn>noon|midnight|midday)|"
    rf"(?P<h4>1[0-2]|[1-9]|{_ONES_RE}|ten|eleven|twelve)(?:\s+o'clock)?\s+(?:in\s+the\s+(?P<pod4>morning|afternoon|"
    r"evening)|(?P<night4>at\s+night)))"
    r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|local\s+time))?"
    rf"(?:,?\s+(?:on\s+)?(?P<dref>{_WD}|today|yesterday|tomorrow|{_MON}\s+{_DAYN}))?",
    _Tagger._r_clock,
    1,
)
_rule(
    rf"(?:{_APPROX}\s+)?(?:(?P<n>{_NUM})[\s-]+)?(?P<unit>{_UNITS})(?:\s+or\s+(?:so|two|three|more))?\s+"
    r"(?P<dir>ago|earlier|later|from\s+now|hence)",
    _Tagger._r_ago,
    2,
)
_rule(
    r"(?:(?P<mod>"
    + _APPROX
    + r"|another|an\s+additional|the\s+past|the\s+last|the\s+next|the\s+first|the\s+final|"
    r"the\s+coming|the\s+previous|the\s+following|the\s+entire|the\s+full|the\s+whole|a\s+full|an\s+entire|"
    rf"a\s+whole|the\s+better\s+part\s+of)\s+)?(?P<n>{_NUM})[\s-]+(?P<unit>{_UNITS})(?:-long)?",
    _Tagger._r_duration,
    8,
)
_rule(r"(?<=\bfor\s)(?P<unit>years|decades|months|weeks|days|hours)", _Tagger._r_bare_duration, 9)
_rule(
    r"(?:in\s+)?(?P<w>recent|coming|next\s+few|next\s+several)\s+(?P<unit>days|weeks|months|quarters|years|decades)",
    _Tagger._r_recent_units,
    5,
)
_rule(
    r"(?P<adv>daily|weekly|monthly|annually|yearly|nightly|hourly)|(?:every|each|per)\s+(?P<unit>day|week|month|year|"
    rf"morning|afternoon|evening|night|hour|quarter|{_WD})|(?:once|twice|three\s+times|four\s+times|\d+\s+times)\s+"
    r"(?:a|an|per|each|every)\s+(?P<unit2>day|week|month|year|hour|quarter)",
    _Tagger._r_set,
    6,
)
_rule(
    r"right\s+now|now|currently|current|at\s+present|presently|nowadays|these\s+days|more\s+recently|"
    r"most\s+recently|recently|recent|lately|the\s+past|the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future|"
    r"the\s+(?:near|short|long)\s+term",
    _Tagger._r_ref,
    9,
)
_rule(
    rf"(?:(?P<mod>early|mid|late)[\s-]+)?(?P<the>the\s+)?(?P<s>spring|summer|fall|autumn|winter)"
    rf"(?:\s+of\s+(?P<y>{_YEAR}))?",
    _Tagger._r_season,
    5,
)
_rule(
    r"(?:(?P<rel>last|next|this)\s+)?(?P<h>Christmas(?:\s+Day|\s+Eve)?|New\s+Year's(?:\s+Day|\s+Eve)?|"
    r"Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Good\s+Friday|Independence\s+Day|the\s+Fourth\s+of\s+July|"
    r"July\s+Fourth|Labor\s+Day|Memorial\s+Day|Election\s+Day|Halloween|Valentine's\s+Day|Veterans\s+Day)",
    _Tagger._r_holiday,
    2,
)


# ---------------------------------------------------------------------------------------------- driver


def find_time_expressions(text: str, anchor: Date) -> list[TimeExpression]:
    """Find and normalize the time expressions of ``text`` written on ``anchor`` (the article date).

    Overlapping rule matches are settled longest-first; values that depend on what the article said
    before (the quarter an earnings story reports, "a year earlier") are resolved left to right.
    """
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    tagger = _Tagger(text, anchor)
    cands: list[_Cand] = []
    for rx, handler, prio in _RULES:
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            parts = handler(tagger, m)
            if parts:
                cands.append(_Cand(min(p.start for p in parts), max(p.end for p in parts), prio, parts))
    cands.sort(key=lambda c: (-(c.end - c.start), c.prio, c.start))
    taken: list[_Cand] = []
    occupied: list[tuple[int, int]] = []
    for c in cands:
        if any(c.start < e and s < c.end for s, e in occupied):
            continue
        taken.append(c)
        occupied.append((c.start, c.end))
    taken.sort(key=lambda c: c.start)

    state = _State()
    out: list[TimeExpression] = []
    for c in taken:
        for p in c.parts:
            value, first, last = p.value, p.first, p.last
            if p.defer is not None:
                value, first, last = p.defer(state)
                if not value:
                    continue
            if p.quarter is None and p.sets_ref and (qm := re.fullmatch(r"(\d{4})-Q([1-4])", value)):
                p.quarter = (int(qm[1]), int(qm[2]))
            if p.quarter is not None:
                state.last_quarter = p.quarter
                state.kind = "Q"
            elif p.sets_ref and (re.fullmatch(r"P([6-9]|1[0-2])M", value) or p.year_kind):
                state.kind = "Y"
            if p.type == "DATE" and first is not None and p.sets_ref:
                state.ref = first
            if p.type not in ("DATE", "TIME"):
                first = last = None
            elif first is None and last is None:
                first, last = _span_of_value(value)
            s, e = p.start, p.end
            while e > s and text[e - 1] in " ,\n\t":
                e -= 1
            out.append(TimeExpression(s, e, text[s:e], p.type, value, first, last))
    return out
