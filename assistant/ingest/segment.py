"""Split an article's text into citable sentences with exact character offsets.

The text is never rewritten here: every span satisfies
``text[span.start:span.end] == sentence`` by construction, because spans are
only ever narrowed (whitespace trimmed) or joined, never re-typed.

Layout first, sentences second:

1. Lines are grouped into units. Plain news text puts one paragraph on each
   line; wire copy (Reuters) is hard-wrapped at ~70 columns, where a single
   newline is just a space. We detect which convention a text follows.
2. A unit is a heading (short, no closing punctuation, followed by more text),
   site boilerplate ("Follow us on ...", "All rights reserved", and everything
   after such a line at the end of the article), or body text. Headings become
   the ``section`` of the sentences under them, and are kept apart as spans of
   their own (``headings``) that a question about one can cite; boilerplate is no body
   sentence, but its lines are kept apart as credit lines (``credit_lines``):
   "Follow Example.com on Google News" is the one place a text may name its site.
3. Body units are split into sentences by blingfire's sentence model, then
   repaired: a "sentence" starting in lower case, or a bare list of names
   after a stray full stop, continues the previous one;
   fragments without letters are dropped, and overly long runs are cut at
   clause boundaries so the embedder (256 word pieces) sees all of them.

This module does not know about files, titles or storage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import blingfire

from assistant.types import Span

MAX_SENTENCE_CHARS = 700
HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 100

# Closing punctuation that ends a sentence (possibly followed by quotes/brackets).
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
_STARTS_LOWER = re.compile(r"^[\"'“‘«(\[]*[a-z]")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_CLAUSE_BREAK = re.compile(r"[;:,]\s+|\s+[–—-]\s+")

# Site furniture that is never evidence. Kept generic: phrases any news site uses.
# The networks a page asks readers to follow it on; answer.publisher reads the site named before one.
SOCIAL_NETWORKS = r"(?:google news|facebook|twitter|x\.com|instagram|telegram|linkedin|youtube|tiktok|whatsapp|threads)"
_BOILERPLATE = re.compile(
    r"|".join(
        [
            rf"^\W*follow\b.{{0,60}}\bon {SOCIAL_NETWORKS}",
            rf"^\W*(like|join) us on {SOCIAL_NETWORKS}",
            r"^\W*(subscribe|sign up)\b.{0,80}\b(newsletter|updates|alerts|channel|to our)",
            r"^\W*(all rights reserved|copyright\b|©)",
            r"\ball rights reserved\W*$",
            r"^\W*(share|tweet|email) (this|on)\b",
            r"^\W*(read more|related( articles| stories)?|see also|more on this story)\W*:?\W*$",
            r"^\W*(advertisement|sponsored content|click here)\b",
            r"^\W*download (the|our) app\b",
        ]
    ),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Unit:
    """A run of text that sentences never cross: a paragraph or a heading."""

    start: int
    end: int
    kind: str  # "body" | "heading" | "boilerplate"


def layout(text: str, *, skip_first_heading: bool = False) -> tuple[list[Span], list[Span], list[Span]]:
    """The body sentences, the credit lines and the section headings of ``text``, from one reading of its layout."""
    units = _units(text)
    return (
        _body(text, units, skip_first_heading),
        _credit_lines(text, units),
        _headings(text, units, skip_first_heading),
    )


def segment(text: str, *, skip_first_heading: bool = False) -> list[Span]:
    """Return the body sentences of ``text`` as spans, each with its section."""
    return _body(text, _units(text), skip_first_heading)


def headings(text: str, *, skip_first_heading: bool = False) -> list[Span]:
    """The section headings of ``text``, trimmed: never searched, but citable when a reader asks about one."""
    return _headings(text, _units(text), skip_first_heading)


def credit_lines(text: str) -> list[Span]:
    """The lines of ``text``'s site boilerplate, trimmed: never searched, but citable for who published it."""
    return _credit_lines(text, _units(text))


def _body(text: str, units: list[_Unit], skip_first_heading: bool) -> list[Span]:
    spans: list[Span] = []
    section: str | None = None
    for i, unit in enumerate(units):
        if unit.kind == "heading":
            if _kept_heading(i, skip_first_heading):
                section = text[unit.start : unit.end].strip()
            continue
        if unit.kind == "boilerplate":
            continue
        for start, end in _sentences(text, unit.start, unit.end):
            spans.append(Span(start, end, section))
    return spans


def _headings(text: str, units: list[_Unit], skip_first_heading: bool) -> list[Span]:
    return [
        Span(*_trim(text, unit.start, unit.end))
        for i, unit in enumerate(units)
        if unit.kind == "heading" and _kept_heading(i, skip_first_heading)
    ]


def _kept_heading(index: int, skip_first_heading: bool) -> bool:
    """Whether the heading unit at ``index`` heads a section: the first one may be the article's title."""
    return not (skip_first_heading and index == 0)


def _credit_lines(text: str, units: list[_Unit]) -> list[Span]:
    spans: list[Span] = []
    for unit in units:
        if unit.kind != "boilerplate":
            continue
        for start, end in _lines(text[unit.start : unit.end]):
            s, e = _trim(text, unit.start + start, unit.start + end)
            if s < e and _HAS_LETTER.search(text[s:e]):
                spans.append(Span(s, e))
    return spans


