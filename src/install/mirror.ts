/**
 * Places the provider package where `terraform init` finds it with no network and no CLI configuration: the
 * implied local mirror `<stack folder>/terraform.d/plugins/<host>/<namespace>/<type>/<version>/<os>_<arch>/`, and
 * keeps the stack's lock file and the shared plugin cache consistent with it. All paths written are inside the
 * stack folder (or the plugin cache); nothing in cdk.tf.json refers to them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PROVIDER_HOST, PROVIDER_LOCAL_NAME, PROVIDER_NAMESPACE, PROVIDER_SOURCE } from "../provider/address";
import { PackageFile, hashFolder } from "./dirhash";
import { LOCK_FILE_NAME, mergeLockFile } from "./lock-file";
import { ProviderPackage, packagePlatforms, platformOf } from "./provider-package";

/** Old version folders unused (not re-synthesized) for this long are removed. */
export const PRUNE_AFTER_MS = 14 * 24 * 3600 * 1000;

/** Options of {@link installProvider}. */
export interface InstallOptions {
  /**
   * Terraform's plugin cache folder. cdktf sets `TF_PLUGIN_CACHE_DIR` (to `~/.terraform.d/plugin-cache`) for the
   * app it runs; see {@link pinPluginCache} for why the entry is written there too.
   * @default process.env.TF_PLUGIN_CACHE_DIR (none when unset)
   */
  readonly pluginCacheDir?: string;
  /** The `<os>_<arch>` folders to write. @default packagePlatforms() */
  readonly platforms?: readonly string[];
  /** This machine's `<os>_<arch>` (the plugin cache entry). @default from process.platform and process.arch */
  readonly currentPlatform?: string;
  /** "Now", for pruning. @default Date.now() */
  readonly now?: number;
  /**
   * The `constraints` line of the lock entry: what `required_providers` says. @default the exact version (what
   * the construct pins)
   */
  readonly constraints?: string;
}

/** What {@link installProvider} changed; nothing at all when the folder already held this package. */
export interface InstallResult {
  /** The `<os>_<arch>` package folders that were (re)written. */
  readonly packagesWritten: readonly string[];
  /** Whether the lock file was created or changed. */
  readonly lockWritten: boolean;
}

/** The folder holding our provider's version folders in a stack folder's implied local mirror. */
export function mirrorRoot(stackDir: string): string {
  return path.join(stackDir, "terraform.d", "plugins", PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_LOCAL_NAME);
}

/** The same folder structure inside Terraform's plugin cache. */
function cacheRoot(cacheDir: string): string {
  return path.join(cacheDir, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_LOCAL_NAME);
}

/** True when `dir` is a real folder (not a symlink) holding exactly `pkg`'s files, the executable executable. */
function holdsPackage(dir: string, pkg: ProviderPackage): boolean {
  try {
    if (!fs.lstatSync(dir).isDirectory()) return false;
    const exe = pkg.files.find((f) => f.executable);
    if (exe && (fs.statSync(path.join(dir, exe.name)).mode & 0o111) === 0) return false;
    return hashFolder(dir) === pkg.hash;
  } catch {
    return false;
  }
}

/** Writes `files` as the folder `dir`, replacing what is there (a symlink included) by renaming a complete copy. */
function writeFolder(dir: string, files: readonly PackageFile[]): void {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(tmp);
  for (const f of files) fs.writeFileSync(path.join(tmp, f.name), f.content, { mode: f.executable ? 0o755 : 0o644 });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
}

/** Ensures `dir` holds `pkg`; true when it had to be written. */
function ensurePackage(dir: string, pkg: ProviderPackage): boolean {
  if (holdsPackage(dir, pkg)) return false;
  writeFolder(dir, pkg.files);
  return true;
}

/**
 * Removes version folders other than `keep` not re-synthesized for {@link PRUNE_AFTER_MS}. Not at once: a plan
 * saved before an upgrade (`terraform plan -out`) still needs its version's folder when applied in this folder.
 */
function pruneOldVersions(root: string, keep: string, now: number): void {
  for (const version of fs.readdirSync(root)) {
    if (version === keep) continue;
    const dir = path.join(root, version);
    if (now - fs.statSync(dir).mtimeMs > PRUNE_AFTER_MS) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Makes the plugin cache's entry for this version a real folder holding the package. Left to Terraform, the entry
 * is a symlink into whichever project installed the version first; once that project's cdktf.out is deleted,
 * every other project whose `.terraform/providers` links through the cache breaks until its next `init`
 * (plain `terraform plan` / `apply plan.out`: "there is no package … cached in .terraform/providers"). With the
 * lock entry present, Terraform uses a matching real cache folder as it is. Best effort: a cache we cannot write
 * leaves Terraform's own behaviour.
 */
export function pinPluginCache(cacheDir: string, pkg: ProviderPackage, platform: string): void {
  try {
    ensurePackage(path.join(cacheRoot(cacheDir), pkg.version, platform), pkg);
  } catch {
    // A read-only or foreign cache: Terraform still installs, as a symlink.
  }
}

/**
 * Writes (or keeps) the package in the stack's local mirror, prunes old versions, pins the cache, merges the lock.
 * Idempotent: a second call with the same package writes nothing (but the version folder's "last used" time).
 */
export function installProvider(stackDir: string, pkg: ProviderPackage, options: InstallOptions = {}): InstallResult {
  const now = options.now ?? Date.now();
  const root = mirrorRoot(stackDir);
  const versionDir = path.join(root, pkg.version);
  const platforms = options.platforms ?? packagePlatforms();
  const packagesWritten = platforms.filter((platform) => ensurePackage(path.join(versionDir, platform), pkg));
  const stamp = new Date(now);
  fs.utimesSync(versionDir, stamp, stamp); // "last synthesized", for pruning
  pruneOldVersions(root, pkg.version, now);

  const cacheDir = "pluginCacheDir" in options ? options.pluginCacheDir : process.env.TF_PLUGIN_CACHE_DIR;
  const current = options.currentPlatform ?? platformOf();
  if (cacheDir && platforms.includes(current)) pinPluginCache(cacheDir, pkg, current);

  const lockPath = path.join(stackDir, LOCK_FILE_NAME);
  const existing = fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : undefined;
  const constraints = options.constraints ?? pkg.version;
  const merged = mergeLockFile(existing, { source: PROVIDER_SOURCE, version: pkg.version, constraints, hashes: [pkg.hash] });
  if (merged !== existing) fs.writeFileSync(lockPath, merged);
  return { packagesWritten, lockWritten: merged !== existing };
}
