"""Which site published an article, read off its credit lines.

A news page names its own site in its furniture ("Follow Example.com on
Google News", "© 2022 Example Media"), not in the story. Ingestion keeps those
lines apart from the body (``Article.credits``): search never returns them, so
a question about the story is never answered from them. This module answers
the one question they do answer.

It does not guess a publisher from a URL, a byline or a news agency the story
quotes ("according to the New China news agency" says who reported a fact,
not who published the article).
"""

from __future__ import annotations

import re

from assistant.ingest.segment import SOCIAL_NETWORKS

_OUTLET = r"(?:news\s*)?(?:site|website|web\s*site|outlet|publication|newspaper|publisher|news\s*source)"
_OF_THIS = (
    r"(?:publish\w*|run|ran|carr(?:y|ied)|post(?:ed)?|from|footer|end of (?:the|this) (?:article|story|page)"
    r"|(?:is|was) (?:this|the) (?:article|story|piece)|this (?:article|story|piece|report)|this\b\W*$"
    rf"|\bfollow\b|{SOCIAL_NETWORKS})"
)
_ASKS = re.compile(
    "|".join(
        [
            rf"\b(?:which|what)\s+{_OUTLET}\b.*\b{_OF_THIS}",
            r"\bwho\s+(?:published|publishes|posted|ran|carried)\s+(?:this|the)\s+(?:article|story|piece|report)\b",
            r"\b(?:source|publisher)\s+of\s+(?:this|the)\s+(?:article|story|piece|report)\b",
            rf"\bfollow\b.*\bon\s+{SOCIAL_NETWORKS}",
        ]
    ),
    re.IGNORECASE,
)
_NAMED = [
    re.compile(rf"^\W*follow\s+(?:us\s+at\s+|us\s+on\s+)?(?P<site>.+?)\s+on\s+{SOCIAL_NETWORKS}", re.IGNORECASE),
    re.compile(r"^\W*(?:©|copyright\b|\(c\))\s*(?:\d{4}\s*[-–]?\s*(?:\d{4})?\s*)?(?P<site>[^.,;|]+)", re.IGNORECASE),
    re.compile(r"(?P<site>\b[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2,6})\b)"),
]
_NOT_A_SITE = re.compile(r"^(?:us|all rights reserved)$", re.IGNORECASE)


def asks_publisher(question: str) -> bool:
    """Whether ``question`` asks which site or outlet published the article ("which news site is this from?")."""
    return bool(_ASKS.search(question))


def site_named(line: str) -> str | None:
    """The site a credit line names ("Follow Skai.gr on Google News" → "Skai.gr"), or None."""
    for pattern in _NAMED:
        if (match := pattern.search(line)) and not _NOT_A_SITE.match(site := match.group("site").strip()):
            return site.removeprefix("@")
    return None
