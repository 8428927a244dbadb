"""Screening instrument views: score a fictional completed questionnaire, or enter answers.

Both views ask ``mswlab.instruments`` for every number and label; they only lay it out.
Every control has a Python twin so tests drive them without a browser.
"""

from __future__ import annotations

import html

import ipywidgets as W

from mswlab import instruments
from mswlab.content.loader import instruments as instrument_texts
from mswlab.content.loader import screenings
from mswlab.errors import ValidationError
from widgets.choice import choice_group
from widgets.feedback import LABEL, WIDE, say, text_of
from widgets.keyboard import mark_navigation
from widgets.view import View


def _item_line(inst, item, answer: int) -> str:
    """One questionnaire item with the answer marked: its label where the form has one, and the score."""
    label = {o.value: o.label for o in inst.responses_for(item)}.get(answer)
    marked = f"{label} ({answer})" if label else str(answer)
    return f"<li>{html.escape(item.text or item.label)} <b>Answer: {html.escape(marked)}</b></li>"


class InstrumentPracticeView(View):
    """Score a fictional client's completed questionnaire, then choose its band and follow-up."""

    CSS_CLASS = "mswlab-instrument-practice"

    def __init__(self, instrument_id: str | None = None) -> None:
        self.cases = [s for s in screenings() if instrument_id in (None, s.instrument)]
        if not self.cases:
            raise ValidationError(f"there are no practice questionnaires for '{instrument_id}'", field="instrument")
        self.position = 0
        self.results: dict[str, bool] = {}
        self._case = W.HTML(layout=WIDE)
        self._total = W.Text(description="Total score:", placeholder="a whole number", style=LABEL)
        self._total_msg = W.HTML()
        self._band = choice_group("Band:")
        self._follow = choice_group("Follow-up:")
        self._check = W.Button(description="Check my scoring", button_style="primary")
        self._next = W.Button(description="Next questionnaire")
        self._message = W.HTML()
        self._feedback = W.HTML(layout=WIDE)
        self._check.on_click(lambda _: self.submit())
        self._next.on_click(lambda _: self.next())
        mark_navigation(stem=self._case, advance=[self._next])
        self._total.observe(lambda _: say(self._total_msg, ""), names="value")
        super().__init__(
            [
                W.HTML(
                    "<h3>Scoring practice</h3><p>Add up the answers (remember any reverse-scored item), "
                    "then choose the band and the follow-up the instrument's authors suggest.</p>"
                ),
                self._case,
                W.HBox([self._total, self._total_msg]),
                self._band,
                self._follow,
                W.HBox([self._check, self._next]),
                self._message,
                self._feedback,
            ]
        )
        self._show()

    @property
    def current(self):
        return self.cases[self.position]

    # --- programmatic twins ---------------------------------------------------------

    def enter(self, total: object = None, band: str | None = None, follow_up: str | None = None) -> None:
        """Fill in the form as a student would; a band or follow-up not offered shows a message."""
        if total is not None:
            self._total.value = str(total)
        for control, value, what in ((self._band, band, "band"), (self._follow, follow_up, "follow-up")):
            if value is None:
                continue
            if value not in control.options:
                say(self._message, f"'{value}' is not one of the {what} choices.")
                return
            control.value = value

    def submit(self) -> bool | None:
        """Check total, band and follow-up with the engine; None if the form is incomplete."""
        case = self.current
        try:
            instruments.read_total(case.instrument, self._total.value)
        except ValidationError as err:
            say(self._total_msg, err.message)
            return None
        if self._band.value is None or self._follow.value is None:
            say(self._message, "Choose a band and a follow-up, then select Check my scoring.")
            return None
        say(self._message, "")
        judged = instruments.judge_scoring(
            case.instrument, case.responses, self._total.value, self._band.value, self._follow.value
        )
        self.results.setdefault(case.id, judged.correct)
        self.feedback_text = judged.message
        say(self._feedback, judged.message, ok=judged.correct)
        return judged.correct

    def next(self) -> bool:
        if self.position + 1 >= len(self.cases):
            say(
                self._message,
                f"That was the last questionnaire. You scored "
                f"{sum(self.results.values())} of {len(self.results)} fully right.",
            )
            return False
        self.position += 1
        self._show()
        return True

    # --- rendering --------------------------------------------------------------------

    def _show(self) -> None:
        case = self.current
        inst = instrument_texts()[case.instrument]
        items = "".join(_item_line(inst, item, a) for item, a in zip(inst.items, case.responses))
        stem = f"<p><i>{html.escape(inst.stem)}</i></p>" if inst.stem else ""
        self._case.value = (
            f"<p><b>Questionnaire {self.position + 1} of {len(self.cases)}: {inst.name}</b>"
            f"</p><p>{html.escape(case.client)}</p>{stem}<ol>{items}</ol>"
        )
        rule = instruments.rule(case.instrument)
        self._band.options = [b.label for b in rule.bands]
        self._follow.options = list(instruments.follow_up_choices(case.instrument))
        self._band.value = self._follow.value = None
        self._total.value = ""
        self.feedback_text = ""
        for w in (self._feedback, self._message, self._total_msg):
            say(w, "")


