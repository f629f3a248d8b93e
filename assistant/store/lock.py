"""One writer per index: an exclusive file lock, with a clear "index is busy" when taken.

Why: an ingest cleans up what an interrupted ingest left behind (sentences whose
article record never landed) before it writes. Two writers at once would each
take the other's in-flight sentences for leftovers and delete them. Readers never
take the lock: they only see articles whose record (written last) has landed.

The lock is ``fcntl``/``msvcrt`` based (``filelock``), so the kernel drops it when
its process dies, even by SIGKILL: a crashed ingest never leaves the index locked.
For a Chroma server the lock file is local, so it keeps writers on one machine
apart (the UI and a CLI ingest); several machines writing to one server would
need a lock on the server side.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from assistant.errors import IndexBusyError


class WriteLock:
    """Re-entrant within a process (nested writes of one ingest), exclusive across processes."""

    def __init__(self, path: Path, wait: float = 10.0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.wait = wait
        self._lock = FileLock(str(path), thread_local=False)

    @contextmanager
    def held(self) -> Iterator[None]:
        try:
            self._lock.acquire(timeout=self.wait)
        except Timeout as exc:
            raise IndexBusyError(
                f"The index is busy: another process is writing to it (lock {self.path}). "
                "Wait for that ingest to finish and try again."
            ) from exc
        try:
            yield
        finally:
            self._lock.release()
