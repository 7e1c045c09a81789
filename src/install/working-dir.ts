/**
 * Installing the provider into a plain Terraform working directory (hand-written HCL), as synth does for a stack
 * folder: the package in the directory's implied local mirror (`terraform.d/plugins/…`, found by `terraform init`
 * offline with no CLI configuration) and its entry in the directory's `.terraform.lock.hcl` (the `h1:` hash for
 * every platform, and the exact build, so `init` never picks an older build still in the mirror).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROVIDER_LOCAL_NAME, PROVIDER_SOURCE } from "../provider/address";
import { providerInstallationFile } from "./cli-config";
import { LOCK_FILE_NAME } from "./lock-file";
import { InstallResult, installProvider, mirrorRoot } from "./mirror";
import { POSIX_PLATFORMS, libraryVersion, platformOf, providerBundlePath, providerPackage } from "./provider-package";

/** A platform the provider cannot run on; the message says which ones it runs on and what to do. */
export class UnsupportedPlatformError extends Error {
  override name = "UnsupportedPlatformError";
}

/** A `--dir` that is not a directory. */
export class WorkingDirError extends Error {
  override name = "WorkingDirError";
}

/** Options of {@link installIntoWorkingDir}; all but `dir` exist for tests. */
export interface WorkingDirInstallOptions {
  /** The Terraform working directory (where `terraform init` runs). */
  readonly dir: string;
  /** @default process.platform */
  readonly platform?: NodeJS.Platform;
  /** @default process.arch */
  readonly arch?: string;
  /** The environment: CLI configuration variables, `TF_PLUGIN_CACHE_DIR`. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** The home folder (per-user CLI configuration). @default os.homedir() */
  readonly home?: string;
}

/** What {@link installIntoWorkingDir} did and what the user needs next. */
export interface WorkingDirInstall extends InstallResult {
  /** The absolute working directory. */
  readonly dir: string;
  /** The installed provider version. */
  readonly version: string;
  /** The version folder in the implied local mirror. */
  readonly versionDir: string;
  /** The `<os>_<arch>` folders the mirror holds. */
  readonly platforms: readonly string[];
  /** The lock file. */
  readonly lockFile: string;
  /** The `required_providers` block to put in the configuration. */
  readonly requiredProviders: string;
  /** A CLI configuration file whose `provider_installation` block turns the implied mirror off, if any. */
  readonly blockingCliConfig?: string;
}

/**
 * The version constraint to write: any build of this library's major.minor (`~> 0.1.0`). Not the exact version:
 * that changes with every build, so an exact pin would need an edit of the configuration on every upgrade, while
 * the lock entry this installer writes already selects the exact build.
 */
export function versionConstraint(npmVersion = libraryVersion()): string {
  const m = /^(\d+)\.(\d+)\./.exec(npmVersion);
  if (!m) throw new Error(`cannot derive a version constraint from the npm version '${npmVersion}'`);
  return `~> ${m[1]}.${m[2]}.0`;
}

/** The `terraform { required_providers { … } }` block for `constraint`. */
export function requiredProvidersBlock(constraint: string): string {
  return [
    "terraform {",
    "  required_providers {",
    `    ${PROVIDER_LOCAL_NAME} = {`,
    `      source  = "${PROVIDER_SOURCE}"`,
    `      version = "${constraint}"`,
    "    }",
    "  }",
    "}",
  ].join("\n");
}

/**
 * Refuses a platform the provider does not run on (before anything is written): its executable is a POSIX `sh`
 * launcher running Node.js, shipped and tested for Linux and macOS on amd64 and arm64.
 */
export function checkPlatform(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const name = platformOf(platform, arch);
  if ((POSIX_PLATFORMS as readonly string[]).includes(name)) return name;
  const why =
    platform === "win32"
      ? "a native Windows terraform cannot start it (its executable is a POSIX sh launcher): run terraform, and this command, from WSL, Linux or macOS"
      : "run terraform, and this command, on one of those";
  throw new UnsupportedPlatformError(
    `the tencentcloudiai provider runs on ${POSIX_PLATFORMS.join(", ")}; this is ${name} (${platform}/${arch}). Nothing was installed: ${why}.`,
  );
}

/** Installs the provider into the working directory `options.dir`, idempotently; see the module comment. */
export function installIntoWorkingDir(options: WorkingDirInstallOptions): WorkingDirInstall {
  const current = checkPlatform(options.platform, options.arch);
  const dir = path.resolve(options.dir);
  let isDir = false;
  try {
    isDir = fs.statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new WorkingDirError(`${dir} is not a directory: pass the Terraform working directory (the folder of your .tf files) with --dir, or run in it.`);

  const env = options.env ?? process.env;
  const pkg = providerPackage(providerBundlePath(env));
  const constraint = versionConstraint();
  const platforms = [...POSIX_PLATFORMS];
  const result = installProvider(dir, pkg, { platforms, currentPlatform: current, pluginCacheDir: env.TF_PLUGIN_CACHE_DIR, constraints: constraint });
  return {
    ...result,
    dir,
    version: pkg.version,
    versionDir: path.join(mirrorRoot(dir), pkg.version),
    platforms,
    lockFile: path.join(dir, LOCK_FILE_NAME),
    requiredProviders: requiredProvidersBlock(constraint),
    blockingCliConfig: providerInstallationFile(env, options.home ?? os.homedir()),
  };
}
