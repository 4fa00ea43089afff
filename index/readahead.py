"""Reading an opened index's mapped files into the page cache in the background, for a service that answers many
questions.

An answer reads a few pages of each mapped file (``index.reader``): the HNSW graph's codes, the vector rows it
re-ranks, its terms' postings, its articles' lines. When those files are not in the page cache (after a reboot,
or when other work pushed them out) each question waits on the disk for pages of its own: at 1M passages the
first asks after opening took 100-170 ms with 200-500 major page faults each, against ~50 ms once the pages
were in memory. So a service asks the kernel to read the files ahead (``POSIX_FADV_WILLNEED``) in a thread when
it opens. The pages land in the page cache, which the kernel reclaims under pressure; none is mapped into the
process, so its resident memory does not grow. The hint is given 2 MiB at a time: Linux reads at most a few MiB
per call (one call over a whole file read 5% of it here). Files that would take more than half the memory the
system has available are left alone, so a large index never pushes out the rest of the machine's cache.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

CHUNK = 2 << 20
"""Bytes per hint: Linux reads ahead at most a few MiB per call (``force_page_cache_ra``)."""
SHARE_OF_AVAILABLE = 0.5
"""Most of the available memory (``MemAvailable``) the files may take for them to be read ahead."""


def available_bytes() -> int | None:
    """``MemAvailable`` of ``/proc/meminfo`` in bytes; None where it cannot be read (not Linux)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _hint(paths: list[Path]) -> None:
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # a file that went away: nothing to read ahead
        try:
            size = os.fstat(fd).st_size
            for offset in range(0, size, CHUNK):
                os.posix_fadvise(fd, offset, CHUNK, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass  # a file system without read-ahead hints: the questions read the pages themselves, as without it
        finally:
            os.close(fd)


def read_ahead(paths: list[Path]) -> threading.Thread | None:
    """Start reading ``paths`` into the page cache in a daemon thread (returned); None when the platform has no
    read-ahead hint or the files take more than ``SHARE_OF_AVAILABLE`` of the available memory."""
    if not hasattr(os, "posix_fadvise"):
        return None
    sizes = {}
    for path in paths:
        try:
            sizes[path] = path.stat().st_size
        except OSError:
            continue  # gone (a writer pruned an old snapshot): nothing to read ahead
    available = available_bytes()
    if available is None or sum(sizes.values()) > SHARE_OF_AVAILABLE * available:
        return None
    # smallest first: article lines and postings, read by every question, before the vectors (a few hundred rows each)
    smallest_first = sorted(sizes, key=sizes.__getitem__)
    thread = threading.Thread(target=_hint, args=(smallest_first,), name="factqa-readahead", daemon=True)
    thread.start()
    return thread
