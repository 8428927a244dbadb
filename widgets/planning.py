"""Treatment-planning views: judge objectives against SMART, and build a plan that exports as a table.

Thin views over ``mswlab.planning``: the engine's rules decide; these views ask and show.
Python twins: ``judge``, ``submit``, ``next`` on the practice; ``fill``, ``check_objectives``
and ``make_plan`` on the builder.
"""

from __future__ import annotations

import html

import ipywidgets as W

from mswlab import planning
from mswlab.content import smart_objectives, vignette
from widgets.feedback import WIDE, feedback_box, say, text_of, wide
from widgets.keyboard import mark_navigation
from widgets.view import View, shown_text

CRITERION_HINTS = {
    "measurable": "says how much or how often",
    "time_bound": "says by when",
    "one_behaviour": "asks for one behavior",
    "client_owned": "the person is the one who acts",
}


class SmartPracticeView(View):
    """Tick the SMART criteria an objective meets; the engine's rules give feedback on each."""

    CSS_CLASS = "mswlab-smart-practice"

    def __init__(self) -> None:
        self.objectives = list(smart_objectives())
        self.position = 0
        self.results: dict[str, bool] = {}  # objective id -> every criterion judged right
        self._text = W.HTML(layout=WIDE)
        self._boxes = {
            c: W.Checkbox(
                description=f"{planning.CRITERION_NAMES[c]}: it {CRITERION_HINTS[c]}",
                indent=False,
                layout=W.Layout(width="auto"),
            )
            for c in planning.CRITERIA
        }
        self._check = W.Button(description="Check", button_style="primary")
        self._next = W.Button(description="Next objective")
        self._feedback = W.HTML(layout=WIDE)
        self._message = W.HTML()
        self._score = W.HTML()
        self._check.on_click(lambda _: self.submit())
        self._next.on_click(lambda _: self.next())
        mark_navigation(stem=self._text, advance=[self._next])
        super().__init__(
            [
                W.HTML(
                    "<h3>Is it SMART?</h3><p>Tick every criterion the objective meets (leave the others "
                    "unticked), then select <b>Check</b>.</p>"
                ),
                self._text,
                W.VBox(list(self._boxes.values())),
                W.HBox([self._check, self._next]),
                self._message,
                self._feedback,
                self._score,
            ]
        )
        self._show()

    @property
    def objective(self):
        return self.objectives[self.position]

    def judge(self, **meets: bool) -> None:
        """Tick or untick criteria by name: ``judge(measurable=True, time_bound=False)``."""
        for criterion, value in meets.items():
            self._boxes[criterion].value = value

    def submit(self) -> bool:
        """Compare the ticks with the engine's verdicts; True when every criterion was judged right."""
        judged = planning.judge_criteria(self.objective, {c: box.value for c, box in self._boxes.items()})
        self.results.setdefault(self.objective.id, judged.correct)
        self._feedback.value = feedback_box(judged.summary, judged.correct) + "".join(
            f"<p>{html.escape(line)}</p>" for line in judged.criteria
        )
        done = sum(self.results.values())
        self._score.value = f"<p>Judged fully right: {done} of {len(self.results)} objectives.</p>"
        return judged.correct

    def next(self) -> bool:
        if self.objective.id not in self.results:
            say(self._message, "Check this objective first.")
            return False
        if self.position + 1 >= len(self.objectives):
            say(self._message, "That was the last objective.")
            return False
        self.position += 1
        self._show()
        return True

    feedback_text = shown_text("_feedback")

    message_text = shown_text("_message")

    def _show(self) -> None:
        n = self.position + 1
        self._text.value = (
            f"<p><b>Objective {n} of {len(self.objectives)}</b></p>"
            f"<blockquote>{html.escape(self.objective.text)}</blockquote>"
        )
        for box in self._boxes.values():
            box.value = False
        self._feedback.value = ""
        say(self._message, "")


