"""Who may use a folder index at once: many readers, or one writer (``flock`` on a lock file).

Why: Chroma's embedded store is not safe across processes. A process that has read
the vector index keeps it in memory and does not see (and can fail on) what another
process writes; and an ingest first deletes what an interrupted ingest left behind,
which would be another live writer's in-flight sentences. So:

* a process that reads the index holds a *shared* lock from its first read until it
  closes the store (normally: until it exits);
* a write (an ingest, a removal) holds the lock *exclusively*, taken before its first
  read, so its view of the index is fresh; a process that already reads upgrades.

Whoever cannot get the lock within ``wait`` seconds gets ``IndexBusyError``: an ingest
while ``assistant serve`` has the index open (ingest through the UI's upload instead,
or stop it), or a server started during an ingest. Two ingests take turns. The kernel
drops a lock when its process dies, even by SIGKILL, so a crash never leaves the index
locked. Within a process the lock is shared by every store on the same folder and is
re-entrant; threads take turns for the exclusive lock. Without ``fcntl`` (Windows)
there is no locking. For a Chroma server the lock is a local file and only keeps
writers on one machine apart: the server itself serves concurrent readers correctly.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.errors import IndexBusyError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

POLL_SECONDS = 0.05
_registry: dict[str, IndexLock] = {}
_registry_guard = threading.Lock()


class IndexLock:
    """The lock of one index in this process: shared by readers, exclusive for a writer."""

    @classmethod
    def at(cls, path: Path, wait: float = 10.0) -> IndexLock:
        """The process-wide lock for ``path`` (one file descriptor: flock locks are per descriptor)."""
        key = str(path.resolve())
        with _registry_guard:
            lock = _registry.get(key)
            if lock is None:
                lock = _registry[key] = cls(path)
        lock.wait = wait
        return lock

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.wait = 10.0
        self._fd: int | None = None
        self._readers = 0  # stores in this process that have read
        self._writer = threading.RLock()  # one writing thread at a time, re-entrant
        self._depth = 0  # nesting of exclusive holds by the writing thread
        self._state = threading.Lock()

    # --- the flock itself --------------------------------------------------

    def _flock(self, mode: int, message: str) -> None:
        if fcntl is None:
            return
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(self._fd, mode | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusyError(f"The index is busy: {message} (lock file {self.path}).") from None
                time.sleep(POLL_SECONDS)

    def _settle(self) -> None:
        """Back to what the readers of this process need: shared, or nothing."""
        if fcntl is None or self._fd is None:
            return
        if self._readers:
            self._flock(fcntl.LOCK_SH, "another process is writing to it; wait for it to finish")
        else:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    # --- what stores call ----------------------------------------------------

    @property
    def writing(self) -> bool:
        """Whether this process holds the index alone right now."""
        return self._depth > 0

    def share(self) -> None:
        """Called by a store before its first read: from now on no other process writes."""
        with self._state:
            self._readers += 1
            if self._readers == 1 and self._depth == 0 and fcntl is not None:
                try:
                    self._flock(fcntl.LOCK_SH, "another process is writing to it; wait for that ingest to finish")
                except IndexBusyError:
                    self._readers -= 1
                    raise

    def unshare(self) -> None:
        """Called when a store that read is closed."""
        with self._state:
            self._readers = max(0, self._readers - 1)
            if self._depth == 0:
                self._settle()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the index alone (re-entrant); IndexBusyError if another process keeps it past ``wait``."""
        with self._writer:
            with self._state:
                if self._depth == 0 and fcntl is not None:
                    try:
                        self._flock(
                            fcntl.LOCK_EX,
                            "another process has it open (a running `assistant serve`, a search or another "
                            "ingest). Wait for it to finish, stop it, or add the articles through the running "
                            "chat UI's upload",
                        )
                    except IndexBusyError:
                        self._settle()  # a failed upgrade drops the shared lock: take it back
                        raise
                self._depth += 1
            try:
                yield
            finally:
                with self._state:
                    self._depth -= 1
                    if self._depth == 0:
                        self._settle()


@contextmanager
def creating(path: Path) -> Iterator[None]:
    """Hold ``path`` exclusively while an embedded index is opened: one process at a time.

    Chroma's first open of a folder creates its SQLite tables, and two
    processes doing so at once fail with "table collections already exists"
    (two ingests started together on a new index). Held only for the open,
    and apart from ``IndexLock``, whose readers may be many.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    with open(path, "a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
