"""Events: CAMEO codes with source, target, modality and evidence, read sentence by sentence.

A trigger (a verb or event noun from the lexicon) gives the code; the parse gives source and target
(`syntax.py`); the words governing the trigger give the modality and move the code into the intent,
appeal, demand or refusal families (`modality.py`); dates (`when.py`), places (`parley.places`) and
topics are attached last. Headlines and captions are not in the body, so they code nothing of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from parley.actors import ArticleActors, Ref
from parley.actors import _entity_of as entity_of
from parley.actors.knowledge import country_on
from parley.events import when
from parley.events.lexicon import Lexicon, Trigger, load_lexicon
from parley.events.modality import Modality, modality_of
from parley.events.syntax import (
    DEFAULT_TARGET_PREPS,
    agent_of,
    conjuncts,
    country_ref,
    inner_ref,
    prep_objects,
    refs_for,
    speaker_of,
    subject_of,
    visitor_adjective,
)
from parley.merge import cluster_key
from parley.places import assign_places
from parley.types import Article, Event, Participant, Span

SYMMETRIC_ROOTS = {"04"}
RECIPROCAL_CODES = {"04", "057"}  # "A and B met", "A and B signed a treaty": each acts toward the other
VISIT_CODES = ("042", "036")
FORCE_ROOTS = {"15", "18", "19", "20"}
SPOKEN_ROOTS = {"01", "02", "03", "05", "10", "11", "12", "13", "16"}
# Words for going somewhere, so that a plan to do them without a named destination is a visit to the place
# the story names ("will attend the summit", "is in Singapore for a state visit"); "will hold a meeting" is not.
TRAVEL_LEMMAS = {"attend", "travel", "fly", "go", "come", "tour"}
STATE_ROOTS = SPOKEN_ROOTS | {"04", "06", "07", "08"}
# "made the remarks during his visit" does not make a visit: time-setting prepositions carry no object.
TIME_PREPS = {"during", "after", "before", "since", "until", "amid", "despite", "following", "ahead", "throughout"}


@dataclass
class Candidate:
    trigger: Trigger
    token: Token
    sources: list[Ref]
    targets: list[Ref]
    modality: Modality
    speaker: Ref | None


def _object_tokens(token: Token) -> list[Token]:
    objects = []
    for c in token.children:
        if visitor_adjective(c) and c.dep_ == "xcomp":  # "met visiting US President Bill Clinton"
            objects.extend(o for o in c.children if o.dep_ == "dobj")
        if c.dep_ not in ("dobj", "attr", "oprd"):
            continue
        if c.lemma_.lower() in DIRECTION_WORDS:
            # "struck his vehicle west of Baghdad" parsed with "west" as the object: the vehicle is
            objects.extend(n for n in c.children if n.dep_ in ("nsubj", "compound") and n.pos_ in ("NOUN", "PROPN"))
            continue
        objects.append(c)
    return objects


def _object_phrases(token: Token) -> list[list[str]]:
    """Lemmas of each object phrase, modifiers then head: 'humanitarian aid' -> ['humanitarian', 'aid']."""
    heads = [c for o in _object_tokens(token) for c in conjuncts(o)]
    heads += [c for p in token.children if p.dep_ == "prep" and p.lower_ not in TIME_PREPS
              for c in p.children if c.dep_ == "pobj"]
    # "pull the party out of the coalition": the object of a preposition hanging from the particle
    heads += [c for p in token.children if p.dep_ in ("prt", "prep") for q in p.children if q.dep_ == "prep"
              for c in q.children if c.dep_ == "pobj"]
    heads += [c for c in token.children if c.dep_ == "nsubjpass"]
    phrases = [[t.lemma_.lower() for t in h.lefts if t.dep_ in ("compound", "amod", "nmod")] + [h.lemma_.lower()]
               for h in heads]
    # "sent a message of condolence": the object with what it is of
    phrases += [[h.lemma_.lower(), "of", c.lemma_.lower()] for h in heads for p in h.children
                if p.dep_ == "prep" and p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
    return phrases


def _object_matches(wanted: frozenset[str], phrases: list[list[str]]) -> int:
    """How closely an object phrase meets an entry's objects: the words of the longest value met, 0 for none
    ("economic cooperation" meets the economic entry with 2 words, the generic one with 1)."""
    best = 0
    for value in wanted:
        words = value.split()
        for phrase in phrases:
            if phrase[-1] == words[-1] and all(w in phrase[:-1] for w in words[:-1]):
                best = max(best, len(words))
    return best


# "told Washington to stay clear", "ordered the army to withdraw": telling someone to act is a demand.
DIRECTIVE_VERBS = {"tell", "order", "instruct", "direct", "command"}
DIRECTIVE = Trigger(code="100")


def match_verb(token: Token, lex: Lexicon) -> Trigger | None:
    """The most specific lexicon entry whose conditions (object, particle/preposition) the verb meets."""
    entries = lex.verbs.get(token.lemma_.lower())
    if token.lemma_.lower() in DIRECTIVE_VERBS and any(c.dep_ == "xcomp" for c in token.children) and any(
            c.dep_ == "dobj" for c in token.children):
        return DIRECTIVE
    if not entries:
        return None
    phrases = _object_phrases(token)
    # "called Clinton on Monday" is no "call on": a preposition that only gives the time is no particle
    particles = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "agent") and not (
        c.dep_ == "prep" and any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in c.children))}
    # "called for X to resign" parsed with "for" marking the clause: it is still "call for".
    particles |= {m.lower_ for c in token.children if c.dep_ in ("advcl", "ccomp") for m in c.children
                  if m.dep_ == "mark" and m.lower_ == "for"}
    best, best_rank = None, (-1, -1)
    for trig in entries:
        fit = _object_matches(trig.objects, phrases) if trig.objects else 0
        if trig.objects and not fit:
            continue
        if trig.prep and trig.prep not in particles:
            continue
        if trig.intransitive and any(c.dep_ == "dobj" for c in token.children):
            continue  # "demonstrating regulatory hegemony" is no street protest
        rank = (trig.specificity, fit)  # "trade and economic cooperation": the economic entry fits closer
        if rank > best_rank:
            best, best_rank = trig, rank
    def someone(c: Token) -> bool:
        return c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or c.pos_ == "PROPN" or c.lower_ in (
            "him", "her", "them", "counterpart", "president", "minister")

    if best is not None and best.code == "041" and best.verb == "call" and (
            any(c.dep_ == "oprd" and not someone(c) for c in token.children)
            or not any(c.dep_ in ("dobj", "oprd") and someone(c) for c in token.children)):
        best = replace(best, code="010")  # "called the talks fruitful", "called the sentence a milestone"
    if best is not None and best.code == "010" and (best.objects or best.verb == "call"):
        best = _characterization(token, best)
    return best


# "called it contrary to the commitments", "described the vote as a farce": a characterization that
# condemns is disapproval (111); one that commends is praise (051).
CONDEMNING_WORDS = {
    "contrary", "violation", "unacceptable", "illegal", "illegitimate", "unlawful", "provocation", "provocative",
    "crime", "criminal", "terrorist", "terrorism", "interference", "mistake", "wrong", "dangerous", "irresponsible",
    "absurd", "ridiculous", "groundless", "baseless", "unjustified", "unfounded", "aggression", "farce", "sham",
    "fraud", "outrageous", "shameful", "deplorable", "barbaric", "cowardly", "hostile", "racist", "lie",
    "propaganda", "insult", "blow", "setback", "failure", "disaster", "betrayal", "blackmail", "hypocritical",
    "unilateral", "null", "void", "destabilizing", "destabilising", "genocide", "massacre", "atrocity", "coup",
    "repression", "tyranny", "dictatorship", "occupation"}
COMMENDING_WORDS = {
    "positive", "constructive", "success", "successful", "historic", "milestone", "fruitful", "breakthrough",
    "landmark", "excellent", "welcome", "encouraging", "courageous", "wise", "correct", "commendable"}


def _characterization(token: Token, trig: Trigger) -> Trigger:
    """What 'calling it X' says about it: condemnation, praise, or a plain comment."""
    said = [t for c in token.children if c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "acomp", "prep", "dobj")
            and (c.dep_ != "prep" or c.lower_ == "as") for t in c.subtree]
    lemmas = {t.lemma_.lower() for t in said} | {t.lower_ for t in said}
    if lemmas & CONDEMNING_WORDS:
        return replace(trig, code="111")
    if lemmas & COMMENDING_WORDS:
        return replace(trig, code="051")
    return trig


def match_noun(token: Token, lex: Lexicon) -> Trigger | None:
    entries = lex.nouns.get(token.lemma_.lower()) or lex.nouns.get(token.lower_)
    if not entries:
        return None
    left = " ".join(t.lower_ for t in token.lefts if t.dep_ in ("compound", "amod", "nmod"))
    best = None
    for trig in entries:
        if trig.modifier and trig.modifier not in left:
            continue
        if best is None or trig.specificity > best.specificity:
            best = trig
    return best


def verb_participants(token: Token, trig: Trigger, actors: ArticleActors) -> tuple[list[Ref], list[Ref]]:
    subj, passive = subject_of(token)
    if passive:
        sources = refs_for(actors, agent_of(token))
        if not sources:
            # "was killed in an Israeli air strike": the event noun that did it names the doer.
            for noun in prep_objects(token, ("in", "by", "during")):
                sources = [r for c in noun.children if c.dep_ in ("poss", "amod", "compound")
                           for r in refs_for(actors, c)]
                # "killed in an ambush by drug gangs", "killed in a gunbattle with insurgents"
                sources = sources or [r for p in prep_objects(noun, ("by", "with")) for r in refs_for(actors, p)]
                if sources:
                    break
        targets = refs_for(actors, subj) or _victims(trig, [subj])
        if not targets and subj is not None and trig.code[:2] in FORCE_ROOTS:
            # "his convoy was attacked": whose convoy, house or car it was
            targets = [r for c in subj.children if c.dep_ == "poss" for r in refs_for(actors, c)]
        if not sources:
            # "was killed when his convoy was attacked by unknown gunmen": the clause names the attackers
            for clause in (c for c in token.children if c.dep_ == "advcl"):
                sources = refs_for(actors, agent_of(clause))
                if sources:
                    break
        if not sources and not targets and subj is not None:
            # "Sino-British trade ties will be strengthened": ties the two countries own, each toward the other.
            pair = paired_countries(actors, subj)
            if pair:
                return pair, pair
            if trig.code.startswith("057") and token.lemma_ == "sign" and not agent_of(token) and (
                    subj.lemma_.lower() in STATE_AGREEMENTS) and not prep_objects(subj, ("between",)):
                # "a cooperation agreement was signed in the presence of President Hu": signed by the two
                # countries the story is about
                pair = [country_ref(actors, c, "collective") for c in actors.principal_countries()[:2]]
                if len(pair) == 2:
                    return pair, pair
        return sources, targets
    if visitor_adjective(token):
        # "Hu's talks with visiting US President Bush": Bush visits Hu's country
        return refs_for(actors, next(c for c in token.children if c.dep_ == "dobj")), refs_for(actors, subj)
    if token.lower_ == "visiting" and token.dep_ == "amod":
        # "met with visiting French Minister X": the minister visits whoever met him
        holder = token.head.head.head if token.head.dep_ == "pobj" else token.head.head
        host = subject_of(holder)[0] if token.head.dep_ in ("pobj", "dobj") and holder.pos_ == "VERB" else None
        return refs_for(actors, token.head), refs_for(actors, host)
    if trig.swap:
        givers = [r for p in prep_objects(token, trig.source_preps or ("from", "by")) for r in refs_for(actors, p)]
        return givers, refs_for(actors, subj)
    sources = refs_for(actors, subj)
    if subj is not None and subj.lower_ == "it" and trig.code[:2] in FORCE_ROOTS:
        sources = []  # "it has killed 150 people": a disease, a storm, a war far more often than a state
    if not sources and subj is not None and subj.lemma_.lower() in UNNAMED_ATTACK_LEMMAS | {"offensive", "strike",
                                                                                          "operation", "campaign"}:
        sources = refs_for(actors, subj, deep=True)  # "an Israeli attack killed ...", "Israel's offensive killed"
    preps = trig.target_preps or DEFAULT_TARGET_PREPS
    targets: list[Ref] = []
    if trig.code.startswith(("02", "10")):
        preps = (*preps, "for")  # "called for Netanyahu to resign", "pleaded for Paris to reverse"
        for clause in (c for c in token.children if c.dep_ in ("advcl", "ccomp")):
            if any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children):
                targets.extend(r for s in clause.children if s.dep_ == "nsubj" for r in refs_for(actors, s))
    objects = _object_tokens(token)
    has_object = bool(objects)
    aimed = objects
    if trig.objects and trig.code[:2] in FORCE_ROOTS:
        # "fired heavy artillery at targets", "launched rockets into Israel": the object that made the verb an
        # attack is the weapon, not whom it was aimed at
        aimed = [o for o in objects if not _object_matches(trig.objects, [[t.lemma_.lower() for t in o.lefts
                 if t.dep_ in ("compound", "amod", "nmod")] + [o.lemma_.lower()]])]
    for obj in aimed:  # "summoned the ambassador": an object that is an actor is the target
        targets.extend(refs_for(actors, obj))
    if trig.code[:2] == "16" and sources:
        # "Venezuela recalled its ambassador from Mexico": one's own envoy recalled is not the target
        own = {s.country for s in sources if s.country}
        mine = {o.i for o in aimed if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in o.children)}
        targets = [t for t in targets if t.country not in own and not (
            t.country is None and any(o.i in mine and t.span and t.span.start <= o.idx < t.span.end for o in aimed))]
    targets = targets or _victims(trig, objects)
    if trig.prep == "out" and trig.code[:2] == "16":
        # "pull the party out of Sharon's coalition": what is left is the target, not what is pulled out
        left = [c for p in token.children if p.dep_ in ("prt", "prep") and p.lower_ == "out" for q in p.children
                if q.dep_ == "prep" and q.lower_ == "of" for c in q.children if c.dep_ == "pobj"]
        if left:
            targets = [r for c in left for r in refs_for(actors, c, deep=True)]
    if not targets:
        for pobj in prep_objects(token, preps):
            targets.extend(refs_for(actors, pobj))
    if not targets:
        for obj in objects:
            if trig.code[:2] in ("11", "12") and obj.lemma_.lower() in VIOLENCE_NOUNS:
                continue  # "denounced the murder of two students": the students are the victims, not the target
            for conj in conjuncts(obj):
                for pobj in prep_objects(conj, preps + ("between", "of")):
                    targets.extend(refs_for(actors, pobj))
    if not targets and (not trig.objects or (trig.code[:2] in INNER_TARGET_ROOTS and len(sources) < 2)):
        # "rejected the rebel ultimatum", "questioned Macedonia's candidacy", "adheres to the one-China
        # policy": whose thing it is, is the target.
        bound = prep_objects(token, (trig.prep,)) if trig.prep else []
        for obj in objects + bound:
            if trig.code[:2] in ("11", "12") and obj.lemma_.lower() in VIOLENCE_NOUNS:
                # "condemned the Israeli raid": the raiders; "the attack on a camp for displaced persons" names
                # only its victims, so the attackers are found elsewhere
                doers = [c for c in obj.children if c.dep_ in ("poss", "amod", "compound")]
                targets.extend(r for c in doers + prep_objects(obj, ("by",)) for r in refs_for(actors, c)
                               if all(r.key != s.key for s in sources))
                continue
            # a weapon fired is no target, but "captured a position from government forces" names one inside
            found = refs_for(actors, obj, deep=True) if obj in aimed or obj in bound else [
                r for r in [inner_ref(actors, obj)] if r is not None]
            targets.extend(r for r in found if all(r.key != s.key for s in sources))
    if not targets and not has_object:
        targets = next_actor(token, actors)
    return sources, targets


VICTIM_WORDS = {"people", "person", "persons", "passenger", "pedestrian", "bystander", "shopper", "worshipper",
                "pilgrim", "schoolchild", "child", "woman", "student", "tourist", "family", "father", "mother",
                "brother", "sister", "son", "daughter", "relative", "wife", "husband",
                # civilian property stands for the civilians attacked in it: "raided two houses"
                "house", "home", "village", "market", "marketplace", "shop", "school", "bus"}


def _victims(trig: Trigger, nouns: list[Token | None]) -> list[Ref]:
    """'Two people were killed', 'killing five people': people harmed whom the text does not name are
    civilians, of the country where it happens (filled in later)."""
    if trig.code[:2] not in ("17", "18", "19", "20"):
        return []
    return [Ref(f"victims:{n.i}", n.text, "agent", None, "CVL", span=Span(n.idx, n.idx + len(n.text)))
            for n in nouns if n is not None and n.lemma_.lower() in VICTIM_WORDS]


RELATION_NOUNS = {"tie", "relation", "relationship", "cooperation", "partnership", "friendship", "trade", "dialogue",
                  "exchange", "collaboration", "alliance", "link", "talk", "negotiation", "agreement", "treaty",
                  "accord", "deal", "pact", "summit", "consultation", "coordination"}


def paired_countries(actors: ArticleActors, noun: Token) -> list[Ref]:
    """The two countries named before a noun of relations: 'Sino-British ties', 'China-Kazakhstan relations',
    'US-Japan security cooperation'. Fewer or more than two names say nothing about a pair."""
    if noun.lemma_.lower() not in RELATION_NOUNS:
        return []  # "an Iraqi-US dual national" is one person, not a pair
    found: list[Ref] = []
    for t in noun.subtree:
        if t.i >= noun.i or t.dep_ not in ("amod", "compound", "nmod"):
            continue
        ref = actors.ref(t)  # the word's own name first: the recogniser reads "Sino-British" as one name
        iso = actors.kb.country_of_any(t.text) or (ref.country if ref is not None and ref.type == "country" else None)
        if iso and all(r.country != iso for r in found):
            found.append(country_ref(actors, iso))
    return found if len(found) == 2 else []


# Roots whose object-bound triggers ("reject the ultimatum") aim at whoever the object belongs to.
INNER_TARGET_ROOTS = {"01", "02", "05", "08", "10", "11", "12", "13", "16", "18", "19", "20"}
# Attacks whose doers the text does not name ("two roadside bombs went off", "killed in an explosion"):
# CAMEO codes them as done by unidentified actors of the country where they happen.
UNNAMED_ATTACK_LEMMAS = {"bomb", "bombing", "explosion", "blast", "attack", "ambush", "shooting", "shelling",
                         "raid", "assassination", "bomber", "gunfire", "mortar", "rocket", "grenade"}
RECEIVING_VERBS = {"receive", "get", "accept", "welcome"}
TIME_SETTING_PREPS = {"before", "after", "since", "following", "until", "amid", "despite"}
# Verbs whose subject judges, reports or suffers an event named by their object, rather than doing it:
# "Turkey condemned the killing of X" does not make Turkey the killer.
JUDGING_VERBS = {"condemn", "denounce", "deplore", "decry", "criticize", "criticise", "praise", "hail", "mourn",
                 "blame", "investigate", "protest", "deny", "regret", "applaud", "commend", "slam", "report",
                 "confirm", "witness", "survive", "escape", "fear", "monitor", "observe", "describe", "call",
                 "welcome", "oppose", "support", "back", "reject", "question", "probe", "follow", "recall",
                 "avenge", "retaliate", "discuss", "debate", "outrage", "shock", "sadden",
                 "dismay", "anger", "horrify", "appall", "appal", "die", "perish", "injure", "wound"}
THING_SENSITIVE = {"meet", "receive", "call"}  # meet demands, receive a request, call the vote


def consults_a_thing(token: Token, trig: Trigger, actors: ArticleActors) -> bool:
    """'met the criteria', 'received a request', 'meet demands': these verbs meet or receive someone
    only when their direct object is an actor."""
    if token.lemma_.lower() not in THING_SENSITIVE or trig.objects or token.pos_ not in ("VERB", "AUX"):
        return False
    objects = [o for o in _object_tokens(token) if o.ent_type_ not in ("DATE", "TIME")]
    return bool(objects) and not any(refs_for(actors, o) or any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                                                                 for t in o.subtree) for o in objects)


def next_actor(token: Token, actors: ArticleActors) -> list[Ref]:
    """When the parse lost the object ('met Taiwanese President Lee Teng-hui Wednesday' with the name
    hung under the date), the first actor right after the verb, before the clause ends."""
    for t in token.doc[token.i + 1: min(token.i + 9, token.sent.end)]:
        if t.is_punct or t.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ") or t.dep_ == "prep" and t.lower_ not in (
                "with",):
            return []
        ref = actors.ref(t)
        if ref is not None and t.dep_ not in ("amod",) and t.pos_ != "PRON":
            return [ref]
    return []


def noun_participants(token: Token, trig: Trigger, actors: ArticleActors) -> tuple[list[Ref], list[Ref]]:
    """'Hao's visit to Kazakhstan', 'the talks between X and Y', 'X held talks with Y'."""
    sources: list[Ref] = []
    targets: list[Ref] = []
    between = prep_objects(token, ("between", "among"))
    if between:
        members = [r for b in between for r in refs_for(actors, b)]
        if len(members) >= 2:
            return members[:1], members[1:]
        if len(members) == 1 and members[0].dyad:
            return members, []
    for c in token.children:
        if c.dep_ == "poss":
            sources.extend(refs_for(actors, c))
    source_preps = trig.source_preps or ("by", "of", "from")
    sources.extend(r for p in prep_objects(token, source_preps) for r in refs_for(actors, p))
    if not sources and token.dep_ == "dobj" and token.head.lemma_ in RECEIVING_VERBS:
        sources = [r for p in prep_objects(token.head, ("from",)) for r in refs_for(actors, p)]
    if not sources:
        for c in token.lefts:
            if c.dep_ in ("amod", "compound") and actors.ref(c):
                sources.append(actors.ref(c))
    if not sources and token.dep_ in ("dobj", "attr", "nsubjpass", "pobj") and not (
            token.dep_ == "pobj" and token.head.lower_ in TIME_SETTING_PREPS):
        # "X held talks with Y", "X arrived for a visit"; not "before the air strike, X carried out arrests"
        head = token.head if token.dep_ != "pobj" else token.head.head
        placed = token
        if head.lemma_.lower() in AMOUNT_NOUNS and head.dep_ in ("dobj", "attr", "nsubjpass"):
            placed, head = head, head.head  # "to provide every type of support": the support is provided
        # "called the attack a crime" judges it; "called a strike for Monday" organizes it
        organizes = head.lemma_ == "call" and placed.dep_ == "dobj" and not any(
            c.dep_ in ("oprd", "attr", "xcomp", "ccomp") for c in head.children)
        if head.pos_ in ("VERB", "AUX") and (head.lemma_ not in JUDGING_VERBS or organizes):
            subj, _ = subject_of(head)
            sources = refs_for(actors, subj)
    preps = trig.target_preps or DEFAULT_TARGET_PREPS
    for p in prep_objects(token, preps):
        targets.extend(refs_for(actors, p))
    if not targets and trig.code.startswith("042") and sources:
        # "after returning from his India visit": the country named before a visit its visitor makes
        own = {s.country for s in sources}
        named = [iso for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"
                 and (iso := actors.kb.country_of_name(c.text)) is not None and iso not in own]
        targets = [country_ref(actors, iso) for iso in named]
    if not targets and trig.code[:2] == "04":
        # "held a meeting on security with NATO and US commanders", the "with" parsed under "security"
        targets = [r for t in token.subtree if t.i != token.i for p in prep_objects(t, ("with",))
                   for r in refs_for(actors, p)]
    if not targets and token.dep_ == "pobj" and token.head.head.lemma_.lower() in AMOUNT_NOUNS:
        amount = token.head.head  # "provide every type of support to Lebanon"
        for holder in (amount, amount.head) if amount.dep_ == "dobj" else (amount,):
            targets.extend(r for p in prep_objects(holder, preps) for r in refs_for(actors, p))
    if not targets and trig.code[:2] in ("02", "10"):
        # "the rebel demand that Mobutu quit power", "his call for Israel to withdraw": who is asked to act
        for clause in (c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl")):
            if any(m.lower_ in ("that", "for") for m in clause.children if m.dep_ == "mark") or clause.dep_ == "ccomp":
                targets.extend(r for s in clause.children if s.dep_ == "nsubj" for r in refs_for(actors, s))
    if not targets and token.dep_ == "dobj":
        for p in prep_objects(token.head, preps):
            targets.extend(refs_for(actors, p))
    if not targets and sources and token.dep_ == "dobj" and token.head.lemma_ in RECEIVING_VERBS:
        # "the government received a request from NATO": the receiver is the target.
        subj, _ = subject_of(token.head)
        targets = [r for r in refs_for(actors, subj) if all(r.key != s.key for s in sources)]
    if not targets and trig.code[:2] in INNER_TARGET_ROOTS:
        # "support for the Chinese position", "criticism of Israel's policy": whose position it is
        for p in prep_objects(token, preps):
            targets.extend(r for r in refs_for(actors, p, deep=True) if all(r.key != s.key for s in sources))
    if not targets and token.dep_ == "dobj" and token.head.lemma_ in ("survive", "escape") and (
            trig.code[:2] in FORCE_ROOTS):
        # "the governor escaped unscathed a suicide bombing attack": who survived it was its target
        subj, _ = subject_of(token.head)
        targets = refs_for(actors, subj)
        sources = [s for s in sources if all(s.key != t.key for t in targets)]
    if not targets and token.dep_ == "pobj" and token.head.head.pos_ == "VERB":
        # "a militant was killed in an air strike": who the strike hit is the passive verb's subject.
        verb = token.head.head
        targets = [r for c in verb.children if c.dep_ == "nsubjpass" for r in refs_for(actors, c)]
    return sources, targets


class EventCoder:
    def __init__(self, doc: Doc, article: Article, actors: ArticleActors, lex: Lexicon):
        self.doc = doc
        self.article = article
        self.actors = actors
        self.lex = lex

    def candidates(self) -> list[Candidate]:
        found: list[Candidate] = []
        for token in self.doc:
            trig = None
            if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.tag_.startswith("VB")):
                trig = match_verb(token, self.lex)
                if trig is None:
                    continue
                sources, targets = verb_participants(token, trig, self.actors)
            elif token.pos_ in ("NOUN", "PROPN"):
                trig = match_noun(token, self.lex)
                if trig is None:
                    continue
                sources, targets = noun_participants(token, trig, self.actors)
            else:
                continue
            if consults_a_thing(token, trig, self.actors) or _a_game(token, trig) or _undone(token, trig):
                continue
            if trig.code[:2] in FORCE_ROOTS and _a_disaster(token) and not any(
                    s.sector in ("MIL", "REB", "COP") and s.type != "country" for s in sources):
                continue  # "killed when the oil tank exploded", "accidents killing 90,000 people"
            speaker_tok = speaker_of(token)
            speaker = self.actors.ref(speaker_tok) if speaker_tok is not None else None
            if token.dep_ == "dobj" and token.head.lemma_ == "face" and trig.code[:2] in ("09", "17"):
                # "Lieberman will face further investigation, the attorney general added": he is its target,
                # and the authority that says so is the one that acts
                faced = refs_for(self.actors, subject_of(token.head)[0], deep=True)
                sources = [s for s in sources if all(s.key != f.key for f in faced)]
                targets = faced or targets
                if not sources and speaker is not None and speaker.sector in ("JUD", "COP", "GOV"):
                    sources = [speaker]
            mod = modality_of(token)
            if mod.shift in ("appeal", "demand") and mod.marker is not None and mod.marker.i != token.i:
                sources, targets = self.appeal_parties(mod.marker, sources, targets, token)
            found.append(Candidate(trig, token, sources, targets, mod, speaker))
        return _without_licensing_nouns(found)

    def appeal_parties(self, marker: Token, sources: list[Ref], targets: list[Ref],
                       act: Token | None = None) -> tuple[list[Ref], list[Ref]]:
        """'The US urged Ethiopia to withdraw its troops': an act appealed for or demanded is the appealer's
        act toward whoever is asked (the object of 'urge', 'call on'), not the asked party's own act."""
        addressees = [c for c in marker.children if c.dep_ == "dobj"] + prep_objects(marker, ("on",))
        asked = [r for a in addressees for r in refs_for(self.actors, a)]
        subj, passive = subject_of(marker)
        appealer = refs_for(self.actors, subj) if not passive else []
        if not asked:
            # "Syria called for the withdrawal of US troops", "called for Howard's resignation": no one is
            # addressed, so the appeal is aimed at whoever would have to act, the doers of the act asked for.
            keys = {a.key for a in appealer}
            doers = [s for s in sources if s.key not in keys]
            if appealer and doers and len(doers) == len(sources):
                return appealer, doers
            if appealer and act is not None and sources and not doers and any(
                    c.dep_ == "poss" and c.pos_ == "PRON" for c in act.children):
                # "Howard called for his resignation": no one calls for his own; "his" is the last other person
                earlier = [r for i, r in self.actors.by_head.items() if i < act.i and r.type == "person"
                           and r.key not in keys]
                if earlier:
                    return appealer, [earlier[-1]]
            return sources, targets
        return (appealer or sources), asked

    def final_code(self, cand: Candidate) -> str | None:
        code = cand.trigger.code
        shift = cand.modality.shift
        if shift == "intent":
            return cand.trigger.intent_code or self.lex.shifted(self.lex.intent_by_root, code) or code
        if shift == "appeal":
            return self.lex.shifted(self.lex.appeal_by_root, code) or code
        if shift == "demand":
            marker = cand.modality.marker
            if marker is not None and marker.i == cand.token.i and code.startswith("02"):
                return "1041"  # "called for his resignation": a demand for a change in leadership
            return self.lex.shifted(self.lex.demand_by_root, code) or code
        if shift == "refusal":
            return self.lex.shifted(self.lex.reject_by_root, code) or code
        return code  # a plain negation keeps its code with modality "negated" ("did not meet")

    def pairs(self, cand: Candidate, code: str) -> list[tuple[Ref, Ref]]:
        """(source, target) pairs: coordination multiplies them; 'both sides' and 'A and B met' are reciprocal."""
        principal = self.actors.principal_countries()
        sources = [s for s in cand.sources]
        targets = [t for t in cand.targets]
        out: list[tuple[Ref, Ref]] = []

        def other(country: str | None) -> Ref | None:
            for c in principal[:2]:
                if c != country:
                    return country_ref(self.actors, c)
            return None

        def expand_dyad(ref: Ref) -> list[Ref]:
            # "both sides": each of the two countries, as a collective whose sector the words leave open
            return [Ref(f"country:{c}", self.actors.kb.country_display.get(c, c), "collective", c, ref.sector,
                        span=ref.span) for c in principal[:2]]

        if not targets and sources and code[:2] in ("03", "04"):
            # "will attend the APEC ministerial meeting", "at the SAARC summit": the body that meets
            body = self.meeting_body(cand.token)
            if body is not None and all(s.country != "IGO" for s in sources):
                targets = [body]
        mutual = cand.token.lemma_.lower() in MUTUAL_FIGHTING  # "security forces and guerrillas clashed"
        # "China and Russia agreed to strengthen cooperation": ties that two have with each other
        shared = any(o.lemma_.lower() in SHARED_OBJECTS for o in _object_tokens(cand.token)) or any(
            c.lower_ in ("jointly", "together") for c in cand.token.children)  # "will be jointly built by A and B"
        if not targets and (len(sources) >= 2 or any(s.dyad for s in sources)) and (
                any(_reciprocal(c) for c in (code, cand.trigger.code)) or mutual or shared
                or any(s.dyad for s in sources)):
            members = [m for s in sources for m in (expand_dyad(s) if s.dyad else [s])]
            for a in members:
                for b in members:
                    if a.country != b.country or (mutual and a.key != b.key and a.sector != b.sector):
                        out.append((a, b))
            return out
        if not targets and code.startswith(VISIT_CODES) and (cand.trigger.code.startswith("042")
                                                              or cand.token.lemma_ in TRAVEL_LEMMAS):
            # "is in Singapore for a state visit", "wrapped up a visit" with no destination named: the
            # host is the country named as the place in the sentence, else where the story is filed from.
            host = self.place_country(cand.token) or self.actors.dateline_country or self.lead_place_country()
            if host:
                targets = [country_ref(self.actors, host)]
        if not sources and code[:2] in ("17", "18", "19") and cand.token.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in cand.token.children):
            # "Attacks by Hezbollah have killed 13 ... 83 soldiers were injured in the attacks": the attacks
            # the story has reported, by their doer
            doer = getattr(self, "doers", {}).get(cand.token.lemma_.lower())
            if doer is not None and doer.sector != "CVL":
                sources = [doer]
        if not sources and targets and code[:2] in ("18", "19") and _unnamed_attack(cand.token):
            # where it happened: the place named, else the home of victims who are not soldiers abroad (a
            # Lebanese lawmaker is attacked in Lebanon), else where the story is filed or set
            home = next((t.country for t in targets if t.country not in (None, "IGO", "NGO") and t.sector != "MIL"),
                        None)
            where = (self.place_country(cand.token) or home or self.actors.dateline_country
                     or self.lead_place_country() or next(iter(self.actors.principal_countries()), None))
            if where:
                # Unclaimed bombs and ambushes are the work of armed groups outside the state: coded as
                # insurgents (REB), as CAMEO coders code unidentified gunmen.
                sources = [Ref(f"unknown:{where}", "unidentified attackers", "agent", where, "REB")]
        if not sources and code[:2] in ("17", "18", "19"):
            # "eight militants were also arrested during the raid": the raid the story has reported, by its doer
            for noun in prep_objects(cand.token, ("during", "in")):
                doer = getattr(self, "doers", {}).get(noun.lemma_.lower())
                if doer is not None:
                    sources = [doer]
                    break
        if cand.token.lemma_.lower() in AVENGING and sources:
            # "vowed to avenge the killing of its leader": what is avenged is the harm suffered; the
            # target is whoever did it, not the victim named in the object.
            harms = [c for c in cand.token.children if c.dep_ == "dobj"]
            # "Israel's raid": the raider; "Arqan's death": the one who died, whose killers are the target
            doers = [r for h in harms if h.lemma_.lower() not in SUFFERED for c in h.children if c.dep_ == "poss"
                     for r in refs_for(self.actors, c)]
            doers += [r for h in harms for p in prep_objects(h, ("by",)) for r in refs_for(self.actors, p)]
            targets = doers or self.doer_of_attack_named(cand.token, sources)
        if not targets and code[:2] in ("11", "12", "13", "17") and sources:
            targets = self.doer_of_attack_named(cand.token, sources)
        protest = "14" in (code[:2], cand.trigger.code[:2])  # "will hold protest rallies" is coded 133
        if not targets and protest:
            # "quit in protest at the president's decision", "rallied against US policy": whose decision
            opposed = [p for t in cand.token.subtree for p in prep_objects(t, ("at", "against", "over"))]
            keys = {s.key for s in sources}
            targets = [r for p in opposed for r in refs_for(self.actors, p, deep=True) if r.key not in keys]
        if not targets and protest:
            # "thousands rallied in Dhaka": a protest with no one named is aimed at the government there.
            where = self.place_country(cand.token) or self.actors.dateline_country
            if where is None:
                # "We will hold protest rallies," the opposition said: the opposition's own government.
                protesters = [self.located(x, cand.token, code, "source") for x in sources
                              if x.sector in ("OPP", "CVL", "PTY")]
                where = next((x.country for x in protesters if x.country), None)
            if where:
                targets = [country_ref(self.actors, where, sector="GOV")]
        if code[:2] == "15":
            # "sending German troops to Afghanistan": the troops a state sends are what it sends, not its target.
            own = {s.country for s in sources}
            targets = [t for t in targets if not (t.country in own | {None} and t.sector == "MIL")]
        if not targets and code[:2] in FORCE_ROOTS | {"15"}:
            # "shelled villages in southern Lebanon": force used on a place is used on its country.
            where = self.place_country(cand.token)
            if where:
                targets = [country_ref(self.actors, where)]
        for s in sources:
            for t in targets:
                if s.dyad:
                    continue
                if t.dyad:
                    t = other(s.country)
                    if t is None:
                        continue
                out.append((s, t))
        return out

    def doer_of_attack_named(self, token: Token, sources: list[Ref]) -> list[Ref]:
        """'Erakat condemned the attack', 'the Brigades vowed revenge': a reaction to violence the story has
        already reported is aimed at whoever did it (the latest such event by another country's actor)."""
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if not any(o.lemma_.lower() in REACTED_TO for o in objects) and token.lemma_.lower() not in REACTED_TO:
            return []
        own = {s.country for s in sources}
        for event in reversed(getattr(self, "coded", [])):
            doer = event.source
            if event.code[:2] in ("18", "19", "20") and doer.country and doer.country not in own and doer.actor_key:
                return [Ref(doer.actor_key, doer.name or doer.country, "agent", doer.country, doer.sector)]
        # "condemned the killing of Lebanese minister Pierre Gemayel", no attack reported before: its unnamed
        # doers, placed in the victims' country as unclaimed attacks are
        victims = [r for o in objects if o.lemma_.lower() in VIOLENCE_NOUNS
                   for p in prep_objects(o, ("of", "on", "against")) for r in refs_for(self.actors, p, deep=True)]
        home = next((v.country for v in victims if v.country and v.country not in own | {"IGO", "NGO"}), None)
        return [Ref(f"unknown:{home}", "unidentified attackers", "agent", home, "REB")] if home else []

    def place_country(self, token: Token) -> str | None:
        """The country of a place named with 'in'/'to'/'at' in the trigger's sentence: "in Gaza", or a place
        inside the phrase ("at central Baghdad district", "in the northern Gaza town of Beit Hanun")."""
        from parley.places import gazetteer

        named: list[Token] = []
        for t in token.sent:
            located = t.head.lower_ in ("in", "to", "at", "near", "outside") or (
                t.head.lower_ == "of" and t.head.head.lemma_.lower() in DIRECTION_WORDS)  # "west of Baghdad"
            # "raided the West Bank town of Jenin": a place the act was done to
            acted_on = t.dep_ == "dobj" and t.head.i == token.i and t.lemma_.lower() in PLACE_NOUNS
            if acted_on:
                named += [x for x in t.subtree if x.ent_type_ in ("GPE", "LOC") and x.dep_ in ("compound", "pobj")]
            if t.dep_ == "pobj" and located:
                named += [t] if t.ent_type_ in ("GPE", "LOC") else [
                    x for x in t.subtree if x.ent_type_ in ("GPE", "LOC") and x.dep_ in ("compound", "pobj")]
        for t in named:
            ref = self.actors.ref(t)
            if ref is not None and ref.type == "country":
                return ref.country
            ent = entity_of(t)  # the recogniser's whole name, found from the token's IOB tags
            name = ent.text if ent is not None else t.text
            local = self.actors.country_of_local_place(name)  # "in Hainan", placed by the article itself
            if local:
                return local
            place = gazetteer().city(name)  # the whole name: "West Bank", not a town called "Bank"
            if place is not None:
                return country_on(place.country, self.article.published)  # Malakal in 2006 was in Sudan
            iso = self.actors.kb.country_of_name(name)
            if iso:
                return iso
        return None

    def lead_place_country(self) -> str | None:
        """Where a story without a dateline is set: a city its headline names ("Arafat in Cairo"), else the
        country of the first place named with 'in' in its lead ("... in Beijing, ... converged here")."""
        from parley.places import story_place

        place = story_place(self.article, self.doc)
        if place is not None and place.country:
            return place.country
        first = next(iter(self.doc.sents), None)
        return self.place_country(first[0]) if first is not None and len(first) else None

    def located(self, ref: Ref, token: Token, code: str, role: str, speaker: Ref | None = None) -> Ref:
        """Fill what the text leaves implicit about a participant: unnamed local actors ('gunmen',
        'police', 'the governor') belong to the country where the event happens; a country that
        shells, bombs or fights acts through its armed forces; a country that states, appeals,
        accuses or pledges acts through whoever speaks for it: the quoted official's sector when an
        official of that country says it, its government otherwise."""
        country, sector = ref.country, ref.sector
        foreign = bool(ref.name) and ref.name.lower().split()[0] in FOREIGN_WORDS  # "foreign troops in Iraq"
        if country is None and sector == "MIL" and foreign:
            # "urged foreign forces to avoid civilian casualties": the forces from abroad the story names most
            home = self.place_country(token) or self.actors.dateline_country
            named = Counter(r.country for r in self.actors.by_head.values()
                            if r.sector == "MIL" and r.country not in (None, home, "NGO"))
            if named:
                country = named.most_common(1)[0][0]
        if country is None and sector is not None and not foreign:
            principal = next(iter(self.actors.principal_countries()), None)
            if sector in ("REB", "OPP", "CVL", "REF"):
                # Insurgents, protesters, civilians: of the country the story is about, which a correspondent
                # abroad (a Somalia story from Nairobi) may not be filing from.
                country = (self.place_country(token) or principal or self.actors.dateline_country
                           or self.lead_place_country())
            elif ref.type == "organization" and sector in ("GOV", "LEG", "JUD"):
                # "the government proposes sending soldiers to Afghanistan": a national institution is of the
                # story's country, not of the place its act is aimed at
                country = self.actors.dateline_country or principal or self.place_country(token)
            else:
                country = self.place_country(token) or self.actors.dateline_country or principal
        if role == "source" and sector is None and ref.type in ("country", "collective"):
            if code[:2] in FORCE_ROOTS:
                sector = "MIL"
            elif code[:2] in STATE_ROOTS:
                # a news agency or a company reporting what a state does does not speak for it
                spoken_for = speaker is not None and speaker.country == country and speaker.sector in (
                    "GOV", "LEG", "MIL", "JUD", "COP")
                sector = speaker.sector if spoken_for else self.actors.representing_sector(country) or "GOV"
        if role == "target" and sector is None and ref.type in ("country", "collective") and code[:2] in STATE_ROOTS:
            # A state one meets, appeals to or signs with is its government, unless others represent it in this
            # story (legislators): then "China" stays uncommitted, while "both sides" are those representatives.
            representing = self.actors.representing_sector(country)
            if ref.type == "collective":
                sector = representing or "GOV"
            elif representing in (None, "GOV"):
                sector = "GOV"
        if (country, sector) == (ref.country, ref.sector):
            return ref
        return Ref(ref.key, ref.name, ref.type, country, sector, ref.role, ref.dyad, ref.span)

    def meeting_body(self, token: Token) -> Ref | None:
        """The international body whose meeting the trigger is or attends: 'the 17th APEC Ministerial
        Meeting', 'a summit of the African Union', 'a meeting of NATO foreign ministers'."""
        meetings = [token] if token.pos_ in ("NOUN", "PROPN") else _object_tokens(token) + prep_objects(token, ("at",))
        for meeting in meetings:
            if meeting.lemma_.lower() not in MEETING_NOUNS:
                continue
            names = [t for t in meeting.lefts if t.dep_ in ("compound", "nmod", "amod", "poss")]
            names += [t for p in prep_objects(meeting, ("of",)) for t in p.subtree]
            for t in names:
                ref = self.actors.ref(t)
                entry = self.actors.kb.organization(t.text) if ref is None else None
                if ref is not None and ref.country == "IGO" and ref.type == "organization":
                    return ref
                if entry is not None and entry.country == "IGO":
                    return Ref(f"org:{entry.name}", entry.name, "organization", "IGO", entry.sector,
                               span=Span(t.idx, t.idx + len(t.text)))
        return None

    def armed_group_in(self, country: str | None) -> bool:
        return country is not None and any(r.sector == "REB" and r.country == country
                                           for r in self.actors.by_head.values())

    def code(self) -> list[Event]:
        events: list[Event] = []
        self.coded = events  # what earlier sentences did: "condemned the attack" is aimed at its doer
        self.doers: dict[str, Ref] = {}  # the doer of each kind of act reported: "raid" -> the raiding troops
        seen: set[tuple] = set()
        for cand in self.candidates():
            code = self.final_code(cand)
            if code is None:
                continue
            code = bombing_code(cand.token, code)
            if code[:2] in ("17", "18", "19") and cand.sources and cand.modality.value == "done":
                doer = self.located(cand.sources[0], cand.token, code, "source", cand.speaker)
                self.doers.setdefault(cand.token.lemma_.lower(), doer)
            for src, tgt in self.pairs(cand, code):
                src = self.located(src, cand.token, code, "source", cand.speaker)
                tgt = self.located(tgt, cand.token, code, "target")
                if code[:2] in FORCE_ROOTS and tgt.type == "country" and tgt.sector is None and src.sector in (
                        "MIL", "GOV", "COP") and self.armed_group_in(tgt.country):
                    # "US-led raids in Afghanistan", "an Israeli air strike in Gaza": force a state uses in a
                    # country whose armed groups the story names is aimed at them
                    tgt = Ref(tgt.key, tgt.name, tgt.type, tgt.country, "REB", tgt.role, tgt.dyad, tgt.span)
                if src.key == tgt.key or (src.country == tgt.country and src.sector == tgt.sector):
                    continue
                if not src.country or not tgt.country:
                    continue
                unnamed = src.key.startswith("unknown:") or src.sector == "REB" and src.type == "agent" and (
                    src.name[:1].islower() or src.name.split()[0].lower() in ("armed", "unidentified", "unknown"))
                if unnamed and tgt.country == src.country and tgt.sector is None:
                    continue  # attackers no one names, against their own country as a whole: says nothing
                if code.startswith(VISIT_CODES) and src.sector in ("CVL", "REF"):
                    continue  # "13,000 Albanians arrived in Italy by boat": migrants make no visit
                if code.startswith(VISIT_CODES + ("06", "07")) and src.country == tgt.country and (
                        tgt.type == "country"):
                    continue  # a country's officials arriving at home make no visit, nor build there a gift

                final = _assassination(cand.token, _armed_storming(code, src), tgt)
                sent = cand.token.sent
                key = (sent.start, final, src.key, tgt.key)
                if key in seen:
                    continue
                seen.add(key)
                events.append(self.make_event(cand, final, src, tgt))
        return events

    def make_event(self, cand: Candidate, code: str, src: Ref, tgt: Ref) -> Event:
        tok = cand.token
        sent = tok.sent
        info = self.lex.info(code)
        return Event(
            article_id=self.article.id,
            code=code,
            source=src.participant(),
            target=tgt.participant(),
            modality=_exported_modality(cand, code),
            sentence_index=_sentence_index(self.doc, sent.start),
            sentence=sent.text.rstrip(),
            sentence_start=sent.start_char,
            trigger=Span(tok.idx, tok.idx + len(tok.text)),
            trigger_text=tok.text,
            speaker=cand.speaker.participant() if cand.speaker else None,
            plover_type=info.plover if info else None,
            plover_mode=cand.trigger.plover_mode or (info.plover_mode if info else None),
            goldstein=info.goldstein if info else None,
            quad_class=self.lex.quad_class.get(code[:2]),
            topics=self.lex.topics_in(sent.text),
        )


