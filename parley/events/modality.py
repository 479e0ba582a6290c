"""Modality: did the event happen, was it intended or offered, negated, or only hypothetical?

Read from the chain of governing words above the trigger ("is willing to strengthen", "pledged further
cooperation", "did not meet", "refused to talk", "if they attack"), not from the trigger alone. Besides
intent, appeal, demand and refusal, the chain tells events that did not take place ("suspended talks",
"failed to agree", "unable to meet", "has to sign"), events that are only a topic ("talks on the
withdrawal") and phrases that only set the time of their verb ("during his visit").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

INTENT_HEADS = {
    "willing", "ready", "prepared", "eager", "determined", "committed", "keen", "set",
    "pledge", "vow", "promise", "plan", "intend", "aim", "hope", "want", "wish", "seek", "expect", "agree",
    "decide", "offer", "propose", "prepare", "look", "mean", "try", "strive", "endeavour", "endeavor",
    "undertake", "schedule", "due", "likely", "continue", "confident",
}
# "attaches great importance to developing relations": a verb and object that together state an intent.
INTENT_OBJECTS = {"attach": {"importance", "priority"}, "give": {"priority"}, "place": {"importance", "priority"}}
INTENT_NOUNS = {
    "plan", "pledge", "promise", "intention", "readiness", "willingness", "commitment", "proposal", "hope",
    "desire", "determination", "resolve", "offer", "bid", "decision", "intent", "wish", "vow",
}
# Inflected forms spaCy's lemmatizer gets wrong ("hoped" -> "hop"): read as the word they inflect.
MISLEMMATIZED = {"hoped": "hope", "hopes": "hope", "hoping": "hope"}
# "accused Syria of allowing fighters to cross": what an actor is accused of is alleged, not reported as
# done (the accusation itself is the event, 112).
# "accused X of attacking", "sentenced X for murdering", "arrested for killing": an alleged or judged act, not
# news of its own, and not the accuser's or the court's.
ACCUSATION_HEADS = {"accuse", "sentence", "convict", "jail", "imprison", "charge", "indict", "try", "arrest",
                    "detain", "punish", "prosecute", "blame", "suspect", "give"}
# "conspiring to assassinate the president", "plotted to bomb the embassy": a plot is not the act.
PLOT_HEADS = {"conspire", "plot"}
# "the talks, to be held in Busan on Monday", "the talks to begin on Tuesday": an event noun whose own
# infinitive schedules it is planned, whatever the main verb says about it.
SCHEDULING_VERBS = {"hold", "begin", "start", "open", "convene", "resume", "commence", "take", "run"}
# "Russia still has to sign", "needs to withdraw", "must respect": an obligation, not an act.
OBLIGATION_HEADS = {"have", "need"}
OBLIGATION_AUX = {"must", "should", "ought"}
REFUSAL_HEADS = {"refuse", "reject", "decline", "deny", "oppose", "rule", "dismiss", "rebuff", "spurn", "shrug",
                 "unwilling"}
# Verbs of telling about something: what they are about is not what a refusal or plan around them concerns.
COMMENT_VERBS = {"comment", "elaborate", "disclose", "reveal", "divulge", "detail"}
COMMENT_NOUNS = {"detail", "comment", "information", "specifics"}  # "declined to give details on"
# "it will be impossible to convince the IMF", "unable to meet": what cannot be done is not done.
INABILITY_HEADS = {"impossible", "unable", "unlikely", "incapable"}
# "suspended talks with X", "called off the meeting", "violated the truce", "pulled out of the talks": the
# event named by the object is stopped, not held (the stopping verb codes its own event, 16x or 19x).
TERMINATION_HEADS = {
    "suspend", "cancel", "postpone", "delay", "shelve", "scrap", "abandon", "halt", "freeze", "violate",
    "breach", "boycott", "end", "terminate", "defer",
}
PARTICLE_TERMINATIONS = {("call", "off"), ("break", "off"), ("put", "off"), ("pull", "out"), ("walk", "out"),
                         ("withdraw", "from"), ("pull", "from")}
# Events that take place before they end: "ended his visit" reports a visit that happened.
COMPLETED_BY_ENDING = {"visit", "trip", "tour", "stay", "talk", "meeting", "summit", "conference", "session"}
APPEAL_HEADS = {"urge", "call", "ask", "appeal", "request", "invite", "encourage", "press", "implore", "advise"}
DEMAND_HEADS = {"demand", "insist", "order", "require"}
HYPOTHETICAL_MARKS = {"if", "unless", "whether", "lest"}
HYPOTHETICAL_AUX = {"could", "might", "may", "would", "can", "ca"}  # "the army can defend the city": ability, no act
# "failed to agree on calling for a withdrawal": what failed did not happen, whatever sits between.
FAILURE_HEADS = {"fail"}
# "will brief Arafat on his talks with Clinton", "informed him about the raid": the topic of a briefing or
# report is an event of its own; the briefing's future or request does not reach it.
TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}
TELLING_WORDS = {
    "brief", "inform", "tell", "report", "update", "write", "briefing", "statement", "remark", "letter",
    "message", "information", "detail", "account", "news", "question", "comment", "ask",
}
# "talks on the withdrawal", "discussed the ceasefire": the topic of a discussion is neither done nor intended.
DISCUSSION_WORDS = {
    "talk", "discuss", "consult", "confer", "negotiate", "negotiation", "consultation", "discussion", "dialogue",
    "debate", "meeting", "speak", "conversation",
}
# "airlines have the right to appeal": a right or power to act is not the act
ABILITY_NOUNS = {"right", "power", "authority", "option", "ability", "freedom", "capacity", "capability", "chance"}
# "cooperation in fighting terrorism": the field of a cooperation is no event
COOPERATION_NOUNS = {"cooperation", "co-operation", "collaboration", "coordination", "partnership"}
# "will attend the summit after he concludes his visit": a clause of time under a future verb is future too
FUTURE_CLAUSE_MARKS = {"after", "before", "when", "once", "until", "while"}
# "called for calm during his visit", "ordered the strikes after receiving evidence": a phrase that sets the
# time is not what is appealed for, ordered, refused or denied; it shares only the time of its verb ("will
# raise the issue during his visit next week": the visit is planned too).
SETTING_PREPS = {"during", "after", "before", "since", "until", "amid", "despite", "following", "throughout"}
TEMPORAL_HEADS = {"expect", "schedule", "due", "set", "plan", "likely", "prepare"}
# "called for Netanyahu to resign", "urged him to step down": asking that a leader go is a demand for a
# change of leadership (CAMEO 104x), not an appeal. "step" counts with "down"/"aside", "quit" with no
# object or with office as its object.
LEAVE_WORDS = {"resign", "resignation", "quit", "step", "ouster", "oust", "impeachment", "abdicate", "abdication"}
OFFICE_WORDS = {"power", "office", "post", "presidency", "premiership", "throne", "job"}
# Subjects of "would" that name who acts: "Mubarak would discuss ..." (future in the past) as against
# "it would harm ties" (an opinion).
OPINION_SUBJECTS = {"it", "this", "that", "which", "what", "such", "there"}
SPEECH_VERBS = {
    "say", "tell", "state", "announce", "declare", "add", "stress", "note", "reiterate", "emphasize",
    "emphasise", "affirm", "reaffirm", "insist", "claim", "report", "warn", "argue", "believe", "think",
    "indicate", "express", "point", "underline", "remark", "explain", "confirm", "assert", "write",
}


@dataclass(frozen=True)
class Modality:
    value: str  # done | intended | negated | hypothetical
    shift: str | None = None  # intent | appeal | demand | refusal: which code family the event moves into
    marker: Token | None = None


def _lemma(token: Token) -> str:
    """The token's lemma, corrected for the few verb forms the lemmatizer confuses with other words."""
    return MISLEMMATIZED.get(token.lower_, token.lemma_)


