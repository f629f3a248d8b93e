"""Lexical (BM25) indexes over sentences and whole articles, via bm25s.

The lexical index is a cache derived from the vector store: it is rebuilt
from the stored articles whenever the store's generation counter moves, and
saved on disk under that generation so the next process loads it instead.
That keeps one source of truth (Chroma, local or a server) and lets several
processes share an index.

A sentence is indexed together with its article's title (see ``indexing``).

This module does not fuse scores or know about vectors.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from assistant.indexing import sentence_document
from assistant.types import Article, ArticleId, SentenceId

MAX_TITLE_WORDS = 5
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # bm25s's default token pattern
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")


def title_name(title: str) -> str | None:
    """The name a title gives its subject, as words: "Kiss and Tell (1945 film)" -> "Kiss and Tell".

    Only short, name-like titles count (at most a few words, starting with a
    capital): a news headline is a sentence, not a name, and links nothing.
    """
    core = _QUALIFIER.sub("", title).strip()
    words = _WORD.findall(core)
    if not words or len(words) > MAX_TITLE_WORDS or len(core) < 4 or not core[0].isupper():
        return None
    return " ".join(words)


def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


@cache
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


def tokenize(texts: Sequence[str], stemmer: Any) -> list[list[str]]:
    import bm25s

    tokens: list[list[str]] = bm25s.tokenize(
        list(texts), stopwords="en", stemmer=stemmer, return_ids=False, show_progress=False
    )
    return tokens


@dataclass
class _Bm25:
    ids: list[str]
    model: Any

    @classmethod
    def build(cls, ids: list[str], texts: Sequence[str], stemmer: Any) -> _Bm25:
        import bm25s

        model = bm25s.BM25()
        if ids:
            model.index(tokenize(texts, stemmer), show_progress=False)
        return cls(ids, model)

    def query(self, tokens: list[str], n: int) -> list[tuple[str, float]]:
        if not self.ids or not tokens:
            return []
        docs, scores = self.model.retrieve([tokens], k=min(n, len(self.ids)), show_progress=False)
        return [(self.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self.ids:
            self.model.save(str(folder), show_progress=False)
        (folder / "ids.json").write_text(json.dumps(self.ids))

    @classmethod
    def load(cls, folder: Path) -> _Bm25:
        import bm25s

        ids = json.loads((folder / "ids.json").read_text())
        model = bm25s.BM25.load(str(folder), show_progress=False) if ids else bm25s.BM25()
        return cls(ids, model)


class LexicalIndex:
    """BM25 over sentences (with titles) and over articles (title + text)."""

    def __init__(
        self,
        sentences: _Bm25,
        articles: _Bm25,
        titles: dict[str, list[ArticleId]],
        backlinks: dict[ArticleId, list[ArticleId]],
    ) -> None:
        self._sentences = sentences
        self._articles = articles
        self._titles = titles
        self._backlinks = backlinks
        self._stemmer = _stemmer()

    @classmethod
    def build(cls, articles: Sequence[Article]) -> LexicalIndex:
        stemmer = _stemmer()
        sentence_ids: list[SentenceId] = []
        sentence_texts: list[str] = []
        for article in articles:
            for sentence in article.sentences:
                sentence_ids.append(sentence.id)
                sentence_texts.append(sentence_document(article.title, sentence.text))
        article_ids = [a.id for a in articles]
        article_texts = [f"{a.title}\n{a.text}" for a in articles]
        titles: dict[str, list[ArticleId]] = {}
        for article in articles:
            name = title_name(article.title)
            if name:
                titles.setdefault(name, []).append(article.id)
        index = cls(
            _Bm25.build(sentence_ids, sentence_texts, stemmer),
            _Bm25.build(article_ids, article_texts, stemmer),
            titles,
            {},
        )
        if titles:
            for article in articles:
                for target in index.mentioned(article.text) - {article.id}:
                    index._backlinks.setdefault(target, []).append(article.id)
        return index

    def sentence_ids(self) -> set[SentenceId]:
        """Every sentence this index can find (to check it against the store)."""
        return set(self._sentences.ids)

    def citing(self, article_id: ArticleId) -> set[ArticleId]:
        """Articles that name this one by its title."""
        return set(self._backlinks.get(article_id, ()))

    def mentioned(self, text: str) -> set[ArticleId]:
        """Articles whose title (a name: "Shirley Temple") appears verbatim in ``text``.

        Works like a hyperlink from one article to another; word n-grams of the
        text are looked up in a set of titles, so the cost is linear in the text.
        """
        words = _WORD.findall(text)
        found: set[ArticleId] = set()
        for n in range(1, MAX_TITLE_WORDS + 1):
            for i in range(len(words) - n + 1):
                found.update(self._titles.get(" ".join(words[i : i + n]), ()))
        return found

    def tokens(self, text: str) -> list[str]:
        return tokenize([text], self._stemmer)[0]

    def tokens_of(self, texts: Sequence[str]) -> list[list[str]]:
        """Stemmed content words of each text, in order, as ``tokenize`` gives them, 30x faster.

        bm25s's tokenizer builds a vocabulary on every call; for a few hundred
        candidate sentences per question, a plain loop is what costs nothing.
        """
        stop = _stopwords()
        return [self._stemmer.stemWords([w for w in _TOKEN.findall(t.lower()) if w not in stop]) for t in texts]

    def query_sentences(self, text: str, n: int) -> list[tuple[SentenceId, float]]:
        return self._sentences.query(self.tokens(text), n)

    def query_articles(self, text: str, n: int) -> list[tuple[ArticleId, float]]:
        return self._articles.query(self.tokens(text), n)

    # --- the on-disk cache, keyed by the store's generation -------------------

    def save(self, cache_dir: Path, generation: int) -> None:
        """Write under a private name, then rename: readers never see a half-written cache,
        and two processes saving the same generation at once do not trip over each other."""
        target = cache_dir / f"lexical-{generation}"
        tmp = cache_dir / f".lexical-{generation}.{os.getpid()}.{threading.get_ident()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        self._sentences.save(tmp / "sentences")
        self._articles.save(tmp / "articles")
        (tmp / "titles.json").write_text(json.dumps(self._titles))
        (tmp / "backlinks.json").write_text(json.dumps(self._backlinks))
        try:
            tmp.rename(target)
        except OSError:  # another process saved this generation first: theirs is the same
            shutil.rmtree(tmp, ignore_errors=True)
        for old in cache_dir.glob("lexical-*"):
            if old != target:
                shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, cache_dir: Path, generation: int) -> LexicalIndex | None:
        folder = cache_dir / f"lexical-{generation}"
        if not (folder / "sentences" / "ids.json").exists():
            return None
        try:
            titles = json.loads((folder / "titles.json").read_text())
            backlinks = json.loads((folder / "backlinks.json").read_text())
            return cls(_Bm25.load(folder / "sentences"), _Bm25.load(folder / "articles"), titles, backlinks)
        except (OSError, ValueError, KeyError):
            return None
