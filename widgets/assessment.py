"""Assessment views: the BPSS builder, the ecomap builder and SAFE-T risk triage practice.

Thin views over ``mswlab.assessment``: the engine judges every answer and writes every
piece of feedback; these classes lay it out. Each control has a Python twin (``sort``,
``check``, ``add``, ``mark_factors`` ...) so tests drive them without a browser.
"""

from __future__ import annotations

import html

import ipywidgets as W
import plotly.graph_objects as go

from mswlab import assessment, assessment_figures
from mswlab.content import vignette, vignettes
from mswlab.errors import ValidationError
from widgets.charts import Chart
from widgets.choice import choice_group
from widgets.feedback import LABEL, READABLE, WIDE, say, wide
from widgets.view import View, shown_text

_CHOOSE = "(choose)"


def _case_html(case) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in case.narrative.split("\n") if p.strip())
    return (
        f"<h4>{html.escape(case.title)}</h4><p><i>{html.escape(case.population.description)}; "
        f"setting: {html.escape(case.setting.replace('-', ' '))}</i></p>{paragraphs}"
    )


def _safety_banner() -> W.HTML:
    return W.HTML(
        f'<div role="note" style="border:2px solid #0d47a1;padding:6px 10px;max-width:{READABLE}">'
        f"<b>Safety note.</b> {html.escape(assessment.SAFETY_NOTE)}</div>"
    )


class BPSSBuilderView(View):
    """Sort each fact of a case into a domain and mark its source; feedback and a summary."""

    CSS_CLASS = "mswlab-bpss-builder"

    def __init__(self, case_id: str) -> None:
        self.record = assessment.BPSSRecord(vignette(case_id))
        self._domain: dict[str, W.Dropdown] = {}
        self._source: dict[str, W.Dropdown] = {}
        self._feedback: dict[str, W.HTML] = {}
        rows = []
        for fact in self.record.case.facts:
            d = W.Dropdown(
                options=[_CHOOSE, *assessment.DOMAINS], description="Domain:", layout=W.Layout(width="220px")
            )
            s = W.Dropdown(
                options=[_CHOOSE, *assessment.SOURCES], description="Source:", layout=W.Layout(width="220px")
            )
            fb = W.HTML(layout=WIDE)
            self._domain[fact.id], self._source[fact.id], self._feedback[fact.id] = d, s, fb
            rows.append(
                W.VBox(
                    [W.HTML(f"<b>{html.escape(fact.text)}</b>"), W.HBox([d, s]), fb],
                    layout=W.Layout(border_bottom="1px solid #cfd8dc", padding="4px 0"),
                )
            )
        hints = "".join(f"<li><b>{d}</b>: {html.escape(h)}</li>" for d, h in assessment.DOMAIN_HINTS.items())
        sources = "".join(f"<li><b>{s}</b>: {html.escape(h)}</li>" for s, h in assessment.SOURCE_HINTS.items())
        self._check = W.Button(description="Check my assessment", button_style="primary")
        self._check.on_click(lambda _: self.check())
        self._summary = W.HTML()
        self._strength = W.Text(
            description="A strength you noticed:",
            style=LABEL,
            layout=W.Layout(width="520px"),
        )
        self._add_strength = W.Button(description="Add strength")
        self._add_strength.on_click(lambda _: self.add_strength(self._strength.value))
        self._strength_msg = W.HTML()
        self._note = W.Textarea(
            description="Summary for a note:",
            rows=12,
            style=LABEL,
            layout=wide(width="100%"),
        )
        super().__init__(
            [
                W.HTML("<h3>BPSS assessment builder</h3>"),
                W.HTML(_case_html(self.record.case), layout=WIDE),
                W.HTML(
                    f"<details><summary>What goes in each domain, and the sources</summary><ul>{hints}</ul>"
                    f"<ul>{sources}</ul></details>"
                ),
                *rows,
                W.HBox([self._strength, self._add_strength]),
                self._strength_msg,
                self._check,
                self._summary,
                self._note,
            ]
        )

    def sort(self, fact_id: str, domain: str, source: str | None = None) -> None:
        """Choose a domain (and source) for a fact, as the dropdowns do; an unknown id raises."""
        self.record.case.fact(fact_id)
        self._domain[fact_id].value = domain
        if source is not None:
            self._source[fact_id].value = source

    def add_strength(self, text: str) -> bool:
        """Add a strength in the student's own words; it goes into the summary."""
        try:
            self.record.add_strength(text)
        except ValidationError as err:
            say(self._strength_msg, err.message)
            return False
        say(self._strength_msg, f"Added: {text.strip()}", ok=True)
        self._strength.value = ""
        self._note.value = self.record.summary_text()
        return True

    def check(self) -> assessment.Completeness:
        self.record.placements.clear()
        for fid, d in self._domain.items():
            if d.value != _CHOOSE:
                source = self._source[fid].value
                self.record.place(fid, d.value, None if source == _CHOOSE else source)
            say(self._feedback[fid], "")
        result = self.record.completeness()
        for fb in result.feedback:
            say(self._feedback[fb.fact_id], fb.message, ok=fb.correct)
        for fid in result.missing:
            say(self._feedback[fid], "Not placed yet: choose a domain.")
        say(self._summary, result.summary(), ok=result.complete)
        self._note.value = self.record.summary_text()
        return result

    @property
    def note_text(self) -> str:
        return self._note.value


