"""Retrieval metrics against verbatim gold evidence.

For one question, with the gold quotes located in the index:

* evidence recall@k: share of gold quotes that some top-k hit overlaps;
* all found@k: every gold quote is covered (what an answer needs);
* article recall@k: share of the gold articles with at least one top-k hit;
* MRR: 1 / rank of the first hit that overlaps any gold quote.

A quote that cannot be found in any stored article is reported, not scored
as a miss of retrieval.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import mean
from typing import Any

from assistant.evaluate.questions import EvidenceLocator, GoldSpan, overlaps
from assistant.types import Hit, Question


@dataclass(frozen=True)
class RetrievalScore:
    id: str
    kind: str
    question: str
    recall: float
    all_found: bool
    article_recall: float
    mrr: float
    missing: tuple[str, ...] = ()
    unlocated: tuple[str, ...] = ()
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "missing": list(self.missing), "unlocated": list(self.unlocated)}


@dataclass(frozen=True)
class RetrievalSummary:
    k: int
    scores: tuple[RetrievalScore, ...] = field(default_factory=tuple)

    @property
    def overall(self) -> dict[str, float]:
        if not self.scores:
            return {}
        return {
            "questions": len(self.scores),
            f"evidence_recall@{self.k}": round(mean(s.recall for s in self.scores), 4),
            f"all_found@{self.k}": round(mean(float(s.all_found) for s in self.scores), 4),
            f"article_recall@{self.k}": round(mean(s.article_recall for s in self.scores), 4),
            "mrr": round(mean(s.mrr for s in self.scores), 4),
            "seconds_per_question": round(mean(s.seconds for s in self.scores), 4),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"k": self.k, "overall": self.overall, "questions": [s.to_dict() for s in self.scores]}


def score_question(
    question: Question, hits: list[Hit], locator: EvidenceLocator, seconds: float = 0.0
) -> RetrievalScore | None:
    """Score one answerable question; None when it has no gold evidence."""
    located: list[tuple[str, list[GoldSpan]]] = [(e.text, locator.locate(e)) for e in question.evidence]
    unlocated = tuple(text for text, spans in located if not spans)
    gold = [(text, spans) for text, spans in located if spans]
    if not gold:
        return None

    def covered(spans: list[GoldSpan], hit: Hit) -> bool:
        return any(overlaps(span, hit.article_id, hit.start, hit.end) for span in spans)

    found = [any(covered(spans, h) for h in hits) for _, spans in gold]
    gold_articles = {span[0] for _, spans in gold for span in spans}
    hit_articles = {h.article_id for h in hits}
    first = next((rank for rank, h in enumerate(hits, 1) if any(covered(spans, h) for _, spans in gold)), None)
    return RetrievalScore(
        id=question.id,
        kind=question.kind,
        question=question.question,
        recall=sum(found) / len(gold),
        all_found=all(found),
        article_recall=len(gold_articles & hit_articles) / len(gold_articles),
        mrr=1.0 / first if first else 0.0,
        missing=tuple(text for (text, _), ok in zip(gold, found, strict=True) if not ok),
        unlocated=unlocated,
        seconds=seconds,
    )
