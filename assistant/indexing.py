"""What the indexes see for a sentence: the sentence, with its article's subject.

News and encyclopedia sentences often name their subject only as "he" or "the
company"; prefixing the title puts the subject back, for the embedder and for
BM25 alike. Only a title that reads like a headline or a name is used: when
an article has no headline, its "title" is a copy of its first sentence, and
prefixing that to every sentence would make them all look alike.
"""

from __future__ import annotations

MAX_SUBJECT_WORDS = 16


def subject(title: str) -> str:
    """The title if it is short enough to be a headline or a name, else ''."""
    title = title.strip()
    if not title or len(title.split()) > MAX_SUBJECT_WORDS or title.endswith("…"):
        return ""
    return title


def sentence_document(title: str, sentence: str) -> str:
    prefix = subject(title)
    return f"{prefix}. {sentence}" if prefix else sentence
