"""Answers read off the shape of a sentence, where a small model misreads it.

- The doer of a passive verb: asked "who imposed the sanctions on Russia?"
  against "… sanctions imposed on Russia by both the United States and its
  satellites", the model named the ministers who *condemned* them. The
  by-phrase after the participle the question asks about names the doer.
- The items coordinated with an answer: asked in which areas co-operation
  grows, the model took "the bilateral field" from "… in the bilateral field
  and in various multilateral structures" and left the rest.
- What someone did: asked "what did Wang Yi do in early March?" against "In
  early March, Wang Yi even hailed a … friendship with Moscow and defended
  Russia's … concerns", the model took the last of the two things he did.
  The answer is the whole predicate after the subject's name.
- The words a sentence puts on a thing: asked "what kind of isolation …?"
  or "how did Lavrov describe the current stage …?", the model answered
  from another sentence about isolation or about Lavrov. The answer is the
  modifiers before the question's noun in the sentence that writes it
  ("complete economic isolation", "a very serious stage").
- The name a sentence gives the kind of thing a question asks for: asked
  "which vast northwestern province …?", the model named the city a
  spokesman spoke in; the sentence that writes "… Xinjiang province" names it.
- Whose a thing is: asked "whose special envoy is Tom West?", the model
  restated that he is the special envoy; "Washington's special envoy …"
  names whose.
- A person's title: asked "what is Vladimir Putin's title?", the model found
  none in "… the regime of Russian President Vladimir Putin"; the title is
  the words before the name, or the apposition after it.
- The words that finish the question's own phrase: "relations had withstood
  the test of what?" against "… had “withstood the test of international
  turmoil” …".
- The reason a sentence gives in a clause: asked "why would that matter?"
  of a warning "not to support the regime …, which would allow Moscow to
  reduce the impact of sanctions", the model explained something else. The
  clause after "which would allow", "fearing that", "because" or "in order
  to" is the reason.
- Who attends: "Tom West, will attend the summit", "Amir Khan Mutaki, is
  also expected" name the people who come in words a small model does not
  read as an answer to "which officials are expected …?".
- What happened to a thing: "what happened with US forces in Kabul?"
  against "… had seen the withdrawal of US forces from Kabul as …": the
  event noun the sentence puts before the thing.
- What a deed was done to: "what have the two countries denounced since
  then?" against "… and have denounced NATO “expansion”": the object after
  the question's verb, to the end of its clause.
- Who holds a role: asked "who's the Russian president?", the model found
  no answer; "… the regime of Russian President Vladimir Putin" writes the
  name right after the role's words.
- How many: "how many troops did Russia send …, roughly?" against "…
  after Russia sent thousands of troops to Ukraine": the count written
  before the question's noun (the model wants a figure and finds none).
- What a thing will be said of: "what did he say would be much clearer …?"
  against "… the international situation will be much clearer and …": the
  subject before the question's predicate.

It does not parse. A by-phrase that is a means or a measure ("by train",
"raised by 5%") is taken for a doer too, and "and" may join two clauses as
well as two items; the callers ask only "who …?" and list questions, and
check what a phrase adds like any other answer. A modifier is any word
before the noun back to a function word, so a verb the question does not
have, not after "to", may be read as one ("they signed economic deals"
for "what kind of deals?" gives "signed economic deals"); the caller reads
only sentences that hold most of the question's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import takewhile

from assistant.answer.verify import (
    MIN_SHARED_PREFIX,
    STOPWORDS,
    TITLES,
    bare_name,
    content_stems,
    seats_of,
    stem,
    stems,
    words,
)
from assistant.answer.wording import sentence_case
from assistant.ingest.segment import is_name, is_name_list

# "Who …?", also after what it leaves out: "Besides the United States, who imposed …?"
EXCLUDING = re.compile(r"\b(?:besides|apart from|other than|except|aside from|excluding|not counting)\b", re.I)
_WHO = re.compile(rf"^\W*(?:(?:{EXCLUDING.pattern})[^,?]*,\s*)?(?:by )?(?:who|whom)\b", re.I)  # "by whom …?" too
MAX_GAP_WORDS = 6  # "imposed on Russia by …": words between the participle and "by"
_BY = re.compile(r"\bby\s+", re.I)
_CLAUSE_MARK = re.compile(r"[,.;:!?“”\"()…]")
_IRREGULAR_TEXT = """built sent kept held led made paid said sold told brought bought caught fought taught thought
won done hit put set run struck found hung left lost meant met read shot spent"""
_IRREGULAR = frozenset(_IRREGULAR_TEXT.split())
# Where the doer's phrase ends: a clause mark, or a preposition that starts what comes after it.
_DOER_END = re.compile(
    r"\s*[,.;:!?“”\"()…]|\s+(?:in|on|at|for|from|with|to|during|after|before|since|over|against|"
    r"when|while|which|who|that|as|because)\b",
    re.I,
)
MAX_DOER_WORDS = 10


def doer(question: str, sentence: str) -> str | None:
    """The doer a "who …?" question asks for, when ``sentence`` puts the question's verb in the passive."""
    if not _WHO.match(question):
        return None
    asked = stems(re.findall(r"[^\W\d_]+", question))
    for clause, by_phrase in _by_phrases(sentence):
        if not any(_participle(word) and stems([word]) & asked for word in clause[-(MAX_GAP_WORDS + 1) :]):
            continue
        phrase = by_phrase.strip()
        if phrase and len(phrase.split()) <= MAX_DOER_WORDS:
            return phrase
    return None


def _by_phrases(sentence: str) -> Iterator[tuple[list[str], str]]:
    """Each "by …" of a sentence: the words of its clause before "by", and the phrase after it, to its end."""
    for by in _BY.finditer(sentence):
        clause = _CLAUSE_MARK.split(sentence[: by.start()])[-1].split()
        yield clause, _DOER_END.split(sentence[by.end() :], maxsplit=1)[0]


_WHAT = re.compile(r"^\W*(?:and |so )?what\b", re.I)
_DETERMINERS = r"(?:the|a|an|its|their|his|her)\s"
_DETERMINED = re.compile(rf"\b{_DETERMINERS}", re.I)


def done_to(question: str, sentence: str) -> str | None:
    """What a "what did X do …?" question asks for, when ``sentence`` puts its verb in the passive, done by X.

    "What did the United States impose on Russia?" against "… the illegal
    unilateral sanctions imposed on Russia by both the United States and its
    satellites": the noun phrase before the participle, from its determiner.
    """
    if not _WHAT.match(question):
        return None
    asked = stems(re.findall(r"[^\W\d_]+", question))
    named = {w.lower() for w in re.findall(r"\b[A-Z][\w’'-]*", question[1:])}
    for tokens, by_phrase in _by_phrases(sentence):
        if not named & {w.lower() for w in by_phrase.split()}:
            continue
        at = next(
            (
                i
                for i in range(len(tokens) - 1, max(-1, len(tokens) - MAX_GAP_WORDS - 2), -1)
                if _participle(tokens[i]) and stems([tokens[i]]) & asked
            ),
            None,
        )
        if at is None:
            continue
        before = " ".join(tokens[:at])
        starts = [m.start() for m in _DETERMINED.finditer(before)]
        phrase = before[starts[-1] :] if starts else ""
        # What the question itself names ("in the statement issued by Moscow") is not what it asks for.
        if phrase and len(phrase.split()) <= MAX_ITEM_WORDS and not content_stems(phrase) <= asked:
            return phrase
    return None


