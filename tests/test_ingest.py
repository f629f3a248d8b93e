"""Ingestion through the Assistant (fake embedder): incremental, deduplicated, exact, forgiving."""

from __future__ import annotations

import json
import shutil

import pytest
from support import HTML_PAGE, SEED_ARTICLE, FakeEmbedder, assert_exact_offsets

from assistant.errors import IndexMismatchError, NotFoundError
from assistant.types import IngestStatus

pytestmark = pytest.mark.both_stores  # every test also runs on a real Chroma server (conftest)

FED = (
    "Fed holds rates steady\n\n"
    "The Federal Reserve held interest rates steady on Wednesday.\n"
    "Chair Jerome Powell said the labor market remained strong.\n"
    "Markets rose after the announcement.\n"
)
WHEAT = (
    "Wheat prices jump\n\n"
    "Wheat prices rose five percent on Monday after the war disrupted Black Sea exports.\n"
    "Traders said the rally could last for weeks.\n"
)


@pytest.fixture
def corpus(tmp_path):
    """A small folder of articles in several formats, including the real seed."""
    folder = tmp_path / "corpus"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(SEED_ARTICLE, folder / "seed.txt")
    (folder / "fed.txt").write_text(FED, encoding="utf-8")
    (folder / "nested" / "wheat.md").write_text(
        "---\ntitle: Wheat prices jump\nsource: Example Wire\npublished: 2022-03-07\n---\n" + WHEAT.split("\n\n", 1)[1],
        encoding="utf-8",
    )
    (folder / "README.TXT").write_text("Consists of 5 documents from an example wire.\nCite us.\n", encoding="utf-8")
    (folder / "nested" / "dump.jsonl").write_text(
        json.dumps({"title": "Oil falls", "text": "Oil prices fell on Tuesday as demand weakened."})
        + "\n"
        + json.dumps({"headline": "Gold rises", "body": "Gold rose to a record high on Friday."})
        + "\n",
        encoding="utf-8",
    )
    (folder / ".hidden.txt").write_text("A hidden file is never ingested.")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not a supported type")
    return folder


def sentence_count(assistant) -> int:
    return assistant.store.count()[1]


def test_folder_is_ingested_recursively(assistant, corpus):
    report = assistant.ingest(corpus)
    assert [r.status for r in report.results] == [IngestStatus.ADDED] * 4
    assert report.failed == ()
    titles = [a.title for a in assistant.articles()]  # sorted by title
    assert titles[:3] == ["Fed holds rates steady", "Gold rises", "Oil falls"]
    assert titles[3].startswith("The foreign ministers of Russia and China")
    assert titles[4:] == ["Wheat prices jump"]
    assert not any(r.input.endswith(("hidden.txt", ".docx", "README.TXT")) for r in report.results)
    assert sentence_count(assistant) == sum(len(a.spans) for a in assistant.articles())


def test_ingesting_a_folder_twice_changes_nothing(assistant, corpus, fake_embedder):
    assistant.ingest(corpus)
    articles_before = {a.id for a in assistant.articles()}
    sentences_before = sentence_count(assistant)
    embedded_before = fake_embedder.calls

    report = assistant.ingest(corpus)
    assert {r.status for r in report.results} == {IngestStatus.UNCHANGED}
    assert sum(r.sentences_added for r in report.results) == 0
    assert fake_embedder.calls == embedded_before, "unchanged inputs were embedded again"
    assert {a.id for a in assistant.articles()} == articles_before
    assert sentence_count(assistant) == sentences_before


def test_changed_file_replaces_its_old_article(assistant, tmp_path):
    path = tmp_path / "fed.txt"
    path.write_text(FED, encoding="utf-8")
    assistant.ingest(path)
    (old,) = assistant.articles()

    path.write_text(FED.replace("Markets rose", "Stocks fell"), encoding="utf-8")
    (result,) = assistant.ingest(path).results
    assert result.status is IngestStatus.UPDATED
    (new,) = assistant.articles()
    assert new.id != old.id
    assert "Stocks fell" in new.text
    with pytest.raises(NotFoundError):
        assistant.article(old.id)
    assert sentence_count(assistant) == len(new.spans), "the old article's sentences are still stored"
    hits = assistant.search("Markets rose after the announcement", k=10)
    assert old.id not in {h.article_id for h in hits}


def test_one_file_reached_through_two_paths_is_stored_once(assistant, tmp_path):
    story = tmp_path / "news" / "fed.txt"
    story.parent.mkdir()
    story.write_text(FED, encoding="utf-8")
    (tmp_path / "link").symlink_to(story.parent)
    report = assistant.ingest([story, tmp_path / "link" / "fed.txt", tmp_path / "news" / ".." / "news"])
    assert report.failed == ()
    (article,) = assistant.articles()
    assert set(article.inputs) == {str(story.resolve())}
    assert sentence_count(assistant) == len(article.spans)


