"""``mswlab check``: everything a content change can break, reported one line per problem.

It validates the datasets, the curriculum manifest against the files it names, the
cleanliness of every notebook under ``modules/``, ``course/source/`` and ``apps/``, the
nbgrader metadata of every assignment, and the CSWE competencies each graded cell assesses
(read by the competency report). Later domains add their own checks and counts
by appending to ``CHECKS``.
"""

from __future__ import annotations

import re
import tokenize
import typing
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

from mswlab import assessment, instruments, library, notebooks, outcomes, planning, wording
from mswlab.content import json_schemas, loader, models
from mswlab.content.careers import CareerFile, SettingFile
from mswlab.content.casework import ProgressNoteFile, ReferralFile
from mswlab.content.ethics import DilemmaFile, EthicsFrameworks
from mswlab.content.exam import ItemFile
from mswlab.content.licensure import JurisdictionFile, OccupationFile
from mswlab.content.outcomes import FeedbackSampleFile, GasSampleFile, SsdCaseFile
from mswlab.content.planning import DisclosureFile, SmartObjectiveFile
from mswlab.content.vignettes import Setting, Vignette
from mswlab.errors import ValidationError
from mswlab.exam import bank, blueprint, lint, scoring
from mswlab.practice import judge

NBGRADER_SCHEMA_VERSION = 3


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int | dict[str, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        return {"ok": self.ok, "problems": self.problems, "counts": self.counts}


@dataclass
class Context:
    """What the checks share: the project root and what was loaded (None where loading failed)."""

    root: Path
    content: loader.Content
    curriculum: models.Curriculum | None


def check_datasets(ctx: Context, report: Report) -> None:
    report.problems.extend(ctx.content.problems)
    report.counts["dataset_files"] = len(ctx.content.files)
    practice = ctx.content.of_type(models.PracticeSet)
    report.counts["practice_sets"] = len(practice)
    report.counts["practice_items"] = sum(len(p.items) for p in practice.values())
    for name, obj in sorted(ctx.content.files.items()):
        ids = [e.id for e in getattr(obj, "entries", ())]
        if ids != sorted(ids):
            report.problems.append(
                f"datasets/{name}: entries should be sorted by id (first out of order: '{_first_unsorted(ids)}')"
            )


def _first_unsorted(ids: list[str]) -> str:
    return next(b for a, b in zip(ids, ids[1:]) if b < a)


def check_manifest(ctx: Context, report: Report) -> None:
    cur = ctx.curriculum
    if cur is None:
        return
    report.counts["modules"] = len(cur.modules)
    report.counts["modules_ready"] = len(cur.ready)
    blueprints = ctx.content.files.get("exam/blueprints.yaml")
    areas = {a.id for a in blueprints.format("current").areas} if blueprints else set()
    shown = "course/curriculum.yaml"
    for m in cur.modules:
        for area in m.aswb_content_areas:
            if areas and area not in areas:
                report.problems.append(
                    f"{shown}: entry '{m.id}': field 'aswb_content_areas': '{area}' is not "
                    "a content area of the current format in datasets/exam/blueprints.yaml"
                )
        if m.status != "ready":
            continue
        if not (ctx.root / m.notebook).is_file():
            report.problems.append(f"{shown}: entry '{m.id}': field 'notebook': {m.notebook} does not exist")
        source = ctx.root / "course" / "source" / m.assignment / f"{m.assignment}.ipynb"
        if not source.is_file():
            report.problems.append(
                f"{shown}: entry '{m.id}': field 'assignment': "
                f"course/source/{m.assignment}/{m.assignment}.ipynb does not exist"
            )


def notebook_paths(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder in (root / "modules", root / "course" / "source", root / "apps"):
        found.extend(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return sorted(found)


def check_notebooks_clean(ctx: Context, report: Report) -> None:
    paths = notebook_paths(ctx.root)
    report.counts["notebooks"] = len(paths)
    for path in paths:
        report.problems.extend(notebooks.problems(path, path.relative_to(ctx.root).as_posix()))


def check_nbgrader_metadata(ctx: Context, report: Report) -> None:
    source = ctx.root / "course" / "source"
    assignments = sorted(p for p in source.iterdir() if p.is_dir()) if source.is_dir() else []
    report.counts["assignments"] = len(assignments)
    total_points = 0.0
    for folder in assignments:
        grade_ids: dict[str, str] = {}
        for path in sorted(folder.glob("*.ipynb")):
            shown = path.relative_to(ctx.root).as_posix()
            try:
                nb = notebooks.read(path)
            except Exception:
                continue  # reported by the cleanliness check
            for index, cell in enumerate(nb.cells, start=1):
                meta = cell.metadata.get("nbgrader")
                if meta is None:
                    continue
                where = f"{shown}: cell {index}"
                grade_id = meta.get("grade_id")
                if meta.get("schema_version") != NBGRADER_SCHEMA_VERSION:
                    report.problems.append(
                        f"{where}: nbgrader schema_version is {meta.get('schema_version')}, expected 3"
                    )
                if not grade_id:
                    report.problems.append(f"{where}: nbgrader cell has no grade_id")
                elif grade_id in grade_ids:
                    report.problems.append(f"{where}: grade_id '{grade_id}' is already used in {grade_ids[grade_id]}")
                else:
                    grade_ids[grade_id] = f"{path.name} cell {index}"
                if meta.get("grade"):
                    points = meta.get("points")
                    if not isinstance(points, (int, float)) or isinstance(points, bool) or points <= 0:
                        report.problems.append(f"{where}: graded cell '{grade_id}' needs positive points")
                    else:
                        total_points += points
                    if not meta.get("solution") and not meta.get("locked"):
                        report.problems.append(f"{where}: test cell '{grade_id}' should be locked")
        if not grade_ids:
            report.problems.append(f"course/source/{folder.name}: assignment has no nbgrader cells")
    report.counts["assignment_points"] = int(total_points)


def check_scored_outside_kernel(ctx: Context, report: Report) -> None:
    """Every autograded test cell must be scorable by the grader from the answers' values alone
    (mswlab.grading.scoring): each name it reads is assigned, as a value, by an answer cell."""
    from mswlab.grading.answers import answer_name, free_names

    source = ctx.root / "course" / "source"
    for path in sorted(source.glob("*/*.ipynb")) if source.is_dir() else []:
        try:
            nb = notebooks.read(path)
        except Exception:
            continue  # reported by the cleanliness check
        shown = path.relative_to(ctx.root).as_posix()
        cells = [(i, c, c.metadata.get("nbgrader", {})) for i, c in enumerate(nb.cells, start=1)]
        answers = {
            answer_name(c.source)
            for _, c, m in cells
            if c.cell_type == "code" and m.get("solution") and not m.get("grade")
        }
        for index, cell, meta in cells:
            if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
                continue
            try:
                missing = sorted(free_names(cell.source) - answers)
            except SyntaxError as err:
                missing = [f"(not valid Python: {err.msg})"]
            if missing:
                report.problems.append(
                    f"{shown}: cell {index}: test cell '{meta.get('grade_id')}' reads {', '.join(missing)}, which no "
                    "answer cell assigns as a value; the grader could not score it outside the student's kernel"
                )


COMPETENCY_FIELD = "metadata.mswlab.competencies"


def competency_field_problem(value: object, allowed: list[int]) -> str | None:
    """Why ``value`` is not a valid competency list for a cell (None if it is).

    Shared with the competency report, so that the check and the report agree on the rule.
    """
    if not isinstance(value, list) or not value:
        return f"field '{COMPETENCY_FIELD}' should be a non-empty list of CSWE competency numbers"
    for number in value:
        if not isinstance(number, int) or isinstance(number, bool) or number not in allowed:
            return f"field '{COMPETENCY_FIELD}' lists {number!r}, which is not one of {', '.join(map(str, allowed))}"
    return None


def check_competency_metadata(ctx: Context, report: Report) -> None:
    """Every graded cell says which of its module's competencies it assesses.

    The competency report reads this mapping; a graded cell without it would silently
    count towards no competency.
    """
    source = ctx.root / "course" / "source"
    if ctx.curriculum is None or not source.is_dir():
        return
    modules = {m.assignment: m for m in ctx.curriculum.modules}
    mapped = 0
    for path in sorted(source.glob("*/*.ipynb")):
        module = modules.get(path.parent.name)
        if module is None or not module.competencies:
            continue
        shown = path.relative_to(ctx.root).as_posix()
        try:
            nb = notebooks.read(path)
        except Exception:
            continue  # reported by the cleanliness check
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if not meta.get("grade"):
                continue
            where = f"{shown}: graded cell '{meta.get('grade_id')}'"
            ours = cell.metadata.get("mswlab", {})
            value = ours.get("competencies") if isinstance(ours, dict) else None
            if value is None:
                report.problems.append(
                    f"{where}: field '{COMPETENCY_FIELD}' is missing; list the CSWE competencies "
                    f"this cell assesses, from module '{module.id}': "
                    f"{', '.join(map(str, module.competencies))}"
                )
                continue
            problem = competency_field_problem(value, list(module.competencies))
            if problem:
                report.problems.append(f"{where}: {problem} (the competencies of module '{module.id}')")
            else:
                mapped += 1
    report.counts["competency_mapped_cells"] = mapped


def check_instruments(ctx: Context, report: Report) -> None:
    """The reading material in datasets/instruments.yaml matches the engine's scoring rules."""
    files = ctx.content.of_type(models.InstrumentFile)
    if not files:
        return
    shown = "datasets/instruments.yaml"
    described = {i.id: i for f in files.values() for i in f.instruments}
    report.counts["instruments"] = len(described)
    for missing in sorted(set(instruments.RULES) - set(described)):
        report.problems.append(f"{shown}: instrument '{missing}' is scored by the engine but not described here")
    for inst in described.values():
        rule = instruments.RULES.get(inst.id)
        if rule is None:
            report.problems.append(
                f"{shown}: entry '{inst.id}': field 'id': the engine has no scoring "
                f"rules for it (mswlab/instruments.py)"
            )
            continue
        if len(inst.items) != rule.items:
            report.problems.append(
                f"{shown}: entry '{inst.id}': field 'items': lists {len(inst.items)} "
                f"items, but {rule.name} has {rule.items}"
            )
            continue
        for item, allowed in zip(inst.items, rule.values):
            values = tuple(o.value for o in inst.responses_for(item))
            if values and values != allowed:
                report.problems.append(
                    f"{shown}: entry '{inst.id}': field 'items[{item.number - 1}].responses': answer values "
                    f"{list(values)} differ from the engine's {list(allowed)} for item {item.number}"
                )


def check_screenings(ctx: Context, report: Report) -> None:
    """Every practice questionnaire can be scored by the engine."""
    files = ctx.content.of_type(models.ScreeningFile)
    cases = [case for f in files.values() for case in f.screenings]
    report.counts["screenings"] = len(cases)
    for case in cases:
        try:
            instruments.score(case.instrument, case.responses)
        except ValidationError as err:
            field = "instrument" if err.field == "instrument" else "responses"
            report.problems.append(f"datasets/screenings.yaml: entry '{case.id}': field '{field}': {err.message}")


def check_vignettes(ctx: Context, report: Report) -> None:
    """Each case file is named after its id; count cases, settings, risk cases and decisions."""
    cases = ctx.content.of_type(Vignette)
    for name, case in sorted(cases.items()):
        if name != f"vignettes/{case.id}.yaml":
            report.problems.append(
                f"datasets/{name}: entry '{case.id}': field 'id': the file should be named vignettes/{case.id}.yaml"
            )
    report.counts["vignettes"] = len(cases)
    by_setting = Counter(case.setting for case in cases.values())
    report.counts["vignettes_by_setting"] = dict(sorted(by_setting.items()))
    report.counts["vignettes_by_life_stage"] = dict(
        sorted(Counter(c.population.life_stage for c in cases.values()).items())
    )
    report.counts["vignettes_by_unit"] = dict(sorted(Counter(c.population.unit for c in cases.values()).items()))
    report.counts["cross_level_cases"] = sum({"micro", "mezzo", "macro"} <= set(c.levels) for c in cases.values())
    report.counts["risk_cases"] = sum(case.triage is not None for case in cases.values())
    report.counts["decision_points"] = sum(len(case.decision_points) for case in cases.values())
    report.problems.extend(f"datasets/vignettes: {p}" for p in library.coverage_problems(list(cases.values())))
    ropes = ctx.content.files.get(f"practice/{assessment.ROPES_PRACTICE_SET}.yaml")
    report.counts["ropes_statements"] = len(ropes.items) if ropes else 0
    if ropes and tuple(o.key for o in ropes.options) != assessment.ROPES:
        report.problems.append(
            f"datasets/practice/{assessment.ROPES_PRACTICE_SET}.yaml: field 'options': "
            f"should be the ROPES categories in order: {', '.join(assessment.ROPES)}"
        )


def check_exam(ctx: Context, report: Report) -> None:
    """The item bank meets the item-writing rules and can build every form in the blueprint."""
    blueprints = ctx.content.files.get("exam/blueprints.yaml")
    files = ctx.content.of_type(ItemFile)
    try:
        the_bank = bank.from_files(files)
    except ValidationError as err:
        report.problems.append(str(err))
        return
    report.counts.update(lint.counts(the_bank))
    result = lint.lint(the_bank)
    report.counts["item_lint_errors"] = len(result.errors)
    report.counts["item_lint_warnings"] = len(result.warnings)
    report.problems.extend(str(p) for p in result.errors)
    if ctx.curriculum is not None:
        modules = {m.id for m in ctx.curriculum.modules}
        report.problems.extend(
            f"datasets/{the_bank.files[i.id]}: entry '{i.id}': field 'module': '{i.module}' is not a module in "
            "course/curriculum.yaml"
            for i in the_bank.items
            if i.module not in modules
        )
    if blueprints is not None:
        areas = {a.id for a in blueprints.format("current").areas}
        report.problems.extend(
            f"datasets/{the_bank.files[i.id]}: entry '{i.id}': field 'area': '{i.area}' is not a content area of "
            f"the current format ({', '.join(sorted(areas))}; datasets/exam/blueprints.yaml)"
            for i in the_bank.items
            if i.area not in areas
        )
        report.problems.extend(str(p) for p in lint.coverage(the_bank, blueprints))


MIN_DILEMMAS = 12
MIN_NOTE_STATEMENTS = 40


def _count(
    ctx: Context, report: Report, count: str, shown: str, found: list, minimum: int, noun: str, needed_by: str = "it"
) -> None:
    """Record how many ``noun``s a file holds, and a problem when there are fewer than ``minimum``
    (unless the file failed to load, which is already reported and makes the count meaningless)."""
    report.counts[count] = len(found)
    if len(found) < minimum and not any(p.startswith(f"{shown}:") for p in ctx.content.problems):
        report.problems.append(f"{shown}: has {len(found)} {noun}(s); {needed_by} needs at least {minimum}")


def check_ethics(ctx: Context, report: Report) -> None:
    """Dilemmas name real principles of the Screen and real NASW standards; the bank is big enough."""
    frameworks = next(iter(ctx.content.of_type(EthicsFrameworks).values()), None)
    dilemmas = [d for f in ctx.content.of_type(DilemmaFile).values() for d in f.dilemmas]
    shown = "datasets/ethics/dilemmas.yaml"
    _count(ctx, report, "dilemmas", shown, dilemmas, MIN_DILEMMAS, "dilemma", "module 04")
    if frameworks is None:
        return
    principles = {p.id for p in frameworks.screen}
    standards = frameworks.standard_titles
    for d in dilemmas:
        for i, p in enumerate(d.principles):
            if p not in principles:
                report.problems.append(
                    f"{shown}: entry '{d.id}': field 'principles[{i}]': '{p}' is not a principle "
                    "of the Screen in datasets/ethics/frameworks.yaml"
                )
        for i, number in enumerate(d.standards):
            if number not in standards:
                report.problems.append(
                    f"{shown}: entry '{d.id}': field 'standards[{i}]': '{number}' is not a "
                    "standard listed in datasets/ethics/frameworks.yaml"
                )


def check_casework(ctx: Context, report: Report) -> None:
    """Enough note statements to practice with, some flagged; referral plans name library cases."""
    statements = [s for f in ctx.content.of_type(ProgressNoteFile).values() for s in f.statements]
    _count(
        ctx,
        report,
        "documentation_statements",
        "datasets/casework/progress_notes.yaml",
        statements,
        MIN_NOTE_STATEMENTS,
        "statement",
        "module 12",
    )
    report.counts["documentation_statements_flagged"] = sum(s.flag is not None for s in statements)
    plans = [p for f in ctx.content.of_type(ReferralFile).values() for p in f.plans]
    report.counts["referral_plans"] = len(plans)
    _require_vignettes(ctx, report, "datasets/casework/referral_plans.yaml", plans)


def _require_vignettes(ctx: Context, report: Report, shown: str, entries: list) -> None:
    """Every entry's ``vignette`` names a case in the library."""
    cases = {case.id for case in ctx.content.of_type(Vignette).values()}
    report.problems.extend(
        f"{shown}: entry '{e.id}': field 'vignette': '{e.vignette}' is not a case in datasets/vignettes/"
        for e in entries
        if e.vignette not in cases
    )


# Practice sets of modules 08-10: count name, minimum, the option keys the set must offer (in order), and a
# phrase every explanation must contain.
PRACTICE_MINIMUMS = {
    "cognitive_distortions": ("distortion_thoughts", 36, None, 'A balanced thought: "'),
    "trauma_informed": (
        "tic_scenarios",
        20,
        (
            "safety",
            "trustworthiness-and-transparency",
            "peer-support",
            "collaboration-and-mutuality",
            "empowerment-voice-and-choice",
            "cultural-historical-and-gender-issues",
        ),
        None,
    ),
    "change_talk": (
        "change_talk_statements",
        40,
        ("desire", "ability", "reasons", "need", "commitment", "activation", "taking-steps", "sustain"),
        None,
    ),
}
MIN_SMART_OBJECTIVES = 20
MIN_DISCLOSURE_SCENARIOS = 12


def check_planning(ctx: Context, report: Report) -> None:
    """Modules 08-10: enough practice, and the SMART rules agree with every labeled objective."""
    shown = "datasets/planning/smart_objectives.yaml"
    objectives = [o for f in ctx.content.of_type(SmartObjectiveFile).values() for o in f.objectives]
    _count(ctx, report, "smart_objectives", shown, objectives, MIN_SMART_OBJECTIVES, "objective", "module 08")
    for o in objectives:
        for result in planning.check_objective(o.text):
            if result.passed != o.expected[result.criterion]:
                report.problems.append(
                    f"{shown}: entry '{o.id}': field 'expected.{result.criterion}': says "
                    f"{o.expected[result.criterion]}, but the rule finds {result.passed} ({result.message})"
                )
        if o.better and not planning.is_smart(o.better):
            failed = [r.criterion for r in planning.check_objective(o.better) if not r.passed]
            report.problems.append(f"{shown}: entry '{o.id}': field 'better': fails {', '.join(failed)}")
    scenarios = [s for f in ctx.content.of_type(DisclosureFile).values() for s in f.scenarios]
    _count(
        ctx,
        report,
        "disclosure_scenarios",
        "datasets/relationship/self_disclosure.yaml",
        scenarios,
        MIN_DISCLOSURE_SCENARIOS,
        "scenario",
        "module 10",
    )
    for name, (count, minimum, keys, phrase) in PRACTICE_MINIMUMS.items():
        shown = f"datasets/practice/{name}.yaml"
        practice = ctx.content.files.get(f"practice/{name}.yaml")
        items = list(practice.items) if practice else []
        _count(ctx, report, count, shown, items, minimum, "item")
        if practice and keys and tuple(o.key for o in practice.options) != keys:
            report.problems.append(f"{shown}: field 'options': should be, in order: {', '.join(keys)}")
        report.problems.extend(
            f"{shown}: entry '{i.id}': field 'explanation': should include {phrase}..."
            for i in items
            if phrase and phrase not in i.explanation
        )


MIN_SSD_CASES = 6


def check_outcomes(ctx: Context, report: Report) -> None:
    """Module 11: enough single-system cases, among them an A-B-A-B design and a baseline that was
    already improving (as the engine judges it), and every sample tied to a library case."""
    shown = "datasets/outcomes/ssd_cases.yaml"
    cases = [c for f in ctx.content.of_type(SsdCaseFile).values() for c in f.cases]
    _count(ctx, report, "ssd_cases", shown, cases, MIN_SSD_CASES, "case", "module 11")
    designs = dict(Counter(c.design for c in cases))
    report.counts["ssd_cases_by_design"] = designs
    trending = [
        c.id
        for c in cases
        if c.phases
        and any(
            w.startswith("The baseline was already improving")
            for w in outcomes.caveats(c.phases[0].values, c.direction)
        )
    ]
    report.counts["ssd_cases_with_baseline_trend"] = len(trending)
    if cases and "A-B-A-B" not in designs:
        report.problems.append(f"{shown}: has no A-B-A-B case; module 11 needs one")
    if cases and not trending:
        report.problems.append(f"{shown}: has no case whose baseline was already improving; module 11 needs one")
    _require_vignettes(ctx, report, shown, cases)
    for kind, count in ((GasSampleFile, "gas_samples"), (FeedbackSampleFile, "feedback_samples")):
        for relative, data in ctx.content.of_type(kind).items():
            report.counts[count] = len(data.samples)
            _require_vignettes(ctx, report, f"datasets/{relative}", list(data.samples))


MIN_JURISDICTIONS = 8
MIN_CAREERS = 6


def check_licensure(ctx: Context, report: Report) -> None:
    """Modules 02-03: sourced state rows for at least 8 jurisdictions, the BLS figures counted, the six
    careers and all ten settings described."""
    rows = [r for f in ctx.content.of_type(JurisdictionFile).values() for r in f.rows]
    states = sorted({r.jurisdiction for r in rows})
    report.counts["jurisdictions"] = len(states)
    if rows and len(states) < MIN_JURISDICTIONS:
        report.problems.append(
            f"datasets/licensure/jurisdictions.csv: has {len(states)} jurisdiction(s); module 03 "
            f"needs at least {MIN_JURISDICTIONS}"
        )
    report.counts["occupations_sourced"] = sum(len(f.rows) for f in ctx.content.of_type(OccupationFile).values())
    careers = [c for f in ctx.content.of_type(CareerFile).values() for c in f.careers]
    settings = [s for f in ctx.content.of_type(SettingFile).values() for s in f.settings]
    _count(ctx, report, "careers", "datasets/careers/careers.yaml", careers, MIN_CAREERS, "career", "module 02")
    report.counts["settings"] = len(settings)
    missing = sorted(set(typing.get_args(Setting)) - {s.id for s in settings})
    if missing:
        report.problems.append(
            f"datasets/careers/settings.yaml: lacks the setting(s) {', '.join(missing)}; module 02 describes all ten"
        )


# Fields that hold what others wrote (cited titles, names, links) or what the grader accepts, not our prose.
NOT_OUR_WORDS = {"references", "source", "sources", "citations", "url", "publisher", "accepted", "aliases", "id"}


def _dataset_texts(value, path: str = ""):
    """(field path, text) for every string in a parsed dataset, outside NOT_OUR_WORDS."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if str(key) not in NOT_OUR_WORDS:
                yield from _dataset_texts(inner, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            yield from _dataset_texts(inner, f"{path}[{n}]")


def _source_strings(path: Path):
    """(line, text) of the prose in a Python file's string literals: strings of more than one word,
    without an f-string's {expressions} (single words are names and data, such as a British
    spelling the grader accepts)."""
    with open(path, encoding="utf-8") as fh:
        for token in tokenize.generate_tokens(fh.readline):
            if token.type == tokenize.STRING:
                prefix = token.string[: token.string.find(token.string[-1])].lower()
                text = re.sub(r"\{[^{}]*\}", " ", token.string) if "f" in prefix else token.string
                if len(text.split()) > 1:
                    yield token.start[0], text


def _rendered_feedback(ctx: Context):
    """(where, message) for every feedback message the engine renders for a choice."""
    for name, practice_set in sorted(ctx.content.of_type(models.PracticeSet).items()):
        for item in practice_set.items:
            for option in item.options:
                yield (
                    f"datasets/{name}: entry '{item.id}': feedback for '{option.key}'",
                    judge(item, item.options, option.key).message,
                )
    for name, item_file in sorted(ctx.content.of_type(ItemFile).items()):
        for item in item_file.entries:
            for option in item.options:
                yield (
                    f"datasets/{name}: entry '{item.id}': feedback for '{option.key}'",
                    judge(item, item.options, option.key).message,
                )
    blueprints = ctx.content.files.get("exam/blueprints.yaml")
    if blueprints is None:
        return
    for category in blueprints.categories:
        for form in blueprints.formats:
            spec = blueprint.spec(category.id, form.id, blueprints)
            yield (
                f"datasets/exam/blueprints.yaml: the {category.id} {form.id} mock report",
                " ".join((*spec.notes, scoring.pass_statement(spec))),
            )


def check_schemas(ctx: Context, report: Report) -> None:
    """The JSON Schemas editors read must match the models they were written from."""
    report.problems.extend(
        f"{name}: out of date with the content models; run `mswlab schemas` and commit the result"
        for name in json_schemas.stale(ctx.root)
    )


def check_wording(ctx: Context, report: Report) -> None:
    """US spelling in our prose and code strings; no doubled words or punctuation in rendered feedback."""
    found = []
    schemas = loader.datasets_dir(ctx.root) / loader.SCHEMAS  # written from the models, whose code is checked below
    for path in sorted((ctx.root / "datasets").rglob("*")):
        if path.suffix in (".yaml", ".yml", ".json") and schemas not in path.parents:
            text = path.read_text(encoding="utf-8")
            if not wording.british_spellings(text):
                continue  # nothing to place by field
            data = yaml.load(text, Loader=loader.SAFE_LOADER)
            shown = path.relative_to(ctx.root).as_posix()
            for field_path, text in _dataset_texts(data):
                found += [f"{shown}: field '{field_path}': {p}" for p in wording.british_spellings(text)]
    for path in notebook_paths(ctx.root):
        shown = path.relative_to(ctx.root).as_posix()
        for n, cell in enumerate(nbformat.read(path, as_version=4).cells):
            found += [f"{shown}: cell {n + 1}: {p}" for p in wording.british_spellings(cell.source)]
    for folder in ("mswlab", "widgets"):
        for path in sorted((ctx.root / folder).rglob("*.py")):
            if path.name == "wording.py":
                continue
            shown = path.relative_to(ctx.root).as_posix()
            for line, text in _source_strings(path):
                found += [f"{shown}: line {line}: {p}" for p in wording.british_spellings(text)]
    for where, message in _rendered_feedback(ctx):
        found += [f"{where}: {p}" for p in wording.slips(message)]
    report.counts["wording_problems"] = len(found)
    report.problems.extend(found)


CHECKS: list[Callable[[Context, Report], None]] = [
    check_datasets,
    check_manifest,
    check_notebooks_clean,
    check_nbgrader_metadata,
    check_scored_outside_kernel,
    check_competency_metadata,
    check_instruments,
    check_screenings,
    check_vignettes,
    check_exam,
    check_ethics,
    check_casework,
    check_planning,
    check_outcomes,
    check_licensure,
    check_schemas,
    check_wording,
]


def run(root: Path | None = None) -> Report:
    root = root or loader.project_root()
    report = Report()
    try:
        curriculum = loader.load_curriculum(root)
    except ValidationError as err:
        curriculum = None
        report.problems.append(str(err))
    ctx = Context(root=root, content=loader.load_all(root), curriculum=curriculum)
    for check in CHECKS:
        check(ctx, report)
    return report
