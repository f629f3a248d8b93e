"""Check that an answer sentence is supported by the evidence sentences it cites.

A claim is supported by a set of evidence sentences when

* every name and number in it (capitalised words past the first, digits)
  appears in that evidence: a small model's most harmful errors are wrong
  names and numbers, and they are exactly what a lexical check catches; and
* most of its content words (stemmed) appear there too, or fewer of them
  do but the claim and the evidence mean the same (embedding cosine); a
  word the question uses counts as there when the evidence holds at least
  half of the question's content words ("They came to power in August"
  restates "when did they come to power?" over "since the rise of …
  last August"); and
* both say "not" or neither does ("has condemned" is not supported by
  "has refused to condemn"); and
* what the claim adds to the question is there: at least half the content
  words it does not take from the question. Restating the question is
  easy to support and says nothing ("Ukraine's government reacted to the
  talks" is all question, "positively" is the claim).

Names and numbers that the question itself contains count as given (the
user said them); all other words must come from the evidence. A surname
the cited sentence or the question gives ("Lavrov") may be written with the
first name ("Sergei Lavrov") when another evidence sentence names him so.

A question's own names and numbers must appear in the evidence too
(``unmentioned``): "Who went to Fort Dusquesne in 1745?" is not answered by
sentences about 1755.

This module judges support; it does not decide what to do with a claim.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import numpy as np

_WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)?")
_STOPWORDS_TEXT = """
a an the and or but if of to in on at by for with from as into about over after before between
is are was were be been being am do does did has have had will would shall should can could may might
must this that these those it its they them their there here he she his her him we our you your i me my
not no yes also than then so such which who whom whose what when where why how all any each both some
said says say according because
i'm i've i'd i'll you're you've you'd you'll he'd he'll she'd she'll it'll we're we've we'd we'll they're they've
they'd they'll
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
MIN_LEXICAL = 0.6
MIN_LEXICAL_WITH_MEANING = 0.34
MIN_COSINE = 0.55
ANCHORED_SHARE = 0.5  # of the question's content words in the evidence, for the rest of the claim to be the question's
MIN_NEW_LEXICAL = 0.5  # share of the words a claim adds to the question that its evidence must hold


@cache
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


# Prefixes written with or without a hyphen ("co-operation", "cooperation"): one word either way.
_HYPHENATED_PREFIX = re.compile(r"\b(co|re|non|pre|anti|multi|inter|post|sub)-(?=[^\W\d_])", re.I)


def words(text: str) -> list[str]:
    return _WORD.findall(_HYPHENATED_PREFIX.sub(r"\1", text.replace("’", "'")))


def stems(tokens: Sequence[str]) -> set[str]:
    stemmed = _stemmer().stemWords([_american(t.lower().removesuffix("'s")) for t in tokens])
    return {_NOUN_OF_VERB.sub("s", stem) for stem in stemmed}


# A verb and its noun in "-sion" are one word here: "invading" / "invasion", "decided" / "decision",
# "concluded" / "conclusion" stem to "invad" / "invas". Stems this long that end in one vowel and "d"
# are such verbs far more often than words that a changed ending would confuse with another.
_NOUN_OF_VERB = re.compile(r"(?<=\w{3}(?<![aeiou])[aeiou])d$")


# British spellings, as American ones: "neighbour", "characterise", "defence" against an
# article's "neighbor", "characterize", "defense". Both sides are spelt the same way, so a
# word this makes of another ("detour" → "detor") matches only itself.
_BRITISH = (
    (re.compile(r"(?<=\w{3})our(?=s?$|ed$|ing$|ite|able)"), "or"),
    (re.compile(r"(?<=\w{3})is(?=e[sd]?$|ing$|ation)"), "iz"),
    (re.compile(r"(?<=\w{3})ence(?=s?$)"), "ense"),
)


def _american(word: str) -> str:
    for british, american in _BRITISH:
        word = british.sub(american, word)
    return word


def stem(word: str) -> str:
    """One word's stem, as ``stems`` gives it."""
    return next(iter(stems([word])), word.lower())


def content_stems(text: str) -> set[str]:
    """The stems of a text's words, less stopwords: what it is about."""
    return stems([w for w in words(text) if name_key(w) not in STOPWORDS])


def coverage(text: str, question: str) -> float:
    """The share of the question's content words (stemmed) that a text contains."""
    asked = content_stems(question)
    return len(asked & stems(words(text))) / len(asked) if asked else 0.0


def name_key(token: str) -> str:
    """A word as names are compared: lower case, without a possessive ("Kabul's": kabul)."""
    return token.lower().removesuffix("'s")


def _is_number(token: str) -> bool:
    return any(c.isdigit() for c in token)


def _is_name_word(word: str) -> bool:
    return word[0].isupper() and name_key(word) not in STOPWORDS  # "It's" is no name


def is_name_or_number(token: str) -> bool:
    return _is_number(token) or _is_name_word(token)


def name_runs(claim: str) -> list[list[str]]:
    """Runs of adjacent name words in a claim ("Sergei Lavrov", "Wang Yi"), in order."""
    runs: list[list[str]] = [[]]
    for token in words(claim):
        if is_name_or_number(token):
            runs[-1].append(name_key(token))
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


_NEGATION_CUE = re.compile(r"^(not|no|never|none|nor|neither|without|refused|refuses|refuse|denied|denies|deny)$|n't$")
_VERDICT = re.compile(r"^\W*(yes|no)\b\W", re.I)  # "No, …" answers a question; it denies nothing itself
_CLAUSE_END = re.compile(r"[,;:.!?“”\"()\[\]–—]")
NEGATION_SCOPE = 3  # content words after a negation that it denies
# "warned Beijing not to support …": what someone is told not to do is not denied to be so.
_DIRECTIVE = re.compile(r"^(?:warn|urg|ask|told|tell|advis|caution|order|call|press|persuad|beg)\w*$", re.I)
DIRECTIVE_REACH = 3  # words between the directive verb and its "not to"
_AGAINST_DOING = re.compile(r"\bagainst\s+(?=\w+ing\b)", re.I)


@lru_cache(maxsize=4096)
def _denied(text: str) -> frozenset[str]:
    """Stems of the content words a negation applies to ("refused to condemn" -> condemn).

    A negation reaches a few content words and never past its clause.
    Cached: a line's checks meet the same evidence sentences again and again.
    """
    denied: list[str] = []
    text = _AGAINST_DOING.sub("not to ", text.replace("’", "'"))  # "voted against joining": not to join
    for clause in _CLAUSE_END.split(_VERDICT.sub("", text)):
        scope = 0
        tokens = words(clause)
        for i, token in enumerate(tokens):
            lower = token.lower()
            if _NEGATION_CUE.search(lower) and not _directed(tokens, i):
                scope = NEGATION_SCOPE
            elif scope and lower not in STOPWORDS:
                denied.append(token)
                scope -= 1
    return frozenset(stems(denied))


_ASKED_THING = re.compile(
    r"^\W*(?:what|which)\s+((?:[a-z]+\s+){0,2}?[a-z]+)\s+(?:did|do|does|has|have|had|will|would|is|are|was|were)\b",
    re.I,
)  # "What specific measures did they agree on?"
# "Did the statement lay out any concrete measures?": the thing, up to a preposition or the end.
_ANY_THING = re.compile(
    r"\b(?:any|(?:spell(?:ed)? out|specif(?:y|ied)|detail(?:ed)?|outline(?:d)?|lay out|laid out|name(?:d)?|list(?:ed)?)"
    r"(?:\s+any)?)\s+((?:[a-z]+\s+)?[a-z]+)\s*(?:[?.!]*$|\b(?:to|for|on|in|about|against|with)\b)",
    re.I,
)  # and "did the statement spell out concrete steps for …?"
# Words for the particulars of a plan, any of which a sentence withholds when it withholds one.
_PARTICULARS = frozenset(stems(["measures", "steps", "actions", "details", "specifics", "moves"]))
# Of the question's other content words, the share the sentence that withholds the thing must write.
WITHHELD_MIN_SHARE = 1 / 3


def withheld(question: str, sentence: str) -> str | None:
    """What the question asks for ("specific measures"), when a sentence about it says that was not given.

    "What specific measures did Russia and China agree on to expand their
    joint action?" against "… they wanted to … 'expand joint action', but
    without specifying specific measures": the article says there are none
    to report, and the measures a small model lists are its own. A yes/no
    question asks the same with "any" ("did they lay out any concrete
    measures?") or a verb of spelling out ("did the statement spell out
    concrete steps …?"). The thing's head word must be what the sentence
    denies, or one word for a plan's particulars as another is ("steps" for
    "measures"); its modifiers may be the user's ("concrete" for "specific").
    """
    asked = _ASKED_THING.match(question) or _ANY_THING.search(question)
    if asked is None:
        return None
    thing = content_stems(asked.group(1))
    head_word, denied = stems(words(asked.group(1))[-1:]), _denied(sentence)
    # "concrete steps" against "without specifying specific measures": one kind of particulars.
    withholds = head_word <= denied or (head_word <= _PARTICULARS and bool(_PARTICULARS & denied))
    # What the question says of the thing; its names are checked elsewhere, and often written otherwise.
    rest = content_stems(" ".join(w for w in words(question) if not is_name_or_number(w))) - thing
    if not thing or not withholds or not rest:
        return None
    return asked.group(1) if len(rest & stems(words(sentence))) >= WITHHELD_MIN_SHARE * len(rest) else None


_POLARITY_WORDS = (
    "cancelled postponed scrapped abandoned suspended halted denied refused rejected failed banned boycotted"
)


# Which way an amount went. Common comparatives ("more", "over") are left out: they
# paraphrase each other too often to be held to the letter.
_DOWN_WORDS = (
    "low less fewer lower lowest least decreased declined fell smaller smallest minority little weaken weakened "
    "weakening weaker weakest weak weakness"
)
_UP_WORDS = (
    "high higher highest increased rose larger largest greater greatest majority lot grow grew growing strengthen "
    "strengthened strengthening stronger strongest bigger biggest strong strength"
)


# Pairs of words that judge the same thing opposite ways: a "cold reception" is not a warm one.
# Only pairs neither side of which means anything else in news ("support" / "oppose" are weighed, not opposed).
_OPPOSITES = (
    ("warm warmly warmer warmest", "cold coldly colder chilly frosty"),
    ("friendly cordial", "hostile hostility unfriendly"),
    ("success successful successfully succeeded", "failure failed unsuccessful"),
    ("accepted accepting", "rejected rejecting"),
    ("eager keen enthusiastic", "cautious wary reluctant hesitant"),
    ("unified unity unification", "split divided division divisions"),  # not "united": the United States
    ("optimistic", "pessimistic"),
    # Not "praise" or "hail": a line may say "praised" of a sentence's "hailed", and both are on one side.
    ("endorse endorsed endorsing endorsement", "condemn condemned condemning denounce denounced"),
)  # not "ally" / "rival": "his Chinese ally" names a person beside what a question about a rival asks


