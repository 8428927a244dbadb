"""Case-management views: progress-note practice (DAP or SOAP) and a referral planner.

Thin views over ``mswlab.casework``. Every control has a Python twin: ``pick``, ``sort``
and ``check`` on the note practice; ``choose`` and ``check`` on the planner.
"""

from __future__ import annotations

import html

import ipywidgets as W

from mswlab import casework
from mswlab.content import progress_notes, referral_plans, vignette
from mswlab.errors import ValidationError
from widgets.feedback import LABEL, WIDE, FeedbackBox, say, text_of, wide
from widgets.view import View, shown_text

CHOOSE = ("Choose", None)
ROW = W.Layout(border_bottom="1px solid #cfd8dc", padding="4px 0")


class ProgressNotePracticeView(View):
    """Sort a contact's statements into DAP or SOAP sections and flag wording that needs fixing."""

    CSS_CLASS = "mswlab-progress-note"

    def __init__(self, note_id: str | None = None, note_format: str = "DAP") -> None:
        self.notes = {n.id: n for n in progress_notes()}
        self.practice: casework.NotePractice | None = None
        self._note = W.Dropdown(
            options=[(n.title, n.id) for n in self.notes.values()],
            description="Contact:",
            style=LABEL,
            layout=W.Layout(width="520px"),
        )
        self._format = W.ToggleButtons(options=list(casework.FORMATS), description="Format:", style=LABEL)
        self._context = W.HTML(layout=WIDE)
        self._rows = W.VBox()
        self._check = W.Button(description="Check my note", button_style="primary")
        self._check.on_click(lambda _: self.check())
        self._message = W.HTML()
        self._result = W.HTML(layout=WIDE)
        self._sections: dict[str, W.Dropdown] = {}
        self._flags: dict[str, W.Checkbox] = {}
        self._feedback: dict[str, FeedbackBox] = {}
        super().__init__(
            [
                W.HTML(
                    "<h3>Progress-note practice</h3><p>Pick a contact and a format. For each statement choose "
                    "its section, and tick <b>Wording needs fixing</b> if it is subjective or judgmental (an "
                    "opinion or a label instead of what was seen and heard). Then select <b>Check my note</b>.</p>"
                ),
                W.HBox([self._note, self._format]),
                self._context,
                self._rows,
                self._check,
                self._message,
                self._result,
            ]
        )
        self.pick(note_id or next(iter(self.notes)), note_format)
        for control in (self._note, self._format):
            control.observe(lambda _: self._on_control(), names="value")

    def _on_control(self) -> None:
        if (self._note.value, self._format.value) != (self.practice.note.id, self.practice.format):
            self.pick(self._note.value, self._format.value)

    def pick(self, note_id: str, note_format: str = "DAP") -> bool:
        """Start over on a contact in a format (DAP or SOAP)."""
        if note_id not in self.notes:
            say(self._message, f"There is no contact '{note_id}'. Choose one from the list.")
            return False
        try:
            self.practice = casework.NotePractice(self.notes[note_id], note_format)
        except ValidationError as err:
            say(self._message, err.message)
            return False
        note = self.practice.note
        self._note.value, self._format.value = note_id, self.practice.format
        self._context.value = (
            f"<p><b>{html.escape(note.title)}</b> ({note.setting.replace('-', ' ')}). {html.escape(note.context)}</p>"
        )
        sections = [CHOOSE] + [(o.text, o.key) for o in casework.section_options(self.practice.format)]
        rows = []
        self._sections, self._flags, self._feedback = {}, {}, {}
        for i, statement in enumerate(note.statements, start=1):
            section = W.Dropdown(options=sections, description="Section:", layout=W.Layout(width="240px"))
            flag = W.Checkbox(description="Wording needs fixing", indent=False)
            feedback = FeedbackBox()
            self._sections[statement.id], self._flags[statement.id] = section, flag
            self._feedback[statement.id] = feedback
            rows.append(
                W.VBox(
                    [W.HTML(f"<p>{i}. {html.escape(statement.text)}</p>"), W.HBox([section, flag]), feedback],
                    layout=ROW,
                )
            )
        self._rows.children = rows
        self._result.value = ""
        say(self._message, "")
        return True

    def sort(self, statement_id: str, section: str, flagged: bool = False) -> bool:
        """Put one statement in a section, flagged or not."""
        if statement_id not in self._sections:
            say(self._message, f"This contact has no statement '{statement_id}'.")
            return False
        keys = [key for _, key in self._sections[statement_id].options if key]
        if section not in keys:
            say(
                self._message,
                f"'{section}' is not a {self.practice.format} section; choose one of " + ", ".join(keys) + ".",
            )
            return False
        self._sections[statement_id].value = section
        self._flags[statement_id].value = flagged
        return True

    def check(self) -> bool:
        """Judge every sorted statement; ask for the rest."""
        missing = 0
        for statement in self.practice.note.statements:
            chosen = self._sections[statement.id].value
            box = self._feedback[statement.id]
            if chosen is None:
                missing += 1
                say(box, "Choose a section for this statement.")
                continue
            result = self.practice.answer(statement.id, chosen, self._flags[statement.id].value)
            box.show(result.message, result.correct)
        sections_right, flags_right, answered = self.practice.score
        if missing:
            say(self._message, f"{missing} statement(s) still need a section.")
            return False
        say(
            self._message,
            f"Sections right: {sections_right} of {answered}. Wording judged right: {flags_right} of {answered}.",
            ok=sections_right == flags_right == answered,
        )
        parts = "".join(
            f"<p><b>{section.capitalize()}:</b> {html.escape(' '.join(lines))}</p>"
            for section, lines in self.practice.assembled().items()
        )
        self._result.value = f"<h4>The note in {self.practice.format} form, with better wording</h4>{parts}"
        return True

    message_text = shown_text("_message")

    def feedback_for(self, statement_id: str) -> str:
        return text_of(self._feedback[statement_id])

    result_text = shown_text("_result")


