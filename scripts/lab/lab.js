// The teaching lab's pieces: the course folder, local accounts from a roster, JupyterHub.
// Used by `npm run lab:hub` (hub.js), the load benchmark (bench-hub.js) and the tests.
// See docs/teaching-lab.md.
"use strict";
const { spawn, spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const http = require("http");
const path = require("path");
const { ROOT, JUPYTER_PATH, KERNEL_NAME } = require("../paths");

const JUPYTERHUB = "/usr/bin/jupyterhub";
const SINGLEUSER = "/usr/bin/jupyterhub-singleuser";
const PROXY = path.join(ROOT, "node_modules", ".bin", "configurable-http-proxy");
const CONFIG = path.join(__dirname, "jupyterhub_config.py");
/** Marks the accounts this tool created (in /etc/passwd's comment field too). */
const MARK = "rnnlab-lab";

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Debian packages the lab needs that are missing: jupyterhub (with PAM) and the classic Notebook. */
function missingDebs() {
  const missing = [];
  if (!fs.existsSync(JUPYTERHUB) || !fs.existsSync(SINGLEUSER)) missing.push("jupyterhub");
  const py = spawnSync("/usr/bin/python3", ["-c", "import notebook.notebookapp, pamela"], { stdio: "ignore" });
  if (py.status !== 0) missing.push("jupyter-notebook", "python3-pamela");
  return missing;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", ...opts });
  if (r.error) throw new Error(`${cmd} could not be run: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}

function writePrivate(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

// ---------------------------------------------------------------- the course

/**
 * The course the students get: the student versions of the notebooks (no solutions, no
 * outputs; `npm run student`), run with this checkout's built library and tslab. With `from`,
 * a released course folder (notebooks and its own node_modules) is used instead.
 * Returns the folder.
 */
function prepareCourse(stateDir, from) {
  if (from) {
    // A released course (`npm run release -- --out DIR`, then `npm install` in DIR): DIR/notebooks.
    const root = path.resolve(from);
    const dir = fs.existsSync(path.join(root, "notebooks")) ? path.join(root, "notebooks") : root;
    if (!fs.existsSync(dir) || !fs.readdirSync(dir).some((f) => f.endsWith(".ipynb"))) throw new Error(`--course ${root}: no notebooks in it (nor in its notebooks/)`);
    if (courseRoot(dir) === ROOT) throw new Error(`--course ${root}: no node_modules: run npm install in it first`);
    return dir;
  }
  const { makeStudent } = require("../make-student");
  const dir = path.join(stateDir, "course");
  fs.rmSync(dir, { recursive: true, force: true });
  const notebooks = fs
    .readdirSync(path.join(ROOT, "notebooks"))
    .filter((f) => /^\d\d_.*\.ipynb$/.test(f))
    .sort()
    .map((f) => path.join(ROOT, "notebooks", f));
  makeStudent(notebooks, dir);
  fs.rmSync(path.join(stateDir, "datasets"), { force: true }); // make-student's link: not needed here
  if (!fs.existsSync(path.join(ROOT, "node_modules", "rnnlab", "index.js"))) throw new Error("the library is not built: run npm install (or npm run build)");
  return dir;
}

/**
 * Where each student's copy of the course lives: `<course root>/students/<username>`. The course
 * root is the folder whose real `node_modules` holds the library and tslab (this checkout, or a
 * released course): the kernel resolves `rnnlab` by walking up from the notebook's folder, and
 * TypeScript in the kernel needs the packages under a real (not symlinked) node_modules above
 * it to name their types ("danfojs-node/...").
 */
function workBaseFor(course) {
  const root = courseRoot(course);
  return root === ROOT ? path.join(ROOT, "build", "lab-students") : path.join(root, "students");
}

/** The folder with the course's own real node_modules (a release: DIR or DIR/..), else this checkout. */
function courseRoot(course) {
  for (const d of [course, path.dirname(course)]) {
    const nm = path.join(d, "node_modules");
    if (fs.existsSync(nm) && !fs.lstatSync(nm).isSymbolicLink()) return d;
  }
  return ROOT;
}

/** Where the rnnlab kernel spec is: the release's own (its npm install registers it), else this checkout's. */
function jupyterPathFor(course) {
  const own = path.join(courseRoot(course), ".jupyter-prefix", "share", "jupyter");
  return fs.existsSync(path.join(own, "kernels", KERNEL_NAME, "kernel.json")) ? own : JUPYTER_PATH;
}

/** Copies the course's notebooks into a student's own folder (once: their work is never overwritten). */
function installCourse(course, dest, uid, gid) {
  if (fs.existsSync(dest)) return false;
  fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o755 });
  fs.mkdirSync(dest, { mode: 0o700 });
  for (const e of fs.readdirSync(course, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name === "students" || e.name.startsWith(".")) continue;
    fs.cpSync(path.join(course, e.name), path.join(dest, e.name), { recursive: true });
  }
  run("chown", ["-R", "--no-dereference", `${uid}:${gid}`, dest]);
  return true;
}

// ---------------------------------------------------------------- accounts

function passwdEntry(username) {
  const r = spawnSync("getent", ["passwd", username], { encoding: "utf8" });
  if (r.status !== 0) return null;
  const [name, , uid, gid, gecos, home] = r.stdout.trim().split(":");
  return { name, uid: Number(uid), gid: Number(gid), gecos, home };
}

function readState(stateDir) {
  const f = path.join(stateDir, "accounts.json");
  return fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : { accounts: {} };
}
function writeState(stateDir, state) {
  writePrivate(path.join(stateDir, "accounts.json"), JSON.stringify(state, null, 1) + "\n");
}

/**
 * Creates a local account for each roster entry that has none (as root), with a random
 * password, and copies the course into each student's home. An account that exists but was
 * not created by this tool (from this state folder) is never touched: that is an error.
 * Writes <state>/passwords.csv (mode 600) for the instructor. Returns { created, kept, passwords }.
 */
function createAccounts(people, { stateDir, homeBase = "/home", course }) {
  if (!isRoot()) throw new Error("creating accounts needs root");
  // Students' kernels run as the students: they must reach the library and the kernel.
  for (let d = courseRoot(course); ; d = path.dirname(d)) {
    if ((fs.statSync(d).mode & 0o001) === 0) throw new Error(`students cannot reach ${courseRoot(course)}: ${d} is not searchable by others (chmod o+x ${d}, or use a released course elsewhere)`);
    if (path.dirname(d) === d) break;
  }
  const state = readState(stateDir);
  const foreign = people.filter((p) => passwdEntry(p.username) && !state.accounts[p.username]);
  if (foreign.length) {
    throw new Error(
      `these roster names are existing accounts that this lab did not create, and are left alone: ${foreign.map((p) => p.username).join(", ")}. ` +
        "Rename them in the roster (or remove the accounts yourself).",
    );
  }
  const pwFile = path.join(stateDir, "passwords.csv");
  const passwords = {};
  if (fs.existsSync(pwFile)) {
    for (const line of fs.readFileSync(pwFile, "utf8").trim().split("\n").slice(1)) {
      const [u, pw] = line.split(",");
      if (u && pw) passwords[u] = pw;
    }
  }
  const created = [];
  const kept = [];
  for (const p of people) {
    if (!state.accounts[p.username]) {
      const home = path.join(homeBase, p.username);
      if (fs.existsSync(home)) throw new Error(`${home} exists already (no account of that name): refusing to take it over`);
      // Record first, so an interruption leaves the account known (and removable).
      state.accounts[p.username] = { home, work: path.join(workBaseFor(course), p.username), role: p.role, created: new Date().toISOString() };
      writeState(stateDir, state);
      try {
        run("useradd", ["--create-home", "--home-dir", home, "--shell", "/bin/bash", "--user-group", "--comment", `${MARK} ${p.name.replace(/[^\w .'-]/g, " ")}`.trim(), p.username]);
      } catch (err) {
        delete state.accounts[p.username];
        writeState(stateDir, state);
        throw err;
      }
      fs.chmodSync(home, 0o700);
      passwords[p.username] = crypto.randomBytes(9).toString("base64url");
      run("chpasswd", [], { input: `${p.username}:${passwords[p.username]}\n` });
      created.push(p.username);
    } else kept.push(p.username);
    const e = passwdEntry(p.username);
    if (!e) throw new Error(`account ${p.username} is in ${stateDir}/accounts.json but not in the system`);
    state.accounts[p.username].work = state.accounts[p.username].work ?? path.join(workBaseFor(course), p.username);
    installCourse(course, state.accounts[p.username].work, e.uid, e.gid);
  }
  writeState(stateDir, state);
  writePrivate(pwFile, "username,password\n" + people.map((p) => `${p.username},${passwords[p.username] ?? ""}`).join("\n") + "\n");
  return { created, kept, passwords };
}

/** Pids of a uid's live processes. */
function pidsOf(uid) {
  const out = spawnSync("ps", ["-o", "pid=,stat=", "-u", String(uid)], { encoding: "utf8" }).stdout ?? "";
  return out
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter(([pid, stat]) => pid && stat && !stat.startsWith("Z"))
    .map(([pid]) => Number(pid));
}

/**
 * Removes the accounts this tool created (listed in <state>/accounts.json and marked in
 * /etc/passwd), their homes and their processes. Accounts it did not create are never touched.
 * `only` limits it to some usernames. Returns the removed usernames.
 */
function removeAccounts(stateDir, only) {
  if (!isRoot()) throw new Error("removing accounts needs root");
  const state = readState(stateDir);
  const removed = [];
  for (const [username, info] of Object.entries(state.accounts)) {
    if (only && !only.includes(username)) continue;
    const e = passwdEntry(username);
    if (e && !e.gecos.startsWith(MARK)) {
      console.error(`lab: ${username} is not marked "${MARK}" in /etc/passwd: left alone`);
      continue;
    }
    if (e) {
      for (let i = 0; i < 50; i++) {
        const pids = pidsOf(e.uid);
        if (!pids.length) break;
        for (const pid of pids) {
          try {
            process.kill(pid, i < 20 ? "SIGTERM" : "SIGKILL");
          } catch {
            /* gone */
          }
        }
        spawnSync("sleep", ["0.1"]);
      }
      run("userdel", ["--remove", username], { stdio: ["ignore", "pipe", "pipe"] });
    }
    for (const d of [info.home, info.work]) if (d && fs.existsSync(d)) fs.rmSync(d, { recursive: true, force: true });
    delete state.accounts[username];
    writeState(stateDir, state);
    removed.push(username);
  }
  return removed;
}

// ---------------------------------------------------------------- the hub

/** GET/POST/DELETE to the hub or a server behind the proxy; resolves { status, body, json }. */
function request(url, { method = "GET", token, body, headers = {}, timeoutMs = 60000 } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const req = http.request(
      url,
      {
        method,
        headers: {
          ...(token ? { Authorization: `token ${token}` } : {}),
          ...(data !== undefined ? { "Content-Type": typeof body === "string" ? "application/x-www-form-urlencoded" : "application/json", "Content-Length": Buffer.byteLength(data) } : {}),
          ...headers,
        },
        timeout: timeoutMs,
        // One connection per request: Node 20 keeps connections alive by default, and a request
        // on a connection the proxy has just closed fails with "socket hang up".
        agent: false,
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, headers: res.headers, body: text, json });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${url}: no answer in ${timeoutMs / 1000} s`)));
    req.on("error", reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts JupyterHub (as root) with the lab's configuration; resolves when its API answers.
 * Returns { url, apiUrl, token, proc, stop() }. Log: <state>/jupyterhub.log.
 */
async function startHub({ stateDir, people, course, port = 9600, ip = "127.0.0.1", userPorts, log = console.log, timeoutMs = 60000 }) {
  if (!isRoot()) throw new Error("JupyterHub must run as root to start servers as the students");
  if (!fs.existsSync(PROXY)) throw new Error(`configurable-http-proxy is missing (${PROXY}): run npm install`);
  const token = crypto.randomBytes(24).toString("hex");
  const settings = {
    ip,
    port,
    user_ports: userPorts ?? [port + 10, port + 99],
    state: stateDir,
    proxy: PROXY,
    admins: people.filter((p) => p.role === "instructor").map((p) => p.username),
    students: people.filter((p) => p.role === "student").map((p) => p.username),
    jupyter_path: jupyterPathFor(course),
    work_base: workBaseFor(course),
    service_token: token,
  };
  const jupyterPath = jupyterPathFor(course);
  if (!fs.existsSync(path.join(jupyterPath, "kernels", KERNEL_NAME, "kernel.json"))) throw new Error("the rnnlab kernel is not registered: run npm install (or node scripts/setup-kernel.js)");
  const settingsFile = path.join(stateDir, "hub-settings.json");
  writePrivate(settingsFile, JSON.stringify(settings, null, 1) + "\n");
  const logFile = path.join(stateDir, "jupyterhub.log");
  const out = fs.openSync(logFile, "a");
  // Ahead of the students' servers and kernels (see the config's note on the proxy).
  const proc = spawn("/usr/bin/nice", ["-n", "-5", JUPYTERHUB, "-f", CONFIG], {
    cwd: stateDir,
    env: { ...process.env, RNNLAB_LAB_SETTINGS: settingsFile, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  let exited = null;
  proc.on("exit", (code, signal) => (exited = { code, signal }));
  const url = `http://${ip}:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (exited) throw new Error(`JupyterHub exited (${exited.code ?? exited.signal}) while starting; see ${logFile}:\n${tail(logFile)}`);
    try {
      const r = await request(`${url}/hub/api/`, { timeoutMs: 2000 });
      if (r.status === 200) break;
    } catch {
      /* not yet */
    }
    if (Date.now() - t0 > timeoutMs) {
      proc.kill("SIGTERM");
      throw new Error(`JupyterHub did not answer within ${timeoutMs / 1000} s; see ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(300);
  }
  log(`lab: JupyterHub ${run(JUPYTERHUB, ["--version"]).trim()} is up at ${url}/ (log: ${logFile})`);
  const stop = async () => {
    if (exited) return;
    proc.kill("SIGTERM"); // the hub stops every single-user server and the proxy
    for (let i = 0; i < 300 && !exited; i++) await sleep(100);
    if (!exited) proc.kill("SIGKILL");
  };
  return { url, apiUrl: `${url}/hub/api`, token, proc, stop, logFile };
}

function tail(file, n = 15) {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").slice(-n).join("\n") : "(no log)";
}

/** Who is running what: every user, their server (if any) and its kernels, through the hub's API. */
async function labStatus(hub) {
  const users = (await request(`${hub.apiUrl}/users`, { token: hub.token })).json;
  const rows = [];
  for (const u of users) {
    const srv = u.servers && u.servers[""];
    let kernels = [];
    if (srv && srv.ready) {
      const r = await request(`${hub.url}${srv.url}api/sessions`, { token: hub.token }).catch(() => null);
      if (r && r.status === 200) kernels = r.json.map((s) => `${s.path} (${s.kernel.name}, ${s.kernel.execution_state})`);
    }
    rows.push({ user: u.name, admin: u.admin, server: srv ? (srv.ready ? "running" : srv.pending || "starting") : "stopped", lastActivity: u.last_activity, kernels });
  }
  return rows;
}

module.exports = { workBaseFor, missingDebs, prepareCourse, installCourse, createAccounts, removeAccounts, startHub, labStatus, request, passwdEntry, pidsOf, PROXY, MARK, isRoot };
