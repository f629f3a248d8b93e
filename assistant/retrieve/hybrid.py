"""Hybrid retrieval of evidence sentences.

Every candidate sentence gets a score from two levels, each mixing a dense
cosine similarity with a BM25 score (scaled to the best BM25 score of the
query, so both live on comparable scales):

* its own relevance: the sentence (embedded with its article's title) and
  its BM25 score over sentence + title;
* its article's relevance, weighted up: a sentence that only says "he" or
  "the meeting" ranks when its article is clearly about the question, and
  the evidence of one story stays together (list questions need all of it);
* a little of its best neighbour's score, because news writing spreads one
  fact over adjacent sentences;
* the share of the question's adjacent content-word pairs it holds in order
  ("foreign ministry", "ministry spokesman"): bags of words miss phrases.

A second, bridge round asks again with the question plus the best sentences
of the top articles, and favours articles those top articles name by title
(a hyperlink in all but name): that is how "the director of the film that
..." finds the director's article. A sentence keeps the better of its two
round scores. Hits are then taken greedily, and each further
sentence taken from one article inherits less of its article's score,
so a second relevant article is not crowded out; unless one article leads
all others, in both rounds, in which case it is the story and keeps more
slots (an article that leads only through the bridge round is a hop).

Weights were chosen on HotpotQA train-100 and the seed question set over the
seed article among 417 BBC politics articles (``assistant eval``); dropping
the bridge round costs about 5 points of paragraph recall on HotpotQA.
Asking the story to lead on the question alone let its margin fall from 0.3
to 0.1: the seed questions among BBC politics went from 48 to 50 of 50 with
all their evidence in the top 10, HotpotQA unchanged. The
phrase signal took HotpotQA supporting-sentence recall@10 from 0.916 to 0.930
and the share of SQuAD questions (articles 5-12) with the answer in the top 8
from 0.907 to 0.927.

This module ranks; it never writes to the store and never calls an LLM.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from assistant.embed import Embedder
from assistant.store.chroma import ChromaStore, Filters, split_sentence_id
from assistant.store.lexical import LexicalIndex
from assistant.types import Article, ArticleId, Hit, SentenceId, content_id, sentence_id


@dataclass(frozen=True)
class RetrievalParams:
    candidates: int = 100  # sentences per signal and round
    article_candidates: int = 30  # articles per signal and round
    lexical_weight: float = 0.3  # BM25 (scaled to the query's best) against cosine
    article_weight: float = 3.0  # how much of its article's score a sentence inherits
    neighbour_weight: float = 0.1
    phrase_weight: float = 1.0  # share of the question's adjacent word pairs a sentence holds in order
    bridge_weight: float = 1.0  # 0 turns the bridge round off
    named_bonus: float = 0.8  # article named by a top article's title, in the bridge round
    citing_bonus: float = 0.4  # article naming a top article, in the bridge round
    bridge_seeds: int = 2  # top articles that seed the bridge round
    expand_articles: int = 10  # every sentence of this many top articles is a candidate
    dominance: float = 0.1  # the top article leads the next by this much, on the question alone too: *the* story
    dominant_decay: float = 0.97  # ... and its sentences keep more of its score
    article_decay: float = 0.9  # the n-th sentence taken from an article inherits decay**n of its score
    context: int = 1  # neighbouring sentences on each side returned with a hit


@dataclass
class _Round:
    """What one query found: scaled sentence and article scores."""

    query: str
    vector: np.ndarray
    sentence_bm25: dict[SentenceId, float] = field(default_factory=dict)
    article_bm25: dict[ArticleId, float] = field(default_factory=dict)
    sentence_ids: set[SentenceId] = field(default_factory=set)
    article_ids: set[ArticleId] = field(default_factory=set)
    named: set[ArticleId] = field(default_factory=set)  # named by title in a top article
    citing: set[ArticleId] = field(default_factory=set)  # naming a top article by its title


def _scaled(pairs: list[tuple[str, float]]) -> dict[str, float]:
    top = max((score for _, score in pairs), default=0.0)
    return {item: score / top for item, score in pairs} if top > 0 else {}


def _pairs(tokens: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(tokens))


def _passes(article: Article, filters: Filters | None) -> bool:
    if filters is None:
        return True
    if article.id in filters.exclude:
        return False
    if not filters.active:
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
        rounds = [self._round(question, filters)]
        articles = self._load_articles(rounds[0].article_ids, filters)
        article_vectors = self._store.article_vectors(sorted(articles))
        if self.params.bridge_weight > 0 and articles:
            bridge = self._bridge(question, rounds[0], articles, article_vectors, filters)
            rounds.append(bridge)
            extra = self._load_articles(bridge.article_ids - articles.keys(), filters, seen=articles)
            articles.update(extra)
            article_vectors.update(self._store.article_vectors(sorted(extra)))
        per_round = [self._article_scores(found, article_vectors) for found in rounds]
        combined = {aid: max(scores.get(aid, -np.inf) for scores in per_round) for aid in articles}
        top = sorted(combined, key=combined.__getitem__, reverse=True)
        if not top:
            return []
        candidates = {sid for r in rounds for sid in r.sentence_ids if split_sentence_id(sid)[0] in articles}
        for aid in top[: self.params.expand_articles]:
            candidates.update(sentence_id(aid, i) for i in range(len(articles[aid].spans)))
        phrases = self._phrase_matches(question, candidates, articles)
        scores = self._sentence_scores(rounds, sorted(candidates), per_round, phrases)
        dominant = self._dominant(top, combined, per_round[0])
        return self._select(scores, articles, k, dominant)

    # --- rounds ------------------------------------------------------------------

    def _round(self, query: str, filters: Filters | None) -> _Round:
        p = self.params
        vector = self._embedder().embed_query(query)
        lexical = self._lexical()
        dense_sentences = self._store.query_sentences(vector, p.candidates, filters)
        dense_articles = self._store.query_articles(vector, p.article_candidates, filters)
        lexical_sentences = lexical.query_sentences(query, p.candidates)
        lexical_articles = lexical.query_articles(query, p.article_candidates)
        found = _Round(query, vector, _scaled(lexical_sentences), _scaled(lexical_articles))
        found.sentence_ids = {sid for sid, _ in dense_sentences} | found.sentence_bm25.keys()
        found.article_ids = (
            {split_sentence_id(sid)[0] for sid in found.sentence_ids}
            | {aid for aid, _ in dense_articles}
            | found.article_bm25.keys()
        )
        return found

    def _bridge(
        self,
        question: str,
        first: _Round,
        articles: dict[ArticleId, Article],
        article_vectors: dict[ArticleId, np.ndarray],
        filters: Filters | None,
    ) -> _Round:
        """Ask again with what the top articles say, and follow the titles they name."""
        scores = self._article_scores(first, article_vectors)
        seeds = sorted(scores, key=scores.__getitem__, reverse=True)[: self.params.bridge_seeds]
        texts = [self._best_sentence(first, articles[aid]) for aid in seeds]
        bridge = self._round(" ".join([question, *texts]), filters)
        lexical = self._lexical()
        for aid in seeds:
            bridge.named |= lexical.mentioned(articles[aid].text)
            bridge.citing |= lexical.citing(aid)
        bridge.named -= set(seeds)
        bridge.citing -= set(seeds) | bridge.named
        bridge.article_ids |= bridge.named | bridge.citing
        return bridge

    def _best_sentence(self, found: _Round, article: Article) -> str:
        ids = [sentence_id(article.id, i) for i in range(len(article.spans))]
        vectors = self._store.sentence_vectors(ids)
        if not vectors:
            return article.title
        best = max(vectors, key=lambda sid: float(vectors[sid] @ found.vector))
        return article.sentence(split_sentence_id(best)[1]).text

    # --- scoring -------------------------------------------------------------------

    def _article_scores(self, found: _Round, vectors: dict[ArticleId, np.ndarray]) -> dict[ArticleId, float]:
        """Per article: cosine + scaled BM25, plus a bonus when a top article names it."""
        p = self.params
        return {
            aid: float(vector @ found.vector)
            + p.lexical_weight * found.article_bm25.get(aid, 0.0)
            + (p.named_bonus if aid in found.named else 0.0)
            + (p.citing_bonus if aid in found.citing else 0.0)
            for aid, vector in vectors.items()
        }

    def _phrase_matches(
        self, question: str, candidates: Iterable[SentenceId], articles: dict[ArticleId, Article]
    ) -> dict[SentenceId, float]:
        """Per sentence, the share of the question's word pairs ("foreign ministry", "ministry spokesman") it holds.

        BM25 and the embedder see bags of words; a sentence that holds the
        question's phrases is about the same thing, not merely the same words.
        """
        if self.params.phrase_weight <= 0:
            return {}
        lexical = self._lexical()
        wanted = _pairs(lexical.tokens_of([question])[0])
        if not wanted:
            return {}
        ids = sorted(candidates)
        texts = [articles[aid].sentence(i).text for aid, i in map(split_sentence_id, ids)]
        return {
            sid: len(wanted & _pairs(tokens)) / len(wanted)
            for sid, tokens in zip(ids, lexical.tokens_of(texts), strict=True)
        }

    def _sentence_scores(
        self,
        rounds: list[_Round],
        candidates: list[SentenceId],
        article_scores: list[dict[ArticleId, float]],
        phrases: dict[SentenceId, float],
    ) -> dict[SentenceId, tuple[float, float]]:
        """Per sentence, from its best round: (own relevance + neighbours, inherited article relevance)."""
        p = self.params
        vectors = self._store.sentence_vectors(candidates)
        parts: dict[SentenceId, tuple[float, float]] = {}
        for sid, vector in vectors.items():
            aid = split_sentence_id(sid)[0]
            best = (-np.inf, 0.0)
            for number, (found, articles) in enumerate(zip(rounds, article_scores, strict=True)):
                weight = 1.0 if number == 0 else p.bridge_weight
                own = weight * (float(vector @ found.vector) + p.lexical_weight * found.sentence_bm25.get(sid, 0.0))
                inherited = weight * p.article_weight * articles.get(aid, 0.0)
                if own + inherited > sum(best):
                    best = (own, inherited)
            parts[sid] = (best[0] + p.phrase_weight * phrases.get(sid, 0.0), best[1])  # the question's, any round
        final = {}
        for sid, (own, inherited) in parts.items():
            aid, index = split_sentence_id(sid)
            neighbour = max(
                sum(parts.get(sentence_id(aid, index - 1), (0.0, 0.0))),
                sum(parts.get(sentence_id(aid, index + 1), (0.0, 0.0))),
            )
            final[sid] = (own + p.neighbour_weight * neighbour, inherited)
        return final

    def _dominant(
        self, top: list[ArticleId], combined: dict[ArticleId, float], first: dict[ArticleId, float]
    ) -> ArticleId | None:
        """The article that is *the* story: it leads all others clearly, on the question alone too.

        An article that leads only thanks to the bridge round is a hop on the
        way ("the film in which X debuted"), not the story: the question needs
        the article it came from as well.
        """
        lead = combined[top[0]] - (combined[top[1]] if len(top) > 1 else -np.inf)
        if lead < self.params.dominance or not first:
            return None
        return top[0] if max(first, key=first.__getitem__) == top[0] else None

    # --- selection -----------------------------------------------------------------

    def _select(
        self,
        scores: dict[SentenceId, tuple[float, float]],
        articles: dict[ArticleId, Article],
        k: int,
        dominant: ArticleId | None = None,
    ) -> list[Hit]:
        """Greedy: each further sentence from one article inherits less of the article's score."""
        p = self.params
        taken: dict[ArticleId, int] = defaultdict(int)

        def value(sid: SentenceId) -> float:
            own, inherited = scores[sid]
            aid = split_sentence_id(sid)[0]
            decay = p.dominant_decay if aid == dominant else p.article_decay
            return own + inherited * decay ** taken[aid]

        pool = set(scores)
        hits: list[Hit] = []
        while pool and len(hits) < k:
            best = max(pool, key=value)
            score = value(best)
            pool.remove(best)
            aid, index = split_sentence_id(best)
            hits.append(self._hit(articles[aid], index, score))
            taken[aid] += 1
        return hits

    def _load_articles(
        self, ids: Iterable[ArticleId], filters: Filters | None, seen: dict[ArticleId, Article] | None = None
    ) -> dict[ArticleId, Article]:
        """The articles that pass the filters, each text once: a story filed at two places is one candidate."""
        texts = {content_id(a.text) for a in (seen or {}).values()}
        loaded = {}
        for article in self._store.articles(sorted(ids)):
            text = content_id(article.text)
            if _passes(article, filters) and text not in texts:
                texts.add(text)
                loaded[article.id] = article
        return loaded

    def _hit(self, article: Article, index: int, score: float) -> Hit:
        sentence = article.sentence(index)
        c = self.params.context
        before = tuple(article.sentence(i).text for i in range(max(0, index - c), index))
        after = tuple(article.sentence(i).text for i in range(index + 1, min(len(article.spans), index + c + 1)))
        return Hit(
            article_id=article.id,
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


def standalone_query(question: str, history: Iterable[dict[str, str]] = ()) -> str:
    """A retrieval query for a follow-up: the recent user turns, then the question.

    A lexical stand-in for a proper rewrite: "Which summit will he attend?"
    after "Who is Washington's envoy?" keeps the words that say who "he" is.
    """
    earlier = [m["content"] for m in history if m.get("role") == "user" and m.get("content")]
    return " ".join([*earlier[-2:], question])
