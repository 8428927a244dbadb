"""The frame every view shares: its CSS class, and the keyboard support as its last child.

Browser tests, the stylesheet and the keyboard support find a view by its ``CSS_CLASS``
(``mswlab-<family>``); ``KeyboardScope`` must sit inside it to reach its controls.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as W

from widgets.feedback import text_of
from widgets.keyboard import KeyboardScope


class View(W.VBox):
    CSS_CLASS = ""

    def __init__(self, children: Sequence[W.Widget], **kwargs) -> None:
        super().__init__(children=[*children, KeyboardScope(host_class=self.CSS_CLASS)], **kwargs)
        self.add_class(self.CSS_CLASS)


def shown_text(attribute: str) -> property:
    """The plain text a view's label shows, as a read-only twin for tests and notebooks:
    ``message_text = shown_text("_message")``."""
    return property(lambda view: text_of(getattr(view, attribute)), doc=f"What {attribute.lstrip('_')} says.")
