"""The actor coding tables (parley/data/actors/*.yaml) as lookups, plus a user's own additions.

The rules that turn words into CAMEO codes are data: countries with their names, demonyms and capitals;
titles to sectors; organization keywords; international and well-known organizations; collective phrases.
A user file (YAML with the same sections, see `load_knowledge`) adds actors and overrides entries
without touching code.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "actors"
USER_FILE_ENV = "PARLEY_ACTORS"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader reads the tables several times faster


_NOISE = re.compile(r"[^\w' .&-]")


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, strip diacritics and punctuation noise so 'Koshanov', 'Košanov' and 'KOSHANOV' agree.
    Cached: the actor reader folds the same short phrases thousands of times per article."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("`", "'").lower()
    text = _NOISE.sub(" ", text)
    return " ".join(text.replace(".", "").split())


# Spelling variants that transliteration from Cyrillic, Arabic or Chinese produces for one name:
# Koshanov/Qoshanov/Koshanow, Yerlan/Erlan, Mohammed/Muhammad, Jiang/Chiang are not different people.
_TRANSLIT = [("kh", "h"), ("q", "k"), ("w", "v"), ("ph", "f"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
             ("y", "i"), ("dzh", "j"), ("zh", "j"), ("ch", "j"), ("ck", "k"), ("c", "k"), ("o", "u"), ("e", "i")]


def name_key(name: str) -> str:
    """A loose key under which transliteration variants of a person's name agree."""
    text = fold(name).replace("-", " ").replace("'", "")
    for a, b in _TRANSLIT:
        text = text.replace(a, b)
    text = re.sub(r"(.)\1+", r"\1", text)  # doubled letters
    return " ".join(text.split())


@dataclass(frozen=True)
class Office:
    """One office a known person held, from `start` to `end` inclusive (`end` None: still held)."""

    title: str
    sector: str | None
    start: dt.date | None
    end: dt.date | None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class KnownPerson:
    """A person of the shipped people tables (data/actors/people/*.yaml): a country and dated offices."""

    name: str
    country: str
    offices: tuple[Office, ...] = ()
    org: str | None = None

    def office_on(self, day: dt.date | None) -> Office | None:
        """The office held on `day`; of several, the one that speaks for the state (a president who also
        leads a party is GOV). None when the day is unknown or the person held no office then."""
        if day is None:
            return None
        held = [o for o in self.offices if o.held_on(day)]
        return min(held, key=lambda o: _SECTOR_ORDER.get(o.sector or "", 99)) if held else None


# States that did not yet exist on a day: the gazetteer and the people tables give today's country, but Malakal
# in 2006 was in Sudan and a Kosovar official in 2000 was in Yugoslavia. (state, first day, what it was before;
# the predecessor is itself read on that day, so Kosovo in 1999 is Yugoslavia, in 2005 Serbia and Montenegro).
SUCCESSIONS: dict[str, tuple[dt.date, str]] = {
    "SSD": (dt.date(2011, 7, 9), "SDN"),
    "XKX": (dt.date(2008, 2, 17), "SRB"),
    "SRB": (dt.date(2006, 6, 5), "SCG"),
    "MNE": (dt.date(2006, 6, 3), "SCG"),
    "SCG": (dt.date(2003, 2, 4), "YUG"),
    "TLS": (dt.date(2002, 5, 20), "IDN"),
    "ERI": (dt.date(1993, 5, 24), "ETH"),
}


def country_on(iso: str | None, day: dt.date | None) -> str | None:
    """The state a place or person belonged to on `day`: South Sudan before July 2011 is Sudan."""
    for _ in range(4):
        if iso is None or day is None or iso not in SUCCESSIONS:
            return iso
        first, before = SUCCESSIONS[iso]
        if day >= first:
            return iso
        iso = before
    return iso


_SECTOR_ORDER = {s: i for i, s in enumerate(("GOV", "MIL", "LEG", "JUD", "COP", "IGO", "PTY", "OPP", "REB"))}


