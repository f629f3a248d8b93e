"""Cited answers: what the user sees when the model cites well, badly, or not at all.

The model is scripted (``ScriptedLLM``) so each test controls exactly what it
"writes"; retrieval, verification and citation building are the real ones.
"""

from __future__ import annotations

import re

import pytest
from support import REPO, SEED_ARTICLE

from assistant.llm import ScriptedLLM
from assistant.types import Answer

ENVOY = "Which special envoy for Afghanistan will attend the summit, says a State Department spokesman?"


@pytest.fixture
def ask(make_assistant):
    def make(*replies: str):
        model = ScriptedLLM(*replies)
        assistant = make_assistant(backend=model, answer_k=8, answer_mode="compose")
        assistant.ingest(SEED_ARTICLE)
        return assistant, model

    return make


def _evidence_number(prompts: list[str], fragment: str) -> int:
    """The number the model saw ``fragment``'s sentence under, in the last prompt that numbered evidence."""
    prompt = next(p for p in reversed(prompts) if "\n[1] " in p)
    for line in prompt.splitlines():
        match = re.match(r"\[(\d+)\] (.*)", line)
        if match and fragment in match.group(2):
            return int(match.group(1))
    raise AssertionError(f"{fragment!r} is not in the evidence the model saw")


def _numbered(ask, question: str, fragment: str):
    """A scripted assistant that has answered ``question`` once, and the number its model saw ``fragment`` under.

    The second ask of the same question sees the same numbering, so a test can
    script the reply a small model would write about that sentence.
    """
    assistant, model = ask("placeholder")
    assistant.ask(question)
    return assistant, model, _evidence_number(model.prompts, fragment)


def _answered(ask, question: str, fragment: str, reply: str):
    """``question`` answered by a model that replies ``reply``, its "{n}" the number it saw ``fragment`` under."""
    assistant, model, n = _numbered(ask, question, fragment)
    model.replies = [reply.format(n=n)]
    return assistant.ask(question)


def _exchange(asked: str, answered: str) -> list[dict[str, str]]:
    """A conversation of one question and its answer, as ``history`` takes it."""
    return [{"role": "user", "content": asked}, {"role": "assistant", "content": answered}]


def _hits(*sentences: str) -> list:
    """Evidence sentences as the answer steps read them, with ids s0, s1, …."""
    from types import SimpleNamespace

    return [SimpleNamespace(text=text, sentence_id=f"s{i}", context_before=()) for i, text in enumerate(sentences)]


def test_many_lines_for_a_question_that_asks_one_thing_are_cut_to_the_closest_sentences_line():
    from assistant.answer.pipeline import _concise

    sentences = [
        "To classify the computation time, one is interested in proving upper and lower bounds on the time needed.",
        "Of course, some complexity classes have complicated definitions that do not fit into this framework.",
        "But bounding the computation time above by a concrete function often yields classes that depend on the model.",
    ]
    evidence = _hits(*sentences)
    similarity = {"s0": 0.5, "s1": 0.3, "s2": 0.8}
    lines = [(text, [i + 1]) for i, text in enumerate(sentences)]
    question = "Concrete bounding of computation time produces classes contingent upon what?"
    assert _concise(question, lines, evidence, similarity) == [lines[2]]  # type: ignore[arg-type]
    assert _concise(question, lines[:1], evidence, similarity) == lines[:1]
    listed = "Which complexity classes does the article name? List all."
    assert _concise(listed, lines, evidence, similarity) == lines  # type: ignore[arg-type]


def test_a_supported_line_keeps_its_citation_with_exact_offsets(ask):
    assistant, model, n = _numbered(ask, ENVOY, "Tom West")
    model.replies = [f"Washington's special envoy for Afghanistan, Tom West, will attend the summit [{n}]."]
    answer = assistant.ask(ENVOY)
    assert not answer.abstained
    assert "Tom West" in answer.answer and answer.answer.endswith("[1]")
    (citation,) = answer.citations
    assert citation.marker == 1 and "Tom West" in citation.text
    assert assistant.article(citation.article_id).text[citation.start : citation.end] == citation.text


def test_a_wrong_or_missing_marker_is_reattributed_to_the_supporting_sentence(ask):
    assistant, _ = ask("Tom West, Washington's special envoy for Afghanistan, will attend the summit [99].")
    answer = assistant.ask(ENVOY)
    assert not answer.abstained
    assert [("Tom West" in c.text) for c in answer.citations] == [True]


def test_a_claim_from_the_models_own_knowledge_is_not_shown(ask):
    assistant, _ = ask("The president of Ukraine is Volodymyr Zelensky [1].")
    answer = assistant.ask("Who is the president of Ukraine?")
    assert answer.abstained
    assert "Zelensky" not in answer.answer and answer.citations == ()
    assert answer.answer.startswith("The articles don't say")


def test_not_found_abstains_and_still_reports_what_was_searched(ask):
    assistant, _ = ask("NOT FOUND")
    answer = assistant.ask("What is the population of Kabul?")
    assert answer.abstained and answer.citations == ()
    assert answer.retrieved, "an abstention still shows what was searched"


def test_streaming_yields_text_then_the_same_answer_as_ask(ask):
    reply = "Tom West, Washington's special envoy for Afghanistan, will attend the summit."
    assistant, _ = ask(reply)
    events = list(assistant.ask_stream(ENVOY))
    *deltas, final = events
    assert deltas and all(not isinstance(d, Answer) for d in deltas)
    assert "".join(d.text for d in deltas).strip() == reply
    assert isinstance(final, Answer)
    assert final.citations == assistant.ask(ENVOY).citations


def test_answer_json_has_the_documented_fields(ask):
    assistant, _ = ask("Tom West, Washington's special envoy for Afghanistan, will attend the summit.")
    data = assistant.ask(ENVOY).to_dict()
    assert set(data) == {"question", "answer", "abstained", "citations", "retrieved", "llm", "timings_ms"}
    assert set(data["citations"][0]) == {
        "marker",
        "article_id",
        "title",
        "url",
        "published",
        "sentence_index",
        "text",
        "start",
        "end",
    }
    assert set(data["timings_ms"]) == {"retrieve", "generate", "total"}
    assert data["llm"] == "scripted"


def test_a_follow_up_is_rewritten_before_retrieval(ask):
    assistant, model = ask(
        "Which summit will Tom West, Washington's special envoy for Afghanistan, attend?",
        "Tom West will attend the summit on Afghanistan.",
    )
    history = _exchange("Who is Washington's special envoy for Afghanistan?", "Tom West. [1]")
    answer = assistant.ask("Which summit will he attend?", history=history)
    assert "Which summit will he attend?" in model.prompts[0]  # the rewrite prompt saw the follow-up
    assert any("Tom West" in hit.text for hit in answer.retrieved)


def test_a_rewrite_that_no_longer_asks_for_a_source_is_not_used(ask):
    history = _exchange(
        "Is anyone from the Taliban government coming?", "Yes, Amir Khan Mutaki is also expected to attend."
    )
    for rewrite, used in (("Who is Amir Khan Mutaki?", False), ("Who says Amir Khan Mutaki is coming?", True)):
        assistant, model = ask(rewrite, "placeholder")
        assistant.ask("who says he's coming?", history=history)
        assert any(f"Question: {rewrite}" in prompt for prompt in model.prompts) == used


def test_a_rewrite_that_drops_a_name_the_user_typed_is_not_used(ask):
    history = _exchange("Who did Lavrov hold talks with in eastern China?", "With Chinese Foreign Minister Wang Yi.")
    dropped = "When did Lavrov hold talks with Chinese Foreign Minister Wang Yi in eastern China?"
    kept = "When was Wang Yi last in Kabul?"
    for rewrite, used in ((dropped, False), (kept, True)):
        assistant, model = ask(rewrite, "placeholder")
        answer = assistant.ask("and when was the chinese one last in kabul?", history=history)
        assert any(f"Question: {rewrite}" in prompt for prompt in model.prompts) == used
        assert any("Kabul" in hit.text for hit in answer.retrieved)


def test_extractive_backend_quotes_the_best_sentence(make_assistant):
    assistant = make_assistant(llm="extractive")
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask("Tom West special envoy Afghanistan attend summit State Department spokesman")
    assert answer.llm == "extractive" and not answer.abstained
    (citation,) = answer.citations
    assert f"“{citation.text}”" in answer.answer


def test_a_prompt_with_a_missing_value_is_an_error_not_a_hole():
    from assistant.errors import AssistantError
    from assistant.prompts import render

    assert "Question: Who?" in render("answer", evidence="[1] x", conversation="", question="Who?")
    with pytest.raises(AssistantError, match=r"\$question"):
        render("answer", evidence="[1] x", conversation="")


def test_bare_markers_quote_the_chosen_sentence_when_it_is_about_the_question(ask):
    assistant, model, n = _numbered(ask, ENVOY, "Tom West")
    model.replies = [f"[{n}]"]
    answer = assistant.ask(ENVOY)
    (citation,) = answer.citations
    assert answer.answer == f"“{citation.text}” [1]" and "Tom West" in citation.text


def test_bare_markers_on_a_sentence_about_something_else_get_the_evidence_read_instead(ask):
    assistant, model, n = _numbered(ask, ENVOY, "Xinjiang")
    model.replies = [f"[{n}]", "Tom West"]
    answer = assistant.ask(ENVOY)
    assert answer.answer == "Tom West. [1]" and "Tom West" in answer.citations[0].text


# --- extract mode: the model reads one evidence sentence at a time -------------------------


class SentenceReader:
    """A model that answers from the one sentence it is shown: the name in it, if any.

    It is the behaviour extract mode relies on, made exact, so the test sees
    what the pipeline does with good, made-up and yes/no replies.
    """

    name = "reader"

    def __init__(self, names: list[str], made_up: str | None = None, verdict: str | None = None) -> None:
        self.names, self.made_up, self.verdict = names, made_up, verdict
        self.prompts: list[str] = []

    def complete(self, messages, max_tokens=400):
        prompt = messages[-1].content
        self.prompts.append(prompt)
        sentences = re.findall(r'Sentence(?: from a news article)?: "(.*)"', prompt)
        if not sentences:
            return "NONE"  # not a reading (a follow-up's rewrite): no opinion
        sentence = sentences[-1]
        if self.verdict:
            return self.verdict
        if self.made_up:
            return self.made_up
        return next((n for n in self.names if n in sentence), "NONE")

    def stream(self, messages, max_tokens=400):
        yield self.complete(messages, max_tokens)


@pytest.fixture
def reader(make_assistant):
    def make(model: SentenceReader):
        assistant = make_assistant(backend=model, answer_k=8, answer_mode="extract")
        assistant.ingest(SEED_ARTICLE)
        return assistant

    return make


LIST_QUESTION = (
    "Who will attend the summit according to a State Department spokesman, "
    "and who is also expected according to the New China news agency?"
)


def test_extract_mode_names_everyone_each_cited_to_its_own_sentence(reader):
    model = SentenceReader(["Tom West", "Amir Khan Mutaki"])
    assistant = reader(model)
    answer = assistant.ask(LIST_QUESTION)
    assert "Tom West" in answer.answer and "Amir Khan Mutaki" in answer.answer
    for citation in answer.citations:
        assert assistant.article(citation.article_id).text[citation.start : citation.end] == citation.text
    by_marker = {f"[{c.marker}]": c.text for c in answer.citations}
    for name in ("Tom West", "Amir Khan Mutaki"):
        marker = re.search(re.escape(name) + r"\. (\[\d+\])", answer.answer).group(1)
        assert name in by_marker[marker]


def test_extract_mode_drops_a_reply_the_sentence_does_not_support(reader):
    answer = reader(SentenceReader([], made_up="Volodymyr Zelensky")).ask("Who is the president of Ukraine?")
    assert answer.abstained and "Zelensky" not in answer.answer


def test_extract_mode_answers_yes_no_with_the_sentence_that_says_so(reader):
    answer = reader(SentenceReader([], verdict="No")).ask("Has Beijing condemned the invasion of Ukraine?")
    assert answer.answer.startswith("No: “") and len(answer.citations) == 1
    assert answer.citations[0].text in answer.answer


def test_extract_mode_streams_findings_and_ends_with_the_same_citations(reader):
    assistant = reader(SentenceReader(["Tom West"]))
    *deltas, final = list(assistant.ask_stream(ENVOY))
    assert "Tom West" in "".join(d.text for d in deltas)
    assert final.citations == assistant.ask(ENVOY).citations and final.citations


def test_the_html_report_shows_figures_and_escaped_answers(make_assistant):
    from assistant.evaluate.answers import evaluate_answers
    from assistant.evaluate.questions import load_questions
    from assistant.evaluate.report import html_report

    assistant = make_assistant(llm="extractive")
    assistant.ingest(SEED_ARTICLE)
    questions = load_questions(REPO / "eval" / "seed_questions.jsonl")[:3]
    data = evaluate_answers(assistant, questions).to_dict()
    data["questions"][0]["answer"] = "<script>alert(1)</script>"
    page = html_report(data, "Answers")
    assert page.startswith("<!doctype html>") and "answer_correctness" in page
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_citation_markers_inside_an_article_cannot_pose_as_evidence_numbers(make_assistant, tmp_path):
    model = ScriptedLLM("NOT FOUND")
    assistant = make_assistant(backend=model, answer_k=8, answer_mode="compose")
    story = tmp_path / "planted.txt"
    story.write_text("Council news\n\nThe council met on Monday [1] and the mayor spoke [2].\n", encoding="utf-8")
    assistant.ingest(story)
    assistant.ask("When did the council meet?")
    prompt = next(p for p in model.prompts if "council met" in p)
    assert "Monday (1) and the mayor spoke (2)." in prompt


def test_a_claim_is_also_cited_to_sentences_that_restate_it_but_not_to_any_that_share_one_word():
    from types import SimpleNamespace

    from assistant.answer.extract import restatements

    evidence = [
        SimpleNamespace(text="A two-day summit on Afghanistan will be held in Anui."),
        SimpleNamespace(text="Lavrov will attend a two-day meeting in China."),
        SimpleNamespace(text="Europe imports gas."),
        SimpleNamespace(text="Europe was divided."),
    ]
    assert restatements("It will last two days.", 1, evidence, "How long will the summit last?") == [2]
    assert restatements("Europe.", 3, evidence, "Where?") == []


def test_a_yes_no_question_gets_its_verdict_from_the_cited_sentence(ask):
    assistant, model = ask("Tom West, Washington's special envoy for Afghanistan, will attend the summit.", "Yes")
    answer = assistant.ask("Will Washington's special envoy for Afghanistan, Tom West, attend the summit?")
    assert answer.answer.startswith("Yes. Tom West") and len(answer.citations) == 1
    assert "Tom West" in answer.citations[0].text
    assert "yes or no" in model.prompts[-1]  # the verdict came from a reading of the cited sentence


@pytest.mark.parametrize("question", ["", "   ", "why " * 400])
def test_an_empty_or_enormous_question_gets_a_clear_error(make_assistant, question):
    from assistant.errors import QuestionError

    assistant = make_assistant(llm="extractive")
    with pytest.raises(QuestionError, match=r"empty|characters long"):
        assistant.ask(question)


def test_a_line_its_own_sentence_denies_is_dropped(ask):
    question = "Has Beijing condemned Russia's invasion of Ukraine?"
    assistant, model = ask("NOT FOUND")
    assistant.ask(question)
    n = _evidence_number(model.prompts, "refused to condemn")
    model.replies = [f"Yes, Beijing has condemned Russia's invasion of Ukraine [{n}]."] * 2 + ["NONE"]
    answer = assistant.ask(question)
    assert "has condemned" not in answer.answer


def test_a_yes_its_own_sentence_denies_becomes_no_with_that_sentence(ask):
    question = "Has Beijing come out and publicly condemned Russia's invasion of Ukraine?"
    assistant, model = ask("NOT FOUND")
    assistant.ask(question)
    n = _evidence_number(model.prompts, "refused to condemn")
    model.replies = [f"Yes, Beijing has come out and publicly condemned Russia's invasion of Ukraine [{n}]."] * 2
    answer = assistant.ask(question)
    assert answer.answer.startswith("No: “Since February 24, Beijing has refused to condemn")
    assert "refused to condemn" in answer.citations[0].text


def test_a_sentence_that_denies_a_yes_no_question_answers_no_without_the_model():
    from types import SimpleNamespace

    from assistant.answer.extract import Extractor
    from assistant.answer.verify import Verifier

    model = ScriptedLLM("Yes")
    extractor = Extractor(model, Verifier())
    question = "Has Beijing condemned Russia's invasion of Ukraine?"
    denied = "Since February 24, Beijing has refused to condemn the invasion of Ukraine."
    assert extractor.verdict(question, denied) == "No"
    evidence = [SimpleNamespace(text=denied, sentence_id="s1")]
    (finding,) = extractor.find(question, evidence, {"s1": 0.7})  # type: ignore[arg-type]
    assert finding.text.startswith("No") and finding.cited == (1,)
    assert model.prompts == []


def _verdict_read_off(question: str, sentence: str) -> str | None:
    """The verdict an extractor gives a yes/no question from one sentence, which its model must not be asked for."""
    from assistant.answer.extract import Extractor
    from assistant.answer.verify import Verifier

    model = ScriptedLLM("Yes")
    verdict = Extractor(model, Verifier()).verdict(question, sentence)
    assert model.prompts == []
    return verdict


def test_a_yes_no_question_that_quotes_a_denial_is_answered_no_by_a_sentence_placing_it_elsewhere():
    question = "did the ministry spokesman make the 'no limit' comments to reporters in Moscow?"
    said = "“There is no limit to our cooperation,” a foreign ministry spokesman told reporters in Beijing."
    assert _verdict_read_off(question, said) == "No"


def test_a_yes_no_question_placing_quoted_words_elsewhere_is_answered_no_with_the_sentence_that_places_them(ask):
    question = "did the chinese foreign ministry spokesman make the 'no limit' comments to reporters in moscow?"
    reply = "Yes. The spokesman made the 'no limit' comments to reporters in Moscow. [{n}]"
    answer = _answered(ask, question, "told reporters in Beijing", reply)
    assert answer.answer.startswith("No")
    assert "told reporters in Beijing" in answer.citations[0].text


def test_a_superlative_or_a_strength_the_sentence_turns_the_other_way_answers_no():
    from assistant.answer.extract import Extractor
    from assistant.answer.verify import Verifier

    extractor = Extractor(ScriptedLLM("NONE"), Verifier())
    sentence = "Lavrov, who said yesterday that Russia’s relations with China were at the strongest level ever, left."
    assert extractor.verdict("did lavrov say ties with china were at their weakest point", sentence) == "No"
    assert extractor.verdict("did lavrov say ties with china were at their strongest", sentence) != "No"
    seen = "Beijing and Moscow had seen the withdrawal of US forces from Kabul as evidence of American weakness."
    asked = "did beijing take the US withdrawal from kabul as a sign of american strength"
    assert extractor.verdict(asked, seen) == "No"


def test_a_yes_no_question_naming_another_in_the_words_a_sentence_frames_its_name_with_is_answered_no():
    from assistant.answer.verify import Verifier

    looking = "Spain is looking to France for help as its harvest fails."
    assert _verdict_read_off("Is Spain looking to the United States for help?", looking) == "No"
    opening = "The ministers met in Lyon, where a conference dedicated to Libya opens on Monday."
    assert _verdict_read_off("is the conference in Lyon dedicated to Syria?", opening) == "No"
    # Another's visit, or a name that only qualifies a noun ("a US diplomat"), contradicts nothing.
    check = Verifier().check
    assert not check("Did Lavrov meet with Wang Yi?", ["Lavrov will meet with a US diplomat."]).contradicted
    assert not check("Putin's visit to Beijing", ["Wang Yi's visit to Kabul came first."]).contradicted
    talks = ["Wang Yi had talks with his Russian counterpart, Sergei Lavrov."]  # whose counterpart: who "he" is
    assert not check("Lavrov had talks with his Chinese counterpart Wang Yi.", talks).contradicted
    assert check("Lavrov met the Spanish delegation.", ["Lavrov met the French delegation."]).contradicted


def test_a_yes_no_question_giving_someone_a_title_the_sentence_gives_them_another_of_is_answered_no():
    from assistant.answer.verify import titled_otherwise

    said = "“We are ready,” said Brazilian Foreign Ministry spokesman Ana Silva, when asked about the visit."
    assert _verdict_read_off("Is Ana Silva Brazil's foreign minister?", said) == "No"
    assert not titled_otherwise("Is Ana Silva the ministry's spokesman?", said)
    assert titled_otherwise("Is Ana Silva a spokesman for the Peruvian foreign ministry?", said)  # Brazilian
    assert not titled_otherwise("Is Ana Silva a spokesman for Brazil's foreign ministry?", said)
    envoy = "According to a ministry spokesman, the special envoy for Peru, Rui Costa, will attend."
    assert not titled_otherwise("Did the ministry spokesman say Rui Costa would attend?", envoy)  # none of his


def test_a_no_resting_on_another_name_in_the_questions_place_is_the_answer_though_the_asked_name_is_unwritten(ask):
    question = "Does the article say Russia is looking to the United States for support and cooperation?"
    reply = "Russia is looking to China for support and cooperation. [{n}]"
    answer = _answered(ask, question, "Russia is looking to China", reply)
    assert answer.answer.startswith("No") and "looking to China" in answer.citations[0].text
    # "two-day" describes the summit asked about; it is not what the question measures.
    question = "Is the two-day summit in Anui dedicated to Ukraine?"
    answer = _answered(ask, question, "dedicated to Afghanistan", "Yes. [{n}]")
    assert answer.answer.startswith("No") and "dedicated to Afghanistan" in answer.citations[0].text
    # A name the story never writes is not what the question is about when it stands in another's place.
    answer = _answered(ask, "was the summit in Anui dedicated to Syria?", "dedicated to Afghanistan", "Yes. [{n}]")
    assert answer.answer.startswith("No") and "dedicated to Afghanistan" in answer.citations[0].text


def test_a_place_put_at_a_compass_point_its_sentence_rules_out_is_answered_no():
    from assistant.answer.verify import Verifier

    sentence = "Lyon, a city in southeastern France, hosts the talks."
    assert _verdict_read_off("Is Lyon in northern France?", sentence) == "No"
    assert not Verifier().check("Is Lyon in eastern France?", [sentence]).contradicted  # south-east is east
    assert not Verifier().check("Lyon is in the North Korea talks.", [sentence]).contradicted  # a name's "North"


def test_a_yes_no_question_said_back_from_a_sentence_that_holds_few_of_its_words_is_no_yes(make_assistant):
    # The model judged "… briefed his Chinese counterpart on the progress of the special military
    # operation …" to answer, and said the question back.
    question = "Did Russia ask China for military equipment during the talks?"
    judge = JudgesByFragment({"special military operation": 0.8}, "placeholder")
    assistant, model, n = _judged_and_numbered(make_assistant, question, "special military operation", model=judge)
    model.replies = [f"Russia asked China for military equipment during the talks. [{n}]", "NONE"]
    assert not assistant.ask(question).answer.startswith("Yes")


def test_a_judgement_the_sentence_makes_the_other_way_answers_no():
    from assistant.answer.extract import Extractor
    from assistant.answer.verify import Verifier

    extractor = Extractor(ScriptedLLM("NONE"), Verifier())
    sentence = "The delegation was warmly welcomed by its hosts when it landed in Kabul on Monday."
    assert extractor.verdict("was the delegation given a cold welcome in kabul?", sentence) == "No"
    assert extractor.verdict("was the delegation welcomed warmly in kabul?", sentence) != "No"
    talks = "The talks with the rebels were a failure, the mediator said."
    assert extractor.verdict("Were the talks with the rebels a success?", talks) == "No"
    wary = "Local firms are wary of the new rules, the chamber said."
    asked = "Are local firms eager to follow the new rules?"
    assert extractor.verdict(asked, wary) == "No"
    assert Verifier().check("No, local firms are wary of the new rules.", [wary], asked).supported
    assert not Verifier().check("Yes, local firms are eager to follow the new rules.", [wary], asked).supported
    condemned = "The ministers condemned the new tariffs on steel, the statement said."
    assert extractor.verdict("Did the ministers endorse the tariffs on steel?", condemned) == "No"
    assert extractor.verdict("did the ministers denounce the tariffs?", condemned) != "No"  # the same side


def test_the_holder_of_the_role_in_another_country_is_no_answer_to_who_holds_it_here(ask):
    reply = "Wang Yi, the Chinese Foreign Minister. [{n}]"
    answer = _answered(ask, "what's the russian foreign minister called?", "Wang Yi had talks", reply)
    assert "Wang Yi" not in answer.answer


def test_a_list_of_peers_is_no_answer_to_who_represents_a_country_named_with_a_possessive():
    from assistant.answer.pipeline import _lists_the_asked

    assert _lists_the_asked("Chile, Peru, Brazil.", "What's the name of Peru's envoy at the talks?")
    assert _lists_the_asked("Chile, Peru, Brazil.", "Who was Peru’s envoy at the talks?")
    assert not _lists_the_asked("Chile, Brazil.", "What's the name of Peru's envoy at the talks?")


def test_who_represents_a_country_is_not_answered_with_its_peers_or_someone_no_sentence_ties_to_it():
    from types import SimpleNamespace

    from assistant.answer.pipeline import _representing_the_asked

    sentences = [
        "A meeting will be held with diplomats from Chile, Peru, Iran and the United States.",
        "The head of Quito's diplomacy, Ana Ruiz, is also expected.",
        "Talks were to include representatives from the Andean Pact and Iran.",
        "A State Department spokesman said Washington's special envoy Tom West will attend.",
    ]
    evidence = [SimpleNamespace(text=text) for text in sentences]
    lines = [("Chile, Peru, United States.", [1]), ("Ana Ruiz.", [2]), ("Andean Pact.", [3]), ("Tom West.", [4])]
    assert _representing_the_asked("who is representing Iran at the meeting?", lines, evidence) == []
    assert _representing_the_asked("who is representing the US there?", lines, evidence) == [("Tom West.", [4])]
    # Not a country: the Andean Pact's envoy may be called anything.
    assert _representing_the_asked("who is representing the Andean Pact?", lines, evidence) == lines


