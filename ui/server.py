"""Serving: the Gradio page and a plain JSON API on one FastAPI app, localhost by default.

* ``GET /`` the page; Gradio's own API (for ``gradio_client``) lives under it.
* ``POST /api/ask`` ``{"question": …, "history": [{"role", "content"}…], "sources": […],
  "date_from": …, "date_to": …, "answer_k": …}`` returns ``Answer.to_dict()``; a bad
  request is 400 and a failed answer (model or server down) 503, both as ``{"error": message}``.
* ``GET /api/health`` ``{"ok": true, "articles": N}``.

Security defaults (issue 6): the server binds 127.0.0.1 unless told otherwise, and
refuses to listen on another interface without authentication unless the caller
says so explicitly (``allow_no_auth``). With credentials, the page asks for them
(Gradio's login) and the JSON API takes them as HTTP Basic auth.
"""

from __future__ import annotations

import contextlib
import ipaddress
import secrets
import sys
from typing import TYPE_CHECKING, Any

from assistant.errors import AssistantError, QuestionError

if TYPE_CHECKING:
    from fastapi import FastAPI

    from assistant.core import Assistant
    from ui.session import Backends

Credentials = tuple[str, str]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


class ServeError(AssistantError):
    """The server cannot start as asked; the message says what to change."""


def parse_auth(value: str | None) -> Credentials | None:
    """``user:password`` (the password may contain colons) or None when not given."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ServeError("authentication must look like USER:PASSWORD (both non-empty)")
    return user, password


def is_local(host: str) -> bool:
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, auth: Credentials | None, allow_no_auth: bool) -> str | None:
    """Refuse an open server on the network; return a warning when the caller insisted."""
    if is_local(host) or auth:
        return None
    if not allow_no_auth:
        raise ServeError(
            f"refusing to listen on {host} without authentication: anyone who can reach this machine "
            "could read and change the index. Pass --auth USER:PASSWORD (or set ASSISTANT_UI_AUTH), "
            "or --no-auth if the network is trusted."
        )
    return f"warning: listening on {host} WITHOUT authentication; anyone who can reach it can use and change the index"


def _basic_auth_dependency(auth: Credentials | None) -> Any:
    from fastapi import Depends, HTTPException
    from fastapi.security import HTTPBasic, HTTPBasicCredentials

    if auth is None:
        return None
    basic = HTTPBasic()

    def check(credentials: HTTPBasicCredentials = Depends(basic)) -> None:  # noqa: B008 (FastAPI idiom)
        user_ok = secrets.compare_digest(credentials.username.encode(), auth[0].encode())
        password_ok = secrets.compare_digest(credentials.password.encode(), auth[1].encode())
        if not (user_ok and password_ok):
            raise HTTPException(status_code=401, detail="wrong user or password", headers={"WWW-Authenticate": "Basic"})

    return Depends(check)


def add_json_api(app: FastAPI, backends: Backends, auth: Credentials | None = None) -> None:
    """``POST /api/ask`` and ``GET /api/health`` on ``app``."""
    from fastapi import Body
    from fastapi.responses import JSONResponse

    from ui.session import AskOptions, OptionsError, ask_once, describe

    dependencies = [dep] if (dep := _basic_auth_dependency(auth)) else []

    @app.post("/api/ask", dependencies=dependencies)
    def api_ask(payload: dict[str, Any] = Body(...)) -> JSONResponse:  # noqa: B008 (FastAPI idiom)
        try:
            options = AskOptions.from_form(
                answer_k=payload.get("answer_k"),
                sources=payload.get("sources") or (),
                date_from=payload.get("date_from"),
                date_to=payload.get("date_to"),
            )
            answer = ask_once(backends, payload.get("question"), payload.get("history"), options)
        except (OptionsError, QuestionError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        except Exception as exc:
            return JSONResponse({"error": describe(exc)}, status_code=503)
        return JSONResponse(answer.to_dict())

    @app.get("/api/health", dependencies=dependencies)
    def api_health() -> dict[str, Any]:
        return {"ok": True, "articles": backends.primary.store.count()[0]}


def _preimport_matplotlib() -> None:
    """Import matplotlib now if it is installed, not inside the first two concurrent events.

    Gradio wraps every event in a matplotlib backend switch whose ``__enter__`` and
    ``__exit__`` each import matplotlib; when two events race the first import, one
    sees a half-imported module on entry and fails on exit, killing that event
    (a chat turn that never finishes).
    """
    with contextlib.suppress(ImportError):
        import matplotlib  # noqa: F401


def create_app(assistant: Assistant, auth: Credentials | None = None, host: str = "127.0.0.1", port: int = 7860) -> Any:
    """The FastAPI app serving the page at ``/`` and the JSON API at ``/api``."""
    import gradio as gr
    from fastapi import FastAPI

    from ui.app import build_app, theme
    from ui.assets import CSS, HEAD
    from ui.session import Backends

    _preimport_matplotlib()
    backends = Backends(assistant)
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    add_json_api(app, backends, auth)
    return gr.mount_gradio_app(
        app,
        build_app(assistant, backends),
        path="/",
        server_name=host,
        server_port=port,
        auth=auth,
        auth_message="Sign in to the news assistant",
        max_file_size=f"{assistant.settings.max_file_mb:g}mb",
        show_error=True,
        ssr_mode=False,
        theme=theme(),
        css=CSS,
        head=HEAD,
    )


def check_port(host: str, port: int) -> None:
    """Fail with a plain message, before any model loads, when the port is taken."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            raise ServeError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another --port") from None


def serve(
    assistant: Assistant,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: Credentials | None = None,
    allow_no_auth: bool = False,
) -> None:
    """Serve until interrupted (Ctrl-C)."""
    import uvicorn

    warning = check_exposure(host, auth, allow_no_auth)
    check_port(host, port)
    if warning:
        print(warning, file=sys.stderr)
    app = create_app(assistant, auth, host, port)
    shown = f"[{host}]" if ":" in host else host
    print(f"News assistant on http://{shown}:{port}/ (JSON: POST /api/ask); Ctrl-C stops.", file=sys.stderr)
    # Open event streams (the page's heartbeat) would hold a graceful shutdown for long: give them 3 s.
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=3)
