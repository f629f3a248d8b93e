"""Offline question answering over news articles, with exact sentence citations.

``from assistant import Assistant`` is the entry point; heavy dependencies load
lazily so that importing the package (and ``assistant --help``) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Assistant", "Settings"]

if TYPE_CHECKING:
    from assistant.core import Assistant
    from assistant.settings import Settings


def __getattr__(name: str) -> Any:
    if name == "Assistant":
        from assistant.core import Assistant

        return Assistant
    if name == "Settings":
        from assistant.settings import Settings

        return Settings
    raise AttributeError(name)
