"""Encoding on Ray Data: an ingest through Ray actors writes the same index, vectors included, as a local
one. One local Ray cluster for the session; every test has a hard timeout. Skipped without the ray extra
(but for the CLI's refusal of an unknown engine)."""

from __future__ import annotations

import faulthandler
import functools
import importlib.util

import numpy as np
import pytest

from index.embed import HashingEncoder
from index.ingest import read_articles
from index.store import IndexStore
from index.update import update_index
from tests.conftest import SEEDS

needs_ray = pytest.mark.skipif(importlib.util.find_spec("ray") is None,
                               reason="the ray extra is not installed (pip install 'factqa[ray]')")
pytestmark = [
    # A start that timed out (retried in ``ray_cluster``) leaves Ray's own Popen objects of the first try to be
    # collected while those processes shut down: a ResourceWarning inside Popen.__del__, not a fault of the test.
    pytest.mark.filterwarnings("ignore:subprocess .* is still running:ResourceWarning"),
    pytest.mark.filterwarnings("ignore:Exception ignored in. <function Popen.__del__:pytest.PytestUnraisableExceptionWarning"),
]
TIMEOUT_S = 300
"""Longest a Ray test may run before its stacks are dumped and the run ends (Ray can hang silently)."""


@pytest.fixture(scope="session")
def ray_cluster():
    from index.ray_ingest import start_ray

    import ray

    faulthandler.dump_traceback_later(TIMEOUT_S, exit=True)
    try:
        start_ray()
    except Exception as exc:  # Ray waits a fixed time for its raylet and GCS server; a loaded 2-core runner may need more
        if "timed out" not in str(exc).lower():
            raise
        ray.shutdown()
        start_ray()
    faulthandler.cancel_dump_traceback_later()
    yield ray
    ray.shutdown()


@pytest.fixture(autouse=True)
def hard_timeout():
    faulthandler.dump_traceback_later(TIMEOUT_S, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@needs_ray
def test_ray_ingest_writes_the_local_index(tmp_path, ray_cluster):
    from index.ray_ingest import RayEncoder

    articles = read_articles([SEEDS]).articles
    local, remote = IndexStore(tmp_path / "local"), IndexStore(tmp_path / "ray")
    a = update_index(local, articles, HashingEncoder(64))
    seen = []
    encoder = RayEncoder(HashingEncoder(64), functools.partial(HashingEncoder, 64))
    b = update_index(remote, articles, encoder, progress=lambda done, total: seen.append((done, total)))
    assert (a.encoded, a.n_passages) == (b.encoded, b.n_passages) and a.encoded > 50
    x, y = local.load(), remote.load()
    assert np.array_equal(np.asarray(x.vectors), np.asarray(y.vectors))  # the same vectors, bit for bit
    assert list(x.passages) == list(y.passages) and x.story_of == y.story_of
    assert seen[-1] == (a.encoded, a.encoded) and x.manifest.model == y.manifest.model


@needs_ray
@pytest.mark.model
def test_ray_ingest_with_the_real_model_gives_the_local_vectors(tmp_path, ray_cluster, real_encoder):
    from index.ray_ingest import PackagedEncoder, RayEncoder

    articles = read_articles([SEEDS]).articles
    local, remote = IndexStore(tmp_path / "local"), IndexStore(tmp_path / "ray")
    update_index(local, articles, real_encoder)
    models = real_encoder.export_dir.parent  # the session's ONNX export: each actor loads it, none re-exports
    encoder = RayEncoder(real_encoder, PackagedEncoder(cache_dir=models))
    update_index(remote, articles, encoder)
    x, y = local.load(), remote.load()
    assert x.manifest.model == y.manifest.model == real_encoder.name and len(x.rows) > 50
    assert np.array_equal(np.asarray(x.vectors), np.asarray(y.vectors))  # the ONNX model in actors: bit for bit
    assert list(x.passages) == list(y.passages) and x.story_of == y.story_of


class BatchSizes:
    """An encoder whose vector of a text is (size of the batch it was encoded in, its place in that batch)."""

    name, dimension = "batch-sizes", 2

    def encode(self, texts, batch_size=64):
        out = np.zeros((len(texts), 2), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            n = len(texts[start : start + batch_size])
            out[start : start + n] = [(n, k) for k in range(n)]
        return out


@needs_ray
def test_actors_encode_the_very_batches_the_local_encoder_does(ray_cluster):
    import sys

    from index.ray_ingest import RayEncoder
    from index.store import encode_sorted

    ray_cluster.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the test module is no package
    texts = [f"sentence {'long ' * (i % 7)}number {i} about the harbour" for i in range(23)]
    local = encode_sorted(BatchSizes(), texts, 5)
    remote = encode_sorted(RayEncoder(BatchSizes(), BatchSizes), texts, 5)
    assert np.array_equal(local, remote) and sorted(local[:, 0].tolist()).count(5.0) == 20  # 4 batches of 5, one of 3
    assert RayEncoder(BatchSizes(), BatchSizes).encode([], 5).shape == (0, 2)


def test_an_unknown_engine_is_refused_before_the_index_is_touched(tmp_path):
    from typer.testing import CliRunner

    from qa.cli import app

    result = CliRunner().invoke(app, ["ingest", str(SEEDS), "--index", str(tmp_path / "idx"), "--engine", "spark"])
    assert result.exit_code == 2 and "must be local or ray" in result.output and not (tmp_path / "idx").exists()
