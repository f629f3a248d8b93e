"""The Articles tab without Gradio: list, filter, remove, and ingest uploads and URLs.

Each upload or URL is ingested on its own so the page can show progress per
input and a result line for each; a bad file is one failed line, never a
failed batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import AssistantError
from assistant.types import Article, IngestReport, IngestStatus
from ui.uploads import UploadError, store_upload, uploads_dir

if TYPE_CHECKING:
    from assistant.core import Assistant

Row = tuple[str, str, str]  # input name, status, details
Progress = Callable[[int, int, str], None]  # done, total, what is being read now
MAX_URLS = 20


def filter_articles(articles: Sequence[Article], query: str | None) -> list[Article]:
    needle = (query or "").strip().casefold()
    if not needle:
        return list(articles)
    return [a for a in articles if any(needle in (f or "").casefold() for f in (a.id, a.title, a.source, a.url))]


def sources_of(articles: Sequence[Article]) -> list[str]:
    return sorted({a.source for a in articles if a.source}, key=str.casefold)


def choice_label(article: Article) -> str:
    title = article.title if len(article.title) <= 70 else article.title[:69] + "…"
    return f"{title} ({article.id})"


def _row(name: str, report: IngestReport) -> Row:
    if not report.results:
        return (name, "failed", "nothing to ingest: not a supported article file")
    result = report.results[0]
    if result.status is IngestStatus.FAILED:
        return (name, "failed", result.reason or "could not be read")
    articles = len(result.articles)
    detail = f"{articles} article{'s' if articles != 1 else ''}"
    if result.sentences_added:
        detail += f", {result.sentences_added} new sentences"
    if result.reason:
        detail += f"; skipped: {result.reason}"
    return (name, result.status.value, detail)


def _ingest_one(assistant: Assistant, name: str, item: str) -> Row:
    try:
        return _row(name, assistant.ingest([item]))
    except AssistantError as exc:
        return (name, "failed", str(exc))


def parse_urls(text: str | None) -> tuple[list[str], list[Row]]:
    """The http(s) URLs in a pasted block (one per line or space-separated) and rows for the rest."""
    urls: list[str] = []
    bad: list[Row] = []
    for token in (text or "").split():
        if token.startswith(("http://", "https://")):
            if token not in urls:
                urls.append(token)
        else:
            bad.append((token[:80], "failed", "not an http(s) URL"))
    if len(urls) > MAX_URLS:
        bad += [(u[:80], "failed", f"at most {MAX_URLS} URLs at a time") for u in urls[MAX_URLS:]]
        urls = urls[:MAX_URLS]
    return urls, bad


def ingest_inputs(
    assistant: Assistant,
    files: Sequence[tuple[Path, str]],
    urls_text: str | None,
    progress: Progress | None = None,
) -> list[Row]:
    """Store the uploads under the index's ``uploads/`` folder, then ingest them and the URLs."""
    settings = assistant.settings
    folder = uploads_dir(Path(settings.index_dir))
    max_bytes = int(settings.max_file_mb * 1_000_000)
    urls, rows = parse_urls(urls_text)
    jobs: list[tuple[str, str]] = []
    for path, name in files:
        try:
            stored = store_upload(path, name, folder, max_bytes)
            jobs.append((stored.name, str(stored.path)))
        except (UploadError, OSError) as exc:
            rows.append((Path(name or "?").name, "failed", str(exc)))
    jobs += [(url, url) for url in urls]
    for done, (name, item) in enumerate(jobs):
        if progress:
            progress(done, len(jobs), name)
        rows.append(_ingest_one(assistant, name, item))
    if progress:
        progress(len(jobs), len(jobs), "done")
    return rows
