"""How every view says something: in words, with color only repeating what the words say."""

from __future__ import annotations

import html
import re

import ipywidgets as W

OK, NOT_YET = "#1b5e20", "#8a3b00"
LABEL = {"description_width": "initial"}  # a control's label is shown whole, never cut to a fixed width
READABLE = "760px"  # text stays a readable line length


def wide(**layout: str) -> W.Layout:
    """A layout no wider than a readable line (``wide(width="100%")`` for a box that fills up to it)."""
    return W.Layout(max_width=READABLE, **layout)


WIDE = wide()


def say(widget: W.HTML, message: str, *, ok: bool | None = None) -> None:
    """Show ``message`` in ``widget``: a status when ``ok`` is given, otherwise an alert."""
    if not message:
        widget.value = ""
        return
    color = OK if ok else NOT_YET
    role = "status" if ok is not None else "alert"
    widget.value = f'<div role="{role}" style="color:{color}">{html.escape(message)}</div>'


def text_of(widget: W.HTML) -> str:
    """The plain text a widget shows, as a screen reader would read it."""
    return html.unescape(re.sub(r"<[^>]+>", "", widget.value))


def feedback_box(message: str, correct: bool) -> str:
    """HTML for judged feedback: a status region whose words say right or wrong, edged in the matching color."""
    color = OK if correct else NOT_YET
    return (
        f'<div role="status" style="border-left:4px solid {color};padding:4px 10px">'
        f'<span style="color:{color}">{html.escape(message)}</span></div>'
    )


class FeedbackBox(W.HTML):
    """Where a view shows judged feedback, so every view says right and wrong the same way."""

    def __init__(self) -> None:
        super().__init__(layout=WIDE)

    def show(self, message: str, correct: bool) -> None:
        self.value = feedback_box(message, correct)

    def clear(self) -> None:
        self.value = ""
