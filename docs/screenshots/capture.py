"""Capture the README's screenshots of the chat UI with headless Chromium.

Start the app first (over seeds/, with the model the screenshots should show), e.g.

    assistant ingest seeds/ --index /tmp/shots-index -q
    assistant serve --index /tmp/shots-index --port 7862          # default local model
    .venv/bin/python docs/screenshots/capture.py http://127.0.0.1:7862/

Writes docs/screenshots/*.png. Needs playwright (dev extra) and /usr/bin/chromium.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

OUT = Path(__file__).resolve().parent
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
FINISHED = "#na-chat .na-answer, #na-chat .na-abstained, #na-chat .na-error"
UPLOAD = """---
title: Zorbland names a new harbour master
source: harbour-news.example
published: 2024-05-02
url: https://harbour-news.example/zorbland-harbour-master
---
The port authority of Zorbland on Tuesday named Mira Quellhaven as its new harbour master.
Quellhaven previously ran the ferry terminal at Brightwater for eleven years.
She takes office on June 1, the authority said, and replaces Tomas Eberly, who retires after two decades.
"""


def ask(page: Page, question: str, streaming_shot: str | None = None) -> None:
    before = page.locator(FINISHED).count()
    page.fill("#na-question textarea", question)
    page.click("#na-ask")
    if streaming_shot:  # the model's raw text as it streams, if it writes any before the answer lands
        page.wait_for_function(
            "() => { const s = document.querySelector('#na-chat .na-streaming');"
            f" return (s && s.innerText.length > 4 && !s.innerText.startsWith('Searching'))"
            f" || document.querySelectorAll({FINISHED!r}).length > {before}; }}"
        )
        if page.locator("#na-chat .na-streaming").count():
            page.screenshot(path=OUT / streaming_shot)
    page.wait_for_function(
        f"() => document.querySelectorAll({FINISHED!r}).length > {before}"
        " && !document.querySelector('#na-chat .na-streaming')"
    )


def new_conversation(page: Page) -> None:
    page.click("#na-new")
    page.wait_for_function(f"() => !document.querySelector({FINISHED!r})")


def open_citation(page: Page) -> None:
    page.locator("#na-chat .na-answer .na-text .na-cite").last.click()
    page.locator("#na-source mark.na-active").wait_for()
    page.wait_for_timeout(400)


def main(url: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 940})
        page.set_default_timeout(300_000)
        page.goto(url)
        page.wait_for_selector("#na-question textarea")

        ask(page, "Who is Washington's special envoy for Afghanistan?", streaming_shot="streaming.png")
        open_citation(page)
        page.screenshot(path=OUT / "answer-citation.png")

        ask(page, "Which summit will he attend?")
        open_citation(page)
        page.screenshot(path=OUT / "follow-up.png")

        new_conversation(page)
        page.get_by_role("tab", name="Articles").click()
        with tempfile.TemporaryDirectory() as folder:
            upload = Path(folder) / "zorbland-harbour.md"
            upload.write_text(UPLOAD, encoding="utf-8")
            page.set_input_files("#na-upload input[type=file]", str(upload))
            page.locator("#na-upload", has_text=upload.name).wait_for()
            page.click("#na-add")
            page.locator("#na-report table", has_text=upload.name).wait_for()
        page.screenshot(path=OUT / "upload.png")
        page.get_by_role("tab", name="Chat").click()
        ask(page, "Who is the new harbour master of Zorbland?")
        open_citation(page)
        page.screenshot(path=OUT / "upload-answer.png")

        new_conversation(page)
        ask(page, "Who is the president of Ukraine?")
        page.screenshot(path=OUT / "abstained.png")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:7860/")
