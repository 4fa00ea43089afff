"""The ONNX query path gives the same vectors and rankings as sentence-transformers."""

from __future__ import annotations

import numpy as np
import pytest

from index.embed import load_encoder
from index.ingest import read_articles
from qa.service import QAService
from tests.conftest import SEEDS

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def encoders(tmp_path_factory):
    cache = tmp_path_factory.mktemp("models")
    return load_encoder(runtime="torch"), load_encoder(runtime="onnx", cache_dir=cache), cache


def test_same_identity_and_vectors(encoders):
    torch_encoder, onnx_encoder, _ = encoders
    assert type(onnx_encoder).__name__ == "OnnxEncoder"
    assert onnx_encoder.name == torch_encoder.name and onnx_encoder.dimension == 384
    texts = ["What did Tokayev tell Scholz?", "short", "A much longer sentence " * 20, ""]
    a, b = torch_encoder.encode(texts), onnx_encoder.encode(texts)
    np.testing.assert_allclose((a * b).sum(axis=1), 1.0, atol=1e-4)


def test_same_rankings_on_the_seeds_gold(encoders, seeds_gold):
    torch_encoder, onnx_encoder, _ = encoders
    articles = read_articles([SEEDS]).articles
    with_torch = QAService.from_articles(articles, torch_encoder)
    with_onnx = QAService(with_torch.index, onnx_encoder, name="seeds")
    for item in seeds_gold:
        a, b = with_torch.ask(item["question"]), with_onnx.ask(item["question"])
        assert [o.outlet for o in a.outlets] == [o.outlet for o in b.outlets], item["id"]
        assert [[s.passage_id for s in o.snippets] for o in a.outlets] == [[s.passage_id for s in o.snippets] for o in b.outlets]


def test_tampered_export_is_refused(encoders):
    from index.embed import ModelError

    _, _, cache = encoders
    (export,) = [p.parent for p in cache.glob("*/model.onnx")]
    data = bytearray((export / "model.onnx").read_bytes())
    data[-100] ^= 0xFF
    (export / "model.onnx").write_bytes(bytes(data))
    with pytest.raises(ModelError, match="checksum mismatch"):
        load_encoder(runtime="onnx", cache_dir=cache)
