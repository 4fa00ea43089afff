"""``QAService``: the one facade the CLI, the TUI and the eval harness ask through.

question → hybrid retrieval → per-outlet evidence and silence → comparison → ``Answer``.
"""

from __future__ import annotations

import datetime as dt
import time
from concurrent.futures import Future
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from index.backend import use_backend
from index.embed import Encoder, Stage, load_in_thread, no_stage
from index.models import Article, Passage
from index.settings import Settings, get_settings
from index.store import Index, IndexStore, Progress, no_progress
from qa.contested import surface_contested
from qa.evidence import group_by_outlet, score_hits
from qa.models import Answer, CorpusInfo, StoryRef
from qa.questions import answer_type, fit_question
from qa.relevance import Calibration, known_names, load_calibration
from qa.sanitize import clean_text
from qa.stories import (choose_stories, compare_by_story, contest_scope, core_stories, dated_title, event_silent,
                        rival_moment, silent_of, story_ref, undated_stories)

if TYPE_CHECKING:
    from index.update import UpdateReport

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
"""The bundled demo corpus (the default corpus)."""
INDEXING_DEMO = "Indexing the demo corpus (first run only)…"
"""The stage ``QAService.open`` reports before it indexes the seeds (the model's are in ``index.embed``)."""


class UnknownStory(ValueError):
    """``ask(story=…)`` named a story the index does not hold."""


def ensure_default_index(store: IndexStore, encoder: Encoder, settings: Settings,
                         progress: Progress = no_progress) -> UpdateReport | None:
    """Index the bundled seeds into ``store`` when it holds no index yet (or one an older factqa wrote, which
    is rebuilt); return what was done."""
    if store.exists() and store.readable():
        return None
    from index.ingest import read_articles  # the ingest path: not imported by asking an existing index
    from index.update import update_index

    if not SEEDS_DIR.is_dir():
        raise FileNotFoundError(f"{SEEDS_DIR}: the bundled seeds are missing; run `factqa ingest PATH` first")
    result = read_articles([SEEDS_DIR], settings)
    return update_index(store, result.articles, encoder, settings, progress=progress, lock_timeout=60,
                        rebuild=store.exists())


