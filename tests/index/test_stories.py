"""Stories: articles on one event group together at ingest (on disk and in memory), far-apart events with
shared words do not, incremental ingest equals one ingest, wire copies count as one source."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from index.models import SCHEMA_VERSION, Article
from index.settings import Settings
from index.stories import jaccard, names, shingles
from index.store import IndexStore, IndexUnusable
from index.update import update_index

DAY = dt.date(2024, 3, 4)

FLOOD = [
    ("flood-a", "Harbour Gazette", "River Tamsel bursts its banks in Orvana",
     "The river Tamsel burst its banks in Orvana on Monday, flooding two hundred homes. "
     "Mayor Idris Kettle ordered the old mill district evacuated. Rescue boats reached the flooded streets by noon."),
    ("flood-b", "Valley Post", "Hundreds of homes flooded as Tamsel overflows",
     "Floodwater from the Tamsel swamped about two hundred homes in Orvana on Monday. "
     "Mayor Idris Kettle told residents of the mill district to leave. Boats rescued families from flooded streets."),
]
BUDGET = ("budget-a", "Harbour Gazette", "Orvana council passes school budget",
          "The Orvana council approved a new school budget on Monday after a long debate. "
          "Councillor Mira Sandoval said teachers would get a raise. The vote was nine to four.")


def _article(spec, day=DAY, **extra) -> Article:
    id_, outlet, title, text = spec
    return Article(id=id_, outlet=outlet, title=title, text=text, published=day, **extra)


def _settings(**kw) -> Settings:
    return Settings(story_threshold=kw.pop("story_threshold", 0.5), **kw)


def test_same_event_in_other_words_joins_and_other_event_stays_apart(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    update_index(store, [_article(FLOOD[0]), _article(BUDGET), _article(FLOOD[1], DAY + dt.timedelta(days=1))],
                 hashing_encoder, settings=_settings())
    index = store.load()
    assert index.story_of["flood-a"] == index.story_of["flood-b"] != index.story_of["budget-a"]
    story = index.stories[index.story_of["flood-a"]]
    assert story.article_ids == ["flood-a", "flood-b"]
    assert story.outlets == ["Harbour Gazette", "Valley Post"]
    assert (story.first_published, story.last_published) == (DAY, DAY + dt.timedelta(days=1))
    assert story.title == FLOOD[0][2]
    assert story.n_independent == 2 and story.sources == [["flood-a"], ["flood-b"]]
    assert len(index.stories) == 2


def test_same_words_far_apart_in_time_are_two_stories(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    later = DAY + dt.timedelta(days=40)
    update_index(store, [_article(FLOOD[0]), _article(FLOOD[1], later)], hashing_encoder,
                 settings=_settings(story_window_days=3))
    index = store.load()
    assert index.story_of["flood-a"] != index.story_of["flood-b"]


def test_incremental_ingest_gives_the_same_stories_as_one_ingest(tmp_path, hashing_encoder):
    articles = [_article(FLOOD[0]), _article(BUDGET), _article(FLOOD[1], DAY + dt.timedelta(days=1))]
    one, two = IndexStore(tmp_path / "one"), IndexStore(tmp_path / "two")
    update_index(one, articles, hashing_encoder, settings=_settings())
    for article in articles:
        update_index(two, [article], hashing_encoder, settings=_settings())
    a, b = one.load(), two.load()
    assert a.story_of == b.story_of
    assert a.stories == b.stories
    again = IndexStore(tmp_path / "again")
    update_index(again, articles, hashing_encoder, settings=_settings())
    assert again.load().story_of == a.story_of  # ids are deterministic


def test_stories_are_stored_per_segment(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    update_index(store, [_article(FLOOD[0])], hashing_encoder, settings=_settings())
    update_index(store, [_article(FLOOD[1])], hashing_encoder, settings=_settings())
    files = [json.loads(path.read_text()) for path in sorted(store._live().rglob("stories.json"))]
    assert len(files) == 2  # the base segment and the new one
    assert sorted(a for f in files for a in f["article"]) == ["flood-a", "flood-b"]
    assert len({s for f in files for s in f["story"]}) == 1


def test_old_schema_is_refused_with_a_rebuild_hint(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    update_index(store, [_article(BUDGET)], hashing_encoder)
    path = store._live() / "manifest.json"
    data = json.loads(path.read_text())
    data["schema_version"] = 2
    path.write_text(json.dumps(data))
    with pytest.raises(IndexUnusable, match=rf"schema 2 is not {SCHEMA_VERSION}; rebuild it with `factqa ingest --index .* --rebuild`"):
        store.load()


WIRE = ("By Staff. Engineers at the Korvath dam in Pellan opened all six sluice gates on Tuesday after a week of heavy "
        "rain raised the reservoir to a record level. The regional authority said water would be released slowly over "
        "three days and that villages downstream had been warned. A spokesman, Anton Vale, said the dam itself was "
        "sound and that inspections had found no cracks. Farmers near the river moved livestock to higher ground.")


def test_wire_copies_are_one_source_and_an_original_report_another(tmp_path, hashing_encoder):
    copies = [
        ("wire-1", "Daily Lantern", "Korvath dam opens sluice gates after record rain", WIRE),
        ("wire-2", "Pellan Courier", "Dam gates opened as reservoir hits record", WIRE + " The Courier will update this story."),
        ("wire-3", "Evening Star", "Record rain forces Korvath dam release", WIRE.replace("By Staff. ", "")),
    ]
    original = ("own-1", "River Times", "Sluice gates open at Korvath",
                "Our reporter watched on Tuesday as all six sluice gates of the Korvath dam in Pellan were opened after "
                "record rain filled the reservoir. Anton Vale of the regional authority said the dam was sound. "
                "Villagers downstream said they had been warned about the release over the next three days.")
    store = IndexStore(tmp_path / "idx")
    update_index(store, [_article(c) for c in copies] + [_article(original)], hashing_encoder,
                 settings=_settings(story_threshold=0.4))
    index = store.load()
    assert len({index.story_of[a] for a in ("wire-1", "wire-2", "wire-3", "own-1")}) == 1
    story = index.stories[index.story_of["wire-1"]]
    assert story.n_independent == 2
    assert sorted(sorted(group) for group in story.sources) == [["own-1"], ["wire-1", "wire-2", "wire-3"]]


def test_shingle_jaccard_by_hand():
    a, b = shingles("one two three four five six"), shingles("one two three four five seven")
    # shingles: {1-5, 2-6} and {1-5, 2-7}: one shared of three
    assert len(a) == 2 and jaccard(a, b) == pytest.approx(1 / 3)
    assert jaccard(frozenset(), frozenset()) == 0.0


def test_names_skip_sentence_openers():
    article = Article(id="x", outlet="o", text="The mayor met Idris Kettle in Orvana. Rescue boats came.\nBoats left NATO")
    assert names(article) == {"idris", "kettle", "orvana", "nato"}


@pytest.mark.parametrize("compact", [False, True])
def test_a_replaced_article_moves_to_its_new_story_and_compaction_keeps_the_rest(tmp_path, hashing_encoder, monkeypatch,
                                                                               compact):
    import index.update as update_module

    store = IndexStore(tmp_path / "idx")
    update_index(store, [_article(FLOOD[0]), _article(FLOOD[1]), _article(BUDGET)], hashing_encoder, settings=_settings())
    before = store.load().story_of
    assert before["flood-a"] == before["flood-b"]
    monkeypatch.setattr(update_module, "_needs_compaction", lambda *args: compact)
    budget_copy = ("flood-b", "Valley Post", "Council passes the school budget", BUDGET[3] + " More soon.")
    update_index(store, [_article(budget_copy)], hashing_encoder, settings=_settings())
    after = store.load()
    assert len(list(store._live().rglob("stories.json"))) == (1 if compact else 2)
    assert after.story_of["flood-a"] == before["flood-a"] and after.story_of["budget-a"] == before["budget-a"]
    assert after.story_of["flood-b"] == before["budget-a"]
    assert after.stories[before["flood-a"]].article_ids == ["flood-a"]
    # the budget copy's body is the budget report's plus a line: one wire source
    assert after.stories[before["budget-a"]].sources == [["budget-a", "flood-b"]]


def test_story_map_builds_each_story_as_build_stories_does_and_finds_undated_ones_without_building():
    from index.stories import Assignment, StoryMap, build_stories

    def art(id_, day, outlet="A"):
        return Article(id=id_, outlet=outlet, title=f"t {id_}", text=f"text of {id_}", published=day)

    later = DAY + dt.timedelta(days=2)
    articles = {a.id: a for a in [art("u1", None), art("d2", later, "B"), art("m1", None), art("d1", DAY),
                                  art("u2", None, "C"), art("m2", DAY), art("d3", DAY, "C"), art("lone", None)]}
    assignments = {"u1": Assignment("s-u", "u1"), "u2": Assignment("s-u", "u1"), "d1": Assignment("s-d", "d1"),
                   "d2": Assignment("s-d", "d2"), "d3": Assignment("s-d", "d1"), "m1": Assignment("s-m", "m1"),
                   "m2": Assignment("s-m", "m2"), "lone": Assignment("s-lone", "lone")}
    expected = build_stories(articles, assignments)
    lazy = StoryMap(articles, assignments)
    assert lazy.undated() == ["s-u", "s-lone"] and not lazy._built  # found without a Story record
    assert lazy["s-d"] == expected["s-d"] and list(lazy._built) == ["s-d"]
    assert lazy["s-d"].article_ids == ["d1", "d3", "d2"] and lazy["s-d"].sources == [["d1", "d3"], ["d2"]]
    assert "s-m" in lazy and "s-x" not in lazy and len(lazy) == 4
    assert list(lazy) == list(expected) and lazy == expected
    assert [s for s in expected if expected[s].first_published is None] == lazy.undated()
    with pytest.raises(KeyError):
        lazy["s-x"]