def _participle(word: str) -> bool:
    word = word.lower()
    return word.endswith(("ed", "en", "wn")) or word in _IRREGULAR


# A coordination: items split by commas, the last one after "and" or "or".
# "the operation… and the dynamics of …": an ellipsis before "and" leaves words out, and the list goes on.
_ITEM_SEPARATOR = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s*…?\s+(?:and|or)\s+", re.I)
_ITEMS_END = re.compile(
    r"[.;:!?“”\"()]|…(?!\s+(?:and|or)\b)|,\s*(?:which|who|where|when|while|but|as)\b|\s+(?:but|while)\s+", re.I
)
MAX_ITEM_WORDS = 6
MAX_NOUN_PHRASE_WORDS = 12  # one more thing after "and", a noun phrase: "the dynamics of the negotiation process …"
_DETERMINER = re.compile(rf"^{_DETERMINERS}", re.I)


def coordinated(phrase: str, sentence: str) -> list[str]:
    """The items that follow ``phrase`` in a coordination of ``sentence`` ("X, Y and Z"), when there is one.

    Only a run that ends with "and" or "or" counts: "Tom West, will attend the
    summit" is an apposition, not a list. Items are short, but for one noun
    phrase after "and" ("… operation… and the dynamics of the negotiation process").
    """
    start = sentence.lower().find(phrase.lower())
    if start < 0 or not phrase.strip():
        return []
    rest = sentence[start + len(phrase) :]
    rest = (rest[: m.start()] if (m := _ITEMS_END.search(rest)) else rest).rstrip(" ,")
    parts = _ITEM_SEPARATOR.split(rest)
    separators = _ITEM_SEPARATOR.findall(rest)
    if len(parts) < 2 or parts[0].strip() or not re.search(r"\b(?:and|or)\b", separators[-1], re.I):
        return []
    items = [part.strip() for part in parts[1:]]
    longest = MAX_NOUN_PHRASE_WORDS if len(items) == 1 and _DETERMINER.match(items[0]) else MAX_ITEM_WORDS
    if not all(items) or any(len(item.split()) > longest for item in items):
        return []
    return items


# Words that say who takes part: "with the participation of diplomats from …", "attended by …",
# "to include representatives from …". What follows is the list of those taking part.
_TAKING_PART = re.compile(
    r"\b(?:participation of|attended by|joined by|"
    r"(?:representatives|delegates|delegations|diplomats|officials|envoys|ministers) (?:from|of))\s+",
    re.I,
)


# "Tom West, will attend the summit", "Amir Khan Mutaki, is also expected", "Sergei Lavrov is scheduled to attend".
_ATTENDS = re.compile(
    r"\b((?:[A-Z][\w’'-]+\s+){1,3}[A-Z][\w’'-]+),?\s+(?:(?:is|are|was|were|will|has|have)\s+)?(?:also\s+)?"
    r"(?:(?:scheduled|expected|due|set|going)\s+to\s+)?(?:attend(?:s|ed|ing)?|be attending|expected|take part|"
    r"took part|participat\w*|join(?:s|ed)?)\b"
)


_OPENER = re.compile(r"^(?:The|A|An|According|In|On|At|As)\b")  # a capitalised first word is no name's


def attendees(sentence: str) -> list[str]:
    """The people a sentence says attend, or are expected at, something: "Tom West, will attend the summit".

    Only a run of two to four capitalised words right before the verb counts:
    a person's full name, as news writes it where it says who comes.
    """
    return [match.group(1) for match in _ATTENDS.finditer(sentence) if not _OPENER.match(match.group(1))]


def participants(sentence: str) -> list[str]:
    """The names a sentence says take part in something, in its words ("Pakistan", "the United States").

    Only a run of names counts ("attended by seven countries" names no one),
    and it goes on past a stray full stop when what follows is a verbless run
    of names ("… the Taliban and Pakistan. Iran, Tajikistan and Uzbekistan."),
    as the sentence splitter reads it.
    """
    found: list[str] = []
    for cue in _TAKING_PART.finditer(sentence):
        head, *tail = re.split(r"\.\s+", sentence[cue.end() :])
        runs = [head, *takewhile(is_name_list, tail)]
        for run in runs:
            run = (run[: m.start()] if (m := _ITEMS_END.search(run)) else run).rstrip(" ,")
            items = [bare_name(item.strip()) for item in _ITEM_SEPARATOR.split(run)]
            names = [_leading_name(item) for item in items]
            ended = next((i for i, (name, item) in enumerate(zip(names, items, strict=True)) if name != item), None)
            found += [name for name in names[: None if ended is None else ended + 1] if name and name not in found]
            if ended is not None:
                break
    return found


def _leading_name(item: str) -> str:
    """The name an item opens with: "Germany" of "Germany to discuss trade", "" of "seven countries"."""
    words = item.split()[:MAX_ITEM_WORDS]
    for k in range(len(words), 0, -1):
        if words[k - 1][:1].isupper() and is_name(" ".join(words[:k])):
            return " ".join(words[:k])
    return ""


_OPENING = r"^\W*(?:and |so |[^?,]+,\s*)?"  # "and", "so" or a time put first: "since then, what …"
_DO_QUESTION = re.compile(
    rf"{_OPENING}what (?:(?:\w+ )?things? )?(?:did|does|do|will|would|has|have|had) (.+?) (?:do|done)\b|"
    rf"{_OPENING}what (?:were|are|was|is) the (?:\w+ )?things? (.+?) (?:did|does|do|has done|had done)\b",
    re.I,
)  # "what (two things) did Wang Yi do …?", "what were the two things Wang Yi did …?", "since then, what …?"
MAX_PREDICATE_WORDS = 30
_FOCUS = re.compile(r"^(?:(?:even|also|then|later|reportedly|further|just)\s+)+", re.I)


def predicate(question: str, sentence: str) -> str | None:
    """What the sentence says its subject did, for "what did X do …?": the words after X, to the sentence's end.

    None when the sentence does not put X right before a verb ("Wang Yi, the
    minister, …" or no X at all), or says too much for an answer.
    """
    subject = _doer_named(question)
    if not subject:
        return None
    last = re.escape(subject[-1])
    match = re.search(rf"\b{last}\s+(?=[a-z])", sentence, re.I)
    if match is None:
        return None
    rest = _FOCUS.sub("", sentence[match.end() :].strip()).rstrip(".!")  # "even hailed …": "hailed …"
    return rest if len(rest.split()) <= MAX_PREDICATE_WORDS else None


