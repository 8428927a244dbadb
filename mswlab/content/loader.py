"""Load every file under ``datasets/`` into typed objects, each against its schema.

``DATASETS`` maps a file pattern (relative to ``datasets/``) to the model that is its
schema. A file that matches no pattern is a problem too: content without a schema
would never be checked.
"""

from __future__ import annotations

import csv
import fnmatch
import functools
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mswlab.content import careers as career_models
from mswlab.content import casework as casework_models
from mswlab.content import ethics as ethics_models
from mswlab.content import exam as exam_models
from mswlab.content import licensure as licensure_models
from mswlab.content import models
from mswlab.content import outcomes as outcome_models
from mswlab.content import planning as planning_models
from mswlab.content import tasks as task_models
from mswlab.content import vignettes as vignette_models
from mswlab.content.base import Model, build
from mswlab.errors import ValidationError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# libyaml's safe loader when PyYAML was built with it: the same rules, about ten times faster
# on the item bank. PyYAML's own safe loader otherwise.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATASETS: dict[str, type[Model]] = {
    "competencies.yaml": models.CompetencyFile,
    "instruments.yaml": models.InstrumentFile,
    "screenings.yaml": models.ScreeningFile,
    "assignments/*.yaml": task_models.TaskFile,
    "practice/*.yaml": models.PracticeSet,
    "vignettes/*.yaml": vignette_models.Vignette,
    "exam/blueprints.yaml": exam_models.BlueprintFile,
    "exam/items/*.yaml": exam_models.ItemFile,
    "ethics/frameworks.yaml": ethics_models.EthicsFrameworks,
    "ethics/dilemmas.yaml": ethics_models.DilemmaFile,
    "casework/progress_notes.yaml": casework_models.ProgressNoteFile,
    "casework/referral_plans.yaml": casework_models.ReferralFile,
    "planning/smart_objectives.yaml": planning_models.SmartObjectiveFile,
    "relationship/self_disclosure.yaml": planning_models.DisclosureFile,
    "outcomes/ssd_cases.yaml": outcome_models.SsdCaseFile,
    "outcomes/gas_samples.yaml": outcome_models.GasSampleFile,
    "outcomes/session_feedback.yaml": outcome_models.FeedbackSampleFile,
    "licensure/paths.yaml": licensure_models.PathsFile,
    "licensure/jurisdictions.csv": licensure_models.JurisdictionFile,
    "careers/occupations.csv": licensure_models.OccupationFile,
    "careers/careers.yaml": career_models.CareerFile,
    "careers/settings.yaml": career_models.SettingFile,
}


SCHEMAS = "schemas"  # datasets/schemas/: each registered file's JSON Schema, for editors (mswlab schemas)


def project_root() -> Path:
    """The checkout this engine belongs to (``mswlab check --root`` checks another)."""
    return PROJECT_ROOT


def datasets_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "datasets"


def schema_for(relative: str) -> type[Model] | None:
    for pattern, model in DATASETS.items():
        if fnmatch.fnmatch(relative, pattern):
            return model
    return None


def read_yaml(path: Path, shown_as: str) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=SAFE_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f" near line {mark.line + 1}" if mark else ""
        raise ValidationError(f"is not valid YAML{line}: {getattr(err, 'problem', err)}", file=shown_as) from None
    except OSError as err:
        raise ValidationError(f"cannot be read: {err.strerror}", file=shown_as) from None


def read_csv(path: Path, shown_as: str, model: type[Model]) -> dict[str, list[dict[str, Any]]]:
    """A CSV table as ``{"rows": [...]}`` for ``model`` (a model with a ``rows`` tuple). An empty cell
    is left out, so the field's default applies; a cell whose field is a number or true/false is read as
    one when it can be, and otherwise left as text for the schema to name."""
    row_type = typing.get_args(model.model_fields["rows"].annotation)[0]
    hints = {name: field.annotation for name, field in row_type.model_fields.items()}
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as err:
        raise ValidationError(f"cannot be read: {err.strerror}", file=shown_as) from None
    return {
        "rows": [
            {key: _cell(value, hints.get(key)) for key, value in row.items() if value not in ("", None)} for row in rows
        ]
    }


def _cell(text: str, hint: Any) -> Any:
    kinds = typing.get_args(hint) or (hint,)
    if bool in kinds and text in ("true", "false"):
        return text == "true"
    for kind in (int, float):
        if kind in kinds:
            try:
                return kind(text)
            except ValueError:
                pass
    return text


def load_file(path: Path, model: type[Model], shown_as: str) -> Any:
    """Load one YAML or CSV file as ``model``; errors name the file, the entry and the field."""
    data = read_csv(path, shown_as, model) if path.suffix == ".csv" else read_yaml(path, shown_as)
    if data is None:
        raise ValidationError("is empty", file=shown_as)
    try:
        return build(model, data)
    except ValidationError as err:
        raise err.located(file=shown_as) from None


@dataclass
class Content:
    """Everything under ``datasets/``, keyed by path relative to it, plus the problems found."""

    files: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def of_type(self, model: type) -> dict[str, Any]:
        return {name: obj for name, obj in self.files.items() if isinstance(obj, model)}


def load_all(root: Path | None = None) -> Content:
    """Load and validate every dataset file; collect problems instead of stopping at the first."""
    base = datasets_dir(root)
    content = Content()
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        relative = path.relative_to(base).as_posix()
        if relative.startswith(f"{SCHEMAS}/"):
            continue  # the JSON Schemas written from the models, not content
        try:
            content.files[relative] = load_dataset(relative, root)
        except ValidationError as err:
            content.problems.append(str(err))
    return content


