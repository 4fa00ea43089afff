"""Files, folders, manifests and JSONL corpora → validated ``Article`` records, with per-file errors.

A bad file never stops the batch: it becomes an ``InputError`` in the result, and the rest is read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from index.metadata import read_text_metadata
from index.models import Article
from index.settings import Settings, get_settings
from index.textfile import InputError, extract_html, read_text

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


class ReadResult(BaseModel):
    """What reading a set of paths produced."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    articles: list[Article] = Field(default_factory=list)
    errors: list[InputError] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    """Files passed over on purpose (e.g. not listed in a folder's manifest)."""
    no_manifest: list[str] = Field(default_factory=list)
    """Files read without a manifest entry: their metadata came from their text, else their file name."""


class ManifestEntry(BaseModel):
    """One article entry of a folder's ``manifest.json``."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    file: str = Field(min_length=1)
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    published_inferred: bool = False
    author: str | None = None


class CorpusLine(BaseModel):
    """One line of a JSONL corpus."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    author: str | None = None


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def article_from_file(path: Path, settings: Settings, meta: ManifestEntry | None = None) -> Article:
    """Read one .txt/.md/.html file into an ``Article``; metadata from ``meta``, else the page, else the text."""
    raw = read_text(path, settings.max_file_bytes)
    html = extract_html(str(path), raw) if path.suffix.lower() in HTML_SUFFIXES else None
    text = html.text if html else raw
    found = read_text_metadata(text)
    outlet = (meta and meta.outlet) or (html and html.outlet) or found.outlet or path.stem
    published = (meta and meta.published) or _parse_date(html and html.published) or found.published
    return Article(
        id=meta.id if meta else path.stem,
        outlet=outlet,
        title=(meta and meta.title) or (html and html.title) or found.title or path.stem,
        url=(meta and meta.url) or (html and html.url),
        published=published,
        published_inferred=bool(meta and meta.published_inferred),
        author=(meta and meta.author) or (html and html.author) or found.author,
        text=text,
        source=str(path),
    )


def _articles_from_jsonl(path: Path, settings: Settings, result: ReadResult) -> None:
    try:
        raw = read_text(path, settings.max_file_bytes)
    except InputError as exc:
        result.errors.append(exc)
        return
    seen: set[str] = set()
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = CorpusLine.model_validate_json(line)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "line"
            result.errors.append(InputError(where, f"{field}: {first['msg']}"))
            continue
        if row.id in seen:
            result.errors.append(InputError(where, f"duplicate id {row.id!r} (first use kept)"))
            continue
        seen.add(row.id)
        found = read_text_metadata(row.text)
        result.articles.append(
            Article(
                id=row.id,
                outlet=row.outlet or found.outlet or path.stem,
                title=row.title or found.title or row.id,
                url=row.url,
                published=row.published or found.published,
                author=row.author,
                text=row.text.replace("\r\n", "\n"),
                source=where,
            )
        )


def _inside(folder: Path, name: str) -> Path | None:
    candidate = Path(name)
    if candidate.is_absolute():
        return None
    resolved = (folder / candidate).resolve()
    return resolved if resolved.is_relative_to(folder.resolve()) else None


def _load_manifest(manifest_path: Path, settings: Settings, result: ReadResult) -> list[ManifestEntry] | None:
    """The entries of one ``manifest.json``; ``None`` (and an error in ``result``) when it cannot be read."""
    try:
        entries_raw = json.loads(read_text(manifest_path, settings.max_file_bytes)).get("articles")
        if not isinstance(entries_raw, list):
            raise InputError(str(manifest_path), "no 'articles' list")
        return [ManifestEntry.model_validate(e) for e in entries_raw]
    except (json.JSONDecodeError, AttributeError) as exc:
        result.errors.append(InputError(str(manifest_path), f"not a valid manifest ({exc})"))
    except ValidationError as exc:
        first = exc.errors()[0]
        result.errors.append(InputError(str(manifest_path), f"{'.'.join(map(str, first['loc']))}: {first['msg']}"))
    except InputError as exc:
        result.errors.append(exc)
    return None