def _gerund_complement(token: Token) -> bool:
    """'ruled out sending troops', 'proposes sending troops': a bare gerund the parser attaches as an adverbial
    clause (no subordinator, no subject of its own) to a verb of refusal, intent or appeal is its object."""
    return (token.dep_ == "advcl" and token.tag_ == "VBG"
            and _lemma(token.head) in REFUSAL_HEADS | INTENT_HEADS | APPEAL_HEADS
            and not any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in token.children)
            # right after the verb or its particle; "refused to talk, accusing him of lying" is an adjunct
            and all(t.head.i == token.head.i and t.dep_ in ("prt", "advmod", "prep") and not list(t.children)
                    for t in token.doc[token.head.i + 1:token.i]))


def _purpose(token: Token) -> bool:
    """'will fly to Paris to meet Chirac', 'accused X of sending men to fight': an infinitive of purpose shares
    the time and modality of the verb it serves (planned with a plan, alleged with an allegation)."""
    return (token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children))


def _scheduled(trigger: Token) -> Token | None:
    """The infinitive that schedules an event noun ('talks to be held', 'meeting to begin'), if any."""
    if trigger.pos_ != "NOUN":
        return None
    for c in trigger.children:
        if c.dep_ in ("acl", "relcl") and c.lemma_ in SCHEDULING_VERBS and c.i > trigger.i \
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) \
                and not any(a.dep_ in ("nsubj", "nsubjpass") for a in c.children):
            return c
    return None


