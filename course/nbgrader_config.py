"""nbgrader configuration for the MSW Practice Lab course (run nbgrader from this folder)."""

import os

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "msw-practice-lab"

# A student's cell may run at most this long; a stuck cell scores zero, the rest still grade.
c.ExecutePreprocessor.timeout = 60

# If a student deletes a test cell, put it back and grade it, instead of silently
# leaving the submission "needing manual grading" (jupyter/nbgrader#1682).
c.OverwriteCells.add_missing_cells = True

# Students are mostly not programmers: answer cells start with a comment they replace,
# not with code that raises. A blank answer still scores zero because its tests fail.
c.ClearSolutions.code_stub = {"python": "# YOUR ANSWER HERE"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
