"""Direct quotes with their speaker, and how two outlets' versions of one quote differ word by word.

Quotes are read from the article text, not from single sentences, so a quote that runs over several
sentences, or one interrupted by its attribution ("“A,” he said. “B.”"), is one quote. Quote marks are paired by
where they stand, not by their style: scraped text often opens with a curly mark and closes with a straight one
(“A," he said), and a straight mark opens before a word and closes after one.

A quote variant is the same speaker's words given differently by two outlets (typically translations), or
quoted by one and reported unquoted by the other.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from index.models import Article
from qa.facts import lang
from qa.facts.entities import find_entities, resolve, roles, same_entity
from qa.facts.text import WORD, content_stems, fold, overlap, words
from qa.models import DiffOp, OutletAnswer

_MARK = re.compile(r'[“”"]')
MAX_QUOTE_CHARS = 2000
_VERBS = r"(?:" + lang.alternation("quotes.speech_verb_patterns") + ")"
_WHO = r"(?:[A-Z][\w’'-]*|" + lang.alternation("quotes.speaker_openers") + r")(?:\s+[\w’'-]+){0,3}?"
_AFTER = re.compile(rf"^[\s,.:;]*(?:(?P<who1>{_WHO})\s+{_VERBS}|{_VERBS}\s+(?P<who2>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,3}}))", re.U)
_BEFORE = re.compile(rf"(?P<who>{_WHO})\s+(?:has\s+|had\s+)?{_VERBS}\b[^“\".!?]{{0,80}}$", re.U)
_GAP = re.compile(rf"^[\s,.;:]*(?:{_WHO}\s+{_VERBS}|{_VERBS}\s+{_WHO})?[\s,.;:]*$", re.U)


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote: its text, its article spans (several when interrupted) and its speaker."""

    text: str
    spans: tuple[tuple[int, int], ...]
    speaker: str | None
    """The speaker's name as resolved in the article; None when unknown."""

    @property
    def start(self) -> int:
        return self.spans[0][0]


def _speaker(text: str, start: int, end: int, article_roles: Mapping[str, str], people: list[str]) -> str | None:
    """The speaker of the quote at ``text[start:end]``: named right after it ("…,” Tokayev said) or before it
    (Tokayev said: “…”). In "He described X as “…”" and "He called X “…”" X is the object, not the speaker;
    a pronoun speaker is the person last named before the attribution, never the object after the verb."""
    after = _AFTER.match(text[end:end + 90])
    if after and text[max(0, end - 2):end - 1] in (".", "!", "?") and not re.match(r"\s*[.,;]", text[end + after.end():]):
        after = None  # the quote closed its sentence: what follows starts a new one ("… .” Trump called X “…”)
    who = (after.group("who1") or after.group("who2")) if after else None
    cut = start
    if who is None:
        window_start = max(0, start - 200)
        before = _BEFORE.search(text[window_start:start])
        who = before.group("who") if before else None
        cut = window_start + before.start("who") if before else start
    if who is None:
        return None
    who = who.strip()
    names = find_entities(who)
    if names and not fold(who).startswith("the "):
        return resolve(names[-1].text, article_roles)
    if (resolved := resolve(who, article_roles)) != who:
        return resolved
    # A pronoun or a description ("he", "the Kazakh leader"): the person last named before the attribution.
    recent = [e for e in find_entities(text[max(0, cut - 800):cut])
              if any(same_entity(e.text, p) for p in people)]
    return resolve(recent[-1].text, article_roles) if recent else None


def _opens(text: str, at: int) -> bool:
    """Whether the quote mark at ``text[at]`` opens a quote: “ always; a straight one before a word, after none."""
    if text[at] != '"':
        return text[at] == "“"
    before, after = text[at - 1] if at else " ", text[at + 1] if at + 1 < len(text) else " "
    return not (before.isalnum() or before in ".,;:!?") and not after.isspace()


def quote_bodies(text: str) -> list[tuple[int, int]]:
    """Spans of the text inside each pair of quote marks: an opening mark and the next closing one, curly or
    straight, within ``MAX_QUOTE_CHARS``; a straight quote does not run over a line break. An opening mark met
    before any closing one starts the quote afresh (the first was never closed)."""
    spans, start, straight = [], None, False
    for m in _MARK.finditer(text):
        at = m.start()
        if start is not None and (at - start > MAX_QUOTE_CHARS or (straight and "\n" in text[start:at])):
            start = None
        opens = _opens(text, at)
        if start is not None and not opens:
            if at - start >= 3:
                spans.append((start, at))
            start = None
        elif opens:
            start, straight = at + 1, m.group() == '"'
    return spans


def find_quotes(text: str, lo: int = 0, hi: int | None = None) -> list[Quote]:
    """Direct quotes whose text starts within ``text[lo:hi]``, with interrupted quotes joined."""
    return [q for q in _all_quotes(text) if lo <= q.start < (len(text) if hi is None else hi)]


@functools.lru_cache(maxsize=256)
def _all_quotes(text: str) -> tuple[Quote, ...]:
    article_roles = roles(text)
    people = list(article_roles.values())
    quotes: list[Quote] = []
    for start, end in quote_bodies(text):
        if len(WORD.findall(text[start:end])) < 2:
            continue
        body = text[start:end].strip(" ,.")
        speaker = _speaker(text, start - 1, end + 1, article_roles, people)
        if quotes and _GAP.match(text[quotes[-1].spans[-1][1] + 1:start - 1]):
            last = quotes.pop()  # "“A,” he said. “B.”": one quote
            quotes.append(Quote(f"{last.text} {body}", (*last.spans, (start, end)), last.speaker))
            continue
        quotes.append(Quote(body, ((start, end),), speaker))
    return tuple(quotes)


