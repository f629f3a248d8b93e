"""Who did it, read off a passive sentence: "sanctions imposed on Russia by the United States".

A small model reads such a sentence the wrong way round: asked "who imposed
the sanctions on Russia?", it answered with the ministers who *condemned*
them, or with Russia. The by-phrase after the participle the question asks
about names the doer, and this module finds it.

It does not parse. A by-phrase that is a means or a measure ("by train",
"raised by 5%") is taken for a doer too; the caller only asks "who …?"
questions, and checks what the phrase adds like any other answer.
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