class InstrumentCalculatorView(View):
    """Enter answers item by item and see the engine's score; a bad entry is named beside its item."""

    CSS_CLASS = "mswlab-instrument-calculator"

    def __init__(self, instrument_id: str) -> None:
        self.rule = instruments.rule(instrument_id)
        self.text = instrument_texts()[instrument_id]
        self.result: instruments.Result | None = None
        self._scored_once = False
        self._inputs, self._messages, rows = [], [], []
        for item, allowed in zip(self.text.items, self.rule.values):
            box = W.Text(
                placeholder=instruments.allowed_words(allowed),
                layout=W.Layout(width="110px"),
                description=f"Item {item.number}:",
                style=LABEL,
            )
            msg = W.HTML()
            box.observe(lambda _, m=msg: self._changed(m), names="value")
            self._inputs.append(box)
            self._messages.append(msg)
            rows.append(
                W.HBox([box, W.HTML(html.escape(item.text or item.label), layout=W.Layout(max_width="460px")), msg])
            )
        scale = ", ".join(f"{o.value} = {o.label}" for o in self.text.responses)
        self._score = W.Button(description="Score it", button_style="primary")
        self._score.on_click(lambda _: self.calculate())
        self._output = W.HTML(layout=WIDE)
        super().__init__(
            [
                W.HTML(
                    f"<h3>{html.escape(self.text.name)} calculator</h3><p>Type each answer's number. "
                    f"{html.escape(scale)}</p>"
                ),
                *rows,
                self._score,
                self._output,
            ]
        )

    def enter(self, *answers: object) -> None:
        """Type answers into the boxes in item order."""
        for box, value in zip(self._inputs, answers):
            box.value = "" if value is None else str(value)

    def _changed(self, message: W.HTML) -> None:
        """After the first Score it, keep the result in step with every edit.

        A click can reach the kernel before the last keystroke's value does (ipywidgets
        holds state updates back while the kernel is busy, but not clicks), so scoring
        again on each change makes the last word always the student's last entry.
        """
        say(message, "")
        if self._scored_once:
            self.calculate()

    def calculate(self) -> instruments.Result | None:
        self._scored_once = True
        for msg in self._messages:
            say(msg, "")
        try:
            self.result = instruments.score(self.rule.id, [b.value for b in self._inputs])
        except ValidationError as err:
            self.result = None
            number = int(err.field.split()[-1]) if err.field and err.field.startswith("item ") else None
            target = self._messages[number - 1] if number else self._output
            say(target, err.message)
            if number:
                say(self._output, f"Fix item {number} to see the score.")
            return None
        r = self.result
        flags = "".join(f"<p><b>Flag:</b> {html.escape(m)}</p>" for m in r.flag_messages())
        self._output.value = (
            f'<div role="status"><p><b>Total: {r.total} of {r.max_total}. Band: {html.escape(r.band)}.'
            f"</b></p>{flags}<p>{html.escape(r.interpretation)}</p>"
            f"<p>Suggested follow-up: {html.escape(r.follow_up)}.</p></div>"
        )
        return r

    @property
    def messages(self) -> list[str]:
        """The plain text beside each item (empty where the entry is fine)."""
        return [text_of(m) for m in self._messages]


def instrument_practice(instrument_id: str | None = None) -> InstrumentPracticeView:
    return InstrumentPracticeView(instrument_id)


def instrument_calculator(instrument_id: str) -> InstrumentCalculatorView:
    return InstrumentCalculatorView(instrument_id)