PLACE_NOUNS = {"town", "city", "village", "district", "area", "camp", "region", "province", "neighbourhood",
               "neighborhood", "suburb", "capital", "port", "base", "stronghold"}
DIRECTION_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outskirts",
                   "suburb", "suburbs", "centre", "center", "heart", "edge", "border"}
# Words that say an unnamed force is not of the place where it is ("foreign troops out of Iraq").
FOREIGN_WORDS = {"foreign", "international", "multinational", "outside", "overseas", "alien"}

AVENGING = {"avenge", "retaliate"}
SUFFERED = {"death", "killing", "murder", "assassination", "martyrdom", "blood", "loss", "suffering", "arrest"}
# What states sign with each other (not "sales contracts" or "a deal between two firms")
STATE_AGREEMENTS = {"agreement", "accord", "treaty", "pact", "memorandum", "protocol", "declaration", "communique",
                    "convention"}
SHARED_OBJECTS = {"cooperation", "co-operation", "tie", "relation", "relationship", "partnership", "friendship",
                  "collaboration", "coordination", "dialogue", "exchange", "trade", "communication", "contact"}
MEETING_NOUNS = {"summit", "meeting", "conference", "session", "forum", "assembly", "congress", "ministerial",
                 "council", "consultation"}
MUTUAL_FIGHTING = {"clash", "fight", "battle", "skirmish"}  # "A and B clashed": each fought the other
REACTED_TO = UNNAMED_ATTACK_LEMMAS | AVENGING | {"killing", "strike", "offensive", "incursion", "massacre", "revenge",
                                     "retaliation", "violence", "assault", "murder", "kidnapping"}


