"""``FeedbackNotes``: feedback that is honest about timing, in ``nbgrader generate_feedback``.

It runs after nbgrader's ``GetGrades``, for one student's notebook at a time:

- While any manual grade of the student's notebook is still pending, it refuses: nbgrader then
  writes no feedback for that student, names the parts still to mark, and exits non-zero, so an
  unmarked reflection never goes out as zero. ``--FeedbackNotes.allow_pending=True`` (or
  ``mswlab course feedback --allow-pending``) sends it anyway, with those parts shown as
  "awaiting marking" and the total as a score so far.
- Each graded cell carries its part's title (the ``## Part B: ...`` heading above it), which the
  course's feedback page (``mswlab/templates/nbconvert/feedback/feedback.html.j2``) shows instead of nbgrader's
  "Test cell".
- Sentences meant only for before submission (``BEFORE_SUBMISSIONS``) leave the printed output.
"""

from __future__ import annotations

import re

from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool

from mswlab.assignments import BEFORE_SUBMISSION
from mswlab.tasks.in_notebook import SCORED_AFTER

BEFORE_SUBMISSIONS = (re.escape(BEFORE_SUBMISSION), SCORED_AFTER)


class PendingMarks(Exception):
    """Raised for a student whose marking is not finished; nbgrader reports it and moves on."""


class FeedbackNotes(NbGraderPreprocessor):
    allow_pending = Bool(
        False, help="Write feedback even while manual grades are pending (they show as awaiting marking)."
    ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict):
        from nbgrader.api import Gradebook

        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            notebook = gradebook.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
            pending = sorted(g.name for g in notebook.grades if g.needs_manual_grade)
        if pending and not self.allow_pending:
            raise PendingMarks(
                f"feedback for {info['student']} was not written: {len(pending)} part(s) still await marking "
                f"({', '.join(pending)}). Mark them in the Formgrader, or send feedback anyway with "
                "--FeedbackNotes.allow_pending=True (mswlab course feedback --allow-pending)."
            )
        info["pending"] = len(pending)
        title = ""
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "markdown" and cell.source.startswith("## "):
                title = cell.source.splitlines()[0].removeprefix("## ").split(" (")[0].strip()
            if meta.get("grade"):
                meta["title"] = title or meta.get("grade_id", "")
                meta["pending"] = meta.get("grade_id") in pending
            if meta.get("grade") and not meta.get("solution"):
                _drop_before_submission(cell)
        return nb, resources


def _drop_before_submission(cell: NotebookNode) -> None:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            text = "".join(output.text) if isinstance(output.text, list) else output.text
            for pattern in BEFORE_SUBMISSIONS:
                text = re.sub(rf" ?{pattern}", "", text)
            output.text = text
