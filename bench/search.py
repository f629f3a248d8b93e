"""Search latency: on the real ingested corpus, and on synthetic corpora of 10k, 100k and 1M sentences.

Real: ``Assistant.search(q, k=10)`` on the project's index of the ingest figure, and
the baseline's ``index.as_retriever().retrieve(q)`` (LlamaIndex defaults, top 2
chunks) on the baseline's index of the same corpus. Queries: the questions of
``eval/seed_questions.jsonl``. One warm-up query per process first (model load,
BM25 cache load or build), reported as ``first_query_s``; p50/p95 are over the rest.

Synthetic corpora (embedding 1M real sentences would take about 80 minutes here): built
from the sentences and stored vectors of a real project index (BBC), written through
the project's own store, ``ChromaStore.add_articles`` (the same sentence and article
records, collections and metadata an ingest writes), and searched through the real path,
``Assistant(index_dir=...).search`` (dense + BM25, two rounds, article level; the BM25
cache is rebuilt from the store, as after any ingest). Each synthetic article is a
copy of one real article, so the corpus keeps real article lengths, titles, sentence
order and per-article vector coherence, with two perturbations so copies are not
exact duplicates:

* text: in every sentence and title, each word is replaced with probability 1/8 by a
  word drawn from the corpus vocabulary (BM25 sees varied postings, not exact repeats);
  offsets are recomputed for the new text, ids are the content hashes of the new text;
* vectors: each real sentence vector plus Gaussian noise (sigma 0.01 per dimension,
  about cosine 0.98 to the original), renormalised; the article vector is their mean,
  as in a real ingest.

The store grows in place (10k, then 100k, then 1M), each step in a fresh process, and
each size is searched in a fresh process. Sources and dates are those of the copied
article (BBC has none), so these are unfiltered searches.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

from bench.proc import run_worker

NOISE_SIGMA = 0.01
WORD_SWAP = 1 / 8
GROW_BATCH_SENTENCES = 20_000
QUESTIONS = Path(__file__).resolve().parent.parent / "eval" / "seed_questions.jsonl"


def seed_queries(limit: int | None = None) -> list[str]:
    lines = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [item["question"] for item in lines][:limit]


def percentiles(seconds: list[float]) -> dict[str, float | None]:
    if not seconds:
        return {"p50_ms": None, "p95_ms": None, "mean_ms": None}
    ordered = sorted(seconds)
    p95_index = min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))
    return {
        "p50_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[p95_index] * 1000,
        "mean_ms": statistics.fmean(ordered) * 1000,
    }


# --- synthetic corpus (child) --------------------------------------------------------------


def synthesise(articles: list[Any], vectors: dict[str, Any], target: int, rng: Any, vocab: list[str]) -> list[Any]:
    """Perturbed copies of real articles, with vectors, totalling about ``target`` sentences.

    Returns ``[(Article, matrix)]`` ready for ``ChromaStore.add_articles``.
    """
    import numpy as np

    from assistant.types import Article, Span, content_id

    def perturb(text: str) -> str:
        words = text.split(" ")
        for i in range(len(words)):
            if rng.random() < WORD_SWAP:
                words[i] = vocab[int(rng.integers(len(vocab)))]
        return " ".join(words)

    items = []
    total = 0
    while total < target:
        source = articles[int(rng.integers(len(articles)))]
        sentences = source.sentences[: target - total]
        texts = [perturb(s.text) for s in sentences]
        spans, offset = [], 0
        for text in texts:
            spans.append(Span(offset, offset + len(text)))
            offset += len(text) + 1
        body = " ".join(texts)
        base = np.stack([vectors[s.id] for s in sentences])
        noisy = base + rng.normal(0.0, NOISE_SIGMA, base.shape).astype(np.float32)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        article = Article(
            id=content_id(f"synthetic:{body}"),
            title=perturb(source.title),
            text=body,
            spans=tuple(spans),
            source=source.source,
            published=source.published,
        )
        items.append((article, noisy.astype(np.float32)))
        total += len(spans)
    return items


def synth_grow(params: dict[str, Any]) -> dict[str, Any]:
    """Grow the synthetic store at ``synth_dir`` to ``target`` sentences, from the real index."""
    import numpy as np

    from assistant.embed import embedder_name
    from assistant.store.chroma import ChromaStore

    started = time.perf_counter()
    model_name = params.get("model_name") or embedder_name(None)  # what the default ingest records
    real = ChromaStore(path=Path(params["real_index"]), name="news", model_name=model_name)
    articles = [a for a in real.articles() if a.spans]
    vectors = real.sentence_vectors([s.id for a in articles for s in a.sentences])
    articles = [a for a in articles if all(s.id in vectors for s in a.sentences)]
    vocab = sorted({w for a in articles for w in a.text.split() if w.isalpha()})
    store = ChromaStore(path=Path(params["synth_dir"]), name="news", model_name=model_name)
    store.check_dimension(int(next(iter(vectors.values())).shape[0]))
    have = store.count()[1]
    rng = np.random.default_rng(params.get("seed", 5) + have)
    loaded = time.perf_counter()
    while have < params["target"]:
        items = synthesise(articles, vectors, min(GROW_BATCH_SENTENCES, params["target"] - have), rng, vocab)
        store.add_articles(items, {a.id: {"synthetic": "1"} for a, _ in items})
        have += sum(len(a.spans) for a, _ in items)
    count = store.count()
    return {
        "articles": count[0],
        "sentences": count[1],
        "source_articles": len(articles),
        "source_sentences": len(vectors),
        "load_s": loaded - started,
        "write_s": time.perf_counter() - loaded,
    }


# --- latency (children) ----------------------------------------------------------------------


def project_search(params: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    from assistant import Assistant

    assistant = Assistant(index_dir=params["index_dir"], progress=False)
    queries = params["queries"]
    first_started = time.perf_counter()
    assistant.search(queries[0], k=10)
    first = time.perf_counter() - first_started
    seconds = []
    for _ in range(params.get("repeats", 1)):
        for query in queries[1:]:
            t = time.perf_counter()
            assistant.search(query, k=10)
            seconds.append(time.perf_counter() - t)
    articles, sentences = assistant.store.count()
    return {
        "sentences": sentences,
        "articles": articles,
        "queries": len(seconds),
        "first_query_s": first,
        "open_s": first_started - started,
        **percentiles(seconds),
    }


def baseline_search(params: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    from bench.answers import baseline_index

    index, collection = baseline_index(params["index_dir"])
    retriever = index.as_retriever()
    queries = params["queries"]
    first_started = time.perf_counter()
    retriever.retrieve(queries[0])
    first = time.perf_counter() - first_started
    seconds = []
    for _ in range(params.get("repeats", 1)):
        for query in queries[1:]:
            t = time.perf_counter()
            retriever.retrieve(query)
            seconds.append(time.perf_counter() - t)
    return {
        "nodes": collection.count(),
        "queries": len(seconds),
        "first_query_s": first,
        "open_s": first_started - started,
        **percentiles(seconds),
    }


# --- the figures (parent side) -----------------------------------------------------------------


def figure_search_real(project_index: str, baseline_index: str, queries: list[str]) -> dict[str, Any]:
    project = run_worker("project_search", {"index_dir": project_index, "queries": queries})
    baseline = run_worker("baseline_search", {"index_dir": baseline_index, "queries": queries})
    ratio = project["p50_ms"] / baseline["p50_ms"] if project["p50_ms"] and baseline["p50_ms"] else None
    return {"project": project, "baseline": baseline, "ratio_p50": ratio}


def figure_search_scaling(real_index: str, workdir: Path, sizes: list[int], queries: list[str]) -> dict[str, Any]:
    synth_dir = workdir / "synthetic"
    points = []
    for size in sorted(sizes):
        built = run_worker("synth_grow", {"real_index": real_index, "synth_dir": str(synth_dir), "target": size})
        measured = run_worker("project_search", {"index_dir": str(synth_dir), "queries": queries})
        points.append({"target": size, "build": built, **measured})
    smallest = points[0]["p50_ms"] if points else None
    for point in points:
        point["p50_vs_smallest"] = point["p50_ms"] / smallest if smallest else None
    return {"index_dir": str(synth_dir), "points": points}