def test_which_ones_of_a_kind_is_not_answered_by_a_line_about_the_kind():
    from assistant.answer.pipeline import _naming_some_of_the_asked

    question = "which chilean firms are worried about the new tariffs?"
    general = ("Chilean firms are cautious, fearing they may be hit by the tariffs.", [1])
    named = ("Codelco and Enap.", [2])
    assert _naming_some_of_the_asked(question, [general, named]) == [named]
    assert _naming_some_of_the_asked("what are chilean firms worried about?", [general]) == [general]


def test_a_name_listed_beside_the_one_asked_about_says_nothing_of_it():
    from types import SimpleNamespace

    from assistant.answer.pipeline import _not_the_peers_of_the_asked

    evidence = [SimpleNamespace(text="Talks were to include envoys from Chile, Peru, Ecuador and Bolivia.")]
    asked = "what did Ecuador's delegation propose at the talks?"
    assert _not_the_peers_of_the_asked(asked, [("Peru.", [1])], evidence) == []
    assert _not_the_peers_of_the_asked(asked, [("A truce.", [1])], evidence) == [("A truce.", [1])]
    besides = "which country besides Ecuador sent envoys?"
    assert _not_the_peers_of_the_asked(besides, [("Peru.", [1])], evidence) == [("Peru.", [1])]


def test_a_list_line_read_off_a_sentence_that_says_nothing_the_question_asks_is_not_added():
    from types import SimpleNamespace

    from assistant.answer.pipeline import _speaks_of_the_question

    talks = "The Lima talks were to include envoys from Chile and Peru."
    evidence = [
        SimpleNamespace(text=talks, context_before=()),
        SimpleNamespace(
            text="A trade forum in Lima will also be held, with bankers from Brazil and Mexico.",
            context_before=("Rain fell in Lima.",),
        ),
        SimpleNamespace(text="Ecuador's envoy, Ana Ruiz, is also expected.", context_before=(talks,)),
    ]
    question = "Envoys from which countries were the Lima talks to include?"
    assert _speaks_of_the_question(question, ("Chile, Peru.", [1]), evidence)  # type: ignore[arg-type]
    # "Lima" is written in both: the question's lower-case words say what it asks about.
    assert not _speaks_of_the_question(question, ("Brazil, Mexico.", [2]), evidence)  # type: ignore[arg-type]
    # "… is also expected" goes on from the sentence before.
    assert _speaks_of_the_question(question, ("Ecuador.", [3]), evidence)  # type: ignore[arg-type]


def test_who_besides_one_doer_is_answered_with_the_other_doers_of_the_passive_sentence():
    from types import SimpleNamespace

    from assistant.answer.complete import done_by

    sentence = "The ban on the imports, enacted by both the European Union and its partners, angered Oslo."
    evidence = [SimpleNamespace(text=sentence)]
    question = "Besides the European Union, who enacted the ban on the imports?"
    assert done_by(question, [], evidence) == [("Its partners.", [1])]  # type: ignore[arg-type]
    alone = "Besides the European Union and its partners, who enacted the ban on the imports?"
    assert done_by(alone, [], evidence) == []  # type: ignore[arg-type]


def test_where_someone_was_when_they_said_something_is_not_the_place_of_another_sentence():
    from assistant.answer.complete import said_so

    evidence = _hits(
        "The envoy held talks with the mayor in the town of Arles, in southern France.",
        "The envoy, who said yesterday that ties with Spain were at their best level ever, left on Monday.",
    )
    lines = [("Arles, southern France.", [1])]
    asked = "Where was the envoy when he said ties with Spain were at their best ever?"
    assert said_so(asked, lines, evidence) == []
    assert said_so("Where did the envoy hold talks with the mayor?", lines, evidence) == lines


def test_what_someone_did_to_another_is_read_off_a_passive_sentence_that_names_them_as_the_doer(ask):
    from assistant.answer.phrases import done_to

    sentence = "The mayors noted the harm of the heavy new tolls imposed on Lyon by both Paris and its allies."
    assert done_to("What did Paris impose on Lyon?", sentence) == "the heavy new tolls"
    assert done_to("What did Rome impose on Lyon?", sentence) is None  # another doer
    assert done_to("Who imposed tolls on Lyon?", sentence) is None  # the doer is asked: ``doer``
    question = "What did the parties say that the United States imposed on Russia?"
    answer = _answered(ask, question, "sanctions imposed on Russia", "NOT FOUND")
    assert "illegal unilateral sanctions" in answer.answer and "imposed on Russia" in answer.citations[0].text


def test_where_is_answered_with_the_narrowest_place_the_cited_sentence_puts_the_region_around():
    from types import SimpleNamespace

    from assistant.answer.complete import narrowest_place

    sentence = "The envoys met in the town of Arles, in southern France, before the vote."
    evidence = [SimpleNamespace(text=sentence)]
    lines = [("They met in southern France.", [1])]
    assert narrowest_place("Where exactly did the envoys meet?", lines, evidence) == [  # type: ignore[arg-type]
        ("The town of Arles, in southern France.", [1])
    ]
    assert narrowest_place("What did the envoys discuss?", lines, evidence) == lines  # type: ignore[arg-type]
    assert narrowest_place("what city did the envoys meet in", lines, evidence) == [  # type: ignore[arg-type]
        ("The town of Arles, in southern France.", [1])
    ]
    given = [("Arles.", [1])]
    assert narrowest_place("Where in France did the envoys meet?", given, evidence) == given  # type: ignore[arg-type]


def test_a_word_the_sentence_negates_with_a_prefix_answers_no_though_other_words_differ_in_form():
    # "legal" against "illegal", and the question's "Brazilian" and "Western" against the
    # sentence's "Brazil" and "West's": the word negated is one the sentence speaks of.
    from assistant.answer.extract import Extractor
    from assistant.answer.verify import Verifier

    extractor = Extractor(ScriptedLLM("NONE"), Verifier())
    sentence = "The court in Brazil called the West’s new tariffs illegal and unfair."
    assert (
        extractor.verdict("Did the Brazilian court formally describe the Western tariffs as legal?", sentence) == "No"
    )
    assert (
        extractor.verdict("Did the Brazilian court formally describe the Western tariffs as illegal?", sentence) != "No"
    )


def test_a_yes_to_a_cold_reception_its_sentence_calls_warm_becomes_no(ask):
    question = "Was Putin given a cold reception by Xi in Beijing?"
    assistant, model, n = _numbered(ask, question, "warmly received")
    model.replies = [f"Yes, Vladimir Putin was warmly received by Xi Jinping in Beijing. [{n}]"] * 2
    answer = assistant.ask(question)
    assert answer.answer.startswith("No") and "warmly received" in answer.citations[0].text


def test_a_reply_read_off_a_sentence_adds_the_word_the_sentence_writes_in_lower_case():
    from types import SimpleNamespace

    from assistant.answer.extract import Extractor
    from assistant.answer.verify import Verifier

    sentence = "Wang Yi had talks with Sergei Lavrov in the province of Anui, in eastern China."
    evidence = [SimpleNamespace(text=sentence, sentence_id="s1")]
    extractor = Extractor(ScriptedLLM("Eastern China"), Verifier())
    (finding,) = extractor.find("what part of China is Anui province in?", evidence, {"s1": 0.7})  # type: ignore[arg-type]
    assert finding.text == "Eastern China"  # the capital is the reply's, not a fuller name of "China"


def test_a_negation_elsewhere_in_the_sentence_does_not_reject_a_claim():
    from assistant.answer.verify import Verifier

    sentence = "“Our quest for peace is limitless, our opposition to hegemony is without limits,” Wang Wenbin said."
    assert Verifier().check("Wang Wenbin said it.", [sentence], "Which spokesman was quoted?").supported
    denied = "Since February 24, Beijing has refused to condemn the invasion of Ukraine."
    assert Verifier().check("Beijing has condemned the invasion of Ukraine.", [denied]).contradicted


def test_a_first_name_may_complete_a_surname_only_as_the_evidence_writes_it():
    from assistant.answer.verify import Verifier

    cited = ["Lavrov briefed Wang Yi on the talks."]
    context = ["Sergei Lavrov is scheduled to attend.", "Wang Wenbin said so."]
    assert Verifier().check("Sergei Lavrov briefed Wang Yi.", cited, "", context).supported
    assert not Verifier().check("Wang Wenbin briefed Lavrov.", cited, "", context).supported


def test_a_name_the_model_transliterates_another_way_is_the_evidences_name():
    from assistant.answer.verify import Verifier

    cited = ["Russian Foreign Minister Sergei Lavrov met Wang Yi."]
    assert Verifier().check("Sergey Lavrov met Wang Yi.", cited).supported
    assert not Verifier().check("Sergey Lavrov met Wang Wenbin.", cited).supported
    assert not Verifier().check("Sergio Lavrov met Wang Yi.", cited).supported  # two letters apart


def test_a_surname_written_alone_is_completed_as_the_other_sentences_most_often_write_it():
    from assistant.answer.verify import Verifier

    cited = ["Lavrov had traveled to China for talks with Wang, who had invited him."]
    context = ["Wang Yi had talks with Sergei Lavrov.", "Wang Wenbin said so.", "Wang Yi hailed the friendship."]
    question = "who was Lavrov traveling to China to hold talks with?"
    assert Verifier().check("He traveled for talks with Wang Yi.", cited, question, context).supported
    assert not Verifier().check("He traveled for talks with Wang Wenbin.", cited, question, context).supported
    assert not Verifier().check("He traveled for talks with Wang Yi.", cited, question, context[:2]).supported
    named = ["Lavrov briefed Wang Yi on the talks."]
    assert not Verifier().check("Wang Wenbin briefed Lavrov.", named, "", context).supported  # another Wang


def test_a_contraction_is_no_name_and_no_content_word():
    from assistant.answer.verify import Verifier

    sentence = "Wang Yi had talks in Anui, where a two-day summit dedicated to Afghanistan will be held."
    assert Verifier().check("It's two days long.", [sentence], "how long is it going to last?").supported


def test_a_name_may_differ_in_its_ending_but_a_name_put_in_by_the_model_drops_the_line():
    from assistant.answer.verify import Verifier

    sentence = "Beijing and Moscow had seen the withdrawal of US forces from Kabul as evidence of American weakness."
    assert not Verifier().check("America was weak, they thought.", [sentence]).missing_names
    support = Verifier().check(
        "Beijing and Moscow saw the withdrawal of US forces from Kabul as Paris did.", [sentence]
    )
    assert support.missing_names == ("paris",) and support.lexical >= 0.6


def test_a_country_written_another_way_stands_in_its_own_place():
    from assistant.answer.verify import Verifier

    sentence = "The parties noted the illegal sanctions imposed on Russia by the United States and its allies."
    claim = "The Foreign Minister described the sanctions imposed by the US and its allies as illegal."
    question = "how did the Russian ministry describe the sanctions imposed by the US and its allies?"
    assert Verifier().right_but_for_names(claim, sentence, question), "only the title is the model's own"
    assert not Verifier().right_but_for_names(claim.replace("US", "EU"), sentence, question)


@pytest.mark.parametrize("tag", ["right?", "correct?", "didn't he?", "is that right?"])
def test_a_statement_with_a_question_tag_is_answered_yes_or_no(ask, tag):
    question = f"wang yi visited kabul shortly before the meetings, {tag}"
    assistant, model, n = _numbered(ask, question, "visit to Kabul came a week before the meetings")
    model.replies = [f"Wang Yi visited Kabul a week before the meetings. [{n}]", "Yes"]
    assert assistant.ask(question).answer.startswith("Yes")


def test_a_long_line_that_says_nothing_about_the_question_is_no_answer():
    from assistant.answer.pipeline import _about

    question = "When was Tom West appointed to that post?"
    assert not _about("The meetings come a week after the visit to Kabul, since last August.", question, question)
    assert _about("Last August.", question, question)
    assert _about("Iran, Tajikistan, Turkmenistan and Uzbekistan.", question, question)
    assert _about("Tom West was appointed last August.", question, question)


def test_a_question_about_a_name_or_year_the_evidence_never_mentions_is_abstained_without_the_model(ask):
    assistant, model = ask("Tom West will attend the summit [1].")
    answer = assistant.ask("Which summit will Tom West attend in 1998?")
    assert answer.abstained and "“1998”" in answer.answer
    answer = assistant.ask("Which summit will Emmanuel Macron attend?")
    assert answer.abstained and "“Macron”" in answer.answer
    assert model.prompts == [], "nothing for the model to read"
    assert answer.retrieved, "an abstention still shows what was searched"


def test_a_minister_of_a_portfolio_the_story_never_names_is_abstained(ask):
    assistant, model = ask("Wang Yi [1].")
    answer = assistant.ask("who is china's defence minister?")
    assert answer.abstained and "defence minister" in answer.answer
    assert model.prompts == [], "the foreign minister is no answer to read for"
    assert not assistant.ask("who is the chinese foreign affairs minister?").abstained


def test_the_names_of_a_question_match_the_evidence_across_accents_endings_and_capitals():
    from assistant.answer.verify import unmentioned

    evidence = ["Fort Beauséjour fell to British troops in 1755, and Chinese envoys visited the U.S."]
    assert unmentioned("Who captured Fort Beausejour in 1755?", evidence) == []
    assert unmentioned("What did Britain and China do?", evidence) == []  # one name, another form
    assert unmentioned("Who visited the US?", evidence) == []  # abbreviations are not held to the letter
    assert unmentioned("What did the US envoy say?", ["Washington's envoy spoke."]) == []
    assert unmentioned("Is an American envoy coming?", ["Washington's envoy will attend."]) == []
    assert unmentioned("What did the UN envoy say?", ["Washington's envoy spoke."]) == ["UN"]
    assert unmentioned("Tell us what the envoy said?", ["The envoy spoke."]) == []  # "us" is no country
    assert unmentioned("What is the capital of the province?", ["They met in Anui province."]) == ["capital"]
    assert unmentioned("whats the capital city of Anui?", ["They met in Anui province."]) == ["capital"]
    assert unmentioned("What is the length of the border?", ["A 76-kilometer-long border."]) == []  # other words
    assert unmentioned("WHO CAPTURED THE FORT IN 1755?", evidence) == []  # capitals say nothing here
    assert unmentioned("Who captured Fort Duquesne in 1758?", evidence) == ["Duquesne", "1758"]
    assert unmentioned("What did the 12 envoys do?", ["The twelve envoys met."]) == []
    # The count of what is asked for is the answer's size, not a number the story must write.
    assert unmentioned("he said 3 things are limitless, what are they", ["Peace is limitless."]) == []
    assert unmentioned("Did he say 3 things are limitless?", ["Peace is limitless."]) == ["3"]
    assert unmentioned("What did the 2 envoys do?", ["Both envoys met."]) == []
    assert unmentioned("48 envoys met where?", ["182 envoys met in Kabul."]) == ["48"]  # a figure opening it
    # The first word of each sentence is capitalised by position, not a name; "Mr." ends no sentence.
    assert unmentioned("Who captured the fort in 1755? Give every name.", evidence) == []
    assert unmentioned("Did Mr. Duquesne capture the fort?", evidence) == ["Duquesne"]


def test_an_amount_that_went_the_other_way_is_no_support():
    from assistant.answer.verify import Verifier

    sentence = "The rate of deforestation from 2000 to 2005 was 18% higher than in the previous five years."
    assert Verifier().check("From 2000 to 2005.", [sentence], "When did deforestation rise by 18%?").supported
    assert not Verifier().check("From 2000 to 2005.", [sentence], "When did deforestation decrease by 18%?").supported
    assert not Verifier().check("Deforestation was 18% lower from 2000 to 2005.", [sentence]).supported


def test_claims_run_together_on_one_line_are_checked_and_cited_one_by_one(ask):
    question = "Why is Russia turning to China?"
    assistant, model = ask("placeholder")
    assistant.ask(question)
    isolated = _evidence_number(model.prompts, "isolates itself")
    sanctions = _evidence_number(model.prompts, "sanctio")
    model.replies = [
        f"Russia is increasingly isolating itself from global financial systems. [{isolated}] "
        f"Russia faces unprecedented Western sanctions. [{sanctions}] "
        "Russia will host the Olympics."
    ]
    answer = assistant.ask(question)
    assert "isolating" in answer.answer and "sanctions" in answer.answer and "Olympics" not in answer.answer
    assert [("isolates" in c.text, "sanctions" in c.text) for c in answer.citations] == [(True, False), (False, True)]


def test_an_answer_line_cut_off_at_a_comma_still_ends_as_a_sentence():
    from assistant.answer.wording import ended

    assert ended("Phoenix TV,") == "Phoenix TV." and ended("Tom West") == "Tom West."


class ComposerThenReader(SentenceReader):
    """Writes one cited line naming only ``first`` from the sentence holding ``fragment``, then reads sentences."""

    def __init__(self, fragment: str, first: str, names: list[str]) -> None:
        super().__init__(names)
        self.fragment, self.first = fragment, first

    def complete(self, messages, max_tokens=400):
        prompt = messages[-1].content
        if "\n[1] " not in prompt:
            return super().complete(messages, max_tokens)
        self.prompts.append(prompt)
        return f"{self.first} held talks in the province of Anui. [{_evidence_number([prompt], self.fragment)}]"


def test_a_list_answer_gets_the_names_the_cited_sentence_has_that_the_model_left_out(ask, make_assistant):
    # Small models name one of two people in "X had talks with Y": the sentence is read again on its own.
    model = ComposerThenReader("province of Anui", "Sergei Lavrov", ["Wang Yi"])
    assistant = make_assistant(backend=model, answer_k=8, answer_mode="compose")
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask("Who met in the province of Anui?")
    assert "Sergei Lavrov" in answer.answer and "Wang Yi" in answer.answer
    assert any("Anui" in c.text for c in answer.citations)
    assert all(assistant.article(c.article_id).text[c.start : c.end] == c.text for c in answer.citations)


class PartAnswerer:
    """Answers each question it is asked from the sentence holding that question's fragment; rewrites nothing."""

    name = "parts"

    def __init__(self, answers: dict[str, tuple[str, str]]) -> None:
        self.answers = answers  # question words -> (evidence fragment, answer line)
        self.questions: list[str] = []

    def complete(self, messages, max_tokens=400):
        prompt = messages[-1].content
        if "Rewritten question:" in prompt:
            return re.findall(r"Last question: (.*)", prompt)[-1]
        if "\n[1] " not in prompt:
            return "NONE"
        question = re.findall(r"Question: (.*)", prompt)[-1]
        self.questions.append(question)
        fragment, line = next(v for k, v in self.answers.items() if k in question)
        return f"{line} [{_evidence_number([prompt], fragment)}]"

    def stream(self, messages, max_tokens=400):
        yield self.complete(messages, max_tokens)


def test_a_question_that_asks_two_things_gets_both_answered_with_markers_numbered_across_them(make_assistant):
    model = PartAnswerer(
        {
            "State Department": ("Tom West", "Tom West will attend the summit."),
            "New China": ("Amir Khan Mutaki", "Amir Khan Mutaki is also expected."),
        }
    )
    assistant = make_assistant(backend=model, answer_k=8, answer_mode="compose")
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask(LIST_QUESTION)
    assert model.questions == [
        "Who will attend the summit according to a State Department spokesman?",
        "Who is also expected according to the New China news agency?",
    ]
    assert answer.answer == "Tom West will attend the summit. [1] Amir Khan Mutaki is also expected. [2]"
    assert ["Tom West" in answer.citations[0].text, "Mutaki" in answer.citations[1].text] == [True, True]
    assert [c.marker for c in answer.citations] == [1, 2] and answer.question == LIST_QUESTION
    *_, streamed = list(assistant.ask_stream(LIST_QUESTION))
    assert streamed.citations == answer.citations


class Refuser(SentenceReader):
    """Says NOT FOUND to the numbered evidence, and reads single sentences like ``SentenceReader``."""

    def complete(self, messages, max_tokens=400):
        if "\n[1] " in messages[-1].content:
            return "NOT FOUND"
        return super().complete(messages, max_tokens)


def test_a_refusal_gets_a_second_opinion_when_one_sentence_holds_the_questions_words(make_assistant, monkeypatch):
    import assistant.answer.pipeline as pipeline

    monkeypatch.setattr(pipeline, "REASK_MIN_COSINE", 1.01)  # not close by meaning: by wording alone
    assistant = make_assistant(backend=Refuser(["Tom West"]), answer_k=8, answer_mode="compose")
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask("Who is Washington's special envoy for Afghanistan?")
    assert not answer.abstained and answer.answer.startswith("Tom West.")
    assert "Tom West" in answer.citations[0].text


class JudgingReader(SentenceReader):
    """A ``SentenceReader`` that also judges, from the logits in a real backend, whether a sentence answers."""

    def __init__(self, names: list[str], odds: float) -> None:
        super().__init__(names)
        self.odds = odds
        self.judged: list[str] = []

    def yes_probability(self, messages):
        self.judged.append(messages[-1].content)
        return self.odds


def test_when_the_model_judges_that_no_sentence_gives_the_answer_it_is_not_asked_to_write_one(make_assistant):
    model = JudgingReader(["Tom West"], odds=0.2)
    assistant = make_assistant(backend=model, answer_k=8, answer_mode="extract")
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask(ENVOY)
    assert answer.abstained and answer.answer.startswith("The articles don't say")
    assert model.prompts == [] and len(model.judged) == len(answer.retrieved[:8])  # every sentence judged, none read

    model.odds = 0.9
    answer = assistant.ask(ENVOY)
    assert not answer.abstained and "Tom West" in answer.answer


def test_the_judgement_can_be_turned_off_for_a_model_it_was_not_calibrated_for(make_assistant):
    model = JudgingReader(["Tom West"], odds=0.2)
    assistant = make_assistant(backend=model, answer_k=8, answer_mode="extract", answer_min_odds=0)
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask(ENVOY)
    assert not answer.abstained and "Tom West" in answer.answer and model.judged == []


def test_a_line_that_only_restates_the_question_is_no_answer(ask):
    assistant, _ = ask("The United States has imposed sanctions on Russia [1].")
    answer = assistant.ask("Which specific sanctions has the United States imposed on Russia?")
    assert answer.abstained and answer.citations == ()


def test_what_the_question_gives_as_the_later_state_is_no_answer_for_the_earlier_one(ask):
    question = "What job did Tom West have before he became the Afghanistan envoy?"
    reply = "Tom West was the special envoy for Afghanistan before he became the Afghanistan envoy. [{n}]"
    assert _answered(ask, question, "special envoy for Afghanistan, Tom West", reply).abstained


def test_a_verb_and_its_noun_are_one_word_to_the_checks():
    from assistant.answer.extract import Extractor
    from assistant.answer.verify import Verifier

    denied = "Since February 24, Beijing has refused to condemn the invasion of Ukraine."
    extractor = Extractor(ScriptedLLM("Yes"), Verifier())
    assert extractor.denied("has china condemned russia invading ukraine?", denied)


def test_a_count_spelled_out_supports_its_figure_but_a_compound_does_not():
    from assistant.answer.verify import Verifier

    question = "how many of afghanistans neighbours are attending?"
    assert Verifier().check("7", ["They are attended by seven countries neighboring Afghanistan."], question).supported
    assert not Verifier().check("2 days", ["A two-day summit is held."], "How long is the summit?").supported


def test_being_told_not_to_do_something_answers_no_to_being_encouraged_to():
    from assistant.answer.extract import Extractor
    from assistant.answer.verify import Verifier

    warned = "Western powers have warned Beijing not to support the regime of Russian President Vladimir Putin."
    extractor = Extractor(ScriptedLLM("Yes"), Verifier())
    assert extractor.denied("have western powers encouraged beijing to support putins regime?", warned)
    assert extractor.denied("Did Western powers encourage Beijing to back Putin's regime?", warned)  # in other words
    assert not extractor.denied("have western powers warned beijing not to support putins regime?", warned)
    assert not extractor.denied("Did Western powers encourage Moscow to back Putin's regime?", warned)  # told another


def test_a_name_the_sentence_writes_with_another_ending_supports_a_claim():
    from assistant.answer.verify import Verifier

    sentence = "Talks with Wang were to include representatives from the Afghan-ruled Taliban and Pakistan."
    question = "Which countries were to have representatives at Wang's talks?"
    assert Verifier().check("Afghanistan, Pakistan", [sentence], question).supported
    assert not Verifier().check("Uzbekistan, Pakistan", [sentence], question).supported


@pytest.mark.parametrize(
    ("line", "adds"),
    [("Vladimir Putin.", False), ("Xi Jinping.", True), ("President Xi Jinping received Putin.", True)],
)
def test_a_fuller_form_of_the_questions_own_name_is_no_answer(line, adds):
    # "Putin had been warmly received by … Xi Jinping", read the wrong way round.
    from assistant.answer.extract import adds_to

    assert adds_to(line, "Who received Putin in Beijing before the war?") is adds


def test_why_they_do_not_want_something_done_rests_on_a_sentence_telling_someone_not_to_do_it(ask):
    question = "why do western powers not want beijing to back putin's regime?"
    fragment = "which would allow Moscow to reduce the impact"
    answer = _answered(ask, question, fragment, "It would allow Moscow to reduce the impact of sanctions. [{n}]")
    assert answer.answer == "It would allow Moscow to reduce the impact of sanctions. [1]"


