"""The answer of each outlet, grouped: which outlets give compatible answers to the asked slot, and which differ.

Each answering outlet's value for the question's slot is its answer: the value ``qa.compare.slots`` reads from
its sentences (a date, a number, a name, an option, a stance), else the value a major flag on the asked kind
quotes for it. Outlets are grouped greedily, most relevant first: an outlet joins the first group whose values
are all compatible with its own (dates overlapping at their granularity, numbers within the rounding their
wording allows, names that are variants of each other, the same option or stance) and none of whose members it
is flagged against. It starts a group of its own only when a flag sets it apart from every group: a value that
differs from a group without a flag (the comparison found no clash, so one of the two readings is not the
answer) is unconfirmed and, like an outlet that gives no value, in no group ("not stated"). A question without a slot ("What did X say?") gives one group of the outlets no major flag sets apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.store import Index
from qa.compare.entities import same_entity
from qa.compare.slots import Slot, slot_kind, slot_values
from qa.facts import dates, numbers
from qa.models import AnswerGroup, AnswerType, AnswerValue, Disagreement, OutletAnswer


@dataclass(frozen=True, slots=True)
class _Given:
    """What one outlet gives for the slot."""

    outlet: OutletAnswer
    value: AnswerValue
    slot: Slot | None
    """The slot reading it comes from; None when taken from a flag's side (compared by normalised value)."""


def _agree(slot: str | None, x: _Given, y: _Given) -> bool:
    """True when two answers can both hold."""
    if slot is None or x.value.normalized is None or y.value.normalized is None:
        return True
    if x.slot is None or y.slot is None:
        return x.value.normalized == y.value.normalized
    if slot == "date":
        return dates.compatible(x.slot.value, y.slot.value)
    if slot == "number":
        return not numbers.comparable(x.slot.value, y.slot.value) or numbers.compatible(x.slot.value, y.slot.value)
    if slot == "entity":
        return same_entity(x.slot.text, y.slot.text)
    return x.value.normalized == y.value.normalized


def _given(question: str, kind: AnswerType, slot: str | None, outlet: OutletAnswer,
           flagged: list[Disagreement], index: Index) -> _Given | None:
    """The outlet's answer, or None when it states no value for the asked slot."""
    if slot is None:
        return _Given(outlet, AnswerValue(outlet=outlet.outlet, article_id=outlet.article_id), None)
    found = slot_values(question, kind, outlet, index)
    if found:
        x = found[0]
        return _Given(outlet, AnswerValue(outlet=outlet.outlet, article_id=x.reading.snippet.article_id, text=x.text,
                                          normalized=x.normalized, passage_id=x.reading.snippet.passage_id), x)
    for d in flagged:
        for side in d.sides:
            if side.outlet == outlet.outlet and d.kind == slot:
                return _Given(outlet, AnswerValue(outlet=outlet.outlet, article_id=side.article_id, text=side.value,
                                                  normalized=side.normalized, passage_id=side.passage_id), None)
    return None


def answer_groups(question: str, kind: AnswerType, outlets: list[OutletAnswer], disagreements: list[Disagreement],
                  index: Index) -> list[AnswerGroup]:
    """The answering ``outlets`` grouped by compatible answers, the largest group first (ties: most relevant)."""
    major = [d for d in disagreements if d.severity == "major" and not d.internal]
    apart = {frozenset(d.outlets) for d in major}
    slot = slot_kind(question, kind)
    members: list[list[_Given]] = []
    for outlet in sorted(outlets, key=lambda o: (-o.relevance, o.outlet)):
        own = _given(question, kind, slot, outlet, major, index)
        if own is None:
            continue
        flagged = [any(frozenset((outlet.outlet, g.outlet.outlet)) in apart for g in group) for group in members]
        fits = [not f and all(_agree(slot, own, g) for g in group) for f, group in zip(flagged, members)]
        if any(fits):
            members[fits.index(True)].append(own)
        elif all(flagged):
            members.append([own])  # set apart from every group by a flag (or the first answer)
        # else: its value differs from a group no flag sets it apart from: unconfirmed, so not stated
    story = index.story_of.get(outlets[0].article_id) if outlets else None
    groups = [AnswerGroup(value=next((g.value.normalized for g in group if g.value.normalized), None),
                          outlets=[g.outlet.outlet for g in group], article_ids=[g.value.article_id for g in group],
                          values=[g.value for g in group], story_id=story) for group in members]
    return sorted(groups, key=lambda g: -len(g.outlets))
