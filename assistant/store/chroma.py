"""The vector store: Chroma, written and read directly (no llama-index nodes).

The only module that imports chromadb. Two collections per index:

* ``<name>-sentences``: one record per body sentence: id ``<article>:<index>``, its
  vector, and filterable metadata (article, index, source, date). No text: a
  sentence's text is a slice of its article's, which readers already load, so
  storing it again (or llama-index's ``_node_content``, ~9-16 KB a sentence) only
  cost disk and write time.
* ``<name>-articles``: one record per article: the full text as the document,
  a vector (mean of its sentence vectors) for article-level retrieval, and
  metadata (title, url, source, dates, sentence spans, the inputs it came from).

Per-article atomicity (a SIGKILL at any moment loses no stored article and leaves
no half article visible): an article's record is its commit marker, written only
after all its sentence vectors landed; readers only reach sentences through
article records. Before writing or deleting, the ids concerned are noted in a
journal (``pending`` in the collection metadata), so the next writer deletes the
sentences of any article whose record never landed (or was deleted first). One
``add`` is one SQLite transaction in Chroma, so a record is never half written.
A folder index is read under a shared file lock and written under an exclusive
one (``lock.IndexLock``): Chroma's embedded store is not safe across processes,
and a cleanup must never touch another writer's in-flight sentences.

The same code path serves an embedded persistent Chroma (a folder) and a
Chroma server (a URL). The sentences collection's metadata records the
embedding model, the schema, and a generation counter bumped on every change,
which lets derived caches (the lexical index) know when they are stale.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from assistant.errors import AssistantError, IndexDamagedError, IndexMismatchError, StoreUnavailableError
from assistant.store import hnsw_files
from assistant.store.lock import IndexLock, creating
from assistant.types import Article, ArticleId, SentenceId, Span, content_id, sentence_id

# 2: sentences stored without text or llama-index node metadata (schema 1 went through
# llama-index's ChromaVectorStore); the journal also covers deletions.
SCHEMA_VERSION = 2
READ_PAGE = 2000
REBUILD_FILE = "articles-rebuild.jsonl"  # every article record, while a rebuild runs
_COLLECTION: dict[str, Any] = {"embedding_function": None, "configuration": {"hnsw": {"space": "cosine"}}}
logging.getLogger("chromadb").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval to some sources and a publication date range (inclusive).

    ``exclude`` names articles to leave out (applied to loaded articles, not in
    Chroma's query): the answerer uses it to rank without untrusted articles.
    """

    sources: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    exclude: frozenset[ArticleId] = frozenset()

    @property
    def active(self) -> bool:
        return bool(self.sources or self.date_from or self.date_to)


def day_number(value: str | None) -> int:
    """Days since 1970-01-01 of an ISO date (prefix), or -1 when unknown."""
    if not value:
        return -1
    try:
        return (date.fromisoformat(value[:10]) - date(1970, 1, 1)).days
    except ValueError:
        return -1


