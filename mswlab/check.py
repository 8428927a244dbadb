"""``mswlab check``: everything a content change can break, reported one line per problem.

It validates the datasets, the curriculum manifest against the files it names, the
cleanliness of every notebook under ``modules/``, ``course/source/`` and ``apps/``, the
nbgrader metadata of every assignment, and the CSWE competencies each graded cell assesses
(read by the competency report). Then it runs each domain's own checks (its module's
``CHECKS``, beside its rules), the editors' schemas and the wording of everything.
"""

from __future__ import annotations

import re
import tokenize
from pathlib import Path

import nbformat
import yaml

from mswlab import assessment, casework, ethics, instruments, library, licensure, notebooks, outcomes, planning, wording
from mswlab.content import json_schemas, loader, models
from mswlab.content.base import COMPETENCY_FIELD, competency_field_problem
from mswlab.content.checks import Check, Context, Report
from mswlab.content.exam import ItemFile
from mswlab.content.tasks import TaskFile
from mswlab.errors import ValidationError
from mswlab.exam import blueprint, scoring
from mswlab.exam import checks as exam_checks
from mswlab.practice import judge
from mswlab.tasks import checks as task_checks

NBGRADER_SCHEMA_VERSION = 3


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
    from mswlab.grading.answers import GRADER_NAMES, answer_name, free_names

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
                missing = sorted(free_names(cell.source) - answers - GRADER_NAMES)
            except SyntaxError as err:
                missing = [f"(not valid Python: {err.msg})"]
            if missing:
                report.problems.append(
                    f"{shown}: cell {index}: test cell '{meta.get('grade_id')}' reads {', '.join(missing)}, which no "
                    "answer cell assigns as a value; the grader could not score it outside the student's kernel"
                )


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


# A fictional person as the lessons and assignments introduce them: "Imani Brooks-Salazar, 31," or "Ms. Achebe, 70 (".
_PERSON = re.compile(
    r"(?<![\w.*])((?:(?:Mr|Ms|Mrs|Dr)\. )?[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)?"
    r"(?: [^\W\d_][^\W\d_'’-]*(?:-[^\W\d_]+)?)?), (\d{1,2})(?=,| \(|\.|;|:| year)"
)
NOT_PEOPLE = {"Anxious", "Ashamed"}  # feelings rated 0-100 in module 09's thought records


def check_people(ctx: Context, report: Report) -> None:
    """One fictional person has one identity across the course: a name given with an age in one lesson or
    assignment is never given with another age elsewhere (reuse a person, or give the new one a new name)."""
    ages: dict[str, dict[int, list[str]]] = {}
    texts = [
        (path.relative_to(ctx.root).as_posix(), cell.source)
        for path in notebook_paths(ctx.root)
        for cell in nbformat.read(path, as_version=4).cells
    ]
    texts += [
        (f"datasets/{name}", text)
        for name, tasks in ctx.content.of_type(TaskFile).items()
        for _, text in _dataset_texts(tasks.model_dump(mode="json"))
    ]
    for shown, text in texts:
        for match in _PERSON.finditer(text.replace("**", "")):
            name = match.group(1)
            if name[0].isupper() and name not in NOT_PEOPLE:
                ages.setdefault(name, {}).setdefault(int(match.group(2)), []).append(shown)
    report.counts["people_named"] = len(ages)
    for name, by_age in sorted(ages.items()):
        if len(by_age) > 1:
            places = "; ".join(f"{age} in {', '.join(sorted(set(where)))}" for age, where in sorted(by_age.items()))
            report.problems.append(f"'{name}' is given different ages ({places}); one person keeps one identity")


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


# The project's own checks first, then each domain's (its rules stay in its module), then editors' schemas
# and the wording of everything.
CHECKS: list[Check] = [
    check_datasets,
    check_manifest,
    check_notebooks_clean,
    check_nbgrader_metadata,
    check_scored_outside_kernel,
    check_competency_metadata,
    *instruments.CHECKS,
    *library.CHECKS,
    *assessment.CHECKS,
    *exam_checks.CHECKS,
    *ethics.CHECKS,
    *casework.CHECKS,
    *planning.CHECKS,
    *outcomes.CHECKS,
    *licensure.CHECKS,
    *task_checks.CHECKS,
    check_people,
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
