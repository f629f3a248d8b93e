"""Incremental ingestion: inputs in, articles with embedded sentences stored.

Each input (a file, a URL, a dump file, or an in-memory record) is identified
by a key (resolved path or URL) and a hash of its bytes. The store remembers,
for every article, which inputs it came from, so that:

* an input whose bytes did not change, and whose articles are all stored, is
  skipped before it is even parsed;
* an article is its text at its place: its id is a hash of the text and its
  canonical URL, or, without a URL, the resolved path of the file it came from.
  The same file reached through a symlink or a relative path, or one page
  reached through two URLs that name the same canonical URL, is stored once
  and only gains a reference; two files that happen to hold the same story
  are two articles (search shows identical text once);
* a changed input adds its new articles and drops the ones it no longer
  contains (an article goes when no input references it any more).

Embedding is batched across large chunks of the run, sorted by token length,
because that is where the time goes. Failures are per input and never stop the
batch.

A run holds the index's write lock from start to end (a second writer waits,
then gets "index is busy"), first clears what an interrupted run left behind,
and writes each chunk of articles sentences-first, article-record-last (see
``assistant.store.chroma``): killed at any moment, the index holds each article
completely or not at all, and running the same ingest again finishes the job.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

from assistant.embed import Embedder, ProgressFn
from assistant.errors import InputError
from assistant.indexing import sentence_document
from assistant.ingest import readers
from assistant.ingest.fetch import fetch
from assistant.ingest.segment import layout
from assistant.store.chroma import ChromaStore
from assistant.types import (
    Article,
    ArticleDraft,
    ArticleId,
    IngestReport,
    IngestResult,
    IngestStatus,
    content_id,
)

InputItem = str | Path | dict[str, Any]
# Sorting by length within this many sentences removes nearly all padding; smaller
# chunks would pad more, larger ones hold more vectors in memory before a write.
EMBED_CHUNK_SENTENCES = 16384
# Query parameters that say how a reader arrived, not which page it is.
TRACKING_PREFIX = "utm_"
TRACKING_KEYS = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid", "cmpid", "ocid"})


def build_article(draft: ArticleDraft, ingested_at: str, place: str = "") -> Article:
    """An article with its sentences; ``place`` (a file's resolved path) names it when it has no URL."""
    spans, credits, headings = layout(draft.text, skip_first_heading=draft.body_starts_with_title)
    if not spans:
        raise InputError("no body sentences found (only headings or boilerplate)")
    origin = canonical_url(draft.url) if draft.url else place
    return Article(
        id=content_id(f"{origin}\n{draft.text}" if origin else draft.text),
        title=draft.title,
        text=draft.text,
        spans=tuple(spans),
        url=draft.url,
        source=draft.source,
        published=draft.published,
        author=draft.author,
        ingested_at=ingested_at,
        credits=tuple(credits),
        headings=tuple(headings),
    )


@dataclass
class _Plan:
    """What this run will change in the store."""

    new: dict[ArticleId, Article] = field(default_factory=dict)
    inputs: dict[ArticleId, dict[str, str]] = field(default_factory=dict)
    touched: set[ArticleId] = field(default_factory=set)


class Ingestor:
    def __init__(
        self,
        store: ChromaStore,
        embedder: Callable[[], Embedder],
        *,
        max_bytes: int,
        fetch_timeout: float,
        progress: bool = True,
    ) -> None:
        self._store = store
        self._embedder = embedder
        self._max_bytes = max_bytes
        self._fetch_timeout = fetch_timeout
        self._progress = progress

    def run(self, items: Iterable[InputItem]) -> IngestReport:
        from tqdm.auto import tqdm

        started = datetime.now(UTC)
        now = started.isoformat(timespec="seconds")
        results: list[IngestResult] = []
        with self._store.writing():
            self._repair()
            self._store.drop_orphans()
            stored = self._store.article_inputs()
            plan = _Plan(inputs={aid: dict(refs) for aid, refs in stored.items()})
            sources = list(self._expand(items))
            bar = tqdm(sources, desc="Reading", unit="input", disable=not self._progress or len(sources) < 2)
            for key, load in bar:
                try:
                    results.append(self._plan_input(key, load, plan, now))
                except InputError as exc:
                    results.append(IngestResult(key, IngestStatus.FAILED, reason=str(exc)))
            self._write(plan, stored)
        seconds = (datetime.now(UTC) - started).total_seconds()
        return IngestReport(tuple(results), seconds)

    def _repair(self) -> None:
        """Rebuild the vectors from the stored article records if Chroma cannot read them.

        Chroma's vector files can be left unreadable by a crash while Chroma persists
        them; the article records (full text, spans, inputs), which Chroma keeps in
        SQLite, are enough to embed again: the sentences alone, or, when the
        articles' own vectors are torn, both collections from a copy of the records.
        Until the rebuild finishes the index says it is damaged, so no reader sees
        articles without their sentences; a rebuild killed half-way starts again.
        """
        broken = self._store.damaged()
        if not broken:
            return
        log = logging.getLogger("assistant")
        if "articles" in broken:
            log.warning("The index's article vectors are damaged: rebuilding every vector from the article records.")
            articles, inputs = self._store.reset_all()
            for items in _embedded(articles, self._embedder()):
                self._store.add_articles(items, inputs)
        else:
            log.warning("The index's sentence vectors are damaged: rebuilding them.")
            articles = self._store.articles()
            self._store.reset_sentences()
            for items in _embedded(articles, self._embedder()):
                self._store.add_sentences(items)
        self._store.repaired()

    # --- planning ------------------------------------------------------------

    def _expand(self, items: Iterable[InputItem]) -> Iterator[tuple[str, Callable[[], readers.RawInput]]]:
        for item in items:
            if isinstance(item, dict):
                yield from self._record(item)
            elif isinstance(item, str) and item.startswith(("http://", "https://")):
                yield item, partial(fetch, item, timeout=self._fetch_timeout, max_bytes=self._max_bytes)
            else:
                path = Path(item).expanduser()
                files = readers.walk(path) if path.is_dir() else [path]
                for file in files:
                    yield str(file.resolve()), partial(self._read, file)

    def _record(self, record: dict[str, Any]) -> Iterator[tuple[str, Callable[[], readers.RawInput]]]:
        import json

        data = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
        key = f"record:{content_id(str(record.get('text', data)))}"
        yield key, lambda: readers.RawInput(key, data, "json")

    def _read(self, path: Path) -> readers.RawInput:
        if not path.exists():
            raise InputError("no such file or folder")
        return readers.read_file(path, self._max_bytes)

    def _plan_input(self, key: str, load: Callable[[], readers.RawInput], plan: _Plan, now: str) -> IngestResult:
        raw = load()
        digest = hashlib.sha256(raw.data).hexdigest()[:16]
        before = {aid for aid, refs in plan.inputs.items() if key in refs}
        if _complete(before, {plan.inputs[aid][key] for aid in before}, digest):
            return IngestResult(key, IngestStatus.UNCHANGED, tuple(sorted(before)))
        drafts, problems = readers.parse(raw)
        articles: dict[ArticleId, Article] = {}
        for draft in drafts:
            try:
                article = build_article(draft, now, place=_place(key))
            except InputError as exc:
                problems.append(f"{draft.title[:60]!r}: {exc}")
                continue
            articles.setdefault(article.id, article)
        if not articles:
            raise InputError("; ".join(problems) or "no articles found")
        added = 0
        stamp = f"{digest}/{len(articles)}"
        for aid, article in articles.items():
            if aid not in plan.inputs:
                plan.new[aid] = article
                plan.inputs[aid] = {}
                added += len(article.spans)
            plan.inputs[aid][key] = stamp
            plan.touched.add(aid)
        for aid in before - articles.keys():
            plan.inputs[aid].pop(key, None)
            plan.touched.add(aid)
        status = IngestStatus.ADDED if not before else IngestStatus.UPDATED
        if before == set(articles):
            status = IngestStatus.UNCHANGED
        reason = "; ".join(problems) if problems else None
        return IngestResult(key, status, tuple(sorted(articles)), reason, added)

    # --- writing -------------------------------------------------------------

    def _write(self, plan: _Plan, stored: dict[ArticleId, dict[str, str]]) -> None:
        new = list(plan.new.values())
        if new:
            self._embed_and_store(new, plan.inputs)
        for aid in plan.touched - plan.new.keys():
            if plan.inputs[aid] and plan.inputs[aid] != stored.get(aid):
                self._store.set_inputs(aid, plan.inputs[aid])
        gone = [aid for aid in plan.touched if not plan.inputs[aid]]
        self._store.remove(gone)

    def _embed_and_store(self, articles: Sequence[Article], inputs: dict[ArticleId, dict[str, str]]) -> None:
        from tqdm.auto import tqdm

        embedder = self._embedder()
        self._store.check_dimension(embedder.dim)
        total = sum(len(a.spans) for a in articles)
        with tqdm(total=total, desc="Embedding", unit="sent", disable=not self._progress) as bar:
            for items in _embedded(articles, embedder, progress=bar.update):
                self._store.add_articles(items, inputs)


def _embedded(
    articles: Sequence[Article], embedder: Embedder, progress: ProgressFn | None = None
) -> Iterator[list[tuple[Article, np.ndarray]]]:
    """Chunk by chunk, each article with the vectors of all its sentences, in order."""
    for chunk in _chunks(articles, EMBED_CHUNK_SENTENCES):
        texts = [sentence_document(a.title, s.text) for a in chunk for s in a.sentences]
        vectors = embedder.embed(texts, progress=progress)
        items, offset = [], 0
        for article in chunk:
            items.append((article, vectors[offset : offset + len(article.spans)]))
            offset += len(article.spans)
        yield items


def _place(key: str) -> str:
    """The input key that names an article without a URL: a file's path, never an in-memory record's hash."""
    return "" if key.startswith("record:") else key


def canonical_url(url: str) -> str:
    """``url`` without its fragment and tracking parameters, so one page has one name."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def _tracking(key: str) -> bool:
    key = key.lower()
    return key.startswith(TRACKING_PREFIX) or key in TRACKING_KEYS


def _complete(stored: set[ArticleId], stamps: set[str], digest: str) -> bool:
    """Whether an input with these bytes is already fully stored, so it can be skipped unread.

    Each stored article records, per input, ``<bytes hash>/<articles in that input>``:
    an input whose ingest was interrupted after some of its articles landed has
    fewer stored articles than its stamp says, and is read again.
    """
    if len(stamps) != 1:
        return False
    stored_digest, _, count = next(iter(stamps)).partition("/")
    return stored_digest == digest and count.isdigit() and len(stored) == int(count)


def _chunks(articles: Sequence[Article], max_sentences: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    size = 0
    for article in articles:
        chunk.append(article)
        size += len(article.spans)
        if size >= max_sentences:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk
