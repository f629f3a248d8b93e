"""Answer metrics on the same question files as retrieval.

Per question: correct (every required answer element present, any of its
forms, compared as SQuAD's official script compares answers: case,
punctuation and the articles a/an/the ignored; an unanswerable question is correct when the answer
abstains), citation precision (cited sentences that overlap gold evidence or
contain an answer form), citation recall (gold quotes some citation covers),
abstained, words, seconds. Overall: the means over answerable questions,
abstention precision/recall on unanswerable ones, and the share of answerable
questions wrongly abstained.
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass, field
from statistics import mean, median
from typing import Any

from assistant.evaluate.questions import EvidenceLocator, overlaps
from assistant.types import Answer, Question


@dataclass(frozen=True)
class AnswerScore:
    id: str
    kind: str
    question: str
    answerable: bool
    abstained: bool
    correct: bool
    citation_precision: float | None
    citation_recall: float | None
    words: int
    seconds: float
    answer: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def contains_answer(text: str, forms: tuple[str, ...]) -> bool:
    """Whether ``text`` gives one of an answer's forms: as whole words, or inside a word ("Uighur" in "Uighurs").

    A form of a few letters counts only as whole words: gold "no" is not in
    "Yes, it did not", nor "US" in "thus".
    """
    normal = f" {normalized(text)} "

    def found(form: str) -> bool:
        if f" {normalized(form)} " in normal:
            return True
        return len(normalized(form)) > SHORT_FORM_CHARS and form.lower() in text.lower()

    return any(found(form) for form in forms)


SHORT_FORM_CHARS = 3  # "no", "yes", "US": inside a longer word they are other words


def picks_a_right_option(text: str, right: tuple[str, ...], wrong: tuple[str, ...]) -> bool:
    """Multiple-choice scoring for free-text answers: the answer says a right option better than any wrong one.

    An option is said to the extent of the share of its words the answer
    holds; a right option must be at least half said. Options are phrases
    ("The time and money involved"), which a written answer rarely quotes
    whole, and wrong options are written to share words with the right ones.
    """
    said = set(normalized(text).split())

    def share(option: str) -> float:
        tokens = normalized(option).split()
        return sum(t in said for t in tokens) / len(tokens) if tokens else 0.0

    best_right = max((share(o) for o in right), default=0.0)
    return best_right >= OPTION_MIN_SHARE and best_right > max((share(o) for o in wrong), default=0.0)


OPTION_MIN_SHARE = 0.5

_ARTICLES = re.compile(r"\b(a|an|the)\b")


def normalized(text: str) -> str:
    """SQuAD's answer normalisation: lower case, no punctuation, no articles, single spaces."""
    kept = "".join(" " if unicodedata.category(c).startswith("P") else c for c in text.lower())
    return " ".join(_ARTICLES.sub(" ", kept).split())


def score_answer(question: Question, answer: Answer, locator: EvidenceLocator, seconds: float) -> AnswerScore:
    if not question.answerable:
        return AnswerScore(
            question.id,
            question.kind,
            question.question,
            False,
            answer.abstained,
            answer.abstained,
            None,
            None,
            len(answer.answer.split()),
            seconds,
            answer.answer,
        )
    if question.wrong_options is not None:
        correct = not answer.abstained and picks_a_right_option(
            answer.answer, question.answers[0], question.wrong_options
        )
    else:
        correct = not answer.abstained and all(contains_answer(answer.answer, forms) for forms in question.answers)
    gold = [spans for spans in (locator.locate(e) for e in question.evidence) if spans]
    forms = [f for element in question.answers for f in element]

    def is_gold(citation: Any) -> bool:
        on_gold = any(overlaps(s, citation.article_id, citation.start, citation.end) for spans in gold for s in spans)
        return on_gold or contains_answer(citation.text, tuple(forms))

    precision = mean(is_gold(c) for c in answer.citations) if answer.citations else None
    recall = (
        mean(any(overlaps(s, c.article_id, c.start, c.end) for s in spans for c in answer.citations) for spans in gold)
        if gold
        else None
    )
    return AnswerScore(
        question.id,
        question.kind,
        question.question,
        True,
        answer.abstained,
        correct,
        precision,
        recall,
        len(answer.answer.split()),
        seconds,
        answer.answer,
    )


@dataclass(frozen=True)
class AnswerSummary:
    llm: str
    scores: tuple[AnswerScore, ...] = field(default_factory=tuple)

    @property
    def overall(self) -> dict[str, Any]:
        answerable = [s for s in self.scores if s.answerable]
        unanswerable = [s for s in self.scores if not s.answerable]
        abstained = [s for s in self.scores if s.abstained]
        precisions = [s.citation_precision for s in answerable if s.citation_precision is not None]
        recalls = [s.citation_recall for s in answerable if s.citation_recall is not None]

        def share(values: list[Any]) -> float | None:
            return round(mean(values), 4) if values else None

        return {
            "llm": self.llm,
            "questions": len(self.scores),
            "answer_correctness": share([s.correct for s in answerable]),
            "citation_precision": share(precisions),
            "citation_recall": share(recalls),
            "abstention_recall": share([s.abstained for s in unanswerable]),
            "abstention_precision": share([not s.answerable for s in abstained]),
            "answerable_abstained": share([s.abstained for s in answerable]),
            "median_words": median(s.words for s in answerable) if answerable else None,
            "seconds_per_question": share([s.seconds for s in self.scores]),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"overall": self.overall, "questions": [s.to_dict() for s in self.scores]}


def evaluate_answers(assistant: Any, questions: list[Question], progress: bool = False) -> AnswerSummary:
    """Ask every question and score the answers; ``progress`` shows a bar (a local model takes ~20 s each)."""
    from tqdm.auto import tqdm

    locator = EvidenceLocator(assistant.store.articles())
    scores = []
    for question in tqdm(questions, desc="Answering", unit="question", disable=not progress):
        started = time.perf_counter()
        answer = assistant.ask(question.question, history=list(question.history))
        scores.append(score_answer(question, answer, locator, time.perf_counter() - started))
    return AnswerSummary(assistant.answerer.llm_name, tuple(scores))


def format_answer_table(summary: AnswerSummary) -> str:
    lines = [f"{'id':<26} {'kind':<12} {'ok':>3} {'abst':>4} {'c.prec':>6} {'c.rec':>5}  answer"]
    for s in summary.scores:
        prec = "-" if s.citation_precision is None else f"{s.citation_precision:.2f}"
        rec = "-" if s.citation_recall is None else f"{s.citation_recall:.2f}"
        lines.append(
            f"{s.id[:26]:<26} {s.kind[:12]:<12} {'yes' if s.correct else 'no':>3} "
            f"{'yes' if s.abstained else 'no':>4} {prec:>6} {rec:>5}  {s.answer[:80]}"
        )
    lines.append("")
    lines.extend(f"{name:>24}: {value}" for name, value in summary.overall.items())
    return "\n".join(lines)
