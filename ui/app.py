"""The Gradio page: Chat (with the source panel), Articles and Settings tabs.

``build_app(assistant)`` only wires components to the plain functions in
``ui.session``, ``ui.library`` and ``ui.render``; nothing here is global, so
tests build as many apps as they like. The page's CSS, script and theme are
given when the app is served (``ui.server``), as Gradio 6 expects.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # offline: no phoning home

import gradio as gr

from assistant.errors import AssistantError
from assistant.types import Answer
from ui.assets import KEY_BOX_ID
from ui.citations import parse_key
from ui.library import choice_label, filter_articles, ingest_inputs, sources_of
from ui.render import (
    articles_table_html,
    empty_panel_html,
    error_html,
    ingest_rows_html,
    panel_message_html,
    source_panel_html,
)
from ui.session import BACKENDS, AskOptions, Backends, Message, OptionsError, ask_once, describe, stream_reply
from ui.uploads import ALLOWED_SUFFIXES

if TYPE_CHECKING:
    from assistant.core import Assistant
    from assistant.settings import Settings

TITLE = "News assistant"
INTRO = (
    "Ask about the indexed news articles. Every statement in an answer cites the sentence that supports it: "
    "click (or hover) a marker such as **[1]** to see that sentence highlighted in its article."
)


def theme() -> gr.themes.Base:
    """The default look with system fonts: the page must not fetch web fonts (offline)."""
    fonts = ["ui-sans-serif", "system-ui", "sans-serif"]
    return gr.themes.Default(font=fonts, font_mono=["ui-monospace", "monospace"])


# --- handlers (plain functions over the Assistant) --------------------------------


def source_panel(assistant: Assistant, raw_key: str) -> str:
    """The source panel for a key sent by the page's script."""
    key = parse_key(raw_key)
    if key is None:
        return panel_message_html("That citation could not be read.")
    try:
        return source_panel_html(assistant.article(key.article_id), key)
    except AssistantError as exc:
        return panel_message_html(str(exc))


def chat(
    backends: Backends,
    question: str,
    shown: list[dict[str, Any]],
    history: list[Message],
    *form: Any,
) -> Iterator[tuple[list[dict[str, Any]], list[Message], str]]:
    """Stream one turn into the chat: (messages shown, history for the next turn, question box)."""
    shown = list(shown or [])
    if (question or "").strip():
        shown.append({"role": "user", "content": escape(question.strip())})
    try:
        options = AskOptions.from_form(*form)
    except OptionsError as exc:
        yield [*shown, {"role": "assistant", "content": error_html(str(exc))}], history, question
        return
    for reply in stream_reply(backends, question, history, options):
        message = {"role": "assistant", "content": reply.html}
        yield [*shown, message], (reply.history if reply.done else history), ""


def answer_api(backends: Backends, question: str, history: list[Message] | None = None) -> dict[str, Any]:
    """One whole answer as ``Answer.to_dict()``: for gradio_client (``/ask``)."""
    try:
        answer: Answer = ask_once(backends, question, history or [], AskOptions())
    except Exception as exc:
        raise gr.Error(describe(exc)) from None
    return answer.to_dict()


def _refresh(assistant: Assistant, query: str | None) -> tuple[str, Any, Any]:
    """The article table, the remove choices and the source filter after the index changed."""
    try:
        articles = assistant.articles()
    except AssistantError as exc:
        return error_html(str(exc)), gr.update(choices=[]), gr.update()
    choices = [(choice_label(a), a.id) for a in articles]
    table = articles_table_html(filter_articles(articles, query))
    return table, gr.update(choices=choices, value=None), gr.update(choices=sources_of(articles))


def _uploads(files: list[str] | None) -> list[tuple[Path, str]]:
    return [(Path(f), Path(f).name) for f in (files or [])]


def add_inputs(assistant: Assistant, files: list[str] | None, url_text: str, query: str, progress: Any) -> tuple:
    """Ingest uploads and URLs with progress; the report, cleared inputs, and the refreshed lists."""

    def tick(done: int, total: int, name: str) -> None:
        progress((done, total), desc=f"Ingesting {name}", unit="inputs")

    rows = ingest_inputs(assistant, _uploads(files), url_text, tick)
    if not rows:
        rows = [("–", "failed", "choose files to upload or paste URLs first")]
    return (ingest_rows_html(rows), None, "", *_refresh(assistant, query))


