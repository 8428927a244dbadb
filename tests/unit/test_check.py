"""`mswlab check`: the real project passes; each kind of breakage is reported by file."""

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import yaml

from mswlab import check, notebooks
from tests.conftest import ROOT, tool_env


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mswlab.cli", *args],
        cwd=cwd,
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_project_passes_and_json_has_the_contract_shape():
    result = run_cli("check", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["problems"] == []
    assert report["counts"]["modules_ready"] >= 2
    assert report["counts"]["assignments"] >= 1
    assert report["counts"]["practice_items"] >= 24
    counts = report["counts"]
    assert counts["vignettes"] >= 22 and counts["risk_cases"] >= 10 and counts["ropes_statements"] >= 40
    assert counts["instruments"] == 8 and sum(counts["vignettes_by_setting"].values()) == counts["vignettes"]
    assert counts["vignettes"] >= 40 and counts["decision_points"] >= 120 and counts["dilemmas"] >= 12
    assert counts["documentation_statements"] >= 40 and counts["referral_plans"] >= 1
    assert counts["smart_objectives"] >= 20 and counts["distortion_thoughts"] >= 36 and counts["tic_scenarios"] >= 20
    assert counts["change_talk_statements"] >= 40 and counts["disclosure_scenarios"] >= 12


def test_failure_exits_one_and_lists_problems(project_copy: Path):
    (project_copy / "modules/01_levels_of_practice.ipynb").unlink()
    result = run_cli("check", "--root", str(project_copy))
    assert result.returncode == 1
    assert (
        "course/curriculum.yaml: entry '01_levels_of_practice': field 'notebook': "
        "modules/01_levels_of_practice.ipynb does not exist"
    ) in result.stdout
    data = json.loads(run_cli("check", "--json", "--root", str(project_copy)).stdout)
    assert data["ok"] is False and len(data["problems"]) == 1


def _edit(path: Path, change) -> None:
    nb = nbformat.read(str(path), as_version=4)
    change(nb)
    nbformat.write(nb, str(path))


def test_dirty_notebook_is_found_and_clean_fixes_it(project_copy: Path):
    path = project_copy / "modules/00_start_here.ipynb"

    def dirty(nb):
        cell = next(c for c in nb.cells if c.cell_type == "code")
        cell.execution_count = 3
        cell.outputs = [nbformat.v4.new_output("stream", text="hello\n")]
        cell.metadata["scrolled"] = True
        nb.metadata["widgets"] = {"state": {}}

    _edit(path, dirty)
    problems = check.run(project_copy).problems
    joined = "\n".join(problems)
    assert "modules/00_start_here.ipynb: cell" in joined and "has saved output" in joined
    assert "has an execution count" in joined and "extra metadata (scrolled)" in joined
    assert "notebook metadata is not the standard" in joined
    assert notebooks.clean(path) is True
    assert check.run(project_copy).ok
    assert notebooks.clean(path) is False  # already clean: nothing rewritten


def test_nbgrader_metadata_problems(project_copy: Path):
    path = project_copy / "course/source/01_levels_of_practice/01_levels_of_practice.ipynb"

    def break_it(nb):
        graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
        graded[0].metadata.nbgrader.pop("points")
        graded[1].metadata.nbgrader.grade_id = graded[2].metadata.nbgrader.grade_id
        graded[2].metadata.nbgrader.schema_version = 2

    _edit(path, break_it)
    joined = "\n".join(check.run(project_copy).problems)
    assert "needs positive points" in joined
    assert "is already used in" in joined
    assert "schema_version is 2, expected 3" in joined


def test_a_test_cell_the_grader_cannot_score_outside_the_kernel_is_named(project_copy: Path):
    path = project_copy / "course/source/01_levels_of_practice/01_levels_of_practice.ipynb"

    def break_it(nb):
        test = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test_practice_answers")
        test.source += "\nprint(len(scratch_notes))"  # a name no answer cell assigns

    _edit(path, break_it)
    assert any(
        "test cell 'test_practice_answers' reads scratch_notes, which no answer cell assigns" in p
        for p in check.run(project_copy).problems
    )


def test_manifest_must_name_known_content_areas(project_copy: Path):
    path = project_copy / "course/curriculum.yaml"
    path.write_text(
        path.read_text().replace(
            "aswb_content_areas: [assessment-and-planning, intervention-and-practice]\n    seed_topics: [levels",
            "aswb_content_areas: [human-development]\n    seed_topics: [levels",
            1,
        )
    )
    assert any(
        "'human-development' is not a content area of the current format" in p for p in check.run(project_copy).problems
    )


def test_duplicate_module_ids_are_reported(project_copy: Path):
    path = project_copy / "course/curriculum.yaml"
    text = path.read_text()
    block = text[text.index("  - id: 01_levels_of_practice") : text.index("  - id: 02_careers_and_settings")]
    path.write_text(text + block)
    problems = check.run(project_copy).problems
    assert any("module id '01_levels_of_practice' appears more than once" in p for p in problems)


def test_dataset_entries_must_stay_sorted_by_id(project_copy: Path):
    path = project_copy / "datasets/competencies.yaml"
    text = path.read_text()
    first = text.index("  - id: competency-1\n")
    second = text.index("  - id: competency-2\n")
    third = text.index("  - id: competency-3\n")
    path.write_text(text[:first] + text[second:third] + text[first:second] + text[third:])
    assert (
        "datasets/competencies.yaml: entries should be sorted by id (first out of order: 'competency-1')"
        in check.run(project_copy).problems
    )


def test_graded_cells_must_name_their_module_competencies(project_copy: Path):
    path = project_copy / "course/source/01_levels_of_practice/01_levels_of_practice.ipynb"
    shown = "course/source/01_levels_of_practice/01_levels_of_practice.ipynb"

    def break_it(nb):
        graded = {c.metadata.nbgrader.grade_id: c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}
        del graded["test_practice_answers"].metadata["mswlab"]
        graded["test_perlman_answers"].metadata["mswlab"]["competencies"] = []
        graded["test_levels_plan_answers"].metadata["mswlab"]["competencies"] = [7, 2]  # 2: not the module's

    _edit(path, break_it)
    problems = check.run(project_copy).problems
    assert (
        f"{shown}: graded cell 'test_practice_answers': field 'metadata.mswlab.competencies' is "
        "missing; list the CSWE competencies this cell assesses, from module "
        "'01_levels_of_practice': 1, 6, 7, 8"
    ) in problems
    assert (
        f"{shown}: graded cell 'test_perlman_answers': field 'metadata.mswlab.competencies' "
        "should be a non-empty list of CSWE competency numbers (the competencies of module "
        "'01_levels_of_practice')"
    ) in problems
    assert (
        f"{shown}: graded cell 'test_levels_plan_answers': field 'metadata.mswlab.competencies' "
        "lists 2, which is not one of 1, 6, 7, 8 (the competencies of module "
        "'01_levels_of_practice')"
    ) in problems
    # the reflection cell is still mapped; each task's cell also no longer claims its task's competencies
    others = [p for p in problems if "graded cell" not in p]
    assert len(others) == 3 and all("claims competencies" in p for p in others), others


def _problems(root: Path) -> list[str]:
    return check.run(root).problems


def test_instrument_text_must_match_the_engine_and_licence(project_copy: Path):
    path = project_copy / "datasets/instruments.yaml"
    text = path.read_text()
    path.write_text(
        text.replace('      - {number: 4, label: "Eye-opener: has had a drink first thing in the morning"}\n', "")
    )
    assert _problems(project_copy) == [
        "datasets/instruments.yaml: entry 'cage': field 'items': lists 3 items, but CAGE has 4"
    ]
    path.write_text(
        text.replace(
            "{number: 1, label: Used drugs other than those needed for medical reasons}",
            "{number: 1, label: Used drugs, text: Any drug use}",
        )
    )
    [problem] = _problems(project_copy)
    assert problem.startswith(
        "datasets/instruments.yaml: entry 'dast10': field 'items[0].text': "
        "holds published wording, but this instrument is not free to reproduce"
    )


def test_practice_questionnaire_that_cannot_be_scored_is_named(project_copy: Path):
    path = project_copy / "datasets/screenings.yaml"
    path.write_text(path.read_text().replace("responses: [1, 2]", "responses: [1, 5]"))
    assert _problems(project_copy) == [
        "datasets/screenings.yaml: entry 'phq2-grandparent-caregiver': field 'responses': "
        "5 is not a possible answer; item 2 is scored 0 to 3"
    ]


def test_vignette_file_is_named_after_its_id(project_copy: Path):
    folder = project_copy / "datasets/vignettes"
    (folder / "middle-school-absences.yaml").rename(folder / "absences.yaml")
    assert _problems(project_copy) == [
        "datasets/vignettes/absences.yaml: entry 'middle-school-absences': field 'id': "
        "the file should be named vignettes/middle-school-absences.yaml"
    ]


def test_ropes_set_must_offer_the_five_categories(project_copy: Path):
    path = project_copy / "datasets/practice/ropes.yaml"
    path.write_text(
        path.read_text()
        .replace("  - key: options\n", "  - key: opportunities\n")
        .replace("answer: options", "answer: opportunities")
    )
    assert _problems(project_copy) == [
        "datasets/practice/ropes.yaml: field 'options': should be the ROPES categories in order: "
        "resources, options, possibilities, exceptions, solutions"
    ]


def test_dilemmas_must_name_principles_of_the_screen_and_real_standards(project_copy: Path):
    path = project_copy / "datasets/ethics/dilemmas.yaml"
    text = path.read_text()
    first = check.run(project_copy).counts["dilemmas"]
    assert first >= 12
    path.write_text(
        text.replace("standards: [", 'standards: ["1.99", ', 1)
        .replace("principles: [protection-of-life,", "principles: [protect-life,", 1)
        .replace("      protection-of-life:", "      protect-life:", 1)
    )
    problems = _problems(project_copy)
    assert len(problems) == 2
    assert any(
        "field 'standards[0]': '1.99' is not a standard listed in datasets/ethics/frameworks.yaml" in p
        for p in problems
    )
    assert any("'protect-life' is not a principle of the Screen" in p for p in problems)


def test_a_dilemma_with_no_best_action_among_its_options_is_named(project_copy: Path):
    path = project_copy / "datasets/ethics/dilemmas.yaml"
    path.write_text(path.read_text().replace("    answer: c\n", "    answer: e\n", 1))
    [problem] = _problems(project_copy)
    assert problem.startswith("datasets/ethics/dilemmas.yaml: entry '") and "field 'answer': is 'e'" in problem


def test_referral_plan_must_name_a_library_case(project_copy: Path):
    path = project_copy / "datasets/casework/referral_plans.yaml"
    path.write_text(path.read_text().replace("vignette: third-grader-doubled-up", "vignette: no-such-case"))
    assert _problems(project_copy) == [
        "datasets/casework/referral_plans.yaml: entry 'doubled-up-family-school-stability': field 'vignette': "
        "'no-such-case' is not a case in datasets/vignettes/"
    ]


def test_too_few_note_statements_or_dilemmas_fail_the_check(project_copy: Path):
    (project_copy / "datasets/ethics/dilemmas.yaml").write_text(
        "provenance: {source: test, retrieved: 2026-11-22}\ndilemmas: []\n"
    )
    assert _problems(project_copy) == ["datasets/ethics/dilemmas.yaml: has 0 dilemma(s); module 04 needs at least 12"]


def test_a_smart_label_the_rules_disagree_with_is_named(project_copy: Path):
    path = project_copy / "datasets/planning/smart_objectives.yaml"
    text = path.read_text()
    assert "time_bound: false" in text
    path.write_text(text.replace("time_bound: false", "time_bound: true", 1))
    [problem] = _problems(project_copy)
    assert problem.startswith("datasets/planning/smart_objectives.yaml: entry '")
    assert "field 'expected.time_bound': says True, but the rule finds False (Add a time frame" in problem


def test_practice_sets_of_modules_09_and_10_keep_their_shape(project_copy: Path):
    path = project_copy / "datasets/practice/cognitive_distortions.yaml"
    path.write_text(path.read_text().replace('A balanced thought: "', 'Try: "', 1))
    path = project_copy / "datasets/practice/change_talk.yaml"
    path.write_text(
        path.read_text()
        .replace("  - key: desire\n", "  - key: SWAP\n")
        .replace("  - key: ability\n", "  - key: desire\n")
        .replace("  - key: SWAP\n", "  - key: ability\n")
    )
    problems = _problems(project_copy)
    assert len(problems) == 2
    assert any(
        p.startswith("datasets/practice/cognitive_distortions.yaml: entry '")
        and "field 'explanation': should include A balanced thought" in p
        for p in problems
    )
    assert (
        "datasets/practice/change_talk.yaml: field 'options': should be, in order: desire, ability, reasons, "
        "need, commitment, activation, taking-steps, sustain"
    ) in problems


def test_a_malformed_outcome_sample_is_named_by_file_entry_and_field(project_copy: Path):
    path = project_copy / "datasets/outcomes/ssd_cases.yaml"
    path.write_text(path.read_text().replace("values: [3, 2, 2, 1, 2]}", "values: [3, 2, two, 1, 2]}"))
    gas = project_copy / "datasets/outcomes/gas_samples.yaml"
    gas.write_text(gas.read_text().replace("follow_up: -1", "follow_up: 3"))
    feedback = project_copy / "datasets/outcomes/session_feedback.yaml"
    feedback.write_text(feedback.read_text().replace("approach: 4,", "approach: 14,"))
    assert sorted(_problems(project_copy)) == [
        "datasets/outcomes/gas_samples.yaml: entry 'veteran-return-to-work': field 'goals[2].follow_up': 3 is not "
        "a level of this scale; choose -2, -1, 0, +1 or +2.",
        "datasets/outcomes/session_feedback.yaml: entry 'alliance-dip-session-4': field 'sessions[3].approach': 14 "
        "is off the scale; 'approach' runs from 0 to 10.",
        "datasets/outcomes/ssd_cases.yaml: entry 'group-participation-abab': field 'phases[2].values[2]': is the "
        "text 'two'; it should be a number",
    ]


def test_outcome_samples_are_held_to_their_design_and_to_the_library(project_copy: Path):
    path = project_copy / "datasets/outcomes/ssd_cases.yaml"
    path.write_text(path.read_text().replace("design: A-B-C", "design: A-B", 1))
    gas = project_copy / "datasets/outcomes/gas_samples.yaml"
    gas.write_text(gas.read_text().replace("vignette: veteran-return-to-work", "vignette: no-such-case"))
    assert sorted(_problems(project_copy)) == [
        "datasets/outcomes/gas_samples.yaml: entry 'veteran-return-to-work': field 'vignette': 'no-such-case' is "
        "not a case in datasets/vignettes/",
        "datasets/outcomes/ssd_cases.yaml: entry 'caregiver-strain-abc': field 'design': the phases make an A-B-C "
        "design, not A-B",
    ]


def test_module_11_needs_an_abab_case_and_a_baseline_trend(project_copy: Path):
    path = project_copy / "datasets/outcomes/ssd_cases.yaml"
    text = path.read_text()
    kept = text[: text.index("  - id: group-participation-abab")] + text[text.index("  - id: mood-weekly-ab") :]
    kept = kept[: kept.index("  - id: panic-baseline-trend")] + kept[kept.index("  - id: room-time-short-baseline") :]
    path.write_text(kept)
    assert _problems(project_copy) == [
        "datasets/outcomes/ssd_cases.yaml: has no A-B-A-B case; module 11 needs one",
        "datasets/outcomes/ssd_cases.yaml: has no case whose baseline was already improving; module 11 needs one",
    ]


def test_careers_must_use_known_skills_and_settings_must_cover_all_ten(project_copy: Path):
    path = project_copy / "datasets/careers/careers.yaml"
    text = path.read_text()
    assert "traits: [emotional-boundaries, integrity, resilience]" in text
    path.write_text(
        text.replace(
            "traits: [emotional-boundaries, integrity, resilience]",
            "traits: [emotional-boundaries, integrity, stamina]",
            1,
        )
    )
    settings = project_copy / "datasets/careers/settings.yaml"
    text = settings.read_text()
    start = text.index("  - id: corrections")
    settings.write_text(text[:start] + text[text.index("  - id: hospital") :])
    assert _problems(project_copy) == [
        "datasets/careers/careers.yaml: entry 'child-and-family-social-worker': field 'traits[2]': 'stamina' is not "
        "a trait listed under skills",
        "datasets/careers/settings.yaml: lacks the setting(s) corrections; module 02 describes all ten",
    ]


def test_a_licensure_or_occupation_row_without_a_source_fails(project_copy: Path):
    path = project_copy / "datasets/licensure/jurisdictions.csv"
    lines = path.read_text().splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("nc-lcsw,"))
    lines[row] = lines[row].replace("https://ncswboard.gov/lcsw-associate/", "")
    path.write_text("\n".join(lines) + "\n")
    occupations = project_copy / "datasets/careers/occupations.csv"
    occupations.write_text(
        occupations.read_text().replace("https://www.bls.gov/oes/2019/may/oes211029.htm", "BLS website")
    )
    assert sorted(_problems(project_copy)) == [
        "datasets/careers/occupations.csv: entry '21-1029-employment': field 'source_url': should be the address "
        "of the page the figure was read on",
        "datasets/licensure/jurisdictions.csv: entry 'nc-lcsw': field 'source_url': is missing; it should be text",
    ]


