"""The event lexicon (parley/data/events/*.yaml) as lookups: CAMEO codes with Goldstein and PLOVER values,
the verbs, nouns and phrases that trigger codes, and the topic table.

Users extend every table with a YAML file of the same shape named by $PARLEY_EVENTS (keys `codes`,
`triggers`, `topics`), read on top of the shipped files.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "events"
USER_FILE_ENV = "PARLEY_EVENTS"


@dataclass(frozen=True)
class Trigger:
    code: str
    verb: str | None = None
    noun: str | None = None
    objects: frozenset[str] = frozenset()
    prep: str | None = None
    target_preps: tuple[str, ...] = ()
    source_preps: tuple[str, ...] = ()
    intent_code: str | None = None
    modifier: str | None = None  # first words of a multiword noun ("air" of "air strike")
    swap: bool = False  # the subject receives: "Kazakhstan received aid from Japan"
    intransitive: bool = False  # fires only without a direct object: "demonstrated", not "demonstrated resolve"
    plover_mode: str | None = None

    @property
    def specificity(self) -> int:
        return (2 if self.objects else 0) + (1 if self.prep else 0) + (1 if self.modifier else 0)


@dataclass(frozen=True)
class CodeInfo:
    code: str
    name: str
    goldstein: float | None
    plover: str | None
    plover_mode: str | None


@dataclass
class Lexicon:
    codes: dict[str, CodeInfo] = field(default_factory=dict)
    verbs: dict[str, list[Trigger]] = field(default_factory=dict)
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)
    quad_class: dict[str, int] = field(default_factory=dict)
    intent_by_root: dict[str, str] = field(default_factory=dict)
    reject_by_root: dict[str, str] = field(default_factory=dict)
    appeal_by_root: dict[str, str] = field(default_factory=dict)
    demand_by_root: dict[str, str] = field(default_factory=dict)
    topics: list[tuple[str, re.Pattern]] = field(default_factory=list)

    def info(self, code: str) -> CodeInfo | None:
        return self.codes.get(code) or self.codes.get(code[:3]) or self.codes.get(code[:2] + "0")

    def shifted(self, table: dict[str, str], code: str) -> str | None:
        """The code an event takes under intent/appeal/refusal: most specific key first (0611, 061, 06)."""
        for key in (code, code[:3], code[:2]):
            if key in table:
                return table[key]
        return None

    def topics_in(self, text: str) -> list[str]:
        low = text.lower()
        return [name for name, pattern in self.topics if pattern.search(low)]


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _code(value) -> str:
    text = str(value)
    return text.zfill(3) if len(text) < 3 else text


def add_tables(lex: Lexicon, cameo: dict | None, triggers: list | None, topics: list | None) -> None:
    cameo = cameo or {}
    for code, info in (cameo.get("codes") or {}).items():
        code = _code(code)
        info = info or {}
        lex.codes[code] = CodeInfo(code, info.get("name", ""), info.get("goldstein"), info.get("plover"),
                                   info.get("plover_mode"))
    for name in ("quad_class",):
        for k, v in (cameo.get(name) or {}).items():
            lex.quad_class[str(k).zfill(2)[:2]] = int(v)
    for name in ("intent_by_root", "reject_by_root", "appeal_by_root", "demand_by_root"):
        table = getattr(lex, name)
        for k, v in (cameo.get(name) or {}).items():
            key = str(k)
            table[key.zfill(2) if len(key) < 2 else key] = _code(v)
    for t in triggers or []:
        if not isinstance(t, dict) or "code" not in t:
            continue
        noun = t.get("noun")
        modifier = None
        if noun and " " in str(noun).strip():
            *mods, noun = str(noun).lower().split()
            modifier = " ".join(mods)
        trig = Trigger(
            code=_code(t["code"]),
            verb=str(t["verb"]).lower() if t.get("verb") else None,
            noun=str(noun).lower() if noun else None,
            objects=frozenset(str(o).lower() for o in _as_list(t.get("object"))),
            prep=str(t["prep"]).lower() if t.get("prep") else None,
            target_preps=tuple(str(p).lower() for p in _as_list(t.get("target_preps"))),
            source_preps=tuple(str(p).lower() for p in _as_list(t.get("source_preps"))),
            intent_code=_code(t["intent_code"]) if t.get("intent_code") else None,
            modifier=modifier,
            swap=bool(t.get("swap")),
            intransitive=bool(t.get("intransitive")),
            plover_mode=t.get("plover_mode"),
        )
        if trig.verb:
            lex.verbs.setdefault(trig.verb, []).append(trig)
        elif trig.noun:
            lex.nouns.setdefault(trig.noun, []).append(trig)
    for topic in topics or []:
        words = [re.escape(str(k).lower()) for k in _as_list(topic.get("keywords"))]
        if words:
            pattern = re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])")
            lex.topics.append((topic["topic"], pattern))


def _yaml(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_lexicon(user_file: str | os.PathLike | None = None) -> Lexicon:
    user_file = user_file or os.environ.get(USER_FILE_ENV) or None
    return _load(str(user_file) if user_file else None)


@functools.lru_cache(maxsize=4)
def _load(user_file: str | None) -> Lexicon:
    lex = Lexicon()
    add_tables(lex, _yaml(DATA / "cameo.yaml"), _yaml(DATA / "triggers.yaml"), _yaml(DATA / "topics.yaml"))
    if user_file:
        extra = _yaml(Path(user_file)) or {}
        if not isinstance(extra, dict):
            raise ValueError(f"{user_file}: expected a mapping with codes/triggers/topics")
        add_tables(lex, {"codes": extra.get("codes") or {}}, extra.get("triggers"), extra.get("topics"))
    return lex
