"""Check that an answer sentence is supported by the evidence sentences it cites.

A claim is supported by a set of evidence sentences when

* every name and number in it (capitalised words past the first, digits)
  appears in that evidence: a small model's most harmful errors are wrong
  names and numbers, and they are exactly what a lexical check catches; and
* most of its content words (stemmed) appear there too, or fewer of them
  do but the claim and the evidence mean the same (embedding cosine); and
* both say "not" or neither does ("has condemned" is not supported by
  "has refused to condemn").

Names and numbers that the question itself contains count as given (the
user said them); all other words must come from the evidence.

This module judges support; it does not decide what to do with a claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

_WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)?")
_STOPWORDS_TEXT = """
a an the and or but if of to in on at by for with from as into about over after before between
is are was were be been being am do does did has have had will would shall should can could may might
must this that these those it its they them their there here he she his her him we our you your i me my
not no yes also than then so such which who whom whose what when where why how all any each both some
said says say according
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
MIN_LEXICAL = 0.6
MIN_LEXICAL_WITH_MEANING = 0.34
MIN_COSINE = 0.55


@cache
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


def words(text: str) -> list[str]:
    return _WORD.findall(text.replace("’", "'"))


def stems(tokens: Sequence[str]) -> set[str]:
    return set(_stemmer().stemWords([t.lower().removesuffix("'s") for t in tokens]))


def hard_tokens(claim: str) -> set[str]:
    """Names and numbers in a claim (lower-cased, possessive stripped)."""
    tokens = words(claim)
    hard = set()
    for token in tokens:
        is_number = any(c.isdigit() for c in token)
        is_name = token[0].isupper() and token.lower() not in STOPWORDS
        if is_number or is_name:
            hard.add(token.lower().removesuffix("'s"))
    return hard


_NEGATION = re.compile(r"\b(not|no|never|none|nor|neither|without|refused|refuses|refuse|denied|denies|deny)\b|n't")


def _negated(text: str) -> bool:
    """Whether a text says something is not so: a claim and its evidence must agree."""
    return bool(_NEGATION.search(text.lower().replace("’", "'")))


@dataclass(frozen=True)
class Support:
    supported: bool
    lexical: float
    missing_names: tuple[str, ...] = ()


class Verifier:
    def __init__(self, embed: Callable[[Sequence[str]], np.ndarray] | None = None) -> None:
        self._embed = embed

    def check(self, claim: str, evidence: Sequence[str], question: str = "") -> Support:
        if not evidence:
            return Support(False, 0.0)
        joined = " ".join(evidence)
        evidence_words = {w.lower().removesuffix("'s") for w in words(joined)}
        given = {w.lower().removesuffix("'s") for w in words(question)}
        missing = tuple(sorted(t for t in hard_tokens(claim) if t not in evidence_words and t not in given))
        content = [w for w in words(claim) if w.lower() not in STOPWORDS]
        if not content:
            return Support(False, 0.0, missing)
        claim_stems = stems(content)
        lexical = len(claim_stems & stems(words(joined))) / len(claim_stems)
        if missing or _negated(claim) != _negated(joined):
            return Support(False, lexical, missing)
        if lexical >= MIN_LEXICAL:
            return Support(True, lexical)
        if lexical >= MIN_LEXICAL_WITH_MEANING and self._embed is not None:
            vectors = self._embed([claim, joined])
            if float(vectors[0] @ vectors[1]) >= MIN_COSINE:
                return Support(True, lexical)
        return Support(False, lexical)
