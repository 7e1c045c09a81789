/**
 * Item 6: synth of N FaceGroups (`node app.js`, which also places the provider and its lock entry) vs synth of N
 * bare terraform_data, interleaved, median of a few runs each.
 */
import * as path from "node:path";
import { TARGETS } from "../harness/report.mjs";
import { BARE_APP, FACE_GROUPS_APP, synth } from "../harness/stack.mjs";
import { median, ratio, round } from "../harness/stats.mjs";

/**
 * @param {{work: string, env: Record<string,string>, progress: object, logOf: Function}} bench
 * @param {number} n
 * @param {number} runs
 */
export async function synthRatio(bench, n, runs) {
  const { progress, work, env } = bench;
  const ctx = { env, log: bench.logOf("synth") };
  const groupsMs = [];
  const bareMs = [];
  for (let i = 0; i < runs; i++) {
    bareMs.push(round((await progress.phase(`synth ${n} bare terraform_data (run ${i + 1})`, () => synth(BARE_APP, n, path.join(work, "synth-bare"), ctx))).ms));
    groupsMs.push(round((await progress.phase(`synth ${n} FaceGroups (run ${i + 1})`, () => synth(FACE_GROUPS_APP, n, path.join(work, "synth-groups"), ctx))).ms));
  }
  const groupsMedianMs = median(groupsMs);
  const bareMedianMs = median(bareMs);
  const r = ratio(groupsMedianMs, bareMedianMs);
  return { n, runs, groupsMs, bareMs, groupsMedianMs, bareMedianMs, ratio: r, pass: r <= TARGETS.synthRatio };
}