def test_one_page_under_two_urls_is_stored_once(assistant):
    page = {"title": "Fed holds rates steady", "text": FED.split("\n", 1)[1]}
    assistant.ingest(
        [
            {**page, "url": "https://news.example.org/fed/?utm_source=feed#top"},
            {**page, "url": "https://NEWS.example.org/fed"},
        ]
    )
    (article,) = assistant.articles()
    assert article.url is not None


def test_a_story_filed_twice_is_two_articles_and_shows_once_in_search(assistant, tmp_path):
    first, second = tmp_path / "a" / "fed.txt", tmp_path / "b" / "copy-of-fed.txt"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text(FED, encoding="utf-8")
    assistant.ingest([first, second, tmp_path / "a"])
    articles = assistant.articles()
    assert sorted(inp for a in articles for inp in a.inputs) == sorted([str(first.resolve()), str(second.resolve())])
    hits = assistant.search("What did the Federal Reserve do with rates?", k=10)
    texts = [h.text for h in hits]
    assert len(texts) == len(set(texts)) == len(articles[0].spans)

    # changing one copy leaves the other as it was
    second.write_text(WHEAT, encoding="utf-8")
    assistant.ingest(second)
    assert sorted(a.title for a in assistant.articles()) == ["Fed holds rates steady", "Wheat prices jump"]


def test_remove_deletes_the_article_and_its_sentences(assistant, corpus):
    assistant.ingest(corpus)
    question = "Who is Washington's special envoy for Afghanistan?"
    seed_id = next(a.id for a in assistant.articles() if "Tom West" in a.text)
    assert seed_id in {h.article_id for h in assistant.search(question)}
    sentences_before = sentence_count(assistant)
    seed_sentences = len(assistant.article(seed_id).spans)

    assistant.remove(seed_id)
    assert seed_id not in {a.id for a in assistant.articles()}
    assert sentence_count(assistant) == sentences_before - seed_sentences
    hits = assistant.search(question)
    assert seed_id not in {h.article_id for h in hits}
    assert not any("Tom West" in h.text for h in hits)
    with pytest.raises(NotFoundError, match="assistant list"):
        assistant.remove(seed_id)


def test_removed_article_comes_back_when_ingested_again(assistant, tmp_path):
    path = tmp_path / "fed.txt"
    path.write_text(FED, encoding="utf-8")
    assistant.ingest(path)
    (article,) = assistant.articles()
    assistant.remove(article.id)
    (result,) = assistant.ingest(path).results
    assert result.status is IngestStatus.ADDED
    assert [a.id for a in assistant.articles()] == [article.id]


