"""Retrieval on a BEIR-layout dataset (``corpus.jsonl[.gz]``, ``queries.jsonl``, ``qrels/SPLIT.tsv``).

Each document becomes one article with one passage (title and text joined by a space, as BEIR's
dense-retrieval code does) indexed with ``index.store.Index.build``; each query of the split is run
through ``Index.search`` with every requested retriever, and the rankings are scored with nDCG@10 and
recall@100 (``eval.metrics``), averaged over the split's queries. Latency per query is query encoding
(dense and hybrid) plus search.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict

from eval.metrics import mean_defined, ndcg_at_k, percentile, recall_at_k
from index.embed import Encoder
from index.hybrid import RETRIEVERS, Retriever
from index.models import Article, Passage
from index.store import Index, no_progress

DEPTH = 100
"""Documents retrieved per query (and per retriever before fusion): recall@100 needs 100."""

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class BeirError(ValueError):
    """A dataset folder that cannot be read; the message names the file (and line)."""


class BeirDataset(BaseModel):
    """A BEIR split in memory."""

    model_config = _FROZEN

    name: str
    split: str
    corpus: dict[str, tuple[str, str]]
    """Document id → (title, text)."""
    queries: dict[str, str]
    """Query id → text, only the queries judged in the split."""
    qrels: dict[str, dict[str, int]]
    """Query id → {document id: relevance}."""


class RetrieverScores(BaseModel):
    """One retriever's scores on a split."""

    model_config = _FROZEN

    ndcg_at_10: float | None
    recall_at_100: float | None
    latency_ms_p50: float | None

    def public(self) -> dict[str, float | None]:
        """The scores under their report names."""
        return {"ndcg@10": self.ndcg_at_10, "recall@100": self.recall_at_100, "latency_ms_p50": self.latency_ms_p50}


def _read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    rows = []
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise BeirError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
                if not isinstance(row, dict) or not isinstance(row.get("_id"), str | int):
                    raise BeirError(f"{path}:{number}: _id: missing")
                rows.append(row)
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise BeirError(f"{path}: cannot read ({exc})") from None
    return rows


def _read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BeirError(f"{path}: cannot read ({exc})") from None
    for number, line in enumerate(lines, start=1):
        fields = line.split("\t")
        if not line.strip() or (number == 1 and fields[0] == "query-id"):
            continue
        if len(fields) != 3:
            raise BeirError(f"{path}:{number}: expected query-id, corpus-id, score separated by tabs")
        try:
            score = int(fields[2])
        except ValueError:
            raise BeirError(f"{path}:{number}: score: not an integer: {fields[2]!r}") from None
        qrels.setdefault(fields[0], {})[fields[1]] = score
    return qrels


def load_dataset(folder: Path, split: str = "test") -> BeirDataset:
    """Read a BEIR folder; only the queries judged in ``qrels/{split}.tsv`` are kept."""
    folder = Path(folder)
    corpus_path = next((p for p in (folder / "corpus.jsonl", folder / "corpus.jsonl.gz") if p.is_file()), None)
    if corpus_path is None:
        raise BeirError(f"{folder}: no corpus.jsonl or corpus.jsonl.gz (is this a BEIR dataset folder?)")
    qrels_path = folder / "qrels" / f"{split}.tsv"
    if not qrels_path.is_file():
        have = sorted(p.stem for p in (folder / "qrels").glob("*.tsv")) if (folder / "qrels").is_dir() else []
        raise BeirError(f"{qrels_path}: no such split (available: {', '.join(have) or 'none'})")
    corpus = {str(r["_id"]): (str(r.get("title") or ""), str(r.get("text") or "")) for r in _read_jsonl(corpus_path)}
    qrels = _read_qrels(qrels_path)
    all_queries = {str(r["_id"]): str(r.get("text") or "") for r in _read_jsonl(folder / "queries.jsonl")}
    missing = sorted(q for q in qrels if q not in all_queries)
    if missing:
        raise BeirError(f"{qrels_path}: {len(missing)} judged queries are not in queries.jsonl (first: {missing[0]})")
    return BeirDataset(name=folder.name, split=split, corpus=corpus, queries={q: all_queries[q] for q in qrels},
                       qrels=qrels)


