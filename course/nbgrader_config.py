"""nbgrader configuration for the MSW Practice Lab course (run nbgrader from this folder)."""

import os
from importlib.util import find_spec

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    ClearMarkScheme,
    ClearOutput,
    ClearSolutions,
    ComputeChecksums,
    DeduplicateIds,
    GetGrades,
    IgnorePattern,
    IncludeHeaderFooter,
    InstantiateTests,
    LimitOutput,
    LockCells,
    OverwriteCells,
    OverwriteKernelspec,
    SaveCells,
)

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "msw-practice-lab"


# The exchange, where release_assignment puts the student version and students submit. On the class
# hub, the hub's nbgrader_config.py sets it (deploy/jupyterhub/jupyter/, found through JUPYTER_CONFIG_PATH),
# and that setting stands. A course run without a hub gets exchange/ in this folder, which its instructor
# owns, instead of nbgrader's default /usr/local/share/nbgrader/exchange: a system folder that an
# instructor who is not root cannot create. (Each nbgrader config file is read on its own, so the
# others are read here to see whether one sets it; only the standard library and Jupyter are used,
# because nbgrader ignores a config file that raises.)
def _exchange_set_elsewhere() -> bool:
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config.loader import JSONFileConfigLoader, PyFileConfigLoader

    here = os.path.realpath(os.path.dirname(os.path.abspath(__file__)))
    for folder in jupyter_config_path():
        if os.path.realpath(folder) == here:
            continue
        for loader in (PyFileConfigLoader, JSONFileConfigLoader):
            suffix = "py" if loader is PyFileConfigLoader else "json"
            try:
                other = loader(f"nbgrader_config.{suffix}", path=folder).load_config()
            except Exception:  # not there (ConfigFileNotFound), or broken: nbgrader reports that itself
                continue
            if "root" in other.get("Exchange", {}):
                return True
    return False


if not _exchange_set_elsewhere():
    c.Exchange.root = os.path.join(c.CourseDirectory.root, "exchange")

# A student's cell may run at most 60 s (nbgrader's default is 30); a stuck cell scores zero,
# the rest still grade. Set on Execute, nbgrader's own executor, which redeclares `timeout`:
# an ExecutePreprocessor setting reaches it only as a parent-class fallback.
c.Execute.timeout = 60

# If a student deletes a test cell, put it back and grade it, instead of silently
# leaving the submission "needing manual grading" (jupyter/nbgrader#1682).
c.OverwriteCells.add_missing_cells = True

# Students are mostly not programmers: answer cells start with a comment they replace,
# not with code that raises. A blank answer still scores zero because its tests fail.
c.ClearSolutions.code_stub = {"python": "# YOUR ANSWER HERE"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Output kept per cell when autograding (nbgrader's defaults, written out so they are visible):
# 1000 lines of printing and 100 traceback lines are far more than any answer here needs, and
# keep a runaway loop from filling the gradebook and the feedback.
c.LimitOutput.max_lines = 1000
c.LimitOutput.max_traceback = 100

# LimitOutput counts lines, so one enormous line (print("x" * 10**8)) would still make a
# 100 MB notebook. LimitOutputSize cuts each output to 100,000 characters with a fixed notice.
c.LimitOutputSize.max_chars = 100_000

# Graded tasks show each student one variant of a part (mswlab/tasks). nbgrader's default steps for
# generate_assignment (nbgrader/converters/generate_assignment.py, 0.9.6) with EmbedTaskViews before
# the checksums and the gradebook's copy of the cells: the released notebook carries what students see
# of every variant, private pool variants included, and never a key.
c.GenerateAssignment.preprocessors = [
    IncludeHeaderFooter,
    InstantiateTests,
    LockCells,
    ClearSolutions,
    ClearOutput,
    "mswlab.grading.release.EmbedTaskViews",
    CheckCellMetadata,
    ComputeChecksums,
    SaveCells,
    ClearHiddenTests,
    ClearMarkScheme,
    ComputeChecksums,
    CheckCellMetadata,
]

# Student code runs in the student's kernel, so the kernel must not decide points the grader
# can compute itself (mswlab/grading/scoring.py). nbgrader's default sanitize and autograde steps
# (nbgrader/converters/autograde.py, 0.9.6), in order, with ours added:
# - StripHiddenTests, after OverwriteCells has put the instructor's test cells back: the hidden
#   tests (the answer key) leave the notebook before the kernel runs it;
# - BudgetedExecute for Execute: nbgrader's executor with one output budget per notebook, in bytes,
#   every kind of output counted (BudgetedExecute.max_output_bytes, 5 MB);
# - LimitOutputSize, right after LimitOutput: no output is larger than max_chars;
# - ScoreAnswers for SaveAutoGrades: nbgrader's step, except that each test cell's points are
#   computed here from the answer cells' literals and the instructor's test code, not read from
#   the kernel's outputs.
# Our preprocessors are named by import path, not imported here: nbgrader ignores a config
# file that raises (an ImportError would silently drop every setting in it), whereas a name
# it cannot import when it registers the step stops the command with an error.
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCells,
    "mswlab.grading.scoring.StripHiddenTests",
    CheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    "mswlab.grading.limits.BudgetedExecute",
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    "mswlab.grading.limits.LimitOutputSize",
    "mswlab.grading.scoring.ScoreAnswers",
    AssignLatePenalties,
    CheckCellMetadata,
]

# Feedback must not show hidden tests (they hold the answer key) or tracebacks that quote them, and
# must not go out while marking is pending. nbgrader's default feedback steps
# (nbgrader/converters/generate_feedback.py) with, after GetGrades (which reads the scores):
# - FeedbackNotes: refuses a student whose manual grades are pending (--FeedbackNotes.allow_pending=True
#   sends it with those parts "awaiting marking"), titles each part, drops before-submission lines;
# - HideHiddenTests, before the notebook is exported to HTML.
c.GenerateFeedback.preprocessors = [
    GetGrades,
    "mswlab.grading.feedback_notes.FeedbackNotes",
    "mswlab.grading.feedback.HideHiddenTests",
    CSSHTMLHeaderPreprocessor,
]
# The course's feedback page extends nbgrader's (parts by title, pending parts as awaiting marking).
# Found without importing either package here, so this file never fails to load.
_templates = [
    os.path.join(os.path.dirname(find_spec(name).origin), *parts)
    for name, parts in (
        ("nbgrader", ("server_extensions", "formgrader", "templates")),
        ("mswlab", ("templates", "nbconvert")),
    )
]
# Both folders hold a template named "feedback" (the name the Formgrader forces): nbgrader's has
# index.html.j2, ours feedback.html.j2, which extends it.
c.HTMLExporter.template_name = "feedback"
c.HTMLExporter.template_file = "feedback.html.j2"
c.HTMLExporter.extra_template_basedirs = _templates