def test_british_spelling_and_doubled_punctuation_in_feedback_are_named_by_file_and_field(project_copy: Path):
    path = project_copy / "datasets/exam/items/families-groups.yaml"
    data = yaml.safe_load(path.read_text())
    item = data["items"][0]
    item["stem"] = item["stem"] + " Her behaviour changed."
    other = next(o for o in item["options"] if o["key"] != item["answer"])
    other["text"] = other["text"].rstrip(".") + ";"  # renders as "You chose ...;; the best answer"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    problems = [p for p in check.run(project_copy).problems if "families-groups.yaml" in p]
    assert "datasets/exam/items/families-groups.yaml: field 'items[0].stem': 'behaviour' (write 'behavior')" in problems
    assert any(
        p.startswith(
            f"datasets/exam/items/families-groups.yaml: entry '{item['id']}': feedback for "
            f"'{other['key']}': doubled punctuation"
        )
        for p in problems
    ), problems


def test_mswlab_check_runs_every_domains_registered_checks():
    """A domain lists its checks in its module's CHECKS, beside its rules; mswlab check runs every list."""
    import importlib

    registered = []
    for path in sorted((ROOT / "mswlab").rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        if name != "mswlab.check" and "\nCHECKS = [" in path.read_text():
            registered += importlib.import_module(name).CHECKS
    assert len(registered) >= 9 and set(registered) <= set(check.CHECKS)


def test_one_fictional_person_keeps_one_age_across_the_course(project_copy: Path):
    lesson = project_copy / "modules/10_helping_relationship.ipynb"
    notebook = nbformat.read(lesson, as_version=4)
    notebook.cells[1].source += "\n\nLater, Imani Brooks-Salazar, 35, joins a group."
    nbformat.write(notebook, lesson)
    assert _problems(project_copy) == [
        "'Imani Brooks-Salazar' is given different ages (31 in course/source/13_integrative_cases/"
        "13_integrative_cases.ipynb, datasets/assignments/13_integrative_cases.yaml; 35 in "
        "modules/10_helping_relationship.ipynb); one person keeps one identity"
    ]


# --- graded tasks ----------------------------------------------------------------------------

TASKS_01 = "datasets/assignments/01_levels_of_practice.yaml"


def test_graded_tasks_are_held_to_their_cells_variants_and_model_answers(project_copy: Path):
    path = project_copy / TASKS_01
    text = path.read_text()
    first = text.index("      - id: dialysis-subsidy-grades")
    second = text.index("      - id: evictions-grief-shelter")
    text = text[:first] + text[second:]  # the choice part keeps two variants
    text = text.replace("    points: 3\n    competencies: [7]", "    points: 5\n    competencies: [7]")  # the sort part
    text = text.replace("micro: Meet with Amara one-on-one", "micro: Amara")  # a model answer that fails its rule
    path.write_text(text)
    problems = _problems(project_copy)
    assert f"{TASKS_01}: part 'practice_answers': has 2 variant(s); each part needs at least 3" in problems
    assert f"{TASKS_01}: part 'perlman_answers': is worth 5 points but its test cell gives 3" in problems
    assert any(
        p.startswith(
            f"{TASKS_01}: part 'levels_plan_answers': variant 'no-internet': its best answer misses 'A micro action'"
        )
        for p in problems
    ), problems


def test_a_task_without_its_form_cell_or_scorer_is_named(project_copy: Path):
    path = project_copy / "course/source/01_levels_of_practice/01_levels_of_practice.ipynb"

    def break_it(nb):
        nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "form_perlman_answers"]
        test = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test_practice_answers")
        test.source = test.source.replace('score("01_levels_of_practice", "practice_answers"', 'score("x", "y"')

    _edit(path, break_it)
    problems = _problems(project_copy)
    assert any("part 'perlman_answers': the notebook has no form cell" in p for p in problems)
    assert any("part 'practice_answers': its test cell should score it with score(" in p for p in problems)


