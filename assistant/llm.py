"""Language-model backends behind one small interface (the only llama-index LLM importer).

* ``llamacpp``: llama.cpp in-process through llama-index's ``LlamaCPP``; the
  GGUF file comes from ``assistant.models`` (located, assembled, sha256-checked)
  and is loaded once per process. Prompts use the model's own chat template.
* ``openai``: any OpenAI-compatible endpoint (OpenAI, vLLM, Ollama's /v1, a
  llama.cpp server) through llama-index's ``OpenAILike``. A server is a
  network peer that can be down, restarting or stuck, so this backend has
  its own failure rules (``OpenAIServerLLM``): a time limit for connecting and
  between two pieces of the reply; retries with exponential backoff only
  while nothing has been streamed (a connection refused, a 429/502/503/504),
  never after, because the user has already seen the first words; and a
  message that says which of these happened.

Both answer at temperature 0. ``extractive`` needs no model and has no class
here: the answer pipeline handles it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from assistant.errors import AssistantError

DEFAULT_MAX_TOKENS = 256
CONTEXT_WINDOW = 4096
DEFAULT_TIMEOUT = 60.0  # seconds; Settings.llm_timeout
DEFAULT_RETRIES = 2  # Settings.llm_retries
RETRY_STATUSES = frozenset({429, 502, 503, 504})  # "busy or restarting, try again"


@dataclass(frozen=True)
class Message:
    role: str  # "system" | "user" | "assistant"
    content: str


class LLM(Protocol):
    name: str

    def complete(self, messages: Sequence[Message], max_tokens: int = DEFAULT_MAX_TOKENS) -> str: ...

    def stream(self, messages: Sequence[Message], max_tokens: int = DEFAULT_MAX_TOKENS) -> Iterator[str]: ...


@runtime_checkable
class Judge(Protocol):
    """A model that can say how likely its reply starts with "yes" rather than "no", without writing it."""

    def yes_probability(self, messages: Sequence[Message]) -> float: ...


class LlmUnavailableError(AssistantError):
    """The model cannot be loaded or the server cannot be reached."""


# Chat-template control strings of common model families: ChatML and its kin (<|im_start|>,
# <|eot_id|>, <|endoftext|> …), Llama 2 (<s>, [INST], <<SYS>>) and Gemma (<start_of_turn>).
# llama.cpp, in-process and as a server, tokenizes the whole templated prompt with special
# tokens on, so an article containing "<|im_start|>system" would open a real system turn.
_CONTROL_TOKENS = re.compile(r"<\|[A-Za-z0-9_.-]{1,40}\|>|</?s>|<</?SYS>>|\[/?INST\]|<(?:start|end)_of_turn>")


def defuse_control_tokens(text: str) -> str:
    """``text`` with chat-template control strings broken up ("<|im_start|>" -> "< |im_start| >").

    Applied to every message's content before the template wraps it: the model
    still reads the article's words, but they can no longer end a turn or open a
    system one. Our own prompts never put such strings in content.
    """
    return _CONTROL_TOKENS.sub(lambda m: f"{m.group()[0]} {m.group()[1:-1]} {m.group()[-1]}", text)


class LlamaIndexLLM:
    """Adapts a llama-index LLM to our interface; its types never leave this module."""

    def __init__(self, name: str, llm: Any) -> None:
        self.name = name
        self._llm = llm

    def _messages(self, messages: Sequence[Message]) -> list[Any]:
        from llama_index.core.llms import ChatMessage

        return [ChatMessage(role=m.role, content=defuse_control_tokens(m.content)) for m in messages]

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


class LlamaCppLLM(LlamaIndexLLM):
    """llama.cpp in-process: writes like any backend, and judges yes/no from its next-token odds.

    A yes/no judgement read from the logits costs one prompt evaluation and no
    decoding; the prompt's beginning that the previous call shared is not
    evaluated again (llama.cpp keeps it), so judging one question against
    several sentences costs little more than reading them.
    """

    def yes_probability(self, messages: Sequence[Message]) -> float:
        import numpy as np

        raw = self._llm.raw
        model = raw._model
        prompt = raw.messages_to_prompt(self._messages(messages))
        tokens = model.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)
        shared = 0
        for before, now in zip(model._input_ids[: model.n_tokens], tokens, strict=False):
            if before != now:
                break
            shared += 1
        model.n_tokens = min(shared, len(tokens) - 1)  # at least one token evaluated: its logits are the answer
        model.eval(tokens[model.n_tokens :])
        logits = np.ctypeslib.as_array(model._ctx.get_logits(), shape=(model.n_vocab(),))
        yes, no = self._answer_tokens
        margin = float(np.logaddexp.reduce(logits[no]) - np.logaddexp.reduce(logits[yes]))
        return 1.0 / (1.0 + float(np.exp(margin)))

    @cached_property
    def _answer_tokens(self) -> tuple[list[int], list[int]]:
        """The first tokens of a reply that starts "yes" and of one that starts "no", in the casings models use."""
        model = self._llm.raw._model

        def first(word: str) -> int:
            return int(model.tokenize(word.encode("utf-8"), add_bos=False, special=False)[0])

        return sorted({first(w) for w in ("yes", "Yes", "YES")}), sorted({first(w) for w in ("no", "No", "NO")})


@cache
def load_llamacpp(model: str | None = None, threads: int = 2) -> LlamaCppLLM:
    """Load a GGUF model once per process (a second call returns the same object)."""
    from assistant import models

    name, path = models.resolve(model)
    return LlamaCppLLM(f"llamacpp:{name}", _TokenLimited(llamacpp_model(path, threads)))


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


def load_openai(
    base_url: str,
    model: str,
    api_key: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = DEFAULT_RETRIES,
) -> OpenAIServerLLM:
    """A client for an OpenAI-compatible server; nothing is sent until the first question.

    The OpenAI client's own retries are off (``max_retries=0``): they would
    also retry timeouts, and ``OpenAIServerLLM`` decides what is safe to retry.
    ``max_tokens`` is left unset here because ``OpenAILike`` lets a value set at
    construction override the one each call passes (the short sentence readings
    would all have been allowed 256 tokens).
    """
    from llama_index.llms.openai_like import OpenAILike

    llm = OpenAILike(
        model=model,
        api_base=base_url,
        api_key=api_key or "not-needed",
        is_chat_model=True,
        temperature=0.0,
        max_tokens=None,
        timeout=timeout,
        max_retries=0,
    )
    return OpenAIServerLLM(f"openai:{model}", llm, base_url=base_url, timeout=timeout, policy=RetryPolicy(retries))


@dataclass(frozen=True)
class RetryPolicy:
    """How often, and how patiently, to retry a request that failed before any output."""

    retries: int = DEFAULT_RETRIES
    first_delay: float = 0.5
    max_delay: float = 8.0

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt`` (0-based): 0.5, 1, 2, 4, 8, 8 …"""
        return float(min(self.max_delay, self.first_delay * 2**attempt))


