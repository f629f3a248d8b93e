"""Yes/no questions that measure a figure of the story: "is the border longer than 100 km?", "76 miles long?".

The story writes "a 76-kilometer-long border", never "100"; a small model
asked to cite an answer finds no sentence that says yes or no. The verdict is
arithmetic: the figure the closest sentence gives in the question's unit, or
in another unit of the same kind converted to it ("76 miles?" against "76
kilometers" is "No"), or for the question's counted noun ("more than 5
countries" against "seven countries"), measured against the bar.

Spans of time are measured in days: "more than a month before?" against "a
week after" is a week measured against thirty days, and "a one-day event?"
against "a two-day summit" one day against two (a length the question
states is held only to a length the story gives: "two-day", not "a week
after").

A count of a unit that a question states without a comparison ("held two
months after …?") is checked against the sentence the verdict is read from
(``miscounted``): one that counts the same unit, never with that number
("a month after"), says no.

It does not read ranges ("between 50 and 80"), compare two figures of the
story, nor check a counted noun the question states without a comparison
("did 5 countries attend?").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assistant.answer.verify import COMPARED, LESS_THAN, MORE_THAN, coverage, number_value


@dataclass(frozen=True)
class _Unit:
    """A unit as a question may write it, as a story writes it after a figure ("76-kilometer"), and its size."""

    asked: str
    written: str
    kind: str
    size: float  # in the base unit of its kind: metres, kilograms, percent


_UNITS = (
    _Unit(r"km|kilomet(?:er|re)s?", r"km|kilomet(?:er|re)s?", "length", 1000.0),
    _Unit(r"mi|miles?", r"miles?", "length", 1609.344),
    _Unit(r"m|met(?:er|re)s?", r"m|met(?:er|re)s?", "length", 1.0),
    _Unit(r"kg|kilos?|kilograms?", r"kg|kilos?|kilograms?", "mass", 1.0),
    _Unit(r"tons?|tonnes?", r"tons?|tonnes?", "mass", 1000.0),
    _Unit(r"%|percent|per cent", r"%|percent|per cent", "share", 1.0),
)
_FIGURE = r"(?P<figure>\d[\d,]*(?:\.\d+)?|[a-z]+)"
MIN_COVERAGE = 0.5  # the sentence holds at least half of what the question asks about
# A statement made a question by a tag: "…, right?", "…, isn't it?", "…, didn't he?".
TAG = (
    r",\s*(?:right|correct|true|yes|no|is\s+that\s+(?:right|so|true|correct)|"
    r"(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could)n['’]?t\s+(?:it|he|she|they|there|we|you))"
    r"\W*$"
)
_TAGGED = re.compile(TAG, re.I)

# "Is the border 76 miles long?": a figure in a unit, stated rather than compared with, at the question's
# end; "is the 76-km border high up?" asks about the height, not the figure.
_STATED = re.compile(
    r"(?P<about>\b(?:about|around|roughly|nearly|almost|approximately|some) )?"
    rf"\b(?P<bar>\d[\d,]*(?:\.\d+)?)[\s-]*(?P<unit>{'|'.join(unit.asked for unit in _UNITS)})(?!\w)"
    r"(?:[\s-]+(?:long|wide|high|tall|deep|away|heavy|in length))?\W*$",
    re.I,
)
EXACT = 0.02  # a stated figure the story's matches within rounding
ABOUT = 0.15  # "about 80 km" is 76 km

# Spans of time in days, as near as a yes/no question needs them: "a week" is not "more than a month".
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_SPAN = r"\b(?P<count>\d+|an?|[a-z]+)[\s-]+(?P<unit>day|week|month|year)s?\b"
_SPAN_COMPARED = re.compile(
    rf"\b(?:(?P<more>{MORE_THAN})|(?P<less>{LESS_THAN})) than (?:about |around |roughly )?{_SPAN}", re.I
)

# A length of time a question states: "a one-day event?", "will the summit last three days?"; and as a story
# writes one, not "a week after" (when, not how long).
_LASTING_STATED = re.compile(
    r"\b(?P<count>\d+|an?|[a-z]+)-(?P<unit>day|week|month|year)\b"
    r"|\blast(?:s|ed)? (?:for )?(?P<count2>\d+|an?|[a-z]+) (?P<unit2>day|week|month|year)s?\b",
    re.I,
)
_LASTING = r"\b(?P<count>\d+|an?|[a-z]+)-(?P<unit>day|week|month|year)(?:-long)?\b"

# A count of a unit, as a question states it or a story writes it: "two months", "a month", "76-kilometer-long".
_COUNTED_UNIT = re.compile(
    r"\b(?P<count>\d[\d,.]*|an?|[a-z]+)[\s-]+"
    r"(?P<unit>second|minute|hour|day|week|month|year|decade|century|kilomet(?:er|re)|mile|met(?:er|re))s?\b",
    re.I,
)

# How a bar says "yes": a figure beyond it either way, or one near it.
MORE, LESS, NEAR = "more", "less", "near"


@dataclass(frozen=True)
class Bar:
    """What a measuring question measures: a bar, the units the story may give it in, and what says "yes"."""

    value: float
    # The patterns a figure's unit or counted noun matches in the story, each with its size in the bar's unit;
    # empty for a span of time in days.
    written: tuple[tuple[str, float], ...]
    relation: str  # MORE, LESS or NEAR
    tolerance: float = 0.0  # how far from a NEAR bar a figure may be, as a share of it
    lasting: bool = False  # a span of time the story must give as a length: "a two-day summit"


def bar(question: str) -> Bar | None:
    """The bar a yes/no question measures against ("longer than 100 km?"), or None if it measures nothing."""
    if span := _SPAN_COMPARED.search(question):
        days = _days(span.group("count"), span.group("unit"))
        return None if days is None else Bar(days, (), MORE if span.group("more") else LESS)
    if (match := COMPARED.search(question)) and match.group("unit"):
        unit = match.group("unit").lower()
        relation = MORE if match.group("more") else LESS
        # A counted noun ("more than 5 countries") is its own unit.
        written = _convertible(unit) or ((re.escape(unit), 1.0),)
        return Bar(_value(match.group("bar")), written, relation)
    if match := _STATED.search(_TAGGED.sub("", question)):  # "176 km long, isn't it?"
        tolerance = ABOUT if match.group("about") else EXACT
        return Bar(_value(match.group("bar")), _convertible(match.group("unit")), NEAR, tolerance)
    if match := _LASTING_STATED.search(question):
        count, unit = match.group("count") or match.group("count2"), match.group("unit") or match.group("unit2")
        days = _days(count, unit)
        return None if days is None else Bar(days, (), NEAR, EXACT, lasting=True)
    return None


def stated_figures(question: str) -> set[str]:
    """The figures a question states for the story to be measured against ("176 km long?"): none need be written."""
    found = _STATED.search(_TAGGED.sub("", question))
    return {found.group("bar")} if found else set()


def verdict(question: str, sentences: Sequence[str]) -> tuple[str, int] | None:
    """ "Yes" or "No" and the index of the first of ``sentences`` (closest first) that gives the figure measured."""
    measured = bar(question)
    if measured is None:
        return None
    # What is measured: "is the border", not "longer than 100 km".
    about = _LASTING_STATED.sub("", _STATED.sub("", _SPAN_COMPARED.sub("", COMPARED.sub("", question))))
    for i, sentence in enumerate(sentences):
        if coverage(sentence, about) < MIN_COVERAGE:
            continue
        for value in _figures(sentence, measured):
            return ("Yes" if _beyond(value, measured) else "No"), i
    return None


def _beyond(value: float, measured: Bar) -> bool:
    """Whether a figure says "yes" to the bar. Exactly the bar is neither more nor less."""
    if measured.relation == NEAR:
        return abs(value - measured.value) <= measured.tolerance * measured.value
    return value > measured.value if measured.relation == MORE else value < measured.value


def _convertible(asked: str) -> tuple[tuple[str, float], ...]:
    """The units of the asked unit's kind, each with its size in the asked unit; empty for an unknown unit."""
    unit = next((unit for unit in _UNITS if re.fullmatch(unit.asked, asked, re.I)), None)
    if unit is None:
        return ()
    return tuple((other.written, other.size / unit.size) for other in _UNITS if other.kind == unit.kind)


