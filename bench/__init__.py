"""Side-by-side benchmark of the assistant against a plain LlamaIndex pipeline (issue 5).

Run from the repository root: ``python -m bench --help`` (or ``make bench``). The parent
process stays light (no torch, no chromadb): every measured side runs in its own
subprocess (``python -m bench.worker TASK``), so cold start and peak memory are each
side's own. See ``bench/__main__.py`` for the figures and ``README.md`` (Performance).
"""
