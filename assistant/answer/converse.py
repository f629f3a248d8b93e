"""A sentence that orders two events the other way round from its question, restated for the model.

"Where did Wang Yi go a week before the meetings?" against "The meetings
come a week after Wang Yi's visit to Kabul": a small model reads the second
event first and replies NONE; shown "Wang Yi's visit to Kabul came a week
before the meetings, …" it answers "Kabul". The restatement is only what the
model reads: citations, offsets and verification stay with the sentence as
the article writes it.

Only the news pattern "A come(s)/came <gap> after/before B" is turned, for a
B that is a thing rather than a clause, and only for a question that asks
with the other word and names something of A.
It does not reorder other constructions ("B was followed by A", "A preceded B").
"""

from __future__ import annotations

import re

from assistant.answer.verify import content_stems

_ORDERED = re.compile(
    r"^(?P<a>[A-Z][^,;:“”\"]*?)\s+(?:comes?|came)\s+(?P<gap>(?:[\w-]+\s+){0,4}?)(?P<rel>after|before)\s+"
    r"(?P<b>[^,;:“”\"]+?)(?P<rest>[,;:].*|\.?)$"
)
_OTHER = {"after": "before", "before": "after"}
# The second event must be a thing to put first ("Wang Yi's visit to Kabul", "the war"), not a clause:
# "… after Russia sent thousands of troops" does not turn into a sentence.
_NOUN_PHRASE = re.compile(r"^(?:(?i:the|a|an|his|her|its|their|this|that)\s|(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*[’']s\s)")


def as_asked(question: str, sentence: str) -> str:
    """``sentence``, its two events put in the order ``question`` asks about them; else unchanged."""
    found = _ORDERED.match(sentence.strip())
    if found is None:
        return sentence
    other = _OTHER[found["rel"]]
    asked = re.search(rf"\b{other}\b", question, re.I) and not re.search(rf"\b{found['rel']}\b", question, re.I)
    if not asked or not content_stems(found["a"]) & content_stems(question) or not _NOUN_PHRASE.match(found["b"]):
        return sentence
    first = found["b"][0].upper() + found["b"][1:]
    second = found["a"][0].lower() + found["a"][1:] if found["a"].split()[0] in ("The", "This", "These") else found["a"]
    return f"{first} came {found['gap']}{other} {second}{found['rest']}"