def test_the_country_of_a_capital_the_question_names_is_its_own_name_and_no_answer():
    from assistant.answer.extract import adds_to

    asked = "who do Moscow and Beijing see as their common rival?"
    assert not adds_to("Russia", asked) and not adds_to("China", asked)
    assert adds_to("The United States", asked)
    assert adds_to("Beijing", "In which city did the Chinese spokesman talk to reporters?")  # a seat is no country


def test_a_reason_answers_its_why_question_though_it_shares_no_word_with_it(ask):
    question = "Why would the warnings to China matter?"
    assistant, model, n = _numbered(ask, question, "which would allow Moscow to reduce the impact")
    model.replies = [f"Because it would allow Moscow to reduce the impact of sanctions. [{n}]"]
    answer = assistant.ask(question)
    assert answer.answer == "Because it would allow Moscow to reduce the impact of sanctions. [1]"


def test_what_the_question_asks_said_in_several_clauses_of_the_sentence_is_answered_by_each(ask):
    question = "According to Wang Wenbin, what is limitless?"
    assistant, model, n = _numbered(ask, question, "Our quest for peace is limitless")
    model.replies = [f"The Sino-Russian cooperation is without limits. [{n}]"]
    answer = assistant.ask(question)
    for clause in ("quest for peace is limitless", "defense of security is limitless", "opposition to hegemony"):
        assert clause in answer.answer
    # Said in the question's "when" clause, the word is not what it asks: the answer stays alone.
    asked_about = "What was the spokesman asked about when he said our quest for peace is limitless?"
    assistant, model, n = _numbered(ask, asked_about, "Our quest for peace is limitless")
    model.replies = [f"The Russian minister's visit. [{n}]"]
    assert assistant.ask(asked_about).answer == "The Russian minister's visit. [1]"


def test_a_list_question_that_counts_more_things_than_the_answer_names_gets_the_sentences_other_clauses():
    from types import SimpleNamespace

    from assistant.answer.complete import parallel
    from assistant.answer.pipeline import _fewer_than_asked

    said = "“Our trade is growing, our sport is growing, our art is growing,” the mayor said."
    lines = [("Our trade is growing.", [1])]
    counted = "According to the mayor, which three things are growing?"
    assert _fewer_than_asked(counted, lines)
    assert parallel(counted, lines, [SimpleNamespace(text=said)]) == [  # type: ignore[list-item]
        ("Our sport is growing.", [1]),
        ("Our art is growing.", [1]),
    ]


def test_what_a_claim_adds_to_the_question_must_be_in_its_evidence():
    from assistant.answer.verify import Verifier

    sentence = "Lavrov took advantage of a bilateral meeting with Wang Yi to announce the arrival of a new world order."
    question = "What did Lavrov announce at the bilateral meeting with Wang Yi?"
    # Six of its seven words are in the sentence, but the one that answers is not.
    assert (
        not Verifier()
        .check("Lavrov announced sanctions at the bilateral meeting with Wang Yi.", [sentence], question)
        .supported
    )
    assert Verifier().check("Lavrov announced the arrival of a new world order.", [sentence], question).supported


class JudgesOnlyOne:
    """Mixed into a scripted model: it judges only sentences holding ``right`` to give the answer."""

    right: str

    def yes_probability(self, messages):
        return 0.9 if self.right in messages[-1].content else 0.1


class JudgingComposer(JudgesOnlyOne, ComposerThenReader):
    """A ``ComposerThenReader`` that judges only the sentence it composes from to give the answer."""

    def __init__(self, fragment: str, first: str, names: list[str]) -> None:
        super().__init__(fragment, first, names)
        self.right = fragment


def test_a_list_is_not_padded_from_sentences_the_model_judges_give_no_answer(make_assistant):
    names = ["Wang Yi", "seven countries"]
    answers = {}
    for model in (
        ComposerThenReader("province of Anui", "Sergei Lavrov", names),
        JudgingComposer("province of Anui", "Sergei Lavrov", names),
    ):
        assistant = make_assistant(backend=model, answer_k=8, answer_mode="compose")
        assistant.ingest(SEED_ARTICLE)
        answers[type(model).__name__] = assistant.ask("Who met for talks in eastern China?")
    padded, judged = answers["ComposerThenReader"], answers["JudgingComposer"]
    assert "seven countries" in padded.answer.lower()  # read from a sentence about another meeting
    assert "Wang Yi" in judged.answer and "seven countries" not in judged.answer.lower()


class JudgingRefuser(JudgesOnlyOne, Refuser):
    """A ``Refuser`` that judges only sentences holding ``right`` to give the answer."""

    def __init__(self, names: list[str], right: str) -> None:
        super().__init__(names)
        self.right = right


def test_a_second_opinion_reads_only_sentences_the_model_judges_may_answer(make_assistant):
    question = "Which rival do the two countries share?"
    names = ["United States", "Beijing"]
    answers = []
    for model in (Refuser(names), JudgingRefuser(names, right="Beijing")):
        assistant = make_assistant(backend=model, answer_k=8, answer_mode="compose")
        assistant.ingest(SEED_ARTICLE)
        answers.append(assistant.ask(question))
    read_all, judged = answers
    assert read_all.answer.startswith("United States.")  # the closest sentence, read first
    assert "United States" not in judged.answer  # judged to give no answer: not read
    assert all("Beijing" in c.text for c in judged.citations)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("The bridge cost 4 million dollars, the council said.", "the council"),
        ("“We will rebuild,” said Mayor Ann Lee on Monday.", "Mayor Ann Lee"),
        ("The talks failed, according to a spokesman in Beijing.", "a spokesman"),
        ("Officials in Kyiv said the talks failed.", "Officials in Kyiv"),
        ("In a statement issued by the council, the towns agreed to merge.", "a statement issued by the council"),
        ("The towns agreed to merge, as stated in a statement the Regional Council.", "the Regional Council"),
    ],
)
def test_the_source_of_a_news_sentence_is_read_off_it(sentence, source):
    from assistant.answer.attribution import sources

    assert sources(sentence)[0] == source


def test_whose_statement_asks_for_a_source():
    from assistant.answer.attribution import asks_for_source

    assert asks_for_source("whose statement reported that the two ministers condemned the sanctions?")
    assert asks_for_source("whose statement was that")
    assert not asks_for_source("whose diplomats are taking part?")


def test_a_pronoun_names_no_source_and_what_is_asked_picks_the_speaker_or_the_reporter():
    from assistant.answer.attribution import asks_for_source, sources

    assert sources("He said the talks failed.") == []
    assert sources("“We will rebuild,” he said in a video released by his office.") == []
    both = "Wang said the talks went well, according to Phoenix TV."
    assert sources(both, "Who said the talks went well?")[0] == "Wang"
    assert sources(both, "According to whom?")[0] == "Phoenix TV"
    assert asks_for_source("Who said he would be there?") and not asks_for_source("Who attended the meeting?")
    assert asks_for_source("Which news agency said Mutaki was expected?")
    assert asks_for_source("What broadcaster reported the remark?")
    assert not asks_for_source("What has Lavrov said about it?")  # what he said, not who


def test_a_speaker_asked_for_by_role_is_the_source_the_story_writes_with_that_role():
    from assistant.answer.attribution import said_by

    story = [
        "The Chinese Foreign Minister Wang Yi had talks with his Russian counterpart, Sergei Lavrov, in Anui.",
        "Wang said relations had withstood the test of turmoil, according to Phoenix TV.",
    ]
    assert said_by(story[1], "the Chinese FM", story)  # "FM" is no word of the story; "Chinese" is
    assert said_by(story[1], "China's foreign minister", story)  # a country for its people
    assert not said_by(story[1], "Russia's foreign minister", story)
    assert said_by(story[1], "the Chinese foreign minister", story)
    assert not said_by(story[1], "the Russian foreign minister", story)  # Russian is Lavrov, a few words after Wang
    assert not said_by(story[1], "the Chinese FM")  # a story that never gives Wang a role
    # A country's top diplomat is its foreign minister, though the story writes "diplomat" of others.
    diplomats = [*story, "A meeting will be held with the participation of diplomats from five countries."]
    assert said_by(story[1], "China's top diplomat", diplomats)
    assert not said_by(story[1], "Russia's top diplomat", diplomats)
    # What is done to someone ("have denounced NATO") is none of their words; what they did may be.
    assert not said_by("The two countries have since denounced NATO expansion.", "NATO")
    assert said_by("In March, Wang Yi even hailed a rock-solid friendship.", "Wang Yi")


def test_a_source_answer_in_the_users_words_rests_on_the_sentence_that_names_the_source(ask):
    question = (
        "Which news agency reported that the Taliban government's top diplomat would attend the Afghanistan talks?"
    )
    assistant, model, n = _numbered(ask, question, "consultation mechanism")
    # The line restates the question in the user's words and carries the wrong number.
    said = (
        "The New China news agency reported that the Taliban government's top diplomat"
        " would attend the Afghanistan talks."
    )
    line = f"{said} [{n}]"
    model.replies = [line, "NONE"]  # and, read one sentence at a time, it finds nothing
    answer = assistant.ask(question)
    assert answer.answer.startswith("The New China news agency reported")
    (citation,) = answer.citations
    assert "according to the New China news agency" in citation.text


def test_according_to_whom_is_answered_with_the_source_not_the_subject_of_the_sentence(ask):
    question = "According to whom is Amir Khan Mutaki expected at the meetings?"
    assistant, model, n = _numbered(ask, question, "Mutaki")
    model.replies = [f"Amir Khan Mutaki is expected at the meetings. [{n}]"]  # what small models write
    answer = assistant.ask(question)
    assert answer.answer == "The New China news agency. [1]"
    (citation,) = answer.citations
    assert "Mutaki" in citation.text
    assert assistant.article(citation.article_id).text[citation.start : citation.end] == citation.text


def test_who_said_it_finds_the_source_when_the_model_cited_a_sentence_about_something_else(ask):
    question = "Who said Tom West would attend the summit?"
    assistant, model, n = _numbered(ask, question, "Since February 24")
    model.replies = [f"Beijing. [{n}]"]
    answer = assistant.ask(question)
    assert answer.answer == "A State Department spokesman. [1]" and "Tom West" in answer.citations[0].text


def test_who_announced_something_no_line_answered_is_the_source_of_the_sentence_that_says_it():
    from assistant.answer.complete import source_told

    west = "According to a State Department spokesman, Washington’s special envoy, Tom West, will attend the summit."
    evidence = _hits("Wang Yi had talks with Sergei Lavrov.", west)
    question = "who announced that tom west would be at the summit"
    assert source_told(question, evidence) == [("A State Department spokesman.", [2])]
    assert source_told("who announced that tom west would skip the summit", evidence) == []  # it says no skipping
    rewrite = "Who announced that Tom West, the special envoy, will go to the talks?"  # a follow-up's rewrite
    assert source_told(rewrite, evidence) == []
    assert source_told(rewrite, evidence, "who announced he'll attend?") == [("A State Department spokesman.", [2])]
    assert source_told(rewrite, evidence, "who announced he'll skip it?") == []


def test_an_answer_that_names_the_source_already_stands(ask):
    question = "Who said there is no limit to China-Russia cooperation?"
    assistant, model, n = _numbered(ask, question, "told reporters")
    model.replies = [f"A Chinese Foreign Ministry spokesman. [{n}]"]
    assert assistant.ask(question).answer.startswith("A Chinese Foreign Ministry spokesman. [1]")


def test_beside_a_line_that_names_the_source_a_line_cited_to_a_sentence_with_no_source_goes(ask):
    question = "Who confirmed that Tom West would attend the summit?"
    assistant, model, n = _numbered(ask, question, "State Department spokesman")
    m = _evidence_number(model.prompts, "participation of diplomats")
    model.replies = [f"A State Department spokesman. [{n}]\nDiplomats from China and Russia confirmed it. [{m}]"]
    answer = assistant.ask(question)
    assert answer.answer == "A State Department spokesman. [1]"


def test_an_answer_from_a_part_of_the_story_that_never_names_what_the_question_asks_about_abstains(ask):
    # The verifier takes "Afghanistan consultation mechanism" as given by the question; the
    # sentence, and the story around it, are about what Lavrov and Wang Yi discussed.
    question = "What did the Afghanistan consultation mechanism meeting note about the sanctions?"
    assistant, model, n = _numbered(ask, question, "The parties noted")
    model.replies = [f"The meeting noted the counterproductive nature of the illegal sanctions on Russia. [{n}]"]
    assert assistant.ask(question).abstained
    model.replies = [f"They noted the counterproductive nature of the illegal sanctions on Russia. [{n}]"]
    assert not assistant.ask("What did the parties note about the sanctions on Russia?").abstained


def test_a_name_the_cited_sentence_leaves_to_a_pronoun_is_found_a_few_sentences_back(ask):
    # "he said to his host": Lavrov is named two sentences earlier.
    question = "What kind of world order did Lavrov say the world would move towards?"
    assistant, model, n = _numbered(ask, question, "multipolar")
    model.replies = [f"A multipolar, just, democratic world order. [{n}]"]
    answer = assistant.ask(question)
    assert not answer.abstained and "multipolar" in answer.answer and "Lavrov" not in answer.citations[0].text


def test_a_claim_may_restate_the_question_in_its_words_only_where_the_evidence_says_what_the_question_asks():
    from assistant.answer.verify import Verifier

    sentence = "The talks come a week after Wang Yi's visit to Kabul, first since the rise of Islamists last August."
    claim = "They came to power in August."  # "power" is the question's word, not the sentence's
    anchored = "When did the Islamists rise to power, before Wang Yi's first visit to Kabul?"
    assert Verifier().check(claim, [sentence], anchored).supported
    assert not Verifier().check(claim, [sentence], "When did the Taliban come to power?").supported


def test_exactly_how_many_needs_a_count_not_a_vague_amount(ask):
    question = "Exactly how many troops did Russia send to Ukraine?"
    assistant, model, n = _numbered(ask, question, "thousands of troops")
    model.replies = [f"Russia sent thousands of troops to Ukraine. [{n}]"]
    assert assistant.ask(question).abstained
    model.replies = [f"Russia sent thousands of troops to Ukraine. [{n}]"]
    assert not assistant.ask("How many troops did Russia send to Ukraine?").abstained


def test_a_british_spelling_matches_the_american_one():
    from assistant.answer.verify import Verifier

    sentence = "Beijing has long feared that its neighbor could be a bulwark for separatists."
    assert Verifier().check("Beijing fears its neighbour could be a bulwark for separatists.", [sentence]).supported


def test_a_hyphenated_prefix_matches_its_closed_spelling():
    from assistant.answer.verify import Verifier

    sentence = "The ministers agreed on closer cooperation and coordination."
    assert Verifier().check("Closer co-operation and co-ordination.", [sentence]).supported


def test_a_question_that_names_a_unit_is_not_answered_in_another(ask):
    question = "At what altitude in meters does China's border with Afghanistan lie?"
    assistant, model, n = _numbered(ask, question, "76-kilometer")
    model.replies = [f"76 kilometers long, at a very high altitude. [{n}]"]
    assert assistant.ask(question).abstained
    model.replies = [f"76 kilometers long border in meters [{n}]"]  # the question's unit, copied
    assert assistant.ask(question).abstained
    model.replies = [f"76 kilometers long. [{n}]"]
    assert not assistant.ask("How long is China's border with Afghanistan, in kilometers?").abstained


def test_a_list_short_of_the_count_the_question_gives_is_no_answer(ask):
    reply = "China, Russia, Pakistan and the United States. [{n}]"
    question = "What are the six countries whose diplomats join the consultation mechanism?"
    assert _answered(ask, question, "consultation mechanism", reply).abstained  # the story never says six
    question = "Which four countries send diplomats to the consultation mechanism?"
    assert not _answered(ask, question, "consultation mechanism", reply).abstained


def test_the_count_a_question_asks_for_is_the_count_of_its_items():
    from assistant.answer.verify import asked_count

    assert asked_count("What are the six types of reductions?") == 6
    assert asked_count("he said 3 things are limitless, what are they") == 3
    assert asked_count("what did the three ministers agree?") is None  # no three things asked for
    assert asked_count("Which two sides met?") is None  # two may be "both"


def test_a_question_that_compares_a_figure_with_a_bar_is_answered_by_arithmetic(ask):
    assistant, model = ask("placeholder")
    answer = assistant.ask("is china's border with afghanistan longer than 100 km?")
    assert answer.answer.startswith("No") and "76-kilometer" in answer.citations[0].text
    assert model.prompts == [], "the story's figure decides, not the model"
    answer = assistant.ask("Is China's border with Afghanistan shorter than 100 kilometers?")
    assert answer.answer.startswith("Yes")
    # A figure stated, not compared with, need not be the story's: it is measured, not searched for.
    answer = assistant.ask("china's border with afghanistan is 90 km long, right?")
    assert answer.answer.startswith("No") and "76-kilometer" in answer.citations[0].text
    assert model.prompts == []


def test_a_bar_is_measured_in_its_unit_or_counted_noun():
    from assistant.answer.compare import verdict

    sentences = ["The border is 76 kilometers long.", "Seven countries neighbouring Afghanistan attend the talks."]
    assert verdict("Is the border longer than 50 km?", sentences) == ("Yes", 0)
    assert verdict("did more than 10 countries neighbouring afghanistan attend the talks", sentences) == ("No", 1)
    assert verdict("Is the border longer than 50 miles?", sentences) == ("No", 0)  # 76 km is 47 miles
    assert verdict("Is the border longer than 76 km?", sentences) == ("No", 0)  # exactly the bar
    assert verdict("did turnout reach more than 50% in the vote?", ["Turnout in the vote was 62% ."]) == ("Yes", 0)
    assert verdict("Is the border long?", sentences) is None


def test_a_figure_the_question_states_is_checked_in_the_storys_unit():
    from assistant.answer.compare import verdict

    sentences = ["China has a 76-kilometer-long border with Afghanistan at a very high altitude."]
    assert verdict("is china's border with afghanistan 76 miles long?", sentences) == ("No", 0)
    assert verdict("is china's border with afghanistan 76 km long?", sentences) == ("Yes", 0)
    assert verdict("Is China's border with Afghanistan some 47 miles?", sentences) == ("Yes", 0)
    assert verdict("is the border with afghanistan about 80 kilometres long", sentences) == ("Yes", 0)
    assert verdict("is the border with afghanistan 100 km long?", sentences) == ("No", 0)
    # The figure describes what is asked about; it is not the question.
    assert verdict("is the 76-mile border with afghanistan at a very high altitude?", sentences) is None


def test_a_span_of_time_is_measured_against_a_bar_in_other_units():
    from assistant.answer.compare import verdict

    visit = ["The talks come a week after the envoy's visit to Kabul."]
    assert verdict("Was the envoy's visit to Kabul more than a month before the talks?", visit) == ("No", 0)
    assert verdict("was the envoy's kabul visit less than 10 days before the talks", visit) == ("Yes", 0)
    summit = ["A two-day summit on Afghanistan will be held in eastern China."]
    assert verdict("Will the summit on Afghanistan last longer than 1 day?", summit) == ("Yes", 0)
    assert verdict("Will the summit on Afghanistan last more than two days?", summit) == ("No", 0)
    assert verdict("Was the envoy's visit more than a month before the talks?", ["The envoy left last week."]) is None


def test_a_length_of_time_the_question_states_is_checked_against_the_length_the_story_gives():
    from assistant.answer.compare import verdict

    summit = ["Wang Yi met Lavrov in Anui, where a two-day summit dedicated to Afghanistan will be held."]
    assert verdict("is the afghanistan summit a one-day event?", summit) == ("No", 0)
    assert verdict("Will the summit on Afghanistan last 2 days?", summit) == ("Yes", 0)
    # "A week after" says when, not how long.
    assert (
        verdict("was the visit to kabul a one-week trip?", ["The meetings come a week after the visit to Kabul."])
        is None
    )


def test_what_year_needs_a_year_wherever_the_question_asks_it():
    from assistant.answer.kinds import answers_the_kind

    question = "The envoys first met in Kabul in what year?"
    assert not answers_the_kind(question, "3.")  # "for three years" is no year
    assert answers_the_kind(question, "In 1998.")
    assert answers_the_kind("What year did they meet?", "Last year.")


def test_how_something_was_done_is_not_answered_with_where_alone():
    from assistant.answer.kinds import answers_the_kind

    question = "how were lavrov's remarks to wang made public?"
    assert not answers_the_kind(question, "Sergei Lavrov's remarks to Wang were made public in eastern China.")
    assert answers_the_kind(question, "In a video of the conversation released by his ministry.")
    assert answers_the_kind(question, "In a video released in Moscow.")
    assert answers_the_kind("Where were his remarks made public?", "They were made public in eastern China.")


def test_how_often_needs_a_frequency_not_where_the_meetings_are_held(ask):
    question = "How often does the consultation mechanism meet?"
    assistant, model, n = _numbered(ask, question, "consultation mechanism")
    model.replies = [f"The meetings are held with diplomats from China, Russia, Pakistan and the United States. [{n}]"]
    assert assistant.ask(question).abstained
    from assistant.answer.kinds import answers_the_kind

    assert answers_the_kind(question, "Twice a year.") and answers_the_kind(question, "Every month.")


def test_how_long_needs_a_duration_or_a_length_not_just_a_number(ask):
    question = "How long is the Afghanistan meeting in China supposed to last?"
    assistant, model, n = _numbered(ask, question, "seven countries")
    model.replies = [f"The meetings are attended by seven countries neighboring Afghanistan. [{n}]"]
    dropped = assistant.ask(question)
    assert "seven" not in dropped.answer  # the length written before "meeting" may answer instead
    assert dropped.abstained or dropped.answer.startswith("Two days (“two-day meeting”)")
    m = _evidence_number(model.prompts, "scheduled to attend a two-day meeting")
    model.replies = [f"Two days. [{m}]"]
    answer = assistant.ask(question)
    assert answer.answer.startswith("Two days (“two-day meeting”)") and "two-day" in answer.citations[0].text


def test_what_time_needs_a_time_and_how_big_needs_a_thing_the_stories_mention(ask):
    from assistant.answer.kinds import answers_the_kind

    assert not answers_the_kind("what time does the summit kick off?", "The meetings are held in Tunxi.")
    assert answers_the_kind("what time does the summit kick off?", "At 10 a.m. tomorrow.")
    question = "how big is China's delegation at the Afghanistan meeting?"
    assistant, model = ask("China has a 76-kilometer-long border with Afghanistan. [1]")
    answer = assistant.ask(question)
    assert answer.abstained and "never mention the delegation" in answer.answer
    assert model.prompts == []  # no model is asked to measure what the stories never mention


def test_another_form_of_the_questions_own_name_is_no_answer(ask):
    question = "Which Afghan province borders China?"
    assistant, model, n = _numbered(ask, question, "76-kilometer")
    model.replies = [f"Afghanistan. [{n}]"]
    assert assistant.ask(question).abstained


def test_the_full_names_of_the_questions_own_people_are_no_answer():
    from assistant.answer.extract import adds_to

    question = "What agreements did Putin and Xi sign when Putin was in Beijing?"
    assert not adds_to("Vladimir Putin and Xi Jinping.", question)
    assert adds_to("Wang Wenbin.", "Who is Wang Yi's spokesman?")  # one shared word is another name
    assert adds_to("Russia, China, Pakistan.", "Apart from Russia, which countries took part?")  # a list's items
    assert adds_to("Since February 24.", "Since when has Beijing refused to condemn the invasion?")
    assert adds_to("Phoenix TV.", "Which TV channel reported Wang's comments?")  # the kind asked, named
    assert not adds_to("Russian.", "Who is Russia's foreign minister?")  # the possessive's country, as a demonym


def test_what_someone_said_is_not_answered_by_what_an_agency_reports_about_them(ask):
    question = "What did Amir Khan Mutaki say to the other delegations at the meetings?"
    assistant, model, n = _numbered(ask, question, "Amir Khan Mutaki")
    model.replies = [f"Amir Khan Mutaki is expected to attend the meetings. [{n}]"]
    assert assistant.ask(question).abstained
    question = "What did Wang say about China-Russia relations?"
    assistant, model, n = _numbered(ask, question, "withstood the test")
    model.replies = [f"China-Russia relations had withstood the test of international turmoil. [{n}]"]
    assert "withstood" in assistant.ask(question).answer


def test_what_someone_said_is_not_what_a_sentence_says_of_other_people(ask):
    question = "What did Iran's representative say about a new world order at the bilateral meeting?"
    assistant, model, n = _numbered(ask, question, "announce the arrival")
    model.replies = [f"Iran's representative said the two countries dream of a new world order. [{n}]"]
    assert assistant.ask(question).abstained
    question = "What did Sergei Lavrov say the international situation would move towards at the end of this stage?"
    assistant, model, n = _numbered(ask, question, "I am convinced")
    model.replies = [f"We will move towards a multipolar, just, democratic world order. [{n}]"]
    assert "multipolar" in assistant.ask(question).answer  # "we": words a sentence need not name him in


def test_a_sentence_that_denies_a_yes_no_question_outweighs_the_models_yes(ask):
    question = "Has China condemned Russia's invasion of Ukraine?"
    assistant, model, n = _numbered(ask, question, "today condemned")
    model.replies = [f"Yes, China condemned Russia's invasion of Ukraine. [{n}]"]
    answer = assistant.ask(question)
    assert answer.answer.startswith("No") and "refused to condemn" in answer.citations[0].text


