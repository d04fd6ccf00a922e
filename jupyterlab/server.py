"""The rnnlab JupyterLab server: jupyterlab_server's LabServerApp serving build/.

Runs on Debian's python3-jupyter-server (1.23) and python3-jupyterlab-server
(2.16), the pattern of JupyterLab's examples/app. JupyterLab 4's front end also
calls two jupyter_server 2 endpoints that 1.23 lacks; this file answers them so
the log stays quiet and nothing retries forever:

  GET  api/me                the user's identity (the single user of this server)
  POST api/events            events the front end emits: accepted and dropped (204)
  WS   api/events/subscribe  the event stream: stays open, never sends

    /usr/bin/python3 jupyterlab/server.py [jupyter_server options]

(scripts/start.js builds the command line; `npm start` is the way to run it.)
"""
import getpass
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "build")
STATE = os.environ.get("RNNLAB_LAB_STATE") or os.path.join(os.path.dirname(HERE), ".jupyter-prefix", "lab")

# Only the command line configures this server: no jupyter_*_config files on disk.
os.environ["JUPYTER_NO_CONFIG"] = "1"

from jupyter_server.base.handlers import APIHandler, JupyterHandler  # noqa: E402
from jupyter_server.base.zmqhandlers import WebSocketMixin  # noqa: E402
from jupyter_server.utils import url_path_join  # noqa: E402
from jupyterlab_server import LabServerApp  # noqa: E402
from tornado import web, websocket  # noqa: E402

with open(os.path.join(HERE, "package.json")) as f:
    VERSION = json.load(f)["version"]


class MeHandler(APIHandler):
    """api/me of jupyter_server 2: identity and (all granted) permissions."""

    @web.authenticated
    def get(self):
        # jupyter_server 1.23's token login makes the user an opaque id: name the OS user.
        user = self.current_user
        name = (user.get("name") if isinstance(user, dict) else None) or getpass.getuser()
        identity = {
            "username": name,
            "name": name,
            "display_name": name,
            "initials": name[:2].upper(),
            "avatar_url": None,
            "color": None,
        }
        permissions = {}
        requested = self.get_argument("permissions", "")
        if requested:
            try:
                wanted = json.loads(requested)
            except ValueError:
                raise web.HTTPError(400, "permissions should be a JSON dict of {resource: [actions]}")
            if not isinstance(wanted, dict):
                raise web.HTTPError(400, "permissions should be a JSON dict of {resource: [actions]}")
            # One user owns this server: every action on every resource is allowed.
            permissions = {k: list(v) for k, v in wanted.items()}
        self.finish(json.dumps({"identity": identity, "permissions": permissions}))


class EventsHandler(APIHandler):
    """api/events (POST): nothing here records events; accepted and dropped."""

    @web.authenticated
    def post(self):
        self.set_status(204)
        self.finish()


class EventsSocket(WebSocketMixin, websocket.WebSocketHandler, JupyterHandler):
    """api/events/subscribe: an open event stream on which no event comes."""

    async def get(self, *args, **kwargs):
        if self.current_user is None:
            raise web.HTTPError(403)
        return await super().get(*args, **kwargs)

    def on_message(self, message):
        pass


class RnnlabLab(LabServerApp):
    name = "rnnlab_lab"
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False
    app_name = "JupyterLab"
    app_version = VERSION
    app_settings_dir = os.path.join(BUILD, "application_settings")
    schemas_dir = os.path.join(BUILD, "schemas")
    static_dir = BUILD
    templates_dir = os.path.join(HERE, "templates")
    themes_dir = os.path.join(BUILD, "themes")
    # The student's settings and workspaces (layouts, open tabs): RNNLAB_LAB_STATE
    # (set by scripts/start.js: .jupyter-prefix/lab in the checkout; the tests use their own).
    user_settings_dir = os.path.join(STATE, "user-settings")
    workspaces_dir = os.path.join(STATE, "workspaces")

    def initialize_settings(self):
        super().initialize_settings()
        self.serverapp.web_app.settings["terminals_available"] = False

    def initialize_handlers(self):
        super().initialize_handlers()
        base = self.serverapp.base_url
        self.serverapp.web_app.add_handlers(
            ".*$",
            [
                (url_path_join(base, "api/me"), MeHandler),
                (url_path_join(base, "api/events"), EventsHandler),
                (url_path_join(base, "api/events/subscribe"), EventsSocket),
            ],
        )


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": RnnlabLab}]


if __name__ == "__main__":
    if not os.path.exists(os.path.join(BUILD, "bundle.js")):
        sys.exit(f"rnnlab: the JupyterLab front end is not built ({BUILD}/bundle.js missing): run `npm install` in the project")
    RnnlabLab.launch_instance()
