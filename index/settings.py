"""The one settings object of factqa, read from ``FACTQA_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    return Path(platformdirs.user_data_dir("factqa", appauthor=False))


class Settings(BaseSettings):
    """Every tunable of factqa; override any field with ``FACTQA_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="FACTQA_", extra="ignore", frozen=True)

    home: Path = Field(default_factory=_default_home)
    """Per-user data folder: the default index and the TUI history live here."""
    model_path: Path | None = None
    """Folder of a sentence-transformers model to use instead of the packaged all-MiniLM-L6-v2."""
    max_file_bytes: int = 20_000_000
    """Files larger than this are refused at ingest."""
    max_passages_per_article: int = 5_000
    """Articles that split into more passages than this are refused."""
    batch_size: int = 64
    """Encoder batch size."""
    top_k: int = 3
    """Snippets shown per outlet."""
    calibration: Path | None = None
    """A relevance calibration file (``factqa calibrate`` writes ``<home>/calibration.json``) to use instead of
    the shipped ``qa/calibration.json``; used only when set here or named with ``--calibration``."""
    max_question_chars: int = 300
    """A question longer than this (pasted text) is cut to its asking sentence, and the answer says so."""
    candidates: int = 100
    """Passages each retriever returns before fusion."""
    lock_timeout: float = 600.0
    """Seconds an ingest waits for another process writing to the same index."""
    rrf_k: int = 60
    """Reciprocal-rank-fusion constant."""
    story_window_days: int = 3
    """An article joins only a story with an article published within this many days of it."""
    story_threshold: float = 0.4
    """Least score (mean lead-vector cosine to the story's articles, less the day penalty, plus the name bonus)
    for an article to join a story."""
    story_day_penalty: float = 0.2
    """Subtracted from the score per day between an article and the nearest date of the story."""
    story_name_weight: float = 0.0
    """Weight of the share of an article's lead names that its story already has, added to the cosine."""
    story_event_score: float = 0.55
    """Score (as ``story_threshold``'s) at which a silent article reports the answering articles' event whatever else
    its story holds; below it, it must be no farther from them than from the rest of its story (``qa.stories``)."""
    story_tie_relevance: float = 0.05
    """A story of the same days joins a question's story when its best passage is this close to the best (``qa.stories``)."""
    follow_up_relevance: float = 0.75
    """Least relevance at which an article of a later story joins a question's story as later coverage (``qa.stories``)."""
    wire_copy_jaccard: float = 0.5
    """Least Jaccard of word 5-shingles for two articles of a story to count as one (wire) report."""
    backend: Literal["local", "milvus"] = "local"
    """Where search runs: the local index (``local``) or a Milvus collection kept in step with it
    (``milvus``, ``pip install 'factqa[milvus]'``; ``index.milvus_backend``)."""
    milvus_uri: str | None = None
    """Milvus to use: a server (``http://host:19530``) or a milvus-lite file; default ``<home>/milvus.db``."""
    milvus_collection: str = "factqa_passages"
    """The Milvus collection of the index's passages."""

    @property
    def default_index(self) -> Path:
        """The index used when the user names none."""
        return self.home / "index"

    @property
    def user_calibration(self) -> Path:
        """Where ``factqa calibrate`` writes its fit unless told otherwise (never over the shipped file)."""
        return self.home / "calibration.json"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings (read once from the environment)."""
    return Settings()
