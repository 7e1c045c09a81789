/**
 * The placed provider package against the real `terraform` (offline, no CLI configuration, no flags): init accepts
 * it and records exactly the hash we computed, a content change installs as a new version with plain `init`, old
 * versions are pruned only after a grace period, the launcher starts provider.js through Terraform's symlinks and
 * explains a missing or old Node.js in Terraform's own error, and the shared plugin cache survives the deletion of
 * the project that installed a version first.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LOCK_FILE_NAME, PRUNE_AFTER_MS, ProviderPackage, SEMI_SPACE_MB, executableName, hashFolder, installProvider, mirrorRoot, nodeVersionPrelude, platformOf, providerPackage } from "../../src/install";
import { PROVIDER_SOURCE } from "../../src/provider/address";
import { RunResult, run } from "../support/cdktf-project";
import { TERRAFORM_BINARY } from "../support/terraform-binary";
import { requireBuiltBundle } from "../support/built-bundle";

const PLATFORM = platformOf();
let tmp: string;
let bundle: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fg-install-"));
  bundle = path.join(tmp, "provider.js");
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * A package whose provider.js (the real bundle's version check first) prints `marker` as its first stdout line
 * (Terraform then quotes it in its error).
 */
function pkg(marker: string): ProviderPackage {
  fs.writeFileSync(bundle, `${nodeVersionPrelude()}process.stdout.write(${JSON.stringify(marker + "\n")}); process.exit(1);\n`);
  return providerPackage(bundle, "0.1.0");
}

/** A stack folder whose configuration uses the provider at `version` (one resource, so Terraform needs its schema). */
function stackDir(name: string, version: string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  const config = {
    terraform: { required_providers: { tencentcloudiai: { source: PROVIDER_SOURCE, version } } },
    resource: { tencentcloudiai_face_group: { g: { group_id: "g", group_name: "n" } } },
  };
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config));
  return dir;
}

/** `terraform <args>` in `dir`, offline and with no CLI configuration; `env` values of undefined are removed. */
function terraform(dir: string, args: string[], env: Record<string, string | undefined> = {}): Promise<RunResult> {
  const merged: Record<string, string | undefined> = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: path.join(tmp, "no-such-rc"), TF_PLUGIN_CACHE_DIR: undefined, HTTPS_PROXY: undefined, https_proxy: undefined, ...env };
  const clean = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  return run(TERRAFORM_BINARY, [...args, "-no-color"], { cwd: dir, env: clean }, 120_000);
}

const NO_CACHE = { pluginCacheDir: undefined };

/** Terraform wraps its error text at 80 columns. */
const oneLine = (s: string) => s.replace(/\s+/g, " ");

