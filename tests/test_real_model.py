"""With the real packaged embedding model: answers on the seed article, model mismatch, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import SEEDS

from assistant import cli
from assistant.errors import IndexMismatchError
from assistant.types import IngestStatus

pytestmark = pytest.mark.slow

ENVOY_QUESTION = "Who is Washington's special envoy for Afghanistan?"
OTHER_MODEL = "sentence-transformers/paraphrase-MiniLM-L3-v2"


@pytest.fixture(scope="module")
def real_index(tmp_path_factory) -> Path:
    from assistant.core import Assistant

    index = tmp_path_factory.mktemp("real") / "index"
    report = Assistant(index_dir=index, progress=False).ingest(SEEDS)
    assert [r.status for r in report.results] == [IngestStatus.ADDED]
    return index


def test_envoy_question_finds_tom_west_in_the_top_3(real_index):
    from assistant.core import Assistant

    hits = Assistant(index_dir=real_index, progress=False).search(ENVOY_QUESTION, k=3)
    assert any("Tom West" in hit.text for hit in hits), [hit.text for hit in hits]
    top = next(hit for hit in hits if "Tom West" in hit.text)
    assert top.section == "Afghanistan on the menu"


def test_of_two_times_in_clauses_sharing_as_many_words_the_one_closer_in_meaning_is_read(real_index):
    # "come" is in the one clause, "fundamentalists" in the other: the words alone tie.
    from assistant.core import Assistant
    from assistant.llm import ScriptedLLM

    rewrite = "When did the fundamentalists come to power in Afghanistan?"
    model = ScriptedLLM(rewrite, "NOT FOUND", "NONE")
    assistant = Assistant(index_dir=real_index, backend=model, answer_k=8, answer_mode="compose", progress=False)
    history = [
        {"role": "user", "content": "Which minister recently went to Kabul?"},
        {"role": "assistant", "content": "Wang Yi visited Kabul a week before the meetings."},
    ]
    answer = assistant.ask("And when did the fundamentalists come to power there?", history=history)
    assert answer.answer == "Last August. [1]"


def test_other_embedding_model_is_refused_with_a_clear_message(real_index):
    from assistant.core import Assistant

    with pytest.raises(IndexMismatchError) as caught:
        Assistant(index_dir=real_index, embed_model=OTHER_MODEL).articles()
    message = str(caught.value)
    assert "sentence-transformers/all-MiniLM-L6-v2" in message  # what built the index
    assert OTHER_MODEL in message  # what was asked for
    assert "--embed-model" in message and "rebuild" in message


def test_cli_reports_the_model_mismatch_without_a_traceback(real_index, capsys):
    code = cli.main(["list", "--index", str(real_index), "--embed-model", OTHER_MODEL])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: The index at ") and "Traceback" not in err


def test_cli_end_to_end(tmp_path):
    """`assistant ingest`, `list --json` and `search --json` as a user runs them."""
    script = str(Path(sys.executable).parent / "assistant")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}

    def assistant(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [script, *argv, "--index", str(tmp_path / "index")],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=tmp_path,
            env=env,
        )

    ingest = assistant("ingest", str(SEEDS), "--quiet")
    assert ingest.returncode == 0, ingest.stderr
    assert ingest.stdout.startswith("added")
    assert "1 input: 1 added" in ingest.stdout
    assert "Traceback" not in ingest.stderr

    listed = assistant("list", "--json")
    assert listed.returncode == 0, listed.stderr
    (article,) = json.loads(listed.stdout)
    assert article["title"].startswith("The foreign ministers of Russia and China")
    assert article["sentences"] > 30

    search = assistant("search", ENVOY_QUESTION, "-k", "3", "--json")
    assert search.returncode == 0, search.stderr
    hits = json.loads(search.stdout)
    assert len(hits) == 3
    assert any("Tom West" in hit["text"] for hit in hits)
    assert all(hit["article_id"] == article["article_id"] for hit in hits)
