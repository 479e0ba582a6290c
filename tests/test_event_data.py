"""Invariants of the event-coding data tables in parley/data/events.

These tests read the YAML files directly, so they guard the data whatever the matcher does with it:
every code a trigger or a recoding table names must exist, every code must carry a Goldstein weight
and a PLOVER type, and the lexicon must be written in the form the matcher looks words up in.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).parents[1] / "parley" / "data" / "events"

PLOVER_TYPES = {
    "MAKE-STATEMENT",
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
ROOTS = {f"{i:02d}" for i in range(1, 21)}
CODE_RE = re.compile(r"^\d{3,4}$")
VERB_RE = re.compile(r"^[a-z][a-z-]*$")
WORD_RE = re.compile(r"^[a-z0-9][a-z0-9'-]*$")
TRIGGER_KEYS = {
    "code",
    "verb",
    "noun",
    "object",
    "prep",
    "target_preps",
    "source_preps",
    "intent_code",
    "swap",
    "intransitive",
    "plover_mode",
    "note",
}
CODE_KEYS = {"name", "goldstein", "plover", "plover_mode", "note"}
BY_ROOT_TABLES = ("intent_by_root", "reject_by_root", "appeal_by_root", "demand_by_root")


def _load(name: str):
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def cameo() -> dict:
    return _load("cameo.yaml")


@pytest.fixture(scope="module")
def codes(cameo) -> dict:
    return cameo["codes"]


@pytest.fixture(scope="module")
def triggers() -> list:
    return _load("triggers.yaml")


@pytest.fixture(scope="module")
def topics() -> list:
    return _load("topics.yaml")


# ---------------------------------------------------------------- cameo.yaml


def test_codes_are_three_or_four_digit_strings_under_a_known_root(codes):
    assert len(codes) > 250
    for code in codes:
        assert isinstance(code, str) and CODE_RE.match(code), code
        assert code[:2] in ROOTS, code


def test_every_root_has_its_unspecified_code(codes):
    for root in ROOTS:
        assert f"{root}0" in codes, root


def test_four_digit_codes_have_their_parent(codes):
    for code in codes:
        if len(code) == 4:
            assert code[:3] in codes, code


def test_code_entries_are_complete(codes):
    for code, entry in codes.items():
        assert set(entry) <= CODE_KEYS, (code, set(entry) - CODE_KEYS)
        assert isinstance(entry["name"], str) and entry["name"].strip(), code
        g = entry["goldstein"]
        assert isinstance(g, (int, float)) and not isinstance(g, bool), code
        assert -10.0 <= g <= 10.0, code
        assert entry["plover"] in PLOVER_TYPES, code
        mode = entry["plover_mode"]
        assert mode is None or (isinstance(mode, str) and mode == mode.lower() and " " not in mode), code


def test_goldstein_signs_follow_the_quad_classes(cameo, codes):
    # Cooperation roots never score below -0.5, material conflict roots never above zero.
    for code, entry in codes.items():
        quad = cameo["quad_class"][code[:2]]
        if quad == 2:
            assert entry["goldstein"] > 0, code
        if quad == 4:
            assert entry["goldstein"] < 0, code


def test_roots_and_quad_classes_cover_all_roots(cameo):
    assert set(cameo["roots"]) == ROOTS
    quad = cameo["quad_class"]
    assert set(quad) == ROOTS
    assert all(quad[r] == 1 for r in ("01", "02", "03", "04", "05"))
    assert all(quad[r] == 2 for r in ("06", "07", "08"))
    assert all(quad[r] == 3 for r in ("09", "10", "11", "12", "13"))
    assert all(quad[r] == 4 for r in ("14", "15", "16", "17", "18", "19", "20"))


@pytest.mark.parametrize("table", BY_ROOT_TABLES)
def test_recoding_tables_name_existing_codes(cameo, codes, table):
    mapping = cameo[table]
    assert mapping, table
    for key, value in mapping.items():
        assert isinstance(key, str) and (key in ROOTS or key in codes), (table, key)
        assert isinstance(value, str) and value in codes, (table, key, value)


@pytest.mark.parametrize(
    "table, family",
    [
        ("intent_by_root", ("03", "13")),
        ("reject_by_root", ("12",)),
        ("appeal_by_root", ("02",)),
        ("demand_by_root", ("10",)),
    ],
)
def test_recoding_tables_land_in_their_family(cameo, table, family):
    for key, value in cameo[table].items():
        assert value[:2] in family, (table, key, value)


def test_known_recodings(cameo):
    assert cameo["intent_by_root"]["04"] == "036"
    assert cameo["intent_by_root"]["06"] == "031"
    assert cameo["intent_by_root"]["061"] == "0311"
    assert cameo["intent_by_root"]["07"] == "033"
    assert cameo["reject_by_root"]["04"] == "125"
    assert cameo["reject_by_root"]["06"] == "121"
    assert cameo["appeal_by_root"]["04"] == "026"
    assert cameo["appeal_by_root"]["061"] == "0211"
    assert cameo["demand_by_root"]["084"] == "1053"
    # "called for X to resign": the matcher presses the appeal verb itself into a demand
    assert cameo["demand_by_root"]["02"] == "100"


# ---------------------------------------------------------------- triggers.yaml


def _is_word_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v.strip() for v in value)


def test_triggers_have_exactly_one_word_and_a_known_code(triggers, codes):
    assert len(triggers) >= 250
    for entry in triggers:
        assert isinstance(entry, dict), entry
        assert set(entry) <= TRIGGER_KEYS, (entry, set(entry) - TRIGGER_KEYS)
        assert ("verb" in entry) != ("noun" in entry), entry
        assert entry["code"] in codes, entry
        if "intent_code" in entry:
            assert entry["intent_code"] in codes, entry


def test_verb_lemmas_are_single_lower_case_words(triggers):
    for entry in triggers:
        if "verb" in entry:
            verb = entry["verb"]
            assert isinstance(verb, str) and VERB_RE.match(verb), entry


def test_noun_lemmas_are_lower_case_words(triggers):
    for entry in triggers:
        if "noun" in entry:
            noun = entry["noun"]
            assert isinstance(noun, str) and noun == noun.strip(), entry
            assert all(WORD_RE.match(w) for w in noun.split(" ")), entry


def test_trigger_field_shapes(triggers):
    for entry in triggers:
        if "object" in entry:
            assert _is_word_list(entry["object"]), entry
            assert "noun" not in entry, entry
            for obj in entry["object"]:
                assert obj == obj.lower() and obj == obj.strip(), entry
                assert all(WORD_RE.match(w) for w in obj.split(" ")), entry
            assert len(set(entry["object"])) == len(entry["object"]), entry
        if "prep" in entry:
            assert isinstance(entry["prep"], str) and VERB_RE.match(entry["prep"]), entry
        for key in ("target_preps", "source_preps"):
            if key in entry:
                assert _is_word_list(entry[key]), entry
                assert all(VERB_RE.match(p) for p in entry[key]), entry
        if "swap" in entry:
            assert entry["swap"] is True and entry.get("source_preps"), entry
        if "plover_mode" in entry:
            mode = entry["plover_mode"]
            assert isinstance(mode, str) and mode == mode.lower(), entry
        if "note" in entry:
            assert isinstance(entry["note"], str) and entry["note"].strip(), entry


def _entry_key(entry: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in entry.items() if k != "note"))


def test_no_duplicate_triggers(triggers):
    counts = Counter(_entry_key(e) for e in triggers)
    dupes = [k for k, n in counts.items() if n > 1]
    assert not dupes, dupes


def test_no_conflicting_triggers(triggers):
    # The same word with the same restrictions must not point at two different codes.
    seen: dict[tuple, str] = {}
    for entry in triggers:
        restriction = tuple(
            sorted(
                (k, tuple(v) if isinstance(v, list) else v)
                for k, v in entry.items()
                if k in ("verb", "noun", "object", "prep", "swap")
            )
        )
        assert seen.setdefault(restriction, entry["code"]) == entry["code"], entry


def test_no_object_lemma_points_at_two_codes(triggers):
    # "freeze" + "fund" must not be both 162 and 163: one (word, prep, object) reading, one code.
    seen: dict[tuple, str] = {}
    for entry in triggers:
        kind = "verb" if "verb" in entry else "noun"
        for obj in entry.get("object") or [None]:
            key = (kind, entry[kind], entry.get("prep"), obj, bool(entry.get("swap")))
            assert seen.setdefault(key, entry["code"]) == entry["code"], (key, entry["code"], seen[key])


def test_light_verbs_and_core_triggers_are_present(triggers):
    def has(code, **kw):
        for e in triggers:
            if e["code"] != code:
                continue
            if all((v in e.get(k, []) if k == "object" else e.get(k) == v) for k, v in kw.items()):
                return True
        return False

    assert has("040", verb="hold", object="talk")
    assert has("057", verb="sign", object="agreement")
    assert has("042", verb="pay", object="visit")
    assert has("018", verb="express", object="condolence")
    assert has("163", verb="impose", object="sanction")
    assert has("190", verb="launch", object="attack")
    assert has("040", verb="meet")
    assert has("042", verb="visit")
    assert has("042", noun="visit")
    assert has("040", noun="talk")
    assert has("195", noun="air strike")
    assert has("020", verb="call", prep="for")
    assert has("050", verb="strengthen", object="cooperation", intent_code="030")


def test_threat_rejection_and_support_phrases_are_present(triggers):
    """Phrases that name a threat, refusal or backing without the verbs threaten/reject/support."""

    def has(code, **kw):
        return any(e["code"] == code and all((v in e.get(k, []) if k == "object" else e.get(k) == v)
                                             for k, v in kw.items()) for e in triggers)

    assert has("138", verb="vow", object="revenge")
    assert has("130", verb="warn", prep="of", object="consequence")
    assert has("180", verb="avenge", intent_code="138")
    assert has("051", verb="put", prep="behind", object="weight")
    assert has("120", verb="dismiss", object="ultimatum")
    assert has("172", verb="dismiss", object="minister")
    assert has("080", verb="meet", object="request")
    assert has("112", verb="hold", object="responsible")
    assert has("010", verb="receive", object="letter", swap=True)


# ---------------------------------------------------------------- topics.yaml


def test_topics_have_unique_names_and_lower_case_keywords(topics):
    assert len(topics) >= 30
    names = [t["topic"] for t in topics]
    assert len(names) == len(set(names))
    for t in topics:
        assert set(t) <= {"topic", "keywords", "note"}, t
        assert isinstance(t["topic"], str) and t["topic"].strip(), t
        kws = t["keywords"]
        assert _is_word_list(kws), t
        for kw in kws:
            assert kw == kw.lower() and kw == kw.strip() and "  " not in kw, (t["topic"], kw)
        assert len(kws) == len(set(kws)), t["topic"]


def test_required_topics_present(topics):
    names = {t["topic"] for t in topics}
    required = (
        "Belt and Road Initiative",
        "Global Development Initiative",
        "Global Security Initiative",
        "Global Civilization Initiative",
        "Terrorism and extremism",
        "One-China principle and Taiwan",
    )
    for name in required:
        assert name in names, name
    kws = {kw for t in topics for kw in t["keywords"]}
    assert {"belt and road", "three forces", "separatism, extremism and terrorism"} <= kws
