"""Loading every dataset: the real files are valid, and broken files are named precisely."""

from pathlib import Path

from mswlab.content import load_all, load_curriculum, models, practice_set


def test_real_datasets_load_without_problems():
    content = load_all()
    assert content.problems == []
    assert {"competencies.yaml", "practice/levels_of_practice.yaml"} <= set(content.files)
    assert isinstance(content.files["competencies.yaml"], models.CompetencyFile)


def test_practice_set_by_id():
    levels = practice_set("levels-of-practice")
    assert levels.id == "levels-of-practice" and len(levels.items) >= 24


def test_broken_entry_is_reported_with_file_entry_and_field(project_copy: Path):
    path = project_copy / "datasets/practice/levels_of_practice.yaml"
    text = path.read_text()
    path.write_text(text.replace("answer: micro", "answer: mega", 1))
    problems = load_all(project_copy).problems
    assert len(problems) == 1
    assert problems[0].startswith("datasets/practice/levels_of_practice.yaml: entry 'lop-")
    assert "field 'answer': is 'mega', which is not one of the options" in problems[0]


def test_invalid_yaml_names_the_line(project_copy: Path):
    (project_copy / "datasets/competencies.yaml").write_text("provenance:\n  source: [unclosed\n")
    problems = load_all(project_copy).problems
    assert any(p.startswith("datasets/competencies.yaml: is not valid YAML near line") for p in problems)


def test_file_without_schema_is_a_problem(project_copy: Path):
    (project_copy / "datasets/stray.csv").write_text("a,b\n1,2\n")
    assert any("datasets/stray.csv: no schema is registered" in p for p in load_all(project_copy).problems)


def test_curriculum_lists_fifteen_modules_in_order():
    cur = load_curriculum()
    assert [m.number for m in cur.modules] == list(range(15))
    assert {m.id for m in cur.ready} >= {"00_start_here", "01_levels_of_practice"}
