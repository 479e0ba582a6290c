"""Actors: recognise who is acting in an article, code them CAMEO-style, resolve their mentions.

`analyse_actors(doc, article)` reads the parse once and returns an `ArticleActors`, which the event
coder asks "who is this noun phrase?" (`participants(token)`). The coding rules are data
(`parley/data/actors/*.yaml`, see `knowledge.py`); this module holds only the reading of syntax:
names and their titles (apposition, pre-modifiers, possessives), organizations from their keywords,
countries from names, demonyms and capitals, collective phrases ("the Kazakh side", "both sides"),
surnames and pronouns resolved to the person they refer to.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from parley.actors.knowledge import Knowledge, country_on, fold, load_knowledge, name_key
from parley.places import gazetteer
from parley.types import Actor, Article, Mention, Participant, Role
from parley.types import Span as CharSpan

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
GROUP_PRONOUNS = {"it", "they", "them", "we"}
GENERIC_TITLES = {
    "chairman", "chairperson", "chairwoman", "chair", "head", "leader", "member", "members", "president", "director",
    "vice chairman", "vice chairperson", "vice chairwoman", "vice president", "secretary general",
    "deputy", "spokesman", "spokeswoman", "spokesperson", "official", "representative", "delegation",
}
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod", "nummod"}
COLLECTIVE_HEADS = {"side", "delegation", "government", "authorities", "leadership", "administration",
                    "people", "nation", "country", "state", "regime", "camp"}
NAMING_CITY = 100_000  # a city named in a title or organization tells its country
BIG_CITY = 1_000_000  # a one-word "name" that is a city this large is the city
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "throughout"}
NOT_ACTORS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "EVENT", "LAW",
              "WORK_OF_ART", "LANGUAGE", "PRODUCT"}


@dataclass
class Ref:
    """What a noun phrase refers to, coded; `dyad` marks 'both sides'-style collective references."""

    key: str
    name: str
    type: str
    country: str | None
    sector: str | None
    role: str | None = None
    dyad: bool = False
    span: CharSpan | None = None

    def participant(self) -> Participant:
        name = self.name if self.type in ("person", "organization", "agent") else None
        return Participant(self.country, self.sector, name, self.key, self.span)


@dataclass
class ArticleActors:
    """The actors of one article and the mapping from noun-phrase heads to them."""

    article: Article
    kb: Knowledge
    mentions: list[Mention] = field(default_factory=list)
    by_head: dict[int, Ref] = field(default_factory=dict)
    people: dict[str, Ref] = field(default_factory=dict)  # person key -> coded ref
    name_index: dict[str, str] = field(default_factory=dict)  # folded surname/full name -> person key
    org_index: dict[str, Ref] = field(default_factory=dict)  # last word of a named organization -> it
    roles: dict[str, list[Role]] = field(default_factory=dict)
    country_counts: Counter = field(default_factory=Counter)
    dateline_country: str | None = None
    local_places: dict[str, str] = field(default_factory=dict)  # places the article locates: "China's Hainan"
    _actors: dict[str, Actor] = field(default_factory=dict)

    def country_of_local_place(self, name: str) -> str | None:
        key = fold(name)
        return self.local_places.get(key) or self.local_places.get(_without_region_word(key))

    # -- queries used by the event coder ---------------------------------------------------------------
    def ref(self, token: Token) -> Ref | None:
        return self.by_head.get(token.i)

    def principal_countries(self) -> list[str]:
        """The countries the article is mostly about, most mentioned first (for 'both sides')."""
        return [c for c, _ in self.country_counts.most_common() if c not in ("IGO", "NGO")]

    def representing_sector(self, country: str | None) -> str | None:
        """The state sector through which a country acts in this story: the one most of its officials belong
        to (legislators in a story of parliamentary exchanges), None when none is mentioned. Troops are not
        officials: a story of fighting does not make the state's accusations military."""
        counts = Counter(r.sector for r in self.by_head.values()
                         if r.country == country and (r.type == "person" and r.sector in STATE_SECTORS
                                                      or r.type == "agent" and r.sector in ("GOV", "LEG")))
        return counts.most_common(1)[0][0] if counts else None

    def actors(self) -> list[Actor]:
        return list(self._actors.values())

    # -- building -------------------------------------------------------------------------------------
    def register(self, ref: Ref, start: int, end: int, text: str, kind: str) -> None:
        self.mentions.append(Mention(start, end, text, kind, ref.key))
        if ref.dyad:
            return
        actor = self._actors.get(ref.key)
        if actor is None:
            actor = Actor(ref.key, ref.name, ref.type, ref.country, ref.sector)
            self._actors[ref.key] = actor
        actor.aliases.add(text)
        if ref.country and not actor.country:
            actor.country = ref.country
        if ref.sector and not actor.sector:
            actor.sector = ref.sector
        if ref.role and ref.type == "person" and not any(r.title == ref.role for r in actor.roles):
            actor.roles.append(Role(ref.role, ref.country, ref.sector, self.article.published, self.article.id))
        if ref.country and ref.country not in ("IGO", "NGO"):
            self.country_counts[ref.country] += 1


def _entity_of(token: Token) -> Span | None:
    """The named entity a token is part of, found from the token's own IOB tags."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def _phrase_tokens(head: Token) -> list[Token]:
    """The head with its left modifiers (compounds, adjectives, possessives): 'Kazakh First Deputy PM X'.
    Another person's name hung under the head by a misparse is not a modifier of it."""
    left = []
    for child in head.lefts:
        if child.ent_type_ == "PERSON" and child.dep_ in ("nmod", "conj", "appos") and head.ent_type_ == "PERSON":
            continue
        if child.dep_ in MODIFIER_DEPS or (child.dep_ == "det" and child.lower_ != "the"):
            left.extend(child.subtree)
    return sorted([*left, head], key=lambda t: t.i)


def _of_phrase(head: Token) -> list[Token]:
    """Tokens of 'of ...' attachments: 'chairperson of the Senate of Kazakhstan'."""
    out: list[Token] = []
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            out.extend(child.subtree)
    return out


