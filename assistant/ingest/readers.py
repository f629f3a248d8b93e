"""Turn inputs (files, folders, URLs, dump records) into article drafts.

Each input is read as bytes, checked (size, binary, encoding), decoded and
normalised, then parsed by its format: plain text and Markdown (title from
front matter or the first line), HTML (main text and metadata through
trafilatura), JSON / JSON Lines dumps of article records.

Every problem raises ``InputError`` with a message for the user; the caller
reports it for that input and carries on. This module does not segment,
embed or store anything.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from assistant.errors import InputError
from assistant.ingest.segment import is_heading_line
from assistant.types import ArticleDraft

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
MAX_TITLE_CHARS = 150
MIN_HTML_WORDS = 15

_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext", "raw_text"),
    "title": ("title", "headline", "name"),
    "url": ("url", "link", "source_url"),
    "published": ("published", "published_at", "date", "publish_date", "pubDate", "date_publish"),
    "source": ("source", "site", "sitename", "publisher", "outlet"),
    "author": ("author", "authors", "byline"),
}
# Zero-width characters, soft hyphens, BOMs, and the bidirectional embedding/override/isolate
# controls (U+202A-U+202E, U+2066-U+2069): invisible, yet they split words for search or
# reorder what the UI shows ("Trojan Source"). Right-to-left text needs none of them.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069]")
# C0 and C1 control characters except tab and newlines (C1 ones are mis-decoded bytes in practice).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_SEPARATORS = {"\u2028": "\n", "\u2029": "\n\n", "\x85": "\n"}
_ESCAPED_BYTES = re.compile(r"[\udc80-\udcff]+")  # undecodable bytes, kept by "surrogateescape"
MAX_NUL_SHARE = 0.01  # text with a stray NUL is text; with NULs throughout it is binary (or UTF-16 without BOM)
# Files that describe a folder of articles, not articles (compared upper-case, without suffix).
FOLDER_NOTES = frozenset({"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES", "NOTICE", "AUTHORS"})
MAX_STRAY_SHARE = 0.05  # at most this share of non-UTF-8 bytes in a "UTF-8 with stray cp1252" file
MAX_HTML_DEPTH = 200  # lxml drops the text of elements nested deeper than about 255
_WESTERN_ENCODINGS = {"cp1252", "latin_1", "iso8859_15"}
_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP/Office file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "a program",
}


@dataclass(frozen=True)
class RawInput:
    """The bytes of one input and what is known about where they came from."""

    key: str  # resolved path or URL: identifies the input across runs
    data: bytes
    kind: str  # "text" | "markdown" | "html" | "json" | "jsonl"
    url: str | None = None


def kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in TEXT_SUFFIXES:
        return "text"
    raise InputError(
        f"unsupported file type {suffix!r}: use .txt, .md, .html, .json or .jsonl "
        "(convert PDFs and office documents to text first)"
    )


def walk(folder: Path) -> Iterator[Path]:
    """Supported files under ``folder``, recursively, in a stable order.

    Hidden files are skipped, and so are the files that describe a collection
    rather than belong to it (README, LICENSE, CHANGELOG ...: a dataset's
    README.TXT is not a news story). Named on their own, they are read.
    """
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or is_folder_notes(path):
            continue
        if path.is_file() and path.suffix.lower() in SUPPORTED - {""}:
            yield path


def is_folder_notes(path: Path) -> bool:
    return path.stem.upper().replace("-", "_").split(".")[0] in FOLDER_NOTES


def read_file(path: Path, max_bytes: int) -> RawInput:
    kind = kind_of(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"file is too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB); "
                "split it or raise ASSISTANT_MAX_FILE_MB"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from exc
    return RawInput(str(path.resolve()), data, kind)


# --- decoding ----------------------------------------------------------------


def decode(data: bytes) -> str:
    """Bytes to clean text, or an ``InputError`` saying why not."""
    if not data.strip():
        raise InputError("empty input: there is no text to index")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"binary input ({what}), not text")
    head = data[:8192]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif head.count(b"\x00") > MAX_NUL_SHARE * len(head):
        raise InputError("binary input (contains NUL bytes), not text")
    else:
        try:
            text = data.decode("utf-8-sig")  # a stray NUL in valid UTF-8 is dropped by normalize()
        except UnicodeDecodeError:
            if b"\x00" in head:  # not UTF-8 and NULs: random bytes decode "somehow" in a legacy code page
                raise InputError("binary input (contains NUL bytes), not text") from None
            text = _mixed_decode(data) or _guess_decode(data)
    text = normalize(text)
    if not text.strip():
        raise InputError("empty input: no text left after removing control characters")
    return text


def _mixed_decode(data: bytes) -> str | None:
    """UTF-8 with stray legacy bytes (a cp1252 paragraph pasted into a UTF-8 file), or None.

    Only when the data holds at least one valid multi-byte UTF-8 sequence: that
    almost never happens by chance in a legacy code page, so the file is UTF-8
    and each byte run that is not UTF-8 is read as Windows-1252, the commonest
    source of such runs. A file with no UTF-8 sequence at all, or with more than
    a few percent of stray bytes (random data has ~45%), goes to the guesser.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for c in text if 0xDC80 <= ord(c) <= 0xDCFF)
    if stray > MAX_STRAY_SHARE * len(data) or not any(ord(c) > 0x7F and not 0xDC80 <= ord(c) <= 0xDCFF for c in text):
        return None
    return _ESCAPED_BYTES.sub(
        lambda run: bytes(ord(c) - 0xDC00 for c in run.group()).decode("cp1252", errors="replace"), text
    )