def _negated(token: Token) -> bool:
    # "will give no money": a verb whose object is denied by "no"
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det")
               or c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
               for c in token.children)


# Links through which a governing word's modality reaches the trigger. Adverbial clauses ("after he
# met") and relative clauses are separate events and do not pass modality on.
CLIMB_DEPS = ("xcomp", "acomp", "ccomp", "conj", "pcomp", "dobj", "pobj", "prep", "attr", "nsubjpass", "oprd")
# "the plan to hold talks", "the first time to meet": only an infinitive ('to' aux) climbs to its noun
INFINITIVE_DEPS = ("acl", "relcl")


def governing_chain(trigger: Token, limit: int = 5) -> list[tuple[Token, str]]:
    """The trigger and the words governing it, each with the dependency it was reached through."""
    chain = [(trigger, "")]
    tok = trigger
    for _ in range(limit):
        infinitive = tok.dep_ in INFINITIVE_DEPS and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        if (tok.dep_ not in CLIMB_DEPS and not infinitive and not _gerund_complement(tok)
                and not _purpose(tok)) or tok.head is tok:
            break
        # Reported speech ends the chain: what is said is coded, not the saying.
        if tok.dep_ == "ccomp" and tok.head.lemma_ in SPEECH_VERBS:
            break
        if tok.dep_ == "prep" and tok.lower_ in TOPIC_PREPS and tok.head.lemma_.lower() in TELLING_WORDS:
            break
        chain.append((tok.head, tok.dep_))
        tok = tok.head
    return chain


def _reported(token: Token) -> bool:
    """Is this clause the complement of a speech verb ('said the US would talk')?"""
    tok = token
    for _ in range(6):
        if tok.dep_ == "ccomp" and tok.head.lemma_ in SPEECH_VERBS:
            return True
        if tok.head is tok or tok.dep_ not in CLIMB_DEPS:
            return False
        tok = tok.head
    return False


def _asks_leader_to_go(trigger: Token) -> bool:
    """'called for X to resign', 'urged him to step down', 'called for his resignation': the appeal's
    content (its clause or its 'for' object) is a leader leaving office."""
    if trigger.lemma_ not in APPEAL_HEADS:
        return False
    content = [c for c in trigger.children if c.dep_ in ("xcomp", "ccomp", "advcl")]
    content += [o for p in trigger.children if p.dep_ == "prep" and p.lower_ == "for"
                for o in p.children if o.dep_ == "pobj"]
    for c in content:
        if c.lemma_.lower() not in LEAVE_WORDS:
            continue
        if c.lemma_.lower() == "step" and not any(t.lower_ in ("down", "aside") for t in c.children):
            continue
        if c.lemma_.lower() == "quit" and any(o.dep_ == "dobj" and o.lemma_.lower() not in OFFICE_WORDS
                                               for o in c.children):
            continue
        if c.dep_ == "advcl" and not any(m.dep_ == "mark" and m.lower_ in ("for", "to") for m in c.children) \
                and not any(a.lower_ == "to" for a in c.children if a.dep_ == "aux"):
            continue
        return True
    return False


def _stopped(chain: list[tuple[Token, str]]) -> Token | None:
    """The verb that stops the trigger's event, when the trigger is its object ('suspended talks') or the
    object of its particle or preposition ('called off the meeting', 'pulled out of the talks')."""
    if len(chain) < 2:
        return None
    trigger = chain[0][0]
    verb, link = chain[1]
    words: set[str] = set()
    if link == "pobj":
        j = 1
        while j < len(chain) and chain[j][0].pos_ == "ADP":
            words.add(chain[j][0].lower_)
            j += 1
        if j >= len(chain):
            return None
        verb = chain[j][0]
    elif link not in ("dobj", "nsubjpass"):
        return None
    words |= {c.lower_ for c in verb.children if c.dep_ == "prt"}
    if link != "pobj" and verb.lemma_ in TERMINATION_HEADS and not (
            verb.lemma_ == "end" and trigger.lemma_.lower() in COMPLETED_BY_ENDING):
        return verb
    if any((verb.lemma_, w) in PARTICLE_TERMINATIONS for w in words):
        return verb
    return None


