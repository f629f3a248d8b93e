"""Bad inputs, tried for real (the table in docs/bad-inputs.md).

One batch holds every bad file and URL next to good ones, and goes in through
each way in: the Python API, `assistant ingest`, and the UI's upload and URL
box. Each bad input must fail alone with a message that says why; every good
one must land, and what the index held before must be untouched.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bad_inputs import (
    ADDED,
    BATCH_SETTINGS,
    GOOD,
    LIMIT_MB,
    URL_CASES,
    BadWeb,
    Case,
    write_bad_files,
    write_huge_file,
)
from support import FakeEmbedder, assert_exact_offsets, free_port

from assistant.errors import QuestionError
from assistant.types import Article

EARLIER = {"title": "Ferry timetable", "text": "The winter ferry timetable starts on Sunday. Boats leave hourly."}


@pytest.fixture(scope="module")
def huge_file(tmp_path_factory):
    """100 MB of real text, written once for the module and deleted after it."""
    path = write_huge_file(tmp_path_factory.mktemp("huge") / "huge.txt")
    yield path
    path.unlink()


@pytest.fixture(scope="module")
def web():
    server = BadWeb()
    yield server
    server.close()


@pytest.fixture
def batch(tmp_path, huge_file, web):
    """(inputs, expected outcome by display name): the bad files, the huge file and the URLs."""
    folder = tmp_path / "batch"
    cases = write_bad_files(folder, huge=huge_file)
    cases.update({web.url(path): Case(expect) for path, expect in URL_CASES.items()})
    refused = f"http://127.0.0.1:{free_port()}/story"  # nothing listens there
    cases[refused] = Case("cannot reach the URL")
    urls = [web.url(path) for path in URL_CASES] + [refused]
    return folder, [folder, huge_file, *urls], cases


def _name(input_key: str) -> str:
    return input_key if input_key.startswith("http") else Path(input_key).name


def check(outcomes: dict[str, tuple[str, str]], cases: dict[str, Case], articles_by_input: dict[str, list]) -> None:
    """Every case has its outcome: failures name their reason, successes store what they should."""
    assert set(outcomes) == set(cases), f"missing {set(cases) - set(outcomes)}, extra {set(outcomes) - set(cases)}"
    for name, case in cases.items():
        status, reason = outcomes[name]
        if case.expect == ADDED:
            assert status == ADDED, f"{name}: {status} ({reason})"
            stored = articles_by_input[name]
            assert stored, f"{name}: no article stored"
            for article in stored:
                assert_exact_offsets(article)
                assert case.check is None or case.check(article), f"{name}: stored {article.title!r}"
        else:
            assert status == "failed", f"{name} should fail with {case.expect!r}, got {status}"
            assert case.expect in reason, f"{name}: {reason!r} does not say {case.expect!r}"
            assert "Traceback" not in reason and len(reason) < 400


def _articles_by_input(assistant, results: list[tuple[str, list[str]]]) -> dict[str, list[Article]]:
    return {name: [assistant.article(a) for a in ids] for name, ids in results}


def test_the_api_reports_each_bad_input_and_ingests_the_rest(make_assistant, batch):
    _, inputs, cases = batch
    assistant = make_assistant(**BATCH_SETTINGS)
    assistant.ingest(EARLIER)
    (before,) = assistant.articles()

    report = assistant.ingest(inputs)
    outcomes = {_name(r.input): (r.status.value, r.reason or "") for r in report.results}
    check(outcomes, cases, _articles_by_input(assistant, [(_name(r.input), r.articles) for r in report.results]))
    assert assistant.article(before.id) == before, "an article stored earlier changed"
    fields = next(r for r in report.results if r.input.endswith("fields.json"))
    assert "the 'text' field is an object, not text" in (fields.reason or "")
    assert "the 'text' field is a number, not text" in (fields.reason or "")
    assert len(fields.articles) == 2


def test_the_cli_reports_each_bad_input_and_ingests_the_rest(batch, tmp_path, monkeypatch, capsys):
    from assistant import cli
    from assistant.core import Assistant

    _, inputs, cases = batch
    embedder = FakeEmbedder()
    opened: list[Assistant] = []

    def open_assistant(args):
        opened.append(Assistant(embedder=embedder, **cli.overrides(args)))
        return opened[-1]

    monkeypatch.setattr(cli, "open_assistant", open_assistant)
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("ASSISTANT_MAX_FILE_MB", str(BATCH_SETTINGS["max_file_mb"]))
    monkeypatch.setenv("ASSISTANT_FETCH_TIMEOUT", str(BATCH_SETTINGS["fetch_timeout"]))
    code = cli.main(["ingest", *map(str, inputs), "--json", "--quiet"])
    out, err = capsys.readouterr()
    assert code == 1, "some inputs failed, some landed"
    assert "Traceback" not in err
    results = json.loads(out)["results"]
    outcomes = {_name(r["input"]): (r["status"], r["reason"] or "") for r in results}
    check(outcomes, cases, _articles_by_input(opened[-1], [(_name(r["input"]), r["articles"]) for r in results]))


def test_the_ui_upload_reports_each_bad_input_and_ingests_the_rest(make_assistant, batch, huge_file):
    from ui.library import ingest_inputs

    folder, inputs, cases = batch
    assistant = make_assistant(**BATCH_SETTINGS)
    uploads = [(path, path.name) for path in sorted(folder.iterdir())] + [(huge_file, huge_file.name)]
    urls = [str(i) for i in inputs if str(i).startswith("http")]
    rows = ingest_inputs(assistant, uploads, "\n".join([*urls, "ftp://example.org/x"]))

    # The upload step refuses some files before ingest sees them, in its own words.
    cases = dict(cases)
    cases["empty.txt"] = Case("the file is empty")
    cases[huge_file.name] = Case(f"over the {LIMIT_MB:g} MB limit")
    cases["ftp://example.org/x"] = Case("not an http(s) URL")
    outcomes = {name: (status, detail) for name, status, detail in rows}
    by_title = {a.title: a for a in assistant.articles()}
    stored = {
        name: [a for a in assistant.articles() if a.inputs and any(Path(i).name == name or i == name for i in a.inputs)]
        for name in outcomes
    }
    check(outcomes, cases, stored)
    assert "Harbour budget approved" in by_title
    assert not (huge_file.parent / "uploads").exists()
    copies = {p.name for p in (Path(assistant.settings.index_dir) / "uploads").iterdir()}
    assert huge_file.name not in copies, "an upload over the limit was copied"


def test_odd_upload_names_land_as_separate_articles_inside_the_uploads_folder(make_assistant, tmp_path):
    from ui.library import ingest_inputs

    assistant = make_assistant()
    names = ["../../news/новости.txt", "статья.txt", "???.txt", "a\x00b\n.md", "..\\..\\evil.md", "新闻" * 80 + ".txt"]
    uploads = []
    for number, name in enumerate(names):
        source = tmp_path / f"source-{number}.txt"
        source.write_text(f"Story {number}\n\nThe harbour story number {number} was filed on Monday.\n")
        uploads.append((source, name))
    rows = ingest_inputs(assistant, uploads, None)
    assert [status for _, status, _ in rows] == ["added"] * len(names), rows
    assert len(assistant.articles()) == len(names), "two uploads were stored under one name"
    folder = (Path(assistant.settings.index_dir) / "uploads").resolve()
    stored = list(folder.iterdir())
    assert len(stored) == len(names)
    for path in stored:
        assert path.resolve().parent == folder and not path.name.startswith(".")
        assert len(path.name.encode()) <= 255 and path.name.isprintable()
    assert all("\x00" not in name and "\n" not in name for name, _, _ in rows)


# --- questions ------------------------------------------------------------------------------


@pytest.fixture
def seeded(make_assistant, tmp_path):
    assistant = make_assistant(llm="extractive")
    path = tmp_path / "harbour.txt"
    path.write_text(GOOD)
    assistant.ingest(path)
    return assistant


@pytest.mark.parametrize(
    ("question", "message"),
    [("", "empty"), ("   \n\t ", "empty"), ("Who approved the budget? " * 60, "at most 1,000")],
    ids=["empty", "blank", "enormous"],
)
def test_an_empty_or_enormous_question_is_a_clear_error(seeded, question, message):
    with pytest.raises(QuestionError, match=message):
        seeded.ask(question)
    with pytest.raises(QuestionError, match=message):
        list(seeded.ask_stream(question))


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "is empty"),
        (" \t\n", "is empty"),
        ("\u200b\u200d\x07", "is empty"),
        ("Why? " * 500, "at most 1,000"),
    ],
    ids=["empty", "blank", "invisible", "enormous"],
)
def test_the_ui_and_json_api_refuse_an_empty_or_enormous_question(question, message):
    """The chat and POST /api/ask check the question as the pipeline does (a QuestionError is the API's 400)."""
    from assistant.errors import QuestionError
    from ui.session import check_question

    with pytest.raises(QuestionError, match=message):
        check_question(question)


@pytest.mark.parametrize(
    "question",
    [
        "Qui a approuvé le budget du port ?",
        "¿Quién aprobó el presupuesto del puerto?",
        "Кто утвердил бюджет порта?",
        "谁批准了港口预算？",
        "من وافق على ميزانية الميناء؟",
        "🤔❓",
    ],
    ids=["french", "spanish", "russian", "chinese", "arabic", "emoji"],
)
def test_a_question_in_another_language_gets_an_answer_or_an_abstention(seeded, question):
    """The embedding model is English: no promise of a good answer, but a verified one or "don't say"."""
    answer = seeded.ask(question)
    assert answer.abstained or answer.citations
    for citation in answer.citations:
        assert seeded.article(citation.article_id).text[citation.start : citation.end] == citation.text
    assert isinstance(seeded.search(question), list)


def test_the_huge_file_is_refused_without_being_read(make_assistant, huge_file, monkeypatch):
    """The size is checked with stat(): reading 100 MB first would be the denial of service."""
    assistant = make_assistant()  # the default limit, 50 MB
    read_bytes = Path.read_bytes

    def no_big_reads(self):
        assert self != huge_file, "the huge file was read"
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", no_big_reads)
    (result,) = assistant.ingest(huge_file).results
    assert result.status.value == "failed"
    assert result.reason and "file is too large (100.0 MB > 50 MB)" in result.reason
    assert "ASSISTANT_MAX_FILE_MB" in result.reason
