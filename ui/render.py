"""HTML for the chat and the source panel: every piece of article or model text is escaped.

Articles are untrusted input (see issue 6): a title or sentence containing
``<script>`` must show as text. So every string that did not come from this
module goes through ``html.escape``, links are only ever ``http(s)``, and the
only markup is what the functions below write. The HTML is kept on one line
because the chat component runs it through a Markdown renderer, where blank
lines and indentation mean something.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from assistant.types import Answer, Article, Citation, Hit
from ui.citations import CitationKey, Span, make_key

_MARKER = re.compile(r"\[(\d+)\]")
_TIP_CHARS = 240


def _e(text: object) -> str:
    return escape(str(text if text is not None else ""), quote=True)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def safe_url(url: str | None) -> str | None:
    """An article URL fit for an ``href``: only http(s), so ``javascript:`` can never run."""
    if url and re.match(r"^https?://[^\s\"'<>]+$", url.strip(), re.I):
        return url.strip()
    return None


# --- chat messages ---------------------------------------------------------------


def streaming_html(text: str) -> str:
    """The raw model output while it streams (markers not yet checked), with a cursor."""
    body = _e(text).replace("\n", "<br>") if text.strip() else "Searching the articles…"
    return f'<div class="na-streaming">{body}<span class="na-cursor">▌</span></div>'


def error_html(message: str) -> str:
    return f'<div class="na-error" role="alert"><strong>Something went wrong.</strong> {_e(message)}</div>'


def note_html(message: str) -> str:
    return f'<div class="na-note">{_e(message)}</div>'


def _marker_button(citation: Citation, key: str, css: str = "na-cite") -> str:
    tip = f"{citation.title}: {_clip(citation.text, _TIP_CHARS)}"
    return (
        f'<button type="button" class="{css}" data-cite="{_e(key)}" title="{_e(tip)}" '
        f'aria-label="Source {citation.marker}">[{citation.marker}]</button>'
    )


def _keys(citations: Sequence[Citation]) -> dict[int, str]:
    """Each marker's key: its sentence first, then the answer's other sentences in that article."""
    by_article: dict[str, list[Span]] = {}
    for c in citations:
        by_article.setdefault(c.article_id, []).append((c.start, c.end))
    return {c.marker: make_key(c.article_id, (c.start, c.end), by_article[c.article_id]) for c in citations}


def _with_markers(text: str, buttons: dict[int, str]) -> str:
    """The answer text, escaped, with each known ``[n]`` turned into its clickable marker."""
    out: list[str] = []
    last = 0
    for match in _MARKER.finditer(text):
        out.append(_e(text[last : match.start()]))
        out.append(buttons.get(int(match.group(1)), _e(match.group(0))))
        last = match.end()
    out.append(_e(text[last:]))
    return "".join(out).replace("\n", "<br>")


def answer_html(answer: Answer, notice: str | None = None) -> str:
    """The verified answer: clickable markers in the text and a numbered source list under it."""
    if answer.abstained:
        return abstained_html(answer, notice)
    keys = _keys(answer.citations)
    buttons = {c.marker: _marker_button(c, keys[c.marker]) for c in answer.citations}
    sources = "".join(
        f'<li>{_marker_button(c, keys[c.marker], "na-cite na-src")} <span class="na-src-title">{_e(c.title)}</span>'
        f'<span class="na-src-text">“{_e(_clip(c.text, 300))}”</span></li>'
        for c in answer.citations
    )
    extra = note_html(notice) if notice else ""
    return (
        f'<div class="na-answer"><div class="na-text">{_with_markers(answer.answer, buttons)}</div>'
        f'<ol class="na-sources">{sources}</ol>{extra}</div>'
    )


def _hit_item(hit: Hit) -> str:
    key = make_key(hit.article_id, (hit.start, hit.end))
    return (
        f'<li><button type="button" class="na-cite na-src" data-cite="{_e(key)}" '
        f'title="Show in the article">{_e(_clip(hit.title, 80))}</button> '
        f'<span class="na-src-text">{_e(_clip(hit.text, 200))}</span></li>'
    )


def abstained_html(answer: Answer, notice: str | None = None, shown: int = 3) -> str:
    """An abstention looks unlike an answer: a notice, and what was searched for it."""
    hits = answer.retrieved[:shown]
    if hits:
        found = (
            f"<p>Closest sentences found (none of them answers it):</p>"
            f'<ol class="na-retrieved">{"".join(_hit_item(h) for h in hits)}</ol>'
        )
    else:
        found = "<p>No sentence matched: the index may be empty, or the filters in Settings exclude every article.</p>"
    extra = note_html(notice) if notice else ""
    return (
        f'<div class="na-abstained"><div class="na-abstained-head">Not in the articles</div>'
        f'<div class="na-text">{_e(answer.answer)}</div>'
        f'<details class="na-searched" open><summary>What was searched</summary>'
        f"<p>Question: <q>{_e(answer.question)}</q></p>{found}</details>{extra}</div>"
    )


# --- the source panel ------------------------------------------------------------


def empty_panel_html() -> str:
    return (
        '<div class="na-panel na-panel-empty">Click or hover a citation marker such as '
        "<b>[1]</b> to see the sentence in its article.</div>"
    )


def panel_message_html(message: str) -> str:
    return f'<div class="na-panel na-panel-empty">{_e(message)}</div>'


def _valid(spans: Sequence[Span], length: int) -> list[Span]:
    """Spans inside the text, in order, without overlaps (the key came from the browser)."""
    kept: list[Span] = []
    for start, end in sorted({(max(0, s), min(length, e)) for s, e in spans}):
        if start < end and (not kept or start >= kept[-1][1]):
            kept.append((start, end))
    return kept


def _sentence_of(article: Article, span: Span) -> int | None:
    for i, s in enumerate(article.spans):
        if (s.start, s.end) == span:
            return i
    return None


def _regions(article: Article, key: CitationKey) -> list[tuple[int, int, str]]:
    """What to mark: the clicked span, the answer's other spans, and the clicked sentence's neighbours."""
    length = len(article.text)
    cited = _valid(key.spans, length)
    active = key.active if key.active in cited else None
    regions = [(s, e, "na-hl na-active" if (s, e) == active else "na-hl") for s, e in cited]
    index = _sentence_of(article, active) if active else None
    if index is not None:
        for j in (index - 1, index + 1):
            if 0 <= j < len(article.spans):
                span = (article.spans[j].start, article.spans[j].end)
                if not any(s < span[1] and span[0] < e for s, e, _ in regions):
                    regions.append((*span, "na-near"))
    return sorted(regions)


def highlighted_text(article: Article, key: CitationKey) -> str:
    """The whole article text, escaped, with the cited offsets wrapped in ``<mark>``."""
    text = article.text
    out: list[str] = []
    last = 0
    for start, end, css in _regions(article, key):
        out.append(_e(text[last:start]))
        tag = "mark" if "na-hl" in css else "span"
        ident = ' id="na-active"' if "na-active" in css else ""
        out.append(f'<{tag} class="{css}"{ident}>{_e(text[start:end])}</{tag}>')
        last = end
    out.append(_e(text[last:]))
    return "".join(out)


def _meta(article: Article) -> str:
    parts = [_e(x) for x in (article.source, (article.published or "")[:10], article.author) if x]
    url = safe_url(article.url)
    if url:
        parts.append(f'<a href="{_e(url)}" target="_blank" rel="noopener noreferrer nofollow">{_e(_clip(url, 70))}</a>')
    return " · ".join(parts)


def source_panel_html(article: Article, key: CitationKey) -> str:
    """The article with the cited sentence(s) highlighted; the page scrolls ``#na-active`` into view."""
    active = key.active
    index = _sentence_of(article, active) if active else None
    where = f"Sentence {index + 1} of {len(article.spans)}" if index is not None else f"{len(article.spans)} sentences"
    return (
        f'<div class="na-panel" data-article="{_e(article.id)}">'
        f'<div class="na-panel-title">{_e(article.title)}</div>'
        f'<div class="na-panel-meta">{_meta(article)}</div>'
        f'<div class="na-panel-where">{where}</div>'
        f'<div class="na-panel-text" id="na-panel-text">{highlighted_text(article, key)}</div></div>'
    )