def remove_article(assistant: Assistant, article_id: str | None, query: str) -> tuple:
    """Remove one article; a message saying what happened, and the refreshed lists."""
    if not article_id:
        return ("Choose an article to remove first.", *_refresh(assistant, query))
    try:
        title = assistant.article(article_id).title
        assistant.remove(article_id)
        message = f"Removed “{escape(title)}” ({article_id})."
    except AssistantError as exc:
        message = escape(str(exc))
    return (message, *_refresh(assistant, query))


# --- the page ----------------------------------------------------------------------


@dataclass
class ChatTab:
    chatbot: gr.Chatbot
    question: gr.Textbox
    ask: gr.Button
    new: gr.Button
    panel: gr.HTML


@dataclass
class ArticlesTab:
    tab: gr.Tab
    search: gr.Textbox
    table: gr.HTML
    to_remove: gr.Dropdown
    remove: gr.Button
    removed: gr.Markdown
    files: gr.File
    urls: gr.Textbox
    add: gr.Button
    report: gr.HTML
    preview: gr.HTML


@dataclass
class SettingsTab:
    backend: gr.Radio
    model: gr.Textbox
    base_url: gr.Textbox
    answer_k: gr.Slider
    sources: gr.Dropdown
    date_from: gr.Textbox
    date_to: gr.Textbox

    def form(self) -> list[Any]:
        """In the order ``AskOptions.from_form`` takes them."""
        return [self.backend, self.model, self.base_url, self.answer_k, self.sources, self.date_from, self.date_to]


def _chat_tab() -> ChatTab:
    with gr.Tab("Chat", id="chat"), gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(
                elem_id="na-chat",
                label="Conversation",
                height=560,
                sanitize_html=False,  # ui.render escapes every article and model string itself
                group_consecutive_messages=False,
                feedback_options=None,
                buttons=["copy"],
                placeholder="Ask a question about the articles, e.g. “Who is Washington's special envoy "
                "for Afghanistan?”",
            )
            with gr.Row():
                question = gr.Textbox(
                    elem_id="na-question",
                    show_label=False,
                    placeholder="Ask about the articles… (Enter sends)",
                    scale=6,
                    max_lines=4,
                )
                ask = gr.Button("Ask", variant="primary", elem_id="na-ask", scale=1, min_width=80)
            new = gr.Button("New conversation", elem_id="na-new", size="sm")
        with gr.Column(scale=2):
            gr.Markdown("### Source")
            panel = gr.HTML(empty_panel_html(), elem_id="na-source")
    return ChatTab(chatbot, question, ask, new, panel)


def _articles_tab(settings: Settings) -> ArticlesTab:
    with gr.Tab("Articles", id="articles") as tab, gr.Row(equal_height=False):
        with gr.Column(scale=3):
            search = gr.Textbox(
                label="Search the articles", placeholder="title, source, id or URL", elem_id="na-search"
            )
            table = gr.HTML(elem_id="na-articles")
            with gr.Row():
                to_remove = gr.Dropdown(label="Remove an article", choices=[], elem_id="na-remove-choice")
                remove = gr.Button("Remove", variant="stop", elem_id="na-remove")
            removed = gr.Markdown(elem_id="na-removed")
        with gr.Column(scale=2):
            files = gr.File(
                label=f"Upload articles ({', '.join(ALLOWED_SUFFIXES)}; up to {settings.max_file_mb:g} MB each)",
                file_count="multiple",
                type="filepath",
                elem_id="na-upload",
            )
            urls = gr.Textbox(label="Or paste URLs (one per line)", lines=3, elem_id="na-urls")
            add = gr.Button("Add to the index", variant="primary", elem_id="na-add")
            report = gr.HTML(elem_id="na-report")
            preview = gr.HTML(elem_id="na-preview")
    return ArticlesTab(tab, search, table, to_remove, remove, removed, files, urls, add, report, preview)