def test_a_name_that_only_describes_someone_may_be_anywhere_in_the_article(ask):
    question = "Which news agency said the Taliban's top diplomat was expected to come?"
    assistant, model, n = _numbered(ask, question, "Amir Khan Mutaki")
    model.replies = [f"The New China news agency. [{n}]"]
    answer = assistant.ask(question)
    assert answer.answer.startswith("The New China news agency.") and "Mutaki" in answer.citations[0].text
    model.replies = [f"The New China news agency. [{n}]"]
    assert assistant.ask("Which news agency said India's top diplomat was expected to come?").abstained
    model.replies = [f"The New China news agency. [{n}]"]
    typed = "according to which news agency is the talibans top diplomat expected to come"  # no apostrophe
    assert assistant.ask(typed).answer.startswith("The New China news agency.")
    question = "Which Taliban official is expected at the meetings?"  # the kind asked for describes too
    assistant, model, n = _numbered(ask, question, "Amir Khan Mutaki")
    model.replies = [f"Amir Khan Mutaki is expected at the meetings. [{n}]"]
    assert "Mutaki" in assistant.ask(question).answer
    model.replies = [f"Amir Khan Mutaki is expected at the meetings. [{n}]"]
    assert assistant.ask("Which Indian official is expected at the meetings?").abstained


def test_a_capital_before_a_role_says_whose_role_it_is(ask):
    question = "What's the name of the Beijing foreign ministry spokesperson who called cooperation limitless?"
    answer = _answered(ask, question, "Wang Wenbin", "Wang Wenbin. [{n}]")
    assert answer.answer.startswith("Wang Wenbin") and "Chinese Foreign Ministry" in answer.citations[0].text
    question = "What's the name of the Moscow foreign ministry spokesperson who called cooperation limitless?"
    assert _answered(ask, question, "Wang Wenbin", "Wang Wenbin. [{n}]").abstained  # the Chinese one


def test_a_sentence_that_says_of_another_name_what_the_question_asks_is_no_answer(ask):
    question = "How long is China's border with Russia?"
    assistant, model, n = _numbered(ask, question, "76-kilometer")
    model.replies = [f"76 kilometers long. [{n}]"]
    assert assistant.ask(question).abstained
    model.replies = [f"76 kilometers long. [{n}]"]
    assert not assistant.ask("How long is China's border with Afghanistan?").abstained
    # The owner too: China's border, not Tajikistan's, though the story names Tajikistan elsewhere.
    question = "How long is Tajikistan's border with Afghanistan?"
    assistant, model, n = _numbered(ask, question, "76-kilometer")
    model.replies = [f"Tajikistan's border with Afghanistan is 76 kilometers long. [{n}]"]
    assert assistant.ask(question).abstained
    from assistant.answer.verify import swapped_names

    assert swapped_names("What came of Putin's visit?", "It came a week after Wang Yi’s visit to Kabul.") == ["Putin"]
    assert swapped_names("Why has Russia's invasion been condemned?", "China refused to condemn the invasion.") == []


def test_a_visit_to_another_capital_is_no_answer_to_when_one_was_visited(ask):
    reply = "A week before the meetings. [{n}]"
    assert _answered(ask, "when was the last time wang yi visited moscow?", "visit to Kabul", reply).abstained
    assert not _answered(ask, "when did wang yi visit kabul?", "visit to Kabul", reply).abstained


def test_a_sentence_about_a_thing_between_other_names_than_the_question_gives_is_no_answer(ask):
    question = "how long is the border between afghanistan and pakistan"  # typed in lower case
    assistant, model, n = _numbered(ask, question, "76-kilometer")
    model.replies = [f"76 kilometers long. [{n}]"]
    assert assistant.ask(question).abstained
    from assistant.answer.verify import swapped_names

    sentence = "Spain has a 1,214-kilometer-long border with Portugal."
    assert swapped_names("How long is the border between Portugal and France?", sentence) == ["France"]
    assert swapped_names("How long is the border between Spain and Portugal?", sentence) == []
    assert swapped_names("What is the trade between Portugal and France?", sentence) == []  # not about its border


@pytest.mark.parametrize(
    "question, abstained",
    [
        # The Chinese ministry's spokesman, in a sentence that names Russia too.
        ("What is the name of the Russian Foreign Ministry spokesperson?", True),
        ("Who is the Russian foreign ministry spokeswoman quoted in the article?", True),  # typed in lower case
        ("What is the name of the Chinese Foreign Ministry spokesman?", False),
        ("who is the spokesperson for russia's foreign ministry", True),  # a possessive
        ("Who is China's foreign ministry spokesman?", False),  # "China's" is "Chinese"
    ],
)
def test_a_sentence_that_puts_another_name_before_the_asked_title_is_no_answer(ask, question, abstained):
    assert _answered(ask, question, "Wang Wenbin", "Wang Wenbin. [{n}]").abstained == abstained


class ScriptedJudge(ScriptedLLM):
    """A scripted model that judges every sentence to give the answer with the same odds."""

    def __init__(self, *replies: str, odds: float) -> None:
        super().__init__(*replies)
        self.odds = odds

    def yes_probability(self, messages):
        return self.odds


def _judged_and_numbered(make_assistant, question: str, fragment: str, odds: float = 0.9, model=None):
    """Like ``_numbered``, with a scripted model that judges every sentence to answer with ``odds`` (or ``model``)."""
    model = model or ScriptedJudge("placeholder", odds=odds)
    assistant = make_assistant(backend=model, answer_k=8, answer_mode="compose")
    assistant.ingest(SEED_ARTICLE)
    assistant.ask(question)
    return assistant, model, _evidence_number(model.prompts, fragment)


def test_a_reply_about_what_the_question_does_not_name_gives_way_to_the_sentence_by_sentence_reading(make_assistant):
    # The model wrote of Lavrov from a sentence about him that never mentions Putin (and judged
    # it to answer); read alone, the sentence in which Putin "had been warmly received by …
    # Xi Jinping" gives the answer.
    question = "Who hosted Putin in Beijing shortly before the war?"
    fragment = "received new assurances from his Chinese ally"
    assistant, model, n = _judged_and_numbered(make_assistant, question, fragment)
    model.replies = [f"Sergei Lavrov hosted Putin in Beijing shortly before the war. [{n}]", "Xi Jinping"]
    answer = assistant.ask(question)
    assert answer.answer == "Xi Jinping. [1]"
    assert "warmly received by his Chinese counterpart Xi Jinping" in answer.citations[0].text


@pytest.mark.parametrize("asked", ["says who?", "who said so?", "according to whom?", "source?"])
def test_a_bare_source_follow_up_gets_the_source_of_the_sentence_that_holds_the_last_answer(ask, asked):
    assistant, model = ask("The foreign ministers of Russia and China said this. [1]")
    history = _exchange("whos the taliban foreign minister?", "Amir Khan Mutaki. He is also expected at the meetings.")
    answer = assistant.ask(asked, history=history)
    assert answer.answer == "The New China news agency. [1]"
    assert "Amir Khan Mutaki, is also expected" in answer.citations[0].text
    assert model.prompts == [], "read off the sentence: no rewrite, no model"


def test_the_time_someone_said_something_is_no_answer_to_when_they_travelled():
    import numpy as np

    from assistant.answer.when import timed

    evidence = _hits("Ana Ruiz, who said yesterday that the ties were strong, had travelled to Lima for the talks.")
    similarity = {"s0": 0.5}

    def embed(texts):
        return np.ones((len(texts), 2)) / np.sqrt(2)

    flew = "when did Ana Ruiz travel to Lima?"
    assert timed(flew, flew, evidence, similarity, embed) == []  # yesterday is when she said it
    said = "when did Ana Ruiz say the ties were strong?"
    assert timed(said, said, evidence, similarity, embed) == [("Yesterday.", [1])]
    claimed = "when did Ana Ruiz claim the ties were at an all-time high?"  # any verb of saying asks when she said it
    assert timed(claimed, claimed, evidence, similarity, embed) == [("Yesterday.", [1])]


def test_how_a_remark_was_made_public_is_read_off_its_sentence_over_a_line_about_something_else(ask):
    question = "how was lavrovs comment about a very serious stage in international relations made public"
    reply = "Lavrov took advantage of a bilateral meeting to announce the arrival of a new world order. [{n}]"
    answer = _answered(ask, question, "took advantage of a bilateral meeting", reply)
    assert answer.answer == "In a video of the conversation released by his ministry. [1]"
    assert "very serious stage" in answer.citations[0].text


def test_how_someones_words_were_made_public_is_read_off_the_sentence_that_says_he_said_them(ask):
    # "he said in a video …": he is the Lavrov the sentence before names, at his meeting with Wang Yi.
    question = "How were the remarks Lavrov made at his meeting with Wang released?"
    answer = _answered(ask, question, "he said in a video", "NOT FOUND")  # found though it names neither
    assert answer.answer == "In a video of the conversation released by his ministry. [1]"
    assert "very serious stage" in answer.citations[0].text


def test_a_line_that_quotes_words_of_another_sentence_cites_that_sentence_too(ask):
    question = "How have Wang Yi and the two countries described their friendship with Moscow?"
    reply = 'The friendship is called "solid rock-solid" and "borderless". [{n}]'
    answer = _answered(ask, question, "solid rock-solid", reply)
    cited = " ".join(citation.text for citation in answer.citations)
    assert "“solid rock-solid” friendship" in cited
    assert "“borderless” friendship" in cited


def test_who_someone_met_is_the_name_a_rejected_line_closes_on_when_it_opens_on_the_one_asked_about(ask):
    # The line's titles are the model's: the sentence gives Lavrov none but "his Russian counterpart".
    question = "Who was Lavrov holding talks with in Anui?"
    reply = "Sergei Lavrov, the Russian Foreign Minister, was talking to his Chinese counterpart, Wang Yi. [{n}]"
    answer = _answered(ask, question, "had talks with his Russian counterpart", reply)
    assert answer.answer.startswith("Wang Yi")
    assert "had talks with his Russian counterpart" in answer.citations[0].text


def test_who_said_words_that_he_said_is_the_one_the_sentence_before_names(ask):
    # "“We are experiencing …,” he said in a video …", after "In this context, Sergei Lavrov took advantage …".
    question = "Who said, in a video, that we are in a very serious stage in the history of international relations?"
    answer = _answered(ask, question, "he said in a video", "NOT FOUND")
    assert answer.answer.startswith("Sergei Lavrov. [1]")
    assert any("he said in a video" in citation.text for citation in answer.citations)


def test_a_line_that_says_the_same_words_over_and_over_is_not_shown(ask):
    question = "what did spokesman Wang Wenbin say was limitless?"
    loop = "spokesman Wang Wenbin said our quest for peace is limitless,"
    reply = f"{loop} {loop} {loop} {loop} [{{n}}]"
    assert _answered(ask, question, "our opposition to hegemony is limitless", reply).answer.count(loop) <= 1


def test_how_a_remark_was_made_public_is_told_whole_where_a_line_on_its_sentence_tells_part(ask):
    question = "how did lavrov's remark on a very serious stage in international relations become public?"
    answer = _answered(ask, question, "very serious stage", "Released by his ministry. [{n}]")
    assert answer.answer == "In a video of the conversation released by his ministry. [1]"


@pytest.mark.parametrize(
    ("reply", "shown"),
    [
        ("The remark was made public in a video of the conversation released by his ministry.", True),
        ("The remark was made public in an interview with state television.", False),
    ],
)
def test_a_claim_may_restate_the_question_in_the_users_words_where_the_model_judged_its_sentence_answers(
    make_assistant, reply, shown
):
    question = "How was Lavrov's remark about the current moment in world affairs made public?"
    assistant, model, n = _judged_and_numbered(make_assistant, question, "in a video of the conversation")
    model.replies = [f"{reply} [{n}]", "NONE"]
    answer = assistant.ask(question)
    assert (answer.answer.startswith("The remark was made public")) is shown
    assert not shown or "in a video" in answer.citations[0].text


@pytest.mark.parametrize(
    ("reply", "shown"),
    [
        ("Russia did not specify specific measures.", True),  # Moscow's statement: the name is the model's
        ("Russia did not specify the costs of the sanctions.", False),  # no costs in the sentence
        ("Russia specified specific measures.", False),  # the sentence says "without specifying"
    ],
)
def test_a_line_wrong_only_in_a_name_the_model_put_in_is_answered_with_its_sentence(make_assistant, reply, shown):
    question = "What did the statement issued by Moscow not specify?"
    assistant, model, n = _judged_and_numbered(make_assistant, question, "without specifying specific measures")
    model.replies = [f"{reply} [{n}]", *["NONE"] * 8]
    answer = assistant.ask(question)
    assert answer.abstained is not shown
    assert not shown or answer.answer.startswith("“In a statement issued by Moscow")
    assert not shown or "without specifying specific measures" in answer.citations[0].text


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        (
            "It comes a week after his visit, since the rise of the Islamists last August.",
            ["a week after his visit", "last August"],
        ),
        ("A few weeks before the war, Putin had been received in Beijing.", ["A few weeks before the war"]),
        ("Since February 24, Beijing has refused to condemn the invasion.", ["Since February 24"]),
        ("Lavrov, who said yesterday that ties were strong, may travel.", ["yesterday"]),
        ("The talks will be held in Anui province.", []),
        ("At the same time, a meeting of a mechanism will be held.", ["At the same time"]),
    ],
)
def test_the_times_a_sentence_states_are_read_as_it_writes_them(sentence, said):
    from assistant.answer.kinds import times

    assert times(sentence) == said


def test_a_when_question_the_model_leaves_unanswered_gets_the_time_stated_beside_its_words(ask):
    assistant, _ = ask("NOT FOUND", "NONE")
    answer = assistant.ask("When did the fundamentalist Islamists come to power in Afghanistan?")
    assert answer.answer == "Last August. [1]"
    assert "since the rise of fundamentalist Islamists last August" in answer.citations[0].text
    assert assistant.ask("When was Tom West appointed Washington's special envoy for Afghanistan?").abstained
    answer = assistant.ask("When will the meeting of the consultation mechanism for Afghanistan be held?")
    assert answer.answer == "At the same time. [1]"  # as the two-day meeting the sentence before speaks of


def test_a_when_answer_takes_the_time_its_sentence_gives_for_what_was_asked(ask):
    reply = "Wang Yi went to Kabul in August. [{n}]"  # "last August" is when the Islamists rose
    answer = _answered(ask, "When did Wang Yi go to Kabul?", "a week after Wang Yi", reply)
    assert answer.answer == "A week after Wang Yi’s visit. [1]"
    question = "When did the fundamentalist Islamists rise in Afghanistan?"
    assert _answered(ask, question, "a week after Wang Yi", "Last August. [{n}]").answer == "Last August. [1]"


class JudgesOneLikely(ScriptedLLM):
    """Judges sentences holding ``right`` ``likely`` to answer, the others ``otherwise``.

    By default only those more likely to answer than not, and too unsure to pass the bar.
    """

    def __init__(self, right: str, *replies: str, likely: float = 0.55, otherwise: float = 0.1) -> None:
        super().__init__(*replies)
        self.right, self.likely, self.otherwise = right, likely, otherwise

    def yes_probability(self, messages):
        return self.likely if self.right in messages[-1].content else self.otherwise


def test_a_when_question_gets_the_time_of_the_sentence_the_model_judged_likeliest_to_answer(make_assistant):
    # "take power in Afghanistan": two of its five words are in "the rise of fundamentalist Islamists".
    model = JudgesOneLikely("since the rise of", "NOT FOUND", "NONE")
    assistant = make_assistant(backend=model, answer_k=8, answer_mode="compose")
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask("When did the fundamentalist Islamists take power in Afghanistan?")
    assert answer.answer == "Last August. [1]"


def test_where_a_remark_was_reported_is_the_source_of_the_sentence_judged_to_hold_it(make_assistant):
    # "weathering" and "upheaval" are not the article's words; the model judges the sentence that holds them.
    model = JudgesOneLikely("withstood the test", "NOT FOUND", "NONE", likely=0.8)
    assistant = make_assistant(backend=model, answer_k=8, answer_mode="compose")
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask("Where was Wang's line about relations weathering international upheaval reported?")
    assert answer.answer == "Phoenix TV. [1]"
    assert "according to Phoenix TV" in answer.citations[0].text
    # Who it was at Phoenix TV the article does not say, and Wang is who spoke.
    unnamed = "Which Phoenix TV journalist reported Wang's line about relations weathering upheaval?"
    assert assistant.ask(unnamed).abstained


def test_a_yes_no_question_its_sentence_restates_is_answered_though_no_sentence_was_judged_to_answer(make_assistant):
    # The claim is a clause inside a sentence about Lavrov's travels: judged alone, it "gives no answer".
    model = JudgesOneLikely("no sentence is likely", "Yes")
    assistant = make_assistant(backend=model, answer_k=8, answer_mode="compose")
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask("Did Lavrov say Russia's relations with China were at their strongest level ever?")
    assert answer.answer.startswith("Yes: “Lavrov, who said yesterday")
    assert "at the strongest level ever" in answer.citations[0].text
    assert assistant.ask("Did Lavrov say the summit would be cancelled?").abstained  # no sentence restates it


def _written_beside(make_assistant, question: str, fragment: str, line: str, right: str, reading: str, odds):
    """``question`` answered by a model that writes ``line`` (its "{n}" the number of ``fragment``'s sentence),
    judges sentences holding ``right`` ``odds[0]`` likely to answer and the others ``odds[1]``, then reads
    ``reading`` off a sentence."""
    model = JudgesOneLikely(right, "placeholder", likely=odds[0], otherwise=odds[1])
    assistant, model, n = _judged_and_numbered(make_assistant, question, fragment, model=model)
    model.replies = [line.format(n=n), reading]
    return assistant.ask(question)


@pytest.mark.parametrize(
    ("question", "line", "fragment", "right", "reading", "odds", "answered", "cited"),
    [
        # The model quoted the sentence about Wang's talks: true, cited, and no answer to what test was
        # withstood. All sentences are judged likely, one far more.
        (
            "what test did wang say china russia relations had withstood?",
            "Wang Yi had talks with his Russian counterpart, Sergei Lavrov. [{n}]",
            "had talks with his Russian counterpart",
            "withstood the test",
            "international turmoil",
            (0.9, 0.7),
            "International turmoil. [1]",
            "withstood the test of international turmoil",
        ),
        # The model wrote of the new world order Lavrov announced; the sentence judged likeliest, and
        # holding twice as many of the question's words, says how he described the moment.
        (
            "how did lavrov sum up the present moment in international relations?",
            "Lavrov announced the arrival of a new world order. [{n}]",
            "to announce the arrival of a new world order",
            "very serious stage",
            "a very serious stage",
            (0.85, 0.75),
            "A very serious stage. [1]",
            "We are experiencing a very serious stage",
        ),
        # A yes/no question: judged far likelier, with more of the question's words, the sentence
        # about Putin's reception in Beijing gives the verdict.
        (
            "was putin in china shortly before the war started?",
            "Wang Yi had talks with Lavrov in eastern China. [{n}]",
            "had talks with his Russian counterpart",
            "warmly received by his Chinese counterpart",
            "Yes",
            (0.8, 0.3),
            "Yes",
            "warmly received",
        ),
    ],
)
def test_a_line_beside_a_far_likelier_sentence_gives_way_to_that_sentence(
    make_assistant, question, line, fragment, right, reading, odds, answered, cited
):
    answer = _written_beside(make_assistant, question, fragment, line, right, reading, odds)
    assert answer.answer.startswith(answered)
    assert cited in answer.citations[0].text


def test_a_sentence_that_puts_someone_in_a_capital_does_not_deny_they_were_in_its_country(make_assistant):
    question = "was putin in china a few weeks before the war?"
    fragment = "warmly received by his Chinese counterpart"
    assistant, model, n = _judged_and_numbered(make_assistant, question, fragment)
    model.replies = [f"Yes, Putin was received by Xi Jinping in Beijing. [{n}]"]
    assert assistant.ask(question).answer.startswith("Yes")


def test_the_model_is_asked_what_a_question_excludes_after_what_it_asks(make_assistant):
    # Opening on "besides the main talks", a small model answered with the main talks' attendees.
    model = ScriptedJudge("NONE", odds=0.9)
    assistant = make_assistant(backend=model, answer_k=8, answer_mode="compose")
    assistant.ingest(SEED_ARTICLE)
    assistant.ask("besides the main talks, what other meeting on Afghanistan is held at the same time?")
    asked = next(p for p in model.prompts if "\n[1] " in p)
    assert "what other meeting on Afghanistan is held at the same time, besides the main talks?" in asked


def test_a_meeting_the_question_names_by_the_articles_label_is_not_answered_from_another_meeting(make_assistant):
    # Only the sentence about the "consultation mechanism" names that meeting, and it gives no length;
    # the two days are those of the summit, in a sentence that never uses the label.
    fragment = "a two-day summit dedicated to"
    for question, abstained in [
        ("how many days will the consultation mechanism meeting run?", True),
        ("how many days will the summit in eastern China run?", False),
    ]:
        assistant, model, n = _judged_and_numbered(make_assistant, question, fragment)
        model.replies = [f"It will run for two days. [{n}]", *["NONE"] * 8]
        assert assistant.ask(question).abstained is abstained


def test_a_likelier_sentence_that_holds_only_the_setting_of_the_question_does_not_pass_a_line_over():
    from types import SimpleNamespace

    from assistant.answer.pipeline import Answerer

    sentences = [
        "Chinese companies are cautious in their dealings with Russia, fearing the sanctions.",
        "Lavrov therefore had to content himself with a reaffirmation of the friendship.",
    ]
    evidence = [SimpleNamespace(text=text) for text in sentences]
    odds = {1: 0.76, 2: 0.64}.__getitem__
    question = "With Chinese companies wary of sanctions, what did Lavrov have to settle for?"
    assert not Answerer._passed_over([2], evidence, question, odds)
    assert Answerer._passed_over([2], evidence, "Why are Chinese companies cautious in their dealings?", odds)


def test_the_one_sentence_holding_most_of_the_question_is_read_however_far_its_embedding():
    from assistant.answer.extract import Extractor
    from assistant.answer.verify import Verifier

    evidence = _hits(
        "Russia and China agreed to deepen their cooperation.",
        "Russia wants support from China.",
        "The two countries reaffirmed their friendship against their common rival, the United States.",
    )
    similarity = {"s0": 0.8, "s1": 0.75, "s2": 0.4}  # the last is too far to read by its embedding
    extractor = Extractor(ScriptedLLM("United States"), Verifier())
    question = "which country is the common rival of Russia and China?"
    findings = list(extractor.find(question, evidence, similarity))
    assert [(f.text, f.cited) for f in findings] == [("United States", (3,))]
    # The sentence that holds "why …?" states what is asked about; a small model restates it as the reason.
    extractor = Extractor(ScriptedLLM("Against the United States"), Verifier())
    why = "why did the two countries reaffirm their friendship?"
    assert list(extractor.find(why, evidence, similarity)) == []
    # Nor when several answers are asked for: those come from the close sentences.
    several = "which countries are the common rivals of Russia and China?"
    assert list(Extractor(ScriptedLLM("United States"), Verifier()).find(several, evidence, similarity)) == []


def test_how_long_after_one_event_another_came_is_read_off_the_sentence_that_says_so(ask):
    assistant, _ = ask("NOT FOUND", "1 month")
    answer = assistant.ask("How long after Russia sent its troops into Ukraine did the ministers meet?")
    assert answer.answer.startswith("A month after Russia sent thousands of troops")
    assert "comes a month after Russia sent thousands of troops" in answer.citations[0].text
    assert assistant.ask("How long after the summit will Tom West retire?").abstained


def test_how_long_after_asked_in_the_middle_of_a_question_is_read_off_the_same_way(ask):
    assistant, _ = ask("NOT FOUND", "1 month")
    answer = assistant.ask("The talks came how long after Russia sent its troops into Ukraine?")
    assert answer.answer.startswith("A month after Russia sent thousands of troops")


def test_the_name_of_something_is_not_a_name_the_question_already_holds_nor_a_title():
    from assistant.answer.kinds import answers_the_kind

    border = "What's the name of the mountain pass on the Chile-Argentina border?"
    assert not answers_the_kind(border, "The mountain pass on the Chile-Argentina border is long, Argentina says.")
    official = "What's the name of the French Foreign Ministry official who issued the statement?"
    assert not answers_the_kind(official, "French Foreign Minister.")
    assert answers_the_kind(official, "Anne Roy, the French Foreign Minister.")


def test_the_exact_date_of_an_event_is_a_day_of_the_calendar_not_a_month_or_a_relative_time():
    from assistant.answer.kinds import answers_the_kind

    question = "what was the exact date of the wang yi–lavrov meeting?"
    assert not answers_the_kind(question, "Early March, Wang Yi hailed a rock-solid friendship with Moscow.")
    assert not answers_the_kind(question, "A few weeks before the war.")
    assert all(answers_the_kind(question, day) for day in ("On February 24.", "24th of March 2022.", "2022-03-30."))
    for asked in ("When exactly did the envoy land in Lima?", "when did the envoy land? I need the date"):
        assert not answers_the_kind(asked, "A few weeks before the war.")
        assert answers_the_kind(asked, "On February 24.")
    assert answers_the_kind("When did the envoy land in Lima?", "A few weeks before the war.")
    days = "On which specific days is the two-day Lima summit taking place?"  # days, not a place
    assert not answers_the_kind(days, "The two-day Lima summit is taking place in the great district of Lima.")
    assert answers_the_kind(days, "On March 3 and March 4.")


def test_on_what_date_is_not_answered_with_yesterday(ask):
    assistant, _ = ask("NOT FOUND", "NONE")
    assert assistant.ask("On what date did Lavrov say Russia's relations with China were strongest?").abstained


@pytest.mark.parametrize(
    ("question", "line", "when"),
    [
        ("how long did the Wang-Lavrov meeting last", "Five weeks.", True),
        ("How long will the summit last?", "Two days.", False),
        ("How long after the invasion did Lavrov get new assurances?", "Five weeks.", False),
    ],
)
def test_how_long_something_lasted_is_not_answered_with_the_time_that_dates_it(question, line, when):
    from assistant.answer.when import told_as_when

    sentences = [
        "Five weeks after the invasion of Ukraine, Sergei Lavrov today received new assurances.",
        "Lavrov will attend a two-day meeting on Afghanistan.",
    ]
    assert told_as_when(question, line, sentences) is when


