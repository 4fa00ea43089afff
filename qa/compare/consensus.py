"""The consensus line: what most answering outlets agree on, who differs on what, and whose text contradicts
itself."""

from __future__ import annotations

from collections import defaultdict

from qa.models import Disagreement, OutletAnswer


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
