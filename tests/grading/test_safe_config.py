"""course/nbgrader_config.py makes plain nbgrader commands safe.

- The config, loaded the way nbgrader loads it, sets the cell timeout, restores deleted
  test cells, limits output, and puts our steps in nbgrader's own lists: hidden tests leave the
  notebook before it runs, the executor has an output budget, outputs are cut to a size, the
  grader scores the answers, and feedback hides hidden tests.
- A real autograde of a submission printing one huge line: the output is cut, the notebook
  stays small, and the student keeps every point earned.
- ``LimitOutputSize`` and ``HideHiddenTests`` on hand-built notebooks (fast, no kernel).
"""

from __future__ import annotations

import nbformat
import pytest
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbformat.v4 import new_code_cell, new_notebook, new_output
from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute, GetGrades, LimitOutput, OverwriteCells, SaveAutoGrades
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader
from traitlets.utils.importstring import import_item

from mswlab.grading.feedback import HideHiddenTests
from mswlab.grading.feedback_notes import FeedbackNotes
from mswlab.grading.limits import BudgetedExecute, LimitOutputSize
from mswlab.grading.scoring import ScoreAnswers, StripHiddenTests
from tests.conftest import ROOT
from tests.grading.classroom import Classroom

ASSIGNMENT = "01_levels_of_practice"
NOTICE = "[output truncated by the grader: more than 100000 characters]"


@pytest.fixture(scope="module")
def config() -> Config:
    """The course config as nbgrader reads it (nbgrader_config.py run by traitlets' loader)."""
    return PyFileConfigLoader("nbgrader_config.py", path=str(ROOT / "course")).load_config()


def resolved(preprocessors: list) -> list[type]:
    """A preprocessor list as nbconvert registers it: names are imported, classes kept."""
    return [import_item(p) if isinstance(p, str) else p for p in preprocessors]


# --- the config ------------------------------------------------------------------------


def test_cells_time_out_after_sixty_seconds(config):
    assert Execute(config=config).timeout == 60


def test_deleted_test_cells_are_restored(config):
    assert OverwriteCells(config=config).add_missing_cells is True


def test_output_limits(config):
    limit = LimitOutput(config=config)
    assert (limit.max_lines, limit.max_traceback) == (1000, 100)
    assert LimitOutputSize(config=config).max_chars == 100_000


def test_autograde_runs_nbgraders_steps_with_ours_in_their_places(config):
    expected = list(Autograde.class_traits()["autograde_preprocessors"].default())
    expected[expected.index(Execute)] = BudgetedExecute
    expected[expected.index(SaveAutoGrades)] = ScoreAnswers
    expected.insert(expected.index(LimitOutput) + 1, LimitOutputSize)
    sanitize = list(Autograde.class_traits()["sanitize_preprocessors"].default())
    sanitize.insert(sanitize.index(OverwriteCells) + 1, StripHiddenTests)
    converter = Autograde(coursedir=CourseDirectory(config=config), config=config)
    assert resolved(converter.autograde_preprocessors) == expected
    assert resolved(converter.sanitize_preprocessors) == sanitize
    # Registered the way `nbgrader autograde` does it, each step gets the course config.
    converter.exporter = converter.exporter_class(parent=converter, config=converter.config)
    converter._sanitizing = False
    converter._init_preprocessors()
    steps = {type(p): p for p in converter.exporter._preprocessors}
    assert list(steps) == expected
    assert steps[BudgetedExecute].timeout == 60 and steps[LimitOutputSize].max_chars == 100_000
    assert steps[BudgetedExecute].max_output_bytes == 5_000_000


def test_feedback_hides_hidden_tests_before_the_html_export(config):
    default = GenerateFeedback.class_traits()["preprocessors"].default()
    assert list(default) == [GetGrades, CSSHTMLHeaderPreprocessor]
    converter = GenerateFeedback(coursedir=CourseDirectory(config=config), config=config)
    assert resolved(converter.preprocessors) == [GetGrades, FeedbackNotes, HideHiddenTests, CSSHTMLHeaderPreprocessor]


# --- a real autograde of one huge line ------------------------------------------------------


