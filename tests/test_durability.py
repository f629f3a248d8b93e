"""Data safety: a SIGKILL at any moment of an ingest loses nothing and shows no half article.

A real ingest runs in a subprocess (``tests/ingest_child.py``) and is killed at a
random moment of its ingest, again and again on the same index. After each kill
the index must open and answer, and every article it holds must be complete: its
record, every one of its sentence vectors, its lexical (BM25) entries and its
metadata. Leftover sentences of an article whose record never landed may exist
only if the journal names them (the next ingest deletes them). A final ingest of
the same inputs must then end with exactly the articles and sentences of a clean
ingest, with no duplicates.

Cost: ``ASSISTANT_KILL_TEST_KILLS`` kills (default 10) on a small generated corpus
with the fake embedder. ``ASSISTANT_KILL_TEST_CORPUS=../shared/data/bbc_news_2225/bbc``
with ``ASSISTANT_KILL_TEST_KILLS=50 ASSISTANT_KILL_TEST_REAL=1`` is the full check.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import REPO, SEED_ARTICLE, FakeEmbedder

from assistant import Assistant
from assistant.errors import IndexDamagedError
from assistant.store.chroma import REBUILD_FILE, _vector_segments

CHILD = Path(__file__).resolve().parent / "ingest_child.py"
KILLS = int(os.environ.get("ASSISTANT_KILL_TEST_KILLS", "10"))
CORPUS = os.environ.get("ASSISTANT_KILL_TEST_CORPUS")
REAL = os.environ.get("ASSISTANT_KILL_TEST_REAL") == "1"
SEED = int(os.environ.get("ASSISTANT_KILL_TEST_SEED", "20261127"))

WORDS = [
    *("minister", "council", "harbour", "bridge", "election", "budget", "railway", "festival"),
    *("drought", "harvest", "court", "bank", "museum", "treaty", "border", "storm", "factory"),
    *("league", "vaccine", "satellite", "strike", "tariff", "river", "mayor"),
]


def make_corpus(folder: Path, articles: int = 40) -> Path:
    """Plain-text articles of 6-14 sentences, one duplicate file, and a JSON-lines dump of several."""
    rng = random.Random(7)
    folder.mkdir(parents=True)
    for n in range(articles):
        sentences = [
            f"The {rng.choice(WORDS)} of town {n} met the {rng.choice(WORDS)} on day {i} "
            f"about the {rng.choice(WORDS)} and the {rng.choice(WORDS)}."
            for i in range(rng.randint(6, 14))
        ]
        title = f"Report {n} on the {WORDS[n % len(WORDS)]}"
        (folder / f"article-{n:03d}.txt").write_text(title + "\n\n" + " ".join(sentences))
    (folder / "copy-of-article-000.txt").write_bytes((folder / "article-000.txt").read_bytes())
    (folder / "seed.txt").write_bytes(SEED_ARTICLE.read_bytes())
    with (folder / "dump.jsonl").open("w") as dump:
        for n in range(6):
            text = " ".join(f"Dump story {n} says the {w} rose on day {i}." for i, w in enumerate(WORDS[n : n + 8]))
            dump.write(json.dumps({"title": f"Dump story {n}", "text": text}) + "\n")
    return folder


def child(index: Path, folder: Path, *extra: str) -> subprocess.Popen[str]:
    argv = [sys.executable, str(CHILD), str(index), str(folder), *extra]
    if REAL:
        argv.append("--real")
    env = dict(os.environ, PYTHONPATH=str(REPO), HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)


def open_index(index: Path) -> Assistant:
    # chromadb caches one client per path in a process; another process changed the folder.
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    embedder = None if REAL else FakeEmbedder()
    return Assistant(index_dir=index, embedder=embedder, progress=False)


def check_consistent(index: Path, expected: dict[str, int]) -> tuple[int, int, bool]:
    """Every stored article complete, nothing visible that is half there.

    Returns (articles, leftover sentences, whether the vectors had to be rebuilt):
    a kill while Chroma persisted its vector files can leave them unreadable, and
    the first read then rebuilds them from the article records (the store's
    ``heal``). (-1, -1, True): it could not, and said so with a clear IndexDamagedError.
    """
    assistant = open_index(index)
    store = assistant.store
    healed = bool(store.damaged())
    try:
        articles = {a.id: a for a in assistant.articles()}
    except IndexDamagedError as exc:
        assert "run the ingest again" in str(exc)
        store.close()
        return -1, -1, True
    assert set(articles) <= set(expected), "an article the inputs do not contain"
    stored_sentences = store.sentence_ids()
    assert len(stored_sentences) == len(set(stored_sentences)), "duplicate sentence records"
    by_article: dict[str, set[str]] = {}
    for sid in stored_sentences:
        by_article.setdefault(sid.rpartition(":")[0], set()).add(sid)
    for aid, article in articles.items():
        wanted = {s.id for s in article.sentences}
        assert len(article.spans) == expected[aid], f"{aid}: {len(article.spans)} spans, expected {expected[aid]}"
        assert by_article.get(aid, set()) == wanted, f"{aid}: sentence vectors missing or extra"
        assert article.inputs, f"{aid}: no inputs recorded"
        assert article.title and article.text
    assert len(store.sentence_vectors(sorted(s for a in articles for s in by_article[a]))) == sum(
        len(a.spans) for a in articles.values()
    )
    lexical = assistant.lexical()
    assert lexical.sentence_ids() == {s.id for a in articles.values() for s in a.sentences}
    leftovers = set(by_article) - set(articles)
    assert leftovers <= set(store._pending()), "sentences of a missing article that the journal does not name"
    if articles:
        hits = assistant.search("minister election budget", k=5)
        assert hits and all(h.article_id in articles for h in hits)
    store.close()
    return len(articles), sum(len(by_article[a]) for a in leftovers), healed


def clean_ingest(index: Path, folder: Path, *extra: str) -> tuple[dict[str, int], float]:
    process = child(index, folder, *extra)
    out, err = process.communicate(timeout=1800)
    assert process.returncode == 0, err
    seconds = float(out.split("done ")[1])
    assistant = open_index(index)
    articles = {a.id: len(a.spans) for a in assistant.articles()}
    assistant.store.close()
    return articles, seconds


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return Path(CORPUS) if CORPUS else make_corpus(tmp_path / "corpus")


def finish(index: Path, corpus: Path, expected: dict[str, int]) -> None:
    """The same ingest again, uninterrupted: exactly the clean ingest's articles and sentences."""
    process = child(index, corpus)
    _, err = process.communicate(timeout=1800)
    assert process.returncode == 0, err
    check_consistent(index, expected)
    final = open_index(index)
    assert {a.id: len(a.spans) for a in final.articles()} == expected
    assert final.store.count() == (len(expected), sum(expected.values())), "duplicates or leftovers"
    assert final.store._pending() == []
    final.store.close()


