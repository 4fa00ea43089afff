"""Question-focused answer-slot comparison: what each outlet gives as the answer, and whether two answers clash.

For each answering outlet the sentences that best match the question are that outlet's *readings*
(``qa.compare.readings``). From them comes the value of the slot the question asks for:

- a date or a number ("When …", "How many …", or a question that states one: "Did X die on 2 March 1881?");
- a name, for person/place/organisation questions ("Where did X die?" → "Dagana" / "Cayor");
- the option chosen, for "A or B" questions ("a detention center, not a penitentiary" / "Carandiru
  Penitentiary");
- the stance, for yes/no questions: does the reading assert or deny the question's proposition
  ("would no longer be supported on …" / "still runs on …");
- for any other question, a term one reading denies in a contrast and another gives ("a detention center,
  not a penitentiary" / "in Carandiru Penitentiary").

Two outlets are flagged only when each gives a value and the values cannot both hold (dates disjoint at the
common granularity, numbers apart beyond rounding and hedges, names that are not variants of each other,
different options, opposite stances). Nothing here is keyed to any corpus: the rules are about wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from index.store import Index
from qa.compare.align import comparable
from qa.compare.figures import attached, reported
from qa.compare.polarity import asserts_term, contrasts, predicates
from qa.compare.readings import Reading, readings
from qa.compare.registry import STANCES, Finding, snippet_side, value_finding
from qa.compare.stance import Stance, stance, synonym_stems
from qa.facts import dates, lang, numbers, qualifiers
from qa.facts.annotate import annotate
from qa.facts.entities import ROLE_WORDS, find_entities, person_like, same_entity
from qa.facts.focus import Focus, asked_dimension, counted_stems, distinctive, focus
from qa.facts.text import clause, content_stems, fold, near, same_word, stem, words
from qa.models import AnswerType, DisagreementKind, OutletAnswer

_NAME = stem("name")
_MEASURES = frozenset(stem(w) for w in lang.words("slots.measures"))

_WH = re.compile(r"\b(?:" + lang.alternation("slots.wh_words") + r")\b", re.I)
"""A wh-word: the question asks for something other than the date or number it states ("What was the vote to
extend the limit through early December?" asks for the vote, not the date)."""

@dataclass(frozen=True, slots=True)
class Slot:
    """An outlet's value for the question's slot, with the reading it comes from."""

    reading: Reading
    value: object
    """A ``DateMention``, ``Quantity`` or ``Entity`` (offsets in the reading's sentence), or a
    ``Stance`` (for options, stances and contrasts)."""
    text: str
    normalized: str
    span: tuple[int, int]


_BOUND = re.compile(r"\b(" + lang.alternation("slots.date_bounds") + r")\s+$", re.I)
_DETERMINER = re.compile(r"\b(?:" + lang.alternation("slots.determiners") + r")\s+$", re.I)
_ATTRIBUTIVE = re.compile(r"\s+((?:[\w’'-]+\s+){0,2}?[a-z][\w-]+)\b(?!\s*(?:,|\d))")


def _attributive(text: str, d: dates.DateMention) -> re.Match[str] | None:
    return _ATTRIBUTIVE.match(text, d.end) if _DETERMINER.search(text, 0, d.start) else None


def _another_verb(f: Focus, text: str, d: dates.DateMention) -> bool:
    """True when date ``d`` is said with verbs the question does not ask ("officials said Thursday …", "a law
    passed in 2018"): it may place an outlet in an answer group, never raise a flag."""
    verbs = [] if _attributive(text, d) else dates.governing_verbs(text, d, f.words)
    return bool(verbs) and not any(same_word(v, f.words) for v in verbs)


def _dates_the_question(f: Focus, text: str, d: dates.DateMention, strict: bool = True) -> bool:
    """True when date ``d`` dates what the question asks about. A date between a determiner and a noun ("the
    June 22 primary", "the Sept. 11, 2001 attacks") names that noun's event: it answers when the noun phrase names
    a key term. Otherwise its own clause must name a key term, widened to its neighbours only when it has no
    content word of its own ("In 1971, a second book …", "(1838 – 2 March 1881)"): "In a ruling on Wednesday, the
    judge said … the moratorium …" dates the ruling, not the moratorium."""
    bound = _BOUND.search(text, 0, d.start)
    if bound and not re.search(rf"\b{bound.group(1)}\b", f.text, re.I):
        return False  # "funded through Dec. 3" bounds the funding; it is no answer to "When did the Senate pass it?"
    head = _attributive(text, d)
    if head:  # "the June 22 primary", "the 2019 attacks": the date names its noun's event
        return bool(content_stems(head.group(1)) & f.stems)
    words = clause(text, d.start, d.end, min_words=0) or clause(text, d.start, d.end)
    if d.relative and f.predicate and strict:
        # "on Tuesday", "last week": news dates every step of a story this way, so the clause must name what is
        # asked ("leave", "flight"), not only who ("Kabul"): "last week's suicide attack in Kabul" is no date of
        # the last flight out of Kabul.
        return bool(words & f.predicate)
    return bool(words & f.stems)


def _date_slots(f: Focus, rs: list[Reading], index: Index, asked: bool) -> list[Slot]:
    out = []
    for r in rs:
        published = index.articles[r.snippet.article_id].published
        if asked and (said := stance(f.text, r.snippet.text)) is not None and said.decided and not said.affirmed:
            continue  # "Biden said the vaccine would not be imposed by mandate" dates no announcement of one
        stated = annotate(f.text, published).dates if asked else ()
        for d in annotate(r.snippet.text, published).dates:
            if any(d.lo <= q.lo and q.hi <= d.hi and (d.hi - d.lo > q.hi - q.lo or not q.relative) for q in stated):
                continue  # the question's own date ("manager in 2017"), or one holding it ("the riot in January")
            if _dates_the_question(f, r.snippet.text, d, strict=r.confident):
                weak = r.confident and _another_verb(f, r.snippet.text, d)
                out.append(Slot(replace(r, confident=False) if weak else r, d, d.text, d.normalized, (d.start, d.end)))
    return out


_PERIODS = ("month", "year", "decade", "century")
"""Granularities of a period a sentence's figures may be about; a day is more often when it was reported."""
_SINCE = re.compile(r"\bsince\s+(?:the\s+\w+\s+of\s+)?$", re.I)


def _reference_point(text: str, d: dates.DateMention) -> bool:
    """True for a date after "since" ("the fastest pace since 2008", "since the summer of 2008"): a reference
    point, not the period a sentence's figures are about."""
    return d.text.lower().startswith("since") or bool(_SINCE.search(text, 0, d.start))


def _number_slots(f: Focus, rs: list[Reading], index: Index) -> list[Slot]:
    """Reported quantities of the asked kind near the question's terms. One dated (``qa.compare.figures``) outside
    every date the question states is another period's figure ("rose 0.6% in May" for "How much did prices rise
    in June?"), and so are those of a sentence that names only other periods ("For next year, …")."""
    out = []
    wanted = asked_dimension(f)
    for r in rs:
        text = r.snippet.text
        published = index.articles[r.snippet.article_id].published
        facts = annotate(text, published)
        asked = annotate(f.text, published).dates if f.states_date else ()
        periods = [d for d in facts.dates if d.granularity in _PERIODS and not _reference_point(text, d)]
        if asked and periods and not any(dates.compatible(p, d) for p in periods for d in asked):
            continue  # "For next year, the projection is 4.9%" for a question about 2021
        for q in reported(text, facts.quantities):
            if q.dimension == "count" or not near(f.stems, text, q.start, q.end) or (wanted and not wanted(q)):
                continue
            dated = attached(text, q, facts.dates)
            if dated is not None and asked and not any(dates.compatible(dated, d) for d in asked):
                continue
            out.append(Slot(r, q, q.text, q.normalized, (q.start, q.end)))
    # A figure written twice is one measure: "the $5 trillion total" after "$5 trillion … over the next decade".
    values = qualifiers.shared_spans([x.value for x in out], [x.value for x in out])
    return [replace(x, value=v) for x, v in zip(out, values, strict=True)]


def _unlisted(values: list[Slot]) -> list[Slot]:
    """The figures that are not one item of a list of figures of their kind (``qualifiers.unlisted``): they may place
    an outlet in a group, never set it against another."""
    return [x for x in values
            if qualifiers.unlisted([x.value], list(annotate(x.reading.snippet.text).quantities))]


def _entity_slots(f: Focus, rs: list[Reading], index: Index, person: bool = False) -> list[Slot]:
    """Names in the best reading that the question does not already name (the asked person/place/body), nearest a word
    of the question's predicate first ("… next to his father, Paul Seadlund" for "What is the name of X's father?" gives
    "Paul Seadlund" before "Minnesota"). A ``person`` is no place's or body's name (``entities.person_like``)."""
    out = []
    asked = find_entities(f.text)
    for r in rs[:1]:
        text = r.snippet.text
        anchors = [(s, e) for w, s, e in words(text) if stem(w) in f.predicate]
        for e in find_entities(text):
            if any(same_entity(e.text, q.text) for q in asked) or all(fold(w) in ROLE_WORDS for w in e.text.split()):
                continue
            if person and not person_like(e.text, index.articles[r.snippet.article_id].text):
                continue
            if e.start == 0 and len(e.text.split()) == 1:
                continue  # a capitalised first word is not evidence of a name
            out.append(Slot(r, e, e.text, e.key, (e.start, e.end)))
        if anchors:
            out.sort(key=lambda x: min(max(a - x.span[1], x.span[0] - b, 0) for a, b in anchors))
    return out


def _option_stance(option: str, sentence: str) -> Stance | None:
    """The sentence's stance on one option: a name ("Cashel King Cormacs") is chosen when the sentence names at
    least half of its words, capitalised, none of them negated; any other option goes through ``stance``."""
    if not option[:1].isupper():
        return stance(option, sentence)
    own = content_stems(option)
    matched = [p for p in predicates(sentence) if p.stem in own and sentence[p.start:p.start + 1].isupper()]
    if not own or 2 * len({p.stem for p in matched}) < len(own):
        return None
    negated = [p for p in matched if p.negated]
    lo = negated[0].cue[0] if negated and negated[0].cue else matched[0].start
    hi = max(p.end for p in matched if p.start - matched[0].end < len(option))  # the first mention only
    return Stance(not negated, True, lo, hi)


def _option_slot(f: Focus, rs: list[Reading]) -> Slot | None:
    """The single option the best reading that mentions any option chooses (not negated), if exactly one."""
    own = distinctive(f.options)
    for r in rs:
        mentioned = [(option, st) for option, words_of_its_own in zip(f.options, own)
                     if (st := _option_stance(words_of_its_own, r.snippet.text)) is not None]
        if mentioned:
            chosen = [(option, st) for option, st in mentioned if st.affirmed]
            if len(chosen) != 1:
                return None
            option, st = chosen[0]
            return Slot(r, st, r.snippet.text[st.start:st.end], option, (st.start, st.end))
    return None


def _stance_slot(f: Focus, rs: list[Reading]) -> Slot | None:
    """Whether the best reading asserts or denies the question's proposition (None when it does not say)."""
    for r in rs:
        st = stance(f.text, r.snippet.text)
        if st is not None and st.decided:
            norm = "affirms" if st.affirmed else "denies"
            return Slot(r, st, r.snippet.text[st.start:st.end], norm, (st.start, st.end))
    return None


def _together(index: Index, x: Slot, y: Slot) -> bool:
    """True when the two values come from articles of the same moment (``qa.compare.align.comparable``)."""
    return comparable(index, x.reading.snippet.article_id, y.reading.snippet.article_id)


def _clash(kind: str, a: list[Slot], b: list[Slot], index: Index, measures: bool = True,
           counted: frozenset[str] | None = None) -> tuple[Slot, Slot] | None:
    """The best-ranked pair of values of the same moment that cannot both hold, when nothing on either side
    reconciles them. Numbers both sides give are set aside first (``numbers.unshared``; with ``measures``, also
    the other values of a kind both sides agree on one value of); then, for a "how many" question, counts of
    what it does not count (``counted``: "72 Afghans" for "How many US service members …") raise no flag."""
    if not a or not b:
        return None
    if kind == "entity":
        if any(same_entity(x.value.text, y.value.text) for x in a for y in b) or not _together(index, a[0], b[0]):
            return None
        return a[0], b[0]
    compatible = dates.compatible if kind == "date" else numbers.compatible
    comparable = (lambda x, y: True) if kind == "date" else numbers.comparable
    if kind == "number":
        left_a, left_b = numbers.unshared([x.value for x in a], [y.value for y in b], measures)
        a, b = [x for x in a if x.value in left_a], [y for y in b if y.value in left_b]
        if counted is not None:
            a, b = ([x for x in side if x.value.counted in (None, *counted)] for side in (a, b))
    for x in a:
        for y in b:
            if not comparable(x.value, y.value) or not _together(index, x, y):
                continue
            if any(compatible(x.value, z.value) for z in b if comparable(x.value, z.value)):
                break  # x has a compatible reading on the other side
            if any(compatible(y.value, z.value) for z in a if comparable(y.value, z.value)):
                continue
            return x, y
    return None


def _contrast_clash(f: Focus, a: list[Reading], b: list[Reading], index: Index) -> tuple[Slot, Slot] | None:
    """A reading of ``a`` that denies a term in a contrast ("a detention center, not a penitentiary") and a reading of
    ``b`` that names that term un-negated ("in Carandiru Penitentiary") without the term ``a`` asserts in its place."""
    for ra in a:
        for c in contrasts(ra.snippet.text):
            for rb in b:
                if not comparable(index, ra.snippet.article_id, rb.snippet.article_id):
                    continue
                span = asserts_term(rb.snippet.text, c.denied_stems)
                if span is None or (c.asserted_stems - f.stems) & content_stems(rb.snippet.text):
                    continue
                return (Slot(ra, Stance(False, True, c.start, c.end), ra.snippet.text[c.start:c.end], "denies",
                             (c.start, c.end)),
                        Slot(rb, Stance(True, True, *span), rb.snippet.text[span[0]:span[1]], "affirms", span))
    return None


def slot_kind(question: str, kind: AnswerType) -> str | None:
    """Which slot the question asks for: "date", "number", "entity", "option", "stance" or None."""
    f = focus(question)
    if f.options:
        return "option"
    if kind in ("date", "number"):
        return kind
    if kind in ("person", "place", "organisation"):
        return "entity"
    checks = kind == "yesno" or not _WH.search(f.text)  # "Did X die on 2 March 1881?" checks the date it states
    if f.states_date and checks:
        return "date"
    if f.states_number and checks:
        return "number"
    if kind == "yesno":
        return "stance"
    if _NAME in f.predicate:
        return "entity"  # "What is the name of X's father?"
    if f.head and f.head in _MEASURES:
        return "number"  # "What is the salinity of the lake?"
    return None


def _values(f: Focus, slot: str, kind: AnswerType, outlet: OutletAnswer, rs: list[Reading], index: Index) -> list[Slot]:
    """The outlet's values for the question's ``slot`` ("date", "number", …), taken from its readings ``rs``."""
    if slot == "date":
        return _date_slots(f, rs, index, asked=kind == "date")
    if slot == "number":
        return _number_slots(f, rs, index)
    if slot == "entity":
        return _entity_slots(f, rs, index, person=kind == "person")
    if slot == "option" and all(o[:1].isupper() for o in f.options):
        # Named options ("Tipperary or Galway"): a snippet that names only one of them sides with it even when
        # it shares few of the question's words ("Tipperary's prospects looked strong at half-time").
        taken = {r.snippet.passage_id for r in rs}
        rs = rs + [Reading(s, 0.0) for s in outlet.snippets if s.passage_id not in taken]
    one = _option_slot(f, rs) if slot == "option" else _stance_slot(f, rs)
    return [one] if one is not None else []


def slot_values(question: str, kind: AnswerType, outlet: OutletAnswer, index: Index) -> list[Slot]:
    """What ``outlet`` gives as the value of the question's answer slot (empty when it gives none), its confident
    readings' values first, then its lenient readings' (``Reading.confident``), which ``clashes`` never reads."""
    if (slot := slot_kind(question, kind)) is None:
        return []
    f = focus(question)
    return _values(f, slot, kind, outlet, readings(f, outlet, index, lenient=True), index)


def _asserting(f: Focus, values: list[Slot]) -> list[Slot]:
    """The names given by a sentence that says all the question says of them ("won" and "primary" for "Who won
    the primary?"; not the "name" of "What is the name of …"): "X leads the primary" or "the board endorsed Y"
    name no winner."""
    said = f.predicate - {_NAME}
    return [x for x in values if said <= content_stems(x.reading.snippet.text) | synonym_stems(f.text, x.reading.snippet.text)]


def _finding(slot: str | None, kind: DisagreementKind, a: OutletAnswer, x: Slot, b: OutletAnswer, y: Slot,
             index: Index) -> Finding:
    """The finding of ``a``'s value ``x`` against ``b``'s ``y``; its detector names the slot rule behind it: the
    slot asked, "stance" for the yes/no stance of a date or number question, or "contrast" for a denial in a
    contrast on a question with no slot."""
    rule = "contrast" if slot is None else "stance" if kind == "claim" and slot in ("date", "number") else slot
    sides = (snippet_side(index, a, x.reading.snippet, x.text, x.normalized, (x.span,)),
             snippet_side(index, b, y.reading.snippet, y.text, y.normalized, (y.span,)))
    return value_finding(f"slot {rule}", "answer", kind, 0.6, sides, STANCES if kind == "claim" else None)


def clashes(question: str, kind: AnswerType, outlets: list[OutletAnswer], index: Index) -> list[Finding]:
    """Every pair of answering outlets whose slot values clash. A question with no slot clashes where one outlet
    denies, in a contrast, the term the other gives (``polarity.contrasts``)."""
    if len(outlets) < 2:
        return []  # a clash needs two outlets
    f, slot = focus(question), slot_kind(question, kind)
    counted = counted_stems(f)
    rs = {o.outlet: readings(f, o, index) for o in outlets}
    found = {o.outlet: [x for x in _values(f, slot, kind, o, rs[o.outlet], index) if x.reading.confident]
             for o in outlets} if slot else {}  # a weak value ("officials said Thursday") places, never flags
    stances = {o.outlet: _stance_slot(f, rs[o.outlet]) for o in outlets} \
        if kind == "yesno" and slot in ("date", "number") else {}
    out = []
    for i, a in enumerate(outlets):
        for b in outlets[i + 1:]:
            if slot is None:
                for x, y in ((a, b), (b, a)):
                    if (pair := _contrast_clash(f, rs[x.outlet], rs[y.outlet], index)) is not None:
                        out.append(_finding(slot, "claim", x, pair[0], y, pair[1], index))
                        break
                continue
            xa, xb = stances.get(a.outlet), stances.get(b.outlet)
            if xa is not None and xb is not None and xa.normalized != xb.normalized and _together(index, xa, xb):
                out.append(_finding(slot, "claim", a, xa, b, xb, index))
            sa, sb = found[a.outlet], found[b.outlet]
            if slot in ("option", "stance"):
                # Two of the offered alternatives (a proclamation / an executive order) are two values of one slot;
                # opposite stances on one proposition are a claim.
                if sa and sb and _together(index, sa[0], sb[0]) and sa[0].normalized != sb[0].normalized:
                    out.append(_finding(slot, "claim" if slot == "stance" else "entity", a, sa[0], b, sb[0], index))
                continue
            # A question that states the number it checks ("Is its speed 65 km/h?") is not settled by both
            # outlets giving that number: which of their values is the asked one is the point.
            if slot == "entity":
                sa, sb = _asserting(f, sa), _asserting(f, sb)
            if slot == "number":
                sa, sb = _unlisted(sa), _unlisted(sb)
            pair = _clash(slot, sa, sb, index, measures=not f.states_number, counted=counted)
            if pair is not None:
                out.append(_finding(slot, slot, a, pair[0], b, pair[1], index))
    return out