def same_speaker(a: str | None, b: str | None) -> bool:
    """Unknown speakers are compatible with anyone; known ones must name the same person."""
    return a is None or b is None or same_entity(a, b)


def _folded(text: str) -> list[str]:
    return [fold(w) for w, _, _ in words(text)]


def is_same_wording(a: str, b: str) -> bool:
    """True when one quote is the other, or a part of it, word for word (case and punctuation aside)."""
    wa, wb = " ".join(_folded(a)), " ".join(_folded(b))
    return wa in wb or wb in wa


@functools.lru_cache(maxsize=8192)
def region(a: str, b: str) -> tuple[str, str]:
    """The two quotes cut to the stretch where they correspond (a short quote against part of a long one)."""
    ta, tb = WORD.findall(a), WORD.findall(b)
    if len(ta) > len(tb):
        return region(b, a)[::-1]
    matcher = difflib.SequenceMatcher(a=[fold(w) for w in ta], b=[fold(w) for w in tb], autojunk=False)
    if not (blocks := [m for m in matcher.get_matching_blocks() if m.size]):
        return a, b
    lo = max(0, blocks[0].b - blocks[0].a)
    hi = min(len(tb), blocks[-1].b + blocks[-1].size + (len(ta) - blocks[-1].a - blocks[-1].size))
    return " ".join(ta), " ".join(tb[lo:hi])


@functools.lru_cache(maxsize=8192)
def similarity(a: str, b: str) -> float:
    """How closely two quotes correspond where they overlap: the lower of the shorter quote's words matched in
    order and the content-stem overlap, over the corresponding stretch; 0 when that stretch is lopsided."""
    ra, rb = region(a, b)
    wa, wb = _folded(ra), _folded(rb)
    if not wa or not wb or min(len(wa), len(wb)) < 0.6 * max(len(wa), len(wb)):
        return 0.0
    matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    in_order = sum(block.size for block in matcher.get_matching_blocks()) / min(len(wa), len(wb))
    return min(in_order, overlap(content_stems(ra), content_stems(rb)))


def word_diff(a: str, b: str) -> list[DiffOp]:
    """Word-level diff of two quotes (original words kept, matched case- and punctuation-insensitively)."""
    ta, tb = (r.split() for r in region(a, b))
    matcher = difflib.SequenceMatcher(a=[fold(w) for w in ta], b=[fold(w) for w in tb], autojunk=False)
    return [DiffOp(op=op, a=" ".join(ta[i1:i2]), b=" ".join(tb[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes()]


MIN_SIMILARITY = 0.5
MIN_CONTENT = 3


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """Two versions of one quote, with their article spans."""

    a: Quote
    b: Quote
    similarity: float


def quotes_of(outlet: OutletAnswer, article: Article, topic: frozenset[str] | None = None) -> list[Quote]:
    """Quotes relevant to the question in the outlet's snippets from ``article``: those that overlap a shown
    sentence, and those in a snippet's context window that name one of the question's key terms (``topic``;
    all of the window's quotes when None)."""
    found: dict[tuple, Quote] = {}
    for s in outlet.snippets:
        if s.article_id != article.id:
            continue
        for q in find_quotes(article.text, max(0, min(s.window_start, s.start) - 2000), max(s.window_end, s.end)):
            shown = any(a < s.end and s.start < b for a, b in q.spans)
            in_window = any(a < s.window_end and s.window_start < b for a, b in q.spans)
            if shown or (in_window and (topic is None or content_stems(q.text) & topic)):
                found[q.spans] = q
    return sorted(found.values(), key=lambda q: q.start)


def _paraphrase_span(q: Quote, text: str, offset: int) -> Quote | None:
    """The stretch of ``text`` that starts and ends with the quote's first and last words, as an unquoted version."""
    qw = [fold(w) for w, _, _ in words(q.text)]
    tokens = [(fold(w), s, e) for w, s, e in words(text)]
    for i, (w, s, _) in enumerate(tokens):
        if w != qw[0]:
            continue
        for j in range(i + 1, min(len(tokens), i + 2 * len(qw))):
            if tokens[j][0] == qw[-1] and 0.6 * len(qw) <= (j - i + 1) <= 1.6 * len(qw):
                return Quote(text[s:tokens[j][2]], ((offset + s, offset + tokens[j][2]),), None)
    return None


def variants(qa: list[Quote], qb: list[Quote], article_b: Article, sentences_b: list[tuple[int, str]]) -> list[QuoteVariant]:
    """Quote pairs of one speaker that share most of their words but are worded differently."""
    all_b = [sp for q in find_quotes(article_b.text) for sp in q.spans]
    out = []
    for x in qa:
        if len(content_stems(x.text)) < MIN_CONTENT:
            continue
        best = None
        for y in qb:
            if not same_speaker(x.speaker, y.speaker) or len(content_stems(y.text)) < MIN_CONTENT:
                continue
            score = similarity(x.text, y.text)
            if score >= MIN_SIMILARITY and (best is None or score > best[0]):
                best = (score, y)
        if best is not None:
            if not is_same_wording(x.text, best[1].text):
                out.append(QuoteVariant(x, best[1], round(best[0], 3)))
            continue
        for start, sentence in sentences_b:  # quoted on one side, reported speech on the other
            y = _paraphrase_span(x, sentence, start)
            if y is None or is_same_wording(x.text, y.text) \
                    or any(y.start <= e and s <= y.spans[0][1] for s, e in all_b):
                continue  # only unquoted reported speech counts as the other version
            score = similarity(x.text, y.text)
            if score >= MIN_SIMILARITY:
                out.append(QuoteVariant(x, y, round(score, 3)))
                break
    return out
