"""nbgrader settings for every user's server on the class hub (found via JUPYTER_CONFIG_PATH).

Students and instructors share the exchange; only instructors get a course folder, and
the course folder's own nbgrader_config.py (timeouts, restored test cells, scoring outside the
kernel) applies to them. Files nbgrader makes are shared with the instructors' group
(``groupshared``), and a submission is closed to other students (``ExchangeSubmit``).
"""

import os

c = get_config()  # noqa: F821 (provided by nbgrader)

c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
c.Exchange.path_includes_course = True  # one exchange can serve several courses
c.CourseDirectory.course_id = os.environ.get("MSWLAB_COURSE_ID", "msw-practice-lab")
c.CourseDirectory.groupshared = True
c.ExchangeFactory.submit = "mswlab.grading.exchange.ExchangeSubmit"
c.Authenticator.plugin_class = "nbgrader.auth.JupyterHubAuthPlugin"

if os.environ.get("JUPYTERHUB_USER") in os.environ.get("MSWLAB_INSTRUCTORS", "").split(","):
    c.CourseDirectory.root = os.environ["MSWLAB_COURSE_DIR"]
