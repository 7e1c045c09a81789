/**
 * Child processes, timed from spawn to exit. Output goes to a log file (never through a pipe into this process,
 * whose event loop also serves the emulator: a terraform apply of 1,000 groups prints megabytes).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";

/**
 * The environment of every measured process: this one's, minus proxies (all traffic is to 127.0.0.1) and any
 * Tencent Cloud variable the caller does not set explicitly, plus Terraform's quiet, offline switches.
 * @param {string} tfConfigFile an empty Terraform CLI config file
 * @param {Record<string,string>} [extra] variables to add
 * @returns {Record<string,string>}
 */
export function benchEnv(tfConfigFile, extra = {}) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(https?|all|no)_proxy$/i.test(k) || k.startsWith("TENCENTCLOUD_") || k.startsWith("TF_")) delete env[k];
  }
  return { ...env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: tfConfigFile, ...extra };
}

/**
 * Runs a command and resolves when it exits (never rejects on a non-zero exit: the caller decides).
 * @param {string} cmd executable
 * @param {string[]} args arguments
 * @param {{cwd?: string, env?: Record<string,string>, log?: string, onSpawn?: (child: import("node:child_process").ChildProcess) => void}} [opts]
 *   `log`: file that receives stdout+stderr (appended); `onSpawn`: called with the child right after spawn (e.g. to
 *   watch its process tree in /proc while it runs)
 * @returns {Promise<{code: number|null, signal: string|null, ms: number}>}
 */
export function run(cmd, args, opts = {}) {
  const fd = opts.log ? fs.openSync(opts.log, "a") : "ignore";
  if (opts.log) fs.writeSync(fd, `\n$ ${[cmd, ...args].join(" ")}\n`);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", fd, fd] });
    opts.onSpawn?.(child);
    child.once("error", (e) => {
      if (typeof fd === "number") fs.closeSync(fd);
      reject(e);
    });
    child.once("exit", (code, signal) => {
      const ms = performance.now() - t0;
      if (typeof fd === "number") fs.closeSync(fd);
      resolve({ code, signal, ms });
    });
  });
}

/**
 * Runs a command and returns its stdout (for version strings); undefined when it cannot run.
 * @param {string} cmd executable
 * @param {string[]} args arguments
 * @returns {Promise<string|undefined>}
 */
export function capture(cmd, args) {
  return new Promise((resolve) => {
    let out = "";
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "ignore"] });
    child.stdout.on("data", (d) => (out += d));
    child.once("error", () => resolve(undefined));
    child.once("close", (code) => resolve(code === 0 ? out : undefined));
  });
}

/**
 * The last `lines` lines of a log file, to show why a measured run failed.
 * @param {string} file log file
 * @param {number} [lines]
 * @returns {string}
 */
export function tail(file, lines = 15) {
  try {
    return fs.readFileSync(file, "utf8").replace(/\u001b\[[0-9;]*[A-Za-z]/g, "").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