def _covering(path: Path, root: Path, manifest_dirs: set[Path]) -> Path | None:
    """The nearest folder from ``path``'s own up to ``root`` that holds a manifest."""
    for folder in path.parents:
        if folder in manifest_dirs:
            return folder
        if folder == root:
            break
    return None


def _read_folder(folder: Path, settings: Settings, result: ReadResult) -> None:
    """Read a folder tree. Each ``manifest.json`` covers the files of its folder and below, except where a
    deeper manifest covers them: a covered file is read with its entry, or skipped (with a note) when its
    manifest does not list it; a file no manifest covers is read with metadata from its text. A file two
    manifests list is read with the deeper one's entry."""
    manifest_dirs = sorted((m.parent for m in folder.rglob("manifest.json") if m.is_file()),
                           key=lambda d: (len(d.parts), d))
    readable: set[Path] = set()
    claims: dict[Path, tuple[Path, list[ManifestEntry]]] = {}
    for directory in manifest_dirs:
        manifest_path = directory / "manifest.json"
        entries = _load_manifest(manifest_path, settings, result)
        if entries is None:
            continue
        readable.add(directory)
        for entry in entries:
            path = _inside(directory, entry.file)
            if path is None:
                result.errors.append(InputError(str(manifest_path), f"article {entry.id!r} names {entry.file!r}, outside the folder: refused"))
                continue
            claimed_by, overridden = claims.get(path, (manifest_path, []))
            if claimed_by != manifest_path:  # manifests come shallow to deep: the deeper one wins
                for old in overridden:
                    result.notes.append(f"{claimed_by}: entry {old.id!r} skipped, {path} is also listed in {manifest_path}")
                claims[path] = (manifest_path, [])
            claims.setdefault(path, (manifest_path, []))[1].append(entry)
    for path, (_, entries) in claims.items():
        for entry in entries:
            _add_file(path, settings, result, entry)
    covering = set(manifest_dirs)
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED):
        if path.resolve() in claims:
            continue
        owner = _covering(path, folder, covering)
        if owner is None:
            _read_file(path, settings, result)
        elif owner in readable:
            result.notes.append(f"{path}: not listed in {owner / 'manifest.json'}, skipped")
        else:
            result.notes.append(f"{path}: its {owner / 'manifest.json'} could not be read, skipped")


def _read_file(path: Path, settings: Settings, result: ReadResult) -> None:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        _articles_from_jsonl(path, settings, result)
        return
    if suffix not in SUPPORTED:
        result.errors.append(InputError(str(path), f"unsupported file type {suffix or '(none)'!r}; use .txt, .md, .html or .jsonl"))
        return
    _add_file(path, settings, result)


def _add_file(path: Path, settings: Settings, result: ReadResult, entry: ManifestEntry | None = None) -> None:
    """Read one article file into ``result``; any failure becomes that file's error, never the batch's."""
    try:
        result.articles.append(article_from_file(path, settings, entry))
        if entry is None:
            result.no_manifest.append(str(path))
    except InputError as exc:
        result.errors.append(exc)
    except OSError as exc:
        result.errors.append(InputError(str(path), exc.strerror or str(exc)))
    except (ValueError, RecursionError, MemoryError, LookupError) as exc:
        # A parser or validator rejected the content (e.g. HTML nested past the parser's limits).
        result.errors.append(InputError(str(path), f"unreadable content ({type(exc).__name__}: {str(exc)[:200]})"))


def read_articles(paths: Iterable[Path], settings: Settings | None = None) -> ReadResult:
    """Read every article under ``paths`` (files, folders with or without ``manifest.json``, JSONL corpora)."""
    settings = settings or get_settings()
    result = ReadResult()
    for path in paths:
        if path.is_dir():
            before = len(result.articles) + len(result.errors) + len(result.notes)
            _read_folder(path, settings, result)
            if len(result.articles) + len(result.errors) + len(result.notes) == before:
                result.errors.append(InputError(str(path), "no .txt, .md, .html or .jsonl files in this folder"))
        elif path.is_file():
            _read_file(path, settings, result)
        else:
            result.errors.append(InputError(str(path), "no such file or folder"))
    return result
