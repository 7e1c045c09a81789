/**
 * Process tools for crash tests: a run whose child can be killed mid-way, the descendants of a process we started
 * (found in /proc, Linux only; killed by PID, never by name), and polling.
 */
import { ChildProcess, spawn, SpawnOptions } from "node:child_process";
import * as fs from "node:fs";
import { RunResult, stripAnsi } from "./cdktf-project";

/** A running command: its child (to signal) and the result once it ends. */
export interface RunningCommand {
  readonly child: ChildProcess;
  /** stdout + stderr so far (ANSI stripped when read through `result`). */
  output(): string;
  readonly result: Promise<RunResult>;
}

/** Starts a command, capturing stdout+stderr; unlike `run` it hands back the child so a test can kill it. */
export function start(cmd: string, args: string[], opts: SpawnOptions, timeoutMs = 10 * 60_000): RunningCommand {
  const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const result = new Promise<RunResult>((resolve, reject) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output: stripAnsi(output) });
    });
  });
  return { child, output: () => output, result };
}

/** A process as /proc shows it: enough to find a command's descendants and to kill one safely by PID. */
export interface ProcInfo {
  readonly pid: number;
  readonly ppid: number;
  /** One-letter state: R, S, D, Z (zombie: dead, not yet reaped), … */
  readonly state: string;
  /** Start time in clock ticks since boot: with the pid, it names the process (a dead pid may be reused). */
  readonly startTicks: string;
  readonly argv: readonly string[];
}

function readProc(pid: number | string, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "latin1");
  } catch {
    return undefined; // gone meanwhile
  }
}

/** One process from /proc, or undefined when it is gone. */
export function procInfo(pid: number | string): ProcInfo | undefined {
  const stat = readProc(pid, "stat");
  if (stat === undefined) return undefined;
  // "pid (comm) state ppid … starttime(22nd)": comm may hold spaces and parentheses, so split after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const argv = (readProc(pid, "cmdline") ?? "").split("\0").filter((a) => a !== "");
  return { pid: Number(pid), state: fields[0], ppid: Number(fields[1]), startTicks: fields[19], argv };
}

/** Every live descendant of `rootPid` (children, their children, …), found by walking /proc (Linux only). */
export function descendants(rootPid: number): ProcInfo[] {
  const all = fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p)).flatMap((p) => procInfo(p) ?? []);
  const found: ProcInfo[] = [];
  const parents = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

/** True while the very process `p` (same pid, same start time) is alive and not a zombie. */
export function isAlive(p: ProcInfo): boolean {
  const now = procInfo(p.pid);
  return now !== undefined && now.startTicks === p.startTicks && now.state !== "Z";
}

/** SIGKILL to the very process `p`, unless it is gone (its pid is never signalled once reused); true when sent. */
export function killProc(p: ProcInfo): boolean {
  return isAlive(p) && killNow(p.pid);
}

/** Polls `probe` until it returns a truthy value (returned) or `timeoutMs` passes (throws `what`). */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 120_000, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Sends SIGKILL to one process by id; false when it had already gone. */
export function killNow(pid: number): boolean {
  try {
    process.kill(pid, "SIGKILL");
    return true;
  } catch {
    return false;
  }
}

/** True once every thread of `pid` is stopped (state T or t), false while one still runs or the process is gone. */
function allThreadsStopped(pid: number): boolean {
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return false;
  }
  return tasks.length > 0 && tasks.every((t) => /^[Tt]$/.test(procInfo(`${pid}/task/${t}`)?.state ?? ""));
}

/**
 * SIGSTOP to one process we started, resolving once the kernel shows every one of its threads stopped: from then on
 * it changes nothing until thawed or killed, so what it has written is exactly what a kill would leave.
 */
export async function freeze(pid: number): Promise<void> {
  process.kill(pid, "SIGSTOP");
  await waitFor(`process ${pid} to stop`, () => allThreadsStopped(pid), 10_000, 1);
}

/** SIGCONT to a process `freeze` stopped. */
export function thaw(pid: number): void {
  process.kill(pid, "SIGCONT");
}

/**
 * True while signal `signo` is pending for `pid` (sent, not yet delivered), from /proc/<pid>/status; false once
 * delivered or when the process is gone.
 */
export function signalPending(pid: number, signo: number): boolean {
  const status = readProc(pid, "status");
  if (status === undefined) return false;
  const bit = 1n << BigInt(signo - 1);
  return ["SigPnd", "ShdPnd"].some((field) => (BigInt(`0x${new RegExp(`^${field}:\\s*([0-9a-f]+)`, "m").exec(status)?.[1] ?? "0"}`) & bit) !== 0n);
}
