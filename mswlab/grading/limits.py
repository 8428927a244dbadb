"""Size limits on what an autograded notebook keeps: a budget for the whole notebook, in bytes,
applied while it runs, and a limit on each output, in characters.

``BudgetedExecute`` is nbgrader's ``Execute`` with one output budget per notebook: every output
kind counts (streams, results, displays, display updates, errors), in bytes of the message the
kernel sent. Once the budget is spent, further outputs are dropped, with one visible note in each
cell that lost some. Widget state is not stored. So 1,250 displays of 20,000 characters cannot
make a 25 MB notebook, and the grader never holds more than the budget in memory.

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

import json

from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Bool, Integer


class BudgetedExecute(Execute):
    """nbgrader's executor with one output budget for the whole notebook (see the module's notes)."""

    max_output_bytes = Integer(
        5_000_000,
        help="Bytes of output one notebook may keep, all kinds counted; later outputs are dropped "
        "with a note. -1 means no budget.",
    ).tag(config=True)
    store_widget_state = Bool(False, help="Autograded notebooks keep no widget state.").tag(config=True)
    iopub_timeout = Integer(
        30,
        help="Seconds to wait for a cell's remaining output after the kernel says the cell is done. "
        "nbclient's 4 s turned a chatty but honest notebook into an error on a busy server; the cell's "
        "own timeout still bounds the run, and the budget bounds what is kept.",
    ).tag(config=True)
    raise_on_iopub_timeout = Bool(
        False,
        help="Output still arriving after iopub_timeout is left out, with a warning in the log, instead of "
        "failing the notebook (nbgrader's default): points never come from output, and a notebook that "
        "prints 25 MB took longer than 30 s to drain on a loaded machine, which made grading depend on load.",
    ).tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        self._spent, self._noted = 0, set()
        return super().preprocess(nb, resources, km)

    def _fits(self, msg: dict) -> bool:
        if self.max_output_bytes < 0:
            return True
        size = len(json.dumps(msg.get("content", {}), default=str).encode())
        if self._spent + size > self.max_output_bytes:
            return False
        self._spent += size
        return True

    @property
    def notice(self) -> str:
        return f"[output dropped by the grader: this notebook's output passed {self.max_output_bytes:,} bytes]"

    def output(self, outs, msg, display_id, cell_index):
        if self._fits(msg):
            return super().output(outs, msg, display_id, cell_index)
        if cell_index not in self._noted:
            self._noted.add(cell_index)
            outs.append(from_dict({"output_type": "stream", "name": "stdout", "text": self.notice + "\n"}))
        return None

    def _update_display_id(self, display_id, msg):
        if self._fits(msg):
            super()._update_display_id(display_id, msg)


def executor_class(config) -> type:
    """The executor the course's config names in its autograde steps (``Execute`` if none)."""
    from nbconvert.preprocessors import ExecutePreprocessor
    from traitlets.utils.importstring import import_item

    for step in config.get("Autograde", {}).get("autograde_preprocessors", []):
        step = import_item(step) if isinstance(step, str) else step
        if isinstance(step, type) and issubclass(step, ExecutePreprocessor):
            return step
    return Execute


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
        return text[: max(budget, 0)], True

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
