"""Questions about what an article names: every name is a candidate, judged in the sentence that names it."""

from __future__ import annotations

import re

import pytest
from support import SEED_ARTICLE

from assistant.answer.inventory import asked_kind, qualified
from assistant.llm import ScriptedLLM


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which Russian officials are named in the article?", "Russian officials"),
        ("Name all the Chinese officials mentioned in the piece.", "Chinese officials"),
        ("which media outlets does the article cite as sources", "media outlets"),
        ("Which countries are mentioned as attending the summit?", None),  # about the summit, not the text
        ("What is mentioned in the article about Iran?", None),
        ("Who is the Chinese spokesman quoted in the article?", None),
        ("What words are quoted in the story to describe the friendship?", None),  # words, not names
        ("Which Russian figures are named in the article?", "Russian figures"),
        ("name every chinese official mentioned in the article", "chinese officials"),  # every one of them
        ("list each news agency cited in the piece", "news agencies"),
        ("List every person mentioned by name in the article.", "people"),
    ],
)
def test_a_question_about_what_the_article_names_is_told_from_other_questions(question, kind):
    assert asked_kind(question) == kind


def test_a_qualifier_counts_in_the_name_or_just_before_it_not_before_another_one():
    sentence = "The Chinese Foreign Minister Wang Yi had talks with his Russian counterpart, Sergei Lavrov."
    assert qualified("Chinese officials", "Chinese Foreign Minister Wang Yi", sentence)
    assert not qualified("Chinese officials", "Sergei Lavrov", sentence)
    assert qualified("Russian officials", "Sergei Lavrov", sentence)
    assert qualified("media outlets", "Phoenix TV", "… according to Phoenix TV.")  # no qualifier to check
    placed = "The envoys met Ana Ruiz in the town of Siena, in central Italy, on Monday."
    assert qualified("Italian towns", "Siena", placed)  # a place, in the country it is put in
    assert not qualified("Italian officials", "Ana Ruiz", placed)  # a person in Italy may be from anywhere


class KindJudge(ScriptedLLM):
    """Judges "yes" for the names it is told are of the kind asked, "no" for every other."""

    def __init__(self, *of_the_kind: str) -> None:
        super().__init__()
        self.of_the_kind = of_the_kind
        self.judged: list[str] = []

    def yes_probability(self, messages):
        name = re.search(r'is "([^"]+)" one of', messages[-1].content).group(1)
        self.judged.append(name)
        return 0.95 if name in self.of_the_kind else 0.05


def test_which_officials_the_article_names_lists_each_with_the_sentence_that_names_it(make_assistant):
    judge = KindJudge("Chinese Foreign Minister Wang Yi", "Wang Wenbin", "Xi Jinping", "Sergei Lavrov")
    assistant = make_assistant(backend=judge, answer_k=8)
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask("Which Chinese officials are mentioned in the article?")
    assert [c.text for c in answer.citations if "Lavrov" in c.text and "Wang" not in c.text] == []
    for name in ("Wang Yi", "Wang Wenbin", "Xi Jinping"):
        assert name in answer.answer
        (citation,) = [c for c in answer.citations if name in c.text]
        assert assistant.article(citation.article_id).text[citation.start : citation.end] == citation.text
    assert "Sergei Lavrov" not in judge.judged  # "his Russian counterpart, Sergei Lavrov": never asked
    assert judge.prompts == []  # nothing written: the names are the article's


def test_an_institution_or_the_country_is_not_listed_among_the_people_the_article_names(make_assistant):
    # A judge that takes these names for the kind asked, as the small model took "Chinese
    # Foreign Ministry" for a Chinese official, and "Russia" for a Russian figure.
    people = ("Chinese Foreign Minister Wang Yi", "Wang Wenbin", "Xi Jinping")
    judge = KindJudge(*people, "Chinese Foreign Ministry", "China")
    assistant = make_assistant(backend=judge, answer_k=8)
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask("Which Chinese officials are mentioned in the article?")
    assert answer.answer == "Chinese Foreign Minister Wang Yi. [1] Wang Wenbin. [2] Xi Jinping. [3]"
    assert "Chinese Foreign Ministry" not in judge.judged and "China" not in judge.judged


def test_a_title_without_a_name_is_no_person():
    from assistant.answer.inventory import no_person

    assert no_person("Russian figures", "Russian Foreign Minister")
    assert no_person("Russian figures", "Russia")
    assert no_person("officials", "State Department")
    assert not no_person("Russian figures", "Russian President Vladimir Putin")
    assert not no_person("Russian cities", "Russia")


def test_a_country_a_capital_or_a_place_is_no_person():
    from assistant.answer.inventory import no_person

    story = SEED_ARTICLE.read_text(encoding="utf-8").splitlines()
    assert no_person("people", "Moscow") and no_person("people", "United States") and no_person("people", "Iran")
    assert no_person("people", "Anui", story)  # "in the province of Anui"
    assert no_person("people", "Russian Foreign Minister")  # a title, whoever holds it
    assert not no_person("people", "Russian President Vladimir Putin", story)  # "the regime of …" is no place
    assert not no_person("people", "Tom West", story)


def test_a_kind_the_article_names_none_of_is_abstained(make_assistant):
    assistant = make_assistant(backend=KindJudge(), answer_k=8)
    assistant.ingest(SEED_ARTICLE)
    assert assistant.ask("Which Chinese officials are mentioned in the article?").abstained


