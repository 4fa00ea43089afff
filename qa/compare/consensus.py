"""The consensus line: what most answering outlets agree on, who differs on what, and whose text contradicts
itself."""

from __future__ import annotations

from collections import defaultdict

from qa.models import Disagreement, OutletAnswer


def _names(outlets: list[str]) -> str:
    return outlets[0] if len(outlets) == 1 else ", ".join(outlets[:-1]) + " and " + outlets[-1]


def _inside(internal: list[Disagreement]) -> str:
    """"inside the text: A and B each contradict themselves on the number; C contradicts itself on the claim"."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for d in internal:
        for o in d.outlets:
            kinds[o].add(d.kind)
    parts = []
    for ks in sorted({frozenset(k) for k in kinds.values()}, key=sorted):
        who = sorted(o for o in kinds if kinds[o] == ks)
        verb = "contradicts itself" if len(who) == 1 else "each contradict themselves"
        parts.append(f"{_names(who)} {verb} on the {'/'.join(sorted(ks))}")
    return "inside the text: " + "; ".join(parts)


def consensus_line(outlets: list[OutletAnswer], disagreements: list[Disagreement]) -> str | None:
    """One line: how many answering outlets raise no factual disagreement, who differs on what, and (after
    "inside the text:") which outlets' own texts contradict themselves."""
    internal = [d for d in disagreements if d.severity == "major" and d.internal]
    if len(outlets) == 1:
        return f"Only {outlets[0].outlet} answers; {_inside(internal)}." if internal else None
    if not outlets:
        return None
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
    involved: dict[str, set[str]] = defaultdict(set)
    for d in major:
        for o in d.outlets:
            involved[o].add(d.kind)
    agree = [n for n in names if n not in involved]
    parts = [f"{_names(sorted(o for o in involved if involved[o] == kinds))} differ on the {'/'.join(sorted(kinds))}"
             for kinds in {frozenset(k) for k in involved.values()}]
    verb = "raises" if len(agree) == 1 else "raise"
    lead = f"{_names(agree)} {verb} no disagreement; " if agree else ""
    return lead + "; ".join(sorted(parts)) + inside + "."