def _conditional(sentence) -> bool:
    return any(t.lower_ in HYPOTHETICAL_MARKS | {"otherwise"} for t in sentence)


def _planned(token: Token, aux: set[str]) -> bool:
    """'Mubarak would discuss the situation with Chirac' in a sentence with no condition: news reports a
    plan in the future in the past, often with the attribution after it or in the previous sentence."""
    if not aux & {"would"} or aux & {"have", "could", "might", "may", "can", "ca"}:
        return False
    if token.dep_ not in ("ROOT", "conj", "ccomp", "parataxis") or _conditional(token.sent):
        return False
    subj = [c for c in token.children if c.dep_ == "nsubj"]
    return bool(subj) and subj[0].lower_ not in OPINION_SUBJECTS and not any(
        t.lower_ in OPINION_SUBJECTS for t in subj[0].lefts if t.dep_ == "det") and (
        subj[0].pos_ in ("PROPN", "PRON") or subj[0].ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or subj[0].pos_ == "NOUN" and any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in subj[0].subtree))


def _setting_at(chain: list[tuple[Token, str]]) -> int:
    """Where a time-setting preposition sits in the chain (len(chain) when there is none)."""
    for i, (tok, _) in enumerate(chain):
        if i > 0 and tok.pos_ == "ADP" and tok.lower_ in SETTING_PREPS:
            return i
    return len(chain)


def _timed(tok: Token) -> Modality | None:
    """Only the time of a verb reaches the phrase that sets its time: future, planned or hypothetical."""
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "shall", "'ll"} or tok.lemma_ in TEMPORAL_HEADS:
        return Modality("intended", "intent", tok)
    if aux & {"would"} and not aux & {"have"} and (_reported(tok) or _planned(tok, aux)):
        return Modality("intended", "intent", tok)
    if aux & (HYPOTHETICAL_AUX - {"can", "ca"}) and not aux & {"have"} or any(
            c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in tok.children):
        return Modality("hypothetical", None, tok)
    return None