def test_a_follow_up_is_not_asked_as_the_earlier_question_the_model_gave_back(ask):
    history = _exchange("how long is china's border with afghanistan?", "76 kilometers.")
    assistant, model = ask("placeholder")  # no rewrite: the follow-up is searched with the conversation
    assistant.ask("and is it at low or high altitude?", history=history)
    n = _evidence_number(model.prompts, "very high altitude")
    model.replies = ["How long is China's border with Afghanistan?", f"At a very high altitude. [{n}]"]
    answer = assistant.ask("and is it at low or high altitude?", history=history)
    assert answer.answer == "At a very high altitude. [1]"
    assert "76-kilometer-long border" in answer.citations[0].text


def test_a_follow_up_is_not_asked_as_the_earlier_question_given_back_with_a_word_changed():
    from assistant.answer.pipeline import _repeated

    history = _exchange("Who said the ties had withstood the test of turmoil?", "Wang Yi.")
    follow_up = "and how did he say they are developing?"
    assert _repeated("Who said the ties have withstood the test of turmoil?", follow_up, history)
    assert not _repeated("How did Wang Yi say the ties are developing?", follow_up, history)
    assert not _repeated("When did Wang Yi say the ties had withstood the test of turmoil?", "and when?", history)


def test_a_follow_up_is_not_asked_joined_to_the_earlier_question(ask):
    history = _exchange("Who did Lavrov meet in eastern China?", "Wang Yi, in the province of Anui.")
    question = "and what did he say about russia back in early march?"
    assistant, model = ask("placeholder")
    joined = "Who did Lavrov meet in eastern China, and what did he say about Russia back in early March?"
    model.replies = [joined, "NONE", "NONE"]
    assistant.ask(question, history=history)
    assert all(joined not in prompt for prompt in model.prompts[1:]), "the joined rewrite is not what is answered"
    assert any("What did he say about Russia back in early March?" in prompt for prompt in model.prompts[1:])


def test_a_follow_ups_rewrite_asks_with_the_follow_ups_own_question_word(ask):
    history = _exchange("who hailed a rock-solid friendship with moscow in early march?", "Wang Yi.")
    assistant, model = ask("Who did Wang Yi defend in early March?", "NONE", "NONE")
    assistant.ask("and what did he defend?", history=history)
    assert any("What did Wang Yi defend in early March?" in prompt for prompt in model.prompts[1:])
    assert all("Who did Wang Yi defend" not in prompt for prompt in model.prompts[1:])


def test_an_either_or_question_is_answered_by_the_option_its_sentence_gives(ask):
    question = "At what altitude is China's border with Afghanistan, low or high?"
    answer = _answered(ask, question, "very high altitude", "High. [{n}]")
    assert answer.answer == "Very high. [1]"  # as high as the article says
    assert "at a very high altitude" in answer.citations[0].text


def test_a_capital_named_for_its_government_need_only_be_in_the_article():
    from assistant.answer.verify import unmentioned

    article = SEED_ARTICLE.read_text(encoding="utf-8")
    sentence = "Russia is looking to China for support and cooperation as it increasingly isolates itself."
    assert unmentioned("What is Russia seeking from Beijing as it gets cut off?", [sentence], [article]) == []
    assert "Kabul" in unmentioned("Who did Wang Yi meet during his Kabul visit?", [sentence], [article])
    assert unmentioned("Were the talks held in Beijing?", [sentence], [article]) == ["Beijing"]


def test_who_is_answered_with_the_name_of_the_counterpart_a_line_leaves_unnamed():
    from types import SimpleNamespace

    from assistant.answer.inventory import counterpart
    from assistant.answer.pipeline import _counterparts_named

    talks = "The Chinese Foreign Minister Wang Yi had talks with his Russian counterpart, Sergei Lavrov, in Anui."
    visit = "Vladimir Putin had been warmly received by his Chinese counterpart Xi Jinping in Beijing."
    briefed = "Sergei Lavrov briefed his Chinese counterpart on the progress of the operation."
    evidence = [SimpleNamespace(text=text) for text in (visit, talks, briefed)]
    assert _counterparts_named([(briefed, [3])], evidence) == [("Wang Yi.", [2]), (briefed, [3])]
    assert counterpart("Putin was received by his Chinese counterpart.", [talks, visit]) == ("Xi Jinping", 1)
    assert counterpart("Lavrov briefed his Indian counterpart.", [talks, visit]) is None


def test_a_line_rests_on_the_citation_that_names_what_the_question_asks_about():
    from types import SimpleNamespace

    from assistant.answer.pipeline import _resting_on_the_named

    received = "A few weeks before the war, Vladimir Putin himself had been warmly received by Xi Jinping in Beijing."
    regime = "Western powers have warned Beijing not to support the regime of Russian President Vladimir Putin."
    seen = {"title": "", "context_before": (), "context_after": ()}
    evidence = [SimpleNamespace(text=text, **seen) for text in (received, regime)]
    question = "who is the Russian President named in the piece?"
    assert _resting_on_the_named(question, [("Vladimir Putin.", [1, 2])], evidence) == [("Vladimir Putin.", [2, 1])]
    # Citations that all name what is asked keep the model's order.
    asked = "Who did Xi Jinping receive in Beijing?"
    assert _resting_on_the_named(asked, [("Vladimir Putin.", [1, 2])], evidence) == [("Vladimir Putin.", [1, 2])]


def test_a_capital_named_for_its_government_may_be_the_government_a_movement_forms():
    from assistant.answer.verify import swapped_names

    sentence = "The head of Kabul's ruling diplomacy in Kabul, Amir Khan Mutaki, is also expected."
    assert swapped_names("whats the name of the head of the Taliban's diplomacy?", sentence) == []
    # Another country, or another capital, is another government.
    assert swapped_names("who is the head of Pakistan's diplomacy?", sentence) == ["Pakistan"]
    assert swapped_names("who is the head of Beijing's diplomacy?", sentence) == ["Beijing"]


def test_one_thing_asked_is_not_answered_with_the_questions_own_names():
    from types import SimpleNamespace

    from assistant.answer.phrases import another_kind_of_place
    from assistant.answer.pipeline import _others_than_the_asked

    question = "Which country does the report describe as the shared rival of Moscow and Beijing?"
    rival = "The two countries renewed their friendship against their common rival, the United States."
    evidence = [SimpleNamespace(text="Russia is looking to China for support."), SimpleNamespace(text=rival)]
    lines = [("Russia, China, the United States.", [1, 2])]
    assert _others_than_the_asked(question, lines, evidence) == [("The United States.", [2])]
    listed = "Which countries are named beside Moscow and Beijing?"
    assert _others_than_the_asked(listed, lines, evidence) == lines  # a list question keeps its list
    assert another_kind_of_place(question, "The United States.", rival) is None  # not called a "state"


def test_an_event_placed_a_week_before_is_answered_from_the_sentence_that_writes_the_week(ask):
    question = "Where did Wang Yi travel a week before the Afghanistan meetings?"
    answer = _answered(ask, question, "in the province of Anui", "Anui, eastern China. [{n}]")
    assert "Anui" not in answer.answer
    from assistant.answer.kinds import placed_in_time

    assert not placed_in_time("Was Wang Yi's trip to Kabul more than a month before these meetings?")  # a bar
    assert not placed_in_time("When did Wang Yi travel a week before the meetings?")  # asks the time


def test_a_bare_answer_keeps_the_degree_its_sentence_gives(ask):
    question = "What does the article say about the altitude of the China-Afghanistan border?"
    assert _answered(ask, question, "very high altitude", "High. [{n}]").answer == "Very high. [1]"


def test_an_either_or_question_asked_like_a_yes_no_one_gets_the_option_without_a_verdict(ask):
    question = "Is China's border with Afghanistan at a low or a high altitude?"
    assistant, model, n = _numbered(ask, question, "very high altitude")
    model.replies = [f"At a very high altitude. [{n}]", "Yes"]  # asked for one, the model gives a verdict
    answer = assistant.ask(question)
    assert answer.answer == "At a very high altitude. [1]"  # not "Yes. At a very high altitude."


def _followed_up(ask, question: str, history, fragment: str, rewrite: str, reply: str):
    """A follow-up answered by a model that rewrites it to ``rewrite`` and replies ``reply`` ({n}: ``fragment``)."""
    assistant, model = ask("placeholder")
    assistant.ask(question, history=history)
    n = _evidence_number(model.prompts, fragment)
    model.replies = [rewrite, reply.format(n=n), "NONE"]
    return assistant.ask(question, history=history)


def test_what_else_is_answered_with_what_the_conversation_has_not_said(ask):
    history = _exchange(
        "Who briefed whom on the special military operation?",
        "The Russian Foreign Minister, Sergei Lavrov, briefed his Chinese counterpart, Wang Yi.",
    )
    question = "what else did he brief him on?"
    rewrite = "What else did Sergei Lavrov brief Wang Yi on?"
    reply = "The Russian Foreign Minister briefed his Chinese counterpart on the progress of the special military"
    reply += " operation. [{n}]"
    answer = _followed_up(ask, question, history, "briefed his Chinese counterpart", rewrite, reply)
    assert answer.answer == "The dynamics of the negotiation process with the Kiev regime. [1]"
    from assistant.answer.phrases import coordinated

    sentence = "He briefed them on the progress of the operation… and the dynamics of the talks with the new regime."
    assert coordinated("on the progress of the operation", sentence) == [
        "the dynamics of the talks with the new regime"
    ]


def test_why_it_would_matter_is_the_reason_the_closest_sentence_gives_in_a_clause(ask):
    history = _exchange(
        "What have Western powers warned Beijing about?",
        "Not to support the regime of Russian President Vladimir Putin.",
    )
    question = "why would that support matter to them?"
    rewrite = "Why would Beijing's support for Putin's regime matter to Western powers?"
    reply = "Russia can only count on Chinese power to escape complete economic isolation. [{n}]"
    answer = _followed_up(ask, question, history, "complete economic isolation", rewrite, reply)
    assert answer.answer == "It would allow Moscow to reduce the impact of sanctions. [1]"
    assert "warned Beijing" in answer.citations[0].text
    from assistant.answer.phrases import reason

    assert reason("Firms are wary, fearing that they may be hit.") == "Fearing that they may be hit."
    assert reason("The firms are wary of the new rules.") is None


def test_where_he_said_it_is_read_off_the_sentence_that_says_it_when_the_model_finds_nothing(ask):
    history = _exchange(
        "What did Lavrov say about the state of international relations?",
        "He said we are at a very serious stage in international relations.",
    )
    question = "Where did he say that, was it a speech?"
    rewrite = "Where did Lavrov say that we are experiencing a very serious stage in international relations?"
    answer = _followed_up(ask, question, history, "serious stage", rewrite, "NOT FOUND")
    assert answer.answer == "In a video of the conversation released by his ministry. [1]"
    from assistant.answer.attribution import asks_how_said, said_where

    assert asks_how_said("how was his 'very serious stage' remark made public?")
    assert not asks_how_said("and how did he say the talks were going?")  # how the talks go, in his words
    assert asks_how_said("Where did he say there is no limit to the cooperation?")
    assert not asks_how_said("How did the mayor respond to the envoy's remarks about the harbour?")  # the response
    assert asks_how_said("When did he make those comments?")
    assert not asks_how_said("How long was the video his ministry released?")

    asked = "“We will rebuild,” said Mayor Ann Lee, when asked about the flood."
    assert said_where(asked) == "When asked about the flood."
    assert said_where("The mayor, who said on Monday that the town would rebuild, left.") == "On Monday."
    assert said_where("The mayor, who said yesterday that the town would rebuild, left.") is None


def test_what_date_in_the_users_words_is_not_answered_with_a_time_that_is_no_date(ask):
    history = _exchange("Where did Putin meet Xi Jinping before the war?", "In Beijing, a few weeks before the war.")
    rewrite = "When did Putin meet Xi Jinping in Beijing before the war?"
    answer = _followed_up(ask, "what date was that meeting?", history, "warmly received", rewrite, "NOT FOUND")
    assert answer.abstained
    reply = "A few weeks before the war. [{n}]"  # the model's own line, of the rewrite's kind
    assert _followed_up(ask, "what date was that meeting?", history, "warmly received", rewrite, reply).abstained


def test_a_follow_up_after_a_who_said_question_is_not_answered_by_repeating_it(ask):
    history = _exchange(
        "Who said China's opposition to hegemony is limitless?", "Chinese Foreign Ministry spokesman Wang Wenbin."
    )
    question = "What question was he answering when he said that?"
    reply = "What question was he answering when he said that? [{n}]"
    rewrite = "What did Wang Wenbin answer?"
    assert _followed_up(ask, question, history, "when asked about", rewrite, reply).abstained


def test_what_he_said_of_a_person_named_in_the_conversation_is_not_what_a_spokesman_said_of_him(ask):
    # "According to a State Department spokesman, … Tom West, will attend the summit": the
    # spokesman's words. "he" of the follow-up is Tom West, as the rewrite says.
    history = _exchange("Who is Washington's special envoy for Afghanistan?", "Tom West.")
    question = "What did he say at the summit?"
    reply = "Tom West said he will attend the summit. [{n}]"
    assert _followed_up(ask, question, history, "Tom West", "What did Tom West say at the summit?", reply).abstained
    from assistant.answer.attribution import speaker_asked

    assert speaker_asked("what did he say?", "What did Tom West say?") == "Tom West"
    assert speaker_asked("what did he say?", "What did the envoy say?") is None  # a title the rewrite chose


def test_a_second_question_may_start_with_a_preposition():
    from assistant.answer.pipeline import question_parts

    assert question_parts(
        "How many weeks after the invasion did Lavrov arrive, and in which city did Xi host Putin?"
    ) == [
        "How many weeks after the invasion did Lavrov arrive?",
        "In which city did Xi host Putin?",
    ]
    assert question_parts("When did Lavrov arrive, and since what date has Beijing refused to condemn it?") == [
        "When did Lavrov arrive?",
        "Since what date has Beijing refused to condemn it?",
    ]


def test_what_someone_did_is_all_that_the_sentence_says_they_did(ask):
    reply = "Defended Russia's “reasonable” concerns. [{n}]"
    answer = _answered(ask, "What did Wang Yi do in early March?", "rock-solid", reply)
    assert answer.answer.startswith("Hailed a “solid rock-solid” friendship with Moscow and defended Russia’s")
    from assistant.answer.phrases import predicate

    assert predicate("What did Wang Yi do?", "Wang Yi, the Chinese minister, met Lavrov.") is None  # no verb next
    assert predicate("What did Wang Yi say?", "Wang Yi hailed a friendship.") is None
    sentence = "The two countries have since spoken of a “borderless” friendship and have denounced NATO “expansion”."
    done = "have since spoken of a “borderless” friendship and have denounced NATO “expansion”"
    assert predicate("Since Putin's visit, what have the 2 countries done?", sentence) == done  # a time put first
    told = "In May, Ann Lee opened a school and closed a mine."
    assert (
        predicate("What two things did Ann Lee do in May regarding the town?", told)
        == "opened a school and closed a mine"
    )


def test_a_second_question_of_one_word_asks_the_first_again():
    from assistant.answer.pipeline import question_parts

    assert question_parts("How long after the invasion did Wang and Lavrov meet, and where?") == [
        "How long after the invasion did Wang and Lavrov meet?",
        "Where?",
    ]
    assert question_parts("Who met Lavrov and Wang?") == ["Who met Lavrov and Wang?"]


def test_a_name_from_the_question_put_in_place_of_the_sentences_own_is_no_support():
    from assistant.answer.verify import Verifier

    sentence = "Sergei Lavrov is scheduled to attend a two-day meeting in China on Afghanistan."
    question = "Where did Xi receive Vladimir Putin?"
    assert (
        not Verifier().check("Vladimir Putin is scheduled to attend a two-day meeting.", [sentence], question).supported
    )
    assert Verifier().check("Sergei Lavrov is scheduled to attend a two-day meeting.", [sentence], question).supported


def test_a_paraphrased_short_answer_shows_the_articles_own_words(ask):
    question = "How long is the Afghanistan meeting in China supposed to last?"
    assistant, model, n = _numbered(ask, question, "scheduled to attend a two-day meeting")
    model.replies = [f"Two days. [{n}]"]
    answer = assistant.ask(question)
    assert answer.answer.startswith("Two days (“two-day meeting”). [1]")
    model.replies = [f"A two-day meeting. [{n}]"]  # already the article's words: nothing to add
    assert assistant.ask(question).answer.startswith("A two-day meeting. [1]")


def test_the_model_sees_earlier_answers_without_our_quotes(ask):
    assistant, model = ask("Where will he go next?", "NOT FOUND")
    history = _exchange("How long will the summit last?", "Two days (“two-day meeting”). [1]")
    assistant.ask("And who attends it?", history=history)
    assert any("Assistant: Two days.\n" in prompt for prompt in model.prompts)
    assert not any("“two-day meeting”" in prompt for prompt in model.prompts)


def test_a_question_that_denies_is_not_answered_by_a_sentence_that_affirms(ask):
    question = "Who from Kabul is not expected at the meetings, according to the New China news agency?"
    assistant, model, n = _numbered(ask, question, "Amir Khan Mutaki")
    model.replies = [f"Amir Khan Mutaki. [{n}]"]  # the sentence says he *is* expected
    assert assistant.ask(question).abstained
    denied = "Which capital has refused to condemn the invasion of Ukraine?"
    assistant, model, m = _numbered(ask, denied, "refused to condemn")
    model.replies = [f"Beijing. [{m}]"]
    assert not assistant.ask(denied).abstained


def test_who_did_it_is_read_off_a_passive_sentence_though_judged_unanswered(make_assistant):
    model = ScriptedJudge("NOT FOUND", odds=0.1)  # judged, no sentence "gives the answer"
    assistant = make_assistant(backend=model, answer_k=8, answer_mode="compose")
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask("who does moscow say imposed the sanctions on it?")
    assert answer.answer == "Both the United States and its satellites. [1]"
    assert "imposed on Russia by both the United States" in answer.citations[0].text


def test_a_yes_no_question_the_article_contradicts_is_answered_no_though_judged_unanswered(make_assistant):
    model = ScriptedJudge("NOT FOUND", odds=0.1)  # judged, no sentence "gives the answer"
    assistant = make_assistant(backend=model, answer_k=8, answer_mode="compose")
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask("Is China's border with Afghanistan at a low altitude?")
    assert answer.answer.startswith("No: “China has a 76-kilometer-long border")
    assert "very high altitude" in answer.citations[0].text
    assert model.prompts == []  # the sentence says so in the question's words: no model needed
    # Half the question's words, denied: "without specifying specific measures".
    answer = assistant.ask("Did the joint statement spell out any concrete measures?")
    assert answer.answer.startswith("No: “In a statement issued by Moscow")


def test_a_yes_no_answer_that_restates_the_question_from_its_sentence_is_a_yes(ask):
    question = "has beijing long feared that its neighbor could be a bulwark for uighur separatists?"
    reply = "Beijing has long feared that its neighbor could be a bulwark for Uighur separatists. [{n}]"
    answer = _answered(ask, question, "long feared", reply)  # the one-sentence reading repeats it, no verdict
    assert answer.answer.startswith("Yes. Beijing has long feared") and "Xinjiang" in answer.citations[0].text
    reply = "Beijing has long feared that its neighbor could not be a bulwark for Uighur separatists. [{n}]"
    assert not _answered(ask, question, "long feared", reply).answer.startswith("Yes")


def test_a_no_the_cited_sentence_does_not_say_is_not_taken_on_the_models_judgement(make_assistant):
    question = "Will the US take part in the consultation mechanism meeting?"
    assistant, model, n = _judged_and_numbered(make_assistant, question, "withdrawal of US forces")
    # [n] is on the US leaving Kabul: it denies nothing, and the model judged it to answer.
    model.replies = [f"No, the US will not take part in the consultation mechanism meeting. [{n}]", "NONE"]
    answer = assistant.ask(question)
    assert not answer.answer.startswith("No")


def test_according_to_the_article_is_left_out_of_what_the_model_reads_but_not_out_of_the_answer(ask):
    assistant, model = ask("NOT FOUND")
    question = "What is Russia increasingly cut off from, according to the article?"
    answer = assistant.ask(question)
    assert answer.question == question
    assert model.prompts and not any("according to the article" in prompt for prompt in model.prompts)
    assert any("What is Russia increasingly cut off from?" in prompt for prompt in model.prompts)


def test_on_what_exact_date_needs_a_date():
    from assistant.answer.kinds import answers_the_kind

    question = "On what exact date does the Afghanistan summit begin?"
    assert not answers_the_kind(question, "The meetings are attended by seven countries neighboring Afghanistan.")
    assert answers_the_kind(question, "On March 30.")


@pytest.mark.parametrize(
    ("question", "line", "fits"),
    [
        ("How long did Wang Yi stay in Kabul?", "76 kilometers.", False),
        ("How long did Wang Yi stay in Kabul?", "Two days.", True),
        ("How long did Wang Yi stay in Kabul?", "For the first time since last August.", False),
        ("How long did it take the Air Force to use them?", "It began using them in 2008, after tests in 2006.", True),
        ("How long has Beijing refused to condemn the invasion?", "Since February 24.", True),
        ("How long is China's border with Afghanistan?", "76 kilometers.", True),
        ("how many days is that meeting supposed to last?", "Five weeks.", False),
        ("how many days is that meeting supposed to last?", "A two-day meeting.", True),
    ],
)
def test_how_long_something_lasted_needs_a_duration_not_a_length(question, line, fits):
    from assistant.answer.kinds import answers_the_kind

    assert answers_the_kind(question, line) is fits


@pytest.mark.parametrize(
    ("line", "fits"),
    [
        ("State Department spokesman.", False),
        ("According to a State Department spokesman.", False),
        ("Ned Price.", True),
    ],
)
def test_whats_the_name_of_needs_a_name_the_question_does_not_already_hold(line, fits):
    from assistant.answer.kinds import answers_the_kind

    question = "What's the name of the State Department spokesman who confirmed Tom West would be there?"
    assert answers_the_kind(question, line) is fits


def test_why_about_an_event_no_sentence_states_abstains_before_the_model_explains_it(ask):
    assistant, model = ask("Tom West traveled to Kabul with Wang Yi because the meetings came a week later. [1]")
    answer = assistant.ask("Why did Tom West travel to Kabul with Wang Yi last week?")
    assert answer.abstained and model.prompts == []  # Tom West, Kabul and Wang Yi: never in one sentence
    model.replies = ["Chinese companies fear secondary sanctions. [1]"]
    assert not assistant.ask("Why are Chinese companies cautious with Russia?").abstained


def test_the_answer_score_does_not_find_a_short_answer_inside_another_word():
    from assistant.evaluate.answers import contains_answer

    assert not contains_answer("Yes. The statement did not spell out measures.", ("no",))
    assert not contains_answer("Thus the talks went on.", ("US",))
    assert contains_answer("No, it was not.", ("no",))
    assert contains_answer("They feared Uighurs in Xinjiang.", ("Uighur",))


def test_a_question_word_no_top_sentence_holds_brings_in_the_sentence_that_does(ask):
    # The one sentence that says "briefed" names neither man; sentences naming them rank higher.
    assistant, model = ask("NOT FOUND")
    assistant.ask("What did Lavrov brief Wang Yi on?")
    assert _evidence_number(model.prompts, "briefed his Chinese counterpart") >= 1


def test_a_title_in_the_sentence_may_stand_for_the_questions_name():
    from assistant.answer.verify import Verifier

    sentence = (
        "“The Russian Foreign Minister briefed his Chinese counterpart on the progress of the special military "
        "operation… and the dynamics of the negotiation process with the Kiev regime,” the ministry said."
    )
    claim = "Sergei Lavrov briefed his Chinese counterpart on the progress of the special military operation."
    context = ["Sergei Lavrov took advantage of a bilateral meeting in eastern China."]
    assert Verifier().check(claim, [sentence], "what did lavrov brief wang yi on?", context).supported


def test_who_did_it_is_read_off_the_passive_sentence_the_model_read_the_wrong_way_round(ask):
    question = "Who imposed the sanctions on Russia?"
    assistant, model, n = _numbered(ask, question, "imposed on Russia by both")
    model.replies = [f"The parties imposed the illegal unilateral sanctions on Russia. [{n}]"]
    answer = assistant.ask(question)
    assert answer.answer.startswith("Both the United States and its satellites.")
    assert "imposed on Russia by both the United States" in answer.citations[0].text
    question = "Who imposed the sanctions on Russia, according to the Russian Foreign Ministry's statement?"
    reply = "The parties imposed the illegal unilateral sanctions on Russia. [{n}]"
    answer = _answered(ask, question, "imposed on Russia by both", reply)
    assert answer.answer.startswith("Both the United States and its satellites.")
    question = "According to the Russian ministry statement, who imposed the illegal sanctions on Russia?"
    answer = _answered(ask, question, "imposed on Russia by both", reply)
    assert answer.answer.startswith("Both the United States and its satellites.")  # the source said first
    answer = _answered(ask, "per the russian statement, who imposed the sanctions on russia?", "by both", reply)
    assert answer.answer.startswith("Both the United States and its satellites.")  # "per …", typed lower case


def test_the_doer_is_the_by_phrase_of_the_verb_the_question_asks_about():
    from assistant.answer.phrases import doer

    sentence = "Vladimir Putin had been warmly received by his counterpart Xi Jinping in Beijing."
    assert doer("Who received Putin?", sentence) == "his counterpart Xi Jinping"
    assert doer("By whom, per the report, was Putin received?", sentence) == "his counterpart Xi Jinping"
    assert doer("Who met Putin?", sentence) is None  # another verb
    assert doer("Where was Putin received?", sentence) is None  # not a "who" question
    assert doer("Who issued it?", "Prices rose, issued yesterday, then fell by half.") is None  # another clause


