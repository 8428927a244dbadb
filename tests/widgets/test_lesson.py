"""Lesson helpers read the manifest; nothing is restated in notebooks."""

from mswlab.content import competencies, load_curriculum
from widgets import lesson


def test_header_lists_objectives_minutes_and_competency_names():
    module = load_curriculum().module("01_levels_of_practice")
    text = lesson.header(module.id).data
    assert f"about {module.minutes} minutes" in text
    for objective in module.objectives:
        assert objective in text
    names = {c.number: c.name for c in competencies().competencies}
    assert all(f"{n}. {names[n]}" in text for n in module.competencies)


def test_key_points_and_course_map_cover_every_module():
    cur = load_curriculum()
    assert cur.module("01_levels_of_practice").key_points[0] in lesson.key_points("01_levels_of_practice").data
    fig = lesson.course_map()
    bars = sum(len(trace.y) for trace in fig.data)
    assert bars == len(cur.modules) == 15
    assert {trace.name for trace in fig.data} == {"Ready", "Planned"}
    html = lesson.course_table().to_html()
    assert "00_start_here" in html and "#e8f5e9" in html


def test_ethics_tables_come_from_the_frameworks_file_with_their_sources():
    from mswlab.content import ethics_frameworks

    f = ethics_frameworks()
    values = lesson.nasw_values().data
    assert all(v.value in values and v.principle in values for v in f.core_values)
    standards = lesson.nasw_standards().data
    assert standards.count("\n| ") == 6 and "1.07 Privacy and confidentiality" in standards
    assert all(a in standards for a in f.additions_2021) and f.sources["nasw-2021"] in standards
    screen = lesson.ethics_screen().data.splitlines()
    assert screen[2].startswith("| 1 | Protection of life |") and screen[8].startswith("| 7 | Truthfulness")
    steps = lesson.reamer_steps().data
    assert steps.startswith("1. **Identify the ethical issues.**") and f.sources["reamer-2018"] in steps