# Sports reports: "Portugal beat Uruguay 5-4" is a match, not an assault.
SPORTS_WORDS = {"match", "tournament", "championship", "championships", "cup", "league", "soccer", "football",
                "basketball", "volleyball", "tennis", "olympic", "olympics", "semifinal", "semifinals",
                "quarterfinal", "quarterfinals", "final", "finals", "medal", "coach", "striker", "goalkeeper",
                "playoff", "playoffs", "scored", "goals", "innings", "wicket", "rugby", "cricket", "hockey"}
SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")


def _a_game(token: Token, trig: Trigger) -> bool:
    """Force and coercion words in a sentence about a game ('beat', 'crushed', 'attack', 'defence')."""
    if trig.code[:2] not in FORCE_ROOTS | {"17", "13"}:
        return False
    sent = token.sent
    return bool(SCORE.search(sent.text)) or any(t.lower_ in SPORTS_WORDS for t in sent)


def _attack_instrument(token: Token) -> Token | None:
    """The thing named as doing the violence: 'a bomb attack', 'killed in an explosion', 'an ambush killed
    five', 'were killed when two roadside bombs went off'. None when a doer or nothing is named."""
    if token.lemma_.lower() in UNNAMED_ATTACK_LEMMAS and token.pos_ in ("NOUN", "PROPN"):
        return token  # "a bomb attack", "the shooting"; the verb "attacking" needs a weapon for a subject
    if token.pos_ not in ("VERB", "AUX"):
        return None
    subj, passive = subject_of(token)
    if subj is not None and not passive and subj.lemma_.lower() in UNNAMED_ATTACK_LEMMAS:
        return subj
    for cause in prep_objects(token, ("in", "by")):
        if cause.lemma_.lower() in UNNAMED_ATTACK_LEMMAS:
            return cause
    # "were killed ... when two roadside bombs went off": a clause whose subject is the weapon
    for verb in (token, *token.conjuncts):
        for clause in (a for a in verb.children if a.dep_ == "advcl"):
            for s in clause.children:
                if s.dep_ in ("nsubj", "nsubjpass") and s.lemma_.lower() in UNNAMED_ATTACK_LEMMAS:
                    return s
    return None


