"""Sentence segmentation: exact offsets, headings as sections, boilerplate dropped."""

from __future__ import annotations

import pytest

from assistant.ingest.segment import MAX_SENTENCE_CHARS, segment


def sentences_of(text: str, **kwargs) -> list[str]:
    return [text[s.start : s.end] for s in segment(text, **kwargs)]


def assert_spans_exact(text: str, spans) -> None:
    previous_end = 0
    for span in spans:
        piece = text[span.start : span.end]
        assert piece and piece == piece.strip(), f"span {span} is empty or has untrimmed whitespace"
        assert span.start >= previous_end, "spans overlap or are out of order"
        previous_end = span.end


# --- the real seed article -------------------------------------------------------


@pytest.fixture
def seed_spans(seed_text):
    return segment(seed_text)


def test_seed_spans_slice_the_text_exactly(seed_text, seed_spans):
    assert len(seed_spans) > 30
    assert_spans_exact(seed_text, seed_spans)


def test_seed_headings_are_sections_not_sentences(seed_text, seed_spans):
    texts = [seed_text[s.start : s.end] for s in seed_spans]
    for heading in ("Russia is seeking support", "Afghanistan on the menu"):
        assert heading not in texts
        assert not any(t.startswith(heading) for t in texts), f"{heading!r} glued to a sentence"

    def section_of(prefix: str) -> str | None:
        (span,) = [s for s in seed_spans if seed_text[s.start : s.end].startswith(prefix)]
        return span.section

    assert section_of("The Chinese Foreign Minister Wang Yi had talks") is None
    assert section_of("Russia is looking to China for support") == "Russia is seeking support"
    assert section_of("Sergei Lavrov is scheduled to attend") == "Afghanistan on the menu"
    assert section_of("According to a State Department spokesman") == "Afghanistan on the menu"
    assert section_of("Beijing has long feared") == "Afghanistan on the menu"


def test_seed_footer_is_not_a_sentence(seed_text, seed_spans):
    texts = [seed_text[s.start : s.end] for s in seed_spans]
    assert not any("Follow Skai.gr" in t or "Google News" in t for t in texts)
    assert not any("be the first to know" in t for t in texts)
    assert texts[-1].startswith("Beijing has long feared")


@pytest.mark.parametrize(
    "fragment",
    [
        "discuss international affairs.with one voice».",
        "the two countries vis-.-Vis their common rival, the United States.",
        "According to a State Department spokesman, Washington’s special envoy for Afghanistan, "
        "Tom West, will attend the summit.",
    ],
)
def test_seed_odd_punctuation_stays_inside_one_sentence(seed_text, seed_spans, fragment):
    texts = [seed_text[s.start : s.end] for s in seed_spans]
    assert any(fragment in t for t in texts), f"{fragment!r} was split across sentences"


# --- generic layouts -----------------------------------------------------------------

WIRE_COPY = """\
WASHINGTON, March 30 (Reuters) - The U.S. Federal Reserve on Wednesday
held interest rates steady but signalled that it expects to raise them
later this year as inflation stays well above its 2% target, Chair
Jerome Powell told reporters after the two-day policy meeting.

Powell said the labor market remained strong, with unemployment near
its lowest level in decades, and that policymakers were prepared to
act more aggressively if price pressures did not ease in coming months.
"We will do what it takes," he told a news conference in Washington.

Markets rose after the announcement, with the benchmark S&P 500 index
closing up 1.2% and Treasury yields falling across the curve as traders
priced in a slower pace of tightening than they had expected last week.
"""


def test_hard_wrapped_wire_copy_is_joined_across_single_newlines():
    spans = segment(WIRE_COPY)
    texts = [WIRE_COPY[s.start : s.end] for s in spans]
    assert_spans_exact(WIRE_COPY, spans)
    assert texts[0].startswith("WASHINGTON, March 30 (Reuters)")
    assert texts[0].endswith("after the two-day policy meeting.")
    assert " ".join(texts[0].split()) == (
        "WASHINGTON, March 30 (Reuters) - The U.S. Federal Reserve on Wednesday held interest rates "
        "steady but signalled that it expects to raise them later this year as inflation stays well "
        "above its 2% target, Chair Jerome Powell told reporters after the two-day policy meeting."
    )
    assert any(t.startswith("Powell said the labor market") and t.endswith("coming months.") for t in texts)
    assert any(t.startswith("Markets rose") and t.endswith("last week.") for t in texts)
    assert len(texts) == 4


