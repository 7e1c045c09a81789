/**
 * Terraform's CLI configuration, as far as placing the provider goes: a `provider_installation` block turns the
 * implied local mirrors off (Terraform's "Implied Local Mirror Directories"), so `init` would not find the provider
 * the construct placed in the stack folder. Detected at synth with a cheap textual check, and answered with what to
 * add to that block.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROVIDER_HOST } from "../provider/address";

/**
 * The CLI configuration files Terraform reads: `TF_CLI_CONFIG_FILE` (or the older `TERRAFORM_CONFIG`) alone when
 * set; else the per-user file (`~/.terraformrc`; `%APPDATA%/terraform.rc` on Windows) plus the `*.tfrc` files of
 * the per-user configuration folder (`~/.terraform.d`) — checked with terraform 1.11.4: those are ignored when
 * `TF_CLI_CONFIG_FILE` is set.
 */
export function cliConfigFiles(env: NodeJS.ProcessEnv = process.env, home = os.homedir(), platform = process.platform): string[] {
  const explicit = env.TF_CLI_CONFIG_FILE || env.TERRAFORM_CONFIG;
  if (explicit) return [explicit];
  const appData = platform === "win32" ? env.APPDATA : undefined;
  const base = appData ?? home;
  const dir = path.join(base, appData ? "terraform.d" : ".terraform.d");
  let extra: string[] = [];
  try {
    extra = fs.readdirSync(dir).filter((f) => f.endsWith(".tfrc")).sort().map((f) => path.join(dir, f));
  } catch {
    // no configuration folder
  }
  return [path.join(base, appData ? "terraform.rc" : ".terraformrc"), ...extra];
}

/** True when HCL `text` has a `provider_installation` block (comments ignored). */
export function hasProviderInstallation(text: string): boolean {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(#|\/\/).*$/gm, "");
  return /^\s*provider_installation\s*\{/m.test(code);
}

/** The first CLI configuration file with a `provider_installation` block, or undefined. */
export function providerInstallationFile(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string | undefined {
  return cliConfigFiles(env, home).find((file) => {
    try {
      return hasProviderInstallation(fs.readFileSync(file, "utf8"));
    } catch {
      return false;
    }
  });
}

/**
 * What to add to a `provider_installation` block so Terraform finds the provider in a working directory's
 * `terraform.d/plugins`: a `filesystem_mirror` for our host (relative path: each working directory's own folder,
 * as Terraform resolves it against the directory it runs in), and the matching `exclude` for the other methods.
 */
export function filesystemMirrorAdvice(): string {
  const include = `"${PROVIDER_HOST}/*/*"`;
  return [
    `  filesystem_mirror {\n    path    = "terraform.d/plugins"\n    include = [${include}]\n  }`,
    `and add  exclude = [${include}]  to its direct {} (or network_mirror {}) block.`,
  ].join("\n");
}

/**
 * The warning for a CLI configuration `file` with a `provider_installation` block: the lines to add to it. The
 * mirror path is relative, so it names each stack's own folder (Terraform runs in `cdktf.out/stacks/<stack>`).
 */
export function providerInstallationWarning(file: string): string {
  return [
    `FaceGroup: the Terraform CLI configuration ${file} has a provider_installation block, which turns off the`,
    "local mirror where this stack's tencentcloudiai provider is placed (terraform.d/plugins in the stack folder):",
    "`terraform init` will not find it. Add to that provider_installation block:",
    filesystemMirrorAdvice(),
  ].join("\n");
}
