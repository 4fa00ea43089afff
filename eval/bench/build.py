"""Writing a large synthetic bench index straight to disk, without a ``Passage`` object per passage.

The articles and passages are those of ``eval.bench.data.synthetic_corpus`` (articles of real sentences,
each passage's window its sentence with the neighbours on each side, joined by single spaces), made as
``index.columns`` rows; BM25 tokens of a window are the concatenated tokens of its sentences (tokenising
never crosses the space between them), so each pool sentence is tokenised once. The snapshot is a normal
one-segment index, as ``factqa ingest`` writes it (stories assigned, HNSW from ``ANN_MIN_ROWS`` rows).
"""

from __future__ import annotations

import datetime as dt
import random
import time

import numpy as np

from eval.bench.data import synthetic_date
from index.columns import COLUMNS
from index.models import Article, IndexManifest, text_hash
from index.segments import SegmentData
from index.settings import get_settings
from index.sparse import Vocabulary, tokenize
from index.stories import LEAD_PASSAGES, assign_stories, unit
from index.store import IndexStore


def synthetic_columns(n_passages: int, pool: list[str], outlets: int = 12, per_article: int = 25, seed: int = 0
                      ) -> tuple[list[Article], np.ndarray, np.ndarray]:
    """The articles of ``synthetic_corpus`` (same seed, same text), their passage columns and, per passage,
    the pool index of its sentence."""
    rng = random.Random(seed)
    articles, rows, picks = [], [], []
    for i in range(-(-n_passages // per_article)):
        count = min(per_article, n_passages - i * per_article)
        chosen = [rng.randrange(len(pool)) for _ in range(count)]  # rng.choice draws the same index
        spans, pos = [], 0
        for k in chosen:
            spans.append((pos, pos + len(pool[k])))
            pos += len(pool[k]) + 1
        body = " ".join(pool[k] for k in chosen)
        articles.append(Article(id=f"syn{i}", outlet=f"Outlet {i % outlets}", title=pool[chosen[0]][:80], text=body,
                                published=synthetic_date(i)))
        for n, (start, end) in enumerate(spans):
            w0, w1 = spans[max(n - 1, 0)][0], spans[min(n + 1, len(spans) - 1)][1]
            rows.append((i, n, start, end, w0, w1, 0))
        picks += chosen
    columns = np.asarray(rows, dtype=np.int32).reshape(-1, len(COLUMNS))
    return articles, columns, np.asarray(picks, dtype=np.int64)


def window_tokens(columns: np.ndarray, picks: np.ndarray, pool: list[str], vocab: Vocabulary
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Token ids and lengths of every passage window (sentences ``n - 1 .. n + 1`` of its article)."""
    ids, lengths, _ = vocab.encode(tokenize(pool))
    starts = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    n = columns[:, 1].astype(np.int64)
    sizes = np.bincount(columns[:, 0], minlength=int(columns[-1, 0]) + 1)[columns[:, 0]]
    sentences = [np.where(n > 0, np.arange(len(columns)) - 1, -1), np.arange(len(columns)),
                 np.where(n + 1 < sizes, np.arange(len(columns)) + 1, -1)]
    out_lengths = sum(np.where(s >= 0, lengths[picks[np.maximum(s, 0)]], 0) for s in sentences).astype(np.int32)
    flat = np.empty(int(out_lengths.sum()), dtype=np.int32)
    at = 0
    for row in range(len(columns)):
        for s in (sentences[0][row], sentences[1][row], sentences[2][row]):
            if s >= 0:
                k = picks[s]
                piece = ids[starts[k] : starts[k + 1]]
                flat[at : at + len(piece)] = piece
                at += len(piece)
    return flat, out_lengths


def write_synthetic_index(store: IndexStore, n: int, pool: list[str], vectors: np.ndarray, model: str) -> dict:
    """Write ``n`` synthetic passages with ``vectors`` as the index at ``store``; seconds of each step."""
    from index.ann import ANN_MIN_ROWS, build_ann

    took, t = {}, time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        took[name] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()

    articles, columns, picks = synthetic_columns(n, pool)
    texts = [a.text for a in articles]
    hashes = np.asarray([text_hash(texts[a][w0:w1]) for a, w0, w1 in columns[:, [0, 4, 5]].tolist()], dtype="S64")
    lap("columns_s")
    vocab = Vocabulary()
    tokens, lengths = window_tokens(columns, picks, pool, vocab)
    lap("tokens_s")
    first = np.concatenate([[0], np.cumsum(np.bincount(columns[:, 0], minlength=len(articles)))])
    leads = {a.id: unit(vectors[first[i] : min(first[i] + LEAD_PASSAGES, first[i + 1])].sum(axis=0))
             for i, a in enumerate(articles)}
    stories = assign_stories(articles, leads, get_settings(), vectors.shape[1])
    lap("stories_s")
    ann = build_ann(vectors) if len(vectors) >= ANN_MIN_ROWS else None
    lap("ann_build_s")
    data = SegmentData(articles=articles, passages=[], vectors=vectors, hashes=hashes, tokens=tokens, lengths=lengths,
                       terms=list(vocab.terms), stories=stories, columns=columns)
    manifest = IndexManifest(model=model, dimension=vectors.shape[1], n_articles=len(articles), n_passages=len(columns),
                             created=dt.datetime.now(dt.UTC))
    store.write_base(manifest, data, ann)
    lap("write_s")
    return took