def _unnamed_attack(token: Token) -> bool:
    return _attack_instrument(token) is not None


BOMB_WORDS = {"bomb", "bombing", "explosion", "blast", "bomber", "explosive"}


def bombing_code(token: Token, code: str) -> str:
    """Violence done by a bomb is a bombing (183): 'killed when a roadside bomb went off' is 1833, not the
    190 of 'killed'. Suicide, car and roadside bombs have their own CAMEO codes."""
    if code[:2] not in ("18", "19") or code.startswith("183"):
        return code
    weapon = _attack_instrument(token)
    if weapon is None:
        return code
    words = {t.lower_ for t in weapon.subtree if t.i < weapon.i} | {weapon.lower_}
    # "a suicide bombing attack that killed one person": the attack is a bombing by its modifier
    if weapon.lemma_.lower() not in BOMB_WORDS and not any(
            t.lemma_.lower() in BOMB_WORDS for t in weapon.lefts if t.dep_ in ("compound", "amod", "nmod")):
        return code
    if "suicide" in words:
        return "1831"
    if words & {"car", "vehicle", "truck", "car-bomb"}:
        return "1832"
    if "roadside" in words:
        return "1833"
    return "183"


UNDOING_VERBS = {"cut", "reduce", "lower", "slash", "lift", "ease", "remove", "scrap", "abolish", "end", "eliminate",
                 "waive", "suspend", "drop", "relax", "loosen"}


