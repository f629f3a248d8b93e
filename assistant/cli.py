"""The ``assistant`` command line: ingest articles, search them, manage the index.

This module must stay light: ``assistant --help`` answers without importing
chromadb, torch or the embedding model. Everything heavy (``assistant.core``
and what it pulls in) is imported inside the command handlers.

Settings flow: a flag given on the command line is passed to ``Assistant`` as
a keyword override; a flag not given is not passed at all, so the
``ASSISTANT_*`` environment variables (read by ``Settings``) still apply.

Exit codes: 0 success; 1 some ingest inputs failed while others landed;
2 an error (bad usage, unreadable index, every input failed); 130 interrupted;
141 the output pipe closed early (`assistant list | head`).
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from assistant.types import Answer  # light: the vocabulary imports only the standard library

if TYPE_CHECKING:
    from assistant.core import Assistant
    from assistant.types import Article, Hit, IngestReport

PROG = "assistant"
DEMO_PROMPT = "question> "
DEMO_K = 3
EXIT_OK, EXIT_PARTIAL, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141


class UsageError(Exception):
    """A problem with the command line itself, reported like an AssistantError."""


# --- argument types ------------------------------------------------------------


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2022-03-30, got {value!r}") from None


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


def _http_url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(f"expected a URL starting with http:// or https://, got {value!r}")
    return value


# --- the parser ------------------------------------------------------------------


def _index_options(*, embedding: bool = True, progress: bool = False) -> argparse.ArgumentParser:
    """Options shared by the commands that open an index (defaults come from Settings/env)."""
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("index options")
    group.add_argument(
        "--index",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder of the index (env ASSISTANT_INDEX_DIR; default: ./index)",
    )
    group.add_argument(
        "--chroma-url",
        metavar="URL",
        type=_http_url,
        default=argparse.SUPPRESS,
        help="use a Chroma server instead of the local folder, e.g. http://127.0.0.1:8000 (env ASSISTANT_CHROMA_URL)",
    )
    if embedding:
        group.add_argument(
            "--embed-model",
            metavar="NAME",
            default=argparse.SUPPRESS,
            help="sentence-transformers model name or path; must match the model that built the "
            "index (env ASSISTANT_EMBED_MODEL; default: the packaged all-MiniLM-L6-v2)",
        )
    if progress:
        group.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="no progress bars")
    return parent


def _llm_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("answer options")
    group.add_argument(
        "--llm",
        choices=["llamacpp", "openai", "extractive"],
        default=argparse.SUPPRESS,
        help="answer backend (env ASSISTANT_LLM; default llamacpp, the local model)",
    )
    group.add_argument("--llm-model", metavar="GGUF", default=argparse.SUPPRESS, help="GGUF file for llamacpp")
    group.add_argument("--base-url", metavar="URL", default=argparse.SUPPRESS, help="OpenAI-compatible endpoint")
    group.add_argument("--model", metavar="NAME", default=argparse.SUPPRESS, help="model name at that endpoint")
    group.add_argument("--api-key", metavar="KEY", default=argparse.SUPPRESS, help="API key (env ASSISTANT_API_KEY)")
    return parent


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Offline question answering over news articles: ingest articles, "
        "then search them for the sentences that answer a question.",
        epilog="Start with `assistant demo`, or `assistant ingest FOLDER` then "
        '`assistant search "your question"`. `assistant COMMAND --help` describes a command.',
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    index = _index_options()
    index_progress = _index_options(progress=True)

    p = commands.add_parser(
        "ingest",
        parents=[index_progress],
        help="add files, folders or URLs to the index",
        description="Add articles to the index: .txt, .md, .html files, .json/.jsonl dumps, folders "
        "of them (recursively) and http(s) URLs. Unchanged inputs are skipped; a changed file "
        "replaces its old article. Exit code 0 if every input was ingested, 1 if some failed, "
        "2 if all failed.",
    )
    p.add_argument("inputs", nargs="+", metavar="PATH_OR_URL", help="file, folder or http(s) URL")
    p.add_argument("--json", action="store_true", help="print the ingest report as JSON")
    p.set_defaults(handler=cmd_ingest)

    llm = _llm_options()
    p = commands.add_parser(
        "ask",
        parents=[index, llm],
        help="answer a question with cited sentences",
        description="Answer a question from the indexed articles; every statement cites the sentence "
        "that supports it, and the answer says so when the articles don't.",
    )
    p.add_argument("question", nargs="+", metavar="QUESTION", help="the question (quotes optional)")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.set_defaults(handler=cmd_ask)

    p = commands.add_parser(
        "chat",
        parents=[index, llm],
        help="a multi-turn chat in the terminal",
        description="Ask questions and follow-ups; each answer is printed with its numbered sources.",
    )
    p.set_defaults(handler=cmd_chat)

    p = commands.add_parser(
        "search",
        parents=[index],
        help="find the sentences that answer a question",
        description="Print the evidence sentences for a question, best first.",
    )
    p.add_argument("question", nargs="+", metavar="QUESTION", help="the question (quotes optional)")
    p.add_argument("-k", type=_positive_int, default=None, metavar="N", help="number of hits (default 10)")
    p.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="S",
        dest="sources",
        help="only articles from this source, e.g. reuters.com (repeat for several)",
    )
    p.add_argument("--from", type=_iso_date, dest="date_from", metavar="DATE", help="published on/after")
    p.add_argument("--to", type=_iso_date, dest="date_to", metavar="DATE", help="published on/before")
    p.add_argument("--json", action="store_true", help="print the hits as a JSON list")
    p.set_defaults(handler=cmd_search)

    p = commands.add_parser(
        "list",
        parents=[index],
        help="list the articles in the index",
        description="List the stored articles: id, title, source, published date, sentences.",
    )
    p.add_argument("--filter", metavar="TEXT", help="only articles whose id, title, source or URL contain TEXT")
    p.add_argument("--json", action="store_true", help="print the articles as a JSON list")
    p.set_defaults(handler=cmd_list)

    p = commands.add_parser(
        "show",
        parents=[index],
        help="show one article",
        description="Show an article's metadata and text. ARTICLE_ID may be a unique prefix.",
    )
    p.add_argument("article_id", metavar="ARTICLE_ID")
    p.add_argument("--sentences", action="store_true", help="list the indexed sentences instead of the text")
    p.add_argument("--json", action="store_true", help="print metadata, text and sentences as JSON")
    p.set_defaults(handler=cmd_show)

    p = commands.add_parser(
        "remove",
        parents=[index],
        help="delete articles from the index",
        description="Delete articles and their sentences. ARTICLE_IDs may be unique prefixes; "
        "nothing is deleted if any of them is unknown.",
    )
    p.add_argument("article_ids", nargs="+", metavar="ARTICLE_ID")
    p.set_defaults(handler=cmd_remove)

    p = commands.add_parser(
        "demo",
        parents=[index_progress, llm],
        help="ingest the bundled seed articles and answer questions",
        description="Ingest the seed articles (./seeds) into the index, then answer questions typed "
        "at the prompt (an empty line or Ctrl-D ends), or the --question ones.",
    )
    p.add_argument("--seeds", metavar="DIR", default="seeds", help="folder of seed articles (default: ./seeds)")
    p.add_argument(
        "--question",
        action="append",
        default=[],
        dest="questions",
        metavar="Q",
        help="answer this question and exit (repeatable)",
    )
    p.add_argument("-k", type=_positive_int, default=DEMO_K, metavar="N", help=f"hits per question ({DEMO_K})")
    p.set_defaults(handler=cmd_demo)

    p = commands.add_parser(
        "serve",
        parents=[index_progress, llm],
        help="start the chat UI in the browser (and its JSON API)",
        description="Serve the chat UI: streaming answers with clickable citations, the article list, "
        "uploads and settings; plus POST /api/ask (JSON). Listens on 127.0.0.1 only unless --host "
        "says otherwise; another interface needs --auth (or --no-auth to insist).",
    )
    p.add_argument(
        "--host",
        metavar="ADDR",
        default=argparse.SUPPRESS,
        help="interface to listen on (env ASSISTANT_UI_HOST; default 127.0.0.1: this machine only)",
    )
    p.add_argument(
        "--port", type=_positive_int, metavar="N", default=argparse.SUPPRESS, help="port (env ASSISTANT_UI_PORT; 7860)"
    )
    p.add_argument(
        "--auth",
        metavar="USER:PASSWORD",
        default=argparse.SUPPRESS,
        help="require this login for the page and the JSON API (env ASSISTANT_UI_AUTH)",
    )
    p.add_argument(
        "--no-auth",
        action="store_true",
        help="allow listening on a non-local --host without --auth (only on a trusted network)",
    )
    p.set_defaults(handler=cmd_serve)

    _add_eval(commands, argv)
    return parser


def _add_eval(commands: Any, argv: Sequence[str]) -> None:
    """The eval subcommand belongs to ``assistant.evaluate.runner``; load it only when used."""
    summary = "evaluate retrieval (or answers, with --answers) on a question set"
    if not argv or argv[0] != "eval":
        commands.add_parser("eval", help=summary, add_help=False)
        return
    try:
        from assistant.evaluate.runner import add_arguments, run
    except ModuleNotFoundError as exc:
        if exc.name not in ("assistant.evaluate", "assistant.evaluate.runner"):
            raise
        p = commands.add_parser("eval", help=summary)
        p.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        p.set_defaults(handler=cmd_eval_unavailable)
        return
    # The runner's own options win over the shared index options if both define one.
    p = commands.add_parser(
        "eval",
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        parents=[_index_options(progress=True), _llm_options()],
        conflict_handler="resolve",
    )
    add_arguments(p)
    takes_overrides = len(inspect.signature(run).parameters) >= 2

    def handler(args: argparse.Namespace) -> int:
        return int(run(args, overrides(args)) if takes_overrides else run(args))

    p.set_defaults(handler=handler)


# --- opening the index -----------------------------------------------------------


def overrides(args: argparse.Namespace) -> dict[str, Any]:
    """Settings the user gave on the command line; the rest stays with env/defaults."""
    names = {
        "index": "index_dir",
        "chroma_url": "chroma_url",
        "embed_model": "embed_model",
        "llm": "llm",
        "llm_model": "llm_model",
        "base_url": "base_url",
        "model": "model",
        "api_key": "api_key",
        "host": "ui_host",
        "port": "ui_port",
        "auth": "ui_auth",
    }
    given = {setting: getattr(args, flag) for flag, setting in names.items() if hasattr(args, flag)}
    if getattr(args, "quiet", False):
        given["progress"] = False
    return given


def open_assistant(args: argparse.Namespace) -> Assistant:
    """The ``Assistant`` for these arguments (tests replace this to inject a fake embedder)."""
    from pydantic import ValidationError

    from assistant.core import Assistant

    try:
        return Assistant(**overrides(args))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}" for err in exc.errors()
        )
        raise UsageError(f"invalid setting ({problems}); check the flags and ASSISTANT_* variables") from None


def _open_existing(args: argparse.Namespace) -> Assistant:
    """Open an index that must already exist: reading must not create an empty one."""
    assistant = open_assistant(args)
    settings = assistant.settings
    folder = Path(settings.index_dir)
    if not settings.chroma_url and not (folder / "chroma").is_dir():
        raise UsageError(
            f"there is no index at {str(folder)!r} yet: ingest articles first "
            "(`assistant ingest PATH`), or point --index / ASSISTANT_INDEX_DIR at an existing index"
        )
    return assistant


def _resolve_ids(assistant: Assistant, given: Sequence[str]) -> list[Article]:
    """Articles for ids or unique id prefixes; an error names every unknown one."""
    from assistant.errors import NotFoundError

    found: list[Article] = []
    problems: list[str] = []
    known: list[str] | None = None
    for wanted in given:
        try:
            found.append(assistant.article(wanted))
            continue
        except NotFoundError:
            pass
        if known is None:
            known = [a.id for a in assistant.articles()]
        matches = [aid for aid in known if aid.startswith(wanted.strip())] if wanted.strip() else []
        if len(matches) == 1:
            found.append(assistant.article(matches[0]))
        elif matches:
            problems.append(f"{wanted!r} matches {len(matches)} articles; give more characters")
        else:
            problems.append(f"no article with id {wanted!r}")
    if problems:
        raise NotFoundError("; ".join(problems) + " (see `assistant list`)")
    return found


# --- output helpers --------------------------------------------------------------


def _out(text: str = "") -> None:
    print(text)


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _print_json(data: Any) -> None:
    _out(json.dumps(data, ensure_ascii=False, indent=2))


def _width() -> int:
    return max(60, min(110, shutil.get_terminal_size((100, 24)).columns))


def _clip(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _display(key: str) -> str:
    """An input key as the user would type it: relative to the current folder when inside it."""
    if key.startswith(("http://", "https://", "record:")):
        return key
    try:
        return os.path.relpath(key) if Path(key).resolve().is_relative_to(Path.cwd()) else key
    except (ValueError, OSError):
        return key


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def print_report(report: IngestReport, out: Callable[[str], None] = _out) -> None:
    from assistant.types import IngestStatus

    width = max((len(r.status.value) for r in report.results), default=0)
    for result in report.results:
        line = f"{result.status.value:<{width}}  {_display(result.input)}"
        if result.status is IngestStatus.FAILED:
            line += f": {result.reason}"
        else:
            line += f"  ({_plural(len(result.articles), 'article')}"
            if result.sentences_added:
                line += f", {_plural(result.sentences_added, 'new sentence')}"
            line += ")"
            if result.reason:
                line += f"; skipped: {result.reason}"
        out(line)
    totals = ", ".join(f"{report.count(s)} {s.value}" for s in IngestStatus)
    added = sum(r.sentences_added for r in report.results)
    out(
        f"{_plural(len(report.results), 'input')}: {totals}; "
        f"{_plural(added, 'sentence')} embedded in {report.seconds:.1f} s"
    )


def _report_exit_code(report: IngestReport) -> int:
    failed = len(report.failed)
    if failed == 0:
        return EXIT_OK
    return EXIT_ERROR if failed == len(report.results) else EXIT_PARTIAL


def print_hits(hits: Sequence[Hit], out: Callable[[str], None] = _out) -> None:
    width = _width()
    for rank, hit in enumerate(hits, 1):
        where = ", ".join(x for x in (hit.source, hit.published) if x)
        header = f"{rank:>2}. [{hit.score:.3f}] {_clip(hit.title, width - 40)} #{hit.sentence_index}"
        if where:
            header += f" ({where})"
        out(header)
        if hit.section:
            out(f"    § {_clip(hit.section, width - 6)}")
        out(textwrap.fill(hit.text, width=width, initial_indent="    ", subsequent_indent="    "))


def _print_articles(articles: Sequence[Article]) -> None:
    if not articles:
        return
    width = _width()
    source_w = min(24, max(6, *(len(a.source or "") for a in articles)))
    title_w = max(20, width - 16 - 2 - source_w - 2 - 10 - 2 - 6 - 2)
    _out(f"{'ID':<16}  {'TITLE':<{title_w}}  {'SOURCE':<{source_w}}  {'PUBLISHED':<10}  {'SENTS':>6}")
    for a in articles:
        _out(
            f"{a.id:<16}  {_clip(a.title, title_w):<{title_w}}  "
            f"{_clip(a.source or '-', source_w):<{source_w}}  "
            f"{(a.published or '-')[:10]:<10}  {len(a.spans):>6}"
        )


def _no_hits_message(assistant: Assistant) -> str:
    articles, _ = assistant.store.count()
    if articles == 0:
        return "no results: the index is empty; add articles with `assistant ingest PATH`"
    return "no results"


# --- commands --------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:
    assistant = open_assistant(args)
    report = assistant.ingest(args.inputs)
    if args.json:
        _print_json(report.to_dict())
    else:
        print_report(report)
        if not report.results:
            _err("warning: nothing to ingest: no .txt, .md, .html, .json or .jsonl files under the given paths")
    return _report_exit_code(report)


def cmd_search(args: argparse.Namespace) -> int:
    assistant = _open_existing(args)
    question = " ".join(args.question)
    hits = assistant.search(question, args.k, sources=args.sources, date_from=args.date_from, date_to=args.date_to)
    if args.json:
        _print_json([hit.to_dict() for hit in hits])
    elif hits:
        print_hits(hits)
    else:
        _err(_no_hits_message(assistant))
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    assistant = _open_existing(args)
    articles = assistant.articles()
    if args.filter:
        needle = args.filter.casefold()
        articles = [
            a for a in articles if any(needle in (field or "").casefold() for field in (a.id, a.title, a.source, a.url))
        ]
    if args.json:
        _print_json([a.summary() for a in articles])
        return EXIT_OK
    _print_articles(articles)
    if not articles:
        _err("no matching articles" if args.filter else "the index is empty")
    elif not args.filter or len(articles) > 1:
        _err(_plural(len(articles), "article"))
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    assistant = _open_existing(args)
    (article,) = _resolve_ids(assistant, [args.article_id])
    if args.json:
        data = article.summary()
        data["inputs"] = list(article.inputs)
        data["text"] = article.text
        data["sentences"] = [
            {"index": s.index, "text": s.text, "start": s.start, "end": s.end, "section": s.section}
            for s in article.sentences
        ]
        _print_json(data)
        return EXIT_OK
    summary = article.summary()
    _out(article.title)
    _out("=" * min(len(article.title), _width()))
    for key in ("article_id", "source", "url", "published", "author", "ingested_at", "sentences"):
        if summary.get(key) not in (None, ""):
            _out(f"{key.replace('_', ' ')}: {summary[key]}")
    for item in article.inputs:
        _out(f"input: {_display(item)}")
    _out()
    if args.sentences:
        section: str | None = None
        for s in article.sentences:
            if s.section != section and s.section:
                _out(f"§ {s.section}")
            section = s.section
            _out(f"{s.index:>4}  {s.text}")
    else:
        _out(article.text.strip("\n"))
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    assistant = _open_existing(args)
    articles = _resolve_ids(assistant, args.article_ids)
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            continue
        seen.add(article.id)
        assistant.remove(article.id)
        _out(f"removed {article.id}  {_clip(article.title, _width() - 26)}")
    return EXIT_OK


def print_answer(answer: Answer, out: Callable[[str], None] = _out) -> None:
    for line in textwrap.wrap(answer.answer, _width()) or [""]:
        out(line)
    if answer.citations:
        out("")
        out("Sources:")
        for c in answer.citations:
            out(f"  [{c.marker}] {_clip(c.title, 60)} (sentence {c.sentence_index})")
            for line in textwrap.wrap(c.text, _width() - 6):
                out(f"      {line}")


def _ask(assistant: Assistant, question: str, history: list[dict[str, str]] | None, stream: bool) -> Answer:
    final: Answer | None = None
    for event in assistant.ask_stream(question, history):
        if isinstance(event, Answer):
            final = event
        elif stream:
            sys.stdout.write(event.text)
            sys.stdout.flush()
    assert final is not None
    if stream:
        _out("\n")
    return final


def cmd_ask(args: argparse.Namespace) -> int:
    assistant = _open_existing(args)
    question = " ".join(args.question)
    answer = _ask(assistant, question, None, stream=not args.json and sys.stdout.isatty())
    if args.json:
        _print_json(answer.to_dict())
    else:
        print_answer(answer)
    return EXIT_OK


def cmd_chat(args: argparse.Namespace) -> int:
    assistant = _open_existing(args)
    interactive = sys.stdin.isatty()
    if interactive:
        _err("Ask about the articles; follow-up questions work. An empty line or Ctrl-D ends.")
    history: list[dict[str, str]] = []
    while True:
        question = _read_question(sys.stdin, interactive)
        if question is None or not question.strip():
            return EXIT_OK
        answer = _ask(assistant, question.strip(), history, stream=interactive)
        print_answer(answer)
        _out()
        history += [{"role": "user", "content": question.strip()}, {"role": "assistant", "content": answer.answer}]


def cmd_demo(args: argparse.Namespace) -> int:
    seeds = Path(args.seeds).expanduser()
    if not seeds.is_dir():
        raise UsageError(f"no seed folder at {str(seeds)!r}: run the demo from the repository root or pass --seeds DIR")
    assistant = open_assistant(args)
    quiet = not assistant.settings.progress
    if not quiet:
        where = assistant.settings.chroma_url or assistant.settings.index_dir
        _err(f"Ingesting the seed articles in {seeds} into {where} …")
    report = assistant.ingest([seeds])
    if not quiet or report.failed:
        print_report(report, out=_err)
    if report.results and len(report.failed) == len(report.results):
        raise UsageError(f"none of the seed articles in {str(seeds)!r} could be ingested")
    if args.questions:
        for question in args.questions:
            _out(f"{DEMO_PROMPT}{question}")
            _answer(assistant, question, args.k)
        return EXIT_OK
    interactive = sys.stdin.isatty()
    if interactive:
        if not quiet:
            _err("Loading the embedding model …")
        _ = assistant.embedder  # load it now, so the first answer is not slow
        _err("Ask a question about the articles; an empty line or Ctrl-D ends.")
        with contextlib.suppress(ImportError):  # line editing and history for input()
            import readline  # noqa: F401
    while True:
        question = _read_question(sys.stdin, interactive)
        if question is None or not question.strip():
            return EXIT_OK
        _answer(assistant, question.strip(), args.k)


def _read_question(stream: TextIO, interactive: bool) -> str | None:
    """The next question, or None at the end of input.

    At a terminal the user types after the prompt; from a pipe the question is echoed
    after the prompt so that the output reads as a transcript.
    """
    if interactive:
        try:
            return input(DEMO_PROMPT)
        except EOFError:
            _out()
            return None
    line = stream.readline()
    if not line or not line.strip():
        return None
    _out(f"{DEMO_PROMPT}{line.strip()}")
    return line


def _answer(assistant: Assistant, question: str, k: int) -> None:
    if not assistant.store.count()[0]:
        _out(_no_hits_message(assistant))
    else:
        print_answer(_ask(assistant, question, None, stream=sys.stdout.isatty()))
    _out()


def cmd_serve(args: argparse.Namespace) -> int:
    from ui.server import check_exposure, check_port, parse_auth, serve

    assistant = open_assistant(args)
    settings = assistant.settings
    auth = parse_auth(settings.ui_auth)
    check_exposure(settings.ui_host, auth, args.no_auth)  # refuse before loading any model
    check_port(settings.ui_host, settings.ui_port)
    if settings.progress:
        _err("Loading the embedding model and the answer model …")
    # Opened now: an unreachable Chroma server or a mismatched index fails here, plainly,
    # and the first question does not pay for loading the models.
    _ = assistant.store, assistant.embedder, assistant.llm
    serve(assistant, settings.ui_host, settings.ui_port, auth, allow_no_auth=args.no_auth)
    return EXIT_OK


def cmd_eval_unavailable(args: argparse.Namespace) -> int:
    _err("error: evaluation is not available in this version (assistant.evaluate.runner is missing)")
    return EXIT_ERROR


# --- entry point -----------------------------------------------------------------


def _quiet_libraries(args: argparse.Namespace) -> None:
    """Hide the model-loading bars of transformers unless a download may need them."""
    custom_model = hasattr(args, "embed_model") or os.environ.get("ASSISTANT_EMBED_MODEL")
    if getattr(args, "quiet", False) or not custom_model:
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    _quiet_libraries(args)
    from assistant.errors import AssistantError

    try:
        code = args.handler(args)
        sys.stdout.flush()
        return int(code or 0)
    except (AssistantError, UsageError) as exc:
        sys.stdout.flush()
        _err(f"error: {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _err("")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`assistant list | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
