"""nbgrader for a student on a plain ``make lab`` (JupyterLab finds this through JUPYTER_CONFIG_PATH).

The Assignment List fetches from and submits to the student's own exchange, which
``mswlab practice-assignment`` (run by ``make lab``) makes and fills with the practice assignment.
Fetched assignments go to ``my-assignments/`` in this checkout (or to ``$MSWLAB_ASSIGNMENTS``), made
here if missing. The path is absolute because nbgrader reads this file again from inside that folder.
A class on the course hub uses deploy/jupyterhub/jupyter/nbgrader_config.py instead.
"""

import os

from mswlab.content.loader import project_root
from mswlab.grading.local_course import COURSE_ID, paths

c = get_config()  # noqa: F821 (provided by nbgrader)

c.Exchange.root = str(paths().exchange)
c.Exchange.path_includes_course = True
c.Exchange.assignment_dir = os.environ.get("MSWLAB_ASSIGNMENTS") or str(project_root() / "my-assignments")
os.makedirs(c.Exchange.assignment_dir, exist_ok=True)
c.CourseDirectory.course_id = COURSE_ID
