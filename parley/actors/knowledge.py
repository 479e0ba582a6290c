"""The actor coding tables (parley/data/actors/*.yaml) as lookups, plus a user's own additions.

The rules that turn words into CAMEO codes are data: countries with their names, demonyms and capitals;
titles to sectors; organization keywords; international and well-known organizations; collective phrases.
A user file (YAML with the same sections, see `load_knowledge`) adds actors and overrides entries
without touching code.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "actors"
USER_FILE_ENV = "PARLEY_ACTORS"


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
        return yaml.safe_load(fh)


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
    if user_file:
        extra = _load_yaml(Path(user_file)) or {}
        if not isinstance(extra, dict):
            raise ValueError(f"{user_file}: expected a mapping with countries/roles/organizations/people")
        add_tables(kb, extra.get("countries"), extra.get("roles"), extra.get("organizations"),
                   extra.get("collectives"), extra.get("people"))
    return kb
