"""JupyterHub for one MSW Practice Lab class, on a single machine.

Instructors are in the hub group ``formgrade-<course>`` and get nbgrader's formgrader;
students are in ``nbgrader-<course>`` and fetch and submit through the exchange.
nbgrader's JupyterHubAuthPlugin reads these groups to decide who may see the course.
Every user's server and kernel run from this project's own environment (.venv).

Settings come from environment variables so one file serves a class and the tests:

  MSWLAB_COURSE_ID       course id (default msw-practice-lab)
  MSWLAB_INSTRUCTORS     comma-separated instructor user names
  MSWLAB_STUDENTS        comma-separated student user names
  MSWLAB_COURSE_DIR      the instructors' nbgrader course folder (default: <project>/course)
  NBGRADER_EXCHANGE      the shared exchange folder (default /srv/nbgrader/exchange)
  MSWLAB_HUB_STATE       where the hub keeps its database, cookie secret and user homes
  MSWLAB_HUB_PORT        public port on 127.0.0.1 (default 8000); the hub API and proxy API
                         use the next two ports
  MSWLAB_HUB_ADMIN_TOKEN optional token for an admin service (used by tests and scripts)

Authentication here is JupyterHub's dummy authenticator, which lets anyone listed log in:
fine on loopback, never on a network. A university swaps in its own (LTI, OAuth, LDAP).
For Kubernetes, see the README section "Growing to Zero to JupyterHub".
"""

import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub)

PROJECT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
COURSE_ID = os.environ.get("MSWLAB_COURSE_ID", "msw-practice-lab")
INSTRUCTORS = [u for u in os.environ.get("MSWLAB_INSTRUCTORS", "instructor").split(",") if u]
STUDENTS = [u for u in os.environ.get("MSWLAB_STUDENTS", "").split(",") if u]
STATE = Path(os.environ.get("MSWLAB_HUB_STATE", os.getcwd())).resolve()
PORT = int(os.environ.get("MSWLAB_HUB_PORT", "8000"))
EXCHANGE = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")

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

# --- users and groups ---------------------------------------------------------------------
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = set(INSTRUCTORS + STUDENTS)
c.Authenticator.admin_users = set()
c.JupyterHub.load_groups = {
    f"formgrade-{COURSE_ID}": {"users": INSTRUCTORS},
    f"nbgrader-{COURSE_ID}": {"users": STUDENTS},
}
if os.environ.get("MSWLAB_HUB_ADMIN_TOKEN"):
    c.JupyterHub.services = [{"name": "mswlab-admin", "api_token": os.environ["MSWLAB_HUB_ADMIN_TOKEN"]}]
    c.JupyterHub.load_roles = [{"name": "mswlab-admin", "services": ["mswlab-admin"],
                                "scopes": ["admin:users", "admin:servers", "tokens", "read:groups"]}]

# --- each user's server: local processes from this project's environment -------------------
c.JupyterHub.spawner_class = "simple"
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.args = ["--allow-root"] if os.getuid() == 0 else []
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "homes" / "{username}")
c.Spawner.notebook_dir = str(STATE / "homes" / "{username}")
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = 60
c.Spawner.environment = {
    "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    # nbgrader_config.py beside this file: exchange, course id, instructors' course folder
    "JUPYTER_CONFIG_PATH": str(Path(__file__).resolve().parent / "jupyter"),
    "NBGRADER_EXCHANGE": EXCHANGE,
    "MSWLAB_COURSE_ID": COURSE_ID,
    "MSWLAB_INSTRUCTORS": ",".join(INSTRUCTORS),
    "MSWLAB_COURSE_DIR": os.environ.get("MSWLAB_COURSE_DIR", str(PROJECT / "course")),
}
# nbgrader's JupyterHubAuthPlugin asks the hub for the user's own groups with the server's
# token, which by default may only report activity.
c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server",
                                 "read:users:name!user", "read:users:groups!user"]
