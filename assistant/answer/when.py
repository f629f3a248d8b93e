"""Answer "when …?" and "how long after …?" with the time a close evidence sentence states.

Asked when, a small model often says the evidence does not tell, or gives
the wrong one of a sentence's two times ("in August" for a visit that came
"a week after" …). Times are found by their words (``kinds``); the one
meant is the one in the clause nearest the question, by shared words first
(the user's names counting twice), then by meaning.

This module does not convert or compute times ("a month after February 24"
stays as written), and reads only the evidence sentences it is given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from assistant.answer.complete import REREAD_MIN_COVERAGE, Line
from assistant.answer.kinds import (
    answers_the_kind,
    asks_for_a_time,
    asks_how_long_apart,
    spans_of_time,
    times,
    times_apart,
)
from assistant.answer.verify import content_stems, coverage, stems, words
from assistant.answer.wording import sentence_case
from assistant.types import Hit

Embed = Callable[[Sequence[str]], np.ndarray]
# A sentence read for part of an answer (a time, one item of a list) only needs "yes" to be likelier
# than "no": judged alone, a sentence that names one attendee of many is less plainly "the answer".
MAY_ANSWER_P = 0.5


def timed(
    typed: str,
    question: str,
    evidence: list[Hit],
    similarity: dict[str, float],
    embed: Embed,
    odds: Callable[[int], float] | None = None,
) -> list[Line]:
    """A "when" question left unanswered, answered with the time stated beside its words, if a sentence has both.

    The sentence must hold half of the question's content words; of its
    times, the one nearest to them ("last August", not "a week after Wang
    Yi's visit", for "when did the Islamists come to power?"). "How long
    after … did …?" is answered the same way with a time relative to another
    event ("a month after Russia sent thousands of troops"): asked to read
    it, the model answers "1 month", a number the sentence never writes.
    The sentence the model judged likeliest to answer is close too, if it
    judged it more likely yes than no (judged only for such questions).
    """
    # "how long did he stay there?" asks for a stay, even when its rewrite took "… a week before the
    # meetings" from the conversation: only the user's own words ask how long apart two events were.
    apart = asks_how_long_apart(question) and asks_how_long_apart(typed)
    found = times_apart if apart else times if asks_for_a_time(question) else None
    if found is None:
        return []
    judged: set[int] = set()
    if odds is not None:
        likeliest = max(range(1, len(evidence) + 1), key=odds)
        judged = {likeliest} if odds(likeliest) >= MAY_ANSWER_P else set()
    timed = [n for n in range(1, len(evidence) + 1) if found(evidence[n - 1].text)]
    close = [n for n in timed if n in judged or coverage(evidence[n - 1].text, question) >= REREAD_MIN_COVERAGE]
    if not close:
        return []
    n = max(close, key=lambda m: (coverage(evidence[m - 1].text, question), similarity[evidence[m - 1].sentence_id]))
    nearest = _nearest_time(evidence[n - 1].text, typed, question, embed, found)
    if _time_of_saying(nearest, evidence[n - 1].text) and not _SAYING_ASKED.search(question):
        return []  # "Lavrov, who said yesterday that …, had traveled to China": yesterday he said it, not travelled
    time = sentence_case(nearest)
    # "On what date …?" is not answered "Yesterday": the kind a model's line must be, so must this one,
    # in the user's words too ("what date was that meeting?" rewritten "When was the meeting …?").
    return [(time, [n])] if answers_the_kind(question, time) and answers_the_kind(typed, time) else []


_SAYING_ASKED = re.compile(
    r"\b(?:say|said|says|tell|told|announc\w*|stat(?:e|ed)|remark\w*|comment\w*|claim\w*|insist\w*|assert\w*|"
    r"declar\w*|describ\w*|call(?:s|ed)?|not(?:e|es|ed)|report\w*|argu\w*|stress\w*|add(?:s|ed)?|hail\w*)\b",
    re.I,
)  # "when did lavrov claim relations were at an all-time high?" asks when he said it


def _time_of_saying(time: str, sentence: str) -> bool:
    """Whether a sentence gives a time only as when someone said something: "who said yesterday that …"."""
    return re.search(rf"\b(?:said|says|told|announced|stated)\s+{re.escape(time)}\b", sentence, re.I) is not None


def apart_as_told(
    typed: str,
    question: str,
    lines: list[Line],
    evidence: list[Hit],
    similarity: dict[str, float],
    embed: Embed,
    odds: Callable[[int], float] | None = None,
) -> list[Line]:
    """For "how long after … did …?", the time of the sentence that holds more of the question than the lines' own.

    "How long after Russia sent troops into Ukraine did this meeting
    happen?": the model answered from "Five weeks after the invasion of
    Ukraine, Lavrov received …"; "The meeting comes a month after Russia
    sent thousands of troops to Ukraine" holds the question's words.
    """
    if not lines or not lines[0][1] or not asks_how_long_apart(question):
        return lines
    found = timed(typed, question, evidence, similarity, embed, odds)
    if not found:
        return lines
    held = coverage(evidence[lines[0][1][0] - 1].text, question)
    return found if coverage(evidence[found[0][1][0] - 1].text, question) > held else lines


def at_the_right_time(typed: str, question: str, line: Line, evidence: list[Hit], embed: Embed) -> Line:
    """A "when …?" line that gives one of its sentence's times, given the time beside a name the user typed instead.

    "and when did he go to Kabul?" against "The meetings come a week after
    Wang Yi's visit to Kabul, for the first time since the rise of
    fundamentalist Islamists last August": the model answered "in August".
    """
    claim, markers = line
    if not markers:
        return line
    sentence = evidence[markers[0] - 1].text
    stated = times(sentence)
    if len(stated) < 2:
        return line
    clause = _nearest_clause(sentence, typed, question, embed)
    right = times(clause)[0]
    if not {w for w in words(typed)[1:] if w[0].isupper()} & set(words(clause)):
        return line  # only a name the user typed tells the clauses apart: "come" is in both senses
    said = {w.lower() for w in words(claim)}
    wrong = [t for t in stated if t != right and {w.lower() for w in words(t)} & said - {"a", "the", "in", "last"}]
    if right.lower() in claim.lower() or not wrong:
        return line
    return sentence_case(right), markers


def _nearest_time(
    sentence: str, typed: str, question: str, embed: Embed, found: Callable[[str], list[str]] = times
) -> str:
    """Of the times a sentence states, the one in the clause nearest the question (see ``_nearest_clause``)."""
    return found(_nearest_clause(sentence, typed, question, embed, found))[0]


def _nearest_clause(
    sentence: str, typed: str, question: str, embed: Embed, found: Callable[[str], list[str]] = times
) -> str:
    """Of the clauses that state a time, the one that shares most with the question, names counting twice.

    "The meetings come a week after Wang Yi's visit to Kabul, for the first
    time since the rise of fundamentalist Islamists last August": asked when
    the Islamists came to power, the clause with "Islamists" has the time.
    The user's own words count first, then the stand-alone rewrite's; clauses
    that share as much ("come" against "fundamentalists") are told apart by
    meaning, the clause closest to the rewrite.
    """

    def shared(clause: str, question: str) -> int:
        asked = content_stems(question)
        return sum(2 if w[0].isupper() else 1 for w in words(clause) if stems([w]) & asked)

    clauses = [clause for clause in re.split(r"[,;:]", sentence) if found(clause)]
    if len(clauses) < 2:
        return clauses[0] if clauses else sentence
    vectors = embed([question, *clauses])
    closeness = dict(zip(clauses, (vectors[1:] @ vectors[0]).tolist(), strict=True))
    return max(clauses, key=lambda c: (shared(c, typed), shared(c, question), closeness[c]))


_LASTED = re.compile(r"^\W*(?:and |so )?how long (?:did|do|does|will|would|was|were|is|has|have|had)\b", re.I)


def told_as_when(question: str, line: str, sentences: Sequence[str]) -> bool:
    """Whether a line answers "how long did … last?" with a time its sentences give as when something happened.

    "Five weeks" from "Five weeks after the invasion of Ukraine, Lavrov …"
    dates the meeting; it says nothing of how long the meeting lasted. A
    question that asks how long apart two events were is left alone.
    """
    if not _LASTED.search(question) or asks_how_long_apart(question):
        return False
    spans = [span.lower() for span in spans_of_time(line)]
    apart = [phrase.lower() for sentence in sentences for phrase in times_apart(sentence)]
    return bool(spans) and all(any(phrase.startswith(span) for phrase in apart) for span in spans)