def test_a_statement_that_goes_on_in_the_next_sentence_is_quoted_too(make_assistant):
    question = "What did the two ministers agree on?"
    model = ScriptedLLM("NOT FOUND")
    assistant = make_assistant(backend=model, answer_k=12, answer_mode="compose")  # the fake embedder ranks it low
    assistant.ingest(SEED_ARTICLE)
    assistant.ask(question)
    n = _evidence_number(model.prompts, "the two ministers agreed that")
    model.replies = [f"They agreed to strengthen their strategic cooperation and speak with one voice. [{n}]"]
    answer = assistant.ask(question)
    assert "“It was agreed to further strengthen foreign policy coordination" in answer.answer
    assert len(answer.citations) == 2
    passive = "what was agreed to be strengthened or expanded according to the ministry?"
    assistant.ask(passive)
    n = _evidence_number(model.prompts, "the two ministers agreed that")
    model.replies = [f"Strategic cooperation. [{n}]"]
    assert "“It was agreed to further strengthen" in assistant.ask(passive).answer
    narrow = "What kind of cooperation did the two ministers agree to keep strengthening?"
    model.replies = [f"Strategic cooperation. [{n}]"]  # the question asks for one thing: nothing to add
    assert "It was agreed" not in assistant.ask(narrow).answer


def test_a_list_answer_gets_the_items_its_sentence_coordinates_with_it(ask):
    question = "In which areas did the ministers agree to expand co-operation?"
    assistant, model, n = _numbered(ask, question, "in various multilateral structures")
    model.replies = [f"The bilateral field. [{n}]"]
    answer = assistant.ask(question)
    assert "The bilateral field. [1]" in answer.answer
    assert "In various multilateral structures. [1]" in answer.answer
    question = "Which countries were the talks with Wang to include representatives from? List them all."
    assistant, model, n = _numbered(ask, question, "Tajikistan")
    model.replies = [f"Iran, Pakistan. [{n}]"]  # a list line: the sentence goes on from "Iran"
    answer = assistant.ask(question)
    assert all(country in answer.answer for country in ("Tajikistan", "Turkmenistan", "Uzbekistan"))


def test_only_a_run_that_ends_with_and_or_or_is_a_coordination():
    from assistant.answer.phrases import coordinated

    sentence = "With the participation of diplomats from China, Russia, Pakistan and the United States."
    assert coordinated("China", sentence) == ["Russia", "Pakistan", "the United States"]
    assert coordinated("Tom West", "The special envoy, Tom West, will attend the summit.") == []


def test_a_question_typed_in_lower_case_gets_the_articles_capitals():
    from assistant.answer.verify import Spelling

    spelling = Spelling(
        ["The Chinese Foreign Minister Wang Yi met Sergei Lavrov. Lavrov spoke of foreign policy and a new order."]
    )
    assert spelling.truecased("what did lavrov tell wang yi about foreign policy?") == (
        "what did Lavrov tell Wang Yi about foreign policy?"
    )
    assert spelling.truecased("is the new order chinese?") == "is the new order Chinese?"  # "The" starts a sentence
    typed = "What did lavrov tell Wang Yi?"  # typed with capitals: kept as typed
    assert spelling.truecased(typed) == typed
    us = Spelling(["The US forces left Kabul."])
    assert us.truecased("tell us who left kabul") == "tell us who left Kabul"  # the pronoun, not the country
    assert us.truecased("how did the us respond?") == "how did the US respond?"  # after "the", the country
    listed = Spelling(["Talks were to include Pakistan. Iran, Tajikistan, Turkmenistan and Uzbekistan."])
    assert listed.truecased("who represents iran?") == "who represents Iran?"  # a list of names opens the sentence
    quoted = Spelling(['A jurors\' primer notes, "Think of the dilemma faced by the Germans."'])
    assert quoted.truecased("what do laws they think unfair make them?") == "what do laws they think unfair make them?"
    stated = Spelling(["A State Department spokesman said so. Officials in Moscow stated their goals."])
    assert stated.truecased("what did they state in moscow?") == "what did they state in Moscow?"  # "stated" is lower
    assert stated.truecased("who was the state department spokesman?") == "who was the State Department spokesman?"


def test_a_lower_case_question_is_checked_for_names_like_one_typed_with_capitals(ask):
    question = "how long is china's border with russia?"
    assistant, model, n = _numbered(ask, question, "76-kilometer-long border")
    model.replies = [f"76 kilometers. [{n}]"]
    assert assistant.ask(question).abstained  # the sentence says "border with Afghanistan"


def test_a_title_no_evidence_uses_makes_a_near_miss(ask):
    assistant, model = ask("Sergei Lavrov, the Russian Foreign Minister, is Russia's ambassador to China. [1]")
    answer = assistant.ask("who is russia's ambassador to china?")
    assert answer.abstained and "“ambassador”" in answer.answer
    model.replies = ["Tom West. [1]"]
    assert not assistant.ask("Who is Washington's envoy for Afghanistan?").abstained


def test_a_contraction_is_read_as_the_word_the_article_spells_out(ask):
    question = "who was the state dept spokesman that confirmed tom west is going?"
    assistant, model, n = _numbered(ask, question, "State Department spokesman")
    assert any("the State Department spokesman that confirmed" in prompt for prompt in model.prompts)
    model.replies = [f"The State Department spokesman confirmed Tom West is going. [{n}]"]
    assert assistant.ask(question).abstained  # it names no one the question did not
    said = "Who will attend the summit, according to the state dept?"
    assistant, model, n = _numbered(ask, said, "State Department spokesman")
    model.replies = [f"Tom West will attend the summit. [{n}]"]
    assert not assistant.ask(said).abstained
    acronym = "In which city did the Chinese MFA spokesman talk to reporters?"
    assert _answered(ask, acronym, "told reporters in Beijing", "Beijing. [{n}]").answer == "Beijing. [1]"
    from assistant.answer.verify import spelled_out

    assert spelled_out("which group were the talks going to include reps from?").endswith("representatives from?")
    assert spelled_out("what did the afghan gov say?") == "what did the afghan government say?"
    assert spelled_out("whats the name of the chinese FM spokesman") == (
        "what's the name of the chinese foreign ministry spokesman"  # the ministry's voice, not the minister's
    )
    assert spelled_out("what did lavrov fill wang in on?") == "what did lavrov brief wang on?"
    assert spelled_out("what did they swap views on?") == "what did they exchange views on?"
    assert spelled_out("what was the city really up against?") == "what was the city really faced with?"
    assert spelled_out("they set up against the wall") == "they set up against the wall"
    assert spelled_out("fill in the form") == "fill in the form"
    assert spelled_out("whats the name of the other meeting?") == "what's the name of the other meeting?"
    assert spelled_out("why didnt they sign?") == "why didn't they sign?"
    assert (
        spelled_out("what are moscow's ties w/ china, w/o the hype?")
        == "what are moscow's ties with china, without the hype?"
    )
    assert spelled_out("what did the russian FM say?") == "what did the russian foreign minister say?"


def test_a_name_typed_with_a_slip_is_read_as_the_articles_name():
    from assistant.answer.verify import Spelling

    spelling = Spelling(["There were talks. Then Sergei Lavrov flew to Afghanistan. These talks were about Pakistan."])
    assert spelling.respelled("what did lavorv say in afganistan?") == "what did Lavrov say in Afghanistan?"
    assert spelling.respelled("who was lavrovs host?") == "who was Lavrov's host?"  # a possessive, no apostrophe
    assert spelling.respelled("are these three talks?") == "are these three talks?"  # "There" only starts one
    assert spelling.respelled("Which Pakistani official came?") == "Which Pakistani official came?"
    assert spelling.respelled("which pakistani official came?") == "which pakistani official came?"  # typed lower
    assert spelling.respelled("Did Sergie Lavrov fly?") == "Did Sergei Lavrov fly?"  # two letters swapped
    assert spelling.respelled("Did Serge Lavrov fly?") == "Did Serge Lavrov fly?"  # a capitalised name of its own
    assert spelling.respelled("Did Lavarov fly?") == "Did Lavrov fly?"  # a letter added inside it
    assert spelling.respelled("Did Lavrv fly?") == "Did Lavrov fly?"  # a letter dropped inside it


def test_the_model_reads_a_misspelt_name_as_the_article_spells_it(ask):
    assistant, model = ask("Two days. [1]")
    assistant.ask("how long is the afganistan summit going to last?")
    assert any("how long is the Afghanistan summit" in prompt for prompt in model.prompts)


def test_a_who_answer_is_the_name_without_the_description_the_model_made_up_for_it(ask):
    reply = "Tom West, the head of the US delegation to the summit. [{n}]"
    answer = _answered(ask, "Who will represent Washington at the summit?", "Tom West", reply)
    assert answer.answer == "Tom West. [1]"
    assert "Tom West" in answer.citations[0].text


def test_a_role_the_article_gives_no_one_is_not_answered_with_a_name_from_the_same_sentence(ask):
    question = "What is the name of the State Department spokesman who talked about the summit?"
    reply = "Tom West, the State Department spokesman, said the envoy will attend the summit. [{n}]"
    assert _answered(ask, question, "Tom West", reply).abstained
    from assistant.answer.verify import unnamed_role

    said = "said Chinese Foreign Ministry spokesman Wang Wenbin"
    assert not unnamed_role("who is the chinese foreign ministry spokesman quoted", said)
    assert unnamed_role("Who is the US diplomat Lavrov will meet?", "he will meet with a US diplomat.")


def test_why_about_a_name_the_answering_sentence_refers_back_to_is_answered(ask):
    reply = "Beijing fears that its neighbor could be a bulwark for Uighur separatists. [{n}]"
    answer = _answered(ask, "Why has Beijing long worried about Afghanistan?", "Uighur", reply)
    assert not answer.abstained and "Uighur" in answer.citations[0].text  # "its neighbor": the sentence before names it


def test_the_name_a_who_line_opens_with_is_no_answer_when_it_is_the_questions_own_person(ask):
    question = "who welcomed putin in beijing a few weeks before the war"
    reply = "Vladimir Putin, the Russian leader, welcomed Xi Jinping in Beijing. [{n}]"
    answer = _answered(ask, question, "Xi Jinping", reply)
    assert not answer.answer.startswith("Vladimir Putin")  # typed in lower case, "putin" is still a name


def test_a_person_no_sentence_gives_the_asked_nationality_is_no_answer(ask):
    question = "Which Pakistani official is expected at the meetings?"
    assert _answered(ask, question, "Mutaki", "Amir Khan Mutaki is expected. [{n}]").abstained


def test_a_yes_is_not_turned_to_no_by_a_sentence_that_says_no_of_other_words(ask):
    question = "Are Chinese firms being careful in their dealings with Russia?"
    reply = "Yes, Chinese firms are cautious in their dealings with Russia. [{n}]"
    answer = _answered(ask, question, "There is no limit", reply)  # the model cited the wrong sentence
    assert not answer.answer.startswith("No")


def test_what_he_said_is_not_held_to_the_title_a_rewrite_gave_him(ask):
    question = "what did he say yesterday about russia's relations with china?"
    history = _exchange("Who is Russia's foreign minister?", "Lavrov.")
    assistant, model, n = _numbered(ask, question, "strongest level")
    rewrite = "What did Russia's foreign minister say yesterday about Russia's relations with China?"
    model.replies = [rewrite, f"Lavrov said Russia's relations with China were at the strongest level ever. [{n}]"]
    answer = assistant.ask(question, history=history)
    assert not answer.abstained and "strongest" in answer.answer  # "Lavrov, who said …" is his own word


def test_how_long_someone_stayed_is_not_answered_with_when_they_went(ask):
    history = _exchange("Where did Wang Yi travel a week before the meetings?", "He visited Kabul.")
    assistant, _ = ask("How long did Wang Yi stay in Kabul a week before the meetings?", "NOT FOUND")
    answer = assistant.ask("how long did he stay there?", history=history)
    assert answer.abstained  # "a week after Wang Yi's visit to Kabul" says when, not for how long


def test_a_follow_ups_there_is_the_place_the_conversation_named(ask):
    history = _exchange("when did wang yi go to kabul?", "A week before the meetings.")
    question = "who did he meet with while he was there?"
    rewrite = "Who did Wang Yi meet with while he was in Kabul?"
    assistant, model = ask(rewrite, "placeholder")
    assistant.ask(question, history=history)
    n = _evidence_number(model.prompts, "province of Anui")
    model.replies = [rewrite, f"Sergei Lavrov. [{n}]", "NONE"]
    assert assistant.ask(question, history=history).abstained  # the talks with Lavrov were in Anui
    rewrite = "Who did Wang Yi meet with while he was in Anui?"
    model.replies = [rewrite, f"Sergei Lavrov. [{n}]"]
    assert "Lavrov" in assistant.ask(question, history=history).answer


def test_a_question_name_put_in_the_place_of_the_sentences_subject_is_no_support():
    from assistant.answer.verify import Verifier

    sentence = "Sergei Lavrov is scheduled to attend a two-day meeting in China on Afghanistan."
    question = "What role will Xi Jinping play at the Afghanistan meetings?"
    verifier = Verifier()
    assert not verifier.check("Xi Jinping will attend the Afghanistan meetings.", [sentence], question).supported
    assert verifier.check("Sergei Lavrov will attend the meeting on Afghanistan.", [sentence], question).supported


def test_what_came_of_an_event_the_story_tells_as_still_to_come_is_not_answered(ask):
    assistant, model = ask("Tom West will attend the summit. [1]")
    answer = assistant.ask("What agreements came out of the Afghanistan summit in the end?")
    assert answer.abstained and "summit only as still to come" in answer.answer
    assert not any("\n[1] " in prompt for prompt in model.prompts)  # "… will be held": nothing to ask about


def test_an_event_is_over_when_a_clause_that_names_it_says_so():
    from assistant.answer.tense import untold_event

    story = [
        "Wang Yi had talks with Sergei Lavrov in Anui, where a two-day summit on Afghanistan will be held.",
        "Lavrov took advantage of a bilateral meeting with Wang Yi to announce a new world order.",
        "Lavrov is scheduled to attend a meeting on Afghanistan, during which he will meet with a US diplomat.",
        "The meetings, which are being held in Tunisia, are attended by seven countries.",
    ]
    assert untold_event("What was agreed at the Afghanistan summit?", story)
    assert untold_event("What did Lavrov and the US diplomat discuss when they met?", story)
    assert untold_event("What was decided at the meetings in Tunisia?", story)  # "are being held"
    assert not untold_event("What did Wang Yi and Lavrov discuss at their meeting?", story)  # "took"
    assert not untold_event("What did Wang Yi and Lavrov agree during their talks?", story)  # "had talks"
    assert not untold_event("What will the Afghanistan summit discuss?", story)  # asks what is to come
    assert not untold_event("Who attended the Afghanistan summit?", story)  # asks no outcome


def test_what_the_article_says_was_not_given_is_not_answered(ask):
    from assistant.answer.verify import withheld

    sentence = "The two countries said they wanted to “expand joint action”, but without specifying specific measures."
    assert withheld("What specific measures did Russia and China agree on to expand their joint action?", sentence)
    assert not withheld("What did Russia and China want to expand?", sentence)  # what was given
    assistant, model = ask("Expanding co-operation in the bilateral field. [1]")
    answer = assistant.ask("What specific measures did Russia and China agree on to expand their joint action?")
    assert answer.abstained and "no specific measures were given" in answer.answer
    assert not any("\n[1] " in prompt for prompt in model.prompts)  # the article says there are none


def test_a_yes_no_question_about_what_the_article_says_was_not_given_is_answered_no(ask):
    from assistant.answer.verify import withheld

    sentence = "In a statement, the two countries said they wanted to “expand joint action”, without giving measures."
    assert withheld("Did the Russia-China statement lay out any concrete measures?", sentence) == "concrete measures"
    assert not withheld("Did the US announce any measures?", sentence)  # nothing said of the statement
    spelled = "Did the Russia-China statement spell out concrete steps for the joint action?"
    assert withheld(spelled, sentence) == "concrete steps"  # steps are measures too
    assert not withheld("Did the Russia-China statement spell out concrete goals for the joint action?", sentence)
    assistant, _ = ask("Yes, they agreed to expand joint action. [1]")
    answer = assistant.ask("did the russia-china statement lay out any concrete measures?")
    assert answer.answer.startswith("No") and "without specifying specific measures" in answer.citations[0].text


def test_what_kind_of_thing_is_answered_with_the_words_the_sentence_puts_on_it(ask):
    question = "What sort of isolation could Russia escape with China's help?"
    reply = "Chinese companies fear the sanctions. [{n}]"  # a near miss a small model wrote
    answer = _answered(ask, question, "Chinese companies are cautious", reply)
    assert answer.answer.startswith("Complete economic isolation.")
    assert "escape complete economic isolation" in answer.citations[0].text


def test_what_kind_is_read_off_the_sentence_closest_to_the_question(ask):
    question = "what kind of world order did lavrov say they'd move towards"
    reply = "New world order. [{n}]"  # the right words, from a sentence about another thing
    answer = _answered(ask, question, "the arrival of a new world order", reply)
    assert answer.answer.startswith("Multipolar, just, democratic world order.")
    assert "move towards a multipolar" in answer.citations[0].text


def test_the_modifiers_before_the_asked_thing_are_read_off_the_sentence():
    from assistant.answer.phrases import finished, qualifier

    sentence = "The council promised to deliver limited financial support to the farmers."
    assert qualifier("What kind of support did the council promise?", sentence) == "limited financial support"
    assert qualifier("What kind of support did the council promise?", "The council promised support.") is None
    said = "“It was a truly historic flood,” the mayor said."
    assert qualifier("How did the mayor describe the flood?", said) == "truly historic flood"
    assert qualifier("How was the flood described?", said) == "truly historic flood"
    assert qualifier("What kind of flood was it?", "They had to flood the fields.") is None  # a verb
    bridge = "The bridge had “survived the test of time” and still stands."
    assert finished("The bridge had survived the test of what?", bridge) == "time"
    assert finished("What survived the test of time?", bridge) is None  # the question word comes first
    vote = "The towns agreed to keep their schools and decide local matters by a show of hands."
    assert finished("How will the towns decide local matters?", vote) == "by a show of hands"
    assert finished("How will the towns keep their schools?", vote) is None  # "and …" is no manner
    aside = "How, per the council, were the towns going to decide local matters?"
    assert finished(aside, vote) == "by a show of hands"  # an aside, and "were … going to"
    trade = "He said trade had doubled and was continuing to grow quickly, according to the agency."
    assert finished("and how was it continuing to grow?", trade) == "quickly"  # "was …"
    assert finished("How did trade continue to grow?", trade) == "quickly"  # another form of the same words
    talks = "“The mayors had a long exchange of views on the future of the harbour."
    assert finished("what did the mayors have a long exchange of views on?", talks) == "the future of the harbour"
    assert finished("what did the mayors agree on?", talks) is None
    briefed = "The mayor briefed his rival on the cost of the bridge… and the state of the harbour, the council said."
    asked = "what did the mayor brief his rival about? name every topic"  # "about" for "on", and a request after
    assert finished(asked, briefed) == "the cost of the bridge"


def test_a_list_question_gets_each_phrase_its_sentence_coordinates_with_the_one_it_words():
    from types import SimpleNamespace

    from assistant.answer.complete import as_worded

    briefed = "“The mayor briefed his rival on the cost of the bridge… and the state of the harbour,” the council said."
    evidence = [SimpleNamespace(text=briefed, context_before=())]
    lines = as_worded("what did the mayor brief his rival about? name every topic", [], evidence)  # type: ignore[arg-type]
    assert lines == [("The cost of the bridge.", [1]), ("The state of the harbour.", [1])]


def test_how_they_refer_to_a_government_is_read_off_the_words_the_sentence_calls_it():
    from assistant.answer.phrases import government_called

    sentence = "“We discussed the talks with the Kiev regime,” the ministry said."
    assert government_called("How did the ministry refer to the government in Ukraine?", sentence) == "Kiev regime"
    assert government_called("What term does the ministry use for Ukraine's government?", sentence) == "Kiev regime"
    assert government_called("What term does the ministry use for Poland's government?", sentence) is None


def test_a_word_for_a_thing_after_an_event_is_read_from_the_sentence_that_goes_on_from_it():
    from types import SimpleNamespace

    from assistant.answer.complete import as_worded
    from assistant.answer.phrases import word_for

    question = "What word did the two countries use for their friendship after Putin's Beijing trip?"
    visit = "A few weeks before the war, Putin had been warmly received by Xi Jinping in Beijing."
    evidence = [
        SimpleNamespace(
            text="Lavrov received assurances about the two countries’ “unlimited” friendship.", context_before=()
        ),
        SimpleNamespace(
            text="The two countries have since spoken of a “borderless” friendship.", context_before=(visit,)
        ),
    ]
    assert as_worded(question, [("Unlimited friendship.", [1])], evidence) == [("Borderless.", [2])]

    assert word_for("what term describes their friendship?", "They spoke of a “borderless” friendship.") == "borderless"
    assert word_for("what term describes their rivalry?", "They spoke of a “borderless” friendship.") is None


def test_a_word_for_a_thing_of_several_words_is_the_quoted_one_before_any_of_them():
    from types import SimpleNamespace

    from assistant.answer.complete import as_worded

    question = "what word did the chinese FM use in early march to describe russia's security concerns"
    march = "In early March, Wang Yi hailed a “solid” friendship and defended Russia’s “reasonable” concerns."
    evidence = [SimpleNamespace(text=march, context_before=())]
    said = [("The Chinese Foreign Minister used the word solid rock-solid.", [1])]
    assert as_worded(question, said, evidence) == [("Reasonable.", [1])]


def test_a_fronted_preposition_is_answered_by_the_name_the_sentence_puts_after_it():
    from assistant.answer.phrases import fronted

    sentence = "Both capitals had seen the withdrawal of US forces from Kabul as evidence of American weakness."
    question = "From which city did the withdrawal of US forces get seen as a sign of American weakness?"
    assert fronted(question, sentence) == "Kabul"
    assert fronted("To which city did the withdrawal of US forces lead?", sentence) is None  # not "to Kabul"
    # Left at the clause's end, after two words of the question in another form ("withdrawn", "withdrawal").
    assert fronted("Which city were US forces withdrawn from, in that pullout?", sentence) == "Kabul"
    assert fronted("From which city were US forces withdrawn?", sentence) == "Kabul"
    held = "Rebels make up the majority in Peru’s vast northern Loreto province."
    assert fronted("which province do they make up the majority in?", held) is None  # "Peru’s …" is no province


def test_what_part_of_a_country_is_read_off_the_compass_word_the_sentence_gives():
    from assistant.answer.phrases import part_of

    region = "Rebels make up the majority in Canada's vast northwestern Yukon territory."
    assert part_of("What part of Canada is Yukon territory described as being in?", region) == "northwestern"
    assert (
        part_of("which part of canada is the summit in", "a summit in the town of Banff, in western Canada")
        == "western"
    )
    assert part_of("What part of Canada is Quebec in?", region) is None  # said of another place


def test_a_sentence_that_says_the_opposite_in_other_words_denies_a_yes_no_question():
    from assistant.answer.extract import Extractor
    from assistant.answer.verify import Verifier

    extractor = Extractor(ScriptedLLM(), Verifier())
    ruling = "The court called the strike illegal and ordered the union back to work."
    assert extractor.denied("Did the court call the strike legal?", ruling)  # a prefix that negates
    assert not extractor.denied("Did the court call the strike illegal?", ruling)
    assert not extractor.denied("Did the court call the import legal?", "The court called the impact legal.")
    trade = "The minister said trade between the two countries was growing steadily."
    assert extractor.denied("Did the minister say trade between the two countries was weakening?", trade)
    held = "The mayor held talks with the governor in the town of Rye, in southern England, on Monday."
    assert extractor.denied("Were the mayor's talks with the governor held in London?", held)
    assert not extractor.denied("Were the mayor's talks with the governor held in England?", held)
    warned = "Doctors have warned patients not to stop the treatment early."
    assert not extractor.denied("Have doctors warned patients against stopping the treatment early?", warned)


def test_yes_no_questions_the_article_answers_no_in_its_own_terms(make_assistant):
    model = ScriptedJudge("NOT FOUND", odds=0.1)
    assistant = make_assistant(backend=model, answer_k=8, answer_mode="compose")
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask("Were the talks between Wang Yi and Lavrov held in Beijing?")
    assert answer.answer.startswith("No: “The Chinese Foreign Minister Wang Yi had talks")
    answer = assistant.ask("Did the foreign ministers call the sanctions legal?")
    assert answer.answer.startswith("No: “") and "illegal" in answer.citations[0].text


def test_what_a_statement_said_is_answered_from_the_sentence_that_opens_with_it(ask):
    question = "What did the statement issued by Moscow say the two countries wanted?"
    reply = "The two countries wanted to “expand joint action”. [{n}]"
    answer = _answered(ask, question, "In a statement issued by Moscow", reply)
    assert not answer.abstained and "expand joint action" in answer.answer


def test_what_someone_is_warned_not_to_do_is_not_denied_and_swapped_names_are_caught():
    from assistant.answer.verify import Verifier

    warned = "Doctors have warned patients not to stop the treatment, which would let the illness return."
    claim = "Patients who stop the treatment would let the illness return."
    assert Verifier().check(claim, [warned]).supported
    looking = "Spain is looking to France for help as its harvest fails."
    assert Verifier().check("Spain is looking to France for help.", [looking]).supported
    assert not Verifier().check("France is looking to Spain for help.", [looking]).supported
    assert Verifier().check("France, Spain.", ["Spain and France sent help."]).supported  # a list, in any order


