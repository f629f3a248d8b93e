"""Whether the articles tell of an event as over, for a question that takes its outcome as given.

"What agreements came out of the Afghanistan summit?" presupposes a summit
that has ended. A story written before it ("a two-day summit dedicated to
Afghanistan will be held") has no outcome to give, and asked anyway, a small
model answers with what the story does say about the summit (who attends).
So does "what did Lavrov and the US diplomat discuss when they met?" against
"… during which he will meet with a US diplomat".

It reads tense from a few words in the clause that names the event (will,
is scheduled to, is expected, had, took, was held); it does not parse, and it
knows no dates: a story that says "the summit ended on Monday" has ended it,
and one that says "will be held" has not, whenever either was written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.verify import unmentioned

# What came of an event: its agreements, decisions, discussions, "in the end".
_OUTCOME = re.compile(
    r"\b(?:came|come|comes) out of\b|\bend(?:ed)? up\b|\bin the end\b|\boutcomes?\b|\bresult(?:s|ed)?\b|"
    r"\bagree(?:d|ing|ments?)?\b|\bdecid(?:e|ed|ing)\b|\bdecisions?\b|\bsign(?:ed)?\b|\bconclu(?:de|ded|sions?)\b|"
    r"\bdiscuss(?:ed)?\b|\bachiev(?:e|ed)\b",
    re.I,
)
_PAST_ASKED = re.compile(
    r"\b(?:did|was|were|had|came|ended|agreed|decided|signed|concluded|discussed|achieved)\b", re.I
)
# Words for one event, by kind: a question about the summit is not answered by the ministers' talks.
_EVENTS = {
    "summit": re.compile(r"\bsummits?\b", re.I),
    "meeting": re.compile(r"\b(?:meetings?|met|meets?|meeting)\b", re.I),
    "talks": re.compile(r"\btalks\b", re.I),
    "conference": re.compile(r"\bconferences?\b", re.I),
}
_CLAUSE_END = re.compile(r"[,;:()“”\"–—]|\b(?:where|which|during which|while)\b", re.I)
_NOT_YET = re.compile(
    r"\b(?:will|shall|(?:is|are) (?:scheduled|expected|due|set|to|going)|plans? to|upcoming|(?:is|are) being)\b", re.I
)
_DONE = re.compile(
    r"(?<!\bbe )(?<!\bbeing )\b(?:was|were|had|met|took|held|ended|agreed|signed|concluded|discussed|adopted|decided|"
    r"came)\b(?! to\b)",
    re.I,
)  # "will be held" is not "held"; "were to include" is a plan


def untold_event(question: str, sentences: Sequence[str]) -> str | None:
    """The event ("summit") whose outcome ``question`` asks for, when ``sentences`` only ever tell it as still to come.

    The event's sentences are those that name it as the question does (a
    summit, a meeting, talks) and every name the question does; each is read
    in the clause around the event's word. None told as over and one told as
    to come: there is no outcome to report. None otherwise.
    """
    named = {kind: event for kind, event in _EVENTS.items() if event.search(question)}
    events = list(named.values())
    if not (_OUTCOME.search(question) and _PAST_ASKED.search(question) and events):
        return None
    clauses = [
        clause for sentence in sentences if not unmentioned(question, [sentence]) for clause in _told(sentence, events)
    ]
    untold = any(_NOT_YET.search(c) for c in clauses) and not any(_DONE.search(c) for c in clauses)
    return next(iter(named)) if untold else None


def _told(sentence: str, events: list[re.Pattern[str]]) -> list[str]:
    """The clauses that tell of an event: each that names it, and the next when that one has no tense of its own.

    "The meetings, which are being held in Tunisia, …": the meetings are
    told in the clause after their name.
    """
    parts = [part for part in _CLAUSE_END.split(sentence) if part.strip()]
    told: list[str] = []
    for i, part in enumerate(parts):
        if any(event.search(part) for event in events):
            untensed = not (_NOT_YET.search(part) or _DONE.search(part))
            told.append(f"{part} {parts[i + 1]}" if untensed and i + 1 < len(parts) else part)
    return told


_TO_COME_ASKED = re.compile(
    r"\b(?:will|shall|due to|going to|next|scheduled|expected to|plan(?:s|ned)? to|upcoming)\b", re.I
)
_TO_COME_TOLD = re.compile(
    r"\b(?:will|shall|scheduled|expected|due|set to|going to|plans? to|planned|upcoming|next|tomorrow|"
    r"(?:is|are) being|to be)\b",
    re.I,
)


def only_before(question: str, sentence: str) -> bool:
    """Whether a "when …?" question asks about an event to come that ``sentence`` tells nothing to come of.

    "When is Wang Yi due to visit Moscow next?" is not answered by "In
    early March, Wang Yi even hailed a … friendship with Moscow": the time
    a sentence without a word for the future gives is one that has passed.
    """
    return bool(_TO_COME_ASKED.search(question)) and not _TO_COME_TOLD.search(sentence)


# "When was the mechanism first set up?": a question about how something began, and the words that tell it.
# "When did Lavrov become foreign minister?", "when did the Taliban take over?": how someone began in a post too.
_BEGINNING_ASKED = re.compile(
    r"\b(?:set up|founded|established|created|formed|launched|started|begun|began|inaugurated|introduced|"
    r"first (?:held|convened|organi[sz]ed|met)|come into being|came into being|"
    r"become|became|appointed|elected|t(?:ake|ook) (?:office|over|power)|c(?:o|a)me to power|rose to power)\b",
    re.I,
)
_BEGINNING_TOLD = re.compile(
    r"\b(?:set up|found(?:ed|ing)|establish\w*|creat\w*|form(?:ed|ing|ation)|launch\w*|start\w*|begun|began|"
    r"begin\w*|inaugurat\w*|introduc\w*|first|since|origins?|born|"
    r"becom\w*|became|appoint\w*|elect\w*|office|took over|taken over|power|rise|rose)\b",
    re.I,
)


def no_beginning(question: str, sentence: str) -> bool:
    """Whether "when was X set up?" meets a sentence that tells of no beginning.

    "At the same time, a meeting of a 'consultation mechanism' for
    Afghanistan will be held": the time a meeting of the mechanism is held
    says nothing of when the mechanism was set up.
    """
    return bool(_BEGINNING_ASKED.search(question)) and not _BEGINNING_TOLD.search(sentence)
