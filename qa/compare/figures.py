"""What a text's figures are about: which date each belongs to, and which are forecasts (what a figure measures
besides its unit, and which are list items, is ``qa.facts.qualifiers``).

"The jobless rate fell to 4.8% from 5.2% in August": "in August" is the date of 5.2%, not of 4.8%. A value and
a date belong together when they sit next to each other in one clause, at most ``GAP_WORDS`` words apart
("prices in June rose 0.9%", "0.6 percent in May").

Figures someone expected are not figures reported ("economists had predicted 1 million jobs", "far fewer than the
roughly 700,000 expected by forecasters"), so a forecast is never contrasted with another outlet's figure: "added
266,000 jobs" and "had predicted 1 million jobs" do not disagree. A cue before a figure governs every figure after
it in its clause ("were expecting 870,000 jobs and a rate of 5.7%"); a cue with no figure after it in its clause
governs the figure just before it ("the roughly 700,000 expected by forecasters"), so "added 194,000 jobs versus
expectations of 500,000" leaves 194,000 alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from qa.facts import lang
from qa.facts.mention import Mention
from qa.facts.numbers import Quantity
from qa.facts.text import clause_bounds

GAP_WORDS = 2
"""Most words between a value and the date it belongs to."""
_WORD = re.compile(r"[\w'’-]+")
T = TypeVar("T", bound=Mention)
_CUE = re.compile(r"\b(?:" + lang.alternation("forecasts.cue_patterns") + r")\b", re.I)


def attached(text: str, item: Mention, candidates: Sequence[T]) -> T | None:
    """The candidate next to ``item`` in its clause (at most ``GAP_WORDS`` words between), the nearest if several."""
    lo, hi = clause_bounds(text, item.start, item.end)
    best = None
    for c in candidates:
        if c.start >= item.end and c.end <= hi:
            gap = text[item.end:c.start]
        elif c.end <= item.start and c.start >= lo:
            gap = text[c.end:item.start]
        else:
            continue
        n = len(_WORD.findall(gap))
        if n <= GAP_WORDS and (best is None or n < best[0]):
            best = (n, c)
    return best[1] if best else None


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