class QAService:
    """Answers questions over one index."""

    def __init__(self, index: Index, encoder: Encoder, name: str, settings: Settings | None = None,
                 calibration: Calibration | None = None, read_ahead: bool = True):
        """``read_ahead``: read the index's mapped files into the page cache in the background
        (``index.readahead``), for a service that answers more than one question."""
        self.settings = settings or get_settings()
        if read_ahead and index.mapped:
            from index.readahead import read_ahead as start

            start(index.mapped)
        self.index = use_backend(index, self.settings)  # searches on Milvus when settings.backend says so
        self.encoder = encoder
        self.name = name
        self.calibration = calibration or load_calibration(self.settings.calibration)

    @classmethod
    def open(cls, index_dir: Path | None = None, encoder: Encoder | Future[Encoder] | None = None,
             settings: Settings | None = None, progress: Progress = no_progress, stage: Stage = no_stage,
             read_ahead: bool = True) -> QAService:
        """Open the index at ``index_dir`` (default: the per-user index, seeded on first use). ``stage`` is told each
        slow step as it starts (``index.embed.EXPORTING``, ``LOADING``, then ``INDEXING_DEMO``, during which
        ``progress(done, total)`` counts passages). ``encoder`` may be a future of one (``index.embed.load_in_thread``);
        without one the model is loaded in a thread while the index is read. ``read_ahead``: as ``QAService``'s (off
        for a process that answers one question)."""
        settings = settings or get_settings()
        store = IndexStore(index_dir or settings.default_index)
        if encoder is not None:
            return cls._open(store, index_dir, encoder, settings, progress, stage, read_ahead)
        with load_in_thread(settings, stage) as loading:
            return cls._open(store, index_dir, loading, settings, progress, stage, read_ahead)

    @classmethod
    def _open(cls, store: IndexStore, index_dir: Path | None, encoder: Encoder | Future[Encoder], settings: Settings,
              progress: Progress, stage: Stage, read_ahead: bool) -> QAService:
        if index_dir is None and (not store.exists() or not store.readable()):  # none yet, or from an older factqa
            encoder = encoder.result() if isinstance(encoder, Future) else encoder
            stage(INDEXING_DEMO)
            ensure_default_index(store, encoder, settings, progress)
        index = store.load()
        encoder = encoder.result() if isinstance(encoder, Future) else encoder
        store.check_model(index.manifest, encoder.name)
        return cls(index, encoder, name=str(store.root), settings=settings, read_ahead=read_ahead)

    @classmethod
    def from_articles(cls, articles: list[Article], encoder: Encoder, name: str = "in-memory",
                      settings: Settings | None = None, calibration: Calibration | None = None) -> QAService:
        """Build an in-memory index over ``articles`` (e.g. one eval item's own documents)."""
        from index.chunk import chunk_article

        settings = settings or get_settings()
        passages: list[Passage] = [p for a in articles for p in chunk_article(a, settings.max_passages_per_article)]
        index, _ = Index.build(articles, passages, encoder, settings.batch_size)
        return cls(index, encoder, name=name, settings=settings, calibration=calibration)

    def corpus_info(self) -> CorpusInfo:
        """Name, model and size of the corpus."""
        m = self.index.manifest
        return CorpusInfo(name=self.name, model=m.model, n_articles=len(self.index.articles),
                          n_passages=len(self.index.passages),
                          n_outlets=len(self._outlets))

    @cached_property
    def _outlets(self) -> frozenset[str]:
        """Every outlet of the index (read once per service, not once per question)."""
        return frozenset(a.outlet for a in self.index.article_meta.values())

    @cached_property
    def _undated_stories(self) -> list[str]:
        return undated_stories(self.index)

    def ask(self, question: str, k: int | None = None, story: str | None = None) -> Answer:
        """Answer ``question`` from the stories it is about (only ``story`` when given): each answering outlet's
        best ``k`` snippets, the outlets of those stories that are silent, and the disagreements within each story."""
        question, note = fit_question(" ".join(clean_text(question).split()), self.settings.max_question_chars)
        if note:  # pasted text: ask its asking sentence, and say so
            answer = self.ask(question, k, story)
            return answer.model_copy(update={"message": " ".join(filter(None, (note, answer.message)))})
        started = time.perf_counter()
        k = k or self.settings.top_k
        if not question:
            return Answer(question="", outlets=[], silent=[], corpus=self.corpus_info(), latency_ms=0.0,
                          message="The question is empty: type a question about the news in the corpus.")
        query_vector = self.encoder.encode([question])[0]
        hits = self.index.search(question, query_vector, self.settings.candidates, rrf_k=self.settings.rrf_k)
        snippets = score_hits(self.index, question, hits, self.calibration)
        if story is not None:
            if story not in self.index.stories:
                raise UnknownStory(f"no story {story!r} in this index; `factqa stories` lists them")
            snippets = [s for s in snippets if self.index.story_of[s.article_id] == story]
        # A sentence an excerpt breaks off may answer for its outlet, but not choose what the question is about.
        body = [s for s in snippets if not s.cut]
        stories = choose_stories(self.index, body, self.calibration.threshold, self.settings,
                                 known_names(self.index, question))
        outlets, silent = group_by_outlet(self.index, snippets, k, self.calibration, stories)
        kind = answer_type(question)
        outlets, silent = surface_contested(self.index, question, kind, snippets, k, self.calibration, outlets, silent,
                                            contest_scope(stories, self._undated_stories))
        disagreements, answers, consensus = compare_by_story(question, kind, outlets, self.index,
                                                                self.settings.story_window_days)
        core = core_stories(self.index, stories, self.settings.story_window_days)
        silent = silent_of(self.index, silent, core)
        reporting = [o.article_id for o in outlets if not o.contested and self.index.story_of[o.article_id] in core]
        silent = event_silent(self.index, silent, reporting, self.settings)
        rival = rival_moment(self.index, snippets, stories, self.calibration.threshold, self.settings)
        if rival is not None:
            silent = []
        covering = {o.outlet for o in outlets} | {o for sid in core for o in self.index.stories[sid].outlets}
        message = None if outlets else "No outlet in the corpus answers this question."
        if rival is not None and outlets:
            message = (f"No outlet is listed as silent: {dated_title(self.index.stories[rival])}, a story of other days, "
                       "answers about as well, so which event the question is about is uncertain.")
        return Answer(question=question, answer_type=kind, outlets=outlets, silent=silent,
                      disagreements=disagreements, answers=answers, consensus=consensus, corpus=self.corpus_info(),
                      stories=[story_ref(self.index.stories[sid]) for sid in stories],
                      n_uncovered_outlets=len(self._outlets - covering),
                      latency_ms=(time.perf_counter() - started) * 1000, message=message)

    def stories(self) -> list[StoryRef]:
        """Every story of the index, newest first."""
        newest = sorted(self.index.stories.values(), reverse=True,
                        key=lambda s: (s.last_published is not None, s.last_published or dt.date.min, s.id))
        return [story_ref(s) for s in newest]

    def article(self, article_id: str) -> Article:
        """The full article with id ``article_id``."""
        return self.index.articles[article_id]

    def passages_of(self, article_id: str) -> list[Passage]:
        """All passages of an article, boilerplate included, in order."""
        return self.index.passages_of(article_id)
