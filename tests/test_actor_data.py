"""Schema invariants of the actor coding tables in parley/data/actors/*.yaml.

These tests read the YAML files directly (no parley code), so a broken table is reported
as a data error, not as a failure somewhere in the actor reader.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from parley.actors.knowledge import fold  # the matcher's own normalisation

DATA = Path(__file__).parents[1] / "parley" / "data" / "actors"

SECTORS = {"GOV", "LEG", "MIL", "JUD", "COP", "PTY", "OPP", "REB", "BUS", "MED", "EDU", "NGO", "CVL", "REL",
           "REF", "IGO", None}

REGIONS = {
    "Northern Africa", "Eastern Africa", "Middle Africa", "Southern Africa", "Western Africa",
    "Caribbean", "Central America", "South America", "Northern America",
    "Central Asia", "Eastern Asia", "South-eastern Asia", "Southern Asia", "Western Asia",
    "Eastern Europe", "Northern Europe", "Southern Europe", "Western Europe",
    "Australia and New Zealand", "Melanesia", "Micronesia", "Polynesia",
}

# The 193 member states of the United Nations, by ISO 3166-1 alpha-3 code.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI DMA DOM
ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN
ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE
LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL
NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA KNA LCA VCT WSM SMR STP
SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON
TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()

OTHER_ACTORS = {"TWN", "PSE", "XKX", "HKG", "MAC", "VAT", "ESH", "YUG", "SUN", "CSK", "SCG"}
HISTORICAL = {"YUG", "SUN", "CSK", "SCG"}

COUNTRY_KEYS = {"iso3", "name", "aliases", "demonyms", "plural_demonyms", "capital", "capital_aliases",
                "government_metonyms", "region"}
COUNTRY_OPTIONAL = {"metonym_sectors"}


def title_key(text: str) -> str:
    return fold(text).replace("-", " ").strip()


def strip_the(text: str) -> str:
    key = fold(text)
    return key[4:] if key.startswith("the ") else key


def load(name: str):
    with (DATA / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def report(what: str, problems: dict | list) -> None:
    """Print problems readably (pytest shows them on failure) and fail if there are any."""
    if problems:
        items = problems.items() if isinstance(problems, dict) else enumerate(problems)
        lines = [f"  {k!r}: {v!r}" for k, v in items]
        print(f"{what} ({len(problems)}):\n" + "\n".join(lines))
    assert not problems, f"{what}: {len(problems)} problem(s), see captured output"


@pytest.fixture(scope="module")
def countries():
    data = load("countries.yaml")
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def roles():
    data = load("roles.yaml")
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def organizations():
    data = load("organizations.yaml")
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def collectives():
    data = load("collectives.yaml")
    assert isinstance(data, list)
    return data


# --- all files ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["countries.yaml", "roles.yaml", "organizations.yaml", "collectives.yaml"])
def test_file_is_utf8_and_starts_with_schema_comment(name):
    text = (DATA / name).read_bytes().decode("utf-8")
    assert text.startswith("#"), f"{name} should open with a comment explaining its schema"
    assert "override" in text.split("\n\n")[0] or "override" in text[:4000], f"{name}: say how users override it"


# --- countries ------------------------------------------------------------------------------------
def test_country_entries_have_the_schema_keys(countries):
    problems = {}
    for c in countries:
        keys = set(c)
        missing, extra = COUNTRY_KEYS - keys, keys - COUNTRY_KEYS - COUNTRY_OPTIONAL
        if missing or extra:
            problems[c.get("iso3")] = {"missing": sorted(missing), "unexpected": sorted(extra)}
            continue
        if not isinstance(c["name"], str) or not c["name"].strip():
            problems[c["iso3"]] = "name must be a non-empty string"
        if c["capital"] is not None and not isinstance(c["capital"], str):
            problems[c["iso3"]] = "capital must be a string or null"
        for key in ("aliases", "demonyms", "plural_demonyms", "capital_aliases", "government_metonyms"):
            value = c[key]
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                problems[f"{c['iso3']}.{key}"] = value
        if c["region"] not in REGIONS:
            problems[f"{c['iso3']}.region"] = c["region"]
        sectors = c.get("metonym_sectors") or {}
        if not isinstance(sectors, dict):
            problems[f"{c['iso3']}.metonym_sectors"] = sectors
            continue
        for metonym, sector in sectors.items():
            if sector not in SECTORS or metonym not in c["government_metonyms"]:
                problems[f"{c['iso3']}.metonym_sectors.{metonym}"] = sector
    report("malformed country entries", problems)


def test_iso3_codes_are_three_upper_case_letters_and_unique(countries):
    codes = [c["iso3"] for c in countries]
    bad = [code for code in codes if not (isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code))]
    report("iso3 codes not of the form ABC", bad)
    dupes = {code: codes.count(code) for code in set(codes) if codes.count(code) > 1}
    report("duplicate iso3 codes", dupes)


def test_all_un_members_and_the_other_actors_are_present(countries):
    assert len(UN_MEMBERS) == 193 and len(set(UN_MEMBERS)) == 193
    codes = {c["iso3"] for c in countries}
    report("missing countries", sorted((set(UN_MEMBERS) | OTHER_ACTORS) - codes))
    assert len(countries) >= 200
    assert "ZAR" not in codes, "Zaire is an alias of COD, not its own entry"


def test_known_names_resolve_to_the_right_country(countries):
    by_name = {}
    for c in countries:
        for name in [c["name"], *c["aliases"], *c["demonyms"], *c["plural_demonyms"]]:
            by_name[strip_the(name)] = c["iso3"]
    expected = {
        "Zaire": "COD", "Burma": "MMR", "East Timor": "TLS", "U.S.": "USA", "US": "USA", "America": "USA",
        "the United States": "USA", "Britain": "GBR", "U.K.": "GBR", "Great Britain": "GBR",
        "the Netherlands": "NLD", "Holland": "NLD", "Ivory Coast": "CIV", "Cote d'Ivoire": "CIV",
        "Côte d'Ivoire": "CIV", "South Korea": "KOR", "ROK": "KOR", "North Korea": "PRK", "DPRK": "PRK",
        "Russian Federation": "RUS", "mainland China": "CHN", "Kazakh": "KAZ", "Kazakhs": "KAZ",
        "American": "USA", "Americans": "USA", "British": "GBR", "Briton": "GBR", "Chinese": "CHN",
        "Israeli": "ISR", "Palestinian": "PSE", "Palestinians": "PSE", "Afghan": "AFG", "Filipino": "PHL",
        "Philippine": "PHL", "Dutch": "NLD", "Swiss": "CHE", "Thai": "THA", "Lao": "LAO", "Laotian": "LAO",
        "Taiwan": "TWN", "Kosovo": "XKX", "Hong Kong": "HKG", "Macau": "MAC", "Holy See": "VAT",
        "Western Sahara": "ESH", "Yugoslavia": "YUG", "Soviet Union": "SUN", "USSR": "SUN",
        "Czechoslovakia": "CSK", "Serbia and Montenegro": "SCG", "Swaziland": "SWZ",
    }
    wrong = {k: by_name.get(strip_the(k)) for k, v in expected.items() if by_name.get(strip_the(k)) != v}
    report("names resolving to the wrong country", wrong)


def test_no_name_or_demonym_maps_to_two_countries(countries):
    owners: dict[str, set[str]] = defaultdict(set)
    for c in countries:
        for name in [c["name"], *c["aliases"], *c["demonyms"], *c["plural_demonyms"]]:
            owners[strip_the(name)].add(c["iso3"])
    collisions = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    report("names/aliases/demonyms claimed by two countries", collisions)


def test_no_capital_or_metonym_maps_to_two_countries(countries):
    owners: dict[str, set[str]] = defaultdict(set)
    for c in countries:
        places = [c["capital"], *c["capital_aliases"], *c["government_metonyms"]]
        for place in places:
            if place:
                owners[strip_the(place)].add(c["iso3"])
    collisions = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    report("capitals/metonyms claimed by two countries", collisions)


def test_historical_entries_leave_capitals_to_successor_states(countries):
    historical = [c for c in countries if c["iso3"] in HISTORICAL]
    assert {c["iso3"] for c in historical} == HISTORICAL
    report("historical entries with a capital", {c["iso3"]: c["capital"] for c in historical if c["capital"]})


def test_metonym_sectors_flag_the_pentagon_as_military(countries):
    usa = next(c for c in countries if c["iso3"] == "USA")
    assert "Pentagon" in usa["government_metonyms"]
    assert usa["metonym_sectors"]["Pentagon"] == "MIL"
    assert "Kremlin" in next(c for c in countries if c["iso3"] == "RUS")["government_metonyms"]


# --- roles ----------------------------------------------------------------------------------------
def test_roles_have_valid_titles_and_sectors(roles, countries):
    assert set(roles) == {"roles", "role_modifiers", "former_markers"}
    known_countries = {c["iso3"] for c in countries}
    problems = {}
    for r in roles["roles"]:
        title = r.get("title")
        if not isinstance(title, str) or not title.strip() or title != title.lower():
            problems[repr(title)] = "title must be a non-empty lower-case string"
        if "sector" not in r or r["sector"] not in SECTORS:
            problems[repr(title)] = f"bad sector {r.get('sector')!r}"
        alts = r.get("alt_sectors", [])
        if not isinstance(alts, list) or any(a not in SECTORS or a is None for a in alts):
            problems[repr(title)] = f"bad alt_sectors {alts!r}"
        if "country" in r and r["country"] not in known_countries:
            problems[repr(title)] = f"country {r['country']!r} is not in countries.yaml"
        if set(r) - {"title", "sector", "alt_sectors", "country", "note"}:
            problems[repr(title)] = f"unexpected keys {sorted(set(r) - {'title', 'sector', 'alt_sectors', 'note'})}"
    report("malformed roles", problems)


def test_role_titles_are_unique(roles):
    seen: dict[str, list[str]] = defaultdict(list)
    for r in roles["roles"]:
        seen[title_key(r["title"])].append(r["title"])
    report("duplicate role titles (after folding hyphens and full stops)",
           {k: v for k, v in seen.items() if len(v) > 1})


def test_role_titles_from_the_brief_are_coded(roles):
    sector = {title_key(r["title"]): r["sector"] for r in roles["roles"]}
    alts = {title_key(r["title"]): r.get("alt_sectors", []) for r in roles["roles"]}
    expected = {
        "prime minister": "GOV", "president": "GOV", "king": "GOV", "emir": "GOV", "crown prince": "GOV",
        "governor": "GOV", "mayor": "GOV", "foreign minister": "GOV", "deputy prime minister": "GOV",
        "foreign ministry spokesman": "GOV", "ambassador": "GOV", "speaker": "LEG", "lawmaker": "LEG",
        "deputy": "LEG", "senator": "LEG", "member of parliament": "LEG", "chairman of the standing committee": "LEG",
        "chairperson of the senate": "LEG", "general": "MIL", "army chief of staff": "MIL",
        "chief of general staff": "MIL", "chief of staff": "GOV", "soldier": "MIL", "troops": "MIL",
        "police chief": "COP", "policeman": "COP", "judge": "JUD", "attorney general": "JUD", "prosecutor": "JUD",
        "party leader": "PTY", "opposition leader": "OPP", "rebel leader": "REB", "guerrilla": "REB",
        "militant": "REB", "ceo": "BUS", "journalist": "MED", "professor": "EDU", "imam": "REL", "pope": "REL",
        "protester": "CVL", "refugee": "REF", "activist": "NGO", "aid worker": "NGO", "justice minister": "GOV",
    }
    wrong = {k: sector.get(k, "<missing>") for k, v in expected.items() if sector.get(k, "<missing>") != v}
    report("roles with an unexpected sector", wrong)
    assert "MIL" in alts["defense minister"]


def test_role_modifiers_and_former_markers(roles):
    for key in ("role_modifiers", "former_markers"):
        words = roles[key]
        assert isinstance(words, list) and words
        report(f"{key} not lower-case strings", [w for w in words if not isinstance(w, str) or w != w.lower()])
        report(f"duplicate {key}", sorted({w for w in words if words.count(w) > 1}))
    assert {"former", "ex-", "late"} <= set(roles["former_markers"])
    assert {"vice", "deputy", "acting", "former", "senior", "top", "chief", "assistant"} <= set(roles["role_modifiers"])


# --- organizations --------------------------------------------------------------------------------
def test_organization_sections(organizations):
    assert set(organizations) == {"keywords", "international", "named"}


def test_organization_keywords(organizations):
    problems = {}
    seen: dict[str, int] = defaultdict(int)
    for k in organizations["keywords"]:
        word = k.get("word")
        if not isinstance(word, str) or word != word.lower() or not word.strip():
            problems[repr(word)] = "word must be a non-empty lower-case string"
            continue
        seen[title_key(word)] += 1
        if "sector" not in k or k["sector"] not in SECTORS:
            problems[word] = f"bad sector {k.get('sector')!r}"
        if any(a not in SECTORS or a is None for a in k.get("alt_sectors", [])):
            problems[word] = f"bad alt_sectors {k.get('alt_sectors')!r}"
        exc = k.get("except_with", [])
        if not isinstance(exc, list) or any(not isinstance(x, str) or x != x.lower() or " " in x for x in exc):
            problems[word] = f"except_with must list single lower-case words: {exc!r}"
        if set(k) - {"word", "sector", "alt_sectors", "except_with", "note"}:
            problems[word] = f"unexpected keys {sorted(k)}"
    problems.update({f"duplicate {w}": n for w, n in seen.items() if n > 1})
    report("malformed organization keywords", problems)
    sectors = {title_key(k["word"]): k["sector"] for k in organizations["keywords"]}
    for word, sector in {"parliament": "LEG", "party congress": "PTY", "central bank": "GOV", "bank": "BUS",
                         "police": "COP", "court": "JUD", "party": "PTY", "rebels": "REB", "newspaper": "MED",
                         "university": "EDU", "church": "REL", "trade union": "CVL", "ngo": "NGO",
                         "defense ministry": "GOV", "security forces": "COP", "militia": "REB"}.items():
        assert sectors.get(word) == sector, (word, sectors.get(word))
    congress = next(k for k in organizations["keywords"] if k["word"] == "congress")
    assert "party" in congress["except_with"]


def test_international_organizations(organizations):
    problems = {}
    for o in organizations["international"]:
        name = o.get("name")
        if not isinstance(name, str) or not name.strip():
            problems[repr(name)] = "missing name"
            continue
        if o.get("kind") not in ("IGO", "NGO"):
            problems[name] = f"kind must be IGO or NGO, not {o.get('kind')!r}"
        if "sector" not in o or o["sector"] not in SECTORS:
            problems[name] = f"bad sector {o.get('sector')!r}"
        for key in ("acronyms", "aliases"):
            value = o.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                problems[f"{name}.{key}"] = value
            if any(fold(v).startswith("the ") for v in value):
                problems[f"{name}.{key}"] = "write aliases without a leading 'the'"
        if set(o) - {"name", "acronyms", "aliases", "sector", "kind", "note"}:
            problems[name] = f"unexpected keys {sorted(o)}"
    report("malformed international organizations", problems)
    names = {o["name"] for o in organizations["international"]}
    for required in ("United Nations", "European Union", "North Atlantic Treaty Organization", "African Union",
                     "International Monetary Fund", "World Bank", "Amnesty International", "Human Rights Watch",
                     "International Committee of the Red Cross", "Medecins Sans Frontieres"):
        assert required in names, required


def test_named_organizations(organizations, countries):
    codes = {c["iso3"] for c in countries}
    problems = {}
    for o in organizations["named"]:
        name = o.get("name")
        if not isinstance(name, str) or not name.strip():
            problems[repr(name)] = "missing name"
            continue
        if "country" not in o:
            problems[name] = "country missing (use null for transnational groups)"
        elif o["country"] is None:
            if o.get("kind") != "transnational":
                problems[name] = "country null needs kind: transnational"
        elif o["country"] not in codes:
            problems[name] = f"unknown country {o['country']!r}"
        if "sector" not in o or o["sector"] not in SECTORS or o["sector"] is None:
            problems[name] = f"bad sector {o.get('sector')!r}"
        if any(a not in SECTORS or a is None for a in o.get("alt_sectors", [])):
            problems[name] = f"bad alt_sectors {o.get('alt_sectors')!r}"
        for key in ("acronyms", "aliases"):
            value = o.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                problems[f"{name}.{key}"] = value
        if set(o) - {"name", "acronyms", "aliases", "country", "sector", "alt_sectors", "kind", "note"}:
            problems[name] = f"unexpected keys {sorted(o)}"
    report("malformed named organizations", problems)


def test_no_organization_name_or_acronym_maps_to_two_organizations(organizations):
    owners: dict[str, set[str]] = defaultdict(set)
    for section in ("international", "named"):
        for o in organizations[section]:
            for name in [o["name"], *o.get("acronyms", []), *o.get("aliases", [])]:
                owners[strip_the(name)].add(f"{section}:{o['name']}")
    collisions = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    report("organization names/acronyms claimed twice", collisions)


# --- collectives ----------------------------------------------------------------------------------
def test_collectives(collectives):
    problems = {}
    patterns = []
    for c in collectives:
        pattern = c.get("pattern")
        if not isinstance(pattern, str) or pattern != pattern.lower() or not pattern.strip():
            problems[repr(pattern)] = "pattern must be a non-empty lower-case string"
            continue
        patterns.append(pattern)
        placeholders = set(re.findall(r"\{(\w+)\}", pattern))
        if placeholders - {"demonym", "name"}:
            problems[pattern] = f"unknown placeholder(s) {sorted(placeholders)}"
        if c.get("meaning") not in ("country", "dyad"):
            problems[pattern] = f"meaning must be country or dyad, not {c.get('meaning')!r}"
        elif c["meaning"] == "country" and not placeholders:
            problems[pattern] = "a country pattern needs {demonym} or {name}"
        if c.get("sector") not in SECTORS:
            problems[pattern] = f"bad sector {c.get('sector')!r}"
        if set(c) - {"pattern", "meaning", "sector", "note"}:
            problems[pattern] = f"unexpected keys {sorted(c)}"
    problems.update({f"duplicate {p}": patterns.count(p) for p in set(patterns) if patterns.count(p) > 1})
    report("malformed collectives", problems)
    by_pattern = {c["pattern"]: c for c in collectives}
    assert by_pattern["the {demonym} side"]["meaning"] == "country"
    assert by_pattern["both sides"]["meaning"] == "dyad"
    assert by_pattern["the two governments"]["sector"] == "GOV"
    assert by_pattern["the two legislatures"]["sector"] == "LEG"