# "What kind of isolation …?": the noun after "of", a word or two before the verb.
_KIND_OF = re.compile(r"\bwhat\s+(?:kinds?|types?|sorts?|forms?)\s+of\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)", re.I)
_DESCRIBING = r"(?:describe|call|characteri[sz]e|term|label|portray|refer to)"
_DESCRIBED = r"(?:described|called|characteri[sz]ed|termed|label?led|portrayed|referred to)"
# "How did Lavrov describe the current stage …?", "how was the exchange described?", "what word describes …?"
_DESCRIBE = (
    re.compile(rf"\bhow\s+(?:did|does|do|has|have|had|would|will)\s+.+?\s+{_DESCRIBING}\s+(.+)", re.I),
    re.compile(rf"\bhow\s+(?:is|are|was|were|has been|have been)\s+(.+?)\s+{_DESCRIBED}\b", re.I),
    re.compile(rf"\bwhat\s+(?:word|words|adjective|term)\s+(?:\w+\s+)?{_DESCRIBING}s?\s+(.+)", re.I),
)
# A word, hyphenated or not; "orderHe" (two words run together in a scraped page) is two.
_TOKEN = re.compile(r"[^\W_]+?(?=[A-Z][a-z])|[^\W_]+(?:[-’'][^\W_]+)*")
_BREAK = re.compile(r"[,.;:!?“”\"()…«»]")  # between two words: they are not one phrase
# After these a word is a verb ("to escape complete … isolation"), no modifier.
_VERB_BEFORE = frozenset({"to", "will", "would", "can", "could", "should", "may", "might", "must", "not"})
MAX_MODIFIERS = 4


def split_words(text: str) -> list[str]:
    """The words of a text as this module reads them: "orderHe", run together on a scraped page, is two."""
    return _TOKEN.findall(text)


def qualifier(question: str, sentence: str) -> str | None:
    """The thing the question asks about, with the words ``sentence`` puts before it that the question does not.

    "What kind of isolation …?" against "… to escape complete economic
    isolation": "complete economic isolation". The modifiers are the words
    right before the thing's first mention in the sentence (its words in a
    row, or its last word), back to a function word, a punctuation mark
    other than the comma between two adjectives, a verb after "to" or a
    word the question has.
    """
    things = _things(question)
    if not things:
        return None
    asked = stems(_TOKEN.findall(question))
    tokens = list(_TOKEN.finditer(sentence))
    lowered = [t.group().lower() for t in tokens]
    for thing in dict.fromkeys([tuple(things[:2]), *((word,) for word in things)]):
        at = next((i for i in range(len(tokens)) if _names(lowered[i : i + len(thing)], thing)), None)
        if at is None:
            continue
        start = at
        while start > 0 and at - start < MAX_MODIFIERS and _modifies(tokens, start - 1, sentence, asked):
            start -= 1
        if start < at:
            opened = tokens[start].start()
            if sentence[:opened].endswith("“"):
                opened -= 1  # the quotation mark that opens a quoted modifier: "“borderless” friendship"
            return sentence[opened : tokens[at + len(thing) - 1].end()]
    return None


_PART_OF = re.compile(r"\b(?:what|which)\s+(?:part|region|area)\s+of\s+(?:the\s+)?([A-Z][\w-]*)", re.I)
_DIRECTION = (
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)"
)
_COMPASS = re.compile(rf"\b(?:{_DIRECTION}(?:ern)?|central|(?:far|extreme|deep)\s+{_DIRECTION}(?:ern)?)\b", re.I)


def part_of(question: str, sentence: str) -> str | None:
    """For "what part of China is Xinjiang in?", the compass word the sentence gives: "northwestern".

    From "China's vast northwestern Xinjiang province" or "in eastern China":
    the word must stand between the place and the thing asked about, or right
    before the place, within a few words.
    """
    asked = _PART_OF.search(question)
    if asked is None:
        return None
    place, few = re.escape(asked.group(1)), r"(?:[a-z]+\s+){0,2}?"  # "China's vast northwestern Xinjiang"
    about = [w for w in _TOKEN.findall(question[asked.end() :]) if w[0].isupper()]
    patterns = [rf"\b{place}(?:['’]s)?\s+{few}({_COMPASS.pattern})\s+{few}{re.escape(thing)}" for thing in about]
    patterns.append(rf"\b({_COMPASS.pattern})\s+{place}\b")  # "in eastern China"
    found = next((match for pattern in patterns if (match := re.search(pattern, sentence, re.I))), None)
    return found.group(1) if found else None


# "How did the ministry refer to the government in Ukraine?", "what term … for Ukraine's government?"
_GOVERNMENT = r"(?:government|regime|authorities|leadership|administration|rulers)"
_REFERRED = re.compile(
    rf"\b(?:refer(?:red|s)? to|call(?:ed|s)?|term|name|word|describe[ds]?)\b.*?\b(?:the\s+)?"
    rf"(?:{_GOVERNMENT}\s+(?:in|of)\s+([A-Z][\w-]*)|([A-Z][\w-]*)['’]s\s+{_GOVERNMENT})",
    re.I,
)


def government_called(question: str, sentence: str) -> str | None:
    """The words a sentence calls a country's government by, for "how did they refer to Ukraine's government?".

    "… the negotiation process with the Kiev regime": "Kiev regime", its
    capital for the country. Only a government word ("regime", "authorities",
    …) after the country, its people's name or its capital counts.
    """
    asked = _REFERRED.search(question)
    if asked is None:
        return None
    country = asked.group(1) or asked.group(2)
    forms = [re.escape(country), re.escape(country[:MIN_SHARED_PREFIX]) + r"\w*", *map(re.escape, seats_of(country))]
    found = re.search(rf"\b(?:{'|'.join(forms)})\s+{_GOVERNMENT}\b", sentence, re.I)
    return found.group(0) if found else None


def _names(written: list[str], thing: tuple[str, ...]) -> bool:
    """Whether the sentence's words are the thing's, the last one perhaps in the plural."""
    if len(written) != len(thing) or written[:-1] != list(thing[:-1]):
        return False
    return written[-1] in (thing[-1], thing[-1] + "s", thing[-1] + "es")


def _things(question: str) -> list[str]:
    """The lower-case words naming what a "what kind of …?" or "how did they describe …?" question asks about."""
    found = _KIND_OF.search(question) or next((m for p in _DESCRIBE if (m := p.search(question))), None)
    if found is None:
        return []
    return [w.lower() for w in _TOKEN.findall(found.group(1)) if w.lower() not in STOPWORDS]


def _modifies(tokens: list[re.Match[str]], j: int, sentence: str, asked: set[str]) -> bool:
    """Whether word ``j`` belongs to the phrase of the word after it, as a modifier the question does not have."""
    word = tokens[j].group()
    between = sentence[tokens[j].end() : tokens[j + 1].start()].replace("”", "")  # "a “borderless” friendship"
    if _BREAK.search(between) and not (between.strip() == "," and word.islower()):  # "a multipolar, just, …"
        return False
    if word.lower() in STOPWORDS or stems([word]) & asked:
        return False
    return j == 0 or tokens[j - 1].group().lower() not in _VERB_BEFORE