def modality_of(trigger: Token) -> Modality:
    chain = governing_chain(trigger)
    setting = _setting_at(chain)
    if setting < len(chain):
        for tok, _ in chain[setting + 1:]:
            timed = _timed(tok)
            if timed is not None:
                return timed
        chain = chain[:setting]
    top = chain[-1][0]
    if top.dep_ == "relcl" and any(c.dep_ == "det" and c.lower_ in ("every", "any", "each", "no")
                                   for c in top.head.children):
        return Modality("hypothetical", None, top.head)  # "every envoy who asks for money": no one in particular
    if top.dep_ == "advcl" and top.tag_ in ("VBZ", "VBP") and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in FUTURE_CLAUSE_MARKS for c in top.children):
        # "will attend the summit after he concludes his visit": English puts a future clause in the present
        timed = _timed(top.head)
        if timed is not None and timed.value == "intended":
            return timed
    # "failed to show up and cancelled the meeting": a coordinated verb does not inherit the failure.
    before_conj = chain[:next((i for i, (_, link) in enumerate(chain) if link == "conj"), len(chain))]
    failing = [tok for tok, link in before_conj[1:] if tok.lemma_ in FAILURE_HEADS and link == "xcomp"]
    if failing:
        return Modality("negated", None, failing[0])
    if len(chain) > 2 and chain[1][0].lower_ in TOPIC_PREPS and chain[2][0].lemma_.lower() in DISCUSSION_WORDS:
        return Modality("hypothetical", None, chain[2][0])
    if len(chain) > 2 and chain[1][0].lower_ in ("of", "in", "on", "against") and chain[2][0].lemma_.lower() in (
            COOPERATION_NOUNS):
        # "cooperation in arresting and repatriating suspects", "cooperation on fighting terrorism": the field
        # of the cooperation, not an arrest or a fight
        return Modality("hypothetical", None, chain[2][0])
    if len(chain) > 1 and chain[1][1] == "dobj" and chain[1][0].lemma_.lower() in DISCUSSION_WORDS \
            and trigger.pos_ == "NOUN":
        return Modality("hypothetical", None, chain[1][0])
    stopper = _stopped(chain)
    if stopper is not None:
        return Modality("negated", None, stopper)
    if trigger.pos_ == "NOUN" and any(tok.lemma_.lower() in COMMENT_VERBS or any(
            c.dep_ == "dobj" and c.lemma_.lower() in COMMENT_NOUNS for c in tok.children) for tok, _ in chain[1:6]):
        # "declined to give details of his meeting", "refused to comment on the talks": the silence is about
        # an event that took place, which neither the refusal nor the plan around it touches.
        return Modality("done", None, None)
    if _asks_leader_to_go(trigger) and not _negated(trigger):
        return Modality("intended", "demand", trigger)
    scheduler = _scheduled(trigger)
    if scheduler is not None:
        return Modality("intended", "intent", scheduler)
    for i, (tok, link) in enumerate(chain):
        # A coordinated verb ("pledged X as Y wrapped up Z") does not inherit its partner's lemma.
        governs = i > 0 and link != "conj"
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if _negated(tok):
            if governs and _lemma(tok) in INTENT_HEADS:
                return Modality("negated", "refusal", tok)
            return Modality("negated", None, tok)
        if governs and (tok.lemma_ in INABILITY_HEADS or any(
                c.dep_ == "acomp" and c.lemma_ in INABILITY_HEADS for c in tok.children)):
            return Modality("negated", None, tok)
        if governs and tok.lemma_ in REFUSAL_HEADS:
            return Modality("negated", "refusal", tok)
        if governs and tok.lemma_ == "call" and i == 1 and link == "dobj":
            return Modality("intended", "intent", tok)  # "called a strike for Monday": organized, not appealed for
        if governs and tok.lemma_ in APPEAL_HEADS:
            return Modality("intended", "appeal", tok)
        if governs and tok.lemma_ in DEMAND_HEADS:
            return Modality("intended", "demand", tok)
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in tok.children):
            return Modality("hypothetical", None, tok)
        if governs and tok.lemma_ in PLOT_HEADS and link == "xcomp":
            return Modality("hypothetical", None, tok)
        if governs and tok.lemma_ in ACCUSATION_HEADS and i > 1 and chain[i - 1][0].pos_ == "ADP":
            return Modality("hypothetical", None, tok)  # "accused X of attacking": alleged
        if governs and (_lemma(tok) in INTENT_HEADS or tok.lower_ in INTENT_HEADS):
            return Modality("intended", "intent", tok)
        if governs and link == "prep" and any(
                c.dep_ == "dobj" and c.lemma_ in INTENT_OBJECTS.get(tok.lemma_, ()) for c in tok.children):
            return Modality("intended", "intent", tok)
        if governs and link == "acl" and tok.lemma_.lower() in ABILITY_NOUNS:
            return Modality("hypothetical", None, tok)  # "airlines have the right to appeal": not done
        # "his intention to pull out", "plans to hold talks": the plan noun's infinitive is intended.
        if governs and link == "acl" and tok.lemma_ in INTENT_NOUNS:
            return Modality("intended", "intent", tok)
        # "reiterated his intention Thursday to pull out", parsed with the infinitive beside the noun
        if governs and link == "advcl" and i == 1 and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in chain[0][0].children) and any(
                c.dep_ == "dobj" and c.lemma_ in INTENT_NOUNS for c in tok.children):
            return Modality("intended", "intent", tok)
        if governs and link == "xcomp" and tok.lemma_ in OBLIGATION_HEADS and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in chain[i - 1][0].children):
            return Modality("hypothetical", None, tok)
        if aux & OBLIGATION_AUX:
            return Modality("hypothetical", None, tok)
        if i == 0 and tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubj", "pobj") and tok.head.lemma_ in INTENT_HEADS:
            return Modality("intended", "intent", tok.head)
        if i == 0 and aux & {"to"} and tok.head.lemma_ == "be" and tok.dep_ in ("xcomp", "ccomp", "advcl"):
            judged = [c for c in tok.head.children if c.dep_ in ("acomp", "attr")]
            if any(c.lemma_ in INABILITY_HEADS for c in judged):
                return Modality("negated", None, judged[0])  # "it will be impossible to convince"
            if judged:
                return Modality("hypothetical", None, judged[0])  # "it is important to visit": a judgement
        if aux & {"will", "shall", "'ll", "wo"} or (aux & {"to"} and tok.head.lemma_ == "be" and i == 0):
            return Modality("intended", "intent", tok)
        if aux & {"would"} and not aux & {"have"} and (_reported(tok) or i == 0 and _planned(tok, aux)):
            return Modality("intended", "intent", tok)  # future in the past: "said the US would talk"
        if aux & HYPOTHETICAL_AUX and not aux & {"have"}:
            return Modality("hypothetical", None, tok)
    return Modality("done")