def test_sigkill_at_random_moments_leaves_whole_articles_and_a_final_ingest_completes(tmp_path, corpus):
    chunk = "2000" if CORPUS else "40"  # many small write batches: many moments to be killed in
    expected, seconds = clean_ingest(tmp_path / "reference", corpus, "--chunk", chunk)
    assert expected
    rng = random.Random(SEED)
    rounds, index, seen = 0, tmp_path / "index-0", []
    for _ in range(KILLS):
        process = child(index, corpus, "--chunk", chunk)
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, seconds))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        articles, leftovers, healed = check_consistent(index, expected)
        seen.append((articles, leftovers, healed))
        rebuilt = " (vectors rebuilt on opening)" if healed else ""
        print(f"kill {len(seen)}: {articles} articles, {leftovers} leftover sentences{rebuilt}", flush=True)
        if articles == len(expected):  # nothing left to interrupt: finish, then start again
            finish(index, corpus, expected)
            rounds += 1
            index = tmp_path / f"index-{rounds}"
    finish(index, corpus, expected)
    healed = sum(1 for *_, rebuilt in seen if rebuilt)
    print(f"\n{KILLS} kills; {healed} left Chroma's vector files unreadable, rebuilt when the index was opened;")
    print(f"(articles, leftover sentences, rebuilt) after each: {seen}")