def _guess_decode(data: bytes) -> str:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError("unknown text encoding: save the file as UTF-8 and try again")
    # charset-normalizer scores Central European cp1250 level with Western cp1252 when both
    # decode cleanly and then picks cp1250, so "naïve" would come out as "naďve". Western
    # code pages are far more common for news text: prefer them on a tie.
    for match in matches:
        if match.encoding in _WESTERN_ENCODINGS and match.chaos <= best.chaos and match.coherence >= best.coherence:
            best = match
            break
    text = str(best)
    printable = sum(1 for c in text if c.isprintable() or c in "\n\t")
    if printable < 0.95 * len(text):
        raise InputError("binary input or unknown encoding: it does not decode to readable text")
    return text


def normalize(text: str) -> str:
    """Canonical form of stored text: NFC, LF newlines, no invisible/control characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for separator, newline in _LINE_SEPARATORS.items():
        text = text.replace(separator, newline)
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub("", text)


# --- formats -------------------------------------------------------------------


def parse(raw: RawInput) -> tuple[list[ArticleDraft], list[str]]:
    """Drafts found in ``raw`` and a list of per-record problems (for dumps)."""
    if raw.kind in ("json", "jsonl"):
        return _parse_dump(raw)
    text = decode(raw.data)
    if raw.kind == "html":
        return [_parse_html(text, raw.url)], []
    if raw.kind == "markdown":
        text = _strip_markdown(text)
    return [_parse_text(text, raw.url)], []


def _parse_text(text: str, url: str | None) -> ArticleDraft:
    meta, body = _front_matter(text)
    first = next((line.strip() for line in body.split("\n") if line.strip()), "")
    heading = is_heading_line(first) and body.strip() != first
    title = _field(meta, "title") or _shorten(first)
    url = _field(meta, "url") or url
    return ArticleDraft(
        title=title,
        text=body,
        url=url,
        source=_field(meta, "source") or _host(url),
        published=_iso_date(_field(meta, "published")),
        author=_field(meta, "author"),
        body_starts_with_title=heading and not _field(meta, "title"),
    )


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = re.match(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", text, re.DOTALL)
    if not match:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise InputError(f"front matter is not valid YAML: {exc}") from exc
    return (meta if isinstance(meta, dict) else {}), text[match.end() :]


def _strip_markdown(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links keep their text
    text = re.sub(r"^[ \t]{0,3}#{1,6}[ \t]+", "", text, flags=re.MULTILINE)  # heading marks
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return text


def _parse_html(html: str, url: str | None) -> ArticleDraft:
    import trafilatura

    depth = _nesting_depth(html)
    if depth > MAX_HTML_DEPTH:
        html = _flatten(html)
    doc: Any = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = normalize(getattr(doc, "text", None) or "") if doc is not None else ""
    if len(text.split()) < MIN_HTML_WORDS:
        deep = f" (its elements nest {depth} levels deep)" if depth > MAX_HTML_DEPTH else ""
        raise InputError(
            f"no article text found in this HTML page{deep} (it may be navigation only, "
            "or need JavaScript or a login to show the article)"
        )
    title = doc.title or _shorten(text.split("\n", 1)[0])
    page_url = doc.url or url
    return ArticleDraft(
        title=title,
        text=text,
        url=page_url,
        source=doc.sitename or doc.hostname or _host(page_url),
        published=_iso_date(doc.date),
        author=doc.author,
    )


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
# Elements that never hold children, or close themselves when a sibling opens.
_NO_DEPTH = {"br", "hr", "img", "meta", "link", "input", "wbr", "source", "col", "area", "base", "embed"}
_NO_DEPTH |= {"p", "li", "dt", "dd", "tr", "td", "th", "option"}
# Wrappers that only group or style: dropping them keeps the words and their paragraphs.
_WRAPPERS = re.compile(
    r"</?(?:div|span|section|article|main|font|b|i|u|em|strong|small|big|center|blockquote)\b[^>]*>", re.IGNORECASE
)


def _nesting_depth(html: str) -> int:
    """How deep the page's elements nest, counting unclosed ones (linear, no parser)."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(html):
        if self_closing or name.lower() in _NO_DEPTH:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _flatten(html: str) -> str:
    """The page without its grouping and styling elements: lxml reads nothing nested past ~255
    levels, and a page nested that deep (generated, broken or hostile) loses only its layout."""
    return _WRAPPERS.sub(" ", html)


