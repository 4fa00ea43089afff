"""One bench size, measured in its own process: ``python -m eval.bench.sizes N MODE WORKDIR QUESTIONS [keep]``.

MODE ``real``: real articles, chunked and encoded by the real model through ``update_index``.
MODE ``synthetic``: articles of real sentences, synthetic vectors (``eval.bench.data``); the model still
encodes every question. MODE ``parts``: only the dense and BM25 indexes (1M-scale memory and latency).
With ``keep`` (``factqa bench --keep DIR``) a synthetic index already written in WORKDIR by an earlier run is
reused (``KEPT_FILE`` beside it says it is whole) and the incremental ingest runs on a hard-linked copy, so
the kept index stays as it was written. Prints one JSON object.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np

from eval.bench import data
from eval.bench.measure import folder_mb, peak_rss_mb, percentile, timed
from index.ann import build_ann, recall_at
from index.dense import DenseIndex
from index.embed import load_encoder
from index.sparse import SparseIndex, Vocabulary, tokenize
from index.store import IndexStore
from index.update import update_index


def _real_pool(work: Path, encoder, n: int = 400) -> np.ndarray:
    cached = work / "real-vectors.npy"
    if cached.is_file():
        return np.load(cached, allow_pickle=False)
    windows = data.sentences(data.real_articles(200))[:n]
    vectors = encoder.encode(windows)
    np.save(cached, vectors, allow_pickle=False)
    return vectors


def stages(service, question: str) -> dict[str, float]:
    """Milliseconds of each stage of ``QAService.ask`` for one question (the same calls, timed one by one)."""
    from qa.compare import compare
    from qa.evidence import group_by_outlet, score_hits
    from qa.questions import answer_type

    s, index = service.settings, service.index
    out, t = {}, time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        out[name] = (now - t) * 1000
        t = now

    qv = service.encoder.encode([question])[0]
    lap("encode")
    index.dense.search(qv, s.candidates)
    lap("dense")
    index.sparse.scores(question)
    lap("bm25")
    hits = index.search(question, qv, s.candidates, rrf_k=s.rrf_k)
    lap("retrieve")
    snippets = score_hits(index, question, hits, service.calibration)
    lap("evidence")
    outlets, _ = group_by_outlet(index, snippets, s.top_k, service.calibration)
    lap("group")
    compare(question, answer_type(question), outlets, index)
    lap("compare")
    return out


def ask_latency(service, questions: list[str], warmup: list[str] | None = None) -> dict:
    """End-to-end ``ask`` p50/p95 and the median of each stage over ``questions``, after asking each of
    ``warmup`` once (default: the first three of ``questions``). A warm process has answered before: at 1M the
    first asks after opening fault in the mapped graph, vectors and texts from disk (p50 ~260 ms on a cold page
    cache, ~35 ms once warm), so the sizes warm up on other questions than the ones they time."""
    for q in questions[:3] if warmup is None else warmup:
        service.ask(q)
    total = [timed(service.ask, q)[1] * 1000 for q in questions]
    per_stage = [stages(service, q) for q in questions]
    names = list(per_stage[0]) if per_stage else []
    return {"ask_p50_ms": round(percentile(total, 50), 2), "ask_p95_ms": round(percentile(total, 95), 2),
            "questions": len(questions),
            "stages_p50_ms": {n: round(percentile([s[n] for s in per_stage], 50), 2) for n in names}}


MILVUS_MIN = 100_000
"""Synthetic sizes from which the bench also asks through the Milvus backend (when the milvus extra is there)."""


def milvus_latency(store: IndexStore, encoder, work: Path, questions: list[str]) -> dict:
    """Ask p50/p95 with search on Milvus (milvus-lite, the embedded engine), and the first sync's seconds."""
    from index.settings import get_settings
    from qa.service import QAService

    db = work / "milvus.db"
    if db.exists():  # left by an earlier run in a kept folder: the first sync is measured from empty
        shutil.rmtree(db) if db.is_dir() else db.unlink()
    settings = get_settings().model_copy(update={"backend": "milvus", "milvus_uri": str(db)})
    service, sync_s = timed(QAService, store.load(), encoder, "milvus", settings)
    out = ask_latency(service, questions)
    return {"sync_s": round(sync_s, 1), "ask_p50_ms": out["ask_p50_ms"], "ask_p95_ms": out["ask_p95_ms"],
            "retrieve_p50_ms": out["stages_p50_ms"]["retrieve"]}


