#!/usr/bin/env node
// Teaching-lab load benchmark: N simulated students log in to JupyterHub at once, each opens
// notebook 00 and runs all its cells through the server's REST API and the kernel protocol over
// a websocket (scripts/lab/hub-client.js). Reports, per N: time to a ready kernel, time to run
// the notebook, time from login to the last cell, memory and CPU per student, failures, and the
// load average. Needs root (it creates temporary local accounts, removed at the end).
//
//   npm run bench:hub -- --students 10,20,40 [--port 9600] [--notebook 00_getting_started.ipynb]
//
// Writes build/bench/hub.json. See docs/teaching-lab.md for the measured numbers.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { ROOT } = require("../paths");
const lab = require("./lab");
const { studentSession } = require("./hub-client");

function parseArgs(argv) {
  const o = { students: [10, 20, 40], port: 9600, notebook: "00_getting_started.ipynb", budget: 60, deadline: 600 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (argv[i + 1] === undefined) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--students") {
      o.students = v().split(",").map(Number);
      if (!o.students.every((n) => Number.isInteger(n) && n > 0 && n <= 80)) throw new Error(`--students must be whole numbers 1-80 separated by commas, got ${argv[i]}`);
    } else if (a === "--port") o.port = Number(v());
    else if (a === "--notebook") o.notebook = v();
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const PAGE = 4096;
/** CPU seconds (user + system) and resident memory of every process, by uid. */
function snapshotProcs(uids) {
  const byPid = new Map();
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const st = fs.statSync(`/proc/${pid}`);
      if (!uids.has(st.uid)) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      byPid.set(pid, { uid: st.uid, cpu: (Number(f[11]) + Number(f[12])) / 100, rss: (Number(f[21]) * PAGE) / 2 ** 20 });
    } catch {
      /* gone */
    }
  }
  return byPid;
}

function cpuBusy() {
  const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] || 0);
  return { total: f.reduce((s, x) => s + x, 0), idle };
}

const med = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const max = (xs) => (xs.length ? Math.max(...xs) : NaN);
const mean = (xs) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : "-");

async function wave(hub, students, o) {
  const uidOf = new Map(students.map((s) => [lab.passwdEntry(s.user).uid, s.user]));
  const uids = new Set(uidOf.keys());
  const peakRss = new Map();
  const cpuSeen = new Map(); // pid -> { uid, cpu }
  let peakTotalRss = 0;
  const sample = () => {
    const snap = snapshotProcs(uids);
    const rss = new Map();
    for (const [pid, p] of snap) {
      rss.set(p.uid, (rss.get(p.uid) || 0) + p.rss);
      cpuSeen.set(pid, p);
    }
    let total = 0;
    for (const [uid, r] of rss) {
      peakRss.set(uid, Math.max(peakRss.get(uid) || 0, r));
      total += r;
    }
    peakTotalRss = Math.max(peakTotalRss, total);
  };
  const load0 = os.loadavg();
  const cpu0 = cpuBusy();
  const timer = setInterval(sample, 1000);
  const t0 = Date.now();
  const results = await Promise.all(
    students.map((s) =>
      Promise.race([
        studentSession({ hubUrl: hub.url, user: s.user, password: s.password, token: s.token, notebook: o.notebook }),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`not done after ${o.deadline} s`)), o.deadline * 1000)),
      ]).catch((err) => ({ user: s.user, failures: [err.message] })),
    ),
  );
  const wall = (Date.now() - t0) / 1000;
  clearInterval(timer);
  sample();
  const cpu1 = cpuBusy();
  const load1 = os.loadavg();
  const cpuBy = new Map();
  for (const p of cpuSeen.values()) cpuBy.set(p.uid, (cpuBy.get(p.uid) || 0) + p.cpu);
  const ok = results.filter((r) => r.failures.length === 0 && Number.isFinite(r.total));
  const row = {
    students: students.length,
    ok: ok.length,
    failed: results.filter((r) => !ok.includes(r)).map((r) => ({ user: r.user, failures: r.failures.slice(0, 3) })),
    kernelReady: { median: med(ok.map((r) => r.kernelReady)), max: max(ok.map((r) => r.kernelReady)) },
    notebook: { median: med(ok.map((r) => r.notebook)), max: max(ok.map((r) => r.notebook)) },
    total: { median: med(ok.map((r) => r.total)), max: max(ok.map((r) => r.total)) },
    serverReady: { median: med(ok.map((r) => r.serverReady)), max: max(ok.map((r) => r.serverReady)) },
    memoryPerStudentMiB: { mean: mean([...peakRss.values()]), max: max([...peakRss.values()]) },
    peakMemoryAllStudentsMiB: peakTotalRss,
    cpuPerStudentSeconds: mean([...cpuBy.values()]),
    cpuBusyPercent: (100 * (1 - (cpu1.idle - cpu0.idle) / (cpu1.total - cpu0.total))),
    wall,
    loadAverageBefore: load0.map((x) => Number(x.toFixed(2))),
    loadAverageAfter: load1.map((x) => Number(x.toFixed(2))),
    withinBudget: ok.length === students.length && max(ok.map((r) => r.total)) <= o.budget,
    perStudent: results,
  };
  return row;
}

