"""``python -m bench.worker TASK PARAMS.json RESULT.json``: one measured piece, in its own process."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _tasks() -> dict[str, Callable[[dict[str, Any]], dict[str, Any]]]:
    from bench import answers, ingest, search

    return {
        "project_ingest": ingest.project_ingest,
        "baseline_ingest": ingest.baseline_ingest,
        "raw_encode": ingest.raw_encode,
        "raw_onnx": ingest.raw_onnx,
        "prepare_embedder": ingest.prepare_embedder,
        "synth_grow": search.synth_grow,
        "project_search": search.project_search,
        "baseline_search": search.baseline_search,
        "project_answers": answers.project_answers,
        "baseline_answers": answers.baseline_answers,
        "baseline_ask_once": answers.baseline_ask_once,
    }


def main(argv: list[str]) -> int:
    task, params_file, result_file = argv
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    params = json.loads(Path(params_file).read_text())
    result = _tasks()[task](params)
    Path(result_file).write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
