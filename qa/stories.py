"""Which stories a question is about, and which articles may be compared with which.

The index groups articles into stories (``index.stories``): the reports of one event. A question is about
the story of its most relevant passage. Another story joins only as *later coverage*: it begins after the
question's story ends (by more than the story window, so it is not rival coverage of the same days) and one
of its articles answers with at least ``Settings.follow_up_relevance``. "What did Tokayev tell Scholz?" is
about the September meeting; an article three months later recalling what he told Scholz joins; another
week's jobs report, published beside this week's, does not. Undated texts (reference articles) have no
moment to compare, so their stories join on the answering threshold alone.

Articles are compared only within a story (``qa.compare.scope``), so each story's outlets are compared and
summed up apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from index.models import Story
from index.settings import Settings
from index.store import Index
from qa.compare import compare
from qa.compare.answers import answer_groups
from qa.compare.consensus import answer_line
from qa.models import AnswerGroup, AnswerType, Disagreement, OutletAnswer, Snippet, StoryRef


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


def choose_stories(index: Index, snippets: list[Snippet], threshold: float, settings: Settings) -> list[str]:
    """Ids of the stories the question is about, most relevant first; ``snippets`` sorted best first.

    Empty when no snippet reaches ``threshold`` (nothing answers).
    """
    best = best_by_story(index, snippets)
    ranked = sorted(best, key=lambda s: -best[s])
    if not ranked or best[ranked[0]] < threshold:
        return []
    primary = index.stories[ranked[0]]
    chosen = [primary.id]
    for story_id in ranked[1:]:
        story = index.stories[story_id]
        undated = story.first_published is None or primary.last_published is None
        floor = threshold if undated else max(threshold, settings.follow_up_relevance)
        if best[story_id] >= floor and is_later_coverage(story, primary, settings.story_window_days):
            chosen.append(story_id)
    return chosen


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


def comparison_groups(index: Index, outlets: list[OutletAnswer]) -> list[list[OutletAnswer]]:
    """The answering outlets split into the groups that are compared with each other: one group a story, in the
    order the stories first appear in ``outlets``; undated outlets join the first group (they are comparable
    with anything)."""
    groups: dict[str, list[OutletAnswer]] = {}
    undated = []
    for outlet in outlets:
        if outlet.published is None:
            undated.append(outlet)
        else:
            groups.setdefault(index.story_of[outlet.article_id], []).append(outlet)
    ordered = list(groups.values()) or [[]]
    ordered[0] = [o for o in outlets if o in ordered[0] or o in undated]
    return [g for g in ordered if g]


def compare_by_story(question: str, kind: AnswerType, outlets: list[OutletAnswer],
                     index: Index) -> tuple[list[Disagreement], list[AnswerGroup], str | None]:
    """The disagreements within each story's answering outlets, their answer groups, and a consensus line that
    states each story's answer and counts as agreeing only outlets that were compared (each story's part is named
    by its title when the answer spans several)."""
    groups = comparison_groups(index, outlets)
    found, answers, lines = [], [], []
    for group in groups:
        disagreements, line = compare(question, kind, group, index)
        grouped = answer_groups(question, kind, group, disagreements, index)
        found += disagreements
        answers += grouped
        stated = answer_line(grouped)
        line = ". ".join(p.rstrip(".") for p in (stated, line) if p) + "." if (stated or line) else None
        if line is None and len(groups) > 1:
            line = f"only {group[0].outlet} answers (not compared with the other stories' outlets)."
        if line and len(groups) > 1:
            line = f"{_dated_title(index.stories[index.story_of[group[0].article_id]])}: {line}"
        if line:
            lines.append(line)
    found.sort(key=lambda d: (d.severity != "major", -d.confidence))
    return found, answers, " ".join(lines) or None


def _dated_title(story: Story) -> str:
    when = f" ({story.first_published.isoformat()})" if story.first_published else ""
    return f"“{story.title}”{when}"


def contest_scope(index: Index, stories: list[str]) -> list[str]:
    """The stories whose silent outlets may be checked for contradicting an answering one: the chosen ``stories``
    and every undated story (an undated text has no moment, so it is comparable with any story)."""
    undated = [s.id for s in index.stories.values() if s.first_published is None and s.id not in stories]
    return [*stories, *undated]
