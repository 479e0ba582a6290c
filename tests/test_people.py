"""The people tables (parley/data/actors/people/*.yaml): their schema, and how the actor reader uses them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from parley.actors import analyse_actors
from parley.actors.knowledge import Knowledge, _table_date, add_known_people, fold, load_knowledge

PEOPLE = Path(__file__).parents[1] / "parley" / "data" / "actors" / "people"
COUNTRIES = Path(__file__).parents[1] / "parley" / "data" / "actors" / "countries.yaml"
SECTORS = {"GOV", "LEG", "MIL", "JUD", "COP", "PTY", "OPP", "REB", "BUS", "MED", "EDU", "NGO", "CVL", "REL",
           "REF", "IGO"}


def _tables() -> dict[str, list[dict]]:
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(PEOPLE.glob("*.yaml"))}


@pytest.fixture(scope="module")
def tables():
    return _tables()


def test_every_person_has_a_known_country_and_dated_offices(tables):
    isos = {c["iso3"] for c in yaml.safe_load(COUNTRIES.read_text(encoding="utf-8"))} | {"IGO"}
    problems = []
    for file, people in tables.items():
        assert isinstance(people, list), file
        for p in people:
            where = f"{file}: {p.get('name')}"
            if not p.get("name") or p.get("country") not in isos or not isinstance(p.get("roles"), list):
                problems.append(f"{where}: name, a known country and a list of roles are required")
                continue
            for r in p["roles"]:
                if r.get("sector") not in SECTORS or not r.get("title"):
                    problems.append(f"{where}: role {r}")
                    continue
                try:
                    start, end = _table_date(r.get("from"), False), _table_date(r.get("to"), True)
                except (ValueError, TypeError):
                    problems.append(f"{where}: unreadable dates in {r}")
                    continue
                if start and end and start > end:
                    problems.append(f"{where}: {r['title']} ends before it starts")
    assert not problems, "\n".join(problems[:30])


def test_no_name_or_alias_names_people_of_two_countries(tables):
    # The same person listed by two regional files (of one country) is merged by the loader.
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for people in tables.values():
        for p in people:
            for name in [p["name"], *(p.get("aliases") or [])]:
                owners[fold(str(name))].add((p["name"], p["country"]))
    clashes = {k: v for k, v in owners.items() if len({country for _, country in v}) > 1}
    assert not clashes, list(clashes.items())[:20]


def test_partial_dates_cover_their_whole_month_or_year():
    assert _table_date(2001, False) == dt.date(2001, 1, 1)
    assert _table_date(2001, True) == dt.date(2001, 12, 31)
    assert _table_date("2000-02", True) == dt.date(2000, 2, 29)
    assert _table_date(dt.date(1999, 5, 4), True) == dt.date(1999, 5, 4)
    assert _table_date(None, True) is None


def _invented_kb() -> Knowledge:
    kb = load_knowledge()
    fresh = Knowledge(**{k: getattr(kb, k) for k in ("country_names", "demonyms", "capitals", "roles",
                                                     "role_modifiers", "former_markers", "country_display")})
    add_known_people(fresh, [
        {"name": "Tomas Varga", "country": "HUN", "aliases": [],
         "roles": [{"title": "prime minister", "sector": "GOV", "from": 1994, "to": "1998-06"},
                   {"title": "opposition leader", "sector": "OPP", "from": "1998-07", "to": None}]},
        {"name": "Ana Korvel", "country": "EST", "aliases": [], "roles": []},
        {"name": "Piet Korvel", "country": "LVA", "aliases": [], "roles": []},
        {"name": "Jon Brandt", "country": "NOR", "aliases": [], "roles": []},
        {"name": "Eva Brandt", "country": "NOR", "aliases": [],
         "roles": [{"title": "foreign minister", "sector": "GOV", "from": 2003, "to": 2005}]},
    ])
    return fresh


def test_one_person_in_two_files_is_merged():
    kb = _invented_kb()
    add_known_people(kb, [{"name": "Tomas Varga", "country": "HUN", "aliases": ["T. Varga"],
                           "roles": [{"title": "un envoy", "sector": "IGO", "from": 2010, "to": 2012}]}])
    varga = kb.known("T. Varga")
    assert varga is kb.known("Tomas Varga") and len(varga.offices) == 3


def test_an_alias_and_an_arabic_article_give_surnames_too():
    kb = _invented_kb()
    add_known_people(kb, [{"name": "Omar al-Rashidi", "country": "SDN", "aliases": ["Omar al-Rasheedi"], "roles": []}])
    for alone in ("Rashidi", "al-Rashidi", "Rasheedi"):
        assert kb.known(alone, alone=True).country == "SDN"


def test_office_is_read_on_the_article_date():
    kb = _invented_kb()
    varga = kb.known("Tomas Varga")
    assert varga.country == "HUN"
    assert varga.office_on(dt.date(1996, 3, 1)).sector == "GOV"
    assert varga.office_on(dt.date(2002, 3, 1)).sector == "OPP"
    assert varga.office_on(dt.date(1990, 3, 1)) is None


def test_a_surname_alone_names_a_country_only_when_its_bearers_share_one():
    kb = _invented_kb()
    assert kb.known("Varga", alone=True).country == "HUN"
    assert kb.known("Varga") is None  # a one-word name the article introduced is not looked up by surname
    assert kb.known("Korvel", alone=True) is None  # Estonian and Latvian bearers
    brandt = kb.known("Brandt", alone=True)
    assert brandt.country == "NOR" and brandt.office_on(dt.date(2004, 1, 1)).sector == "GOV"


def _people_of(nlp, text: str, published: dt.date, kb: Knowledge):
    from parley.types import Article

    art = Article(id="t", text=text, headline="", published=published)
    doc = nlp(text)
    actors = analyse_actors(doc, art, kb)
    return {doc[i].text: ref for i, ref in actors.by_head.items() if ref.type == "person"}


def test_reader_takes_country_and_dated_sector_from_the_tables(nlp):
    kb = _invented_kb()
    text = "Tomas Varga met the ambassador on Monday. Varga said the talks went well."
    early = _people_of(nlp, text, dt.date(1996, 3, 1), kb)
    late = _people_of(nlp, text, dt.date(2002, 3, 1), kb)
    assert (early["Varga"].country, early["Varga"].sector) == ("HUN", "GOV")
    assert (late["Varga"].country, late["Varga"].sector) == ("HUN", "OPP")


def test_the_text_wins_over_the_tables(nlp):
    kb = _invented_kb()
    people = _people_of(nlp, "Polish Defence Minister Tomas Varga arrived in Oslo on Monday.", dt.date(1996, 3, 1), kb)
    assert (people["Varga"].country, people["Varga"].sector) == ("POL", "GOV")


def test_a_state_that_did_not_exist_yet_is_its_predecessor():
    from parley.actors.knowledge import country_on

    assert country_on("SSD", dt.date(2006, 12, 10)) == "SDN"
    assert country_on("SSD", dt.date(2012, 1, 1)) == "SSD"
    assert country_on("XKX", dt.date(1999, 6, 1)) == "YUG"
    assert country_on("XKX", dt.date(2005, 6, 1)) == "SCG"
    assert country_on("FRA", dt.date(1999, 6, 1)) == "FRA"


def test_places_and_people_take_the_state_of_the_day(code):
    events = code("US envoy Andrew Natsios met Foreign Minister Lam Akol in Malakal on Sunday.",
                  published=dt.date(2006, 12, 11))
    assert events and all(e.target.country == "SDN" for e in events)
    assert all(e.place is None or e.place.country == "SDN" for e in events)


def test_a_bare_surname_names_a_known_person_only_while_in_office(nlp):
    kb = _invented_kb()
    text = "Varga said the talks went well."
    assert _people_of(nlp, text, dt.date(1996, 3, 1), kb)["Varga"].country == "HUN"
    assert _people_of(nlp, text, dt.date(1990, 3, 1), kb)["Varga"].country is None
