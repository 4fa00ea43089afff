"""The facts layer: what a text states, found once, below both evidence (``qa.relevance``) and comparison
(``qa.compare``).

Extractors (``dates``, ``numbers``), the shared text helpers (``text``), the question's analysis (``focus``),
and the per-language word lists (``lang``) live here; neither relevance nor comparison re-derives them.
"""
