"""Answer a question about an article's section headings from the headings themselves.

"What's the subheading before the paragraph about Russia looking to China?"
asks for a line that search never returns: headings are not body sentences
(they would crowd out the sentences that say things), but they are kept apart
as spans of their own (``Article.headings``), each citable. The heading asked
for is the one over the body sentence closest to what the question describes,
or a heading that is itself closest ("the subheading about the world order").

This module does not search, and it answers nothing but which heading.
"""

from __future__ import annotations

import re

import numpy as np

from assistant.answer.when import Embed
from assistant.types import Article, Sentence

# "subheading", "the section heading", "the heading of the section": a heading as a noun, not "heading towards".
_ASKS_OF_HEADINGS = re.compile(
    r"\bsub-?headings?\b|\bsection (?:headings?|titles?|headers?)\b|"
    r"\bheadings?\s+(?:of|for|over|above|before|after)\s+(?:the|that|this|a)\s+(?:section|part|paragraph)\b",
    re.I,
)
# "the subheading after the paragraph about …": the next section's, not the one over it.
_AFTER = re.compile(r"\b(?:after|following|below|beneath)\s+the\s+(?:paragraph|sentence|part|section|passage)\b", re.I)
# The words that say a heading is asked, not what it heads.
_HEADING_WORDS = re.compile(r"\b(?:sub-?)?headings?\b|\bsections?\b|\bparagraphs?\b|\btitles?\b|\bheaders?\b", re.I)


def asks_of_headings(question: str) -> bool:
    """Whether a question asks about a section heading ("subheading", "the section title")."""
    return bool(_ASKS_OF_HEADINGS.search(question))


def heading_asked(question: str, article: Article, embed: Embed) -> Sentence | None:
    """The heading a question asks about, or None when the article has none over what it describes."""
    headings = article.heading_lines
    if not headings:
        return None
    after = bool(_AFTER.search(question))  # the paragraph it follows is described, not the heading
    candidates = [*(() if after else headings), *article.sentences]
    vectors = embed([_HEADING_WORDS.sub(" ", question), *(c.text for c in candidates)])
    best = candidates[int(np.argmax(vectors[1:] @ vectors[0]))]
    if best in headings:
        return best
    if after:
        return next((h for h in headings if h.start > best.end), None)
    return next((h for h in reversed(headings) if h.end <= best.start), None)


def heading_answer(heading: Sentence) -> str:
    """The line that answers with a heading, as the article writes it."""
    return f"The subheading reads: {heading.text.strip()}."
