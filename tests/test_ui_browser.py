"""The chat UI in a real browser: headless Chromium (Debian's) driven by playwright.

The app is started the way a user starts it, `assistant serve`, on a free
localhost port over an index of seeds/ built by `assistant ingest`, with the
extractive backend (fast and deterministic; the model is not what is tested
here). Skips cleanly when playwright or Chromium is missing (`.ci/run`
installs Chromium with apt when it can).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import REPO, SEEDS, free_port, serve

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ENVOY_Q = "Who is Washington's special envoy for Afghanistan?"
ENVOY_SENTENCE = (
    "According to a State Department spokesman, Washington’s special envoy for Afghanistan, "
    "Tom West, will attend the summit."
)
TIMEOUT_MS = 60_000
ASSISTANT = [sys.executable, "-m", "assistant.cli"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """`assistant serve` over a fresh index of seeds/, extractive; yields its URL."""
    index = tmp_path_factory.mktemp("ui") / "index"
    subprocess.run([*ASSISTANT, "ingest", str(SEEDS), "--index", str(index), "-q"], check=True, cwd=REPO)
    port = free_port()
    command = [*ASSISTANT, "serve", "--index", str(index), "--llm", "extractive", "--port", str(port), "-q"]
    process = serve(command, port, timeout=180)
    yield f"http://127.0.0.1:{port}/"
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip: dev extra)")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(server)
    page.wait_for_selector("#na-question textarea")
    yield page
    context.close()


def ask(page, question: str) -> None:
    """Ask and wait for the turn's final message (answer, abstention or error)."""
    finished = "#na-chat .na-answer, #na-chat .na-abstained, #na-chat .na-error"
    before = page.locator(finished).count()
    page.fill("#na-question textarea", question)
    page.click("#na-ask")
    page.wait_for_function(
        f"() => document.querySelectorAll({finished!r}).length > {before}"
        " && !document.querySelector('#na-chat .na-streaming')"
    )


def open_articles(page) -> None:
    """The Articles tab, once its list has loaded (the tab renders when first shown)."""
    page.get_by_role("tab", name="Articles").click()
    page.locator("#na-articles table").wait_for()
    page.locator("#na-upload input[type=file]").wait_for(state="attached")


def last(page, selector: str):
    return page.locator(selector).last


def test_an_answer_cites_and_a_click_highlights_the_sentence_in_its_article(page):
    ask(page, ENVOY_Q)
    answer = last(page, "#na-chat .na-answer")
    assert "Tom West" in answer.inner_text()
    answer.locator(".na-text .na-cite").first.click()
    mark = page.locator("#na-source mark.na-active")
    mark.wait_for()
    assert mark.inner_text() == ENVOY_SENTENCE
    # scrolled into view inside the article text, with its neighbours shown around it
    box, text_box = mark.bounding_box(), page.locator("#na-source .na-panel-text").bounding_box()
    assert text_box["y"] <= box["y"] and box["y"] + box["height"] <= text_box["y"] + text_box["height"]
    assert page.locator("#na-source .na-near").count() == 2
    assert re.search(r"Sentence \d+ of \d+", page.inner_text("#na-source"))


def test_hovering_a_marker_opens_the_source_too(page):
    ask(page, ENVOY_Q)
    last(page, "#na-chat .na-answer .na-text .na-cite").hover()
    page.locator("#na-source mark.na-active").wait_for()


def test_a_follow_up_is_answered_in_the_same_conversation_and_new_clears_it(page):
    ask(page, ENVOY_Q)
    ask(page, "Which summit will he attend?")
    answers = page.locator("#na-chat .na-answer")
    assert answers.count() == 2
    assert answers.nth(1).locator(".na-text .na-cite").count() >= 1
    page.click("#na-new")
    page.wait_for_function("() => !document.querySelector('#na-chat .na-answer')")


def test_an_abstention_looks_different_and_shows_what_was_searched(page):
    ask(page, "What is the boiling point of tungsten?")
    notice = last(page, "#na-chat .na-abstained")
    text = notice.inner_text()
    assert "Not in the articles" in text and "What was searched" in text and "tungsten" in text
    assert page.locator("#na-chat .na-answer").count() == 0


def test_an_uploaded_article_is_ingested_escaped_and_answers_questions(page, tmp_path):
    upload = tmp_path / "harbour news.md"
    upload.write_text(
        "---\n"
        'title: "Zorbland <img src=x onerror=window.__xss=1> names a harbour master"\n'
        "source: harbour-news.example\npublished: 2024-05-02\n---\n"
        "The port authority of Zorbland on Tuesday named Mira Quellhaven as its new harbour master.\n"
        "Quellhaven previously ran the ferry terminal at Brightwater for eleven years.\n",
        encoding="utf-8",
    )
    open_articles(page)
    page.set_input_files("#na-upload input[type=file]", str(upload))
    page.locator("#na-upload", has_text="harbour news.md").wait_for()
    page.click("#na-add")
    page.locator("#na-report table", has_text="harbour news.md").wait_for()
    assert "added" in page.inner_text("#na-report")
    page.locator("#na-articles", has_text="Zorbland").wait_for()
    page.get_by_role("tab", name="Chat").click()
    ask(page, "Who is the new harbour master of Zorbland?")
    answer = last(page, "#na-chat .na-answer")
    assert "Mira Quellhaven" in answer.inner_text()
    answer.locator(".na-text .na-cite").first.click()
    page.locator("#na-source mark.na-active", has_text="Mira Quellhaven").wait_for()
    assert "<img src=x" in page.inner_text("#na-source .na-panel-title")  # shown as text
    assert page.evaluate("() => window.__xss") is None  # and never run


def test_a_bad_upload_gets_a_readable_result_line(page, tmp_path):
    bad = tmp_path / "notes.pdf"
    bad.write_bytes(b"%PDF-1.4 binary")
    open_articles(page)
    page.set_input_files("#na-upload input[type=file]", str(bad))
    page.locator("#na-upload", has_text="notes.pdf").wait_for()
    page.click("#na-add")
    page.locator("#na-report table", has_text="notes.pdf").wait_for()
    assert "not a supported file type" in page.inner_text("#na-report")


def test_a_model_server_that_is_down_is_a_readable_error_and_the_chat_goes_on(page):
    page.get_by_role("tab", name="Settings").click()
    page.locator("#na-backend").get_by_text("openai", exact=True).click()
    page.fill("#na-model input, #na-model textarea", "tiny")
    page.fill("#na-base-url input, #na-base-url textarea", f"http://127.0.0.1:{free_port()}/v1")
    page.get_by_role("tab", name="Chat").click()
    ask(page, ENVOY_Q)
    error = last(page, "#na-chat .na-error").inner_text()
    assert "failed" in error and "Traceback" not in error
    page.get_by_role("tab", name="Settings").click()
    page.locator("#na-backend").get_by_text("extractive", exact=True).click()
    page.get_by_role("tab", name="Chat").click()
    ask(page, ENVOY_Q)
    assert "Tom West" in last(page, "#na-chat .na-answer").inner_text()


def test_the_answer_is_served_as_json_and_through_gradio_client(server):
    import httpx
    from gradio_client import Client

    data = httpx.post(server + "api/ask", json={"question": ENVOY_Q}, timeout=60).json()
    assert any(c["text"] == ENVOY_SENTENCE for c in data["citations"])
    result = Client(server, verbose=False).predict(ENVOY_Q, None, api_name="/ask")
    assert result["answer"] == data["answer"] and result["citations"] == data["citations"]