def test_each_assignment_needs_half_its_autograded_points_from_performance(project_copy: Path):
    path = project_copy / TASKS_01
    text = path.read_text()
    # make the plan part worth 1 point and the choice part 9: 3 + 1 of 13 points are performance
    text = text.replace("    points: 4\n    competencies: [8]", "    points: 1\n    competencies: [8]")
    text = text.replace("    points: 3\n    competencies: [8]", "    points: 9\n    competencies: [8]")
    path.write_text(text)
    nb_path = project_copy / "course/source/01_levels_of_practice/01_levels_of_practice.ipynb"

    def repoint(nb):
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id in ("test_levels_plan_answers", "test_practice_answers"):
                cell.metadata.nbgrader.points = 1 if grade_id == "test_levels_plan_answers" else 9

    _edit(nb_path, repoint)
    assert (
        "course/source/01_levels_of_practice/01_levels_of_practice.ipynb: 4 of 13 autograded points (31%) come "
        "from performance tasks; at least 50% must (parts of kind compute, sort or write in "
        f"{TASKS_01})"
    ) in _problems(project_copy)


def test_a_cued_choice_pool_fails_the_guesser_check(project_copy: Path):
    path = project_copy / TASKS_01
    data = yaml.safe_load(path.read_text())
    for variant in data["parts"][0]["variants"]:  # every wrong option now says "always": a guesser finds each key
        for item in variant["items"]:
            for option in item["options"]:
                if option["key"] != item["answer"]:
                    option["text"] = "Always " + option["text"].lower()
    path.write_text(json.dumps(data))
    assert any(
        p.startswith(f"{TASKS_01}: a content-free guesser scores 85.2% on its 9 choice items against 33.3% by chance")
        for p in _problems(project_copy)
    )


def test_check_json_reports_recognition_share_and_variants_min():
    counts = check.run().counts
    assert 0 < counts["recognition_share"] <= 0.4
    assert counts["variants_min"] >= 3
    assert 0 < counts["random_guess_share"] < counts["recognition_share"]
