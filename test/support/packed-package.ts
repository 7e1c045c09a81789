/**
 * The package as users get it: `npm pack` of this repository (once per Jest worker), installed by the real `npm`
 * into an app folder, and the checks every such install must pass (no resolution error, no install-script warning
 * naming the package, a clean `npm ls`).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { requireBuiltBundle } from "./built-bundle";
import { REPO_ROOT, run, RunResult } from "./cdktf-project";
import { npmEnv } from "./npm-env";

/** The package's name, from package.json. */
export const PACKAGE_NAME: string = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).name;

/** A devDependency's exact version in this repository's package.json (the CDK versions the tests' CLIs are). */
export function devDependencyVersion(name: string): string {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).devDependencies[name];
}

let tarball: string | undefined;

/** The `npm pack` tarball of this repository (built first: throws naming `npm run build` otherwise), made once per process. */
export function packedTarball(): string {
  if (tarball) return tarball;
  requireBuiltBundle();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-pack-"));
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: REPO_ROOT, encoding: "utf8", env: npmEnv() }).trim().split("\n").pop()!;
  tarball = path.join(dir, name);
  return tarball;
}

/** The files in the tarball, as `tar tzf` lists them (`package/…`). */
export function tarballFiles(file: string): string[] {
  return execFileSync("tar", ["tzf", file], { encoding: "utf8" }).trim().split("\n");
}

/** Runs `npm <args>` in `cwd` (no audit, no funding notice), with {@link npmEnv}. */
export function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return run("npm", [...args, "--no-audit", "--no-fund"], { cwd, env: npmEnv(env) });
}

/**
 * Throws with the output unless an npm install exited 0 with no `npm error ERESOLVE` and no `npm warn`/`npm error`
 * line naming the package (a warning that npm prints about other packages, e.g. `cdktf init`'s own template
 * dependencies, is not ours to judge).
 */
export function expectCleanInstall(result: RunResult, what = "npm install"): void {
  const ours = result.output.split("\n").filter((l) => /^\s*npm (warn|error)/i.test(l) && l.includes(PACKAGE_NAME));
  if (result.code !== 0 || /npm error (code )?ERESOLVE/i.test(result.output) || ours.length > 0) {
    throw new Error(`${what} (exit ${result.code}) was not clean${ours.length ? `; about ${PACKAGE_NAME}:\n${ours.join("\n")}` : ""}\n${result.output.slice(-6000)}`);
  }
}

/** Throws with its output unless `npm ls` (the whole tree) reports no problem in `dir`. */
export async function expectNpmLsClean(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const ls = await run("npm", ["ls", "--all"], { cwd: dir, env: npmEnv(env) });
  if (ls.code !== 0 || /UNMET (PEER )?DEPENDENCY|\binvalid\b|\bextraneous\b/.test(ls.output)) throw new Error(`npm ls in ${dir} found problems (exit ${ls.code}):\n${ls.output.slice(-6000)}`);
}
