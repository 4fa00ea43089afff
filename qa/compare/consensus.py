"""The consensus line: what most answering outlets agree on, who differs on what, and whose text contradicts
itself."""

from __future__ import annotations

from collections import defaultdict

from qa.models import AnswerGroup, AnswerValue, Disagreement, OutletAnswer


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
    parts = []
    for who, ks in _by_kinds(internal):
        verb = "contradicts itself" if len(who) == 1 else "each contradict themselves"
        parts.append(f"{_names(who)} {verb} on the {'/'.join(sorted(ks))}")
    return "inside the text: " + "; ".join(parts)


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
        if internal:
            line += " between them"
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
