"""Ethics views: dilemma practice with the Ethical Principles Screen, and a Reamer worksheet.

Thin views over ``mswlab.ethics``. Every control has a Python twin: ``rank``, ``choose``,
``submit``, ``next`` on the dilemma practice; ``fill`` and ``make_record`` on the worksheet.
"""

from __future__ import annotations

import html
import re

import ipywidgets as W
from IPython.display import Markdown

from mswlab import ethics
from mswlab.content import dilemmas as load_dilemmas
from mswlab.content import ethics_frameworks
from mswlab.content.models import Option
from mswlab.errors import ValidationError
from widgets.choice import ChoiceView
from widgets.feedback import LABEL, WIDE, feedback_box, say, text_of, wide
from widgets.view import View

PLACES = ("First", "Second", "Third")


def _principle_options(ids) -> list[tuple[str, str | None]]:
    frameworks = ethics_frameworks()
    return [("Choose a principle", None)] + [(frameworks.principle(p).name, p) for p in ids]


class DilemmaPracticeView(ChoiceView):
    """Rank the principles in conflict by the Screen, choose an action, and get feedback on both."""

    CSS_CLASS = "mswlab-dilemma-practice"
    CHOICE_LABEL = "Your action:"
    CHECK_LABEL = "Check"
    CHOOSE_FIRST = "Choose an action first, then select Check."

    def __init__(self, dilemma_ids: list[str] | None = None) -> None:
        self.session = ethics.DilemmaSession(dilemma_ids)
        self._places = [W.Dropdown(description=f"{p}:", style=LABEL, layout=W.Layout(width="460px")) for p in PLACES]
        self._ranking_box = W.VBox()
        self._score = W.HTML()
        super().__init__(
            next_label="Next dilemma",
            between=[W.HTML("<b>Order the principles in conflict</b>"), self._ranking_box],
        )
        for control in self._places:
            control.observe(lambda _: say(self._message, ""), names="value")
        intro = W.HTML(
            "<h3>Ethical dilemmas</h3><p>Read the dilemma. Put the principles in conflict in the order "
            "the Ethical Principles Screen weighs them (first = weighed first), choose an action, then "
            "select <b>Check</b>.</p>"
        )
        self._lay_out(above=[intro], below=[self._score])
        self._show()

    @property
    def dilemma(self):
        return self.session.current

    def rank(self, *principles: str) -> bool:
        """Set the order, first to last, by principle id."""
        shown = self._places[: len(self.dilemma.principles)]
        if len(principles) != len(shown) or any(p not in self.dilemma.principles for p in principles):
            names = [ethics_frameworks().principle(p).name for p in self.dilemma.principles]
            say(self._message, "Give each principle in conflict once: " + ", ".join(names) + ".")
            return False
        for control, principle in zip(shown, principles):
            control.value = principle
        return True

    def _ranking(self) -> list:
        return [c.value for c in self._places[: len(self.dilemma.principles)]]

    def _options(self) -> tuple[Option, ...]:
        return self.dilemma.options

    def _not_ready(self) -> str | None:
        if None in self._ranking():
            return "Put a principle in every place first."
        return super()._not_ready()

    def _judge(self) -> ethics.DilemmaResult:
        return self.session.answer(self._ranking(), self._choices.value)

    def _show_result(self, result: ethics.DilemmaResult) -> ethics.DilemmaResult:
        both = result.ranking.correct and result.action.correct
        self.feedback_text = f"{result.ranking.message} {result.action.message}"
        standards = ethics_frameworks().standard_titles
        cited = "; ".join(f"{n} {standards.get(n, '')}".strip() for n in self.dilemma.standards)
        self._feedback.value = (
            feedback_box(f"Order: {result.ranking.message}", result.ranking.correct)
            + feedback_box(f"Action: {result.action.message}", result.action.correct)
            + f"<p><i>NASW standards to read: {html.escape(cited)}</i></p>"
        )
        self._update_score()
        say(self._message, "Well reasoned." if both else "Read the feedback, then go on.", ok=both)
        return result

    def _not_done(self) -> str | None:
        return None if self.dilemma.id in self.session.results else "Check this dilemma first."

    def _advance(self) -> bool:
        return self.session.advance()

    def _end_text(self) -> str:
        return "That was the last dilemma."

    def _show(self) -> None:
        d = self.dilemma
        shown = self._places[: len(d.principles)]
        for control in shown:
            control.options = _principle_options(sorted(d.principles))
            control.value = None
        self._ranking_box.children = shown
        self._present(
            f"<h4>Dilemma {self.session.position + 1} of {len(self.session.dilemmas)}: {html.escape(d.title)}</h4>"
            f"<p><i>Setting: {d.setting.replace('-', ' ')}</i></p><p>{html.escape(d.narrative)}</p>"
            f"<p><b>{html.escape(d.prompt)}</b></p>",
            [(o.text, o.key) for o in d.options],
        )

    def _update_score(self) -> None:
        orders, actions, answered = self.session.score
        self._score.value = (
            f"<p>So far: principles in the Screen's order in {orders} of {answered}; "
            f"best action in {actions} of {answered}.</p>"
        )