# "… had withstood the test of what?": a question word at the end, after the phrase it finishes.
_IN_PLACE = re.compile(r"^(.*\w)\s+(?:what|whom|where|which\s+\w+)\W*$", re.I)
MIN_LEAD_WORDS = 3
MAX_LEAD_WORDS = 6
MAX_FINISH_WORDS = 8
_FINISH_END = frozenset({"and", "but", "which", "who", "that", "while", "when", "as", "because"})
_QUESTION_WORDS = frozenset({"what", "which", "who", "where", "whom"})
# "How will they discuss …?" asks for a manner: not "how many …?", nor "how is he?". An aside may
# follow "how" ("How, per the ministry, were they going to discuss …?").
_HOW = re.compile(
    r"^\W*(?:and |so )?how(?:,[^,?]+,)? "
    r"(?:did|do|does|will|would|can|could|should|(?:was|were|is|are) (?:\w+ ){1,4}?going to|"
    r"was|were|is|are|has|have|had) (.+?)\W*$",
    re.I,
)
_MANNER = frozenset({"with", "by", "in", "through", "via", "without", "under"})
# "What did the ministers have a thorough exchange of views on?": "what" is the object of the last preposition.
_STRANDED = re.compile(
    r"^\W*(?:and |so )?what\s+(?:did|do|does|was|were|is|are|will|would|had|has|have)\s+"
    r"(.+?\s(?:on|about|over|against|for|of|to|with|from|at|in))\W*$",
    re.I,
)


_FIRST_ASKED = re.compile(r"\?\s+\S[^?]*\W*$")  # what follows a question: "… about? name every topic"


def asked_part(question: str) -> str:
    """A question without the request that may follow it: "what did he brief them about?" of "… about? name all"."""
    return _FIRST_ASKED.sub("?", question)


_ON_A_TOPIC = ("on", "about", "over", "regarding", "concerning")  # "views on", "talks about", "a row over"


# "From which city did the withdrawal of US forces …?": the preposition the answer follows, fronted.
_FRONTED = re.compile(
    r"^\W*(from|in|into|to|at|on|for|with|by)\s+(?:which|what)\s+[a-z]+\s+"
    r"(?:did|do|does|was|were|is|are|had|has|have|will|would)\s+(.+?)\W*$",
    re.I,
)


# "Which city were US forces withdrawn from, …?": the preposition left at the end of the clause.
_STRANDED_WHICH = re.compile(
    r"^\W*(?:which|what)\s+[a-z]+\s+(?:did|do|does|was|were|is|are|had|has|have|will|would)\s+"
    r"(.+?)\s+(from|in|into|to|at|on|for|with|by)\s*(?:[,?]|$)",
    re.I,
)


def fronted(question: str, sentence: str) -> str | None:
    """The name a sentence puts after the question's fronted preposition, right after the question's words.

    "From which city did the withdrawal of US forces get seen as …?" against
    "… had seen the withdrawal of US forces from Kabul as evidence of …":
    "Kabul"; so with the preposition left at the clause's end ("which city
    were US forces withdrawn from?"). The longest run of the question's words
    (three at least, or two that are no stopwords), in any of their forms, that
    the sentence writes in a row must be followed by the preposition and a name.
    """
    if asked := _FRONTED.match(question):
        preposition, lead_text = asked.group(1).lower(), asked.group(2)
    elif asked := _STRANDED_WHICH.match(question):
        preposition, lead_text = asked.group(2).lower(), asked.group(1)
    else:
        return None
    lead = [stem(w) for w in _TOKEN.findall(lead_text)]
    tokens = list(_TOKEN.finditer(sentence))
    written = [stem(t.group()) for t in tokens]
    runs = (lead[i : i + size] for size in range(len(lead), 1, -1) for i in range(len(lead) - size + 1))
    # Three of the question's words in a row, or two that are no stopwords ("US forces from Kabul").
    for run in (run for run in runs if _leads(run)):
        for i in range(len(written) - len(run) - 1):
            after = i + len(run)
            if written[i:after] == run and written[after] == preposition and tokens[after + 1].group()[0].isupper():
                name = _name_from(tokens, after + 1, sentence)
                return None if _POSSESSIVE_END.search(name) else name  # "in China's vast … province": not China
    return None


_POSSESSIVE_END = re.compile(r"[’']s$")


def _leads(run: list[str]) -> bool:
    """Whether a run of the question's words is long enough to find its place in a sentence by."""
    content = [w for w in run if w not in STOPWORDS]
    return (len(run) >= MIN_LEAD_WORDS and bool(content)) or len(content) == len(run) == MIN_LEAD_WORDS - 1


def _name_from(tokens: list[re.Match[str]], first: int, sentence: str) -> str:
    """The name that starts at token ``first``: its capitalised words, a few at most ("Kabul", "United States")."""
    end = first
    while end + 1 < len(tokens) and end - first < MAX_NAME_WORDS - 1 and tokens[end + 1].group()[0].isupper():
        end += 1
    return sentence[tokens[first].start() : tokens[end].end()]


def finished(question: str, sentence: str) -> str | None:
    """What ``sentence`` writes after the words a question ends with before its "what?", or after its "how?".

    Or after the preposition a "what …?" question leaves at its end: "what
    did the ministers have a thorough exchange of views on?" against "… had
    a thorough exchange of views on the situation around Ukraine": "the
    situation around Ukraine".

    "Relations had withstood the test of what?" against "… had “withstood the
    test of international turmoil” and were …": "international turmoil".
    "How will they discuss international affairs?" against "… and discuss
    international affairs with one voice": "with one voice", a manner
    (a phrase that opens with "with", "by", "in" … or an adverb in -ly).
    The longest run of the question's last words (three at least) that the
    sentence writes in a row decides; the answer runs to the next
    punctuation mark or conjunction.
    """
    if (asked := _IN_PLACE.match(question)) and asked.group(1).split()[0].lower() not in _QUESTION_WORDS:
        return _after(_TOKEN.findall(asked.group(1)), sentence)
    if stranded := _STRANDED.match(asked_part(question)):
        lead = _TOKEN.findall(stranded.group(1))
        found = _after(lead, sentence)
        if found is None and lead[-1].lower() in _ON_A_TOPIC:
            # "What did he brief them about?" of "… briefed his Chinese counterpart on …": one topic, many words.
            found = next((f for word in _ON_A_TOPIC if (f := _after([*lead[:-1], word], sentence))), None)
        return found
    if how := _HOW.match(question):
        found = _after(_TOKEN.findall(how.group(1)), sentence)
        if found and (found.split()[0].lower() in _MANNER or found.split()[0].lower().endswith("ly")):
            return found
    return None


def _after(asked: list[str], sentence: str) -> str | None:
    """The phrase ``sentence`` writes right after the longest run of the last ``asked`` words it writes."""
    lead = [w.lower() for w in asked][-MAX_LEAD_WORDS:]
    tokens = list(_TOKEN.finditer(sentence))
    written = [stem(t.group()) for t in tokens]  # "continue to grow" is written "continuing to grow"
    stemmed = [stem(w) for w in lead]
    for size in range(len(lead), MIN_LEAD_WORDS - 1, -1):
        if all(w in STOPWORDS for w in lead[-size:]):
            break
        for i in range(len(written) - size):
            if written[i : i + size] == stemmed[-size:]:
                return _finish(tokens, i + size, sentence)
    return None


