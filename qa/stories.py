"""Which stories a question is about, and which articles may be compared with which.

The index groups articles into stories (``index.stories``): the reports of one event. A question is about
the story of its most relevant passage. Two kinds of other story join it:

- *the same moment's coverage*: a story published within the story window of it whose best passage answers
  about as well (within ``Settings.story_tie_relevance``): one event told over its first days (the attack,
  then the names of the dead) is often two stories;
- *later coverage*: a story that begins after the question's story ends (by more than the story window, so it
  is not rival coverage of the same days) with an article that answers with at least
  ``Settings.follow_up_relevance`` and names everyone and everything the question names. "What did Tokayev
  tell Scholz?" is about the September meeting; an article three months later recalling what he told Scholz
  joins; another week's jobs report does not. A question that names no one gets no later coverage: without
  the names, a later article's likeness to the question is the likeness of a long-running saga's later
  chapters (the bill's passage to the question about its framework), not a recollection of the event.

Undated texts (reference articles) have no moment, so their stories join on the answering threshold alone.
The silent outlets are those of the question's story and the stories of its days (``core_stories``): a later
story's other outlets covered something else. Of those, only the articles that report the answering articles'
event are listed (``event_silent``): the clustering can merge two events of one day into a story (a summit and a
reporter's exchange after it), and an outlet that reported only the other one is not silent on this one. An
article reports the answering articles' event when it would join them by the clustering's test and is either
close to them (``Settings.story_event_score``) or no farther from them than from the rest of its story. When a
story of other days answers about as well as the question's story (``rival_moment``), which event the question is
about is uncertain, and no outlet is said to be silent on it.
Articles are compared only within one moment (``qa.compare.align.comparable``): a story, or stories of the same days;
each moment's outlets are compared and summed up apart.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable

import numpy as np

from index.models import Story
from index.settings import Settings
from index.stories import StoryMap
from index.store import Index
from qa.compare import compare
from qa.compare.answers import answer_groups, answer_line
from qa.models import AnswerGroup, AnswerType, Disagreement, OutletAnswer, SilentOutlet, Snippet, StoryRef


def best_by_story(index: Index, snippets: Iterable[Snippet]) -> dict[str, float]:
    """The best snippet relevance of each story, in the order the stories are first met (best first when
    ``snippets`` are sorted best first)."""
    best: dict[str, float] = {}
    for snippet in snippets:
        story = index.story_of[snippet.article_id]
        best[story] = max(best.get(story, 0.0), snippet.score)
    return best


def is_later_coverage(story: Story, of: Story, window_days: int) -> bool:
    """True when ``story`` begins more than ``window_days`` after ``of`` ends; True when either is undated."""
    if story.first_published is None or of.last_published is None:
        return True
    return (story.first_published - of.last_published).days > window_days


def same_moment(a: Story, b: Story, window_days: int) -> bool:
    """True when the two stories' publication days come within ``window_days`` of each other (or one is undated)."""
    if a.first_published is None or b.first_published is None:
        return True
    return (b.first_published - a.last_published).days <= window_days and \
        (a.first_published - b.last_published).days <= window_days


def names_all(index: Index, article_id: str, names: list[str]) -> bool:
    """True when the article names every one of ``names`` (stemmed terms) and there is one."""
    return bool(names) and all(article_id in index.articles_with(n) for n in names)


def choose_stories(index: Index, snippets: list[Snippet], threshold: float, settings: Settings,
                   names: list[str]) -> list[str]:
    """Ids of the stories the question is about, most relevant first; ``snippets`` sorted best first; ``names``
    the stemmed names of the question known to the corpus (``qa.relevance.known_names``).

    Empty when no snippet reaches ``threshold`` (nothing answers).
    """
    best = best_by_story(index, snippets)
    # Later coverage joins for an article that names everyone the question names, not for its story's best snippet.
    named = best_by_story(index, (s for s in snippets if names_all(index, s.article_id, names)))
    ranked = sorted(best, key=lambda s: -best[s])
    if not ranked or best[ranked[0]] < threshold:
        return []
    primary = index.stories[ranked[0]]
    chosen = [primary.id]
    window = settings.story_window_days
    for story_id in ranked[1:]:
        story, score = index.stories[story_id], best[story_id]
        if score < threshold:
            break
        if story.first_published is None or primary.last_published is None:
            chosen.append(story_id)  # undated: no moment to tell coverage from rival coverage
        elif same_moment(story, primary, window) and score >= best[primary.id] - settings.story_tie_relevance:
            chosen.append(story_id)
        elif is_later_coverage(story, primary, window) and named.get(story_id, 0.0) >= settings.follow_up_relevance:
            chosen.append(story_id)
    return chosen


def core_stories(index: Index, stories: list[str], window_days: int) -> list[str]:
    """The stories of ``stories`` (question's story first) that report its moment: the first and those of the same
    days. A later story joined for one article's mention of the event; its other outlets covered something else."""
    if not stories:
        return []
    first = index.stories[stories[0]]
    return [s for s in stories if s == first.id or same_moment(index.stories[s], first, window_days)]