# --- the articles tab ------------------------------------------------------------


def articles_table_html(articles: Sequence[Article]) -> str:
    """The indexed articles; a title opens the article in the source panel."""
    if not articles:
        return '<div class="na-note">No articles match. Add some with the upload or URL box.</div>'
    rows = "".join(
        f'<tr><td><button type="button" class="na-cite na-title" data-cite="{_e(a.id)}:">{_e(a.title)}</button>'
        f'<div class="na-id">{_e(a.id)}</div></td><td>{_e(a.source or "–")}</td>'
        f'<td>{_e((a.published or "–")[:10])}</td><td class="na-num">{len(a.spans)}</td></tr>'
        for a in articles
    )
    return (
        '<table class="na-articles"><thead><tr><th>Title</th><th>Source</th><th>Published</th>'
        f'<th class="na-num">Sentences</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def ingest_rows_html(rows: Sequence[tuple[str, str, str]]) -> str:
    """One line per uploaded file or URL: its name, its status and what happened."""
    if not rows:
        return ""
    body = "".join(
        f'<tr class="na-status-{_e(status)}"><td>{_e(name)}</td><td>{_e(status)}</td><td>{_e(detail)}</td></tr>'
        for name, status, detail in rows
    )
    return (
        f'<table class="na-report"><thead><tr><th>Input</th><th>Result</th><th>Details</th></tr></thead>{body}</table>'
    )
