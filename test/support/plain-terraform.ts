/**
 * A folder where plain `terraform` runs our provider the way the README's HCL section has a user do it: the built
 * CLI's `face-groups provider install --dir`, then `terraform init` with an empty CLI configuration (Terraform's implied
 * local mirror is on) and nothing from this machine that would change the outcome (plugin cache, proxies).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT, RunResult, expectSuccess, run } from "./cdktf-project";
import { TERRAFORM_BINARY } from "./terraform-binary";

const CLI = path.join(REPO_ROOT, "lib", "cli", "main.js");
/** Variables of this machine that would change how Terraform or the provider reach anything. */
const MACHINE_VARIABLES = ["TF_PLUGIN_CACHE_DIR", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"];

/**
 * The environment of plain `terraform` in `dir` (its `.terraformrc` is created empty): `extra` on top of this
 * process's environment, without the machine's plugin cache and proxies, nor the variables in `drop`.
 */
export function plainTerraformEnv(dir: string, extra: NodeJS.ProcessEnv, drop: readonly string[] = []): NodeJS.ProcessEnv {
  const rc = path.join(dir, ".terraformrc");
  if (!fs.existsSync(rc)) fs.writeFileSync(rc, "");
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: rc, ...extra };
  for (const k of [...MACHINE_VARIABLES, ...drop]) if (!(k in extra)) delete env[k];
  return env;
}

/** Installs the built provider into `dir` with the CLI and runs `terraform init` there; throws with the output on failure. */
export async function installAndInit(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  expectSuccess(await run(process.execPath, [CLI, "provider", "install", "--dir", dir], { cwd: os.tmpdir(), env }));
  expectSuccess(await run(TERRAFORM_BINARY, ["init", "-input=false", "-no-color"], { cwd: dir, env }, 180_000));
}

/** `terraform <args> -no-color` in `dir`. */
export function terraformIn(dir: string, env: NodeJS.ProcessEnv, args: readonly string[], timeoutMs = 180_000): Promise<RunResult> {
  return run(TERRAFORM_BINARY, [...args, "-no-color"], { cwd: dir, env }, timeoutMs);
}