# Not "fire" (opened fire), "mine" (land mine) or "tank": those are weapons as often as accidents.
DISASTER_WORDS = {"accident", "crash", "flood", "flooding", "earthquake", "quake", "blaze", "storm", "typhoon",
                  "hurricane", "cyclone", "landslide", "mudslide", "avalanche", "collapse", "epidemic", "disease",
                  "virus", "flu", "outbreak", "drought", "heatwave", "tsunami", "derailment", "stampede", "boiler",
                  "colliery", "pneumonia", "cholera", "malaria"}


AMOUNT_NOUNS = {"type", "kind", "form", "sort", "amount", "lot", "deal", "range", "variety", "package", "round"}


def _a_disaster(token: Token) -> bool:
    """Deaths the sentence puts down to an accident or a natural cause are no political violence."""
    return any(t.lemma_.lower() in DISASTER_WORDS and t.pos_ == "NOUN" for t in token.sent)


ENDING_VERBS = {"lift", "ease", "remove", "relax", "loosen", "scrap", "abolish"}  # not "end": an ended visit took place


def _undone(token: Token, trig: Trigger) -> bool:
    """'Agreed to cut tariffs', 'lifted the embargo': a sanction named as what is being undone is not imposed.
    (Lifting one is coded from the verb, 085.)"""
    if token.pos_ != "NOUN" or token.dep_ not in ("dobj", "nsubjpass"):
        return False
    verb = token.head.lemma_.lower()
    # "lifted the blockade", "ended the strike": any act named as what is undone; "cut tariffs" for sanctions
    return verb in ENDING_VERBS or (trig.code[:2] == "16" and verb in UNDOING_VERBS)


