/**
 * The one Terraform every test runs. Found as the prerequisite check (`checkTerraform`) and cdktf find it:
 * `TERRAFORM_BINARY_NAME` when set, else `terraform` on `PATH`; resolved to an absolute path once, so a test that
 * changes `PATH` (a wrapper, the project's `node` first) still runs the same binary, and cdktf is handed the same one
 * through `TERRAFORM_BINARY_NAME` (see {@link terraformBinaryEnv}). A run against another Terraform is one variable away:
 * `TERRAFORM_BINARY_NAME=/opt/tf-1.9/terraform npm test`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The absolute path of `name` (as given when it holds a slash, else the first executable on `PATH`). */
function resolveExecutable(name: string, searchPath = process.env.PATH ?? ""): string {
  // Hand-written: this is the shell's lookup in five lines; `which` is not a dependency of this project.
  if (name.includes("/")) return path.resolve(name);
  for (const dir of searchPath.split(path.delimiter).filter((d) => d !== "")) {
    const candidate = path.resolve(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here: next PATH entry
    }
  }
  throw new Error(
    `Terraform (${name}) was not found on PATH (${searchPath}). Install Terraform >= 1.5 or set TERRAFORM_BINARY_NAME to its path; the tests run exactly that binary.`,
  );
}

/** The absolute path of the Terraform binary every test runs (TERRAFORM_BINARY_NAME, else `terraform` on PATH). */
export const TERRAFORM_BINARY: string = resolveExecutable(process.env.TERRAFORM_BINARY_NAME || "terraform");

/** What `terraform version -json` says about {@link TERRAFORM_BINARY}. */
export interface TerraformInfo {
  /** e.g. `1.11.4` */
  readonly version: string;
  /** Terraform's `<os>_<arch>`, e.g. `linux_amd64`: the folder name of a provider package for this machine. */
  readonly platform: string;
}

let info: TerraformInfo | undefined;

/** The version and platform of {@link TERRAFORM_BINARY}, asked of the binary itself (once per test file). */
export function terraformInfo(): TerraformInfo {
  if (info) return info;
  const out = JSON.parse(execFileSync(TERRAFORM_BINARY, ["version", "-json"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } }));
  info = { version: String(out.terraform_version), platform: String(out.platform) };
  return info;
}

/** Environment for a CLI that finds Terraform itself (cdktf, cdktn, `checkTerraform`): the same binary. */
export function terraformBinaryEnv(binary = TERRAFORM_BINARY): { TERRAFORM_BINARY_NAME: string } {
  return { TERRAFORM_BINARY_NAME: binary };
}

/**
 * For a script that runs plain `terraform` from PATH (a README recipe): makes `dir` hold a `terraform` link to
 * {@link TERRAFORM_BINARY} and returns `env` with `dir` first on its PATH.
 */
export function withTerraformFirstOnPath(dir: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  fs.mkdirSync(dir, { recursive: true });
  const link = path.join(dir, "terraform");
  if (!fs.existsSync(link)) fs.symlinkSync(TERRAFORM_BINARY, link);
  return { ...env, PATH: `${dir}${path.delimiter}${env.PATH ?? ""}` };
}
