/** Ends a server a test started: SIGTERM, up to `graceMs` to exit, then SIGKILL. */
import { ChildProcess } from "child_process";

export async function stopProcess(p: ChildProcess | null | undefined, graceMs = 20_000): Promise<void> {
  if (!p || p.exitCode !== null) return;
  const exited = new Promise((r) => p.once("exit", r));
  p.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, graceMs)))]);
  clearTimeout(timer);
  if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
}
