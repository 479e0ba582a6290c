"""Who did it to whom, read from the dependency parse: subjects, objects, prepositions, passives,
coordination, possessives of event nouns ("Hao's visit"), "between X and Y", reported speech.
"""

from __future__ import annotations

from spacy.tokens import Token

from parley.actors import ArticleActors, Ref
from parley.events.modality import SPEECH_VERBS

DEFAULT_TARGET_PREPS = ("with", "to", "against", "toward", "towards")
CLIMB_DEPS = ("xcomp", "conj", "acomp", "advcl", "pcomp", "prep", "dobj", "pobj", "auxpass")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


def conjuncts(token: Token) -> list[Token]:
    """The token and every conjunct coordinated with it ('A, B and C'), in text order. A list of people
    with titles ('A, chairperson of X, B, speaker of Y, and C') is often parsed with later names hanging
    inside earlier titles; every name-headed conjunct or apposition in a person's phrase is a member."""
    out = [token]
    stack = [token]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj":
                out.append(c)
                stack.append(c)
    if token.ent_type_ == "PERSON":
        out.extend(t for t in token.subtree if t.dep_ in ("conj", "appos", "nmod") and _ends_person_name(t))
    return sorted(set(out), key=lambda t: t.i)


def _ends_person_name(token: Token) -> bool:
    doc = token.doc
    return token.ent_type_ == "PERSON" and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")


