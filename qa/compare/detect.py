"""Disagreement detectors: each compares the facts of two aligned snippets and explains what differs.

Precision first: a value is only contrasted with a value of the same type whose surrounding words match
(the same event or measure), in snippets that report the same claim, and only when no value on the other
side is compatible with it ("December 2024" agrees with "Dec. 12, 2024"; "about 150,000" with "149,000").
"""

from __future__ import annotations

import difflib
import re

from index.store import Index
from qa.compare.align import Pair, same_claim
from qa.compare.figures import attached, reported
from qa.compare.registry import Finding, snippet_side, value_finding
from qa.facts.entities import find_entities, is_role, same_entity
from qa.facts import dates, numbers, qualifiers
from qa.facts.annotate import annotate
from qa.facts.text import clause, fold, overlap, stem, words
from qa.models import AnswerType, DisagreementKind, OutletAnswer, Snippet

_CONTEXT_MIN = 0.5

ASKS_ALIGNED_FACTS: frozenset[AnswerType] = frozenset({"date", "number", "yesno", "quote"})
"""Questions whose answer is what aligned sentences may disagree on: a date, a number, a claim (yes/no) or
what someone said (and when). For the others ("Which plan did X back?", "Who leads Y?") a different date or
figure in two outlets' shown sentences is not about the asked fact, so it is no flag. A date question is
answered by a date, not a figure or a name; a number question by a figure and the period it is for ("4.8% in
August"), not the day it was announced ("said Wednesday")."""


def _contexts_match(ta: str, a: tuple[int, int], tb: str, b: tuple[int, int]) -> float:
    ca, cb = clause(ta, *a), clause(tb, *b)
    score = overlap(ca, cb)
    return score if len(ca & cb) >= 2 and score >= _CONTEXT_MIN else 0.0


def _finding(kind: DisagreementKind, pair: Pair, index: Index, x, norm_x: str, y, norm_y: str,
             confidence: float) -> Finding:
    """The finding of the aligned pair's values ``x`` (in ``pair.sa``) and ``y`` (in ``pair.sb``)."""
    return value_finding(f"aligned {kind}", "pair", kind, confidence,
                         (snippet_side(index, pair.a, pair.sa, x.text, norm_x, ((x.start, x.end),)),
                          snippet_side(index, pair.b, pair.sb, y.text, norm_y, ((y.start, y.end),))))


def _contrast(kind: DisagreementKind, pair: Pair, index: Index, items_a, items_b, compatible, comparable,
              pairable=lambda x, y: True) -> Finding | None:
    """The finding of the best-matching pair of values (by context) that cannot both hold, if each side has no
    compatible value, more confident the better their contexts and sentences match; ``pairable`` may further rule
    out a pair (it does not stop a compatible value from reconciling)."""
    ta, tb = pair.sa.text, pair.sb.text
    best = None
    for x in items_a:
        if any(compatible(x, y) for y in items_b if comparable(x, y)):
            continue
        for y in items_b:
            if not comparable(x, y) or not pairable(x, y) or any(compatible(y, z) for z in items_a if comparable(y, z)):
                continue
            score = _contexts_match(ta, (x.start, x.end), tb, (y.start, y.end))
            if score and (best is None or score > best[0]):
                best = (score, x, y)
    if best is None:
        return None
    score, x, y = best
    confidence = round(min(1.0, 0.5 * score + 0.5 * pair.lexical), 3)
    return _finding(kind, pair, index, x, x.normalized, y, y.normalized, confidence)


def _own_words(text: str, start: int, end: int) -> set[str]:
    """Content stems of the clause around ``text[start:end]`` (not widened), without names: what it says happened."""
    names = {stem(w) for w, _, _ in words(text) if w[:1].isupper()}
    return clause(text, start, end, min_words=0) - names


def _same_event(ta: str, tb: str, x, y) -> bool:
    """Whether two dates may date the same event: the words of each date's own clause ("… the company that Tom Reyes
    started 20 years ago": "started") must meet the other's context, when it has words of its own besides names.
    The day of a report ("officials said Thursday …") dates only a report."""
    if dates.reported(ta, x) != dates.reported(tb, y):
        return False
    own_x, own_y = _own_words(ta, x.start, x.end), _own_words(tb, y.start, y.end)
    if not own_x or not own_y:
        return True  # "In 1971, a second book …": the date heads its sentence and has no clause of its own
    return bool(own_x & clause(tb, y.start, y.end)) and bool(own_y & clause(ta, x.start, x.end))


def date_conflict(pair: Pair, index: Index, figures: bool = False) -> Finding | None:
    """Two dates for the same event that do not overlap ("Sept. 16" vs "September 17"); with ``figures``, only
    dates that each date a figure (``qa.compare.figures``: the period a number is for). Two dates that each belong
    to a figure do not date the same thing when the two figures differ ("4.8% from 5.2% in August" / "194,000
    workers in September": each month dates its own figure)."""
    ta, tb = pair.sa.text, pair.sb.text
    fa = annotate(ta, index.articles[pair.sa.article_id].published)
    fb = annotate(tb, index.articles[pair.sb.article_id].published)

    def pairable(x, y) -> bool:
        fx, fy = attached(ta, x, fa.quantities), attached(tb, y, fb.quantities)
        if figures and (fx is None or fy is None):
            return False
        same_figure = fx is None or fy is None or (numbers.comparable(fx, fy) and numbers.compatible(fx, fy))
        return same_figure and _same_event(ta, tb, x, y)

    return _contrast("date", pair, index, fa.dates, fb.dates, dates.compatible, lambda x, y: True, pairable)