def _settings_tab(settings: Settings) -> SettingsTab:
    with gr.Tab("Settings", id="settings"):
        backend = gr.Radio(
            list(BACKENDS),
            value=settings.llm,
            label="Answer backend",
            info="llamacpp: the local model; openai: any OpenAI-compatible server; "
            "extractive: no model, the best evidence sentence quoted",
            elem_id="na-backend",
        )
        model = gr.Textbox(
            label="Model",
            value=(settings.model if settings.llm == "openai" else settings.llm_model) or "",
            placeholder="llamacpp: a GGUF path (empty: the packaged model); openai: the model name",
            elem_id="na-model",
        )
        base_url = gr.Textbox(
            label="OpenAI-compatible URL (openai backend)",
            value=settings.base_url or "",
            placeholder="http://127.0.0.1:8080/v1",
            elem_id="na-base-url",
        )
        answer_k = gr.Slider(1, 20, value=settings.answer_k, step=1, label="Evidence sentences shown to the model")
        sources = gr.Dropdown(label="Only these sources (empty: all)", choices=[], multiselect=True)
        with gr.Row():
            date_from = gr.Textbox(label="Published from", placeholder="YYYY-MM-DD", elem_id="na-from")
            date_to = gr.Textbox(label="Published until", placeholder="YYYY-MM-DD", elem_id="na-to")
    return SettingsTab(backend, model, base_url, answer_k, sources, date_from, date_to)


def _wire_chat(backends: Backends, chat_tab: ChatTab, settings_tab: SettingsTab, history: gr.State) -> None:
    def respond(q: str, shown: list[dict[str, Any]], hist: list[Message], *form: Any) -> Iterator[Any]:
        yield from chat(backends, q, shown, hist, *form)

    c = chat_tab
    inputs = [c.question, c.chatbot, history, *settings_tab.form()]
    outputs = [c.chatbot, history, c.question]
    c.ask.click(respond, inputs, outputs, api_name="chat", show_progress="minimal")
    c.question.submit(respond, inputs, outputs, api_visibility="private", show_progress="minimal")
    c.new.click(
        lambda: ([], [], empty_panel_html(), ""),
        outputs=[c.chatbot, history, c.panel, c.question],
        api_visibility="private",
    )

    def ask_api(question: str, history: list[dict[str, str]] | None = None) -> dict[str, Any]:
        """A cited answer as JSON (the same dict as `assistant ask --json`); history: earlier messages."""
        return answer_api(backends, question, history)

    gr.api(ask_api, api_name="ask")


def _wire_articles(assistant: Assistant, a: ArticlesTab, settings_tab: SettingsTab, app: gr.Blocks) -> None:
    lists = [a.table, a.to_remove, settings_tab.sources]

    def refresh(query: str) -> tuple[str, Any, Any]:
        return _refresh(assistant, query)

    app.load(refresh, a.search, lists, api_visibility="private")
    a.tab.select(refresh, a.search, lists, api_visibility="private")
    a.search.change(refresh, a.search, lists, api_visibility="private", show_progress="hidden")

    def add(files: list[str] | None, urls: str, query: str, progress: Any = gr.Progress()) -> tuple:  # noqa: B008
        return add_inputs(assistant, files, urls, query, progress)

    a.add.click(add, [a.files, a.urls, a.search], [a.report, a.files, a.urls, *lists], api_visibility="private")

    def remove(article_id: str | None, query: str) -> tuple:
        return remove_article(assistant, article_id, query)

    a.remove.click(remove, [a.to_remove, a.search], [a.removed, *lists], api_visibility="private")


def build_app(assistant: Assistant, backends: Backends | None = None) -> gr.Blocks:
    """The whole page for one Assistant (its index, embedder and default backend)."""
    backends = backends or Backends(assistant)
    with gr.Blocks(title=TITLE, analytics_enabled=False) as app:
        history = gr.State([])
        cite_key = gr.Textbox(elem_id=KEY_BOX_ID, show_label=False, container=False)
        gr.Markdown(f"# {TITLE}\n{INTRO}")
        with gr.Tabs():
            chat_tab = _chat_tab()
            articles_tab = _articles_tab(assistant.settings)
            settings_tab = _settings_tab(assistant.settings)
        _wire_chat(backends, chat_tab, settings_tab, history)
        _wire_articles(assistant, articles_tab, settings_tab, app)
        # The page's script writes a clicked marker's key here (see ui.assets).
        cite_key.change(
            lambda key: (source_panel(assistant, key),) * 2,
            inputs=cite_key,
            outputs=[chat_tab.panel, articles_tab.preview],
            api_visibility="private",
            show_progress="hidden",
            trigger_mode="always_last",
        )
    return app