describe("terraform init of the placed package", () => {
  test("init accepts it with no flags and records exactly the hash we computed (lock file left as we wrote it)", async () => {
    const p = pkg("FAKE-A");
    const dir = stackDir("s", p.version);
    installProvider(dir, p, NO_CACHE);
    const written = fs.readFileSync(path.join(dir, LOCK_FILE_NAME), "utf8");
    const init = await terraform(dir, ["init"]);
    expect(init.code).toBe(0);
    expect(init.output).toContain(`Installed ${PROVIDER_SOURCE} v${p.version} (unauthenticated)`);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), "utf8")).toBe(written);

    // Without our lock entry, terraform computes the hash itself: the same value.
    fs.rmSync(path.join(dir, LOCK_FILE_NAME));
    fs.rmSync(path.join(dir, ".terraform"), { recursive: true });
    expect((await terraform(dir, ["init"])).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), "utf8")).toContain(`"${p.hash}"`);
    expect(hashFolder(path.join(mirrorRoot(dir), p.version, PLATFORM))).toBe(p.hash);
  });

  test("a changed bundle (same npm version) is a new version: plain init installs it, no -upgrade", async () => {
    const v1 = pkg("FAKE-V1");
    const dir = stackDir("s", v1.version);
    installProvider(dir, v1, NO_CACHE);
    expect((await terraform(dir, ["init"])).code).toBe(0);
    const v2 = pkg("FAKE-V2");
    expect(v2.version).not.toBe(v1.version);
    stackDir("s", v2.version);
    installProvider(dir, v2, NO_CACHE);
    const init = await terraform(dir, ["init"]);
    expect(init.code).toBe(0);
    expect(init.output).toContain(`Installed ${PROVIDER_SOURCE} v${v2.version}`);
    expect((await terraform(dir, ["validate"])).output).toContain("Unrecognized remote plugin message: FAKE-V2");
    expect(fs.readdirSync(mirrorRoot(dir)).sort()).toEqual([v1.version, v2.version].sort()); // v1 kept for a while
  });

  test("old version folders are pruned only when unused for the grace period", () => {
    const dir = stackDir("s", "0");
    const now = Date.now();
    const old = pkg("OLD");
    installProvider(dir, old, { ...NO_CACHE, now: now - PRUNE_AFTER_MS - 60_000 });
    const recent = pkg("RECENT");
    installProvider(dir, recent, { ...NO_CACHE, now: now - 60_000 });
    const current = pkg("CURRENT");
    installProvider(dir, current, { ...NO_CACHE, now });
    expect(fs.readdirSync(mirrorRoot(dir)).sort()).toEqual([recent.version, current.version].sort());
  });

  test("an unchanged package is not rewritten", () => {
    const p = pkg("SAME");
    const dir = stackDir("s", p.version);
    installProvider(dir, p, NO_CACHE);
    const exe = path.join(mirrorRoot(dir), p.version, PLATFORM, executableName(p.version));
    const inode = fs.statSync(exe).ino;
    installProvider(dir, p, NO_CACHE);
    expect(fs.statSync(exe).ino).toBe(inode);
  });
});

/**
 * A folder holding a `node` that is this Node.js reporting `version` in `process.versions` (what the bundle's check
 * reads) and lacking AbortSignal.any. A real old Node parsing the prelude was checked by hand (Node 16: see the commit
 * message); the suite has no Node older than 20.3 to run.
 */
