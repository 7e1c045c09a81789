/**
 * `--profile`: one handler run under `node --cpu-prof`, reduced to where the time goes — the top self-time
 * functions and the top modules (script URLs) of the .cpuprofile.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { HANDLER } from "./handler.mjs";
import { run, tail } from "./proc.mjs";
import { round } from "./stats.mjs";

/** Shortens a script URL: repository-relative, `node:` internals as they are. */
function shortUrl(url, root) {
  if (!url) return "(native/V8)";
  const p = url.startsWith("file://") ? decodeURIComponent(url.slice(7)) : url;
  return p.startsWith(root) ? path.relative(root, p) : p;
}

/**
 * Self time per function and per module of a V8 .cpuprofile. A sample lasts until the next one, so sample i is
 * worth timeDeltas[i + 1] (the last one, until endTime).
 * @param {{nodes: object[], samples: number[], timeDeltas: number[], startTime: number, endTime: number}} prof
 * @param {string} root repository root, to shorten paths
 * @param {number} [top]
 * @returns {{totalMs: number, functions: {name: string, where: string, ms: number, pct: number}[], modules: {module: string, ms: number, pct: number}[]}}
 */
export function summarizeProfile(prof, root, top = 15) {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  let t = prof.startTime;
  for (let i = 0; i < prof.samples.length; i++) t += prof.timeDeltas[i];
  let totalUs = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    const us = i + 1 < prof.samples.length ? prof.timeDeltas[i + 1] : Math.max(0, prof.endTime - t);
    selfUs.set(prof.samples[i], (selfUs.get(prof.samples[i]) ?? 0) + us);
    totalUs += us;
  }
  const fns = new Map();
  const mods = new Map();
  for (const [id, us] of selfUs) {
    const cf = byId.get(id).callFrame;
    const mod = shortUrl(cf.url, root);
    const where = cf.url ? `${mod}:${cf.lineNumber + 1}` : mod;
    const key = `${cf.functionName || "(anonymous)"}\u0000${where}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    mods.set(mod, (mods.get(mod) ?? 0) + us);
  }
  const pct = (us) => round((100 * us) / (totalUs || 1), 1);
  return {
    totalMs: round(totalUs / 1000),
    functions: [...fns]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => ({ name: k.split("\u0000")[0], where: k.split("\u0000")[1], ms: round(us / 1000), pct: pct(us) })),
    modules: [...mods]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([module, us]) => ({ module, ms: round(us / 1000), pct: pct(us) })),
  };
}

/**
 * Runs `node --cpu-prof handler.js <verb>` once and summarizes the profile.
 * @param {{verb: string, env: Record<string,string>, log: string, dir: string, root: string}} o
 * @returns {Promise<ReturnType<typeof summarizeProfile> & {file: string, verb: string}>}
 */
export async function profileHandler({ verb, env, log, dir, root }) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // A fine sampling interval: the whole run lasts a few hundred ms, the default 1 ms gives too few samples.
  const r = await run(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-interval", "100", HANDLER, verb], { env, log });
  if (r.code !== 0) throw new Error(`node --cpu-prof handler.js ${verb} failed (exit ${r.code}):\n${tail(log)}`);
  const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
  const prof = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  return { file: path.relative(root, path.join(dir, file)), verb, ...summarizeProfile(prof, root) };
}

/**
 * The profile as two text tables.
 * @param {ReturnType<typeof summarizeProfile> & {verb: string}} p
 * @returns {string}
 */
export function formatProfile(p) {
  const lines = [`CPU profile of node handler.js ${p.verb}: ${p.totalMs} ms sampled`, "", "Top self time by function:"];
  for (const f of p.functions) lines.push(`  ${String(f.ms.toFixed(1)).padStart(7)} ms ${String(f.pct.toFixed(1)).padStart(5)}%  ${f.name}  ${f.where}`);
  lines.push("", "Top self time by module:");
  for (const m of p.modules) lines.push(`  ${String(m.ms.toFixed(1)).padStart(7)} ms ${String(m.pct.toFixed(1)).padStart(5)}%  ${m.module}`);
  return lines.join("\n");
}
