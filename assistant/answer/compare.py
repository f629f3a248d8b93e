"""Yes/no questions that compare a figure of the story with a bar: "is the border longer than 100 km?".

The story writes "a 76-kilometer-long border", never "100"; a small model
asked to cite an answer finds no sentence that says yes or no. The verdict is
arithmetic: the figure the closest sentence gives in the question's unit (or
for the question's counted noun: "more than 5 countries" against "seven
countries"), measured against the bar.

Spans of time are the one conversion: "more than a month before?" against
"a week after" is a week measured against thirty days. It does not convert
other units ("100 miles" is not checked against kilometres), read ranges
("between 50 and 80"), nor compare two figures of the story.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assistant.answer.complete import coverage
from assistant.answer.verify import COMPARED, LESS_THAN, MORE_THAN, number_value

# A unit as a question may write it, and as a story writes it after a figure ("76-kilometer").
_UNITS = {
    r"km|kilomet(?:er|re)s?": r"km|kilomet(?:er|re)s?",
    r"mi|miles?": r"miles?",
    r"m|met(?:er|re)s?": r"m|met(?:er|re)s?",
    r"kg|kilos?|kilograms?": r"kg|kilos?|kilograms?",
    r"tons?|tonnes?": r"tons?|tonnes?",
    r"%|percent|per cent": r"%|percent|per cent",
}
_FIGURE = r"(?P<figure>\d[\d,]*(?:\.\d+)?|[a-z]+)"
MIN_COVERAGE = 0.5  # the sentence holds at least half of what the question asks about

# Spans of time in days, as near as a yes/no question needs them: "a week" is not "more than a month".
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_SPAN = r"\b(?P<count>\d+|an?|[a-z]+)[\s-]+(?P<unit>day|week|month|year)s?\b"
_SPAN_COMPARED = re.compile(
    rf"\b(?:(?P<more>{MORE_THAN})|(?P<less>{LESS_THAN})) than (?:about |around |roughly )?{_SPAN}", re.I
)


@dataclass(frozen=True)
class Bar:
    """What a comparing question measures: a unit or counted noun, a bar, and which side of it says "yes"."""

    value: float
    written: str  # the pattern a figure's unit or noun matches in the story; empty for a span of time in days
    more: bool


def bar(question: str) -> Bar | None:
    """The bar a yes/no question compares with ("longer than 100 km?"), or None if it compares nothing."""
    if span := _SPAN_COMPARED.search(question):
        days = _days(span.group("count"), span.group("unit"))
        return None if days is None else Bar(days, "", bool(span.group("more")))
    match = COMPARED.search(question)
    if not match or not match.group("unit"):
        return None
    unit = match.group("unit").lower()
    written = next((story for asked, story in _UNITS.items() if re.fullmatch(asked, unit)), None)
    written = written or re.escape(unit)  # a counted noun: "more than 5 countries"
    return Bar(float(match.group("bar").replace(",", "")), written, bool(match.group("more")))


def verdict(question: str, sentences: Sequence[str]) -> tuple[str, int] | None:
    """ "Yes" or "No" and the index of the first of ``sentences`` (closest first) that gives the figure measured."""
    measured = bar(question)
    if measured is None:
        return None
    # What is measured: "is the border", not "longer than 100 km".
    about = _SPAN_COMPARED.sub("", COMPARED.sub("", question))
    for i, sentence in enumerate(sentences):
        if coverage(sentence, about) < MIN_COVERAGE:
            continue
        for value in _figures(sentence, measured):
            # Exactly the bar is neither more nor less.
            beyond = value > measured.value if measured.more else value < measured.value
            return ("Yes" if beyond else "No"), i
    return None


def _figures(sentence: str, measured: Bar) -> Iterator[float]:
    """The values a sentence gives in the bar's unit or counted noun, or in days for a span of time."""
    if not measured.written:
        spans = (_days(match.group("count"), match.group("unit")) for match in re.finditer(_SPAN, sentence, re.I))
        yield from (days for days in spans if days is not None)
        return
    pattern = re.compile(rf"\b{_FIGURE}[\s-]*(?:{measured.written})(?!\w)", re.I)  # "50%" ends in no letter
    values = (number_value(match.group("figure")) for match in pattern.finditer(sentence))
    yield from (value for value in values if value is not None)


def _days(count: str, unit: str) -> float | None:
    """The days in a span of time: "a week" is 7, "two months" 60; None when the count is no number."""
    value = 1.0 if count.lower() in ("a", "an") else number_value(count)
    return None if value is None else value * _DAYS[unit.lower()]
