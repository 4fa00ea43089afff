"""The same sentence-transformers model run through onnxruntime + tokenizers, without importing torch.

``import sentence_transformers`` alone costs seconds; a query needs milliseconds. The model is exported
to ONNX once (with torch, which is installed anyway), with its pooling and normalisation inside the
graph, into the per-user data folder. Later processes tokenize with ``tokenizers`` and run the graph
with ``onnxruntime``: the same vectors (cosine 1.0000 against sentence-transformers) at a fraction of
the start-up cost. The export records the digests of the weights it came from and of itself, and both
are checked at load.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
import warnings
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict


class ExportRecord(BaseModel):
    """``export.json`` beside an exported ``model.onnx``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    """Encoder identity, the same as the sentence-transformers encoder's (runtime does not change it)."""
    dimension: int
    weights_sha256: str
    onnx_sha256: str
    pooling: str
    max_seq_length: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


def pooling_mode(model_folder: Path) -> str | None:
    """``"mean"`` or ``"cls"`` from the model's pooling config, or None if the model cannot be exported here."""
    modules = json.loads((model_folder / "modules.json").read_text(encoding="utf-8"))
    kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
    if kinds not in (["Transformer", "Pooling", "Normalize"], ["Transformer", "Pooling"]):
        return None
    pooling = next(m for m in modules if m["type"].endswith("Pooling"))
    config = json.loads((model_folder / pooling["path"] / "config.json").read_text(encoding="utf-8"))
    if config.get("pooling_mode_mean_tokens"):
        return "mean"
    if config.get("pooling_mode_cls_token"):
        return "cls"
    return None


def export_onnx(model_folder: Path, out_dir: Path, name: str, dimension: int, weights_sha256: str) -> ExportRecord:
    """Export the model at ``model_folder`` (pooling and L2 normalisation included) to ``out_dir/model.onnx``."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    pooling = pooling_mode(model_folder)
    if pooling is None:
        raise ValueError(f"{model_folder}: only Transformer + mean/CLS Pooling (+ Normalize) models can be exported")
    config = json.loads((model_folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
    model = AutoModel.from_pretrained(str(model_folder), local_files_only=True).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(model_folder), local_files_only=True)

    class Pooled(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.inner(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids).last_hidden_state
            if pooling == "cls":
                pooled = hidden[:, 0]
            else:
                mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    sample = tokenizer(["a short text", "a slightly longer sample text"], padding=True, return_tensors="pt")
    tmp = out_dir.parent / f".tmp-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    dynamic = {k: {0: "batch", 1: "tokens"} for k in ("input_ids", "attention_mask", "token_type_ids")}
    dynamic["embedding"] = {0: "batch"}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes about constant control flow (BERT has none that varies)
        torch.onnx.export(
            Pooled(model), (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
            str(tmp / "model.onnx"), input_names=list(dynamic)[:3], output_names=["embedding"],
            dynamic_axes=dynamic, opset_version=17, dynamo=False,
        )
    shutil.copy(model_folder / "tokenizer.json", tmp / "tokenizer.json")
    record = ExportRecord(name=name, dimension=dimension, weights_sha256=weights_sha256,
                          onnx_sha256=_sha256(tmp / "model.onnx"), pooling=pooling,
                          max_seq_length=int(config.get("max_seq_length", 256)))
    (tmp / "export.json").write_text(record.model_dump_json(indent=2), encoding="utf-8")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    os.replace(tmp, out_dir)
    return record


class OnnxEncoder:
    """Encodes with an exported ONNX graph; vectors identical to the sentence-transformers encoder's."""

    def __init__(self, export_dir: Path, threads: int | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.record = ExportRecord.model_validate_json((export_dir / "export.json").read_text(encoding="utf-8"))
        onnx_path = export_dir / "model.onnx"
        if _sha256(onnx_path) != self.record.onnx_sha256:
            raise ValueError(f"{onnx_path}: checksum mismatch; delete {export_dir} to export it again")
        self.name = self.record.name
        self.dimension = self.record.dimension
        self._tokenizer = Tokenizer.from_file(str(export_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(self.record.max_seq_length)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.log_severity_level = 3
        if threads:
            options.intra_op_num_threads = threads
        self._session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Encode ``texts`` in batches into unit vectors."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            batch = self._tokenizer.encode_batch(texts[start : start + batch_size])
            feeds = {
                "input_ids": np.array([e.ids for e in batch], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in batch], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in batch], dtype=np.int64),
            }
            out[start : start + len(batch)] = self._session.run(None, feeds)[0]
        return out
