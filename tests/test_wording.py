"""The article's own words beside a paraphrased answer: found exactly, never invented."""

from assistant.answer.wording import in_its_words, quoted, shortened, without_quotes

BORDER = "China has a 76-kilometer-long border with Afghanistan at a very high altitude."
WEAKNESS = "Beijing and Moscow had seen the withdrawal of US forces from Kabul as evidence of American weakness."


def test_a_paraphrase_is_followed_by_the_phrase_it_rests_on():
    said = in_its_words("76 kilometers.", BORDER, "How long is the border?")
    assert said == "76 kilometers (“76-kilometer-long border”)."
    said = in_its_words("That America was weak.", WEAKNESS, "What did they read into the pullout from Kabul?")
    assert said.endswith("(“American weakness”).")


def test_an_answer_in_the_articles_words_is_left_alone():
    assert in_its_words("American weakness.", WEAKNESS, "What did they see?") == "American weakness."
    assert in_its_words("Afghanistan.", BORDER, "Which country borders China?") == "Afghanistan."


def test_words_the_sentence_does_not_hold_get_no_quote():
    # "Iraq" is no form of anything in the sentence: no phrase can be pointed at.
    assert in_its_words("Iraq was weak.", WEAKNESS, "What did they see?") == "Iraq was weak."


def test_a_long_statement_is_not_quoted_again():
    claim = "Beijing and Moscow had seen the withdrawal of US forces from Kabul as proof that the Americans were weak."
    assert in_its_words(claim, WEAKNESS, "What happened?") == claim


def test_quotes_come_off_for_the_conversation():
    assert without_quotes("Two days (“two-day meeting”). [1]") == "Two days. [1]"


def test_a_long_line_is_cut_to_its_clauses_about_the_question():
    line = (
        "Gasquet (1908) claimed that the Latin name atra mors (Black Death) for the 14th-century epidemic first "
        "appeared in modern times in 1631 in a book on Danish history by J.I. Pontanus: “Vulgo & ab effectu "
        "atram mortem vocatibant” (“Commonly and from its effects, they called it the black death”)."
    )
    cut = shortened(line, "Who allegedly coined the name Black Death?")
    assert cut.startswith("Gasquet (1908) claimed") and "by J.I. Pontanus" in cut and cut.endswith("…")
    assert len(cut.split()) <= 40 < len(line.split())
    assert shortened("Wang Yi met Lavrov.", "Who met Lavrov?") == "Wang Yi met Lavrov."
    verdict = shortened(f"Yes: {quoted(line)}", "Did Pontanus coin the name Black Death?")
    assert verdict.startswith("Yes: ") and "Pontanus" in verdict  # the verdict outlives the cut


def test_a_sentence_that_opens_with_its_own_quotation_mark_is_quoted_once():
    assert quoted("“There is no limit,” he said.") == "“There is no limit,” he said."
    assert quoted("There is no limit.") == "“There is no limit.”"


def test_a_count_in_figures_is_shown_as_its_sentence_spells_it():
    sentence = "The meetings are attended by seven countries neighboring Afghanistan."
    assert in_its_words("7.", sentence, "How many neighbours attend?") == "Seven."
    assert in_its_words("7 countries.", "7 countries attend.", "How many attend?") == "7 countries."


def test_a_country_its_sentence_writes_only_as_the_group_ruling_it_is_shown_as_the_group():
    sentence = "The talks were to include representatives from the Afghan-ruled Taliban and Pakistan."
    line = in_its_words("Afghanistan, Pakistan.", sentence, "who were the talks to include representatives from?")
    assert line == "Afghan-ruled Taliban, Pakistan."
    assert in_its_words("Afghanistan.", "The Afghan delegation arrived.", "who arrived?").startswith("Afghanistan")
