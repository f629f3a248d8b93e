"""``python -m bench``: the project and a plain LlamaIndex pipeline, side by side, in one run.

Figures (``--only`` picks some; all by default):

  ingest    BBC ingest on both sides: wall time, articles/s, peak RSS, index size; then the
            unchanged re-ingest and embedding throughput against the same model run raw
            (``--no-reingest``, ``--no-embedding`` to leave those out); ``--reuters`` adds Reuters-21578
  search    search latency p50/p95 on the real ingested BBC index, both sides
  scaling   search latency at synthetic corpus sizes (``--sizes``; default 10k,100k,1M sentences)
  answers   time to first token, total time and correctness per question on the seed article,
            both sides with the same local GGUF model (``--questions N``); peak RSS while serving
  cold      cold start of ``assistant --help`` and of a first ask in a new process (both sides)

``--quick`` runs small subsets (100 BBC articles, 1k and 10k sentences, 3 questions) in a
few minutes; figures from it are indicative only. The full run is the default.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FIGURES = ("ingest", "search", "scaling", "answers", "cold")
FULL_SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (1_000, 10_000)


def _ints(text: str) -> list[int]:
    return [int(float(part)) for part in text.replace("_", "").split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small subsets: a few minutes, indicative figures")
    parser.add_argument("--only", default=",".join(FIGURES), help=f"comma-separated figures among {', '.join(FIGURES)}")
    parser.add_argument("--bbc-limit", type=int, help="ingest the first N BBC articles (mixed categories)")
    parser.add_argument("--reuters", action="store_true", help="also ingest Reuters-21578 (19,043 stories)")
    parser.add_argument("--reuters-limit", type=int, help="ingest the first N Reuters stories")
    parser.add_argument("--no-reingest", action="store_true", help="skip the unchanged re-ingest")
    parser.add_argument("--no-embedding", action="store_true", help="skip embedding throughput against raw encode")
    parser.add_argument(
        "--no-torch-reference",
        action="store_true",
        help="with the int8 embedder, skip the fp32 SentenceTransformer.encode context figure",
    )
    parser.add_argument("--sizes", type=_ints, help="synthetic corpus sizes in sentences, e.g. 10000,100000,1e6")
    parser.add_argument("--questions", type=int, help="answer the first N seed questions (default all 61)")
    parser.add_argument(
        "--answer-distractors",
        type=Path,
        help="answer over seeds/ plus this folder (e.g. ../shared/data/bbc_news_2225/bbc/politics); default seeds/",
    )
    parser.add_argument("--queries", type=int, help="search latency over the first N seed questions (default 61)")
    parser.add_argument("--data-dir", type=Path, help="where bbc_news_2225/ and reuters21578/ are (../shared/data)")
    parser.add_argument("--workdir", type=Path, help="where indexes and converted corpora go (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the working folder (indexes) afterwards")
    parser.add_argument("--json", type=Path, help="write every figure as JSON to this file")
    parser.add_argument("--plot", type=Path, default=Path("bench-search-latency.png"), help="search latency plot")
    parser.add_argument("--no-plot", action="store_true")
    return parser


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    only = [f.strip() for f in args.only.split(",") if f.strip()]
    unknown = set(only) - set(FIGURES)
    if unknown:
        print(f"unknown figure(s): {', '.join(sorted(unknown))}; choose among {', '.join(FIGURES)}", file=sys.stderr)
        return 2
    from bench import corpora
    from bench.report import format_table, machine, plot_search, write_json

    data = args.data_dir or corpora.DATA
    bbc_source, reuters_source = data / "bbc_news_2225" / "bbc", data / "reuters21578"
    bbc_limit = args.bbc_limit or (100 if args.quick else None)
    reuters_limit = args.reuters_limit or (500 if args.quick else None)
    sizes = args.sizes or list(QUICK_SIZES if args.quick else FULL_SIZES)
    n_questions = args.questions or (3 if args.quick else None)
    n_queries = args.queries or (15 if args.quick else None)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "machine": machine(),
        "config": {
            "quick": args.quick,
            "figures": only,
            "bbc_limit": bbc_limit,
            "reuters": args.reuters,
            "reuters_limit": reuters_limit,
            "sizes": sizes,
            "questions": n_questions,
            "queries": n_queries,
            "workdir": str(workdir),
        },
    }
    started = time.perf_counter()
    try:
        run(
            results,
            only,
            args,
            workdir,
            bbc_source,
            reuters_source,
            bbc_limit,
            reuters_limit,
            sizes,
            n_questions,
            n_queries,
        )
    finally:
        results["bench_seconds"] = time.perf_counter() - started
        if args.json:
            write_json(results, args.json)
            log(f"JSON written to {args.json}")
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
        elif args.keep:
            log(f"working folder kept: {workdir}")
    print(format_table(results))
    if "scaling" in only and not args.no_plot:
        print(plot_search(results, args.plot))
    return 0


def run(
    results: dict[str, Any],
    only: list[str],
    args: argparse.Namespace,
    workdir: Path,
    bbc_source: Path,
    reuters_source: Path,
    bbc_limit: int | None,
    reuters_limit: int | None,
    sizes: list[int],
    n_questions: int | None,
    n_queries: int | None,
) -> None:
    from bench import corpora
    from bench.answers import figure_answers, figure_cold_start
    from bench.ingest import figure_ingest, project_only_ingest
    from bench.search import figure_search_real, figure_search_scaling, seed_queries

    have_bbc = bbc_source.is_dir()
    needs_bbc = {"ingest", "search", "scaling"} & set(only)
    if needs_bbc and not have_bbc:
        log(f"{bbc_source} not found: skipping {', '.join(sorted(needs_bbc))}")
    queries = seed_queries(n_queries)
    bbc_name = f"bbc-{bbc_limit}" if bbc_limit else "bbc"
    bbc_fig: dict[str, Any] | None = None
    ingest_both = functools.partial(
        figure_ingest,
        reingest=not args.no_reingest,
        embedding=not args.no_embedding,
        torch_reference=not args.no_torch_reference,
    )
    if have_bbc and ({"ingest", "search"} & set(only)):
        folder = corpora.bbc_folder(workdir, bbc_limit, bbc_source)
        log(f"ingest {bbc_name}: {corpora.count_files(folder)} files, both sides")
        bbc_fig = ingest_both(bbc_name, folder, workdir)
        results.setdefault("ingest", {})[bbc_name] = bbc_fig
    if args.reuters and "ingest" in only:
        if reuters_source.is_dir():
            folder = corpora.reuters_folder(workdir, reuters_limit, reuters_source)
            name = f"reuters-{reuters_limit}" if reuters_limit else "reuters"
            log(f"ingest {name}: {corpora.count_files(folder)} files, both sides")
            results.setdefault("ingest", {})[name] = ingest_both(name, folder, workdir)
        else:
            log(f"{reuters_source} not found: skipping Reuters")
    if have_bbc and bbc_fig and "search" in only:
        log(f"search latency on the {bbc_name} indexes, {len(queries)} queries")
        results["search_real"] = figure_search_real(bbc_fig["project_index"], bbc_fig["baseline_index"], queries)
    if have_bbc and "scaling" in only:
        if bbc_fig is not None:
            real_index = bbc_fig["project_index"]
        else:
            folder = corpora.bbc_folder(workdir, bbc_limit, bbc_source)
            log(f"scaling: indexing {bbc_name} (project side) as the source of real sentences")
            real_index = project_only_ingest(folder, workdir / f"project-{bbc_name}")
        log(f"search latency at {', '.join(f'{s:,}' for s in sizes)} synthetic sentences")
        results["search_scaling"] = figure_search_scaling(real_index, workdir, sizes, queries)
    answers = None
    if "answers" in only:
        where = f"seeds/ + {args.answer_distractors}" if args.answer_distractors else "seeds/"
        log(f"answers on {where}: {n_questions or 'all'} questions, both sides")
        answers = figure_answers(workdir, n_questions, args.answer_distractors)
        results["answers"] = answers
    if "cold" in only:
        log("cold start")
        results["cold_start"] = figure_cold_start(answers)


if __name__ == "__main__":
    sys.exit(main())