class EcomapBuilderView(View):
    """Add systems, set each connection and its flow, and see the ecomap redrawn."""

    CSS_CLASS = "mswlab-ecomap"

    def __init__(self, case_id: str | None = None, centre: str = "Client") -> None:
        case = vignette(case_id) if case_id else None
        if case is not None and case.ecomap is None:
            raise ValidationError(f"case '{case_id}' has no sample ecomap", field="case")
        self.map = assessment.Ecomap.from_spec(case.ecomap) if case else assessment.Ecomap(centre)
        self.title = f"Ecomap: {case.title}" if case else "My ecomap"
        self._system = W.Text(description="System:", placeholder="e.g. Food bank")
        self._kind = W.Dropdown(description="Kind:", options=assessment.SYSTEM_KINDS, value="other")
        self._connection = W.Dropdown(description="Connection:", options=assessment.CONNECTIONS)
        self._flow = W.Dropdown(
            description="Flow:",
            value="both",
            options=[(assessment.FLOW_WORDS[f], f) for f in assessment.FLOWS],
            layout=W.Layout(width="420px"),
        )
        self._add = W.Button(description="Add to map", button_style="primary")
        self._remove = W.Button(description="Remove this system")
        self._add.on_click(
            lambda _: self.add(self._system.value, self._kind.value, self._connection.value, self._flow.value)
        )
        self._remove.on_click(lambda _: self.remove(self._system.value))
        self._message = W.HTML()
        self._system.observe(lambda _: say(self._message, ""), names="value")
        self._text = W.HTML(layout=WIDE)
        self._chart = Chart()
        notation = "".join(f"<li>{html.escape(v)}</li>" for v in assessment.NOTATION.values())
        super().__init__(
            [
                W.HTML(
                    "<h3>Ecomap builder</h3><p>Name a system in the person's life, choose its kind, "
                    f"how strong the connection is, and which way energy or resources flow.</p><ul>{notation}"
                    "<li>arrows: the direction energy or resources flow</li></ul>"
                ),
                W.HBox([self._system, self._kind]),
                W.HBox([self._connection, self._flow]),
                W.HBox([self._add, self._remove]),
                self._message,
                self._chart,
                self._text,
            ]
        )
        self._redraw()

    def add(self, system: str, kind: str = "other", connection: str = "strong", flow: str = "both") -> bool:
        try:
            link = self.map.add(system, kind, connection, flow)
        except ValidationError as err:
            say(self._message, err.message)
            return False
        say(self._message, f"Added {link.system}.", ok=True)
        self._system.value = ""
        self._redraw()
        return True

    def remove(self, system: str) -> bool:
        try:
            self.map.remove(system)
        except ValidationError as err:
            say(self._message, err.message)
            return False
        say(self._message, f"Removed {system.strip()}.", ok=True)
        self._redraw()
        return True

    message_text = shown_text("_message")

    def _figure(self) -> go.Figure:
        return assessment_figures.ecomap(self.map.centre, self.map.links, self.title)

    def _redraw(self) -> None:
        self.figure = self._chart.draw(self._figure())
        items = "".join(f"<li>{html.escape(s)}</li>" for s in self.map.describe())
        self._text.value = f"<p><b>The map in words</b></p><ul>{items}</ul>" if items else ""


