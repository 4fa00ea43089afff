"""Outlets below the answering threshold that contradict an answering outlet on the same claim.

The relevance model decides silence from how closely an outlet's passages match the question's wording.
An outlet that reports the very claim an answering outlet reports, with a different date, number or name
("A Life on Film was published in 1967" against "In 1971 … A Life on Film"), matches that wording less
well precisely because it disagrees; a fact-checker must still see it. So each silent outlet whose best
passage reaches ``CONTEST_FLOOR`` is paired with the answering outlets' snippets (``qa.compare.align``),
and when an aligned pair carries a factual disagreement (``qa.compare.detect``) the outlet is shown as
answering, marked ``contested``. Agreement alone never lifts an outlet: outlets covering the same story
share many aligned sentences without answering the question, and those stay silent.
"""

from __future__ import annotations

from index.store import Index
from qa.compare.align import pairs
from qa.compare.detect import detect
from qa.evidence import group_by_outlet
from qa.models import OutletAnswer, SilentOutlet, Snippet
from qa.relevance import Calibration

CONTEST_FLOOR = 0.2
"""Lowest best-passage relevance at which a silent outlet is checked against the answering ones."""


def _contradicts(candidate: OutletAnswer, answering: list[OutletAnswer], index: Index) -> bool:
    for outlet in answering:
        for pair in pairs([outlet, candidate], index):
            published_a = index.articles[pair.sa.article_id].published
            published_b = index.articles[pair.sb.article_id].published
            if detect(pair, published_a, published_b):
                return True
    return False


def surface_contested(index: Index, snippets: list[Snippet], k: int, calibration: Calibration,
                      answering: list[OutletAnswer],
                      silent: list[SilentOutlet]) -> tuple[list[OutletAnswer], list[SilentOutlet]]:
    """Move the silent outlets that contradict an answering outlet into the answering list (``contested``)."""
    if not answering or not silent:
        return answering, silent
    checked = {s.outlet for s in silent if s.best_relevance >= CONTEST_FLOOR}
    if not checked:
        return answering, silent
    floor = calibration.model_copy(update={"threshold": CONTEST_FLOOR})
    candidates, _ = group_by_outlet(index, snippets, k, floor)
    lifted = [c.model_copy(update={"contested": True}) for c in candidates
              if c.outlet in checked and _contradicts(c, answering, index)]
    if not lifted:
        return answering, silent
    names = {c.outlet for c in lifted}
    return [*answering, *lifted], [s for s in silent if s.outlet not in names]
