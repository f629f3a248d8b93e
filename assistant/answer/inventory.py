"""What an article names, and what it calls them: "Which Chinese officials are mentioned in the article?"

Retrieval finds the sentences most like a question, but the officials an
article names are spread over sentences that are not alike at all, and a
small model shown eight of them names two. So every name the article writes
is a candidate, read in the sentence that names it: it is kept when that
sentence puts the question's qualifier ("Chinese") on it or right before it,
and the model judges it one of the kind asked ("Chinese officials").

The same reading answers whether a person an answer names is of the
nationality a question asks about ("which Pakistani official …?"): some
sentence must call him so, by his name; and who "his Chinese counterpart"
is, from a sentence that speaks of counterparts and calls him Chinese.

This module finds candidates and qualifiers; it does not resolve "he" or
"the minister" to a name, nor find names written in lower case, nor know
that "Washington" stands for the US, and it does not decide what a name
is: the model does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from assistant.answer.verify import DEMONYM, STOPWORDS, TITLES, a_country, country_of, shared_prefix
from assistant.types import Article

# "Which Russian officials are named in the article?", "Name all the Chinese officials
# mentioned in the piece", "Which media outlets does the article cite as sources?"
_ASKED = re.compile(
    r"^\W*(?:(?:please )?(?:name|list)|which|what|who are)(?: all| (?P<each>every|each))?(?: of)?(?: the)? "
    r"(?P<kind>[\w'’ -]+?) "
    r"(?:(?:are|were|is|was|does|do|did) )?(?:(?:the|this|that) (?:article|piece|story|report|text)s? )?"
    r"(?:named|mentioned|quoted|cited|referred to|name|mention|quote|cite)\b",
    re.I,
)
# "Chinese officials", "media outlets", "people": a plural, after a few words that qualify it.
_KIND_WORDS = re.compile(r"^(?:[A-Za-z][\w'’-]* ){0,3}(?:[a-z][\w'’-]*s|people)$")
# Kinds that are no names: "what words are quoted in the article to describe the friendship?"
_UNNAMED_KINDS = frozenset(
    {"words", "phrases", "terms", "adjectives", "expressions", "quotes", "quotations", "things", "topics", "issues"}
    | {"ideas", "reasons", "numbers", "dates", "facts", "claims", "statements", "remarks", "comments"}
)
_ABOUT_THE_TEXT = re.compile(r"\b(?:article|piece|story|report|text)s?\b", re.I)
_TOKEN = re.compile(r"[^\W_]+(?:[’'-][^\W_]+)*")
_OPENING = re.compile(r"(?:^|[.!?:;“”\"(]\s*)$")  # a word here is capitalised whatever it is
_POSSESSIVE = re.compile(r"[’']s$")
QUALIFIER_REACH = 4  # words before a name that may qualify it: "his Chinese counterpart Xi Jinping"
MIN_SHARED = 4  # "China" and "Chinese", "Russia" and "Russian": one qualifier


def _plural(kind: str) -> str:
    """ "Chinese officials" of "Chinese official", "agencies" of "agency"; a plural stays as it is."""
    if kind.endswith("s"):
        return kind
    if kind.endswith("person"):
        return f"{kind[: -len('person')]}people"
    return f"{kind[:-1]}ies" if re.search(r"[^aeiou]y$", kind) else f"{kind}s"


def asked_kind(question: str) -> str | None:
    """The kind of thing a question asks the article to list ("Chinese officials"), or None."""
    match = _ASKED.match(question.strip())
    if not match or not _ABOUT_THE_TEXT.search(question):
        return None
    kind = match.group("kind").strip()
    if match.group("each"):
        kind = _plural(kind)  # "every Chinese official …": the Chinese officials
    last = kind.split()[-1].lower()
    if last in _UNNAMED_KINDS or last in STOPWORDS or len(last) <= MIN_SHARED:
        return None
    return kind if _KIND_WORDS.match(kind) else None


# Kinds of people, and the last words of institutions' names: "Chinese Foreign Ministry" is no official.
_PEOPLE = frozenset(
    {"officials", "figures", "people", "persons", "individuals", "leaders", "diplomats", "ministers", "politicians"}
    | {"envoys", "representatives", "spokesmen", "spokespeople", "spokespersons", "personalities", "statesmen"}
)
_PEOPLE_ASKED = re.compile(
    r"^\W*(?:[^?]*?,\s*)?(?:which|what|name|list)\s+(?:(?:all|every|each|the|of)\s+)*"
    # Not "which countries sent representatives?" nor "which countries' diplomats …?": those ask for countries.
    rf"((?:(?![\w’'-]*(?:[a-z]s|[’']s?)\s)[\w’'-]+\s+){{0,2}}?(?:{'|'.join(sorted(_PEOPLE))}))\b",
    re.I,
)
_INSTITUTIONS = frozenset(
    {"ministry", "agency", "office", "department", "council", "committee", "commission", "organization"}
    | {"organisation", "government", "embassy", "union", "party", "parliament", "news", "bank", "company"}
    | {"corporation", "association", "alliance", "army", "court", "foundation", "institute", "university", "service"}
)
_TITLE_WORDS = frozenset(
    {"foreign", "prime", "deputy", "vice", "special", "senior", "head", "state", "defence", "defense"}
)


def asked_people(question: str) -> str | None:
    """The kind of people a question asks for by name ("non-Chinese officials"), or None.

    "Which countries sent representatives?" asks for countries: the kind is
    the noun the question opens on, not any word for people it uses.
    """
    match = _PEOPLE_ASKED.match(question)
    return match.group(1) if match else None


# "officials from outside China and Russia", "non-Chinese officials", "besides the Russians".
_OUTSIDE = re.compile(
    r"\b(?:outside(?:\s+of)?|other\s+than|besides|apart\s+from|except|excluding|not\s+from|non-?)\s*"
    r"((?:the\s+)?[A-Za-z][\w-]*(?:\s*(?:,|and|or)\s*(?:the\s+)?[A-Za-z][\w-]*)*)",
    re.I,
)


def set_aside(name: str, question: str, texts: Sequence[str]) -> bool:
    """Whether a person is of a nationality the question sets aside ("non-Chinese", "from outside China and Russia").

    As the texts call them: "his Russian counterpart, Sergei Lavrov" is Russian.
    """
    aside = [w for found in _OUTSIDE.finditer(question) for w in re.split(r"\W+", found.group(1)) if w]
    countries = [w.lower() for w in aside if a_country(w) or DEMONYM.match(w.capitalize())]
    if not countries:
        return False
    called = _nationalities(name, texts)
    return any(_of_country(c, called) for c in countries)


def no_person(kind: str, name: str, texts: Sequence[str] = ()) -> bool:
    """Whether the kind asked is people and the name no person's.

    An institution ("Russian Foreign Ministry"), the country the kind's
    qualifier comes from ("Russia" of "Russian figures"), a title without
    a name ("Russian Foreign Minister"), a country or capital ("Moscow") and
    a place the ``texts`` write as one ("in eastern China") name nobody,
    however the model judges them.
    """
    if kind.split()[-1].lower() not in _PEOPLE:
        return False
    if a_country(name) or DEMONYM.match(name) or _a_place(name, texts):
        return True
    parts = [w.lower() for w in name.split()]
    qualifiers = [w.lower() for w in kind.split() if w[:1].isupper()]
    return parts[-1] in _INSTITUTIONS or all(
        w in TITLES
        or w in _TITLE_WORDS
        or DEMONYM.match(w.capitalize())
        or any(shared_prefix(q, w) >= MIN_SHARED for q in qualifiers)
        for w in parts
    )


def candidates(article: Article) -> Iterator[tuple[str, int]]:
    """Each name the article writes (its longest form), with the sentence it is first written in."""
    found: dict[str, int] = {}
    common = {t for s in article.sentences for t in _TOKEN.findall(s.text) if t.islower()}
    for sentence in article.sentences:
        for name in _names(sentence.text, common):
            found.setdefault(name, sentence.index)
    for name, index in found.items():
        if not any(name != other and f" {name} " in f" {other} " for other in found):
            yield name, index


def qualified(kind: str, name: str, sentence: str) -> bool:
    """Whether the sentence gives the name the kind's qualifier ("Chinese" of "Chinese officials"), if it has one.

    The qualifier must be in the name ("Chinese Foreign Minister Wang Yi") or
    among the few words before it, with no other capitalised word between
    ("his Chinese counterpart Xi Jinping", "Chinese Foreign Ministry spokesman
    Wang Wenbin"; not "Chinese … with his Russian counterpart, Sergei Lavrov"),
    or, for a place, in the country it is put in right after it ("Anui, in eastern China").
    """
    qualifiers = [w for w in kind.split() if w[:1].isupper()]
    if not qualifiers:
        return True
    at = sentence.find(name)
    before = _TOKEN.findall(sentence[:at])[-QUALIFIER_REACH:] if at >= 0 else []
    said = [*name.split(), *(w for w in before if w[:1].isupper())]
    placed = _PLACED_IN.match(sentence, at + len(name)) if at >= 0 else None
    if placed and kind.split()[-1].lower() not in _PEOPLE:  # a person in China may be Russian
        said.append(placed.group(1))  # "the province of Anui, in eastern China" is a Chinese province
    return all(any(shared_prefix(q.lower(), w.lower()) >= MIN_SHARED for w in said) for q in qualifiers)


# A place put in a country right after its name: "Anui, in eastern China".
_PLACED_IN = re.compile(r",?\s+in\s+(?:the\s+)?(?:[a-z]+\s+){0,2}([A-Z][\w’'-]*)")


def _names(text: str, common: set[str]) -> list[str]:
    """Runs of capitalised words, broken at punctuation; an opening word only when it is no common word."""
    runs: list[list[str]] = []
    run: list[str] = []
    end = 0
    for match in _TOKEN.finditer(text):
        word, gap = match.group(), text[end : match.start()]
        end = match.end()
        if run and gap.strip():
            runs.append(run)
            run = []
        bare = _POSSESSIVE.sub("", word)
        opening = bool(_OPENING.search(text[: match.start()]))
        if bare[:1].isupper() and bare.lower() not in STOPWORDS and not (opening and bare.lower() in common):
            run.append(bare)
            if bare != word:  # "Kabul’s ruling diplomacy": the possessive ends the name
                runs.append(run)
                run = []
        elif run:
            runs.append(run)
            run = []
    runs.append(run)
    return [" ".join(r) for r in runs if r]


# "Which Pakistani official …?", "what Chinese foreign minister …": a nationality, then a person's role
# (not "which Chinese province …?": a place is not "described" as Chinese the way people are). Not "US" nor
# "American": news writes "Washington's envoy", and no list of capitals is kept here.
ROLE = (
    r"(?:official|diplomat|minister|envoy|spokes\w+|leader|president|representative|politician|counterpart|"
    r"negotiator|delegate|ambassador|chief)"
)
_NATIONALITY = re.compile(rf"^\W*(?i:which|what)\s+([A-Z][a-z]+(?:i|ese|ian|ish))\s+(?:[a-z]+\s+)?(?={ROLE}s?\b)")
# "Who is the Russian foreign minister …?", "what's the russian foreign minister called?": the
# holder of a role of that nationality (in lower case too: people type it so); not "who is the
# Russian minister's counterpart?".
_HOLDER_OF = re.compile(
    rf"^\W*(?:who|what)(?:[’']s|\s+is|\s+was)\s+the\s+([a-z]+(?:i|ese|ian|ish))\s+(?:[a-z]+\s+){{0,2}}?(?={ROLE}s?\b(?![’']))",
    re.I,
)


def asked_nationality(question: str) -> str | None:
    """The nationality a "which … official?" or "who is the Russian foreign minister?" question asks about, or None."""
    match = _NATIONALITY.match(question) or _HOLDER_OF.match(question)
    return match.group(1).capitalize() if match else None


_POSSESSOR = re.compile(
    rf"^\W*(?i:who|which|what)\b.*?\b(?:([A-Z][a-z]+)[’']s|(?P<the>the) ([A-Z][a-z]+))\s+"
    rf"(?:[a-z]+\s+){{0,2}}(?={ROLE}s?\b)"
)  # "Who is Pakistan's foreign minister …?", "What did the Taliban foreign minister discuss …?"


def asked_possessor(question: str) -> str | None:
    """The country whose official a question asks for ("Pakistan" of "who is Pakistan's foreign minister?"), or None."""
    match = _POSSESSOR.match(question)
    return match.group(1) if match and not match.group("the") else None


def asked_official(question: str) -> str | None:
    """The country of an official a question asks about, in a possessive or before the role: "the Taliban foreign
    minister" of "what did the Taliban foreign minister discuss …?". The answer may be someone else: "who did
    the Chinese foreign minister hold talks with?"."""
    match = _POSSESSOR.match(question)
    return (match.group(1) or match.group(3)) if match else None


def called_otherwise(country: str, claim: str, question: str, texts: list[str]) -> bool:
    """Whether a name the claim gives (one the question does not) is one the texts only call of another nationality.

    "Sergei Lavrov" is no answer to "who is Pakistan's foreign minister?":
    the story calls him Russian ("his Russian counterpart, Sergei Lavrov"),
    never Pakistani. A name no sentence gives a nationality is not judged,
    nor a place.
    """
    return any(_of_another(country, name, texts) for name in _given(claim, question, texts))


def no_one_of(country: str, sentence: str, question: str, texts: list[str]) -> bool:
    """Whether everyone a sentence names (but the question's names) is one the texts call of another nationality.

    "What did the Taliban foreign minister discuss with Wang Yi?" is not
    answered by "Wang Yi had talks with his Russian counterpart, Sergei
    Lavrov": whatever a reading takes from it, the one at the talks is Russian.
    """
    people = _unasked([person for run in _names(sentence, set()) if (person := _person(run))], question, texts)
    return bool(people) and all(_of_another(country, name, texts) for name in people)


def sides_asked(item: str, question: str, texts: Sequence[str]) -> bool:
    """Whether an item is the country of someone the question names, as the texts call them.

    "China, Russia." answers no "who were the Wang-Lavrov talks to include
    representatives from?": "the Chinese Foreign Minister Wang Yi" and "his
    Russian counterpart, Sergei Lavrov" are the talks' own sides.
    """
    if not a_country(item):
        return False
    named = [w for token in _TOKEN.findall(question)[1:] for w in token.split("-") if w[:1].isupper()]
    people = [w for w in named if not a_country(w) and not DEMONYM.match(w)]
    return any(_of_country(item, _nationalities(name, texts)) for name in people)


def _given(text: str, question: str, texts: list[str]) -> list[str]:
    """The names a text gives that the question does not, but places and nationalities ("Russian")."""
    return _unasked(_names(text, set()), question, texts)


def _unasked(names: list[str], question: str, texts: list[str]) -> list[str]:
    """The names that share no word with the question, but places and nationalities."""
    asked = {w.lower() for w in _TOKEN.findall(question)}
    given = [name for name in names if not {w.lower() for w in name.split()} & asked]
    return [name for name in given if not DEMONYM.match(name) and not _a_place(name, texts)]


def _of_another(country: str, name: str, texts: list[str]) -> bool:
    """Whether the texts put a nationality before a name, and none of them is the country's."""
    called = _nationalities(name, texts)
    return bool(called) and not _of_country(country, called)


def _nationalities(name: str, texts: Sequence[str]) -> set[str]:
    """The nationalities the texts put before a name, in lower case: "russian" of "his Russian counterpart, …"."""
    return {w.lower() for text in texts if name in text for w in _demonyms_before(name, text)}


def _of_country(country: str, nationalities: set[str]) -> bool:
    """Whether one of the nationalities is the country's ("the Beijing foreign ministry spokesperson" is Chinese)."""
    return any(shared_prefix(country_of(country), w) >= MIN_SHARED for w in nationalities)


_PLACES = r"(?:province|city|region|district|capital|town|village|county|state)"  # "the province of Anui"


def _a_place(name: str, texts: Sequence[str]) -> bool:
    """Whether the texts write a name as a place ("in eastern China"): a place has no nationality to check."""
    placed = re.compile(rf"\b(?:in|to|from|at|{_PLACES} of)\s+(?:[a-z]+\s+)?{re.escape(name)}\b")
    return any(placed.search(text) for text in texts)


def _demonyms_before(name: str, sentence: str) -> list[str]:
    """The nationalities among the few words before a name ("his Russian counterpart, Sergei Lavrov")."""
    before = _TOKEN.findall(sentence[: sentence.find(name)])[-QUALIFIER_REACH:]
    return [w for w in before if DEMONYM.match(w)]


def described_as(nationality: str, claim: str, question: str, texts: list[str]) -> bool:
    """Whether a name the claim gives (one the question does not) is one the texts call ``nationality``.

    "Amir Khan Mutaki, the head of Kabul's ruling diplomacy" is no answer to
    "which Pakistani official …?": no sentence puts "Pakistani" by his name.
    A claim that names no one the texts write ("Diplomats from …") is not judged here.
    """
    asked = {w.lower() for w in _TOKEN.findall(question)}
    given = [n for n in _names(claim, set()) if not {w.lower() for w in n.split()} & asked]
    written = [(part, text) for n in given for part in _parts(n) for text in texts if part in text]
    return not written or any(qualified(nationality, part, text) for part, text in written)


def _parts(name: str) -> list[str]:
    """A name and its last two words: "Amir Khan Mutaki" is written "Mutaki" too."""
    words = name.split()
    return list(dict.fromkeys([name, " ".join(words[-2:]), words[-1]]))


_COUNTERPART = re.compile(r"\b(?:his|her|their)\s+([A-Z][a-z]+(?:i|ese|ian|ish))\s+counterpart\b")


def counterpart(claim: str, sentences: list[str]) -> tuple[str, int] | None:
    """The person a claim calls "his Chinese counterpart", and the index of the sentence that names him so.

    "Sergei Lavrov briefed his Chinese counterpart …" does not say who that
    is; "The Chinese Foreign Minister Wang Yi had talks with his Russian
    counterpart, Sergei Lavrov" does. The sentence must speak of counterparts,
    put the nationality before the name, and name someone the claim names.
    """
    match = _COUNTERPART.search(claim)
    if match is None:
        return None
    named = {word for name in _names(claim, set()) for word in name.split() if not DEMONYM.match(word)}
    for i, sentence in enumerate(sentences):
        if "counterpart" not in sentence or not any(word in sentence for word in named):
            continue
        for run in _names(sentence, set()):
            person = _person(run)
            if person and person not in claim and match.group(1) in _demonyms_before(person, sentence):
                return person, i
    return None


def _person(run: str) -> str:
    """A run of capitalised words after its titles: "Wang Yi" of "Chinese Foreign Minister Wang Yi"."""
    words = run.split()
    titled = [i for i, word in enumerate(words) if word.lower() in TITLES]
    person = words[titled[-1] + 1 :] if titled else words
    return "" if len(person) == 1 and DEMONYM.match(person[0]) else " ".join(person)  # "Russian" is no one