class RiskTriageView(View):
    """SAFE-T practice on one case: factors, inquiry, level and action, then a documentation note."""

    CSS_CLASS = "mswlab-risk-triage"

    def __init__(self, case_id: str | None = None) -> None:
        self.cases = assessment.triage_cases(vignettes()) if case_id is None else [vignette(case_id)]
        if not self.cases or self.cases[0].triage is None:
            raise ValidationError(f"case '{case_id}' has no triage key", field="case")
        self._picker = W.Dropdown(
            description="Case:",
            options=[(c.title, c.id) for c in self.cases],
            layout=W.Layout(width="480px", display="" if case_id is None else "none"),
        )
        self._picker.observe(lambda change: self._show(change["new"]), names="value")
        self._case = W.HTML(layout=WIDE)
        self._facts = W.VBox()
        self._check_factors = W.Button(description="Check steps 1 and 2", button_style="primary")
        self._factor_summary = W.HTML()
        self._inquiry = W.HTML(layout=WIDE)
        self._level = choice_group("Risk level:", assessment.RISK_LEVELS)
        self._action = choice_group("Next action:")
        self._action_prompt = W.HTML()
        self._check_decision = W.Button(description="Check step 4", button_style="primary")
        self._decision = W.HTML(layout=WIDE)
        self._note = {
            name: W.Textarea(
                description=name.replace("_", " ").capitalize() + ":",
                rows=2,
                style={"description_width": "160px"},
                layout=wide(width="100%"),
            )
            for name in assessment.NOTE_FIELDS
        }
        self._check_note = W.Button(description="Check my note", button_style="primary")
        self._note_feedback = W.HTML(layout=WIDE)
        self._check_factors.on_click(lambda _: self.check_factors())
        self._check_decision.on_click(lambda _: self.check_decision())
        self._check_note.on_click(lambda _: self.check_note())
        steps = assessment.SAFE_T_STEPS
        super().__init__(
            [
                W.HTML("<h3>Risk triage practice (SAFE-T)</h3>"),
                _safety_banner(),
                self._picker,
                self._case,
                W.HTML(
                    f"<h4>Steps 1 and 2: {steps[0]}; {steps[1].lower()}</h4><p>Mark each fact as a risk "
                    "factor, a protective factor, or neither.</p>"
                ),
                self._facts,
                self._check_factors,
                self._factor_summary,
                W.HTML(f"<h4>Step 3: {steps[2]}</h4>"),
                self._inquiry,
                W.HTML(f"<h4>Step 4: {steps[3]}</h4>"),
                self._level,
                self._action_prompt,
                self._action,
                self._check_decision,
                self._decision,
                W.HTML(
                    f"<h4>Step 5: {steps[4]}</h4><p>Write each part in a sentence or two "
                    "(at least five words each). The note states the risk level, names this "
                    "person's protective factors, says what you did and whom you consulted.</p>"
                ),
                *self._note.values(),
                self._check_note,
                self._note_feedback,
            ]
        )
        self._show(self.cases[0].id)

    # --- programmatic twins -----------------------------------------------------------

    def pick(self, case_id: str) -> None:
        self._picker.value = case_id

    def mark_factors(self, risk=(), protective=()) -> None:
        for fid, box in self._marks.items():
            box.value = "risk" if fid in risk else "protective" if fid in protective else "neither"

    def check_factors(self) -> list[assessment.FactorFeedback]:
        groups = {
            group: [fid for fid, box in self._marks.items() if box.value == group]
            for group in ("risk", "protective", "neither")
        }
        results = assessment.judge_factors(self.case, **groups)
        right, line = assessment.factor_score(results)
        untouched = all(r.chosen == "unsorted" for r in results)  # then the summary line alone says so
        for r in [] if untouched else results:
            say(self._fact_feedback[r.fact_id], r.message, ok=r.correct)
        say(self._factor_summary, line, ok=right == len(results))
        return results

    def decide(self, level: str | None = None, action: str | None = None) -> None:
        if level is not None:
            self._level.value = level
        if action is not None:
            self._action.value = action

    def check_decision(self) -> bool | None:
        if self._level.value is None or self._action.value is None:
            say(self._decision, "Choose a risk level and a next action first.")
            return None
        level_ok, level_text = assessment.judge_level(self.case, self._level.value)
        action = assessment.judge_action(self.case, self._action.value)
        self.decision_text = f"{level_text} {action.message}"
        say(self._decision, self.decision_text, ok=level_ok and action.correct)
        return level_ok and action.correct

    def write_note(self, **parts: str) -> None:
        for name, text in parts.items():
            if name not in self._note:
                raise ValidationError(f"'{name}' is not part of the note", field=name)
            self._note[name].value = text

    def check_note(self) -> assessment.NoteCheck:
        result = assessment.check_note(self.case, **{n: w.value for n, w in self._note.items()})
        if result.complete:
            body = "Every part of the note is there. Compare it with this model note: " + self.case.triage.example_note
        else:
            body = f"Still missing ({', '.join(result.missing).replace('_', ' ')}): " + " ".join(result.reasons)
        self.note_feedback_text = body
        say(self._note_feedback, body, ok=result.complete)
        return result

    # --- rendering --------------------------------------------------------------------------

    def _show(self, case_id: str) -> None:
        self.case = next(c for c in self.cases if c.id == case_id)
        self._case.value = _case_html(self.case)
        self._marks, self._fact_feedback, rows = {}, {}, []
        for fact in self.case.facts:
            box = W.ToggleButtons(
                options=[("Risk", "risk"), ("Protective", "protective"), ("Neither", "neither")],
                value=None,
                description=" ",
                style={"button_width": "100px"},
            )  # not sorted yet
            fb = W.HTML(layout=WIDE)
            self._marks[fact.id], self._fact_feedback[fact.id] = box, fb
            rows.append(W.VBox([W.HTML(html.escape(fact.text)), box, fb]))
        self._facts.children = rows
        q = self.case.triage.inquiry
        self._inquiry.value = (
            "<p>You asked directly and calmly. The person's answers:</p><ul>"
            + "".join(
                f"<li><b>{k.capitalize()}:</b> {html.escape(v)}</li>"
                for k, v in (("thoughts", q.ideation), ("plan", q.plan), ("behavior", q.behavior), ("intent", q.intent))
            )
            + "</ul>"
        )
        self._level.value = None
        self._action.options = [(o.text, o.key) for o in self.case.triage.next_action.options]
        self._action.value = None
        self._action_prompt.value = f"<p>{html.escape(self.case.triage.next_action.prompt)}</p>"
        for w in (self._factor_summary, self._decision, self._note_feedback):
            say(w, "")
        for w in self._note.values():
            w.value = ""
        self.decision_text = self.note_feedback_text = ""


def bpss_builder(case_id: str) -> BPSSBuilderView:
    return BPSSBuilderView(case_id)


def ecomap_builder(case_id: str | None = None) -> EcomapBuilderView:
    return EcomapBuilderView(case_id)


def risk_triage(case_id: str | None = None) -> RiskTriageView:
    return RiskTriageView(case_id)
