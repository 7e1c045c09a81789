/**
 * The in-process IAI emulator the provider talks to during the benchmark, and what it saw: calls by action and
 * answer, write calls, throttling answers, and whether the groups it holds are exactly the declared ones.
 */
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const { groupProps } = require("../apps/groups.js");

/** The documented group-management limit the emulator enforces, in requests per second. */
export const API_QPS = 50;
/** Actions that change a group. */
export const WRITE_ACTIONS = ["CreateGroup", "ModifyGroup", "DeleteGroup"];

/**
 * Starts a quiet emulator (QPS 50) with throw-away credentials.
 * @param {{statePath?: string}} [options] extra emulator options (a state file holding groups to start with)
 * @returns {Promise<{emulator: object, env: Record<string,string>}>} the handle and the variables that point the provider at it
 */
export async function startBenchEmulator(options = {}) {
  const { startEmulator } = require(path.join(ROOT, "lib", "emulator"));
  const credentials = { secretId: `AKIDbench${randomBytes(8).toString("hex")}`, secretKey: randomBytes(24).toString("hex") };
  const emulator = await startEmulator({ ...options, credentials: [credentials], qps: API_QPS, quiet: true });
  return {
    emulator,
    env: {
      TENCENTCLOUD_IAI_ENDPOINT: emulator.url,
      TENCENTCLOUD_SECRET_ID: credentials.secretId,
      TENCENTCLOUD_SECRET_KEY: credentials.secretKey,
    },
  };
}

/**
 * Summarizes request records: count per action and answer code, write calls, and RequestLimitExceeded answers
 * (each one is a call the provider had to retry: its rate limiter is meant to stay under the limit, not bounce off it).
 * @param {{action: string, code: string}[]} records
 * @returns {{total: number, byAction: Record<string, Record<string, number>>, writes: number, throttled: number, throttledPct: number}}
 */
export function summarizeCalls(records) {
  const byAction = {};
  let writes = 0;
  let throttled = 0;
  for (const r of records) {
    const codes = (byAction[r.action] ??= {});
    codes[r.code] = (codes[r.code] ?? 0) + 1;
    if (WRITE_ACTIONS.includes(r.action)) writes++;
    if (r.code === "RequestLimitExceeded") throttled++;
  }
  const throttledPct = records.length ? Math.round((1e4 * throttled) / records.length) / 100 : 0;
  return { total: records.length, byAction, writes, throttled, throttledPct };
}

/**
 * Compares the emulator's groups with the N declared ones, field by field.
 * @param {{groups: () => object[]}} emulator
 * @param {number} n
 * @returns {{expected: number, held: number, exact: number, failures: number, examples: string[]}} failures = expected − exact + unexpected groups
 */
export function verifyGroups(emulator, n) {
  const held = new Map(emulator.groups().map((g) => [`${g.Region}/${g.GroupId}`, g]));
  let exact = 0;
  let declaredHeld = 0;
  const examples = [];
  for (let i = 0; i < n; i++) {
    const p = groupProps(i);
    const g = held.get(`ap-guangzhou/${p.groupId}`);
    if (g) declaredHeld++;
    const problem = !g
      ? "missing"
      : g.GroupName !== p.groupName
        ? `GroupName ${JSON.stringify(g.GroupName)}`
        : JSON.stringify(g.GroupExDescriptions) !== JSON.stringify(p.groupExDescriptions)
          ? `GroupExDescriptions ${JSON.stringify(g.GroupExDescriptions)}`
          : g.Tag !== p.tag
            ? `Tag ${JSON.stringify(g.Tag)}`
            : g.FaceModelVersion !== p.faceModelVersion
              ? `FaceModelVersion ${g.FaceModelVersion}`
              : undefined;
    if (problem === undefined) exact++;
    else if (examples.length < 5) examples.push(`${p.groupId}: ${problem}`);
  }
  const unexpected = held.size - declaredHeld;
  if (unexpected > 0 && examples.length < 5) examples.push(`${unexpected} group(s) that were not declared`);
  return { expected: n, held: held.size, exact, failures: n - exact + unexpected, examples };
}
