"""Bench corpora: real text from ``../shared`` where it covers a size, synthetic beyond; without
``../shared`` (a fresh clone), the bundled seeds stand in for the real text.

- Real: AllSides 2021 articles (``corpora/allsides-2021.jsonl``) and SciFact abstracts
  (``bench/scifact/corpus.jsonl.gz``), chunked by factqa's own chunker.
- Synthetic: articles assembled from real sentences (shuffled across articles), with passages built
  directly (sentence + neighbours as the window, as ``index.chunk`` does) so that 100k+ passages need no
  sentence splitter; and synthetic unit vectors made from real embeddings (two real vectors mixed plus
  noise), which keeps the clustered shape of real embeddings that ANN recall depends on.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

import numpy as np

from index.models import Article, Passage
from qa.service import SEEDS_DIR

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ALLSIDES = SHARED / "corpora" / "allsides-2021.jsonl"
SCIFACT = SHARED / "bench" / "scifact" / "corpus.jsonl.gz"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def has_shared_text() -> bool:
    """Whether the AllSides or SciFact text of ``../shared`` is there (it is absent from a user's fresh clone)."""
    return ALLSIDES.is_file() or SCIFACT.is_file()


def text_source() -> str:
    """Where the bench's real text comes from, in words (for the report)."""
    if has_shared_text():
        return "AllSides 2021 / SciFact (../shared)"
    return f"the bundled seeds only ({SEEDS_DIR}; ../shared is absent)"


def real_articles(limit: int | None = None) -> list[Article]:
    """AllSides articles, then SciFact abstracts (as articles of outlet "SciFact"), up to ``limit``; the
    bundled seeds when ``../shared`` holds neither."""
    if not has_shared_text():
        from index.ingest import read_articles

        return read_articles([SEEDS_DIR]).articles[:limit]
    out: list[Article] = []
    if ALLSIDES.is_file():
        with ALLSIDES.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                out.append(Article(id=record["id"], outlet=record.get("outlet") or "unknown", title=record.get("title", ""),
                                   text=record["text"], published=record.get("published") or None))
                if limit and len(out) >= limit:
                    return out
    if SCIFACT.is_file():
        with gzip.open(SCIFACT, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                out.append(Article(id=f"scifact-{record['_id']}", outlet="SciFact", title=record.get("title", ""),
                                   text=(record.get("title", "") + "\n" + record["text"]).strip()))
                if limit and len(out) >= limit:
                    break
    return out


def real_questions(articles: list[Article], n: int, seed: int = 0) -> list[str]:
    """Questions from real headlines ("What happened: <title>?")."""
    rng = random.Random(seed)
    titles = [a.title for a in articles if a.title]
    return [f"What happened: {t.rstrip('?.')}?" for t in rng.sample(titles, min(n, len(titles)))]


SEEDS_QUESTIONS = ("What did Tokayev tell Scholz?", "When did Scholz visit Kazakhstan?",
                   "What did the leaders agree on energy?", "How much oil does Kazakhstan export through Russia?")


def seeds_questions() -> list[str]:
    """The seeds gold questions (``../shared/eval/seeds-gold.jsonl``), or a few fixed ones without it."""
    gold = SHARED / "eval" / "seeds-gold.jsonl"
    if not gold.is_file():
        return list(SEEDS_QUESTIONS)
    return [json.loads(line)["question"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]


def sentences(articles: list[Article]) -> list[str]:
    """Real sentences of ``articles`` (a cheap regex split; enough to assemble synthetic articles)."""
    out = []
    for a in articles:
        for para in a.text.split("\n"):
            out += [s.strip() for s in _SENTENCE.split(para) if len(s.strip()) > 30]
    return out


SYNTHETIC_PER_DAY = 50
"""Synthetic articles published per day (an archive's dates bound the story clustering's candidates)."""


def synthetic_date(i: int):
    """Publication date of synthetic article ``i``: ``SYNTHETIC_PER_DAY`` a day from 2020-01-01."""
    import datetime as dt

    return dt.date(2020, 1, 1) + dt.timedelta(days=i // SYNTHETIC_PER_DAY)


def synthetic_corpus(n_passages: int, pool: list[str], outlets: int = 12, per_article: int = 25,
                     seed: int = 0) -> tuple[list[Article], list[Passage]]:
    """``n_passages`` passages in articles of ``per_article`` real sentences drawn at random from ``pool``."""
    rng = random.Random(seed)
    articles, passages = [], []
    n_articles = -(-n_passages // per_article)
    for i in range(n_articles):
        count = min(per_article, n_passages - i * per_article)
        chosen = [rng.choice(pool) for _ in range(count)]
        text, spans, pos = [], [], 0
        for sentence in chosen:
            spans.append((pos, pos + len(sentence)))
            text.append(sentence)
            pos += len(sentence) + 1
        body = " ".join(text)
        article = Article(id=f"syn{i}", outlet=f"Outlet {i % outlets}", title=chosen[0][:80], text=body,
                          published=synthetic_date(i))
        articles.append(article)
        for n, (start, end) in enumerate(spans):
            w0, w1 = spans[max(n - 1, 0)][0], spans[min(n + 1, len(spans) - 1)][1]
            passages.append(Passage.model_construct(id=f"{article.id}#{n}", article_id=article.id, n=n, start=start,
                                                    end=end, window_start=w0, window_end=w1, text=body[start:end],
                                                    window=body[w0:w1], boilerplate=""))
    return articles, passages


def synthetic_vectors(real: np.ndarray, n: int, noise: float = 0.35, seed: int = 0) -> np.ndarray:
    """``n`` unit vectors near the span of ``real`` ones: ``normalise(a + 0.5·b + noise·ε)`` for random real
    ``a``, ``b`` and Gaussian ``ε`` scaled to the dimension (built in blocks; float32)."""
    rng = np.random.default_rng(seed)
    dim = real.shape[1]
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, 100_000):
        m = min(100_000, n - start)
        x = real[rng.integers(0, len(real), m)] + 0.5 * real[rng.integers(0, len(real), m)]
        x += (noise / np.sqrt(dim)) * rng.standard_normal((m, dim), dtype=np.float32)
        out[start : start + m] = x / np.linalg.norm(x, axis=1, keepdims=True)
    return out
