"""Each text annotated once: its dates and quantities, found by the extractors and read by every later stage.

Relevance and comparison never call ``find_dates`` or ``find_quantities`` themselves: they read the ``Facts`` of
a sentence (or a question), annotated once per text and publication date (dates such as "last month" resolve
against it) and kept for the next stage and the next question.
"""

from __future__ import annotations

import datetime as dt
import functools

from pydantic import BaseModel, ConfigDict

from qa.facts import dates, numbers, qualifiers
from qa.facts.dates import DateMention
from qa.facts.mention import Mention
from qa.facts.numbers import Quantity

CACHED_TEXTS = 32768
"""Annotations kept (a question reads a few hundred sentences)."""


class Facts(BaseModel):
    """What one text states, as ``Mention`` models with offsets in the text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    dates: tuple[DateMention, ...]
    quantities: tuple[Quantity, ...]
    """Numbers with units or counted nouns, dates left out (``find_quantities``)."""
    measures: tuple[Quantity, ...]
    """The loose reading: also "one inch" and the adjectival "100-mile" (``numbers.loosely``)."""

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """Every date and quantity, in text order."""
        return tuple(sorted([*self.dates, *self.quantities], key=lambda m: m.start))


@functools.lru_cache(maxsize=CACHED_TEXTS)
def annotate(text: str, published: dt.date | None = None) -> Facts:
    """The facts of ``text`` (found once per text and publication date)."""
    found = dates.find_dates(text, published)
    spans = [(d.start, d.end) for d in found]
    found_quantities = [*numbers.find_quantities(text, spans), *numbers.find_multipliers(text),
                        *numbers.find_vague_counts(text)]
    quantities = sorted((qualifiers.qualified(text, q) for q in found_quantities), key=lambda q: q.start)
    return Facts(dates=tuple(found), quantities=tuple(quantities),
                 measures=tuple(numbers.loosely(quantities, numbers.find_measures(text, spans))))