_NO = re.compile(r"^\W*no\b", re.I)


@cache
def _opposites() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    return tuple((frozenset(stems(a.split())), frozenset(stems(b.split()))) for a, b in _OPPOSITES)


@cache
def _polarity() -> frozenset[str]:
    """Stems of words a claim may use only if its evidence does.

    Words that undo the event they describe: "The summit was cancelled"
    shares most of its words with "ministers gather for a summit", and says
    the opposite. And words for which way an amount went: "less than half"
    is not "over half".
    """
    opposites = " ".join(f"{a} {b}" for a, b in _OPPOSITES)
    return frozenset(stems(f"{_POLARITY_WORDS} {_DOWN_WORDS} {_UP_WORDS} {opposites}".split()))


@lru_cache(maxsize=256)
def _stems_of(text: str) -> frozenset[str]:
    return frozenset(stems(words(text)))


@lru_cache(maxsize=256)
def _content_stems_of(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


@cache
def _directions() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(stems(_DOWN_WORDS.split())), frozenset(stems(_UP_WORDS.split()))


def _turned(question_stems: frozenset[str], evidence_stems: set[str]) -> frozenset[str]:
    """The question's words for which way an amount went, or a judgement, that the evidence turns the other way.

    "Decreased" against "higher", "weakest" against "strongest", and a
    judgement against its opposite: "a cold reception" against "warmly
    received". A question that names both ways ("at low or high altitude?")
    asks which, and is turned by neither.
    """
    turned: set[str] = set()
    for one, other in (_directions(), *_opposites()):
        if question_stems & one and question_stems & other:
            continue
        asked_one, asked_other = (question_stems & one) - evidence_stems, (question_stems & other) - evidence_stems
        turned |= asked_one if evidence_stems & other else set()
        turned |= asked_other if evidence_stems & one else set()
    return frozenset(turned)


# "held in Moscow", "in the province of Anui", "in eastern China": where something is said to be.
_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}?(?:of\s+)?((?:[A-Z][\w'-]+\s?)+)")


def placed_elsewhere(claim: str, evidence: str) -> list[str]:
    """The places a claim puts something "in" that the evidence never names, when it names another place.

    "Were the talks held in Moscow?" against "… had talks with his Russian
    counterpart … in the province of Anui, in eastern China": Anui, not Moscow.
    A country is where its capital is: "in Beijing" puts it in China.
    """
    present = {name_key(w) for w in words(evidence)}
    present |= {name_key(_SEATS[seat]) for seat in present if seat in _SEATS}
    claimed = [place.strip() for place in _PLACE.findall(claim) if not {name_key(w) for w in words(place)} & present]
    said = {name_key(w) for w in words(claim)}
    other = any(not {name_key(w) for w in words(place)} <= said for place in _PLACE.findall(evidence))
    return claimed if other else []


def denies(text: str) -> bool:
    """Whether a text denies anything ("refused to condemn", "without limits")."""
    return bool(_denied(text))


# A stretch in quotation marks; a single quote only where no letter touches it from outside ("China's").
_QUOTATION = re.compile(r"“[^”]{1,80}”|\"[^\"]{1,80}\"|‘[^’]{1,80}’|(?<![\w’'])'[^']{1,80}'(?![\w’'])")


def denies_unquoted(text: str) -> bool:
    """Whether a text denies anything outside what it quotes: "the 'no limit' comments" only mention a denial."""
    return denies(_QUOTATION.sub(" ", text))


# Words that deny, limit or exclude without a "not": "the only", "impossible to", "excluded from".
_IMPLICIT_NEGATION = re.compile(
    r"\b(only|impossible|unable|un\w+able|lack\w*|absen\w*|exclud\w*|fail\w*|instead|rather|prevent\w*|avoid\w*|"
    r"except\w*|bann?\w*|unknown|neither|nor|few|little|rarely|seldom|against|forb[ia]d\w*|prohibit\w*|reject\w*)\b",
    re.I,
)


def _unfounded_denial(claim: str, evidence: str, question: str) -> bool:
    """Whether a claim denies what its question asks while the evidence denies none of it.

    "China did not agree to send weapons to Russia" is the question's words
    and a "not": evidence that denies nothing, or denies only things that
    neither asks about nor denies ("Beijing has refused to condemn the
    invasion"), is no ground for it.
    """
    if not denies(claim) or denies(question):
        return False
    denied = _denied(evidence)
    about = _content_stems_of(question) | _denied(claim)
    # Of its things, not its names: "no limit to China-Russia cooperation" denies nothing China agreed to.
    things = about - stems([w for w in words(f"{question} {evidence}") if w[:1].isupper()]) or about
    return not negative(evidence) or (bool(denied) and not denied & things)


def negative(text: str) -> bool:
    """Whether a text says that something is not so, with a "not" or a word that excludes."""
    return denies(text) or bool(_IMPLICIT_NEGATION.search(text))


@dataclass(frozen=True)
class Support:
    supported: bool
    lexical: float
    missing_names: tuple[str, ...] = ()
    contradicted: bool = False


class Verifier:
    def __init__(self, embed: Callable[[Sequence[str]], np.ndarray] | None = None) -> None:
        self._embed = embed

    def check(self, claim: str, evidence: Sequence[str], question: str = "", context: Sequence[str] = ()) -> Support:
        """Whether ``evidence`` supports ``claim``; ``context`` is the rest of the evidence the model saw."""
        if not evidence:
            return Support(False, 0.0)
        joined = " ".join(evidence)
        counted = _counts(joined)
        known = {name_key(w) for w in words(joined)} | {name_key(w) for w in words(question)} | counted
        missing = tuple(sorted(_unsupported_names(claim, known, context, joined) | _put_in_place(claim, joined)))
        content = [w for w in words(claim) if name_key(w) not in STOPWORDS]
        if not content:
            return Support(False, 0.0, missing)
        claim_stems = stems(content)
        evidence_stems = stems(words(joined)) | _other_forms(content, joined) | counted
        lexical = len(claim_stems & evidence_stems) / len(claim_stems)
        turned = _turned(_stems_of(question), evidence_stems)
        if turned and not turned & claim_stems and _NO.match(claim):
            turned = frozenset()  # "No, they are cautious" for "are they eager?" says what the evidence does
        if turned or _contradicts(claim, claim_stems, joined, evidence_stems):
            # A word the evidence turns the other way is one it speaks of: "weakest" against "strongest",
            # "legal" against "illegal".
            turned |= stems(sorted(_opposed_words(claim, joined) | other_direction(claim, joined)))
            lexical = len(claim_stems & (evidence_stems | turned)) / len(claim_stems)
            return Support(False, lexical, missing, contradicted=True)
        if missing or (claim_stems - evidence_stems) & _polarity() or _unfounded_denial(claim, joined, question):
            return Support(False, lexical, missing)
        added = claim_stems - _stems_of(question)
        if added and len(added & evidence_stems) / len(added) < MIN_NEW_LEXICAL:
            return Support(False, lexical)
        given = lexical
        asked = _content_stems_of(question)
        if asked and len(asked & evidence_stems) >= ANCHORED_SHARE * len(asked):
            # Evidence that says most of what the question asks may be restated in the question's words.
            given = len(claim_stems & (evidence_stems | asked)) / len(claim_stems)
        if given >= MIN_LEXICAL:
            return Support(True, lexical)
        if given >= MIN_LEXICAL_WITH_MEANING and self._embed is not None:
            vectors = self._embed([claim, joined])
            if float(vectors[0] @ vectors[1]) >= MIN_COSINE:
                return Support(True, lexical)
        return Support(False, lexical)

    def adds_only_its_own(self, claim: str, evidence: Sequence[str], question: str) -> bool:
        """Whether everything a claim adds to the question is in the evidence, which denies none of it.

        A weaker test than ``check``: the claim's restatement of the question
        may be in the user's words ("the Taliban government's foreign
        minister") where the sentence has its own ("the head of Kabul's ruling
        diplomacy"). Only for a sentence the model has judged to answer.
        """
        joined = " ".join(evidence)
        known = {name_key(w) for w in words(joined)} | {name_key(w) for w in words(question)}
        claim_stems = stems([w for w in words(claim) if name_key(w) not in STOPWORDS])
        evidence_stems = stems(words(joined))
        if not claim_stems or _unsupported_names(claim, known, ()) or _put_in_place(claim, joined):
            return False
        if _contradicts(claim, claim_stems, joined, evidence_stems) or _turned(_stems_of(question), evidence_stems):
            return False
        added = claim_stems - _stems_of(question)
        if (added - evidence_stems) & _polarity() or _unfounded_denial(claim, joined, question):
            return False
        return not added or len(added & evidence_stems) / len(added) >= MIN_LEXICAL

    def right_but_for_names(self, claim: str, sentence: str, question: str) -> bool:
        """Whether a claim the sentence does not support is wrong only in names it adds, which the sentence lacks.

        "Russia did not specify specific measures" of "In a statement issued
        by Moscow, … but without specifying specific measures": the model
        named the speaker as it knows it. Everything else the claim adds to
        the question is in the sentence, which denies none of it, and no name
        stands where the sentence has another: the sentence holds the answer.
        """
        known = {name_key(w) for w in words(sentence)} | {name_key(w) for w in words(question)}
        added_names = _unsupported_names(claim, known, ())
        if not added_names or any(_is_number(w) for w in added_names) or _put_in_place(claim, sentence):
            return False
        content = [w for w in words(claim) if name_key(w) not in STOPWORDS and name_key(w) not in added_names]
        claim_stems, evidence_stems = stems(content), stems(words(sentence))
        if _contradicts(claim, claim_stems, sentence, evidence_stems) or _turned(_stems_of(question), evidence_stems):
            return False
        added = claim_stems - _stems_of(question)
        return bool(added) and added <= evidence_stems


_COUNT_WORD = re.compile(r"\b([a-z]+) [a-z]+s\b", re.I)


def _counts(evidence: str) -> set[str]:
    """The numerals of the counts a text spells out ("7" of "seven countries"): "how many?" is answered "7".

    Only a count of a plural noun: "a two-day summit" says nothing lasted 2 days.
    """
    spelled = (match.group(1).lower() for match in _COUNT_WORD.finditer(evidence))
    return {str(_NUMBER_NAMES.index(word)) for word in spelled if word in _NUMBER_NAMES[2:]}


def number_word(numeral: str) -> str | None:
    """The word for a small count written in figures ("seven" for "7"), if it has one."""
    return _NUMBER_NAMES[int(numeral)] if numeral.isdigit() and int(numeral) < len(_NUMBER_NAMES) else None


def number_value(written: str) -> float | None:
    """The value of a figure or a spelled-out count ("1,200" → 1200, "seven" → 7), None for other words."""
    if written.lower() in _NUMBER_NAMES:
        return float(_NUMBER_NAMES.index(written.lower()))
    try:
        return float(written.replace(",", ""))
    except ValueError:
        return None


def _other_forms(content: Sequence[str], evidence: str) -> set[str]:
    """The stems of a claim's names that the evidence writes with another ending ("Afghanistan" of "Afghan-ruled")."""
    present = {name_key(w) for w in words(evidence)}
    return stems([w for w in content if _is_name_word(w) and same_name(name_key(w), present)])


def _contradicts(claim: str, claim_stems: set[str], evidence: str, evidence_stems: set[str]) -> bool:
    """Whether one of the two denies what the other, which denies nothing, asserts.

    When both deny something they may word it differently ("did not spell
    out" and "without specifying"): that is not a contradiction.
    """
    if _opposed(claim, evidence) or _exchanged(claim, evidence) or _reordered(claim, evidence):
        return True
    if _substituted(claim, evidence) or other_direction(claim, evidence):
        return True
    claim_denies, evidence_denies = _denied(claim), _denied(evidence)
    if claim_denies and evidence_denies:
        return False
    return bool(evidence_denies & claim_stems or claim_denies & evidence_stems)


# A name and the two lower-case words before it, past a determiner ("dedicated to Afghanistan",
# "looking to the United States"): capitalised words one space apart, not one that qualifies
# the noun after it ("a US diplomat", "the Chinese foreign ministry").
_FRAMED_NAME = re.compile(
    r"(?<![\w’'-])(?P<frame>(?:[a-z][\w’'-]*\s+)?[a-z][\w’'-]*)\s+(?P<determiner>(?:the|a|an|his|her|its|their)\s+)?"
    r"(?P<name>[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*)*)(?=\s+(?P<after>[a-z][\w’'-]*))?"
)


FRAME_BEFORE = 2  # words before a name that frame it
_ARTICLES = ("the", "a", "an")
_DETERMINERS = (*_ARTICLES, "his", "her", "its", "their")


@dataclass(frozen=True)
class _Framed:
    frame: tuple[str, ...]  # stemmed
    name: frozenset[str]  # name keys
    qualified: str = ""  # stemmed: the noun a name qualifies after a determiner ("his Chinese counterpart")


def _framed_names(text: str) -> list[_Framed]:
    """Each name a text frames with two words of its own (one no stopword), or qualifies between two."""
    framed = []
    for found in _FRAMED_NAME.finditer(text):
        frame = found["frame"].split()
        determiner = (found["determiner"] or "").strip() or (frame[-1] if frame[-1] in _DETERMINERS else "")
        if determiner and not found["determiner"]:
            frame = frame[:-1]
        name = frozenset(name_key(w) for w in words(found["name"]))
        if determiner and found["after"] and found["after"] not in STOPWORDS:
            # "met the Chinese delegation": the word, the article and the noun frame it. Not "his
            # Chinese counterpart": whose counterpart turns with who "he" is.
            if determiner in _ARTICLES:
                frame = [*frame[-1:], determiner]
                framed.append(_Framed(tuple(stem(w) for w in frame), name, stem(found["after"])))
        elif len(frame) == FRAME_BEFORE and not all(name_key(w) in STOPWORDS for w in frame):
            framed.append(_Framed(tuple(stem(w) for w in frame), name))  # not "in the", "and of": too little
    return framed


def _substituted(claim: str, evidence: str) -> bool:
    """Whether the evidence frames another name the way the claim frames one (``substituted_names``)."""
    return bool(substituted_names(claim, evidence))


def substituted_names(claim: str, evidence: str) -> set[str]:
    """The claim's names (keys) that the evidence frames another name in place of.

    "Russia is looking to the United States for support" against "Russia is
    looking to China for support"; "a summit in Anui dedicated to Ukraine"
    against "… in the province of Anui, … a two-day summit dedicated to
    Afghanistan". The claim's other names must all be in the evidence: "his
    visit to Beijing" is not another's "visit to Kabul". A name that says
    which one of a kind ("a US diplomat") is another only between the same
    words: "met the Russian delegation" against "met the Chinese
    delegation", where the evidence may name Russia in another role.
    """
    present = {name_key(w) for w in words(evidence)}
    written = _framed_names(evidence)
    found: set[str] = set()
    for asked in _framed_names(claim):
        same = [told for told in written if (told.frame, told.qualified) == (asked.frame, asked.qualified)]
        if asked.qualified:
            if same and not any(told.name & asked.name for told in same):
                found |= asked.name
            continue
        if any(key in present or same_name(key, present) for key in asked.name):
            continue
        others = {key for run in name_runs(claim) for key in run if key not in asked.name and not _is_number(key)}
        if all(key in present or same_name(key, present) for key in others) and any(
            not told.name & asked.name for told in same
        ):
            found |= asked.name
    return found


# Compass directions in lower case before a name ("northwestern Xinjiang"), not a name's ("North Korea").
_DIRECTION = re.compile(r"\b(north|south)?-?(east|west)?(?:ern)?\b(?=\s+[A-Z])")
_POINTS = {"north": "n", "south": "s", "east": "e", "west": "w"}


def _directions_in(text: str) -> dict[str, frozenset[str]]:
    """Each compass direction a text writes, with the points it is made of: "northwestern": {n, w}."""
    found = {}
    for m in _DIRECTION.finditer(text):
        if m.group(0) and (m.group(1) or m.group(2)):
            found[m.group(0)] = frozenset(_POINTS[p] for p in m.groups() if p)
    return found


def other_direction(claim: str, evidence: str) -> set[str]:
    """The claim's compass directions that every direction in the evidence rules out.

    "Is Xinjiang in northeastern China?" against "China's vast northwestern
    Xinjiang province": north-east is not north-west. "Western" is not ruled
    out by "northwestern", nor "northwestern" by "western": one holds the other.
    """
    said, written = _directions_in(claim), _directions_in(evidence)
    if not written:
        return set()
    return {
        word
        for word, points in said.items()
        if word not in written and all(not (points <= other or other <= points) for other in written.values())
    }


_BEFORE_OR_AFTER = re.compile(r"\b(before|after)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|its\s+|their\s+)?([^\W_]+)", re.I)


def _reordered(claim: str, evidence: str) -> bool:
    """Whether the claim puts something after an event the evidence puts it before, or the other way round.

    "Putin visited Beijing after the war" against "A few weeks before the
    war, Putin had been received in Beijing". Only the same event counts,
    by its first word: "before these meetings" against "a week after Wang
    Yi's visit" orders two other things.
    """
    written = {(m.group(1).lower(), m.group(2).lower()) for m in _BEFORE_OR_AFTER.finditer(evidence)}
    for said in _BEFORE_OR_AFTER.finditer(claim):
        event, other = said.group(2).lower(), "after" if said.group(1).lower() == "before" else "before"
        if (other, event) in written and (said.group(1).lower(), event) not in written:
            return True
    return False


# Prefixes that make a word its opposite ("legal" / "illegal", "limited" / "unlimited"). "in-" and
# "im-" only before an adjective's ending: "pact" / "impact" and "come" / "income" are no opposites.
_OPPOSING = ("un", "il", "ir", "non", "non-")
_OPPOSING_BEFORE_ADJECTIVE = ("in", "im")
_ADJECTIVE_END = re.compile(r"(?:able|ible|al|ent|ant|ive|ate|ete|ect|ite|ure)(?:ly)?$")
MIN_OPPOSED_LETTERS = 4


def _exchanged(claim: str, evidence: str) -> bool:
    """Whether the claim says of two of its names what the evidence says the other way round.

    "China is looking to Russia for support" against "Russia is looking to
    China for support": every word is there, each name where the other was.
    Runs of three words around a name tell: none of the claim's is the
    evidence's, and with the two names exchanged, runs of each name are.
    """
    names = list(dict.fromkeys(name_key(t) for t in words(claim) if _is_name_word(t)))
    if len(names) < 2:
        return False
    said, written = [name_key(t) for t in words(claim)], [name_key(t) for t in words(evidence)]
    runs = set(zip(written, written[1:], written[2:], strict=False))
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            swapped = [b if w == a else a if w == b else w for w in said]
            if _name_runs(said, {a, b}, set(names)) & runs:
                continue
            as_swapped = _name_runs(swapped, {a, b}, set(names)) & runs
            if all(any(name in run for run in as_swapped) for name in (a, b)):
                return True
    return False


def _name_runs(tokens: list[str], pair: set[str], names: set[str]) -> set[tuple[str, ...]]:
    """Runs of three words with one of ``pair`` and a word that is no name: "Iran, Pakistan" is a list, in any order."""
    runs = zip(tokens, tokens[1:], tokens[2:], strict=False)
    return {run for run in runs if len(pair & set(run)) == 1 and not set(run) <= names}


def _directed(tokens: list[str], i: int) -> bool:
    """Whether the negation at ``i`` is a "not to" after a verb that tells someone what to do."""
    if tokens[i].lower() != "not" or i + 1 >= len(tokens) or tokens[i + 1].lower() != "to":
        return False
    return any(_DIRECTIVE.match(token) for token in tokens[max(0, i - DIRECTIVE_REACH) : i])


def forbids(text: str) -> bool:
    """Whether a text tells someone not to do something: "warned Beijing not to support the regime"."""
    tokens = words(text.replace("’", "'"))
    return any(_directed(tokens, i) for i in range(len(tokens)))


def directed_otherwise(question: str, sentence: str) -> bool:
    """Whether a sentence tells someone *not* to do what the question says they were told to do, or the reverse.

    "Have Western powers encouraged Beijing to support Putin's regime?"
    against "Western powers have warned Beijing not to support the regime":
    the same deed, told the other way. The question may name the deed in
    its own word ("to back Putin's regime"): told to the same one, of the
    same thing, it is the same deed.
    """
    return any(
        asked.negated != told.negated and asked.same_deed(told)
        for asked in _told_deeds(question)
        for told in _told_deeds(sentence)
    )


_TOLD_TO = re.compile(
    r"\b(?:warn|urg|ask|told|tell|advis|caution|order|call|press|persuad|beg|encourag|push|want|invit|allow)\w*"
    rf"\s+(?P<whom>(?:[\w’'-]+\s+){{0,{DIRECTIVE_REACH}}}?)(?P<negated>not\s+)?to\s+(?P<deed>\w+)"
    r"(?P<what>(?:\s+[\w’'-]+){0,6})",
    re.I,
)


@dataclass(frozen=True)
class _Told:
    """Someone told to do (or not to do) something: "warned Beijing not to support the regime"."""

    deed: frozenset[str]
    negated: bool
    whom: frozenset[str]
    what: frozenset[str]

    def same_deed(self, other: _Told) -> bool:
        return bool(self.deed & other.deed or (self.whom & other.whom and self.what & other.what))


def _told_deeds(text: str) -> list[_Told]:
    """The deeds a text tells someone to do, each with whom it tells and of what."""
    return [
        _Told(
            frozenset(stems([m["deed"]])),
            bool(m["negated"]),
            _content_stems_of(m["whom"]),
            _content_stems_of(m["what"]),
        )
        for m in _TOLD_TO.finditer(text.replace("’", "'"))
    ]


def _opposed(claim: str, evidence: str) -> bool:
    """Whether one of the two writes a word of the other with a prefix that negates it, and not the word itself."""
    return bool(_opposed_words(claim, evidence))


def _opposed_words(claim: str, evidence: str) -> set[str]:
    """The claim's words that the evidence writes negated by a prefix, or writes without it ("legal", "illegal")."""
    said, written = ({w.lower() for w in words(text)} for text in (claim, evidence))
    return {plain for plain, _ in _negated_in(said, written)} | {negated for _, negated in _negated_in(written, said)}


def _negated_in(plain: set[str], other: set[str]) -> set[tuple[str, str]]:
    """(word, prefixed word) for the words of ``plain`` that ``other`` writes only with a negating prefix."""
    found = set()
    for word in plain - other:
        if len(word) < MIN_OPPOSED_LETTERS or not word.isalpha():
            continue
        prefixes = _OPPOSING + (_OPPOSING_BEFORE_ADJECTIVE if _ADJECTIVE_END.search(word) else ())
        found |= {(word, prefix + word) for prefix in prefixes if prefix + word in other and prefix + word not in plain}
    return found


FRAME_WORDS = 2  # the words after a name that say what the sentence says of it
# Capitalised titles: "the Russian Foreign Minister briefed …" says it of a person a claim may name.
_TITLES_TEXT = """minister president premier chancellor secretary spokesman spokeswoman spokesperson ambassador
envoy governor mayor senator chairman chairwoman chair director chief king queen prince general"""
TITLES = frozenset(_TITLES_TEXT.split())


_TOKEN = re.compile(r"[\w’'-]+|[,;:()“”\"]")
TITLE_REACH = 5  # tokens from a title to the name it is given: "envoy for Afghanistan, Tom West"
PERSON_WORDS = 2  # capitalised words of a person's name at least: a first name and a family name


def titles_given(text: str) -> dict[frozenset[str], set[tuple[str, frozenset[str]]]]:
    """The titles a text gives the people it names, each with the peoples it puts on the title.

    "Chinese Foreign Ministry spokesman Wang Wenbin": a spokesman, Chinese;
    "envoy for Afghanistan, Tom West": an envoy. A person is two or more
    capitalised words, not a possessive: "a State Department spokesman,
    Washington's special envoy" gives Washington no title.
    """
    tokens = _TOKEN.findall(text)
    given: dict[frozenset[str], set[tuple[str, frozenset[str]]]] = {}
    for i, token in enumerate(tokens):
        if token.lower() not in TITLES:
            continue
        for j in range(i + 1, min(i + 1 + TITLE_REACH, len(tokens))):
            if tokens[j] in ';:()“”"':
                break
            if not (j == i + 1 or tokens[j - 1] == ",") or not _is_name_word(tokens[j]):
                continue
            run = _capitalised_run(tokens[j:])
            if len(run) >= PERSON_WORDS:
                before = tokens[max(0, i - TITLE_REACH) : i]
                clause = before[max((k + 1 for k, t in enumerate(before) if not t[0].isalnum()), default=0) :]
                peoples = frozenset(_peoples(clause))
                given.setdefault(frozenset(name_key(t) for t in run), set()).add((token.lower(), peoples))
            break
    return given


def _capitalised_run(tokens: Sequence[str]) -> list[str]:
    """The capitalised words that open some tokens, up to the first that is not one ("China's" is not)."""
    return list(itertools.takewhile(lambda t: t[:1].isupper() and t.isalpha(), tokens))


def _peoples(tokens: Sequence[str]) -> list[str]:
    """The peoples and countries among some words, in lower case: "chinese" of "Chinese Foreign Ministry"."""
    return [name_key(t) for t in tokens if DEMONYM.match(t) or a_country(name_key(t).capitalize())]


def titled_otherwise(question: str, sentence: str) -> bool:
    """Whether a question gives someone one title and the sentence gives them another, or another people's.

    "Is Wang Wenbin China's foreign minister?" against "… said Chinese
    Foreign Ministry spokesman Wang Wenbin": a spokesman, not a minister;
    "is he a spokesman for the Russian foreign ministry?": a Chinese one.
    The question must give the title to that person ("Is X …?", "the
    minister X"): "did the spokesman say Tom West would attend?" gives none to Tom West.
    """
    given = titles_given(sentence)
    for person, titles in _titles_asked(question).items():
        told = {title: peoples for title, peoples in given.get(person, ())}
        if told and not titles & told.keys():
            return True
        asked = set(_peoples([w for w in words(question)[1:] if name_key(w) not in person]))
        said = {people for title in titles & told.keys() for people in told[title]}
        if asked and said and not any(shared_prefix(a, b) >= MIN_SHARED_PREFIX for a in asked for b in said):
            return True
    return False


def _titles_asked(question: str) -> dict[frozenset[str], set[str]]:
    """The titles a question gives people, before their names or as "Is <person> … <title>?"."""
    asked = {person: {title for title, _ in given} for person, given in titles_given(question).items()}
    tokens = _TOKEN.findall(question)
    if tokens and tokens[0].lower() in ("is", "was"):
        run = _capitalised_run(tokens[1:])
        title = next((t.lower() for t in tokens[1 + len(run) :] if t.lower() in TITLES), None)
        if len(run) >= PERSON_WORDS and title:
            asked.setdefault(frozenset(name_key(t) for t in run), set()).add(title)
    return asked


def _put_in_place(claim: str, evidence: str) -> set[str]:
    """Names of a claim that stand where the evidence has another name.

    "Vladimir Putin is scheduled to attend" against "Sergei Lavrov is
    scheduled to attend …": the question named Putin, so his name counts as
    given, but the sentence says it of Lavrov. A title is no other name:
    "Lavrov briefed his counterpart" may rest on "the Russian Foreign
    Minister briefed his counterpart".
    """
    claim_words, evidence_words = words(claim), words(evidence)
    present = {name_key(w) for w in evidence_words}
    said = {name_key(w) for w in claim_words}
    frames = {
        tuple(name_key(w) for w in evidence_words[i + 1 : i + 1 + FRAME_WORDS])
        for i, word in enumerate(evidence_words)
        if _is_name_word(word) and name_key(word) not in said and name_key(word) not in TITLES
    }
    put: set[str] = set()
    for i, word in enumerate(claim_words):
        following = claim_words[i + 1 : i + 1 + FRAME_WORDS]
        if not _is_name_word(word) or name_key(word) in present or any(_is_name_word(w) for w in following):
            continue
        if _written_otherwise(word, evidence):  # "the US and its satellites" of "the United States and its …"
            continue
        if len(following) == FRAME_WORDS and tuple(name_key(w) for w in following) in frames:
            put.add(name_key(word))
    return put | _subject_swapped(claim_words, evidence_words, present) | _retitled(claim, evidence)


MIN_RETITLED_RUN = 3  # names in a row: "Chinese Foreign Minister", "Foreign Minister Wang Yi"
_SPACED_NAMES = re.compile(rf"(?:[A-Z][\w’'-]*\s+){{{MIN_RETITLED_RUN - 1},}}[A-Z][\w’'-]*")


def _spaced_runs(text: str) -> list[tuple[str, ...]]:
    """Runs of name words with nothing but a space between them: a title, not a list ("Iran, Tajikistan")."""
    runs = (tuple(name_key(w) for w in words(m.group()) if _is_name_word(w)) for m in _SPACED_NAMES.finditer(text))
    return [run for run in runs if len(run) >= MIN_RETITLED_RUN]


def _retitled(claim: str, evidence: str) -> set[str]:
    """Words of a claim's run of names that the evidence writes as the same run with another word in one place.

    "The Russian Foreign Minister Wang Yi" against "The Chinese Foreign
    Minister Wang Yi had talks with his Russian counterpart": every word is
    in the sentence, the run is not. Another spelling of the word ("Sergey"
    for "Sergei") is the same run.
    """
    windows = {
        run[i : i + size]
        for run in _spaced_runs(evidence)
        for size in range(MIN_RETITLED_RUN, len(run) + 1)
        for i in range(len(run) - size + 1)
    }
    altered: set[str] = set()
    for run in _spaced_runs(claim):
        if run in windows:
            continue
        for window in (w for w in windows if len(w) == len(run)):
            changed = [(said, {written}) for said, written in zip(run, window, strict=True) if said != written]
            if len(changed) == 1 and not (same_name(*changed[0]) or _transliterated(*changed[0])):
                altered.add(changed[0][0])
    return altered


SUBJECT_PREDICATE_WORDS = 3


def _subject_swapped(claim_words: list[str], evidence_words: list[str], present: set[str]) -> set[str]:
    """The claim's opening name, when the evidence opens with another name and says the same of it.

    "Xi Jinping will attend the Afghanistan meetings" against "Sergei Lavrov
    is scheduled to attend a two-day meeting in China on Afghanistan"; and
    "Wang Yi met with a US diplomat" against "Sergei Lavrov is scheduled …,
    during which he will meet with a US diplomat".
    """
    subject = _opening_name(claim_words)
    other = _opening_name(evidence_words)
    if not subject or not other or any(name_key(w) in present for w in subject) or other[-1] in TITLES:
        return set()
    said = _predicate(claim_words[len(subject) :], 2)
    # "…, during which he will meet with a US diplomat": "he" is the sentence's subject.
    starts = [len(other)] + [i + 1 for i, w in enumerate(evidence_words) if w.lower() in ("he", "she")]
    if said and any(said & _predicate(evidence_words[i:], SUBJECT_PREDICATE_WORDS) for i in starts):
        return {name_key(w) for w in subject}
    return set()


def _opening_name(tokens: list[str]) -> list[str]:
    """The name words a text opens with: its subject, when it opens with a name."""
    run: list[str] = []
    for word in tokens:
        if not _is_name_word(word):
            break
        run.append(word)
    return run


# Past forms a stemmer leaves apart from the present: "Wang Yi met" says what "he will meet" does.
_PRESENT = {"met": "meet", "held": "hold", "went": "go", "came": "come", "took": "take", "gave": "give"}
_PRESENT |= {"told": "tell", "saw": "see", "left": "leave", "sent": "send", "made": "make", "spoke": "speak"}


def _predicate(following: Sequence[str], most: int) -> set[str]:
    """The stems of the first ``most`` content words after a subject, up to the next name: what is said of it."""
    content: list[str] = []
    for word in following:
        if _is_name_word(word) or len(content) == most:
            break
        if name_key(word) not in STOPWORDS:
            content.append(word)
    return stems([_PRESENT.get(name_key(w), w) for w in content]) if content else set()


def _unsupported_names(claim: str, known: set[str], context: Sequence[str], evidence: str = "") -> set[str]:
    """Name and number words of a claim that neither the evidence nor the question gives.

    A first name is allowed before a known surname when the rest of the
    evidence writes the two together ("Sergei" of "Lavrov"), and a given
    name after a surname the evidence writes alone when the rest of the
    evidence completes that surname that way most often: "Yi" of "talks with
    Wang" where "Wang Yi" is written more often than "Wang Wenbin".
    """
    pairs: set[tuple[str, str]] | None = None  # built only when a name needs them
    missing = set()
    for run in name_runs(claim):
        for i, token in enumerate(run):
            if token in known or same_name(token, known) or _transliterated(token, known):
                continue
            if _is_number(token):
                missing.add(token)
                continue
            if i + 1 < len(run) and run[-1] in known:
                if pairs is None:
                    pairs = {pair for text in context for pair in itertools.pairwise(name_key(w) for w in words(text))}
                if all(pair in pairs for pair in itertools.pairwise(run[i:]) if pair[0] not in known):
                    continue
            elif len(run) == 2 and i == 1 and run[0] in known and _completion(run[0], evidence, context) == token:
                continue
            missing.add(token)
    return missing


def _transliterated(token: str, known: set[str]) -> bool:
    """ "Sergey" is the "Sergei" the evidence writes: a name of five letters or more, one letter apart, same first."""
    if len(token) < MIN_NAME_STEM or _is_number(token):
        return False
    return any(len(k) >= MIN_NAME_STEM and k[0] == token[0] and _one_slip(token, k) for k in known)


def _completion(surname: str, evidence: str, context: Sequence[str]) -> str | None:
    """The name word written right after ``surname``: the evidence's, else the context's most often written one.

    "Wang" alone is the Wang the other sentences name most: "Wang Yi" three
    times against "Wang Wenbin" once.
    """
    written = Counter(_followers(surname, evidence)) or Counter(
        n for text in context for n in _followers(surname, text)
    )
    ranked = written.most_common(2)
    return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None


def _followers(name: str, text: str) -> list[str]:
    return [name_key(b) for a, b in itertools.pairwise(words(text)) if name_key(a) == name and _is_name_word(b)]


MIN_NAME_STEM = 5


def same_name(token: str, known: set[str]) -> bool:
    """ "America" is given by "American", "Afghan" by "Afghanistan", "China" by "Chinese": one name, another ending."""
    if len(token) < MIN_NAME_STEM or _is_number(token):
        return False
    return any(
        len(k) >= MIN_NAME_STEM and (k.startswith(token) or token.startswith(k) or _people(k, token)) for k in known
    )


MAX_PEOPLE_ENDING = 3  # letters a people's name adds to its country's, less the last: "Chin-a", "Chin-ese"


def _people(a: str, b: str) -> bool:
    """Whether one word is the other's people, its last letter replaced: "Chinese" of "China", "Ukrainian" of "Ukraine".

    "Australia" is not "Austria"'s: all but its last letter must lead the other word.
    """
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short[:-1]) and 0 < len(long_) - len(short) <= MAX_PEOPLE_ENDING


_NUMBER_NAMES_TEXT = """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
fifteen sixteen seventeen eighteen nineteen twenty"""
_NUMBER_NAMES = tuple(_NUMBER_NAMES_TEXT.split())  # index = value
MAX_IMPLIED_COUNT = 2  # "2 parties" may be "both parties", "1 winner" "the winner": too small to hold to
MIN_SHARED_PREFIX = 4  # "Chinese" and "China", "British" and "Britain": one name, two forms
MOSTLY_CAPITALISED = 0.6  # a Title Case Or CAPITALS question says nothing by its capitals


def unmentioned(question: str, texts: Sequence[str], described_in: Sequence[str] = ()) -> list[str]:
    """The names and numbers of ``question`` that none of ``texts`` mentions, as the question writes them.

    Accents are ignored ("Beausejour" is "Beauséjour"), as are the counts 0-2
    ("both parties" for "2 parties"), words of one or two letters but the
    few abbreviations of countries and unions whose spellings are known
    ("US" is mentioned by "the United States" or "Washington's"), and the first word,
    capitalised by position. In a question written in capitals
    or Title Case only numbers count.

    A name that only describes someone, in a possessive ("the Taliban's top
    diplomat", "the Taliban government's foreign minister"), before a role
    ("the Beijing foreign ministry spokesperson"), in the kind of thing asked
    for ("which Taliban official …?") or as a capital named for its
    government ("seeking from Beijing", not "in Beijing"), is the user's way
    of saying who: the story may call him "the head of Kabul's ruling diplomacy". It
    need only be mentioned somewhere in ``described_in`` (the articles in
    question), not in ``texts``.
    """
    names = [name for name in _names_and_numbers(question) if _spelled(name) is None]
    missing = _missing(names, texts) + _untitled(question, texts)
    missing += _unspelled(question, texts) + _unnamed_attribute(question, texts)
    # A portfolio only says whose role: the story may give it in another sentence ("his Russian counterpart").
    missing += _other_portfolio(question, [*texts, *described_in])
    if not missing or not described_in:
        return missing
    folded = _folded(question).replace("’", "'")
    describers = [*_DESCRIBING.findall(folded), *_ROLE_OF.findall(folded), *kind_names(folded), *_governing(folded)]
    describing = {name_key(name) for name in describers}
    described = [name for name in missing if name_key(name) in describing]
    unknown = set(_missing(described, described_in))
    return [name for name in missing if name not in described or name in unknown]


# Countries and unions a question may name in a word the story does not use ("the US diplomat", "an
# American diplomat"), and the ways a news story writes them ("Washington's special envoy"). Other names
# are held to their own forms; other two-letter words may be anything.
_SPELLINGS = {
    "US": (r"US|U\.S\.|USA|America|Americans?", r"\bUS\b|\bU\.S\.|\bUSA\b|United States|America|Washington"),
    "UK": (r"UK|U\.K\.|Britain|British", r"\bUK\b|\bU\.K\.|United Kingdom|Britain|British|London"),
    "EU": (r"EU", r"\bEU\b|European Union|Brussels"),
    "UN": (r"UN|U\.N\.", r"\bUN\b|\bU\.N\.|United Nations"),
}


def _spelled(name: str) -> str | None:
    """The country or union a word of a question names, when it is one of those written in several ways."""
    return next((key for key, (asked, _) in _SPELLINGS.items() if re.fullmatch(asked, name)), None)


def _written_otherwise(name: str, text: str) -> bool:
    """Whether a text writes the country of ``_SPELLINGS`` a name is in another of its forms."""
    key = _spelled(name)
    return key is not None and re.search(_SPELLINGS[key][1], text) is not None


def _unspelled(question: str, texts: Sequence[str]) -> list[str]:
    """The countries of ``_SPELLINGS`` a question names ("the US diplomat") that none of ``texts`` writes in any way."""
    named = {
        key: match.group(0)
        for key, (asked, _) in _SPELLINGS.items()
        for match in re.finditer(rf"(?<![\w.])(?:{asked})(?![\w]|\.\w)", question)
    }
    return [word for key, word in named.items() if not any(re.search(_SPELLINGS[key][1], text) for text in texts)]


_ASKED_TITLES_TEXT = (
    "ambassador envoy spokesman spokeswoman spokesperson president premier chancellor secretary governor mayor"
)
_ASKED_TITLES = frozenset(_ASKED_TITLES_TEXT.split())  # not "chief" or "general": common words too
TITLE_FORM = 6  # "spokesperson" is a form of "spokesman", "president" of "presidential"


def _untitled(question: str, texts: Sequence[str]) -> list[str]:
    """The titles a question asks about ("who is Russia's ambassador …?") that none of ``texts`` uses in any form.

    Asked for an ambassador, a small model names the foreign minister the
    sentence gives.
    """
    asked = [w for w in words(question) if w.lower() in _ASKED_TITLES and not _is_name_word(w)]  # names count already
    if not asked:
        return []
    seen = {w.lower()[:TITLE_FORM] for text in texts for w in words(text)}
    return [w for w in asked if w.lower()[:TITLE_FORM] not in seen]


# A minister's portfolio, in the spellings a reader may use: "the defence minister" is not the foreign minister.
_PORTFOLIOS = {
    "foreign": "foreign", "defence": "defen[cs]e", "defense": "defen[cs]e", "finance": "financ(?:e|ial)",
    "interior": "interior", "home": "home", "trade": "trade", "economy": "econom(?:y|ic)",
    "economic": "econom(?:y|ic)", "health": "health", "education": "education", "justice": "justice",
    "energy": "energy", "agriculture": "agricultur(?:e|al)", "prime": "prime", "labour": "labou?r",
    "labor": "labou?r", "culture": "cultur(?:e|al)", "environment": "environment(?:al)?",
}  # fmt: skip
_OFFICE = r"minist(?:er|ry|ries|ers)|secretar(?:y|ies)"
_PORTFOLIO_ASKED = re.compile(rf"\b({'|'.join(_PORTFOLIOS)})\s+(?:affairs\s+)?(?:{_OFFICE})\b", re.I)


def _other_portfolio(question: str, texts: Sequence[str]) -> list[str]:
    """The portfolio of a minister a question asks about ("who is China's defence minister?") that no text names.

    Asked for the defence minister, a small model names the foreign minister
    the story gives: "minister" alone matches.
    """
    missing = []
    for match in _PORTFOLIO_ASKED.finditer(question):
        form = _PORTFOLIOS[match.group(1).lower()]
        held = rf"\b{form}\s+(?:affairs\s+)?(?:{_OFFICE})|(?:{_OFFICE})\s+(?:of|for)\s+(?:the\s+)?{form}"
        if not any(re.search(held, text, re.I) for text in texts):
            missing.append(match.group(0))
    return missing


# "What is the capital of …?", "… the population of …?": facts about a place that a story states in these
# words when it gives them. Other attributes are often given in other words ("the length of" the border:
# "a 76-kilometer-long border"; "the percentage of": "12%"), so only these few are held to the word.
_ATTRIBUTE = re.compile(
    r"\b(?:what|which)(?:'s|’s|s|\s+is|\s+was|\s+are|\s+were)\s+the\s+([a-z]+)(?:\s+city)?\s+of\b", re.I
)  # "whats the capital city of that province?" too
_STATED_AS_SUCH = frozenset(["capital", "population", "currency", "gdp", "anthem", "motto", "religion"])


def _unnamed_attribute(question: str, texts: Sequence[str]) -> list[str]:
    """The fact "what is the capital of …?" asks for, when none of ``texts`` names it in any form."""
    match = _ATTRIBUTE.search(question)
    if not match or match.group(1).lower() not in _STATED_AS_SUCH:
        return []
    attribute = match.group(1)
    seen = {stem for text in texts for stem in stems(words(text))}
    return [] if stems([attribute]) <= seen else [attribute]


_DESCRIBING = re.compile(r"\b([A-Z][\w-]*)(?:'s\b|\s+[a-z]+'s\b)")  # "Taliban's", "Taliban government's"
# "the Beijing foreign ministry spokesperson", "the Taliban top diplomat": a name before a role says whose
# role, as a possessive does.
_ROLES = sorted(TITLES | {"diplomat", "official", "leader", "representative", "negotiator", "delegate"})
_ROLE_OF = re.compile(rf"\b[Tt]he\s+([A-Z][\w-]*)\s+(?:[a-z]+\s+){{0,2}}(?:{'|'.join(_ROLES)})s?\b")
_KIND_PHRASE = re.compile(r"^\W*(?:[Ww]hich|[Ww]hat)\s+((?:[A-Z][\w'’-]*\s+)+)(?=[a-z])")  # "Which TV channel"


# Where a seat of government is a place: "in Kabul", "his Kabul visit", "flew from Beijing".
_AS_PLACE = re.compile(
    r"\b(?i:in|to|at|into|near|inside|outside|toward|towards|visit(?:ed|ing|s)?|"
    r"(?:flew|flown|travel+ed|returned|came|arrived|left|went) from)\s+(?P<before>[A-Z][\w-]*)"
    r"|\b(?P<after>[A-Z][\w-]*)\s+(?i:visits?|trips?|summits?|meetings?|talks|airport|streets?|residents?|office)\b"
)


def _governing(question: str) -> list[str]:
    """The seats of government a question names for their governments: "the rival of Moscow and Beijing".

    Not where something happens: "were the talks held in Beijing?" and "his
    Kabul visit" ask about the city.
    """
    places = {name_key(m.group("before") or m.group("after")) for m in _AS_PLACE.finditer(question)}
    return [w for w in words(question) if name_key(w) in _SEATS and name_key(w) not in places]


def kind_names(question: str) -> list[str]:
    """The names that say what kind of thing a question asks for: "TV" of "Which TV channel reported it?"."""
    match = _KIND_PHRASE.match(question)
    return match.group(1).split() if match else []


def _names_and_numbers(question: str) -> list[str]:
    """The names and numbers a question asks about, as it writes them (see ``unmentioned``).

    The first word of each of its sentences is capitalised by position ("…
    towards? Give every adjective he used."), so it is held only when it is a
    figure.
    """
    # A figure opening a sentence is held like any other ("48 million tons … are blown onto what?").
    tokens = [
        token
        for part in _SENTENCE_START.split(_folded(question))
        for position, token in enumerate(words(part))
        if position or token[0].isdigit()
    ]
    tokens = [token for token in tokens if token not in _answer_counts(question) | compared_figures(question)]
    letters = [t for t in tokens if t[0].isalpha()]
    titled = sum(t[0].isupper() for t in letters) > MOSTLY_CAPITALISED * len(letters) if letters else False
    return [
        t
        for t in tokens
        if (t.isdigit() and int(t) > MAX_IMPLIED_COUNT) or (not titled and len(t) >= 3 and is_name_or_number(t))
    ]


# "… said 3 things are limitless, what are they?", "which 4 countries …?": the count of the answer's items.
_ASKS_FOR_ITEMS = re.compile(
    r"\b(?:what|which|who) (?:are|were) (?:they|these|those|the)\b|^\W*(?:which|what|name|list)\b", re.I
)
_COUNTING = re.compile(r"\b(\d{1,2}) (?:[a-z]+ )?[a-z]+s\b")


# "Is the border longer than 100 km?": a bar to measure the story's figure against.
MORE_THAN = r"more|longer|greater|bigger|larger|higher|wider|older|taller|further|farther"
LESS_THAN = r"less|fewer|shorter|smaller|lower|narrower|younger"
COMPARED = re.compile(
    rf"\b(?:(?P<more>{MORE_THAN})|(?P<less>{LESS_THAN})) than (?:about |around |roughly )?"
    r"(?P<bar>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>[a-z%]+)?",
    re.I,
)


def compared_figures(question: str) -> set[str]:
    """The figures a question compares the story's with ("longer than 100 km?"): the story need not write them."""
    return {match.group("bar") for match in COMPARED.finditer(question)}


def _answer_counts(question: str) -> set[str]:
    """The numbers that count the items a question asks for: the story need not write the count itself.

    Asked "he said 3 things are limitless, what are they?", the answer is
    the three things, which the story names without ever saying "three".
    """
    return set(_COUNTING.findall(question)) if _ASKS_FOR_ITEMS.search(question) else set()


_NUMERAL = rf"(\d{{1,2}}|{'|'.join(_NUMBER_NAMES)})"
# "What are the six types of …?", "which 4 countries …?"; "…3 things are limitless, what are they?"
_COUNTED = rf"{_NUMERAL} (?:[a-z]+ )?[a-z]+s\b"
_ASKED_COUNT = re.compile(
    rf"(?:^\W*(?:what|which|name|list)|\b(?:what|which) (?:are|were))(?: all)?(?: the)? {_COUNTED}", re.I
)
_COUNT_THEN_THEM = re.compile(rf"\b{_COUNTED}.*\b(?:what|which) (?:are|were) (?:they|these|those)\b", re.I)


# "In the statement, what two things did they say they wanted?": a count asked after a clause put first.
_COUNT_AFTER_SETTING = re.compile(rf",\s*(?:what|which)(?: the)? {_COUNTED}", re.I)


def items_asked(question: str) -> int | None:
    """How many items a question asks for, two included: 2 of "what two goals did they state?"."""
    return _count_in(
        _ASKED_COUNT.search(question) or _COUNT_THEN_THEM.search(question) or _COUNT_AFTER_SETTING.search(question)
    )


def asked_count(question: str) -> int | None:
    """How many items a question asks for, when it says: 6 of "what are the six types of reductions?".

    Only a count above ``MAX_IMPLIED_COUNT``, and only where it counts the
    items asked for: "what did the three ministers agree?" asks for no three things.
    """
    count = _count_in(_ASKED_COUNT.search(question) or _COUNT_THEN_THEM.search(question))
    return count if count is not None and count > MAX_IMPLIED_COUNT else None


def _count_in(match: re.Match[str] | None) -> int | None:
    """The count a match of a counted phrase holds, in figures or words."""
    if match is None:
        return None
    word = match.group(1).lower()
    return int(word) if word.isdigit() else _NUMBER_NAMES.index(word)


def writes_count(count: int, texts: Sequence[str]) -> bool:
    """Whether any of ``texts`` writes a count, in figures or in words ("six types", "6 types")."""
    word = _NUMBER_NAMES[count] if count < len(_NUMBER_NAMES) else str(count)
    return any(re.search(rf"\b(?:{count}|{word})\b", text, re.I) for text in texts)


_SENTENCE_START = re.compile(r"(?<=[?!])\s+|(?<=[a-z]{3}\.)\s+")  # not after "Mr." or "U.S."


def unwritten(names: Sequence[str], texts: Sequence[str]) -> list[str]:
    """Those of ``names`` that none of ``texts`` mentions in any form ("Kabul's" is a form of "Kabul")."""
    return _missing(names, texts)


def _missing(wanted: Sequence[str], texts: Sequence[str]) -> list[str]:
    """Those of ``wanted`` that none of ``texts`` mentions, in any form."""
    if not wanted:
        return []
    seen = [w for text in texts for w in words(_folded(text))]
    known = {name_key(w) for w in seen}
    known |= {str(n) for n, word in enumerate(_NUMBER_NAMES) if word in known}  # "2 parties" and "two parties"
    names = {name_key(w) for w in seen if w[0].isupper()}  # "India" is not a form of "indirectly"
    return list(
        dict.fromkeys(
            t
            for t in wanted
            if name_key(t) not in known and not _shares_form(name_key(t), names) and not _government_named(t, names)
        )
    )


def _government_named(token: str, names: set[str]) -> bool:
    """Whether a seat of government in a possessive stands for a country the texts name: "Moscow's relations"
    are Russia's. "In Moscow" is a place, and is held to its own name."""
    seat = token.replace("’", "'")
    country = _SEATS.get(name_key(seat))
    return seat.lower().endswith("'s") and country is not None and _shares_form(country, names)


_LETTERS = re.compile(r"[^\W\d_]+")
_TEXT_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n")


# Contractions users type for words articles spell out; only those that stand for one word.
_CONTRACTIONS = {
    "dept": "department",
    "govt": "government",
    "intl": "international",
    "natl": "national",
    "admin": "administration",
    "secy": "secretary",
    "spox": "spokesperson",
    "assn": "association",
    "univ": "university",
    "gov": "government",
    "rep": "representative",
    "reps": "representatives",
}
_CONTRACTION = re.compile(rf"\b({'|'.join(_CONTRACTIONS)})\b\.?", re.I)
# Apostrophes users leave out: "whats the name …?" is "what's the name …?" to every reading of a question.
_UNAPOSTROPHISED = re.compile(
    r"\b(?:(what|who|where|how|that)(s)|(did|does|do|is|was|were|are|has|have|had|could|would|should)(nt))\b", re.I
)
# "relations w/ china": the shorthands users type for "with" and "without".
_SLASHES = {"w/": "with", "w/o": "without"}
_SLASHED = re.compile(r"(?<!\S)w/o?(?!\S)", re.I)
# Acronyms of offices that news spells out, in capitals only ("fm" may be a radio band).
# Spelled in lower case, as a user types a role: "the russian FM" names no one called "Minister".
_ACRONYMS = {"MFA": "foreign ministry", "FM": "foreign minister", "FMs": "foreign ministers", "PM": "prime minister"}
_ACRONYM = re.compile(rf"\b({'|'.join(_ACRONYMS)})\b")
# "the chinese FM spokesman" speaks for the ministry, not for the minister.
_MINISTRY_VOICE = re.compile(r"\bFM(?=\s+(?:spokes(?:man|woman|person)|statement|official)s?\b)")


# Idioms users type for the verb news writes: "what did he fill him in on?" is "what did he brief him on?".
_IDIOMS = (
    (re.compile(r"\bfill(?:ed|s|ing)?\s+((?:[\w’'-]+\s+){1,3}?)in\s+on\b", re.I), r"brief \1on"),
    (re.compile(r"\bswap(?:ped|s|ping)?\s+(views|opinions)\b", re.I), r"exchange \1"),
    (
        re.compile(r"\b(is|are|was|were|be|been|being)\s+((?:[\w’'-]+\s+){0,3}?)up\s+against\b", re.I),
        r"\1 \2faced with",
    ),
)


def spelled_out(text: str) -> str:
    """A text with the contractions users type spelled out: "the state dept spokesman" → "the state department …",
    "the Chinese MFA" → "the Chinese foreign ministry", a few idioms in news's words ("fill him in on": "brief"),
    the apostrophes users leave out ("whats" → "what's") and "w/" for "with".

    No evidence sentence writes "dept", so neither the search nor the
    checks that a line adds to its question would match it.
    """

    def full(match: re.Match[str]) -> str:
        word = _CONTRACTIONS[match.group(1).lower()]
        return word.capitalize() if match.group(1)[0].isupper() else word

    text = _UNAPOSTROPHISED.sub(_with_apostrophe, _SLASHED.sub(lambda m: _SLASHES[m.group().lower()], text))
    for idiom, plain in _IDIOMS:
        text = idiom.sub(plain, text)
    text = _MINISTRY_VOICE.sub("MFA", _CONTRACTION.sub(full, text))
    return _ACRONYM.sub(lambda match: _ACRONYMS[match.group(1)], text)


def _with_apostrophe(match: re.Match[str]) -> str:
    """ "whats" → "what's", "didnt" → "didn't"."""
    if match.group(1):
        return f"{match.group(1)}'{match.group(2)}"
    return f"{match.group(3)}n'{match.group(4)[-1]}"


_PRONOUNS_LIKE_NAMES = frozenset({"us"})  # typed in lower case, the pronoun, not the United States
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)  # "how did the us respond?": after "the", the country
MIN_RESPELLED = 5  # shorter words are one slip from too many others


# "Iran, Tajikistan, Turkmenistan and Uzbekistan.": a sentence that opens with a list of names.
_OPENING_LIST = re.compile(r"\W*[A-Z][^\W\d_]+, [A-Z][^\W\d_]+, [A-Z]")


_QUOTE_OPENS = re.compile(r"[“\"‘(:]\s*$")


DEMONYM = re.compile(r"^[A-Z][a-z]+(?:i|ese|ian|ish|ean|can)$")  # "Russian", "Chinese", "Pakistani"; not "Afghanistan"


class Spelling:
    """How some articles write their words: which are names, and in which capitals.

    Built once per question from the articles of its evidence, in one pass.
    A capital that starts a sentence says nothing ("There", "The"), unless
    the sentence opens with a list of names ("Iran, Tajikistan, …").
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self._known: set[str] = set()  # every word, in lower case
        self._lower: set[str] = set()  # words written in lower case past a sentence's start
        self._capitalised: dict[str, str] = {}  # the first capitalised form of each, past a sentence's start
        self._names: set[str] = set()  # capitalised forms long enough to be respelt
        self._pairs: set[str] = set()  # two capitalised words in a row, in lower case: "state department"
        for text in texts:
            for sentence in _TEXT_SENTENCE.split(text):
                matches = list(_LETTERS.finditer(sentence))
                self._known.update(match.group(0).lower() for match in matches)
                self._pairs.update(
                    f"{a.group(0)} {b.group(0)}".lower()
                    for a, b in itertools.pairwise(matches)
                    if a.group(0)[0].isupper() and b.group(0)[0].isupper() and sentence[a.end() : b.start()] == " "
                )
                for match in matches[0 if _OPENING_LIST.match(sentence) else 1 :]:
                    word = match.group(0)
                    if not word[0].isupper():
                        self._lower.add(word)
                        continue
                    if _QUOTE_OPENS.search(sentence, 0, match.start()):
                        continue  # a quotation starts a sentence of its own: “Think of the dilemma …”
                    self._capitalised.setdefault(word.lower(), word)
                    if len(word) >= MIN_RESPELLED:
                        self._names.add(word)
        self._lower_stems = stems(sorted(self._lower))  # "stated": "state" is a word, not "State Department"

    def names_dropped(self, typed: str, rewritten: str) -> list[str]:
        """The names a user typed (as the texts write them) that a rewrite of their question leaves out.

        Only names, in any of their forms ("the us" is kept by "the United States"), and not a
        people's: "the chinese one" may be rewritten "Wang Yi".
        """
        typed = self.truecased(typed)
        names = [name for name in _names_and_numbers(typed) if not _is_number(name) and not DEMONYM.match(name)]
        return [name for name in _missing(names, [rewritten]) if not _written_otherwise(name, rewritten)]

    def truecased(self, question: str) -> str:
        """The question with each word typed in lower case that the texts only ever capitalise written as they write it.

        Users type "who did lavrov meet in china?", and the checks go by
        names. A word the texts write in lower case anywhere ("foreign" of
        "foreign policy" and "Foreign Minister"), in any form ("state" of
        "stated" and "State Department") unless the question writes it with
        the name it goes with ("state department"), is left alone. A question
        typed with capitals past its first letter keeps its own: "health" is
        no name in "what health issues did Mr. Petit have?", though the
        article only writes "World Health Organization". "Tell us …" is no
        "US".
        """
        if not question[1:].islower():
            return question

        def written(match: re.Match[str]) -> str:
            word = match.group(0)
            pronoun = word in _PRONOUNS_LIKE_NAMES and not _THE_BEFORE.search(question, 0, match.start())  # "the us"
            typed_lower = word.islower() and word not in self._lower and not pronoun
            after = _LETTERS.search(question, match.end())
            paired = after is not None and f"{word} {after.group(0)}" in self._pairs  # "state department"
            typed_lower = typed_lower and (paired or not stems([word]) <= self._lower_stems)
            return self._capitalised.get(word, word) if typed_lower else word

        return _LETTERS.sub(written, question)

    def respelled(self, question: str) -> str:
        """The question with each word the texts never write, one slip from a single name they do, written as the name.

        Users type "how long is the afganistan summit?" and "what did lavorv
        say?". A slip is a letter added, dropped or changed, or two letters
        swapped; only names are restored, and only when one name fits. A word
        typed with its capital is restored only from two letters swapped
        ("Sergie" for "Sergei") or a letter added or dropped inside it
        ("Lavarov" for "Lavrov"): "Pakistani" is a name of its own, not
        "Pakistan" misspelt, however it is typed, and "Iraq" is not "Iran".
        """

        def written(match: re.Match[str]) -> str:
            word = match.group(0)
            if len(word) < MIN_RESPELLED or word.lower() in self._known or not (word.islower() or word.istitle()):
                return word
            slip = _one_slip if word.islower() else _inside_slip
            close = {
                name
                for name in self._names
                if slip(word.lower(), name.lower()) and not _peoples_name(word.lower(), name.lower())
            }
            if len(close) != 1:
                return word
            name = close.pop()
            # "lavrovs host": a possessive typed without its apostrophe, not a slip.
            return f"{name}'s" if word.lower() == f"{name.lower()}s" else name

        return _LETTERS.sub(written, question)


def _peoples_name(word: str, name: str) -> bool:
    """Whether a word is a name with a people's ending: "pakistani" of Pakistan, "kenyan" of Kenya."""
    return word[:-1] == name and word[-1] in "in"


def _one_slip(a: str, b: str) -> bool:
    """Whether two different words are one letter added, dropped or changed, or two adjacent letters swapped, apart."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) != len(b):
        return _letter_out(a, b, inside=False)
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1 or _swap(a, b)


def _inside_slip(a: str, b: str) -> bool:
    """Two letters swapped, or a letter added or dropped that is not the first or the last ("lavarov", "lavrov")."""
    return _swap(a, b) or (abs(len(a) - len(b)) == 1 and _letter_out(a, b, inside=True))


def _letter_out(a: str, b: str, inside: bool) -> bool:
    """Whether the longer word is the shorter with one letter added (``inside``: not as its first or last)."""
    short, long_ = sorted((a, b), key=len)
    where = range(1, len(long_) - 1) if inside else range(len(long_))
    return any(long_[:i] + long_[i + 1 :] == short for i in where)


def _swap(a: str, b: str) -> bool:
    """Whether two words of one length differ only by two adjacent letters swapped ("sergie", "sergei")."""
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _shares_form(token: str, known: set[str]) -> bool:
    """ "Chinese" is "China", "British" "Britain": a looser rule than ``same_name`` on purpose.

    Here a miss abstains on a question the evidence may answer, so two forms of
    one name must pass; in a claim a miss only drops a line, and a loose rule
    would let "Austria" pass for "Australia".
    """
    if token.isdigit():
        return False
    return any(shared_prefix(token, k) >= max(MIN_SHARED_PREFIX, min(len(token), len(k)) / 2) for k in known)


def shared_prefix(a: str, b: str) -> int:
    """How many letters two words share from their start."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


_SLOT = re.compile(r"\b([a-z]+) (with|of|in|to|from|for|against|at) (?:the )?([A-Z][^\W_]*)")  # "border with Russia"
_VISITED = re.compile(r"\b(visit(?:s|ed|ing)?|tour(?:s|ed|ing)?) (?=[A-Z])")  # "visited Moscow": a visit to Moscow


def swapped_names(question: str, sentence: str) -> list[str]:
    """Names of the question that the sentence puts another name in place of.

    "How long is China's border with Russia?" against "China has a
    76-kilometer-long border with Afghanistan": the sentence says "border
    with" of another country, so it answers another question, even when
    Russia is named a few sentences away. "When did Wang Yi visit Moscow?"
    is not answered by his "visit to Kabul".
    """
    asked = {
        (stem, preposition): name
        for word, preposition, name in _SLOT.findall(_VISITED.sub(r"\1 to ", _folded(question)))
        if word not in STOPWORDS
        for stem in stems([word])
    }
    present = {name_key(w) for w in words(_folded(sentence))}
    if not asked:
        return _other_party(question, sentence, present)
    swapped = []
    for word, preposition, other in _SLOT.findall(_VISITED.sub(r"\1 to ", _folded(sentence))):
        name = next((asked.get((stem, preposition)) for stem in stems([word])), None)
        if name and name_key(name) not in present and _other_government(name_key(name), name_key(other)):
            swapped.append(name)
    return list(
        dict.fromkeys(swapped + _other_owner(question, sentence, present) + _other_party(question, sentence, present))
    )


# "the border between Afghanistan and Pakistan": a thing, and the two names it lies between.
_BETWEEN = re.compile(r"\b([a-z]+) between (?:the )?([A-Z][^\W_]*) and (?:the )?([A-Z][^\W_]*)")


def _other_party(question: str, sentence: str, present: set[str]) -> list[str]:
    """The name of "X between A and B" that a sentence speaking of X leaves out: its X lies between others.

    "How long is the border between Afghanistan and Pakistan?" against
    "China has a 76-kilometer-long border with Afghanistan".
    """
    written = stems(words(sentence))
    return [
        name
        for thing, *names in _BETWEEN.findall(_folded(question))
        if stems([thing]) & written
        for name in names
        if name_key(name) not in present and not same_name(name_key(name), present)
    ]


# "Tajikistan's border", "China has a 76-kilometer-long border": a name, and the few words
# after it that name what it owns.
_OWNER = re.compile(r"\b([A-Z][^\W_]*)(?:['’]s| has an?)\s+((?:[^\s,.;:]+\s*){1,3})")


def _other_owner(question: str, sentence: str, present: set[str]) -> list[str]:
    """Owners the question names whose thing the sentence gives another owner, not naming them.

    "How long is Tajikistan's border with Afghanistan?" against "China has
    a 76-kilometer-long border with Afghanistan": China's border, not
    Tajikistan's, though the story names Tajikistan elsewhere.
    """
    owned = {name: _owned(things) for name, things in _OWNER.findall(_folded(question))}
    others = [(name_key(other), _owned(things)) for other, things in _OWNER.findall(_folded(sentence))]
    return [
        name
        for name, things in owned.items()
        if things
        and name_key(name) not in present
        and any(things & theirs and _other_government(name_key(name), other) for other, theirs in others)
    ]


def _other_government(name: str, other: str) -> bool:
    """Whether two owners are two governments. A capital named for its government ("Kabul's ruling
    diplomacy") may be the one a movement or party forms ("the Taliban's diplomacy"); only another
    country or capital is known to be another."""
    if same_name(name, {other}) or shared_prefix(country_of(name), country_of(other)) >= MIN_SHARED_PREFIX:
        return False  # "Moscow's relations" are "Russia's relations"
    if other in _SEATS:
        return name in _SEATS or any(shared_prefix(name, country) >= MIN_SHARED_PREFIX for country in _SEATS.values())
    return True


def _owned(phrase: str) -> set[str]:
    return stems([w for w in words(phrase) if w.islower() and w not in STOPWORDS])


# "the Russian Foreign Ministry spokesperson": a name, the capitalised words of a title, and a
# word after them. Not "his Russian counterpart": whose counterpart depends on whom it is of.
_MODIFIED = re.compile(r"\b([A-Z][^\W_]*) ((?:[A-Z][^\W_]* )+)([a-z]+)\b")
Slot = tuple[str, ...]  # the words of a title, in lower case: ("foreign", "ministry")


def swapped_modifiers(question: str, sentence: str) -> list[str]:
    """Names of the question that the sentence puts before the same title in their place.

    "Who is the Russian Foreign Ministry spokesperson?" against "said Chinese
    Foreign Ministry spokesman Wang Wenbin": the sentence names the other
    ministry's spokesman, even though it mentions Russia elsewhere.
    """
    asked = _slots([*_titled(question), *_typed_titles(question)])
    said = _slots(_titled(sentence))
    swapped = []
    for slot, names in asked.items():
        others = said.get(slot, set())
        for name in names:
            if others and name not in others and not _one_country(name, others):
                swapped.append(name)
    return list(dict.fromkeys(swapped))


# News names a government by its seat: "the Beijing foreign ministry" is the Chinese one.
_SEATS_TEXT = """beijing:china moscow:russia kremlin:russia kabul:afghanistan washington:america kyiv:ukraine
kiev:ukraine london:britain paris:france berlin:germany tokyo:japan tehran:iran islamabad:pakistan delhi:india
ankara:turkey brussels:europe seoul:korea pyongyang:korea riyadh:saudi jerusalem:israel tashkent:uzbekistan
dushanbe:tajikistan ashgabat:turkmenistan"""
_SEATS = dict(pair.split(":") for pair in _SEATS_TEXT.split())


def country_of(name: str) -> str:
    """The country a seat of government names ("china" for "Beijing"), or the name itself, in lower case."""
    return _SEATS.get(name_key(name), name.lower())


def a_country(name: str) -> bool:
    """Whether a name is a country or a seat of government news names one by: "Russia", "Moscow"."""
    key = name_key(name)
    spelled = any(re.fullmatch(written, name) for _, written in _SPELLINGS.values())  # "United States", "US"
    return key in _SEATS or key in _SEATS.values() or spelled


def names_country(country: str, text: str) -> bool:
    """Whether a text names a country in any form: "Pakistani", "Islamabad", "Washington's" for "the US"."""
    named = {name_key(w) for w in words(text) if _is_name_word(w)}
    return _one_country(name_key(bare_name(country)), named) or _written_otherwise(country, text)


def seats_of(country: str) -> list[str]:
    """The seats of government news names a country by ("kiev" and "kyiv" for "Ukraine"), in lower case."""
    key = name_key(country)
    return [seat for seat, of in _SEATS.items() if shared_prefix(of, key) >= MIN_SHARED_PREFIX]


def seat_named_for(name: str, question: str) -> bool:
    """Whether a name is the country of a seat of government the question names: "Russia" of "… Moscow and Beijing?".

    Not the other way: "Beijing" answers "in which city did the Chinese spokesman speak?".
    """
    if name_key(bare_name(name)) in _SEATS:
        return False
    named = {name_key(w) for w in words(question)[1:] if _is_name_word(w)}
    return bool(named & set(seats_of(bare_name(name))))


def among_the_asked(item: str, question: str) -> bool:
    """Whether a list item is a name the question names itself, in any form: "Russia" for "… of Moscow and Beijing?"."""
    asked = {name_key(w) for w in words(question)[1:] if _is_name_word(w)}
    return bool(asked) and _one_country(name_key(bare_name(item)), asked)


_THE = re.compile(r"^the\s+", re.I)


def bare_name(item: str) -> str:
    """A name as a sentence writes it in a list: "United States" of "the United States"."""
    return _THE.sub("", item)


def _one_country(name: str, others: set[str]) -> bool:
    """ "China" and "Chinese", "Russia" and "Russian", "Beijing" and "China": one country, named three ways."""
    name = _SEATS.get(name, name)
    others = {_SEATS.get(other, other) for other in others}
    return same_name(name, others) or any(shared_prefix(name, other) >= MIN_SHARED_PREFIX for other in others)


def _slots(named: Sequence[tuple[str, Slot]]) -> dict[Slot, set[str]]:
    """The names put before each title; not a word like "The" that starts a sentence, nor a number."""
    slots: dict[Slot, set[str]] = {}
    for name, slot in named:
        if name_key(name) not in STOPWORDS and not _is_number(name):
            slots.setdefault(slot, set()).add(name_key(name))
    return slots


def _titled(text: str) -> list[tuple[str, Slot]]:
    """Each name a text puts before a capitalised title, with the title: ("Russian", ("foreign", "ministry"))."""
    return [(name, tuple(title.lower().split())) for name, title, _ in _MODIFIED.findall(_folded(text))]


# A user may type the title in lower case: "the Russian foreign ministry spokeswoman", "Russia's …".
_TYPED_TITLE = re.compile(r"\b([A-Z][^\W_]*)(?:['’]s)? ((?:[a-z]+ ?){1,3})")  # "Russia's foreign ministry"


def _typed_titles(question: str) -> list[tuple[str, Slot]]:
    """Each name a question puts before lower-case words, with each run of one to three of them."""
    named: list[tuple[str, Slot]] = []
    for name, after in _TYPED_TITLE.findall(_folded(question)):
        following = after.split()
        named.extend((name, tuple(following[:n])) for n in range(1, len(following) + 1))
    return named


# "Who is the State Department spokesman …?", "what's the name of the US diplomat …": the
# question asks who holds a role; the role's last word is its head ("spokesman").
_ASKED_ROLE = re.compile(
    r"^\W*(?:and |so )?(?:who(?:'s| is| was)|what(?:'s| is| was) the name of) (?:the|a|an|that|this) "
    r"(?:[\w'-]+ ){0,5}?(?-i:([a-z][\w'-]*))"
    r"(?=\s*(?:\b(?:who|that|which|quoted|mentioned|named|in|at|from|of|for)\b|[,?]|$)|\s+(?-i:[A-Z]))",
    re.I,
)
_NAME_AFTER = re.compile(r"^(?:,\s*)?[A-Z][^\W_]*(?:\s+[A-Z][^\W_]*)*\b(?![’'])")


def unnamed_role(question: str, sentence: str) -> bool:
    """Whether the sentence mentions the role the question asks about only as someone unnamed.

    "What is the name of the State Department spokesman?" against "According
    to a State Department spokesman, Washington's special envoy, Tom West,
    will attend": "a … spokesman" with no name beside it is somebody the
    article does not name; Tom West is the envoy.
    """
    asked = _ASKED_ROLE.match(question.replace("’", "'"))
    if not asked:
        return False
    head = asked.group(1).lower()
    text = _folded(sentence)
    mentions = list(re.finditer(rf"\b{re.escape(head)}\b", text, re.I))
    return bool(mentions) and all(_unnamed_mention(text, m) for m in mentions)


def _unnamed_mention(text: str, mention: re.Match[str]) -> bool:
    """A head word after "a"/"an" (a few title words between) and with no name after it."""
    before = words(text[: mention.start()])[-5:]
    indefinite = any(w.lower() in {"a", "an"} for w in before) and not any(w.lower() == "the" for w in before)
    return indefinite and not _NAME_AFTER.match(text[mention.end() :].lstrip())
