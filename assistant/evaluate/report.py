"""A one-file HTML report of an evaluation: the figures as bars, then every question.

It renders the same dict that ``--json`` prints (``{"overall": …, "questions": […]}``),
so retrieval and answer evaluations share it. Everything is escaped; the file has
no scripts and no external assets, so it opens anywhere and can be attached to a PR.
"""

from __future__ import annotations

from html import escape
from typing import Any

_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:20px} table{border-collapse:collapse;margin-top:1em}
td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
.bar{display:inline-block;height:12px;background:#3b7dd8;margin-right:6px;vertical-align:middle}
.yes{background:#d9f2d9}.no{background:#f7d4d4}.num{text-align:right;font-variant-numeric:tabular-nums}
.text{max-width:48em}
"""
# Figures where lower is better are drawn in a warning colour.
_LOWER_IS_BETTER = ("answerable_abstained", "seconds_per_question", "median_words")


def html_report(data: dict[str, Any], title: str) -> str:
    overall = data.get("overall", {})
    rows = data.get("questions", [])
    parts = [
        f"<!doctype html><meta charset='utf-8'><title>{escape(title)}</title><style>{_STYLE}</style>",
        f"<h1>{escape(title)}</h1>",
        _figures(overall),
        _questions(rows),
    ]
    return "\n".join(parts)


def _figures(overall: dict[str, Any]) -> str:
    lines = ["<table>"]
    for name, value in overall.items():
        cell = escape(str(value))
        if isinstance(value, float) and 0.0 <= value <= 1.0 and name != "seconds_per_question":
            colour = "#d88a3b" if name in _LOWER_IS_BETTER else "#3b7dd8"
            width = round(value * 300)
            cell = f"<span class='bar' style='width:{width}px;background:{colour}'></span>{value:.1%}"
        lines.append(f"<tr><th>{escape(name)}</th><td>{cell}</td></tr>")
    lines.append("</table>")
    return "\n".join(lines)


def _questions(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    columns = [c for c in rows[0] if not isinstance(rows[0][c], list | dict)]
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = ["".join(_cell(row.get(c)) for c in columns) for row in rows]
    return "<table><tr>" + head + "</tr>" + "".join(f"<tr>{cells}</tr>" for cells in body) + "</table>"


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return f"<td class='{'yes' if value else 'no'}'>{'yes' if value else 'no'}</td>"
    if isinstance(value, float):
        return f"<td class='num'>{value:.2f}</td>"
    if value is None:
        return "<td class='num'>–</td>"
    return f"<td class='text'>{escape(str(value))}</td>"