def test_one_paragraph_per_line_is_not_joined():
    text = (
        "Lawmakers passed the budget late on Friday after a debate that ran past midnight.\n"
        "The opposition walked out before the final vote and said the bill had been rushed through\n"
        "Officials said the measure would take effect in July.\n"
    )
    # the middle paragraph lacks its full stop but is not glued to its neighbours
    assert sentences_of(text) == [
        "Lawmakers passed the budget late on Friday after a debate that ran past midnight.",
        "The opposition walked out before the final vote and said the bill had been rushed through",
        "Officials said the measure would take effect in July.",
    ]


@pytest.mark.parametrize("with_commas", [True, False], ids=["clauses", "no-punctuation"])
def test_run_on_sentence_is_cut_into_short_pieces(with_commas):
    words = [f"word{i}" + ("," if with_commas and i % 37 == 36 else "") for i in range(10_000)]
    text = "Officials said " + " ".join(words) + "."
    spans = segment(text)
    assert_spans_exact(text, spans)
    assert len(spans) > 1
    assert max(s.end - s.start for s in spans) <= MAX_SENTENCE_CHARS
    # nothing is lost: the pieces, in order, hold every word of the original
    assert " ".join(text[s.start : s.end] for s in spans).split() == text.split()


DIRTY = (
    "\ufeffThe minister\u200b arrived in Kabul on Monday.\x07\n"
    "\u200b\u200b\n"
    "\x0c\x01\n"
    "She met\u00ad officials from the Taliban\u2060 government.\r\n"
    "Talks are expected to last two days.\n"
)


def test_zero_width_and_control_characters_keep_offsets_exact():
    spans = segment(DIRTY)
    assert_spans_exact(DIRTY, spans)
    texts = [DIRTY[s.start : s.end] for s in spans]
    assert texts, "no sentences found"
    assert texts[-1] == "Talks are expected to last two days."
    # lines holding nothing but invisible or control characters never become sentences
    assert not any(t.strip("\u200b\x0c\x01") == "" for t in texts)


def test_zero_width_and_control_characters_after_reading():
    # what ingestion does: decode/normalise, then segment
    from assistant.ingest.readers import decode

    text = decode(DIRTY.encode("utf-8"))
    assert not any(c in text for c in "\ufeff\u200b\u00ad\u2060\x07\x0c\x01\r")
    assert sentences_of(text) == [
        "The minister arrived in Kabul on Monday.",
        "She met officials from the Taliban government.",
        "Talks are expected to last two days.",
    ]


def test_text_without_body_sentences_gives_no_spans():
    assert segment("") == []
    assert segment("\n\n   \n") == []
    assert segment("Follow us on Facebook\nAll rights reserved.") == []


def test_first_heading_can_be_skipped_as_the_title():
    text = "Fed holds rates steady\n\nThe Federal Reserve held rates steady on Wednesday.\n"
    spans = segment(text, skip_first_heading=True)
    assert [text[s.start : s.end] for s in spans] == ["The Federal Reserve held rates steady on Wednesday."]
    assert spans[0].section is None
    assert segment(text)[0].section == "Fed holds rates steady"


def test_a_list_of_names_after_a_stray_full_stop_stays_with_its_sentence():
    text = "The talks were to include the Taliban and Pakistan. Iran, Tajikistan and Uzbekistan.\nHe left. The End."
    sentences = [text[s.start : s.end] for s in segment(text)]
    assert sentences[0] == "The talks were to include the Taliban and Pakistan. Iran, Tajikistan and Uzbekistan."
    assert sentences[1:] == ["He left.", "The End."]


def test_a_quotation_over_two_sentences_stays_with_its_speaker():
    text = "“We agree on everything. “Our aim is peace,” said the spokesman, Li Wei. The talks end today."
    sentences = [text[s.start : s.end] for s in segment(text)]
    assert sentences == [
        "“We agree on everything. “Our aim is peace,” said the spokesman, Li Wei.",
        "The talks end today.",
    ]


def test_seed_footer_lines_are_kept_apart_as_credit_lines(seed_text):
    from assistant.ingest.segment import credit_lines

    lines = [seed_text[s.start : s.end] for s in credit_lines(seed_text)]
    assert lines == ["Follow Skai.gr on Google News", "and be the first to know all the news"]
