"""Relevance of a passage to a question, calibrated so that a threshold separates answers from silence.

Five features per candidate passage:

- ``dense``: cosine of the question and the passage window (all-MiniLM-L6-v2);
- ``dense_gap``: ``dense`` minus the best cosine of any candidate (0 for the best passage): how far the
  passage is from the best the corpus has to say;
- ``coverage``: share of the question's term weight found in the window,
  ``Σ_{t ∈ q ∩ w} idf(t) / Σ_{t ∈ q} idf(t)`` over stemmed, stopword-free terms known to the corpus,
  taken over the asking sentence (not a scene-setting preamble) and, as the larger of two shares, with
  and without the values and options the question states (``topic_terms``), so that "X was born on 12
  August 1967" covers "Was X born on 8 December 1967?" as well as the passage that repeats the date. A lower-case
  question word the window writes only as a near-synonym ("telephone" for "phone", ``qa.word_vectors``) counts
  the smaller IDF of the two (``near_synonyms``), so that a reworded question still finds the sentence. For a
  question that asks for a date or a figure, the value it asks for is one more term (``ANSWER``) of average
  weight, held by a text that states one of the asked kind (``answer_test``): "When did the council vote?" is
  answered by the sentence that dates the vote, not by its neighbour that only mentions the vote;
- ``sentence_coverage``: the same share within the passage's own sentence, which ranks the sentence
  that carries the answer above its neighbours (they share the window's cosine);
  A person the question names by role ("the German chancellor") is found where the article names the person it
  gives that role ("German Chancellor Olaf Scholz" … "Scholz said"): the role's terms count there;
- ``entities``: share of the names in the question (capitalised words after the first, known to the
  corpus) that the passage's article mentions anywhere in its body. An article that never names the
  person the question is about does not answer it.

``relevance = σ(bias + w · features)``. The weights are fitted by logistic regression on gold
answer/silence labels (``factqa calibrate``; ``eval.calibrate``) and stored in ``calibration.json``;
an outlet whose best passage scores below ``threshold`` is silent.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import get_args

import numpy as np
from pydantic import BaseModel, ConfigDict

from index.models import Hit
from index.sparse import tokenize
from index.store import Index
from qa.facts import lang
from qa.facts.annotate import Facts, annotate
from qa.facts.dates import MONTHS, WEEKDAYS, Granularity
from qa.facts.entities import is_role, resolve, roles
from qa.facts.focus import asked_dimension, asking_sentence, focus
from qa.facts.text import fold
from qa.questions import answer_type, asked_kind
from qa.word_vectors import near_words

FEATURES = ("dense", "dense_gap", "coverage", "sentence_coverage", "entities")


class Calibration(BaseModel):
    """Weights of the relevance model and the answering threshold."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    bias: float
    weights: tuple[float, float, float, float, float]
    """One weight per name in ``FEATURES``."""
    threshold: float = 0.5
    """Outlets whose best passage scores below this are silent."""
    fitted_on: str = ""
    """Which labelled data the weights were fitted on."""


DEFAULT_CALIBRATION = Calibration(bias=-4.0, weights=(4.0, 20.0, 2.0, 1.0, 3.0), threshold=0.5, fitted_on="untrained defaults")
CALIBRATION_FILE = Path(__file__).with_name("calibration.json")
"""Fitted weights shipped with factqa (written by ``factqa calibrate``)."""

_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS)
_VALUES = _CALENDAR | lang.wordset("ranks.ordinals") | set(lang.table("numbers.number_words"))
"""Words that name one value of a scale (a month, a weekday, "second", "twelve"): their near-synonyms are the other
values ("second" and "third" 0.85, "Tuesday" and "Wednesday" 0.87 alike), so they are found only as written."""
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def load_calibration(path: Path | None = None) -> Calibration:
    """Read the calibration file; the built-in defaults when there is none."""
    path = path or CALIBRATION_FILE
    if not path.exists():
        return DEFAULT_CALIBRATION
    return Calibration.model_validate_json(path.read_text(encoding="utf-8"))


def question_terms(question: str) -> list[str]:
    """Stemmed content terms of ``question`` (no question words or auxiliaries), each once, in order."""
    return list(dict.fromkeys(tokenize([question], content_only=True)[0]))


def _slot_terms(question: str) -> set[str]:
    """Terms of the values ``question`` states and the options it offers: what an answer may contradict.

    "Was X born on 8 December 1967?" is answered by "X was born on 12 August 1967", and "Did Tipperary or
    Galway play the final?" by a passage naming only one of them, so these terms must not count against a
    passage that gives a different value.
    """
    facts = annotate(question)
    texts = [*focus(question).options, *(d.text for d in facts.dates)]
    for q in facts.quantities:
        words = q.text.split()
        texts.append(" ".join(words[:-1]) if q.dimension.startswith("count:") and len(words) > 1 else q.text)
    return set(tokenize([" ".join(texts)], content_only=True)[0]) if texts else set()


