"""Module 02's views: the career and settings explorer, and the skills self-inventory.

Thin views over ``mswlab.careers`` and the careers data. Python twins: ``filter``, ``show``,
``compare`` on the explorer; ``rate`` and ``show_profile`` on the inventory.
"""

from __future__ import annotations

import html

import ipywidgets as W
import plotly.graph_objects as go

from mswlab import career_figures
from mswlab import careers as engine
from mswlab.content import careers, practice_settings
from mswlab.errors import ValidationError
from widgets.charts import Chart
from widgets.feedback import LABEL, WIDE, say
from widgets.view import View, shown_text

ANY = "any"


class CareerExplorer(View):
    """Filter the career profiles by setting and skill, read one, compare two, and see the BLS figures."""

    CSS_CLASS = "mswlab-career-explorer"

    def __init__(self) -> None:
        data = careers()
        self.profiles = {c.id: c for c in data.careers}
        self.skill_names = {s.id: s.name for s in data.skills}
        settings = [(s.name, s.id) for s in practice_settings()]
        self._setting = W.Dropdown(
            options=[("Any setting", ANY)] + settings, value=ANY, description="Setting:", style=LABEL
        )
        self._skill = W.Dropdown(
            options=[("Any skill or trait", ANY)] + [(s.name, s.id) for s in data.skills],
            value=ANY,
            description="Skill or trait:",
            style=LABEL,
        )
        self._career = W.Dropdown(description="Career:", style=LABEL)
        self._other = W.Dropdown(
            options=[("(none)", ANY)] + [(c.title, c.id) for c in data.careers],
            value=ANY,
            description="Compare with:",
            style=LABEL,
        )
        self._count = W.HTML()
        self._profile = W.HTML(layout=WIDE)
        for box in (self._setting, self._skill):
            box.observe(lambda _: self._apply(), names="value")
        self._career.observe(lambda change: change["new"] and self.show(change["new"]), names="value")
        self._other.observe(lambda change: self._career.value and self.show(self._career.value), names="value")
        charts = {m: Chart(career_figures.occupation_bars(m)) for m in career_figures.MEASURES}
        self.figures = {m: chart.figure for m, chart in charts.items()}
        outlook = W.Tab(children=list(charts.values()))
        for i, measure in enumerate(self.figures):
            outlook.set_title(i, career_figures.MEASURES[measure][0])
        super().__init__(
            [
                W.HTML(
                    "<h3>Careers and settings explorer</h3><p>Narrow the careers by setting or by a skill, choose "
                    "one to read, and choose a second to compare. The charts below show the U.S. Bureau of Labor "
                    "Statistics figures we could trace, each with its own period.</p>"
                ),
                W.HBox([self._setting, self._skill]),
                self._count,
                W.HBox([self._career, self._other]),
                self._profile,
                W.HTML("<h4>Employment outlook (BLS)</h4>"),
                outlook,
            ]
        )
        self._apply()

    def filter(self, setting: str = ANY, skill: str = ANY) -> list[str]:
        """Choose a setting and a skill as a student would; return the ids of the careers that match."""
        self._setting.value, self._skill.value = setting, skill
        return self._apply()

    def _apply(self) -> list[str]:
        setting, skill = self._setting.value, self._skill.value
        found = engine.find(None if setting == ANY else setting, None if skill == ANY else skill)
        self._count.value = f"<p>{len(found)} of {len(self.profiles)} careers match.</p>"
        self._career.options = [(c.title, c.id) for c in found]
        self._career.value = None
        if found:
            self._career.value = found[0].id  # the observer shows it
        else:
            self._profile.value = "<p>No career here matches both; try another setting or skill.</p>"
        return [c.id for c in found]

    def show(self, career_id: str) -> None:
        career = self.profiles[career_id]
        if self._other.value not in (ANY, career_id):
            table = engine.compare(career_id, self._other.value)
            self._profile.value = table.to_html(index=False)
            return
        roles = "".join(
            f"<li><b>{html.escape(role.replace('-', ' ').capitalize())}:</b> {html.escape(text)}</li>"
            for role, text in career.beyond_therapy.items()
        )
        tasks = "".join(f"<li>{html.escape(t)}</li>" for t in career.tasks)
        skills = ", ".join(self.skill_names[s] for s in career.skills + career.traits)
        self._profile.value = (
            f"<h4>{html.escape(career.title)}</h4><p>{html.escape(career.summary)}</p>"
            f"<p><b>Typical tasks</b></p><ul>{tasks}</ul>"
            f"<p><b>Degree:</b> {html.escape(career.degree)}</p>"
            f"<p><b>License:</b> {html.escape(career.licence)}</p>"
            f"<p><b>Skills and traits it calls on:</b> {html.escape(skills)}</p>"
            f"<p><b>Roles beyond therapy</b></p><ul>{roles}</ul>"
        )

    def compare(self, first: str, second: str) -> str:
        """Clear the filters and put two careers side by side; return what is shown."""
        self.filter(ANY, ANY)
        self._career.value, self._other.value = first, second
        return self.profile_text

    profile_text = shown_text("_profile")


