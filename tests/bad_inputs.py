"""The bad inputs of docs/bad-inputs.md, as files and URLs a test can create in a moment.

``write_bad_files`` writes one file per case into a folder and returns what
ingest must say about each: ``ADDED`` (it is read, and ``check`` looks at the
stored article) or a fragment of the failure reason. ``BadWeb`` serves the
URL cases from a thread: silent, trickling, redirecting forever, endless.
"""

from __future__ import annotations

import contextlib
import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from assistant.types import Article

ADDED = "added"
GOOD = (
    "Harbour budget approved\n\n"
    "The Portvale council approved the new harbour budget on Monday.\n"
    "The budget pays for two new cranes and a longer pier.\n"
)
SENTENCE = "The council approved the new harbour budget on Monday after a long debate about costs and jobs."
HUGE_MB = 100
LIMIT_MB = 10  # the batch's ASSISTANT_MAX_FILE_MB: well under the huge file, quick to reach by URL
TIMEOUT_S = 1  # the batch's ASSISTANT_FETCH_TIMEOUT
BATCH_SETTINGS = {"max_file_mb": LIMIT_MB, "fetch_timeout": TIMEOUT_S}


@dataclass(frozen=True)
class Case:
    expect: str  # ADDED, or a fragment of the failure reason
    check: Callable[[Article], bool] | None = None  # for ADDED: what the stored article must show


def _nested_html(depth: int) -> str:
    return f"<html><body>{'<div>' * depth}<p>{SENTENCE}</p>{'</div>' * depth}</body></html>"


TAG_SOUP = (
    "<html><head><title>Harbour budget</title><body><div><p>The council approved the new harbour "
    "budget on Monday <b><i>after a long</b></i> debate about <span>costs and jobs.<p>Residents "
    "<a href='x>welcomed the decision and said the pier would bring back tourists"
)
TITLE_SWALLOWS_ALL = f"<html><head><title>Harbour budget</head><body><p>{SENTENCE}</p></body></html>"
RECORDS: list[object] = [
    {"title": 5, "text": {"paragraphs": 2}},  # text is an object: refused, not stored as "{'paragraphs': 2}"
    {"text": 12345},  # text is a number
    {"title": "No text here"},  # missing text
    "just a string",  # not a record
    None,
    {  # wrong-typed metadata around a good text: the text lands, the junk does not
        "title": ["Harbour", "budget"],
        "text": ["The council approved the new harbour budget on Monday.", "Residents cheered the vote."],
        "author": {"name": "J. Doe"},
        "url": 5,
        "published": 1648656000,  # a Unix timestamp: 2022-03-30
    },
    {"title": "A day, not a date", "text": "The mayor opened the new ferry terminal.", "published": "17"},
]


def write_bad_files(folder: Path, *, huge: Path | None = None) -> dict[str, Case]:
    """Every file case of the table, plus one good article; returns {file name: expected outcome}."""
    folder.mkdir(parents=True, exist_ok=True)
    word = random.Random(6)
    files: dict[str, tuple[bytes, Case]] = {
        "good.txt": (GOOD.encode(), Case(ADDED, lambda a: "two new cranes" in a.text)),
        "empty.txt": (b"", Case("empty input")),
        "blank.txt": (b" \n\t\n  \n", Case("empty input")),
        "control-only.txt": (b"\x07\x08\x01\x1b\n", Case("no text left after removing control characters")),
        "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), Case("binary input (a PNG image)")),
        "report.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", Case("binary input (a PDF file)")),
        "random.txt": (word.randbytes(65536), Case("binary input")),
        "random-no-nul.txt": (bytes(b or 1 for b in word.randbytes(65536)), Case("unknown text encoding")),
        "nested.html": (_nested_html(20_000).encode(), Case(ADDED, lambda a: "harbour budget" in a.text)),
        "tag-soup.html": (TAG_SOUP.encode(), Case(ADDED, lambda a: "a long debate about costs and jobs." in a.text)),
        "title-swallows-all.html": (TITLE_SWALLOWS_ALL.encode(), Case("no article text found")),
        "cp1252.txt": (
            ("Café news\n\nThe naïve café owners in Zürich – “finally” – won the vote.\n").encode("cp1252"),
            Case(ADDED, lambda a: "naïve café" in a.text and "“finally”" in a.text),
        ),
        "mixed-encodings.txt": (
            "Café owners in Zürich complained.\n\n".encode()
            + "The naïve plan for the crème brûlée stand was rejected on Monday.\n".encode("cp1252")
            + "Residents said the café would stay open.\n".encode(),
            Case(ADDED, lambda a: "Zürich" in a.title and "naïve plan for the crème brûlée" in a.text),
        ),
        "utf16.txt": (
            "Zürich news\n\nThe Zürich council met on Monday.\n".encode("utf-16"),
            Case(ADDED, lambda a: "Zürich council" in a.text),
        ),
        "invisible.txt": (
            "Harbour news\n\nThe coun\u200dcil app\u00adroved the\x07 new har\u200bbour\x00 budget on Monday.\u202e "
            "Residents\u2028cheered.\ufeff\n".encode(),
            Case(ADDED, lambda a: "The council approved the new harbour budget on Monday." in a.text),
        ),
        "run-on.txt": (
            ("One sentence\n\n" + " ".join(f"word{i % 97}" for i in range(10_000)) + ".\n").encode(),
            Case(ADDED, lambda a: len(a.spans) > 20 and max(s.end - s.start for s in a.sentences) <= 700),
        ),
        "no-spaces.txt": (
            ("No spaces\n\n" + "a" * 60_000 + "\n").encode(),
            Case(ADDED, lambda a: len(a.spans) > 50 and max(s.end - s.start for s in a.sentences) <= 700),
        ),
        "fields.json": (
            json.dumps(RECORDS).encode(),
            Case(ADDED, lambda a: a.published in (None, "2022-03-30") and "{" not in a.text),
        ),
        "broken.json": (b'[{"title": "x", "text": "unterminated}]', Case("not valid JSON")),
        "scalar.json": (b"42", Case("no usable articles")),
        "bad-lines.jsonl": (
            b'{"text": "The council approved the harbour budget."}\n{not json}\n[1, 2]\n',
            Case(ADDED, lambda a: "harbour budget" in a.text),
        ),
    }
    cases = {}
    for name, (data, case) in files.items():
        (folder / name).write_bytes(data)
        cases[name] = case
    if huge is not None:
        cases[huge.name] = Case(f"file is too large (100.0 MB > {LIMIT_MB} MB)")
    return cases


