"""Stories: the articles of the index grouped into the events they report, assigned once at ingest.

An article is represented by the unit mean of its first evidence passages' vectors (its lead). Online
single-pass clustering: in order of publication, each new article joins the story that scores best among
those with an article within ``story_window_days`` of it, when that score reaches ``story_threshold``;
otherwise it founds a story. The score is the mean cosine of the article to the story's articles (kept as
a vector sum, so one dot product), less ``story_day_penalty`` per day between the article and the story's
nearest date, plus ``story_name_weight`` times the share of the article's lead names (capitalised words not
opening a sentence) the story already has (off by default: it did not help on AllSides). Nothing already
assigned moves, so an ingest costs what its new articles cost against the stories of their date window,
and the same input gives the same ids.

Within a story, an article whose body shares at least ``wire_copy_jaccard`` of its word 5-shingles with an
earlier member (Jaccard) is a copy of that member's report (one wire story reprinted): ``Story.sources``.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from index.models import Article, Passage, Story
from index.settings import Settings

LEAD_PASSAGES = 3
"""Evidence passages (from the top) averaged into an article's vector."""
LEAD_CHARS = 600
"""Characters of the text read for an article's names."""
UNDATED_CANDIDATES = 5_000
"""Most recent stories an undated article is compared with (it has no date window)."""
SHINGLE = 5
"""Words per shingle for wire-copy detection."""

_WORD = re.compile(r"[\w’'-]+")
_OPENERS = frozenset('.!?:"“‘(')


class Assignment(NamedTuple):
    """Where one article sits: its story and the article whose report it copies (itself when original).
    (A named tuple: an index holds one per article, read from every segment at load.)"""

    story: str
    source: str


def lead_vectors(passages: list[Passage], vectors: np.ndarray, k: int = LEAD_PASSAGES) -> dict[str, np.ndarray]:
    """Unit mean of the vectors of the first ``k`` body passages (``Passage.is_body``) of each article; ``vectors``
    follow the evidence passages of ``passages`` in order. Articles without body are left out."""
    sums: dict[str, np.ndarray] = {}
    seen: Counter[str] = Counter()
    row = 0
    for p in passages:
        if not p.is_evidence:
            continue
        if p.is_body and seen[p.article_id] < k:
            sums[p.article_id] = sums[p.article_id] + vectors[row] if p.article_id in sums else np.array(vectors[row], np.float32)
            seen[p.article_id] += 1
        row += 1
    return {a: unit(v) for a, v in sums.items()}


def unit(v: np.ndarray) -> np.ndarray:
    """``v`` scaled to length 1 (a zero vector stays zero)."""
    norm = float(np.linalg.norm(v))
    return (v / norm if norm > 0 else v).astype(np.float32)


def names(article: Article) -> frozenset[str]:
    """Lower-cased capitalised words of the lead that do not open a sentence (people, places, bodies)."""
    found = set()
    for line in article.text[:LEAD_CHARS].splitlines():
        for m in _WORD.finditer(line):
            word = m.group(0)
            before = line[:m.start()].rstrip()
            opens = not before or before[-1] in _OPENERS
            if word[0].isupper() and not opens and len(word) > 1:
                found.add(word.lower().strip("’'-"))
    return frozenset(found)


def shingles(text: str, size: int = SHINGLE) -> frozenset[int]:
    """Hashes (crc32) of the word ``size``-shingles of ``text``, case-folded."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return frozenset({zlib.crc32(" ".join(words).encode())}) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i:i + size]).encode()) for i in range(len(words) - size + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    """``|a ∩ b| / |a ∪ b|``; 0 when both are empty."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def story_id(article: Article) -> str:
    """The id a story founded by ``article`` gets."""
    return "s-" + article.content_hash[:12]


@dataclass
class _Story:
    id: str
    members: list[Article]
    names: Counter = field(default_factory=Counter)


