"""Which site published an article, read off its credit lines.

A news page names its own site in its furniture ("Follow Example.com on
Google News", "© 2022 Example Media"), not in the story. Ingestion keeps those
lines apart from the body (``Article.credits``): search never returns them, so
a question about the story is never answered from them. This module answers
the two questions they do answer: which site published the article, and
where to follow the site a question names ("Follow Skai.gr on Google News").

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
_FOLLOW_ON = re.compile(
    rf"^\W*follow\s+(?:us\s+at\s+|us\s+on\s+)?(?P<site>.+?)\s+on\s+(?P<network>{SOCIAL_NETWORKS})", re.IGNORECASE
)
_NAMED = [
    _FOLLOW_ON,
    re.compile(r"^\W*(?:©|copyright\b|\(c\))\s*(?:\d{4}\s*[-–]?\s*(?:\d{4})?\s*)?(?P<site>[^.,;|]+)", re.IGNORECASE),
    re.compile(r"(?P<site>\b[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2,6})\b)"),
]
_NOT_A_SITE = re.compile(r"^(?:us|all rights reserved)$", re.IGNORECASE)
_FOLLOW = re.compile(r"\bfollow", re.IGNORECASE)


def asks_publisher(question: str) -> bool:
    """Whether ``question`` asks which site or outlet published the article ("which news site is this from?")."""
    return bool(_ASKS.search(question))


def site_named(line: str) -> str | None:
    """The site a credit line names ("Follow Skai.gr on Google News" → "Skai.gr"), or None."""
    for pattern in _NAMED:
        if (match := pattern.search(line)) and not _NOT_A_SITE.match(site := match.group("site").strip()):
            return site.removeprefix("@")
    return None


def asks_of_credits(question: str) -> bool:
    """Whether credit lines may answer ``question``: who published the article, or where to follow a site."""
    return asks_publisher(question) or bool(_FOLLOW.search(question))


def credit_answer(question: str, line: str) -> str | None:
    """What a credit line answers of ``question``: the site that published it, or where to follow the site asked of.

    "Where can readers follow Skai.gr?" is answered "On Google News." by
    "Follow Skai.gr on Google News"; a question that names no site the line
    names ("where can I follow Lavrov?") is about the story, not the page.
    """
    if asks_publisher(question):
        return f"{site}." if (site := site_named(line)) else None
    followed = _FOLLOW_ON.search(line)
    if followed is None or not _FOLLOW.search(question):
        return None
    site = followed.group("site").split(".")[0]
    return f"On {followed.group('network')}." if re.search(rf"\b{re.escape(site)}\b", question, re.I) else None
