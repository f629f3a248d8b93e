"""Questions about an article's section headings: read off the headings, cited exactly, never searched."""

from __future__ import annotations

import pytest

ARTICLE = """Ministers met in Lyon today to talk about trade and farming.
They agreed to meet again in the spring.
Farmers fear a poor season
The harvest in the south has failed for a second year, officials said.
Prices for wheat have risen sharply since then.
A “quiet” border
The border with Spain stayed calm during the talks, police said.
The customs posts were open all week.
"""


@pytest.fixture
def headed(make_assistant, tmp_path):
    path = tmp_path / "lyon-talks.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assistant = make_assistant()
    assistant.ingest(path)
    return assistant


@pytest.mark.parametrize(
    ("question", "heading"),
    [
        ("What's the subheading right before the paragraph about the failed harvest?", "Farmers fear a poor season"),
        ("What word is quoted in the border subheading?", "A “quiet” border"),
        ("Which section heading is over the part about the customs posts?", "A “quiet” border"),
    ],
)
def test_a_question_about_a_subheading_is_answered_with_it_cited_exactly(headed, question, heading):
    answer = headed.ask(question)
    assert not answer.abstained and heading in answer.answer
    (citation,) = answer.citations
    assert citation.text == heading == ARTICLE[citation.start : citation.end]
    streamed = list(headed.ask_stream(question))[-1]
    assert streamed.citations == answer.citations


def test_headings_are_never_evidence_for_the_story(headed):
    answer = headed.ask("Who fears a poor season?")
    assert not any(hit.text in ("Farmers fear a poor season", "A “quiet” border") for hit in answer.retrieved)


def test_the_seed_articles_section_headings_are_kept_apart(seed_text):
    from assistant.ingest.segment import headings, segment

    found = [seed_text[s.start : s.end] for s in headings(seed_text)]
    assert found == [
        "Russia is seeking support",
        "A “fairer” world order",
        "“Opposition to hegemony”",
        "Afghanistan on the menu",
    ]
    assert not set(found) & {seed_text[s.start : s.end] for s in segment(seed_text)}
