"""Which value a date belongs to, or which date a value belongs to, inside one sentence.

"The jobless rate fell to 4.8% from 5.2% in August": "in August" is the date of 5.2%, not of 4.8%. A value and
a date belong together when they sit next to each other in one clause, at most ``GAP_WORDS`` words apart
("prices in June rose 0.9%", "0.6 percent in May").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from qa.facts.mention import Mention
from qa.facts.text import clause_bounds

GAP_WORDS = 2
"""Most words between a value and the date it belongs to."""
_WORD = re.compile(r"[\w'’-]+")
T = TypeVar("T", bound=Mention)


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