def test_which_kind_of_place_is_answered_with_the_name_the_sentence_gives_it():
    from assistant.answer.phrases import named_as

    valley = "Farmers fear the drought will reach the vast southern Kern valley by May."
    assert named_as("Which vast southern valley do farmers worry about?", valley) == "Kern"
    assert named_as("Which county will host the fair?", "The fair will be held in the county of Kent.") == "Kent"
    assert named_as("Which county will host the fair?", "Kent County Council will host it.") is None  # a name's word
    assert named_as("What kind of valley is it?", valley) is None  # asks for words, not a name
    assert named_as("the story says the fair is held in which county", "It is held in Ely, county of Kent.") == "Kent"


def test_what_is_the_name_of_is_answered_with_the_quoted_name_beside_the_thing_asked():
    from assistant.answer.phrases import quoted_name

    sentence = "At the same time, a meeting of a “consultation mechanism” for Afghanistan will be held."
    question = "what is the name of the extra meeting on afghanistan held at the same time"
    assert quoted_name(question, sentence) == "consultation mechanism"
    assert quoted_name("who will hold the extra meeting?", sentence) is None  # no name asked
    assert quoted_name("what is the name of the summit?", sentence) is None  # beside no thing the question names


def test_which_city_is_not_answered_with_what_the_sentence_calls_a_province():
    from assistant.answer.phrases import another_kind_of_place

    sentence = "Wang Yi had talks with Sergei Lavrov in the province of Anui, in eastern China."
    assert another_kind_of_place("which city did lavrov fly into?", "Anui, eastern China.", sentence) == "Anui"
    assert another_kind_of_place("which province did lavrov fly into?", "Anui.", sentence) is None
    assert another_kind_of_place("which region did lavrov fly into?", "Anui.", sentence) is None  # any kind
    capital = "The envoy landed in Kabul, the Afghan capital, and in the city of Herat."
    assert another_kind_of_place("which town did he land in?", "Herat.", capital) is None  # a town is a city
    assert another_kind_of_place("whats the provincial capital there?", "Anui.", sentence) == "Anui"
    assert another_kind_of_place("what is the city doing about it?", "Anui.", sentence) is None  # no place asked


def test_which_province_is_not_answered_with_a_city_from_another_sentence(ask):
    question = "Which vast northwestern province does Beijing worry about?"
    reply = "Beijing. [{n}]"
    answer = _answered(ask, question, "Beijing has long feared", reply)
    assert answer.answer.startswith("Xinjiang.") and "Xinjiang province" in answer.citations[0].text


def test_a_persons_title_is_read_off_the_words_around_their_name():
    from assistant.answer.phrases import title_of

    before = "The visit was hosted by French Prime Minister Anne Roy in Lyon."
    assert title_of("What is Anne Roy's title?", before) == "French Prime Minister"
    after = "Anne Roy, the French Prime Minister, hosted the visit."
    assert title_of("What position does Anne Roy hold?", after) == "French Prime Minister"
    assert title_of("What title does the article give Anne Roy?", before) == "French Prime Minister"
    assert title_of("What is Anne Roy's title?", "Anne Roy hosted the visit.") is None
    set_off = "According to a spokesman, Paris's special envoy for Mali, Anne Roy, will attend the talks."
    assert title_of("what's Anne Roy's job?", set_off) == "Paris's special envoy for Mali"
    clause = "Officials said on Monday that the long-serving chief of the agency, Anne Roy, would stay."
    assert title_of("What is Anne Roy's job?", clause) is None  # cut short: part of a clause
    assert title_of("What job did Anne Roy have before she became envoy?", set_off) is None  # the one held now


def test_how_long_after_is_answered_from_the_sentence_about_the_event_asked(ask):
    question = "How long after Russia sent troops to Ukraine did the meeting come?"
    reply = "A week after Wang Yi's visit to Kabul. [{n}]"  # a time apart, of other events
    answer = _answered(ask, question, "a week after Wang Yi", reply)
    assert answer.answer.startswith("A month after Russia sent thousands of troops")


def test_what_a_sentence_says_of_he_is_not_said_of_another_name():
    from assistant.answer.verify import Verifier

    sentence = "Ann Lee will open the bridge on Monday, after which she will meet the council."
    assert Verifier().check("Ann Lee met the council.", [sentence]).supported
    assert not Verifier().check("Tom Roy met the council.", [sentence], "Who did Tom Roy meet?").supported


def test_markers_alone_do_not_quote_a_sentence_of_the_wrong_kind(ask):
    question = "On what exact date did Wang Yi and Lavrov hold their talks?"
    answer = _answered(ask, question, "had talks with his Russian counterpart", "[{n}]")
    assert answer.abstained  # the sentence tells where, not on what date


def test_whose_is_read_off_the_possessive_before_the_thing():
    from assistant.answer.phrases import possessor

    sentence = "As the council said, Springfield's new mayor, Ann Lee, opened the bridge."
    assert possessor("Whose new mayor is Ann Lee?", sentence) == "Springfield's new mayor"
    assert possessor("Whose bridge is it?", sentence) is None


def test_what_things_a_named_person_did_is_the_whole_predicate_after_the_name():
    from assistant.answer.phrases import deeds

    sentence = "On Monday, Ann Lee opened the bridge and thanked the builders."
    both = "opened the bridge and thanked the builders"
    assert deeds("What were the two things Ann Lee did on Monday?", sentence) == both
    assert deeds("What did the two towns say they want to do?", "They want to merge.") is None  # no named subject


def test_what_a_counted_subject_has_done_is_the_whole_predicate_with_its_count_in_figures():
    from types import SimpleNamespace

    from assistant.answer.complete import whole_predicate

    sentence = "The two towns have since opened a bridge and have thanked the builders."
    lines = [("The two towns have opened a bridge.", [1])]
    done = whole_predicate("since the vote, what have the 2 towns done?", lines, [SimpleNamespace(text=sentence)])
    assert done == [("Have since opened a bridge and have thanked the builders.", [1])]


@pytest.mark.parametrize(
    ("question", "several"),
    [
        ("Apart from Russia and China, who was supposed to be represented at the talks?", True),
        ("Who attended the Afghanistan meeting?", True),
        ("Which countries border Afghanistan?", True),
        ("Who is the Chinese foreign minister?", False),
        ("Who is the Russian president named in the story?", False),
        ("Who is Lisbon's envoy attending the talks?", False),
        ("Who will attend as Lisbon's special envoy?", False),
        ("Who will attend as well as Lisbon's envoy?", True),
        ("Who are the ministers named in the story?", True),
        ("Name the officials expected at the talks.", True),
        ("What's the name of the envoy to the talks?", False),
        ("which named people are expected at the talks?", True),
        ("the mayor said a few things were priceless - what were all of them?", True),
        ("what's the name of Spain's foreign minister who is attending", False),
        ("what's the name of the officials who are attending?", True),
        ("What women spoke at the rally?", True),
    ],
)
def test_questions_that_want_several_answers_are_read_as_lists(question, several):
    from assistant.answer.extract import is_list_question

    assert is_list_question(question) is several


def test_a_when_question_about_what_is_to_come_is_not_answered_with_a_past_time():
    from assistant.answer.tense import only_before

    past = "In early March, Wang Yi even hailed a “solid rock-solid” friendship with Moscow."
    assert only_before("when is wang yi due to visit moscow next?", past)
    assert not only_before("when did wang yi hail the friendship?", past)
    assert not only_before("when will the summit be held?", "A two-day summit will be held in Anui.")


def test_when_something_was_set_up_is_not_answered_by_when_it_meets(ask):
    history = _exchange(
        "Which countries take part in the consultation mechanism for Afghanistan?",
        "China, Russia, Pakistan and the United States.",
    )
    question = "When was it first set up?"
    rewrite = "When was the consultation mechanism for Afghanistan first set up?"
    answer = _followed_up(ask, question, history, "consultation mechanism", rewrite, "At the same time. [{n}]")
    assert answer.abstained
    from assistant.answer.tense import no_beginning

    meets = "At the same time, a meeting of a consultation mechanism for Afghanistan will be held."
    assert not no_beginning("When will the consultation mechanism meet?", meets)
    assert not no_beginning("When was the mechanism set up?", "The mechanism was founded in 2017.")
    # How someone began in a post.
    received = "Five weeks after the invasion of Ukraine, Sergei Lavrov today received new assurances."
    assert no_beginning("when did sergei lavrov become russia's foreign minister?", received)
    islamists = "Wang Yi visited Kabul for the first time since the rise of fundamentalist Islamists last August."
    assert not no_beginning("when did the islamists take over?", islamists)


def test_a_list_of_the_asked_names_peers_is_no_answer_to_who_stands_for_it(ask):
    question = "who represented Iran at the talks with wang and lavrov?"
    assert _answered(
        ask, question, "Tajikistan", "Iran, Pakistan, Tajikistan, Turkmenistan, Uzbekistan. [{n}]"
    ).abstained
    besides = "Besides China and Russia, which countries were to be represented at the talks with Wang?"
    # The names it sets aside do not spoil the list.
    assert "Tajikistan" in _answered(ask, besides, "Tajikistan", "China, Iran, Tajikistan. [{n}]").answer


def test_a_yes_no_answer_without_a_verdict_takes_it_from_the_sentence_that_holds_the_question(ask):
    question = "are pakistani diplomats taking part in the consultation mechanism meeting"
    assistant, model, n = _numbered(ask, question, "Amir Khan Mutaki")
    model.replies = [f"Amir Khan Mutaki is expected to attend the consultation mechanism meeting. [{n}]", "NONE", "Yes"]
    answer = assistant.ask(question)
    assert answer.answer.startswith("Yes: “At the same time, a meeting of a “consultation mechanism”")
    assert "Pakistan" in answer.citations[0].text


def test_how_long_something_lasted_is_not_answered_with_a_time_counted_from_another_event():
    from assistant.answer.kinds import offset_for_length

    sentence = "Five weeks after the invasion of Ukraine, Sergei Lavrov today received new assurances."
    assert offset_for_length("how long did the talks between lavrov and wang yi last?", "Five weeks.", sentence)
    assert offset_for_length("how long did the talks last?", "5 weeks.", sentence)  # in figures too
    assert not offset_for_length("how long did the talks last?", "Two days.", "The talks lasted two days.")


def test_how_long_something_lasted_is_not_answered_with_how_long_another_thing_lasts():
    from assistant.answer.kinds import length_of_another

    sentence = (
        "Wang Yi had talks with Sergei Lavrov in Anui, where a two-day summit dedicated to Afghanistan will be held."
    )
    assert length_of_another("How long did the talks between the two foreign ministers last?", "Two days.", sentence)
    assert not length_of_another("how long will the afghanistan summit last", "2 days", sentence)
    assert not length_of_another("How long did the talks last?", "Two days.", "The talks lasted two days.")


def test_which_countries_is_answered_with_names_not_the_questions_own_words():
    from assistant.answer.kinds import answers_the_kind

    question = "Which Western countries specifically warned Beijing not to back Putin's regime?"
    assert not answers_the_kind(question, "Western powers specifically warned Beijing.")
    restated = "Western powers warned Beijing not to support the regime of Russian President Vladimir Putin."
    assert not answers_the_kind(question, restated)  # the question's Putin, by his full title, is no country
    assert answers_the_kind("Which Chinese officials hosted Lavrov?", "Chinese Foreign Minister Wang Yi.")
    assert answers_the_kind("What is Lavrov's first name?", "Sergei Lavrov.")
    assert answers_the_kind("which countries border afghanistan?", "China and Iran.")
    # "name both" after the question mark is an order, not a question about a name.
    assert answers_the_kind("Russia is isolating itself from what? name both", "From financial systems and markets.")


def test_what_one_person_said_is_not_what_another_of_the_same_surname_said():
    from assistant.answer.attribution import said_by

    sentence = "“Our opposition to hegemony is limitless,” said Chinese Foreign Ministry spokesman Wang Wenbin."
    assert not said_by(sentence, "Wang Yi")
    assert said_by(sentence, "Wang Wenbin") and said_by(sentence, "Wenbin")
    assert said_by("“We will move on,” said Sergei Lavrov.", "Lavrov")


def test_after_an_event_the_sentence_puts_it_before_is_a_contradiction():
    from assistant.answer.extract import Extractor
    from assistant.answer.verify import Verifier

    sentence = "A few weeks before the war, Vladimir Putin had been warmly received by Xi Jinping in Beijing."
    extractor = Extractor(ScriptedLLM("Yes"), Verifier())
    assert extractor.verdict("did putin visit beijing after the war had started", sentence) == "No"
    assert Verifier().check("Putin was received in Beijing before the war.", [sentence]).supported
    visit = "The meetings come a week after Wang Yi's visit to Kabul."
    assert not Verifier().check("Wang Yi went to Kabul before these meetings.", [visit]).contradicted  # two events


def test_a_sentence_that_orders_two_events_the_other_way_round_is_shown_turned_and_cited_as_written(ask):
    from assistant.answer.converse import as_asked

    sentence = "The meetings come a week after Wang Yi’s visit to Kabul, for the first time since last August."
    turned = "Wang Yi’s visit to Kabul came a week before the meetings, for the first time since last August."
    assert as_asked("Where did Wang Yi go a week before the meetings?", sentence) == turned
    assert as_asked("What came after Wang Yi's visit?", sentence) == sentence  # asked the sentence's way
    assert as_asked("Where did Lavrov go before the talks?", sentence) == sentence  # nothing of its first event
    clause = "The meeting comes a month after Russia sent thousands of troops to Ukraine."
    assert as_asked("What did Russia send a month before the meeting?", clause) == clause  # a clause stays put
    question = "where did wang yi go a week before the meetings?"
    assistant, model, n = _numbered(ask, question, "visit to Kabul came a week before the meetings")
    model.replies = [f"Kabul. [{n}]"]
    answer = assistant.ask(question)
    assert answer.answer.startswith("Kabul") and answer.citations[0].text.startswith("The meetings come a week after")


class JudgesByFragment(ScriptedLLM):
    """Judges a sentence to answer with the odds of the first fragment it holds, 0.1 without one."""

    def __init__(self, odds: dict[str, float], *replies: str) -> None:
        super().__init__(*replies)
        self.odds = odds

    def yes_probability(self, messages):
        return next((p for fragment, p in self.odds.items() if fragment in messages[-1].content), 0.1)


def test_a_claim_in_the_questions_words_is_not_vouched_for_by_a_sentence_outranked_by_one_that_holds_the_question(
    make_assistant,
):
    question = "who briefed the chinese side on the special military operation?"
    odds = {"had talks with his Russian counterpart": 0.7, "briefed his Chinese counterpart": 0.9}
    judge = JudgesByFragment(odds, "placeholder")
    assistant, model, n = _judged_and_numbered(
        make_assistant, question, "had talks with his Russian counterpart", model=judge
    )
    model.replies = [
        f"Wang Yi briefed the Chinese side on the special military operation. [{n}]",
        "The Russian Foreign Minister",
    ]
    answer = assistant.ask(question)
    assert "Wang Yi" not in answer.answer
    assert answer.answer.startswith("The Russian Foreign Minister")
    assert "briefed his Chinese counterpart" in answer.citations[0].text


def test_a_who_line_that_closes_on_a_name_is_answered_with_the_name_where_the_evidence_has_it(ask):
    question = "who's described as Russia and China's common rival?"
    reply = "Russia and China are described as Russia and China's common rival, the United States. [{n}]"
    answer = _answered(ask, question, "Chinese companies are cautious", reply)
    assert answer.answer.startswith("United States") and "common rival, the United States" in answer.citations[0].text


@pytest.mark.parametrize(("affirmed", "verdict"), [(0.7, True), (0.3, False)])
def test_a_verified_line_without_a_verdict_is_a_yes_when_the_model_made_to_choose_says_yes(
    make_assistant, affirmed, verdict
):
    question = "is the taliban's top diplomat expected at the meetings?"
    odds = {"is the answer to the question yes or no": affirmed, "Amir Khan Mutaki": 0.7}
    judge = JudgesByFragment(odds, "placeholder")
    assistant, model, n = _judged_and_numbered(make_assistant, question, "Amir Khan Mutaki", model=judge)
    model.replies = [f"Amir Khan Mutaki, the head of Kabul's ruling diplomacy, is also expected. [{n}]", "NONE"]
    answer = assistant.ask(question)
    assert answer.answer.startswith("Yes.") is verdict and "Amir Khan Mutaki" in answer.answer


def test_a_place_inside_the_one_the_question_gives_is_not_answered_with_that_place(ask):
    from assistant.answer.phrases import only_the_given_place

    sentence = (
        "Wang Yi had talks with Sergei Lavrov in the province of Anui, in eastern China, where a summit will be held."
    )
    question = "what venue hosted the Wang Yi Lavrov meeting in Anui?"
    assert only_the_given_place(question, "Anui, eastern China.", sentence)
    assert not only_the_given_place(question, "The Huangshan Hotel in Anui.", sentence)  # a place inside it
    assert not only_the_given_place("where did Wang Yi meet Lavrov?", "Anui, eastern China.", sentence)
    # Asked where in China, the region the sentence puts it in is the answer, not the given place.
    assert not only_the_given_place("where in China is Anui?", "Anui is in eastern China.", sentence)
    assert _answered(ask, question.lower(), "province of Anui", "Anui, eastern China. [{n}]").abstained


def test_a_run_of_names_the_sentence_writes_with_another_word_in_one_place_is_no_support():
    from assistant.answer.verify import Verifier

    sentence = "The Chinese Foreign Minister Wang Yi had talks with his Russian counterpart, Sergei Lavrov."
    assert Verifier().check("The Russian Foreign Minister Wang Yi had talks.", [sentence]).missing_names == ("russian",)
    assert Verifier().check("The Chinese Foreign Minister Wang Yi had talks.", [sentence]).supported
    assert Verifier().check("Wang Yi had talks with Foreign Minister Sergey Lavrov.", [sentence]).supported


def test_a_country_is_named_by_its_peoples_name_and_the_other_way_round():
    from assistant.answer.verify import Verifier, same_name

    sentence = "The Russian Foreign Minister briefed his Chinese counterpart on the situation around Ukraine."
    assert Verifier().check("Russia briefed China on the situation around Ukraine.", [sentence]).supported
    assert same_name("ukrainian", {"ukraine"}) and same_name("chinese", {"china"})
    assert not same_name("australia", {"austria"}) and not same_name("chile", {"china"})


def test_a_no_in_the_questions_words_needs_a_sentence_that_denies_what_it_asks(make_assistant):
    from assistant.answer.verify import Verifier

    question = "did china agree to send weapons to russia during the talks?"
    judge = JudgesByFragment({"had traveled to China for talks": 0.8}, "placeholder")
    assistant, model, n = _judged_and_numbered(make_assistant, question, "had traveled to China for talks", model=judge)
    model.replies = [f"No, China did not agree to send weapons to Russia during the talks. [{n}]", "NONE"]
    assert assistant.ask(question).abstained  # the sentence denies nothing
    refused = "Since February 24, Beijing has refused to condemn the invasion of Ukraine."
    claim = "No, China did not agree to send weapons to Russia during the talks."
    assert not Verifier().adds_only_its_own(claim, [refused], question)  # it denies something else
    no_limit = "“There is no limit to China-Russia cooperation,” a Chinese Foreign Ministry spokesman told reporters."
    assert not Verifier().adds_only_its_own(claim, [no_limit], question)  # it denies a thing of the same names
    asked = "Has China condemned the invasion of Ukraine?"
    assert Verifier().check("No, China has not condemned the invasion of Ukraine.", [refused], asked).supported


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "The talks were to include representatives from the Taliban and Pakistan. Iran, Tajikistan and Uzbekistan.",
            ["Taliban", "Pakistan", "Iran", "Tajikistan", "Uzbekistan"],
        ),
        ("It is held with the participation of diplomats from China and the US.", ["China", "US"]),
        ("The summit was attended by France and Germany to discuss trade.", ["France", "Germany"]),
        ("The meetings are attended by seven countries neighboring Afghanistan.", []),  # a count names no one
        ("Representatives from the ministry and the Red Cross attended.", []),
    ],
)
def test_the_names_a_sentence_says_take_part_are_read_off_its_words(sentence, names):
    from assistant.answer.phrases import participants

    assert participants(sentence) == names


def test_who_attended_names_those_a_likely_sentence_says_take_part_though_the_model_reads_none_there(make_assistant):
    # The model names one attendee and, reading the other sentences alone, finds no answer in
    # "… with the participation of diplomats from China, Russia, Pakistan and the United States".
    question = "Who attended the Afghanistan meeting?"
    judge = JudgesByFragment({"Mutaki": 0.9, "participation of diplomats": 0.6}, "placeholder")
    assistant, model, n = _judged_and_numbered(make_assistant, question, "Mutaki", model=judge)
    model.replies = [f"Amir Khan Mutaki. [{n}]", "NONE"]
    answer = assistant.ask(question)
    assert all(name in answer.answer for name in ("Mutaki", "China", "Russia", "Pakistan", "United States"))
    listing = next(c for c in answer.citations if "participation of diplomats" in c.text)
    assert assistant.article(listing.article_id).text[listing.start : listing.end] == listing.text


def test_a_list_of_participants_goes_on_past_a_stray_full_stop(make_assistant):
    # "… from the Afghan-ruled Taliban and Pakistan. Iran, Tajikistan, Turkmenistan and Uzbekistan.":
    # the model stops at the full stop; the question's own name is no answer.
    question = "Besides the Taliban, who were the talks with Wang to include representatives from?"
    judge = JudgesByFragment({"Uzbekistan": 0.6}, "placeholder")
    assistant, model, n = _judged_and_numbered(make_assistant, question, "Uzbekistan", model=judge)
    model.replies = [f"Pakistan. [{n}]", "NONE"]
    answer = assistant.ask(question).answer
    assert all(name in answer for name in ("Pakistan", "Iran", "Tajikistan", "Turkmenistan", "Uzbekistan"))
    assert "Taliban" not in answer


def test_only_what_the_question_asks_about_taking_part_is_read_off_a_list_of_participants(make_assistant):
    # "who reported that Mutaki will attend?" asks for a source, not for those who attend.
    question = "Who reported that Amir Khan Mutaki will attend the meetings?"
    judge = JudgesByFragment({"Mutaki": 0.9, "participation of diplomats": 0.6}, "placeholder")
    assistant, model, n = _judged_and_numbered(make_assistant, question, "Mutaki", model=judge)
    model.replies = [f"The New China news agency. [{n}]", "NONE"]
    assert "Pakistan" not in assistant.ask(question).answer


def test_what_the_article_says_about_something_is_no_question_about_whose_words_they_are(ask):
    question = "What does the article say about the altitude of the China-Afghanistan border?"
    answer = _answered(ask, question, "76-kilometer", "At a very high altitude. [{n}]")
    assert "very high altitude" in answer.answer and not answer.abstained


def test_a_description_the_model_puts_after_a_name_is_dropped_when_only_it_lacks_support(ask):
    question = "Lavrov said yesterday that Russia's relations with China were at what level?"
    described = (
        "Sergei Lavrov, the Russian Foreign Minister, said yesterday that relations were at the strongest level ever."
    )
    answer = _answered(ask, question, "strongest level", described + " [{n}]")
    assert answer.answer.startswith("Sergei Lavrov said yesterday that relations were at the strongest level ever.")
    assert "strongest level" in answer.citations[0].text


def test_a_neighbouring_sentence_that_repeats_only_a_word_of_the_question_is_not_added(ask):
    # "… at the end of this stage, the international situation will be much clearer" goes on with
    # "We are experiencing a very serious stage …": the question's "stage", not what it asks.
    question = "According to Lavrov, what will be much clearer at the end of this stage?"
    assistant, model, n = _numbered(ask, question, "much clearer")
    assert _evidence_number(model.prompts, "serious stage")  # the neighbour is evidence
    model.replies = [f"The international situation. [{n}]"]
    answer = assistant.ask(question).answer
    assert "international situation" in answer and "serious stage" not in answer


def test_how_high_is_not_answered_with_a_figure_its_sentence_gives_as_a_length(ask):
    question = "How high up is China's border with Afghanistan?"
    assistant, model, n = _numbered(ask, question, "76-kilometer")
    model.replies = [f"76 kilometers high up. [{n}]", "At a very high altitude"]
    answer = assistant.ask(question).answer
    assert "76" not in answer and "very high altitude" in answer
    from assistant.answer.kinds import length_for_height

    assert not length_for_height(question, "8,000 meters.", "The pass lies 8,000 meters up and is 76 km long.")


def test_what_two_things_is_not_answered_with_a_line_that_only_names_the_countries(ask):
    question = "What two things did the statement issued by Moscow say the countries wanted?"
    assistant, model, n = _numbered(ask, question, "In a statement issued by Moscow")
    wanted = "The two countries wanted to continue to deepen foreign policy co-ordination and expand joint action."
    model.replies = [f"Russia and China. [{n}]\n{wanted} [{n}]"]
    answer = assistant.ask(question).answer
    assert "joint action" in answer and not answer.startswith("Russia and China")


def test_what_agreements_were_signed_is_not_answered_with_people():
    from assistant.answer.pipeline import _things_not_names

    question = "What agreements did Putin and Xi sign during the Beijing visit?"
    assert _things_not_names(question, [("Sergei Lavrov, US diplomat.", [7])]) == []
    signed = [("The Paris Agreement.", [1]), ("A gas supply contract.", [2])]
    assert _things_not_names(question, signed) == signed


def test_a_question_that_sets_one_thing_aside_gets_the_others_its_sentence_coordinates(ask):
    question = "What was Russia faced with, besides sanctions?"
    answer = _answered(ask, question, "Faced with Ukrainian resistance", "Ukrainian resistance. [{n}]").answer
    assert "Ukrainian resistance" in answer and "unification of Western democracies" in answer


