"""Read question files and locate their gold evidence among stored sentences.

Gold evidence is quoted verbatim, not given as sentence ids, so a question
file stays valid whatever the segmenter does: a quote is matched to every
stored sentence whose span overlaps the quote's place in an article.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.types import Article, ArticleId, Evidence, Question

GoldSpan = tuple[ArticleId, int, int]  # article, start, end of one quote occurrence


def load_questions(path: str | Path) -> list[Question]:
    questions = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            questions.append(question_from_dict(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise AssistantError(f"{path}, line {number}: not a valid question ({exc})") from exc
    return questions


def question_from_dict(data: dict[str, Any]) -> Question:
    answers = tuple(tuple([element] if isinstance(element, str) else element) for element in data.get("answers", []))
    evidence = tuple(
        Evidence(item) if isinstance(item, str) else Evidence(item["text"], item.get("title"))
        for item in data.get("evidence", [])
    )
    return Question(
        id=str(data["id"]),
        question=str(data["question"]),
        answers=answers,
        evidence=evidence,
        answerable=bool(data.get("answerable", bool(answers or evidence))),
        history=tuple(data.get("history", [])),
        kind=str(data.get("kind", "factoid")),
        wrong_options=tuple(map(str, data["wrong_options"])) if "wrong_options" in data else None,
    )


def question_to_dict(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "question": question.question,
        "answers": [list(forms) for forms in question.answers],
        "evidence": [e.text if e.title is None else {"text": e.text, "title": e.title} for e in question.evidence],
        "answerable": question.answerable,
        "history": list(question.history),
        "kind": question.kind,
        **({"wrong_options": list(question.wrong_options)} if question.wrong_options is not None else {}),
    }


class EvidenceLocator:
    """Finds where each gold quote sits in the stored articles."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self._articles = list(articles)
        self._by_title: dict[str, list[Article]] = {}
        for article in self._articles:
            self._by_title.setdefault(article.title, []).append(article)

    def locate(self, evidence: Evidence) -> list[GoldSpan]:
        quote = evidence.text.strip()
        pool = self._by_title.get(evidence.title, self._articles) if evidence.title else self._articles
        spans = []
        for article in pool:
            start = article.text.find(quote)
            while start != -1:
                spans.append((article.id, start, start + len(quote)))
                start = article.text.find(quote, start + 1)
        return spans


def overlaps(span: GoldSpan, article_id: ArticleId, start: int, end: int) -> bool:
    gold_article, gold_start, gold_end = span
    if gold_article != article_id:
        return False
    shared = min(gold_end, end) - max(gold_start, start)
    return shared > 0 and shared >= min(20, (gold_end - gold_start) // 2, (end - start) // 2)