class ReferralPlannerView(View):
    """Match each of a case's needs to a service and a time frame, then see the referral plan."""

    CSS_CLASS = "mswlab-referral-planner"

    def __init__(self, plan_id: str) -> None:
        plans = {p.id: p for p in referral_plans()}
        if plan_id not in plans:
            raise ValidationError(
                f"there is no referral plan '{plan_id}'; choose one of " + ", ".join(plans), field="plan"
            )
        self.session = casework.ReferralSession(plans[plan_id])
        case = vignette(self.session.plan.vignette)
        self._service: dict[str, W.Dropdown] = {}
        self._when: dict[str, W.Dropdown] = {}
        self._feedback: dict[str, FeedbackBox] = {}
        rows = []
        for need in self.session.plan.needs:
            service = W.Dropdown(
                options=[CHOOSE] + [(o.text, o.key) for o in need.options],
                description="Service:",
                style=LABEL,
                layout=wide(width="100%"),
            )
            when = W.Dropdown(
                options=[CHOOSE] + [(casework.URGENCY_WORDS[u], u) for u in casework.URGENCY_ORDER],
                description="When:",
                style=LABEL,
                layout=W.Layout(width="220px"),
            )
            feedback = FeedbackBox()
            self._service[need.id], self._when[need.id], self._feedback[need.id] = service, when, feedback
            rows.append(
                W.VBox(
                    [
                        W.HTML(f"<p><b>Need:</b> {html.escape(need.need)}<br>{html.escape(need.prompt)}</p>"),
                        service,
                        when,
                        feedback,
                    ],
                    layout=ROW,
                )
            )
        self._check = W.Button(description="Check my plan", button_style="primary")
        self._check.on_click(lambda _: self.check())
        self._message = W.HTML()
        self._plan = W.HTML(layout=WIDE)
        super().__init__(
            [
                W.HTML(
                    f"<h3>Referral plan: {html.escape(self.session.plan.title)}</h3>"
                    f"<p>For the case <i>{html.escape(case.title)}</i>. For each need, choose the service that "
                    "fits best and how soon to make the referral, then select <b>Check my plan</b>. In practice "
                    "you make this plan with the person, and check each service's current eligibility rules.</p>"
                ),
                *rows,
                self._check,
                self._message,
                self._plan,
            ]
        )

    def choose(self, need_id: str, service: str, urgency: str) -> bool:
        """Pick a service (option key) and a time frame (today, this-week, this-month) for a need."""
        if need_id not in self._service:
            say(self._message, f"This plan has no need '{need_id}'.")
            return False
        keys = [key for _, key in self._service[need_id].options if key]
        when = urgency.strip().lower().replace(" ", "-")
        if service not in keys or when not in casework.URGENCY_ORDER:
            say(
                self._message,
                f"Choose a service ({', '.join(keys)}) and a time frame (today, this week or this month).",
            )
            return False
        self._service[need_id].value, self._when[need_id].value = service, when
        return True

    def check(self) -> bool:
        missing = 0
        for need in self.session.plan.needs:
            service, when = self._service[need.id].value, self._when[need.id].value
            if service is None or when is None:
                missing += 1
                say(self._feedback[need.id], "Choose a service and when to refer.")
                continue
            result = self.session.choose(need.id, service, when)
            self._feedback[need.id].show(result.message, result.service.correct and result.urgency_correct)
        services, timings, answered = self.session.score
        if missing:
            say(self._message, f"{missing} need(s) still need a service and a time frame.")
            return False
        say(
            self._message,
            f"Best service for {services} of {answered} needs; right timing for {timings} of {answered}.",
            ok=services == timings == answered,
        )
        table = self.session.plan_table()
        self._plan.value = "<h4>Your referral plan, soonest first</h4>" + table.to_html(
            index=False, escape=True, border=0
        )
        return True

    message_text = shown_text("_message")

    def feedback_for(self, need_id: str) -> str:
        return text_of(self._feedback[need_id])

    plan_text = shown_text("_plan")


def progress_note_practice(note_id: str | None = None, note_format: str = "DAP") -> ProgressNotePracticeView:
    return ProgressNotePracticeView(note_id, note_format)


def referral_planner(plan_id: str) -> ReferralPlannerView:
    return ReferralPlannerView(plan_id)
