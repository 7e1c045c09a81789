/**
 * Items 1, 2 and 5: `terraform apply` of N FaceGroups against the embedded emulator vs the same apply of N bare
 * terraform_data (no provisioner: Terraform's own floor) and vs N/50 s (the API's limit); for the judged size also
 * the no-op plan of the groups vs the plan of the bare resources, and the provider's peak memory during the apply.
 */
import * as path from "node:path";
import { API_QPS, startBenchEmulator, summarizeCalls, verifyGroups } from "../harness/emulator.mjs";
import { useNullProvider } from "../harness/null-provider.mjs";
import { TreeSampler } from "../harness/proctree.mjs";
import { PROVIDER_QPS, isProviderArgv } from "../harness/provider.mjs";
import { TARGETS } from "../harness/report.mjs";
import { BARE_APP, FACE_GROUPS_APP, PARALLELISM, apply, init, plan, synth } from "../harness/stack.mjs";
import { ratio, round } from "../harness/stats.mjs";

/**
 * Runs fn with a fresh emulator (50 QPS, like the account limit) and stops it afterwards.
 * @param {object} [options] extra emulator options (latencyMs, listingLagMs…)
 */
export async function withEmulator(fn, options = {}) {
  const emu = await startBenchEmulator(options);
  try {
    return await fn(emu);
  } finally {
    await emu.emulator.stop();
  }
}

/**
 * Synthesizes an app into <work>/<name> and runs terraform init there (offline: the construct placed the provider).
 * @param {{work: string, progress: object, logOf: (name: string) => string}} bench
 * @param {(stackDir: string) => void} [beforeInit] changes the synthesized stack before init (the null provider)
 */
export async function prepare(bench, app, n, name, env, beforeInit) {
  const ctx = { env, log: bench.logOf(name) };
  const s = await bench.progress.phase(`${name}: synth`, () => synth(app, n, path.join(bench.work, name), ctx));
  beforeInit?.(s.stackDir);
  const i = await bench.progress.phase(`${name}: terraform init`, () => init(s.stackDir, ctx));
  return { dir: s.stackDir, ctx, synthMs: round(s.ms), initMs: round(i.ms) };
}

/**
 * The sampled provider processes as results.json keeps them (MB, the node binary that ran each).
 * @param {ReturnType<TreeSampler["stop"]>} s
 */
export function rssSummary(s) {
  return {
    peakMb: round(s.peakKb / 1024, 1),
    samples: s.samples,
    terraformCpuSec: round(s.rootCpuSec, 2),
    providerCpuSec: round(s.processes.reduce((t, p) => t + p.cpuSec, 0), 2),
    processes: s.processes.map((p) => ({ pid: p.pid, exe: p.exe, argv: p.argv.slice(0, 3).join(" "), peakMb: round(p.hwmKb / 1024, 1), lastRssMb: round(p.rssKb / 1024, 1), cpuSec: p.cpuSec, samples: p.samples })),
  };
}

/**
 * When the API calls happened, relative to the spawn of terraform: if they span most of the apply at ~45 per second
 * the rate limit is the bound; a lower rate means the provider waited for Terraform (or for the CPU).
 * @param {{at: number}[]} records
 * @param {number} startedAt epoch ms
 */
export function timeline(records, startedAt) {
  if (!records.length) return {};
  const first = records[0].at - startedAt;
  const last = records.at(-1).at - startedAt;
  return { firstCallAtMs: first, lastCallAtMs: last, callsPerSecond: round((records.length - 1) / Math.max(0.001, (last - first) / 1000), 1) };
}

/**
 * `terraform apply` of a prepared stack, timed, with terraform's CPU seconds (the floors: no API, no emulator).
 * @param {{progress: object}} bench
 * @param {Awaited<ReturnType<typeof prepare>>} stack
 * @param {string} label the progress line
 */
async function floorApply(bench, stack, label) {
  let sampler;
  const f = await bench.progress.phase(label, () =>
    apply(stack.dir, { ...stack.ctx, onSpawn: (c) => (sampler = new TreeSampler(c.pid, () => false, 500)) }).finally(() => sampler?.stop()),
  );
  return { stack, ms: round(f.ms), terraformCpuSec: round(sampler.stop().rootCpuSec, 2) };
}

/**
 * Terraform's own floor: `terraform apply` of N bare terraform_data (synthesized into <work>/<name> with `env`), its
 * wall time and terraform's CPU seconds.
 * @returns {Promise<{stack: Awaited<ReturnType<typeof prepare>>, ms: number, terraformCpuSec: number}>}
 */
export async function bareFloor(bench, n, name, env) {
  const stack = await prepare(bench, BARE_APP, n, name, env);
  return floorApply(bench, stack, `${name}: terraform apply (${n} bare terraform_data)`);
}

/**
 * Terraform's floor for this resource type: the N FaceGroups applied through the null provider (our address, schema
 * and protocol server; no API call, every answer at once), i.e. what Terraform and a Node.js provider process cost
 * before the provider does any work: our provider (Node.js, this protocol server) cannot apply the stack faster.
 * `paced`: each apply waits at the provider's rate limiter ({@link PROVIDER_QPS}, then `latencyMs`) where its API
 * call would be — the floor of any provider of this design that keeps to the API's limit.
 * @param {{latencyMs?: number}} [paced]
 * @returns {Promise<{stack: Awaited<ReturnType<typeof prepare>>, ms: number, terraformCpuSec: number, qps?: number}>}
 */
