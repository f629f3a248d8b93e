"""``assistant eval``: score retrieval on a question file or a public dataset.

Kept light at import time: the CLI imports this module to build its parser.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.evaluate.datasets import DATASETS, DEFAULT_DATA_DIR


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("questions", nargs="?", help="question file (JSONL, see eval/README.md)")
    parser.add_argument("--dataset", choices=sorted(DATASETS), help="evaluate on a public dataset")
    parser.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR), help="where the datasets live")
    parser.add_argument("--limit", type=int, help="evaluate at most N questions")
    parser.add_argument("--corpus", nargs="*", default=[], help="inputs to ingest before evaluating")
    parser.add_argument("-k", type=int, default=10, help="hits per question (default 10)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--report", help="also write the results to this file: a readable page if it ends in .html, else JSON"
    )
    parser.add_argument("--verbose", action="store_true", help="show missed evidence per question")
    parser.add_argument("--answers", action="store_true", help="score answers (ask) instead of retrieval (search)")


def run(args: argparse.Namespace, overrides: dict[str, Any] | None = None) -> int:
    from assistant.core import Assistant
    from assistant.errors import AssistantError
    from assistant.evaluate.questions import load_questions

    overrides = dict(overrides or {})
    if bool(args.questions) == bool(args.dataset):
        raise AssistantError("give either a question file or --dataset")
    corpus: list[Any] = list(args.corpus)
    if args.dataset:
        records, questions = DATASETS[args.dataset](Path(args.data_dir), limit=args.limit)
        corpus = [*records, *corpus]
        if "index_dir" not in overrides and "chroma_url" not in overrides:
            overrides["index_dir"] = Path(tempfile.mkdtemp(prefix=f"eval-{args.dataset}-"))
    else:
        questions = load_questions(args.questions)[: args.limit]
    assistant = Assistant(**overrides)
    if corpus:
        report = assistant.ingest(corpus)
        for failure in report.failed:
            print(f"warning: {failure.input}: {failure.reason}", file=sys.stderr)
    if args.answers:
        from assistant.evaluate.answers import evaluate_answers, format_answer_table

        answers = evaluate_answers(assistant, questions, progress=assistant.settings.progress)
        title = f"Answers: {args.dataset or args.questions} ({answers.llm})"
        return _emit(args, answers.to_dict(), lambda: format_answer_table(answers), title)
    summary = evaluate_retrieval(assistant, questions, args.k)
    title = f"Retrieval: {args.dataset or args.questions} (k={args.k})"
    return _emit(args, summary.to_dict(), lambda: format_table(summary, verbose=args.verbose), title)


def _emit(args: argparse.Namespace, data: dict[str, Any], table: Any, title: str) -> int:
    if args.report:
        from assistant.evaluate.report import html_report

        path = Path(args.report)
        as_html = path.suffix.lower() in (".html", ".htm")
        text = html_report(data, title) if as_html else json.dumps(data, indent=2, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(table())
    return 0


def evaluate_retrieval(assistant: Any, questions: list[Any], k: int) -> Any:
    from assistant.evaluate.metrics import RetrievalSummary, score_question
    from assistant.evaluate.questions import EvidenceLocator
    from assistant.retrieve.hybrid import standalone_query

    locator = EvidenceLocator(assistant.store.articles())
    scores = []
    for question in questions:
        if not question.answerable:
            continue
        started = time.perf_counter()
        hits = assistant.search(standalone_query(question.question, question.history), k=k)
        score = score_question(question, hits, locator, time.perf_counter() - started)
        if score is not None:
            scores.append(score)
    return RetrievalSummary(k, tuple(scores))


def format_table(summary: Any, verbose: bool = False) -> str:
    lines = [f"{'id':<28} {'kind':<12} {'recall':>6} {'all':>4} {'art':>5} {'mrr':>5}  question"]
    for s in summary.scores:
        lines.append(
            f"{s.id[:28]:<28} {s.kind[:12]:<12} {s.recall:>6.2f} {'yes' if s.all_found else 'no':>4} "
            f"{s.article_recall:>5.2f} {s.mrr:>5.2f}  {s.question[:70]}"
        )
        if verbose:
            lines.extend(f"{'':>30}missing: {m[:100]}" for m in s.missing)
    lines.append("")
    lines.extend(f"{name:>24}: {value}" for name, value in summary.overall.items())
    return "\n".join(lines)
