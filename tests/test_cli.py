"""The `assistant` command: output, exit codes, errors. In-process with the fake embedder."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import REPO, SEED_ARTICLE, SEEDS, FakeEmbedder

from assistant import cli
from assistant.errors import AssistantError

VENV_BIN = Path(sys.executable).parent
INDEX_COMMANDS = {"ingest", "list", "search", "show", "remove"}
HEAVY = ("chromadb", "torch", "sentence_transformers", "llama_index", "gradio", "numpy", "transformers")


@pytest.fixture
def run(monkeypatch, capsys, tmp_path, store_overrides):
    """Run `assistant ARGS...` in-process on a temporary index; return (exit code, stdout, stderr).

    For the ``server`` store kind (tests marked ``both_stores``) every command gets
    ``--chroma-url`` and the test's own collection on the session's Chroma server.
    """
    from assistant.core import Assistant

    embedder = FakeEmbedder()
    monkeypatch.setattr(cli, "open_assistant", lambda args: Assistant(embedder=embedder, **cli.overrides(args)))
    monkeypatch.chdir(tmp_path)
    for name in ("ASSISTANT_CHROMA_URL", "ASSISTANT_EMBED_MODEL"):
        monkeypatch.delenv(name, raising=False)
    # Absolute, because chromadb caches clients by path for the life of the process: a
    # relative "index" would reach the previous test's folder.
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "index"))
    server_url = store_overrides.get("chroma_url")
    if server_url:
        monkeypatch.setenv("ASSISTANT_COLLECTION", store_overrides["collection"])

    def run_cli(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        args = ["--quiet" if a == "-Q" else a for a in argv]
        if server_url and args and args[0] in INDEX_COMMANDS:
            args += ["--chroma-url", server_url]
        code = cli.main(args)
        out, err = capsys.readouterr()
        return code, out, err

    return run_cli


@pytest.fixture
def articles_dir(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_ARTICLE, folder / "seed.txt")
    (folder / "fed.txt").write_text(
        "Fed holds rates steady\n\nThe Federal Reserve held interest rates steady on Wednesday.\n"
    )
    return folder


# --- ingest ----------------------------------------------------------------------


def test_ingest_prints_a_line_per_input_and_totals(run, articles_dir):
    code, out, _err = run("ingest", str(articles_dir), "-Q")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("added") and "articles/fed.txt" in lines[0] and "1 article" in lines[0]
    assert lines[1].startswith("added") and "articles/seed.txt" in lines[1]
    assert lines[-1].startswith("2 inputs: 2 added, 0 updated, 0 unchanged, 0 failed")
    assert (Path("index") / "chroma").is_dir()

    code, out, _ = run("ingest", str(articles_dir), "-Q")
    assert code == 0
    assert out.splitlines()[0].startswith("unchanged")
    assert "2 unchanged" in out


@pytest.mark.both_stores
def test_ingest_exit_code_is_1_when_some_inputs_fail(run, articles_dir, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, out, _ = run("ingest", str(articles_dir / "fed.txt"), str(empty), "nowhere.txt", "-Q")
    assert code == 1
    failed = [line for line in out.splitlines() if line.startswith("failed")]
    assert len(failed) == 2
    assert any("empty.txt" in line and "empty input" in line for line in failed)
    assert any("nowhere.txt" in line and "no such file" in line for line in failed)
    assert "1 added" in out and "2 failed" in out


def test_ingest_exit_code_is_2_when_all_inputs_fail(run):
    code, out, _ = run("ingest", "nowhere.txt", "http://127.0.0.1:9/x", "-Q")
    assert code == 2
    assert "cannot reach the URL" in out
    assert "2 failed" in out


@pytest.mark.both_stores
def test_ingest_json_prints_the_report(run, articles_dir):
    code, out, _ = run("ingest", str(articles_dir), "missing.txt", "--json", "-Q")
    assert code == 1
    report = json.loads(out)
    assert report["totals"] == {"added": 2, "updated": 0, "unchanged": 0, "failed": 1}
    assert {r["status"] for r in report["results"]} == {"added", "failed"}


def test_ingest_of_an_empty_folder_says_so(run, tmp_path):
    (tmp_path / "empty").mkdir()
    code, _out, err = run("ingest", "empty", "-Q")
    assert code == 0
    assert "nothing to ingest" in err


def test_index_flag_and_env_var_choose_the_index(run, articles_dir, monkeypatch, tmp_path):
    run("ingest", str(articles_dir / "fed.txt"), "--index", "flagged", "-Q")
    assert (tmp_path / "flagged" / "chroma").is_dir()
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "from-env"))
    run("ingest", str(articles_dir / "fed.txt"), "-Q")
    assert (tmp_path / "from-env" / "chroma").is_dir()
    assert not (tmp_path / "index").exists()
    code, out, _ = run("list", "--json")
    assert code == 0 and [a["title"] for a in json.loads(out)] == ["Fed holds rates steady"]


# --- list / show / search / remove ------------------------------------------------------


@pytest.fixture
def ingested(run, articles_dir):
    code, _, _ = run("ingest", str(articles_dir), "-Q")
    assert code == 0
    return run


@pytest.mark.both_stores
def test_list_shows_articles(ingested):
    code, out, err = ingested("list")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split() == ["ID", "TITLE", "SOURCE", "PUBLISHED", "SENTS"]
    assert len(rows) == 2
    assert rows[0].split()[1:4] == ["Fed", "holds", "rates"]
    assert rows[0].split()[-1] == "1"
    assert "2 articles" in err


@pytest.mark.both_stores
def test_list_json_and_filter(ingested):
    code, out, _ = ingested("list", "--json")
    articles = json.loads(out)
    assert next(a["title"] for a in articles) == "Fed holds rates steady"
    assert {"article_id", "title", "source", "published", "sentences"} <= set(articles[0])
    code, out, _ = ingested("list", "--json", "--filter", "RUSSIA")
    (seed,) = json.loads(out)
    assert seed["title"].startswith("The foreign ministers of Russia")
    assert seed["sentences"] > 30
    code, out, err = ingested("list", "--filter", "no such thing")
    assert code == 0 and out == "" and "no matching articles" in err


@pytest.mark.both_stores
def test_search_prints_ranked_hits(ingested):
    # The fake embedder is a bag of words: ask with the sentence's own words.
    query = ["special", "envoy", "Tom", "West", "attend", "summit", "State", "Department", "spokesman"]
    code, out, _ = ingested("search", *query, "-k", "2")
    assert code == 0
    assert out.lstrip().startswith("1. [")
    assert " 2. [" in out and " 3. [" not in out
    assert "Tom West" in out
    assert "#30" in out  # the sentence index within its article
    assert "§ Afghanistan on the menu" in out


@pytest.mark.both_stores
def test_search_json_gives_hits_with_exact_offsets(ingested):
    code, out, _ = ingested("search", "special envoy for Afghanistan", "--json", "-k", "3")
    assert code == 0
    hits = json.loads(out)
    assert 0 < len(hits) <= 3
    top = next(h for h in hits if "Tom West" in h["text"])
    assert {"article_id", "title", "sentence_index", "text", "start", "end", "score"} <= set(top)
    _, show_out, _ = ingested("show", top["article_id"], "--json")
    text = json.loads(show_out)["text"]
    assert text[top["start"] : top["end"]] == top["text"]


@pytest.mark.both_stores
def test_search_filters_reach_the_search(ingested):
    code, out, _ = ingested("search", "Tom West", "--source", "nowhere.example", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = ingested("search", "Tom West", "--from", "2030-01-01", "--json")
    assert json.loads(out) == []


def test_search_rejects_a_bad_date(ingested, capsys):
    with pytest.raises(SystemExit) as caught:
        ingested("search", "x", "--from", "30/03/2022")
    assert caught.value.code == 2
    assert "expected a date like" in capsys.readouterr().err


@pytest.mark.both_stores
def test_show_prints_metadata_and_text(ingested):
    _, out, _ = ingested("list", "--json", "--filter", "russia")
    article_id = json.loads(out)[0]["article_id"]
    code, out, _ = ingested("show", article_id[:6])  # a unique prefix is enough
    assert code == 0
    assert f"article id: {article_id}" in out
    assert "Tom West" in out and "Afghanistan on the menu" in out
    code, out, _ = ingested("show", article_id, "--sentences")
    assert "§ Afghanistan on the menu" in out
    assert "  30  According to a State Department spokesman" in out


@pytest.mark.both_stores
def test_remove_deletes_articles(ingested):
    _, out, _ = ingested("list", "--json")
    ids = [a["article_id"] for a in json.loads(out)]
    code, out, _ = ingested("remove", ids[0])
    assert code == 0 and out.startswith(f"removed {ids[0]}")
    _, out, _ = ingested("list", "--json")
    assert [a["article_id"] for a in json.loads(out)] == ids[1:]


@pytest.mark.both_stores
def test_unknown_article_id_is_an_error_and_nothing_is_removed(ingested):
    _, out, _ = ingested("list", "--json")
    ids = [a["article_id"] for a in json.loads(out)]
    code, out, err = ingested("remove", ids[0], "0000000000000000")
    assert code == 2
    assert err.startswith("error: no article with id '0000000000000000'")
    assert "Traceback" not in err
    _, out, _ = ingested("list", "--json")
    assert len(json.loads(out)) == 2
    code, _, err = ingested("show", "nope")
    assert code == 2 and "error: no article with id 'nope'" in err


def test_reading_a_missing_index_is_an_error_and_creates_nothing(run, tmp_path):
    for argv in (["list"], ["search", "anything"], ["show", "abc"], ["remove", "abc"]):
        code, _out, err = run(*argv, "--index", "typo")
        assert code == 2
        assert err.startswith("error: there is no index at 'typo'")
    assert not (tmp_path / "typo").exists()


@pytest.mark.both_stores
def test_search_on_an_empty_index_explains(run, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    run("ingest", "empty.txt", "-Q")  # creates the index, adds nothing
    code, _out, err = run("search", "anything")
    assert code == 0
    assert "index is empty" in err


# --- errors ---------------------------------------------------------------------------


def test_assistant_errors_print_one_line_and_exit_2(run, monkeypatch):
    def broken(args):
        raise AssistantError("The index at x was built with embedding model 'a', not 'b'.")

    monkeypatch.setattr(cli, "open_assistant", broken)
    code, _out, err = run("list")
    assert code == 2
    assert err == "error: The index at x was built with embedding model 'a', not 'b'.\n"


def test_ctrl_c_exits_130_quietly(run, monkeypatch):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "open_assistant", interrupted)
    code, _out, err = run("ingest", "x")
    assert code == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


def test_invalid_settings_from_the_environment_are_reported(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ASSISTANT_CHROMA_URL", "localhost:8000")
    code = cli.main(["list"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: invalid setting (chroma_url:")


def test_bad_chroma_url_flag_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["list", "--chroma-url", "localhost:8000"])
    assert caught.value.code == 2
    assert "http://" in capsys.readouterr().err


def test_only_given_flags_become_overrides(monkeypatch):
    from assistant.settings import Settings

    monkeypatch.delenv("ASSISTANT_INDEX_DIR", raising=False)
    parser = cli.build_parser()
    assert cli.overrides(parser.parse_args(["list"])) == {}
    assert Settings.model_fields["index_dir"].default == Path("index")  # the default index is ./index
    args = parser.parse_args(["search", "q", "--index", "ix", "--chroma-url", "http://h:1", "--embed-model", "m"])
    assert cli.overrides(args) == {"index_dir": "ix", "chroma_url": "http://h:1", "embed_model": "m"}
    assert cli.overrides(parser.parse_args(["ingest", "x", "--quiet"])) == {"progress": False}


# --- demo ---------------------------------------------------------------------------------


def test_demo_answers_given_questions(run):
    code, out, _err = run(
        "demo",
        "--llm",
        "extractive",
        "--seeds",
        str(SEEDS),
        "--question",
        "Which special envoy Tom West will attend the summit?",
        "-k",
        "2",
        "-Q",
    )
    assert code == 0
    assert out.startswith("question> Which special envoy Tom West will attend the summit?\n")
    assert "Tom West, will attend the summit." in " ".join(out.split())  # hits are wrapped
    assert " 3. [" not in out


def test_demo_reads_questions_until_an_empty_line(run):
    stdin = (
        "Which special envoy Tom West will attend the summit?\n"
        "How long is the 76-kilometer border with Afghanistan at high altitude?\n\nnot asked\n"
    )
    code, out, err = run("demo", "--llm", "extractive", "--seeds", str(SEEDS), "-k", "1", stdin=stdin)
    assert code == 0
    assert out.count("question> ") == 2
    assert "Tom West" in out and "76-kilometer" in out
    assert "not asked" not in out
    assert "added" in err  # the seeds were ingested into the index, reported on stderr
    # a second demo finds the seeds already there and stops at end of input
    code, out, err = run("demo", "--llm", "extractive", "--seeds", str(SEEDS), stdin="Who is Tom West?")
    assert code == 0 and "unchanged" in err and "Tom West" in out


def test_demo_without_seed_folder_is_an_error(run):
    code, _out, err = run("demo", "--llm", "extractive", "--question", "x")
    assert code == 2
    assert "no seed folder at 'seeds'" in err


# --- eval -------------------------------------------------------------------------------


def test_eval_help_lists_runner_and_index_options(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["eval", "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "--index" in out and "--embed-model" in out


def test_eval_answers_scores_every_question_and_shows_progress(run, tmp_path):
    questions = tmp_path / "questions.jsonl"
    first_two = (REPO / "eval" / "seed_questions.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    questions.write_text("\n".join(first_two) + "\n", encoding="utf-8")
    code, out, err = run("eval", str(questions), "--answers", "--llm", "extractive", "--corpus", str(SEEDS), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["overall"]["questions"] == 2 and len(data["questions"]) == 2
    assert "Answering" in err  # a model takes ~20 s a question: the user sees it move


def test_eval_without_the_evaluation_module_says_so(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "assistant.evaluate.runner", None)  # import fails
    assert cli.main(["eval", "questions.jsonl"]) == 2
    assert "evaluation is not available" in capsys.readouterr().err


# --- the installed script -------------------------------------------------------------------


def test_help_is_fast_and_light():
    script = VENV_BIN / "assistant"
    assert script.exists(), "install the console script: .venv/bin/pip install -e . --no-deps"
    started = time.perf_counter()
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=30)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0
    for command in ("ingest", "search", "list", "show", "remove", "demo", "eval"):
        assert command in result.stdout
    assert elapsed < 2.0, f"`assistant --help` took {elapsed:.2f} s"

    probe = (
        "import sys; from assistant import cli\n"
        "for argv in (['--help'], ['search', '--help'], ['eval', '--help']):\n"
        "    try: cli.main(argv)\n"
        "    except SystemExit: pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