def test_one_huge_line_is_cut_and_the_points_still_count(tmp_path):
    # Every answer right, then 2 million characters printed on one line and an error whose
    # message is as long, in a cell the student added.
    room = Classroom(tmp_path, ASSIGNMENT)
    nb = room.answered("right")
    (answer,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "levels_answers"]
    answer.source += '\nprint("x" * 2_000_000)'
    nb.cells.append(new_code_cell('raise ValueError("y" * 2_000_000)'))
    room.submit("loud", nb)
    assert room.stock_autograde().returncode == 0

    graded = tmp_path / "autograded/loud" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert graded.stat().st_size < 1_000_000
    cells = nbformat.read(str(graded), as_version=4).cells
    (answer,) = [c for c in cells if c.metadata.get("nbgrader", {}).get("grade_id") == "levels_answers"]
    (printed,) = answer.outputs
    assert printed.text == "x" * 100_000 + "\n" + NOTICE + "\n"
    (error,) = cells[-1].outputs
    assert error.output_type == "error" and error.ename == "ValueError"
    assert error.evalue == "y" * 100_000 + " " + NOTICE
    assert sum(map(len, error.traceback)) < 2_000  # the assignment's plain message, kept short
    assert room.auto_score("loud") == 11


def test_output_still_draining_after_the_wait_never_fails_a_notebook(config):
    """nbgrader fails a notebook whose output is still arriving iopub_timeout seconds after a cell ends; on a
    loaded machine that was a submission printing 25 MB, graded "error". The grader leaves such output out
    (points never come from output), and waits 30 s rather than nbclient's 4 for it."""
    executor = BudgetedExecute(config=config)
    assert executor.raise_on_iopub_timeout is False and executor.iopub_timeout == 30


# --- LimitOutputSize on hand-built outputs ------------------------------------------------


def limited(output, max_chars=100):
    nb = new_notebook(cells=[new_code_cell("pass", outputs=[output])])
    nb, _ = LimitOutputSize(config=Config({"LimitOutputSize": {"max_chars": max_chars}})).preprocess(nb, {})
    return nb.cells[0].outputs[0]


NOTICE_100 = "[output truncated by the grader: more than 100 characters]"


def test_a_long_stream_is_cut_with_a_notice_that_does_not_depend_on_its_length():
    short = limited(new_output("stream", name="stdout", text="x" * 101))
    huge = limited(new_output("stream", name="stdout", text="x" * 1_000_000))
    assert short.text == huge.text == "x" * 100 + "\n" + NOTICE_100 + "\n"


def test_output_within_the_budget_is_untouched():
    assert limited(new_output("stream", name="stdout", text="x" * 100)).text == "x" * 100
    error = new_output("error", ename="KeyError", evalue="'a'", traceback=["frame", "KeyError: 'a'"])
    assert limited(error).traceback == ["frame", "KeyError: 'a'"]


def test_text_representations_are_cut_and_images_left_alone():
    png = "iVBORw0KGgo" * 50
    result = limited(
        new_output(
            "execute_result",
            execution_count=1,
            data={"text/plain": "p" * 500, "text/html": "<b>" + "h" * 500 + "</b>", "image/png": png},
        )
    )
    assert result.data["text/plain"] == "p" * 100 + "\n" + NOTICE_100
    assert result.data["text/html"] == "<b>" + "h" * 97 + "\n" + NOTICE_100
    assert result.data["image/png"] == png
    display = limited(new_output("display_data", data={"text/plain": "d" * 500}))
    assert display.data["text/plain"].endswith(NOTICE_100)


def test_a_long_error_stays_an_error_and_fits_the_budget():
    error = limited(
        new_output(
            "error",
            ename="ValueError",
            evalue="y" * 1000,
            traceback=["Traceback header", "frame " * 100, "ValueError: " + "y" * 1000],
        )
    )
    assert error.output_type == "error" and error.ename == "ValueError"
    assert error.evalue == "y" * 100 + " " + NOTICE_100
    assert error.traceback[0] == "Traceback header"  # the start is kept...
    assert error.traceback[-2].startswith("ValueError: y")  # ...and the line naming the error
    assert error.traceback[-1] == NOTICE_100
    assert sum(map(len, error.traceback[:-1])) <= 100


def test_minus_one_means_no_limit():
    assert limited(new_output("stream", name="stdout", text="x" * 1000), max_chars=-1).text == "x" * 1000


