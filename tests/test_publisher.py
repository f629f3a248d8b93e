"""Which site published an article: the questions that ask it, and the name a credit line gives."""

from __future__ import annotations

import pytest

from assistant.answer.publisher import asks_publisher, credit_answer, site_named


@pytest.mark.parametrize(
    "question",
    [
        "which news site published this",
        "What outlet is this story from?",
        "which site does the article say to follow on google news",
        "Who published the article?",
        "what's the source of this article?",
    ],
)
def test_questions_about_who_published_the_article(question):
    assert asks_publisher(question)


@pytest.mark.parametrize(
    "question",
    [
        "Which news agency says Mutaki is expected?",
        "which site will host the meetings?",
        "What source did the spokesman cite?",
        "Who attended the Afghanistan meeting?",
    ],
)
def test_questions_about_the_story_are_not_about_its_publisher(question):
    assert not asks_publisher(question)


@pytest.mark.parametrize(
    ("line", "site"),
    [
        ("Follow Skai.gr on Google News", "Skai.gr"),
        ("Follow The Daily Example on Twitter", "The Daily Example"),
        ("© 2022 Example Media Group. All rights reserved.", "Example Media Group"),
        ("Read more at example.com", "example.com"),
        ("and be the first to know all the news", None),
        ("Follow us on Facebook", None),
    ],
)
def test_the_site_a_credit_line_names(line, site):
    assert site_named(line) == site


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Which news site published this article?", "Skai.gr."),
        ("Where can readers follow Skai.gr?", "On Google News."),
        ("on what platform does the article tell you to follow skai?", "On Google News."),
        ("Where can readers follow Lavrov?", None),
        ("Did Skai.gr interview Lavrov?", None),
    ],
)
def test_what_a_credit_line_answers(question, answer):
    assert credit_answer(question, "Follow Skai.gr on Google News") == answer