def write_huge_file(path: Path, megabytes: int = HUGE_MB) -> Path:
    """A real text file of ``megabytes`` MB (sentences, not zeros), written in 1 MB blocks."""
    block = (GOOD * (1_000_000 // len(GOOD) + 1)).encode()[:1_000_000]
    with path.open("wb") as out:
        for _ in range(megabytes):
            out.write(block)
    return path


# --- URLs ---------------------------------------------------------------------------------


class BadWeb:
    """A local web server whose pages misbehave on purpose; ``url(path)`` names them.

    ``/ok`` is a good article; ``/silent`` never answers; ``/trickle`` sends a byte
    of body every 0.2 s forever, ``/slow-headers`` a byte of its headers; ``/loop``
    redirects to itself; ``/endless`` streams text without end; ``/huge-length``
    announces 10 GB; ``/photo`` is an image; ``/gone`` is 404.
    """

    def __init__(self) -> None:
        self._stop = threading.Event()
        stop = self._stop

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                with contextlib.suppress(OSError):  # the client gave up, as it should
                    getattr(self, "page_" + self.path.strip("/").replace("-", "_"), self.page_gone)()

            def head(self, status: int, content_type: str, length: int | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                if length is not None:
                    self.send_header("Content-Length", str(length))
                self.end_headers()

            def page_ok(self) -> None:
                text = f"{SENTENCE} The new pier will open in May, the harbour master said."
                body = f"<html><head><title>Harbour budget</title></head><body><p>{text}</p></body></html>"
                self.head(200, "text/html; charset=utf-8", len(body.encode()))
                self.wfile.write(body.encode())

            def page_silent(self) -> None:
                stop.wait(30)

            def page_trickle(self) -> None:
                self.head(200, "text/html", 10_000_000)
                while not stop.wait(0.2):
                    self.wfile.write(b"<")
                    self.wfile.flush()

            def page_slow_headers(self) -> None:
                self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                while not stop.wait(0.2):
                    self.wfile.write(b"x")
                    self.wfile.flush()

            def page_loop(self) -> None:
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def page_endless(self) -> None:
                self.head(200, "text/plain")
                block = SENTENCE.encode() * 1000
                while not stop.is_set():
                    self.wfile.write(block)

            def page_huge_length(self) -> None:
                self.head(200, "text/plain", 10**10)
                while not stop.is_set():
                    self.wfile.write(b"x" * 65536)

            def page_photo(self) -> None:
                self.head(200, "image/png", 8)
                self.wfile.write(b"\x89PNG\r\n\x1a\n")

            def page_gone(self) -> None:
                self.send_error(404)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"{self.base}/{path}"

    def close(self) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()
        time.sleep(0.05)  # let handler threads see the stop flag


URL_CASES = {  # path: expected outcome with BATCH_SETTINGS
    "ok": ADDED,
    "silent": f"timed out after {TIMEOUT_S} s",
    "trickle": f"timed out after {TIMEOUT_S} s (the download was too slow)",
    "slow-headers": f"timed out after {TIMEOUT_S} s",
    "loop": "too many redirects",
    "endless": f"larger than {LIMIT_MB} MB",
    "huge-length": f"larger than {LIMIT_MB} MB",
    "photo": "unsupported content type 'image/png'",
    "gone": "HTTP 404",
}
