"""Chunking a whole ingest at once, split between this process and worker processes.

Sentence splitting (pysbd, pure Python) is most of what an ingest does besides encoding (5.9–6.5 of 7.0–7.3 s of
CPU on the bench's 10k passages), and it cannot run beside the encoder: the encoder takes every new window
longest first, so its first batch is known only once every article is split (other batches would change the
vectors' last bits: onnxruntime's sums follow the batch's padded length). So a large batch is split in parallel instead:
this process takes the first share of the articles and each worker process (``python -m index.chunk_workers``, a
plain subprocess: nothing of this process is forked or re-imported) another contiguous share, by characters of text;
as many workers as the text is worth and the machine has idle CPUs for (``worker_count``).
A worker returns each article's labelled sentences (``index.chunk.sentences_of``) as JSON and this process makes
the passages, so the passages are those of ``chunk_article`` whichever process split the text. A worker that cannot
start or fails has its share split here; an article a worker could not split for a reason other than its content
is split here again, so its error is raised in this process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from index.chunk import passages_from, sentences_of
from index.models import Article, Passage
from index.textfile import InputError

WORKER_MIN_CHARS = 400_000
"""Characters of text each worker process must get to pay for its start (~0.15 s: Python, pydantic, pysbd) many
times over (pysbd splits ~300k characters a second here)."""
MAX_WORKERS = 7
REJECTED = (ValueError, RecursionError, MemoryError, LookupError)
"""What splitting raises on text it cannot handle: that article's error (as ``index.ingest`` treats a file a
parser rejects), never the batch's."""

Chunked = list[Passage] | InputError


def _where(article: Article) -> str:
    return article.source or article.id


def _rejection(where: str, exc: BaseException) -> InputError:
    if isinstance(exc, InputError):
        return exc
    return InputError(where, f"cannot be split into sentences ({type(exc).__name__}: {str(exc)[:200]})")


def chunk_one(article: Article, max_passages: int) -> Chunked:
    """``chunk_article``'s passages, or the ``InputError`` (naming the article's file) of text it rejects; any
    other failure is raised with a note naming the file."""
    where = _where(article)
    try:
        return passages_from(article, sentences_of(article.text, max_passages, where))
    except REJECTED as exc:
        return _rejection(where, exc)
    except Exception as exc:
        exc.add_note(f"while splitting {where} into sentences")
        raise


def idle_cpus(cpus: int, seconds: float = 0.1) -> float:
    """CPUs the machine left idle over the next ``seconds`` (``/proc/stat``); ``cpus`` where that cannot be read."""
    def sample() -> tuple[int, int]:  # idle + iowait, and all, in clock ticks
        with open("/proc/stat", encoding="ascii") as handle:
            ticks = [int(x) for x in handle.readline().split()[1:9]]
        return ticks[3] + ticks[4], sum(ticks)

    try:
        idle0, all0 = sample()
        time.sleep(seconds)
        idle1, all1 = sample()
    except (OSError, ValueError, IndexError):
        return float(cpus)
    return cpus * (idle1 - idle0) / max(all1 - all0, 1)


def worker_count(articles: list[Article], limit: int | None = None) -> int:
    """Worker processes for ``articles``: one per ``WORKER_MIN_CHARS`` of their text, at most the CPUs this process
    may use less one (this process splits a share too), the CPUs other work leaves idle (a worker on a busy core
    only adds its start: 5.9 s of splitting took 6.2-6.3 s with one here, where other sessions kept a core busy),
    ``MAX_WORKERS`` or ``limit``."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    wanted = min(cpus - 1, sum(len(a.text) for a in articles) // WORKER_MIN_CHARS, MAX_WORKERS if limit is None else limit)
    return max(0, min(wanted, round(idle_cpus(cpus)))) if wanted > 0 else 0


def _shares(articles: list[Article], n: int) -> list[list[Article]]:
    """``articles`` cut into ``n`` contiguous runs of about equal text."""
    total = sum(len(a.text) for a in articles) or 1
    shares: list[list[Article]] = [[] for _ in range(n)]
    done = 0
    for article in articles:
        shares[min(done * n // total, n - 1)].append(article)
        done += len(article.text)
    return shares


def chunk_all(articles: list[Article], max_passages: int, workers: int | None = None) -> list[Chunked]:
    """``chunk_one`` of each of ``articles``, in order; the split as described above, with ``worker_count`` workers
    (``workers`` caps them; 0: all here). The result does not depend on the number of workers."""
    n = worker_count(articles, workers)
    if n == 0 or len(articles) < 2:
        return [chunk_one(a, max_passages) for a in articles]
    shares = _shares(articles, n + 1)
    with ThreadPoolExecutor(max_workers=n, thread_name_prefix="factqa-chunk") as pool:
        remote = [pool.submit(_in_worker, share, max_passages) for share in shares[1:]]
        out = [chunk_one(a, max_passages) for a in shares[0]]
        for share, future in zip(shares[1:], remote, strict=True):
            found = future.result()
            if found is None:  # the worker failed: its share is split here
                out += [chunk_one(a, max_passages) for a in share]
                continue
            for article, sentences in zip(share, found, strict=True):
                if isinstance(sentences, list):
                    out.append(passages_from(article, [(s, e, label) for s, e, label in sentences]))
                elif "rejected" in sentences:
                    out.append(InputError(_where(article), sentences["rejected"]))
                else:  # failed there for another reason: split here, where its error is raised
                    out.append(chunk_one(article, max_passages))
    return out


def _in_worker(share: list[Article], max_passages: int) -> list | None:
    """The worker's answer for ``share`` (one entry per article), or None when it did not give one."""
    if not share:
        return []
    request = {"max_passages": max_passages, "texts": [[a.text, _where(a)] for a in share]}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[1]),
                                                                      os.environ.get("PYTHONPATH")]))}
    try:
        proc = subprocess.run([sys.executable, "-m", "index.chunk_workers"], input=json.dumps(request).encode("utf-8"),
                              capture_output=True, env=env, check=False)
        found = json.loads(proc.stdout) if proc.returncode == 0 else None
    except (OSError, ValueError):
        return None
    return found if isinstance(found, list) and len(found) == len(share) else None


def _split(text: str, max_passages: int, where: str) -> list | dict:
    try:
        return sentences_of(text, max_passages, where)
    except REJECTED as exc:
        return {"rejected": _rejection(where, exc).reason}
    except Exception as exc:  # told to the parent, which splits this article itself and raises the error there
        return {"failed": f"{type(exc).__name__}: {exc}"}


def main() -> None:
    """The worker: a JSON request on stdin (``max_passages``, ``texts`` as ``[text, where]`` pairs), one JSON list
    on stdout (each text's sentences as ``[start, end, label]``, or ``{"rejected": reason}``, or ``{"failed": …}``)."""
    request = json.loads(sys.stdin.buffer.read())
    out = [_split(text, request["max_passages"], where) for text, where in request["texts"]]
    sys.stdout.write(json.dumps(out))


if __name__ == "__main__":
    main()
