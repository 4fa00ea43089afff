"""Outlets below the answering threshold that contradict an answering outlet on the same claim.

The relevance model decides silence from how closely an outlet's passages match the question's wording.
An outlet that reports the very claim an answering outlet reports with another value ("A Life on Film was
published in 1967" against "In 1971 … A Life on Film") matches that wording less well precisely because
it disagrees; a fact-checker must still see it. So each silent outlet whose best passage reaches
``CONTEST_FLOOR`` is checked against the answering outlets. It is shown as answering, marked
``contested``, when one of its passages and an answering snippet report the same claim
(``qa.compare.align``) with a factual disagreement (``qa.compare.detect``), or when it gives another date,
number or offered alternative for the question's own slot (``qa.compare.slots``: "When was it
published?" — 1971 / 1967; "X club or Y club?"). A free name for the slot does not lift an outlet: one on
the same story names many people and papers that are not the answer. Agreement never does either: outlets
covering the same story share many aligned sentences without answering the question.
"""

from __future__ import annotations

from index.store import Index
from qa.compare.align import pairs
from qa.compare.detect import ASKS_ALIGNED_FACTS, detect
from qa.compare.slots import clashes, slot_kind
from qa.evidence import group_by_outlet
from qa.models import AnswerType, OutletAnswer, SilentOutlet, Snippet
from qa.relevance import Calibration

CONTEST_FLOOR = 0.2
"""Lowest best-passage relevance at which a silent outlet is checked against the answering ones."""


_VALUE_SLOTS = ("date", "number", "option")
"""Slots whose values can be checked against each other: a date, a number, one of the alternatives the
question offers ("apomorphine, aporphine, or neither?"). Free names are not among them."""


def _contradicts(question: str, kind: AnswerType, candidate: OutletAnswer, answering: list[OutletAnswer],
                 index: Index) -> bool:
    if slot_kind(question, kind) in _VALUE_SLOTS:
        for clash in clashes(question, kind, [*answering, candidate], index):
            if candidate.outlet in (side.outlet for side in clash.sides):
                return True
    if kind not in ASKS_ALIGNED_FACTS:
        return False
    for outlet in answering:
        for pair in pairs([outlet, candidate], index):
            if detect(pair, index, kind):
                return True
    return False


def surface_contested(index: Index, question: str, kind: AnswerType, snippets: list[Snippet], k: int,
                      calibration: Calibration, answering: list[OutletAnswer],
                      silent: list[SilentOutlet], stories: list[str] | None = None) -> tuple[list[OutletAnswer], list[SilentOutlet]]:
    """Add the outlets that contradict an answering outlet to the answering list (``contested``). Candidates are the
    outlets of ``stories`` (every story when None; ``qa.stories.contest_scope``) that do not answer but whose best
    passage reaches ``CONTEST_FLOOR``."""
    if not answering:
        return answering, silent
    floor = calibration.model_copy(update={"threshold": CONTEST_FLOOR})
    shown = {o.outlet for o in answering}
    candidates = [c for c in group_by_outlet(index, snippets, k, floor, stories)[0] if c.outlet not in shown]
    lifted = [c.model_copy(update={"contested": True}) for c in candidates
              if _contradicts(question, kind, c, answering, index)]
    if not lifted:
        return answering, silent
    names = {c.outlet for c in lifted}
    return [*answering, *lifted], [s for s in silent if s.outlet not in names]