def _where(filters: Filters | None) -> dict[str, Any] | None:
    if filters is None or not filters.active:
        return None
    clauses: list[dict[str, Any]] = []
    if filters.sources:
        clauses.append({"source": {"$in": list(filters.sources)}})
    if filters.date_from:
        clauses.append({"published_day": {"$gte": day_number(filters.date_from)}})
    if filters.date_to:
        clauses.append({"published_day": {"$lte": day_number(filters.date_to)}})
        clauses.append({"published_day": {"$gte": 0}})
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class ChromaStore:
    def __init__(
        self,
        *,
        path: Path | None = None,
        url: str | None = None,
        name: str = "news",
        model_name: str,
        write_wait: float = 10.0,
        heal: Callable[[], None] | None = None,
    ) -> None:
        """``heal``: rebuilds what a crash left damaged (an ingest of nothing), tried on the first read."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        self._client: Any
        self._sentences: Any
        self._articles: Any
        if url:
            parsed = urlparse(url)
            try:
                self._client = chromadb.HttpClient(
                    host=parsed.hostname or "127.0.0.1",
                    port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                    ssl=parsed.scheme == "https",
                    settings=settings,
                )
                self._client.heartbeat()
            except Exception as exc:
                raise StoreUnavailableError(
                    f"Cannot reach the Chroma server at {url}: {exc}. Start it with "
                    "`chroma run --path DIR --host 127.0.0.1 --port 8000` or drop --chroma-url "
                    "to use the embedded index."
                ) from exc
            self._sentences, self._articles = self._collections(name, model_name)
            self.location = url
            lock_file = Path(tempfile.gettempdir()) / f"news-assistant-{content_id(url + name)}.lock"
        else:
            assert path is not None
            if not (path / "chroma").exists():
                # chromadb caches one client per path for the whole process: a folder
                # deleted and re-created behind its back would be served stale.
                from chromadb.api.client import SharedSystemClient

                SharedSystemClient.clear_system_cache()
            path.mkdir(parents=True, exist_ok=True)
            with creating(path / f"{name}.open.lock"):  # Chroma's first open of a folder is not safe to race
                self._client = chromadb.PersistentClient(path=str(path / "chroma"), settings=settings)
                self._sentences, self._articles = self._collections(name, model_name)
            self.location = str(path)
            lock_file = path / f"{name}.lock"
        self.model_name = model_name
        self._lock = IndexLock.at(lock_file, write_wait)
        self._local = url is None  # a server is safe for concurrent readers; a folder needs the shared lock
        self._sharing = False
        self._sharing_guard = threading.Lock()
        self._heal = heal
        self._batch = int(self._client.get_max_batch_size())
        self._check_compatible()

    def _collections(self, name: str, model_name: str) -> tuple[Any, Any]:
        """The index's two collections, sentences and articles, created on first use."""
        sentences = self._client.get_or_create_collection(
            f"{name}-sentences",
            metadata={"embed_model": model_name, "schema": SCHEMA_VERSION, "generation": 0},
            **_COLLECTION,
        )
        return sentences, self._client.get_or_create_collection(f"{name}-articles", **_COLLECTION)

    # --- index identity ----------------------------------------------------

    def _check_compatible(self) -> None:
        meta = self._sentences.metadata or {}
        built_with = meta.get("embed_model")
        if int(meta.get("schema", SCHEMA_VERSION)) != SCHEMA_VERSION:
            raise IndexMismatchError(
                f"The index at {self.location} uses storage schema {meta.get('schema')}; this version "
                f"reads schema {SCHEMA_VERSION}. Rebuild it: remove the index folder (or `make clean-index`) "
                "and ingest your articles again (`assistant ingest FOLDER`)."
            )
        if built_with and built_with != self.model_name:
            model, _, backend = str(built_with).partition("+")
            backend = backend or "torch"
            how = f"--embed-model {model!r} (or ASSISTANT_EMBED_MODEL) with ASSISTANT_EMBED_BACKEND={backend}"
            raise IndexMismatchError(
                f"The index at {self.location} was built with embedding model {built_with!r}, "
                f"not {self.model_name!r}. Use {how}, or rebuild: remove the index folder and ingest again."
            )

    def check_dimension(self, dim: int) -> None:
        meta = self._meta()
        stored = meta.get("dim")
        if stored is None:
            meta["dim"] = dim
            self._sentences.modify(metadata=meta)
        elif int(stored) != dim:
            raise IndexMismatchError(
                f"The index at {self.location} holds {stored}-dimensional vectors but the "
                f"embedding model gives {dim}: rebuild the index or use the model that built it."
            )

    def _meta(self) -> dict[str, Any]:
        return dict(self._client.get_collection(self._sentences.name).metadata or {})

    def generation(self) -> int:
        """A token that changes whenever the stored articles change.

        The counter alone would miss a write killed after its article records landed
        but before its closing bump; the article count catches that case.
        """
        self._reading()
        return int(self._meta().get("generation", 0)) * 1_000_000_000 + int(self._articles.count())

    def _bump_generation(self, **changes: Any) -> None:
        meta = self._meta()
        meta["generation"] = int(meta.get("generation", 0)) + 1
        meta.update(changes)
        self._sentences.modify(metadata=meta)

    def _pending(self) -> list[ArticleId]:
        return list(json.loads(self._meta().get("pending") or "[]"))

    # --- writes ------------------------------------------------------------

    def writing(self) -> AbstractContextManager[None]:
        """Hold the index alone (re-entrant); raises IndexBusyError after the wait."""
        return self._lock.exclusive()

    def _reading(self) -> None:
        """Before the first read of a folder index: the shared lock (no other process writes now)."""
        if self._sharing or not self._local:
            return
        with self._sharing_guard:
            if self._sharing:
                return
            self._lock.share()
            self._sharing = True
        broken = [] if self._lock.writing else self.damaged()  # a writer repairs damage itself
        why = ""
        if broken and self._heal is not None:
            try:
                self._heal()  # takes the index alone: fails with "busy" while another process uses it
                broken = self.damaged()
            except AssistantError as exc:
                why = f"; rebuilding it failed: {exc}"
        if broken:
            self.close()  # so the ingest that repairs it is not told the index is busy
            raise IndexDamagedError(self._damaged_message(f"Chroma cannot read its {' and '.join(broken)}", why))

    # --- damage (Chroma's own files) -----------------------------------------

    def _damaged_message(self, what: str, why: str = "") -> str:
        return (
            f"The index at {self.location} is damaged ({what}){why}. Use it again when no other process has it "
            "open, or run the ingest again (`assistant ingest` on any input, even one already stored): either "
            "rebuilds the vectors from the stored articles. If even the article records cannot be read, remove "
            "the index folder and ingest again."
        )

    def damaged(self) -> list[str]:
        """Which collections Chroma cannot read ('sentences', 'articles'), or that a repair left unfinished.

        Chroma's embedded vector index is not crash-safe: a SIGKILL while Chroma
        persists it can leave files it cannot replay its log into ("Failed to apply
        logs to the hnsw segment writer"), whatever order we wrote records in.
        """
        broken = []
        for label, collection in (("sentences", self._sentences), ("articles", self._articles)):
            if self._torn(collection):
                broken.append(label)  # loading it would crash the process, not raise
                continue
            try:
                collection.count()  # replays Chroma's log into its vector index: fails when that is broken
            except Exception:
                broken.append(label)
        if self._meta().get("repairing") and "sentences" not in broken:
            broken.append("sentences")
        snapshot = self._snapshot_file()
        if snapshot is not None and snapshot.exists() and "articles" not in broken:
            broken.append("articles")  # a rebuild of both collections was interrupted
        return broken

    def _snapshot_file(self) -> Path | None:
        """Where a rebuild keeps every article record while both collections are rebuilt (folder indexes)."""
        return Path(self.location) / REBUILD_FILE if self._local else None

    def _torn(self, collection: Any) -> bool:
        """Whether a folder index's persisted vector files for ``collection`` were torn by a crash."""
        if not self._local:
            return False
        folder = Path(self.location) / "chroma"
        return not all(hnsw_files.intact(folder / segment) for segment in _vector_segments(folder, collection.id))

    def _emptied(self, collection: Any, metadata: dict[str, Any] | None = None) -> Any:
        """``collection`` dropped and created again, empty, with the same name (a rebuild's first step)."""
        folder = Path(self.location) / "chroma"
        old = _vector_segments(folder, collection.id) if self._local else []
        self._client.delete_collection(collection.name)
        fresh = self._client.get_or_create_collection(collection.name, metadata=metadata, **_COLLECTION)
        for segment in old:  # Chroma leaves the dropped graph's files behind (torn ones can be huge)
            shutil.rmtree(folder / segment, ignore_errors=True)
        return fresh

    def reset_sentences(self) -> None:
        """Drop the sentence collection and start it empty, marked 'repairing' until ``repaired``."""
        with self.writing():
            meta = self._meta()
            meta.update(generation=int(meta.get("generation", 0)) + 1, pending="[]", repairing=True)
            self._sentences = self._emptied(self._sentences, meta)

    def reset_all(self) -> tuple[list[Article], dict[ArticleId, dict[str, str]]]:
        """For a rebuild of both collections: every article (and its inputs), then both collections empty.

        The article records are first copied to a file beside the index, which
        stays the source of truth until ``repaired``: a rebuild killed half-way
        starts again from it. Chroma reads records from SQLite, so they survive
        torn vector files.
        """
        snapshot = self._snapshot_file()
        if snapshot is None:
            raise IndexDamagedError(self._damaged_message("Chroma cannot read its articles"))
        with self.writing():
            if not snapshot.exists():
                _write_atomically(snapshot, _pages(self._articles, ["documents", "metadatas"]))
            records = [json.loads(line) for line in snapshot.read_text(encoding="utf-8").splitlines()]
            self.reset_sentences()
            self._articles = self._emptied(self._articles)
        articles = [_article_from_record(aid, text, meta) for aid, text, meta in records]
        return articles, {aid: json.loads(meta.get("inputs") or "{}") for aid, _, meta in records}

    def repaired(self) -> None:
        with self.writing():
            meta = self._meta()
            meta.pop("repairing", None)
            meta["generation"] = int(meta.get("generation", 0)) + 1
            self._sentences.modify(metadata=meta)
            snapshot = self._snapshot_file()
            if snapshot is not None:
                snapshot.unlink(missing_ok=True)

    def add_sentences(self, items: Sequence[tuple[Article, np.ndarray]]) -> None:
        """Sentence records only, for articles whose records are stored (a repair)."""
        with self.writing():
            self._add_sentence_records(items)

    def close(self) -> None:
        """Let other processes write again (the Chroma client itself stays until the process ends)."""
        with self._sharing_guard:
            if self._sharing:
                self._lock.unshare()
                self._sharing = False

    def add_articles(
        self, items: Sequence[tuple[Article, np.ndarray]], inputs: dict[ArticleId, dict[str, str]]
    ) -> None:
        """Store articles with their sentence vectors: journal, sentences, then each article record."""
        if not items:
            return
        with self.writing():
            self._bump_generation(pending=json.dumps(self._pending() + [a.id for a, _ in items]))
            self._add_sentence_records(items)
            for begin in range(0, len(items), self._batch):
                chunk = items[begin : begin + self._batch]
                self._articles.add(
                    ids=[a.id for a, _ in chunk],
                    embeddings=np.stack([_mean_vector(v) for _, v in chunk]),
                    documents=[a.text for a, _ in chunk],
                    metadatas=[_article_metadata(a, inputs.get(a.id, {})) for a, _ in chunk],
                )
            done = {a.id for a, _ in items}
            self._bump_generation(pending=json.dumps([aid for aid in self._pending() if aid not in done]))

    def _add_sentence_records(self, items: Sequence[tuple[Article, np.ndarray]]) -> None:
        ids: list[str] = []
        metadatas: list[dict[str, Any]] = []
        for article, _ in items:
            day = day_number(article.published)
            meta = {"article_id": article.id, "source": article.source or "", "published_day": day}
            for index in range(len(article.spans)):
                ids.append(sentence_id(article.id, index))
                metadatas.append({**meta, "idx": index})
        if not ids:
            return
        vectors = np.concatenate([v for _, v in items]).astype(np.float32, copy=False)
        for begin in range(0, len(ids), self._batch):
            end = begin + self._batch
            self._sentences.add(ids=ids[begin:end], embeddings=vectors[begin:end], metadatas=metadatas[begin:end])

    def set_inputs(self, article_id: ArticleId, inputs: dict[str, str]) -> None:
        """Record which inputs (path/URL -> content hash) an article came from."""
        with self.writing():
            got = self._articles.get(ids=[article_id], include=["metadatas"])
            if not got["ids"]:
                return
            meta = dict(got["metadatas"][0])
            meta["inputs"] = json.dumps(inputs, sort_keys=True)
            self._articles.update(ids=[article_id], metadatas=[meta])

    def remove(self, article_ids: Iterable[ArticleId]) -> None:
        """Delete articles: journal, the record first (the article disappears at once), then its sentences."""
        ids = list(article_ids)
        if not ids:
            return
        with self.writing():
            self._bump_generation(pending=json.dumps(self._pending() + ids))
            for begin in range(0, len(ids), READ_PAGE):
                self._articles.delete(ids=ids[begin : begin + READ_PAGE])
            self._delete_sentences(ids)
            self._bump_generation(pending=json.dumps([aid for aid in self._pending() if aid not in set(ids)]))

    def drop_orphans(self) -> int:
        """Delete the sentences of journalled articles whose record is missing; clear the journal."""
        with self.writing():
            pending = self._pending()
            if not pending:
                return 0
            landed: set[str] = set()
            for begin in range(0, len(pending), READ_PAGE):
                landed.update(self._articles.get(ids=pending[begin : begin + READ_PAGE], include=[])["ids"])
            orphans = [aid for aid in pending if aid not in landed]
            self._delete_sentences(orphans)
            self._bump_generation(pending="[]")
            return len(orphans)

    def _delete_sentences(self, article_ids: Sequence[ArticleId]) -> None:
        for begin in range(0, len(article_ids), 100):
            self._sentences.delete(where={"article_id": {"$in": list(article_ids[begin : begin + 100])}})

    # --- reads -------------------------------------------------------------

    def count(self) -> tuple[int, int]:
        self._reading()
        return self._articles.count(), self._sentences.count()

    def article_inputs(self) -> dict[ArticleId, dict[str, str]]:
        """Every stored article id with the inputs it came from."""
        self._reading()
        return {aid: json.loads(meta.get("inputs") or "{}") for aid, _, meta in _pages(self._articles, ["metadatas"])}

    def articles(self, ids: Sequence[ArticleId] | None = None) -> list[Article]:
        self._reading()
        if ids is None:
            records = _pages(self._articles, ["metadatas", "documents"])
        else:
            records = []
            for begin in range(0, len(ids), READ_PAGE):
                got = self._articles.get(ids=list(ids[begin : begin + READ_PAGE]), include=["metadatas", "documents"])
                records.extend(zip(got["ids"], got["documents"], got["metadatas"], strict=True))
        return [_article_from_record(aid, doc or "", meta or {}) for aid, doc, meta in records]

    def sentence_ids(self, article_ids: Sequence[ArticleId] | None = None) -> list[SentenceId]:
        """Ids of the stored sentence records (of some articles, or all): for checks and tests."""
        self._reading()
        if article_ids is None:
            return [sid for sid, _, _ in _pages(self._sentences, [])]
        found: list[SentenceId] = []
        for begin in range(0, len(article_ids), 100):
            where = {"article_id": {"$in": list(article_ids[begin : begin + 100])}}
            found.extend(self._sentences.get(where=where, include=[])["ids"])
        return found

    def query_sentences(
        self, vector: np.ndarray, n: int, filters: Filters | None = None
    ) -> list[tuple[SentenceId, float]]:
        return self._query(self._sentences, vector, n, filters)

    def query_articles(
        self, vector: np.ndarray, n: int, filters: Filters | None = None
    ) -> list[tuple[ArticleId, float]]:
        return self._query(self._articles, vector, n, filters)

    def _query(self, collection: Any, vector: np.ndarray, n: int, filters: Filters | None) -> list[tuple[str, float]]:
        self._reading()
        total = collection.count()
        if total == 0:
            return []
        result = collection.query(
            query_embeddings=np.asarray(vector, dtype=np.float32)[None, :],
            n_results=min(n, total),
            where=_where(filters),
            include=["distances"],
        )
        # Cosine space: distance = 1 - cosine similarity.
        return [(rid, 1.0 - float(d)) for rid, d in zip(result["ids"][0], result["distances"][0], strict=True)]

    def sentence_vectors(self, ids: Sequence[SentenceId]) -> dict[SentenceId, np.ndarray]:
        return self._vectors(self._sentences, ids)

    def article_vectors(self, ids: Sequence[ArticleId]) -> dict[ArticleId, np.ndarray]:
        return self._vectors(self._articles, ids)

    def _vectors(self, collection: Any, ids: Sequence[str]) -> dict[str, np.ndarray]:
        self._reading()
        found: dict[str, np.ndarray] = {}
        for begin in range(0, len(ids), READ_PAGE):
            got = collection.get(ids=list(ids[begin : begin + READ_PAGE]), include=["embeddings"])
            found.update(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32), strict=True))
        return found


