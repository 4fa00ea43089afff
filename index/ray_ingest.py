"""Encoding at ingest on Ray Data (``factqa ingest --engine ray [--address ADDR]``), optional extra ``factqa[ray]``.

``update_index`` stays as it is (read, chunk, what to encode, segment write); ``RayEncoder`` takes the
encoding: the windows to encode, longest first as ``index.store.encode_sorted`` orders them, become one
ordered dataset that ``map_batches`` sends through encoder actors in batches of ``batch_size`` rows —
the very batches the local encoder runs, so the vectors are the local ones. A local ``ray.init()`` when
no address is given (tests, one machine), a cluster address in production.

What this engine's behaviour asks for (Ray 2.60, 2 cores): actors take a fraction of a CPU each
(``CPUS_PER_ACTOR``; one full CPU per actor on a 2-CPU node hung silently), the dashboard is off, and the
rows are built in Python (``from_items``), never ``read_json``, which turns date strings into timestamps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from index.embed import Encoder

ACTORS = 2
"""Encoder actors (each loads the model once)."""
CPUS_PER_ACTOR = 0.5


def start_ray(address: str | None = None) -> None:
    """Join the cluster at ``address``, or start a local one, unless this process already has one."""
    try:
        import ray
    except ImportError:
        raise ImportError("--engine ray needs the ray extra: pip install 'factqa[ray]'") from None
    if not ray.is_initialized():
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
        ray.init(address=address, **options)


class _EncodeActor:
    """A Ray Data callable class: one encoder per actor, one ONNX batch per call."""

    def __init__(self, factory: Callable[[], Encoder]):
        self.encoder = factory()

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        texts = [str(t) for t in batch["text"]]
        return {"vector": self.encoder.encode(texts, batch_size=max(len(texts), 1))}


class RayEncoder:
    """An ``Encoder`` (name and dimension of the local one) whose encoding runs in Ray Data actors built by
    ``factory`` (a picklable no-argument callable that returns the encoder, on each worker)."""

    def __init__(self, encoder: Encoder, factory: Callable[[], Encoder], address: str | None = None,
                 actors: int = ACTORS, cpus_per_actor: float = CPUS_PER_ACTOR):
        self.name, self.dimension = encoder.name, encoder.dimension
        self.factory, self.address = factory, address
        self.actors, self.cpus_per_actor = actors, cpus_per_actor

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Unit vectors of ``texts``, in order, batches of ``batch_size`` consecutive texts."""
        return self.encode_all(texts, batch_size)

    def encode_all(self, texts: list[str], batch_size: int = 64, progress: Callable[[int, int], None] | None = None
                   ) -> np.ndarray:
        """Encode every text in one Ray Data job (``encode_sorted`` hands over the whole list at once)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        import ray

        start_ray(self.address)
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        dataset = ray.data.from_items([{"text": t} for t in texts])
        encoded = dataset.map_batches(_EncodeActor, fn_constructor_kwargs={"factory": self.factory},
                                      batch_size=batch_size, batch_format="numpy",
                                      compute=ray.data.ActorPoolStrategy(size=self.actors), num_cpus=self.cpus_per_actor)
        parts, done = [], 0
        for batch in encoded.iter_batches(batch_size=None, batch_format="numpy"):
            parts.append(np.asarray(batch["vector"], dtype=np.float32))
            done += len(parts[-1])
            if progress is not None:
                progress(done, len(texts))
        return np.concatenate(parts)


class PackagedEncoder:
    """Picklable factory of the configured encoder (``load_encoder(model_path)``) for Ray workers."""

    def __init__(self, model_path=None, cache_dir=None):
        self.model_path, self.cache_dir = model_path, cache_dir

    def __call__(self) -> Encoder:
        from index.embed import load_encoder

        return load_encoder(self.model_path, cache_dir=self.cache_dir)
