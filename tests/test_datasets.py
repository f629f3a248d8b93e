"""The dataset adapters read ../shared/data in place; skipped where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluate.datasets import hotpotqa, squad

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