def ann_recall(vectors: np.ndarray, queries: np.ndarray, ann=None, k: int = 20) -> dict:
    """Recall@k of HNSW-SQ8 (re-ranked) against exact search, and both search times; ``ann`` is the index's
    own graph when it has one (``ann_build_s`` is then None: it was built at write time)."""
    from index.ann import M, ef_search_of

    exact = DenseIndex(vectors)
    (ann, build_s) = (ann, None) if ann is not None else timed(build_ann, vectors)
    approx = DenseIndex(vectors, ann=ann)
    truth = exact.exact_search(queries, k)
    started = time.perf_counter()
    found = [approx.search(q, k)[1] for q in queries]
    ann_ms = (time.perf_counter() - started) * 1000 / len(queries)
    started = time.perf_counter()
    for q in queries:
        exact.search(q, k)
    flat_ms = (time.perf_counter() - started) * 1000 / len(queries)
    return {"recall_at_20": round(recall_at(truth, np.stack(found)), 4), "M": M, "efSearch": ef_search_of(ann),
            "ann_build_s": None if build_s is None else round(build_s, 2), "ann_search_ms": round(ann_ms, 2), "exact_search_ms": round(flat_ms, 2)}


KEPT_FILE = "{folder}.written.json"
"""Written beside a synthetic index once it is whole (its write timings): what ``keep`` reuses."""


def _kept(folder: Path, n: int, model: str) -> dict | None:
    """The write timings of a whole synthetic index of ``n`` passages by ``model`` kept at ``folder``, else None."""
    marker = folder.parent / KEPT_FILE.format(folder=folder.name)
    if not marker.is_file():
        return None
    found = json.loads(marker.read_text(encoding="utf-8"))
    store = IndexStore(folder)
    if found.get("n") != n or found.get("model") != model or not store.exists() or store.manifest().n_passages != n:
        return None
    return found["write"]


def run_index(n: int, mode: str, work: Path, n_questions: int, keep: bool = False) -> dict:
    from qa.service import QAService

    encoder = load_encoder()
    folder = work / f"idx-{mode}-{n}"
    store = IndexStore(folder)
    result: dict = {"size": n, "mode": mode}
    if mode != "synthetic" and store.exists():  # an ingest measured into a kept folder starts from nothing
        shutil.rmtree(folder)
    if mode == "seeds":
        from index.ingest import read_articles
        from qa.service import SEEDS_DIR

        articles = read_articles([SEEDS_DIR]).articles
        report, seconds = timed(update_index, store, articles, encoder)
        result.update(ingest_s=round(seconds, 2), encoded=report.encoded)
        index = store.load()
        questions = data.seeds_questions()
    elif mode == "real":
        articles, total = [], 0
        from index.chunk import chunk_article

        for a in data.real_articles():
            articles.append(a)
            total += sum(p.is_evidence for p in chunk_article(a, 5000))
            if total >= n:
                break
        report, seconds = timed(update_index, store, articles, encoder)
        result.update(ingest_s=round(seconds, 2), encoded=report.encoded)
        index = store.load()
        np.save(work / "real-vectors.npy", index.vectors, allow_pickle=False)
        questions = data.real_questions(articles, n_questions)
    else:
        from eval.bench.build import write_synthetic_index

        kept = _kept(folder, n, encoder.name) if keep else None
        if kept is not None:
            result["write"] = {**kept, "reused": True}
        else:
            if store.exists():  # a partial or other index from an interrupted run: written anew
                shutil.rmtree(folder)
            pool = data.sentences(data.real_articles(400))
            vectors = data.synthetic_vectors(_real_pool(work, encoder), n)
            result["write"] = write_synthetic_index(store, n, pool, vectors, encoder.name)  # as ingest writes it, in bulk
            del vectors
            if keep:
                (folder.parent / KEPT_FILE.format(folder=folder.name)).write_text(
                    json.dumps({"n": n, "model": encoder.name, "write": result["write"]}), encoding="utf-8")
        questions = data.real_questions(data.real_articles(400), n_questions)
        index = None
    if index is not None:
        del index
    loaded, seconds = timed(store.load, encoder.name)
    result.update(passages=len(loaded.passages), rows=len(loaded.rows), articles=len(loaded.articles),
                  dense=loaded.dense.kind, disk_mb=round(folder_mb(store._live()), 1))
    result["load_s"] = round(seconds, 2)
    if mode != "seeds":
        from eval.bench.startup import cold_ask_index

        result.update(cold_ask_index(work, folder, questions[0]))
    service = QAService(loaded, encoder, name=str(folder))
    others = [q for q in data.real_questions(data.real_articles(400), n_questions, seed=1) if q not in questions]
    result.update(ask_latency(service, questions, warmup=others if mode != "seeds" else None))
    if mode == "synthetic" and n >= MILVUS_MIN and importlib.util.find_spec("milvus_lite") is not None:
        try:
            result["milvus"] = milvus_latency(store, encoder, work, questions)
        except Exception as exc:  # reported in the row; the local figures of this size still count
            result["milvus"] = {"error": f"{type(exc).__name__}: {str(exc)[-300:]}"}
    if len(loaded.rows) >= 2000:
        result["ann"] = ann_recall(loaded.vectors, encoder.encode(questions), loaded.dense.ann)
        result["ann"]["vectors"] = "real" if mode == "real" else "synthetic (real-derived)"
    del service, loaded
    if keep and mode == "synthetic":  # the kept index stays as written: add the articles to a hard-linked copy
        scratch = work / f"{folder.name}-incremental"
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.copytree(folder, scratch, copy_function=os.link)
        try:
            result["incremental"] = incremental(IndexStore(scratch), encoder, n)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    else:
        result["incremental"] = incremental(store, encoder, n)
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return result


