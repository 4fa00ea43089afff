"""Figures someone expected rather than figures reported: "economists had predicted 1 million jobs", "far fewer
than the roughly 700,000 expected by forecasters", "analysts were expecting the rate to fall to 5.7%".

News reports the actual figure next to the forecast it beat or missed. A forecast is not what an outlet says
happened, so it is never contrasted with another outlet's figure: "added 266,000 jobs" and "had predicted
1 million jobs" do not disagree. A cue before a figure governs every figure after it in its clause ("were
expecting 870,000 jobs and a rate of 5.7%"); a cue with no figure after it in its clause governs the figure
just before it ("the roughly 700,000 expected by forecasters"), so "added 194,000 jobs versus expectations of
500,000" leaves 194,000 alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.facts import lang
from qa.facts.numbers import Quantity
from qa.facts.text import clause_bounds

_CUE = re.compile(r"\b(?:" + lang.alternation("forecasts.cue_patterns") + r")\b", re.I)


def forecast(text: str, q: Quantity, quantities: Sequence[Quantity]) -> bool:
    """True when ``q`` (one of ``quantities``, all found in ``text``) is a figure someone expected."""
    lo, hi = clause_bounds(text, q.start, q.end)
    for cue in _CUE.finditer(text, lo, hi):
        if cue.end() <= q.start:
            return True
        after = any(cue.end() <= o.start and o.end <= hi for o in quantities)
        between = any(q.end <= o.start and o.end <= cue.start() for o in quantities)
        if cue.start() >= q.end and not after and not between:
            return True
    return False


def reported(text: str, quantities: Sequence[Quantity]) -> list[Quantity]:
    """``quantities`` without the forecasts among them."""
    return [q for q in quantities if not forecast(text, q, quantities)]