def _without_licensing_nouns(found: list[Candidate]) -> list[Candidate]:
    """'Quit in protest', 'received a request from NATO': a noun that is the very object which made its verb a
    trigger of the same root is one event with the verb. The one that names more participants (then the finer
    code) stays."""
    verbs = {c.token.i: c for c in found if c.trigger.objects or c.trigger.prep}
    dropped: set[int] = set()
    for c in found:
        head = c.token.head.head if c.token.dep_ == "pobj" else c.token.head
        verb = verbs.get(head.i) if c.token.dep_ in ("dobj", "pobj") and head.i != c.token.i else None
        if verb is None or verb is c:
            continue
        # "called for his resignation": the call (a demand) and the resignation it asks for are one act
        asked_for = c.modality.marker is not None and c.modality.marker.i == verb.token.i and verb.trigger.prep
        if asked_for:
            # One act: "called for the withdrawal of troops" is the withdrawal appealed for (0256), carried by the
            # noun; "called for his resignation" is a demand for a new leader (1041), carried by the verb.
            leader_demand = verb.modality.marker is not None and verb.modality.marker.i == verb.token.i
            dropped.add(id(c) if leader_demand else id(verb))
            continue
        if verb.trigger.code[:2] != c.trigger.code[:2]:
            continue
        def weight(x: Candidate) -> tuple[int, int]:  # more participants named, then the finer code
            code = x.trigger.code
            return len(x.sources) + len(x.targets), len(code) + (not code.endswith("0"))  # 072 finer than 070

        dropped.add(id(c) if weight(verb) >= weight(c) else id(verb))
    return [c for c in found if id(c) not in dropped]


