/** The targets, the verdicts, the printed table and the machine description of results.json. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { capture } from "./proc.mjs";

/** Targets (issues: the provider release; cheap refresh), all ratios to floors or absolute limits measured in the same run. */
export const TARGETS = {
  applyRatioVsMaxFloor: 1.25,
  applyFailures: 0,
  throttledPctMax: 1,
  noopMustSayNoChanges: true,
  noopMaxCalls: 2,
  noopRatio: 1.25,
  fewInBigAccountMaxCalls: 3,
  createsInBigAccountMaxCalls: 11,
  providerStartRatio: 1.5,
  diffRatio: 2,
  providerRssMb: 128,
  synthRatio: 1.2,
};

/**
 * What the numbers were measured on: CPU, memory, OS, tool versions, the commit.
 * @param {string} root repository root
 * @returns {Promise<object>}
 */
export async function machineInfo(root) {
  const tf = await capture("terraform", ["version", "-json"]);
  const head = await capture("git", ["-C", root, "rev-parse", "--short", "HEAD"]);
  const dirty = await capture("git", ["-C", root, "status", "--porcelain", "--untracked-files=no"]);
  const pkg = (name) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version;
    } catch {
      return undefined;
    }
  };
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version, // the benchmark's node; the provider's own (from /proc during an apply) is `providerNode`
    terraform: tf ? JSON.parse(tf).terraform_version : undefined,
    cdktf: pkg("cdktf"),
    commit: head ? `${head.trim()}${dirty?.trim() ? "+dirty" : ""}` : undefined,
  };
}

const f2 = (x) => (x === null || x === undefined ? "—" : x.toFixed(2));
const sec = (ms) => `${(ms / 1000).toFixed(1)} s`;
const verdict = (ok) => (ok ? "PASS" : "FAIL");
const calls = (c) =>
  Object.entries(c.byAction)
    .map(([a, codes]) => `${a} ${Object.values(codes).reduce((x, y) => x + y, 0)}`)
    .join(", ") || "none";

/**
 * Rows of the summary table (one per measured item, numbered as in the README) plus indented detail lines.
 * @param {object} r the results object of run.mjs
 * @returns {string[][]}
 */