class ActorReader:
    """Reads one parsed article into ArticleActors."""

    def __init__(self, doc: Doc, article: Article, kb: Knowledge, memory: dict[str, dict] | None = None):
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text on every access
        self.kb = kb
        self.memory = memory if memory is not None else {}
        self.result = ArticleActors(article, kb)
        self.person_mentions: list[tuple[int, Ref, bool]] = []  # (char offset, ref, was a subject)
        if article.dateline:
            self.result.dateline_country = kb.country_of_capital(article.dateline) or kb.country_of_name(
                article.dateline
            )

    # -- coding pieces -------------------------------------------------------------------------------
    def country_in(self, tokens: list[Token]) -> str | None:
        """The country named in a run of tokens by name, demonym, organization or capital."""
        for t in tokens:  # "U.S.-led coalition troops": the leading state
            if t.lower_.endswith("-led") and (iso := self._leader(t, tokens)) and iso not in ("IGO", "NGO"):
                return iso
        words = [t.text for t in tokens]
        n = len(words)
        phrase_at = _phrases(tokens)
        for size in range(min(4, n), 0, -1):
            for i in range(n - size + 1):
                if not words[i][:1].isupper():
                    continue  # "us", "polish", "male" are not countries
                phrase = phrase_at(i, size)
                iso = self.kb.country_of_name(phrase) or self.kb.country_of_demonym(phrase)
                if iso:
                    return iso
        starts = [self.kb.may_start_organization(t.text) for t in tokens]
        for size in range(min(5, n), 0, -1):
            for i in range(n - size + 1):
                if not starts[i]:
                    continue
                org = self.kb.organization(phrase_at(i, size))
                if org and org.country and org.country not in ("IGO", "NGO"):
                    return org.country
        for t in tokens:  # "chairperson of the Almaty Maslikhat": a city names its country
            if t.ent_type_ in ("GPE", "LOC") and t.ent_iob_ == "B":
                ent = _entity_of(t)
                local = self.result.country_of_local_place(ent.text)  # "governor of Hainan Province"
                if local:
                    return local
                if t.ent_type_ == "GPE" and gazetteer().population(ent.text) >= NAMING_CITY:
                    return country_on(gazetteer().city(ent.text).country, self.result.article.published)
            elif t.pos_ == "PROPN" and t.dep_ == "compound" and not t.ent_type_:
                if gazetteer().population(t.text) >= NAMING_CITY:
                    return country_on(gazetteer().city(t.text).country, self.result.article.published)
        return None

    def _named_after_nationality(self, text: str):
        """'the Chinese People's Liberation Army' is the named People's Liberation Army, not a keyword match."""
        words = text.split()
        if words and words[0].lower() == "the":
            words = words[1:]
        iso = self.kb.country_of_demonym(words[0]) if len(words) > 1 else None
        org = self.kb.organization(" ".join(words[1:])) if iso else None
        return org if org is not None and org.country == iso else None  # not "Iraqi National Congress"

    def org_in(self, tokens: list[Token]):
        n = len(tokens)
        phrase_at = _phrases(tokens)
        starts = [self.kb.may_start_organization(t.text) for t in tokens]
        for size in range(min(6, n), 0, -1):
            for i in range(n - size + 1):
                if not starts[i]:
                    continue
                org = self.kb.organization(phrase_at(i, size))
                if org:
                    return org
        return None

    def code_title(self, tokens: list[Token]) -> tuple[str | None, str | None, str | None]:
        """(country, sector, role text) from title words such as 'Kazakh First Deputy Prime Minister'."""
        words = list(tokens)  # the caller left out the person's own name
        if not words:
            return None, None, None
        words = _cut_circumstances(words)
        if not words:
            return None, None, None
        text = "".join(t.text_with_ws for t in words if t.lower_ != "the" or t.i != words[0].i).strip(" ,")
        sector, phrase = self.kb.role_sector(text)
        org = self.org_in(words)
        org_sector, _ = self.kb.org_sector([t.text for t in words if t.lower_ not in ("of", "the")])
        if org and org.sector and (phrase is None or phrase in GENERIC_TITLES or org.sector == "REB"):
            sector = org.sector  # an armed group's commander or "minister" is of the group (REB)
        elif org_sector and (phrase is None or phrase in GENERIC_TITLES):
            sector = org_sector
        # "envoy to Sudan": the country an envoy is posted to is not the envoy's own.
        host_at = next((k for k, t in enumerate(words) if k and t.lower_ in HOST_PREPS
                        and self._posted_title(words[k - 1])), None)
        country = self.country_in(words[:host_at] if host_at is not None else words)
        if country is None and phrase is not None:
            country = self.kb.role_countries.get(phrase)  # "Secretary of State", "House Speaker"
        if country is None and org is not None and org.country == "IGO":  # "NATO soldier", "UN envoy"
            country = "IGO"
        if phrase is not None:
            # "rebel foreign minister", "opposition spokesman": the side named before a title is its sector
            side = next((SIDE_WORDS[w] for w in (fold(t.text) for t in words) if w in SIDE_WORDS
                         and w not in phrase.split()), None)
            sector = side or sector
        role = text if (phrase or org or org_sector) else None
        if phrase is not None and any(fold(t.text) in self.kb.former_markers or t.lower_.startswith("ex-")
                                      for t in words):
            sector = None  # "former president", "sacked prime minister": an office no longer held
        return country, sector, role

    # -- recognisers ---------------------------------------------------------------------------------
    def person(self, head: Token, ent: Span) -> Ref:
        ent = self._whole_name(ent)
        name = ent.text.strip(" ,.").removesuffix("'s").removesuffix("\u2019s").strip(" ,.")
        key_name = fold(name)
        known = self.result.name_index.get(key_name)
        if known and len(name.split()) == 1:
            ref = self.result.people[known]
            return Ref(ref.key, ref.name, "person", ref.country, ref.sector, None, span=CharSpan(
                ent.start_char, ent.end_char))
        user = self.kb.people.get(key_name)
        table = None if user else self.kb.known(name, alone=not known and len(name.split()) == 1)
        if table is not None and len(name.split()) == 1 and fold(name) not in self.kb.known_people and (
                table.office_on(self.result.article.published) is None):
            table = None  # a bare surname names a known person only while in office: "Owens" is not enough
        if user is None and table is None:
            user = self.memory.get(name_key(name))
        # Not the words of another person named in the phrase ("President A and rebel leader B").
        title_tokens = [t for t in _phrase_tokens(head) if not (ent.start <= t.i < ent.end)
                        and not (t.ent_type_ == "PERSON" and t.pos_ == "PROPN")]
        if head.dep_ in ("appos", "compound") and head.head.pos_ in ("NOUN", "PROPN") and not (
                ent.start <= head.head.i < ent.end) and head.head.ent_type_ != "PERSON" and self.kb.role_sector(
                head.head.text)[1]:
            # "New Zealand's Prime Minister Helen Clark" parsed with the name in apposition to the title.
            title_tokens += [t for t in _phrase_tokens(head.head) if not (ent.start <= t.i < ent.end)]
        # "Brazilian President A and Argentine President B": the parser often gives B's title to A's
        # coordination; the words written right before a name are its title and are trusted first.
        before = self._title_before(ent)
        codings = [self.code_title(before)]
        other = self.code_title([t for t in title_tokens if t not in before])
        if not codings[0][2]:
            codings.append(other)
        elif not codings[0][0] and other[0]:
            # With its own title written before it, the parse's other title words are another's, except for
            # the country: "New Zealand's Prime Minister Helen Clark".
            codings.append((other[0], None, None))
        parts: list[list[Token]] = []
        own_appos = [c for c in head.rights if c.dep_ == "appos" and c.ent_type_ != "PERSON"
                     and not any(self.doc[k].ent_type_ == "PERSON" for k in range(ent.end, c.left_edge.i))]
        # "Hu Jintao, general secretary of the CPC ... and president of China": a coordinated title.
        own_appos += [c for c in head.rights if c.dep_ == "conj" and c.pos_ == "NOUN" and self.kb.role_sector(
            c.text)[1]]
        for appos in own_appos:
            # "general secretary of the CPC and president of China": each coordinated title is a role.
            for part in _title_parts(appos):
                if parts and part and parts[-1][-1].i + 1 == part[0].i and not parts[-1][-1].whitespace_:
                    parts[-1] = parts[-1] + part  # "vice - chairperson" parsed as three appositions
                elif part:
                    parts.append(part)
        if not parts:
            parts = [p for p in [self._title_after(ent)] if p]
        codings.extend(self.code_title(part) for part in parts)
        own_sector = codings[0][1]  # "... and rebel leader Laurent Kabila": the title written before the name
        codings = [c for c in codings if any(c)]
        country = next((c[0] for c in codings if c[0]), None)
        sectors = [c[1] for c in codings if c[1]]
        sector = own_sector or (min(sectors, key=sector_rank) if sectors else None)
        role = _join_roles([c[2] for c in codings if c[2]])
        if role and "counterpart" in role.lower():
            # "her Vietnamese counterpart": the same office as the person whose counterpart this is.
            mentioned = [self.result.people.get(r.key, r) for at, r, _ in self.person_mentions
                         if at >= head.sent.start_char]
            other = next((r for r in reversed(mentioned) if r.role and "counterpart" not in r.role.lower()), None)
            if other is not None:
                office = self.kb.role_sector(other.role)[1]
                role = f"{role} ({office})" if office else role
                sector = other.sector or sector  # a general's counterpart is a general
        if known:
            prev = self.result.people[known]
            country, sector = country or prev.country, sector or prev.sector
            role = role or prev.role
        if user:
            country = country or user.get("country")
            sector = sector or user.get("sector")
        if table:
            # Who the people tables say this is on the day of the article: the text still wins.
            office = table.office_on(self.result.article.published)
            country = country or country_on(table.country, self.result.article.published)
            if sector is None and office is not None and office.sector != "IGO":
                sector = office.sector
        key = known or f"person:{name_key(name)}|{country or '-'}"
        ref = Ref(key, name, "person", country, sector, role, span=CharSpan(ent.start_char, ent.end_char))
        if not known or (country and not self.result.people[known].country):
            self.result.people[key] = ref
        self.result.name_index[key_name] = key
        parts = name.split()
        if len(parts) > 1:
            for part in (parts[-1], parts[0]):
                self.result.name_index.setdefault(fold(part), key)
        return ref

    def _whole_name(self, ent: Span) -> Span:
        """'Alar Kask' where the recogniser found only 'Kask': capitalised name words compounded onto
        the name, not titles, demonyms or other entities, belong to it."""
        start = ent.start
        while start > 0:
            t = self.doc[start - 1]
            if (t.pos_ == "PROPN" and t.dep_ == "compound" and not t.ent_type_ and t.text[:1].isupper()
                    and not self.kb.role_sector(t.text)[1] and not self.kb.country_of_any(t.text)):
                start -= 1
            else:
                break
        return ent if start == ent.start else Span(self.doc, start, ent.end, label="PERSON")

    def _title_before(self, ent: Span) -> list[Token]:
        """The title words written right before a name: 'Azerbaijani Foreign Minister' Elnur Aliyev."""
        doc = self.doc
        i = ent.start - 1
        words: list[Token] = []
        posted = False
        while i >= 0 and len(words) < 10:
            t = doc[i]
            hyphen = t.text == "-" and not t.whitespace_ and i > 0 and not doc[i - 1].whitespace_
            if words and not posted and t.lower_ in HOST_PREPS and i > 0 and self._posted_title(doc[i - 1]):
                posted = True  # "US envoy in Sudan Andrew Natsios", "Ambassador to China Max Baucus"
                words.insert(0, t)
                i -= 1
                continue
            if words and t.tag_ == "POS" and i > 0 and self.kb.country_of_any(doc[i - 1].text):
                words[:0] = [doc[i - 1], t]  # "Pakistan's Foreign Secretary Imran Qadir"
                break
            if t.text in QUOTES:
                i -= 1  # 'Rebel "foreign minister" Bizima Karaha': quotes mark a title, they do not end it
                continue
            if words and fold(t.text) in self.kb.former_markers:
                words.insert(0, t)  # "sacked prime minister", "late king": the title says the office is past
                break
            if (t.is_punct and not hyphen) or t.pos_ in ("CCONJ", "VERB", "AUX", "ADP", "DET", "PRON", "SCONJ",
                                                        "NUM"):
                break
            modifies = t.dep_ in ("compound", "amod") and (t.head in words or ent.start <= t.head.i < ent.end)
            if not (t.text[:1].isupper() or self.kb.role_sector(t.text)[1] or modifies or hyphen) or t.ent_type_ in (
                    "DATE", "TIME"):
                break
            words.insert(0, t)
            i -= 1
        if not words or not (self.kb.role_sector(_text(words))[1] or self.country_in(words)):
            return []
        return words

    def _posted_title(self, token: Token) -> bool:
        """'envoy', 'ambassador', 'consul general': a title of someone posted to another country."""
        phrase = self.kb.role_sector(token.text)[1] if token.pos_ in ("NOUN", "PROPN") else None
        return phrase is not None and phrase.split()[-1] in POSTED_WORDS

    def _title_after(self, ent: Span) -> list[Token]:
        """', first deputy prime minister' right after a name in a list, when the parser hung the title
        on someone else: the words up to the next comma, if they make a known title."""
        doc = self.doc
        i = ent.end
        if i >= len(doc) or doc[i].text != ",":
            return []
        words = []
        for t in doc[i + 1: min(i + 16, len(doc))]:
            if t.pos_ in ("VERB", "AUX"):
                return []  # ", an aide said" is who said it, not a title
            if t.text in (",", ".", ";") or t.lower_ in ("and", "who", "which") or t.ent_type_ == "PERSON":
                break
            words.append(t)
        return words if words and self.kb.role_sector(_text(words))[1] else []

    def organization_or_country(self, head: Token, ent: Span | None) -> Ref | None:
        """Countries (by name, or a capital standing for its government), organizations (named, or a
        common noun with an organization keyword: 'the Kazakh parliament'), and 'the Kazakh side'."""
        if ent is None and head.lemma_.lower() in BACK_REFERENCES and any(
                c.lower_ == "the" for c in head.children) and not any(
                c.dep_ in ("amod", "compound", "poss", "prep") for c in head.children):
            # "Islamic Jihad said the movement would avenge ...": the organization named last
            named = [r for i, r in self.result.by_head.items() if i < head.i and r.type == "organization"
                     and r.country and r.name[:1].isupper() and r.sector in ("REB", "PTY", "OPP", "NGO")]
            if named:
                last = named[-1]
                return Ref(last.key, last.name, last.type, last.country, last.sector,
                           span=CharSpan(head.idx, head.idx + len(head.text)))
        if ent is None and head.lemma_ not in COLLECTIVE_HEADS and head.lemma_ not in LED_FORCES and not (
                self.kb.may_end_organization(head.text)):
            return None  # a common noun no organization name or keyword ends with: most nouns, and cheap
        phrase = _phrase_tokens(head)
        span_tokens = list(ent) if ent is not None else phrase
        text = _text(span_tokens)
        if text.lower().startswith("the "):
            text = text[4:]
        cspan = CharSpan(min(t.idx for t in span_tokens), max(t.idx + len(t.text) for t in span_tokens))
        modifiers = [t for t in phrase if t.i < head.i and t.dep_ in ("compound", "amod")
                     and not (ent is not None and ent.start <= t.i < ent.end)]  # "Democratic People's Republic"
        in_place = head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS
        if ent is not None and ent.label_ in ("GPE", "LOC", "FAC") and in_place and not self.kb.country_of_name(
                text):
            return None  # "talks in Hanoi": a place, not an actor
        if ent is not None and ent.label_ in ("GPE", "LOC", "NORP", "ORG", "FAC"):
            iso = self.kb.country_of_name(text)
            # as the subject only: "killed six Israelis" stays the country, whose attackers are sought elsewhere
            counted = head.dep_ == "nsubj" and any(c.dep_ == "nummod" for c in head.children) or (
                head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in COUNT_WORDS
                and head.head.head.dep_ == "nsubj")
            people = self.kb.country_of_demonym(text) if head.tag_ in ("NNPS", "NNS") and ent.label_ == "NORP" else None
            if people and counted:
                return self.country_ref(people, "CVL", cspan)  # "13,000 Albanians arrived": people, not the state
            if iso and not modifiers:
                return self.country_ref(iso, None, cspan)
            cap = self.kb.country_of_capital(text)
            if cap and not in_place and ent.label_ in ("GPE", "ORG", "FAC") and head.dep_ in (
                "nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "poss", "agent"
            ):
                return self.country_ref(cap, self.kb.metonym_sectors.get(fold(text), "GOV"), cspan)
        org = self.kb.organization(text) or self._named_after_nationality(text) or (
            self.org_in(span_tokens) if ent is not None else None)
        if org is None and ent is None and head.lemma_.lower() in GENERIC_BODIES:
            # "Abbas' Fatah movement", "the Hamas group": a named body with a common noun after its name
            names = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
            org = self.org_in(names) if names else None
        if org:
            country = org.country or self.country_in(phrase)
            if country == "NGO" and org.kind == "NGO":
                # "the U.S. Carter Center": a non-governmental body the text places in a country belongs to it
                own = set(fold(org.name).split())
                around = sorted({t.i: t for t in [*phrase, *span_tokens] if fold(t.text) not in own}.values(),
                                key=lambda t: t.i)
                country = self.country_in(around) or country
            sector = org.sector or ("NGO" if org.kind == "NGO" and country not in (None, "NGO") else None)
            return Ref(f"org:{fold(org.name)}", org.name, "organization", country, sector, span=cspan)
        led = self._led_force(head, phrase, cspan)
        if led is not None:
            return led
        words = [t.text for t in phrase if t.lower_ not in ("the", "'s")]
        sector, keyword = self.kb.org_sector(words, anchored=True)
        of_phrase = _of_phrase(head)
        if sector is None and of_phrase and self.kb.org_sector([head.text])[0] is not None:
            sector, keyword = self.kb.org_sector([head.text])
        if keyword in ("opposition", "parties") and any(c.dep_ == "prep" and c.lower_ == "to" for c in head.children):
            # "expressed its opposition to the plan": a stance; "the parties to the conflict": its sides
            return None
        if keyword == "parties" and (not any(c.dep_ in ("amod", "compound", "nummod") for c in head.children) or any(
                fold(c.text) in self.kb.org_keyword_exceptions.get("parties", set()) for c in head.children)):
            return None  # "calls on the parties to negotiate": the sides of a conflict, not political parties
        if sector is not None:
            country = self.country_in(phrase + of_phrase)
            if country is None and sector in ("MIL", "COP"):
                force_of = self.org_in([t for t in phrase if t.i != head.i])  # "NATO forces", "UN police"
                if force_of is not None and force_of.country == "IGO":
                    country = "IGO"
            earlier = self.result.org_index.get(fold(head.text)) if ent is None and country is None else None
            if earlier is not None and earlier.sector in (sector, None):
                # "Turkish Foreign Ministry ... the ministry said": the organization named before
                return Ref(earlier.key, earlier.name, earlier.type, earlier.country, earlier.sector, span=cspan)
            name = _text(t for t in phrase + of_phrase if t.lower_ != "the")
            key = f"org:{fold(name)}" if ent is not None else f"org:{fold(keyword or name)}|{country or '-'}"
            return Ref(key, name, "organization", country, sector, span=cspan)
        if ent is None and head.lemma_ not in COLLECTIVE_HEADS:
            return None
        if ent is None and head.lemma_ in ("country", "state", "nation"):
            # "all SAARC member countries", "the member states of the EU": the organization's members together
            body = self.org_in(phrase + of_phrase)
            if body is not None and body.country == "IGO":
                return Ref(f"org:{fold(body.name)}", body.name, "organization", "IGO", body.sector, span=cspan)
        country = self.country_in(phrase + (of_phrase if ent is None else []))
        if country and (ent is None or ent.label_ in ("NORP", "GPE")):
            return self.country_ref(country, None, cspan)
        if ent is not None and ent.label_ == "ORG":
            return Ref(f"org:{fold(text)}", text, "organization", self.country_in(phrase), None, span=cspan)
        return None

    def _led_force(self, head: Token, phrase: list[Token], cspan: CharSpan) -> Ref | None:
        """'the US-led coalition', 'a NATO-led force': armed forces under the leader's flag."""
        if head.lemma_ not in LED_FORCES:
            return None
        for t in phrase:
            country = self._leader(t, phrase)
            if country:
                name = _text(x for x in phrase if x.lower_ not in ("a", "an", "the"))
                return Ref(f"org:{fold(name)}|{country}", name, "organization", country, "MIL", span=cspan)
        return None

    def _leader(self, t: Token, phrase: list[Token]) -> str | None:
        """The country (or IGO) leading, when `t` is the 'led' of 'US-led' (one token) or 'NATO - led'."""
        if t.lower_.endswith("-led") and len(t.text) > 4:
            leader_text = t.text[:-4]
            org = self.kb.organization(leader_text)
            return (org.country if org is not None else None) or self.kb.country_of_any(leader_text)
        if t.lower_ == "led" and t.i >= 2 and self.doc[t.i - 1].text == "-":
            leader = [x for x in phrase if x.i < t.i - 1 and x.lower_ not in ("a", "an", "the")]
            if not leader:
                return None
            org = self.org_in(leader)
            return (org.country if org is not None else None) or self.country_in(leader)
        return None

    def country_ref(self, iso: str, sector: str | None, span: CharSpan) -> Ref:
        return Ref(f"country:{iso}", self.kb.country_display.get(iso, iso), "country", iso, sector, span=span)

    def _name_before_title(self, token: Token) -> Span | None:
        """'Farooq Feroze Khan, chairman of Pakistan's joint chiefs of staff', where the recogniser found no
        name: capitalized words with a title in apposition are a person's name."""
        if token.dep_ == "compound" or not token.text[:1].isupper():
            return None
        titled = any(c.dep_ == "appos" and c.pos_ == "NOUN" and self.kb.role_sector(
            " ".join(t.text for t in c.lefts if t.dep_ == "compound") + " " + c.text)[1] for c in token.children)
        if not titled:
            return None
        start = token.i
        while start > 0 and token.doc[start - 1].dep_ == "compound" and token.doc[start - 1].pos_ == "PROPN" and (
                token.doc[start - 1].head.i == token.i):
            start -= 1
        words = token.doc[start:token.i + 1]
        if self.kb.country_of_any(words.text) or self.kb.organization(words.text) or any(
                self.kb.role_sector(t.text)[1] for t in words):
            return None
        return Span(token.doc, start, token.i + 1, label="PERSON")

    def _name_after_known_title(self, token: Token) -> Span | None:
        """'Chinese Vice Premier Hui Liangyu', where the recogniser found no name: capitalized words right
        after a known title, ending the phrase, are a person's name."""
        if token.dep_ == "compound" or not token.text[:1].isupper() or self.kb.role_sector(token.text)[1]:
            return None
        chain = [token]
        while chain[0].i > 0 and token.doc[chain[0].i - 1].dep_ == "compound" and (
                token.doc[chain[0].i - 1].head.i == token.i and token.doc[chain[0].i - 1].pos_ == "PROPN"):
            chain.insert(0, token.doc[chain[0].i - 1])
        for size in (1, 2, 3):
            if size >= len(chain):
                break
            name, title = chain[-size:], chain[:-size]
            if any(self.kb.role_sector(t.text)[1] or self.kb.country_of_any(t.text) for t in name):
                break
            _, found = self.kb.role_sector(" ".join(t.text for t in title[-3:]))
            if found is not None and fold(" ".join(t.text for t in title[-3:])).endswith(found):
                return Span(token.doc, name[0].i, token.i + 1, label="PERSON")
        return None

    def titled_person(self, head: Token) -> Ref | None:
        """A person named only by title: 'the president', 'China's top legislator', 'the Kazakh minister'."""
        # Tested first: most nouns are not titles, and coding a title is costly. The head with its compounds,
        # so that "police chief" is a title although "chief" alone is only a modifier.
        compounds = [t for t in head.lefts if t.dep_ == "compound" and t.i == head.i - 1]
        _, phrase_title = self.kb.role_sector(" ".join([*(t.text for t in compounds), head.text]))
        before = head.doc[head.i - 1] if head.i > 0 else None
        if phrase_title is None and before is not None and before.dep_ == "amod" and before.head.i == head.i:
            # "a military chief" (not "civilian casualties", though "civilian" is a title)
            _, phrase_title = self.kb.role_sector(f"{before.text} {head.text}")
            if phrase_title is not None and not phrase_title.endswith(fold(head.text)):
                phrase_title = None
        if phrase_title is None:
            return None
        phrase = _phrase_tokens(head) + _of_phrase(head)
        country, sector, role = self.code_title(phrase)
        if role is None or sector is None:
            return None
        if phrase_title in ("counterpart", "counterparts"):
            # "his Egyptian counterpart": of the same office as whose counterpart he is
            owner = next((self.pronoun(c) if c.pos_ == "PRON" else self.result.by_head.get(c.i)
                          for c in head.children if c.dep_ == "poss"), None)
            if owner is not None and owner.sector:
                sector = owner.sector
        # The same title earlier in the article names a person: 'Koshanov, the speaker, ... the speaker said'.
        for ref in reversed(list(self.result.people.values())):
            if ref.role and phrase_title in fold(ref.role) and (country is None or ref.country == country):
                return ref
        start = min(t.idx for t in phrase)
        end = max(t.idx + len(t.text) for t in phrase)
        name = _text(t for t in phrase if t.lower_ not in ("the", "his", "her", "their", "its", "a", "an"))
        key = f"title:{fold(name)}|{country or '-'}"
        return Ref(key, name, "agent", country, sector, role, span=CharSpan(start, end))

    def collective(self, head: Token) -> Ref | None:
        phrase = _phrase_tokens(head)
        words = fold(" ".join(t.text for t in phrase))
        if head.lemma_ not in ("side", "country", "nation", "government", "state", "party", "legislature", "head",
                               "parliament", "body", "leader"):
            return None
        numbered = any(t.lower_ in ("both", "two") for t in phrase)
        if not numbered:
            return None
        sector = None
        for c in self.kb.collectives:
            pattern = fold(str(c.get("pattern", "")))
            if pattern and pattern.replace("the ", "") in words:
                sector = c.get("sector")
        if sector is None:
            sector, _ = self.kb.org_sector([t.text for t in phrase])
            if head.lemma_ == "government":
                sector = "GOV"
        start = min(t.idx for t in phrase)
        end = max(t.idx + len(t.text) for t in phrase)
        return Ref(f"dyad:{words}", words, "collective", None, sector, dyad=True, span=CharSpan(start, end))

    def pronoun(self, token: Token) -> Ref | None:
        low = token.lower_
        if low in PERSON_PRONOUNS:
            # The last person who was a subject before the sentence wins over a person only mentioned
            # ("Pohamba ... met Nathan. He also met ..." is Pohamba); within the sentence, the last subject
            # ("Clinton told reporters after his meeting" is Clinton), else the last person.
            earlier = [(at, ref, subj) for at, ref, subj in self.person_mentions if at < token.idx]
            asker = token.head.head.head if token.head.dep_ == "pobj" else token.head.head
            judged = token.dep_ == "poss" and token.head.dep_ == "dobj" and (
                token.head.head.lemma_.lower() in JUDGING_OTHERS and token.head.lemma_.lower() in VIEW_NOUNS)
            if judged or token.dep_ == "poss" and token.head.lemma_.lower() in DONE_TO_OTHERS and (
                    asker.pos_ == "VERB" and asker.lemma_.lower() in ASKING_VERBS):
                # "Howard called for his resignation": one demands another's resignation, arrest or release,
                # so "his" is not the subject of the sentence but the last other person
                subject_keys = {ref.key for at, ref, subj in earlier if subj and at >= token.sent.start_char}
                others = [m for m in earlier if m[1].key not in subject_keys]
                if others and subject_keys:
                    return others[-1][1]
            if low in ("him", "her") and token.dep_ in ("dobj", "dative", "iobj"):
                # "he invited him to visit": an object pronoun is not its own verb's subject
                subj = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
                taken = self.result.by_head.get(subj.i) if subj is not None and subj.i < token.i else None
                if taken is not None:
                    earlier = [m for m in earlier if m[1].key != taken.key]
            in_sentence = [m for m in earlier if m[0] >= token.sent.start_char]
            if in_sentence:
                subjects_here = [m for m in in_sentence if m[2]]
                return (subjects_here or in_sentence)[-1][1]
            subjects = [m for m in earlier if m[2]]
            chosen = subjects[-1] if subjects else (earlier[-1] if earlier else None)
            return chosen[1] if chosen else None
        if low in ("it",):
            sent_start = token.sent.start_char
            if token.dep_ == "nsubj":
                # "Kenya asked Ethiopia to cease operations, as it announced a meeting": a subject "it" is the
                # sentence's earlier subject, as "he" is
                subjects = [r for i, r in self.result.by_head.items() if token.sent.start <= i < token.i
                            and self.doc[i].dep_ == "nsubj" and r.type in ("country", "organization")]
                if subjects:
                    return subjects[-1]
            for mention in reversed(self.result.mentions):
                if mention.start < token.idx and mention.actor_key and mention.actor_key.startswith(
                        ("org:", "country:")) and mention.start >= sent_start - 400:
                    return self._ref_from_actor(mention.actor_key)
        return None

    def _ref_from_actor(self, key: str) -> Ref | None:
        actor = self.result._actors.get(key)
        if actor is None:
            return None
        return Ref(actor.key, actor.name, actor.type, actor.country, actor.sector)

    # -- the pass over the document ------------------------------------------------------------------
    def learn_local_places(self) -> None:
        """Provinces and towns the gazetteer does not know, placed by the article itself: "China's
        southernmost Hainan Province", "Kandahar, Afghanistan", "the Afghan province of Helmand"."""
        doc = self.doc
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC") or self.kb.country_of_name(ent.text):
                continue
            iso = None
            owner = [c for c in ent.root.children if c.dep_ == "poss" and not (ent.start <= c.i < ent.end)]
            if owner:
                iso = self.kb.country_of_name(owner[0].text)
            j = ent.start - 1
            while j > 0 and ent.start - j <= 2 and doc[j].is_lower and doc[j].pos_ in ("ADJ", "ADV", "NOUN"):
                j -= 1  # "China's southernmost Hainan Province"
            if iso is None and j > 0 and doc[j].tag_ == "POS":
                iso = self.kb.country_of_name(doc[j - 1].text)
            if iso is None and ent.end + 1 < len(doc) and doc[ent.end].text == ",":
                iso = self.kb.country_of_name(doc[ent.end + 1].text) if doc[ent.end + 1].ent_type_ == "GPE" else None
            head = ent.root.head
            if iso is None and ent.root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in REGION_WORDS:
                # "the Afghan province of Helmand", "Pakistan's province of Baluchistan"
                for c in head.head.children:
                    if c.dep_ in ("amod", "poss", "compound"):
                        iso = iso or self.kb.country_of_any(c.text)
            if iso:
                key = fold(ent.text)
                self.result.local_places.setdefault(key, iso)
                self.result.local_places.setdefault(_without_region_word(key), iso)

    def read(self) -> ArticleActors:
        res = self.result
        self.learn_local_places()
        sentences = list(self.doc.sents)
        for n, sent in enumerate(sentences):
            first_person = []
            for token in sent:
                if token.lower_ in FIRST_PERSON and token.pos_ == "PRON":
                    first_person.append(token)
                    continue
                self._record(token, self.read_token(token))
            # "I will ask President Mubarak ...," Arafat said: I and we in a quote are its speaker.
            for token in first_person:
                speaker = self.quote_speaker(sentences, n)
                if speaker is not None and token.lower_ in ("we", "us", "our") and speaker.type == "person":
                    speaker = self.institution_of(speaker)
                self._record(token, speaker)
        self._fill_missing_countries()
        return res

    def quote_speaker(self, sentences: list, n: int) -> Ref | None:
        """The actor who says the quote a sentence belongs to: the subject of its speech verb, in the
        sentence itself or the next one ('"...," he added.')."""
        from parley.events.modality import SPEECH_VERBS

        for sent in sentences[n:n + 2]:
            for t in sent:
                if t.lemma_ in SPEECH_VERBS:
                    for subj in (c for c in t.children if c.dep_ == "nsubj"):
                        ref = self.result.by_head.get(subj.i)
                        if ref is not None and subj.lower_ not in FIRST_PERSON:
                            return ref
        return None

    def institution_of(self, person: Ref) -> Ref:
        """'We' said by an official is the country (and sector) the official speaks for."""
        if person.country:
            return Ref(f"country:{person.country}", self.kb.country_display.get(person.country, person.country),
                       "country", person.country, person.sector)
        return person

    def _record(self, token: Token, ref: Ref | None) -> None:
        if ref is None:
            return
        self.result.by_head[token.i] = ref
        words = ref.name.split()
        if ref.type == "organization" and ref.country and len(words) > 1 and words[-1][:1].isupper():
            # "Islamic Jihad ... Jihad criticised": a named organization may come back by its last word
            self.result.org_index.setdefault(fold(words[-1]), ref)
        if ref.type in ("organization", "agent") and ref.country and ref.sector:
            # "the Zairean armed forces, the FAZ", "the Islamic Courts Union (ICU)": the acronym the story
            # gives a body stands for it from then on
            for c in token.children:
                if c.dep_ == "appos" and c.text.isupper() and 2 <= len(c.text) <= 6 and c.is_alpha:
                    self.result.org_index.setdefault(fold(c.text), ref)
        if ref.type in ("person", "agent") and token.tag_ not in ("NNS", "NNPS"):
            # "the two ministers" are no antecedent of "he"
            is_subject = token.pos_ != "PRON" and token.dep_ in ("nsubj", "nsubjpass")
            self.person_mentions.append((token.idx, ref, is_subject))
        span = ref.span or CharSpan(token.idx, token.idx + len(token.text))
        self.result.register(ref, span.start, span.end, self.text[span.start:span.end], ref.type)

    def read_token(self, token: Token) -> Ref | None:
        """The actor a noun-phrase head refers to, if any."""
        if token.pos_ not in ("PROPN", "NOUN", "PRON", "ADJ"):
            return None
        ent = _entity_of(token)
        if token.dep_ == "compound" and not _ends_misattached_name(token, ent):
            return None
        if token.pos_ == "PRON":
            return self.pronoun(token)
        if ent is None and token.pos_ == "PROPN":
            ent = _name_extended_by_parse(token) or self._name_after_known_title(token) or (
                self._name_before_title(token))
        if ent is not None and ent.label_ in NOT_ACTORS:
            return None
        if ent is not None and ent.label_ in ("GPE", "ORG", "NORP") and self._name_after_title(ent):
            ent = Span(self.doc, ent.start, ent.end, label="PERSON")  # "Vice President Thabo Mbeki" as a GPE
        if ent is not None and token.i != ent.end - 1 and token.head.i in range(ent.start, ent.end):
            return None  # only the entity's head token carries the reference
        # A surname or given name of a person already named in this article, whatever the NER label (or
        # tag: the small model tags an unknown surname that opens a sentence as a common noun).
        if token.pos_ == "PROPN" or (token.pos_ == "NOUN" and ent is None and token.text[:1].isupper()
                                     and fold(token.text) in self.result.name_index):
            span_text = ent.text if ent is not None else token.text
            key = self.result.name_index.get(fold(span_text)) or (
                self.result.name_index.get(fold(token.text)) if ent is None or len(ent) == 1 else None)
            if key and ent is not None and ent.label_ != "PERSON" and len(span_text.split()) == 1:
                ent = None
            if key and (ent is None or ent.label_ != "PERSON" or len(ent) == 1):
                ref = self.result.people[key]
                return Ref(ref.key, ref.name, "person", ref.country, ref.sector,
                           span=CharSpan(token.idx, token.idx + len(token.text)))
            short = self.result.org_index.get(fold(token.text)) if ent is None or len(ent) == 1 else None
            if short is not None and not key and not self.kb.country_of_any(token.text):
                return Ref(short.key, short.name, short.type, short.country, short.sector,
                           span=CharSpan(token.idx, token.idx + len(token.text)))
        if ent is not None and ent.label_ in ("ORG", "NORP") and len(ent) == 1 and not self.kb.organization(
                ent.text) and not self.kb.country_of_any(ent.text) and self.kb.known(ent.text, alone=True):
            ent = Span(self.doc, ent.start, ent.end, label="PERSON")  # "Mobutu" tagged as an organization
        if ent is not None and ent.label_ == "PERSON" and len(ent) == 1 and gazetteer().population(
                ent.text) >= BIG_CITY and ent.text not in self.result.name_index:
            ent = Span(self.doc, ent.start, ent.end, label="GPE")  # "visited Shenyang" tagged as a name
        if ent is not None and ent.label_ == "PERSON":
            if self.kb.country_of_any(ent.text) or self.kb.organization(ent.text):
                return self.organization_or_country(token, None)
            return self.person(token, ent)
        collective = self.collective(token)
        if collective is not None:
            return collective
        if ent is None and token.pos_ == "NOUN" and token.dep_ == "conj" and token.head.ent_type_ == "PERSON" and (
                self.kb.role_sector(token.text)[1]):
            return self.result.by_head.get(token.head.i)  # the second title of the person it follows
        if ent is None and (token.pos_ == "NOUN" or token.pos_ == "PROPN" and token.dep_ != "compound"):
            titled = self.titled_person(token)  # "a US Marine", "the President" tagged as names
            if titled is not None:
                return titled
        if ent is None and token.pos_ == "ADJ":
            return None
        if ent is not None and ent.label_ == "NORP" and len(ent) == 1 and not self.kb.country_of_any(token.text):
            titled = self.titled_person(token)  # "the Islamists", tagged as a group like "the Kazakhs"
            if titled is not None:
                return titled
        return self.organization_or_country(token, ent)

    def _name_after_title(self, ent: Span) -> bool:
        """A name the recogniser mislabelled as a place or organization although a personal title stands
        right before it, and that names no known country, capital, organization or city."""
        if ent.start == 0 or len(ent) < 2 or not all(t.pos_ == "PROPN" for t in ent):
            return False
        before = self.doc[ent.start - 1]
        if before.pos_ not in ("PROPN", "NOUN") or self.kb.role_sector(before.text)[1] is None:
            return False
        text = ent.text
        return not (self.kb.country_of_any(text) or self.kb.country_of_capital(text) or self.kb.organization(text)
                    or gazetteer().population(text) > 0)

    def _possessor_country(self, token: Token) -> str | None:
        """'his forces', 'Meles's government': a body belonging to someone is of their country."""
        for c in token.children:
            if c.dep_ == "poss":
                ref = self.result.by_head.get(c.i)
                if ref is not None and ref.country and ref.country not in ("IGO", "NGO"):
                    return ref.country
        return None

    def _leader_country(self, token: Token) -> str | None:
        """'a delegation headed by Pakistan's Foreign Secretary': a group led by someone is of their country."""
        for acl in token.children:
            if acl.dep_ == "acl" and acl.lemma_ in ("head", "lead"):
                for agent in acl.children:
                    if agent.dep_ == "agent":
                        for leader in agent.children:
                            ref = self.result.by_head.get(leader.i)
                            if leader.dep_ == "pobj" and ref is not None and ref.country:
                                return ref.country
        return None

    def _fill_missing_countries(self) -> None:
        """A person whose country the text never states takes it from the people listed with them
        ('met with A of Kazakhstan, B and C'), and failing that from the dateline."""
        doc = self.doc
        res = self.result
        for idx, ref in list(res.by_head.items()):
            if ref.type == "organization" and not ref.country:
                ref.country = self._possessor_country(doc[idx])  # "his forces"
                continue
            if ref.type not in ("person", "agent") or ref.country:
                continue
            token = doc[idx]
            # "talks between A and B" names two sides, not a delegation: B says nothing of A's country.
            siblings = [] if _coordinated_under(token, "between") else _conjuncts(token)
            sibling_countries = [res.by_head[t.i].country for t in siblings
                                 if t.i in res.by_head and res.by_head[t.i].country]
            country = Counter(sibling_countries).most_common(1)[0][0] if sibling_countries else None
            country = self._leader_country(token) or self._possessor_country(token) or country
            if country is None and ref.sector in ("GOV", "LEG", "MIL", "JUD", "COP"):
                country = res.dateline_country
            if country:
                ref.country = country
                actor = res._actors.get(ref.key)
                if actor is not None and not actor.country:
                    actor.country = country
                    for role in actor.roles:
                        role.country = role.country or country
                if ref.key in res.people:
                    res.people[ref.key].country = res.people[ref.key].country or country
        for ref in res.by_head.values():
            if ref.type == "person" and ref.key in res.people and not ref.country:
                ref.country = res.people[ref.key].country
                ref.sector = ref.sector or res.people[ref.key].sector


