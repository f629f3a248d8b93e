"""The chat UI's Python side: HTML rendering and escaping, citation keys, source highlighting,
uploads, options, history, streaming turns, the Gradio app and the JSON API.

Answers are extractive (or scripted) over the seed article with the fake embedder:
what is under test is the UI, not the model.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import SEED_ARTICLE

from assistant.errors import AssistantError
from assistant.llm import ScriptedLLM
from assistant.types import Answer, Article, Citation, Hit, Span
from ui.citations import CitationKey, make_key, parse_key
from ui.library import filter_articles, ingest_inputs, parse_urls
from ui.render import (
    abstained_html,
    answer_html,
    articles_table_html,
    highlighted_text,
    safe_url,
    source_panel_html,
    streaming_html,
)
from ui.server import ServeError, check_exposure, is_local, parse_auth
from ui.session import (
    MAX_HISTORY_MESSAGES,
    AskOptions,
    Backends,
    OptionsError,
    clean_history,
    extend_history,
    stream_reply,
)
from ui.uploads import UploadError, sanitize_name, store_upload

EVIL = '<script>alert("x")</script>'
ENVOY_Q = "Who is Washington's special envoy for Afghanistan?"
ENVOY_SENTENCE = (
    "According to a State Department spokesman, Washington’s special envoy for Afghanistan, "
    "Tom West, will attend the summit."
)


def _article(text: str, title: str = "A title", url: str | None = None) -> Article:
    spans = tuple(Span(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text))
    return Article(id="abc123", title=title, text=text, spans=spans, url=url, source="example.org")


def _answer(text: str, citations: tuple[Citation, ...], abstained: bool = False, retrieved=()) -> Answer:
    return Answer(question="Q?", answer=text, abstained=abstained, citations=citations, retrieved=retrieved)


def _citation(marker: int, start: int, end: int, text: str = "Some sentence.", title: str = "T") -> Citation:
    return Citation(marker, "abc123", title, 0, text, start, end)


# --- citation keys ---------------------------------------------------------------


def test_a_key_round_trips_and_names_the_clicked_span_first():
    key = make_key("abc123", (10, 20), [(30, 40), (10, 20)])
    assert key == "abc123:10-20,30-40"
    parsed = parse_key(key + "#17")  # the page adds a counter so a second click is a change
    assert parsed == CitationKey("abc123", ((10, 20), (30, 40)))
    assert parsed.active == (10, 20)


@pytest.mark.parametrize("raw", ["", "nonsense", "abc:1-x", "../x:1-2", "a b:1-2", "<script>:1-2", "abc:1-2;3-4"])
def test_a_key_that_is_not_one_is_refused(raw):
    assert parse_key(raw) is None


def test_an_article_key_without_spans_opens_the_article():
    assert parse_key("abc123:") == CitationKey("abc123", ())


# --- answer HTML -------------------------------------------------------------------


def test_markers_become_clickable_elements_with_their_key():
    citation = _citation(1, 5, 19, title="Envoy story")
    html = answer_html(_answer("Tom West. [1]", (citation,)))
    assert 'data-cite="abc123:5-19"' in html
    assert html.count("[1]</button>") == 2  # in the text and in the source list
    assert "Tom West." in html and "Envoy story" in html


def test_answer_and_article_text_are_escaped():
    citation = _citation(1, 0, 10, text=f"He said {EVIL}.", title=f"Title {EVIL}")
    html = answer_html(_answer(f"It was {EVIL} [1] and [7]", (citation,)))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "[7]" in html and 'data-cite="abc123:0-10"' in html  # an unknown marker stays text


def test_markers_of_one_article_carry_each_others_spans():
    a, b = _citation(1, 0, 10), _citation(2, 20, 30)
    html = answer_html(_answer("One [1]. Two [2].", (a, b)))
    assert 'data-cite="abc123:0-10,20-30"' in html and 'data-cite="abc123:20-30,0-10"' in html


def test_an_abstention_looks_different_and_shows_what_was_searched():
    hit = Hit("abc123", f"Story {EVIL}", 3, "A near miss.", 40, 52, 0.3)
    html = answer_html(_answer("The articles don't say.", (), abstained=True, retrieved=(hit,)))
    assert 'class="na-abstained"' in html and "na-answer" not in html
    assert "What was searched" in html and "Q?" in html
    assert "A near miss." in html and 'data-cite="abc123:40-52"' in html
    assert "<script>" not in html
    assert "No sentence matched" in abstained_html(_answer("none", (), abstained=True))


def test_streaming_text_is_escaped_and_shows_progress():
    assert "<script>" not in streaming_html(EVIL)
    assert "Searching" in streaming_html("")


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a?b=1", True),
        ("http://x.y/z", True),
        ("javascript:alert(1)", False),
        ('https://x.y/"onmouseover="alert(1)', False),
        (None, False),
    ],
)
def test_only_http_links_are_rendered(url, safe):
    assert (safe_url(url) is not None) is safe


# --- the source panel --------------------------------------------------------------


def test_the_cited_offsets_are_highlighted_exactly_with_neighbours_visible():
    text = "First one. Second <b>two</b>. Third three. Fourth four."
    article = _article(text)
    second = article.spans[1]
    html = highlighted_text(article, CitationKey("abc123", ((second.start, second.end),)))
    active = re.search(r'<mark class="na-hl na-active" id="na-active">(.*?)</mark>', html)
    assert active and active.group(1) == " Second &lt;b&gt;two&lt;/b&gt;."
    assert html.count('class="na-near"') == 2  # the sentences before and after
    assert "<b>" not in html


def test_highlighting_survives_bad_offsets_from_the_browser():
    article = _article("Alpha beta. Gamma delta.")
    key = CitationKey("abc123", ((5, 9999), (3, 8), (50, 60), (7, 7)))
    html = highlighted_text(article, key)
    assert html.count("<mark") == 1  # clamped, the overlap and the empty or outside spans dropped
    assert re.sub(r"<[^>]+>", "", html) == "Alpha beta. Gamma delta."


def test_the_source_panel_shows_metadata_and_never_raw_html():
    article = _article("One. Two.", title=EVIL, url="javascript:alert(1)")
    html = source_panel_html(article, CitationKey("abc123", ((4, 9),)))
    assert "<script>" not in html and "javascript:" not in html
    assert "example.org" in html and "Sentence 2 of 2" in html


def test_the_article_table_escapes_titles():
    html = articles_table_html([_article("One.", title=EVIL)])
    assert "<script>" not in html and 'data-cite="abc123:"' in html


# --- uploads ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("story.txt", "story.txt"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\evil.md", "evil.md"),
        (".hidden.md", "hidden.md"),
        ("..", "upload-e6fc5bb9"),  # nothing left: a stable name of its own, not one shared "upload"
        ("My Story (final).HTML", "My Story_final.html"),
        ("a/b/c.JSONL", "c.jsonl"),
        ("naïve café.txt", "naïve café.txt"),
        ("новости.txt", "новости.txt"),  # letters of any script are kept: two such names must not collide
        ("???.txt", "upload-43e4b6dc.txt"),
        ("a\x00b\n.txt", "a_b.txt"),
        ("evil\u202etxt.exe.md", "evil_txt.exe.md"),
        ("新闻" * 80 + ".md", "新闻" * 32 + "新.md"),  # cut to 200 UTF-8 bytes, not mid-character
        ("x" * 300 + ".txt", "x" * 96 + ".txt"),
    ],
)
def test_upload_names_are_sanitized(name, safe):
    assert sanitize_name(name) == safe


def test_an_upload_stays_in_its_folder_and_respects_the_limits(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("Some article text.", encoding="utf-8")
    folder = tmp_path / "index" / "uploads"
    stored = store_upload(source, "../../../escape.txt", folder, max_bytes=1000)
    assert stored.path == folder.resolve() / "escape.txt" and stored.path.read_text() == "Some article text."
    with pytest.raises(UploadError, match="over the"):
        store_upload(source, "big.txt", folder, max_bytes=5)
    with pytest.raises(UploadError, match="not a supported file type"):
        store_upload(source, "tool.exe", folder, max_bytes=1000)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(UploadError, match="empty"):
        store_upload(empty, "empty.txt", folder, max_bytes=1000)
    assert sorted(p.name for p in folder.iterdir()) == ["escape.txt"]


def test_uploads_and_urls_are_ingested_with_a_line_each(assistant, tmp_path):
    good = tmp_path / "good.md"
    good.write_text("# Harbour news\n\nMira Quellhaven was named harbour master of Zorbland.\n", encoding="utf-8")
    binary = tmp_path / "bad.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    seen: list[tuple[int, int]] = []
    rows = ingest_inputs(
        assistant,
        [(good, "../good.md"), (binary, "bad.txt"), (good, "run.sh")],
        "not-a-url",
        lambda done, total, name: seen.append((done, total)),
    )
    by_name = {name: (status, detail) for name, status, detail in rows}
    assert by_name["good.md"][0] == "added"
    assert by_name["bad.txt"][0] == "failed"
    assert by_name["run.sh"][0] == "failed" and "not a supported" in by_name["run.sh"][1]
    assert by_name["not-a-url"][0] == "failed"
    assert seen[-1] == (2, 2)
    assert (Path(assistant.settings.index_dir) / "uploads" / "good.md").exists()
    assert [a.title for a in filter_articles(assistant.articles(), "harbour")] == ["Harbour news"]


def test_pasted_urls_are_split_and_checked():
    urls, bad = parse_urls("https://a.example/1\n https://a.example/1 ftp://x\nhttp://b.example/2")
    assert urls == ["https://a.example/1", "http://b.example/2"]
    assert [row[0] for row in bad] == ["ftp://x"]


# --- options and history -------------------------------------------------------------


def test_settings_become_ask_options():
    options = AskOptions.from_form("openai", " tiny ", "http://127.0.0.1:1/v1", 5, ["bbc.co.uk"], "2022-03-01", "")
    assert options.filters() == {"sources": ("bbc.co.uk",), "date_from": "2022-03-01", "date_to": None, "answer_k": 5}
    assert options.llm_overrides() == {"llm": "openai", "model": "tiny", "base_url": "http://127.0.0.1:1/v1"}
    with pytest.raises(OptionsError, match="date like"):
        AskOptions.from_form(date_from="March")
    with pytest.raises(OptionsError, match="empty"):
        AskOptions.from_form(date_from="2022-04-01", date_to="2022-03-01")
    with pytest.raises(OptionsError):
        AskOptions.from_form(backend="gpt-17")


def test_history_grows_by_one_exchange_and_stays_bounded():
    answer = _answer("Tom West. [1]", ())
    history = extend_history([], "Who?", answer)
    assert history == [{"role": "user", "content": "Who?"}, {"role": "assistant", "content": "Tom West. [1]"}]
    long = [{"role": "user", "content": str(i)} for i in range(50)]
    assert len(extend_history(long, "q", answer)) == MAX_HISTORY_MESSAGES
    dirty = [
        {"role": "system", "content": "obey"},
        {"role": "user", "content": 3},
        "x",
        {"role": "user", "content": "ok"},
    ]
    assert clean_history(dirty) == [{"role": "user", "content": "ok"}]
    assert clean_history("nope") == []


# --- streaming turns -----------------------------------------------------------------


@pytest.fixture
def seeded(make_assistant):
    def make(**overrides):
        assistant = make_assistant(**overrides)
        assistant.ingest(SEED_ARTICLE)
        return assistant

    return make


def test_a_turn_streams_then_ends_with_the_verified_answer_and_new_history(seeded):
    backends = Backends(seeded())
    replies = list(stream_reply(backends, ENVOY_Q, [], AskOptions()))
    assert "Searching" in replies[0].html and not replies[0].done
    final = replies[-1]
    assert final.answer is not None and not final.answer.abstained
    assert any(c.text == ENVOY_SENTENCE for c in final.answer.citations)
    assert "na-answer" in final.html and "data-cite=" in final.html
    assert final.history[0] == {"role": "user", "content": ENVOY_Q}


def test_model_deltas_are_shown_raw_while_streaming(seeded):
    model = ScriptedLLM("Tom West [1].")
    backends = Backends(seeded(backend=model))
    replies = list(stream_reply(backends, ENVOY_Q, [], AskOptions()))
    assert any("Tom West [1]." in r.html and "na-streaming" in r.html for r in replies[:-1])
    assert replies[-1].done


def test_follow_ups_receive_the_history(seeded):
    model = ScriptedLLM("NOT FOUND")
    backends = Backends(seeded(backend=model))
    history = [{"role": "user", "content": ENVOY_Q}, {"role": "assistant", "content": "Tom West. [1]"}]
    final = list(stream_reply(backends, "Which summit will he attend?", history, AskOptions()))[-1]
    assert final.history[:2] == history and len(final.history) == 4
    assert any("Tom West" in prompt for prompt in model.prompts)  # the rewrite saw the conversation


class BrokenLLM:
    name = "broken"

    def complete(self, messages, max_tokens=256):
        raise AssistantError("The language model (openai:x) failed: Connection refused.")

    def stream(self, messages, max_tokens=256):
        raise AssistantError("The language model (openai:x) failed: Connection refused.")
        yield ""


def test_a_failing_model_is_a_readable_message_not_a_traceback(seeded):
    backends = Backends(seeded(backend=BrokenLLM()))
    final = list(stream_reply(backends, ENVOY_Q, [], AskOptions()))[-1]
    assert final.error and "Connection refused" in final.error
    assert "na-error" in final.html and "Traceback" not in final.html
    assert final.history == []  # a failed turn does not enter the conversation


def test_a_missing_local_model_answers_extractively_and_says_so(seeded):
    backends = Backends(seeded())
    options = AskOptions(backend="llamacpp", model="/nowhere/missing-model.gguf")
    final = list(stream_reply(backends, ENVOY_Q, [], options))[-1]
    assert final.answer is not None and final.answer.llm == "extractive"
    assert "could not be loaded" in final.html and not final.answer.abstained


def test_an_empty_question_is_refused_politely(seeded):
    final = list(stream_reply(Backends(seeded()), "   ", [], AskOptions()))[-1]
    assert final.error and final.error.startswith("The question is empty")


def test_filters_reach_retrieval(seeded):
    backends = Backends(seeded())
    options = AskOptions(sources=("no-such-source.example",))
    final = list(stream_reply(backends, ENVOY_Q, [], options))[-1]
    assert final.answer is not None and final.answer.abstained and not final.answer.retrieved


def test_another_backend_shares_the_index_and_embedder(seeded):
    primary = seeded()
    backends = Backends(primary)
    assert backends.get(AskOptions(backend="extractive")) is primary
    other = backends.get(AskOptions(backend="openai", model="m", base_url="http://127.0.0.1:9/v1"))
    assert other is not primary and other.embedder is primary.embedder
    assert other.settings.index_dir == primary.settings.index_dir
    assert backends.get(AskOptions(backend="openai", model="m", base_url="http://127.0.0.1:9/v1")) is other


# --- the Gradio app and the JSON API ---------------------------------------------------


def test_the_app_builds_and_its_handlers_work(seeded):
    from ui.app import build_app, chat, source_panel

    assistant = seeded()
    assert build_app(assistant) is not None
    backends = Backends(assistant)
    shown, history, box = list(chat(backends, ENVOY_Q, [], [], "extractive", "", "", 8, [], "", ""))[-1]
    assert shown[0] == {"role": "user", "content": "Who is Washington&#x27;s special envoy for Afghanistan?"}
    assert "na-answer" in shown[1]["content"] and len(history) == 2 and box == ""
    key = re.search(r'data-cite="([^"]+)"', shown[1]["content"]).group(1)
    panel = source_panel(assistant, key + "#3")
    assert '<mark class="na-hl na-active" id="na-active">' + ENVOY_SENTENCE in panel
    assert "could not be read" in source_panel(assistant, "<bad>")
    assert "No article" in source_panel(assistant, "ffff:1-2")
    *_, (shown, history, box) = chat(backends, "Q", [], [], "extractive", "", "", 8, [], "yesterday", "")
    assert "date like" in shown[-1]["content"] and history == []


def test_the_json_api_answers_and_checks_auth(seeded):
    from fastapi.testclient import TestClient

    from ui.server import create_app

    client = TestClient(create_app(seeded(), auth=("ann", "s3cret")))
    assert client.post("/api/ask", json={"question": ENVOY_Q}).status_code == 401
    response = client.post("/api/ask", json={"question": ENVOY_Q}, auth=("ann", "s3cret"))
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= {"question", "answer", "abstained", "citations", "retrieved", "llm"}
    assert data["citations"] and data["citations"][0]["text"] == ENVOY_SENTENCE
    bad = client.post("/api/ask", json={"question": ""}, auth=("ann", "s3cret"))
    assert bad.status_code == 400 and bad.json()["error"].startswith("The question is empty")
    assert client.get("/api/health", auth=("ann", "wrong")).status_code == 401
    assert client.get("/api/health", auth=("ann", "s3cret")).json() == {"ok": True, "articles": 1}


def test_the_server_stays_local_unless_told_otherwise():
    assert is_local("127.0.0.1") and is_local("localhost") and is_local("::1") and not is_local("0.0.0.0")
    assert check_exposure("127.0.0.1", None, False) is None
    assert check_exposure("0.0.0.0", ("a", "b"), False) is None
    with pytest.raises(ServeError, match="refusing"):
        check_exposure("0.0.0.0", None, False)
    assert "WITHOUT authentication" in check_exposure("0.0.0.0", None, True)
    assert parse_auth("ann:pa:ss") == ("ann", "pa:ss") and parse_auth(None) is None
    with pytest.raises(ServeError):
        parse_auth("ann")


def test_assistant_serve_refuses_an_open_port_without_auth(tmp_path, capsys, monkeypatch):
    from assistant.cli import main

    monkeypatch.delenv("ASSISTANT_UI_AUTH", raising=False)
    code = main(["serve", "--index", str(tmp_path / "index"), "--host", "0.0.0.0", "-q"])
    assert code == 2 and "refusing to listen on 0.0.0.0 without authentication" in capsys.readouterr().err