class StoryClusterer:
    """The working set of stories an ingest can join: vector sums, sizes, date spans and names, grown in place."""

    def __init__(self, settings: Settings, dimension: int):
        self.settings = settings
        self.stories: list[_Story] = []
        self.sums = np.zeros((64, dimension), np.float32)
        self.counts = np.zeros(64, np.float32)
        self.first = np.zeros(64, np.int64)
        self.last = np.zeros(64, np.int64)
        self.sources: dict[str, str] = {}
        self._shingles: dict[str, frozenset[int]] = {}

    def know_shingles(self, found: Mapping[str, frozenset[int]]) -> None:
        """Take the ``shingles`` of articles (by id) made elsewhere: an ingest makes its new articles' while the
        encoder runs."""
        self._shingles.update(found)

    def add_story(self, sid: str, members: list[Article], vectors: list[np.ndarray], sources: dict[str, str]) -> None:
        """Seed one existing story (its members already assigned)."""
        self._new(sid, members[0], vectors[0])
        self.sources[members[0].id] = sources.get(members[0].id, members[0].id)
        for article, vector in zip(members[1:], vectors[1:], strict=True):
            self._join(len(self.stories) - 1, article, vector)
            self.sources[article.id] = sources.get(article.id, article.id)

    def assign(self, article: Article, vector: np.ndarray | None) -> Assignment:
        """Put ``article`` in the best story of its window, or found one; return where it went."""
        v = np.zeros(self.sums.shape[1], np.float32) if vector is None else vector
        n = len(self.stories)
        best, best_score = -1, -np.inf
        candidates = self._candidates(article)
        if len(candidates) and vector is not None:
            scores = (self.sums[candidates] @ v) / self.counts[candidates]
            if article.published is not None and self.settings.story_day_penalty:
                d = article.published.toordinal()
                gap = np.maximum(0, np.maximum(self.first[candidates] - d, d - self.last[candidates]))
                scores = scores - self.settings.story_day_penalty * gap
            mine = names(article)
            if mine and self.settings.story_name_weight:
                overlap = np.array([len(mine & self.stories[c].names.keys()) / len(mine) for c in candidates])
                scores = scores + self.settings.story_name_weight * overlap
            i = int(np.argmax(scores))
            best, best_score = int(candidates[i]), float(scores[i])
        if best >= 0 and best_score >= self.settings.story_threshold:
            self._join(best, article, v)
            story = self.stories[best]
        else:
            sid = story_id(article)
            if any(s.id == sid for s in self.stories[max(n - 1000, 0):]):
                sid = f"{sid}-{n}"
            self._new(sid, article, v)
            story = self.stories[-1]
        self.sources[article.id] = self._source(story, article)
        return Assignment(story=story.id, source=self.sources[article.id])

    def _candidates(self, article: Article) -> np.ndarray:
        n = len(self.stories)
        if article.published is None:
            return np.arange(max(n - UNDATED_CANDIDATES, 0), n)
        d, w = article.published.toordinal(), self.settings.story_window_days
        return np.flatnonzero((self.last[:n] >= d - w) & (self.first[:n] <= d + w))

    def _grow(self) -> None:
        n = len(self.stories)
        if n < len(self.first):
            return
        self.sums = np.concatenate([self.sums, np.zeros_like(self.sums)])
        self.counts = np.concatenate([self.counts, np.zeros_like(self.counts)])
        self.first = np.concatenate([self.first, np.zeros_like(self.first)])
        self.last = np.concatenate([self.last, np.zeros_like(self.last)])

    def _new(self, sid: str, article: Article, vector: np.ndarray) -> None:
        self._grow()
        n = len(self.stories)
        self.stories.append(_Story(sid, []))
        self.sums[n], self.counts[n] = 0, 0
        self.first[n], self.last[n] = np.iinfo(np.int64).max // 2, np.iinfo(np.int64).min // 2
        self._join(n, article, vector)

    def _join(self, i: int, article: Article, vector: np.ndarray) -> None:
        story = self.stories[i]
        story.members.append(article)
        if self.settings.story_name_weight:
            story.names.update(names(article))
        self.sums[i] += vector
        self.counts[i] += 1
        if article.published is not None:
            d = article.published.toordinal()
            self.first[i], self.last[i] = min(self.first[i], d), max(self.last[i], d)

    def _source(self, story: _Story, article: Article) -> str:
        mine = self._shingles_of(article)
        best, best_j = article.id, 0.0
        for other in story.members[:-1]:
            j = jaccard(mine, self._shingles_of(other))
            if j > best_j:
                best, best_j = other.id, j
        if best_j >= self.settings.wire_copy_jaccard:
            return self.sources.get(best, best)
        return article.id

    def _shingles_of(self, article: Article) -> frozenset[int]:
        if article.id not in self._shingles:
            self._shingles[article.id] = shingles(article.text)
        return self._shingles[article.id]


def publication_order(articles: list[Article]) -> list[Article]:
    """``articles`` by publication date, undated last, ties in the given order."""
    return sorted(articles, key=lambda a: (a.published is None, a.published or 0))


def assign_stories(articles: list[Article], vectors: dict[str, np.ndarray], settings: Settings, dimension: int,
                   clusterer: StoryClusterer | None = None) -> dict[str, Assignment]:
    """Assign each of ``articles`` to a story (joining ``clusterer``'s existing ones where they fit)."""
    clusterer = clusterer or StoryClusterer(settings, dimension)
    return {a.id: clusterer.assign(a, vectors.get(a.id)) for a in publication_order(articles)}


