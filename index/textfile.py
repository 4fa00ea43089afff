"""Reading article files as text: size limit, binary detection, encodings, HTML extraction."""

from __future__ import annotations

import codecs
from pathlib import Path

from pydantic import BaseModel, ConfigDict


class InputError(ValueError):
    """A file (or a line of one) that cannot be ingested; the message names the file and the reason."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_text(path: Path, max_bytes: int) -> str:
    """Read ``path`` as text: UTF-8, or UTF-16/32 with a byte-order mark; refuse binary and oversized files."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(str(path), f"file is {size:,} bytes, over the limit of {max_bytes:,} (FACTQA_MAX_FILE_BYTES)")
    data = path.read_bytes()
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        raise InputError(str(path), "binary file (contains NUL bytes), not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            str(path), f"not valid {encoding.upper()} (byte 0x{data[exc.start]:02x} at offset {exc.start}); re-save it as UTF-8"
        ) from None
    if not text.strip():
        raise InputError(str(path), "empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class HtmlArticle(BaseModel):
    """Main text and metadata extracted from an HTML page."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    url: str | None = None


def extract_html(source: str, html: str) -> HtmlArticle:
    """Extract the article body and metadata from ``html`` with trafilatura (nothing is fetched)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    except (ValueError, RecursionError, TypeError) as exc:
        raise InputError(source, f"HTML could not be parsed ({type(exc).__name__})") from None
    if doc is None or not (doc.text or "").strip():
        raise InputError(source, "no article text found in the HTML")
    return HtmlArticle(
        text=doc.text,
        title=doc.title or None,
        outlet=doc.sitename or None,
        published=doc.date or None,
        author=doc.author or None,
        url=doc.url or None,
    )
