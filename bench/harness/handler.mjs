/**
 * The bundled apply-time handler run as Terraform runs it (`node handler.js <verb>`, spec in FACE_GROUP):
 * cold-start timing against `node -e 0`, and peak RSS.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { run, tail } from "./proc.mjs";
import { median, ratio, round } from "./stats.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The esbuild bundle that FaceGroup ships as a stack asset. */
export const HANDLER = path.resolve(HERE, "..", "..", "lib", "handler", "bundle", "handler.js");

/**
 * FACE_GROUP as the settings part passes it (`jsonencode(self.input)` of `<name>_settings`).
 * @param {{groupId: string, groupName: string, groupExDescriptions: string[], tag: string, faceModelVersion: string}} p
 * @returns {string}
 */
export function settingsSpec(p) {
  return JSON.stringify({
    group_id: p.groupId,
    group_name: p.groupName,
    group_ex_descriptions: p.groupExDescriptions,
    tag: p.tag,
    face_model_version: p.faceModelVersion,
    region: "ap-guangzhou",
  });
}

/**
 * Whether the handler has a `check` verb (validate the spec and build the API client, no call): exit 0 on a valid spec.
 * @param {Record<string,string>} env includes FACE_GROUP
 * @param {string} log
 * @returns {Promise<boolean>}
 */
export async function hasCheckVerb(env, log) {
  const r = await run(process.execPath, [HANDLER, "check"], { env, log });
  return r.code === 0;
}

/**
 * FACE_GROUP as the identity part passes it to `delete`.
 * @param {{groupId: string, faceModelVersion: string}} p
 * @param {"retain"|"destroy"} removalPolicy
 * @returns {string}
 */
export function identitySpec(p, removalPolicy) {
  return JSON.stringify({ group_id: p.groupId, face_model_version: p.faceModelVersion, region: "ap-guangzhou", removal_policy: removalPolicy });
}

/**
 * Cold start: each variant (`node handler.js <verb>` with its own env) vs `node -e 0`, interleaved run by run so
 * drift (thermal, page cache, other load) hits all alike; one discarded warm-up round first, so none pays for a
 * cold page cache.
 * @param {{runs: number, variants: {name: string, verb: string, env: Record<string,string>}[], env: Record<string,string>, log: string}} o
 * @returns {Promise<{runs: number, nodeMs: number[], nodeMedianMs: number, variants: object[]}>} raw ms, medians, ratios to node -e 0
 */
export async function measureColdStart({ runs, variants, env, log }) {
  const nodeMs = [];
  const times = variants.map(() => []);
  for (let i = -1; i < runs; i++) {
    const bare = await run(process.execPath, ["-e", "0"], { env, log });
    if (i >= 0) nodeMs.push(round(bare.ms));
    for (const [k, v] of variants.entries()) {
      const h = await run(process.execPath, [HANDLER, v.verb], { env: v.env, log });
      if (h.code !== 0) throw new Error(`node handler.js ${v.verb} (${v.name}) failed (exit ${h.code}):\n${tail(log)}`);
      if (i >= 0) times[k].push(round(h.ms));
    }
  }
  const nodeMedianMs = round(median(nodeMs));
  return {
    runs,
    nodeMs,
    nodeMedianMs,
    variants: variants.map((v, k) => {
      const medianMs = round(median(times[k]));
      return { name: v.name, verb: v.verb, ms: times[k], medianMs, ratio: ratio(medianMs, nodeMedianMs) };
    }),
  };
}

/**
 * Peak resident set size of one `node handler.js <verb>` run, from the kernel's accounting of the whole process:
 * GNU time's %M (ru_maxrss) when /usr/bin/time exists, else VmHWM read at exit by a `-r` probe.
 * @param {{verb: string, env: Record<string,string>, log: string, workDir: string}} o
 * @returns {Promise<{kb: number, mb: number, method: string, exit: number|null}>}
 */
export async function measurePeakRss({ verb, env, log, workDir }) {
  const out = path.join(workDir, "rss.txt");
  fs.rmSync(out, { force: true });
  let r;
  let method;
  if (fs.existsSync("/usr/bin/time")) {
    method = "/usr/bin/time -f %M (ru_maxrss)";
    r = await run("/usr/bin/time", ["-f", "%M", "-o", out, process.execPath, HANDLER, verb], { env, log });
  } else {
    method = "VmHWM of /proc/self/status at exit (-r probe)";
    const probe = path.join(HERE, "rss-probe.cjs");
    r = await run(process.execPath, ["-r", probe, HANDLER, verb], { env: { ...env, BENCH_RSS_FILE: out }, log });
  }
  const kb = Number(fs.readFileSync(out, "utf8").trim().split("\n").pop());
  if (r.code !== 0 || !Number.isFinite(kb)) throw new Error(`node handler.js ${verb} failed (exit ${r.code}):\n${tail(log)}`);
  return { kb, mb: round(kb / 1024, 1), method, exit: r.code };
}
