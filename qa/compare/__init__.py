"""The comparison engine: align what answering outlets say and report where they disagree."""

from qa.compare.engine import compare

__all__ = ["compare"]
