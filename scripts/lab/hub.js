#!/usr/bin/env node
// `npm run lab:hub -- --roster class.csv`: a teaching lab on JupyterHub (see docs/teaching-lab.md).
//
// As root: installs what is missing (Debian's jupyterhub; configurable-http-proxy comes from
// npm), prepares the course (student versions + the built library, or --course DIR), creates a
// local account for everyone on the roster who has none (random passwords in
// <state>/passwords.csv, mode 600), copies the course into each student's home, starts
// JupyterHub and waits until Ctrl-C (which stops the hub and every student's server).
//
//   --roster FILE         the class (CSV: username,name,role; docs/teaching-lab.md)
//   --port N              where students connect (default 9600; hub API N+1, proxy API N+2,
//                         students' servers N+10..N+99)
//   --ip ADDR             address to listen on (default 127.0.0.1)
//   --course DIR          a released course folder (default: student versions built here)
//   --state DIR           hub database, passwords, logs (default build/lab)
//   --home-base DIR       where new homes are made (default /home)
//   --status              print who is running what (the lab must be running) and exit
//   --remove-accounts     delete the accounts this tool created (and their homes), then exit
"use strict";
const fs = require("fs");
const path = require("path");
const { ROOT } = require("../paths");
const lab = require("./lab");
const { readRoster } = require("./roster");

function parseArgs(argv) {
  const o = { port: 9600, ip: "127.0.0.1", state: path.join(ROOT, "build", "lab"), homeBase: "/home" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--roster") o.roster = val();
    else if (a === "--port") {
      o.port = Number(val());
      if (!Number.isInteger(o.port) || o.port < 1024 || o.port > 65435) throw new Error(`--port must be a whole number in 1024-65435, got ${argv[i]}`);
    } else if (a === "--ip") o.ip = val();
    else if (a === "--course") o.course = val();
    else if (a === "--state") o.state = path.resolve(val());
    else if (a === "--home-base") o.homeBase = path.resolve(val());
    else if (a === "--status") o.status = true;
    else if (a === "--remove-accounts") o.remove = true;
    else if (a === "--help" || a === "-h") o.help = true;
    else throw new Error(`unknown option ${a} (see --help)`);
  }
  return o;
}

function usage() {
  const text = fs.readFileSync(__filename, "utf8").split("\n");
  return text.slice(1, text.findIndex((l) => l.startsWith('"use strict"'))).map((l) => l.replace(/^\/\/ ?/, "")).join("\n");
}

async function main(argv) {
  let o;
  try {
    o = parseArgs(argv);
  } catch (err) {
    console.error(`lab:hub: ${err.message}`);
    return 2;
  }
  if (o.help) {
    console.log(usage());
    return 0;
  }
  if (o.status) {
    const settingsFile = path.join(o.state, "hub-settings.json");
    if (!fs.existsSync(settingsFile)) throw new Error(`no lab running from ${o.state} (no hub-settings.json)`);
    const s = JSON.parse(fs.readFileSync(settingsFile, "utf8"));
    const url = `http://${s.ip}:${s.port}`;
    const rows = await lab.labStatus({ url, apiUrl: `${url}/hub/api`, token: s.service_token });
    for (const r of rows) console.log(`${r.user.padEnd(20)} ${(r.admin ? "instructor" : "student").padEnd(10)} ${r.server.padEnd(8)} ${r.lastActivity ?? "-"}  ${r.kernels.join("; ")}`);
    return 0;
  }
  if (!lab.isRoot()) {
    console.error("lab:hub: the lab creates local accounts and starts servers as the students: run it as root, e.g.\n\n  sudo npm run lab:hub -- " + argv.join(" ") + "\n");
    return 1;
  }
  fs.mkdirSync(o.state, { recursive: true, mode: 0o700 });
  if (o.remove) {
    const removed = lab.removeAccounts(o.state);
    console.log(removed.length ? `lab: removed ${removed.length} account(s): ${removed.join(", ")}` : "lab: no accounts of this lab to remove");
    return 0;
  }
  if (!o.roster) {
    console.error("lab:hub: --roster FILE is required (see --help)");
    return 2;
  }
  const people = readRoster(o.roster);
  const missing = lab.missingDebs();
  if (missing.length) {
    const { spawnSync } = require("child_process");
    console.log(`lab: apt-get install -y ${missing.join(" ")}`);
    spawnSync("apt-get", ["update", "-q"], { stdio: "inherit" });
    const r = spawnSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...missing], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (r.status !== 0) throw new Error(`apt-get install failed; run: apt-get update && apt-get install -y ${missing.join(" ")}`);
  }
  const course = lab.prepareCourse(o.state, o.course);
  if (!o.course) {
    console.log(
      "lab: WARNING: no --course: students run on this checkout's library and, with a terminal, can read its " +
        "solutions and hidden tests; for a class use a release: npm run release -- --out DIR, npm install in DIR, then --course DIR",
    );
  }
  const acc = lab.createAccounts(people, { stateDir: o.state, homeBase: o.homeBase, course });
  console.log(`lab: course ${course}; accounts: ${acc.created.length} created, ${acc.kept.length} kept; passwords for the class: ${path.join(o.state, "passwords.csv")}`);
  const hub = await lab.startHub({ stateDir: o.state, people, course, port: o.port, ip: o.ip });
  const admins = people.filter((p) => p.role === "instructor").map((p) => p.username);
  console.log(`lab: students log in at ${hub.url}/hub/login ; instructors (${admins.join(", ") || "none on the roster"}) see every server at ${hub.url}/hub/admin`);
  console.log(`lab: who is running what: npm run lab:hub -- --status${o.state === path.join(ROOT, "build", "lab") ? "" : " --state " + o.state}`);
  console.log("lab: Ctrl-C stops the hub and every student's server (accounts stay; --remove-accounts deletes them)");
  await new Promise((resolve) => {
    const done = () => hub.stop().then(resolve);
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
    hub.proc.once("exit", resolve);
  });
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`lab:hub: ${err.message}`);
      process.exit(1);
    },
  );
}
module.exports = { parseArgs, main };
