/**
 * Item 8, "the real cloud": `terraform apply` of N FaceGroups against an emulator that answers every call after
 * 80 ms (the round trip to iai.tencentcloudapi.com from abroad is 150–250 ms, inside mainland China tens of ms) at
 * 50 QPS, vs max(apply of N bare terraform_data, N/50 s, N × 80 ms / parallelism) — then the same with a listing that
 * shows writes 2 s late. After each apply, the no-op plan right away: it must say "No changes" (a lagging listing
 * must not make it plan creates of groups that exist), with its API calls by action. For reference, the same apply
 * with no latency and no rate limit anywhere: what Terraform and the provider cost by themselves, so the ratio of the
 * 80 ms run to it is what the latency and the API limit still cost; and the apply through the null provider (no API
 * call at all): its ratio to the judged floor is the best our provider (Node.js, this protocol server) could score;
 * paced like the API (the rate limiter's turn, then 80 ms, where each create's call would be), the best any provider
 * of this design that keeps to the API's limit could.
 */
import { API_QPS, summarizeCalls, verifyGroups } from "../harness/emulator.mjs";
import { TreeSampler } from "../harness/proctree.mjs";
import { isProviderArgv } from "../harness/provider.mjs";
import { FACE_GROUPS_APP, PARALLELISM, apply, plan } from "../harness/stack.mjs";
import { ratio, round } from "../harness/stats.mjs";
import { bareFloor, nullProviderFloor, nullProviderResult, prepare, rssSummary, timeline, withEmulator } from "./apply.mjs";

/** The answer latency of the case, ms. */
export const CLOUD_LATENCY_MS = 80;
/** The listing lag of the second case, ms. */
export const CLOUD_LISTING_LAG_MS = 2_000;
/** Targets: the apply vs its floor without and with the lag. */
export const CLOUD_TARGETS = { applyRatio: 1.25, laggingApplyRatio: 1.5 };

/**
 * One apply (and the no-op plan right after it) on a fresh emulator with `options`.
 * @param {object} bench
 * @param {number} n
 * @param {string} name
 * @param {{latencyMs: number, listingLagMs?: number, unlimited?: boolean}} options `unlimited`: no rate limit in the
 *   emulator nor in the provider
 */
async function cloudApply(bench, n, name, options) {
  const { unlimited, ...emulatorOptions } = options;
  return withEmulator(async (emu) => {
    if (unlimited) emu.emulator.setQps(0);
    const stack = await prepare(bench, FACE_GROUPS_APP, n, name, { ...bench.env, ...emu.env, ...(unlimited ? { BENCH_PROVIDER_QPS: "100000" } : {}) });
    let sampler;
    let startedAt;
    const onSpawn = (child) => {
      startedAt = Date.now();
      sampler = new TreeSampler(child.pid, isProviderArgv, 500);
    };
    const g = await bench.progress.phase(`${name}: terraform apply (${n} FaceGroups, ${options.latencyMs} ms answers, listing lag ${options.listingLagMs ?? 0} ms)`, () =>
      apply(stack.dir, { ...stack.ctx, allowFailure: true, onSpawn }).finally(() => sampler?.stop()),
    );
    const rss = rssSummary(sampler.stop());
    const verify = verifyGroups(emu.emulator, n);
    const calls = { ...summarizeCalls(emu.emulator.requests), ...timeline(emu.emulator.requests, startedAt) };
    const before = emu.emulator.requests.length;
    // Right after the apply: with a lag, the groups created last are not listed yet.
    const p = await bench.progress.phase(`${name}: terraform plan right after (must say No changes)`, () => plan(stack.dir, { ...stack.ctx, log: bench.logOf(`${name}-plan`) }));
    return {
      ms: round(g.ms), exit: g.code, failures: verify.failures || (g.code === 0 ? 0 : 1), verify, calls, providerPeakMb: rss.peakMb,
      cpuSec: { terraform: rss.terraformCpuSec, provider: rss.providerCpuSec },
      noop: { ms: round(p.ms), exit: p.code, noChanges: p.noChanges, calls: summarizeCalls(emu.emulator.requests.slice(before)) },
    };
  }, emulatorOptions);
}

/**
 * Item 8 for N groups: the bare floor, then the apply at 80 ms, then at 80 ms with a 2 s listing lag.
 * @param {{work: string, env: Record<string,string>, progress: object, logOf: Function}} bench
 * @param {number} n
 */
export async function applyUnderLatency(bench, n) {
  const bare = await bareFloor(bench, n, `cloud-${n}-bare`, bench.env);
  const floors = { bareMs: bare.ms, apiMs: (n / API_QPS) * 1000, latencyMs: (n * CLOUD_LATENCY_MS) / PARALLELISM };
  const floorMs = Math.max(floors.bareMs, floors.apiMs, floors.latencyMs);
  const judge = (run, target) => {
    const r = ratio(run.ms, floorMs);
    return { ...run, ratio: r, target, pass: r !== null && r <= target && run.failures === 0 && run.noop.noChanges };
  };
  const nullRun = await nullProviderFloor(bench, n, `cloud-${n}-null`, bench.env);
  const pacedRun = await nullProviderFloor(bench, n, `cloud-${n}-paced`, bench.env, { latencyMs: CLOUD_LATENCY_MS });
  const unthrottled = await cloudApply(bench, n, `cloud-${n}-unthrottled`, { latencyMs: 0, unlimited: true });
  const fast = await cloudApply(bench, n, `cloud-${n}-latency`, { latencyMs: CLOUD_LATENCY_MS });
  const lagging = await cloudApply(bench, n, `cloud-${n}-lag`, { latencyMs: CLOUD_LATENCY_MS, listingLagMs: CLOUD_LISTING_LAG_MS });
  return {
    n, parallelism: PARALLELISM, latencyMs: CLOUD_LATENCY_MS, listingLagMs: CLOUD_LISTING_LAG_MS, floors, floorMs,
    nullProvider: nullProviderResult(nullRun, pacedRun, floorMs, fast.ms, "ratio"), unthrottled, latencyCost: ratio(fast.ms, unthrottled.ms),
    latency: judge(fast, CLOUD_TARGETS.applyRatio),
    lagging: judge(lagging, CLOUD_TARGETS.laggingApplyRatio),
  };
}
