"""Who a news sentence says said or reported what it states: the answer to "according to whom?".

News sentences carry their source with them: "…, according to the New China
news agency", "a Chinese Foreign Ministry spokesman told reporters", "…,” said
spokesman Wang Wenbin". Asked "who said he would be there?", a small model
answers with the sentence's subject (the man who will be there); the source
is a phrase this module can read off the sentence.

It reads one sentence at a time: a pronoun ("he said") names no source here,
and it does not look for the person a pronoun stands for in the sentences before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.verify import MIN_SHARED_PREFIX, content_stems, name_key, name_runs, shared_prefix, words
from assistant.answer.wording import sentence_case

_VERB = r"(?:said|says|told|tells|reported|reports|announced|stated|added|claimed|confirmed|explained)"
_PHRASE = r"[^,.;:!?“”\"()\[\]]+"  # a run of words inside one clause
_ACCORDING = re.compile(rf"\baccording to ({_PHRASE})", re.I)
_LEADING_SOURCE = re.compile(rf"^\W*(?:as )?per\s+{_PHRASE},\s*", re.I)  # "per the statement, who …?"
_SAID_BY = re.compile(rf"[,“”\"]\s*{_VERB}\s+((?:[A-Z]|an? |the ){_PHRASE})")  # "…,” said spokesman Wang Wenbin"
_WHO_SAID = re.compile(rf"({_PHRASE}),\s*who\s+{_VERB}\b")  # "Lavrov, who said yesterday that …"
_SAID = re.compile(rf"({_PHRASE}?)\s+{_VERB}\b")  # "a Chinese Foreign Ministry spokesman told reporters"
# "In a statement issued by Moscow, …" opening a sentence: the statement is the source, and who issued it.
_IN_STATEMENT = re.compile(
    r"^\W*In (an? (?:[\w-]+\s+){0,2}?(?:statement|report|interview|communiqu[ée]|letter)"
    r"(?:\s+(?:issued|released|published|given)\s+by\s+[^,.;:!?“”\"()]+)?),"
)
# "… as stated in a statement the Russian Foreign Ministry": the statement's author, "by" or not.
_STATED_IN = re.compile(
    rf"\b{_VERB}\s+in\s+an?\s+(?:statement|report|communiqu[ée])\s+(?:(?:issued\s+)?by\s+|from\s+)?((?:the\s+)?[A-Z]{_PHRASE})"
)
_AUXILIARY = r"(?:did|does|do|has|have|had|is|was|are|were|will|would|can|could)"  # "what has he said?" asks what
_SOURCE_QUESTION = re.compile(
    rf"\baccording to (whom|who|what|which)\b|\bwho\s+(?:had\s+|has\s+)?{_VERB}\b|"
    rf"^\W*(?:which|what)\s+(?!{_AUXILIARY}\b)(?:[\w-]+\s+){{1,3}}?{_VERB}\b|"  # "which agency said"
    r"\b(what|which|who) (is|was|were|are) (the|their|its|his|her) sources?\b|"
    r"\bwhose\s+(?:statement|report|words|remarks?|comments?|announcement|account|claim)\b|"  # "whose statement …?"
    # "Where was the quote reported?" asks in what outlet; "where did he announce it?" may ask a place.
    r"^\W*(?:and\s+|so\s+)?where\s+(?:was|were|is|are|did|does|do|has|have|had)\b.*?"
    r"\b(?:reported|published|aired|broadcast|carried)\b",
    re.I,
)
# "Where was it reported?" and "which outlet …?" ask for the reporter too: a speaker is said nowhere.
_REPORTER_QUESTION = re.compile(
    r"\baccording to\b|\bsources?\b|^\W*(?:and\s+|so\s+)?where\b|"
    r"\b(?:which|what)\s+(?:news\s+)?(?:outlets?|agency|agencies|media|channel|network|newspaper|broadcaster|site)\b",
    re.I,
)
_TRAILER = re.compile(r"\s+(?:on|in|at|during|after|before|when|while|as|to|from|with|last|this|yesterday|today)\s.*$")
_THE_TEXT = re.compile(
    r"(?:the|this|that|your|our)\s+(?:news\s+)?(?:articles?|stor(?:y|ies)|pieces?|reports?|texts?|news)", re.I
)
_PRONOUNS = frozenset(
    {"he", "she", "they", "it", "we", "i", "you", "this", "that", "who", "which", "there", "one", "someone"}
    | {"his", "her", "their", "its"}
)
ROLE_REACH = 4  # words before a name that may give its role: "The Chinese Foreign Minister Wang Yi"
_PERSONAL = re.compile(r"\b(?:he|she|they|we|i|our|my)\b", re.I)  # a speaker the sentence may not name
MAX_SOURCE_WORDS = 8
MAX_SPEAKER_WORDS = 5  # "the Chinese Foreign Ministry spokesman"
_SAY = r"(?:say|said|tell|told|(?:announce|state|claim|report|confirm|explain|add)(?:ed|d)?)"  # "what had he said"
# "Lavrov, who said yesterday that Russia's relations … were at the strongest level ever, had traveled …".
_SAID_IN_PASSING = re.compile(rf"({_PHRASE}),\s*who\s+{_VERB}\s+(?:[\w’'-]+\s+){{0,3}}?that\s+([^,;]+)")
_WHAT_SAID = re.compile(rf"^\W*what (?:did|does|do|has|have|had|will|would) ({_PHRASE}?) {_SAY}\b", re.I)


# "When did he say that?", "where did he say it?", "how was that remark made public?": not what was said,
# the circumstances of saying it.
_CIRCUMSTANCE_QUESTION = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:when|where|how(?!\s+(?:long|many|much|far|old|big|often)\b))\b"
    r".*\b(?:say|said|tell|told|remarks?|comments?|made public|released)\b",
    re.I,
)
# "… he said in a video of the conversation", "…, said spokesman Wang Wenbin, when asked about …", "told
# reporters in Beijing": the verb, perhaps who said it, then where, when or how.
_SAID_WHERE = re.compile(
    r"\b(?:said|says|told\s+(?:reporters|journalists|the\s+press|\w+)|stated|added)\s+"
    r"(?:(?:[A-Z][\w’'-]*|spokes\w+|minister|the|a|an|his|her),?\s+){0,6}?"
    r"((?:in|at|during|on|when|while)\s(?:(?!\s(?:that|and)\b)[^.,”\"])+)"
)


_SAYING_WORD = re.compile(r"\b(?:say|said|tell|told|made public|released)\b", re.I)
# "… respond to Lavrov's remarks", "… react to the comments": the remarks are the object of another deed.
_REMARKS_ANSWERED = re.compile(r"\b(?:to|about|on|over|at|with)\s+(?:[\w’'-]+\s+){0,3}?(?:remarks?|comments?)\b", re.I)
# "How did he say those relations are developing?" asks how they develop, as he said it: a clause follows.
_HOW_SAID_TO_BE = re.compile(
    r"^\W*(?:and\s+|so\s+)?how\b.*\b(?:say|said|tell|told)\s+(?:that\s+)?(?:[\w’'-]+\s+){1,4}?"
    r"(?:is|are|was|were|will|would|had|has|have|can|could)\b",
    re.I,
)


def asks_how_said(question: str) -> bool:
    """Whether a question asks when, where or how something was said, not what.

    Not how someone answered what was said: "how did Wang Yi respond to Lavrov's remarks?" asks
    about the response, which the remarks are only the object of.
    """
    if not _CIRCUMSTANCE_QUESTION.search(question) or _HOW_SAID_TO_BE.search(question):
        return False
    return bool(_SAYING_WORD.search(question)) or not _REMARKS_ANSWERED.search(question)


def said_where(sentence: str) -> str | None:
    """Where, when or how a sentence says its words were said: "In a video of the conversation …", or None."""
    found = _SAID_WHERE.search(sentence)
    return sentence_case(found.group(1).strip(" ,")) if found else None


# "…,” he said in a video …": the speaker is the one the sentence before names.
_PRONOUN_SAID = re.compile(r"\b(?:he|she|they)\s+(?:said|says|told|added|stated)\b", re.I)


def said_by_pronoun(sentence: str) -> bool:
    """Whether a sentence names its speaker only as "he", "she" or "they": who is in the sentence before."""
    return bool(_PRONOUN_SAID.search(sentence))


_FIRST_NAME_RUN = re.compile(r"\b(?!(?:The|In|At|On|A|An|This|That)\b)([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)")


def speaker_before(sentence_before: str) -> str | None:
    """Who "he" is in the sentence after this one: the first name of two words or more it gives.

    "In this context, Sergei Lavrov took advantage of a bilateral meeting …"
    and then "“We are experiencing a very serious stage …,” he said".
    """
    found = _FIRST_NAME_RUN.search(sentence_before)
    return found.group(1) if found else None


# "says who?", "who said so?", "according to whom?", "source?": the source of the last answer, asked alone.
_BARE_SOURCE = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:says\s+who|who\s+(?:says|said)(?:\s+(?:so|that|this|it))?|according\s+to\s+wh(?:om|o)|"
    r"(?:what(?:'s|’s|\s+is)\s+(?:the|your)\s+)?sources?|who\s+reported\s+(?:that|this|it))\W*$",
    re.I,
)


def asks_source_of_the_last_answer(question: str) -> bool:
    """Whether a follow-up only asks who says what the last answer said: "says who?"."""
    return bool(_BARE_SOURCE.match(question))


def asks_for_source(question: str) -> bool:
    """Whether a question asks who said or reported something ("According to whom?", "Who said …?")."""
    return bool(_SOURCE_QUESTION.search(question))


def unattributed(text: str) -> str:
    """A text without who says it: "who imposed them, according to the statement?" → "who imposed them, ?",
    "per the Russian statement, who imposed them?" → "who imposed them?"."""
    return _ACCORDING.sub("", _LEADING_SOURCE.sub("", text))


def speaker_asked(question: str, rewrite: str = "") -> str | None:
    """Whose words "What did Amir Khan Mutaki say …?" asks for; None for another question.

    For a pronoun ("he", "his spokesman": the conversation's) it is the name
    the follow-up's ``rewrite`` puts in its place ("What did Tom West say
    …?"), and None when the rewrite puts a title there: a rewrite may
    resolve "he" to a title no sentence uses.
    """
    match = _WHAT_SAID.search(question)
    speaker = match.group(1).split() if match else []
    if not speaker or len(speaker) > MAX_SPEAKER_WORDS:
        return None  # "what did the minister use that meeting to announce?" asks no one's words
    if _THE_TEXT.fullmatch(" ".join(speaker)):
        return None  # "what does the article say about …?" asks what it tells, whoever says it
    if any(w.lower() in _PRONOUNS for w in speaker):
        named = speaker_asked(rewrite) if rewrite else None
        return named if named and all(w[:1].isupper() for w in named.split()) else None
    return " ".join(speaker)


def said_by(sentence: str, speaker: str, story: Sequence[str] = ()) -> bool:
    """Whether a sentence may give ``speaker``'s words: a source it names, else the sentence, shares a word with them.

    A speaker asked for by role may be the source a sentence names: "the
    Chinese FM" is the Wang of "Wang said …" when a sentence of the ``story``
    writes Wang right after the role's words ("The Chinese Foreign Minister
    Wang Yi"), of them those the story writes at all ("FM" it does not).

    "Mutaki is also expected, according to the New China news agency" says
    what the agency reported, not what Mutaki said. A sentence without a
    named source may be the speaker's words when it mentions them ("Wang Yi
    hailed a rock-solid friendship") or someone a pronoun stands for ("we
    will move towards …"), but not as what was done to them ("… have denounced
    NATO"); "Lavrov took advantage of the meeting to announce
    a new world order" is not what Iran's representative said.
    """
    named = sources(sentence)
    if named:
        return any(
            (content_stems(source) & content_stems(speaker) and not _another(source, speaker))
            or _titled(source, speaker, story)
            for source in named
        )
    if _PERSONAL.search(sentence):
        return True
    return bool(content_stems(sentence) & content_stems(speaker)) and not _only_done_to(speaker, sentence)


def _only_done_to(speaker: str, sentence: str) -> bool:
    """Whether a sentence names the speaker only right after a verb in the past: "have denounced NATO" is not NATO's."""
    found = [m.start() for m in re.finditer(rf"\b{re.escape(speaker)}\b", sentence)]
    return bool(found) and all(_DONE_TO.search(sentence, 0, at) for at in found)


_DONE_TO = re.compile(r"\b[a-z]+ed\s+(?:the\s+)?$")


_SPEECH = re.compile(rf"[“”\"]|\b{_SAY}s?\b|\b{_VERB}\b|\baccording to\b", re.I)  # "… to announce the arrival"


def reports_speech(sentence: str) -> bool:
    """Whether a sentence quotes or reports anyone's words at all."""
    return bool(_SPEECH.search(sentence))


def sourced_to(sentence: str, speaker: str) -> bool:
    """Whether a sentence names ``speaker`` as the source of what it says: "…,” said … spokesman Wang Wenbin"."""
    return any(content_stems(source) & content_stems(speaker) for source in sources(sentence))


def said_in_passing(sentence: str, speaker: str, story: Sequence[str] = ()) -> str | None:
    """What a sentence says ``speaker`` said in a clause about them, as its own sentence; None if it says none.

    "What had Lavrov said the day before about Russia's ties with China?"
    is answered by "… that Russia's relations with China were at the
    strongest level ever", not by what the rest of "Lavrov, who said
    yesterday that …, had traveled to China for talks" tells. A speaker
    asked for by role is the one the ``story`` gives that role (``_titled``).
    """
    for match in _SAID_IN_PASSING.finditer(sentence):
        subject = match.group(1)
        # Not "Lavrov and Wang" of "Lavrov, who said …".
        if content_stems(speaker) <= content_stems(subject) or _titled(subject, speaker, story):
            return sentence_case(match.group(2).strip())
    return None


# A country's "top diplomat" is its foreign minister, as news writes it.
_TOP_DIPLOMAT = re.compile(r"\b(?:top|chief|senior-most) diplomat\b", re.I)


def _titled(source: str, speaker: str, story: Sequence[str]) -> bool:
    """Whether a sentence of the story writes the source's name right after the words of the speaker's role.

    Only the role's words the story writes at all count ("Chinese" of "the
    Chinese FM"), a country for its people ("China's foreign minister": "The
    Chinese Foreign Minister Wang Yi"; its "top diplomat" is its foreign minister), and only the few words before the
    name: "… with his Russian counterpart, Sergei Lavrov" does not make Wang Yi Russian; it makes
    Lavrov the Russian holder of the role the sentence gives Wang Yi.
    """
    texts = [[name_key(w) for w in words(text)] for text in story]
    every = {token for tokens in texts for token in tokens}
    written = content_stems(" ".join(every))
    said = words(_TOP_DIPLOMAT.sub("foreign minister", speaker))
    role = content_stems(" ".join(w for w in said if w.islower())) & written
    capitalised = [name_key(w) for w in said if w[:1].isupper()]
    countries = [w for w in capitalised if any(shared_prefix(w, t) >= MIN_SHARED_PREFIX for t in every)]
    runs = name_runs(source)
    if not role and not countries:
        return False
    for tokens in texts:
        for run in runs:
            starts = [i for i in range(len(tokens) - len(run) + 1) if tokens[i : i + len(run)] == run]
            if any(
                _gives_role(tokens[max(0, i - ROLE_REACH) : i], role, countries)
                or _counterpart_of_role(tokens, i, role, countries)
                for i in starts
            ):
                return True
    return False


def _counterpart_of_role(tokens: list[str], i: int, role: set[str], countries: list[str]) -> bool:
    """Whether the name at ``i`` is called the counterpart of someone the sentence gives the role before it.

    "The Chinese Foreign Minister Wang Yi had talks with his Russian
    counterpart, Sergei Lavrov": Lavrov is the Russian foreign minister.
    """
    before = tokens[max(0, i - ROLE_REACH) : i]
    return (
        bool(role)
        and "counterpart" in before
        and _gives_role(before, set(), countries)
        and role <= content_stems(" ".join(tokens[:i]))
    )


def _gives_role(before: list[str], role: set[str], countries: list[str]) -> bool:
    """Whether the words before a name hold the role's words and a word for each of its countries or peoples."""
    return role <= content_stems(" ".join(before)) and all(
        any(shared_prefix(country, word) >= MIN_SHARED_PREFIX for word in before) for country in countries
    )


def _another(source: str, speaker: str) -> bool:
    """Whether the source's name sharing a word with the speaker's goes on otherwise: "Wang Wenbin", not "Wang Yi"."""
    said = {w.lower() for w in speaker.split()}
    runs = ({w.lower() for w in run} for run in name_runs(source))
    return any(run & said and run - said and said - run for run in runs)


def sources(sentence: str, question: str = "") -> list[str]:
    """The sources a sentence names, the likeliest answer to ``question`` first.

    "According to whom?" asks for the reporter (the agency, the spokesman the
    story relies on); "who said …?" for the speaker first.
    """
    reporters = (
        _found(_ACCORDING, sentence, after=True) + _found(_IN_STATEMENT, sentence) + _found(_STATED_IN, sentence)
    )
    speakers = _found(_SAID_BY, sentence, after=True) + _found(_WHO_SAID, sentence) + _found(_SAID, sentence)
    ordered = reporters + speakers if _REPORTER_QUESTION.search(question) else speakers + reporters
    return list(dict.fromkeys(ordered))


def _found(pattern: re.Pattern[str], sentence: str, after: bool = False) -> list[str]:
    """The sources ``pattern`` finds; a phrase ``after`` its verb ends where a time or place begins."""
    phrases = (match.group(1) for match in pattern.finditer(sentence))
    return [source for phrase in phrases if (source := _source(_TRAILER.sub("", phrase) if after else phrase))]


def _source(phrase: str) -> str | None:
    """A phrase that names a source; None for a pronoun or a clause that is not one."""
    tokens = phrase.split()
    if not tokens or len(tokens) > MAX_SOURCE_WORDS or tokens[-1].lower() in _PRONOUNS:
        return None
    first = tokens[0]
    if not (first[0].isupper() or first.lower() in ("a", "an", "the")):
        return None
    return " ".join(tokens)
