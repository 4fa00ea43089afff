"""``Article`` → ``Passage``s: one passage per sentence, embedded with its neighbour window.

Sentences come from pysbd, paragraph by paragraph (a line of the text), with character offsets into
``Article.text``. A passage's window is the sentence with the previous and next sentence of the same
kind (body or the same boilerplate label), so "Tokayev added." is embedded with what he added to.
A headline the body repeats as its first sentence is labelled ``"headline"``: the body's copy is the one
snippet (it has the body around it in its window).
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.boilerplate import CUT_OFF, label_lines
from index.metadata import plain_line
from index.models import Article, Passage
from index.sparse import stopwords
from index.textfile import InputError

MAX_SENTENCE_CHARS = 2_000
"""Sentences longer than this (tables, run-on scrapes) are cut into pieces of this size."""


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """pysbd's sentences of ``text`` with their character spans, as ``Segmenter.segment`` finds them, without
    its span search: that compiles a regex per sentence (evicting pysbd's own cached abbreviation patterns,
    so they are compiled again: the re module keeps 512) and rescans the paragraph from its start for each.

    The same spans: for each sentence, the first of the non-overlapping left-to-right matches of the sentence
    followed by any whitespace (``re.escape(sent) + r"\\s*"``; ``\\s`` is ``str.isspace``) that ends past the
    previous span; a sentence with no such match is left out. Tested against ``Segmenter.segment``.
    """
    segmenter = _segmenter()
    spans, prior_end = [], 0
    for sent in segmenter.processor(text).process():
        if not sent:  # the pattern is then just whitespace, which matches (empty) anywhere
            found = [next(m.span() for m in re.finditer(r"\s*", text) if m.end() > prior_end)]
        else:
            found, pos = [], 0
            while (at := text.find(sent, pos)) >= 0:
                end = at + len(sent)
                while end < len(text) and text[end].isspace():
                    end += 1
                if end > prior_end:
                    found = [(at, end)]
                    break
                pos = end
        if found:
            spans.append(found[0])
            prior_end = found[0][1]
    return spans


def _split_long(start: int, end: int) -> list[tuple[int, int]]:
    return [(s, min(s + MAX_SENTENCE_CHARS, end)) for s in range(start, end, MAX_SENTENCE_CHARS)]


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences in ``text[start:end]``, whitespace trimmed."""
    segment = text[start:end]
    if not segment.strip():
        return []
    spans: list[tuple[int, int]] = []
    if len(segment) > 50 * MAX_SENTENCE_CHARS:
        pieces = [(start, end)]  # pysbd is quadratic on huge unpunctuated runs; cut them blindly
    else:
        pieces = [(start + s, start + e) for s, e in _sentence_spans(segment)]
    for s, e in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.extend(_split_long(s, e) if e - s > MAX_SENTENCE_CHARS else [(s, e)])
    return spans


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def _comparable(sentence: str) -> str:
    """A sentence reduced for "is this the same line again": no Markdown, quotes, case, end punctuation."""
    return " ".join(re.sub(r"[.!?:;'\"]+$", "", plain_line(sentence).translate(_QUOTES)).casefold().split())


def _label_repeated_headline(sentences: list[tuple[int, int, str]], text: str) -> None:
    """Label the first body sentence ``"headline"`` when the next body sentence repeats it word for word."""
    body = [n for n, (_, _, label) in enumerate(sentences) if not label][:2]
    if len(body) == 2:
        (s0, e0, _), (s1, e1, _) = sentences[body[0]], sentences[body[1]]
        first = _comparable(text[s0:e0])
        if first and first == _comparable(text[s1:e1]):
            sentences[body[0]] = (s0, e0, "headline")


_LAST_WORD = re.compile(r"\s*(\S+)\s*$")
_FIGURE = re.compile(r"\d|^[$€£¥%]|^(?:hundred|thousand|million|billion|trillion|percent)s?$", re.I)
_COMPLETE = re.compile(r"[.!?][\"'”’)]*\s*$")


def _untrusted(word: str) -> bool:
    """A word a sentence broken off must not end on: a name or a figure, which may be the start of a longer one
    ("Ursula von…", "$1.2…"), or a function word, after which what a figure counts is missing ("$1 trillion in…")."""
    word = word.strip(",;:-–—()\"'“”‘’")
    return not word or word[0].isupper() or bool(_FIGURE.search(word)) or word.lower() in stopwords(True)


def trusted_end(text: str, start: int, end: int) -> int:
    """Where the trustworthy part of ``text[start:end]``, a sentence broken off with an ellipsis, ends: before the
    ellipsis and the names, figures and function words that close it ("… killed the Islamic…", "… with
    $1 trillion in…"); its first word always stays. A sentence complete before its ellipsis ("… in good faith,” he
    said....") is kept whole."""
    kept = CUT_OFF.sub("", text[start:end]).rstrip()
    if _COMPLETE.search(kept):
        return start + len(kept)
    while (last := _LAST_WORD.search(kept)) and last.start() > 0 and _untrusted(last.group(1)):
        kept = kept[:last.start()]
    kept = kept.rstrip(" ,;:-–—")
    return start + len(kept) if kept else end  # an ellipsis alone stays as it is


Sentence = tuple[int, int, str]
"""A sentence of an article: its ``(start, end)`` offsets into the text and its boilerplate label ("" for body)."""


def sentences_of(text: str, max_passages: int = 5_000, where: str = "") -> list[Sentence]:
    """The labelled sentences ``chunk_article`` makes passages of (the costly part: pysbd); ``where`` names the
    article in the error raised past ``max_passages``."""
    sentences: list[Sentence] = []
    for line_start, line_end, label in label_lines(text):
        line = split_sentences(text, line_start, line_end)
        for s, e in line:
            sentences.append((s, e, label))
        if line and not label and CUT_OFF.search(text, line[-1][0], line[-1][1]):
            start, end = line[-1]
            sentences[-1] = (start, trusted_end(text, start, end), "cut")  # an excerpt that breaks off mid-sentence
        if len(sentences) > max_passages:
            raise InputError(where, f"more than {max_passages:,} passages (FACTQA_MAX_PASSAGES_PER_ARTICLE)")
    _label_repeated_headline(sentences, text)
    return sentences


def passages_from(article: Article, sentences: list[Sentence]) -> list[Passage]:
    """The passages of ``article`` from its ``sentences_of``: each sentence with its window (the neighbours of the
    same label)."""
    text = article.text
    passages = []
    for n, (start, end, label) in enumerate(sentences):
        lo = n - 1 if n > 0 and sentences[n - 1][2] == label else n
        hi = n + 1 if n + 1 < len(sentences) and sentences[n + 1][2] == label else n
        w_start, w_end = sentences[lo][0], sentences[hi][1]
        passages.append(
            Passage(
                id=f"{article.id}#{n}",
                article_id=article.id,
                n=n,
                start=start,
                end=end,
                window_start=w_start,
                window_end=w_end,
                text=text[start:end],
                window=text[w_start:w_end],
                boilerplate=label,  # type: ignore[arg-type]
            )
        )
    return passages


def chunk_article(article: Article, max_passages: int = 5_000) -> list[Passage]:
    """Split ``article`` into sentence passages with offsets, windows and boilerplate labels."""
    return passages_from(article, sentences_of(article.text, max_passages, article.source or article.id))
