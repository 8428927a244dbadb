"""Session feedback tracker: a client's four 0-10 ratings per session, graphed, with drops flagged.

A thin view over ``mswlab.session_feedback``. The four questions are the course's own generic
idea, not the licensed Session Rating Scale. Python twins: ``add`` and ``undo``.
"""

from __future__ import annotations

import html

import ipywidgets as W

from mswlab import outcome_figures
from mswlab.content import feedback_samples
from mswlab.content.outcomes import FeedbackSample
from mswlab.errors import ValidationError
from mswlab.session_feedback import AREAS, FeedbackLog
from widgets.charts import Chart
from widgets.feedback import LABEL, WIDE, say, text_of, wide
from widgets.view import View, shown_text


class SessionFeedbackView(View):
    """Record how each session went for the client, and see where to ask what changed."""

    CSS_CLASS = "mswlab-session-feedback"

    def __init__(self, sample: FeedbackSample | None = None) -> None:
        self.feedback = FeedbackLog()
        self._boxes = {
            key: W.Text(
                description=f"{area.question} ({area.scale}):",
                style=LABEL,
                layout=wide(width="100%"),
            )
            for key, area in AREAS.items()
        }
        self._messages = {area: W.HTML() for area in AREAS}
        self._note = W.Text(
            description="What the client said about the ratings:",
            style=LABEL,
            layout=wide(width="100%"),
        )
        self._add = W.Button(description="Add session", button_style="primary")
        self._undo = W.Button(description="Remove last session")
        self._flags = W.HTML(layout=WIDE)
        self._add.on_click(lambda _: self.add({a: box.value for a, box in self._boxes.items()}, self._note.value))
        self._undo.on_click(lambda _: self.undo())
        for area, box in self._boxes.items():
            box.observe(lambda _, area=area: say(self._messages[area], ""), names="value")
        intro = (
            "<h3>Session feedback tracker</h3><p>At the end of each session, ask the client the four "
            "questions and type their ratings from 0 to 10, with anything they said about them. A fall of 2 "
            "or more points since the last session is flagged: ask about it next.</p>"
        )
        if sample is not None:
            intro += (
                f"<p><b>{html.escape(sample.title)}</b> (case: {html.escape(sample.vignette)}). "
                f"{html.escape(sample.story)}</p>"
            )
        fields = [widget for area in AREAS for widget in (self._boxes[area], self._messages[area])]
        self._chart = Chart()
        self.figure = self._chart.draw(outcome_figures.session_feedback(self.feedback, []))
        super().__init__(
            [
                W.HTML(intro),
                *fields,
                self._note,
                W.HBox([self._add, self._undo]),
                self._flags,
                self._chart,
            ]
        )
        for session in sample.sessions if sample else ():
            self.add({area: getattr(session, area) for area in AREAS}, session.note)

    def add(self, ratings: dict[str, object], note: str = "") -> bool:
        """Record the next session; an impossible rating gets a message beside its question."""
        try:
            self.feedback.add(ratings, note)
        except ValidationError as err:
            say(self._messages[err.field], err.message)
            return False
        for box in (*self._boxes.values(), self._note):
            box.value = ""
        self._redraw()
        return True

    def undo(self) -> bool:
        removed = self.feedback.remove_last()
        self._redraw()
        return removed is not None

    flags_text = shown_text("_flags")

    def message(self, area: str) -> str:
        return text_of(self._messages[area])

    def _redraw(self) -> None:
        drops = self.feedback.drops()
        fresh = outcome_figures.session_feedback(self.feedback, drops)
        self.figure = self._chart.draw(fresh)
        sessions = len(self.feedback.sessions)
        if not drops:
            text = (
                f"<p>{sessions} session(s) recorded; no drop of 2 or more points so far. Keep asking: steady "
                "ratings are worth a word of thanks, and an honest low one is worth more.</p>"
            )
        else:
            notes = {s.session: s.note for s in self.feedback.sessions}
            items = "".join(
                f"<li>{html.escape(d.message)}"
                + (f" The client said: \u201c{html.escape(notes[d.session])}\u201d" if notes[d.session] else "")
                + "</li>"
                for d in drops
            )
            text = f'<div role="status"><p><b>Drops to ask about</b></p><ul>{items}</ul></div>'
        self._flags.value = text


def session_feedback_tracker(sample: str | None = None) -> SessionFeedbackView:
    """Module 11's tracker: blank, or replaying a sample from ``datasets/outcomes/session_feedback.yaml``."""
    return SessionFeedbackView(feedback_samples()[sample] if sample else None)
