"""Complete the lines a small model wrote too short, from the very sentences they cite.

Asked "what is limitless?", the model names the first of three clauses that
say so; asked "who imposed the sanctions?", it names the ministers who
condemned them, not the "by both the United States and its satellites" of a
passive sentence; asked for a list, it names the first item of "Iran,
Tajikistan, Turkmenistan and Uzbekistan"; asked "who said it?", it repeats
what was said. Each step here reads a cited (or closer) evidence sentence and
returns lines quoted from it, cited to it: nothing is added that its sentence
does not write.

This module does not verify lines (``verify`` has), nor ask the model, nor
look beyond the evidence sentences: what the story says elsewhere is the
pipeline's business.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from assistant.answer.attribution import (
    asks_how_said,
    said_by_pronoun,
    said_where,
    sources,
    speaker_before,
    unattributed,
)
from assistant.answer.extract import adds_to, is_list_question
from assistant.answer.kinds import answers_the_kind
from assistant.answer.phrases import (
    EXCLUDING,
    asked_part,
    coordinated,
    count_of,
    deeds,
    doer,
    done_to,
    finished,
    fronted,
    government_called,
    happened,
    holder_of,
    named_as,
    nested_places,
    object_of,
    opened_with,
    part_of,
    participants,
    possessor,
    predicate,
    qualifier,
    quoted_name,
    reason,
    split_words,
    subject_of,
    title_of,
    word_for,
)
from assistant.answer.verify import (
    STOPWORDS,
    content_stems,
    coverage,
    is_name_or_number,
    name_runs,
    number_word,
    same_name,
    stems,
    words,
)
from assistant.answer.wording import sentence_case
from assistant.types import Hit

Line = tuple[str, list[int]]  # a claim and the (1-based) evidence numbers it cites
# A sentence that holds this share of a question's content words is close enough to read an answer off.
REREAD_MIN_COVERAGE = 0.5
_WHAT = re.compile(r"\bwhat\b", re.I)
# "According to the spokesman, which things …": the source and question word before the words asked.
_OPENING = re.compile(r"^\W*(?:according to [^,?]+,\s*)?(?:which|what)\b", re.I)
_WHERE = re.compile(r"^\W*(?:and |so |but )?where\b", re.I)
# "what city are the meetings being held in": "where" by another name, one that no step of a run names.
_WHAT_PLACE = re.compile(r"\b(?:what|which)\s+(?:city|town|place|location|venue)\b", re.I)
_SUBORDINATE = re.compile(r"\b(?:when|while|as|after|before|because|who|that|which)\b", re.I)
LIST_ITEM = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")  # "Iran, Pakistan and Tajikistan": between items


def parallel(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """The other clauses of the answer's sentence that say what the question asks, in its words, of other things.

    "Our quest for peace is limitless, our defense of security is limitless,
    our opposition to hegemony is limitless": asked what is limitless, the
    model names the first. A word of a "what" question said in two clauses
    or more makes each of them an answer, quoted as the sentence writes it;
    only a word of the question's main clause, not of "… when he said …" or
    "the spokesman who called … limitless". A list question may ask "which
    three things are limitless?".
    """
    if not lines[0][1] or not (_WHAT.search(question) or is_list_question(question)):
        return []
    n = lines[0][1][0]
    asked = main_clause_stems(_OPENING.sub("", question))
    clauses = [c.strip(" “”\"'") for c in re.split(r"[,;]|(?<=[.!?])\s", evidence[n - 1].text) if c.strip(" “”\"'")]
    worded = {c: stems([w for w in words(c) if w.islower()]) for c in clauses}
    for stem in asked:
        said = [c for c in clauses if stem in worded[c]]
        if len(said) >= 2:
            given = content_stems(" ".join(claim for claim, _ in lines))
            return [(sentence_case(c), [n]) for c in said if not content_stems(c) <= given]
    return []


def main_clause_stems(question: str) -> set[str]:
    """The stems of the lower-case content words of a question's main clause (not "… when he said …").

    Not its words of emphasis: "where are the meetings actually being held?"
    asks where they are held, and no sentence says "actually".
    """
    main = _SUBORDINATE.split(question)[0]
    return stems([w for w in words(main) if w.islower() and w.lower() not in STOPWORDS and w not in _EMPHASIS])


_EMPHASIS = frozenset({"actually", "really", "exactly", "precisely", "specifically", "truly"})


def done_by(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """For a "who …?" question, the doer a close passive sentence names, unless the lines name it already.

    It takes the lines' place, or joins them when the question asks for a list.

    "Who imposed the sanctions on Russia?" against "… the illegal unilateral
    sanctions imposed on Russia by both the United States and its
    satellites": the model named the ministers who condemned them. Who
    says so ("… according to the Russian foreign ministry statement") is not
    what the sentence must hold.
    """
    asked = unattributed(question)
    found = [
        (share, n, phrase)
        for n in range(1, len(evidence) + 1)
        if (phrase := doer(asked, evidence[n - 1].text))
        and adds_to(phrase, question)
        and (share := coverage(evidence[n - 1].text, asked)) >= REREAD_MIN_COVERAGE
    ]
    if not found:
        return []
    _, n, phrase = max(found, key=lambda f: f[0])
    if EXCLUDING.search(question):
        # "Besides the United States, who …?" of "by both the United States and its satellites".
        phrase = ", ".join(i for i in LIST_ITEM.split(phrase) if not content_stems(i) <= content_stems(question))
        if not phrase:
            return []
    named = [w for w in words(phrase) if is_name_or_number(w)] or [phrase]
    if content_stems(" ".join(named)) <= content_stems(" ".join(claim for claim, _ in lines)):
        return []
    line = (sentence_case(phrase), [n])
    return [*lines, line] if is_list_question(question) else [line]


def done_to_it(question: str, evidence: list[Hit]) -> list[Line]:
    """For "what did X impose on Y?", what a close passive sentence says was imposed on Y by X, read off it.

    For when nothing else answers: "What did the parties say that the United
    States imposed on Russia?" against "… the illegal unilateral sanctions
    imposed on Russia by both the United States and its satellites".
    """
    asked = unattributed(question)
    found = [
        (share, -n, phrase)
        for n in range(1, len(evidence) + 1)
        if (phrase := done_to(asked, evidence[n - 1].text))
        and (share := coverage(evidence[n - 1].text, asked)) >= REREAD_MIN_COVERAGE
    ]
    if not found:
        return []
    _, n, phrase = max(found)
    return [(sentence_case(phrase), [-n])]


def whole_predicate(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """For "what did X do …?", a line that is part of what its sentence says X did becomes all of it."""
    whole: list[Line] = []
    for claim, markers in lines:
        done = predicate(question, evidence[markers[0] - 1].text) if markers else None
        part = done is not None and content_stems(claim) <= content_stems(f"{done} {_counts_spelled(question)}")
        line = (sentence_case(done), markers) if done and part else (claim, markers)
        if line not in whole:
            whole.append(line)
    return whole


_NOT_TO_DO = re.compile(r"\bnot\s+to\s+do\b", re.I)


def as_told_not_to(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """For "what were they warned not to do?", a line that says the deed says "not to" as well, as its sentence does.

    "Support the regime of … Putin", cited to "Western powers have warned
    Beijing not to support the regime …", reads as the opposite of what they
    were told: "Not to support the regime …".
    """
    if not _NOT_TO_DO.search(question):
        return lines
    told: list[Line] = []
    for claim, markers in lines:
        deed = claim.split(maxsplit=1)[0].lower() if claim.strip() else ""
        said = markers and re.search(rf"\bnot\s+to\s+{re.escape(deed)}\b", evidence[markers[0] - 1].text, re.I)
        told.append((f"Not to {claim[0].lower()}{claim[1:]}", markers) if said and deed != "not" else (claim, markers))
    return told


def _counts_spelled(text: str) -> str:
    """Small counts in words, as stories write them: "the 2 countries" is "the two countries"."""
    return re.sub(r"\b\d{1,2}\b", lambda figure: number_word(figure.group()) or figure.group(), text)


def narrowest_place(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """For "where …?", a line that names a place its sentence puts a narrower one in names the narrower one too.

    "They met in eastern China", cited to "… Sergei Lavrov in the province of
    Anui, in eastern China, where …": asked where exactly they met, the model
    gave the region the province lies in. The line becomes the run of places
    as the sentence writes it, narrowest first. A place the question names
    ("where in Anui …?") is what it asks inside of, and is left alone. "What
    city …?" asks where as well: "Shanghai" for "… held in Tunisia, in the
    great district of Shanghai" leaves out the place the sentence names first.
    """
    if not _asks_where(question):
        return lines
    asked = {w.lower() for w in words(question)}
    return [_with_narrower_place(claim, markers, evidence, asked) for claim, markers in lines]


def placed_as_asked(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """For "where …?", the places of the sentence that tells the question's own event, when the lines cite another.

    "Where are the Afghanistan meetings being held?" against "… talks … in
    the province of Anui, in eastern China, where a two-day summit … will be
    held" and "The meetings, which are being held in Tunisia, in the great
    district of Shanghai …": the second says the question's words, meetings
    and held both. The answer is the run of places that sentence writes.
    Not a sentence without the names the question and the cited one share:
    where "Lavrov is meeting" is where his talks were, not where the meetings are.
    """
    if not lines or not lines[0][1] or not _asks_where(question):
        return lines
    asked = main_clause_stems(question)
    cited = evidence[lines[0][1][0] - 1].text
    if not asked or asked <= stems(words(cited)):
        return lines
    named = _name_keys(question) & _name_keys(cited)
    for n, hit in enumerate(evidence, 1):
        runs = nested_places(hit.text)
        if runs and asked <= stems(words(hit.text)) and named <= _name_keys(hit.text):
            return [(_run_shown(runs[0][0]), [n])]
    return lines


def _name_keys(text: str) -> set[str]:
    return {key for run in name_runs(text) for key in run}


def _asks_where(question: str) -> bool:
    return bool(_WHERE.match(question) or _WHAT_PLACE.search(question))


def _run_shown(run: str) -> str:
    """A run of places as an answer line: "Tunisia, in …" of "in Tunisia, in …"."""
    return sentence_case(re.sub(r"^(?:in|at)\s+", "", run))


def _with_narrower_place(claim: str, markers: list[int], evidence: list[Hit], asked: set[str]) -> Line:
    said = {w.lower() for w in words(claim)}
    for run, steps in nested_places(evidence[markers[0] - 1].text) if markers else []:
        names = [{w.lower() for w in words(step) if w[0].isupper()} for step in steps]
        if not names[0] & (said | asked) and any(later <= said for later in names[1:]):
            return (_run_shown(run), markers)
    return (claim, markers)


def as_worded(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """For "what kind of X?", "how did they describe X?" or "… the test of what?", the words a close sentence writes.

    Of the sentences that hold at least half the question's words (not the
    words that frame it: "title", "the article", "describe"; a sentence that
    goes on "since" the event before it holds that one's words too) and write
    the phrase (``phrases.qualifier``, ``phrases.finished``), the one that
    holds most answers, a sentence the lines cite first among equals. The
    lines stand when they already say the new words of a phrase from one of
    the sentences that hold most. Asked
    "what kind of isolation …?", the model answered from "as it increasingly
    isolates itself …", not from "… to escape complete economic isolation".
    """
    cited = {n for _, markers in lines for n in markers}
    asked = content_stems(" ".join(w for w in words(asked_part(question)) if w.lower() not in _FRAME))
    found = [
        (share, n in cited, -n, phrase)
        for n in range(1, len(evidence) + 1)
        if (phrase := _worded_phrase(question, evidence[n - 1].text))
        and (share := len(asked & stems(_unpossessed(split_words(_read_on(evidence[n - 1]))))) / max(len(asked), 1))
        >= REREAD_MIN_COVERAGE
    ]
    if not found:
        return []
    # Only the closest sentences count: "move towards a multipolar … world order" answers "what kind
    # of world order did he say they'd move towards?", not "the arrival of a new world order".
    found = [entry for entry in found if entry[0] == max(found)[0]]
    said = content_stems(" ".join(claim for claim, _ in lines))
    if any(content_stems(phrase) - content_stems(question) <= said for *_, phrase in found):
        return []
    *_, n, phrase = max(found)
    # "… about? name every topic": "the progress of the special military operation… and the dynamics of …".
    more = coordinated(phrase, evidence[-n - 1].text) if is_list_question(question) else []
    return [(sentence_case(item), [-n]) for item in [phrase, *more]]


def _unpossessed(tokens: list[str]) -> list[str]:
    """Words without their possessive ending: "Russia’s" is the question's "russia's" and "Russia"."""
    return [re.sub(r"[’']s$", "", token) for token in tokens]


