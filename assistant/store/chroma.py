"""The vector store: Chroma, through llama-index's ChromaVectorStore.

The only module that imports chromadb or llama-index's vector-store classes.
Two collections per index:

* ``<name>-sentences``: one record per body sentence (id ``<article>:<index>``,
  its vector, its text, and filterable metadata: article, source, date).
* ``<name>-articles``: one record per article: the full text as the document,
  a vector (mean of its sentence vectors) for article-level retrieval, and
  metadata (title, url, source, dates, sentence spans, the inputs it came from).

An article's record is written *after* its sentences, so it marks the article
as complete; sentences without an article record are leftovers of an
interrupted write and are ignored by readers and cleaned by the next ingest.

The same code path serves an embedded persistent Chroma (a folder) and a
Chroma server (a URL). The sentences collection's metadata records the
embedding model and a generation counter bumped on every change, which lets
derived caches (the lexical index) know when they are stale.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from assistant.errors import IndexMismatchError, StoreUnavailableError
from assistant.types import Article, ArticleId, SentenceId, Span, sentence_id

SCHEMA_VERSION = 1
WRITE_BATCH = 4000
READ_PAGE = 2000
logging.getLogger("chromadb").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval to some sources and a publication date range (inclusive)."""

    sources: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None

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
    ) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from llama_index.vector_stores.chroma import ChromaVectorStore

        settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        self._client: Any
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
            self.location = url
        else:
            assert path is not None
            if not (path / "chroma").exists():
                # chromadb caches one client per path for the whole process: a folder
                # deleted and re-created behind its back would be served stale.
                from chromadb.api.client import SharedSystemClient

                SharedSystemClient.clear_system_cache()
            path.mkdir(parents=True, exist_ok=True)
            self._client = chromadb.PersistentClient(path=str(path / "chroma"), settings=settings)
            self.location = str(path)
        self.model_name = model_name
        common: dict[str, Any] = {"embedding_function": None, "configuration": {"hnsw": {"space": "cosine"}}}
        self._sentences: Any = self._client.get_or_create_collection(
            f"{name}-sentences",
            metadata={"embed_model": model_name, "schema": SCHEMA_VERSION, "generation": 0},
            **common,
        )
        self._articles: Any = self._client.get_or_create_collection(f"{name}-articles", **common)
        self._check_compatible()
        self._sentence_vs = ChromaVectorStore(chroma_collection=self._sentences)
        self._article_vs = ChromaVectorStore(chroma_collection=self._articles)

    # --- index identity ----------------------------------------------------

    def _check_compatible(self) -> None:
        meta = self._sentences.metadata or {}
        built_with = meta.get("embed_model")
        if built_with and built_with != self.model_name:
            raise IndexMismatchError(
                f"The index at {self.location} was built with embedding model {built_with!r}, "
                f"not {self.model_name!r}. Use --embed-model {built_with!r} (or "
                "ASSISTANT_EMBED_MODEL), or rebuild: remove the index folder and ingest again."
            )
        if int(meta.get("schema", SCHEMA_VERSION)) != SCHEMA_VERSION:
            raise IndexMismatchError(
                f"The index at {self.location} uses schema {meta.get('schema')}, this version "
                f"reads schema {SCHEMA_VERSION}: remove the index folder and ingest again."
            )

    def check_dimension(self, dim: int) -> None:
        meta = dict(self._sentences.metadata or {})
        stored = meta.get("dim")
        if stored is None:
            meta["dim"] = dim
            self._sentences.modify(metadata=meta)
        elif int(stored) != dim:
            raise IndexMismatchError(
                f"The index at {self.location} holds {stored}-dimensional vectors but the "
                f"embedding model gives {dim}: rebuild the index or use the model that built it."
            )

    def generation(self) -> int:
        meta = self._client.get_collection(self._sentences.name).metadata or {}
        return int(meta.get("generation", 0))

    def _bump_generation(self, **changes: Any) -> None:
        meta = dict(self._client.get_collection(self._sentences.name).metadata or {})
        meta["generation"] = int(meta.get("generation", 0)) + 1
        meta.update(changes)
        self._sentences.modify(metadata=meta)

    def _pending(self) -> list[ArticleId]:
        meta = self._client.get_collection(self._sentences.name).metadata or {}
        return list(json.loads(meta.get("pending") or "[]"))

    # --- writes ------------------------------------------------------------

    def add_articles(
        self, items: Sequence[tuple[Article, np.ndarray]], inputs: dict[ArticleId, dict[str, str]]
    ) -> None:
        """Store articles with their sentence vectors; each article record last.

        The ids being written are noted first ("pending"), so a crash between the
        sentences and the article record leaves a trail ``drop_orphans`` follows.
        """
        from llama_index.core.schema import BaseNode, NodeRelationship, RelatedNodeInfo, TextNode

        self._bump_generation(pending=json.dumps(self._pending() + [a.id for a, _ in items]))

        nodes: list[BaseNode] = []
        for article, vectors in items:
            day = day_number(article.published)
            for sentence, vector in zip(article.sentences, vectors, strict=True):
                node = TextNode(
                    id_=sentence.id,
                    text=sentence.text,
                    embedding=vector.tolist(),
                    metadata={
                        "article_id": article.id,
                        "idx": sentence.index,
                        "source": article.source or "",
                        "published_day": day,
                    },
                    relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=article.id)},
                )
                nodes.append(node)
        for begin in range(0, len(nodes), WRITE_BATCH):
            self._sentence_vs.add(nodes[begin : begin + WRITE_BATCH])
        records: list[BaseNode] = [
            TextNode(
                id_=article.id,
                text=article.text,
                embedding=_mean_vector(vectors).tolist(),
                metadata=_article_metadata(article, inputs.get(article.id, {})),
            )
            for article, vectors in items
        ]
        for begin in range(0, len(records), WRITE_BATCH):
            self._article_vs.add(records[begin : begin + WRITE_BATCH])
        self._bump_generation(pending="[]")

    def set_inputs(self, article_id: ArticleId, inputs: dict[str, str]) -> None:
        """Record which inputs (path/URL -> content hash) an article came from."""
        got = self._articles.get(ids=[article_id], include=["metadatas"])
        if not got["ids"]:
            return
        meta = dict(got["metadatas"][0])
        meta["inputs"] = json.dumps(inputs, sort_keys=True)
        self._articles.update(ids=[article_id], metadatas=[meta])

    def remove(self, article_ids: Iterable[ArticleId]) -> None:
        """Delete articles: the record first, then every sentence."""
        ids = list(article_ids)
        if not ids:
            return
        self._articles.delete(ids=ids)
        for article_id in ids:
            self._sentence_vs.delete(ref_doc_id=article_id)
        self._bump_generation()

    def drop_orphans(self) -> int:
        """Remove the sentences of pending writes whose article record never landed."""
        pending = self._pending()
        if not pending:
            return 0
        landed = set(self._articles.get(ids=pending, include=[])["ids"])
        orphans = [aid for aid in pending if aid not in landed]
        for article_id in orphans:
            self._sentence_vs.delete(ref_doc_id=article_id)
        self._bump_generation(pending="[]")
        return len(orphans)

    # --- reads -------------------------------------------------------------

    def count(self) -> tuple[int, int]:
        return self._articles.count(), self._sentences.count()

    def article_inputs(self) -> dict[ArticleId, dict[str, str]]:
        """Every stored article id with the inputs it came from."""
        return {aid: json.loads(meta.get("inputs") or "{}") for aid, _, meta in _pages(self._articles, ["metadatas"])}

    def articles(self, ids: Sequence[ArticleId] | None = None) -> list[Article]:
        if ids is None:
            records = _pages(self._articles, ["metadatas", "documents"])
        else:
            records = []
            for begin in range(0, len(ids), READ_PAGE):
                got = self._articles.get(ids=list(ids[begin : begin + READ_PAGE]), include=["metadatas", "documents"])
                records.extend(zip(got["ids"], got["documents"], got["metadatas"], strict=True))
        return [_article_from_record(aid, doc or "", meta or {}) for aid, doc, meta in records]

    def query_sentences(
        self, vector: np.ndarray, n: int, filters: Filters | None = None
    ) -> list[tuple[SentenceId, float]]:
        return self._query(self._sentence_vs, vector, n, filters)

    def query_articles(
        self, vector: np.ndarray, n: int, filters: Filters | None = None
    ) -> list[tuple[ArticleId, float]]:
        return self._query(self._article_vs, vector, n, filters)

    def _query(self, store: Any, vector: np.ndarray, n: int, filters: Filters | None) -> list[tuple[str, float]]:
        from llama_index.core.vector_stores.types import VectorStoreQuery

        collection = store.client
        total = collection.count()
        if total == 0:
            return []
        query = VectorStoreQuery(query_embedding=vector.tolist(), similarity_top_k=min(n, total))
        where = _where(filters)
        result = store.query(query, where=where) if where else store.query(query)
        # ChromaVectorStore reports exp(-distance); turn it back into cosine similarity.
        return [
            (node_id, 1.0 + float(np.log(max(sim, 1e-12))))
            for node_id, sim in zip(result.ids or [], result.similarities or [], strict=True)
        ]

    def sentence_vectors(self, ids: Sequence[SentenceId]) -> dict[SentenceId, np.ndarray]:
        return self._vectors(self._sentences, ids)

    def article_vectors(self, ids: Sequence[ArticleId]) -> dict[ArticleId, np.ndarray]:
        return self._vectors(self._articles, ids)

    def _vectors(self, collection: Any, ids: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for begin in range(0, len(ids), READ_PAGE):
            got = collection.get(ids=list(ids[begin : begin + READ_PAGE]), include=["embeddings"])
            found.update(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32), strict=True))
        return found


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
        "inputs": json.dumps(inputs, sort_keys=True),
    }


def _article_from_record(article_id: str, text: str, meta: dict[str, Any]) -> Article:
    spans = tuple(Span(int(a), int(b), c) for a, b, c in json.loads(meta.get("spans") or "[]"))
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
    )


def split_sentence_id(sid: SentenceId) -> tuple[ArticleId, int]:
    article_id, _, index = sid.rpartition(":")
    return article_id, int(index)


__all__ = ["ChromaStore", "Filters", "day_number", "sentence_id", "split_sentence_id"]
