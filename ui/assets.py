"""The page's CSS and its one script: citation markers that open the source panel.

How a click reaches Python: every marker is an element with ``data-cite``
(see ``ui.render``). One delegated listener on the document (so it survives
the chat re-rendering its messages) writes the marker's key, plus a counter
so that the same marker clicked twice is still a change, into a hidden
textbox and dispatches an ``input`` event; Gradio then runs the textbox's
``input`` callback, which renders the source panel. Hovering a marker for a
moment does the same. When the panel's highlighted sentence (``#na-active``)
changes, it is scrolled to the middle of the panel.
"""

from __future__ import annotations

KEY_BOX_ID = "na-cite-key"

HEAD = """
<script>
(() => {
  if (window.naCitations) return;
  const state = { current: "", timer: null, nonce: 0, scrolled: null };
  window.naCitations = state;

  function keyBox() {
    return document.querySelector("#__BOX__ textarea, #__BOX__ input");
  }

  function select(el) {
    const key = el.getAttribute("data-cite");
    const box = keyBox();
    if (!key || !box) return;
    document.querySelectorAll(".na-selected").forEach((x) => x.classList.remove("na-selected"));
    el.classList.add("na-selected");
    state.current = key;
    state.nonce += 1;
    box.value = key + "#" + state.nonce;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function citeOf(event) {
    return event.target && event.target.closest ? event.target.closest("[data-cite]") : null;
  }

  document.addEventListener("click", (event) => {
    const el = citeOf(event);
    if (!el) return;
    event.preventDefault();
    clearTimeout(state.timer);
    select(el);
  }, true);

  document.addEventListener("mouseover", (event) => {
    const el = citeOf(event);
    if (!el || !el.closest(".na-answer")) return;
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      if (el.getAttribute("data-cite") !== state.current) select(el);
    }, 400);
  });

  document.addEventListener("mouseout", (event) => {
    if (citeOf(event)) clearTimeout(state.timer);
  });

  function scrollToActive() {
    const mark = document.getElementById("na-active");
    if (!mark || mark === state.scrolled) return;
    state.scrolled = mark;
    const box = mark.closest(".na-panel-text");
    if (!box) return;
    const offset = mark.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTop = Math.max(0, offset - box.clientHeight / 3);
  }

  new MutationObserver(scrollToActive).observe(document.documentElement, { childList: true, subtree: true });
})();
</script>
""".replace("__BOX__", KEY_BOX_ID)

CSS = """
#__BOX__ { display: none !important; }
.na-answer .na-text, .na-abstained .na-text { line-height: 1.55; }
.na-cite {
  display: inline; border: none; cursor: pointer; padding: 0 0.2em; margin: 0 0.05em;
  border-radius: 4px; font: inherit; font-size: 0.85em; font-weight: 600; vertical-align: super;
  color: #1d4ed8; background: rgba(59, 130, 246, 0.14); line-height: 1;
}
.na-cite:hover, .na-cite.na-selected { background: #fde047; color: #1f2937; }
.na-cite.na-src, .na-cite.na-title { vertical-align: baseline; font-size: 0.9em; }
.na-cite.na-title { font-weight: 600; text-align: left; background: none; padding: 0; color: #1d4ed8; }
.na-cite.na-title:hover { text-decoration: underline; background: none; }
.na-sources, .na-retrieved { margin: 0.6em 0 0 0; padding-left: 0; list-style: none; font-size: 0.88em; }
.na-sources li, .na-retrieved li { margin: 0.25em 0; }
.na-src-title { font-weight: 600; margin-right: 0.4em; }
.na-src-text { opacity: 0.85; }
.na-streaming { opacity: 0.8; font-style: italic; }
.na-cursor { animation: na-blink 1s steps(2, start) infinite; font-style: normal; }
@keyframes na-blink { to { visibility: hidden; } }
.na-abstained {
  border-left: 4px solid #f59e0b; background: rgba(245, 158, 11, 0.10); padding: 0.5em 0.8em; border-radius: 6px;
}
.na-abstained-head { font-weight: 700; color: #b45309; margin-bottom: 0.2em; }
.na-searched summary { cursor: pointer; font-weight: 600; margin-top: 0.4em; }
.na-searched p { margin: 0.3em 0; }
.na-error {
  border-left: 4px solid #dc2626; background: rgba(220, 38, 38, 0.10); padding: 0.5em 0.8em; border-radius: 6px;
}
.na-note { font-size: 0.85em; opacity: 0.8; margin-top: 0.5em; }
.na-panel { padding: 0.2em 0.2em; }
.na-panel-empty { opacity: 0.75; padding: 1em; border: 1px dashed rgba(128, 128, 128, 0.5); border-radius: 8px; }
.na-panel-title { font-size: 1.15em; font-weight: 700; margin-bottom: 0.2em; }
.na-panel-meta { font-size: 0.85em; opacity: 0.85; margin-bottom: 0.2em; word-break: break-all; }
.na-panel-where { font-size: 0.8em; opacity: 0.7; margin-bottom: 0.5em; }
.na-panel-text {
  white-space: pre-wrap; max-height: 520px; overflow-y: auto; line-height: 1.55; font-size: 0.93em;
  border: 1px solid rgba(128, 128, 128, 0.35); border-radius: 8px; padding: 0.6em 0.8em;
}
mark.na-hl { background: rgba(250, 204, 21, 0.45); color: inherit; border-radius: 3px; padding: 0 1px; }
mark.na-hl.na-active { background: #facc15; color: #111827; box-shadow: 0 0 0 2px #eab308; }
span.na-near { background: rgba(250, 204, 21, 0.13); border-radius: 3px; }
.na-articles, .na-report { width: 100%; border-collapse: collapse; font-size: 0.9em; }
.na-articles th, .na-articles td, .na-report th, .na-report td {
  text-align: left; padding: 0.35em 0.5em; border-bottom: 1px solid rgba(128, 128, 128, 0.25); vertical-align: top;
}
.na-num { text-align: right !important; }
.na-id { font-family: ui-monospace, monospace; font-size: 0.78em; opacity: 0.6; }
.na-status-failed td { color: #b91c1c; }
.na-status-added td:nth-child(2), .na-status-updated td:nth-child(2) { color: #15803d; font-weight: 600; }
""".replace("__BOX__", KEY_BOX_ID)
