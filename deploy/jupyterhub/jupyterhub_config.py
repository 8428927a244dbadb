"""JupyterHub for one MSW Practice Lab class, on a single machine, run as root.

Every hub user gets a Unix account of their own, and their server runs as that account
(``LocalProcessSpawner``), as The Littlest JupyterHub does it. Student homes are closed to other
students; the course folder and gradebook belong to the instructors' group and no student can open
them; the exchange follows nbgrader's permission model (``classroom.py`` beside this file). Only
instructors' servers are told where the course folder is.

Instructors are in the hub group ``formgrade-<course>`` and get nbgrader's formgrader;
students are in ``nbgrader-<course>`` and fetch and submit through the exchange.
nbgrader's JupyterHubAuthPlugin reads these groups to decide who may see the course.
Every user's server and kernel run from this project's own environment (.venv), which every
account must be able to read.

Settings come from environment variables so one file serves a class and the tests:

  MSWLAB_COURSE_ID        course id (default msw-practice-lab)
  MSWLAB_INSTRUCTORS      comma-separated instructor user names
  MSWLAB_STUDENTS         comma-separated student user names
  MSWLAB_COURSE_DIR       the instructors' nbgrader course folder, in a folder of its own such as
                          /srv/mswlab/courses/msw-practice-lab (default: <project>/course)
  MSWLAB_INSTRUCTOR_GROUP the instructors' Unix group (default <course>-instructors)
  MSWLAB_HOMES            where new accounts get their homes (default /home)
  NBGRADER_EXCHANGE       the shared exchange folder (default /srv/nbgrader/exchange)
  MSWLAB_HUB_STATE        where the hub keeps its database and cookie secret
  MSWLAB_HUB_PORT         public port on 127.0.0.1 (default 8000); the hub API and proxy API
                          use the next two ports
  MSWLAB_HUB_ADMIN_TOKEN  optional token for an admin service (used by tests and scripts)

Authentication here is JupyterHub's dummy authenticator, which lets anyone listed log in:
fine on loopback, never on a network. A university swaps in its own (LTI, OAuth, LDAP).
For Kubernetes, see the README section "Growing to Zero to JupyterHub".
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from classroom import ClassAuthenticator, ensure_group, prepare_exchange, share_with_group  # noqa: E402

c = get_config()  # noqa: F821 (provided by JupyterHub)

PROJECT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
COURSE_ID = os.environ.get("MSWLAB_COURSE_ID", "msw-practice-lab")
INSTRUCTORS = [u for u in os.environ.get("MSWLAB_INSTRUCTORS", "instructor").split(",") if u]
STUDENTS = [u for u in os.environ.get("MSWLAB_STUDENTS", "").split(",") if u]
COURSE_DIR = Path(os.environ.get("MSWLAB_COURSE_DIR", str(PROJECT / "course")))
GROUP = os.environ.get("MSWLAB_INSTRUCTOR_GROUP", f"{COURSE_ID}-instructors")[:32]
HOMES = os.environ.get("MSWLAB_HOMES", "/home")
STATE = Path(os.environ.get("MSWLAB_HUB_STATE", os.getcwd())).resolve()
PORT = int(os.environ.get("MSWLAB_HUB_PORT", "8000"))
EXCHANGE = Path(os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange"))

if os.getuid() != 0:
    sys.exit("The class hub runs every user's server as that user's own account, so it must run as root.")

# --- network: loopback only ---------------------------------------------------------------
c.JupyterHub.bind_url = f"http://127.0.0.1:{PORT}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = PORT + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
c.ConfigurableHTTPProxy.command = [str(PROJECT / "node_modules/.bin/configurable-http-proxy")]

# --- state --------------------------------------------------------------------------------
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every user's server

# --- folders: the course for instructors only, the exchange by nbgrader's model -------------
GID = ensure_group(GROUP)
share_with_group(COURSE_DIR, GID)
prepare_exchange(EXCHANGE, COURSE_ID, GID)

# --- users, their accounts and groups -------------------------------------------------------
c.JupyterHub.authenticator_class = ClassAuthenticator
c.LocalAuthenticator.create_system_users = True
c.LocalAuthenticator.add_user_cmd = [
    "useradd",
    "--create-home",
    "--home-dir",
    f"{HOMES}/USERNAME",
    "--shell",
    "/bin/bash",
]
c.ClassAuthenticator.instructors = set(INSTRUCTORS)
c.ClassAuthenticator.instructor_group = GROUP
c.Authenticator.allowed_users = set(INSTRUCTORS + STUDENTS)
c.Authenticator.admin_users = set()
c.JupyterHub.load_groups = {
    f"formgrade-{COURSE_ID}": {"users": INSTRUCTORS},
    f"nbgrader-{COURSE_ID}": {"users": STUDENTS},
}
if os.environ.get("MSWLAB_HUB_ADMIN_TOKEN"):
    c.JupyterHub.services = [{"name": "mswlab-admin", "api_token": os.environ["MSWLAB_HUB_ADMIN_TOKEN"]}]
    c.JupyterHub.load_roles = [
        {
            "name": "mswlab-admin",
            "services": ["mswlab-admin"],
            "scopes": ["admin:users", "admin:servers", "tokens", "read:groups"],
        }
    ]

# --- each user's server: a process of their own account, from this project's environment ------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = 60
c.Spawner.environment = {
    "PATH": f"{VENV_BIN}{os.pathsep}/usr/local/bin:/usr/bin:/bin",
    # nbgrader_config.py beside this file: exchange, course id, the instructors' course folder
    "JUPYTER_CONFIG_PATH": str(Path(__file__).resolve().parent / "jupyter"),
    "NBGRADER_EXCHANGE": str(EXCHANGE),
    "MSWLAB_COURSE_ID": COURSE_ID,
    "MSWLAB_INSTRUCTORS": ",".join(INSTRUCTORS),
}


def only_instructors_see_the_course(spawner) -> None:
    """The course folder's path goes to instructors' servers only (students could not open it anyway).
    An instructor's server starts in the course's parent folder: the formgrader works only on a course
    inside the server's own folder."""
    environment = {k: v for k, v in spawner.environment.items() if k != "MSWLAB_COURSE_DIR"}
    if spawner.user.name in INSTRUCTORS:
        environment["MSWLAB_COURSE_DIR"] = str(COURSE_DIR)
        spawner.notebook_dir = str(COURSE_DIR.parent)
    spawner.environment = environment  # a new dict: the configured one is shared by every server


c.Spawner.pre_spawn_hook = only_instructors_see_the_course
# nbgrader's JupyterHubAuthPlugin asks the hub for the user's own groups with the server's
# token, which by default may only report activity.
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    "read:users:name!user",
    "read:users:groups!user",
]
