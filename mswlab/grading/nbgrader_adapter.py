"""Every use of nbgrader's (and nbconvert's and nbclient's) internals, in one place.

The parallel grader runs nbgrader's own ``Autograde`` steps split in two (prepare, then record
after a worker has executed the notebook), which needs a few private methods and attributes;
scoring outside the kernel overrides ``SaveAutoGrades._add_score``, and the output limits override
``NotebookClient._update_display_id``. An override of a private method that a new release renames is
silently never called, so ``private_api_problems()`` checks each one by name and signature; the
grader refuses to run, and ``tests/grading/test_nbgrader_adapter.py`` fails, naming what changed.

Versions (pyproject.toml allows 0.9.6 up to 0.10): every 0.9.x from 0.9.0 has the internals below, but
the grading tests pass on 0.9.6 alone. 0.9.4 and 0.9.5 pass them only with SQLAlchemy's warning about
``Grade.max_score`` silenced, a pattern SQLAlchemy says will become an error; 0.9.3 lacks the
``IgnorePattern`` preprocessor the course config uses, so stubs and scores come out wrong. A later
0.9.x is accepted because this check runs before any grading.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import os
import shutil
import warnings
from pathlib import Path

from mswlab.grading import files

# (module, class, attribute, the parameters we call or override it with; None: an attribute we set)
PRIVATE_API: tuple[tuple[str, str, str, tuple[str, ...] | None], ...] = (
    ("nbgrader.converters.base", "BaseConverter", "_format_source", ("assignment_id", "student_id", "escape")),
    ("nbgrader.converters.base", "BaseConverter", "_format_dest", ("assignment_id", "student_id", "escape")),
    ("nbgrader.converters.autograde", "Autograde", "_init_preprocessors", ()),
    ("nbgrader.converters.autograde", "Autograde", "_sanitizing", None),
    ("nbgrader.converters.base", "BaseConverter", "convert_single_notebook", ("notebook_filename",)),
    ("nbgrader.converters.base", "BaseConverter", "init_destination", ("assignment_id", "student_id")),
    ("nbgrader.converters.base", "BaseConverter", "init_assignment", ("assignment_id", "student_id")),
    ("nbgrader.converters.base", "BaseConverter", "set_permissions", ("assignment_id", "student_id")),
    ("nbgrader.preprocessors.saveautogrades", "SaveAutoGrades", "_add_score", ("cell", "resources")),
    ("nbconvert.exporters.exporter", "Exporter", "_preprocessors", None),
    ("nbclient.client", "NotebookClient", "_update_display_id", ("display_id", "msg")),
)


def private_api_problems() -> list[str]:
    """What the installed releases changed of the internals listed in PRIVATE_API (empty: all there)."""
    problems = []
    for module_name, class_name, attribute, parameters in PRIVATE_API:
        module = importlib.import_module(module_name)
        owner = getattr(module, class_name, None)
        where = f"{module_name}.{class_name}.{attribute}"
        version = getattr(importlib.import_module(module_name.split(".")[0]), "__version__", "?")
        if owner is None:
            problems.append(f"{module_name}.{class_name} is gone (installed {module_name.split('.')[0]} {version})")
            continue
        found = _find(owner, attribute)
        if found is None:
            problems.append(f"{where} is gone (installed {module_name.split('.')[0]} {version})")
        elif parameters is not None:
            named = [p for p in inspect.signature(found).parameters if p != "self"]
            if named[: len(parameters)] != list(parameters):
                problems.append(f"{where} now takes ({', '.join(named)}), not ({', '.join(parameters)})")
    return problems


def _find(owner: type, attribute: str):
    """A method or a declared attribute, on the class or set by its __init__ (read from its source)."""
    if hasattr(owner, attribute):
        return getattr(owner, attribute)
    try:
        source = inspect.getsource(owner)
    except (OSError, TypeError):
        return None
    return True if f"self.{attribute} =" in source or f"self.{attribute}:" in source else None


def converter_class():
    from nbconvert.preprocessors import ExecutePreprocessor
    from nbconvert.writers import FilesWriter
    from nbgrader.converters import Autograde
    from nbgrader.converters.base import BaseConverter
    from nbgrader.preprocessors import NbGraderPreprocessor
    from nbgrader.utils import setenv
    from traitlets.utils.importstring import import_item

    class UseExecuted(NbGraderPreprocessor):
        """Stands where ``Execute`` stands and hands back the worker's executed notebook."""

        executed: dict = {}  # notebook id -> executed notebook, set by ``record``

        def preprocess(self, nb, resources):
            return self.executed[resources["nbgrader"]["notebook"]], resources

    class NoFollowFilesWriter(FilesWriter):
        """nbconvert's writer for a notebook, writing through a fresh name: never through a link."""

        def write(self, output, resources, notebook_name=None, **kw):
            if resources.get("outputs") or resources.get("attachments") or self.files:
                raise RuntimeError("the grader writes notebooks only")
            dest = Path(self.build_directory or resources.get("metadata", {}).get("path", "")) / (
                notebook_name + (resources.get("output_extension") or "")
            )
            files.write_new(dest, output.encode("utf-8") if isinstance(output, str) else output)
            return dest

    class StagedAutograde(Autograde):
        """nbgrader's ``Autograde`` with its per-student loop opened up: ``prepare``
        before execution and ``record`` after, each made of nbgrader's own steps. Submissions
        are read from a clean copy (``clean_root``), never from the student's folder itself."""

        clean_root: str | None = None

        def setup(self):
            self.writer = NoFollowFilesWriter(parent=self, config=self.config)
            self.exporter = self.exporter_class(parent=self, config=self.config)
            self.use_executed = UseExecuted(parent=self.exporter)
            self.init_notebooks()

        def _init_preprocessors(self):
            if self._sanitizing:
                return super()._init_preprocessors()
            self.exporter._preprocessors = []
            for pp in self.autograde_preprocessors:
                pp = import_item(pp) if isinstance(pp, str) else pp
                is_execute = isinstance(pp, type) and issubclass(pp, ExecutePreprocessor)
                self.exporter.register_preprocessor(self.use_executed if is_execute else pp)

        def _format_source(self, assignment_id, student_id, escape=False):
            if self._sanitizing and self.clean_root is not None:
                return os.path.join(self.clean_root, student_id, assignment_id)
            return super()._format_source(assignment_id, student_id, escape=escape)

        def prepare(self, student: str, notebooks: list[str], clean_root: str) -> list[str]:
            """Everything stock autograde does before executing, reading the clean copy of the
            submission under ``clean_root``; returns notebook paths kept."""
            assignment = self.coursedir.assignment_id
            self.notebooks = sorted(notebooks)
            self.force = True  # the coordinator has already decided this student is due
            self.clean_root = clean_root
            try:
                self.init_destination(assignment, student)
                self.run_pre_convert_hook()
                self.init_assignment(assignment, student)
                for notebook in self.notebooks:
                    self._sanitizing = True
                    self._init_preprocessors()
                    BaseConverter.convert_single_notebook(self, notebook)
            finally:
                self.clean_root = None
            dest = self._format_dest(assignment, student)
            return [os.path.join(dest, os.path.basename(nb)) for nb in self.notebooks]

        def record(self, student: str, sanitized: list[str], executed: dict, keep_marks: bool = False) -> list[str]:
            """Everything stock autograde does after executing, with the worker's notebooks;
            returns why a person should look (from ``ScoreAnswers``). ``keep_marks``: the
            submission is the one last graded, so marks an instructor gave stay final."""
            from mswlab.grading.scoring import ScoreAnswers

            self.use_executed.executed = executed
            reviews = []
            try:
                for path in sanitized:
                    self._sanitizing = False
                    self._init_preprocessors()
                    for pp in self.exporter._preprocessors:
                        if isinstance(pp, ScoreAnswers):
                            pp.keep_marks = keep_marks
                    with setenv(NBGRADER_EXECUTION="autograde"):
                        BaseConverter.convert_single_notebook(self, path)
                    reviews += [
                        f"{os.path.basename(path)}: {why}"
                        for pp in self.exporter._preprocessors
                        if isinstance(pp, ScoreAnswers)
                        for why in pp.reviews
                    ]
            finally:
                self._sanitizing = True
                self.use_executed.executed = {}
            self.set_permissions(self.coursedir.assignment_id, student)
            self.run_post_convert_hook()
            return reviews

        def source_folder(self, assignment_id: str, student_id: str, escape: bool = False) -> str:
            """Where nbgrader reads a student's submission (a pattern when ``escape``)."""
            return self._format_source(assignment_id, student_id, escape=escape)

        def dest_folder(self, assignment_id: str, student_id: str) -> str:
            """Where nbgrader writes a student's autograded notebooks."""
            return self._format_dest(assignment_id, student_id)

        def set_permissions(self, assignment_id: str, student_id: str) -> None:
            """nbgrader's file modes, set without following links (nbgrader's own os.chmod would)."""
            dest = os.path.normpath(self._format_dest(assignment_id, student_id))
            files.chmod_tree(dest, int(str(self.permissions), 8))

        def discard(self, student: str) -> None:
            """What stock autograde does to a student that failed: remove the output."""
            dest = os.path.normpath(self._format_dest(self.coursedir.assignment_id, student))
            shutil.rmtree(dest, ignore_errors=True)

    return StagedAutograde


def autograde_app(assignment: str, course_dir: Path, log_file: Path):
    """An nbgrader AutogradeApp initialised exactly as the stock command would be."""
    from nbgrader.apps import AutogradeApp

    app = AutogradeApp()
    app.initialize([assignment, f"--CourseDirectory.root={course_dir}"])
    app.coursedir.assignment_id = assignment
    # nbgrader talks a lot; the instructor sees progress here and the details in a file.
    for handler in list(app.log.handlers):
        app.log.removeHandler(handler)
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    app.log.addHandler(handler)
    app.log.setLevel(logging.INFO)
    app.log.propagate = False
    # Known harmless SQLAlchemy 2 warnings from nbgrader's gradebook code.
    from sqlalchemy.exc import SAWarning

    warnings.simplefilter("ignore", SAWarning)
    return app