export async function nullProviderFloor(bench, n, name, env, paced) {
  const pacing = paced ? { BENCH_NULL_QPS: String(PROVIDER_QPS), BENCH_NULL_LATENCY_MS: String(paced.latencyMs ?? 0) } : {};
  const stack = await prepare(bench, FACE_GROUPS_APP, n, name, { ...env, ...pacing }, (dir) => useNullProvider(bench, dir));
  const how = paced ? `paced at ${PROVIDER_QPS} calls/s${paced.latencyMs ? `, ${paced.latencyMs} ms answers` : ""}` : "every answer at once";
  const run = await floorApply(bench, stack, `${name}: terraform apply (${n} FaceGroups through the null provider: no API calls, ${how})`);
  return paced ? { ...run, qps: PROVIDER_QPS } : run;
}

/**
 * The null provider's two runs as results.json keeps them: time, terraform's CPU and the ratio to `floorMs` (under
 * `ratioKey`) of each, and our judged run as a multiple of the paced one.
 * @param {{ms: number, terraformCpuSec: number}} atOnce
 * @param {{ms: number, terraformCpuSec: number, qps: number}} paced
 * @param {number} floorMs
 * @param {number} oursMs
 * @param {string} ratioKey
 */
export function nullProviderResult(atOnce, paced, floorMs, oursMs, ratioKey) {
  const row = (run) => ({ ms: run.ms, terraformCpuSec: run.terraformCpuSec, [ratioKey]: ratio(run.ms, floorMs) });
  return { ...row(atOnce), paced: { qps: paced.qps, ...row(paced), oursVsPaced: ratio(oursMs, paced.ms) } };
}
/**
 * One size: the bare floor first, then the groups on a fresh emulator; `judged` adds the no-op plans and RSS.
 * A floor is kept in the results even when the FaceGroup part fails.
 * @param {{work: string, env: Record<string,string>, progress: object, logOf: Function}} bench
 * @param {number} n
 * @param {{judged: boolean}} o
 * @returns {Promise<{apply: object, noop?: object, rss?: object, error?: Error}>}
 */
export async function applyVsFloor(bench, n, { judged }) {
  const { progress, env } = bench;
  const bare = await bareFloor(bench, n, `apply-${n}-bare`, env);
  const floor = bare.stack;
  const floorMs = bare.ms;
  const apiFloorMs = (n / API_QPS) * 1000;
  const base = { n, parallelism: PARALLELISM, floorMs, apiFloorMs, floorCpuSec: { terraform: bare.terraformCpuSec } };
  // The plan of the bare stack is the floor of item 2; measured right away, before the groups load the emulator.
  const fp = judged ? await progress.phase(`apply-${n}-bare: terraform plan (no changes)`, () => plan(floor.dir, { ...floor.ctx, log: bench.logOf(`plan-${n}-bare`) })) : undefined;
  try {
    return await withEmulator(async (emu) => {
      const stack = await prepare(bench, FACE_GROUPS_APP, n, `apply-${n}-groups`, { ...env, ...emu.env });
      let sampler;
      let startedAt;
      // Every provider process terraform starts (one per phase of the command) is sampled, from terraform's PID down.
      const onSpawn = (child) => {
        startedAt = Date.now();
        sampler = new TreeSampler(child.pid, isProviderArgv, 200);
      };
      const g = await progress.phase(`apply-${n}-groups: terraform apply (${n} FaceGroups)`, () =>
        apply(stack.dir, { ...stack.ctx, allowFailure: true, onSpawn }).finally(() => sampler?.stop()),
      );
      const rss = rssSummary(sampler.stop());
      const verify = verifyGroups(emu.emulator, n);
      const groupsMs = round(g.ms);
      // A failed apply with every group right still counts as one failure.
      const failures = verify.failures || (g.code === 0 ? 0 : 1);
      const ratioVsMax = ratio(groupsMs, Math.max(floorMs, apiFloorMs));
      const calls = { ...summarizeCalls(emu.emulator.requests), ...timeline(emu.emulator.requests, startedAt) };
      const passTime = ratioVsMax <= TARGETS.applyRatioVsMaxFloor;
      const result = {
        ...base, groupsMs, exit: g.code,
        ratioVsFloor: ratio(groupsMs, floorMs), ratioVsApi: ratio(groupsMs, apiFloorMs), ratioVsMax, passTime,
        failures, verify, calls,
        pass: passTime && failures === 0 && calls.throttledPct <= TARGETS.throttledPctMax,
        synthMs: { bare: floor.synthMs, groups: stack.synthMs }, initMs: { bare: floor.initMs, groups: stack.initMs },
        providerPeakMb: rss.peakMb,
        // Where the wall time went: CPU seconds of terraform and of the provider processes (2 cores = 2 s per s).
        cpuSec: { terraform: rss.terraformCpuSec, provider: rss.providerCpuSec },
      };
      const out = { apply: result, rss: { n, ...rss, pass: rss.peakMb <= TARGETS.providerRssMb && rss.processes.length > 0 } };
      if (!judged) return out;
      if (g.code !== 0) return { ...out, noopError: `not measured: the apply of ${n} groups failed (exit ${g.code})` };
      const before = emu.emulator.requests.length;
      const p = await progress.phase(`apply-${n}-groups: terraform plan (must say No changes)`, () => plan(stack.dir, { ...stack.ctx, log: bench.logOf(`plan-${n}-groups`) }));
      const planCalls = summarizeCalls(emu.emulator.requests.slice(before));
      out.noop = {
        n, planMs: round(p.ms), floorPlanMs: round(fp.ms), ratio: ratio(p.ms, fp.ms), exit: p.code, noChanges: p.noChanges,
        floorNoChanges: fp.noChanges, calls: planCalls, pass: p.noChanges && planCalls.total <= TARGETS.noopMaxCalls && ratio(p.ms, fp.ms) <= TARGETS.noopRatio,
      };
      return out;
    });
  } catch (e) {
    return { apply: { ...base, error: e.message }, error: e };
  }
}
