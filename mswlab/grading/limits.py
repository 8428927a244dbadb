"""A size limit on each output of an autograded notebook, in characters.

nbgrader's own ``LimitOutput`` counts lines, so one enormous line (``print("x" * 10**8)``)
passes through it and the autograded notebook, the gradebook's copy and the feedback all
grow to hundreds of megabytes. ``LimitOutputSize`` cuts each output to ``max_chars``
characters and appends a fixed notice. The notice never says how much was removed, so
the result is the same whatever the student printed. Registered in
``course/nbgrader_config.py`` right after ``LimitOutput``.

What is cut: stream text, every ``text/*`` representation of a result or display
(``text/plain``, ``text/html``, ...), and an error's ``ename``, ``evalue`` and traceback.
Images and other binary data are left alone. Error outputs stay error outputs, so a
failed test still scores zero.
"""

from __future__ import annotations

from nbformat.notebooknode import NotebookNode
from traitlets import Integer

from nbgrader.preprocessors import NbGraderPreprocessor


class LimitOutputSize(NbGraderPreprocessor):
    """Cut every output of a code cell to at most ``max_chars`` characters, plus a notice."""

    max_chars = Integer(
        100_000,
        help="Most characters kept from one output (a stream, one representation of a result, "
             "or one error's traceback); -1 means no limit.",
    ).tag(config=True)

    @property
    def notice(self) -> str:
        return f"[output truncated by the grader: more than {self.max_chars} characters]"

    def _clip(self, text: str | list[str], budget: int) -> tuple[str, bool]:
        """``text`` cut to ``budget`` characters, and whether anything was cut."""
        if isinstance(text, list):  # nbformat allows multi-line strings stored as lists
            text = "".join(text)
        if len(text) <= budget:
            return text, False
        return text[:max(budget, 0)], True

    def _clip_traceback(self, lines: list[str]) -> list[str]:
        """The traceback within the budget: as many of its first lines as fit, then the start
        of its last line (which names the error) cut to half the budget, then the notice."""
        if sum(len(line) for line in lines) <= self.max_chars:
            return lines
        last, _ = self._clip(lines[-1], self.max_chars // 2)
        budget = self.max_chars - len(last)
        head = []
        for line in lines[:-1]:
            if budget <= 0:
                break
            kept, _ = self._clip(line, budget)
            head.append(kept)
            budget -= len(kept)
        return [*head, last, self.notice]

    def limit_output(self, output: NotebookNode) -> NotebookNode:
        """``output`` with every text in it cut to the budget (modified in place)."""
        if self.max_chars < 0:
            return output
        if output.output_type == "stream":
            text, cut = self._clip(output.text, self.max_chars)
            output.text = f"{text}\n{self.notice}\n" if cut else text
        elif output.output_type in ("execute_result", "display_data"):
            for mime, value in list(output.get("data", {}).items()):
                if mime.startswith("text/") and isinstance(value, (str, list)):
                    text, cut = self._clip(value, self.max_chars)
                    output.data[mime] = f"{text}\n{self.notice}" if cut else text
        elif output.output_type == "error":
            for field in ("ename", "evalue"):
                text, cut = self._clip(output.get(field, ""), self.max_chars)
                output[field] = f"{text} {self.notice}" if cut else text
            output.traceback = self._clip_traceback(list(output.get("traceback", [])))
        return output

    def preprocess_cell(self, cell: NotebookNode, resources: dict, cell_index: int):
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                self.limit_output(output)
        return cell, resources
