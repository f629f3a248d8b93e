"""Smoke tests of the benchmark suite (bench/): its pieces, fast, without the real models.

The full benchmark is `make bench` / `python -m bench`; these only check that its parts
work: the corpus preparation, the synthetic corpus builder (through the project's store
and search path, with the fake embedder), the subprocess measurement and the report.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from support import REPO, SEEDS, FakeEmbedder

sys.path.insert(0, str(REPO))  # bench/ is run from the repository root, not installed

from bench import corpora, report
from bench.proc import run_command
from bench.search import percentiles, synth_grow

BBC = corpora.BBC

SGML = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="7"><DATE>26-FEB-1987</DATE><TEXT>&#2;
<TITLE>COCOA &amp; SUGAR REVIEW</TITLE>
<BODY>Showers continued throughout the week in
the Bahia cocoa zone.
    Prices rose &lt;5 pct&gt;.
 Reuter
&#3;</BODY></TEXT></REUTERS>
<REUTERS TOPICS="NO" NEWID="8"><TEXT TYPE="BRIEF">&#2;<TITLE>NO BODY HERE</TITLE></TEXT></REUTERS>
"""


def test_reuters_stories_are_converted_to_title_and_body(tmp_path: Path) -> None:
    (tmp_path / "reut2-000.sgm").write_text(SGML, encoding="latin-1")
    assert corpora.reuters_stories(tmp_path) == [
        (
            "7",
            "COCOA & SUGAR REVIEW",
            "Showers continued throughout the week in\nthe Bahia cocoa zone.\n    Prices rose <5 pct>.",
        )
    ]
    folder = corpora.reuters_folder(tmp_path / "work", source=tmp_path)
    assert (folder / "00007.txt").read_text(encoding="utf-8").startswith("COCOA & SUGAR REVIEW\n\nShowers")
    assert corpora.count_files(folder) == 1


@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/data/bbc_news_2225 is absent")
def test_bbc_subset_mixes_categories_and_leaves_out_the_readme(tmp_path: Path) -> None:
    folder = corpora.bbc_folder(tmp_path, 5)
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.txt"))
    assert len(files) == 5 and len({f.split("/")[0] for f in files}) == 5
    assert not list(folder.rglob("README*"))


def test_synthetic_corpus_goes_through_the_project_store_and_search(tmp_path: Path) -> None:
    from assistant.core import Assistant

    fake = FakeEmbedder()
    real = Assistant(index_dir=tmp_path / "real", embedder=fake, progress=False)
    real.ingest([SEEDS])
    grown = synth_grow(
        {
            "real_index": str(tmp_path / "real"),
            "synth_dir": str(tmp_path / "synth"),
            "target": 1000,
            "model_name": fake.name,
        }
    )
    assert 1000 <= grown["sentences"] < 1000 + 200 and grown["articles"] >= 2
    synthetic = Assistant(index_dir=tmp_path / "synth", embedder=fake, progress=False)
    articles = synthetic.articles()
    for article in articles[:5]:
        for sentence in article.sentences:
            assert article.text[sentence.start : sentence.end] == sentence.text
    vectors = synthetic.store.sentence_vectors([s.id for s in articles[0].sentences])
    assert np.allclose([np.linalg.norm(v) for v in vectors.values()], 1.0, atol=1e-4)
    hits = synthetic.search("Who is Washington's special envoy for Afghanistan?", k=5)
    assert len(hits) == 5


def test_run_command_measures_the_child_alone() -> None:
    small = run_command([sys.executable, "-c", "pass"])
    big = run_command([sys.executable, "-c", "b = bytearray(120_000_000); b[::4096] = b'x' * len(b[::4096])"])
    assert small["returncode"] == 0 and big["returncode"] == 0
    # Its own high-water mark, not the pytest process's image it was forked from.
    assert big["peak_rss_mb"] > 100 > small["peak_rss_mb"]
    assert 0 < small["wall_s"] < 30


def test_percentiles() -> None:
    got = percentiles([0.001 * i for i in range(1, 101)])
    assert got["p50_ms"] == pytest.approx(50.5) and got["p95_ms"] == pytest.approx(95.0)
    assert percentiles([])["p50_ms"] is None


RESULTS = {
    "machine": {"cpu": "test cpu", "cores": 2, "memory_gb": 24.0, "load_average_at_start": (1.0, 1.0, 1.0)},
    "config": {"quick": True},
    "ingest": {
        "bbc-5": {
            "project": {"ingest_s": 2.0, "process_wall_s": 3.0, "articles": 5, "articles_per_s": 2.5, "sentences": 80,
                        "index_mb": 1.0, "peak_rss_mb": 600.0},
            "baseline": {"ingest_s": 4.0, "process_wall_s": 5.0, "articles": 5, "articles_per_s": 1.25, "nodes": 5,
                         "index_mb": 0.5, "peak_rss_mb": 700.0},
            "ratio_ingest": 0.5,
            "ratio_process_wall": 0.6,
            "reingest": {"project": {"ingest_s": 0.1}, "baseline": {"ingest_s": 4.0},
                         "project_share_of_first": 0.05, "baseline_share_of_first": 1.0},
            "embedding": {"raw_encode": {"sentences_per_s": 200.0}, "project_embed_stage_per_s": 190.0,
                          "project_ingest_sentences_per_s": 40.0, "ratio_embed_stage_to_raw": 0.95,
                          "ratio_ingest_to_raw": 0.2},
        }
    },
    "search_scaling": {
        "points": [
            {"sentences": 1000, "p50_ms": 100.0, "p95_ms": 150.0, "p50_vs_smallest": 1.0},
            {"sentences": 10000, "p50_ms": 120.0, "p95_ms": 190.0, "p50_vs_smallest": 1.2},
        ]
    },
    "cold_start": {"help_s": 0.2},
}  # fmt: skip


def test_report_table_json_and_plot(tmp_path: Path) -> None:
    table = report.format_table(RESULTS)
    row = next(line for line in table.splitlines() if line.startswith("ingest bbc-5 (5 articles), in-process s"))
    assert [cell.strip() for cell in row.split("|")][1:] == ["2.0 s", "4.0 s", "0.50x"]
    assert "0.50x" in table and "(5.0%)" in table and "synthetic 10,000 sentences" in table
    assert "--quick" in table
    report.write_json(RESULTS, tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text())["config"]["quick"] is True
    message = report.plot_search(RESULTS, tmp_path / "plot.png")
    assert "plot written" in message or "matplotlib is not installed" in message


def test_cli_help_and_unknown_figure() -> None:
    from bench.__main__ import main

    assert main(["--only", "nonsense"]) == 2
    assert "side by side" in run_help()


def run_help() -> str:
    import subprocess

    return subprocess.run([sys.executable, "-m", "bench", "--help"], cwd=REPO, capture_output=True, text=True).stdout
