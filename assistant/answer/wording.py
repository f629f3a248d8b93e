"""Put the article's own words beside an answer that paraphrases them.

A small model words short answers its own way: "Two days" where the article
says "a two-day summit", "America was weak" for "evidence of American
weakness". The citation already points at the sentence; quoting the few words
of it that the answer rests on lets the reader check the paraphrase at a
glance, and keeps the article's terms (a reader searching for "two-day" finds
it).

Three more touches of how a line is shown: a bare answer keeps the degree
its sentence gives it ("Very high." for "High." from "a very high
altitude"), a count the model wrote in figures is written as its sentence
spells it ("Seven." for "7." from "seven countries"), and a line of more
than 40 words is cut to its clauses about the question (an answer is not a
page; the citation still points at the whole sentence).

This module does not verify anything: it is given lines that were already
checked against the sentence they cite, and only finds where in that
sentence each new word of the line stands.
"""

from __future__ import annotations

import re

from assistant.answer.verify import STOPWORDS, number_word, shared_prefix, stems, words

MAX_NEW_WORDS = 4  # a line that adds more than this is a statement, not a short answer
MAX_PHRASE_WORDS = 6  # longer, and the quote would be the sentence again
MAX_LINE_WORDS = 30  # answers stay short: no quote after a long line
MAX_SHOWN_WORDS = 40  # a longer line is cut to its clauses about the question: an answer is not a page
MIN_SHARED_PREFIX = 5  # "America" and "American" are one word here; "Iran" and "Iraq" are not
_TOKEN = re.compile(r"[^\W_]+(?:[’'][^\W_]+)?")
_QUOTED = re.compile(r"\s*\(“[^”]*”\)")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+|\s+(?=[—–]\s)|\s+(?=[“\"])|(?<=[”\"])\s+")


def in_its_words(claim: str, sentence: str, question: str) -> str:
    """The claim, followed by the phrase of ``sentence`` it paraphrases, when it does paraphrase one."""
    claim = _with_degree(_as_spelled(_as_named(claim, sentence), sentence), sentence)
    phrase = _phrase(claim, sentence, question)
    if phrase is None or phrase.lower() in claim.lower():
        return claim
    core = claim.rstrip().rstrip(".")
    return f"{core} (“{phrase}”)."


def quoted(text: str) -> str:
    """A sentence in quotation marks, unless it opens with its own."""
    return text if text.startswith(("“", '"')) else f"“{text}”"


def with_verdict(verdict: str, sentence: str) -> str:
    """ "Yes" or "No" and the sentence that says so, quoted: a line whose verdict ``shortened`` keeps."""
    return f"{verdict}: {quoted(sentence)}"


_VERDICT = re.compile(r"^(?:yes|no)\b[:.,]?\s*", re.I)


def shortened(line: str, question: str) -> str:
    """A line of more than MAX_SHOWN_WORDS words cut to the run of its clauses that holds most of the question.

    A small model asked "who coined the name Black Death?" copies a 50-word
    sentence, with the quotation it ends on. The citation already points at
    the whole sentence; the answer shows the part of it that answers, the
    longest run of clauses within the limit among those that hold the most
    of the question's words, the earliest, and the longest of those (the answer
    usually follows the question's words). Cut ends are marked "…".
    """
    if len(words(line)) <= MAX_SHOWN_WORDS:
        return line
    if verdict := _VERDICT.match(line):  # "Yes: “…”" keeps its "Yes" whatever part of the quote is shown
        return verdict.group(0) + shortened(line[verdict.end() :], question)
    clauses = _CLAUSE_END.split(line.strip())
    asked = stems([w for w in words(question) if w.lower() not in STOPWORDS])
    runs = [(" ".join(clauses[i:j]), i, j) for i in range(len(clauses)) for j in range(i + 1, len(clauses) + 1)]
    fitting = [run for run in runs if len(words(run[0])) <= MAX_SHOWN_WORDS]
    if not fitting:
        return line  # no clause is short enough to stand alone
    said, first, end = max(fitting, key=lambda run: (len(asked & stems(words(run[0]))), -run[1], len(words(run[0]))))
    said = said.rstrip(",;: —–")
    return f"{'…' if first else ''}{said}{'…' if end < len(clauses) else ''}"


_NUMERAL = re.compile(r"\b\d{1,2}\b")


# "the Afghan-ruled Taliban", "Saudi-led forces": a group named for the country that rules or leads it.
_RULED_BY = re.compile(
    r"\b([A-Z][a-z]+)-(?:ruled|led|backed|held|controlled|run|based|allied|aligned)\s+[A-Za-z][\w’'-]*", re.U
)


def _as_named(claim: str, sentence: str) -> str:
    """A country the claim names that its sentence writes only as a group's ("Afghan-ruled Taliban"), as the group.

    Asked who the talks were to include representatives from, the model
    listed "Afghanistan" for "the Afghan-ruled Taliban": the sentence names
    the group, not the country.
    """
    for group in _RULED_BY.finditer(sentence):
        country = group.group(1)
        for said in set(re.findall(r"\b[A-Z][a-z]+\b", claim)):
            alike = shared_prefix(said.lower(), country.lower()) >= len(country) >= MIN_SHARED_PREFIX
            if said != country and alike and not re.search(rf"\b{said}\b", sentence):
                claim = re.sub(rf"\b{said}\b", group.group(0), claim)
    return claim


def _as_spelled(claim: str, sentence: str) -> str:
    """A count the claim writes in figures that its sentence spells out, in the sentence's word ("Seven" for "7")."""

    def spelled(numeral: re.Match[str]) -> str:
        word = number_word(numeral.group(0))
        if word is None or numeral.group(0) in sentence or not re.search(rf"\b{word}\b", sentence, re.I):
            return numeral.group(0)
        return word.capitalize() if numeral.start() == 0 else word

    return _NUMERAL.sub(spelled, claim)


_DEGREE = r"very|extremely|highly|relatively|fairly|quite|increasingly|particularly|especially"
MAX_BARE_WORDS = 3  # "High." is a bare answer; a longer line says how it means it


def _with_degree(claim: str, sentence: str) -> str:
    """A bare answer with the degree its sentence gives it: "Very high." for "High." from "a very high altitude"."""
    said = words(claim)
    if not said or len(said) > MAX_BARE_WORDS or re.match(rf"(?:{_DEGREE})\b", claim, re.I):
        return claim
    told = re.search(rf"\b(?:{_DEGREE}) {re.escape(said[0])}\b", sentence, re.I)
    if told is None:
        return claim
    first = claim.index(said[0])
    return sentence_case(told.group(0) + claim[first + len(said[0]) :])


def without_quotes(text: str) -> str:
    """An answer as the model wrote it: shown a quote in the conversation, it would copy the habit."""
    return _QUOTED.sub("", text)


def _phrase(claim: str, sentence: str, question: str) -> str | None:
    """The shortest run of the sentence's words that holds a form of each word the claim adds to the question."""
    asked = stems(words(question))
    new = [w.lower() for w in words(claim) if w.lower() not in STOPWORDS and not stems([w]) & asked]
    new = list(dict.fromkeys(new))
    if not new or len(new) > MAX_NEW_WORDS or len(words(claim)) > MAX_LINE_WORDS:
        return None
    tokens = list(_TOKEN.finditer(sentence))
    lowered = [t.group().lower() for t in tokens]
    if all(w in lowered for w in new):
        return None  # the claim already uses the article's words
    places = [{i for i, t in enumerate(lowered) if _alike(w, t)} for w in new]
    if not all(places):
        return None
    span = _shortest_window(places)
    if span is None or span[1] - span[0] + 1 > MAX_PHRASE_WORDS:
        return None
    first, last = _whole_words(span, tokens, sentence)
    one_word = " " not in sentence[tokens[first].start() : tokens[last].end()]
    if one_word and last + 1 < len(tokens) and lowered[last + 1] not in STOPWORDS:
        last += 1  # "two-day" alone is an adjective: "two-day summit" reads as the answer
    return sentence[tokens[first].start() : tokens[last].end()]


def _whole_words(span: tuple[int, int], tokens: list[re.Match[str]], sentence: str) -> tuple[int, int]:
    """A token range grown to whole hyphenated words: "76-kilometer" is part of "76-kilometer-long"."""
    first, last = span
    while first > 0 and sentence[tokens[first - 1].end() : tokens[first].start()] == "-":
        first -= 1
    while last + 1 < len(tokens) and sentence[tokens[last].end() : tokens[last + 1].start()] == "-":
        last += 1
    return first, last


def _alike(word: str, token: str) -> bool:
    """Two forms of one word: the same stem ("days", "day") or a long shared beginning ("America", "American")."""
    if stems([word]) == stems([token]):
        return True
    shared = shared_prefix(word, token)
    return shared >= MIN_SHARED_PREFIX and shared >= min(len(word), len(token)) - 1


def _shortest_window(places: list[set[int]]) -> tuple[int, int] | None:
    """The narrowest token range that includes one place of every word."""
    best: tuple[int, int] | None = None
    for first in sorted(set().union(*places)):
        ends = [min((p for p in word if p >= first), default=-1) for word in places]
        if min(ends) < 0:
            continue  # some word has no place at or after ``first``
        if best is None or max(ends) - first < best[1] - best[0]:
            best = (first, max(ends))
    return best


def sentence_case(text: str) -> str:
    """A phrase shown as a line of the answer: capitalised, and ended like a sentence."""
    return ended(text[0].upper() + text[1:])


def ended(text: str) -> str:
    """A line shown as a sentence ends like one ("Phoenix TV," becomes "Phoenix TV.")."""
    text = text.rstrip(",;:–— ")
    return text if text[-1] in '.!?”"' else text + "."
