"""A claim that something is only in some countries against a mention of it elsewhere, in one passage.

"It is endemic to Mexico." next to "It has also been reported from southern Venezuela." cannot both hold.
The claim is an exclusivity phrase ("endemic to", "found only in", "restricted to", …) over countries; the
mention is a presence word ("found", "reported from", "occurs", "ranges … to") before another country, not
negated ("but not from Honduras"), and not a kind of presence that endemism allows (introduced, captive,
fossil, vagrant, extinct, a related species). Both sentences must be about one subject: each names it or
refers to it with a pronoun, within a few sentences, with no other named subject between them.
"""

from __future__ import annotations

import re

from qa.compare.registry import SelfContradiction, Statement
from qa.facts import lang
from qa.facts.entities import Entity, countries
from qa.facts.text import content_stems

MAX_DISTANCE = 3
"""Most sentences between the exclusivity claim and the mention (both included: adjacent sentences are 1)."""
MAX_PHRASE_WORDS = 4
"""Most words between a presence word and its country for the two to be shown as one span."""
_SCOPE = re.compile(r"\b(?:" + lang.alternation("exclusive.scope_patterns") + r")\b", re.I)
_SCOPE_HEDGE = re.compile(r"(?:" + lang.alternation("exclusive.scope_hedge_patterns") + r")[\s-]+(?:\w+\s+){0,2}$",
                          re.I)
_SCOPE_OPEN = re.compile(r"\b(?:" + lang.alternation("exclusive.scope_open_patterns") + r")\b", re.I)
_SCOPE_END = re.compile(r"[;.]|,\s+(?:" + lang.alternation("exclusive.scope_end_after_comma") + r")\b|\b(?:"
                        + lang.alternation("exclusive.scope_end_words") + r")\b", re.I)
_PRESENCE = re.compile(r"\b(?:" + lang.alternation("exclusive.presence_patterns") + r")\b", re.I)
_NOT_RESIDENT = re.compile(r"\b(?:" + lang.alternation("exclusive.not_resident_patterns") + r")\b", re.I)
_NEGATION = re.compile(r"\b(?:" + lang.alternation("exclusive.negations") + r")\b|n't\b", re.I)
_CLAUSE_START = re.compile(r"[;,]|\b(?:" + lang.alternation("denials.clause_breaks") + r")\b", re.I)
_VERB = re.compile(r"\b(?:" + lang.alternation("exclusive.verb_patterns") + r")\b")
_PRONOUNS = lang.wordset("exclusive.pronouns")


def _subject(sentence: str) -> str | None:
    """The words before the sentence's first verb, lower-cased; None when there is no verb."""
    m = _VERB.search(sentence)
    return sentence[:m.start()].strip().lower() if m else None


def _pronoun(subject: str | None) -> bool:
    return subject is not None and subject.removeprefix("however, ").removeprefix("however ") in _PRONOUNS


def _same_subject(sentences: list[str], i: int, j: int, topic: frozenset[str]) -> bool:
    """True when sentences ``i`` … ``j`` all speak of one subject, named (sharing ``topic``) or a pronoun."""
    lo, hi = min(i, j), max(i, j)
    named = []
    for k in range(lo, hi + 1):
        subject = _subject(sentences[k])
        if k in (i, j) and subject is None:
            return False
        if subject is None or _pronoun(subject):
            continue
        named.append(content_stems(subject))
    if not named and lo > 0 and not _pronoun(_subject(sentences[lo - 1])):
        named.append(content_stems(_subject(sentences[lo - 1]) or ""))
    return bool(named) and all(n & topic for n in named) and all(a & b for a in named for b in named)


def _claims(sentence: str) -> list[tuple[tuple[int, int], list[Entity]]]:
    out = []
    if _SCOPE_OPEN.search(sentence):
        return out
    for m in _SCOPE.finditer(sentence):
        if _SCOPE_HEDGE.search(sentence[:m.start()]):
            continue
        end = _SCOPE_END.search(sentence, m.end())
        scope = [c for c in countries(sentence) if m.end() <= c.start and (end is None or c.end <= end.start())]
        if scope:
            out.append(((m.start(), scope[-1].end), scope))
    return out


def _mentions(sentence: str) -> list[tuple[tuple[tuple[int, int], ...], Entity]]:
    """Countries the sentence places its subject in, with the spans of the presence words and the country."""
    if _NOT_RESIDENT.search(sentence) or _SCOPE.search(sentence) and _SCOPE_OPEN.search(sentence):
        return []
    out = []
    for c in countries(sentence):
        before = sentence[:c.start]
        if not (presence := list(_PRESENCE.finditer(before))):
            continue
        if _NEGATION.search(before[max((m.end() for m in _CLAUSE_START.finditer(before)), default=0):]):
            continue
        p = presence[-1]
        if len(sentence[p.end():c.start].split()) <= MAX_PHRASE_WORDS:
            out.append((((p.start(), c.end),), c))
        else:
            lead = re.search(r"\b(?:to|in|into|from|as far as)\s+(?:\w+\s+)?$", before)
            out.append((((p.start(), p.end()), (lead.start() if lead else c.start, c.end)), c))
    return out


def outside_mentions(sentences: list[str], topic: frozenset[str]) -> list[SelfContradiction]:
    """Exclusivity claims in ``sentences`` (consecutive sentences of one text) and mentions of their subject in
    another country nearby; ``topic`` is the question's content stems, which the named subject must share. The
    claim's statement gives the countries it names ("only in Mexico"), the mention's the other country as written;
    the mention's spans are the presence words and the country ("reported from southern Venezuela" in one span;
    "found" and "Nicaragua" in two when far apart)."""
    out = []
    for i, sentence in enumerate(sentences):
        for span, scope in _claims(sentence):
            codes = {c.key for c in scope}
            for j in range(max(0, i - MAX_DISTANCE), min(len(sentences), i + MAX_DISTANCE + 1)):
                if j == i:
                    continue
                for mention_spans, country in _mentions(sentences[j]):
                    if country.key in codes or not _same_subject(sentences, i, j, topic):
                        continue
                    claim = Statement(i, (span,), "only in " + ", ".join(c.text for c in scope))
                    mention = Statement(j, mention_spans, country.text)
                    detail = f"says “{claim.text(sentence)}” but also “{mention.text(sentences[j])}”"
                    out.append(SelfContradiction("internal outside-scope", "claim", claim, mention, detail))
    return out
