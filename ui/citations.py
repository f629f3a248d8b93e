"""Citation keys: how a clicked marker in the page names the sentence(s) to show.

A marker in the answer HTML carries a key such as ``3f2a…:120-214,300-350``:
the article id, the clicked sentence's character span, then the other spans
that the same answer cites in that article. The key comes back from the
browser, so it is parsed strictly and never trusted beyond naming an article
and offsets (which are clamped to the article's text when rendered).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_KEY = re.compile(r"^(?P<article>[\w.-]{1,128}):(?P<spans>(?:\d{1,9}-\d{1,9}(?:,\d{1,9}-\d{1,9}){0,63})?)(?:#\d+)?$")

Span = tuple[int, int]


@dataclass(frozen=True)
class CitationKey:
    """An article and the spans to highlight; ``spans[0]`` is the one to scroll to."""

    article_id: str
    spans: tuple[Span, ...] = ()

    def format(self) -> str:
        return f"{self.article_id}:" + ",".join(f"{start}-{end}" for start, end in self.spans)

    @property
    def active(self) -> Span | None:
        return self.spans[0] if self.spans else None


def make_key(article_id: str, active: Span, others: Sequence[Span] = ()) -> str:
    """The key for a marker: its own span first, then the answer's other spans in the same article."""
    rest = [span for span in dict.fromkeys(others) if span != active]
    return CitationKey(article_id, (active, *rest)).format()


def parse_key(raw: str) -> CitationKey | None:
    """A key from the browser, or None when it is not one (a ``#nonce`` suffix is ignored)."""
    match = _KEY.match((raw or "").strip())
    if not match:
        return None
    spans: list[Span] = []
    for part in filter(None, match["spans"].split(",")):
        start, end = (int(x) for x in part.split("-"))
        if start < end:
            spans.append((start, end))
    return CitationKey(match["article"], tuple(spans))
