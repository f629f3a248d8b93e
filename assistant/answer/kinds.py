"""What kind of phrase a question needs in its answer: a number, a time, a date, a unit.

"How many …?" is not answered by a line without a number, "when …?" by one
without a time, "… in meters?" by a length in kilometres. A small model
answers such questions from a near-miss sentence ("How long is the meeting?"
with the countries that attend it); a line of the wrong kind is no answer,
however well its sentence supports it.

This module reads the question's wording, and for "how long did X last?"
the words around the answer's span in its sentence ("five weeks *after*
the invasion" is a when, not a how long). It does not check that the
number or time is the right one (the verifier does), nor convert units:
"76 kilometers" does not answer "in meters", although it could be converted.
"""

from __future__ import annotations

import re

from assistant.answer.verify import STOPWORDS, TITLES, number_word, stems

_NUMBER_WORDS = (
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|millions?|billions?|dozens?|half|several|few|many)\b"
)
_MONTH_LIST = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_NAMES = f"({'|'.join(_MONTH_LIST)})"
_DATE_WORDS = (
    rf"\d|\b({'|'.join(_MONTH_LIST)}|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|winter)\b"
)
# A day of the calendar: "February 24", "24th of February", "2022-02-24", "24/2/2022" ("early March" is none).
_EXACT_DATE = (
    rf"\b{_MONTH_NAMES}\s+\d{{1,2}}\b|\b\d{{1,2}}(st|nd|rd|th)?\s+(of\s+)?{_MONTH_NAMES}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
)
_TIME_WORDS = _DATE_WORDS + r"|\b(yesterday|today|tomorrow|tonight|ago|earlier|later|since|week|month|year|same time)"
_YEAR = r"\b\d{3,4}s?\b|\b(last|this|next|that|same|the following|the previous) year\b"
_FREQUENCY = (
    r"\b(every|each|daily|weekly|fortnightly|monthly|quarterly|yearly|annual(ly)?|once|twice|times|regular(ly)?|"
    r"often|rarely|seldom|frequently|occasionally|periodic(ally)?|never|always|usually|per|a (day|week|month|year))\b"
)
_EXACT_NUMBER = r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)\b"
_TIME_UNIT = r"seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?"
_DURATION = rf"\b({_TIME_UNIT}|centur(y|ies))\b"
# Units of measure, as a question names them and as an answer may write them.
_UNITS = {
    r"kilomet(?:er|re)s?": r"\bkilomet(er|re)s?\b|\d\s?km\b",
    r"met(?:er|re)s?": r"\bmet(er|re)s?\b|\d\s?m\b",
    r"centimet(?:er|re)s?": r"\bcentimet(er|re)s?\b|\d\s?cm\b",
    r"miles?": r"\bmiles?\b",
    r"(?:feet|foot)": r"\b(feet|foot)\b|\d\s?ft\b",
    r"(?:kilo)?grams?": r"\b(kilo)?grams?\b|\d\s?k?g\b",
    r"tonnes?|tons?": r"\b(tonnes?|tons?)\b",
    r"dollars?": r"\bdollars?\b|\$|\bUSD\b",
    r"euros?": r"\beuros?\b|€",
    r"percent|per cent": r"\bper ?cent\b|%",
}
_LENGTH = "|".join(_UNITS[unit] for unit in (r"kilomet(?:er|re)s?", r"met(?:er|re)s?", r"miles?", r"(?:feet|foot)"))
# What kind of phrase each kind of question needs in its answer; the first match wins.
_KINDS = (
    # "Exactly how many …?" asks for a count: "thousands" is not one.
    (
        re.compile(
            r"\b(exact(ly)?|precise(ly)?)\b.*\bhow (many|much)\b|\bhow (many|much)\b.*\b(exact(ly)?|precise(ly)?)\b|"
            r"\b(exact|precise) (number|amount|figure|count)\b",
            re.I,
        ),
        re.compile(_EXACT_NUMBER, re.I),
    ),
    # "What was the exact date of the meeting?", "when exactly …? I need the date" ask for a day of the
    # calendar: "early March" is none.
    (
        re.compile(
            r"\b(exact|precise|specific|calendar) (calendar )?(date|day)s?\b|\bwhen exactly\b|\bthe date\b", re.I
        ),
        re.compile(_EXACT_DATE, re.I),
    ),
    (
        re.compile(r"^\W*(on |in )?(what|which) ((calendar|exact|precise|specific|particular) )?(date|day)s?\b", re.I),
        re.compile(_DATE_WORDS, re.I),
    ),
    # "How long did … stay?" asks for a duration (or the years it spans: "in 2008, after
    # testing in 2006"), not a length ("76 kilometers") nor a time said in passing ("for the
    # first time since last August"); "how long has …?" may be answered "since February 24".
    (
        re.compile(r"^\W*(and |so )?how long (did|do|does|will|would)\b", re.I),
        re.compile(rf"{_DURATION}|\b(1[5-9]|20)\d\d\b", re.I),
    ),
    (re.compile(r"^\W*(and |so )?how long (has|have|had)\b", re.I), re.compile(rf"{_DURATION}|\bsince\b", re.I)),
    # "How long …?" asks for a duration or a length: "seven countries" is neither, nor is
    # "for the first time since last August".
    (re.compile(r"^\W*how long\b", re.I), re.compile(rf"\d|{_DURATION}|{_LENGTH}", re.I)),
    # "… the Black Death in what year?" needs a year, wherever the question asks it: "three
    # years" is no year.
    (re.compile(r"\b(what|which) year\b", re.I), re.compile(_YEAR, re.I)),
    # "How often does it meet?" asks for a frequency: where the meetings are held is none.
    (re.compile(r"^\W*(and |so )?how (often|frequently)\b", re.I), re.compile(_FREQUENCY, re.I)),
    (re.compile(r"^\W*how (many|much|old|far|big)\b", re.I), re.compile(_NUMBER_WORDS, re.I)),
    (re.compile(r"^\W*when\b", re.I), re.compile(_TIME_WORDS, re.I)),
    # "What time does the summit kick off?" is not answered by where it is held.
    (re.compile(r"\b(what|which) time\b", re.I), re.compile(rf"{_TIME_WORDS}|\b(noon|midnight|[ap]\.?m\b)", re.I)),
)


