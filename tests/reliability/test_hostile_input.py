"""Hostile and odd input: fuzzed files, hostile text in the terminal, odd questions, no network, no pickle."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from index.ingest import read_articles
from index.models import Article
from qa.render import render_answer
from qa.sanitize import clean_text
from qa.service import QAService
from tests.conftest import ROOT

pytestmark = pytest.mark.reliability

HOSTILE = "Evil [bold red]x[/] \x1b[31mred\x1b[0m \x1b]0;title\x07 bell\x07 \u202eroll\u202c zero\u200bwidth"


@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_give_an_article_or_a_named_error(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    result = read_articles([path])
    for error in result.errors:
        assert str(error).startswith(str(path)) and error.reason
    for article in result.articles:
        assert article.text.strip()


@given(st.text(max_size=400))
@settings(max_examples=150, deadline=None)
def test_clean_text_leaves_no_escape_or_control_characters(text):
    cleaned = clean_text(text)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f]", cleaned)


def test_large_and_deep_files_are_refused_clearly(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (50 * 1024 * 1024 // 5))
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 10_000 + "text" + "</div>" * 10_000 + "</body></html>")
    result = read_articles([big, deep])
    reasons = {Path(e.source).name: e.reason for e in result.errors}
    assert "over the limit" in reasons["big.txt"]
    assert "deep.html" in reasons and not result.articles


def test_html_resources_are_never_fetched(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("factqa tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = tmp_path / "page.html"
    page.write_text('<html><head><link rel="stylesheet" href="https://x.example/a.css">'
                    '<script src="https://x.example/a.js"></script></head><body><article><p>'
                    + "A paragraph of real article text about the harbour strike and the court ruling. " * 3
                    + '</p><img src="https://x.example/p.gif"><iframe src="https://x.example/f"></iframe></article></body></html>')
    (article,) = read_articles([page]).articles
    assert "harbour strike" in article.text


@pytest.fixture
def hostile_service(hashing_encoder):
    text = f"Headline about the harbour\nThe harbour strike ended on Monday. {HOSTILE} said the union."
    return QAService.from_articles([Article(id="h", outlet="Evil [i]Outlet[/i]\x1b[2J", title=HOSTILE, text=text)],
                                   hashing_encoder)


def test_cli_rendering_shows_markup_literally_and_neutralises_escapes(hostile_service):
    answer = hostile_service.ask(f"When did the harbour strike end? {HOSTILE}")
    console = Console(record=True, width=200, force_terminal=False, color_system=None)
    render_answer(answer, console)
    out = console.export_text()
    assert "[bold red]x[/]" in out and "Evil [i]Outlet[/i]" in out
    assert "\x1b" not in out and "\u202e" not in out and "\u200b" not in out and "\x07" not in out


@pytest.mark.parametrize("question", ["", " \n\t ", "x" * 10_000, "¿Cuándo terminó la huelga del puerto?",
                                      "港口罢工什么时候结束？", "🚢🔥❓", "\x1b[2J\x00", "?" * 50])
def test_odd_questions_get_an_answer_or_a_clear_message(hostile_service, question):
    answer = hostile_service.ask(question)
    assert answer.outlets or answer.message
    assert "\x1b" not in answer.question and "\x00" not in answer.question


def test_no_code_executing_formats_in_the_source():
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        if re.search(r"\bimport pickle\b|\bpickle\.load|allow_pickle=True|torch\.load\(|joblib\.load", source):
            offenders.append(str(path))
    assert not offenders