def test_a_damaged_index_heals_on_first_read_or_says_what_to_do_while_another_process_has_it(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", articles=8)
    index = tmp_path / "index"
    expected, _ = clean_ingest(index, corpus)
    assistant = open_index(index)
    assistant.store.reset_sentences()  # as a repair killed right after it began
    assistant.store.close()

    reader = subprocess.Popen(  # another process reads the index (its shared lock): no repair now
        [
            sys.executable,
            "-c",
            f"import fcntl, os, time; fd = os.open({str(index / 'news.lock')!r}, os.O_RDWR); "
            "fcntl.flock(fd, fcntl.LOCK_SH); print('ready', flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout is not None and reader.stdout.readline().strip() == "ready"
    try:
        with pytest.raises(IndexDamagedError, match=r"busy.*run the ingest again"):
            Assistant(index_dir=index, embedder=FakeEmbedder(), progress=False, write_wait=0.5).articles()
    finally:
        reader.kill()
        reader.communicate(timeout=60)
    check_consistent(index, expected)  # alone with the index: the first read rebuilds the vectors
    finish(index, corpus, expected)


def test_vector_files_torn_by_a_kill_do_not_crash_the_next_reader_which_rebuilds_them(tmp_path):
    """A kill while Chroma rewrote its HNSW files once left a 2.6 TB sparse link_lists.bin: loading it segfaults."""
    corpus = make_corpus(tmp_path / "corpus", articles=150)  # enough sentences for Chroma to persist its graph
    index = tmp_path / "index"
    expected, _ = clean_ingest(index, corpus)
    (links,) = [p for p in (index / "chroma").glob("*/link_lists.bin") if p.stat().st_size > 1000]
    with links.open("r+b") as torn:
        torn.truncate(2_650_494_867_008)
    probe = subprocess.run(  # in a child: if the check missed it, the crash must not take the test run down
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {str(REPO / 'tests')!r}); "
            "from test_durability import open_index; from pathlib import Path; "
            f"print(len(open_index(Path({str(index)!r})).articles()))",
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        timeout=300,
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    assert int(probe.stdout) == len(expected)
    assert not links.exists(), "the torn files are left behind"
    check_consistent(index, expected)
    finish(index, corpus, expected)


def test_torn_article_vectors_are_rebuilt_from_the_article_records_even_when_the_rebuild_is_killed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(1100):  # enough articles for Chroma to persist the articles' graph
        (corpus / f"brief-{n:04d}.txt").write_text(f"Brief {n}\n\nThe {WORDS[n % len(WORDS)]} met on day {n}.")
    index = tmp_path / "index"
    expected, _ = clean_ingest(index, corpus)
    store = open_index(index).store
    segment = _vector_segments(index / "chroma", store._articles.id)[0]
    store.close()
    with (index / "chroma" / segment / "link_lists.bin").open("r+b") as torn:
        torn.truncate(10**12)
    rebuild = child(index, corpus)  # killed once it has copied the records and dropped the collections
    assert rebuild.stdout is not None and rebuild.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 120
    while not (index / REBUILD_FILE).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    rebuild.send_signal(signal.SIGKILL)
    rebuild.communicate(timeout=60)
    assert (index / REBUILD_FILE).exists(), "the rebuild ended before the kill: nothing was tested"
    check_consistent(index, expected)  # the first read finishes the rebuild from the copied records
    assert not (index / REBUILD_FILE).exists()
    assert not (index / "chroma" / segment).exists()
    finish(index, corpus, expected)


def test_two_writers_take_turns_and_lose_nothing(tmp_path):
    first = make_corpus(tmp_path / "first", articles=20)
    second = tmp_path / "second"
    second.mkdir()
    for n in range(15):
        (second / f"other-{n}.txt").write_text(f"Other story {n}\n\nThe {WORDS[n]} council met on day {n}. " * 3)
    index = tmp_path / "index"
    writers = [child(index, first, "--wait", "300", "--chunk", "30"), child(index, second, "--wait", "300")]
    for writer in writers:
        _, err = writer.communicate(timeout=600)
        assert writer.returncode == 0, err
    together, _ = clean_ingest(tmp_path / "reference", first)
    alone, _ = clean_ingest(tmp_path / "reference-2", second)
    assistant = open_index(index)
    assert {a.id: len(a.spans) for a in assistant.articles()} == {**together, **alone}
    assert assistant.store.count()[1] == sum(together.values()) + sum(alone.values())
    # Every sentence is reachable by vector search, i.e. neither writer's vectors were lost.
    vectors = assistant.store.sentence_vectors(assistant.store.sentence_ids())
    for sid, vector in list(vectors.items())[:: max(1, len(vectors) // 25)]:
        assert sid in {found for found, _ in assistant.store.query_sentences(vector, 3)}
    assistant.store.close()


def test_an_ingest_while_another_process_reads_the_index_is_told_it_is_busy(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", articles=10)
    index = tmp_path / "index"
    reader = open_index(index)
    assert reader.store.count() == (0, 0)  # this process now reads the index
    busy = child(index, corpus, "--wait", "0")
    _, err = busy.communicate(timeout=300)
    assert busy.returncode == 3
    assert "index is busy" in err and "has it open" in err
    reader.store.close()
    ingest = child(index, corpus, "--wait", "0")
    _, err = ingest.communicate(timeout=300)
    assert ingest.returncode == 0, err
    check_consistent(index, clean_ingest(tmp_path / "reference", corpus)[0])


def test_a_reader_that_starts_during_an_ingest_is_told_the_index_is_busy(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", articles=5)
    index = tmp_path / "index"
    writer = open_index(index)
    with writer.store.writing():  # this process is the writer
        reader = child(index, corpus, "--wait", "0", "--read")
        _, err = reader.communicate(timeout=300)
    assert reader.returncode == 3
    assert "index is busy" in err and "another process is writing" in err
    reader = child(index, corpus, "--wait", "0", "--read")
    out, err = reader.communicate(timeout=300)
    assert reader.returncode == 0, err
    assert "articles 0" in out


def test_processes_that_open_a_new_index_at_the_same_moment_all_open_it(tmp_path):
    """Two ingests started together on a new folder: Chroma's first open must not race.

    Without the guard, 4 processes released at one instant failed with "table
    collections already exists" in 5 of 8 rounds.
    """
    opener = (
        "import sys, time\nfrom pathlib import Path\nfrom assistant.store.chroma import ChromaStore\n"
        "start = float(sys.argv[2])\ntime.sleep(max(0.0, start - time.time() - 0.01))\n"
        "while time.time() < start:\n    pass\n"  # released together, imports done
        "ChromaStore(path=Path(sys.argv[1]), model_name='fake')"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for round_ in range(4):
        index, start = tmp_path / f"index-{round_}", time.time() + 6
        argv = [sys.executable, "-c", opener, str(index), str(start)]
        openers = [subprocess.Popen(argv, stderr=subprocess.PIPE, text=True, env=env) for _ in range(4)]
        for process in openers:
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