def incremental(store: IndexStore, encoder, n: int) -> dict:
    """Add 10 new real articles to the index on disk: total time, time encoding, and the rest."""
    spent = [0.0, 0]

    class Timed:
        name, dimension = encoder.name, encoder.dimension

        def encode(self, texts, batch_size=64):
            vectors, seconds = timed(encoder.encode, texts, batch_size)
            spent[0] += seconds
            spent[1] += len(texts)
            return vectors

    fresh = [a.model_copy(update={"id": f"new-{a.id}"}) for a in data.real_articles(1600)[-10:]]
    before = store.manifest().n_passages
    report, seconds = timed(update_index, store, fresh, Timed())
    return {"articles_added": len(report.added), "passages_added": report.n_passages - before,
            "encoded": spent[1], "total_s": round(seconds, 3), "encode_s": round(spent[0], 3),
            "other_s": round(seconds - spent[0], 3)}


def run_parts(n: int, work: Path, n_questions: int) -> dict:
    """Dense (HNSW-SQ8 + float32 rows) and BM25 over ``n`` synthetic rows: memory and latency only."""
    encoder = load_encoder()
    questions = data.real_questions(data.real_articles(400), n_questions)
    qv = encoder.encode(questions)
    base = peak_rss_mb()
    pool = data.sentences(data.real_articles(400))
    vocab = Vocabulary()
    tokens, lengths, _ = vocab.encode(tokenize(pool))
    starts = np.concatenate([[0], np.cumsum(lengths)])
    rng = np.random.default_rng(0)
    picks = rng.integers(0, len(pool), n)
    lengths_n = lengths[picks]
    flat = np.concatenate([tokens[starts[i]:starts[i + 1]] for i in picks])
    sparse, bm25_build = timed(SparseIndex, vocab, flat, lengths_n)
    del flat
    vectors = data.synthetic_vectors(_real_pool(work, encoder), n)
    dense, ann_build = timed(lambda: DenseIndex(vectors, ann=build_ann(vectors)))
    folder = work / "parts"
    folder.mkdir(exist_ok=True)
    from index.ann import write_ann

    write_ann(dense.ann, folder / "dense.faiss")
    bm25_ms = [timed(sparse.scores, q)[1] * 1000 for q in questions]
    dense_ms = [timed(dense.search, v, 100)[1] * 1000 for v in qv]
    truth = dense.exact_search(qv, 20)
    found = np.stack([dense.search(v, 20)[1] for v in qv])
    return {"size": n, "mode": "parts", "bm25_build_s": round(bm25_build, 1), "ann_build_s": round(ann_build, 1),
            "bm25_p50_ms": round(percentile(bm25_ms, 50), 2), "dense_ann_p50_ms": round(percentile(dense_ms, 50), 2),
            "recall_at_20": round(recall_at(truth, found), 4), "ann_file_mb": round(folder_mb(folder), 1),
            "peak_rss_mb": round(peak_rss_mb(), 1), "rss_before_indexes_mb": round(base, 1),
            "passage_objects_mb_per_1m": passage_memory()}