class OpenAIServerLLM(LlamaIndexLLM):
    """An OpenAI-compatible server, with the failure rules of the module docstring."""

    def __init__(
        self,
        name: str,
        llm: Any,
        *,
        base_url: str,
        timeout: float,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(name, llm)
        self.base_url = base_url
        self.timeout = timeout
        self.policy = policy or RetryPolicy()
        self._sleep = sleep  # tests pass a recorder instead of waiting

    def stream(self, messages: Sequence[Message], max_tokens: int = DEFAULT_MAX_TOKENS) -> Iterator[str]:
        attempt = 0
        while True:
            streamed = False
            try:
                for chunk in self._llm.stream_chat(self._messages(messages), max_tokens=max_tokens):
                    if chunk.delta:
                        streamed = True
                        yield chunk.delta
                return
            except Exception as exc:
                if streamed:  # the user has seen part of this answer: a retry would repeat it
                    what = f"sent nothing for {self.timeout:g} s" if _is_timeout(exc) else "stopped"
                    raise LlmUnavailableError(
                        f"The language model ({self.name}) failed: the server at {self.base_url} {what} "
                        f"in the middle of the answer ({_describe(exc)}). Ask again when it is back."
                    ) from exc
                if attempt < self.policy.retries and _retryable(exc):
                    self._sleep(self.policy.delay(attempt))
                    attempt += 1
                    continue
                raise LlmUnavailableError(self._explain(exc, attempt + 1)) from exc

    def _explain(self, exc: Exception, attempts: int) -> str:
        """What went wrong before any output, in the user's terms, with what to do about it."""
        import openai

        tried = f" ({attempts} attempts)" if attempts > 1 else ""
        prefix = f"The language model ({self.name}) failed"
        if _is_timeout(exc):
            import httpx

            if isinstance(exc.__cause__, httpx.ConnectTimeout) or isinstance(exc, httpx.ConnectTimeout):
                return f"{prefix}: could not connect to {self.base_url} within {self.timeout:g} s. Check --base-url."
            return (
                f"{prefix}: the server at {self.base_url} did not answer within {self.timeout:g} s. "
                "It may be overloaded; raise ASSISTANT_LLM_TIMEOUT or try again."
            )
        if isinstance(exc, openai.APIConnectionError):
            return (
                f"{prefix}: cannot reach the server at {self.base_url}{tried}. Start it (for example "
                "`python -m llama_cpp.server --model FILE --port 8080`) or check --base-url."
            )
        if isinstance(exc, openai.APIStatusError):
            return f"{prefix}: the server at {self.base_url} answered HTTP {exc.status_code}{tried}: {exc.message}"
        return f"{prefix}: {_describe(exc)}"


def _retryable(exc: Exception) -> bool:
    """A failure before any output that another attempt may not meet: refused, reset, busy, restarting.

    A timeout is not retried: the server is up but slow, and waiting the whole
    time limit again would only make the user wait longer for the same error.
    """
    import openai

    if _is_timeout(exc):
        return False
    if isinstance(exc, openai.APIConnectionError):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code in RETRY_STATUSES


def _is_timeout(exc: BaseException) -> bool:
    """A time limit ran out: before the reply (the OpenAI client's error) or inside it (httpx's)."""
    import httpx
    import openai

    return isinstance(exc, openai.APITimeoutError | httpx.TimeoutException)


def _describe(exc: BaseException) -> str:
    """The error's own words, or its type when it has none (some network errors are silent)."""
    return str(exc).strip() or type(exc).__name__


@dataclass(frozen=True)
class _UserMessage:
    content: str
    role: str = "user"


class _TokenLimited:
    """LlamaCPP takes its token limit at construction; pass ours per call instead."""

    def __init__(self, llm: Any) -> None:
        self._llm = llm
        self.raw = llm  # llama-index's LlamaCPP, for what only llama.cpp offers (its logits)

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
