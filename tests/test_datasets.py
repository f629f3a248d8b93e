"""The dataset adapters read ../shared/data in place; skipped where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import REPO, SEED_ARTICLE

from assistant.evaluate.answers import picks_a_right_option
from assistant.evaluate.datasets import hotpotqa, multirc, squad
from assistant.evaluate.questions import load_questions, question_from_dict, question_to_dict

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
needs_data = pytest.mark.skipif(not DATA.exists(), reason="../shared/data is not on this machine")


@needs_data
def test_hotpotqa_evidence_is_quoted_from_its_articles():
    articles, questions = hotpotqa(DATA)
    assert len(articles) == 994 and len(questions) == 100
    texts = {a["title"]: a["text"] for a in articles}
    for question in questions:
        assert question.evidence
        for evidence in question.evidence:
            assert evidence.text in texts[evidence.title]


@needs_data
def test_squad_sample_mixes_answerable_and_unanswerable_questions():
    articles, questions = squad(DATA, limit=100)
    texts = {a["title"]: a["text"] for a in articles}
    answerable = [q for q in questions if q.answerable]
    assert 0 < len(answerable) < len(questions)
    for question in answerable:
        (evidence,) = question.evidence
        assert evidence.text in texts[evidence.title]
        assert any(form in evidence.text for form in question.answers[0])


@needs_data
def test_multirc_news_questions_carry_right_and_wrong_options_and_quoted_evidence():
    articles, questions = multirc(DATA, limit=None)
    texts = {a["title"]: a["text"] for a in articles}
    assert len(articles) == 12 and len(questions) == 146
    assert all(a["title"].startswith("News") for a in articles)
    for question in questions:
        assert question.answers[0] and question.wrong_options is not None and question.evidence
        assert all(e.text in texts[e.title] for e in question.evidence)
        assert question_from_dict(question_to_dict(question)) == question


def test_a_multiple_choice_answer_is_right_when_it_says_a_right_option_better_than_any_wrong_one():
    right, wrong = ("The time and money involved",), ("Allergy reasons", "To prevent injury")
    assert picks_a_right_option("Because of the time and money it takes. [1]", right, wrong)
    assert not picks_a_right_option("For allergy reasons, and the money. [1]", right, wrong)
    assert not picks_a_right_option("The articles don't say.", right, wrong)
    # Wrong options share words with right ones: the answer must say the right one more.
    assert not picks_a_right_option("After 100 years of war. [1]", ("10 years",), ("100 years of war",))


@pytest.mark.parametrize("name", sorted(p.name for p in (REPO / "eval").glob("seed_questions*.jsonl")))
def test_seed_question_sets_quote_the_seed_article_and_mark_unanswerable_questions(name):
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    questions = load_questions(REPO / "eval" / name)
    assert len({q.id for q in questions}) == len(questions)
    for q in questions:
        assert all(quote.text in article for quote in q.evidence), q.id
        assert q.answerable == bool(q.answers) == bool(q.evidence), q.id
        assert (q.kind == "followup") <= bool(q.history), q.id
