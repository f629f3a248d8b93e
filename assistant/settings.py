"""One settings object for the whole assistant.

Values come, in increasing priority, from defaults, ``ASSISTANT_*`` environment
variables, and keyword arguments (the CLI passes its flags as keyword
arguments). Nothing else in the package reads the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="forbid")

    index_dir: Path = Field(Path("index"), description="Folder of the embedded index.")
    chroma_url: str | None = Field(None, description="Chroma server URL, e.g. http://127.0.0.1:8000")
    collection: str = Field("news", description="Name prefix of the Chroma collections.")
    embed_model: str | None = Field(
        None, description="sentence-transformers model name or path; default: packaged MiniLM"
    )
    embed_batch_size: int = Field(64, ge=1)
    embed_backend: Literal["auto", "onnx-int8", "torch"] = Field(
        "auto",
        description="How the embedding model runs: onnx-int8 (int8 ONNX export, ~2-4x faster on a CPU, "
        "cosine ~0.99 to fp32), torch (sentence-transformers, fp32), or auto (onnx-int8 for the packaged "
        "model). An index is queried with the backend that built it.",
    )
    model_cache_dir: Path | None = Field(
        None, description="Where exported ONNX models are cached; default ~/.cache/news-assistant/onnx."
    )
    write_wait: float = Field(
        10.0, ge=0, description="Seconds a write waits for another process's ingest before 'index is busy'."
    )
    max_file_mb: float = Field(50.0, gt=0, description="Inputs larger than this are refused.")
    fetch_timeout: float = Field(20.0, gt=0, description="Seconds to wait for a URL.")
    k: int = Field(10, ge=1, description="Evidence sentences returned by search.")
    progress: bool = Field(True, description="Show progress bars on long operations.")
    llm: Literal["llamacpp", "openai", "extractive"] = Field(
        "llamacpp", description="Answer backend: local llama.cpp, an OpenAI-compatible server, or none."
    )
    llm_model: str | None = Field(None, description="GGUF path or known model name (llamacpp backend).")
    llm_threads: int = Field(2, ge=1, description="CPU threads for llama.cpp.")
    base_url: str | None = Field(None, description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1")
    model: str | None = Field(None, description="Model name at the OpenAI-compatible endpoint.")
    api_key: str | None = Field(None, description="API key for the OpenAI-compatible endpoint.")
    llm_timeout: float = Field(
        60.0, gt=0, description="Seconds to wait for the OpenAI-compatible server: to connect, and between two tokens."
    )
    llm_retries: int = Field(
        2, ge=0, le=10, description="Retries (with backoff) of a model request that failed before any output."
    )
    answer_k: int = Field(8, ge=1, description="Evidence sentences shown to the model.")
    answer_min_odds: float = Field(
        0.6,
        ge=0,
        le=1,
        description="llamacpp: abstain when the model gives no evidence sentence at least these odds of answering "
        "the question (0 turns the judgement off; calibrated for the default model).",
    )
    answer_mode: Literal["compose", "extract"] = Field(
        "compose",
        description="compose: the model reads all evidence at once and writes cited lines, with a "
        "sentence-by-sentence second reading when it refuses or names one of many; extract: only the "
        "sentence-by-sentence reading.",
    )
    ui_host: str = Field("127.0.0.1", description="Interface `assistant serve` listens on (localhost only by default).")
    ui_port: int = Field(7860, ge=1, le=65535, description="Port of `assistant serve`.")
    ui_auth: str | None = Field(None, description="USER:PASSWORD the chat UI and its JSON API ask for.")

    @field_validator("chroma_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError(f"chroma_url must start with http:// or https://, got {value!r}")
        return value or None