# When one person holds several titles, the one that speaks for the state wins: a head of state who is
# also party leader is coded GOV, as CAMEO coders do.
SECTOR_PRECEDENCE = ("GOV", "MIL", "LEG", "JUD", "COP", "IGO", "PTY", "OPP", "REB", "BUS", "MED", "EDU",
                     "NGO", "REL", "CVL", "REF")


# Titles of people posted to another country, and the prepositions that name where they are posted.
POSTED_WORDS = {"envoy", "envoys", "ambassador", "ambassadors", "representative", "representatives", "emissary",
                "consul", "attache", "commissioner", "affaires", "general"}
HOST_PREPS = ("to", "in")


STATE_SECTORS = ("GOV", "LEG", "MIL", "JUD")
BACK_REFERENCES = {"movement", "group", "organization", "organisation", "militia", "faction"}
COUNT_WORDS = {"thousands", "hundreds", "dozens", "scores", "tens", "millions", "number", "group", "crowd", "crowds"}
GENERIC_BODIES = {"movement", "group", "faction", "organization", "organisation", "militia", "party", "network",
                  "alliance", "coalition", "front"}
# "Clinton supported his view", "rejected his proposal": one backs or rejects another's view, not one's own
JUDGING_OTHERS = {"support", "back", "endorse", "share", "praise", "welcome", "hail", "reject", "criticize",
                  "criticise", "condemn", "denounce", "dismiss", "oppose", "accept", "applaud"}
