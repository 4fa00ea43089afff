"""Which corpus answers a gold item: its own inline documents, or the index/corpus the harness was given."""

from __future__ import annotations

from pathlib import Path

from eval.gold import GoldItem
from index.embed import Encoder
from index.ingest import read_articles
from index.settings import Settings, get_settings
from index.store import IndexStore
from qa.service import SEEDS_DIR, QAService


class ServiceFactory:
    """Builds (and caches) the ``QAService`` for each gold item.

    Items with ``documents`` get an in-memory index of those documents alone (sharing the loaded
    encoder, so this costs only their encoding); the others share one service over ``index_dir`` or
    ``corpus`` (default: the bundled seeds, in memory). Corpus files that fail to load are skipped, as
    ``factqa ingest`` skips them, and kept in ``load_errors`` (``load_notes``: files passed over on purpose).
    """

    def __init__(self, encoder: Encoder, index_dir: Path | None = None, corpus: Path | None = None,
                 settings: Settings | None = None):
        self.encoder = encoder
        self.index_dir = index_dir
        self.corpus = corpus
        self.settings = settings or get_settings()
        self._shared: QAService | None = None
        self.load_errors: list[str] = []
        self.load_notes: list[str] = []

    def shared(self) -> QAService:
        """The service over the given index or corpus."""
        if self._shared is None:
            if self.index_dir is not None:
                index = IndexStore(self.index_dir).load(expect_model=self.encoder.name)
                self._shared = QAService(index, self.encoder, name=str(self.index_dir), settings=self.settings)
            else:
                path = self.corpus or SEEDS_DIR
                result = read_articles([path], self.settings)
                self.load_errors = [str(e) for e in result.errors]
                self.load_notes = list(result.notes)
                if not result.articles:
                    why = f"; first: {result.errors[0]}" if result.errors else ""
                    raise ValueError(f"{path}: no article could be read ({len(result.errors)} failed{why})")
                self._shared = QAService.from_articles(result.articles, self.encoder, name=str(path), settings=self.settings)
        return self._shared

    def for_item(self, item: GoldItem) -> QAService:
        """The service that answers ``item``."""
        if item.documents:
            articles = [d.to_article() for d in item.documents]
            return QAService.from_articles(articles, self.encoder, name=f"gold:{item.id}", settings=self.settings)
        return self.shared()