def test_a_yes_that_says_the_question_back_needs_a_sentence_that_says_it(make_assistant):
    # The model judged the sentence about "the negotiation process with the Kiev regime" to
    # answer and wrote "Yes" with the question's words; the sentence says nothing of an agreement.
    question = "did the talks between russia and kiev end in an agreement?"
    odds = {"is the answer to the question yes or no": 0.55, "negotiation process with the Kiev regime": 0.8}
    judge = JudgesByFragment(odds, "placeholder")
    assistant, model, n = _judged_and_numbered(make_assistant, question, "negotiation process", model=judge)
    model.replies = [f"Yes, the talks between Russia and Kiev ended in an agreement. [{n}]", "NONE"]
    assert not assistant.ask(question).answer.startswith("Yes")


def test_what_someone_had_said_is_the_clause_that_reports_it_not_the_rest_of_its_sentence(ask):
    reply = "Sergei Lavrov had traveled to China for talks with Wang. [{n}]"
    question = "What had Lavrov said the day before about the state of Russia's ties with China?"
    answer = _answered(ask, question, "who said yesterday that", reply)
    assert answer.answer.startswith("Russia’s relations with China were at the strongest level ever.")
    assert "who said yesterday that" in answer.citations[0].text


def test_a_list_of_officials_leaves_out_lines_that_name_only_countries():
    from assistant.answer.pipeline import _people_if_asked

    lines = [("Amir Khan Mutaki is expected.", [1]), ("China, Russia, Pakistan, United States.", [2])]
    question = "which non-chinese officials are named as attending the meetings? list them all"
    assert _people_if_asked(question, lines, [], []) == lines[:1]
    assert _people_if_asked("which countries sent representatives to the meetings?", lines, [], []) == lines
    assert _people_if_asked("which other countries' diplomats take part?", lines, [], []) == lines
    assert _people_if_asked("who attended the meetings?", lines, [], []) == lines


def test_what_kind_of_thing_is_answered_with_the_word_the_sentence_quotes_before_it():
    from assistant.answer.phrases import qualifier

    sentence = "The two countries have since spoken of a “borderless” friendship and have denounced NATO “expansion”."
    assert (
        qualifier("what kind of friendship have they talked about since then?", sentence) == "“borderless” friendship"
    )
    assert qualifier("what kind of partnership was it?", sentence) is None


def test_where_is_answered_from_the_sentence_that_tells_the_questions_own_event():
    from types import SimpleNamespace

    from assistant.answer.complete import placed_as_asked

    evidence = [
        SimpleNamespace(text="The envoys met in the town of Arles, where a summit on trade will be held."),
        SimpleNamespace(text="The meetings, which are being held in Nimes, in southern France, are open to all."),
    ]
    lines = [("Arles, where a summit on trade will be held.", [1])]
    question = "where are the Geneva meetings being held?"
    assert placed_as_asked(question, lines, evidence) == [("Nimes, in southern France.", [2])]  # type: ignore[arg-type]
    emphatic = "where are the Geneva meetings actually being held?"
    assert placed_as_asked(emphatic, lines, evidence) == [("Nimes, in southern France.", [2])]  # type: ignore[arg-type]
    assert placed_as_asked("where did the envoys meet?", lines, evidence) == lines  # type: ignore[arg-type]
    # The meetings are no answer to where Ann Lee is meeting when the sentence cited tells of her talks.
    evidence[0] = SimpleNamespace(text="Ann Lee had talks with her counterpart in Arles, in southern France.")
    lines = [("southern France.", [1])]
    assert placed_as_asked("Where is Ann Lee meeting in France?", lines, evidence) == lines  # type: ignore[arg-type]


def test_what_someone_said_rests_on_the_sentence_that_gives_them_as_its_source():
    from types import SimpleNamespace

    from assistant.answer.pipeline import _words_of_the_speaker

    evidence = [
        SimpleNamespace(text="The mayor is scheduled to attend a two-day meeting in Lyon."),
        SimpleNamespace(
            text="“Our patience is limitless,” said City Council spokesman Ann Lee, when asked about the visit."
        ),
    ]
    lines = [("Ann Lee said that the mayor is scheduled to attend a meeting.", [1])]
    question = "what did Ann Lee say when asked about the mayor's visit?"
    said = _words_of_the_speaker(question, lines, "Ann Lee", evidence)  # type: ignore[arg-type]
    assert said == [(evidence[1].text, [2])]
    announcing = [("The arrival of a new era.", [3])]
    evidence.append(SimpleNamespace(text="Ann Lee used the meeting to announce the arrival of a new era."))
    assert _words_of_the_speaker("what did Ann Lee announce?", announcing, "Ann Lee", evidence) == announcing  # type: ignore[arg-type]
    quoting = [("Our patience is limitless.", [2])]
    assert _words_of_the_speaker(question, quoting, "Ann Lee", evidence) == quoting  # type: ignore[arg-type]
    received = [SimpleNamespace(text="A week before, the mayor had been warmly received by Bo Tan in Lyon.")]
    made_up = [("Bo Tan said he welcomed the mayor warmly.", [1])]
    assert _words_of_the_speaker("what did bo tan say to the mayor?", made_up, "Bo Tan", received) == []  # type: ignore[arg-type]


def test_what_two_deeds_were_agreed_is_answered_with_the_object_of_each(ask):
    reply = "Foreign policy coordination. [{n}]"
    question = "What did the ministers agree to strengthen or expand, per the Russian ministry?"
    answer = _answered(ask, question, "further strengthen foreign policy coordination", reply)
    assert "bilateral field" in answer.answer and "multilateral structures" in answer.answer


def test_an_item_coordinated_with_the_answer_is_new_unless_half_of_it_was_said():
    from types import SimpleNamespace

    from assistant.answer.complete import coordinated_items

    sentence = "It was agreed to strengthen trade and expand co-operation in the bilateral field."
    lines = [("Trade.", [1]), ("They spoke of cooperation.", [2])]
    evidence = [SimpleNamespace(text=sentence), SimpleNamespace(text="They spoke of cooperation.")]
    assert coordinated_items(lines, evidence) == [("Expand co-operation in the bilateral field.", [1])]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("question", "fragment", "telling", "replies", "wrong"),
    [
        (
            "who briefed the chinese side on the special military operation?",
            "had talks with his Russian counterpart",
            "briefed his Chinese counterpart",
            [
                "Wang Yi, the Chinese Foreign Minister, briefed the Chinese side"
                " on the special military operation. [{n}]",
                "The Russian Foreign Minister",
            ],
            "Wang Yi",
        ),
        (
            "whose diplomats are taking part in the afghanistan consultation mechanism",
            "Amir Khan Mutaki, is also expected",
            "consultation mechanism",
            ["Amir Khan Mutaki is expected to attend the consultation mechanism. [{n}]", "NONE"],
            "Mutaki",
        ),
    ],
)
def test_who_or_whose_is_not_answered_from_a_sentence_without_the_deed_when_another_tells_it(
    make_assistant, question, fragment, telling, replies, wrong
):
    judge = JudgesByFragment({fragment: 0.9, telling: 0.9}, "placeholder")
    assistant, model, n = _judged_and_numbered(make_assistant, question, fragment, model=judge)
    model.replies = [reply.format(n=n) for reply in replies]
    assert wrong not in assistant.ask(question).answer


def test_the_officials_asked_for_are_the_people_said_to_attend_but_those_set_aside():
    from types import SimpleNamespace

    from assistant.answer.pipeline import _people_if_asked

    told = [
        "The Chinese Foreign Minister Li Wei had talks with his Russian counterpart, Ivan Petrov.",
        "Ivan Petrov is scheduled to attend the trade meetings in Lyon.",
        "According to a spokesman, Washington's special envoy for trade, Tom Hill, will attend the meetings.",
    ]
    evidence = [SimpleNamespace(text=text, context_before=(), context_after=(), title="") for text in told]
    lines = [("Li Wei, Ivan Petrov.", [1])]
    question = "name the officials from outside China and Russia who are expected at the trade meetings"
    assert _people_if_asked(question, lines, evidence, told) == [("Tom Hill.", [3])]  # type: ignore[arg-type]
    question = "which non-Chinese officials are attending the trade meetings?"
    found = _people_if_asked(question, [], evidence, told)  # type: ignore[arg-type]
    assert found == [("Ivan Petrov.", [2]), ("Tom Hill.", [3])]


def test_what_happened_with_something_is_the_event_the_sentence_names_of_it():
    from assistant.answer.phrases import happened

    sentence = "Both capitals had seen the withdrawal of US forces from Kabul as evidence of weakness."
    asked = "what happened with US forces in kabul that both capitals took as a sign of weakness?"
    assert happened(asked, sentence) == "the withdrawal of US forces from Kabul"
    assert happened("what happened to the talks?", "The talks ended on Monday.") is None
    assert happened("what did US forces do?", sentence) is None


def test_a_list_of_participants_is_read_off_its_sentence_when_the_model_finds_nothing(make_assistant):
    question = "which countries or groups were the talks with Wang to include representatives from? all of them"
    judge = JudgesByFragment({"Uzbekistan": 0.6}, "placeholder")
    assistant, model, _ = _judged_and_numbered(make_assistant, question, "Uzbekistan", model=judge)
    model.replies = ["NOT FOUND", "NONE"]
    answer = assistant.ask(question)
    assert not answer.abstained
    assert all(name in answer.answer for name in ("Taliban", "Pakistan", "Iran", "Tajikistan", "Uzbekistan"))


def test_what_someone_said_left_unanswered_is_the_clause_that_reports_their_words():
    from types import SimpleNamespace

    from assistant.answer.pipeline import _said_in_passing_of

    told = "Lavrov, who said yesterday that Russia’s relations with China were at the strongest level ever, left."
    evidence = [SimpleNamespace(text="Wang said ties had withstood turmoil."), SimpleNamespace(text=told)]
    asked = "what did Lavrov say the day before about how good Russia-China ties are?"
    found = _said_in_passing_of(asked, "Lavrov", evidence)  # type: ignore[arg-type]
    assert found == [("Russia’s relations with China were at the strongest level ever.", [2])]
    assert _said_in_passing_of("what did Lavrov say about Ukraine?", "Lavrov", evidence) == []  # type: ignore[arg-type]
    both = "what did Lavrov and Wang say about Russia and China?"
    assert _said_in_passing_of(both, "Lavrov and Wang", evidence) == []  # type: ignore[arg-type]


def test_what_someone_did_something_to_is_the_object_its_sentence_gives_the_verb():
    from assistant.answer.phrases import object_of

    sentence = "The two towns have since spoken of a “lasting” peace and have denounced the new “tariffs”."
    assert object_of("what have the two towns denounced since then?", sentence) == "the new “tariffs”"
    assert object_of("what have the two cities denounced since then?", sentence) is None
    said = "Lavrov, who said yesterday that Russia’s relations with China were at the strongest level ever, left."
    assert object_of("What did Wang say about China-Russia relations?", said) is None
    condemned = "The ministers today condemned the illegal and harmful sanctions against Moscow over its actions."
    assert object_of("what did the ministers condemn today?", condemned) == (
        "the illegal and harmful sanctions against Moscow over its actions"
    )
    defended = "In May, Ana Ruiz praised the “solid” accord and defended Peru’s “fair” claims about its coast."
    assert object_of("what else did Ana Ruiz defend back then?", defended) == "Peru’s “fair” claims about its coast"


def test_a_follow_up_is_not_answered_with_the_last_answer_again():
    from assistant.answer.pipeline import _not_the_last_answer

    said = "A few weeks before the war, Xi Jinping warmly received Putin in Beijing."  # the last answer
    again = ("A few weeks before the war, Xi Jinping warmly received Putin in Beijing.", [1])
    assert _not_the_last_answer([again], said) == []
    assert _not_the_last_answer([("Beijing.", [1])], said) == [("Beijing.", [1])]
    assert _not_the_last_answer([again], "") == [again]


def test_who_attended_keeps_a_name_from_a_sentence_that_tells_the_attending_its_own_way(make_assistant):
    question = "Who attended the Afghanistan meeting?"
    judge = JudgesByFragment({"Mutaki": 0.9}, "placeholder")
    assistant, model, n = _judged_and_numbered(make_assistant, question, "Mutaki", model=judge)
    model.replies = [f"Amir Khan Mutaki attended the Afghanistan meeting. [{n}]", "NONE"]
    assert "Mutaki" in assistant.ask(question).answer


def test_what_will_be_so_is_answered_with_the_subject_the_sentence_gives_the_predicate():
    from types import SimpleNamespace

    from assistant.answer.complete import as_worded
    from assistant.answer.phrases import subject_of

    sentence = "“We believe that, after the vote, the budget outlook will be far brighter and we will hire,” she said."
    evidence = [SimpleNamespace(text=sentence, context_before=(), context_after=(), title="")]
    asked = "what did the mayor say would be far brighter after the vote?"
    lines = [("Hiring. [1]", [1])]
    assert as_worded(asked, lines, evidence) == [("The budget outlook.", [1])]  # type: ignore[arg-type]
    assert subject_of("what will be far brighter after the vote?", sentence) == "the budget outlook"
    assert subject_of("what would the vote let the city do?", sentence) is None


def test_who_holds_a_role_is_the_name_its_sentence_writes_after_the_title():
    from types import SimpleNamespace

    from assistant.answer.complete import as_worded
    from assistant.answer.phrases import holder_of

    sentence = "Critics urged Lisbon not to back the plan of Spanish Prime Minister Ana Ruiz, which would cut tariffs."
    evidence = [SimpleNamespace(text=sentence, context_before=(), context_after=(), title="")]
    asked = "who's the spanish prime minister according to the article?"
    assert as_worded(asked, [], evidence) == [("Ana Ruiz.", [1])]  # type: ignore[arg-type]
    assert holder_of("who is the portuguese prime minister?", sentence) is None  # every word of the role
    apposed = "The deal was signed by Rui Costa, the Portuguese Foreign Minister, on Monday."
    assert holder_of("who is the portuguese foreign minister?", apposed) == "Rui Costa"


def test_how_many_left_unanswered_is_answered_with_the_count_written_before_its_noun():
    from types import SimpleNamespace

    from assistant.answer.complete import counted

    sent = "The storm came a week after the city hired hundreds of workers to Ostend, closing the port."
    other = "The port opened in 1990 with 40 cranes."
    evidence = [SimpleNamespace(text=t, sentence_id=t, context_before=(), context_after=()) for t in (other, sent)]
    similarity = {other: 0.5, sent: 0.4}
    asked = "how many workers did the city hire for ostend, roughly?"
    assert counted(asked, evidence, similarity) == [("Hundreds of workers.", [2])]  # type: ignore[arg-type]
    assert counted("how many workers were injured?", evidence, similarity) == []  # type: ignore[arg-type]
    assert counted("exactly how many workers did the city hire for ostend?", evidence, similarity) == []  # type: ignore[arg-type]


def test_what_a_minister_asked_for_by_role_said_in_passing_is_found_through_his_counterpart():
    from types import SimpleNamespace

    from assistant.answer.pipeline import _said_in_passing_of
    from assistant.answer.verify import swapped_names, unmentioned

    story = ["The French Foreign Minister Anne Roy had talks with her German counterpart, Karl Hein in Lyon."]
    told = "Hein, who said yesterday that Germany’s ties with France were at their best ever, had flown to Lyon."
    evidence = [SimpleNamespace(text=story[0]), SimpleNamespace(text=told)]
    asked = "what did the German foreign minister say the day before about Berlin's ties with France"
    found = _said_in_passing_of(asked, "the German foreign minister", evidence, story)  # type: ignore[arg-type]
    assert found == [("Germany’s ties with France were at their best ever.", [2])]
    wrong = "what did the French foreign minister say the day before about Berlin's ties with France"
    assert _said_in_passing_of(wrong, "the French foreign minister", evidence, story) == []  # type: ignore[arg-type]
    assert unmentioned(asked, [told], story) == []  # "Berlin's ties" are Germany's; the story gives the portfolio
    assert unmentioned("were the talks held in Berlin?", [told]) == ["Berlin"]  # a place is held to its name
    assert swapped_names(asked, told) == []


def test_a_country_read_off_a_sentence_that_names_only_its_people_is_given_in_the_sentences_words():
    from assistant.answer.complete import in_the_peoples_words

    evidence = _hits("The town can only count on German money to rebuild the bridge.", "Germany paid for the school.")
    assert in_the_peoples_words([("Germany.", [1])], evidence) == [("German money.", [1])]
    assert in_the_peoples_words([("Germany.", [2])], evidence) == [("Germany.", [2])]  # the sentence names it


def test_what_someone_is_faced_with_is_read_off_a_sentence_that_opens_on_it():
    from assistant.answer.phrases import opened_with

    sentence = "Faced with floods and the closure of the port, the town can only count on its neighbours."
    assert opened_with("what is the town faced with?", sentence) == "floods and the closure of the port"
    assert opened_with("besides the cost, what two things is the town faced with?", sentence) is not None
    assert opened_with("what is the port faced with?", sentence) is None  # the main clause is about the town
    assert opened_with("what is the town faced with?", "The town is faced with floods.") is None  # no opening


def test_how_long_an_event_lasts_is_read_off_the_length_written_before_it():
    from assistant.answer.complete import lasting

    evidence = _hits("The mayor opened the fair.", "A three-day fair on farming will be held in the town.")
    assert lasting("How long is the fair going to last?", evidence) == [("Three days (“three-day fair”).", [2])]
    assert lasting("How long is the parade going to last?", evidence) == []  # no length of a parade
    assert lasting("How long has the mayor held office?", evidence) == []
    # Asked in days, of the fair the mayor opened: the event may come before the words that say which one it is.
    assert lasting("How many days does the farming fair the mayor opened last?", evidence) == [
        ("Three days (“three-day fair”).", [2])
    ]
    assert lasting("How long is the parade the mayor is in going to last?", evidence) == []  # "is", "in": no event
    # A count of days asks for a length without "last"; "how long is …?" alone may ask how long a thing is.
    assert lasting("how many days is the fair the mayor opened", evidence) == [("Three days (“three-day fair”).", [2])]
    assert lasting("how long is the fair the mayor opened?", evidence) == []


def test_a_line_that_says_back_what_the_question_excludes_is_no_answer():
    from assistant.answer.pipeline import _not_the_exception_said_back

    # Told the exception after the question, the model ended its line with it.
    question = "apart from the bilateral field, where did the ministers agree to expand co-operation?"
    lines = [
        ("They agreed to expand co-operation, apart from the bilateral field.", [1]),
        ("Multilateral bodies.", [1]),
    ]
    assert _not_the_exception_said_back(question, lines) == [("Multilateral bodies.", [1])]
    assert _not_the_exception_said_back("where did they agree to expand co-operation?", lines) == lines


def test_where_someone_heads_after_a_trip_is_not_answered_with_the_trips_own_place(ask):
    from assistant.answer.phrases import the_place_before

    sentence = "The envoy had talks with the mayor in the city of Lyon, in eastern France, on Monday."
    assert the_place_before("where is the envoy going after the France trip?", "The city of Lyon.", sentence)
    assert the_place_before("Where does he fly after his visit to France?", "France.", sentence)
    assert not the_place_before("where in France did the envoy have talks?", "The city of Lyon.", sentence)
    assert not the_place_before("where is he heading after the France trip?", "Madrid.", "He flies to Madrid next.")
    answer = _answered(ask, "Where is Lavrov heading after the China trip?", "province of Anui", "Anui. [{n}]")
    assert answer.abstained


def test_what_someone_was_told_not_to_do_is_answered_with_not_to(ask):
    question, reply = (
        "What have Western powers warned Beijing not to do?",
        "Support the regime of Vladimir Putin. [{n}]",
    )
    answer = _answered(ask, question, "warned Beijing", reply)
    assert answer.answer.startswith("Not to support the regime")


def test_a_question_that_counts_two_things_gets_the_line_that_lists_two():
    from assistant.answer.pipeline import _as_many_as_asked

    evidence = _hits(
        "The mayor and the council said the fair is without limits. “Peace is limitless, trade is limitless.”",
        "They said they wanted to “open the fair” and “expand the market”, and to keep peace, trade and order.",
    )
    lines = [
        ("The mayor and the council said the fair is without limits.", [1]),
        ("Open the fair and expand the market.", [2]),
        ("Peace, trade, order.", [2]),
    ]
    assert _as_many_as_asked("what two goals did they state?", lines, evidence) == [lines[1]]
    assert _as_many_as_asked("In the statement, what two things did they want?", lines, evidence) == [lines[1]]
    assert _as_many_as_asked("what three things did they want kept?", lines, evidence) == [lines[2]]
    assert _as_many_as_asked("what goals did they state?", lines, evidence) == lines  # no count
    assert _as_many_as_asked("what four goals did they state?", lines, evidence) == lines  # none lists four
    agreed = [("The mayor and the council agreed.", [1]), ("Open the fair, expand the market.", [2])]
    assert _as_many_as_asked("what two things did the mayor and the council agree?", agreed, evidence) == [agreed[1]]
    # Read off a sentence that does not list them so, a line may leave one out: the others stay.
    limitless = [("The fair, peace, trade.", [1]), ("There is no limit to peace, trade and order.", [2])]
    assert _as_many_as_asked("what three things are limitless?", limitless, evidence) == limitless
    # A line that says the question back before its items lists them as well as a bare one does.
    isolated = _hits(
        "The town is cut off from the rail network and the grid, the mayor said.", "Rain fell on the fair."
    )
    back = [("The town is cut off from the rail network and the grid.", [1]), ("Rain, the fair.", [2])]
    assert _as_many_as_asked("what two things is the town cut off from?", back, isolated) == [back[0]]
    # Names need not stand in a list in their sentence: each is written there.
    visit = _hits("Weeks before the vote, Ana Ruiz was warmly received by her counterpart Rui Costa in Lima.", "Rain.")
    people = [("Ana Ruiz, Rui Costa.", [1]), ("Peru, Chile (“her counterpart”).", [1])]
    assert _as_many_as_asked("which two leaders are named in connection with the visit?", people, visit) == [people[0]]


def test_a_venue_is_not_answered_with_the_province_or_city_its_sentence_names():
    from assistant.answer.phrases import another_kind_of_place

    sentence = "The envoy had talks with the mayor in the province of Lorin, in eastern France, on Monday."
    assert another_kind_of_place("what venue or hotel was it in?", "The provincial capital of Lorin.", sentence)
    assert another_kind_of_place("which hotel did they meet at?", "Lorin.", sentence) == "Lorin"
    hotel = "The envoy had talks with the mayor at the Grand Hotel in the city of Lorin."
    assert another_kind_of_place("which hotel did they meet at?", "The Grand Hotel.", hotel) is None


@pytest.mark.parametrize(
    "question",
    ["Which news site published this article?", "which site does the footer tell you to follow on google news"],
)
def test_which_site_published_the_article_is_read_off_its_footer_and_cited_exactly(make_assistant, question):
    assistant = make_assistant()
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask(question)
    assert not answer.abstained and "Skai.gr" in answer.answer
    (citation,) = answer.citations
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    assert citation.text == "Follow Skai.gr on Google News" == text[citation.start : citation.end]


def test_footer_lines_are_never_evidence_for_the_story(make_assistant):
    assistant = make_assistant()
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask("Where can readers be the first to know all the news?")
    assert not any("first to know" in hit.text or "Skai" in hit.text for hit in answer.retrieved)
    assert not any("Skai" in citation.text for citation in answer.citations)


def test_which_site_published_a_story_without_a_footer_is_not_guessed(make_assistant, tmp_path):
    assistant = make_assistant()
    story = tmp_path / "council.txt"
    story.write_text("Council news\n\nThe council met on Monday, the town's newspaper reported.\n", encoding="utf-8")
    assistant.ingest(story)
    assert assistant.ask("Which news site published this article?").abstained


def test_a_follow_up_asks_about_the_deed_in_its_own_words_not_in_the_words_its_rewrite_added(ask):
    # The rewrite put the conversation's meeting in the deed's place: a line on who is expected there
    # does not rest on the wrong sentence for lacking the word "meeting".
    history = _exchange("Where is the Afghanistan meeting being held?", "In eastern China.")
    question = "who's kabul sending?"
    rewrite = "Who is sending the Afghan meeting to Kabul?"
    reply = "Amir Khan Mutaki, the head of Kabul's ruling diplomacy, is expected to attend the meeting. [{n}]"
    answer = _followed_up(ask, question, history, "Amir Khan Mutaki", rewrite, reply)
    assert answer.answer.startswith("Amir Khan Mutaki")
    assert "Amir Khan Mutaki, is also expected" in answer.citations[0].text


def test_where_to_follow_the_site_is_read_off_the_footer_that_says_so(make_assistant):
    assistant = make_assistant()
    assistant.ingest(SEED_ARTICLE)
    answer = assistant.ask("where can readers follow skai.gr, according to the end of the article?")
    assert answer.answer.startswith("On Google News.")
    assert [citation.text for citation in answer.citations] == ["Follow Skai.gr on Google News"]
    assert assistant.ask("Did Skai.gr interview Lavrov?").abstained  # a question about the story, not its footer


def test_a_yes_no_question_that_counts_otherwise_than_its_sentence_is_answered_no():
    from assistant.answer.compare import miscounted

    question = "was the meeting in lorin held two months after the troops crossed the border"
    said = "The meeting in Lorin comes a month after the troops crossed the border, triggering sanctions."
    assert _verdict_read_off(question, said) == "No"
    assert miscounted("Is the border 80 kilometers long?", "The border is 76-kilometer-long.")
    assert not miscounted("Did they meet a month after the war?", "They met a month after the war.")
    assert not miscounted("Did they meet two weeks before the war?", "They met a few weeks before the war.")
    assert not miscounted("Is it a two-day summit?", "The talks lasted three hours at a two-day summit.")