def _not_given_elsewhere(quantities: list[numbers.Quantity], other: OutletAnswer, shown: Snippet) -> list:
    """``quantities`` that no other shown snippet of the ``other`` outlet gives (a compatible value of the same
    kind): an outlet that says "4.2%" in one sentence does not contradict "4.2%" with "0.8 percent" in another."""
    elsewhere = [q for s in other.snippets if s.passage_id != shown.passage_id
                 for q in reported(s.text, annotate(s.text).quantities)]
    return [q for q in quantities
            if not any(numbers.comparable(q, e) and numbers.compatible(q, e) for e in elsewhere)]


def number_conflict(pair: Pair, index: Index) -> Finding | None:
    """Two reported quantities of the same kind for the same thing that cannot both hold (forecasts and figures
    the two sentences share are set aside)."""
    ta, tb = pair.sa.text, pair.sb.text
    own_a, own_b = (qualifiers.shared_spans(qualifiers.unlisted(reported(t, annotate(t).quantities),
                                                                list(annotate(t).quantities)),
                                            [q for s in o.snippets for q in annotate(s.text).quantities])
                    for t, o in ((ta, pair.a), (tb, pair.b)))
    qa, qb = numbers.unshared(own_a, own_b)
    qa, qb = _not_given_elsewhere(qa, pair.b, pair.sb), _not_given_elsewhere(qb, pair.a, pair.sa)
    return _contrast("number", pair, index, qa, qb, numbers.compatible, numbers.comparable)


_NEXT_WORD = re.compile(r" +([^\W\d_][\w'’-]*)")


def _heads_role(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` qualifies a role noun after it ("the Kazakh leader", "the German
    chancellor"): a description of a person by role, which may be the person another outlet names."""
    following = _NEXT_WORD.match(text, end)
    return following is not None and following.group(1).islower() and is_role(following.group(1))


def entity_conflict(pair: Pair, index: Index) -> Finding | None:
    """Near-identical sentences where one name stands in place of another ("Paul Seadlund" / "Peter Seadlund");
    a person described by role ("the Kazakh leader") is not set against a name ("Tokayev")."""
    if pair.jaccard < 0.5:
        return None
    ta, tb = pair.sa.text, pair.sb.text
    wa, wb = words(ta), words(tb)
    matcher = difflib.SequenceMatcher(a=[fold(w) for w, _, _ in wa], b=[fold(w) for w, _, _ in wb], autojunk=False)
    ea, eb = find_entities(ta), find_entities(tb)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace" or i2 - i1 > 4 or j2 - j1 > 4:
            continue
        sa, sb = (wa[i1][1], wa[i2 - 1][2]), (wb[j1][1], wb[j2 - 1][2])
        xa = [e for e in ea if e.start < sa[1] and sa[0] < e.end]
        xb = [e for e in eb if e.start < sb[1] and sb[0] < e.end]
        if len(xa) != 1 or len(xb) != 1:
            continue
        x, y = xa[0], xb[0]
        if any(len(e.key.split()) == 1 and not text[:e.start].strip(" “\"'‘") for e, text in ((x, ta), (y, tb))):
            continue  # a capitalised first word is not evidence of a name
        if _heads_role(ta, x.end) or _heads_role(tb, y.end):
            continue
        if same_entity(x.text, y.text) or any(same_entity(x.text, e.text) for e in eb) \
                or any(same_entity(y.text, e.text) for e in ea):
            continue
        return _finding("entity", pair, index, x, x.key, y, y.key, round(pair.jaccard, 3))
    return None


def detect(pair: Pair, index: Index, kind: AnswerType, states: tuple[bool, bool] = (True, True)) -> list[Finding]:
    """Every factual disagreement between the two snippets of an aligned pair that answers a ``kind`` question
    (``ASKS_ALIGNED_FACTS``): a date, a number or a name. A yes/no question asks about a date or a figure only when it
    states one (``states``: it states a date, a number): "Did X die on 2 March 1881?" does, "Did Israel and Hamas agree
    to a ceasefire?" does not, and the day each outlet dates a step of the story is no answer.

    A claim one sentence asserts and the other denies is not flagged here: anywhere in two aligned sentences it is
    mostly not the asked fact (on the held-out allsides-dev set such flips raised 2 flags, both false, for 1 of 127
    WikiContradict conflicts). A yes/no question's stance is compared as its answer slot (``qa.compare.slots``)."""
    if kind not in ASKS_ALIGNED_FACTS or not same_claim(pair):
        return []
    states_date, states_number = states if kind == "yesno" else (True, True)
    found = [date_conflict(pair, index, figures=kind == "number")] if states_date else []
    if kind != "date" and states_number:
        found.append(number_conflict(pair, index))
    if kind not in ("date", "number"):
        found.append(entity_conflict(pair, index))
    return [f for f in found if f is not None]
