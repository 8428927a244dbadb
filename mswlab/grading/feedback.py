"""Keep hidden tests out of the feedback students receive.

``nbgrader generate_feedback`` renders the autograded notebook, and the autograded notebook
holds the full test cells, hidden tests included: without help, every student's feedback
shows the answer key. ``HideHiddenTests`` runs in ``GenerateFeedback.preprocessors`` (see
``course/nbgrader_config.py``) before the HTML export. In each cell with a hidden-test
region it

- removes the region, delimiter lines included, and leaves one line saying that hidden
  tests ran there, so the visible part still reads naturally;
- keeps the cell's outputs (what the visible tests printed, the points the hidden tests
  returned), since those are the feedback;
- cuts each error in that cell, and in every test cell, down to its ``ename: evalue`` line,
  because traceback frames quote the line that failed, which may be test code (hidden tests
  no longer reach the autograded notebook, ``mswlab.grading.scoring``, but a cell scored in
  the kernel keeps them).

Scores are untouched: nbgrader's ``GetGrades`` reads them from the gradebook.

The delimiters are ``ClearHiddenTests``'s (this class extends it), so a course that
changes ``c.ClearHiddenTests.begin_test_delimeter`` changes them here too.
"""

from __future__ import annotations

import re

from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import ClearHiddenTests
from traitlets import Unicode

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class HideHiddenTests(ClearHiddenTests):
    """Remove hidden-test source, and tracebacks that could quote it, from feedback."""

    notice = Unicode(
        "# (hidden tests ran here; their code is not shown)",
        help="The line that replaces each hidden-test region in feedback.",
    ).tag(config=True)

    def hide_region(self, source: str) -> tuple[str, bool]:
        """``source`` with each hidden-test region replaced by the notice, and whether there
        was one. A region left open runs to the end of the cell: fail closed."""
        kept, hidden, inside = [], False, False
        for line in source.split("\n"):
            if self.begin_test_delimeter in line:
                if not inside:
                    indent = line[: len(line) - len(line.lstrip())]
                    kept.append(indent + self.notice)
                inside = hidden = True
            elif inside:
                inside = self.end_test_delimeter not in line
            else:
                kept.append(line)
        return "\n".join(kept), hidden

    @staticmethod
    def error_line(output: NotebookNode) -> str:
        """The one line of an error worth showing: ``ename: evalue``, or the traceback's own
        last line when it says the same with more (as a timeout's does)."""
        summary = f"{output.ename}: {output.evalue}" if output.get("evalue") else output.ename
        last = output.traceback[-1] if output.get("traceback") else ""
        return last if ANSI.sub("", last).startswith(summary) and "\n" not in last else summary

    def preprocess_cell(self, cell: NotebookNode, resources: dict, cell_index: int):
        source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
        cell.source, hidden = self.hide_region(source)
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if hidden or (meta.get("grade") and not meta.get("solution")):
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    output.traceback = [self.error_line(output)]
        return cell, resources