_NAME_QUESTION = re.compile(
    r"\b(what|what's|whats)\b[^?]*\bname\b(?! (all|every|the \w+ (who|that)))|"
    r"^\W*which (\w+ ){0,2}(countries|nations|cities|governments|officials|ministers|leaders|people)\b",
    re.I,
)  # "which Western countries …?" is not answered by "Western powers"; "… from what? name both" asks no name
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*")
_NAME_RUN = re.compile(r"\b[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")
_WHICH = re.compile(r"^\W*which\b", re.I)
_NOT_NAMES = {"the", "a", "an", "according", "he", "she", "it", "they", "his", "her", "their", "its", "in", "on", "no"}


def answers_the_kind(question: str, claim: str) -> bool:
    """Whether a line is the kind of answer its question asks for, and in the unit it names."""
    return (
        _of_the_kind(question, claim)
        and _in_the_unit(question, claim)
        and _names_one(question, claim)
        and _not_only_where(question, claim)
    )


# "How were his remarks made public?" asks the way they were: not "how many", "how long" and the like.
_HOW_DONE = re.compile(
    r"^\W*(?:and |so )?how\s+(?:was|were|did|do|does|is|are|has|have|had|will|would|can|could)\b", re.I
)
_PLACED = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:[a-z]+\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")  # "in eastern China"