# --- HideHiddenTests on hand-built cells --------------------------------------------------

HIDDEN_CELL = '''"""Checks the answers."""
check(answers)
### BEGIN HIDDEN TESTS
points_for(answers, {"A": "mezzo"})
### END HIDDEN TESTS'''
SHOWN = '"""Checks the answers."""\ncheck(answers)\n# (hidden tests ran here; their code is not shown)'
ANSI_ERROR_LINE = "\x1b[0;31mLookupError\x1b[0m: answer A is locked"


def hidden(source, outputs=(), config=None):
    nb = new_notebook(cells=[new_code_cell(source, outputs=list(outputs))])
    nb, _ = HideHiddenTests(config=config or Config()).preprocess(nb, {})
    return nb.cells[0]


def test_the_hidden_region_is_replaced_by_one_line_and_outputs_are_kept():
    cell = hidden(
        HIDDEN_CELL,
        [
            new_output("stream", name="stdout", text="Format looks right.\n"),
            new_output("execute_result", execution_count=2, data={"text/plain": "1.0"}),
        ],
    )
    assert cell.source == SHOWN
    assert [o.output_type for o in cell.outputs] == ["stream", "execute_result"]
    assert cell.outputs[0].text == "Format looks right.\n" and cell.outputs[1].data["text/plain"] == "1.0"


def test_errors_in_a_cell_with_hidden_tests_keep_only_their_last_line():
    traceback = ["---", '----> 4 points_for(answers, {"A": "mezzo"})', ANSI_ERROR_LINE]
    cell = hidden(
        HIDDEN_CELL, [new_output("error", ename="LookupError", evalue="answer A is locked", traceback=traceback)]
    )
    assert cell.outputs[0].traceback == [ANSI_ERROR_LINE]
    assert cell.outputs[0].ename == "LookupError"


def test_an_error_whose_last_line_is_not_its_summary_is_shown_as_ename_and_evalue():
    cell = hidden(
        HIDDEN_CELL,
        [new_output("error", ename="KeyError", evalue="'A'", traceback=["----> 4 secret_line()", "    secret_line()"])],
    )
    assert cell.outputs[0].traceback == ["KeyError: 'A'"]


def test_a_timeout_keeps_its_one_line_explanation():
    line = "\x1b[0;31mCellTimeoutError\x1b[0m: No reply from kernel before timeout"
    cell = hidden(HIDDEN_CELL, [new_output("error", ename="CellTimeoutError", evalue="", traceback=[line])])
    assert cell.outputs[0].traceback == [line]


def test_cells_without_hidden_tests_are_untouched():
    traceback = ["---", "----> 1 levels_answers = {", "SyntaxError: invalid syntax"]
    cell = hidden(
        "levels_answers = {", [new_output("error", ename="SyntaxError", evalue="invalid syntax", traceback=traceback)]
    )
    assert cell.source == "levels_answers = {" and cell.outputs[0].traceback == traceback


def test_an_indented_region_keeps_its_indent_and_an_unclosed_region_hides_to_the_end():
    cell = hidden(
        "for x in xs:\n    check(x)\n    ### BEGIN HIDDEN TESTS\n    secret(x)\n    ### END HIDDEN TESTS\nend()"
    )
    assert cell.source == ("for x in xs:\n    check(x)\n    # (hidden tests ran here; their code is not shown)\nend()")
    cell = hidden("check()\n### BEGIN HIDDEN TESTS\nsecret()\nmore_secret()")
    assert cell.source == "check()\n# (hidden tests ran here; their code is not shown)"


def test_two_regions_leave_two_notices():
    region = "### BEGIN HIDDEN TESTS\n{}\n### END HIDDEN TESTS"
    cell = hidden("\n".join(["a()", region.format("s1()"), "b()", region.format("s2()")]))
    assert cell.source == "a()\n{0}\nb()\n{0}".format("# (hidden tests ran here; their code is not shown)")


def test_the_delimiters_are_clear_hidden_tests_settings():
    config = Config({"ClearHiddenTests": {"begin_test_delimeter": "BEGIN SECRET", "end_test_delimeter": "END SECRET"}})
    cell = hidden("check()\n# BEGIN SECRET\nsecret()\n# END SECRET", config=config)
    assert cell.source == "check()\n# (hidden tests ran here; their code is not shown)"
