"""The project's vocabulary: one frozen dataclass per concept.

Every other module speaks in these types; third-party objects (Chroma records,
llama-index nodes, numpy arrays) never cross a module boundary. Ids are derived
from content so they survive a rebuild of the index.

This module holds data only: no I/O, no model calls.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

ArticleId = str
SentenceId = str


def content_id(text: str, length: int = 16) -> str:
    """A short, stable hex digest of ``text`` (whitespace-insensitive)."""
    normalized = " ".join(text.split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:length]


def sentence_id(article_id: ArticleId, index: int) -> SentenceId:
    return f"{article_id}:{index:05d}"


@dataclass(frozen=True)
class Span:
    """A sentence's place in its article: ``article.text[start:end]``."""

    start: int
    end: int
    section: str | None = None


@dataclass(frozen=True)
class Article:
    """One news article as stored: metadata, full text and its sentence spans."""

    id: ArticleId
    title: str
    text: str
    spans: tuple[Span, ...]
    url: str | None = None
    source: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD or full timestamp)
    author: str | None = None
    ingested_at: str | None = None
    inputs: tuple[str, ...] = ()  # the paths/URLs this article was read from
    # Site furniture lines ("Follow Example.com on Google News"): never searched, but
    # citable when a reader asks who published the article. Numbered after the body.
    credits: tuple[Span, ...] = ()
    # Section headings ("Afghanistan on the menu"): never searched either, but citable when a
    # reader asks about one. Numbered after the credit lines.
    headings: tuple[Span, ...] = ()

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """The body sentences: what search indexes (credit lines and headings are not among them)."""
        return tuple(self.sentence(i) for i in range(len(self.spans)))

    @property
    def credit_lines(self) -> tuple[Sentence, ...]:
        return tuple(self.sentence(len(self.spans) + i) for i in range(len(self.credits)))

    @property
    def heading_lines(self) -> tuple[Sentence, ...]:
        first = len(self.spans) + len(self.credits)
        return tuple(self.sentence(first + i) for i in range(len(self.headings)))

    def sentence(self, index: int) -> Sentence:
        """Sentence ``index``: a body sentence, or past the body, a credit line, then a heading."""
        past_body, past_credits = index - len(self.spans), index - len(self.spans) - len(self.credits)
        if index < len(self.spans):
            s = self.spans[index]
        elif past_credits < 0:
            s = self.credits[past_body]
        else:
            s = self.headings[past_credits]
        return Sentence(self.id, index, self.text[s.start : s.end], s.start, s.end, s.section)

    def summary(self) -> dict[str, Any]:
        return {
            "article_id": self.id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "author": self.author,
            "ingested_at": self.ingested_at,
            "sentences": len(self.spans),
        }


@dataclass(frozen=True)
class ArticleDraft:
    """An article as read from an input, before segmentation and storage."""

    title: str
    text: str
    url: str | None = None
    source: str | None = None
    published: str | None = None
    author: str | None = None
    body_starts_with_title: bool = False  # first line of ``text`` is the headline


@dataclass(frozen=True)
class Sentence:
    """A citable unit: ``article.text[start:end] == text`` always holds."""

    article_id: ArticleId
    index: int
    text: str
    start: int
    end: int
    section: str | None = None

    @property
    def id(self) -> SentenceId:
        return sentence_id(self.article_id, self.index)


@dataclass(frozen=True)
class Hit:
    """A retrieved sentence with its score and its neighbours for context."""

    article_id: ArticleId
    title: str
    sentence_index: int
    text: str
    start: int
    end: int
    score: float
    section: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    context_before: tuple[str, ...] = ()
    context_after: tuple[str, ...] = ()

    @property
    def sentence_id(self) -> SentenceId:
        return sentence_id(self.article_id, self.sentence_index)

    @property
    def context(self) -> str:
        """The sentence with its neighbours, in article order."""
        return " ".join((*self.context_before, self.text, *self.context_after))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["context_before"] = list(self.context_before)
        data["context_after"] = list(self.context_after)
        return data


class IngestStatus(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True)
class IngestResult:
    """What happened to one input (a file, a URL, or one dump file)."""

    input: str
    status: IngestStatus
    articles: tuple[ArticleId, ...] = ()
    reason: str | None = None
    sentences_added: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "status": self.status.value,
            "articles": list(self.articles),
            "reason": self.reason,
            "sentences_added": self.sentences_added,
        }


@dataclass(frozen=True)
class IngestReport:
    results: tuple[IngestResult, ...] = field(default_factory=tuple)
    seconds: float = 0.0

    def count(self, status: IngestStatus) -> int:
        return sum(1 for r in self.results if r.status is status)

    @property
    def failed(self) -> tuple[IngestResult, ...]:
        return tuple(r for r in self.results if r.status is IngestStatus.FAILED)

    def to_dict(self) -> dict[str, Any]:
        return {
            "results": [r.to_dict() for r in self.results],
            "totals": {s.value: self.count(s) for s in IngestStatus},
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class Evidence:
    """A gold evidence quote: verbatim text of an article, optionally naming its title."""

    text: str
    title: str | None = None


@dataclass(frozen=True)
class Question:
    """One evaluation item (see eval/README.md for the file format)."""

    id: str
    question: str
    answers: tuple[tuple[str, ...], ...] = ()  # required elements, each with its accepted forms
    evidence: tuple[Evidence, ...] = ()
    answerable: bool = True
    history: tuple[dict[str, str], ...] = ()
    kind: str = "factoid"
    # Multiple-choice data (MultiRC): the options judged wrong (None: not multiple choice). Then
    # ``answers`` holds the right options as one element, and an answer is right when it says a
    # right one better than any wrong one.
    wrong_options: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Citation:
    """A marker in an answer and the exact article sentence it points at."""

    marker: int
    article_id: ArticleId
    title: str
    sentence_index: int
    text: str
    start: int
    end: int
    url: str | None = None
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "marker": self.marker,
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "sentence_index": self.sentence_index,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Answer:
    """An answer whose every statement cites the sentences that support it."""

    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    retrieved: tuple[Hit, ...] = ()
    llm: str = "extractive"
    timings_ms: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_dict() for c in self.citations],
            "retrieved": [
                {
                    "article_id": h.article_id,
                    "sentence_index": h.sentence_index,
                    "text": h.text,
                    "score": h.score,
                }
                for h in self.retrieved
            ],
            "llm": self.llm,
            "timings_ms": dict(self.timings_ms),
        }
