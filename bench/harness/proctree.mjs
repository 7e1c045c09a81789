/**
 * The processes below one we started, read from /proc (Linux only, like the rest of the benchmark), and a sampler
 * of their memory. Used to find the provider processes Terraform launches during a measured command: we start
 * `terraform`, so everything below its PID is ours to look at — no process is ever looked up (or killed) by name
 * machine-wide, where other engineers' tests run providers of their own.
 */
import * as fs from "node:fs";

/** Reads /proc/<pid>/<file>, or undefined when the process is gone (a normal race while sampling). */
function readProc(pid, file) {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "latin1");
  } catch {
    return undefined;
  }
}

/**
 * Parent PID of every process now, from /proc/<pid>/stat. The command name (field 2) is in parentheses and may
 * itself contain spaces or parentheses, so the fields are read after the LAST ")".
 * @returns {Map<number, number>} pid → ppid
 */
function parents() {
  const map = new Map();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProc(name, "stat");
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    map.set(Number(name), Number(fields[1])); // fields[0] = state, fields[1] = ppid
  }
  return map;
}

/**
 * All live descendants of `root` (children, grandchildren, …), e.g. a provider started through a shell launcher.
 * @param {number} root
 * @returns {number[]}
 */
export function descendants(root) {
  const children = new Map();
  for (const [pid, ppid] of parents()) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const out = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length) {
    const pid = queue.shift();
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/**
 * Memory of one process, in kB: VmHWM (the kernel's own peak of resident memory, so a sample taken any time before
 * exit already holds the peak reached so far) and VmRSS (now).
 * @param {number} pid
 * @returns {{hwmKb: number, rssKb: number}|undefined}
 */
export function memory(pid) {
  const s = readProc(pid, "status");
  if (!s) return undefined;
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, "m").exec(s)?.[1] ?? NaN);
  const hwmKb = kb("VmHWM");
  return Number.isFinite(hwmKb) ? { hwmKb, rssKb: kb("VmRSS") } : undefined;
}

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the benchmark runs on

/**
 * CPU time a process has used so far (user + system), in seconds, from /proc/<pid>/stat fields 14 and 15.
 * @param {number} pid
 * @returns {number|undefined}
 */
export function cpuSeconds(pid) {
  const stat = readProc(pid, "stat");
  if (!stat) return undefined;
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND; // f[0] is field 3 (state), so field 14 is f[11]
}

/** argv of a process (NUL-separated in /proc), or []. */
export function argvOf(pid) {
  return (readProc(pid, "cmdline") ?? "").split("\0").filter(Boolean);
}

/** The executable a process runs (e.g. the node binary behind a `#!/usr/bin/env node` launcher), or undefined. */
export function exeOf(pid) {
  try {
    return fs.readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return undefined;
  }
}

/**
 * Samples, every `everyMs`, the memory of the descendants of a root PID that `match` picks (by their argv), and
 * keeps for each one its peak. Started right after spawn (proc.run's onSpawn), stopped after the root exits.
 */
export class TreeSampler {
  /**
   * @param {number} rootPid a process this benchmark started
   * @param {(argv: string[]) => boolean} match which descendants to sample
   * @param {number} [everyMs]
   */
  constructor(rootPid, match, everyMs = 100) {
    this.rootPid = rootPid;
    this.match = match;
    /** @type {Map<number, {pid: number, argv: string[], exe?: string, hwmKb: number, rssKb: number, samples: number}>} */
    this.seen = new Map();
    this.samples = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  /** One pass over the tree. A process seen once is read again by PID directly (cheaper than a full /proc scan). */
  sample() {
    this.samples++;
    for (const pid of descendants(this.rootPid)) {
      let p = this.seen.get(pid);
      if (!p) {
        const argv = argvOf(pid);
        // A process seen before exec (a fork of terraform, a shell about to exec node) gets its argv re-read on the
        // next pass, so it is not judged by its pre-exec argv.
        if (!argv.length || !this.match(argv)) continue;
        p = { pid, argv, exe: exeOf(pid), hwmKb: 0, rssKb: 0, cpuSec: 0, samples: 0 };
        this.seen.set(pid, p);
      }
      const m = memory(pid);
      if (!m) continue;
      p.hwmKb = Math.max(p.hwmKb, m.hwmKb);
      p.rssKb = m.rssKb;
      p.cpuSec = cpuSeconds(pid) ?? p.cpuSec;
      p.samples++;
    }
    // The root's own CPU time (terraform: graph walks, state writes), to tell where an apply's time goes.
    this.rootCpuSec = cpuSeconds(this.rootPid) ?? this.rootCpuSec;
  }

  /**
   * Stops sampling.
   * @returns {{processes: object[], peakKb: number, samples: number, rootCpuSec: number}} every matched process,
   *   the highest peak, and the root's CPU time (as last sampled: up to one interval short)
   */
  stop() {
    clearInterval(this.timer);
    const processes = [...this.seen.values()];
    return { processes, peakKb: Math.max(0, ...processes.map((p) => p.hwmKb)), samples: this.samples, rootCpuSec: this.rootCpuSec ?? 0 };
  }
}