def is_heading_line(line: str) -> bool:
    """Short line without closing punctuation: a headline or section heading."""
    stripped = line.strip()
    if not stripped or _TERMINAL.search(stripped) or _STARTS_LOWER.match(stripped):
        return False
    return len(stripped) <= HEADING_MAX_CHARS and len(stripped.split()) <= HEADING_MAX_WORDS


# --- layout ----------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its newline."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Wire copy wraps paragraphs at a fixed width: most lines are long and open-ended."""
    candidates = [(s, e) for s, e in lines if e - s >= 8]
    if len(candidates) < 4:
        return False
    open_long = sum(1 for s, e in candidates if e - s >= 50 and not _TERMINAL.search(text[s:e]))
    widths = sorted(e - s for s, e in candidates)
    narrow = widths[int(len(widths) * 0.9)] <= 90
    return narrow and open_long / len(candidates) >= 0.35


def _units(text: str) -> list[_Unit]:
    lines = _lines(text)
    wrapped = _is_hard_wrapped(text, lines)
    blocks = _blocks(text, lines, wrapped)
    units: list[_Unit] = []
    for index, (start, end) in enumerate(blocks):
        chunk = text[start:end]
        has_next = index + 1 < len(blocks)
        if _BOILERPLATE.search(chunk.strip()) and len(chunk) < 300:
            units.append(_Unit(start, end, "boilerplate"))
        elif has_next and "\n" not in chunk.strip() and is_heading_line(chunk):
            units.append(_Unit(start, end, "heading"))
        else:
            units.append(_Unit(start, end, "body"))
    return _drop_footer(units)


def _blocks(text: str, lines: list[tuple[int, int]], wrapped: bool) -> list[tuple[int, int]]:
    """Group lines into paragraphs: by blank lines if hard-wrapped, else line by line."""
    blocks: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            if current:
                blocks.append(current)
            current = None
            continue
        joinable = wrapped and current is not None and not _is_heading_block(text, current)
        if joinable and current is not None:
            current = (current[0], end)
        else:
            if current:
                blocks.append(current)
            current = (start, end)
    if current:
        blocks.append(current)
    return blocks


def _is_heading_block(text: str, block: tuple[int, int]) -> bool:
    chunk = text[block[0] : block[1]]
    return "\n" not in chunk and len(chunk.strip()) < 40 and is_heading_line(chunk)


def _drop_footer(units: list[_Unit]) -> list[_Unit]:
    """Everything after boilerplate near the end of an article is footer, too."""
    tail_start = max(0, len(units) - 4)
    for i in range(tail_start, len(units)):
        if units[i].kind == "boilerplate":
            return units[:i] + [_Unit(u.start, u.end, "boilerplate") for u in units[i:]]
    return units


# --- sentences -------------------------------------------------------------


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    chunk = text[start:end]
    raw = [(start + a, start + b) for a, b in _blingfire_offsets(chunk)]
    merged: list[tuple[int, int]] = []
    for s, e in (_trim(text, s, e) for s, e in raw):
        if s >= e:
            continue
        continues = _STARTS_LOWER.match(text[s:e]) or is_name_list(text[s:e])
        if merged and (continues or _closes_open_quote(text[merged[-1][0] : merged[-1][1]], text[s:e])):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    for s, e in merged:
        if not _HAS_LETTER.search(text[s:e]):
            continue
        yield from _cut_long(text, s, e)


def _closes_open_quote(before: str, sentence: str) -> bool:
    """A quotation that runs over two sentences is one citable unit with its attribution.

    ("“We agree. Our aim is peace,” the minister said." names its speaker only
    at the end; cut in two, the first half has no speaker at all.)
    """
    opened = before.count("“") + before.count("«") > before.count("”") + before.count("»")
    straight = before.count('"') % 2 == 1
    return (opened and ("”" in sentence or "»" in sentence)) or (straight and '"' in sentence)


_WORD = r"[^\W\d_][\w’'-]*"
_CONNECTIVES = {"and", "or", "&", "as", "well", "de", "of", "the", "von", "van", "al"}


def is_name_list(sentence: str) -> bool:
    """A verbless run of names ("Iran, Tajikistan and Uzbekistan.") continues the sentence before.

    Stray full stops inside a list are common in scraped and translated news.
    """
    words = re.findall(_WORD, sentence)
    if not 2 <= len(words) <= 10 or ("," not in sentence and " and " not in sentence):
        return False
    return is_name(sentence)


def is_name(text: str) -> bool:
    """Whether every word of ``text`` is capitalised, or joins names ("Bosnia and Herzegovina")."""
    words = re.findall(_WORD, text)
    return bool(words) and all(w[0].isupper() or w.lower() in _CONNECTIVES for w in words)


def _blingfire_offsets(chunk: str) -> list[tuple[int, int]]:
    if not chunk.strip():
        return []
    _, offsets = blingfire.text_to_sentences_and_offsets(chunk)
    return [(a, b) for a, b in offsets] or [(0, len(chunk))]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut_long(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut a run-on sentence at clause breaks so no piece exceeds the limit."""
    if end - start <= MAX_SENTENCE_CHARS:
        yield start, end
        return
    middle = (start + end) // 2
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, start + 50, end - 50)]
    if breaks:
        cut = min(breaks, key=lambda b: abs(b - middle))
    else:
        space = text.rfind(" ", start + 1, middle + 1)
        cut = space + 1 if space > start else middle
    left, right = _trim(text, start, cut), _trim(text, cut, end)
    yield from _cut_long(text, *left)
    yield from _cut_long(text, *right)