VIEW_NOUNS = {"view", "position", "stance", "proposal", "idea", "suggestion", "initiative", "plan", "call", "request",
              "demand", "offer", "remark", "statement", "comment", "concern", "opinion", "argument", "claim",
              "bid", "candidacy"}
ASKING_VERBS = {"call", "demand", "urge", "seek", "press", "ask", "order", "want"}
DONE_TO_OTHERS = {"resignation", "ouster", "removal", "dismissal", "sacking", "impeachment", "arrest", "extradition",
                  "release", "trial", "execution", "expulsion", "deportation", "prosecution"}
QUOTES = {'"', "\u201c", "\u201d", "''", "``"}
SIDE_WORDS = {"rebel": "REB", "rebels": "REB", "insurgent": "REB", "guerrilla": "REB", "militia": "REB",
              "separatist": "REB", "opposition": "OPP"}
REGION_WORDS = {"province", "region", "state", "district", "county", "prefecture", "governorate", "oblast",
                "department", "territory", "municipality", "city", "town", "village"}


def _without_region_word(key: str) -> str:
    """'hainan province' -> 'hainan', so that either form finds the place."""
    words = key.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in REGION_WORDS else key
LED_FORCES = {"coalition", "force", "troop", "alliance", "mission", "army", "contingent", "operation"}