def _not_only_where(question: str, claim: str) -> bool:
    """Whether a line to "how was it done?" tells more than where: "made public in eastern China" tells no way."""
    if not _HOW_DONE.search(question) or not _PLACED.search(claim):
        return True
    asked = stems(re.findall(r"[\w’'-]+", question))
    said = [word for word in re.findall(r"[\w’'-]+", _PLACED.sub(" ", claim)) if word.lower() not in STOPWORDS]
    return bool(stems([word for word in said if not word[:1].isupper()]) - asked)


def _names_one(question: str, claim: str) -> bool:
    """ "What's the name of the spokesman …?" needs a name the question does not already hold.

    "State Department spokesman" answers "what's the name of the State
    Department spokesman?" with its own words.
    """
    if not _NAME_QUESTION.search(question):
        return True
    asked = {word.lower() for word in re.findall(r"[\w’'-]+", question)}
    asked |= {part for word in asked for part in word.split("-")}  # "the China-Afghanistan border" names Afghanistan
    # "Russian President Vladimir Putin" is the question's Putin ("Putin's") to "which countries …?", whatever
    # words it puts before him; to "what is Lavrov's first name?" "Sergei" is the answer.
    owners = {re.sub(r"[’']s$", "", word) for word in asked} if _WHICH.match(question) else set()
    runs = [run.split() for run in _NAME_RUN.findall(claim)]
    theirs = {word.lower() for run in runs if run[-1].lower() in owners for word in run}
    # "Russian Foreign Minister" to "what's the name of the Russian Foreign Ministry official …?": a title is no name.
    known = asked | theirs | TITLES
    return any(word.lower() not in known for word in _CAPITALISED.findall(claim) if word.lower() not in _NOT_NAMES)


def _of_the_kind(question: str, claim: str) -> bool:
    """A "how many" question needs a number in its answer, a "when" question a time, and so on."""
    for asks, needs in _KINDS:
        if asks.search(question):
            return bool(needs.search(claim))
    return True


def _in_the_unit(question: str, claim: str) -> bool:
    """ "… in meters?" and "how many miles …?" need that unit in the answer, not another.

    A time unit counts only after "how many": "the strongest in years" names no unit, and
    "how many days …?" needs days.
    """
    for unit, written in _UNITS.items():
        if asked := re.search(rf"\b(in|how many) ({unit})\b", question, re.I):
            # "76 kilometers long border in meters": the question's own words are no unit of the answer's.
            return bool(re.search(written, claim.replace(asked.group(0), ""), re.I))
    if asked := re.search(rf"\bhow many ({_TIME_UNIT})\b", question, re.I):
        # "How many days …?" is not answered "Five weeks": the unit asked, as "2 days" or "two-day".
        unit = asked.group(1).lower().removesuffix("s")
        return bool(re.search(rf"\b{unit}s?\b", claim, re.I))
    return True


_MONTHS = f"(?-i:{'|'.join(m.capitalize() for m in _MONTH_LIST)})"  # not "may"
_COUNT = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|\d+)"
_RELATIVE = r"(?:days?|weeks?|months?|years?|decades?) (?:before|after|ago|earlier|later)"
_RELATIVE_WORDS = rf"\b{_COUNT} {_RELATIVE}\b(?: [^\s,.;:!?“”()]+)"  # and the words after it, up to a count
_RELATIVE_PHRASE = rf"{_RELATIVE_WORDS}{{0,3}}"  # "a week after Wang Yi’s visit"
_APART_PHRASE = re.compile(rf"{_RELATIVE_WORDS}{{0,6}}", re.I)  # … to the clause's end
_TIME_PHRASE = re.compile(
    rf"\b(?:(?:since|in|on|by|until|last|early|late|mid)[ -])*{_MONTHS}(?: \d{{1,2}})?(?:,? \d{{4}})?\b"
    rf"|{_RELATIVE_PHRASE}"
    r"|\b(?:yesterday|today|tomorrow|tonight|last (?:week|month|year|night)|at the same time)\b"
    r"|\b(?:in|since) \d{4}\b",
    re.I,
)
_APART_QUESTION = re.compile(
    r"^\W*(?:and |so )?(?:\w+ )?how long\b.*\b(?:before|after|ago)\b"
    # "The talks came how long after …?" ("how many weeks after …?" asks for a count: not this)
    r"|\bhow (?:long|much time) (?:before|after)\b",
    re.I,
)
_TIME_QUESTION = re.compile(r"^\W*(?:and |so )?(when|(on |in )?(what|which) (date|day|month|year)s?)\b", re.I)


