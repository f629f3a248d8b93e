"""The ``Assistant``: the Python API that the CLI, the UI and the evaluation use.

It is built from one ``Settings`` object and wires the parts together: the
store (Chroma), the embedder, the lexical index and the retriever. Heavy parts
load on first use, so opening an index to list or remove articles does not
pay for the embedding model.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from assistant.answer.pipeline import Answerer, StreamEvent
from assistant.embed import Embedder, embedder_name, load_embedder
from assistant.errors import AssistantError, NotFoundError
from assistant.ingest.pipeline import Ingestor, InputItem
from assistant.llm import LLM, load_llamacpp, load_openai
from assistant.retrieve.hybrid import RetrievalParams, Retriever
from assistant.settings import Settings
from assistant.store.chroma import ChromaStore, Filters
from assistant.store.lexical import LexicalIndex
from assistant.types import Answer, Article, ArticleId, Hit, IngestReport

logger = logging.getLogger("assistant")


class Assistant:
    """Ingest news articles, search them for evidence, answer questions with citations."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        backend: LLM | None = None,
        retrieval: RetrievalParams | None = None,
        **overrides: Any,
    ) -> None:
        self.settings = settings.model_copy(update=overrides) if settings else Settings(**overrides)
        self._embedder = embedder
        self._backend = backend
        self._lexical: tuple[int, LexicalIndex] | None = None
        self._retrieval = retrieval

    # --- parts, built on first use ----------------------------------------------

    @cached_property
    def store(self) -> ChromaStore:
        s = self.settings
        name = self._embedder.name if self._embedder else embedder_name(s.embed_model, s.embed_backend)
        return ChromaStore(
            path=None if self.settings.chroma_url else Path(self.settings.index_dir),
            url=self.settings.chroma_url,
            name=self.settings.collection,
            model_name=name,
            write_wait=s.write_wait,
            heal=self._heal,
        )

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            s = self.settings
            self._embedder = load_embedder(s.embed_model, s.embed_backend, s.embed_batch_size, s.model_cache_dir)
        return self._embedder

    @cached_property
    def retriever(self) -> Retriever:
        return Retriever(self.store, lambda: self.embedder, self.lexical, self._retrieval)

    def _ingestor(self) -> Ingestor:
        return Ingestor(
            self.store,
            lambda: self.embedder,
            max_bytes=int(self.settings.max_file_mb * 1_000_000),
            fetch_timeout=self.settings.fetch_timeout,
            progress=self.settings.progress,
        )

    def _heal(self) -> None:
        """Rebuild the vectors a crash left unreadable, from the stored article records (an ingest of nothing)."""
        logging.getLogger("assistant").warning(
            "The index at %s was left damaged by an interrupted write: rebuilding its vectors "
            "from the stored articles before the first read.",
            self.store.location,
        )
        self._ingestor().run([])

    def lexical(self) -> LexicalIndex:
        """The BM25 index, rebuilt only when the store changed since it was built."""
        generation = self.store.generation()
        if self._lexical and self._lexical[0] == generation:
            return self._lexical[1]
        cache = self._cache_dir()
        index = LexicalIndex.load(cache, generation)
        if index is None:
            index = LexicalIndex.build(self.store.articles())
            index.save(cache, generation)
        self._lexical = (generation, index)
        return index

    def _cache_dir(self) -> Path:
        base = Path(self.settings.index_dir)
        if self.settings.chroma_url:
            safe = "".join(c if c.isalnum() else "_" for c in self.settings.chroma_url)
            base = base / "server-cache" / safe
        return base / "cache" / self.settings.collection

    # --- the API ------------------------------------------------------------------

    def ingest(self, inputs: Iterable[InputItem] | InputItem) -> IngestReport:
        """Add files, folders, URLs or article dicts; unchanged inputs cost nothing."""
        if isinstance(inputs, str | Path | dict):
            inputs = [inputs]
        return self._ingestor().run(inputs)

    def search(
        self,
        question: str,
        k: int | None = None,
        *,
        sources: Sequence[str] = (),
        date_from: str | None = None,
        date_to: str | None = None,
        exclude: Iterable[ArticleId] = (),
    ) -> list[Hit]:
        """The evidence sentences for ``question``, best first, with their context; ``exclude``: article ids."""
        if not question.strip():
            return []
        filters = Filters(tuple(sources), date_from, date_to, frozenset(exclude))
        return self.retriever.search(question, k or self.settings.k, filters)

    # --- answers -------------------------------------------------------------------

    @cached_property
    def llm(self) -> LLM | None:
        """The answer model, loaded once and shared by every answerer (None: extractive)."""
        return self._load_llm()

    @cached_property
    def answerer(self) -> Answerer:
        return self._new_answerer()

    def _answerer_for(
        self, sources: Sequence[str], date_from: str | None, date_to: str | None, answer_k: int | None
    ) -> Answerer:
        """The shared answerer, or one narrowed to some sources/dates or evidence count (the UI's settings)."""
        if not (sources or date_from or date_to or answer_k):
            return self.answerer
        return self._new_answerer(sources, date_from, date_to, answer_k)

    def _new_answerer(
        self,
        sources: Sequence[str] = (),
        date_from: str | None = None,
        date_to: str | None = None,
        answer_k: int | None = None,
    ) -> Answerer:
        return Answerer(
            lambda query, k, exclude: self.search(
                query, k, sources=sources, date_from=date_from, date_to=date_to, exclude=exclude
            ),
            lambda texts: self.embedder.embed(list(texts)),
            self.llm,
            k=answer_k or self.settings.answer_k,
            mode=self.settings.answer_mode,
            min_odds=self.settings.answer_min_odds,
            article=self._article_or_none,
        )

    def _load_llm(self) -> LLM | None:
        s = self.settings
        if self._backend is not None:
            return self._backend
        if s.llm == "extractive":
            return None
        if s.llm == "openai":
            if not (s.base_url and s.model):
                raise AssistantError(
                    "The openai backend needs base_url and model (ASSISTANT_BASE_URL, ASSISTANT_MODEL, "
                    "or --base-url/--model)."
                )
            return load_openai(s.base_url, s.model, s.api_key, timeout=s.llm_timeout, retries=s.llm_retries)
        try:
            return load_llamacpp(s.llm_model, s.llm_threads)
        except AssistantError as exc:
            # The documented fallback: answer extractively rather than not at all.
            logger.warning("%s Answering extractively (quoted sentences) instead.", exc)
            return None

    def ask(
        self,
        question: str,
        history: Sequence[dict[str, str]] | None = None,
        *,
        sources: Sequence[str] = (),
        date_from: str | None = None,
        date_to: str | None = None,
        answer_k: int | None = None,
    ) -> Answer:
        """A cited answer, or an abstention when the articles don't say.

        ``sources``, ``date_from``/``date_to`` narrow the evidence like ``search`` does, and
        ``answer_k`` overrides how many evidence sentences the model sees, for this question only.
        """
        return self._answerer_for(sources, date_from, date_to, answer_k).ask(question, history)

    def ask_stream(
        self,
        question: str,
        history: Sequence[dict[str, str]] | None = None,
        *,
        sources: Sequence[str] = (),
        date_from: str | None = None,
        date_to: str | None = None,
        answer_k: int | None = None,
    ) -> Iterator[StreamEvent]:
        """Text deltas as the model writes, then the final, verified ``Answer`` (options as for ``ask``)."""
        return self._answerer_for(sources, date_from, date_to, answer_k).stream(question, history)

    def articles(self) -> list[Article]:
        return sorted(self.store.articles(), key=lambda a: (a.title.lower(), a.id))

    def article(self, article_id: ArticleId) -> Article:
        found = self.store.articles([article_id])
        if not found:
            raise NotFoundError(f"No article with id {article_id!r} in this index (see `assistant list`).")
        return found[0]

    def _article_or_none(self, article_id: ArticleId) -> Article | None:
        """An article for the answerer (its orders to the reader, the story around a cited sentence)."""
        found = self.store.articles([article_id])
        return found[0] if found else None

    def remove(self, article_id: ArticleId) -> None:
        self.article(article_id)
        self.store.remove([article_id])
