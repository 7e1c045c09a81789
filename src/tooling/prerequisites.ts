/**
 * Checks for the tools a deploy needs (Node ≥ 20, Terraform ≥ 1.5), with errors that name the missing tool,
 * why it is needed and how to get it. Used by `npm start`, the end-to-end tests and the benchmark.
 */
import { execFileSync } from "node:child_process";

/** Minimum versions the project supports. */
export const MINIMUM_VERSIONS = { node: [20, 3, 0], terraform: [1, 5, 0] } as const;

/** A tool that is missing or too old, with the message to show. */
export class PrerequisiteError extends Error {
  /** @param tool the tool's name, e.g. `terraform` */
  constructor(readonly tool: string, message: string) {
    super(message);
    this.name = "PrerequisiteError";
  }
}

function parseVersion(text: string): number[] {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [];
}

function atLeast(actual: number[], wanted: readonly number[]): boolean {
  for (let i = 0; i < wanted.length; i++) {
    if ((actual[i] ?? 0) !== wanted[i]) return (actual[i] ?? 0) > wanted[i];
  }
  return true;
}

/** Throws a PrerequisiteError unless this Node.js is at least 20.3 (`AbortSignal.any`). */
export function checkNode(version = process.versions.node): void {
  if (!atLeast(parseVersion(version), MINIMUM_VERSIONS.node)) {
    throw new PrerequisiteError("node", `Node.js ${version} is too old: cdktf-tencentcloud-face-groups needs Node.js >= 20.3. Install Node.js 20.3 or later (https://nodejs.org) and run again.`);
  }
}

/**
 * Returns the Terraform version found on PATH (or at `TERRAFORM_BINARY_NAME`, which cdktf also honours);
 * throws a PrerequisiteError naming Terraform when it is absent or older than 1.5.
 */
export function checkTerraform(binary = process.env.TERRAFORM_BINARY_NAME || "terraform"): string {
  let out: string;
  try {
    out = execFileSync(binary, ["version", "-json"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === "ENOENT" ? "was not found on PATH" : `could not be run (${(e as Error).message.split("\n")[0]})`;
    throw new PrerequisiteError("terraform", `Terraform ${why}: cdktf deploys through the terraform CLI, version >= 1.5. Install it (https://developer.hashicorp.com/terraform/install) or set TERRAFORM_BINARY_NAME to its path, then run again.`);
  }
  let version = "";
  try {
    version = String(JSON.parse(out).terraform_version ?? "");
  } catch {
    version = out;
  }
  if (!atLeast(parseVersion(version), MINIMUM_VERSIONS.terraform)) {
    throw new PrerequisiteError("terraform", `Terraform ${version || "(unknown version)"} is too old: this project needs Terraform >= 1.5 (plugin protocol 6 with import blocks). Upgrade it and run again.`);
  }
  return parseVersion(version).join(".");
}

/** Checks every prerequisite of a deploy; returns the versions found. */
export function checkPrerequisites(): { node: string; terraform: string } {
  checkNode();
  return { node: process.versions.node, terraform: checkTerraform() };
}
