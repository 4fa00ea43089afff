"""The consensus line: what most answering outlets agree on, and who differs on what."""

from __future__ import annotations

from collections import defaultdict

from qa.models import Disagreement, OutletAnswer


def _names(outlets: list[str]) -> str:
    return outlets[0] if len(outlets) == 1 else ", ".join(outlets[:-1]) + " and " + outlets[-1]


def consensus_line(outlets: list[OutletAnswer], disagreements: list[Disagreement]) -> str | None:
    """One line: how many answering outlets raise no factual disagreement, and who differs on what."""
    if len(outlets) < 2:
        return None
    names = [o.outlet for o in outlets]
    major = [d for d in disagreements if d.severity == "major"]
    minor = [d for d in disagreements if d.severity == "minor"]
    if not major:
        line = f"The {len(names)} answering outlets ({_names(names)}) report no conflicting dates, numbers, names or claims"
        if minor:
            line += f"; quotes are worded differently by {_names(sorted({o for d in minor for o in d.outlets}))}"
        return line + "."
    involved: dict[str, set[str]] = defaultdict(set)
    for d in major:
        for o in d.outlets:
            involved[o].add(d.kind)
    agree = [n for n in names if n not in involved]
    parts = [f"{_names(sorted(o for o in involved if involved[o] == kinds))} differ on the {'/'.join(sorted(kinds))}"
             for kinds in {frozenset(k) for k in involved.values()}]
    verb = "raises" if len(agree) == 1 else "raise"
    lead = f"{_names(agree)} {verb} no disagreement; " if agree else ""
    return lead + "; ".join(sorted(parts)) + "."
