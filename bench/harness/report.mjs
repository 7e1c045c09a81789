/** The targets of issue 4, the verdicts, the printed table and the machine description of results.json. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { capture } from "./proc.mjs";

/** Targets, all as ratios or absolute limits measured in the same run. */
export const TARGETS = {
  coldStartRatio: 1.3,
  applyRatioVsMaxFloor: 1.25,
  applyFailures: 0,
  noopWriteCalls: 0,
  synthRatio: 1.2,
  handlerRssMb: 64,
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
    node: process.version,
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
 * Rows of the summary table (one per measured item) plus indented detail lines.
 * @param {object} r the results object of run.mjs
 * @returns {string[][]}
 */
export function tableRows(r) {
  const rows = [];
  if (r.coldStart) {
    const c = r.coldStart;
    rows.push([`1 Handler cold start: ${c.verb} (median of ${c.runs})`, `${c.handlerMedianMs.toFixed(1)} ms`, `node -e 0: ${c.nodeMedianMs.toFixed(1)} ms`, f2(c.ratio), `≤ ${f2(TARGETS.coldStartRatio)}`, verdict(c.pass)]);
    for (const v of c.also ?? []) rows.push([`    ${v.name}`, `${v.medianMs.toFixed(1)} ms`, "", f2(v.ratio), "", ""]);
  }
  for (const a of r.apply ?? []) {
    if (a.error) {
      rows.push([`2 Apply N=${a.n}: FaceGroups not measured`, "—", `node floor ${sec(a.floorMs)} · API ${sec(a.apiFloorMs)}`, "", `≤ ${f2(TARGETS.applyRatioVsMaxFloor)}`, "FAIL"]);
      continue;
    }
    rows.push([`2 Apply N=${a.n} (parallelism ${a.parallelism})`, sec(a.groupsMs), `max(node ${sec(a.floorMs)}, API ${sec(a.apiFloorMs)})`, f2(a.ratioVsMax), `≤ ${f2(TARGETS.applyRatioVsMaxFloor)}`, verdict(a.pass)]);
    rows.push(["    apply ÷ node floor · ÷ N/50 s", "", "", `${f2(a.ratioVsFloor)} · ${f2(a.ratioVsApi)}`, "", ""]);
    if (a.structureMs !== undefined) {
      rows.push(["    structure floor (handler → node -e 0)", sec(a.structureMs), `÷ node floor: ${f2(a.ratioStructureVsFloor)}`, "", "", ""]);
      rows.push(["    apply ÷ structure floor (handler's share)", "", "", f2(a.ratioVsStructure), "", ""]);
    }
    rows.push(["    failures (exit · groups exact)", `${a.failures} (exit ${a.exit} · ${a.verify.exact}/${a.n})`, "", "", "0", verdict(a.failures === 0)]);
    rows.push(["    API calls · throttled (retried)", `${a.calls.total} · ${a.calls.throttled}`, calls(a.calls), "", "", ""]);
  }
  if (r.noop) {
    const n = r.noop;
    rows.push([`3 No-op re-apply N=${n.n}: write calls`, String(n.calls.writes), `all calls: ${n.calls.total}`, "", "0", verdict(n.pass)]);
    rows.push(["    re-apply time vs terraform plan", sec(n.applyMs), `plan ${sec(n.planMs)}`, f2(n.ratio), "", ""]);
  }
  if (r.synth) {
    const s = r.synth;
    rows.push([`4 Synth N=${s.n} (median of ${s.runs})`, sec(s.groupsMedianMs), `bare terraform_data ${sec(s.bareMedianMs)}`, f2(s.ratio), `≤ ${f2(TARGETS.synthRatio)}`, verdict(s.pass)]);
  }
  if (r.rss) {
    rows.push([`5 Handler peak RSS (${r.rss.verb}, 1 group)`, `${r.rss.mb.toFixed(1)} MB`, r.rss.method, "", `≤ ${TARGETS.handlerRssMb} MB`, verdict(r.rss.pass)]);
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