def _table_date(value, end: bool) -> dt.date | None:
    """`2001-12-22`, `2001-12` or `2001` (YAML may hand over a date, an int or a string); a partial date
    covers its whole month or year, so `to: 2001` ends on 31 December."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parts = [int(p) for p in str(value).strip().split("-")]
    year = parts[0]
    if len(parts) == 1:
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    month = parts[1]
    if len(parts) == 2:
        return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    return dt.date(year, month, parts[2])


def known_person(entry: dict) -> KnownPerson:
    offices = tuple(
        Office(str(r.get("title") or ""), r.get("sector"), _table_date(r.get("from"), False),
               _table_date(r.get("to"), True))
        for r in entry.get("roles") or [])
    return KnownPerson(entry["name"], str(entry["country"]).upper(), offices, entry.get("org"))


@dataclass(frozen=True)
class OrgEntry:
    name: str
    country: str | None
    sector: str | None
    kind: str = "organization"  # IGO | NGO | organization
    alt_sectors: tuple[str, ...] = ()


@dataclass
class Knowledge:
    """Lookups over the coding tables; every key is folded with `fold`."""

    country_names: dict[str, str] = field(default_factory=dict)  # name/alias -> ISO3
    demonyms: dict[str, str] = field(default_factory=dict)  # demonym (sing./pl.) -> ISO3
    capitals: dict[str, str] = field(default_factory=dict)  # capital or government metonym -> ISO3
    metonym_sectors: dict[str, str] = field(default_factory=dict)  # "pentagon" -> MIL
    country_display: dict[str, str] = field(default_factory=dict)  # ISO3 -> name
    roles: dict[str, tuple[str | None, tuple[str, ...]]] = field(default_factory=dict)  # title -> sector, alts
    role_countries: dict[str, str] = field(default_factory=dict)  # title only one state uses -> ISO3
    role_modifiers: set[str] = field(default_factory=set)
    former_markers: set[str] = field(default_factory=set)
    org_keywords: dict[str, tuple[str | None, tuple[str, ...]]] = field(default_factory=dict)
    org_keyword_exceptions: dict[str, set[str]] = field(default_factory=dict)
    organizations: dict[str, OrgEntry] = field(default_factory=dict)  # name/acronym/alias -> entry
    collectives: list[dict] = field(default_factory=list)
    people: dict[str, dict] = field(default_factory=dict)  # user-listed people: folded name -> entry
    known_people: dict[str, KnownPerson] = field(default_factory=dict)  # shipped tables: folded name -> person
    surnames: dict[str, KnownPerson | None] = field(default_factory=dict)  # surname -> person, None if ambiguous
    max_title_words: int = 1
    _org_starts: tuple[int, frozenset[str]] = field(default=(-1, frozenset()), repr=False)
    _org_ends: tuple[int, frozenset[str]] = field(default=(-1, frozenset()), repr=False)

    # -- lookups ----------------------------------------------------------------------------------------
    def country_of_name(self, text: str) -> str | None:
        key = fold(text)
        if key.startswith("the "):
            key = key[4:]
        return self.country_names.get(key) or self.country_names.get(f"the {key}")

    def country_of_demonym(self, text: str) -> str | None:
        return self.demonyms.get(fold(text))

    def country_of_capital(self, text: str) -> str | None:
        key = fold(text)
        if key.startswith("the "):
            key = key[4:]
        return self.capitals.get(key) or self.capitals.get(f"the {key}")

    def country_of_any(self, text: str) -> str | None:
        return self.country_of_name(text) or self.country_of_demonym(text)

    def organization(self, text: str) -> OrgEntry | None:
        key = fold(text)
        if key.startswith("the "):
            key = key[4:]
        return self.organizations.get(key)

    def known(self, name: str, alone: bool = False) -> KnownPerson | None:
        """A person of the shipped tables by full name or alias; with `alone` (a one-word name the article
        has not introduced), also by a surname that only people of one country bear."""
        key = fold(name)
        person = self.known_people.get(key)
        if person is None and alone and " " not in key:
            person = self.surnames.get(key)
        return person

    def may_start_organization(self, word: str) -> bool:
        """Whether some organization name starts with this word (or "the"): a cheap test before the windows
        of a long title are looked up one by one."""
        if self._org_starts[0] != len(self.organizations):
            starts = {key.split()[0] for key in self.organizations if key}
            self._org_starts = (len(self.organizations), frozenset(starts | {"the"}))
        folded = fold(word).split()
        return not folded or folded[0] in self._org_starts[1]

    def may_end_organization(self, word: str) -> bool:
        """Whether some organization name or keyword ends with this word ('parliament', 'ministry', 'Bank')."""
        size = len(self.organizations) + len(self.org_keywords)
        if self._org_ends[0] != size:
            ends = {key.split()[-1] for key in [*self.organizations, *self.org_keywords] if key.split()}
            self._org_ends = (size, frozenset(ends))
        folded = fold(word).replace("-", " ").split()
        return not folded or folded[-1] in self._org_ends[1]

    def role_sector(self, title: str) -> tuple[str | None, str | None]:
        """(sector, the title phrase that decided it): the longest known title phrase inside `title`."""
        words = fold(title).replace("-", " ").split()
        best: tuple[int, str | None, str | None] = (0, None, None)
        for n in range(min(self.max_title_words, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                phrase = " ".join(words[i:i + n])
                if phrase in self.roles and n > best[0]:
                    best = (n, self.roles[phrase][0], phrase)
            if best[0]:
                break
        return best[1], best[2]

    def org_sector(self, words: list[str], anchored: bool = False) -> tuple[str | None, str | None]:
        """Sector from the organization keyword nearest the end of a name ('Kazakh parliament' -> LEG);
        `anchored`: the keyword must end the name, so 'military action' is not an organization."""
        folded = [fold(w).replace("-", " ") for w in words]
        for end in range(len(folded), 0 if not anchored else len(folded) - 1, -1):
            for start in range(max(0, end - 4), end):
                phrase = " ".join(folded[start:end])
                if phrase in self.org_keywords:
                    before = set(folded[:start])
                    if before & self.org_keyword_exceptions.get(phrase, set()):
                        continue
                    return self.org_keywords[phrase][0], phrase
        return None, None


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _load_yaml(path: Path) -> object:
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LOADER)


def add_tables(kb: Knowledge, countries=None, roles=None, organizations=None, collectives=None,
               people=None) -> None:
    """Merge tables of the documented shapes into `kb`; later additions override earlier ones."""
    for c in countries or []:
        iso = c["iso3"]
        kb.country_display[iso] = c.get("name", iso)
        for name in [c.get("name"), *_as_list(c.get("aliases"))]:
            if name:
                kb.country_names[fold(name)] = iso
        for dem in _as_list(c.get("demonyms")) + _as_list(c.get("plural_demonyms")):
            kb.demonyms[fold(dem)] = iso
        for cap in [c.get("capital"), *_as_list(c.get("capital_aliases")), *_as_list(c.get("government_metonyms"))]:
            if cap:
                kb.capitals[fold(cap)] = iso
        for place, sector in (c.get("metonym_sectors") or {}).items():
            kb.capitals[fold(place)] = iso
            kb.metonym_sectors[fold(place)] = sector
    if isinstance(roles, dict):
        for r in roles.get("roles", []) or []:
            title = fold(r["title"]).replace("-", " ")
            kb.roles[title] = (r.get("sector"), tuple(_as_list(r.get("alt_sectors"))))
            if r.get("country"):
                kb.role_countries[title] = str(r["country"]).upper()
            else:
                kb.role_countries.pop(title, None)
            kb.max_title_words = max(kb.max_title_words, len(title.split()))
        kb.role_modifiers |= {fold(m) for m in _as_list(roles.get("role_modifiers"))}
        kb.former_markers |= {fold(m) for m in _as_list(roles.get("former_markers"))}
    if isinstance(organizations, dict):
        for k in organizations.get("keywords", []) or []:
            word = fold(k["word"]).replace("-", " ")
            kb.org_keywords[word] = (k.get("sector"), tuple(_as_list(k.get("alt_sectors"))))
            if k.get("except_with"):
                kb.org_keyword_exceptions[word] = {fold(x) for x in _as_list(k["except_with"])}
        for section, default_country in (("international", "IGO"), ("named", None)):
            for o in organizations.get(section, []) or []:
                kind = o.get("kind") or ("IGO" if section == "international" else "organization")
                country = o.get("country", default_country)
                if section == "international" and kind == "NGO":
                    country = o.get("country") or "NGO"
                entry = OrgEntry(o["name"], country, o.get("sector"), kind, tuple(_as_list(o.get("alt_sectors"))))
                for name in [o["name"], *_as_list(o.get("acronyms")), *_as_list(o.get("aliases"))]:
                    kb.organizations[fold(name)] = entry
    for c in collectives or []:
        kb.collectives.append(c)
    for p in people or []:
        kb.people[fold(p["name"])] = p
        for alias in _as_list(p.get("aliases")):
            kb.people[fold(alias)] = p


def add_known_people(kb: Knowledge, entries: list[dict]) -> None:
    """Index the shipped people tables by folded name and alias, and by surname where the surname leaves no
    doubt about the country (every listed bearer is of one country). One person listed in two regional
    files (a national leader who later headed an international body) is merged into one."""
    people: list[KnownPerson] = []
    surnames_of: list[set[str]] = []
    index: dict[str, int] = {}

    def surnames(names: list[str]) -> set[str]:
        """Last names news uses alone: of the name and each alias, with and without an Arabic article
        ("Omar al-Beshir" is "Beshir" and "al-Beshir")."""
        found = set()
        for name in names:
            words = fold(str(name)).split()
            # "Philippe of Belgium" has no surname; nor is a place a surname ("The Hague" is not William Hague).
            if len(words) < 2 or words[-2] == "of":
                continue
            last = words[-1]
            for form in {last, re.sub(r"^(?:al|el|ad|as|ash|an|ar|at|az)-", "", last)}:
                if len(form) > 3 and not (kb.country_of_any(form) or kb.country_of_capital(form)):
                    found.add(form)
        return found

    seen: dict[int, int] = {}
    for key, known in kb.known_people.items():  # tables added earlier, merged with these
        if id(known) not in seen:
            seen[id(known)] = len(people)
            people.append(known)
            surnames_of.append(surnames([known.name]))
        index[key] = seen[id(known)]
    for entry in entries:
        person = known_person(entry)
        keys = [fold(str(n)) for n in [entry["name"], *_as_list(entry.get("aliases"))]]
        same = next((index[k] for k in keys if k in index and people[index[k]].country == person.country), None)
        if same is not None:
            was = people[same]
            people[same] = KnownPerson(was.name, was.country, was.offices + person.offices, was.org or person.org)
        else:
            same = len(people)
            people.append(person)
            surnames_of.append(set())
        surnames_of[same] |= surnames([entry["name"], *_as_list(entry.get("aliases"))])
        for k in keys:
            index[k] = same
    kb.known_people = {k: people[i] for k, i in index.items()}
    kb.surnames = {}
    by_surname: dict[str, list[KnownPerson]] = {}
    for person, lasts in zip(people, surnames_of, strict=True):
        for last in lasts:
            by_surname.setdefault(last, []).append(person)
    for last, bearers in by_surname.items():
        if last in kb.known_people:
            continue  # a listed alias already decides
        countries = {p.country for p in bearers}
        if len(countries) > 1:
            kb.surnames[last] = None  # "Kim", "Lee": no country can be read from the surname alone
        elif len(bearers) == 1:
            kb.surnames[last] = bearers[0]
        else:
            # "Bush": two presidents, one country; the country is sure, the office is read by date.
            kb.surnames[last] = KnownPerson(bearers[0].name, bearers[0].country,
                                               tuple(o for p in bearers for o in p.offices))


def _people_tables() -> list[dict]:
    entries: list[dict] = []
    folder = DATA / "people"
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        data = _load_yaml(path) or []
        if not isinstance(data, list):
            raise ValueError(f"{path}: expected a list of people")
        entries.extend(e for e in data if isinstance(e, dict) and e.get("name") and e.get("country"))
    return entries


def load_knowledge(user_file: str | os.PathLike | None = None) -> Knowledge:
    """The shipped tables, then the user's file (argument or $PARLEY_ACTORS) on top.

    A user file is YAML with any of the keys `countries`, `roles`, `organizations`, `collectives` and
    `people` (each entry of `people`: name, aliases, country, sector, role), in the shapes of the shipped files.
    """
    user_file = user_file or os.environ.get(USER_FILE_ENV) or None
    return _load_knowledge(str(user_file) if user_file else None)


@functools.lru_cache(maxsize=4)
def _load_knowledge(user_file: str | None) -> Knowledge:
    kb = Knowledge()
    add_tables(
        kb,
        countries=_load_yaml(DATA / "countries.yaml"),
        roles=_load_yaml(DATA / "roles.yaml"),
        organizations=_load_yaml(DATA / "organizations.yaml"),
        collectives=_load_yaml(DATA / "collectives.yaml"),
    )
    add_known_people(kb, _people_tables())
    if user_file:
        extra = _load_yaml(Path(user_file)) or {}
        if not isinstance(extra, dict):
            raise ValueError(f"{user_file}: expected a mapping with countries/roles/organizations/people")
        add_tables(kb, extra.get("countries"), extra.get("roles"), extra.get("organizations"),
                   extra.get("collectives"), extra.get("people"))
    return kb
