"""The bench report: targets checked against the figures, and the table for people."""

from __future__ import annotations

from rich.table import Table

TARGETS = {"ingest_ratio": 0.95, "seeds_p50_ms": 25.0, "p100k_p50_ms": 60.0, "p95_over_p50": 2.0, "cold_ask_s": 1.5,
           "recall_at_20": 0.98, "rss_1m_mb": 4096.0, "stories_s": 2.0, "cold_ask_100k_s": 1.0,
           "ask_rss_1m_mb": 2048.0}


def parse_sizes(text: str) -> list[int]:
    """``"1k,10k,100k,1m"`` → ``[1000, 10000, 100000, 1000000]``."""
    out = []
    for part in (p.strip().lower() for p in text.split(",") if p.strip()):
        scale = {"k": 1_000, "m": 1_000_000}.get(part[-1], 1)
        try:
            out.append(int(float(part[:-1] if scale > 1 else part) * scale))
        except ValueError:
            raise ValueError(f"{part!r} is not a size like 1k, 10k, 100k or 1m") from None
    return out


def check(report: dict) -> list[dict]:
    """Each target with its measured value and whether it is met."""
    out = []

    def add(name: str, value, target: float, ok: bool) -> None:
        out.append({"target": name, "value": value, "limit": target, "met": bool(ok)})

    if "ingest" in report:
        r = report["ingest"]["ratio"]
        add("ingest ≥ 95% of raw encoder", r, TARGETS["ingest_ratio"], r >= TARGETS["ingest_ratio"])
    for size in report.get("sizes", []):
        if "ask_p50_ms" not in size:
            continue
        label = "seeds" if size["mode"] == "seeds" else f"{size['size']:,}"
        if size["mode"] == "seeds" or size["size"] >= 100_000:
            limit = TARGETS["seeds_p50_ms"] if size["mode"] == "seeds" else TARGETS["p100k_p50_ms"]
            add(f"ask p50 ({label}) ms", size["ask_p50_ms"], limit, size["ask_p50_ms"] <= limit)
        ratio = size["ask_p95_ms"] / max(size["ask_p50_ms"], 1e-9)
        add(f"ask p95/p50 ({label})", round(ratio, 2), TARGETS["p95_over_p50"], ratio <= TARGETS["p95_over_p50"])
        if "cold_ask_s" in size and size["size"] >= 100_000:
            limit = TARGETS["cold_ask_s"] if size["size"] >= 1_000_000 else TARGETS["cold_ask_100k_s"]
            add(f"cold factqa ask --index ({label}) s", size["cold_ask_s"], limit, size["cold_ask_s"] <= limit)
        if "cold_ask_peak_rss_mb" in size and size["size"] >= 1_000_000:
            rss = size["cold_ask_peak_rss_mb"]
            add(f"peak RSS of factqa ask ({label}) MB", rss, TARGETS["ask_rss_1m_mb"], rss <= TARGETS["ask_rss_1m_mb"])
        if "ann" in size:
            add(f"ANN recall@20 ({label}, {size['ann']['vectors']})", size["ann"]["recall_at_20"],
                TARGETS["recall_at_20"], size["ann"]["recall_at_20"] >= TARGETS["recall_at_20"])
    for size in report.get("sizes", []):
        if size["mode"] == "parts" and "error" not in size:
            add(f"ANN recall@20 ({size['size']:,}, synthetic)", size["recall_at_20"], TARGETS["recall_at_20"],
                size["recall_at_20"] >= TARGETS["recall_at_20"])
            total = size["peak_rss_mb"] + size["passage_objects_mb_per_1m"] * size["size"] / 1e6
            add(f"RSS at {size['size']:,} (indexes measured + passages extrapolated) MB", round(total),
                TARGETS["rss_1m_mb"], total <= TARGETS["rss_1m_mb"])
    if "stories" in report:  # eval.bench.stories: reading the stored stories, seeding the window, assigning
        s = report["stories"]
        t = round(s["read_stories_s"] + s["clustering_s"], 3)
        add(f"+{s['new_articles']:,} articles into {s['index_articles']:,}: story clustering s", t, TARGETS["stories_s"],
            t <= TARGETS["stories_s"])
    if "ann_real" in report:
        from index.ann import ef_search

        ef = ef_search(report["ann_real"]["size"])  # what an index of that size searches with
        value = report["ann_real"]["hnsw_recall_at_20_by_efSearch"][str(ef)]
        add(f"ANN recall@20 (real embeddings, {report['ann_real']['size']:,}, HNSW efSearch {ef})", value,
            TARGETS["recall_at_20"], value >= TARGETS["recall_at_20"])
    if "cold_start" in report:
        v = report["cold_start"]["cold_ask_p50_s"]
        add("cold factqa ask (s)", v, TARGETS["cold_ask_s"], v <= TARGETS["cold_ask_s"])
    return out


def _milvus_cell(m: dict | None) -> str:
    if m is None:
        return ""
    return "[red]failed[/]" if "error" in m else f"{m['ask_p50_ms']}/{m['ask_p95_ms']}"


def tables(report: dict) -> list[Table]:
    """Tables for people: per size, then start-up/ingest, then targets."""
    sizes = Table(title="factqa bench: per size (ms are p50 unless noted)")
    for col in ("size", "mode", "passages", "dense", "ask p50", "ask p95", "encode", "dense", "bm25", "retrieve",
                "evidence", "compare", "load s", "cold ask s", "ask RSS MB", "disk MB", "peak RSS MB",
                "+10 articles s (encode)", "milvus p50/p95"):
        sizes.add_column(col, justify="right")
    for s in report.get("sizes", []):
        if "error" in s:
            sizes.add_row(f"{s['size']:,}", s["mode"], "[red]failed[/]", *[""] * 16)
            continue
        if s["mode"] == "parts":
            sizes.add_row(f"{s['size']:,}", "parts", f"{s['size']:,}", "hnsw-sq8", "", "", "",
                          str(s["dense_ann_p50_ms"]), str(s["bm25_p50_ms"]), "", "", "", "", "", "", str(s["ann_file_mb"]),
                          str(s["peak_rss_mb"]), "", "")
            continue
        st, inc = s["stages_p50_ms"], s["incremental"]
        sizes.add_row(f"{s['size']:,}" if s["mode"] != "seeds" else "seeds", s["mode"], f"{s['passages']:,}", s["dense"],
                      str(s["ask_p50_ms"]), str(s["ask_p95_ms"]), str(st.get("encode")), str(st.get("dense")),
                      str(st.get("bm25")), str(st.get("retrieve")), str(st.get("evidence")), str(st.get("compare")),
                      str(s["load_s"]), str(s.get("cold_ask_s", "")), str(s.get("cold_ask_peak_rss_mb", "")),
                      str(s["disk_mb"]), str(s["peak_rss_mb"]),
                      f"{inc['total_s']} ({inc['encode_s']})",
                      _milvus_cell(s.get("milvus")))
    other = Table(title="start-up and ingest")
    other.add_column("figure")
    other.add_column("value", justify="right")
    for section in ("ingest", "cold_start", "encoder", "ann_real", "stories"):
        for k, v in report.get(section, {}).items():
            other.add_row(f"{section}.{k}", str(v))
    other.add_row("load average (start → end)", f"{report['machine']['load_start']} → {report['machine'].get('load_end')}")
    targets = Table(title="targets")
    for col in ("target", "value", "limit", "met"):
        targets.add_column(col)
    for t in report.get("targets", []):
        targets.add_row(t["target"], str(t["value"]), str(t["limit"]), "yes" if t["met"] else "[red]NO[/]")
    return [sizes, other, targets]
