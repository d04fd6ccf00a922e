#!/usr/bin/env node
// A single-node Slurm "cluster" on this machine, for the Slurm grading test and for trying
// `npm run grade -- --scheduler slurm` by hand: munged (own key and socket), slurmctld and
// slurmd from Debian's slurm-wlm, everything (config, state, logs) in one folder, bound to
// 127.0.0.1, nothing in /etc touched. Needs root (slurmd starts jobs as their user).
//
//   node scripts/grading/slurm/local-cluster.js start DIR [--port 9650]   prints: export SLURM_CONF=DIR/slurm.conf
//   node scripts/grading/slurm/local-cluster.js stop DIR                 cancels jobs, stops the daemons
//
// Ports: slurmctld PORT, slurmd PORT+1, srun PORT+10..PORT+19 (default 9650: 9650, 9651, 9660-9669).
"use strict";
const { spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const NODE_NAME = "rnnlab-node";
const BIN = { munged: "/usr/sbin/munged", slurmctld: "/usr/sbin/slurmctld", slurmd: "/usr/sbin/slurmd" };
const DEBS = ["slurm-wlm", "munge"];

/** The Debian packages missing for a local cluster (slurmctld, slurmd, munged, sbatch). */
function missingDebs() {
  const have = (f) => fs.existsSync(f);
  const missing = [];
  if (!have(BIN.slurmctld) || !have(BIN.slurmd) || !have("/usr/bin/sbatch")) missing.push("slurm-wlm");
  if (!have(BIN.munged)) missing.push("munge");
  return missing;
}

function sleepMs(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readPid(file) {
  try {
    const pid = Number(fs.readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 1 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z/.test(stat); // a zombie is dead
  } catch {
    return false;
  }
}

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  if (r.error) throw new Error(`${cmd} could not be started: ${r.error.message}`);
  return r;
}

function slurmConf(dir, port) {
  const host = os.hostname();
  return [
    "# Written by scripts/grading/slurm/local-cluster.js: a single-node cluster for tests.",
    "ClusterName=rnnlab",
    `SlurmctldHost=${host}(127.0.0.1)`,
    `SlurmctldPort=${port}`,
    `SlurmdPort=${port + 1}`,
    `SrunPortRange=${port + 10}-${port + 19}`,
    "AuthType=auth/munge",
    "CredType=cred/munge",
    `AuthInfo=socket=${dir}/munge/munge.socket`,
    "SlurmUser=root",
    "SlurmdUser=root",
    `StateSaveLocation=${dir}/state`,
    `SlurmdSpoolDir=${dir}/spool`,
    `SlurmctldPidFile=${dir}/run/slurmctld.pid`,
    `SlurmdPidFile=${dir}/run/slurmd.pid`,
    `SlurmctldLogFile=${dir}/log/slurmctld.log`,
    `SlurmdLogFile=${dir}/log/slurmd.log`,
    `PlugStackConfig=${dir}/plugstack.conf`,
    // No cgroups (this may run in a container): processes are tracked through /proc.
    "ProctrackType=proctrack/linuxproc",
    "TaskPlugin=task/none",
    "JobAcctGatherType=jobacct_gather/none",
    "AccountingStorageType=accounting_storage/none",
    "SchedulerType=sched/backfill",
    "SelectType=select/cons_tres",
    "SelectTypeParameters=CR_CPU",
    "ReturnToService=2",
    "MpiDefault=none",
    "MinJobAge=600",
    `NodeName=${NODE_NAME} NodeAddr=127.0.0.1 NodeHostname=${host} CPUs=${os.cpus().length} RealMemory=${Math.floor(os.totalmem() / 2 ** 20 / 2)} State=UNKNOWN`,
    `PartitionName=grade Nodes=${NODE_NAME} Default=YES MaxTime=INFINITE State=UP`,
    "",
  ].join("\n");
}

/** Starts munged, slurmctld and slurmd with everything in `dir`; returns { conf, env }. */
function start(dir, { port = 9650, timeoutMs = 30000 } = {}) {
  if (process.getuid() !== 0) throw new Error("a local Slurm cluster needs root (slurmd runs jobs as their user)");
  const missing = missingDebs();
  if (missing.length) throw new Error(`Slurm is not installed; as root: apt-get update && apt-get install -y ${missing.join(" ")}`);
  dir = path.resolve(dir);
  for (const d of ["", "munge", "state", "spool", "log", "run"]) fs.mkdirSync(path.join(dir, d), { recursive: true });
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(path.join(dir, "munge"), 0o755);
  const key = path.join(dir, "munge", "munge.key");
  if (!fs.existsSync(key)) fs.writeFileSync(key, crypto.randomBytes(1024), { mode: 0o600 });
  const conf = path.join(dir, "slurm.conf");
  fs.writeFileSync(conf, slurmConf(dir, port));
  fs.writeFileSync(path.join(dir, "plugstack.conf"), "");
  const env = { SLURM_CONF: conf };

  const m = run(BIN.munged, [
    "--force",
    `--socket=${dir}/munge/munge.socket`,
    `--key-file=${key}`,
    `--log-file=${dir}/log/munged.log`,
    `--pid-file=${dir}/run/munged.pid`,
    `--seed-file=${dir}/munge/munged.seed`,
  ]);
  if (m.status !== 0) throw new Error(`munged failed (exit ${m.status}): ${m.stderr.trim()}`);
  const c = run(BIN.slurmctld, ["-f", conf], env);
  if (c.status !== 0) throw new Error(`slurmctld failed (exit ${c.status}): ${c.stderr.trim()} (log: ${dir}/log/slurmctld.log)`);
  const d = run(BIN.slurmd, ["-f", conf, "-N", NODE_NAME], env);
  if (d.status !== 0) throw new Error(`slurmd failed (exit ${d.status}): ${d.stderr.trim()} (log: ${dir}/log/slurmd.log)`);
  // Ready when the node is idle in sinfo.
  const t0 = Date.now();
  for (;;) {
    const s = run("sinfo", ["-h", "-N", "-o", "%T"], env);
    if (s.status === 0 && /^idle/m.test(s.stdout)) break;
    if (Date.now() - t0 > timeoutMs) {
      const tail = (f) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8").split("\n").slice(-8).join("\n") : "(no log)");
      stop(dir);
      throw new Error(`the Slurm node did not become idle in ${timeoutMs / 1000} s (sinfo: ${(s.stdout + s.stderr).trim()})\nslurmctld.log:\n${tail(`${dir}/log/slurmctld.log`)}\nslurmd.log:\n${tail(`${dir}/log/slurmd.log`)}`);
    }
    sleepMs(300);
  }
  return { conf, env };
}

/** Cancels every job, stops slurmd, slurmctld and munged (by their pid files), waits until they are gone. */
function stop(dir) {
  dir = path.resolve(dir);
  const conf = path.join(dir, "slurm.conf");
  if (fs.existsSync(conf)) run("scancel", ["--full", "--user=root"], { SLURM_CONF: conf });
  const stopped = [];
  for (const name of ["slurmd", "slurmctld", "munged"]) {
    const pid = readPid(path.join(dir, "run", `${name}.pid`));
    if (pid === null || !alive(pid)) continue;
    process.kill(pid, "SIGTERM");
    for (let i = 0; i < 100 && alive(pid); i++) sleepMs(100);
    if (alive(pid)) process.kill(pid, "SIGKILL");
    stopped.push(`${name} (${pid})`);
  }
  return stopped;
}

module.exports = { start, stop, missingDebs, DEBS, NODE_NAME };

if (require.main === module) {
  const [cmd, dir] = process.argv.slice(2);
  const i = process.argv.indexOf("--port");
  const port = i >= 0 ? Number(process.argv[i + 1]) : 9650;
  if (!dir || (cmd !== "start" && cmd !== "stop")) {
    console.error("usage: local-cluster.js start|stop DIR [--port 9650]");
    process.exit(2);
  }
  try {
    if (cmd === "start") {
      const { conf } = start(dir, { port });
      console.log(`export SLURM_CONF=${conf}`);
    } else {
      const s = stop(dir);
      console.log(s.length ? `stopped ${s.join(", ")}` : "nothing running");
    }
  } catch (err) {
    console.error(`local-cluster: ${err.message}`);
    process.exit(1);
  }
}