class TreatmentPlanBuilderView(View):
    """Problem, goal, strengths, SMART objectives, interventions and measures; export as a table."""

    CSS_CLASS = "mswlab-treatment-plan"
    OBJECTIVES = 3

    def __init__(self, case_id: str | None = None) -> None:
        self.plan: planning.TreatmentPlan | None = None
        intro = "<h3>Treatment plan builder</h3><p>Write the plan with the person: their goal in their words.</p>"
        if case_id:
            case = vignette(case_id)
            intro += f"<p>For the case <i>{html.escape(case.title)}</i>.</p>"

        def area(placeholder: str) -> W.Textarea:
            return W.Textarea(placeholder=placeholder, layout=wide(width="100%", height="56px"))

        self._fields = {
            "problem": area("The problem, in a sentence"),
            "goal": area("The person's goal, in their words"),
            "strengths": area("Strengths the plan builds on"),
            "interventions": area("What you and the person will do (interventions)"),
            "measures": area("How progress will be measured"),
        }
        self._objectives = [
            W.Text(
                placeholder=f"Objective {i + 1}, e.g. 'Ana will walk 20 minutes on 4 days a week by June 1.'",
                layout=wide(width="100%"),
            )
            for i in range(self.OBJECTIVES)
        ]
        self._messages: dict[str, W.HTML] = {}
        rows = []
        for name in ("problem", "goal", "strengths"):
            rows.append(self._with_message(name, self._fields[name]))
        rows.append(W.HTML("<b>SMART objectives</b>"))
        rows += [self._with_message(f"objectives[{i}]", box) for i, box in enumerate(self._objectives)]
        self._messages["objectives"] = W.HTML()
        rows.append(self._messages["objectives"])
        for name in ("interventions", "measures"):
            rows.append(self._with_message(name, self._fields[name]))
        self._check = W.Button(description="Check my objectives")
        self._make = W.Button(description="Make my plan", button_style="primary")
        self._check.on_click(lambda _: self.check_objectives())
        self._make.on_click(lambda _: self.make_plan())
        self._message = W.HTML()
        self._table = W.HTML(layout=W.Layout(max_width="100%"))
        super().__init__(
            [
                W.HTML(intro),
                *rows,
                W.HBox([self._check, self._make]),
                self._message,
                self._table,
            ]
        )

    def _with_message(self, name: str, control: W.Widget) -> W.VBox:
        self._messages[name] = W.HTML()
        control.observe(lambda _: say(self._messages[name], ""), names="value")
        return W.VBox([control, self._messages[name]])

    def fill(self, *, objectives: list[str] | None = None, **fields: str) -> None:
        """Type into the builder from Python (the twin of filling in each box)."""
        for box, text in zip(self._objectives, objectives or []):
            box.value = text
        for name, text in fields.items():
            self._fields[name].value = text

    def _current(self) -> planning.TreatmentPlan:
        return planning.TreatmentPlan(
            objectives=[o.value for o in self._objectives], **{name: box.value for name, box in self._fields.items()}
        )

    def check_objectives(self) -> list[list[planning.CriterionResult]]:
        """Check each written objective against the SMART rules; messages go beside each."""
        results = []
        for i, box in enumerate(self._objectives):
            if not box.value.strip():
                say(self._messages[f"objectives[{i}]"], "")
                continue
            verdicts = planning.check_objective(box.value)
            results.append(verdicts)
            failed = [r for r in verdicts if not r.passed]
            say(
                self._messages[f"objectives[{i}]"],
                "SMART by every rule."
                if not failed
                else " ".join(f"{planning.CRITERION_NAMES[r.criterion]}: {r.message}" for r in failed),
                ok=not failed,
            )
        if not results:
            say(self._message, "Write at least one objective first.")
        return results

    def make_plan(self) -> planning.TreatmentPlan | None:
        """Show what is missing beside each box, or the plan as a table."""
        plan = self._current()
        problems = plan.problems()
        for name, widget in self._messages.items():
            say(widget, problems.get(name, ""))
        if problems:
            self.plan = None
            self._table.value = ""
            say(self._message, f"{len(problems)} part(s) need attention; see the notes beside them.")
            return None
        self.plan = plan
        table = plan.table().to_html(index=False, escape=True, border=0)
        self._table.value = (
            f"<h4>Treatment plan</h4>{table}<p>Markdown to copy into a note or an assignment:</p>"
            f"<pre style='white-space:pre-wrap'>{html.escape(plan.as_markdown())}</pre>"
        )
        say(self._message, "Your plan is ready below.", ok=True)
        return plan

    def message_for(self, name: str) -> str:
        return text_of(self._messages[name])

    message_text = shown_text("_message")


def smart_practice() -> SmartPracticeView:
    return SmartPracticeView()


def treatment_plan_builder(case_id: str | None = None) -> TreatmentPlanBuilderView:
    """A plan builder, optionally for a library case (named at the top)."""
    return TreatmentPlanBuilderView(case_id)
