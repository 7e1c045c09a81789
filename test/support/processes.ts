/**
 * Process tools for crash tests: a run whose child can be killed mid-way, the FaceGroup handler processes that are
 * in flight for one stack folder (found in /proc, Linux only), and polling.
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

/** A handler process (`node …/handler.js <verb>`) running in a given folder. */
export interface HandlerProcess {
  readonly pid: number;
  readonly verb: string;
  /** group_id of its FACE_GROUP environment variable. */
  readonly groupId: string;
}

function readProc(pid: string, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "latin1");
  } catch {
    return undefined; // gone meanwhile, or not ours
  }
}

/**
 * The handler processes whose working directory is `stackDir` (Terraform runs local-exec in the stack folder, so
 * this picks exactly one stack's handlers, whoever their parent is now).
 */
export function handlerProcesses(stackDir: string): HandlerProcess[] {
  const found: HandlerProcess[] = [];
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    const argv = readProc(pid, "cmdline")?.split("\0") ?? [];
    const script = argv.findIndex((a) => a.endsWith("handler.js"));
    if (script < 0) continue;
    let cwd: string | undefined;
    try {
      cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      continue;
    }
    if (cwd !== fs.realpathSync(stackDir)) continue;
    const spec = (readProc(pid, "environ") ?? "").split("\0").find((e) => e.startsWith("FACE_GROUP="));
    let groupId = "?";
    try {
      groupId = JSON.parse(spec!.slice("FACE_GROUP=".length)).group_id;
    } catch {
      /* not readable: keep "?" */
    }
    found.push({ pid: Number(pid), verb: argv[script + 1] ?? "", groupId });
  }
  return found;
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