def seed_clusterer(clusterer: StoryClusterer, existing: dict[str, Assignment], articles: dict[str, Article],
                   new: list[Article], vectors_of: Callable[[list[str]], dict[str, np.ndarray]]) -> StoryClusterer:
    """Load into ``clusterer`` the stored stories that ``new`` articles could join: those with an article
    within the date window of the new ones (and the most recent ones, when a new article is undated).
    Two plain passes over ``existing``; the vectors read and the clustering work follow the window only."""
    dated = [a.published.toordinal() for a in new if a.published is not None]
    w = clusterer.settings.story_window_days
    lo, hi = (min(dated) - w, max(dated) + w) if dated else (1, 0)
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for article_id, found in existing.items():  # each story's date span, as the clusterer tests it
        day = articles[article_id].published
        if day is not None:
            d = day.toordinal()
            if d < first.get(found.story, d + 1):
                first[found.story] = d
            if d > last.get(found.story, d - 1):
                last[found.story] = d
    wanted = {sid for sid, d in first.items() if d <= hi and last[sid] >= lo}
    if len(dated) < len(new):
        wanted.update(list(dict.fromkeys(f.story for f in existing.values()))[-UNDATED_CANDIDATES:])
    members: dict[str, list[Article]] = {}
    for article_id, found in existing.items():
        if found.story in wanted:
            members.setdefault(found.story, []).append(articles[article_id])
    chosen = list(members)
    vectors = vectors_of([a.id for sid in chosen for a in members[sid]])
    zero = np.zeros(clusterer.sums.shape[1], np.float32)
    sources = {a.id: existing[a.id].source for sid in chosen for a in members[sid]}
    for sid in chosen:
        ordered = publication_order(members[sid])
        clusterer.add_story(sid, ordered, [vectors.get(a.id, zero) for a in ordered], sources)
    return clusterer


def build_stories(articles: Mapping[str, Article], assignments: Mapping[str, Assignment]) -> dict[str, Story]:
    """The ``Story`` records of ``assignments`` over the index's ``articles`` (in index order), all at once
    (what ``StoryMap`` gives one at a time)."""
    grouped: dict[str, list[Article]] = {}
    for article in publication_order(list(articles.values())):
        found = assignments.get(article.id)
        if found is not None:
            grouped.setdefault(found.story, []).append(article)
    out = {}
    for sid, members in grouped.items():
        sources: dict[str, list[str]] = {}
        for a in members:
            sources.setdefault(assignments[a.id].source, []).append(a.id)
        dates = [a.published for a in members if a.published is not None]
        out[sid] = Story(id=sid, title=members[0].title, article_ids=[a.id for a in members],
                         outlets=list(dict.fromkeys(a.outlet for a in members)),
                         first_published=min(dates, default=None), last_published=max(dates, default=None),
                         sources=list(sources.values()))
    return out


class StoryMap(Mapping[str, Story]):
    """Story id → ``Story``, each record built when it is first read (``build_stories`` builds every one).

    Opening an index makes none: a question reads the few stories of its answer, and at 1M passages building
    all 7.9k took 0.3 s of a cold ``factqa ask``. Members are grouped by story in one pass over the articles
    (in index order) when a story is first asked for; iteration follows ``build_stories``' order (each story at
    its first article in publication order), which sorts every article, so only a listing pays for it."""

    def __init__(self, articles: Mapping[str, Article], assignments: Mapping[str, Assignment]):
        self._articles = articles
        self._assignments = assignments
        self._members: dict[str, list[str]] | None = None
        self._built: dict[str, Story] = {}
        self._order: list[str] | None = None

    def _groups(self) -> dict[str, list[str]]:
        """Story id → its article ids in index order (stories in the index order of their first article)."""
        if self._members is None:
            members: dict[str, list[str]] = {}
            get = self._assignments.get
            for article_id in self._articles:
                found = get(article_id)
                if found is not None:
                    members.setdefault(found.story, []).append(article_id)
            self._members = members
        return self._members

    def __getitem__(self, sid: str) -> Story:
        story = self._built.get(sid)
        if story is None:
            ids = self._groups()[sid]  # KeyError for an unknown story
            members = publication_order([self._articles[a] for a in ids])  # stable: index order within a date
            sources: dict[str, list[str]] = {}
            for a in members:
                sources.setdefault(self._assignments[a.id].source, []).append(a.id)
            dates = [a.published for a in members if a.published is not None]
            story = Story(id=sid, title=members[0].title, article_ids=[a.id for a in members],
                          outlets=list(dict.fromkeys(a.outlet for a in members)),
                          first_published=min(dates, default=None), last_published=max(dates, default=None),
                          sources=list(sources.values()))
            self._built[sid] = story
        return story

    def __contains__(self, sid: object) -> bool:
        return sid in self._groups()

    def __len__(self) -> int:
        return len(self._groups())

    def __iter__(self) -> Iterator[str]:
        if self._order is None:
            seen: dict[str, None] = {}
            for article in publication_order(list(self._articles.values())):
                found = self._assignments.get(article.id)
                if found is not None:
                    seen.setdefault(found.story)
            self._order = list(seen)
        return iter(self._order)

    def undated(self) -> list[str]:
        """Ids of the stories none of whose articles is dated, in iteration order; no ``Story`` is built and
        only the undated articles' stories are looked at."""
        candidates = dict.fromkeys(found.story for a, meta in self._articles.items() if meta.published is None
                                   and (found := self._assignments.get(a)) is not None)
        if not candidates:
            return []
        groups, articles = self._groups(), self._articles
        return [sid for sid in candidates if all(articles[a].published is None for a in groups[sid])]