function oldNode(version: string): string {
  const bin = path.join(tmp, "old-node");
  fs.mkdirSync(bin);
  const shim = path.join(bin, "versions.js");
  // This Node with the old one's version and without what the old one lacks (AbortSignal.any, added in 20.3), so a
  // check that came after a use of it would show as a TypeError, not as the clear line.
  fs.writeFileSync(shim, `Object.defineProperty(process, "versions", { value: Object.assign({}, process.versions, { node: ${JSON.stringify(version)} }) });\ndelete AbortSignal.any;\n`);
  fs.writeFileSync(path.join(bin, "node"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} --require ${JSON.stringify(shim)} "$@"\n`, { mode: 0o755 });
  return bin;
}

describe("the launcher", () => {
  let dir: string;
  beforeEach(async () => {
    const p = pkg("FAKE-LAUNCHED");
    dir = stackDir("s", p.version);
    installProvider(dir, p, NO_CACHE);
    expect((await terraform(dir, ["init"])).code).toBe(0);
  });

  test("Terraform starts provider.js through the .terraform/providers symlink, needing no tool but node", async () => {
    // A PATH with nothing but node: the launcher's normal path runs builtins only (no readlink, no subprocess).
    const bin = path.join(tmp, "only-node");
    fs.mkdirSync(bin);
    fs.symlinkSync(process.execPath, path.join(bin, "node"));
    const out = (await terraform(dir, ["validate"], { PATH: bin })).output;
    expect(out).toContain("Unrecognized remote plugin message: FAKE-LAUNCHED");
  });

  test("the built bundle checks the Node.js version before anything else", async () => {
    const builtBundle = requireBuiltBundle();
    const bin = oldNode("18.19.0");
    const launched = await run(path.join(bin, "node"), [builtBundle], { env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: "x" } });
    expect(launched).toMatchObject({ code: 1, output: expect.stringMatching(/^tencentcloudiai provider: [^\n]*found Node\.js v18\.19\.0 at [^\n]*\n$/) });
  });

  test("a node reporting a version older than 20.3 and lacking AbortSignal.any (this Node, shimmed): one clear line, shown in Terraform's error", async () => {
    const bin = oldNode("20.2.0");
    const out = oneLine((await terraform(dir, ["validate"], { PATH: `${bin}:${process.env.PATH}` })).output);
    expect(out).toContain(
      `Unrecognized remote plugin message: tencentcloudiai provider: needs Node.js >= 20.3 as 'node' on PATH, but found Node.js v20.2.0 at ${process.execPath}.`,
    );
  });

  test("no node on PATH: said so in Terraform's error", async () => {
    const out = oneLine((await terraform(dir, ["validate"], { PATH: path.join(tmp, "empty") })).output);
    expect(out).toContain("tencentcloudiai provider: needs Node.js >= 20.3 as 'node' on PATH, but found no 'node' on PATH.");
  });

  test("run by hand: the one line goes to stderr, exit 1; a symlink to the launcher file is followed", async () => {
    const version = fs.readdirSync(mirrorRoot(dir))[0];
    const exe = path.join(mirrorRoot(dir), version, PLATFORM, executableName(version));
    const bin = oldNode("16.0.0");
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = require("node:child_process").spawn(exe, [], { env: { PATH: `${bin}:/usr/bin:/bin` } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d));
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      child.on("close", (code: number | null) => resolve({ code, stdout, stderr }));
    });
    expect(r).toEqual({ code: 1, stdout: "", stderr: expect.stringMatching(/^tencentcloudiai provider: [^\n]*found Node\.js v16\.0\.0[^\n]*\n$/) });

    const link = path.join(tmp, "elsewhere", "provider-link");
    fs.mkdirSync(path.dirname(link));
    fs.symlinkSync(exe, link);
    const viaLink = await run(link, [], { env: process.env });
    expect(viaLink.output).toBe("FAKE-LAUNCHED\n");
  });
});

test("the launcher caps the provider's young generation (its RSS is mostly short-lived request garbage otherwise)", async () => {
  fs.writeFileSync(bundle, `${nodeVersionPrelude()}process.stdout.write(process.execArgv.join(" ") + "\\n"); process.exit(1);\n`);
  const p = providerPackage(bundle, "0.1.0");
  const dir = stackDir("young-generation", p.version);
  installProvider(dir, p, NO_CACHE);
  const version = fs.readdirSync(mirrorRoot(dir))[0];
  const launched = await run(path.join(mirrorRoot(dir), version, PLATFORM, executableName(version)), [], { env: process.env });
  expect(launched.output).toBe(`--max-semi-space-size=${SEMI_SPACE_MB}\n`);
});

describe("the shared plugin cache (TF_PLUGIN_CACHE_DIR, which cdktf sets)", () => {
  test("deleting the project that installed a version first breaks no other project", async () => {
    const cache = path.join(tmp, "plugin-cache");
    fs.mkdirSync(cache);
    const p = pkg("FAKE-CACHED");
    const env = { TF_PLUGIN_CACHE_DIR: cache };
    const a = stackDir("a", p.version);
    const b = stackDir("b", p.version);
    for (const dir of [a, b]) {
      installProvider(dir, p, { pluginCacheDir: cache });
      expect((await terraform(dir, ["init"], env)).code).toBe(0);
    }
    const entry = path.join(cache, PROVIDER_SOURCE, p.version, PLATFORM);
    expect(fs.lstatSync(entry).isDirectory()).toBe(true); // a real folder, not a link into project a
    fs.rmSync(a, { recursive: true });
    // No init in b: plain terraform still finds its package (Terraform's own symlink would now dangle).
    expect((await terraform(b, ["validate"], env)).output).toContain("Unrecognized remote plugin message: FAKE-CACHED");
  });

  test("a dangling cache entry left by Terraform is replaced by a real folder at synth", () => {
    const cache = path.join(tmp, "plugin-cache");
    const p = pkg("FAKE-DANGLING");
    const entry = path.join(cache, PROVIDER_SOURCE, p.version, PLATFORM);
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    fs.symlinkSync(path.join(tmp, "deleted-project", "cdktf.out"), entry);
    installProvider(stackDir("s", p.version), p, { pluginCacheDir: cache });
    expect(fs.lstatSync(entry).isDirectory()).toBe(true);
    expect(hashFolder(entry)).toBe(p.hash);
  });
});