export function tableRows(r) {
  const rows = [];
  for (const a of r.apply ?? []) {
    if (a.error) {
      rows.push([`1 Apply N=${a.n}: FaceGroups not measured`, "—", `bare ${a.floorMs ? sec(a.floorMs) : "—"} · API ${sec(a.apiFloorMs)}`, "", `≤ ${f2(TARGETS.applyRatioVsMaxFloor)}`, "FAIL"]);
      continue;
    }
    rows.push([`1 Apply N=${a.n} (parallelism ${a.parallelism})`, sec(a.groupsMs), `max(bare ${sec(a.floorMs)}, N/50 ${sec(a.apiFloorMs)})`, f2(a.ratioVsMax), `≤ ${f2(TARGETS.applyRatioVsMaxFloor)}`, verdict(a.passTime)]);
    rows.push(["    failures (exit · groups exact)", `${a.failures} (exit ${a.exit} · ${a.verify.exact}/${a.n})`, "", "", "0", verdict(a.failures === 0)]);
    if (a.cpuSec) rows.push(["    CPU: terraform · provider processes", `${a.cpuSec.terraform} s · ${a.cpuSec.provider} s`, `bare: terraform ${a.floorCpuSec?.terraform} s; API calls ${sec(a.calls.firstCallAtMs ?? 0)} → ${sec(a.calls.lastCallAtMs ?? 0)}, ${a.calls.callsPerSecond}/s`, "", "", ""]);
    rows.push(["    throttled answers / API calls", `${a.calls.throttled} / ${a.calls.total}`, calls(a.calls), `${a.calls.throttledPct}%`, `≤ ${TARGETS.throttledPctMax}%`, verdict(a.calls.throttledPct <= TARGETS.throttledPctMax)]);
  }
  if (r.noop) {
    const n = r.noop;
    rows.push([`2 No-op plan N=${n.n}: says "No changes"`, n.noChanges ? "yes" : `no (exit ${n.exit})`, "", "", "yes", verdict(n.noChanges)]);
    rows.push(["    plan time vs bare terraform_data plan", sec(n.planMs), `bare ${sec(n.floorPlanMs)}`, f2(n.ratio), `≤ ${f2(TARGETS.noopRatio)}`, verdict(n.ratio <= TARGETS.noopRatio)]);
    rows.push(["    API calls of the plan", String(n.calls.total), calls(n.calls), "", `≤ ${TARGETS.noopMaxCalls}`, verdict(n.calls.total <= TARGETS.noopMaxCalls)]);
  }
  if (r.refresh) {
    const f = r.refresh;
    rows.push([`2 No-op plan of ${f.stackGroups} groups in an account of ${f.accountGroups}: API calls`, String(f.calls.total), `${calls(f.calls)}; ${sec(f.planMs)}${f.noChanges ? "" : "; NOT \"No changes\""}`, "", `≤ ${TARGETS.fewInBigAccountMaxCalls}`, verdict(f.pass)]);
  }
  if (r.predict) {
    const f = r.predict;
    rows.push([`2 Plan creating ${f.createdGroups} groups in an account of ${f.accountGroups}: API calls`, String(f.calls.total), `${calls(f.calls)}; ${sec(f.planMs)}${f.planned ? "" : "; NOT planned"}`, "", `≤ ${TARGETS.createsInBigAccountMaxCalls}`, verdict(f.pass)]);
  }
  if (r.providerStart) {
    const p = r.providerStart;
    rows.push([`3 Provider start to handshake (median of ${p.runs})`, `${p.providerMedianMs.toFixed(1)} ms`, `node -e 0: ${p.nodeMedianMs.toFixed(1)} ms`, f2(p.ratio), `≤ ${f2(TARGETS.providerStartRatio)}`, verdict(p.pass)]);
    for (const v of p.also ?? []) rows.push([`    ${v.name}`, `${v.medianMs.toFixed(1)} ms`, "", f2(v.ratio), "", ""]);
  }
  if (r.diff) {
    const d = r.diff;
    rows.push([`4 cdktf diff, 1 group, up to date (median of ${d.runs})`, sec(d.groupMedianMs), `1 bare terraform_data ${sec(d.bareMedianMs)}`, f2(d.ratio), `≤ ${f2(TARGETS.diffRatio)}`, verdict(d.pass)]);
  }
  if (r.rss) {
    const m = r.rss;
    rows.push([`5 Provider peak RSS, apply N=${m.n}`, `${m.peakMb.toFixed(1)} MB`, `${m.processes.length} provider processes (VmHWM)`, "", `≤ ${TARGETS.providerRssMb} MB`, verdict(m.pass)]);
  }
  if (r.synth) {
    const s = r.synth;
    rows.push([`6 Synth N=${s.n} (median of ${s.runs})`, sec(s.groupsMedianMs), `bare terraform_data ${sec(s.bareMedianMs)}`, f2(s.ratio), `≤ ${f2(TARGETS.synthRatio)}`, verdict(s.pass)]);
  }
  for (const p of r.pg ?? []) {
    const local = p.local ? `local state ${sec(p.local.ms)} (${f2(p.localRatioVsApi)})` : "local state not run (N > 5,000)";
    rows.push([`7 Apply N=${p.n}, state in PostgreSQL (pg backend)`, sec(p.pg.ms), `N/50 ${sec(p.apiFloorMs)}; ${local}`, f2(p.ratioVsApi), `≤ ${f2(TARGETS.applyRatioVsMaxFloor)}`, verdict(p.passTime)]);
    rows.push(["    failures (exit · groups exact · in the pg state)", `${p.pg.failures} (exit ${p.pg.exit} · ${p.pg.verify.exact}/${p.n} · ${p.pg.stateResources})`, p.local ? `local: ${p.local.failures} failures` : "", "", "0", verdict(p.pg.failures === 0 && p.pg.stateResources === p.n)]);
    if (p.bare) rows.push(["    vs Terraform's own floor, same backend", sec(p.pg.ms), `max(bare terraform_data on pg ${sec(p.bare.ms)}, N/50 ${sec(p.apiFloorMs)})`, f2(p.ratioVsFloors), "", ""]);
    if (p.nullProvider?.ms) rows.push(["    through the null provider (no API call: Terraform + a Node.js provider)", sec(p.nullProvider.ms), `N/50 ${sec(p.apiFloorMs)}; terraform CPU ${p.nullProvider.terraformCpuSec} s`, f2(p.nullProvider.ratioVsApi), "", ""]);
    if (p.nullProvider?.paced?.ms) rows.push([`    the null provider paced at ${p.nullProvider.paced.qps}/s (the floor of a provider that keeps to the limit)`, sec(p.nullProvider.paced.ms), `N/50 ${sec(p.apiFloorMs)}; ours: ${f2(p.nullProvider.paced.oursVsPaced)}× of it`, f2(p.nullProvider.paced.ratioVsApi), "", ""]);
    rows.push(["    CPU of terraform: pg · bare on pg · local", `${p.pg.terraformCpuSec} s · ${p.bare?.terraformCpuSec ?? "—"} s · ${p.local?.terraformCpuSec ?? "—"} s`, `calls ${p.pg.calls.total} · ${p.local?.calls.total ?? "—"}, throttled ${p.pg.calls.throttled} · ${p.local?.calls.throttled ?? "—"}${p.pg.calls.firstCallAtMs === undefined ? "" : `; pg: first call at ${sec(p.pg.calls.firstCallAtMs)}, then ${p.pg.calls.callsPerSecond}/s`}`, "", "", ""]);
    if (p.pg.noop) {
      rows.push(["    no-op plan after it: \"No changes\" · API calls", `${p.pg.noop.noChanges ? "yes" : "no"} · ${p.pg.noop.calls.total}`, `${calls(p.pg.noop.calls)}; ${sec(p.pg.noop.ms)}`, "", "yes · ≤ 11", verdict(p.pg.noop.noChanges && p.pg.noop.calls.total <= 11)]);
      rows.push(["    provider peak RSS", `${p.pg.providerPeakMb.toFixed(1)} MB`, "", "", `≤ ${TARGETS.providerRssMb} MB`, verdict(p.pg.providerPeakMb <= TARGETS.providerRssMb)]);
    }
  }
  for (const c of r.cloud ?? []) {
    const reference = `max(bare ${sec(c.floors.bareMs)}, N/50 ${sec(c.floors.apiMs)}, N×${c.latencyMs} ms/${c.parallelism} ${sec(c.floors.latencyMs)})`;
    if (c.nullProvider) {
      rows.push([`8 Apply N=${c.n} through the null provider (no API call: Terraform + a Node.js provider)`, sec(c.nullProvider.ms), reference, f2(c.nullProvider.ratio), "", ""]);
      const paced = c.nullProvider.paced;
      if (paced) rows.push([`    paced at ${paced.qps}/s with ${c.latencyMs} ms answers (the floor of a provider that keeps to the limit)`, sec(paced.ms), `${reference}; the ${c.latencyMs} ms run: ${f2(paced.oursVsPaced)}× of it`, f2(paced.ratio), "", ""]);
    }
    if (c.unthrottled) {
      rows.push([`8 Apply N=${c.n}, no latency, no rate limit (reference)`, sec(c.unthrottled.ms), `terraform CPU ${c.unthrottled.cpuSec.terraform} s, provider ${c.unthrottled.cpuSec.provider} s; ${c.unthrottled.calls.total} calls`, "", "", ""]);
      rows.push([`    the ${c.latencyMs} ms run against it (what latency and the API limit cost)`, sec(c.latency.ms), sec(c.unthrottled.ms), f2(c.latencyCost), "", ""]);
    }
    for (const [label, run] of [[`${c.latencyMs} ms answers`, c.latency], [`${c.latencyMs} ms answers, listing ${c.listingLagMs / 1000} s late`, c.lagging]]) {
      rows.push([`8 Apply N=${c.n}, ${label}`, sec(run.ms), reference, f2(run.ratio), `≤ ${f2(run.target)}`, verdict(run.ratio !== null && run.ratio <= run.target)]);
      rows.push(["    failures · API calls", `${run.failures} · ${run.calls.total}`, `${calls(run.calls)}; ${run.calls.callsPerSecond}/s`, "", "0", verdict(run.failures === 0)]);
      rows.push(["    no-op plan right after: \"No changes\" · calls", `${run.noop.noChanges ? "yes" : `no (exit ${run.noop.exit})`} · ${run.noop.calls.total}`, `${calls(run.noop.calls)}; ${sec(run.noop.ms)}`, "", "yes", verdict(run.noop.noChanges)]);
    }
  }
  return rows;
}

/**
 * Formats rows as an aligned text table with a header.
 * @param {string[][]} rows
 * @returns {string}
 */
export function formatTable(rows) {
  const all = [["Measurement", "Measured", "Reference (same run)", "Ratio", "Target", "Result"], ...rows];
  const widths = all[0].map((_, i) => Math.max(...all.map((row) => [...row[i]].length)));
  const line = (row) => row.map((cell, i) => cell + " ".repeat(widths[i] - [...cell].length)).join("  ").trimEnd();
  return [line(all[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
