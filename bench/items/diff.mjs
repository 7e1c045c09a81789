/**
 * Item 4: one-group `cdktf diff` on an up-to-date stack vs the same with one bare terraform_data, both through the
 * real cdktf CLI (synth + init + plan, with the CLI's own start-up), interleaved, median of a few runs.
 */
import * as path from "node:path";
import { cdktfProject, deployOnce, diff } from "../harness/cdktf-cli.mjs";
import { TARGETS } from "../harness/report.mjs";
import { BARE_APP, FACE_GROUPS_APP } from "../harness/stack.mjs";
import { median, ratio, round } from "../harness/stats.mjs";
import { withEmulator } from "./apply.mjs";

/**
 * @param {{work: string, env: Record<string,string>, progress: object, logOf: Function}} bench
 * @param {number} runs
 */
export async function diffRatio(bench, runs) {
  const { progress, work, env } = bench;
  return withEmulator(async (emu) => {
    const ctx = { env: { ...env, ...emu.env }, log: bench.logOf("cdktf-diff") };
    const group = cdktfProject(path.join(work, "diff-group"), FACE_GROUPS_APP);
    const bare = cdktfProject(path.join(work, "diff-bare"), BARE_APP);
    await progress.phase("cdktf diff: cdktf deploy of 1 FaceGroup (first deploy, no flags)", () => deployOnce(group, ctx));
    await progress.phase("cdktf diff: cdktf deploy of 1 bare terraform_data", () => deployOnce(bare, ctx));
    const groupMs = [];
    const bareMs = [];
    const before = emu.emulator.requests.length;
    for (let i = 0; i < runs; i++) {
      bareMs.push(round((await progress.phase(`cdktf diff: 1 bare terraform_data (run ${i + 1})`, () => diff(bare, ctx))).ms));
      groupMs.push(round((await progress.phase(`cdktf diff: 1 FaceGroup (run ${i + 1})`, () => diff(group, ctx))).ms));
    }
    const groupMedianMs = median(groupMs);
    const bareMedianMs = median(bareMs);
    const r = ratio(groupMedianMs, bareMedianMs);
    return { runs, groupMs, bareMs, groupMedianMs, bareMedianMs, ratio: r, callsPerDiff: (emu.emulator.requests.length - before) / runs, pass: r <= TARGETS.diffRatio };
  });
}
