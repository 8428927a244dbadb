"""The case library views: an explorer with filters and a coverage chart, and decision practice.

Thin views over ``mswlab.library`` (filters, coverage) and ``mswlab.decisions`` (the path
through a case's decision points, judged by the one practice engine). Every control has a
Python twin: ``filter``, ``read``, ``practice``, ``choose``, ``submit``, ``next``.
"""

from __future__ import annotations

import html

import ipywidgets as W

from mswlab import figures, library
from mswlab.content import load_curriculum
from mswlab.content import vignette as load_case
from mswlab.content import vignettes as load_cases
from mswlab.content.models import Option
from mswlab.content.vignettes import Vignette
from mswlab.decisions import CaseSession
from mswlab.errors import ValidationError
from mswlab.practice import Feedback
from widgets.charts import Chart
from widgets.choice import ChoiceView
from widgets.feedback import LABEL, WIDE, say, wide
from widgets.view import View, shown_text

ANY = ("Any", None)


class DecisionPracticeView(ChoiceView):
    """Step through a case's decision points with feedback, then compare your path with the recommended one."""

    CSS_CLASS = "mswlab-decision-practice"
    CHOICE_LABEL = "Your choice:"
    CHOOSE_FIRST = "Choose an option first, then select Check answer."
    NO_QUESTION = "This case is finished; see the summary below."

    def __init__(self, case: Vignette) -> None:
        self.session = CaseSession(case)
        self._title = W.HTML(f"<h4>Decisions: {html.escape(case.title)}</h4>")
        self._summary = W.HTML(layout=WIDE)
        super().__init__(next_label="Next decision")
        self._prompt = self._stem
        self._answered = False
        self._lay_out(above=[self._title], below=[self._summary])
        self._show()

    summary_text = shown_text("_summary")

    def _options(self) -> tuple[Option, ...] | None:
        point = self.session.current
        return None if point is None else point.options

    def _not_ready(self) -> str | None:
        if self._answered:
            return "You have answered this decision; select Next decision."
        return super()._not_ready()

    def _judge(self) -> Feedback:
        return self.session.choose(self._choices.value)

    def _show_result(self, result: Feedback) -> Feedback:
        self._answered = True
        super()._show_result(result)
        if self.session.finished:
            self._show_summary()
        return result

    def _not_done(self) -> str | None:
        return None if self._answered else "Answer this decision first."

    def _advance(self) -> bool:
        return not self.session.finished  # the session has already moved to the next point on the path

    def _end_text(self) -> str:
        return "That was the last decision on your path; see the summary below."

    def _show(self) -> None:
        point = self.session.current
        correct, answered = self.session.score
        self._present(
            f"<p><b>Decision {answered + 1}</b> ({correct} of {answered} best so far)</p>"
            f"<p>{html.escape(point.prompt)}</p>",
            [(o.text, o.key) for o in point.options],
        )
        self._answered = False

    def _show_summary(self) -> None:
        table = self.session.summary()
        correct, answered = self.session.score
        rows = "".join(
            f"<tr><td>{html.escape(r.prompt)}</td><td>{html.escape(r.your_choice or 'not on your path')}</td>"
            f"<td>{html.escape(r.best_choice if r.on_recommended_path else 'not on the recommended path')}</td></tr>"
            for r in table.itertuples()
        )
        self._summary.value = (
            f"<h4>Your path and the recommended path</h4><p>You chose the best option at {correct} of {answered} "
            "decisions. Where a weaker choice opened a follow-up decision, it appears only on your path.</p>"
            "<table><thead><tr><th>Decision</th><th>Your choice</th><th>Recommended</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )


class VignetteExplorer(View):
    """Filter the case library, read a case and start its decision practice; see what the library covers."""

    CSS_CLASS = "mswlab-vignette-explorer"

    def __init__(self) -> None:
        self.cases = load_cases()
        modules = {m.id: m.title for m in load_curriculum().modules}
        used_modules = sorted({m for c in self.cases for m in c.modules})
        self._setting = W.Dropdown(
            options=[ANY] + [(s.replace("-", " "), s) for s in library.SETTINGS], description="Setting:", style=LABEL
        )
        self._stage = W.Dropdown(
            options=[ANY] + [(s.replace("-", " "), s) for s in library.LIFE_STAGES],
            description="Life stage:",
            style=LABEL,
        )
        self._level = W.Dropdown(
            options=[ANY, ("micro", "micro"), ("mezzo", "mezzo"), ("macro", "macro")], description="Level:", style=LABEL
        )
        self._module = W.Dropdown(
            options=[ANY] + [(f"{m[:2]} {modules.get(m, m)}", m) for m in used_modules],
            description="Module:",
            style=LABEL,
        )
        self._competency = W.Dropdown(
            options=[ANY] + [(str(n), n) for n in range(1, 10)], description="CSWE competency:", style=LABEL
        )
        self._list = W.Select(options=[], description="Cases:", style=LABEL, rows=8, layout=wide(width="100%"))
        self._count = W.HTML()
        self._read = W.Button(description="Read case", button_style="primary")
        self._practise = W.Button(description="Practice its decisions")
        self._case = W.HTML(layout=WIDE)
        self._message = W.HTML()
        self._practice_box = W.VBox()
        self.practice: DecisionPracticeView | None = None
        self._opened: Vignette | None = None
        self._chart = Chart(figures.vignette_coverage(library.coverage(self.cases)))
        self.figure = self._chart.figure
        for control in (self._setting, self._stage, self._level, self._module, self._competency):
            control.observe(lambda _: self.filter(), names="value")
        self._read.on_click(lambda _: self.read())
        self._practise.on_click(lambda _: self.practise())
        super().__init__(
            [
                W.HTML(
                    "<h3>Case library</h3><p>Choose filters, pick a case, read it, then practice its decisions. "
                    "Every case is fictional.</p>"
                ),
                W.HBox([self._setting, self._stage, self._level]),
                W.HBox([self._module, self._competency]),
                self._count,
                self._list,
                W.HBox([self._read, self._practise]),
                self._message,
                self._case,
                self._practice_box,
                self._chart,
            ]
        )
        self.filter()

    def filter(self, **chosen) -> list[str]:
        """Apply filters (setting, life_stage, level, module, competency); return the matching case ids."""
        controls = {
            "setting": self._setting,
            "life_stage": self._stage,
            "level": self._level,
            "module": self._module,
            "competency": self._competency,
        }
        for name, value in chosen.items():
            controls[name].value = value
        found = library.matching(self.cases, **{k: c.value for k, c in controls.items()})
        self._list.options = [
            (f"{c.title} ({c.setting.replace('-', ' ')}, {c.population.life_stage})", c.id) for c in found
        ]
        self._count.value = f"<p>{len(found)} of {len(self.cases)} cases match.</p>"
        return [c.id for c in found]

    def read(self, case_id: str | None = None) -> Vignette | None:
        """Show a case (the selected one if no id is given)."""
        case_id = case_id or self._list.value
        if case_id is None:
            say(self._message, "Pick a case from the list first.")
            return None
        case = load_case(case_id)
        if case_id in [value for _, value in self._list.options]:
            self._list.value = case_id
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in case.narrative.split("\n\n"))
        self._case.value = (
            f"<h4>{html.escape(case.title)}</h4><p><i>{html.escape(case.population.description)}; "
            f"setting: {case.setting.replace('-', ' ')}; levels: {', '.join(case.levels)}</i></p>"
            f"{paragraphs}"
        )
        say(self._message, "")
        self._opened = case
        return case

    def practise(self) -> DecisionPracticeView | None:
        """Start decision practice on the open case."""
        case = self._opened or self.read()
        if case is None:
            return None
        try:
            self.practice = DecisionPracticeView(case)
        except ValidationError as err:
            say(self._message, err.message)
            return None
        self._practice_box.children = [self.practice]
        return self.practice

    case_text = shown_text("_case")

    message_text = shown_text("_message")


def vignette_explorer() -> VignetteExplorer:
    return VignetteExplorer()


def decision_practice(case_id: str) -> DecisionPracticeView:
    """Decision practice on one case, by id."""
    return DecisionPracticeView(load_case(case_id))