@pytest.mark.parametrize(
    ("question", "nationality"),
    [
        ("Which Pakistani official is representing Pakistan at the meetings?", "Pakistani"),
        ("what Chinese foreign minister hailed the friendship", "Chinese"),
        ("Which Chinese province hosted the talks?", None),  # a place, not a person
        ("Which US official will attend?", None),  # "Washington's envoy": no capitals are kept
        ("what's the russian foreign minister called?", "Russian"),  # typed in lower case
        ("Who is the Finnish prime minister that met the envoys?", "Finnish"),
        ("Who is the Russian foreign minister's Chinese counterpart?", None),  # another's counterpart
    ],
)
def test_a_question_about_a_person_of_a_nationality_is_told_from_others(question, nationality):
    from assistant.answer.inventory import asked_nationality

    assert asked_nationality(question) == nationality


def test_a_name_is_of_the_asked_nationality_when_any_sentence_says_so_by_the_name():
    from assistant.answer.inventory import described_as

    article = [
        "The Chinese Foreign Minister Wang Yi had talks with his Russian counterpart, Sergei Lavrov.",
        "In early March, Wang Yi even hailed a friendship with Moscow.",
        "The head of Kabul’s ruling diplomacy in Kabul, Amir Khan Mutaki, is also expected.",
    ]
    question = "Which Chinese official hailed a friendship?"
    assert described_as("Chinese", "Wang Yi hailed it.", question, article)  # the first sentence says so
    assert not described_as("Chinese", "Sergei Lavrov hailed it.", question, article)
    question = "Which Pakistani official is expected?"
    assert not described_as("Pakistani", "Amir Khan Mutaki, the head of Kabul's diplomacy.", question, article)
    assert described_as("Pakistani", "Diplomats from four countries.", question, article)  # no one named: not judged


def test_a_name_the_story_calls_of_another_nationality_is_not_the_asked_countrys_official():
    from assistant.answer.inventory import asked_possessor, called_otherwise

    article = [
        "The Chinese Foreign Minister Wang Yi had talks with his Russian counterpart, Sergei Lavrov.",
        "The head of Kabul’s ruling diplomacy in Kabul, Amir Khan Mutaki, is also expected.",
        "Washington’s special envoy for Afghanistan, Tom West, will attend the summit.",
    ]
    question = "Who is Pakistan's foreign minister at the talks?"
    assert asked_possessor(question) == "Pakistan"
    assert called_otherwise("Pakistan", "Sergei Lavrov.", question, article)  # "his Russian counterpart"
    assert not called_otherwise("Russia", "Sergei Lavrov.", "Who is Russia's foreign minister?", article)
    assert not called_otherwise("Taliban", "Amir Khan Mutaki.", "Who is the Taliban's top diplomat?", article)
    assert not called_otherwise("Washington", "Tom West.", "Who is Washington's envoy?", article)  # no "-an" country
    assert asked_possessor("What is Pakistan's border with China?") is None  # no official asked


def test_an_official_of_one_country_is_not_answered_from_a_sentence_about_another_countrys():
    from assistant.answer.inventory import asked_official, asked_possessor, called_otherwise, no_one_of

    story = SEED_ARTICLE.read_text(encoding="utf-8").splitlines()
    talks = story_sentence("had talks with his Russian counterpart")
    question = "what did the Taliban foreign minister discuss with Wang Yi?"
    assert asked_official(question) == "Taliban" and asked_possessor(question) is None  # he is not the answer
    assert asked_possessor("Who is Pakistan's foreign minister?") == "Pakistan"
    assert no_one_of("Taliban", talks, question, story)  # Sergei Lavrov, the one at the talks, is Russian
    assert not no_one_of("Russian", talks, "what did the Russian foreign minister discuss with Wang Yi?", story)
    expected = story_sentence("Amir Khan Mutaki")
    assert not no_one_of("Taliban", expected, "what did the Taliban foreign minister say?", story)  # called nothing
    # A place is no one: "in eastern China" does not make China of another nationality.
    claim = "Sergei Lavrov met his counterpart Wang Yi in eastern China."
    assert not called_otherwise("Russian", claim, "what did the Russian foreign minister discuss with Wang Yi?", story)


def story_sentence(words: str) -> str:
    """The sentence of the seed article that holds some words."""
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    return next(s for s in re.split(r"(?<=[.”])\s+", text) if words in s)


def test_the_official_a_question_names_may_be_one_of_several_in_the_sentence():
    from assistant.answer.inventory import no_one_of

    story = SEED_ARTICLE.read_text(encoding="utf-8").splitlines()
    talks = story_sentence("had talks with his Russian counterpart")
    assert not no_one_of("Chinese", talks, "who did the chinese foreign minister hold talks with?", story)
    spokesman = story_sentence("said Chinese Foreign Ministry spokesman Wang Wenbin")
    asked = "What's the name of the Beijing foreign ministry spokesperson quoted saying cooperation is without limits?"
    assert not no_one_of("Beijing", spokesman, asked, story)  # Beijing's spokesman is a Chinese one


def test_the_country_of_someone_the_question_names_is_one_of_its_sides_not_an_answer():
    from assistant.answer.inventory import sides_asked

    told = [
        "The Chinese Foreign Minister Wang Yi had talks with his Russian counterpart, Sergei Lavrov.",
        "The talks were to include representatives from the Taliban and Pakistan.",
    ]
    question = "who were the Wang-Lavrov talks supposed to include reps from?"
    assert sides_asked("China", question, told) and sides_asked("Russia", question, told)
    assert not sides_asked("Pakistan", question, told)
    assert not sides_asked("Russia", "who attended the talks?", told)