def sector_rank(sector: str) -> int:
    return SECTOR_PRECEDENCE.index(sector) if sector in SECTOR_PRECEDENCE else len(SECTOR_PRECEDENCE)


def _text(tokens) -> str:
    """Tokens as they were written, spacing included ("Kazakhstan's parliament")."""
    return "".join(t.text_with_ws for t in sorted(tokens, key=lambda t: t.i)).strip(" ,")


def _phrases(tokens: list[Token]):
    """`phrase_at(i, size)`: `_text(tokens[i:i + size])`, without re-sorting and re-joining token texts for
    each of the many windows the lookups try."""
    if any(a.i >= b.i for a, b in itertools.pairwise(tokens)):
        return lambda i, size: _text(tokens[i:i + size])
    pieces = [t.text_with_ws for t in tokens]
    return lambda i, size: "".join(pieces[i:i + size]).strip(" ,")


def _cut_circumstances(tokens: list[Token]) -> list[Token]:
    """A title ends where the sentence's circumstances begin: 'speaker of X, in Beijing on Thursday'."""
    out = []
    for t in tokens:
        if t.ent_type_ in ("DATE", "TIME") or (t.dep_ == "prep" and t.lower_ in ("in", "on", "at", "during")
                                              and any(c.ent_type_ in ("GPE", "DATE", "TIME", "LOC")
                                                      for c in t.children)):
            break
        out.append(t)
    while out and (out[-1].is_punct or out[-1].pos_ in ("CCONJ", "ADP", "DET")):
        out.pop()
    return out