def _finish(tokens: list[re.Match[str]], first: int, sentence: str) -> str | None:
    """The words from token ``first`` on, to a punctuation mark or a conjunction."""
    last = first
    while last + 1 < len(tokens) and last + 1 - first < MAX_FINISH_WORDS:
        if _BREAK.search(sentence[tokens[last].end() : tokens[last + 1].start()]):
            break
        if tokens[last + 1].group().lower() in _FINISH_END:
            break
        last += 1
    if tokens[first].group().lower() in _FINISH_END:
        return None
    return sentence[tokens[first].start() : tokens[last].end()]


# "Which vast northwestern province …?", "… held in which district": the kind of thing asked for is
# among the words after "which", at the question's start or after a preposition.
_WHICH = re.compile(
    r"(?:^\W*(?:and\s+|so\s+)?|\b(?:in|at|on|from|to|by|for|with|into|near)\s+)(?:which|what)\s+"
    r"((?:[\w'-]+(?:\s+|\W*$)){1,4})",
    re.I,
)
MAX_NAME_WORDS = 3


def named_as(question: str, sentence: str) -> str | None:
    """The name ``sentence`` gives the kind of thing a "which …?" question asks for ("Xinjiang province": Xinjiang).

    The kind is the last of the words after "which" before a function word (the
    question's own "what kind of …?" asks for words, not a name); the name is
    the capitalised words right before the kind, written in lower case
    ("Xinjiang province", not the "Foreign Ministry" of a name), or after
    "<kind> of" ("the province of Anui"), and not a name the question has.
    """
    kind = _which_kind(question)
    if kind is None:
        return None
    tokens = list(_TOKEN.finditer(sentence))
    said = {w.lower() for w in _TOKEN.findall(question)}
    for i, token in enumerate(tokens):
        if token.group() not in (kind, kind + "s"):
            continue
        name = _name_before(tokens, i, sentence) or _name_after(tokens, i, sentence)
        if name and not {w.lower() for w in name.split()} & said:
            return name
    return None


# "What is the name of the extra meeting …?", "what is the meeting called?": a name asked for by that word.
_NAME_ASKED = re.compile(r"\bwhat(?:'s|’s| is| was| are| were)?\b.*\b(?:name|called)\b", re.I)
_QUOTED = re.compile(r"[“\"]([^”\"]{2,60})[”\"]")
MAX_QUOTED_NAME_WORDS = 4
QUOTE_REACH = 3  # words between the thing the question names and the quoted name


# "What word did the two countries use for their friendship?", "what term describes the friendship?"
# "… to describe russia's security concerns": the thing, in up to three words after a possessive.
_WORD_FOR = re.compile(
    r"\bwhat\s+(?:single\s+|one\s+)?(?:word|term|adjective|label)\b.*?"
    r"\b(?:for|describ\w*|call\w*|of)\s+(?:the\s+|their\s+|its\s+|his\s+|her\s+|this\s+|[a-z]+[’']s\s+)?"
    r"((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)",
    re.I,
)


def word_for(question: str, sentence: str) -> str | None:
    """The quoted word a sentence puts right before the thing a question asks a word for: “borderless” friendship.

    The thing may take a few words ("security concerns"); the quoted word may
    stand before any of them, the last (the thing itself) tried first:
    "Russia's “reasonable” concerns about its security".
    """
    asked = _WORD_FOR.search(question)
    if asked is None:
        return None
    for thing in reversed(asked.group(1).split()):
        quoted = re.search(rf"[“\"]([^”\"]{{1,40}})[”\"]\s+{re.escape(thing)}\b", sentence, re.I)
        if quoted:
            return quoted.group(1).strip(" ,.")
    return None


def quoted_name(question: str, sentence: str) -> str | None:
    """The short quoted name ``sentence`` gives right after a thing the question names.

    "What is the name of the extra meeting on Afghanistan …?" against "… a
    meeting of a “consultation mechanism” for Afghanistan …": consultation
    mechanism. A name in lower case inside quotation marks is still a name.
    """
    if not _NAME_ASKED.search(question):
        return None
    asked = stems([w for w in _TOKEN.findall(question) if w.lower() not in STOPWORDS])
    for quoted in _QUOTED.finditer(sentence):
        name = quoted.group(1).strip(" ,.")
        if len(name.split()) > MAX_QUOTED_NAME_WORDS or stems(_TOKEN.findall(name)) & asked:
            continue
        before = _TOKEN.findall(sentence[: quoted.start()])[-QUOTE_REACH:]
        if stems([w for w in before if w.lower() not in STOPWORDS]) & asked:
            return name
    return None


def _which_kind(question: str) -> str | None:
    """The kind of thing a "which …?" question asks for: "province" for "which vast northwestern province …?"."""
    if placed := _THE_PLACE_ASKED.match(question):
        return placed.group(1).lower()
    asked = _WHICH.search(question)
    if asked is None or _things(question) or asked.group(1).split()[0].lower() in STOPWORDS:
        return None
    phrase = list(takewhile(lambda w: w.lower() not in STOPWORDS, asked.group(1).split()))
    return phrase[-1] if phrase and phrase[-1].islower() else None


# Kinds of place that exclude each other; a "region" or an "area" may be any of them. A town is a city to a user.
_SETTLEMENT = frozenset({"city", "town", "village", "capital"})
_PLACE_KINDS = _SETTLEMENT | {"province", "state", "country", "district", "county", "island"}
# Places one building or room stands for: no province, city or country is one.
_VENUES = frozenset({"venue", "hotel", "building", "hall", "room", "palace", "resort", "guesthouse", "residence"})
# "What's the provincial capital there?" asks for a kind of place as much as "which city …?" does.
_THE_PLACE_ASKED = re.compile(
    rf"^\W*(?:and\s+|so\s+)?what(?:'s|’s|s|\s+is|\s+was)\s+the\s+(?:[a-z]+\s+)?({'|'.join(sorted(_PLACE_KINDS))})"
    r"(?:\s+(?:of|there|in|where|for)\b|\W*$)",
    re.I,
)


def _one_kind(kind: str) -> str:
    return "city" if kind in _SETTLEMENT else kind


def another_kind_of_place(question: str, claim: str, sentence: str) -> str | None:
    """The name a line gives for "which city …?" that its sentence calls another kind of place.

    "Anui" for "which city did Lavrov fly into?", from "… in the province of
    Anui": a province is no city, nor is it a venue or a hotel. A place the
    sentence also calls the kind asked for ("the city and province of …") is
    left alone.
    """
    kind = _which_kind(question)
    if kind not in _PLACE_KINDS | _VENUES:
        return None
    tokens = list(_TOKEN.finditer(sentence))
    said = {w.lower() for w in _TOKEN.findall(question)}
    called: dict[str, set[str]] = {}
    for i, token in enumerate(tokens):
        if _in_a_name(tokens, i):
            continue  # "the United States" is not called a state
        if (other := token.group().lower().removesuffix("s")) in _PLACE_KINDS:
            name = _name_before(tokens, i, sentence) or _name_after(tokens, i, sentence)
            if name and not {w.lower() for w in name.split()} & said:
                called.setdefault(name, set()).add(_one_kind(other))
    return next((name for name, kinds in called.items() if name in claim and _one_kind(kind) not in kinds), None)


