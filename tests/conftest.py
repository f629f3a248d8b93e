"""Shared fixtures: the seed article, a fast fake embedder and an Assistant built on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import SEED_ARTICLE, FakeEmbedder


@pytest.fixture
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def make_assistant(tmp_path: Path, fake_embedder: FakeEmbedder):
    """Build Assistants on a fresh temporary index with the fake embedder."""
    from assistant.core import Assistant

    def make(**overrides):
        overrides.setdefault("index_dir", tmp_path / "index")
        overrides.setdefault("progress", False)
        return Assistant(embedder=overrides.pop("embedder", fake_embedder), **overrides)

    return make


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


@pytest.fixture(autouse=True)
def no_real_model_by_default(monkeypatch):
    """Tests answer extractively unless they ask for a model by name: no surprise 1.5B loads."""
    monkeypatch.setenv("ASSISTANT_LLM", "extractive")
