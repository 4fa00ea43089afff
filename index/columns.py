"""Passages and articles as columns, built into ``Passage`` and ``Article`` models only when asked for.

A loaded index holds no Python object per passage. Its passages are one ``int32`` array with a row per
passage (``COLUMNS``: the article's row, ``n``, sentence and window offsets, boilerplate label code) over
the article texts; a ``Passage`` is made from a row and its article's text when an answer reads it
(``text = Article.text[start:end]``, ``window = Article.text[window_start:window_end]``, exactly as
``index.chunk`` cuts them). Articles are read from their segment's ``articles.jsonl`` (memory-mapped, one
line parsed per article asked for); the few fields that every answer scans (id, outlet, title, date) are
kept as ``ArticleMeta`` records.
"""

from __future__ import annotations

import datetime as dt
import mmap
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import NamedTuple, get_args

import numpy as np

from index.models import Article, Passage

LABELS: tuple[str, ...] = get_args(Passage.model_fields["boilerplate"].annotation)
"""Boilerplate labels by code (0 = body)."""
EVIDENCE_CODES = [LABELS.index(label) for label in LABELS if Passage.model_construct(boilerplate=label).is_evidence]
"""Codes of the labels of searchable evidence (``Passage.is_evidence``): body and cut sentences."""
COLUMNS = ("article", "n", "start", "end", "window_start", "window_end", "label")
ARTICLE, N, START, END, WINDOW_START, WINDOW_END, LABEL = range(len(COLUMNS))
CACHE_MAX = 200_000
"""Built models kept per table before the cache starts over (an answer reads a few hundred)."""


def evidence_mask(labels: np.ndarray) -> np.ndarray:
    """Which of the label codes ``labels`` are searchable evidence (``EVIDENCE_CODES``)."""
    return np.isin(labels, EVIDENCE_CODES)


def passage_columns(passages: Sequence[Passage], article_row: Mapping[str, int]) -> np.ndarray:
    """The ``(len(passages), 7)`` int32 array of ``passages``, articles given by ``article_row``."""
    code = {label: i for i, label in enumerate(LABELS)}
    out = np.zeros((len(passages), len(COLUMNS)), dtype=np.int32)
    for i, p in enumerate(passages):
        out[i] = (article_row[p.article_id], p.n, p.start, p.end, p.window_start, p.window_end, code[p.boilerplate])
    return out


class ArticleMeta(NamedTuple):
    """What answers scan over every article: id, outlet, title and publication date (no text). (A named tuple:
    an index holds one per article, made at open; a frozen dataclass took twice as long to make.)"""

    id: str
    outlet: str
    title: str
    published: dt.date | None


def article_meta(articles: list[Article]) -> dict[str, list]:
    """Columns ``id``, ``outlet``, ``title``, ``published`` (ISO date or None) of ``articles``."""
    return {"id": [a.id for a in articles], "outlet": [a.outlet for a in articles], "title": [a.title for a in articles],
            "published": [a.published.isoformat() if a.published else None for a in articles]}


def meta_records(columns: dict[str, list]) -> list[ArticleMeta]:
    """``ArticleMeta`` records from ``article_meta`` columns."""
    dates = {d: dt.date.fromisoformat(d) for d in set(columns["published"]) if d}
    return [ArticleMeta(i, o, t, dates.get(p) if p else None)
            for i, o, t, p in zip(columns["id"], columns["outlet"], columns["title"], columns["published"], strict=True)]


class JsonlLines:
    """Lines of a JSONL file, memory-mapped, addressed by their byte offsets (``offsets[i]:offsets[i + 1]``)."""

    def __init__(self, path: Path, offsets: np.ndarray):
        self.path = path
        self.offsets = offsets
        with path.open("rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if path.stat().st_size else b""

    def __getitem__(self, i: int) -> bytes:
        return self._map[int(self.offsets[i]) : int(self.offsets[i + 1])]


def line_offsets(lines: list[str]) -> np.ndarray:
    """Byte offsets of each line's start (and the end) of ``lines`` written UTF-8 one after another."""
    sizes = [len(line.encode("utf-8")) for line in lines]
    return np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)]).astype(np.int64)