def _join_roles(roles: list[str]) -> str | None:
    """Several titles of one person, each once: a title contained in another is not repeated."""
    kept: list[str] = []
    for role in sorted(set(roles), key=len, reverse=True):
        if not any(role.lower() in k.lower() for k in kept):
            kept.append(role)
    return ", ".join(sorted(kept, key=roles.index)) or None


def _title_parts(appos: Token) -> list[list[Token]]:
    """An appositive split into its coordinated titles, people named inside it left out."""
    heads = [appos] + [c for c in appos.children if c.dep_ == "conj" and c.ent_type_ != "PERSON"]
    parts = []
    for h in heads:
        others = {t.i for o in heads if o is not h and o.head is h for t in o.subtree}
        parts.append([t for t in _pruned_subtree(h) if t.i not in others and t.dep_ != "cc"])
    return parts


def _ends_misattached_name(token: Token, ent: Span | None) -> bool:
    """A name the parser hung as a compound on a following word ('met President Lee Teng-hui
    Wednesday' with the name under 'Wednesday'): the name still refers to its person."""
    return (ent is not None and ent.label_ == "PERSON" and token.i == ent.end - 1
            and not (ent.start <= token.head.i < ent.end) and token.head.ent_type_ != "PERSON"
            and token.head.pos_ == "PROPN")