_SPAN = re.compile(rf"\b{_COUNT} (?:{_TIME_UNIT})\b", re.I)


def spans_of_time(text: str) -> list[str]:
    """The spans of time a text writes with a count: "five weeks", "a month", "2 days"."""
    return _SPAN.findall(text)


def placed_in_time(question: str) -> bool:
    """Whether a question that asks something else places it at a span of time: "where did he travel a week before …?".

    Not a bar to measure against: "was it more than a month before?".
    """
    return bool(_placing_spans(question)) and not (asks_for_a_time(question) or _HOW_LONG.search(question))


def writes_the_span(question: str, sentence: str) -> bool:
    """Whether a sentence writes a span of time the question places its event at, its count in figures or words."""
    return any(re.search(rf"\b{_either_way(span.lower())}\b", sentence, re.I) for span in _placing_spans(question))


def _placing_spans(question: str) -> list[str]:
    """The spans of time a question writes, but those it compares with ("more than a month")."""
    spans = spans_of_time(question)
    return [span for span in spans if not re.search(rf"\bthan (?:\w+ )?{re.escape(span)}", question, re.I)]


_HOW_LONG = re.compile(r"^\W*(?:and |so )?how long\b", re.I)


def asks_for_a_time(question: str) -> bool:
    """Whether a question asks when something happened ("When …?", "In what year …?")."""
    return bool(_TIME_QUESTION.search(question))


def asks_how_long_apart(question: str) -> bool:
    """Whether a question asks how long one thing came before or after another ("How long after … did …?")."""
    return bool(_APART_QUESTION.search(question))


def times_apart(sentence: str) -> list[str]:
    """The times a sentence states relative to another event: "a month after Russia sent thousands"."""
    return _phrases(_APART_PHRASE, sentence)


def times(sentence: str) -> list[str]:
    """The times a sentence states, as it writes them: "last August", "a few weeks before the war", "yesterday".

    Dates and times relative to the story; not clock times, nor times without
    a word for when ("that day").
    """
    return _phrases(_TIME_PHRASE, sentence)


def _phrases(pattern: re.Pattern[str], sentence: str) -> list[str]:
    """What ``pattern`` finds in a sentence, without a dangling "of", "to", "the" at the end."""
    return [_DANGLING.sub("", match.group(0)) for match in pattern.finditer(sentence)]


_DANGLING = re.compile(r"(?:\s+(?:of|to|for|in|on|at|by|with|and|or|the|a|an|his|her|its|their))+$", re.I)


_LASTED = re.compile(r"^\W*(and |so )?how long (did|do|does|will|would)\b.*\b(last|take|go on|continue)\b", re.I)


def offset_for_length(question: str, claim: str, sentence: str) -> bool:
    """Whether "how long did X last?" is answered with a time its sentence counts from another event.

    "Five weeks after the invasion of Ukraine, Sergei Lavrov today received
    …" says when, not how long: "Five weeks" is no answer to "how long did
    the talks last?".
    """
    if not _LASTED.search(question):
        return False
    said = {span.lower() for span in spans_of_time(claim)}
    return bool(said) and all(
        re.search(rf"\b{_either_way(span)} (?:before|after|ago|earlier|later)\b", sentence, re.I) for span in said
    )


