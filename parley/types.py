"""The record parley builds, defined once: articles, actors, events and the rejections of bad input.

Every stage takes and returns these types, so a reader can find where a field is decided by
searching for the stage that fills it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One news article after ingestion: clean body text plus the metadata the pipeline reasons with."""

    id: str
    text: str
    headline: str = ""
    outlet: str | None = None
    published: dt.date | None = None
    dateline: str | None = None
    url: str | None = None
    source_path: str | None = None
    captions: tuple[str, ...] = ()
    content_hash: str = ""


@dataclass(frozen=True)
class Rejection:
    """An input that could not become an article, and why, naming the file and line."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Span:
    """Character offsets into an article's clean text."""

    start: int
    end: int


@dataclass
class Role:
    """A title or affiliation an actor held, valid as of the article date that stated it."""

    title: str
    country: str | None = None
    sector: str | None = None
    valid_from: dt.date | None = None
    article_id: str | None = None


@dataclass
class Actor:
    """A person, organization or country, coded CAMEO-style (ISO3 country + sector)."""

    key: str
    name: str
    type: str  # person | organization | country
    country: str | None = None
    sector: str | None = None
    aliases: set[str] = field(default_factory=set)
    roles: list[Role] = field(default_factory=list)

    @property
    def code(self) -> str:
        return f"{self.country or '---'}{self.sector or ''}"


@dataclass
class Mention:
    """A stretch of text that refers to an actor (a name, a title, 'the Kazakh side', 'he')."""

    start: int
    end: int
    text: str
    kind: str  # name | title | demonym | country | collective | pronoun | organization
    actor_key: str | None = None


@dataclass
class Place:
    name: str
    country: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    basis: str = ""  # sentence | context | destination | dateline | headline | lead


@dataclass
class Participant:
    """Source or target of an event as coded: the actor plus its code at the event's date."""

    country: str | None
    sector: str | None
    name: str | None = None
    actor_key: str | None = None
    span: Span | None = None

    def as_dict(self) -> dict:
        return {"country": self.country, "sector": self.sector, "name": self.name, "actor": self.actor_key}


@dataclass
class Event:
    """One coded event with the words that justify each of its fields."""

    article_id: str
    code: str
    source: Participant
    target: Participant
    modality: str = "done"  # done | intended | negated | hypothetical
    background: bool = False
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_basis: str = ""
    place: Place | None = None
    topics: list[str] = field(default_factory=list)
    sentence_index: int = 0
    sentence: str = ""
    sentence_start: int = 0
    trigger: Span | None = None
    trigger_text: str = ""
    speaker: Participant | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    cluster_id: str | None = None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass
class ArticleResult:
    """Everything the pipeline derived from one article, ready for the store."""

    article: Article
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    tokens: int = 0