class ArticleTable(Mapping[str, Article]):
    """The live articles in index order, as a read-only mapping id → ``Article``; each is parsed on first use."""

    def __init__(self, meta: list[ArticleMeta], load: Callable[[int], Article],
                 stored_hash: Callable[[int], str | None] | None = None):
        self.meta = {m.id: m for m in meta}
        """Id → ``ArticleMeta`` of every article (no text)."""
        self.ids = list(self.meta)
        self.row = {a: i for i, a in enumerate(self.ids)}
        """Id → article row."""
        self._load = load
        self._stored_hash = stored_hash
        self._cache: dict[str, Article] = {}

    def __getitem__(self, article_id: str) -> Article:
        found = self._cache.get(article_id)
        if found is None:
            found = self._load(self.row[article_id])  # KeyError for an unknown id
            if len(self._cache) >= CACHE_MAX:
                self._cache.clear()
            self._cache[article_id] = found
        return found

    def parse(self, article_id: str) -> Article:
        """The article parsed anew and not cached (for a scan over many articles, e.g. a Milvus sync)."""
        found = self._cache.get(article_id)
        return found if found is not None else self._load(self.row[article_id])

    def content_hash(self, article_id: str) -> str:
        """``Article.content_hash`` of one article: the one its segment stores (``content.npy``), else (a segment
        written before it was stored) computed from the parsed article."""
        stored = self._stored_hash(self.row[article_id]) if self._stored_hash is not None else None
        return stored if stored is not None else self.parse(article_id).content_hash

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.row

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


