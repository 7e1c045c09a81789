/**
 * Runs the BUILT handler bundle the way Terraform's local-exec does — a child process with FACE_GROUP and the
 * credentials in its environment — against an in-process emulator over loopback HTTP.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, startEmulator } from "../../src/emulator";
import { IaiClient, officialClient as sharedOfficialClient } from "../support/official-client";
import { mulberry32 } from "../../src/emulator/policy";

/** The bundle `npm run build` produces (the file the FaceGroup asset ships). */
export const BUNDLE = path.join(__dirname, "..", "..", "lib", "handler", "bundle", "handler.js");

/** Credentials the emulator accepts; the key and token must never show up in the handler's output. */
export const SECRET_ID = "AKIDhandlerTest0001";
export const SECRET_KEY = "handler-test-secret-key-do-not-print";
export const TOKEN = "handler-test-session-token-do-not-print";

/** What one handler run did. */
export interface HandlerRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** An empty HOME, so no ~/.tencentcloud/credentials of the machine is used. */
export const EMPTY_HOME = fs.mkdtempSync(path.join(os.tmpdir(), "face-group-home-"));

/** A settings spec (the `input` of `<name>_settings`), as Terraform's jsonencode would pass it. */
export function settings(groupId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    face_model_version: "3.0",
    group_ex_descriptions: [],
    group_id: groupId,
    group_name: `${groupId} name`,
    region: "ap-guangzhou",
    tag: "",
    ...overrides,
  };
}

/** An identity spec (the `input` of `<name>`). */
export function identity(groupId: string, removalPolicy: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { face_model_version: "3.0", group_id: groupId, region: "ap-guangzhou", removal_policy: removalPolicy, ...overrides };
}

/** Starts an emulator that knows the test credentials (with the session token). */
export function emulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  return startEmulator({ credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY, token: TOKEN }], quiet: true, qps: 0, ...options });
}

/**
 * Runs `node handler.js <verb>` with a clean environment: FACE_GROUP (a spec object is JSON-encoded, a string is
 * passed as is, undefined leaves it unset), the test credentials and the emulator endpoint, plus `env` (a value of
 * undefined removes a variable).
 */
export function runHandler(
  verb: string,
  spec: Record<string, unknown> | string | undefined,
  emu: Emulator | undefined,
  env: Record<string, string | undefined> = {},
): Promise<HandlerRun> {
  const base: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: EMPTY_HOME,
    FACE_GROUP: typeof spec === "string" ? spec : spec === undefined ? undefined : JSON.stringify(spec),
    TENCENTCLOUD_SECRET_ID: SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
    TENCENTCLOUD_SESSION_TOKEN: TOKEN,
    TENCENTCLOUD_IAI_ENDPOINT: emu?.url,
    ...env,
  };
  const clean = Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, verb], { env: clean, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/** The actions that reached the emulator since `from` (an index into emu.requests), e.g. `["GetGroupInfo:OK"]`. */
export function calls(emu: Emulator, from = 0): string[] {
  return emu.requests.slice(from).map((r) => `${r.action}:${r.code}`);
}

/** The official SDK's IAI client (what a user's own tooling uses), pointed at the emulator. */
export function officialClient(emu: Emulator, region = "ap-guangzhou"): IaiClient {
  return sharedOfficialClient(emu.url, { secretId: SECRET_ID, secretKey: SECRET_KEY, token: TOKEN }, region);
}

/**
 * A fault seed for the emulator's PRNG (mulberry32, two draws per request) under which the n-th request gets a fault
 * exactly when `pattern[n]` is true — so a test can fail, say, only the second call.
 */
export function seedFor(pattern: boolean[], rate = 0.5): number {
  for (let seed = 1; seed < 1_000_000; seed++) {
    const next = mulberry32(seed);
    if (pattern.every((fault) => { const hit = next() < rate; next(); return hit === fault; })) return seed;
  }
  throw new Error("no seed found");
}
