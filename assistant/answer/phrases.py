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

It does not parse. A by-phrase that is a means or a measure ("by train",
"raised by 5%") is taken for a doer too, and "and" may join two clauses as
well as two items; the callers ask only "who …?" and list questions, and
check what a phrase adds like any other answer.
"""

from __future__ import annotations

import re

from assistant.answer.verify import stems

_WHO = re.compile(r"^\W*who\b", re.I)
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
    for by in _BY.finditer(sentence):
        clause = _CLAUSE_MARK.split(sentence[: by.start()])[-1].split()[-(MAX_GAP_WORDS + 1) :]
        if not any(_participle(word) and stems([word]) & asked for word in clause):
            continue
        phrase = _DOER_END.split(sentence[by.end() :], maxsplit=1)[0].strip()
        if phrase and len(phrase.split()) <= MAX_DOER_WORDS:
            return phrase
    return None


def _participle(word: str) -> bool:
    word = word.lower()
    return word.endswith(("ed", "en", "wn")) or word in _IRREGULAR


# A coordination: items split by commas, the last one after "and" or "or".
_ITEM_SEPARATOR = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+", re.I)
_ITEMS_END = re.compile(r"[.;:!?“”\"()…]|,\s*(?:which|who|where|when|while|but|as)\b|\s+(?:but|while)\s+", re.I)
MAX_ITEM_WORDS = 6


def coordinated(phrase: str, sentence: str) -> list[str]:
    """The items that follow ``phrase`` in a coordination of ``sentence`` ("X, Y and Z"), when there is one.

    Only a run that ends with "and" or "or" counts: "Tom West, will attend the
    summit" is an apposition, not a list.
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
    if not all(items) or any(len(item.split()) > MAX_ITEM_WORDS for item in items):
        return []
    return items


_DO_QUESTION = re.compile(r"^\W*(?:and |so )?what (?:did|does|do|will|would|has|have|had) (.+?) (?:do|done)\b", re.I)
MAX_PREDICATE_WORDS = 30
_FOCUS = re.compile(r"^(?:(?:even|also|then|later|reportedly|further|just)\s+)+", re.I)


def predicate(question: str, sentence: str) -> str | None:
    """What the sentence says its subject did, for "what did X do …?": the words after X, to the sentence's end.

    None when the sentence does not put X right before a verb ("Wang Yi, the
    minister, …" or no X at all), or says too much for an answer.
    """
    asked = _DO_QUESTION.match(question)
    if asked is None:
        return None
    last = re.escape(asked.group(1).split()[-1])
    match = re.search(rf"\b{last}\s+(?=[a-z])", sentence, re.I)
    if match is None:
        return None
    rest = _FOCUS.sub("", sentence[match.end() :].strip()).rstrip(".!")  # "even hailed …": "hailed …"
    return rest if len(rest.split()) <= MAX_PREDICATE_WORDS else None