def asking_terms(question: str) -> list[str]:
    """Terms of the asking sentence (a preamble before it only sets the scene); every question term when it
    has none."""
    return question_terms(asking_sentence(question)) or question_terms(question)


def topic_terms(question: str) -> list[str]:
    """``asking_terms`` without the values and options the question states (see ``_slot_terms``) and without the
    kind of thing it asks for (``asked_kind``: "What post …" is answered by "named chairwoman …"): what an
    answering passage must be about.

    Falls back to every asking term when nothing else is left ("Is it 1967 or 1968?").
    """
    terms = asking_terms(question)
    slot = _slot_terms(asking_sentence(question)) | set(tokenize([asked_kind(question)], content_only=True)[0])
    return [t for t in terms if t not in slot] or terms


def question_names(question: str) -> list[str]:
    """Stemmed terms of the capitalised words of ``question`` after its first word ("Scholz", "Ana"); not month or
    weekday names ("January" names when, not whom)."""
    words = _WORD.findall(question)
    names = [w for w in words[1:] if w[0].isupper() and w != "I" and fold(w) not in _CALENDAR]
    return list(dict.fromkeys(tokenize([" ".join(names)])[0])) if names else []


def known_names(index: Index, question: str) -> list[str]:
    """The question's names (``question_names``) that occur in the corpus."""
    return [n for n in question_names(question) if index.sparse.doc_freq.get(n)]


def role_phrases(question: str) -> list[str]:
    """The question's descriptions of a person by role: a run of role words with the capitalised word before it
    ("the Kazakh president", "the Danish prime minister"); not a title before a name ("Chancellor Scholz")."""
    tokens = _WORD.findall(question)
    out = []
    i = 0
    while i < len(tokens):
        if not is_role(tokens[i]):
            i += 1
            continue
        end = i
        while end + 1 < len(tokens) and is_role(tokens[end + 1]):
            end += 1
        if end + 1 == len(tokens) or not tokens[end + 1][0].isupper():
            start = i - 1 if i > 1 and tokens[i - 1][0].isupper() else i
            out.append(" ".join(tokens[start:end + 1]))
        i = end + 1
    return out


def _role_people(phrases: list[str], article_text: str) -> list[tuple[set[str], set[str]]]:
    """For each role phrase the article gives to a person ("the Kazakh president" → "Kassym-Jomart Tokayev"): the
    terms of that person's surname and the phrase's own terms."""
    article_roles = roles(article_text)
    out = []
    for phrase in phrases:
        person = resolve(phrase, article_roles)
        if person != phrase:
            out.append((set(tokenize([person.split()[-1]])[0]), set(tokenize([phrase])[0])))
    return out


def _role_terms(people: list[tuple[set[str], set[str]]], found: set[str]) -> set[str]:
    """The terms of the role phrases whose person is named among the ``found`` terms ("Tokayev" for "the Kazakh
    president")."""
    return {t for surname, phrase in people if surname & found for t in phrase}


def coverage(terms: list[str], window_terms: set[str], idf: dict[str, float], near: dict[str, float] | None = None
             ) -> float:
    """IDF-weighted share of ``terms`` present in ``window_terms`` (0 when no term is known to the corpus); a term
    found only as a near-synonym counts ``near[term]`` (see ``near_credit``)."""
    total = sum(idf[t] for t in terms)
    if total <= 0:
        return 0.0
    near = near or {}
    return sum(idf[t] if t in window_terms else near.get(t, 0.0) for t in terms) / total


def near_synonyms(index: Index, question: str, topic: list[str], names: list[str]) -> dict[str, dict[str, float]]:
    """For each topic term the question writes in a lower-case word (not a name, nor one of ``_VALUES``), the words
    within ``qa.word_vectors.NEAR`` of that word and what finding one is worth: the smaller of the two terms' IDF, so
    that a common word ("said" for "tell") adds little where a rarer one ("telephone" for "phone") adds much."""
    out: dict[str, dict[str, float]] = {}
    idf = index.sparse.idf
    for word in _WORD.findall(asking_sentence(question)):
        term = tokenize([word], content_only=True)[0]
        if not word.islower() or word in _VALUES or not term or term[0] not in topic or term[0] in names:
            continue
        for alternative in near_words(word) - _VALUES:
            alt_term = tokenize([alternative], content_only=True)[0]
            if alt_term and alt_term[0] != term[0] and (worth := min(idf(term[0]), idf(alt_term[0]))) > 0:
                found = out.setdefault(term[0], {})
                found[alternative] = max(found.get(alternative, 0.0), worth)
    return out


