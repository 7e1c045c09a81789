/**
 * `face-groups provider install [--dir DIR]`: puts the tencentcloudiai provider into a plain Terraform working
 * directory (hand-written HCL) where `terraform init` finds it offline, and prints what the configuration (and, when
 * a CLI configuration turns local mirrors off, that configuration) needs.
 */
import * as path from "node:path";
import { Command } from "commander";
import { filesystemMirrorAdvice } from "../install/cli-config";
import { WorkingDirInstall, WorkingDirInstallOptions, installIntoWorkingDir } from "../install/working-dir";

/** What the command prints: the outcome, the `required_providers` block, the next step, and any CLI config advice. */
export function installReport(r: WorkingDirInstall): string {
  const relative = (p: string) => path.relative(r.dir, p) || ".";
  const changed = r.packagesWritten.length > 0 || r.lockWritten;
  const lines = [
    changed
      ? `Installed the tencentcloudiai provider v${r.version} in ${r.dir}:`
      : `The tencentcloudiai provider v${r.version} is already installed in ${r.dir} (up to date, nothing changed):`,
    `  ${relative(r.versionDir)}/{${r.platforms.join(",")}}/`,
    `  ${relative(r.lockFile)} (its entry${r.lockWritten ? " written" : ""}: this exact build, one hash for every platform)`,
    "",
    "Declare it in your configuration:",
    "",
    r.requiredProviders,
    "",
    `Then run \`terraform init\` in ${r.dir} (no network needed).`,
  ];
  if (r.blockingCliConfig) {
    lines.push(
      "",
      `Your Terraform CLI configuration ${r.blockingCliConfig} has a provider_installation block, which turns off the`,
      "implied local mirror (terraform.d/plugins) that holds this provider: `terraform init` will not find it. Add to",
      "that provider_installation block:",
      filesystemMirrorAdvice(),
    );
  }
  return lines.join("\n") + "\n";
}

/** Test seams of {@link addProviderCommand}. */
export type ProviderCommandDeps = Pick<WorkingDirInstallOptions, "platform" | "arch" | "env" | "home"> & {
  /** Where the report goes. @default process.stdout */
  readonly write?: (text: string) => void;
};

/** Adds the `provider` command (with its `install` subcommand) to `program`. */
export function addProviderCommand(program: Command, deps: ProviderCommandDeps = {}): Command {
  const provider = program.command("provider").description("the tencentcloudiai Terraform provider, for plain Terraform (HCL) projects");
  provider
    .command("install")
    .description("install the provider into a Terraform working directory's local mirror (offline) and lock file; prints the required_providers block")
    .option("--dir <dir>", "the Terraform working directory", ".")
    .action((flags: { dir: string }) => {
      const { write = (t: string) => void process.stdout.write(t), ...options } = deps;
      write(installReport(installIntoWorkingDir({ ...options, dir: flags.dir })));
    });
  return provider;
}
