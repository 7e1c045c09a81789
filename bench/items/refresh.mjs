/**
 * Item 2b: the refresh of a few groups in a big account. An account holds 10,000 groups, 3 of them declared by the
 * stack (created last, so they sit on the last page of any listing); the no-op `terraform plan` of the stack must
 * cost at most 3 API calls (one per group), not a walk through the account's pages.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startBenchEmulator, summarizeCalls } from "../harness/emulator.mjs";
import { TARGETS } from "../harness/report.mjs";
import { FACE_GROUPS_APP, apply, init, plan, synth } from "../harness/stack.mjs";
import { round } from "../harness/stats.mjs";

/** Groups in the account, the stack's included. */
export const ACCOUNT_GROUPS = 10_000;
/** Groups the stack declares. */
export const STACK_GROUPS = 3;

/**
 * A state file of `count` groups nobody declares (the emulator starts from it, as from its own saved state).
 * @param {string} file
 * @param {number} count
 */
export function writeAccount(file, count) {
  const now = Date.now();
  const groups = Array.from({ length: count }, (_, i) => ({
    Region: "ap-guangzhou",
    GroupId: `other-team-group-${i}`,
    GroupName: `Other team group ${i}`,
    GroupExDescriptions: [],
    Tag: "",
    FaceModelVersion: "3.0",
    CreationTimestamp: now - count + i,
    UpdateTimestamp: now - count + i,
  }));
  fs.writeFileSync(file, JSON.stringify({ version: 1, groups }));
}

/**
 * @param {{work: string, env: Record<string,string>, progress: object, logOf: Function}} bench
 */
export async function refreshInBigAccount(bench) {
  const dir = path.join(bench.work, "refresh-big-account");
  fs.mkdirSync(dir, { recursive: true });
  const statePath = path.join(dir, "emulator-state.json");
  writeAccount(statePath, ACCOUNT_GROUPS - STACK_GROUPS);
  const emu = await startBenchEmulator({ statePath });
  try {
    const ctx = { env: { ...bench.env, ...emu.env }, log: bench.logOf("refresh-big-account") };
    const s = await bench.progress.phase(`refresh: synth of ${STACK_GROUPS} groups`, () => synth(FACE_GROUPS_APP, STACK_GROUPS, path.join(dir, "app"), ctx));
    await bench.progress.phase("refresh: terraform init", () => init(s.stackDir, ctx));
    await bench.progress.phase(`refresh: terraform apply (${STACK_GROUPS} groups into an account of ${ACCOUNT_GROUPS - STACK_GROUPS})`, () => apply(s.stackDir, ctx));
    const held = emu.emulator.groups().length;
    const before = emu.emulator.requests.length;
    const p = await bench.progress.phase(`refresh: no-op terraform plan of ${STACK_GROUPS} groups in an account of ${held}`, () => plan(s.stackDir, ctx));
    const calls = summarizeCalls(emu.emulator.requests.slice(before));
    return { stackGroups: STACK_GROUPS, accountGroups: held, planMs: round(p.ms), noChanges: p.noChanges, calls, pass: p.noChanges && calls.total <= TARGETS.fewInBigAccountMaxCalls };
  } finally {
    await emu.emulator.stop();
  }
}