KILLING_NOUNS = {"killing", "murder", "massacre", "assassination", "bombing", "shelling", "invasion", "raid", "strike",
                 "abduction", "kidnapping"}
VIOLENCE_NOUNS = UNNAMED_ATTACK_LEMMAS | KILLING_NOUNS  # what a condemnation or a revenge is about
KILLING_LEMMAS = {"kill", "murder", "slay", "assassinate"}
POLITICAL_SECTORS = {"GOV", "LEG", "JUD", "PTY", "OPP", "MIL"}


def _assassination(token: Token, code: str, target: Ref) -> str:
    """Killing a named political figure is an assassination (186), not a plain killing (190)."""
    killed = token.lemma_.lower() in KILLING_LEMMAS or (  # "shot dead", "gunned down"
        token.lemma_.lower() in ("shoot", "gun") and any(c.lower_ in ("dead", "down") for c in token.children))
    if code in ("180", "190", "193") and killed and target.type == "person" and target.sector in POLITICAL_SECTORS:
        return "186"
    return code


def _armed_storming(code: str, source: Ref) -> str:
    """Soldiers or police who storm a building raid it (190); only a crowd storming one riots (145)."""
    return "190" if code == "145" and source.sector in ("MIL", "COP") else code


def _exported_modality(cand: Candidate, code: str) -> str:
    """A refusal, an appeal and a demand are acts: "refused to meet" is a rejection (12x) that happened, not a
    negated meeting, and "called for the withdrawal" an appeal (02x) that was made, not a planned withdrawal."""
    shift = cand.modality.shift
    made = {"refusal": "12", "appeal": "02", "demand": "10"}.get(shift or "")
    if made and code.startswith(made) and not cand.trigger.code.startswith(made) and (
            shift == "refusal" or cand.modality.value == "intended"):
        return "done"
    return cand.modality.value


def _reciprocal(code: str) -> bool:
    """Codes where 'A and B did it' means each did it to the other: meeting, signing. Several delegations
    arriving somewhere visit the host, not each other."""
    return (code[:2] in RECIPROCAL_CODES or code in RECIPROCAL_CODES) and not code.startswith(VISIT_CODES + ("043",))


def _sentence_index(doc: Doc, start: int) -> int:
    """Which sentence of the article starts at token `start` (indexed once per document)."""
    index = doc.user_data.get("parley_sentence_index")
    if index is None:
        index = {s.start: i for i, s in enumerate(doc.sents)}
        doc.user_data["parley_sentence_index"] = index
    return index.get(start, 0)


def code_events(doc: Doc, article: Article, actors: ArticleActors, lex: Lexicon | None = None) -> list[Event]:
    lex = lex or load_lexicon()
    events = EventCoder(doc, article, actors, lex).code()
    when.assign_dates(events, doc, article)
    assign_places(events, doc, article, actors)
    for event in events:
        event.cluster_id = cluster_key(event)
    return events


__all__ = ["code_events", "Event", "Participant"]