def _in_a_name(tokens: list[re.Match[str]], i: int) -> bool:
    """Whether a capitalised word follows another: part of a name ("United States"), not a word for its kind."""
    return i > 0 and tokens[i].group()[0].isupper() and tokens[i - 1].group()[0].isupper()


_PLACE_QUESTION = re.compile(
    r"^\W*(?:and |so )?(?:where\b|(?:what|which)\s+(?:\w+\s+)?"
    r"(?:venue|place|location|building|hotel|site|city|town|village|room|hall|palace|resort)s?\b)",
    re.I,
)
_GIVEN_PLACE = re.compile(r"\b(?:in|at)\s+([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")
AROUND_WORDS = 4  # words after a place in which a sentence says where it is: "Anui, in eastern China"


def only_the_given_place(question: str, claim: str, sentence: str) -> bool:
    """Whether a line answers "what venue … in Anui?" with Anui and where the sentence puts it ("eastern China").

    The question gives the place; what is asked is a place inside it. A line
    whose every name is that place, or one the sentence writes a few words
    after it, tells the user nothing they did not say.
    """
    if not _PLACE_QUESTION.search(question):
        return False
    asked = {w.lower() for w in _TOKEN.findall(question)}
    given = {w.lower() for match in _GIVEN_PLACE.finditer(question) for w in match.group(1).split()}
    tokens = [w.lower() for w in _TOKEN.findall(sentence)]
    around = {w for i, word in enumerate(tokens) if word in given for w in tokens[i + 1 : i + 1 + AROUND_WORDS]}
    said = _TOKEN.findall(claim)
    # Its names and the words it takes from the sentence: "eastern" of "Anui is in eastern China" (where in China?).
    added = {w.lower() for w in said if w[0].isupper() or (w.lower() not in STOPWORDS and w.lower() in tokens)}
    new = added - asked
    return bool(given & {w.lower() for w in said}) and new <= around


# "where is he heading after the China trip?", "… after his visit to Paris?": the place of the event before.
_NEXT_PLACE = re.compile(
    r"^\W*(?i:and |so )?(?i:where)\b.*\b(?i:after|following)\s+(?i:(?:the|his|her|their|its)\s+)?"
    r"(?i:(?:trip|visit|journey|stay|tour|talks)\s+(?:to|in)\s+)?([A-Z][\w’'-]*)"
)


def the_place_before(question: str, claim: str, sentence: str) -> bool:
    """Whether a line answers "where is he heading after the China trip?" with China or a place in it.

    The sentence that names the trip's place ("in the province of Anui, in
    eastern China") tells where he is, not where he goes next.
    """
    asked = _NEXT_PLACE.match(question)
    if asked is None:
        return False
    before = asked.group(1).lower()
    named = {w.lower() for w in _TOKEN.findall(claim) if w[0].isupper()}
    if before in named:
        return True
    for _, steps in nested_places(sentence):
        inside = [{w.lower() for w in _TOKEN.findall(step)} for step in steps]
        if any(named & step and any(before in later for later in inside[i + 1 :]) for i, step in enumerate(inside)):
            return True
    return False


# "in the province of Anui, in eastern China", "in Tunisia, in the great district of Shanghai in
# eastern China": places written one inside the next, the narrowest first.
_PLACE_STEP = r"(?:in|at)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}?(?:of\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
_NESTED_PLACES = re.compile(rf"\b{_PLACE_STEP}(?:,?\s+{_PLACE_STEP})+")


def nested_places(sentence: str) -> list[tuple[str, list[str]]]:
    """The runs of places a sentence writes one inside the next, as written and as steps ("in the province of Anui")."""
    return [(run.group(), re.findall(_PLACE_STEP, run.group())) for run in _NESTED_PLACES.finditer(sentence)]


def _name_before(tokens: list[re.Match[str]], i: int, sentence: str) -> str | None:
    start = _run_start(tokens, i, sentence, lambda word: word[0].isupper(), MAX_NAME_WORDS)
    return sentence[tokens[start].start() : tokens[i - 1].end()] if start < i else None


def _run_start(tokens: list[re.Match[str]], i: int, sentence: str, belongs: Callable[[str], bool], most: int) -> int:
    """Where the run of at most ``most`` words right before token ``i`` that ``belongs`` keeps starts.

    A punctuation mark between two words ends the run: "In Paris, Washington's envoy" is no name "Paris Washington".
    """
    start = i
    while start > 0 and i - start < most and belongs(tokens[start - 1].group()):
        if _BREAK.search(sentence[tokens[start - 1].end() : tokens[start].start()]):
            break
        start -= 1
    return start


def _name_after(tokens: list[re.Match[str]], i: int, sentence: str) -> str | None:
    if i + 2 >= len(tokens) or tokens[i + 1].group() != "of" or not tokens[i + 2].group()[0].isupper():
        return None
    end = i + 2
    while end + 1 < len(tokens) and end - i < 1 + MAX_NAME_WORDS and tokens[end + 1].group()[0].isupper():
        end += 1
    return sentence[tokens[i + 2].start() : tokens[end].end()]


_TITLE_QUESTION = (
    re.compile(r"\bwhat(?:'s|’s| is| was)\s+(.+?)(?:'s|’s|s')\s+(?:title|job|position|role|post|rank)\b", re.I),
    re.compile(
        r"\bwhat\s+(?:title|job|position|role|post|rank)\s+(?:does|did|do|has|had)\s+(.+?)\s+(?:hold|have)\b", re.I
    ),
    # "What title does the article give Vladimir Putin?", "… is given to him?"
    re.compile(
        r"\bwhat\s+(?:title|job|position|role|post|rank)\s+(?:does|did)\s+(?:the\s+)?(?:article|story|piece|report|text)"
        r"\s+give\s+(?:to\s+)?(.+?)\W*$|\bwhat\s+(?:title|job|position|role|post|rank)\s+is\s+given\s+to\s+(.+?)\W*$",
        re.I,
    ),
)
# "What job did he have before he became envoy?": a title a sentence gives is the one held then, not before.
_ANOTHER_TIME = re.compile(r"\b(?:before|after|previous(?:ly)?|former(?:ly)?|prior|earlier|used\s+to|next)\b", re.I)
_APPOSED_TITLE = re.compile(r"^,\s+(?:the|a|an)\s+([^,.;:!?“”\"()]+)")
MAX_TITLE_WORDS = 6


