"""The gold format's hit rule: a snippet counts when it shares at least half of an evidence string's characters."""

from __future__ import annotations


def evidence_spans(text: str, evidence: str) -> list[tuple[int, int]]:
    """Every ``(start, end)`` where ``evidence`` occurs in ``text`` (empty when it does not)."""
    spans, start = [], text.find(evidence)
    while evidence and start != -1:
        spans.append((start, start + len(evidence)))
        start = text.find(evidence, start + 1)
    return spans


def overlaps_evidence(text: str, start: int, end: int, evidence: list[str]) -> bool:
    """True when ``text[start:end]`` covers at least half the characters of some occurrence of an evidence string.

    Formula: hit iff ``∃ e, (s, t) ∈ occurrences(e): |[start, end) ∩ [s, t)| ≥ len(e) / 2``.
    """
    for item in evidence:
        for s, t in evidence_spans(text, item):
            if min(end, t) - max(start, s) >= len(item) / 2:
                return True
    return False
