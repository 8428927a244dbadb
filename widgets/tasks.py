"""The answer form of a graded task: the student's own variant, and a field for every answer.

Nobody types Python here. Each choice is a set of radio buttons, each number or text a box; Save
keeps the answers in ``form_answers.json`` beside the notebook (``mswlab.tasks.form_file``), which
is submitted with it and read by the grader. A field that cannot be read says why beside it, and
nothing already saved is lost. When the course cannot tell who the student is (no hub), the form
first asks for the student id, because it decides which variant the student sees and is graded on.
"""

from __future__ import annotations

import html

import ipywidgets as W
import mistune

from mswlab import tasks
from mswlab.tasks import form_file, in_notebook
from widgets.feedback import LABEL, WIDE, say, wide
from widgets.view import View, shown_text

_markdown = mistune.create_markdown(escape=True, plugins=["table"])


def _html(text: str) -> W.HTML:
    return W.HTML(_markdown(text) if text else "", layout=WIDE)


class TaskForm(View):
    """One part's form. ``fill(name, value)`` and ``save()`` do what a student's clicks do."""

    CSS_CLASS = "mswlab-task"
    waiting: list[TaskForm] = []  # forms still asking for the student id: one answer shows them all

    def __init__(self, assignment: str, part_id: str, views: list[dict] | None = None, folder: str = ".") -> None:
        self.assignment, self.part_id, self.folder = assignment, part_id, folder
        self._views = views if views is not None else tasks.student_views(assignment, part_id)
        self._body = W.VBox()
        self._message = W.HTML()
        super().__init__([self._body, self._message], layout=WIDE)
        student = in_notebook.student_id(folder)
        if student:
            self._show(student)
        else:
            self._ask_student()
            TaskForm.waiting.append(self)

    message_text = shown_text("_message")

    # --- who the student is
    def _ask_student(self) -> None:
        self._id_box = W.Text(description="Your student id, as your instructor gave it:", style=LABEL, layout=wide())
        save = W.Button(description="Show my questions", button_style="primary")
        save.on_click(lambda _: self.set_student(self._id_box.value))
        self._body.children = [
            W.HTML("Your questions depend on your student id. Enter it once; it is saved with your answers."),
            self._id_box,
            save,
        ]

    def set_student(self, student: str) -> None:
        student = (student or "").strip()
        if not student:
            say(self._message, "Enter your student id first: the form needs it to show your questions.")
            return
        saved = form_file.read(self.folder)
        saved.student = student
        form_file.write(self.folder, saved)
        for form in [self, *(f for f in TaskForm.waiting if f is not self and f.folder == self.folder)]:
            say(form._message, "")
            form._show(student)
        TaskForm.waiting = [f for f in TaskForm.waiting if f.folder != self.folder and f is not self]

    # --- the variant and its fields
    def _show(self, student: str) -> None:
        self.student = student
        index = tasks.variant_index(self.assignment, self.part_id, student, len(self._views))
        self.view = self._views[index]
        in_notebook.SHOWN[(self.assignment, self.part_id)] = (self.view, student)
        saved = form_file.read(self.folder).answers.get(self.part_id, {})
        self.controls: dict[str, W.Widget] = {}
        self._notes: dict[str, W.HTML] = {}
        rows: list[W.Widget] = [_html(self.view["case"]), _html(self.view["data"])]
        for spec in self.view["fields"]:
            control = self._control(spec, saved.get(spec["name"]))
            self.controls[spec["name"]] = control
            self._notes[spec["name"]] = W.HTML()
            rows += [control, self._notes[spec["name"]]]
        save = W.Button(description="Save my answers", button_style="primary", icon="save")
        save.on_click(lambda _: self.save())
        rows += [save, W.HTML(f"<small>Shown for student id <b>{html.escape(student)}</b>.</small>")]
        self._body.children = rows

    @staticmethod
    def _control(spec: dict, value: object) -> W.Widget:
        label = spec["label"] if not spec["name"].isdigit() else f"{spec['name']}. {spec['label']}"
        if spec["type"] == "choice":
            options = [
                (f"{str(k).upper() if len(str(k)) == 1 else ''}{'. ' if len(str(k)) == 1 else ''}{t}", k)
                for k, t in spec["options"]
            ]
            keys = [k for _, k in options]
            radio = W.RadioButtons(options=options, value=value if value in keys else None, layout=wide())
            return W.VBox([W.HTML(f"<b>{html.escape(label)}</b>", layout=WIDE), radio])
        box = W.Textarea if spec["type"] == "long_text" else W.Text
        kwargs = {"rows": 4} if spec["type"] == "long_text" else {}
        return W.VBox(
            [
                W.HTML(f"<b>{html.escape(label)}</b>", layout=WIDE),
                box(value="" if value is None else str(value), layout=wide(width="100%"), **kwargs),
            ]
        )

    def fill(self, name: str, value: object) -> None:
        """Set one field as a student would."""
        self.controls[name].children[1].value = value

    def answer(self) -> dict[str, object]:
        values = {}
        for name, control in self.controls.items():
            value = control.children[1].value
            if value not in (None, ""):
                values[name] = value
        return values

    def save(self) -> bool:
        """Check every field and save what is readable; say beside each field what is not."""
        answer = self.answer()
        by_field = {spec["name"]: spec for spec in self.view["fields"]}
        bad = 0
        for name, note in self._notes.items():
            problems = in_notebook.field_problems([by_field[name]], {name: answer[name]}) if name in answer else []
            say(note, " ".join(problems))
            if problems:
                answer.pop(name)
                bad += 1
        saved = form_file.read(self.folder)
        saved.student = saved.student or self.student
        saved.answers[self.part_id] = answer
        form_file.write(self.folder, saved)
        missing = len(self.view["fields"]) - len(answer)
        if bad:
            say(self._message, f"Saved what could be read; {bad} answer(s) need fixing: see the note beside each.")
        else:
            left = f" {missing} still to answer." if missing else " All answered."
            say(self._message, f"Saved {len(answer)} answer(s).{left}", ok=not missing)
        return not bad


def task_form(assignment: str, part_id: str, views: list[dict] | None = None) -> TaskForm:
    """Show a part's form (an assignment's display cell calls this)."""
    return TaskForm(assignment, part_id, views)