# "The two countries have since spoken of …": since the event the sentence before tells of.
_SINCE_THEN = re.compile(r"\b(?:ha(?:ve|s|d)\s+since|since\s+then|ever\s+since)\b", re.I)


def _read_on(hit: Hit) -> str:
    """A sentence with the one before it, when it goes on from that one's event ("have since spoken of …")."""
    return _with_the_one_before(hit, bool(_SINCE_THEN.search(hit.text)))


def _with_the_one_before(hit: Hit, refers_back: bool) -> str:
    """A sentence read after the one before it, when it ``refers_back`` to it and the hit carries it."""
    return f"{hit.context_before[-1]} {hit.text}" if hit.context_before and refers_back else hit.text


# Words that frame what a question asks for, not what it is about: "What is X's title as given in the article?"
_FRAME = frozenset(
    {"article", "articles", "story", "text", "mention", "mentions", "mentioned", "given", "written", "write"}
    | {"describe", "described", "describes", "kind", "type", "sort", "title", "word", "words", "called", "call"}
)


# The readings of a phrase a sentence writes for a question, the most particular first.
_READINGS = (
    government_called,
    word_for,
    fronted,
    named_as,
    quoted_name,
    qualifier,
    finished,
    part_of,
    title_of,
    holder_of,
    possessor,
    deeds,
    happened,
    object_of,
    opened_with,
    subject_of,
)


