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


def test_the_initializers_sit_beside_the_graph_and_an_older_export_is_converted(encoders, tmp_path):
    import json
    import shutil

    import onnx

    from index.embed import EXPORT_SUFFIX
    from index.onnx_encoder import ExportRecord, _sha256

    _, onnx_encoder, cache = encoders
    (export,) = [p.parent for p in cache.glob("*/model.onnx")]
    record = ExportRecord.model_validate_json((export / "export.json").read_text())
    assert export.name.endswith(EXPORT_SUFFIX) and record.initializers == "initializers.bin"
    assert (export / "model.onnx").stat().st_size < 1 << 20 < (export / "initializers.bin").stat().st_size
    older = tmp_path / "models"  # the single-file export an earlier factqa made, where it put it
    legacy = older / export.name.removesuffix(EXPORT_SUFFIX)
    legacy.mkdir(parents=True)
    onnx.save_model(onnx.load(str(export / "model.onnx")), str(legacy / "model.onnx"))  # initializers inside
    shutil.copy(export / "tokenizer.json", legacy / "tokenizer.json")
    old = record.model_copy(update={"initializers": None, "initializers_sha256": None,
                                    "onnx_sha256": _sha256(legacy / "model.onnx")})
    (legacy / "export.json").write_text(json.dumps(old.model_dump(exclude={"initializers", "initializers_sha256"})))
    converted = load_encoder(runtime="onnx", cache_dir=older)  # no torch: converted from the older one
    texts = ["What did Tokayev tell Scholz?", "short", "A much longer sentence " * 20]
    assert np.array_equal(converted.encode(texts), onnx_encoder.encode(texts))  # bit for bit
    assert (older / export.name / "initializers.bin").is_file() and (legacy / "model.onnx").is_file()  # kept


def test_a_verified_export_is_hashed_again_only_once_written_to(encoders, monkeypatch):
    import os

    import index.onnx_encoder as onnx_module

    _, _, cache = encoders
    (export,) = [p.parent for p in cache.glob("*/model.onnx")]
    assert (export / onnx_module.VERIFIED).is_file()  # written by the fixture's load
    hashed = []
    real = onnx_module._sha256
    monkeypatch.setattr(onnx_module, "_sha256", lambda path: hashed.append(path.name) or real(path))
    load_encoder(runtime="onnx", cache_dir=cache)
    assert hashed == []  # unchanged since it was hashed
    os.utime(export / "model.onnx")  # a write (or a touch) changes its times: hashed again, still good
    vector = load_encoder(runtime="onnx", cache_dir=cache).encode(["short"])
    assert sorted(hashed) == ["initializers.bin", "model.onnx"] and vector.shape == (1, 384)
    load_encoder(runtime="onnx", cache_dir=cache)
    assert len(hashed) == 2


def test_tampered_export_is_refused(encoders):
    from index.embed import ModelError

    _, _, cache = encoders
    (export,) = [p.parent for p in cache.glob("*/model.onnx")]
    for name in ("model.onnx", "initializers.bin"):  # the graph, or one weight of it
        good = (export / name).read_bytes()
        data = bytearray(good)
        data[-100] ^= 0xFF
        (export / name).write_bytes(bytes(data))
        with pytest.raises(ModelError, match="checksum mismatch"):
            load_encoder(runtime="onnx", cache_dir=cache)
        (export / name).write_bytes(good)