class PassageTable(Sequence[Passage]):
    """Passages as rows of ``columns`` over ``articles``; rows of one article are consecutive, in ``n`` order."""

    def __init__(self, columns: np.ndarray, articles: ArticleTable):
        self.columns = columns
        self.articles = articles
        counts = np.bincount(columns[:, ARTICLE], minlength=len(articles)) if len(columns) else np.zeros(len(articles), np.int64)
        self.first = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        """Row of each article's first passage (``first[a + 1]`` ends it)."""
        self.by_id = PassagesById(self)
        self._cache: dict[int, Passage] = {}

    def __len__(self) -> int:
        return len(self.columns)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = int(i)
        if i < 0:
            i += len(self)
        found = self._cache.get(i)
        if found is None:
            found = self._build(i)
            if len(self._cache) >= CACHE_MAX:
                self._cache.clear()
            self._cache[i] = found
        return found

    def _build(self, i: int) -> Passage:
        a, n, start, end, w0, w1, label = self.columns[i].tolist()
        article_id = self.articles.ids[a]
        text = self.articles[article_id].text
        return Passage.model_construct(id=f"{article_id}#{n}", article_id=article_id, n=n, start=start, end=end,
                                       window_start=w0, window_end=w1, text=text[start:end], window=text[w0:w1],
                                       boilerplate=LABELS[label])

    def __iter__(self) -> Iterator[Passage]:
        return (self[i] for i in range(len(self)))

    def position(self, passage_id: str) -> int | None:
        """Row of the passage ``"{article_id}#{n}"``; None when there is none."""
        article_id, sep, n = passage_id.rpartition("#")
        a = self.articles.row.get(article_id)
        if not sep or a is None or not n.isdigit():
            return None
        lo, hi = int(self.first[a]), int(self.first[a + 1])
        at = lo + int(n)
        if at < hi and self.columns[at, N] == int(n):
            return at
        found = np.flatnonzero(self.columns[lo:hi, N] == int(n))
        return lo + int(found[0]) if len(found) else None

    def of_article(self, article_id: str) -> list[Passage]:
        """Every passage of one article, in order (empty for an unknown id)."""
        a = self.articles.row.get(article_id)
        return [] if a is None else [self[i] for i in range(int(self.first[a]), int(self.first[a + 1]))]

    def article_ids(self, positions: np.ndarray) -> list[str]:
        """Article id of the passages at ``positions``."""
        ids = self.articles.ids
        return [ids[a] for a in self.columns[np.asarray(positions, dtype=np.int64), ARTICLE].tolist()]

    def articles_of(self, positions: np.ndarray) -> ArticleSet:
        """The distinct articles of the passages at ``positions``, as a set over a mask of article rows (no id
        string per article: a common name occurs in most articles of an archive)."""
        seen = np.zeros(len(self.articles), dtype=bool)
        seen[self.columns[np.asarray(positions, dtype=np.int64), ARTICLE]] = True
        return ArticleSet(seen, self.articles)

    def windows(self, positions: np.ndarray) -> list[tuple[str, str, str]]:
        """``(passage id, article id, window)`` of the passages at ``positions`` (grouped by article), with no
        ``Passage`` made and each article parsed once, uncached."""
        ids, out, last, text = self.articles.ids, [], -1, ""
        picked = self.columns[np.asarray(positions, dtype=np.int64)][:, [ARTICLE, N, WINDOW_START, WINDOW_END]]
        for a, n, w0, w1 in picked.tolist():
            if a != last:
                last, text = a, self.articles.parse(ids[a]).text
            out.append((f"{ids[a]}#{n}", ids[a], text[w0:w1]))
        return out

    def body_positions(self, article_id: str) -> np.ndarray:
        """Positions of one article's body passages (label 0, ``Passage.is_body``), in order (empty for an unknown
        id)."""
        a = self.articles.row.get(article_id)
        if a is None:
            return np.zeros(0, dtype=np.int64)
        lo, hi = int(self.first[a]), int(self.first[a + 1])
        return lo + np.flatnonzero(self.columns[lo:hi, LABEL] == 0).astype(np.int64)

    def rows_of_articles(self, article_ids: set[str]) -> np.ndarray:
        """Positions of the passages of ``article_ids`` (unknown ids ignored), ascending."""
        wanted = np.zeros(len(self.articles), dtype=bool)
        wanted[[self.articles.row[a] for a in article_ids if a in self.articles.row]] = True
        return np.flatnonzero(wanted[self.columns[:, ARTICLE]]).astype(np.int64)

    def evidence(self) -> np.ndarray:
        """Positions of the evidence passages (``evidence_mask``), in order."""
        return np.flatnonzero(evidence_mask(self.columns[:, LABEL])).astype(np.int64)


class ArticleSet(AbstractSet[str]):
    """A read-only set of article ids held as a mask over ``ArticleTable`` rows (ids iterate in index order)."""

    def __init__(self, mask: np.ndarray, articles: ArticleTable):
        self.mask, self.articles = mask, articles
        self._len = int(np.count_nonzero(mask))

    def __contains__(self, article_id: object) -> bool:
        row = self.articles.row.get(article_id) if isinstance(article_id, str) else None
        return row is not None and bool(self.mask[row])

    def __iter__(self) -> Iterator[str]:
        ids = self.articles.ids
        return (ids[a] for a in np.flatnonzero(self.mask).tolist())

    def __len__(self) -> int:
        return self._len


class PassagesById(Mapping[str, Passage]):
    """``PassageTable`` by passage id (``index.passage_by_id``)."""

    def __init__(self, table: PassageTable):
        self.table = table

    def __getitem__(self, passage_id: str) -> Passage:
        at = self.table.position(passage_id)
        if at is None:
            raise KeyError(passage_id)
        return self.table[at]

    def __contains__(self, passage_id: object) -> bool:
        return isinstance(passage_id, str) and self.table.position(passage_id) is not None

    def __iter__(self) -> Iterator[str]:
        return (p.id for p in self.table)

    def __len__(self) -> int:
        return len(self.table)
