"""Language-model backends behind one small interface (the only llama-index LLM importer).

* ``llamacpp``: llama.cpp in-process through llama-index's ``LlamaCPP``; the
  GGUF file comes from ``assistant.models`` (located, assembled, sha256-checked)
  and is loaded once per process. Prompts use the model's own chat template.
* ``openai``: any OpenAI-compatible endpoint (OpenAI, vLLM, Ollama's /v1, a
  llama.cpp server) through llama-index's ``OpenAILike``.

Both answer at temperature 0. ``extractive`` needs no model and has no class
here: the answer pipeline handles it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from assistant.errors import AssistantError

DEFAULT_MAX_TOKENS = 256
CONTEXT_WINDOW = 4096


@dataclass(frozen=True)
class Message:
    role: str  # "system" | "user" | "assistant"
    content: str


class LLM(Protocol):
    name: str

    def complete(self, messages: Sequence[Message], max_tokens: int = DEFAULT_MAX_TOKENS) -> str: ...

    def stream(self, messages: Sequence[Message], max_tokens: int = DEFAULT_MAX_TOKENS) -> Iterator[str]: ...


class LlmUnavailableError(AssistantError):
    """The model cannot be loaded or the server cannot be reached."""


class LlamaIndexLLM:
    """Adapts a llama-index LLM to our interface; its types never leave this module."""

    def __init__(self, name: str, llm: Any) -> None:
        self.name = name
        self._llm = llm

    def _messages(self, messages: Sequence[Message]) -> list[Any]:
        from llama_index.core.llms import ChatMessage

        return [ChatMessage(role=m.role, content=m.content) for m in messages]

    def complete(self, messages: Sequence[Message], max_tokens: int = DEFAULT_MAX_TOKENS) -> str:
        return "".join(self.stream(messages, max_tokens))

    def stream(self, messages: Sequence[Message], max_tokens: int = DEFAULT_MAX_TOKENS) -> Iterator[str]:
        try:
            for chunk in self._llm.stream_chat(self._messages(messages), max_tokens=max_tokens):
                if chunk.delta:
                    yield chunk.delta
        except AssistantError:
            raise
        except Exception as exc:  # network errors, server errors: say what to do
            raise LlmUnavailableError(f"The language model ({self.name}) failed: {exc}") from exc


class ScriptedLLM:
    """A model that replies from a queue: for tests, and to try the pipeline without a model.

    Each call takes the next reply (the last one repeats); the prompts it was
    given are kept in ``prompts`` so a test can check what the model saw.
    """

    def __init__(self, *replies: str, name: str = "scripted") -> None:
        self.replies = list(replies) or [""]
        self.prompts: list[str] = []
        self.name = name

    def complete(self, messages: Sequence[Message], max_tokens: int = DEFAULT_MAX_TOKENS) -> str:
        return "".join(self.stream(messages, max_tokens))

    def stream(self, messages: Sequence[Message], max_tokens: int = DEFAULT_MAX_TOKENS) -> Iterator[str]:
        self.prompts.append("\n".join(m.content for m in messages))
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        for word in reply.split(" "):
            yield word + " "


@cache
def load_llamacpp(model: str | None = None, threads: int = 2) -> LlamaIndexLLM:
    """Load a GGUF model once per process (a second call returns the same object)."""
    from assistant import models

    name, path = models.resolve(model)
    return LlamaIndexLLM(f"llamacpp:{name}", _TokenLimited(llamacpp_model(path, threads)))


def llamacpp_model(path: Path, threads: int = 2) -> Any:
    """llama-index's ``LlamaCPP`` on a GGUF with our settings and the model's own chat template.

    The raw llama-index object: ``load_llamacpp`` wraps it, and the benchmark's
    LlamaIndex baseline uses it as is, so both sides run the model identically.
    """
    try:
        from llama_index.llms.llama_cpp import LlamaCPP
    except ImportError as exc:
        raise LlmUnavailableError(
            "llama-cpp-python is not installed: run `make setup`, or use --llm extractive / --llm openai."
        ) from exc

    template: dict[str, Any] = {}

    def to_prompt(messages: Sequence[Any]) -> str:
        return str(template["format"](messages))

    llm = LlamaCPP(
        model_path=str(path),
        temperature=0.0,
        max_new_tokens=DEFAULT_MAX_TOKENS,
        context_window=CONTEXT_WINDOW,
        model_kwargs={"n_threads": threads, "n_ctx": CONTEXT_WINDOW},
        generate_kwargs={"stop": ["<|im_end|>", "<|endoftext|>"]},
        messages_to_prompt=to_prompt,
        completion_to_prompt=lambda text: to_prompt([_UserMessage(text)]),
        verbose=False,
    )
    template["format"] = _chat_formatter(llm._model)
    return llm


def load_openai(base_url: str, model: str, api_key: str | None = None, timeout: float = 120.0) -> LlamaIndexLLM:
    from llama_index.llms.openai_like import OpenAILike

    llm = OpenAILike(
        model=model,
        api_base=base_url,
        api_key=api_key or "not-needed",
        is_chat_model=True,
        temperature=0.0,
        max_tokens=DEFAULT_MAX_TOKENS,
        timeout=timeout,
        max_retries=2,
    )
    return LlamaIndexLLM(f"openai:{model}", llm)


@dataclass(frozen=True)
class _UserMessage:
    content: str
    role: str = "user"


class _TokenLimited:
    """LlamaCPP takes its token limit at construction; pass ours per call instead."""

    def __init__(self, llm: Any) -> None:
        self._llm = llm

    def stream_chat(self, messages: list[Any], max_tokens: int) -> Iterator[Any]:
        prompt = self._llm.messages_to_prompt(messages)
        for chunk in self._llm.stream_complete(prompt, formatted=True, max_tokens=max_tokens):
            yield _Delta(chunk.delta)


@dataclass(frozen=True)
class _Delta:
    delta: str


def _chat_formatter(model: Any) -> Any:
    """The chat template stored in the GGUF file, or ChatML when it has none."""
    template = (getattr(model, "metadata", None) or {}).get("tokenizer.chat_template")
    if template:
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        formatter = Jinja2ChatFormatter(template=template, eos_token="", bos_token="")

        def render(messages: Sequence[Any]) -> str:
            as_dicts: list[Any] = [
                {"role": str(getattr(m.role, "value", m.role)), "content": m.content} for m in messages
            ]
            return str(formatter(messages=as_dicts).prompt)

        return render

    def chatml(messages: Sequence[Any]) -> str:
        turns = "".join(f"<|im_start|>{getattr(m.role, 'value', m.role)}\n{m.content}<|im_end|>\n" for m in messages)
        return turns + "<|im_start|>assistant\n"

    return chatml
