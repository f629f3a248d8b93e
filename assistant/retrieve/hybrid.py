"""Hybrid retrieval of evidence sentences.

Signals, each a ranked list fused by reciprocal rank (RRF):

* sentence level: dense (Chroma) and BM25 over sentences with their titles;
* article level: dense (article mean vector) and BM25 over whole articles.
  A sentence inherits part of its article's score, which keeps the evidence
  for one question together and lets a sentence that only says "he" rank
  when its article is clearly about the question;
* neighbours: a sentence next to a strong hit gains a little, because news
  writing spreads one fact over adjacent sentences (lists above all);
* a bridge round: the question plus the best first-round sentences is asked
  again, so a second article that only the first one names (HotpotQA's
  "the director of the film that ...") can be found.

This module ranks; it never writes to the store and never calls an LLM.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from assistant.embed import Embedder
from assistant.store.chroma import ChromaStore, Filters, split_sentence_id
from assistant.store.lexical import LexicalIndex
from assistant.types import Article, ArticleId, Hit, SentenceId

Ranked = list[tuple[str, float]]


@dataclass(frozen=True)
class RetrievalParams:
    candidates: int = 100  # per signal, sentences
    article_candidates: int = 20  # per signal, articles
    rrf_k: int = 60
    article_weight: float = 1.0
    neighbour_weight: float = 0.3
    bridge_weight: float = 0.5
    bridge_seeds: int = 2  # first-round sentences added to the bridge query
    context: int = 1  # neighbouring sentences on each side returned with a hit


def rrf(rankings: Iterable[Ranked], k: int, weight: float = 1.0) -> dict[str, float]:
    fused: dict[str, float] = defaultdict(float)
    for ranking in rankings:
        for rank, (item, _) in enumerate(ranking):
            fused[item] += weight / (k + rank + 1)
    return fused


def _passes(article: Article, filters: Filters | None) -> bool:
    if filters is None or not filters.active:
        return True
    if filters.sources and article.source not in filters.sources:
        return False
    published = (article.published or "")[:10]
    if filters.date_from and (not published or published < filters.date_from[:10]):
        return False
    return not (filters.date_to and (not published or published > filters.date_to[:10]))


class Retriever:
    def __init__(
        self,
        store: ChromaStore,
        embedder: Callable[[], Embedder],
        lexical: Callable[[], LexicalIndex],
        params: RetrievalParams | None = None,
    ) -> None:
        self._store = store
        self._embedder = embedder
        self._lexical = lexical
        self.params = params or RetrievalParams()

    def search(self, question: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        first = self._round(question, filters)
        scores = self._combine(first)
        if self.params.bridge_weight > 0 and scores:
            seeds = sorted(scores, key=scores.__getitem__, reverse=True)[: self.params.bridge_seeds]
            texts = self._sentence_texts(seeds, first.articles)
            second = self._round(" ".join([question, *texts]), filters)
            first.merge(second, self.params.bridge_weight)
            scores = self._combine(first)
        ranked = sorted(scores, key=scores.__getitem__, reverse=True)
        hits = []
        for sid in ranked:
            hit = self._hit(sid, scores[sid], first.articles, filters)
            if hit is not None:
                hits.append(hit)
            if len(hits) == k:
                break
        return hits

    # --- one retrieval round -------------------------------------------------

    def _round(self, query: str, filters: Filters | None) -> _Round:
        p = self.params
        vector = self._embedder().embed_query(query)
        lexical = self._lexical()
        sentences = rrf(
            [
                self._store.query_sentences(vector, p.candidates, filters),
                lexical.query_sentences(query, p.candidates),
            ],
            p.rrf_k,
        )
        articles = rrf(
            [
                self._store.query_articles(vector, p.article_candidates, filters),
                lexical.query_articles(query, p.article_candidates),
            ],
            p.rrf_k,
        )
        ids = {split_sentence_id(sid)[0] for sid in sentences} | set(articles)
        stored = {a.id: a for a in self._store.articles(sorted(ids))}
        return _Round(dict(sentences), dict(articles), stored)

    def _combine(self, found: _Round) -> dict[SentenceId, float]:
        p = self.params
        scores: dict[SentenceId, float] = {}
        for sid, score in found.sentences.items():
            aid, index = split_sentence_id(sid)
            if aid not in found.articles_stored:
                continue  # an interrupted write left this sentence behind
            neighbours = max(
                found.sentences.get(f"{aid}:{index - 1:05d}", 0.0),
                found.sentences.get(f"{aid}:{index + 1:05d}", 0.0),
            )
            scores[sid] = (
                score + p.article_weight * found.article_scores.get(aid, 0.0) + p.neighbour_weight * neighbours
            )
        return scores

    def _sentence_texts(self, sids: list[SentenceId], articles: dict[ArticleId, Article]) -> list[str]:
        texts = []
        for sid in sids:
            aid, index = split_sentence_id(sid)
            if aid in articles:
                texts.append(articles[aid].sentence(index).text)
        return texts

    def _hit(
        self, sid: SentenceId, score: float, articles: dict[ArticleId, Article], filters: Filters | None
    ) -> Hit | None:
        aid, index = split_sentence_id(sid)
        article = articles.get(aid)
        if article is None or index >= len(article.spans) or not _passes(article, filters):
            return None
        sentence = article.sentence(index)
        c = self.params.context
        before = tuple(article.sentence(i).text for i in range(max(0, index - c), index))
        after = tuple(article.sentence(i).text for i in range(index + 1, min(len(article.spans), index + c + 1)))
        return Hit(
            article_id=aid,
            title=article.title,
            sentence_index=index,
            text=sentence.text,
            start=sentence.start,
            end=sentence.end,
            score=round(score, 6),
            section=sentence.section,
            source=article.source,
            url=article.url,
            published=article.published,
            context_before=before,
            context_after=after,
        )


class _Round:
    """Fused scores of one or more retrieval rounds, and the articles they touch."""

    def __init__(
        self, sentences: dict[SentenceId, float], articles: dict[ArticleId, float], stored: dict[ArticleId, Article]
    ) -> None:
        self.sentences = sentences
        self.article_scores = articles
        self.articles_stored = stored

    @property
    def articles(self) -> dict[ArticleId, Article]:
        return self.articles_stored

    def merge(self, other: _Round, weight: float) -> None:
        for sid, score in other.sentences.items():
            self.sentences[sid] = self.sentences.get(sid, 0.0) + weight * score
        for aid, score in other.article_scores.items():
            self.article_scores[aid] = self.article_scores.get(aid, 0.0) + weight * score
        self.articles_stored.update(other.articles_stored)
