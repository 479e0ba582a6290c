"""Read the layout of wire stories: headline, outlet/date lines, dateline, captions and footers.

News text arrives with furniture around the story ("Xinhua Updated: 2024-01-29", "BEIJING, April 25
(Xinhua) --", photo captions, copyright lines). The furniture carries metadata the pipeline needs (the
publication date anchors every relative date, the dateline is a fallback place) but must not be coded as
events, so it is lifted out here and the body that remains is what every later stage reads.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from dataclasses import dataclass

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"  # noqa: E501

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_MDY = re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE}),?\s+(\d{{4}})\b", re.I)
_LEADING_DATE_TAG = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+", re.I)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_META_WORDS = re.compile(r"\b(updated|published|posted|last modified|source|editor|by)\b\s*:?", re.I)

_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\u2019\- ]{1,40}?[A-Z.])"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.' ]{1,30}?))?"
    rf"(?:,?\s*(?P<date>{_MONTH_RE}\s+\d{{1,2}}))?"
    r"\s*(?:\((?P<agency>[^()\n]{1,30})\))?"
    r"\s*(?:--|\u2014|\u2013|_|-|:)\s*",
)
_CAPTION_CREDIT = re.compile(
    r"\((?:[A-Z][\w .'-]*/[\w .'-]+|(?:AFP|AP|Reuters|Xinhua|EPA|Getty)[\w ]*PHOTO[^)]*|Photo[^)]*)\)\s*$"
)
_FOOTER = re.compile(r"^\s*(copyright|\u00a9|all rights reserved|\(c\)\s)", re.I)


@dataclass(frozen=True)
class Layout:
    headline: str
    outlet: str | None
    published: dt.date | None
    dateline: str | None
    body: str
    captions: tuple[str, ...]


def find_date(text: str) -> dt.date | None:
    """The first full calendar date written in a short metadata string."""
    for pattern, order in ((_ISO_DATE, "ymd"), (_MDY, "mdy"), (_DMY, "dmy")):
        m = pattern.search(text)
        if not m:
            continue
        parts = dict(zip(order, m.groups(), strict=True))
        month = parts["m"]
        key = month.lower().rstrip(".")
        month_num = int(month) if month.isdigit() else MONTHS.get(key, MONTHS.get(key[:3]))
        try:
            return dt.date(int(parts["y"]), int(month_num), int(parts["d"]))
        except (TypeError, ValueError):
            continue
    return None


def parse_date_field(value: object) -> dt.date | None:
    """A publication date from a metadata field: ISO dates, timestamps or written-out dates."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    m = re.match(r"^(\d{4})(\d{2})(\d{2})$", text)
    if m:
        text = "-".join(m.groups())
    return find_date(text)


def _meta_line(line: str) -> tuple[str | None, dt.date | None] | None:
    """Recognise an outlet/date line such as 'Xinhua Updated: 2024-01-29' or '(Xinhua) 08:41, April 26, 2024'."""
    words = line.split()
    if not words or len(words) > 14:
        return None
    date = find_date(line)
    if date is None:
        return None
    head = _ISO_DATE.split(line)[0]
    head = _MDY.split(head)[0]
    head = _DMY.split(head)[0]
    head = _CLOCK.split(head)[0]
    head = _META_WORDS.split(head)[0]
    outlet = re.sub(r"[()\[\],:|]", " ", head).strip() or None
    if outlet and len(outlet.split()) > 5:
        return None
    return outlet, date


@dataclass(frozen=True)
class Body:
    text: str
    dateline: str | None
    agency: str | None
    captions: tuple[str, ...]


def split_dateline(paragraph: str) -> tuple[str | None, str | None, str]:
    """'BEIJING, April 25 (Xinhua) -- China's...' -> ('Beijing', 'Xinhua', "China's...")."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None, None, paragraph
    place = m.group("place").strip(" .")
    if len(place) < 3 or not any(c.isalpha() for c in place):
        return None, None, paragraph
    rest = paragraph[m.end():]
    if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'`\u201c"):
        return None, None, paragraph
    agency = (m.group("agency") or "").strip() or None
    return place.title(), agency, rest


def is_caption(paragraph: str) -> bool:
    """Photo captions end with a credit such as '(Xinhua/Li Tao)' or '(AFP PHOTO/...)'."""
    return bool(_CAPTION_CREDIT.search(paragraph.strip())) and len(paragraph) < 600


def clean_body(text: str) -> Body:
    """Lift dateline, captions and footers out of a story body."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\r\n\s*\r\n", text.replace("\r\n", "\n"))]
    if len(paragraphs) == 1 and "\n" in paragraphs[0]:
        paragraphs = [p.strip() for p in paragraphs[0].split("\n")]
    body: list[str] = []
    captions: list[str] = []
    dateline: str | None = None
    agency: str | None = None
    for para in paragraphs:
        if not para:
            continue
        para = " ".join(para.split())
        if _FOOTER.match(para):
            continue
        if is_caption(para):
            captions.append(para)
            continue
        if dateline is None and len(body) < 2:
            place, agency, rest = split_dateline(para)
            if place:
                dateline = place
                para = rest.strip()
                if not para:
                    continue
        body.append(para)
    return Body("\n\n".join(body), dateline, agency, tuple(captions))


def parse_wire_text(raw: str) -> Layout:
    """Split a plain-text wire story into headline, outlet, publication date, dateline and body."""
    # A deque: lines are taken off the front, which on a list is quadratic in the number of lines.
    lines = deque(ln.rstrip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    while lines and not lines[0].strip():
        lines.popleft()
    headline = ""
    published: dt.date | None = None
    outlet: str | None = None
    if lines:
        first = lines[0].strip()
        tag = _LEADING_DATE_TAG.match(first)
        if tag:
            published = parse_date_field(tag.group(1))
            first = first[tag.end():].strip()
        # A headline is a short line followed by a blank line; a story without one starts with its body.
        if len(first) <= 250 and (len(lines) < 2 or not lines[1].strip()) and not split_dateline(first)[0]:
            headline = first
            lines.popleft()
        elif tag:
            lines[0] = first
    # Outlet/date lines come right under the headline.
    while lines:
        stripped = lines[0].strip()
        if not stripped:
            lines.popleft()
            continue
        meta = _meta_line(stripped)
        if meta is None:
            break
        outlet = outlet or meta[0]
        published = published or meta[1]
        lines.popleft()
    body = clean_body("\n".join(lines))
    return Layout(headline, outlet or body.agency, published, body.dateline, body.text, body.captions)