def document_text(title: str, text: str) -> str:
    """The indexed text of a document: title and text joined by a space."""
    return " ".join(part for part in (title.strip(), text.strip()) if part)


def build_index(dataset: BeirDataset, encoder: Encoder, batch_size: int = 64,
                progress: Callable[[int, int], None] | None = None,
                cache: dict[str, np.ndarray] | None = None) -> Index:
    """Index every document as one article with one passage spanning its whole text; vectors found in
    ``cache`` (text hash → vector, as ``Index.vector_cache`` returns) are not encoded again."""
    articles, passages = [], []
    for doc_id, (title, text) in dataset.corpus.items():
        body = document_text(title, text)
        articles.append(Article(id=doc_id, outlet=dataset.name, title=title, text=body, source=f"{dataset.name}:{doc_id}"))
        passages.append(Passage(id=f"{doc_id}#0", article_id=doc_id, n=0, start=0, end=len(body), window_start=0,
                                window_end=len(body), text=body, window=body))
    index, _ = Index.build(articles, passages, encoder, batch_size, cache=cache, progress=progress or no_progress)
    return index


def load_vectors(path: Path, model: str) -> dict[str, np.ndarray]:
    """Read a vector cache written by ``save_vectors`` (text hash → vector); empty when absent.

    A cache written with another model is refused (its vectors would silently mix two models)."""
    if not path.is_file():
        return {}
    try:
        with np.load(path, allow_pickle=False) as saved:
            written_by = str(saved["model"])
            cache = dict(zip(saved["keys"].tolist(), saved["vectors"], strict=True))
    except (OSError, ValueError, KeyError) as exc:
        raise BeirError(f"{path}: not a vector cache ({exc}); delete it to encode again") from None
    if written_by != model:
        raise BeirError(f"{path}: vectors of {written_by}, not {model}; delete it or name another cache file")
    return cache


def save_vectors(path: Path, index: Index) -> None:
    """Write the index's vectors keyed by the hash of the text each encodes (``Index.vector_cache``),
    with the model that encoded them."""
    cache = index.vector_cache()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        np.savez(handle, model=np.array(index.manifest.model), keys=np.array(list(cache)),
                 vectors=np.stack(list(cache.values())))


def evaluate(dataset: BeirDataset, index: Index, encoder: Encoder, retrievers: tuple[Retriever, ...] = RETRIEVERS,
             rrf_k: int = 60, progress: Callable[[int, int], None] | None = None) -> dict[str, RetrieverScores]:
    """Run every query with each retriever and score the rankings (macro over the split's queries)."""
    rankings: dict[str, dict[str, list[str]]] = {r: {} for r in retrievers}
    latencies: dict[str, list[float]] = {r: [] for r in retrievers}
    needs_vector = any(r != "bm25" for r in retrievers)
    for done, (qid, text) in enumerate(dataset.queries.items(), start=1):
        started = time.perf_counter()
        vector = encoder.encode([text])[0] if needs_vector else None
        encode_ms = (time.perf_counter() - started) * 1000
        for retriever in retrievers:
            started = time.perf_counter()
            hits = index.search(text, vector if retriever != "bm25" else None, n=DEPTH, retriever=retriever, rrf_k=rrf_k)
            search_ms = (time.perf_counter() - started) * 1000
            latencies[retriever].append(search_ms + (encode_ms if retriever != "bm25" else 0.0))
            rankings[retriever][qid] = [h.article_id for h in hits]
        if progress is not None:
            progress(done, len(dataset.queries))
    return {r: score_rankings(dataset.qrels, rankings[r], latencies[r]) for r in retrievers}


def score_rankings(qrels: dict[str, dict[str, int]], rankings: dict[str, list[str]],
                   latencies: list[float] | None = None) -> RetrieverScores:
    """nDCG@10 and recall@100 per judged query (a query with no ranking scores 0), then their mean."""
    ndcg = [ndcg_at_k(rankings.get(q, []), judged, 10) for q, judged in qrels.items()]
    recall = [recall_at_k(rankings.get(q, []), judged, 100) for q, judged in qrels.items()]
    return RetrieverScores(ndcg_at_10=mean_defined(ndcg), recall_at_100=mean_defined(recall),
                           latency_ms_p50=percentile(latencies or [], 50))
