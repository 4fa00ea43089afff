"""Reading files, folders, manifests and JSONL into Articles, with per-file errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from index.ingest import read_articles
from tests.conftest import SEEDS


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_seed_folder_uses_manifest_metadata():
    result = read_articles([SEEDS])
    assert not result.errors
    by_id = {a.id: a for a in result.articles}
    assert set(by_id) == {"rt", "caliber", "kyivindependent", "bne", "yenisafak"}
    ki = by_id["kyivindependent"]
    assert ki.outlet == "The Kyiv Independent"
    assert ki.published == dt.date(2024, 9, 17)
    assert by_id["rt"].published_inferred is True
    assert "Skip to content" in ki.text  # raw text is kept; boilerplate is labelled later


def test_text_file_metadata_from_byline_and_first_line(tmp_path):
    path = _write(tmp_path / "story.txt", "Big news today\n\nBy bne IntelliNews September 17, 2024\n\nSomething happened.\n")
    (article,) = read_articles([path]).articles
    assert article.title == "Big news today"
    assert article.outlet == "bne IntelliNews"
    assert article.published == dt.date(2024, 9, 17)
    assert article.id == "story"


def test_text_file_without_metadata_falls_back_to_file_name(tmp_path):
    path = _write(tmp_path / "plain-note.md", "Something happened on the river.\nMore text.\n")
    (article,) = read_articles([path]).articles
    assert article.outlet == "plain-note"
    assert article.published is None  # never invented
    assert article.title == "Something happened on the river."


def test_person_byline_is_an_author_not_an_outlet(tmp_path):
    path = _write(tmp_path / "a.txt", "Headline\nBody sentence here.\nBy Tamilla Hasanova")
    (article,) = read_articles([path]).articles
    assert article.outlet == "a"
    assert article.author == "Tamilla Hasanova"


def test_html_is_reduced_to_article_text_without_fetching(tmp_path):
    html = """<html><head><meta property="og:site_name" content="Example Times">
    <meta property="article:published_time" content="2024-09-17T10:00:00Z"><title>T</title>
    <script src="https://evil.example/x.js"></script></head><body><nav>Skip to content Home</nav>
    <article><h1>Leader meets chancellor</h1><p>The president told the visiting chancellor on Monday that the war
    cannot be won militarily, according to a statement published by his office afterwards.</p>
    <p>The two leaders also discussed trade in oil, lithium and other raw materials at length.</p></article>
    <script>document.write('pwned')</script><img src="https://tracker.example/p.gif"></body></html>"""
    (article,) = read_articles([_write(tmp_path / "page.html", html)]).articles
    assert article.outlet == "Example Times"
    assert article.published == dt.date(2024, 9, 17)
    assert "cannot be won militarily" in article.text
    assert "pwned" not in article.text and "Skip to content" not in article.text


def test_manifest_paths_outside_the_folder_are_refused(tmp_path):
    folder = tmp_path / "corpus"
    _write(folder / "ok.txt", "Fine article.\nWith text.")
    _write(tmp_path / "secret.txt", "outside")
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    manifest = {"articles": [
        {"id": "ok", "file": "ok.txt", "outlet": "Good"},
        {"id": "up", "file": "../secret.txt", "outlet": "Bad"},
        {"id": "abs", "file": "/etc/passwd", "outlet": "Bad"},
        {"id": "link", "file": "link.txt", "outlet": "Bad"},
    ]}
    _write(folder / "manifest.json", json.dumps(manifest))
    result = read_articles([folder])
    assert [a.id for a in result.articles] == ["ok"]
    reasons = " ".join(str(e) for e in result.errors)
    assert len(result.errors) == 3 and "outside the folder" in reasons and "manifest.json" in reasons


def test_jsonl_bad_lines_are_reported_and_good_lines_kept(tmp_path):
    lines = [
        json.dumps({"id": "a", "outlet": "A", "text": "First article text."}),
        json.dumps({"id": "b", "outlet": "B", "text": 42}),
        json.dumps({"outlet": "C", "text": "no id"}),
        json.dumps({"id": "a", "outlet": "A2", "text": "duplicate"}),
        json.dumps({"id": "d", "outlet": "D", "published": "2021-10-18", "text": "Fourth."}),
        '{"id": "e", "outlet": "E", "text": "trunc',
    ]
    path = _write(tmp_path / "corpus.jsonl", "\n".join(lines))
    result = read_articles([path])
    assert [a.id for a in result.articles] == ["a", "d"]
    assert result.articles[1].published == dt.date(2021, 10, 18)
    messages = [str(e) for e in result.errors]
    assert len(messages) == 4
    assert messages[0].startswith(f"{path}:2: text")
    assert messages[1].startswith(f"{path}:3: id")
    assert "duplicate id 'a'" in messages[2]
    assert messages[3].startswith(f"{path}:6:")


def test_bad_files_fail_one_by_one(tmp_path):
    good = _write(tmp_path / "good.txt", "A real article.\nWith a body.")
    empty = _write(tmp_path / "empty.txt", "   \n")
    binary = _write(tmp_path / "bin.txt", b"\x00\x01\x02binary")
    latin = _write(tmp_path / "latin.txt", "caf\xe9 au lait".encode("cp1252"))
    utf16 = _write(tmp_path / "utf16.txt", "Unicode article.\nBody.".encode("utf-16"))
    odd = _write(tmp_path / "image.png", b"\x89PNG")
    result = read_articles([good, empty, binary, latin, utf16, odd, tmp_path / "missing.txt"])
    assert sorted(a.id for a in result.articles) == ["good", "utf16"]
    reasons = {Path(e.source).name: e.reason for e in result.errors}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["bin.txt"]
    assert "not valid UTF-8" in reasons["latin.txt"]
    assert "unsupported file type" in reasons["image.png"]
    assert reasons["missing.txt"] == "no such file or folder"


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    from index.settings import Settings

    path = _write(tmp_path / "big.txt", "word " * 1000)
    result = read_articles([path], Settings(max_file_bytes=100))
    assert not result.articles
    assert "over the limit" in result.errors[0].reason


def test_seeds_ingest_with_their_manifest_ids_outlets_and_dates():
    result = read_articles([SEEDS])
    assert not result.errors and not result.notes and not result.no_manifest
    assert [(a.id, a.outlet, a.published) for a in result.articles] == [
        ("rt", "RT", dt.date(2025, 1, 3)),
        ("caliber", "Caliber.Az", dt.date(2025, 1, 3)),
        ("kyivindependent", "The Kyiv Independent", dt.date(2024, 9, 17)),
        ("bne", "bne IntelliNews", dt.date(2024, 9, 17)),
        ("yenisafak", "Yeni Safak", dt.date(2025, 1, 3)),
    ]


def test_manifest_in_a_subfolder_covers_its_own_folder_and_below(tmp_path):
    news = tmp_path / "news"
    _write(news / "desk" / "manifest.json", json.dumps({"articles": [
        {"id": "c1", "file": "courier.txt", "outlet": "The Courier", "published": "2026-03-14"},
        {"id": "c2", "file": "week/late.txt", "outlet": "The Courier", "published": "2026-03-16"},
    ]}))
    _write(news / "desk" / "courier.txt", "Bridge fails\nThe old bridge collapsed.")
    _write(news / "desk" / "week" / "late.txt", "Bridge repaired\nCrews finished the work.")
    unlisted = _write(news / "desk" / "week" / "draft.txt", "Draft\nNot for publication.")
    loose = _write(news / "loose.txt", "Ferry resumes\nThe ferry sailed again.")
    result = read_articles([news])
    by_id = {a.id: a for a in result.articles}
    assert set(by_id) == {"c1", "c2", "loose"}
    assert (by_id["c1"].outlet, by_id["c1"].published) == ("The Courier", dt.date(2026, 3, 14))
    assert (by_id["c2"].outlet, by_id["c2"].published) == ("The Courier", dt.date(2026, 3, 16))
    assert by_id["loose"].outlet == "loose" and by_id["loose"].published is None
    assert result.notes == [f"{unlisted}: not listed in {news / 'desk' / 'manifest.json'}, skipped"]
    assert result.no_manifest == [str(loose)]


def test_deeper_manifest_wins_over_a_shallower_one(tmp_path):
    root = tmp_path / "corpus"
    _write(root / "manifest.json", json.dumps({"articles": [
        {"id": "top", "file": "top.txt", "outlet": "Top Outlet"},
        {"id": "old", "file": "sub/a.txt", "outlet": "Top Outlet"},
    ]}))
    _write(root / "sub" / "manifest.json", json.dumps({"articles": [{"id": "a", "file": "a.txt", "outlet": "Sub Outlet"}]}))
    _write(root / "top.txt", "Top story\nBody.")
    _write(root / "sub" / "a.txt", "Sub story\nBody.")
    _write(root / "sub" / "b.txt", "Unlisted\nBody.")
    result = read_articles([root])
    assert sorted((a.id, a.outlet) for a in result.articles) == [("a", "Sub Outlet"), ("top", "Top Outlet")]
    assert len(result.notes) == 2
    assert result.notes[0] == f"{root / 'manifest.json'}: entry 'old' skipped, {root / 'sub' / 'a.txt'} is also listed in {root / 'sub' / 'manifest.json'}"
    assert result.notes[1].endswith(f"not listed in {root / 'sub' / 'manifest.json'}, skipped")
    assert not result.no_manifest and not result.errors


def test_unreadable_subfolder_manifest_skips_only_its_files(tmp_path):
    root = tmp_path / "corpus"
    _write(root / "bad" / "manifest.json", "{not json")
    covered = _write(root / "bad" / "x.txt", "Covered\nBody.")
    _write(root / "y.txt", "Free\nBody.")
    result = read_articles([root])
    assert [a.id for a in result.articles] == ["y"]
    assert len(result.errors) == 1 and "not a valid manifest" in result.errors[0].reason
    assert result.notes == [f"{covered}: its {root / 'bad' / 'manifest.json'} could not be read, skipped"]


def test_text_metadata_from_dateline_markdown_title_and_pipe_byline(tmp_path):
    path = _write(tmp_path / "valley.md", "Valley Radio News — March 15, 2026\n# Bridge fails\nBy Jane Roe | Reuters\n\n"
                                          "Bridge fails. The old bridge collapsed on Monday.\n")
    (article,) = read_articles([path]).articles
    assert (article.outlet, article.published, article.title, article.author) == (
        "Valley Radio News", dt.date(2026, 3, 15), "Bridge fails", "Jane Roe")


def test_folder_without_article_files_is_an_error(tmp_path):
    _write(tmp_path / "empty" / "notes.pdf", b"%PDF")
    result = read_articles([tmp_path / "empty"])
    assert not result.articles
    assert [e.reason for e in result.errors] == ["no .txt, .md, .html or .jsonl files in this folder"]