def near_credit(near: dict[str, dict[str, float]], present: set[str], text: str) -> dict[str, float]:
    """What each term of ``near`` not among the ``present`` terms earns from its near-synonyms written in ``text``."""
    words = {w.lower() for w in _WORD.findall(text)}
    return {t: max((w for a, w in alternatives.items() if a in words), default=0.0)
            for t, alternatives in near.items() if t not in present}


_GRAINS = get_args(Granularity)
"""Date granularities, finest first."""
_DATE_GRAINS = lang.table("questions.date_grains")
"""The nouns of "what date …" that name a granularity by another word ("date": a day); the others name their own."""
ANSWER = "<answer>"
"""The term a passage holds when it states a value of the kind the question asks for (``answer_test``)."""


def answer_test(question: str) -> Callable[[Facts], bool] | None:
    """For a question that asks for a date or a figure, a test on a text's ``Facts``: does it state one? A date at the
    granularity asked or finer ("On what date …" a day, "In which month …" a month or a day, "When …" any); a figure
    of the dimension asked ("What percentage …" a percentage, "How many ferries …" a count). Which of a text's values
    answers is the comparison's to say (``qa.compare.slots``). None for every other question."""
    kind = answer_type(question)
    if kind == "date":
        grain = _DATE_GRAINS.get(asked := asked_kind(question), asked)  # "which month" a month, "what date" a day
        coarsest = _GRAINS.index(grain) if grain in _GRAINS else len(_GRAINS) - 1
        return lambda facts: any(_GRAINS.index(d.granularity) <= coarsest for d in facts.dates)
    if kind == "number":
        wanted = asked_dimension(focus(question))
        return lambda facts: any(q.dimension != "count" and (wanted is None or wanted(q)) for q in facts.quantities)
    return None


def features(index: Index, question: str, hits: list[Hit]) -> np.ndarray:
    """``(len(hits), 5)`` array of the features in ``FEATURES`` order."""
    if not hits:
        return np.zeros((0, len(FEATURES)))
    terms, topic = asking_terms(question), topic_terms(question)
    idf = {t: index.sparse.idf(t) for t in {*terms, *topic}}
    states_answer = answer_test(question)
    if states_answer is not None and terms:  # the value asked for is one more term of the question, of average weight
        idf[ANSWER] = sum(idf[t] for t in terms) / len(terms)
        terms, topic = [*terms, ANSWER], [*topic, ANSWER]
    names = known_names(index, question)
    by_role = role_phrases(asking_sentence(question))
    people = {a: _role_people(by_role, index.articles[a].text) for a in {h.article_id for h in hits}} if by_role else {}
    mentions = {n: index.articles_with(n) for n in names}
    near = near_synonyms(index, question, topic, names)
    passages = [index.passage_by_id[h.passage_id] for h in hits]
    window_terms = tokenize([p.window for p in passages])
    sentence_terms = tokenize([p.text for p in passages])
    dense = np.array([h.dense or 0.0 for h in hits])
    out = np.zeros((len(hits), len(FEATURES)))
    out[:, 0] = dense
    out[:, 1] = dense - dense.max()
    for i, (passage, words, own) in enumerate(zip(passages, window_terms, sentence_terms, strict=True)):
        window, sentence = set(words), set(own)
        if states_answer is not None:
            published = index.article_meta[passage.article_id].published
            if states_answer(annotate(passage.text, published)):
                window.add(ANSWER)
                sentence.add(ANSWER)
            elif any(states_answer(annotate(p.text, published)) for p in index.passages_of(passage.article_id)
                     if p.start < passage.window_end and passage.window_start < p.end and p.id != passage.id):
                window.add(ANSWER)
        if people:
            window |= _role_terms(people[passage.article_id], window)
            sentence |= _role_terms(people[passage.article_id], sentence)
        soft_window = near_credit(near, window, passage.window) if near else {}
        soft_sentence = near_credit(near, sentence, passage.text) if near else {}
        # A stated value counts where it appears but not against a passage that gives another one.
        out[i, 2] = max(coverage(terms, window, idf, soft_window), coverage(topic, window, idf, soft_window))
        out[i, 3] = max(coverage(terms, sentence, idf, soft_sentence), coverage(topic, sentence, idf, soft_sentence))
        out[i, 4] = sum(passage.article_id in mentions[n] for n in names) / len(names) if names else 1.0
    return out


def score(row: np.ndarray, calibration: Calibration) -> float:
    """Calibrated relevance in (0, 1) of one feature row."""
    z = calibration.bias + float(np.dot(calibration.weights, row))
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))
