"""The same nbgrader round trips as test_roundtrip.py, for the later half of the assignments.

A file of its own so that pytest-xdist's --dist loadfile can run the two halves on different workers.
"""

import pytest

from tests.grading.test_roundtrip import (  # noqa: F401
    LATER,
    grade,
    test_blank_release_gets_zero,
    test_every_assignment_has_at_least_ten_points_or_is_the_practice_run,
    test_partly_right_answers_get_partial_credit,
    test_release_hides_solutions_and_hidden_tests,
    test_solution_gets_full_autograded_marks,
    test_validate_invert_passes_on_release_and_validate_passes_when_answered,
)


@pytest.fixture(scope="module", params=LATER)
def graded(request, tmp_path_factory):
    return grade(request.param, tmp_path_factory)
