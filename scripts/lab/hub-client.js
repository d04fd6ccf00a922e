// One simulated student in the teaching lab, through JupyterHub's and the Notebook server's
// REST API and the Jupyter kernel protocol over a websocket (the way a browser does it):
// log in (PAM, the hub's login form), start the server, open a notebook's session with the
// rnnlab kernel, wait for kernel_info_reply, run every code cell in order (execute_request ->
// execute_reply + idle), shut the kernel down. Used by bench-hub.js and the hub smoke test.
"use strict";
const crypto = require("crypto");
const WebSocket = require("ws");
const { request } = require("./lab");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now() / 1000;

function message(session, msgType, content, channel) {
  return {
    header: { msg_id: crypto.randomUUID(), username: "student", session, date: new Date().toISOString(), msg_type: msgType, version: "5.3" },
    parent_header: {},
    metadata: {},
    content,
    channel,
    buffers: [],
  };
}

/** A kernel's websocket channel: send a request, await its reply and the kernel's idle after it. */
class KernelChannel {
  constructor(url, token) {
    this.session = crypto.randomUUID();
    this.ws = new WebSocket(`${url}?session_id=${this.session}`, { headers: { Authorization: `token ${token}` }, handshakeTimeout: 120000 });
    this.waiting = new Map(); // msg_id -> { reply, idle, outputs, resolve }
    this.ws.on("message", (data) => {
      let msg;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        return;
      }
      const w = this.waiting.get(msg.parent_header && msg.parent_header.msg_id);
      if (!w) return;
      const t = msg.header.msg_type;
      if (msg.channel === "shell" && t.endsWith("_reply")) w.reply = msg.content;
      else if (t === "status" && msg.content.execution_state === "idle") w.idle = true;
      else if (t === "stream" || t === "error" || t === "display_data" || t === "execute_result") w.outputs.push({ type: t, content: msg.content });
      if (w.reply && (w.idle || t.startsWith("kernel_info"))) {
        this.waiting.delete(msg.parent_header.msg_id);
        w.resolve(w);
      }
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once("open", resolve);
      this.ws.once("error", reject);
      this.ws.once("unexpected-response", (_req, res) => reject(new Error(`websocket refused: HTTP ${res.statusCode}`)));
    });
    this.closed = false;
    this.ws.on("close", () => {
      this.closed = true;
      for (const w of this.waiting.values()) w.resolve({ ...w, lost: true });
      this.waiting.clear();
    });
  }

  send(msgType, content, timeoutMs) {
    const msg = message(this.session, msgType, content, "shell");
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error("the kernel's websocket is closed"));
      const timer = setTimeout(() => {
        this.waiting.delete(msg.header.msg_id);
        reject(new Error(`${msgType}: no reply in ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.waiting.set(msg.header.msg_id, {
        outputs: [],
        resolve: (w) => {
          clearTimeout(timer);
          if (w.lost) reject(new Error(`${msgType}: the websocket closed before the reply`));
          else resolve(w);
        },
      });
      this.ws.send(JSON.stringify(msg));
    });
  }

  close() {
    this.ws.close();
  }
}

const sourceOf = (cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);

/**
 * Runs one student's whole session. Returns timings (seconds from the start of the login):
 * { user, login, serverReady, kernelReady, notebook (run time of all cells), cells, failures: [..] }.
 */
async function studentSession({ hubUrl, user, password, token, notebook, cellTimeoutMs = 120000, startTimeoutMs = 600000, keepKernel = false }) {
  const t0 = now();
  const r = { user, failures: [] };
  // 1. Log in through the hub's login form (PAM): a redirect and a login cookie mean success.
  const login = await request(`${hubUrl}/hub/login`, { method: "POST", body: `username=${encodeURIComponent(user)}&password=${encodeURIComponent(password)}` });
  const cookie = [].concat(login.headers["set-cookie"] || []).some((c) => c.startsWith("jupyterhub-hub-login="));
  if (login.status !== 302 || !cookie) throw new Error(`${user}: login failed (HTTP ${login.status})`);
  r.login = now() - t0;
  // 2. Start the server (the student's own API token stands for the browser's cookies).
  const api = `${hubUrl}/hub/api/users/${user}`;
  const start = await request(`${api}/server`, { method: "POST", token, timeoutMs: startTimeoutMs });
  if (start.status !== 201 && start.status !== 202 && start.status !== 400) throw new Error(`${user}: starting the server: HTTP ${start.status} ${start.body.slice(0, 200)}`);
  for (;;) {
    const u = (await request(api, { token })).json;
    const srv = u && u.servers && u.servers[""];
    if (srv && srv.ready) break;
    if (!srv || (!srv.pending && !srv.ready)) throw new Error(`${user}: the server stopped while starting`);
    if (now() - t0 > startTimeoutMs / 1000) throw new Error(`${user}: the server was not ready after ${startTimeoutMs / 1000} s`);
    await sleep(250);
  }
  r.serverReady = now() - t0;
  const base = `${hubUrl}/user/${user}`;
  // 3. Open the notebook and a session with the rnnlab kernel.
  const nb = await request(`${base}/api/contents/${encodeURIComponent(notebook)}?content=1`, { token });
  if (nb.status !== 200) throw new Error(`${user}: reading ${notebook}: HTTP ${nb.status}`);
  const cells = nb.json.content.cells.filter((c) => c.cell_type === "code").map(sourceOf);
  const sess = await request(`${base}/api/sessions`, { method: "POST", token, body: { path: notebook, type: "notebook", name: notebook, kernel: { name: "rnnlab" } } });
  if (sess.status !== 201) throw new Error(`${user}: creating the session: HTTP ${sess.status} ${sess.body.slice(0, 200)}`);
  const kernelId = sess.json.kernel.id;
  const ch = new KernelChannel(`${base.replace(/^http/, "ws")}/api/kernels/${kernelId}/channels`, token);
  try {
    await ch.opened;
    // kernel_info until the kernel answers (it may still be starting).
    for (let k = 0; ; k++) {
      try {
        await ch.send("kernel_info_request", {}, 10000);
        break;
      } catch (err) {
        if (k >= 30) throw new Error(`${user}: the kernel never answered kernel_info: ${err.message}`);
      }
    }
    r.kernelReady = now() - t0;
    // 4. Run every code cell in order.
    const t1 = now();
    r.cells = cells.length;
    for (let i = 0; i < cells.length; i++) {
      const w = await ch.send("execute_request", { code: cells[i], silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true }, cellTimeoutMs);
      const stderr = w.outputs.filter((o) => (o.type === "stream" && o.content.name === "stderr") || o.type === "error");
      if (w.reply.status !== "ok" || stderr.length) {
        const text = stderr.map((o) => o.content.text || `${o.content.ename}: ${o.content.evalue}`).join(" ").slice(0, 200);
        r.failures.push(`cell ${i}: ${w.reply.status}${text ? ": " + text : ""}`);
      }
    }
    r.notebook = now() - t1;
  } finally {
    ch.close();
    if (!keepKernel) await request(`${base}/api/sessions/${sess.json.id}`, { method: "DELETE", token }).catch(() => undefined);
  }
  r.total = now() - t0;
  return r;
}

module.exports = { studentSession, KernelChannel };