# Verbs that judge someone for an act: "criticised Abbas for describing", "praised China for helping"
JUDGED_FOR = {"criticize", "criticise", "condemn", "denounce", "slam", "blast", "rebuke", "fault", "praise", "thank",
              "commend", "hail", "applaud", "congratulate", "reward", "honor", "honour", "blame", "punish"}


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The grammatical subject of a verb, climbing through infinitives and coordination
    ('is willing to strengthen' -> the subject of 'is'). Second value: the trigger itself is passive."""
    tok = verb
    root = verb.sent.root
    if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and root.pos_ in ("PROPN", "NOUN") and root.i < verb.i and (
            verb.i > 0 and verb.doc[verb.i - 1].text == "," and verb.head.i != root.i
            and any(c.dep_ in ("relcl", "appos") for c in root.children)):
        # "Singh, who will chair the next summit, called on ...", parsed with the name as the root and the
        # verb hung on "summit": a finite verb in a sentence without one is the sentence's own
        return root, False
    for step in range(7):
        subj = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        if subj and subj[0].lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
            return tok.head, (step == 0 and subj[0].dep_ == "nsubjpass")  # "Darling, who will visit ..."
        if subj:
            return subj[0], (step == 0 and subj[0].dep_ == "nsubjpass")
        infinitive = tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        if tok.head.pos_ == "NOUN" and (tok.dep_ == "acl" and tok.tag_ == "VB" or tok.dep_ == "relcl" and infinitive):
            # "expressed China's willingness to strengthen ties": whose willingness, else whoever expressed it;
            # also "offered for the first time to meet Kabila", parsed as a relative clause of "time"
            owner = [c for c in tok.head.children if c.dep_ == "poss"]
            if owner:
                return owner[0], False
            if tok.head.dep_ in ("attr", "nsubj", "appos"):
                return tok.head, False  # "Singh is the first Indian premier to visit Japan": the premier
            tok = tok.head
            continue
        if tok.dep_ == "relcl":
            return tok.head, False
        if tok.dep_ in ("ccomp", "conj") and step == 0:
            reduced = _reduced_relative_subject(tok)
            if reduced is not None:
                return reduced, False
        if tok.dep_ == "ccomp" or tok.head is tok:
            return None, False
        if tok.dep_ == "pcomp" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() in JUDGED_FOR:
            judged = [c for c in tok.head.head.children if c.dep_ == "dobj"]
            if judged:
                return judged[0], False  # "thanked Tanzania for giving support": Tanzania gave it
        if tok.dep_ in CLIMB_DEPS or (tok.dep_ == "acl" and tok.tag_ == "VBG"):
            tok = tok.head
            continue
        return None, False
    return None, False


def _reduced_relative_subject(verb: Token) -> Token | None:
    """'Israeli troops backed by 15 jeeps raided Nablus', parsed as two clauses, 'troops backed by jeeps' and a
    subjectless 'raided Nablus': the participle with its 'by' phrase describes the subject of the verb."""
    before = [c for c in verb.head.children if c.i < verb.i and c.dep_ in ("ccomp", "conj", "ROOT")]
    if verb.head.i < verb.i and verb.head.dep_ != "ROOT":
        before.append(verb.head)
    for clause in reversed(before):
        if clause.tag_ == "VBN" and clause.right_edge.i + 1 == verb.i and any(
                c.dep_ == "prep" and c.lower_ == "by" for c in clause.children):
            subj = [c for c in clause.children if c.dep_ == "nsubj"]
            if subj:
                return subj[0]
    return None


def agent_of(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def speaker_of(token: Token) -> Token | None:
    """Who said it: the subject of the speech verb whose complement contains the trigger."""
    tok = token
    for _ in range(8):
        if tok.dep_ == "ccomp" and tok.head.lemma_ in SPEECH_VERBS:
            subj, _ = subject_of(tok.head)
            return subj
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    out = []
    for c in token.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:  # "gave its support to India": dative
            out.extend(p for p in c.children if p.dep_ == "pobj")
            out.extend(o for p in c.children if visitor_adjective(p) for o in p.children if o.dep_ == "dobj")
    return out


def visitor_adjective(token: Token) -> bool:
    """'talks with visiting US President Bill Clinton', parsed as a verb whose object is Clinton: the word
    describes Clinton as a visitor; it is no visit to him."""
    if token.lower_ != "visiting" or not any(c.dep_ == "dobj" for c in token.children):
        return False
    # not "after visiting Uganda", where the visiting is done
    return token.dep_ in ("amod", "xcomp") or token.dep_ == "pcomp" and token.head.lower_ in (
        "with", "from", "for", "to", "of", "between", "among")


def country_ref(actors: ArticleActors, iso: str, kind: str = "country", sector: str | None = None) -> Ref:
    """A country as an actor, named as the tables display it."""
    return Ref(f"country:{iso}", actors.kb.country_display.get(iso, iso), kind, iso, sector)


def refs_for(actors: ArticleActors, token: Token | None, deep: bool = False) -> list[Ref]:
    """Actors a noun phrase refers to, one per conjunct; `deep` also looks inside the phrase
    ('China's core interests' -> China, 'the one-China principle' -> China)."""
    if token is None:
        return []
    out: list[Ref] = []
    for conj in conjuncts(token):
        ref = actors.ref(conj)
        listed = _listed_members(conj)
        if listed and (ref is None or ref.country is None):
            # "other delegations, including Russia, Japan and the United States": each member named.
            members = [x for m in listed if (r := actors.ref(m)) is not None and (r.country or r.sector)
                       for x in (_coordinated_nationalities(actors, m, r) or [r])]
            if members:
                out.extend(r for r in members if all(r.key != o.key for o in out))
                continue
        shared = _coordinated_nationalities(actors, conj, ref)
        if shared:
            out.extend(r for r in shared if all(r.key != o.key for o in out))
            continue
        if ref is None and conj.lower_ in ("side", "delegation", "party") and conj.head is not conj:
            ref = None
        if ref is None and deep:
            ref = inner_ref(actors, conj)
        if ref is not None and all(r.key != ref.key for r in out):
            out.append(ref)
    return out


GROUP_NOUNS = {"force", "forces", "group", "team", "delegation", "contingent", "coalition", "alliance", "convoy",
               "unit", "column", "patrol", "mission",
               # "thousands of Palestinians protested": the people counted
               "thousands", "hundreds", "dozens", "scores", "tens", "millions", "crowd", "crowds"}


def _listed_members(token: Token) -> list[Token]:
    """The members a group noun lists: 'delegations including A, B and C', 'countries such as A and B',
    'a force of government and Ethiopian troops'."""
    for c in token.children:
        if c.dep_ == "prep" and (c.lower_ in ("including", "like") or (
                c.lower_ == "as" and any(x.lower_ == "such" for x in c.children)) or (
                c.lower_ == "of" and token.lower_ in GROUP_NOUNS)):
            objects = [p for p in c.children if p.dep_ == "pobj"]
            if objects:
                return conjuncts(objects[0])
    return []


def _coordinated_nationalities(actors: ArticleActors, token: Token, ref: Ref | None) -> list[Ref]:
    """'Armenian and Azerbaijani negotiators' are two actors: one per coordinated nationality."""
    if ref is None or ref.type == "person" and ref.key.startswith("person:"):
        return []
    for mod in token.children:
        if mod.dep_ in ("amod", "compound", "nmod") and any(c.dep_ == "conj" for c in mod.children):
            members = conjuncts(mod)
            countries = [actors.kb.country_of_demonym(m.text) or actors.kb.country_of_name(m.text) or (
                "IGO" if (o := actors.kb.organization(m.text)) is not None and o.country == "IGO" else None)
                for m in members]  # "NATO and US commanders"
            # "a force of government and Ethiopian troops": the government's own troops, whose country the
            # story gives (filled in where the event is placed)
            home = [m.lower_ in ("government", "state", "regime") and not c for m, c in zip(members, countries,
                                                                                            strict=True)]
            if len(countries) > 1 and all(c or h for c, h in zip(countries, home, strict=True)):
                return [Ref(f"{ref.key}|{c or 'home'}", ref.name, ref.type, c, ref.sector, ref.role, span=ref.span)
                        for c in countries]
    return []


CURRENCIES = {"dollar", "euro", "yuan", "renminbi", "pound", "yen", "rupee", "rouble", "ruble", "franc", "peso",
              "dinar", "riyal", "rand", "won", "lira", "shilling", "naira", "real", "ringgit", "baht", "dong"}


def _names_a_currency(token: Token) -> bool:
    """'US dollars', 'Hong Kong dollars': a country that only names a currency is not an actor."""
    return token.head.lemma_.lower() in CURRENCIES and token.head is not token


def inner_ref(actors: ArticleActors, token: Token) -> Ref | None:
    """An actor named inside a non-actor phrase: possessives, compounds, 'of' attachments
    ("Venezuelan President Hugo Chavez's interference" -> Chavez, "the one-China principle" -> China).
    People and organizations are preferred to the bare countries that qualify them."""
    # "opposition to Germany's bid to join the Security Council": whose bid it is, before what it is about
    level = [token]
    for _ in range(4):
        owners = [c for t in level for c in t.children if c.dep_ == "poss" and (r := actors.ref(c)) and not r.dyad]
        if owners:
            return actors.ref(owners[0])
        level = [c for t in level for c in t.children if c.dep_ in ("prep", "pobj", "dobj")]
    found = [actors.ref(t) for t in token.subtree if t.i != token.i and not _names_a_currency(t)
             and t.dep_ in ("poss", "compound", "amod", "npadvmod", "pobj", "nmod") and actors.ref(t)]
    for kinds in (("person", "agent", "organization"), ("country", "collective")):
        for ref in found:
            if ref.type in kinds and not ref.dyad:
                return ref
    for t in token.subtree:
        if t.dep_ in ("relcl", "acl") or not t.text[:1].isupper() or _names_a_currency(t):
            continue
        iso = actors.kb.country_of_name(t.text) or actors.kb.country_of_demonym(t.text)
        if iso:
            return country_ref(actors, iso)
    return None
