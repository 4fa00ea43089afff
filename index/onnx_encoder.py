"""The same sentence-transformers model run through onnxruntime + tokenizers, without importing torch.

``import sentence_transformers`` alone costs seconds; a query needs milliseconds. The model is exported
to ONNX once (with torch, which is installed anyway), with its pooling and normalisation inside the
graph, into the per-user data folder. Later processes tokenize with ``tokenizers`` and run the graph
with ``onnxruntime``: the same vectors (cosine 1.0000 against sentence-transformers) at a fraction of
the start-up cost. The export records the digests of the weights it came from and of itself, and both
are checked at load.

The graph's initializers (the 90 MB of weights) sit beside it in ``initializers.bin``, which onnxruntime
maps instead of parsing them out of the protobuf: building the session takes ~0.15 s instead of ~0.27 s
here, with the same vectors bit for bit. Such an export lives in its own folder (``…-mapped``); one made
before is converted into it once, left in place for the factqa versions that read it (``convert_export``;
no torch needed).

Hashing the export costs ~0.1 s of CPU, a tenth of a cold ``factqa ask``; so after its files have matched
once, ``verified.json`` records their sizes, inodes and modification and change times, and a later load
hashes again only when one of them differs (any write to a file changes its change time, which no user-space
tool can set back). When it does hash, it hashes in a second thread (hashlib releases the GIL) while the
tokenizer and the onnxruntime session load. An export whose digests do not match is refused before
``OnnxEncoder`` returns, and the session built from it is never run. (Building the session in the
background beside opening the index was slower on a busy machine: its thread pool's spinning took CPU from
the main thread.)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
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
    initializers: str | None = None
    """The file beside ``model.onnx`` holding its initializers (mapped by onnxruntime); None in an export made
    before they were split out of the graph."""
    initializers_sha256: str | None = None

    def digests(self) -> dict[str, str]:
        """File name → sha256 of every file of the export that the session reads."""
        found = {"model.onnx": self.onnx_sha256}
        if self.initializers is not None and self.initializers_sha256 is not None:
            found[self.initializers] = self.initializers_sha256
        return found


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
    return _finish(tmp, out_dir, _split_initializers(tmp, record))


INITIALIZERS = "initializers.bin"


def _split_initializers(folder: Path, record: ExportRecord) -> ExportRecord:
    """Rewrite ``folder/model.onnx`` with its initializers in ``folder/INITIALIZERS``; the record of the result."""
    import onnx

    model = onnx.load(str(folder / "model.onnx"))
    onnx.save_model(model, str(folder / "model.onnx"), save_as_external_data=True, all_tensors_to_one_file=True,
                    location=INITIALIZERS, size_threshold=1024)
    return record.model_copy(update={"onnx_sha256": _sha256(folder / "model.onnx"), "initializers": INITIALIZERS,
                                     "initializers_sha256": _sha256(folder / INITIALIZERS)})


def _finish(tmp: Path, out_dir: Path, record: ExportRecord) -> ExportRecord:
    """Write the record into ``tmp`` and move it to ``out_dir`` in one rename (a process that finished first
    keeps its export; a leftover without a record is replaced)."""
    (tmp / "export.json").write_text(record.model_dump_json(indent=2), encoding="utf-8")
    if out_dir.exists() and not (out_dir / "export.json").exists():
        shutil.rmtree(out_dir)
    try:
        os.replace(tmp, out_dir)
    except OSError:
        if not (out_dir / "export.json").exists():
            raise
        shutil.rmtree(tmp, ignore_errors=True)
    return record


def convert_export(legacy: Path, out_dir: Path) -> ExportRecord:
    """Make ``out_dir`` from an export made before the initializers were split out (``legacy``, checked against
    its digest and left as it is, for the factqa versions that read it): no torch needed, a few seconds."""
    record = ExportRecord.model_validate_json((legacy / "export.json").read_text(encoding="utf-8"))
    if _sha256(legacy / "model.onnx") != record.onnx_sha256:
        raise ValueError(f"{legacy / 'model.onnx'}: checksum mismatch; delete {legacy} to export it again")
    tmp = out_dir.parent / f".tmp-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    try:
        for name in ("model.onnx", "tokenizer.json"):
            shutil.copy(legacy / name, tmp / name)
        return _finish(tmp, out_dir, _split_initializers(tmp, record))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


VERIFIED = "verified.json"
"""Beside ``model.onnx``: its size, inode and change times when its sha256 last matched ``export.json``."""


def _stamp(export_dir: Path, names) -> dict[str, dict[str, int]]:
    out = {}
    for name in names:
        st = (export_dir / name).stat()
        out[name] = {"size": st.st_size, "inode": st.st_ino, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns}
    return out


def _verified(export_dir: Path) -> dict | None:
    try:
        return json.loads((export_dir / VERIFIED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_verified(export_dir: Path, stamp: dict[str, dict[str, int]]) -> None:
    """Record that the file with ``stamp`` hashed right (atomically; a read-only models folder keeps hashing)."""
    tmp = export_dir / f".{VERIFIED}.{uuid.uuid4().hex[:8]}"
    try:
        tmp.write_text(json.dumps(stamp), encoding="utf-8")
        os.replace(tmp, export_dir / VERIFIED)
    except OSError:
        tmp.unlink(missing_ok=True)


def _hash_beside(export_dir: Path, names):
    """Start hashing the files ``names`` in a thread; return the call that waits for ``{name: hex sha256}`` (or
    raises the error reading them)."""
    out: list = []

    def run() -> None:
        try:
            out.append({name: _sha256(export_dir / name) for name in names})
        except OSError as exc:  # raised by the waiting call, in the caller's thread
            out.append(exc)

    thread = threading.Thread(target=run, name="factqa-onnx-hash", daemon=True)
    thread.start()

    def wait() -> dict[str, str]:
        thread.join()
        if isinstance(out[0], OSError):
            raise out[0]
        return out[0]

    return wait


class OnnxEncoder:
    """Encodes with an exported ONNX graph; vectors identical to the sentence-transformers encoder's."""

    def __init__(self, export_dir: Path, threads: int | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.export_dir = export_dir
        """The export's folder (under the models cache)."""
        self.record = ExportRecord.model_validate_json((export_dir / "export.json").read_text(encoding="utf-8"))
        onnx_path = export_dir / "model.onnx"
        expected = self.record.digests()
        stamp = _stamp(export_dir, expected)
        known = _verified(export_dir) == stamp  # hashed before, and not written to since
        digest = (lambda: expected) if known else _hash_beside(export_dir, expected)
        try:
            self.name = self.record.name
            self.dimension = self.record.dimension
            self._tokenizer = Tokenizer.from_file(str(export_dir / "tokenizer.json"))
            self._tokenizer.enable_truncation(self.record.max_seq_length)
            self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
            options = ort.SessionOptions()
            options.log_severity_level = 3
            # Idle intra-op threads sleep instead of spinning (onnxruntime spins them after each run by default):
            # a spinning pool took the CPU that the rest of an ask (BM25, HNSW) needs on a small machine.
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            if threads:
                options.intra_op_num_threads = threads
            self._session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        except Exception:
            if digest() != expected:  # a damaged file onnxruntime cannot even parse
                raise ValueError(f"{onnx_path}: checksum mismatch; delete {export_dir} to export it again") from None
            raise
        if digest() != expected:  # refused before any use: the session is never run
            raise ValueError(f"{onnx_path}: checksum mismatch; delete {export_dir} to export it again")
        if not known:
            _write_verified(export_dir, stamp)

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Encode ``texts`` in batches into unit vectors."""
        session = self._session
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            batch = self._tokenizer.encode_batch(texts[start : start + batch_size])
            feeds = {
                "input_ids": np.array([e.ids for e in batch], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in batch], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in batch], dtype=np.int64),
            }
            out[start : start + len(batch)] = session.run(None, feeds)[0]
        return out
