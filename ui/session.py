"""One chat turn, without Gradio: options, backends, streaming and history.

The Gradio layer (``ui.app``) only moves values between components and these
functions, so everything here is testable with a plain ``Assistant``.
Errors never escape as tracebacks: an ``AssistantError`` is shown as its
message, anything else as a one-line summary (the traceback goes to the log).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from assistant.answer.pipeline import checked_question
from assistant.errors import AssistantError
from assistant.types import Answer
from ui.render import answer_html, error_html, streaming_html

if TYPE_CHECKING:
    from assistant.core import Assistant

logger = logging.getLogger("assistant.ui")

BACKENDS = ("llamacpp", "openai", "extractive")
MAX_HISTORY_MESSAGES = 20  # ten exchanges: enough for follow-ups, bounded for the prompt

Message = dict[str, str]


class OptionsError(AssistantError):
    """A setting in the form is not valid; the message says which and why."""


def _iso(value: str | None, label: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise OptionsError(f"{label} must be a date like 2022-03-30, not {value!r}.") from None


@dataclass(frozen=True)
class AskOptions:
    """The Settings tab: which model answers, how much evidence, which articles count."""

    backend: str | None = None  # None: the backend the server was started with
    model: str | None = None  # GGUF path (llamacpp) or model name (openai)
    base_url: str | None = None  # openai only
    answer_k: int | None = None
    sources: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None

    @classmethod
    def from_form(
        cls,
        backend: str | None = None,
        model: str | None = None,
        base_url: str | None = None,
        answer_k: float | None = None,
        sources: Sequence[str] | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> AskOptions:
        if backend and backend not in BACKENDS:
            raise OptionsError(f"Unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}.")
        start, end = _iso(date_from, "'From'"), _iso(date_to, "'To'")
        if start and end and start > end:
            raise OptionsError(f"The date range is empty: 'From' ({start}) is after 'To' ({end}).")
        return cls(
            backend=backend or None,
            model=(model or "").strip() or None,
            base_url=(base_url or "").strip() or None,
            answer_k=int(answer_k) if answer_k else None,
            sources=tuple(s for s in (sources or ()) if s),
            date_from=start,
            date_to=end,
        )

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for ``Assistant.ask``/``ask_stream``."""
        return {
            "sources": self.sources,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "answer_k": self.answer_k,
        }

    def llm_overrides(self) -> dict[str, Any]:
        """Settings overrides for the chosen backend (empty: keep the server's)."""
        if not self.backend:
            return {}
        overrides: dict[str, Any] = {"llm": self.backend}
        if self.backend == "llamacpp" and self.model:
            overrides["llm_model"] = self.model
        if self.backend == "openai":
            if self.model:
                overrides["model"] = self.model
            if self.base_url:
                overrides["base_url"] = self.base_url
        return overrides


class Backends:
    """The served Assistant, plus one per other backend a user picks (same index and embedder).

    A lock serialises answering: llama.cpp models are not safe to run from two
    threads at once, and a 2-core machine gains nothing from trying.
    """

    def __init__(self, assistant: Assistant) -> None:
        self.primary = assistant
        self._others: dict[tuple[tuple[str, Any], ...], Assistant] = {}
        self._build_lock = threading.Lock()
        self.answer_lock = threading.Lock()

    def get(self, options: AskOptions) -> Assistant:
        overrides = options.llm_overrides()
        settings = self.primary.settings
        if all(getattr(settings, name) == value for name, value in overrides.items()):
            return self.primary
        key = tuple(sorted(overrides.items()))
        with self._build_lock:
            if key not in self._others:
                from assistant.core import Assistant

                self._others[key] = Assistant(settings, embedder=self.primary.embedder, **overrides)
            return self._others[key]


@dataclass(frozen=True)
class Reply:
    """What the chat shows for the assistant's message at one moment of a turn."""

    html: str
    answer: Answer | None = None  # the final, verified answer (last reply of a turn)
    error: str | None = None
    history: list[Message] = field(default_factory=list)  # the history after this turn (when done)

    @property
    def done(self) -> bool:
        return self.answer is not None or self.error is not None


def fallback_notice(assistant: Assistant, answer: Answer) -> str | None:
    """Say so when a model was asked for but the answer had to be extractive."""
    if assistant.settings.llm != "extractive" and answer.llm == "extractive":
        return (
            f"The {assistant.settings.llm} model could not be loaded, so this answer quotes the evidence "
            "(extractive). See the server log for why (`make setup` installs the local model)."
        )
    return None


def extend_history(history: Sequence[Message], question: str, answer: Answer) -> list[Message]:
    """The conversation after one more exchange, keeping the last ``MAX_HISTORY_MESSAGES``."""
    turn = [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]
    return [*history, *turn][-MAX_HISTORY_MESSAGES:]


def clean_history(history: Any) -> list[Message]:
    """History from a client: only ``{"role", "content"}`` string pairs with known roles."""
    if not isinstance(history, list):
        return []
    return [
        {"role": m["role"], "content": m["content"]}
        for m in history
        if isinstance(m, dict) and m.get("role") in ("user", "assistant") and isinstance(m.get("content"), str)
    ][-MAX_HISTORY_MESSAGES:]


def check_question(question: str | None) -> str:
    """The question as the pipeline will take it, or the pipeline's own clear error (QuestionError)."""
    return checked_question(question or "")


def describe(exc: BaseException) -> str:
    """A readable one-line message for any failure (AssistantError messages are written for users)."""
    if isinstance(exc, AssistantError):
        return str(exc)
    logger.error("answering failed", exc_info=exc)
    return f"The answer could not be produced ({type(exc).__name__}: {exc}). The server log has the details."


def stream_reply(
    backends: Backends, question: str | None, history: Sequence[Message], options: AskOptions
) -> Iterator[Reply]:
    """Stream one turn: raw deltas first, then the verified answer (or a readable error)."""
    try:
        question = check_question(question)
        assistant = backends.get(options)
        text = ""
        yield Reply(streaming_html(text))
        with backends.answer_lock:
            for event in assistant.ask_stream(question, list(history), **options.filters()):
                if isinstance(event, Answer):
                    notice = fallback_notice(assistant, event)
                    yield Reply(
                        answer_html(event, notice), answer=event, history=extend_history(history, question, event)
                    )
                    return
                text += event.text
                yield Reply(streaming_html(text))
        raise AssistantError("The answer stream ended without an answer.")
    except Exception as exc:
        message = describe(exc)
        yield Reply(error_html(message), error=message, history=list(history))


def ask_once(backends: Backends, question: str | None, history: Any, options: AskOptions) -> Answer:
    """A whole answer at once, for the HTTP and gradio_client APIs (errors raise)."""
    question = check_question(question)
    assistant = backends.get(options)
    with backends.answer_lock:
        return assistant.ask(question, clean_history(history), **options.filters())
