"""The chat UI (Gradio) and its JSON API: ``assistant serve`` starts it.

``ui.app.build_app(assistant)`` builds the page, ``ui.server.serve(assistant)``
serves it with the JSON API. The modules without Gradio (``render``,
``citations``, ``session``, ``library``, ``uploads``) hold the logic and are
unit-tested on their own; importing this package imports none of them.
"""