def run_recall(n: int, n_questions: int) -> dict:
    """Recall@20 against exact search on real embeddings of ``n`` real sentences (cached under
    ``FACTQA_HOME/bench`` after the first run): HNSW-SQ8 (what factqa uses) by ``efSearch``, and, for
    comparison, IVF-SQ8 with ``nlist ≈ √n`` by the number of lists visited."""
    import hashlib

    import faiss

    from index.ann import ef_search, set_ef_search
    from index.settings import get_settings

    encoder = load_encoder()
    texts = [t for t in data.sentences(data.real_articles()) if len(t) < 400][:n]
    key = hashlib.sha256(("\n".join(texts) + encoder.name).encode()).hexdigest()[:16]
    cache = get_settings().home / "bench" / f"real-{key}.npy"
    if cache.is_file():
        vectors, encode_s = np.load(cache, allow_pickle=False), None
    else:
        vectors, encode_s = timed(encoder.encode, texts)
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.save(cache, vectors, allow_pickle=False)
    queries = encoder.encode(data.real_questions(data.real_articles(), n_questions, seed=1))
    truth = DenseIndex(vectors).exact_search(queries, 20)
    ann = build_ann(vectors)
    approx = DenseIndex(vectors, ann=ann)
    hnsw = {}
    for ef in sorted({16, 32, 64, 128, 256, 512, ef_search(len(vectors))}):
        set_ef_search(ann, ef)
        hnsw[str(ef)] = round(recall_at(truth, np.stack([approx.search(q, 20)[1] for q in queries])), 4)
    nlist = max(4, int(np.sqrt(len(vectors))))
    ivf = faiss.IndexIVFScalarQuantizer(faiss.IndexFlatIP(vectors.shape[1]), vectors.shape[1], nlist,
                                        faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
    ivf.train(vectors)
    ivf.add(vectors)
    curve = {}
    for nprobe in (2, 8, 16, nlist // 2, nlist):
        ivf.nprobe = nprobe
        found = ivf.search(queries, 80)[1]
        reranked = [ids[np.argsort(-(vectors[ids[ids >= 0]] @ q), kind="stable")][:20] for ids, q in zip(found, queries, strict=True)]
        curve[f"{nprobe}/{nlist}"] = round(recall_at(truth, np.stack(reranked)), 4)
    return {"size": len(texts), "mode": "recall", "vectors": f"real (all-MiniLM-L6-v2; sentences of {data.text_source()})",
            "queries": len(queries), "hnsw_recall_at_20_by_efSearch": hnsw, "ivf_recall_at_20_by_lists_visited": curve,
            "encode_s": None if encode_s is None else round(encode_s, 1)}


def passage_memory(sample: int = 20_000) -> float:
    """MiB that 1M ``Passage`` objects (as ``Index.passages`` holds them) would take, from a sample."""
    import tracemalloc

    pool = data.sentences(data.real_articles(200))
    tracemalloc.start()
    _, passages = data.synthetic_corpus(sample, pool)
    held = {p.id: p for p in passages}
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del held
    return round(size / sample * 1_000_000 / 2**20, 1)


def main() -> None:
    n, mode, work, n_questions = int(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
    if mode == "parts":
        result = run_parts(n, work, n_questions)
    elif mode == "recall":
        result = run_recall(n, n_questions)
    else:
        result = run_index(n, mode, work, n_questions, keep=sys.argv[5:6] == ["keep"])
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
