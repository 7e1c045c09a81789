/**
 * `--profile`: the provider processes of one terraform command, each CPU-profiled by a preloaded hook
 * (cpu-profile-hook.cjs, through NODE_OPTIONS, which the provider's node inherits from terraform), reduced to where
 * the time goes — the top self-time functions and the top modules (script URLs) of each .cpuprofile. A profile is
 * written when the process exits by itself, i.e. when Terraform stops it over gRPC (GRPCController/Shutdown) as it
 * does after every command; a provider killed instead leaves none.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { round } from "./stats.mjs";

/** Shortens a script URL: repository-relative, `node:` internals as they are. */
function shortUrl(url, root) {
  if (!url) return "(native/V8)";
  const p = url.startsWith("file://") ? decodeURIComponent(url.slice(7)) : url;
  // The bundle as Terraform runs it, from a stack's mirror or .terraform/providers: one short name.
  if (/(terraform\.d\/plugins|\.terraform\/providers)\/.*\/provider\.js$/.test(p)) return "provider.js (the provider bundle)";
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
 * Runs `command(env)` (a terraform run) with every provider process below it profiling itself into `dir`, then
 * summarizes each profile, longest first.
 * @param {{dir: string, root: string, env: Record<string,string>, command: (env: Record<string,string>) => Promise<unknown>}} o
 * @returns {Promise<{dir: string, profiles: (ReturnType<typeof summarizeProfile> & {file: string})[]}>}
 */
export async function profileProviders({ dir, root, env, command }) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const hook = path.join(path.dirname(fileURLToPath(import.meta.url)), "cpu-profile-hook.cjs");
  const nodeOptions = [env.NODE_OPTIONS, `--require=${hook}`].filter(Boolean).join(" ");
  await command({ ...env, NODE_OPTIONS: nodeOptions, BENCH_CPU_PROF_DIR: dir });
  const profiles = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => ({ file: path.relative(root, path.join(dir, f)), ...summarizeProfile(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")), root) }))
    .sort((a, b) => b.totalMs - a.totalMs);
  return { dir: path.relative(root, dir), profiles };
}

/**
 * A profile as two text tables.
 * @param {ReturnType<typeof summarizeProfile> & {file: string}} p
 * @param {string} title
 * @returns {string}
 */
export function formatProfile(p, title) {
  const lines = [`${title}: ${p.totalMs} ms sampled (${p.file})`, "", "Top self time by function:"];
  for (const f of p.functions) lines.push(`  ${String(f.ms.toFixed(1)).padStart(7)} ms ${String(f.pct.toFixed(1)).padStart(5)}%  ${f.name}  ${f.where}`);
  lines.push("", "Top self time by module:");
  for (const m of p.modules) lines.push(`  ${String(m.ms.toFixed(1)).padStart(7)} ms ${String(m.pct.toFixed(1)).padStart(5)}%  ${m.module}`);
  return lines.join("\n");
}