class ReamerWorksheetView(View):
    """Work a dilemma through Reamer's seven steps and make a structured decision record."""

    CSS_CLASS = "mswlab-reamer-worksheet"
    OPTIONS = 3

    def __init__(self, dilemma_id: str | None = None) -> None:
        frameworks = ethics_frameworks()
        self.dilemma = next((d for d in load_dilemmas() if d.id == dilemma_id), None) if dilemma_id else None
        if dilemma_id and self.dilemma is None:
            raise ValidationError(
                f"there is no dilemma '{dilemma_id}' in datasets/ethics/dilemmas.yaml", field="dilemma"
            )
        self.record: ethics.DecisionRecord | None = None
        steps = {s.id: s for s in frameworks.reamer_steps}

        def box(placeholder: str) -> W.Textarea:
            return W.Textarea(placeholder=placeholder, layout=wide(width="100%", height="60px"))

        self._fields: dict[str, W.Widget] = {
            "issues": box("The ethical issues, and the values or duties that conflict"),
            "principles": W.SelectMultiple(
                options=[(p.name, p.id) for p in frameworks.screen],
                rows=7,
                description="Principles in conflict:",
                style=LABEL,
                layout=W.Layout(width="520px"),
            ),
            "affected": box("People, groups and organizations affected"),
            "consultation": box("Whom you consulted and what they advised"),
            "decision": W.Dropdown(options=[("Choose an option", None)], description="I decide on:", style=LABEL),
            "decision_reason": box("Why this option"),
            "monitoring": box("How you will follow up, evaluate and document"),
        }
        self._options = [box(f"Option {i + 1}") for i in range(self.OPTIONS)]
        self._for = [box(f"Reasons for option {i + 1}") for i in range(self.OPTIONS)]
        self._against = [box(f"Reasons against option {i + 1}") for i in range(self.OPTIONS)]
        self._messages: dict[str, W.HTML] = {"options": W.HTML()}
        for o in self._options:
            o.observe(lambda _: self._refresh_decision(), names="value")

        def field(name: str, control: W.Widget) -> W.VBox:
            self._messages[name] = W.HTML()
            control.observe(lambda _: say(self._messages[name], ""), names="value")
            return W.VBox([control, self._messages[name]])

        def step(step_id: str, *controls: W.Widget) -> W.VBox:
            s = steps[step_id]
            return W.VBox(
                [W.HTML(f"<p><b>Step {s.number}. {html.escape(s.name)}.</b> {html.escape(s.prompt)}</p>"), *controls],
                layout=W.Layout(border_bottom="1px solid #cfd8dc", padding="4px 0"),
            )

        option_rows = []
        for i in range(self.OPTIONS):
            option_rows.append(field(f"options[{i}]", self._options[i]))
        weigh_rows = []
        for i in range(self.OPTIONS):
            weigh_rows += [field(f"reasons_for[{i}]", self._for[i]), field(f"reasons_against[{i}]", self._against[i])]
        self._make = W.Button(description="Make my decision record", button_style="primary")
        self._make.on_click(lambda _: self.make_record())
        self._message = W.HTML()
        self._record = W.HTML(layout=WIDE)
        intro = (
            "<h3>Reamer worksheet</h3><p>Work through the seven steps. Write in full sentences; "
            "a decision record is something a supervisor or a board could read.</p>"
        )
        if self.dilemma:
            intro += f"<h4>{html.escape(self.dilemma.title)}</h4><p>{html.escape(self.dilemma.narrative)}</p>"
        super().__init__(
            [
                W.HTML(intro),
                step(
                    "identify-issues",
                    field("issues", self._fields["issues"]),
                    field("principles", self._fields["principles"]),
                ),
                step("who-is-affected", field("affected", self._fields["affected"])),
                step("possible-actions", *option_rows, self._messages["options"]),
                step("weigh-reasons", *weigh_rows),
                step("consult", field("consultation", self._fields["consultation"])),
                step(
                    "decide-and-document",
                    field("decision", self._fields["decision"]),
                    field("decision_reason", self._fields["decision_reason"]),
                ),
                step("monitor-and-evaluate", field("monitoring", self._fields["monitoring"])),
                self._make,
                self._message,
                self._record,
            ]
        )

    def _refresh_decision(self) -> None:
        chosen = self._fields["decision"].value
        self._fields["decision"].options = [("Choose an option", None)] + [
            (f"Option {i + 1}: {o.value.strip()[:60]}", i) for i, o in enumerate(self._options) if o.value.strip()
        ]
        if chosen is not None and chosen in [v for _, v in self._fields["decision"].options]:
            self._fields["decision"].value = chosen
        say(self._messages["options"], "")

    def fill(
        self,
        *,
        options: list[str] | None = None,
        reasons_for: list[str] | None = None,
        reasons_against: list[str] | None = None,
        **answers,
    ) -> None:
        """Type into the worksheet from Python: the twin of filling in each box."""
        for controls, texts in ((self._options, options), (self._for, reasons_for), (self._against, reasons_against)):
            for control, text in zip(controls, texts or []):
                control.value = text
        for name, value in answers.items():
            self._fields[name].value = tuple(value) if name == "principles" else value

    def answers(self) -> ethics.ReamerAnswers:
        f = self._fields
        return ethics.ReamerAnswers(
            issues=f["issues"].value,
            principles=list(f["principles"].value),
            affected=f["affected"].value,
            options=[o.value for o in self._options],
            reasons_for=[r.value for r in self._for],
            reasons_against=[r.value for r in self._against],
            consultation=f["consultation"].value,
            decision=f["decision"].value,
            decision_reason=f["decision_reason"].value,
            monitoring=f["monitoring"].value,
        )

    def make_record(self) -> ethics.DecisionRecord | None:
        """Check every step; show a message beside each gap, or the decision record."""
        answers = self.answers()
        problems = ethics.reamer_problems(answers)
        for name, widget in self._messages.items():
            say(widget, problems.get(name, ""))
        if problems:
            self.record = None
            self._record.value = ""
            say(self._message, f"{len(problems)} part(s) still need an answer; see the notes beside them.")
            return None
        self.record = ethics.decision_record(answers, dilemma=self.dilemma)
        self._record.value = (
            f"<div style='border:1px solid #90a4ae;padding:8px'>"
            f"{_markdown_html(self.record.as_markdown())}</div>"
            "<p>Copy this record into your notes or your assignment.</p>"
        )
        say(self._message, "Your decision record is ready below.", ok=True)
        return self.record

    def message_for(self, name: str) -> str:
        return text_of(self._messages[name])

    @property
    def record_markdown(self) -> Markdown | None:
        return Markdown(self.record.as_markdown()) if self.record else None


def _markdown_html(text: str) -> str:
    """The record's light Markdown (bold, italics, headings, lines) as safe HTML."""
    out = []
    for line in html.escape(text).split("\n"):
        line = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", line)
        line = re.sub(r"\*(.+?)\*", r"<i>\1</i>", line)
        if line.startswith("### "):
            line = f"<h4>{line[4:]}</h4>"
        out.append(line)
    return "<br>".join(out)


def dilemma_practice(dilemma_id: str | None = None) -> DilemmaPracticeView:
    """Practice every dilemma in turn, or one dilemma by id."""
    return DilemmaPracticeView([dilemma_id] if dilemma_id else None)


def reamer_worksheet(dilemma_id: str | None = None) -> ReamerWorksheetView:
    """A Reamer worksheet, on a dilemma from the bank or on one of your own."""
    return ReamerWorksheetView(dilemma_id)
