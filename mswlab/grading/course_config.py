"""The course's folders as nbgrader sees them, for commands that work on them without an nbgrader app.

nbgrader reads every ``nbgrader_config.py`` on Jupyter's config path (a hub's, the user's), then the
course folder's own, which wins. Reading them the same way keeps a course that moves its
``submitted/`` or ``feedback/`` folders (``CourseDirectory.submitted_directory``, ...) working here too.
"""

from __future__ import annotations

from pathlib import Path

from mswlab.errors import ValidationError


def course_directory(course: Path):
    """nbgrader's ``CourseDirectory`` for the course folder ``course``."""
    from jupyter_core.paths import jupyter_config_path
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

    if not (course / "nbgrader_config.py").is_file():
        raise ValidationError(
            "is not an nbgrader course folder (no nbgrader_config.py); run this from course/ or pass --course-dir",
            file=str(course),
        )
    config = Config()
    for folder in [*reversed(jupyter_config_path()), str(course)]:
        try:
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=folder).load_config())
        except ConfigFileNotFound:
            continue
        except Exception as err:
            if folder == str(course):
                raise ValidationError(f"cannot be read ({err})", file=str(course / "nbgrader_config.py")) from None
    config.CourseDirectory.root = str(course)
    return CourseDirectory(config=config)
