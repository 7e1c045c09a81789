/**
 * The provider bundle's V8 code cache (src/provider/compile-cache.ts), with the built lib/provider/bundle/provider.js
 * run as Terraform runs it: written once per machine at exit, reused, and never a requirement (a corrupt or foreign
 * cache just means compiling normally). Each process is ended by go-plugin's Shutdown (the cache is written at exit),
 * and killed by its PID if still running.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../../src/provider/protocol/launch";
import { connect, killChild, parseHandshake, type Spawned, spawnProvider } from "./protocol/support/client";
import { BUILT_BUNDLE, requireBuiltBundle } from "../support/built-bundle";
import { PRUNE_AFTER_DAYS } from "../../src/provider/compile-cache";

const BUNDLE = BUILT_BUNDLE;
const started: Spawned[] = [];
afterEach(() => started.splice(0).forEach((s) => killChild(s.child)));

/** Starts the bundle with Terraform's environment (plaintext: no PLUGIN_CLIENT_CERT), serves GetProviderSchema, shuts it down. */
async function run(cacheDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "6", FACE_GROUP_CACHE_DIR: cacheDir, ...extraEnv };
  const p = await spawnProvider(BUNDLE, env);
  started.push(p);
  const c = connect(parseHandshake(p.handshake), null);
  try {
    const schema = await c.provider<{ resourceSchemas: Record<string, unknown> }>("GetProviderSchema");
    expect(Object.keys(schema.resourceSchemas)).toContain("tencentcloudiai_face_group");
    await c.call("/plugin.GRPCController/Shutdown", "plugin.Empty", "plugin.Empty");
  } finally {
    c.close();
  }
  expect(await p.exited).toBe(0);
}

function cacheFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".v8cache")) : [];
}

describe("provider code cache", () => {
  beforeAll(requireBuiltBundle);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "fg-cache-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test("the first run writes the cache, later runs reuse it unchanged", async () => {
    const dir = path.join(root, "a");
    await run(dir);
    const [file] = cacheFiles(dir);
    expect(file).toMatch(new RegExp(`^tencentcloudiai-provider-[0-9a-f]{16}-${process.version}-${process.arch}\\.v8cache$`));
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
    const before = fs.statSync(path.join(dir, file)).mtimeMs;
    await run(dir);
    expect(fs.statSync(path.join(dir, file)).mtimeMs).toBe(before);
  });

  test("a corrupt cache is rejected by V8, the provider serves and the cache is rewritten", async () => {
    const dir = path.join(root, "b");
    await run(dir);
    const file = path.join(dir, cacheFiles(dir)[0]);
    fs.writeFileSync(file, Buffer.alloc(4096, 7));
    await run(dir);
    expect(fs.readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  test("a cache folder others can write to is neither read nor written (planted bytecode would run as this user)", async () => {
    const dir = path.join(root, "shared");
    await run(dir);
    const file = path.join(dir, cacheFiles(dir)[0]);
    fs.chmodSync(dir, 0o777);
    fs.rmSync(file);
    await run(dir);
    expect(cacheFiles(dir)).toEqual([]);
    // A "planted" cache (garbage standing in for hostile bytecode) in that folder is not even read: no rewrite happens.
    fs.writeFileSync(file, Buffer.alloc(4096, 9));
    await run(dir);
    expect(fs.readFileSync(file).equals(Buffer.alloc(4096, 9))).toBe(true);
  });

  test("FACE_GROUP_CACHE_DIR=off turns the cache off", async () => {
    const cwd = process.cwd();
    await run("off");
    expect(fs.existsSync(path.join(cwd, "off"))).toBe(false);
  });

  test("writing a cache removes this provider's caches unused for 30 days; a cache in use is touched so it stays", async () => {
    const dir = path.join(root, "prune");
    fs.mkdirSync(dir, { mode: 0o700 });
    const daysAgo = (file: string, days: number) => {
      const t = Date.now() / 1000 - days * 86_400;
      fs.utimesSync(path.join(dir, file), t, t);
    };
    const stale = `tencentcloudiai-provider-0000000000000000-${process.version}-${process.arch}.v8cache`;
    const recent = `tencentcloudiai-provider-1111111111111111-${process.version}-${process.arch}.v8cache`;
    const foreign = "someone-elses.v8cache";
    for (const f of [stale, recent, foreign]) fs.writeFileSync(path.join(dir, f), "x", { mode: 0o600 });
    daysAgo(stale, PRUNE_AFTER_DAYS + 1);
    daysAgo(recent, PRUNE_AFTER_DAYS - 1);
    daysAgo(foreign, 365);

    await run(dir);
    const mine = cacheFiles(dir).find((f) => ![stale, recent, foreign].includes(f))!;
    expect(cacheFiles(dir).sort()).toEqual([foreign, mine, recent].sort());

    // In use two days after it was written: the start that reads it marks it as used.
    daysAgo(mine, 2);
    await run(dir);
    expect(Date.now() - fs.statSync(path.join(dir, mine)).mtimeMs).toBeLessThan(60_000);
  });

  test("a process under other V8 flags keeps a cache of its own (V8 would reject the other one, and each would rewrite it)", async () => {
    const dir = path.join(root, "flags");
    await run(dir);
    const [plain] = cacheFiles(dir);
    const before = fs.statSync(path.join(dir, plain)).mtimeMs;
    await run(dir, { NODE_OPTIONS: "--max-semi-space-size=4" });
    const flagged = cacheFiles(dir).filter((f) => f !== plain);
    expect(flagged).toEqual([expect.stringMatching(new RegExp(`-${process.version}-${process.arch}-[0-9a-f]{8}\\.v8cache$`))]);
    expect(fs.statSync(path.join(dir, plain)).mtimeMs).toBe(before);
    await run(dir, { NODE_OPTIONS: "--max-semi-space-size=4" });
    await run(dir);
    expect(cacheFiles(dir).sort()).toEqual([plain, ...flagged].sort());
    expect(fs.statSync(path.join(dir, plain)).mtimeMs).toBe(before);
  });
});