def _worded_phrase(question: str, sentence: str) -> str | None:
    return next((phrase for read in _READINGS if (phrase := read(question, sentence))), None)


def coordinated_items(lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """The items a short list answer's sentence coordinates with it ("the bilateral field and …"), not yet said.

    A line that is itself a list ("Iran, Pakistan.") is read item by item:
    the sentence may go on from any of them ("Iran, Tajikistan and …").
    """
    said = content_stems(" ".join(claim for claim, _ in lines))
    found: list[Line] = []
    for claim, markers in lines:
        if not markers:
            continue
        sentence = evidence[markers[0] - 1].text
        named = dict.fromkeys([claim.rstrip(". "), *LIST_ITEM.split(claim.rstrip(". "))])
        for item in (item for phrase in named for item in coordinated(phrase, sentence)):
            if not _half_said(content_stems(item), said):
                found.append((sentence_case(item), [markers[0]]))
                said |= content_stems(item)
    return found


def _half_said(item: set[str], said: set[str]) -> bool:
    """Whether half an item's content was said: "co-operation in the bilateral field" is new after "cooperation"."""
    return 2 * len(item & said) >= len(item)


# "Who attended …?", not "who reported that Mutaki will attend?": the taking part is what is asked.
_TAKES_PART = re.compile(
    r"^(?:(?!\b(?:that|whether|if|source|says?|said|report\w*)\b).)*"
    r"\b(?:attend\w*|take part|took part|taking part|participat\w*|includ\w*|represent\w*|invited)\b",
    re.I,
)


def taking_part(question: str, lines: list[Line], evidence: list[Hit], readable: list[int]) -> list[Line]:
    """For "who attended …?", the names a ``readable`` sentence says take part, not yet said, cited to it.

    "… talks with Wang, who were to include representatives from the
    Afghan-ruled Taliban and Pakistan. Iran, Tajikistan, Turkmenistan and
    Uzbekistan." lists those who take part in words a small model does not
    read as an answer (it replied "Afghanistan"). The caller says which
    sentences are about what the question asks (``readable``): the words
    here say only that someone takes part in something.
    """
    if not _TAKES_PART.search(question):
        return []
    said = content_stems(" ".join(claim for claim, _ in lines))
    asked = content_stems(question)  # "besides the Taliban, …?": not "the Afghan-ruled Taliban"
    found: list[Line] = []
    for n in readable:
        names = [
            name
            for name in participants(evidence[n - 1].text)
            if not content_stems(name) <= said and not content_stems(name) & asked
        ]
        if names:
            found.append((sentence_case(", ".join(names)), [n]))
            said |= content_stems(" ".join(names))
    return found


def sourced(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """A question about who said something, answered with what was said, gets the source instead.

    The source is read off the cited sentence that holds most of the question's
    words ("…, according to the New China news agency"), or off an uncited
    evidence sentence that holds more of them when the model cited one about
    something else. An answer that already names a source of a sentence it
    cites stands, without its lines whose sentences name no source at all
    ("The foreign ministers confirmed it", cited to a sentence that says
    nothing of who confirmed anything).
    """
    said = content_stems(" ".join(claim for claim, _ in lines))
    cited = list(dict.fromkeys(n for _, markers in lines for n in markers))
    named = {n: sources(evidence[n - 1].text, question) for n in range(1, len(evidence) + 1)}
    if any(head(source) <= said for n in cited for source in named[n]):
        return [(claim, markers) for claim, markers in lines if any(named[n] for n in markers)]
    shares = {n: coverage(evidence[n - 1].text, question) for n in named}
    best_cited = max(shares[n] for n in cited)
    closer = {n for n in named if shares[n] > best_cited and shares[n] >= REREAD_MIN_COVERAGE}
    candidates = [n for n in named if named[n] and (n in cited or n in closer)]
    if not candidates:
        return lines
    best = max(candidates, key=lambda n: (shares[n], n in cited))
    return [(sentence_case(named[best][0]), [best])]


def head(phrase: str) -> set[str]:
    """The stems of a phrase's last two content words: what it names ("Wang Wenbin", "news agency")."""
    content = [w for w in words(phrase) if w.lower() not in STOPWORDS]
    return stems(content[-2:])


def counted(question: str, evidence: list[Hit], similarity: dict[str, float]) -> list[Line]:
    """A "how many …?" question left unanswered, answered with the count a close sentence writes before its noun.

    Asked "how many troops did Russia send …, roughly?", the model read
    "… after Russia sent thousands of troops to Ukraine" as no answer (it
    wants a figure). The sentence must hold half the question's other
    content words ("how many troops were killed?" is not answered by a
    sentence about troops sent); of several, the one that holds most, then
    the closest.
    """
    other = _uncounted(question)
    found = [
        (share, similarity[hit.sentence_id], n, count)
        for n, hit in enumerate(evidence, 1)
        if (count := count_of(question, hit.text)) and (share := coverage(hit.text, other)) >= REREAD_MIN_COVERAGE
    ]
    if not found:
        return []
    *_, n, count = max(found)
    return [(sentence_case(count), [n])] if answers_the_kind(question, count) else []


# "How long is the summit scheduled to last?", "how many days is the meeting he attends?": the event whose length
# is asked. Without "last", only a count of days or hours asks for one: "how long is the border?" asks a length.
_HOW_LONG = re.compile(
    r"^\W*how\s+(?:long|many\s+(?:minutes|hours|days|weeks|months))\s+(?:is|was|will|would|does|did)\s+"
    r"(?:the|this|that)\s+(?P<named>(?:[\w’'-]+\s+){1,9}?)"
    r"(?:(?:going|scheduled|supposed|expected|set|meant)\s+to\s+)?(?:last|run|take|go\s+on)\b"
    r"|^\W*how\s+many\s+(?:minutes|hours|days|weeks|months)\s+(?:is|was)\s+(?:the|this|that)\s+"
    r"(?P<counted>(?:[\w’'-]+\s*){1,9}?)\W*$",
    re.I,
)
_LENGTH = r"(?P<count>\w+)-(?P<unit>minute|hour|day|week|month|year)(?:-long)?"
MIN_EVENT_LETTERS = 3  # "is", "due", "to" name no event


def lasting(question: str, evidence: list[Hit]) -> list[Line]:
    """For "how long does X last?", the length a sentence writes before X, both ways: "Two days (“two-day summit”)."

    "… where a two-day summit dedicated to Afghanistan will be held" says how
    long the summit lasts in one word the model reads as no answer, or
    answers "two days", which is not how the article puts it. Only a length
    written right before the event's noun counts.
    """
    asked = _HOW_LONG.match(question)
    if not asked:
        return []
    # The event is one of the words before "last": "the Afghanistan meeting Lavrov is due to attend".
    phrase = asked.group("named") or asked.group("counted")
    named = [word.lower() for word in phrase.split() if word.lower() not in STOPWORDS]
    for event in (word.removesuffix("s") for word in named if word.isalpha() and len(word) > MIN_EVENT_LETTERS):
        written = re.compile(rf"\b{_LENGTH}\s+(?:[\w-]+\s+)?{re.escape(event)}s?\b", re.I)
        for n, hit in enumerate(evidence, 1):
            if found := written.search(hit.text):
                count, unit = found.group("count"), found.group("unit")
                units = unit if count.lower() in _SINGLE else f"{unit}s"
                return [(sentence_case(f"{count} {units} (“{found.group()}”)."), [n])]
    return []


_SINGLE = frozenset({"one", "1", "a", "half"})
_WRITTEN_LENGTH = re.compile(rf"\b{_LENGTH}\b", re.I)


def writes_a_length(text: str) -> bool:
    """Whether a text gives a length as a story writes it before an event: "a two-day meeting"."""
    return bool(_WRITTEN_LENGTH.search(text))


def _uncounted(question: str) -> str:
    """A "how many …?" question without its counted noun: what the count must be of."""
    return re.sub(r"\bhow\s+many\s+(?:more\s+)?[\w-]+", "", question, flags=re.I)


def because_told(question: str, lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """For "why …?", the reason the closest sentence gives in a clause, unless the lines rest on a sentence as close.

    "Why would that matter to them?", of a warning "not to support the
    regime …, which would allow Moscow to reduce the impact of sanctions":
    the model explained it with another sentence, or not at all.
    """
    found = [
        (coverage(hit.text, question), -n, told) for n, hit in enumerate(evidence, 1) if (told := reason(hit.text))
    ]
    if not found:
        return lines
    share, first, told = max(found)  # the closest sentence, the earliest among equals (``first`` is -n)
    cited = [coverage(evidence[m - 1].text, question) for _, markers in lines for m in markers]
    if share < REREAD_MIN_COVERAGE or (cited and max(cited) >= share):
        return lines
    return [(told, [-first])]


# The verbs a source question asks who did: "who announced that …?".
_REPORTING = re.compile(
    r"^(?:say|said|says|tell|told|tells|report\w*|announc\w*|stat(?:ed|es)|claim\w*|confirm\w*)$", re.I
)


def source_told(question: str, evidence: list[Hit], typed: str = "", likeliest: Sequence[int] = ()) -> list[Line]:
    """Who said what a source question asks about, when no line answered it.

    "Who announced that Tom West would be at the summit?" of "According to a
    State Department spokesman, … Tom West, will attend the summit": the
    source of the closest sentence that holds every word of the question but
    its verb of saying (and names a source at all). A follow-up's rewrite
    (``question``) may add words of its own ("who reported that he's
    expected?" became "… is expected to come to the meetings?"): a sentence
    that holds the user's own words (``typed``) and the rewrite's names will do.
    So does the sentence the model judged likeliest to answer (``likeliest``),
    when it holds the most of the question: "where was the quote about ties
    withstanding turmoil reported?" has its own words for "relations had
    'withstood the test of international turmoil', according to Phoenix TV".
    A source the question names is not who it asks for: "who is the Phoenix
    TV journalist who reported Wang's comments?" is neither Wang nor Phoenix TV.
    """
    asked = _reported(question)
    typed_words = _reported(typed)
    own = typed_words | {stem for run in name_runs(question) for stem in content_stems(" ".join(run))}
    told = [
        (coverage(hit.text, question), -n, named[0])
        for n, hit in enumerate(evidence, 1)
        if (named := [source for source in _sources_of(hit, question) if not _named_in(source, question)])
        and (n in likeliest or asked <= content_stems(hit.text) or (typed_words and own <= content_stems(hit.text)))
    ]
    if not asked or not told:
        return []
    _, first, source = max(told)
    return [(sentence_case(source), [-first])]


def _sources_of(hit: Hit, question: str) -> list[str]:
    """The sources a sentence names; for one that says only "he said", the one the sentence before names."""
    named = sources(hit.text, question)
    if not named and hit.context_before and said_by_pronoun(hit.text):
        before = speaker_before(hit.context_before[-1])
        return [before] if before else []
    return named


def _named_in(source: str, question: str) -> bool:
    """Whether a question already names a source, in all its content words."""
    return content_stems(source) <= content_stems(question)


def source_of_the_said(said: str, evidence: list[Hit]) -> list[Line]:
    """The source of the sentence that holds most of what the last answer said: "says who?" after
    "Mutaki is also expected at the meetings" is "the New China news agency".

    The sentence must hold half the answer's content words and name a source.
    """
    found = [
        (share, -n, named[0])
        for n, hit in enumerate(evidence, 1)
        if (named := sources(hit.text, "according to whom?"))
        and (share := coverage(hit.text, said)) >= REREAD_MIN_COVERAGE
    ]
    if not found:
        return []
    _, first, source = max(found)
    return [(sentence_case(source), [-first])]


def _reported(question: str) -> set[str]:
    """The content words of what a source question says was said: all but its verbs of saying."""
    return content_stems(" ".join(w for w in words(unattributed(question)) if not _REPORTING.match(w)))


# Words that ask about the saying, not about what was said: "how was that remark made public?".
_SAYING = frozenset({"say", "said", "tell", "told", "remark", "remarks", "comment", "comments", "made", "public"})


def said_so(question: str, lines: list[Line], evidence: list[Hit], said: str = "") -> list[Line]:
    """For "when / where / how did he say that?", the circumstances its sentence gives, unless the lines rest on it.

    "Where did he say that, was it a speech?" after "he said we are
    experiencing a very serious stage …": the sentence that holds most of the
    question and of what was ``said`` goes on "he said in a video of the
    conversation released by his ministry".
    """
    if not asks_how_said(question) or not evidence:
        return lines
    about = " ".join(w for w in words(f"{question} {said}") if w.lower() not in _SAYING)
    shares = {n: coverage(_with_the_speaker(hit), about) for n, hit in enumerate(evidence, 1)}
    # Of two sentences that hold as much, the one that tells how the words were said.
    best = max(shares, key=lambda n: (shares[n], said_where(evidence[n - 1].text) is not None, -n))
    told = said_where(evidence[best - 1].text)
    if shares[best] < REREAD_MIN_COVERAGE:
        return lines
    # Lines that rest on sentences holding less of what was said are about something else: "how was his comment
    # about a very serious stage made public?" is not answered by his announcing a new world order.
    cited = max((shares[n] for _, markers in lines for n in markers), default=0.0)
    if not told:
        # "Where was Lavrov when he said relations were at their strongest?": the sentence that says
        # so tells no place, and the talks' place, from another sentence, is not where he said it.
        return [] if _WHERE.search(question) and cited < shares[best] else lines
    # Lines that say part of it ("released by his ministry") say less than the sentence tells.
    partial = content_stems(" ".join(claim for claim, _ in lines)) < content_stems(told)
    return [(told, [best])] if cited < shares[best] or partial else lines


def _with_the_speaker(hit: Hit) -> str:
    """A sentence with the one before it when it names its speaker only as "he": what it says is of that one."""
    return _with_the_one_before(hit, said_by_pronoun(hit.text))


def in_the_peoples_words(lines: list[Line], evidence: list[Hit]) -> list[Line]:
    """A bare country read off a sentence that names only its people: the sentence's phrase.

    "China", read from "Russia can only count on Chinese power to escape …",
    is the model's word; "Chinese power" is what the sentence says Russia
    counts on.
    """
    worded: list[Line] = []
    for claim, markers in lines:
        name = claim.strip(" .")
        tokens = words(evidence[markers[0] - 1].text) if markers and re.fullmatch(r"[A-Z][a-z]+", name) else []
        phrase = next(
            (
                f"{people} {thing}"
                for people, thing in itertools.pairwise(tokens)
                if people[:1].isupper()
                and people != name
                and same_name(people.lower(), {name.lower()})
                and thing.islower()
                and thing not in STOPWORDS
            ),
            None,
        )
        worded.append((f"{phrase}.", markers) if phrase and name not in tokens else (claim, markers))
    return worded