def title_of(question: str, sentence: str) -> str | None:
    """The title ``sentence`` gives the person a "what is X's title?" question names.

    The capitalised words and title words right before the name ("Russian
    President Vladimir Putin", "Foreign Ministry spokesman Wang Wenbin"),
    else the apposition after it ("Wang Yi, the Chinese Foreign Minister,"),
    else the phrase set off by commas before it ("Washington's special
    envoy for Afghanistan, Tom West, will …"), holding a title word each way.
    """
    asked = next((m for p in _TITLE_QUESTION if (m := p.search(question))), None)
    if asked is None or _ANOTHER_TIME.search(question):
        return None
    name = [w for w in _TOKEN.findall(next(g for g in asked.groups() if g)) if w[0].isupper()]
    tokens = list(_TOKEN.finditer(sentence))
    for i, token in enumerate(tokens):
        if not name or token.group() != name[0]:
            continue
        start = _run_start(tokens, i, sentence, _titled, MAX_TITLE_WORDS)
        before = [t.group().lower() for t in tokens[start:i]]
        if TITLES & set(before):
            return sentence[tokens[start].start() : tokens[i - 1].end()]
        end = next((j for j in range(i, len(tokens)) if tokens[j].group() == name[-1]), i)
        apposed = _APPOSED_TITLE.match(sentence[tokens[end].end() :])
        if apposed and TITLES & {w.lower() for w in _TOKEN.findall(apposed.group(1))}:
            return apposed.group(1).strip()
        if (set_off := _set_off_before(tokens, i, end, sentence)) and TITLES & {w.lower() for w in set_off.split()}:
            return set_off
    return None


def _set_off_before(tokens: list[re.Match[str]], i: int, end: int, sentence: str) -> str | None:
    """The whole phrase between commas (or the sentence's start) before a name that a comma closes.

    "According to a spokesman, Washington's special envoy for Afghanistan,
    Tom West, will attend": "Washington's special envoy for Afghanistan". A
    run cut short by the word limit is part of a longer clause, not a phrase.
    """
    if i == 0 or not sentence[tokens[i - 1].end() : tokens[i].start()].strip().startswith(","):
        return None
    if not sentence[tokens[end].end() :].lstrip().startswith(","):
        return None
    start = _run_start(tokens, i - 1, sentence, lambda word: True, MAX_TITLE_WORDS)
    if start > 0 and not _BREAK.search(sentence[tokens[start - 1].end() : tokens[start].start()]):
        return None
    return _DETERMINER.sub("", sentence[tokens[start].start() : tokens[i - 1].end()])


# "Who's the Russian president (according to the article)?": the role, to its last title word.
_HOLDER_QUESTION = re.compile(
    r"^\W*(?:and\s+|so\s+)?who(?:'s|’s|\s+is|\s+was)\s+(?:the\s+)?((?:[\w-]+\s+){0,3}?(?:"
    + "|".join(sorted(TITLES))
    + r"))(?:\s+(?:according|in|mentioned|named|here|there)\b|\W*$)",
    re.I,
)

