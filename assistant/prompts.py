"""Prompt templates live as files in ``prompts/``; this module loads and fills them.

Templates use ``$name`` placeholders (``string.Template``); a missing value is
an error, never a silently empty hole in a prompt.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

from assistant.errors import AssistantError

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "prompts"


def render(name: str, /, **values: str) -> str:
    """Fill ``prompts/<name>.txt``; every ``$placeholder`` needs a value."""
    path = DEFAULT_DIR / f"{name}.txt"
    try:
        template = Template(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AssistantError(f"prompt template {path} is missing: {exc.strerror}") from exc
    try:
        return template.substitute(values)
    except KeyError as exc:
        raise AssistantError(f"prompt {name!r} needs a value for ${exc.args[0]}") from exc
