/**
 * The handler's V8 code cache for the embedded SDK: written once per machine, reused, and never a requirement
 * (a corrupt or foreign cache just means compiling normally).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runHandler, settings } from "./harness";

function cacheFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".v8cache")) : [];
}

describe("handler code cache", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "fg-cache-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test("the first run writes the cache, later runs reuse it unchanged", async () => {
    const dir = path.join(root, "a");
    const first = await runHandler("check", settings("cache-1"), undefined, { FACE_GROUP_CACHE_DIR: dir });
    expect(first.code).toBe(0);
    const [file] = cacheFiles(dir);
    expect(file).toMatch(new RegExp(`^tencentcloud-sdk-nodejs-common-[0-9a-f]{16}-${process.version}-${process.arch}\\.v8cache$`));
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const before = fs.statSync(path.join(dir, file)).mtimeMs;
    const second = await runHandler("check", settings("cache-2"), undefined, { FACE_GROUP_CACHE_DIR: dir });
    expect(second.code).toBe(0);
    expect(fs.statSync(path.join(dir, file)).mtimeMs).toBe(before);
  });

  test("a corrupt cache is rejected by V8, the run succeeds and the cache is rewritten", async () => {
    const dir = path.join(root, "b");
    await runHandler("check", settings("cache-3"), undefined, { FACE_GROUP_CACHE_DIR: dir });
    const file = path.join(dir, cacheFiles(dir)[0]);
    fs.writeFileSync(file, Buffer.alloc(4096, 7));
    const run = await runHandler("check", settings("cache-4"), undefined, { FACE_GROUP_CACHE_DIR: dir });
    expect(run.code).toBe(0);
    expect(fs.readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  test("a cache folder others can write to is neither read nor written (planted bytecode would run as this user)", async () => {
    const dir = path.join(root, "shared");
    await runHandler("check", settings("cache-5"), undefined, { FACE_GROUP_CACHE_DIR: dir });
    const file = path.join(dir, cacheFiles(dir)[0]);
    fs.chmodSync(dir, 0o777);
    fs.rmSync(file);
    const run = await runHandler("check", settings("cache-5"), undefined, { FACE_GROUP_CACHE_DIR: dir });
    expect(run.code).toBe(0);
    expect(cacheFiles(dir)).toEqual([]);
    // A "planted" cache (garbage standing in for hostile bytecode) in that folder is not even read: no rewrite happens.
    fs.writeFileSync(file, Buffer.alloc(4096, 9));
    expect((await runHandler("check", settings("cache-5"), undefined, { FACE_GROUP_CACHE_DIR: dir })).code).toBe(0);
    expect(fs.readFileSync(file).equals(Buffer.alloc(4096, 9))).toBe(true);
  });

  test("FACE_GROUP_CACHE_DIR=off turns the cache off", async () => {
    const run = await runHandler("check", settings("cache-6"), undefined, { FACE_GROUP_CACHE_DIR: "off" });
    expect(run.code).toBe(0);
    expect(fs.existsSync(path.join(process.cwd(), "off"))).toBe(false);
  });
});
