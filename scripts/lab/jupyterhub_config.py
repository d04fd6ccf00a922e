# JupyterHub configuration of rnnlab's teaching lab (JupyterHub 3.0 from Debian).
#
# Written for `npm run lab:hub` (scripts/lab/hub.js), which passes its settings in the JSON
# file named by $RNNLAB_LAB_SETTINGS (see docs/teaching-lab.md):
#   ip, port            where students connect (the proxy); the hub API is port+1, the proxy's
#                       REST API port+2, single-user servers take ports from user_ports
#   user_ports          [first, last] port range of the single-user servers
#   state               folder for the hub's database, cookie secret and pid file
#   proxy               configurable-http-proxy's executable (from npm)
#   admins, students    usernames from the roster (admins = instructors)
#   jupyter_path        folder with the rnnlab kernel spec (first on JUPYTER_PATH)
#   work_base           each student's copy of the course is <work_base>/<username>
#   service_token       API token of the "rnnlab-lab" service (status, benchmark, tests)
import json
import os
import socket

from jupyterhub.spawner import LocalProcessSpawner

with open(os.environ["RNNLAB_LAB_SETTINGS"], encoding="utf-8") as f:
    S = json.load(f)

c = get_config()  # noqa: F821 (provided by JupyterHub)

c.JupyterHub.ip = S["ip"]
c.JupyterHub.port = S["port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = S["port"] + 1
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%d" % (S["port"] + 2)
# The proxy carries every student's traffic and the hub's route changes: it runs ahead of the
# students' kernels (nice -10; the hub runs at -5), so a busy machine cannot starve it past the
# hub's 10 s limit for a proxy API call (which stops a server that was just started).
c.ConfigurableHTTPProxy.command = ["/usr/bin/nice", "-n", "-5", S["proxy"]]
c.ConfigurableHTTPProxy.should_start = True
c.JupyterHub.db_url = "sqlite:///" + os.path.join(S["state"], "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(S["state"], "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(S["state"], "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True
# Without pycurl, Tornado's HTTP client runs at most 10 requests at once and counts the time a
# request waits in its queue against the proxy API's 10 s limit: with tens of servers starting at
# once, adding their routes then fails ("api_request to the proxy failed with status code 599").
try:
    import pycurl  # noqa: F401  (JupyterHub then uses the curl client itself)
except ImportError:
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=100)
c.JupyterHub.concurrent_spawn_limit = 200
c.JupyterHub.active_server_limit = 0

# Local Unix accounts (created from the roster by hub.js), passwords through PAM.
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False
c.LocalAuthenticator.create_system_users = False
c.Authenticator.allowed_users = set(S["students"]) | set(S["admins"])
c.Authenticator.admin_users = set(S["admins"])
# Instructors may open a student's server (to help, or to see what runs there).
c.JupyterHub.admin_access = True

# One service with an API token: `npm run lab:hub -- --status`, the load benchmark, the tests.
c.JupyterHub.services = [{"name": "rnnlab-lab", "api_token": S["service_token"]}]
c.JupyterHub.load_roles = [
    {
        "name": "rnnlab-lab",
        "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "list:users", "read:users"],
        "services": ["rnnlab-lab"],
    }
]

# Each student's server: the classic Notebook (Debian's) on their copy of the course, the rnnlab kernel.
# (nice +5 undoes the hub's -5: students' servers and kernels run at the normal priority.)
c.Spawner.cmd = ["/usr/bin/nice", "-n", "5", "/usr/bin/jupyterhub-singleuser"]
c.Spawner.notebook_dir = os.path.join(S["work_base"], "{username}")
c.Spawner.default_url = "/tree"
c.Spawner.args = ["--MappingKernelManager.default_kernel_name=rnnlab"]
c.Spawner.environment = {
    "JUPYTERHUB_SINGLEUSER_APP": "notebook.notebookapp.NotebookApp",
    "JUPYTER_PATH": S["jupyter_path"],
}
c.Spawner.start_timeout = 600
c.Spawner.http_timeout = 600

FIRST, LAST = S["user_ports"]
_taken = {}  # username -> port


def _free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


class RangeSpawner(LocalProcessSpawner):
    """LocalProcessSpawner whose servers take ports from one range (instead of any free port)."""

    async def start(self):
        _taken.pop(self.user.name, None)
        used = set(_taken.values())
        for port in range(FIRST, LAST + 1):
            if port not in used and _free(port):
                break
        else:
            raise RuntimeError("no free port for a single-user server in %d-%d" % (FIRST, LAST))
        _taken[self.user.name] = port
        self.port = port
        return await super().start()

    async def stop(self, now=False):
        try:
            return await super().stop(now=now)
        finally:
            _taken.pop(self.user.name, None)


c.JupyterHub.spawner_class = RangeSpawner
