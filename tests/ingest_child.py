"""``python tests/ingest_child.py INDEX FOLDER [options]``: one ingest (or one read), as its own process.

Used by ``test_durability`` to kill a real ingest at random moments and to run two
writers at once. Prints ``ready`` just before the ingest starts (so a kill can be
aimed at the ingest, not at interpreter start-up) and ``done <seconds>`` after it.
With the fake embedder the whole write path (reading, planning, Chroma, journal,
lock) is the real one; ``--real`` uses the configured embedding model too.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("index")
    parser.add_argument("folder")
    parser.add_argument("--real", action="store_true")
    parser.add_argument("--chunk", type=int, default=0, help="sentences per embed-and-write chunk")
    parser.add_argument("--wait", type=float, default=10.0, help="seconds to wait for another writer")
    parser.add_argument("--read", action="store_true", help="only read: count the articles, as a search would")
    args = parser.parse_args()

    from support import FakeEmbedder

    from assistant import Assistant
    from assistant.errors import AssistantError
    from assistant.ingest import pipeline

    if args.chunk:
        pipeline.EMBED_CHUNK_SENTENCES = args.chunk
    embedder = None if args.real else FakeEmbedder()
    assistant = Assistant(index_dir=args.index, embedder=embedder, progress=False, write_wait=args.wait)
    if args.real:
        assistant.embedder  # noqa: B018 - load the model before "ready"
    print("ready", flush=True)
    started = time.perf_counter()
    try:
        if args.read:
            print(f"articles {len(assistant.articles())}", flush=True)
            return 0
        assistant.ingest([args.folder])
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr, flush=True)
        return 3
    print(f"done {time.perf_counter() - started:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