class SkillsInventoryView(View):
    """Rate each skill and trait from 1 to 5, then see a radar chart and questions to reflect on."""

    CSS_CLASS = "mswlab-skills-inventory"

    def __init__(self) -> None:
        self.skills = careers().skills
        self._ratings = {
            s.id: W.Dropdown(
                options=[("Choose", 0)] + [(str(n), n) for n in range(1, 6)],
                value=0,
                description=f"{s.name}:",
                style=LABEL,
                tooltip=s.description,
            )
            for s in self.skills
        }
        self._show = W.Button(description="Show my profile", button_style="primary")
        self._message = W.HTML()
        self._result = W.HTML(layout=WIDE)
        self._chart = Chart()
        self.figure: go.Figure | None = None
        self._show.on_click(lambda _: self.show_profile())
        rows = [
            W.VBox([box, W.HTML(f"<small>{html.escape(s.description)}</small>")])
            for s, box in zip(self.skills, self._ratings.values())
        ]
        super().__init__(
            [
                W.HTML(
                    "<h3>Skills and traits self-inventory</h3><p>Rate yourself honestly from 1 (not yet) to 5 (a real "
                    "strength). Nobody sees this but you; it is for reflection, not a test.</p>"
                ),
                *rows,
                self._show,
                self._message,
                self._chart,
                self._result,
            ]
        )

    def rate(self, skill_id: str, value: int) -> None:
        self._ratings[skill_id].value = value

    def show_profile(self) -> engine.Profile | None:
        try:
            profile = engine.skill_profile({k: box.value or None for k, box in self._ratings.items()})
        except ValidationError as err:
            say(self._message, err.message)
            return None
        say(self._message, "")
        names = [s.name for s in self.skills]
        self.figure = self._chart.draw(career_figures.skills_radar(names, [profile.ratings[s.id] for s in self.skills]))
        lookup = {s.id: s.name for s in self.skills}
        prompts = "".join(f"<li>{html.escape(p)}</li>" for p in profile.prompts)
        self._result.value = (
            f"<p><b>Your strongest areas:</b> {', '.join(lookup[k] for k in profile.strongest)}. "
            f"<b>Areas to grow:</b> {', '.join(lookup[k] for k in profile.growing)}.</p>"
            f"<p><b>To reflect on</b></p><ol>{prompts}</ol>"
        )
        return profile

    message_text = shown_text("_message")

    result_text = shown_text("_result")


def career_explorer() -> CareerExplorer:
    """Module 02's explorer of careers, settings and the BLS outlook."""
    return CareerExplorer()


def skills_inventory() -> SkillsInventoryView:
    """Module 02's self-inventory of the skills and traits social work calls on."""
    return SkillsInventoryView()