def _name_extended_by_parse(token: Token) -> Span | None:
    """'Lee Hsien Loong' where the recogniser stopped at 'Lee Hsien': the parse joins the last word."""
    names = [c for c in token.lefts if c.dep_ == "compound" and c.ent_type_ == "PERSON"]
    if not names:
        return None
    ent = _entity_of(names[-1])
    if ent is None or ent.end != token.i:
        return None
    return Span(token.doc, ent.start, token.i + 1, label="PERSON")


def _pruned_subtree(token: Token) -> list[Token]:
    """A phrase without the people listed inside it (a misparsed list puts the next name in the title)."""
    out = []
    stack = [token]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if not (c.ent_type_ == "PERSON" and c.dep_ in ("appos", "conj")))
    return sorted(out, key=lambda t: t.i)


def _coordinated_under(token: Token, preposition: str) -> bool:
    """Whether the coordination the token belongs to is the object of `preposition` ("between A and B")."""
    root = token
    while root.dep_ in ("conj", "appos") and root.head != root:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ == preposition


def _conjuncts(token: Token) -> list[Token]:
    """The other members of a coordination the token belongs to."""
    root = token
    while root.dep_ in ("conj", "appos") and root.head != root:
        root = root.head
    members = [root]
    stack = [root]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in ("conj", "appos"):
                members.append(c)
                stack.append(c)
    return [m for m in members if m.i != token.i]


def analyse_actors(doc: Doc, article: Article, kb: Knowledge | None = None,
                   memory: dict[str, dict] | None = None) -> ArticleActors:
    """Read the actors of one article. `memory` (folded full name -> {country, sector}) carries what
    earlier articles established about people, so 'President Bill Clinton' keeps the country another
    article gave him; the people this article codes are added to it."""
    result = ActorReader(doc, article, kb or load_knowledge(), memory).read()
    if memory is not None:
        for ref in result.people.values():
            if ref.country and len(ref.name.split()) > 1:
                memory[name_key(ref.name)] = {"country": ref.country, "sector": ref.sector}
    return result
