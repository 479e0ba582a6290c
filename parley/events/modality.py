"""Modality: did the event happen, was it intended or offered, negated, or only hypothetical?

Read from the chain of governing words above the trigger ("is willing to strengthen", "pledged further
cooperation", "did not meet", "refused to talk", "if they attack"), not from the trigger alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

INTENT_HEADS = {
    "willing", "ready", "prepared", "eager", "determined", "committed", "keen", "set",
    "pledge", "vow", "promise", "plan", "intend", "aim", "hope", "want", "wish", "seek", "expect", "agree",
    "decide", "offer", "propose", "prepare", "look", "mean", "try", "strive", "endeavour", "endeavor",
    "undertake", "schedule", "due", "likely", "continue",
}
INTENT_NOUNS = {"plan", "pledge", "promise", "intention", "readiness", "willingness", "commitment", "proposal"}
REFUSAL_HEADS = {"refuse", "reject", "decline", "deny", "oppose", "rule"}
APPEAL_HEADS = {"urge", "call", "ask", "appeal", "request", "invite", "encourage", "press", "implore"}
DEMAND_HEADS = {"demand", "insist", "order", "require"}
HYPOTHETICAL_MARKS = {"if", "unless", "whether", "lest"}
HYPOTHETICAL_AUX = {"could", "might", "may", "would"}
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


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det")
               for c in token.children)


# Links through which a governing word's modality reaches the trigger. Adverbial clauses ("after he
# met") and relative clauses are separate events and do not pass modality on.
CLIMB_DEPS = ("xcomp", "acomp", "ccomp", "conj", "pcomp", "dobj", "pobj", "prep", "attr", "nsubjpass", "oprd")


def governing_chain(trigger: Token, limit: int = 5) -> list[tuple[Token, str]]:
    """The trigger and the words governing it, each with the dependency it was reached through."""
    chain = [(trigger, "")]
    tok = trigger
    for _ in range(limit):
        if tok.dep_ not in CLIMB_DEPS or tok.head is tok:
            break
        # Reported speech ends the chain: what is said is coded, not the saying.
        if tok.dep_ == "ccomp" and tok.head.lemma_ in SPEECH_VERBS:
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


def modality_of(trigger: Token) -> Modality:
    chain = governing_chain(trigger)
    for i, (tok, link) in enumerate(chain):
        # A coordinated verb ("pledged X as Y wrapped up Z") does not inherit its partner's lemma.
        governs = i > 0 and link != "conj"
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if _negated(tok):
            if governs and tok.lemma_ in INTENT_HEADS:
                return Modality("negated", "refusal", tok)
            return Modality("negated", None, tok)
        if governs and tok.lemma_ in REFUSAL_HEADS:
            return Modality("negated", "refusal", tok)
        if governs and tok.lemma_ in APPEAL_HEADS:
            return Modality("intended", "appeal", tok)
        if governs and tok.lemma_ in DEMAND_HEADS:
            return Modality("intended", "demand", tok)
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in tok.children):
            return Modality("hypothetical", None, tok)
        if governs and (tok.lemma_ in INTENT_HEADS or tok.lower_ in INTENT_HEADS):
            return Modality("intended", "intent", tok)
        if i == 0 and tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubj", "pobj") and tok.head.lemma_ in INTENT_HEADS:
            return Modality("intended", "intent", tok.head)
        if aux & {"will", "shall", "'ll", "wo"} or (aux & {"to"} and tok.head.lemma_ == "be" and i == 0):
            return Modality("intended", "intent", tok)
        if aux & {"would"} and not aux & {"have"} and _reported(tok):
            return Modality("intended", "intent", tok)  # future in the past: "said the US would talk"
        if aux & HYPOTHETICAL_AUX and not aux & {"have"}:
            return Modality("hypothetical", None, tok)
    return Modality("done")