def _value(figure: str) -> float:
    return float(figure.replace(",", ""))


def _figures(sentence: str, measured: Bar) -> Iterator[float]:
    """The values a sentence gives in the bar's unit (converted) or counted noun, or in days for a span of time."""
    if not measured.written:
        written = _LASTING if measured.lasting else _SPAN
        spans = (_days(match.group("count"), match.group("unit")) for match in re.finditer(written, sentence, re.I))
        yield from (days for days in spans if days is not None)
        return
    for written, size in measured.written:
        pattern = re.compile(rf"\b{_FIGURE}[\s-]*(?:{written})(?!\w)", re.I)  # "50%" ends in no letter
        values = (number_value(match.group("figure")) for match in pattern.finditer(sentence))
        yield from (value * size for value in values if value is not None)


def miscounted(claim: str, evidence: str) -> bool:
    """Whether a claim counts a unit ("two months") that the evidence counts, but never with that number.

    "Was the meeting held two months after the invasion?" against "The
    meeting comes a month after …": a month, not two. "A few weeks" counts
    no weeks, so it denies no number of them.
    """
    told: dict[str, set[float]] = {}
    for value, unit in _counted_units(evidence):
        told.setdefault(unit, set()).add(value)
    return any(unit in told and value not in told[unit] for value, unit in _counted_units(claim))


def _counted_units(text: str) -> Iterator[tuple[float, str]]:
    """Each count of a unit in a text, as (value, unit): "a month" is (1.0, "month")."""
    for match in _COUNTED_UNIT.finditer(text):
        if (value := _count(match.group("count"))) is not None:
            yield value, match.group("unit").lower()


def _days(count: str, unit: str) -> float | None:
    """The days in a span of time: "a week" is 7, "two months" 60; None when the count is no number."""
    value = _count(count)
    return None if value is None else value * _DAYS[unit.lower()]


def _count(count: str) -> float | None:
    """A count as a story writes it before a unit: "a" and "an" are one."""
    return 1.0 if count.lower() in ("a", "an") else number_value(count)