def load_curriculum(root: Path | None = None) -> models.Curriculum:
    root = root or project_root()
    return load_file(root / "course" / "curriculum.yaml", models.Curriculum, "course/curriculum.yaml")


def load_dataset(relative: str, root: Path | None = None) -> Any:
    """Load ``datasets/<relative>`` with the schema ``DATASETS`` registers for it."""
    model = schema_for(relative)
    if model is None:
        raise ValidationError(
            "no schema is registered for this file (add it to mswlab.content.loader.DATASETS)",
            file=f"datasets/{relative}",
        )
    return load_file(datasets_dir(root) / relative, model, f"datasets/{relative}")


@functools.cache
def practice_set(set_id: str) -> models.PracticeSet:
    """The practice set ``datasets/practice/<id with underscores>.yaml``, loaded once per process."""
    return load_dataset(f"practice/{set_id.replace('-', '_')}.yaml")


def instruments(root: Path | None = None) -> dict[str, models.Instrument]:
    """The instruments' reading material from datasets/instruments.yaml, by id."""
    return {i.id: i for i in load_dataset("instruments.yaml", root).instruments}


def screenings(root: Path | None = None) -> tuple[models.ScreeningCase, ...]:
    """Fictional completed questionnaires for scoring practice (datasets/screenings.yaml)."""
    return load_dataset("screenings.yaml", root).screenings


def competencies(root: Path | None = None) -> models.CompetencyFile:
    return load_dataset("competencies.yaml", root)


@functools.cache
def vignette(vignette_id: str) -> vignette_models.Vignette:
    """The case ``datasets/vignettes/<id>.yaml``, loaded once per process."""
    return load_dataset(f"vignettes/{vignette_id}.yaml")


def vignettes(root: Path | None = None) -> list[vignette_models.Vignette]:
    """Every case in the library, in id order."""
    folder = datasets_dir(root) / "vignettes"
    if root is None:
        return [vignette(p.stem) for p in sorted(folder.glob("*.yaml"))]
    return [load_dataset(f"vignettes/{p.name}", root) for p in sorted(folder.glob("*.yaml"))]


@functools.cache
def ethics_frameworks() -> ethics_models.EthicsFrameworks:
    """The NASW Code's values and standards, the Ethical Principles Screen and Reamer's steps."""
    return load_dataset("ethics/frameworks.yaml")


@functools.cache
def dilemmas() -> tuple[ethics_models.Dilemma, ...]:
    """The ethical dilemmas for practice with the Screen, in id order."""
    return load_dataset("ethics/dilemmas.yaml").dilemmas


@functools.cache
def progress_notes() -> tuple[casework_models.PracticeNote, ...]:
    """Fictional contacts broken into statements to sort into DAP and SOAP sections."""
    return load_dataset("casework/progress_notes.yaml").notes


@functools.cache
def referral_plans() -> tuple[casework_models.ReferralPlan, ...]:
    """Referral-planning exercises on library cases."""
    return load_dataset("casework/referral_plans.yaml").plans


@functools.cache
def smart_objectives() -> tuple[planning_models.SmartObjective, ...]:
    """Objectives for SMART judging practice, each labeled with every rule's verdict."""
    return load_dataset("planning/smart_objectives.yaml").objectives


@functools.cache
def disclosure_scenarios() -> tuple[planning_models.DisclosureScenario, ...]:
    """Self-disclosure scenarios worked through the four questions."""
    return load_dataset("relationship/self_disclosure.yaml").scenarios


@functools.cache
def ssd_cases() -> dict[str, outcome_models.SsdCase]:
    """Single-system design cases to graph and analyze, by id."""
    return {c.id: c for c in load_dataset("outcomes/ssd_cases.yaml").cases}


@functools.cache
def gas_samples() -> dict[str, outcome_models.GasSample]:
    """Goal Attainment Scales written for library cases, by id."""
    return {s.id: s for s in load_dataset("outcomes/gas_samples.yaml").samples}


@functools.cache
def feedback_samples() -> dict[str, outcome_models.FeedbackSample]:
    """Clients' session-by-session feedback ratings, by id."""
    return {s.id: s for s in load_dataset("outcomes/session_feedback.yaml").samples}


@functools.cache
def licence_paths() -> licensure_models.PathsFile:
    """The four license types with typical figures, the DSW, early testing and the compact."""
    return load_dataset("licensure/paths.yaml")


@functools.cache
def jurisdictions() -> dict[str, licensure_models.Jurisdiction]:
    """Sourced state license rows, by id (such as 'tx-lcsw')."""
    return {row.id: row for row in load_dataset("licensure/jurisdictions.csv").rows}


@functools.cache
def occupations() -> tuple[licensure_models.OccupationFigure, ...]:
    """BLS figures for the social work occupations, each with its period and source."""
    return load_dataset("careers/occupations.csv").rows


@functools.cache
def careers() -> career_models.CareerFile:
    """The micro-practice career profiles and the skills and traits they call for."""
    return load_dataset("careers/careers.yaml")


@functools.cache
def practice_settings() -> tuple[career_models.PracticeSetting, ...]:
    """The ten practice settings: what social workers do there and whom they serve."""
    return load_dataset("careers/settings.yaml").settings