# "How long did the talks … last?", "how long will the Afghanistan summit last?": the words of the thing asked about.
_LASTING = re.compile(
    r"^\W*(?:and |so )?how long (?:did|do|does|will|would) (?:the|this|that|these|those|their|his|her|its) "
    r"((?:[\w-]+ )*?[\w-]+)(?= (?:between|of|with|in|on|at|for|about|last|take|go|continue)\b)",
    re.I,
)


def length_of_another(question: str, claim: str, sentence: str) -> bool:
    """Whether "how long did the talks last?" is answered with the length its sentence gives another thing.

    "… had talks with his Russian counterpart in Anui, where a two-day
    summit … will be held": two days is how long the summit lasts.
    """
    asked = _LASTING.search(question)
    said = spans_of_time(claim)
    if not asked or not _LASTED.search(question) or not said:
        return False
    thing = stems(asked.group(1).split())
    for span in said:
        count, _, unit = span.lower().partition(" ")
        lasting = re.findall(rf"\b{_count(count)}-{unit.removesuffix('s')}(?:-long)? ([a-z]+)", sentence, re.I)
        if not lasting or any(stems([noun]) & thing for noun in lasting):
            return False
    return True


_ACROSS = re.compile(r"^\W*(?:and |so )?how (high|tall|deep|wide)\b", re.I)
_DEGREE = r"(?:(?:very|extremely|relatively|fairly|quite|so) )?"


def length_for_height(question: str, claim: str, sentence: str) -> bool:
    """Whether "how high …?" is answered with a figure its sentence gives as a length.

    "China has a 76-kilometer-long border with Afghanistan at a very high
    altitude": "76 kilometers" is how long the border is, not how high.
    """
    if not _ACROSS.search(question):
        return False
    figures = re.findall(r"\d[\d,.]*\d|\d", claim)
    return bool(figures) and all(
        re.search(rf"(?<![\d,.]){re.escape(figure)}[\s-]*(?:[a-z]+[\s-]+)?long\b", sentence, re.I) for figure in figures
    )


def as_high_as_told(question: str, sentence: str) -> str | None:
    """The sentence's words for what "how high …?" asks, when it gives no figure: "at a very high altitude"."""
    asked = _ACROSS.search(question)
    if not asked:
        return None
    word = asked.group(1).lower()
    match = re.search(rf"\b(?:(?:at|in|on) )?(?:an? )?{_DEGREE}{word}(?: (?!and\b|or\b)[a-z]+)?\b", sentence, re.I)
    return match.group(0) if match else None


def _either_way(span: str) -> str:
    """A pattern for a span of time with its count in figures or in words ("5 weeks", "five weeks")."""
    count, _, unit = span.partition(" ")
    return rf"{_count(count)} {re.escape(unit)}"


def _count(count: str) -> str:
    """A pattern for a count in figures or in words: "5" or "five"."""
    word = number_word(count)
    return rf"(?:{re.escape(count)}|{word})" if word else re.escape(count)


# "How big is China's delegation at the meeting?": what is measured, up to a preposition or a verb of plans.
_MEASURED = re.compile(
    r"^\W*(?:and |so )?how (?:big|large|long|far|old|tall|high|wide|deep|heavy) (?:is|are|was|were) (?P<thing>[^?,;]+)",
    re.I,
)
_THING_ENDS = re.compile(
    r"\b(?:at|in|on|of|for|with|between|from|to|that|which|who|going|supposed|scheduled|expected|set|due)\b.*", re.I
)


def measured_words(question: str) -> list[str]:
    """The common words for what a "how big is …?" question measures: ["delegation"] for the one above.

    Names are left out (the name checks see to them), and so are pronouns:
    "how long is it going to last?" gives none.
    """
    asked = _MEASURED.search(question)
    if asked is None:
        return []
    thing = _THING_ENDS.sub("", asked.group("thing"))
    return [w for w in re.findall(r"[\w’'-]+", thing) if w.islower() and w not in STOPWORDS and len(w) > 2]
