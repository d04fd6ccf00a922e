/**
 * The teaching lab, end to end (as root): a roster of one instructor and two students becomes
 * local accounts, JupyterHub (Debian's) starts with configurable-http-proxy (npm), both students
 * log in through PAM at once, each opens notebook 00 of the course (student version) with the
 * rnnlab kernel and runs every cell over the kernel websocket without an error, the instructor
 * sees both servers and their kernels through the hub's API, and afterwards the hub, every
 * student process and the accounts are gone. Needs root: fails in CI without it, skipped with a printed reason elsewhere.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeWith } from "../systemDependency";

const ROOT = path.resolve(__dirname, "..", "..");
const lab = require(path.join(ROOT, "scripts", "lab", "lab.js"));
const { studentSession } = require(path.join(ROOT, "scripts", "lab", "hub-client.js"));
const { parseRoster } = require(path.join(ROOT, "scripts", "lab", "roster.js"));

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const maybe = (name: string, fn: () => void): void => describeWith(isRoot, "root (it creates local accounts)", name, fn);

interface Session {
  user: string;
  failures: string[];
  kernelReady: number;
  notebook: number;
  total: number;
  cells: number;
}

maybe("teaching lab on JupyterHub: two students at once", () => {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-lab-test-"));
  const homes = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-lab-homes-"));
  fs.chmodSync(homes, 0o755);
  const tag = Math.random().toString(36).slice(2, 6);
  const people = parseRoster(`username,name,role\nrnlt${tag}-inst,Dana Reyes,instructor\nrnlt${tag}-a,"Lee, Ann",student\nrnlt${tag}-b,Bo Chen,\n`, "test-roster");
  const students = people.filter((p: { role: string }) => p.role === "student").map((p: { username: string }) => p.username);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hub handle of scripts/lab/lab.js (JavaScript, untyped)
  let hub: any = null;
  let passwords: Record<string, string> = {};
  let uids: number[] = [];

  beforeAll(async () => {
    const course = lab.prepareCourse(state);
    passwords = lab.createAccounts(people, { stateDir: state, homeBase: homes, course }).passwords;
    uids = people.map((p: { username: string }) => lab.passwdEntry(p.username).uid);
    hub = await lab.startHub({ stateDir: state, people, course, port: 9670, userPorts: [9675, 9699], log: () => undefined });
  }, 180_000);

  afterAll(async () => {
    if (hub) await hub.stop();
    lab.removeAccounts(state);
    fs.rmSync(state, { recursive: true, force: true });
    fs.rmSync(homes, { recursive: true, force: true });
  }, 120_000);

  test("accounts come from the roster: instructor is an admin, passwords are private", async () => {
    expect(people.map((p: { role: string }) => p.role)).toEqual(["instructor", "student", "student"]);
    expect(fs.statSync(path.join(state, "passwords.csv")).mode & 0o077).toBe(0);
    const users = (await lab.request(`${hub.apiUrl}/users`, { token: hub.token })).json as { name: string; admin: boolean }[];
    expect(users.map((u) => [u.name, u.admin]).sort()).toEqual(people.map((p: { username: string; role: string }) => [p.username, p.role === "instructor"]).sort());
    // A wrong password is refused by PAM.
    const bad = await lab.request(`${hub.url}/hub/login`, { method: "POST", body: `username=${students[0]}&password=wrong` });
    expect(bad.status).not.toBe(302);
  });

  test("two students log in at once and run notebook 00 with the rnnlab kernel, no cell failing", async () => {
    const tokens: Record<string, string> = {};
    for (const u of students) tokens[u] = (await lab.request(`${hub.apiUrl}/users/${u}/tokens`, { method: "POST", token: hub.token, body: { note: "test", expires_in: 600 } })).json.token;
    const sessions: Session[] = await Promise.all(
      students.map((u: string) => studentSession({ hubUrl: hub.url, user: u, password: passwords[u], token: tokens[u], notebook: "00_getting_started.ipynb", keepKernel: true })),
    );
    console.log(sessions.map((s) => `${s.user}: kernel ready ${s.kernelReady.toFixed(1)} s, notebook ${s.notebook.toFixed(1)} s, login to done ${s.total.toFixed(1)} s`).join("\n"));
    for (const s of sessions) {
      expect(s.failures).toEqual([]);
      expect(s.cells).toBeGreaterThan(5);
    }
    // Each student's files belong to them, in their own copy of the course (student version).
    for (const u of students) {
      const dir = path.join(lab.workBaseFor(path.join(state, "course")), u);
      const nb = JSON.parse(fs.readFileSync(path.join(dir, "00_getting_started.ipynb"), "utf8"));
      expect(nb.metadata.rnnlab.version).toBe("student");
      expect(fs.statSync(dir).uid).toBe(lab.passwdEntry(u).uid);
    }
    // The instructor's view: who runs a server, and which notebook/kernel is open in it.
    const status = await lab.labStatus(hub);
    for (const u of students) {
      const row = status.find((r: { user: string }) => r.user === u);
      expect(row.server).toBe("running");
      expect(row.kernels.join(" ")).toMatch(/00_getting_started\.ipynb \(rnnlab, idle\)/);
    }
    expect(status.find((r: { admin: boolean }) => r.admin).server).toBe("stopped");
  }, 600_000);

  test("stopping the hub ends every student process; removing the accounts leaves nothing", async () => {
    await hub.stop();
    hub = null;
    await new Promise((r) => setTimeout(r, 2000));
    const left = execFileSync("ps", ["-eo", "uid=,stat=,pid=,args="], { encoding: "utf8" })
      .split("\n")
      .filter((l) => uids.includes(Number(l.trim().split(/\s+/)[0])) && !l.trim().split(/\s+/)[1]?.startsWith("Z"));
    expect(left).toEqual([]);
    expect(lab.removeAccounts(state).sort()).toEqual(people.map((p: { username: string }) => p.username).sort());
    for (const p of people) expect(lab.passwdEntry(p.username)).toBeNull();
  }, 120_000);
});
