"""Download one http(s) URL with limits: time, redirects and size.

A URL is whatever a stranger's server chooses to do, so each limit is a hard
one: ``timeout`` bounds the *whole* download, not just each read (a server
that trickles a byte a second would otherwise never time out); the size
limit is checked against the announced ``Content-Length`` before reading and
against the bytes actually received (after decompression) while reading, so
an endless or compressed stream stops at the limit; redirects stop after
``MAX_REDIRECTS``. A server that sends even its headers a byte at a time is
cut off by a watchdog that closes the connection at the deadline. This module
only fetches bytes; parsing belongs to ``readers``.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from assistant.errors import InputError
from assistant.ingest.readers import RawInput

MAX_REDIRECTS = 5
WATCHDOG_GRACE = 0.5  # seconds past the deadline before the connection is closed under a stuck read
USER_AGENT = "news-assistant/0.1 (+offline question answering over articles)"


def _kind(content_type: str, url: str) -> str:
    content_type = content_type.split(";")[0].strip().lower()
    if "html" in content_type or content_type == "":
        return "html"
    if content_type in ("application/json",):
        return "json"
    if content_type in ("application/x-ndjson", "application/jsonl"):
        return "jsonl"
    if content_type.startswith("text/"):
        return "markdown" if url.lower().endswith((".md", ".markdown")) else "text"
    raise InputError(f"unsupported content type {content_type!r} at this URL")


def fetch(url: str, *, timeout: float, max_bytes: int) -> RawInput:
    import httpx

    deadline = time.monotonic() + timeout
    too_large = f"the page is larger than {max_bytes / 1e6:g} MB; refusing to download it (ASSISTANT_MAX_FILE_MB)"
    expired = threading.Event()
    try:
        with httpx.Client(
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": USER_AGENT},
        ) as client:
            # httpx's timeout is per read: a server that sends its *headers* a byte at a time
            # never trips it. At the deadline this closes the connection under the blocked read.
            watchdog = threading.Timer(timeout + WATCHDOG_GRACE, _expire, (client, expired))
            watchdog.daemon = True
            watchdog.start()
            try:
                with client.stream("GET", url) as response:
                    if response.status_code >= 400:
                        raise InputError(f"the server answered HTTP {response.status_code}")
                    if _announced_size(response.headers.get("content-length")) > max_bytes:
                        raise InputError(too_large)
                    chunks, size = [], 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise InputError(too_large)
                        if time.monotonic() > deadline:
                            raise InputError(f"timed out after {timeout:g} s (the download was too slow)")
                        chunks.append(chunk)
                    final_url = str(response.url)
                    kind = _kind(response.headers.get("content-type", ""), final_url)
            finally:
                watchdog.cancel()
    except InputError:
        raise
    except httpx.TooManyRedirects as exc:
        raise InputError(f"too many redirects (more than {MAX_REDIRECTS})") from exc
    except Exception as exc:
        if expired.is_set() or isinstance(exc, httpx.TimeoutException):
            raise InputError(f"timed out after {timeout:g} s") from exc
        if isinstance(exc, httpx.HTTPError):
            raise InputError(f"cannot reach the URL: {exc}") from exc
        raise
    return RawInput(url, b"".join(chunks), kind, url=final_url)


def _expire(client: Any, expired: threading.Event) -> None:
    expired.set()
    client.close()


def _announced_size(value: str | None) -> int:
    """The Content-Length header as a number, or 0 when absent or not a number (then we count)."""
    try:
        return int(value or 0)
    except ValueError:
        return 0