def test_bad_inputs_fail_one_by_one_and_good_ones_land(assistant, tmp_path):
    good = tmp_path / "fed.txt"
    good.write_text(FED, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    missing = tmp_path / "missing.txt"
    url = "http://127.0.0.1:9/x"

    report = assistant.ingest([empty, binary, good, missing, url])
    by_input = {r.input: r for r in report.results}
    assert by_input[str(good.resolve())].status is IngestStatus.ADDED
    expected = {
        str(empty.resolve()): "empty",
        str(binary.resolve()): "binary",
        str(missing.resolve()): "no such file",
        url: "cannot reach",
    }
    for key, reason in expected.items():
        result = by_input[key]
        assert result.status is IngestStatus.FAILED
        assert result.reason and reason in result.reason
    assert report.count(IngestStatus.FAILED) == 4
    assert [a.title for a in assistant.articles()] == ["Fed holds rates steady"]


def test_huge_file_is_refused(make_assistant, tmp_path):
    assistant = make_assistant(max_file_mb=0.001)
    path = tmp_path / "big.txt"
    path.write_text("The news is long today. " * 100)
    (result,) = assistant.ingest(path).results
    assert result.status is IngestStatus.FAILED
    assert "too large" in (result.reason or "")


def test_file_with_only_headings_and_boilerplate_is_refused(assistant, tmp_path):
    path = tmp_path / "nothing.txt"
    path.write_text("Breaking news\nFollow us on Twitter\nAll rights reserved\n")
    (result,) = assistant.ingest(path).results
    assert result.status is IngestStatus.FAILED
    assert assistant.articles() == []


def test_records_can_be_ingested_from_memory(assistant):
    report = assistant.ingest(
        [
            {
                "title": "Oil falls",
                "text": "Oil prices fell on Tuesday as demand weakened.",
                "source": "Wire",
            },
            {"title": "Empty", "text": ""},
        ]
    )
    assert [r.status for r in report.results] == [IngestStatus.ADDED, IngestStatus.FAILED]
    (article,) = assistant.articles()
    assert article.source == "Wire"


def test_every_stored_sentence_slices_its_article_exactly(assistant, corpus):
    assistant.ingest(corpus)
    articles = assistant.articles()
    assert len(articles) == 5
    for article in articles:
        assert_exact_offsets(article)


@pytest.mark.parametrize(
    "question",
    [
        "Who is Washington's special envoy for Afghanistan?",
        "How long is China's border with Afghanistan?",
        "What did the Federal Reserve do with interest rates?",
        "wheat Black Sea exports",
    ],
)
def test_search_hits_have_exact_offsets(assistant, corpus, question):
    assistant.ingest(corpus)
    hits = assistant.search(question, k=5)
    assert 0 < len(hits) <= 5
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for hit in hits:
        article = assistant.article(hit.article_id)
        assert article.text[hit.start : hit.end] == hit.text
        sentence = article.sentence(hit.sentence_index)
        assert (sentence.start, sentence.end, sentence.text) == (hit.start, hit.end, hit.text)
        assert hit.title == article.title
        assert hit.section == sentence.section


def test_search_finds_the_evidence_lexically(assistant, corpus):
    assistant.ingest(corpus)
    hits = assistant.search("Tom West special envoy", k=3)
    assert any("Tom West" in h.text for h in hits)


def test_search_filters_by_source_and_date(assistant):
    assistant.ingest(
        [
            {
                "title": "A",
                "text": "Wheat prices rose sharply.",
                "source": "alpha",
                "published": "2022-03-01",
            },
            {"title": "B", "text": "Wheat prices fell sharply.", "source": "beta", "published": "2022-04-01"},
        ]
    )
    assert {h.title for h in assistant.search("wheat prices", sources=["beta"])} == {"B"}
    assert {h.title for h in assistant.search("wheat prices", date_from="2022-03-15")} == {"B"}
    assert {h.title for h in assistant.search("wheat prices", date_to="2022-03-15")} == {"A"}
    assert assistant.search("wheat prices", sources=["gamma"]) == []


def test_blank_question_returns_nothing(assistant, corpus):
    assistant.ingest(corpus)
    assert assistant.search("   ") == []


def test_empty_index_search_returns_nothing(assistant):
    assert assistant.search("anything at all?") == []


def test_index_reopens_with_its_articles(make_assistant, corpus):
    make_assistant().ingest(corpus)
    reopened = make_assistant()
    assert len(reopened.articles()) == 5
    assert reopened.search("Tom West", k=1)


def test_other_embedding_model_is_refused_on_an_existing_index(make_assistant, corpus):
    make_assistant().ingest(corpus)
    other = make_assistant(embedder=FakeEmbedder(name="another-model"))
    with pytest.raises(IndexMismatchError) as caught:
        other.articles()
    message = str(caught.value)
    assert "test-fake-hash-64" in message and "another-model" in message
    assert "--embed-model" in message


def test_changed_dump_keeps_unchanged_records_and_drops_missing_ones(assistant, tmp_path):
    path = tmp_path / "dump.jsonl"
    oil = {"title": "Oil falls", "text": "Oil prices fell on Tuesday as demand weakened."}
    gold = {"title": "Gold rises", "text": "Gold rose to a record high on Friday."}
    wheat = {"title": "Wheat jumps", "text": "Wheat prices jumped after exports stalled."}
    path.write_text("\n".join(json.dumps(r) for r in (oil, gold)), encoding="utf-8")
    assistant.ingest(path)
    kept = {a.title: a.id for a in assistant.articles()}["Oil falls"]

    path.write_text("\n".join(json.dumps(r) for r in (oil, wheat)), encoding="utf-8")
    (result,) = assistant.ingest(path).results
    assert result.status is IngestStatus.UPDATED
    assert {a.title: a.id for a in assistant.articles()} == {
        "Oil falls": kept,
        "Wheat jumps": next(iter(set(result.articles) - {kept})),
    }


@pytest.fixture
def web_server():
    """A local HTTP server with one article page and a 404; yields its base URL."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/news/fed.html":
                body = HTML_PAGE.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_error(404)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_is_fetched_and_ingested(assistant, web_server):
    url = f"{web_server}/news/fed.html"
    report = assistant.ingest([url, f"{web_server}/gone.html"])
    ok, gone = report.results
    assert ok.status is IngestStatus.ADDED and ok.input == url
    assert gone.status is IngestStatus.FAILED and "404" in (gone.reason or "")
    (article,) = assistant.articles()
    assert article.title == "Fed holds rates steady, signals hikes later this year"
    assert article.url == url
    assert_exact_offsets(article)
    (again,) = assistant.ingest(url).results
    assert again.status is IngestStatus.UNCHANGED


@pytest.mark.local_store_only  # deletes the index folder
def test_rebuilding_a_deleted_index_in_the_same_process_writes_it_again(make_assistant, tmp_path):
    path = tmp_path / "fed.txt"
    path.write_text(FED, encoding="utf-8")
    make_assistant().ingest(path)
    shutil.rmtree(tmp_path / "index")

    (result,) = make_assistant().ingest(path).results
    assert result.status is IngestStatus.ADDED
    assert (tmp_path / "index" / "chroma").is_dir()
