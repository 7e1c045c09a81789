/**
 * The provider's V8 code cache as real `terraform` commands use it (src/provider/compile-cache.ts): Terraform's
 * first provider process of a command only serves the schema, so the cache it writes covers start-up alone; the
 * first process that ran the API path (a plan that reads the account) rewrites it once with that code, and later
 * commands leave it alone. The level byte at the start of the file says which kind of process wrote it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, startEmulator } from "../../src/emulator";
import { PROVIDER_SOURCE } from "../../src/provider/address";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { RunResult, expectSuccess } from "../support/cdktf-project";
import { installAndInit, plainTerraformEnv, terraformIn } from "../support/plain-terraform";

jest.setTimeout(3 * 60_000);

const CREDS = { secretId: "AKIDe2eCodeCache00000000000000", secretKey: "e2eCodeCacheSecretKey00000000000" };

let emu: Emulator;
let dir: string;
let cacheDir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  checkTerraform();
  emu = await startEmulator({ credentials: [CREDS], quiet: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-code-cache-"));
  cacheDir = path.join(dir, "v8-cache");
  fs.writeFileSync(
    path.join(dir, "main.tf"),
    `terraform {\n  required_providers {\n    tencentcloudiai = { source = "${PROVIDER_SOURCE}" }\n  }\n}\n\n` +
      `resource "tencentcloudiai_face_group" "g" {\n  group_id   = "CodeCache"\n  group_name = "Code cache"\n}\n`,
  );
  env = plainTerraformEnv(dir, { TENCENTCLOUD_IAI_ENDPOINT: emu.url, TENCENTCLOUD_SECRET_ID: CREDS.secretId, TENCENTCLOUD_SECRET_KEY: CREDS.secretKey, FACE_GROUP_CACHE_DIR: cacheDir });
  await installAndInit(dir, env);
});

afterAll(async () => {
  await emu?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const terraform = (...args: string[]): Promise<RunResult> => terraformIn(dir, env, args);

/** The one cache file of the provider for this Node.js: its level byte and modification time. */
function cacheFile(): { level: number; mtimeMs: number; size: number } {
  const files = fs.readdirSync(cacheDir).filter((f) => f.endsWith(`-${process.version}-${process.arch}.v8cache`));
  expect(files).toHaveLength(1);
  const file = path.join(cacheDir, files[0]);
  return { level: fs.readFileSync(file)[0], mtimeMs: fs.statSync(file).mtimeMs, size: fs.statSync(file).size };
}

test("validate writes a start-up cache; the first plan that calls the API rewrites it once; later commands keep it", async () => {
  expectSuccess(await terraform("validate"));
  const startOnly = cacheFile();
  expect(startOnly.level).toBe(0);

  const before = emu.requests.length;
  const plan = await terraform("plan", "-input=false");
  expectSuccess(plan);
  expect(plan.output).toContain("1 to add");
  // The create's prediction read the account: the API path ran in the plan's provider process.
  expect(emu.requests.slice(before).map((r) => r.action)).toContain("GetGroupList");
  const withApi = cacheFile();
  expect(withApi.level).toBe(1);
  expect(withApi.size).toBeGreaterThan(startOnly.size);

  expectSuccess(await terraform("validate"));
  expectSuccess(await terraform("plan", "-input=false"));
  expect(cacheFile()).toEqual(withApi);
});