async function stopAll(hub, users) {
  await Promise.all(users.map((u) => lab.request(`${hub.apiUrl}/users/${u}/server`, { method: "DELETE", token: hub.token }).catch(() => undefined)));
  for (let i = 0; i < 600; i++) {
    const list = (await lab.request(`${hub.apiUrl}/users`, { token: hub.token })).json;
    if (!list.some((u) => users.includes(u.name) && u.servers && u.servers[""] && (u.servers[""].ready || u.servers[""].pending))) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("servers did not stop within 300 s");
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!lab.isRoot()) throw new Error("the benchmark creates temporary local accounts: run it as root");
  const missing = lab.missingDebs();
  if (missing.length) throw new Error(`missing Debian packages; as root: apt-get update && apt-get install -y ${missing.join(" ")}`);
  const nMax = Math.max(...o.students);
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-bench-hub-"));
  const homes = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-bench-homes-"));
  fs.chmodSync(homes, 0o755);
  const tag = Math.random().toString(36).slice(2, 6);
  const people = [{ username: `rnlb${tag}-inst`, name: "Bench Instructor", role: "instructor" }];
  for (let k = 1; k <= nMax; k++) people.push({ username: `rnlb${tag}-${String(k).padStart(2, "0")}`, name: `Bench Student ${k}`, role: "student" });
  let hub = null;
  const rows = [];
  try {
    const course = lab.prepareCourse(state);
    const acc = lab.createAccounts(people, { stateDir: state, homeBase: homes, course });
    hub = await lab.startHub({ stateDir: state, people, course, port: o.port, log: () => undefined });
    const students = [];
    for (const p of people.filter((p) => p.role === "student")) {
      const t = await lab.request(`${hub.apiUrl}/users/${p.username}/tokens`, { method: "POST", token: hub.token, body: { note: "bench", expires_in: 7200 } });
      if (t.status !== 201) throw new Error(`token for ${p.username}: HTTP ${t.status} ${t.body}`);
      students.push({ user: p.username, password: acc.passwords[p.username], token: t.json.token });
    }
    console.log(`bench:hub: JupyterHub at ${hub.url}, ${students.length} student accounts; notebook ${o.notebook}; ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`);
    console.log("students  ok  kernel ready s (med/max)  notebook s (med/max)  login->done s (med/max)  MiB/student (mean/max)  CPU s/student  CPU busy  load before->after");
    for (const n of o.students) {
      const row = await wave(hub, students.slice(0, n), o);
      rows.push(row);
      console.log(
        `${String(n).padStart(8)}  ${String(row.ok).padStart(2)}  ${f1(row.kernelReady.median).padStart(10)} / ${f1(row.kernelReady.max).padEnd(10)} ${f1(row.notebook.median).padStart(8)} / ${f1(row.notebook.max).padEnd(10)} ${f1(row.total.median).padStart(9)} / ${f1(row.total.max).padEnd(12)} ${f1(row.memoryPerStudentMiB.mean).padStart(8)} / ${f1(row.memoryPerStudentMiB.max).padEnd(12)} ${f1(row.cpuPerStudentSeconds).padStart(8)}  ${f1(row.cpuBusyPercent).padStart(6)} %  ${row.loadAverageBefore[0]} -> ${row.loadAverageAfter[0]}`,
      );
      for (const f of row.failed) console.log(`          FAILED ${f.user}: ${f.failures.join("; ")}`);
      await stopAll(hub, students.map((s) => s.user));
    }
    // CPU is what limits a wave: all students' CPU seconds shared by the cores.
    const cpu = mean(rows.map((r) => r.cpuPerStudentSeconds));
    const fits = rows.filter((r) => r.withinBudget).map((r) => r.students);
    const estimate = Math.floor((o.budget * os.cpus().length) / cpu);
    const summary = {
      largestMeasuredWithinBudget: fits.length ? Math.max(...fits) : 0,
      cpuPerStudentSeconds: cpu,
      cpuBoundEstimate: estimate,
    };
    console.log(
      `bench:hub: largest class measured with every notebook done within ${o.budget} s of login: ${summary.largestMeasuredWithinBudget || "none"}; ` +
        `${f1(cpu)} CPU-s per student on ${os.cpus().length} cores -> at most ~${estimate} students if the cores did nothing else`,
    );
    const outFile = path.join(ROOT, "build", "bench", "hub.json");
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, JSON.stringify({ date: new Date().toISOString(), notebook: o.notebook, cores: os.cpus().length, rows, summary }, null, 1) + "\n");
    console.log(`bench:hub: wrote ${outFile}`);
  } finally {
    if (hub) await hub.stop();
    if (hub && fs.existsSync(hub.logFile)) {
      fs.mkdirSync(path.join(ROOT, "build", "bench"), { recursive: true });
      fs.copyFileSync(hub.logFile, path.join(ROOT, "build", "bench", "hub-jupyterhub.log"));
    }
    const removed = lab.removeAccounts(state);
    fs.rmSync(state, { recursive: true, force: true });
    fs.rmSync(homes, { recursive: true, force: true });
    console.log(`bench:hub: removed ${removed.length} temporary account(s)`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench:hub: ${err.stack || err.message}`);
    process.exit(1);
  },
);
