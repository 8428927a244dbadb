"""The grader's hold on nbgrader's internals: every private method it calls or overrides is still
there with the parameters it uses, and a release that moves one is named, not silently obeyed."""

from __future__ import annotations

from mswlab.grading import nbgrader_adapter


def test_every_private_method_and_attribute_the_grader_relies_on_is_there():

    assert nbgrader_adapter.private_api_problems() == []


def test_a_changed_internal_is_named_with_what_it_became(monkeypatch):
    monkeypatch.setattr(
        nbgrader_adapter,
        "PRIVATE_API",
        (
            ("nbgrader.converters.base", "BaseConverter", "_format_dest", ("student_id", "assignment_id")),
            ("nbgrader.preprocessors.saveautogrades", "SaveAutoGrades", "_add_score_v2", ("cell", "resources")),
        ),
    )
    import nbgrader

    assert nbgrader_adapter.private_api_problems() == [
        "nbgrader.converters.base.BaseConverter._format_dest now takes (assignment_id, student_id, escape), "
        "not (student_id, assignment_id)",
        f"nbgrader.preprocessors.saveautogrades.SaveAutoGrades._add_score_v2 is gone (installed nbgrader "
        f"{nbgrader.__version__})",
    ]


def test_the_grader_refuses_to_run_when_an_internal_changed(tmp_path, monkeypatch):
    from mswlab.grading import autograde

    monkeypatch.setattr(nbgrader_adapter, "private_api_problems", lambda: ["X._y is gone (installed nbgrader 9.9)"])
    coordinator = autograde.Coordinator(autograde.Options("01_levels_of_practice", tmp_path, workers=1))
    try:
        coordinator.open()
    except autograde.RunFailed as err:
        assert "the installed nbgrader changed what this grader relies on" in str(err) and "X._y is gone" in str(err)
    else:
        raise AssertionError("the grader ran on an nbgrader it cannot trust")
