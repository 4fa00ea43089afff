"""The answer of each outlet, grouped: which outlets give compatible answers to the asked slot, and which differ.

Each answering outlet's values for the question's slot are its candidate answers: the values ``qa.compare.slots``
reads from its sentences (a date, a number, a name, an option, a stance), best reading first; an outlet a major flag
on the asked kind names answers with the value the flag quotes for it ("Tuesday", not the "Aug. 25" its article also
gives), so no group says what the flag says it does not. A sentence often holds several values of the asked kind
("Last month the board urged voters to back her in the June 22 primary"); which one answers is the one the other
outlets can share, the same reconciliation the slot clash applies before it flags (``slots._clash``). So the groups
are formed largest first: the value most outlets give compatibly (dates overlapping at their granularity, numbers
within the rounding their wording allows, names that are variants of each other, the same option or stance), among
outlets no flag sets apart. An outlet left alone starts a group of its own only when a flag sets it apart from every
group: a value that differs from a group without a flag (the comparison found no clash, so one of the two readings is
not the answer) is unconfirmed and, like an outlet that gives no value, in no group ("not stated"). A question
without a slot ("What did X say?") gives one group of the outlets no major flag sets apart.

The answer line states what the groups say; the consensus line, what most answering outlets agree on, who differs
on what, and whose text contradicts itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from index.store import Index
from qa.compare.slots import Slot, slot_kind, slot_values
from qa.facts import dates, numbers
from qa.facts.entities import same_entity
from qa.models import AnswerGroup, AnswerType, AnswerValue, Disagreement, OutletAnswer


@dataclass(frozen=True, slots=True)
class _Given:
    """What one outlet gives for the slot."""

    outlet: OutletAnswer
    value: AnswerValue
    slot: Slot | None
    """The slot reading it comes from; None when taken from a flag's side (compared by normalised value)."""


def _same_number(a: numbers.Quantity, b: numbers.Quantity) -> bool:
    """Whether two figures give one answer: compatible values of one measure, or bounded counts whose values overlap
    whatever they name ("13 U.S. service members" / "13 US troops"); not "five rockets" for "13 troops", nor "at
    least 13 service members" for "72 Afghans" (an open count meets any larger one), nor a percentage for a count."""
    if numbers.comparable(a, b):
        return numbers.compatible(a, b)
    bounded = max(_vagueness(a), _vagueness(b)) < float("inf")
    return bounded and a.dimension.startswith("count") and b.dimension.startswith("count") and numbers.overlap(a, b)


def _vagueness(q: numbers.Quantity) -> float:
    """How much a figure leaves open: the width of the values it allows relative to their size (small for "10,503",
    infinite for "thousands of" and "more than 40")."""
    lo, hi = q.interval()
    return (hi - lo) / max(abs(hi), abs(lo), 1e-9) if hi < float("inf") and lo > float("-inf") else float("inf")


def _agree(slot: str | None, x: _Given, y: _Given) -> bool:
    """True when two answers can both hold."""
    if slot is None or x.value.normalized is None or y.value.normalized is None:
        return True
    if x.slot is None or y.slot is None:
        return x.value.normalized == y.value.normalized
    if slot == "date":
        return dates.compatible(x.slot.value, y.slot.value)
    if slot == "number":
        return _same_number(x.slot.value, y.slot.value)
    if slot == "entity":
        return same_entity(x.slot.text, y.slot.text)
    return x.value.normalized == y.value.normalized


def _candidates(question: str, kind: AnswerType, slot: str | None, outlet: OutletAnswer,
                flagged: list[Disagreement], index: Index) -> list[_Given]:
    """The values the outlet gives for the slot, best reading first; for one a major flag on the asked kind names, those
    the flags quote for it (the first quoted when its readings give none of them); empty when it states none."""
    if slot is None:
        return [_Given(outlet, AnswerValue(outlet=outlet.outlet, article_id=outlet.article_id), None)]
    found = [_Given(outlet, AnswerValue(outlet=outlet.outlet, article_id=x.reading.snippet.article_id, text=x.text,
                                        normalized=x.normalized, passage_id=x.reading.snippet.passage_id), x)
             for x in slot_values(question, kind, outlet, index)]
    if slot == "number":
        found.sort(key=lambda g: _vagueness(g.slot.value))  # "10,503 migrants" names the answer "thousands of" allows
    sides = [_Given(outlet, AnswerValue(outlet=outlet.outlet, article_id=s.article_id, text=s.value,
                                        normalized=s.normalized, passage_id=s.passage_id), None)
             for d in flagged if d.kind == slot for s in d.sides if s.outlet == outlet.outlet]
    flagged_values = {s.value.normalized for s in sides}  # the comparison set it apart with these: they are its answer
    return ([g for g in found if g.value.normalized in flagged_values] or sides[:1]) if sides else found


def _best_group(slot: str | None, pending: list[list[_Given]], apart: set[frozenset[str]]) -> list[_Given]:
    """The largest set of pending outlets that share one value: for each candidate value (most relevant outlet
    first, its best reading first), the outlets with a value compatible with it and no flag between them. Ties go
    to the earlier candidate."""
    best: list[_Given] = []
    for own in pending:
        for anchor in own:
            group = [anchor]
            for other in pending:
                if other is own:
                    continue
                fits = [v for v in other if _agree(slot, anchor, v)]
                if fits and not any(frozenset((fits[0].outlet.outlet, g.outlet.outlet)) in apart for g in group):
                    group.append(fits[0])
            if len(group) > len(best):
                best = group
    return best