def _write_atomically(path: Path, records: Sequence[tuple[str, Any, Any]]) -> None:
    """Records as JSON lines, visible under ``path`` only once complete and on disk."""
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(list(record), ensure_ascii=False) + "\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, path)


def _vector_segments(folder: Path, collection_id: Any) -> list[str]:
    """The ids (folder names) of a collection's vector segments, from Chroma's catalogue; [] if unreadable."""
    import sqlite3
    from contextlib import closing

    try:
        with closing(sqlite3.connect(f"file:{folder / 'chroma.sqlite3'}?mode=ro", uri=True)) as db:
            rows = db.execute(
                "SELECT id FROM segments WHERE collection = ? AND scope = 'VECTOR'", (str(collection_id),)
            ).fetchall()
    except sqlite3.Error:
        return []
    return [str(row[0]) for row in rows]


def _pages(collection: Any, include: list[str]) -> list[tuple[str, Any, Any]]:
    """Every record of a collection as (id, document, metadata), read page by page.

    One unbounded ``get`` fails on large collections ("too many SQL variables").
    """
    records: list[tuple[str, Any, Any]] = []
    offset = 0
    while True:
        got = collection.get(include=include, limit=READ_PAGE, offset=offset)
        documents = got.get("documents") or [None] * len(got["ids"])
        metadatas = got.get("metadatas") or [{}] * len(got["ids"])
        records.extend(zip(got["ids"], documents, metadatas, strict=True))
        if len(got["ids"]) < READ_PAGE:
            return records
        offset += READ_PAGE