def silent_of(index: Index, silent: list[SilentOutlet], stories: list[str]) -> list[SilentOutlet]:
    """The silent outlets with articles in ``stories``, each listing only those articles."""
    keep = set(stories)
    out = []
    for s in silent:
        ids = [a for a in s.article_ids if index.story_of[a] in keep]
        if ids:
            out.append(s.model_copy(update={"article_ids": ids}))
    return out


def article_lead(index: Index, article_id: str) -> np.ndarray | None:
    """The article's lead vector as the clustering makes it (``index.stories.lead_vectors``): the unit mean of the
    stored vectors of its first ``LEAD_PASSAGES`` evidence passages; None when it has no evidence passage."""
    return index.lead_vector(article_id)


Group = tuple[np.ndarray | list[np.ndarray], list[dt.date]]
"""Articles as the event tests read them: their lead vectors (rows) and the days of the dated ones."""


def event_score(lead: np.ndarray | None, day: dt.date | None, leads: np.ndarray | list[np.ndarray], days: list[dt.date],
                settings: Settings) -> float:
    """The clustering's score (``index.stories``) of an article (its ``lead`` vector and publication ``day``) against a
    group of articles (their ``leads`` and ``days``): its mean lead cosine to them, less ``story_day_penalty`` per day
    outside their dates; −inf when the article has no lead or the group none."""
    if lead is None or len(leads) == 0:
        return -math.inf
    score = float(np.mean(np.asarray(leads) @ lead))
    if day is not None and days:
        score -= settings.story_day_penalty * max(0, (min(days) - day).days, (day - max(days)).days)
    return score


def joins_event(lead: np.ndarray | None, day: dt.date | None, leads: np.ndarray | list[np.ndarray], days: list[dt.date],
                settings: Settings) -> bool:
    """True when an article would join a story made of the answering articles by the clustering's own test:
    its ``event_score`` against them reaches ``story_threshold``. An article without a lead joins nothing."""
    return event_score(lead, day, leads, days, settings) >= settings.story_threshold


def reports_event(lead: np.ndarray | None, day: dt.date | None, answering: Group, rest: Callable[[], Group],
                  settings: Settings) -> bool:
    """True when an article reports the event of the ``answering`` articles rather than another event its story
    merged with them: it joins them (``joins_event``), and either its score against them reaches
    ``story_event_score`` or it is no lower than its score against the rest of its story (``rest()``: the story's
    other articles, neither answering nor itself, read only when needed; none: nothing else it could report)."""
    score = event_score(lead, day, *answering, settings)
    if score < settings.story_threshold:
        return False
    if score >= settings.story_event_score:
        return True
    others = rest()
    return len(others[0]) == 0 or score >= event_score(lead, day, *others, settings)


def event_silent(index: Index, silent: list[SilentOutlet], answering: list[str],
                 settings: Settings) -> list[SilentOutlet]:
    """The silent outlets with an article that reports the event of the ``answering`` articles (``reports_event``),
    each listing only those articles: of two events of one day merged into one story, an outlet that reported
    only the other is not silent on this one. Unchanged when no answering article has a lead (nothing to test).
    Each story's leads are read once, when one of its articles first needs the rest of its story."""
    skip = set(answering)
    reporting = _group(index, answering)
    if len(reporting[0]) == 0:
        return silent
    stories: dict[str, tuple[list[str], np.ndarray]] = {}

    def rest(article_id: str) -> Group:
        sid = index.story_of[article_id]
        if sid not in stories:
            ids = [a for a in index.stories[sid].article_ids if a not in skip]
            leads = [article_lead(index, a) for a in ids]
            ids = [a for a, v in zip(ids, leads, strict=True) if v is not None]
            stories[sid] = ids, np.array([v for v in leads if v is not None]).reshape(len(ids), -1)
        ids, leads = stories[sid]
        keep = np.array([a != article_id for a in ids], dtype=bool)
        return leads[keep], [d for a, k in zip(ids, keep, strict=True) if k and (d := index.article_meta[a].published)]

    out = []
    for s in silent:
        ids = [a for a in s.article_ids if reports_event(article_lead(index, a), index.article_meta[a].published,
                                                        reporting, lambda a=a: rest(a), settings)]
        if ids:
            out.append(s.model_copy(update={"article_ids": ids}))
    return out


def _group(index: Index, article_ids: Iterable[str]) -> Group:
    """The leads and days of those of ``article_ids`` that have a lead (``article_lead``)."""
    found = [(a, v) for a in article_ids if (v := article_lead(index, a)) is not None]
    return [v for _, v in found], [d for a, _ in found if (d := index.article_meta[a].published) is not None]


def log_odds(p: float) -> float:
    """``log(p / (1 − p))``, with ``p`` kept within 1e-12 of 0 and 1."""
    p = min(max(p, 1e-12), 1 - 1e-12)
    return math.log(p / (1 - p))


def rival_moment(index: Index, snippets: list[Snippet], stories: list[str], threshold: float,
                 settings: Settings) -> str | None:
    """A story of other days than the question's (``stories``, the question's first; none of them) whose best passage
    answers about as well as the question's story's; None when there is none.

    "About as well" is the margin at which a story of the same days joins (``Settings.story_tie_relevance``), taken
    in the relevance model's log-odds, where evidence adds up, at the answering ``threshold`` ``t``: a gap under
    ``story_tie_relevance / (t (1 − t))``. Relevance is a logistic, so near 1 (weekly jobs reports, a saga's
    chapters) 0.05 spans strong evidence for one week, while a near tie in log-odds means the question does not
    tell the weeks apart: then which event it is about is uncertain."""
    if not stories:
        return None
    best = best_by_story(index, snippets)
    first = index.stories[stories[0]]
    bar = log_odds(best[first.id]) - settings.story_tie_relevance / (threshold * (1 - threshold))
    for story_id, score in best.items():
        if story_id not in stories and log_odds(score) >= bar and \
                not same_moment(index.stories[story_id], first, settings.story_window_days):
            return story_id
    return None


def story_ref(story: Story) -> StoryRef:
    """The answer's record of ``story``."""
    return StoryRef(id=story.id, title=story.title, first_published=story.first_published,
                    last_published=story.last_published, outlets=list(story.outlets),
                    n_articles=len(story.article_ids), n_independent=story.n_independent)


def wire_source(story: Story, article_id: str) -> str | None:
    """The first article of the report ``article_id`` is a copy of, when the story holds other copies of it."""
    for group in story.sources:
        if article_id in group and len(group) > 1:
            return group[0]
    return None


def comparison_groups(index: Index, outlets: list[OutletAnswer], window_days: int) -> list[list[OutletAnswer]]:
    """The answering outlets split into the groups compared with each other: the outlets of stories of the same
    moment (``same_moment``, chained) form one group, in the order the groups first appear in ``outlets``; undated
    outlets join the first group (they are comparable with anything)."""
    dated = [o for o in outlets if o.published is not None]
    stories = list(dict.fromkeys(index.story_of[o.article_id] for o in dated))
    moment = {s: s for s in stories}

    def root(s: str) -> str:
        while moment[s] != s:
            s = moment[s]
        return s

    for i, a in enumerate(stories):
        for b in stories[i + 1:]:
            if same_moment(index.stories[a], index.stories[b], window_days):
                moment[root(b)] = root(a)
    groups: dict[str, list[OutletAnswer]] = {}
    for outlet in dated:
        groups.setdefault(root(index.story_of[outlet.article_id]), []).append(outlet)
    ordered = list(groups.values()) or [[]]
    first = {id(o) for o in ordered[0]}
    ordered[0] = [o for o in outlets if id(o) in first or o.published is None]
    return [g for g in ordered if g]


def compare_by_story(question: str, kind: AnswerType, outlets: list[OutletAnswer], index: Index,
                     window_days: int) -> tuple[list[Disagreement], list[AnswerGroup], str | None]:
    """The disagreements within each story's answering outlets, their answer groups, and a consensus line that
    states each story's answer and counts as agreeing only outlets that were compared (each story's part is named
    by its title when the answer spans several)."""
    groups = comparison_groups(index, outlets, window_days)
    found, answers, lines = [], [], []
    for group in groups:
        disagreements, line = compare(question, kind, group, index)
        grouped = answer_groups(question, kind, group, disagreements, index)
        found += disagreements
        answers += grouped
        parts = [p.rstrip(".") for p in (answer_line(grouped), line) if p]
        line = ". ".join(parts) + "." if parts else None
        if line is None and len(groups) > 1:
            line = f"only {group[0].outlet} answers (not compared with the other stories' outlets)."
        if line and len(groups) > 1:
            line = f"{dated_title(index.stories[index.story_of[group[0].article_id]])}: {line}"
        if line:
            lines.append(line)
    found.sort(key=lambda d: (d.severity != "major", -d.confidence))
    return found, answers, " ".join(lines) or None


def dated_title(story: Story) -> str:
    """The story's title in curly quotes with its first day ("“Title” (2031-05-02)"), as answers name a story."""
    when = f" ({story.first_published.isoformat()})" if story.first_published else ""
    return f"“{story.title}”{when}"


def undated_stories(index: Index) -> list[str]:
    """Ids of the stories none of whose articles is dated (reference texts)."""
    if isinstance(index.stories, StoryMap):  # without building a Story record per story (0.3 s at 1M passages)
        return index.stories.undated()
    return [s.id for s in index.stories.values() if s.first_published is None]


def contest_scope(stories: list[str], undated: list[str]) -> list[str]:
    """The stories whose silent outlets may be checked for contradicting an answering one: the chosen ``stories``
    and every ``undated`` story (an undated text has no moment, so it is comparable with any story)."""
    return [*stories, *(s for s in undated if s not in stories)]