# "Wang Yi, the Chinese Foreign Minister,": a name, and the apposition after it.
_APPOSITION = re.compile(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}),\s+(?:the|a|an)\s+([^,.;:!?“”\"()]+)")


def holder_of(question: str, sentence: str) -> str | None:
    """The name ``sentence`` gives the holder of the role a "who is the Russian president?" question names.

    The name right after the role's words written as a title ("Russian
    President Vladimir Putin"), else the name before an apposition that
    holds them ("Wang Yi, the Chinese Foreign Minister,"). Every word of
    the role must be there: a "US diplomat" is no "US president".
    """
    asked = _HOLDER_QUESTION.match(question)
    if asked is None:
        return None
    role = content_stems(asked.group(1))
    tokens = list(_TOKEN.finditer(sentence))
    for i, token in enumerate(tokens):
        if token.group().lower() not in TITLES or i + 1 >= len(tokens):
            continue
        start = _run_start(tokens, i + 1, sentence, _titled, MAX_TITLE_WORDS)
        titled = sentence[tokens[start].start() : tokens[i].end()]
        if role <= content_stems(titled) and tokens[i + 1].group()[0].isupper():
            name = _name_from(tokens, i + 1, sentence)
            if not TITLES & {w.lower() for w in name.split()}:
                return name
    for apposed in _APPOSITION.finditer(sentence):
        if role <= content_stems(apposed.group(2)):
            return apposed.group(1)
    return None


def _titled(word: str) -> bool:
    return word[0].isupper() or word.lower() in TITLES


_WHOSE = re.compile(r"^\W*(?:and\s+|so\s+)?whose\s+((?:[\w'-]+\s*){1,3})", re.I)
_OWNER = re.compile(r"^([A-Z][\w-]*)(?:'s|’s)$")
THING_REACH = 3  # words between the possessive and the thing: "Washington's special envoy"


def possessor(question: str, sentence: str) -> str | None:
    """The name ``sentence`` writes in the possessive before the thing a "whose …?" question asks about.

    "Whose special envoy is Tom West?" against "Washington's special envoy
    for Afghanistan, Tom West, …": "Washington's special envoy", as written.
    """
    asked = _WHOSE.match(question)
    if asked is None:
        return None
    thing = [w.lower() for w in takewhile(lambda w: w.lower() not in STOPWORDS, asked.group(1).split())]
    tokens = list(_TOKEN.finditer(sentence))
    for i, token in enumerate(tokens):
        if not thing or not _OWNER.match(token.group()):
            continue
        near = [t.group().lower() for t in tokens[i + 1 : i + 1 + THING_REACH]]
        if thing[0] in near:
            last = max(near.index(w) for w in thing if w in near)
            first = _run_start(tokens, i + 1, sentence, lambda word: word[0].isupper(), MAX_NAME_WORDS)
            return sentence[tokens[first].start() : tokens[i + 1 + last].end()]
    return None


def deeds(question: str, sentence: str) -> str | None:
    """What the sentence says a named subject did ("what were the two things Wang Yi did …?"), see ``predicate``.

    Only for a subject that ends with a name: "what did the two countries say
    they want to do?" asks for what they said, not for the words after "to".
    """
    subject = _doer_named(question)
    return predicate(question, sentence) if subject and subject[-1][0].isupper() else None


# "what happened with US forces in Kabul that …?": the thing the event befell, up to a clause about it.
_HAPPENED = re.compile(
    r"^\W*what\s+(?:has\s+|had\s+)?happen(?:ed|s)?\s+(?:with|to)\s+(?:the\s+)?"
    r"(?P<thing>[^?,]+?)(?=\s+(?:that|which|who|when|where|in|at|from|after|before)\b|\W*$)",
    re.I,
)
# Nouns of events: "the withdrawal of", "the arrival of", "the expansion of", "the rise of".
_EVENT_NOUN = r"(?:[a-z]+(?:al|ion|ment|ure|ance|ence|ing)|rise|fall|return|defeat|collapse|arrest|death|visit)"


def happened(question: str, sentence: str) -> str | None:
    """For "what happened with X?", the event the sentence names of X: "the withdrawal of US forces from Kabul"."""
    asked = _HAPPENED.match(question)
    if not asked:
        return None
    thing = [w for w in asked.group("thing").split() if w.lower() not in STOPWORDS][:2]
    if not thing:
        return None
    named = r"\s+".join(re.escape(w) for w in thing)
    event = re.search(
        rf"\bthe\s+({_EVENT_NOUN})\s+of\s+(?:the\s+)?{named}\b(?:\s+(?:from|in|to)\s+[A-Z][\w’'-]*)?", sentence, re.I
    )
    return event.group(0) if event else None


# "what have the two countries denounced since then?", "what else did he defend back then?": the verb that
# ends the main clause, and its subject.
_DONE_TO_WHAT = re.compile(
    r"^\W*what\s+(?:else\s+)?(?:have|has|had|did|do|does)\s+"
    r"(?P<subject>(?:(?!(?:say|said|tell|told|about)\b)[\w’'-]+\s+){1,4}?)(?P<verb>[a-z]{3,}(?<![^s]s))"
    r"(?=\s+(?:since|about|during|after|before|today|yesterday|back then|then|at the time|so far|lately)\b|\W*$)",
    re.I,
)
_OBJECT_END = re.compile(
    r"[,.;:!?]|\s+(?:and\s+(?:have|has|had|will|would|is|are|was|were)|but|as|while|which|who|when|because)\b"
)


def object_of(question: str, sentence: str) -> str | None:
    """For "what have X denounced …?", what the sentence says X did it to: "NATO “expansion”".

    The sentence must write the subject's words and the verb (in any
    form); the object runs from the verb to the end of its clause.
    """
    asked = _DONE_TO_WHAT.match(question)
    if not asked:
        return None
    subject = content_stems(asked.group("subject"))
    if not subject or not subject <= stems(words(sentence)):
        return None
    verb = stems([asked.group("verb")])
    for token in re.finditer(r"[A-Za-z]+", sentence):
        if stems([token.group()]) == verb:
            rest = sentence[token.end() :]
            end = _OBJECT_END.search(rest)
            found = rest[: end.start() if end else len(rest)].strip()
            return found or None
    return None


# "What is Russia faced with?", "what two things were they confronted by?": a participle and its preposition.
_UNDERGONE = re.compile(
    r"(?:^|,)\W*what\s+(?:[\w-]+\s+){0,2}?(?:is|are|was|were|has|have|had)\s+"
    r"(?P<subject>(?:[\w’'-]+\s+){1,3}?)(?:been\s+)?(?P<verb>[a-z]{3,}ed)\s+(?P<prep>with|by)\b",
    re.I,
)


def opened_with(question: str, sentence: str) -> str | None:
    """For "what is X faced with?", what a sentence that opens "Faced with …, X …" names, up to its comma.

    "Faced with Ukrainian resistance and the unification of Western
    democracies, which …, Russia can only count on Chinese power": the
    opening says what Russia is faced with, the main clause something else.
    """
    asked = _UNDERGONE.search(question)
    if not asked:
        return None
    opening = re.match(rf"\W*{asked.group('verb')}\s+{asked.group('prep')}\s+([^,;]+),", sentence, re.I)
    subject = content_stems(asked.group("subject"))
    if not opening or not subject or not subject <= stems(words(sentence[opening.end() :])):
        return None
    return opening.group(1).strip()


# "How many troops …?": the noun counted; "… sent thousands of troops": the count written before it.
_HOW_MANY = re.compile(r"\bhow\s+many\s+(?:more\s+)?([a-z][\w-]*)", re.I)
_NUMBER_WORDS = (
    r"\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"a hundred|a thousand|a million|hundreds|thousands|millions|dozens|scores|several|a few|a dozen"
)
_A_COUNT = rf"(?:(?:tens|hundreds) of )?(?:{_NUMBER_WORDS})(?: (?:hundred|thousand|million|billion))?"


def count_of(question: str, sentence: str) -> str | None:
    """For "how many troops …?", the count a sentence writes before the noun: "thousands of troops".

    Only the count of the question's own noun (in any number: "troop" and
    "troops") counts; no other figure of the sentence does.
    """
    asked = _HOW_MANY.search(question)
    if not asked:
        return None
    noun = asked.group(1).lower()
    stem = noun[:-1] if noun.endswith("s") and len(noun) > MIN_SHARED_PREFIX else noun
    found = re.search(rf"\b{_A_COUNT}(?: of)? {re.escape(stem)}s?\b", sentence, re.I)
    return found.group() if found else None


# "What will be much clearer …?", "what did Lavrov say would be much clearer …?": "what" is the subject
# of a modal verb and "be"; the words after it are what the sentence says of its own subject.
_SUBJECT_ASKED = re.compile(
    r"^\W*(?:and |so )?what\s+(?:(?:did|does|do)\s+.+?\s+(?:say|said|think|expect|predict|believe|claim)\s+)?"
    r"(?:would|will|could|might|should|may)\s+(be\s+.+?)\W*$",
    re.I,
)
_BEFORE_VERB = frozenset({"will", "would", "could", "might", "should", "may", "can", "must", "also", "soon", "then"})
_SUBJECT_END = _FINISH_END | {"that", "if", "said", "says", "say"}


def subject_of(question: str, sentence: str) -> str | None:
    """For "what will be much clearer …?", the subject the sentence gives the question's words.

    "… at the end of this stage, the international situation will be much
    clearer and …": "the international situation". The sentence must write
    the predicate's first words (three at least) in a row; the subject runs
    back from the modal verb before them to a punctuation mark or a
    conjunction.
    """
    asked = _SUBJECT_ASKED.match(question)
    if not asked:
        return None
    lead = [w.lower() for w in _TOKEN.findall(asked.group(1))]
    tokens = list(_TOKEN.finditer(sentence))
    lowered = [t.group().lower() for t in tokens]
    for size in range(len(lead), MIN_LEAD_WORDS - 1, -1):
        starts = [i for i in range(len(lowered) - size + 1) if lowered[i : i + size] == lead[:size]]
        if starts:
            return _subject_before(tokens, starts[0], sentence)
    return None


def _subject_before(tokens: list[re.Match[str]], verb: int, sentence: str) -> str | None:
    """The words before token ``verb`` and its modals, back to a punctuation mark or a conjunction."""
    last = verb - 1
    while last >= 0 and tokens[last].group().lower() in _BEFORE_VERB:
        last -= 1
    first = last
    while first > 0 and last - first < MAX_FINISH_WORDS - 1:
        if _BREAK.search(sentence[tokens[first - 1].end() : tokens[first].start()]):
            break
        if tokens[first - 1].group().lower() in _SUBJECT_END:
            break
        first -= 1
    if last < 0 or not content_stems(sentence[tokens[first].start() : tokens[last].end()]):
        return None
    return sentence[tokens[first].start() : tokens[last].end()]


def _doer_named(question: str) -> list[str]:
    """The words of the subject a "what did X do …?" question names, or none for another question."""
    asked = _DO_QUESTION.match(question)
    return (asked.group(1) or asked.group(2)).split() if asked else []


# ", which would allow Moscow to …", ", fearing that they may …", "because …", ", in order to …":
# a reason the sentence gives in a clause of its own; the first group is how the answer opens.
_REASONS = (
    (re.compile(r",\s*which\s+((?:would|could|will|can|may|might)\s+(?:allow|enable|let|help)\b.+)$", re.I), "It "),
    (re.compile(r",\s*(fearing\s+that\b.+)$", re.I), ""),
    (re.compile(r"\b(because\b.+)$", re.I), ""),
    (re.compile(r",\s*((?:so as|in order)\s+to\b.+)$", re.I), ""),
)


def reason(sentence: str) -> str | None:
    """The reason a sentence gives in a clause ("It would allow Moscow to reduce …"), or None."""
    for pattern, opening in _REASONS:
        if found := pattern.search(sentence.rstrip(" .”\"'»")):
            return sentence_case(f"{opening}{found.group(1).strip()}")
    return None