def answer_groups(question: str, kind: AnswerType, outlets: list[OutletAnswer], disagreements: list[Disagreement],
                  index: Index) -> list[AnswerGroup]:
    """The answering ``outlets`` grouped by compatible answers (see the module docstring), the largest group first
    (ties: most relevant)."""
    major = [d for d in disagreements if d.severity == "major" and not d.internal]
    apart = {frozenset(d.outlets) for d in major}
    slot = slot_kind(question, kind)
    ranked = sorted(outlets, key=lambda o: (-o.relevance, o.outlet))
    pending = [c for o in ranked if (c := _candidates(question, kind, slot, o, major, index))]
    members: list[list[_Given]] = []
    while pending:
        group = _best_group(slot, pending, apart)
        if len(group) > 1 or not members or all(
                any(frozenset((group[0].outlet.outlet, g.outlet.outlet)) in apart for g in m) for m in members):
            members.append(group)  # else it differs from a group without a flag: not stated
        taken = {id(g.outlet) for g in group}
        pending = [p for p in pending if id(p[0].outlet) not in taken]
    story = index.story_of.get(outlets[0].article_id) if outlets else None
    groups = [AnswerGroup(value=next((g.value.normalized for g in group if g.value.normalized), None),
                          outlets=[g.outlet.outlet for g in group], article_ids=[g.value.article_id for g in group],
                          values=[g.value for g in group], story_id=story) for group in members]
    return sorted(groups, key=lambda g: -len(g.outlets))


def _names(outlets: list[str]) -> str:
    return outlets[0] if len(outlets) == 1 else ", ".join(outlets[:-1]) + " and " + outlets[-1]


def _by_kinds(disagreements: list[Disagreement]) -> list[tuple[list[str], frozenset[str]]]:
    """The outlets the disagreements name, grouped by the set of kinds each is named in: (outlets, kinds)."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for d in disagreements:
        for o in d.outlets:
            kinds[o].add(d.kind)
    groups = sorted({frozenset(k) for k in kinds.values()}, key=sorted)
    return [(sorted(o for o in kinds if kinds[o] == ks), ks) for ks in groups]


def _inside(internal: list[Disagreement]) -> str:
    """"inside the text: A and B each contradict themselves on the number; C contradicts itself on the claim"."""
    return "inside the text: " + "; ".join(
        f"{_names(who)} {'contradicts itself' if len(who) == 1 else 'each contradict themselves'} on the "
        f"{'/'.join(sorted(ks))}" for who, ks in _by_kinds(internal))


def consensus_line(outlets: list[OutletAnswer], disagreements: list[Disagreement]) -> str | None:
    """One line: how many answering outlets raise no factual disagreement, who differs on what, and (after
    "inside the text:") which outlets' own texts contradict themselves."""
    internal = [d for d in disagreements if d.severity == "major" and d.internal]
    if len(outlets) < 2:
        return f"Only {outlets[0].outlet} answers; {_inside(internal)}." if internal else None
    names = [o.outlet for o in outlets]
    major = [d for d in disagreements if d.severity == "major" and not d.internal]
    minor = [d for d in disagreements if d.severity == "minor"]
    inside = f"; {_inside(internal)}" if internal else ""
    if not major:
        line = f"The {len(names)} answering outlets ({_names(names)}) report no conflicting dates, numbers, names or claims"
        line += " between them" if internal else ""
        if minor:
            line += f"; quotes are worded differently by {_names(sorted({o for d in minor for o in d.outlets}))}"
        return line + inside + "."
    groups = _by_kinds(major)
    involved = {o for who, _ in groups for o in who}
    agree = [n for n in names if n not in involved]
    parts = [f"{_names(who)} differ on the {'/'.join(sorted(kinds))}" for who, kinds in groups]
    verb = "raises" if len(agree) == 1 else "raise"
    lead = f"{_names(agree)} {verb} no disagreement; " if agree else ""
    return lead + "; ".join(sorted(parts)) + inside + "."


STANCE_ANSWERS = {"affirms": "yes", "denies": "no"}
"""A yes/no stance as the answer it gives (``qa.compare.slots`` normalises a stance to "affirms" / "denies")."""


def _member(value: AnswerValue, shown: str | None) -> str:
    """"Ledger 'a dozen'" when the outlet words the group's value differently, else the outlet's name."""
    if value.text and shown and value.text.casefold() != shown.casefold():
        return f"{value.outlet} ‘{value.text}’"
    return value.outlet


def answer_line(groups: list[AnswerGroup]) -> str | None:
    """The answer stated: "2 outlets say 12 killed (Courier; Ledger ‘a dozen’); Daily Meridian says 9", and a stance
    as yes or no with each outlet's words ("2 outlets say no (Courier ‘failed to approve’; Ledger ‘rejected’)").
    None when fewer than two outlets state a value (the question asks for no slot, or one outlet alone answers it)."""
    valued = [g for g in groups if g.value is not None]
    if sum(len(g.outlets) for g in valued) < 2:
        return None  # one answer is no consensus
    parts = []
    for group in valued:
        shown = STANCE_ANSWERS.get(group.value or "") or next((v.text for v in group.values if v.text), group.value)
        if len(group.outlets) == 1 and group.value in STANCE_ANSWERS:
            parts.append(f"{group.outlets[0]} says {shown} (‘{group.values[0].text}’)")
        elif len(group.outlets) == 1:
            parts.append(f"{group.outlets[0]} says {shown}")
        else:
            members = "; ".join(_member(v, shown) for v in group.values)
            parts.append(f"{len(group.outlets)} outlets say {shown} ({members})")
    return "; ".join(parts)
