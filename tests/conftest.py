"""Shared helpers: parse team-written sentences once per test session."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.actors import ArticleActors, analyse_actors
from parley.events import code_events
from parley.ingest import make_article
from parley.language import load_nlp
from parley.types import Article, Event


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def article(text: str, published: dt.date = dt.date(2024, 4, 26), dateline: str | None = None,
            headline: str = "") -> Article:
    art = make_article("t", text=text, published=published, headline=headline)
    if dateline:
        art = Article(**{**art.__dict__, "dateline": dateline})
    return art


@pytest.fixture()
def read_actors(nlp):
    def run(text: str, **kw) -> tuple[ArticleActors, object]:
        art = article(text, **kw)
        doc = nlp(art.text)
        return analyse_actors(doc, art), doc

    return run


@pytest.fixture()
def code(nlp):
    def run(text: str, **kw) -> list[Event]:
        art = article(text, **kw)
        doc = nlp(art.text)
        return code_events(doc, art, analyse_actors(doc, art))

    return run


def tuples(events: list[Event], all_modalities: bool = False) -> set[tuple]:
    """(code, source country, source sector, target country, target sector) of done/intended events."""
    return {
        (e.code, e.source.country, e.source.sector, e.target.country, e.target.sector)
        for e in events
        if all_modalities or e.modality in ("done", "intended")
    }


def roots(events: list[Event]) -> set[tuple]:
    return {(e.code[:2], e.source.country, e.target.country) for e in events if e.modality in ("done", "intended")}


@pytest.fixture(scope="session")
def launcher(tmp_path_factory):
    """A warm launcher of `parley` processes (tests/storecheck.py), started once for the session."""
    from storecheck import Launcher

    launch = Launcher(tmp_path_factory.mktemp("launcher"))
    yield launch
    launch.close()