def _parse_dump(raw: RawInput) -> tuple[list[ArticleDraft], list[str]]:
    text = decode(raw.data)
    records: list[Any]
    problems: list[str] = []
    if raw.kind == "jsonl":
        records = []
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                problems.append(f"line {number}: not valid JSON ({exc.msg})")
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON: {exc.msg} at line {exc.lineno}") from exc
        if isinstance(data, dict):
            data = data.get("articles", data.get("data", [data]))
        records = data if isinstance(data, list) else []
    drafts = []
    for number, record in enumerate(records, 1):
        try:
            drafts.append(draft_from_record(record, raw.url))
        except InputError as exc:
            problems.append(f"record {number}: {exc}")
    if not drafts:
        detail = "; ".join(problems[:3]) or "no article records"
        raise InputError(f"no usable articles in this dump ({detail})")
    return drafts, problems


def draft_from_record(record: Any, url: str | None = None) -> ArticleDraft:
    """An article from a dict with fields like title, text, url, published, source, author."""
    if not isinstance(record, dict):
        raise InputError("an article record must be a JSON object")
    body = normalize(_body(record))
    if not body.strip():
        raise InputError("missing or empty 'text' field")
    title = _field(record, "title") or _shorten(body.strip().split("\n", 1)[0])
    link = _field(record, "url") or url
    return ArticleDraft(
        title=normalize(title).strip(),
        text=body,
        url=link,
        source=_field(record, "source") or _host(link),
        published=_published(record),
        author=_field(record, "author"),
    )


def _body(record: dict[str, Any]) -> str:
    """The record's text: a string, or a list of paragraph strings; any other type is an error.

    ``str()`` of a number or an object would be indexed as if it were prose.
    """
    for key in _FIELDS["text"]:
        value = record.get(key)
        if value in (None, "", []):
            continue
        if isinstance(value, str):
            return value
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return "\n\n".join(value)
        raise InputError(f"the {key!r} field is {_json_type(value)}, not text")
    return ""


def _published(record: dict[str, Any]) -> str | None:
    """A date string, or a Unix timestamp in seconds or milliseconds; anything else is no date."""
    for key in _FIELDS["published"]:
        value = record.get(key)
        if isinstance(value, bool) or value in (None, ""):
            continue
        if isinstance(value, int | float):
            seconds = value / 1000 if value > 1e11 else value
            if 1e8 < seconds < 1e10:  # 1973 .. 2286: a plausible timestamp, not a day or a year
                return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
            return None
        return _iso_date(value) if isinstance(value, str) else None
    return None


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


# --- small helpers -------------------------------------------------------------


def _field(record: dict[str, Any], name: str) -> str | None:
    """A metadata field as text: strings, numbers and dates as they are, lists joined (authors);
    objects are skipped rather than stored as their Python ``repr``."""
    for key in _FIELDS[name]:
        value = record.get(key)
        if value in (None, "", []) or isinstance(value, dict | bool):
            continue
        if isinstance(value, list):
            items = [str(v) for v in value if isinstance(v, str | int | float) and not isinstance(v, bool)]
            if not items:
                continue
            return ", ".join(items)
        return str(value)
    return None


def _shorten(line: str) -> str:
    line = " ".join(line.split())
    if len(line) <= MAX_TITLE_CHARS:
        return line
    return line[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname
    return host.removeprefix("www.") if host else None


_YEAR = re.compile(r"(?<!\d)(?:1[89]|2[01])\d\d")


def _iso_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from common date spellings, or None."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    if not _YEAR.search(value):  # dateutil would fill in this month and year: "17" is not a date
        return None
    from dateutil import parser

    try:
        return parser.parse(value, fuzzy=True).date().isoformat()
    except (ValueError, OverflowError):
        return None
