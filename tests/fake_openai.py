"""A scripted OpenAI-compatible chat server on a thread, for failures a real server won't stage on cue.

Each request takes the next step of the script (the last one repeats):

* ``Reply(text)``: the text streamed word by word as server-sent events, then ``[DONE]``;
* ``Status(code)``: an HTTP error with an OpenAI-style JSON body;
* ``Die(after)``: ``after`` words, then the connection is cut mid-body (no final chunk),
  as when the server process is killed;
* ``Stall(after, seconds)``: ``after`` words (0: not even the headers), then silence.

Replies use chunked transfer encoding like uvicorn (llama.cpp's, vLLM's server), so a
cut connection is an incomplete body to the client, not a short but valid reply.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    text: str


@dataclass(frozen=True)
class Status:
    code: int


@dataclass(frozen=True)
class Die:
    after: int
    text: str = "Tom West is the envoy and he will attend the summit."


@dataclass(frozen=True)
class Stall:
    after: int
    seconds: float = 30.0
    text: str = "Tom West is the envoy and he will attend the summit."


Step = Reply | Status | Die | Stall


class FakeOpenAIServer:
    """Serves ``/v1/chat/completions`` from a script; ``requests`` counts what reached it."""

    def __init__(self, *script: Step, port: int = 0) -> None:
        self.script = list(script) or [Reply("Tom West. [1]")]
        self.requests = 0
        self._stop = threading.Event()  # ends stalls at shutdown instead of leaving threads asleep
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                self.rfile.read(length)
                fake.requests += 1
                step = fake.script.pop(0) if len(fake.script) > 1 else fake.script[0]
                fake.respond(self, step)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()

    # --- responses ---------------------------------------------------------------------

    def respond(self, handler: BaseHTTPRequestHandler, step: Step) -> None:
        if isinstance(step, Status):
            body = json.dumps({"error": {"message": f"scripted {step.code}", "type": "server_error"}}).encode()
            handler.send_response(step.code)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
            return
        if isinstance(step, Stall) and step.after == 0:
            self._stop.wait(step.seconds)
            return
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        words = [w + " " for w in step.text.split(" ")]
        if isinstance(step, Reply):
            for word in words:
                _chunk(handler, _event({"content": word}))
            _chunk(handler, b"data: [DONE]\n\n")
            handler.wfile.write(b"0\r\n\r\n")
            return
        for word in words[: step.after]:
            _chunk(handler, _event({"content": word}))
        handler.wfile.flush()
        if isinstance(step, Stall):
            self._stop.wait(step.seconds)
        handler.close_connection = True  # Die: cut the body short, as a killed process does


def _event(delta: dict[str, str]) -> bytes:
    chunk = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "fake",
        "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
    }
    return f"data: {json.dumps(chunk)}\n\n".encode()


def _chunk(handler: BaseHTTPRequestHandler, data: bytes) -> None:
    handler.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
    handler.wfile.flush()
