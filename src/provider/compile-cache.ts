/**
 * Runs a CommonJS bundle embedded as a string (the provider's code, see scripts/bundle-provider.mjs), with a V8 code
 * cache on disk.
 *
 * Why: Terraform starts the provider process for every command, and compiling its code is most of the start-up beyond
 * `node -e 0`. Node 20 has no built-in compile cache for this (module.enableCompileCache is Node 22), so the first
 * process of a machine compiles and leaves the cache at exit; the following ones deserialize it. The cache is keyed
 * by the bundle's hash, Node's version and the CPU architecture, written atomically (temp file + rename), kept in a
 * directory only the current user can write (planted bytecode would run as that user), and any problem with it just
 * means compiling normally: it is an optimisation, never a requirement.
 *
 * V8 rejects a cache made under other V8 flags (the launcher passes --max-semi-space-size; NODE_OPTIONS may add
 * more), so the flags are part of the key: a process started otherwise keeps its own cache instead of rewriting the launcher's at
 * every exit.
 *
 * The cache holds what the first process compiled (Terraform's first process of a command only serves the schema).
 * Rewriting it from a process that also ran the API path was measured and dropped: that cache is 1.5 MB instead of
 * 0.28 MB, its deserialization added ~18 ms to every start, and a one-group plan got no measurably faster.
 *
 * Every library upgrade brings a new bundle and so a new cache file. A cache in use is touched once a day; whenever a
 * cache is written, the provider's caches untouched for {@link PRUNE_AFTER_DAYS} days are removed (another stack may
 * still pin an older library: it just writes its cache again).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import { createHash } from "node:crypto";

/** The module object handed to the embedded bundle. */
interface ModuleShim {
  exports: unknown;
}

/** Where the caches live: FACE_GROUP_CACHE_DIR, or a per-user folder in the temp directory. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  return env.FACE_GROUP_CACHE_DIR || path.join(os.tmpdir(), `face-groups-v8-cache-${uid}`);
}

/** True when `dir` exists (or was just created) as a directory owned by this user and writable by no one else. */
function privateDirectory(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.statSync(dir);
    const ownedByMe = typeof process.getuid !== "function" || st.uid === process.getuid();
    return st.isDirectory() && ownedByMe && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** Caches of this provider not used for this many days are removed when a cache is written. */
export const PRUNE_AFTER_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

function readCache(file: string): Buffer | undefined {
  try {
    const bytes = fs.readFileSync(file);
    // Marks the cache as in use (once a day: one stat per start otherwise), so pruning keeps it.
    const now = Date.now();
    if (now - fs.statSync(file).mtimeMs > DAY_MS) fs.utimesSync(file, now / 1000, now / 1000);
    return bytes;
  } catch {
    return undefined;
  }
}

function writeCache(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
  pruneStaleCaches(path.dirname(file), path.basename(file));
}

/** Removes this provider's cache files (and leftover temp files) in `dir` untouched for PRUNE_AFTER_DAYS, except `keep`. */
function pruneStaleCaches(dir: string, keep: string): void {
  const before = Date.now() - PRUNE_AFTER_DAYS * DAY_MS;
  try {
    for (const f of fs.readdirSync(dir)) {
      if (f === keep || !/^tencentcloudiai-provider-.*\.v8cache(\.\d+\.tmp)?$/.test(f)) continue;
      const p = path.join(dir, f);
      if (fs.statSync(p).mtimeMs < before) fs.rmSync(p, { force: true });
    }
  } catch {
    // pruning is housekeeping: a race with another process or a permission problem just leaves the file
  }
}

/** The part of the cache's name that tells Node's flags apart ("" without any): V8 accepts only a cache made under the same flags. */
function flagsKey(env: NodeJS.ProcessEnv): string {
  const flags = [...process.execArgv, env.NODE_OPTIONS ?? ""].join("\0");
  return flags === "" ? "" : `-${createHash("sha256").update(flags).digest("hex").slice(0, 8)}`;
}

/**
 * Evaluates `source` (a CommonJS bundle) as a module and returns its exports, using and refreshing the code cache.
 * @param source the bundle's code
 * @param name a file-name-safe name of the bundle, including its content hash
 * @param requireFn the `require` the bundle's own `require` calls go to
 */
export function loadEmbeddedModule(source: string, name: string, requireFn: NodeRequire, env: NodeJS.ProcessEnv = process.env): unknown {
  const dir = cacheDirectory(env);
  const file = path.join(dir, `${name}-${process.version}-${process.arch}${flagsKey(env)}.v8cache`);
  // Read and write only a private folder: a cache others could have written is never trusted.
  const usable = env.FACE_GROUP_CACHE_DIR !== "off" && privateDirectory(dir);
  const cached = usable ? readCache(file) : undefined;
  const script = new vm.Script(`(function (module, exports, require) {${source}\n})`, { filename: `${name}.js`, cachedData: cached });
  const mod: ModuleShim = { exports: {} };
  (script.runInThisContext() as (m: ModuleShim, e: unknown, r: NodeRequire) => void)(mod, mod.exports, requireFn);
  if (usable && (!cached || script.cachedDataRejected)) {
    // At exit, the functions this run compiled lazily are in the cache too.
    process.once("exit", () => writeCache(file, script.createCachedData()));
  }
  return mod.exports;
}
