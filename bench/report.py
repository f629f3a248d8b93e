"""The results as a table (stdout), JSON, and a plot of search latency against corpus size."""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path
from typing import Any

Row = tuple[str, str, str, str]  # figure, project, baseline, project/baseline


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory_gb = round(pages / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }


def _n(value: Any, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "-"
    text = f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"
    return f"{text}{unit}"


def _ratio(value: Any) -> str:
    return "-" if value is None else f"{value:.2f}x"


def rows(results: dict[str, Any]) -> list[Row]:
    out: list[Row] = []
    for name, fig in results.get("ingest", {}).items():
        p, b = fig["project"], fig["baseline"]
        files = f"{p['articles']:,} articles"
        out.append(
            (
                f"ingest {name} ({files}), in-process s",
                _n(p["ingest_s"], " s"),
                _n(b["ingest_s"], " s"),
                _ratio(fig["ratio_ingest"]),
            )
        )
        out.append(
            (
                f"ingest {name}, process wall s",
                _n(p["process_wall_s"], " s"),
                _n(b["process_wall_s"], " s"),
                _ratio(fig["ratio_process_wall"]),
            )
        )
        if p.get("lexical_s") is not None:
            out.append((f"ingest {name}, of which BM25 cache", _n(p["lexical_s"], " s"), "-", ""))
        out.append((f"ingest {name}, articles/s", _n(p["articles_per_s"]), _n(b["articles_per_s"]), ""))
        out.append((f"ingest {name}, vectors stored", f"{p['sentences']:,} sentences", f"{b['nodes']:,} chunks", ""))
        out.append((f"ingest {name}, index on disk", _n(p["index_mb"], " MB"), _n(b["index_mb"], " MB"), ""))
        out.append((f"ingest {name}, peak RSS", _n(p["peak_rss_mb"], " MB", 0), _n(b["peak_rss_mb"], " MB", 0), ""))
        again = fig.get("reingest")
        if again:
            out.append(
                (
                    f"re-ingest {name} unchanged (share of first)",
                    f"{_n(again['project']['ingest_s'], ' s')} ({again['project_share_of_first']:.1%})",
                    f"{_n(again['baseline']['ingest_s'], ' s')} ({again['baseline_share_of_first']:.1%})",
                    "",
                )
            )
        emb = fig.get("embedding")
        if emb:
            raw = emb["raw_encode"]["sentences_per_s"]
            how = emb["raw_encode"].get("how", "SentenceTransformer.encode fp32")
            out.append((f"embedding {name}: raw {how} (same model and precision)", _n(raw, " sent/s"), "", ""))
            if emb.get("raw_torch"):
                fp32 = emb["raw_torch"]["sentences_per_s"]
                label = f"embedding {name}: raw SentenceTransformer.encode fp32 (context)"
                out.append((label, _n(fp32, " sent/s"), "", ""))
            out.append(
                (
                    f"embedding {name}: inside ingest, embed stage (vs raw)",
                    f"{_n(emb['project_embed_stage_per_s'], ' sent/s')} ({_ratio(emb['ratio_embed_stage_to_raw'])})",
                    "",
                    "",
                )
            )
            out.append(
                (
                    f"embedding {name}: whole ingest (vs raw)",
                    f"{_n(emb['project_ingest_sentences_per_s'], ' sent/s')} ({_ratio(emb['ratio_ingest_to_raw'])})",
                    "",
                    "",
                )
            )
    real = results.get("search_real")
    if real:
        p, b = real["project"], real["baseline"]
        out.append(
            (
                f"search p50 / p95, real index ({p['sentences']:,} sentences / {b['nodes']:,} chunks)",
                f"{_n(p['p50_ms'], ' ms', 0)} / {_n(p['p95_ms'], ' ms', 0)}",
                f"{_n(b['p50_ms'], ' ms', 0)} / {_n(b['p95_ms'], ' ms', 0)}",
                _ratio(real["ratio_p50"]),
            )
        )
        out.append(("peak RSS while searching", _n(p["peak_rss_mb"], " MB", 0), _n(b["peak_rss_mb"], " MB", 0), ""))
    scaling = results.get("search_scaling")
    if scaling:
        for point in scaling["points"]:
            out.append(
                (
                    f"search p50 / p95, synthetic {point['sentences']:,} sentences",
                    f"{_n(point['p50_ms'], ' ms', 0)} / {_n(point['p95_ms'], ' ms', 0)}",
                    "",
                    f"{_ratio(point['p50_vs_smallest'])} of smallest",
                )
            )
    answers = results.get("answers")
    if answers:
        p, b = answers["project"], answers["baseline"]
        out.append(
            (
                f"answers: time to first token p50 ({p['questions']} q)",
                _n(p["ttft_p50_s"], " s", 2),
                _n(b["ttft_p50_s"], " s", 2),
                _ratio(answers.get("ratio_ttft_p50_s")),
            )
        )
        out.append(
            (
                "answers: total time per question p50",
                _n(p["total_p50_s"], " s", 2),
                _n(b["total_p50_s"], " s", 2),
                _ratio(answers.get("ratio_total_p50_s")),
            )
        )
        out.append(("answers: correct (all questions)", _n(p["correct"], "", 2), _n(b["correct"], "", 2), ""))
        out.append(
            (
                "answers: answerable correct / unanswerable abstained",
                f"{_n(p['answerable_correct'], '', 2)} / {_n(p['unanswerable_abstained'], '', 2)}",
                f"{_n(b['answerable_correct'], '', 2)} / {_n(b['unanswerable_abstained'], '', 2)}",
                "",
            )
        )
        out.append(
            ("peak RSS while serving answers", _n(p["peak_rss_mb"], " MB", 0), _n(b["peak_rss_mb"], " MB", 0), "")
        )
    cold = results.get("cold_start")
    if cold:
        out.append(("cold start: assistant --help (median)", _n(cold["help_s"], " s", 2), "", ""))
        first = cold.get("first_ask")
        if first:
            out.append(
                (
                    "cold start: first ask in a new process",
                    _n(first["project_s"], " s", 1),
                    _n(first["baseline_s"], " s", 1),
                    _ratio(first["ratio"]),
                )
            )
    return out


def format_table(results: dict[str, Any]) -> str:
    table = rows(results)
    header: Row = ("figure", "project", "llama-index baseline", "project/baseline")
    widths = [max(len(r[i]) for r in [header, *table]) for i in range(4)]
    lines = [" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(header))]
    lines.append("-+-".join("-" * w for w in widths))
    lines.extend(" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in table)
    m = results.get("machine", {})
    lines.append("")
    lines.append(
        f"machine: {m.get('cpu')}, {m.get('cores')} cores, {m.get('memory_gb')} GB; "
        f"load average at start {m.get('load_average_at_start')}"
    )
    if results.get("config", {}).get("quick"):
        lines.append("--quick: small subsets, figures are indicative only")
    return "\n".join(lines)


def write_json(results: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(results, indent=2, default=str) + "\n")


def plot_search(results: dict[str, Any], path: Path) -> str:
    """Search latency (p50 and p95) against indexed sentences; a message when it cannot plot."""
    scaling = results.get("search_scaling")
    if not scaling or not scaling.get("points"):
        return "no search scaling figure to plot"
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed (pip install -e '.[bench]'): plot skipped"
    points = scaling["points"]
    sizes = [p["sentences"] for p in points]
    fig, ax = plt.subplots(figsize=(6, 4), dpi=120)
    ax.plot(sizes, [p["p50_ms"] for p in points], "o-", label="project p50")
    ax.plot(sizes, [p["p95_ms"] for p in points], "s--", label="project p95")
    real = results.get("search_real")
    if real:
        ax.plot([real["project"]["sentences"]], [real["project"]["p50_ms"]], "x", label="project p50, real corpus")
    ax.set_xscale("log")
    ax.set_xlabel("indexed sentences")
    ax.set_ylabel("search latency (ms)")
    ax.set_ylim(bottom=0)
    title = "Assistant.search latency against corpus size"
    if results.get("config", {}).get("quick"):
        title += " (--quick)"
    ax.set_title(title, fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return f"plot written to {path}"
