"""nbgrader settings for every user's server on the class hub (found via JUPYTER_CONFIG_PATH).

Students and instructors share the exchange; only instructors get a course folder, and
the course folder's own nbgrader_config.py (timeouts, restored test cells) applies to them.
"""

import os

c = get_config()  # noqa: F821 (provided by nbgrader)

c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
c.Exchange.path_includes_course = True  # one exchange can serve several courses
c.CourseDirectory.course_id = os.environ.get("MSWLAB_COURSE_ID", "msw-practice-lab")
c.Authenticator.plugin_class = "nbgrader.auth.JupyterHubAuthPlugin"

user = os.environ.get("JUPYTERHUB_USER")
if user in os.environ.get("MSWLAB_INSTRUCTORS", "").split(","):
    c.CourseDirectory.root = os.environ["MSWLAB_COURSE_DIR"]
elif user:
    # nbgrader names a submission after the operating-system account, except for 'jovyan'.
    # When servers share an account (the simple spawner, or any image not using jovyan),
    # every student would be the same person: name submissions after the hub user instead.
    c.CourseDirectory.student_id = user
