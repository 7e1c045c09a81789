/**
 * The provider package this library ships: the launcher plus the bundled `provider.js`, and the version Terraform
 * knows it by. The version follows the content — `<major>.<minor>.<patch × 10¹² + 12 decimal digits of
 * sha256(launcher, bundle)>`, e.g. `0.1.482910373382` — because Terraform pins a version to one package hash: a
 * rebuilt bundle under an unchanged version fails `terraform init` ("does not match any of the checksums"). A new
 * bundle is a new version folder and a new lock entry, so an upgrade installs on the next init with no `-upgrade`.
 * It is a release version, not a pre-release (`-sha…`, as it once was): Terraform selects a pre-release only for an
 * exact pin, and a stack whose last FaceGroup was removed pins nothing while its state still needs the provider to
 * delete (or forget) the orphans — with a pre-release, that `init` failed ("does not match configured version
 * constraint"). A later npm patch still sorts above every build of an earlier one.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROVIDER_LOCAL_NAME } from "../provider/address";
import { PackageFile, hashFiles } from "./dirhash";
import { PROVIDER_JS, launcherScript } from "./launcher";

/** The package folder's platforms: the files are the same on each (sh + JavaScript), so is the hash. */
export const POSIX_PLATFORMS = ["linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64"] as const;

/**
 * The environment variable that points synthesis at another provider bundle (a locally built or test provider).
 * @default unset: the bundle shipped in this package (`lib/provider/bundle/provider.js`)
 */
export const PROVIDER_BUNDLE_ENV = "FACE_GROUPS_PROVIDER_BUNDLE";

/** Where the bundle is: beside the compiled library (`lib/install` → `lib/provider/bundle`), or `lib/` when run from `src/`. */
const BUNDLE_CANDIDATES = [
  path.join(__dirname, "..", "provider", "bundle", PROVIDER_JS),
  path.join(__dirname, "..", "..", "lib", "provider", "bundle", PROVIDER_JS),
];

/** One built provider package. */
export interface ProviderPackage {
  /** The exact Terraform version, e.g. `0.1.0-sha3f9a0b12d4e5`. */
  readonly version: string;
  /** The files of each `<os>_<arch>` folder. */
  readonly files: readonly PackageFile[];
  /** Terraform's `h1:` hash of those files (the same for every platform). */
  readonly hash: string;
}

/** The executable's file name Terraform looks for in a package folder. */
export function executableName(version: string): string {
  return `terraform-provider-${PROVIDER_LOCAL_NAME}_v${version}`;
}

/** The absolute path of the provider bundle on this machine; a clear error when it has not been built. */
export function providerBundlePath(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[PROVIDER_BUNDLE_ENV];
  if (override) {
    if (!fs.existsSync(override)) throw new Error(`FaceGroup: ${PROVIDER_BUNDLE_ENV} names ${override}, which does not exist.`);
    return path.resolve(override);
  }
  const found = BUNDLE_CANDIDATES.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(
      `FaceGroup: the provider bundle is missing (looked for ${BUNDLE_CANDIDATES.join(" and ")}). ` +
        "Run `npm run build` in cdktf-tencentcloud-face-groups (it bundles src/provider with esbuild).",
    );
  }
  return found;
}

let packageJsonVersion: string | undefined;

/** This library's npm version (read once), without build metadata (`+…`), which Terraform versions ignore. */
export function libraryVersion(): string {
  if (packageJsonVersion === undefined) {
    const file = path.join(__dirname, "..", "..", "package.json"); // same depth from src/install and lib/install
    packageJsonVersion = String(JSON.parse(fs.readFileSync(file, "utf8")).version).replace(/\+.*$/, "");
  }
  return packageJsonVersion;
}

/** The Terraform version of a package built from `npmVersion` with content hash `contentHash` (hex). */
export function providerVersion(npmVersion: string, contentHash: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(npmVersion);
  if (!m) throw new Error(`FaceGroup: cannot derive a provider version from the npm version '${npmVersion}'`);
  const digits = 10n ** 12n;
  const patch = BigInt(m[3]) * digits + (BigInt(`0x${contentHash.slice(0, 16)}`) % digits);
  return `${m[1]}.${m[2]}.${patch}`;
}

const cache = new Map<string, ProviderPackage>();

/** The package built from the bundle at `bundlePath` (cached while the file's size and mtime stay the same). */
export function providerPackage(bundlePath: string, npmVersion = libraryVersion()): ProviderPackage {
  const stat = fs.statSync(bundlePath);
  const key = `${bundlePath}\0${stat.size}\0${stat.mtimeMs}\0${npmVersion}`;
  let pkg = cache.get(key);
  if (!pkg) {
    const launcher = launcherScript();
    const bundle = fs.readFileSync(bundlePath);
    const contentHash = createHash("sha256").update(launcher).update("\0").update(bundle).digest("hex");
    const version = providerVersion(npmVersion, contentHash);
    const files: PackageFile[] = [
      { name: executableName(version), content: launcher, executable: true },
      { name: PROVIDER_JS, content: bundle },
    ];
    pkg = { version, files, hash: hashFiles(files) };
    cache.set(key, pkg);
  }
  return pkg;
}

/** Terraform's `<os>_<arch>` name of a Node.js platform and architecture (`linux`, `x64` → `linux_amd64`). */
export function platformOf(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const goArch: Record<string, string> = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" };
  return `${platform === "win32" ? "windows" : platform}_${goArch[arch] ?? arch}`;
}

/**
 * The `<os>_<arch>` folders to write: the four POSIX platforms (so a stack folder synthesized on one machine — or a
 * saved plan in it — also works on the other), plus this machine's if it is another POSIX one.
 */
export function packagePlatforms(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string[] {
  const current = platformOf(platform, arch);
  const all: string[] = [...POSIX_PLATFORMS];
  if (platform !== "win32" && !all.includes(current)) all.push(current);
  return all;
}