def _mean_vector(vectors: np.ndarray) -> np.ndarray:
    if len(vectors) == 0:
        return np.zeros(vectors.shape[1] if vectors.ndim == 2 else 1, dtype=np.float32)
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean)) or 1.0
    return (mean / norm).astype(np.float32)


def _article_metadata(article: Article, inputs: dict[str, str]) -> dict[str, Any]:
    return {
        "title": article.title,
        "url": article.url or "",
        "source": article.source or "",
        "published": article.published or "",
        "published_day": day_number(article.published),
        "author": article.author or "",
        "ingested_at": article.ingested_at or "",
        "n_sentences": len(article.spans),
        "spans": json.dumps([[s.start, s.end, s.section] for s in article.spans], ensure_ascii=False),
        "credits": json.dumps([[s.start, s.end] for s in article.credits]),
        "headings": json.dumps([[s.start, s.end] for s in article.headings]),
        "inputs": json.dumps(inputs, sort_keys=True),
    }


def _article_from_record(article_id: str, text: str, meta: dict[str, Any]) -> Article:
    spans = tuple(Span(int(a), int(b), c) for a, b, c in json.loads(meta.get("spans") or "[]"))
    credits = tuple(Span(int(a), int(b)) for a, b in json.loads(meta.get("credits") or "[]"))
    headings = tuple(Span(int(a), int(b)) for a, b in json.loads(meta.get("headings") or "[]"))
    return Article(
        id=article_id,
        title=str(meta.get("title", "")),
        text=text,
        spans=spans,
        url=meta.get("url") or None,
        source=meta.get("source") or None,
        published=meta.get("published") or None,
        author=meta.get("author") or None,
        ingested_at=meta.get("ingested_at") or None,
        inputs=tuple(sorted(json.loads(meta.get("inputs") or "{}"))),
        credits=credits,
        headings=headings,
    )


def split_sentence_id(sid: SentenceId) -> tuple[ArticleId, int]:
    article_id, _, index = sid.rpartition(":")
    return article_id, int(index)


__all__ = ["ChromaStore", "Filters", "day_number", "sentence_id", "split_sentence_id"]
