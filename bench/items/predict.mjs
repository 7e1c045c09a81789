/**
 * Item 2c: the plan-time predictions of creates in a big account. An account holds 10,000 groups made outside the
 * stack; a stack of 100 new groups is planned (nothing in its state, so no refresh): the predictions (does the
 * groupId exist? does another group hold the name?) must cost one account listing (⌈10,000 / 1,000⌉ = 10
 * GetGroupList pages) and nothing per group — at most 11 calls.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startBenchEmulator, summarizeCalls } from "../harness/emulator.mjs";
import { TARGETS } from "../harness/report.mjs";
import { FACE_GROUPS_APP, init, plan, synth } from "../harness/stack.mjs";
import { round } from "../harness/stats.mjs";
import { writeAccount } from "./refresh.mjs";

/** Groups in the account before the plan. */
export const ACCOUNT_GROUPS = 10_000;
/** Groups the plan creates. */
export const CREATED_GROUPS = 100;

/**
 * @param {{work: string, env: Record<string,string>, progress: object, logOf: Function}} bench
 */
export async function createsInBigAccount(bench) {
  const dir = path.join(bench.work, "predict-big-account");
  fs.mkdirSync(dir, { recursive: true });
  const statePath = path.join(dir, "emulator-state.json");
  writeAccount(statePath, ACCOUNT_GROUPS);
  const emu = await startBenchEmulator({ statePath });
  try {
    const ctx = { env: { ...bench.env, ...emu.env }, log: bench.logOf("predict-big-account") };
    const s = await bench.progress.phase(`predict: synth of ${CREATED_GROUPS} groups`, () => synth(FACE_GROUPS_APP, CREATED_GROUPS, path.join(dir, "app"), ctx));
    await bench.progress.phase("predict: terraform init", () => init(s.stackDir, ctx));
    const held = emu.emulator.groups().length;
    const before = emu.emulator.requests.length;
    const p = await bench.progress.phase(`predict: terraform plan creating ${CREATED_GROUPS} groups in an account of ${held}`, () => plan(s.stackDir, ctx));
    const calls = summarizeCalls(emu.emulator.requests.slice(before));
    const planned = p.code === 2;
    return { createdGroups: CREATED_GROUPS, accountGroups: held, planMs: round(p.ms), planned, calls, pass: planned && calls.total <= TARGETS.createsInBigAccountMaxCalls };
  } finally {
    await emu.emulator.stop();
  }
}
