#!/usr/bin/env node
/**
 * `npm run bench [-- --quick | --big] [-- --only=…] [-- --profile[=plan|apply]]`: measures the provider path (one
 * `tencentcloudiai_face_group` per FaceGroup, served by our own provider process) against floors measured in the
 * same sequential run on this machine (see README "Benchmark") and writes bench/results.json.
 *
 *   1. apply of N groups vs max(apply of N bare terraform_data, N/50 s); failures; throttled answers  (items/apply)
 *   2. no-op plan of the groups: "No changes", time vs the bare plan, API calls by action             (items/apply)
 *      and the no-op plan of 3 groups in an account of 10,000: API calls                              (items/refresh)
 *      and the plan creating 100 groups in an account of 10,000: API calls (its predictions)          (items/predict)
 *   3. provider start (exec → handshake line) vs `node -e 0`                                           (items/start)
 *   4. one-group `cdktf diff`, up to date, vs one bare terraform_data                                   (items/diff)
 *   5. provider peak RSS during the judged apply                                                       (items/apply)
 *   6. synth of N groups vs N bare terraform_data                                                      (items/synth)
 *   7. apply of N groups with the state in PostgreSQL (pg backend) vs N/50 s; local state next to it     (items/pg)
 *   8. the real cloud: apply of 1,000 groups with 80 ms answers, then also a listing 2 s late, vs           (items/cloud)
 *      max(bare, N/50 s, N × 80 ms / parallelism), and the no-op plan right after each
 *
 * `--quick`: small sizes for development (~1 min). `--big`: adds N = 5,000 to item 1 and N = 10,000 to item 7.
 * `--only=apply,refresh,start,diff,synth,pg,cloud`:
 * a subset. `--profile[=plan|apply]`: only the provider's CPU profile (plan: start-up; apply: a whole apply).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { benchEnv, capture } from "./harness/proc.mjs";
import { formatProfile } from "./harness/profile.mjs";
import { PROVIDER_BUNDLE } from "./harness/provider.mjs";
import { TARGETS, formatTable, machineInfo, tableRows } from "./harness/report.mjs";
import { Progress, round } from "./harness/stats.mjs";
import { applyVsFloor } from "./items/apply.mjs";
import { diffRatio } from "./items/diff.mjs";
import { profileCommand } from "./items/profile.mjs";
import { applyUnderLatency } from "./items/cloud.mjs";
import { applyWithPg } from "./items/pg.mjs";
import { createsInBigAccount } from "./items/predict.mjs";
import { refreshInBigAccount } from "./items/refresh.mjs";
import { providerStart } from "./items/start.mjs";
import { synthRatio } from "./items/synth.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WORK = path.join(ROOT, "bench", ".work");
const ITEMS = ["apply", "refresh", "start", "diff", "synth", "pg", "cloud"];

const argv = process.argv.slice(2);
const option = (name) => argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const unknown = argv.filter((a) => !/^--(quick|big|profile(=(plan|apply))?|only=[a-z,]+)$/.test(a));
const only = option("only")?.slice("--only=".length).split(",");
if (unknown.length || only?.some((i) => !ITEMS.includes(i))) {
  console.error(`bench: unknown option ${unknown.join(" ") || option("only")} (use --quick, --big, --only=${ITEMS.join(",")}, --profile[=plan|apply])`);
  process.exit(2);
}
const QUICK = Boolean(option("quick"));
const SIZES = QUICK
  ? { apply: [50], startRuns: 5, diffRuns: 1, synth: 500, synthRuns: 2, pg: [50], cloud: 50 }
  : { apply: [200, 1000, ...(option("big") ? [5000] : [])], startRuns: 15, diffRuns: 3, synth: 5000, synthRuns: 3, pg: [1000, ...(option("big") ? [10000] : [])], cloud: 1000 };
/** The apply size that items 2 and 5 are judged on: 1,000 (the issue's N), or the only size of a quick run. */
const JUDGED_N = SIZES.apply.includes(1000) ? 1000 : SIZES.apply.at(-1);
const wanted = (item) => !only || only.includes(item);

fs.rmSync(WORK, { recursive: true, force: true });
fs.mkdirSync(path.join(WORK, "logs"), { recursive: true });
const TF_RC = path.join(WORK, "terraformrc");
// An empty CLI config: no plugin cache, no credentials, and no provider_installation block — with one, Terraform
// ignores the implied local mirror (terraform.d/plugins) where the construct places the provider.
fs.writeFileSync(TF_RC, "");
const progress = new Progress();
/** What every item gets: where to work, the environment of every measured process, progress output, log files. */
const bench = { root: ROOT, work: WORK, env: benchEnv(TF_RC), progress, logOf: (name) => path.join(WORK, "logs", `${name}.log`) };

/** Runs one item; a failure is recorded (and printed) instead of ending the run, so the other items still report. */
async function item(results, key, fn) {
  try {
    Object.assign(results, await fn());
  } catch (e) {
    console.error(`  ${key}: ${e.message}`);
    (results.errors ??= {})[key] = e.message;
  }
}

/** The node that ran the provider under terraform (seen in /proc), and its version. */
async function providerNode(results) {
  const exe = results.rss?.processes.find((p) => p.exe)?.exe ?? results.providerStart?.node;
  if (!exe) return undefined;
  const version = (await capture(exe, ["-p", "process.version"]))?.trim();
  return { exe, version };
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, "lib", "index.js"))) throw new Error("lib/ is missing: run `npm run build` (npm run bench does)");
  if (!fs.existsSync(PROVIDER_BUNDLE)) console.log(`Note: ${path.relative(ROOT, PROVIDER_BUNDLE)} is missing (is the provider built?)\n`);
  const profileArg = option("profile");
  if (profileArg) {
    const kind = profileArg === "--profile=apply" ? "apply" : "plan";
    const p = await profileCommand(bench, kind, SIZES.apply[0]);
    for (const prof of p.profiles.slice(0, 2)) console.log(`\n${formatProfile(prof, `Provider process of terraform ${kind} (${p.n} group(s))`)}`);
    console.log(`\n${p.profiles.length} profile(s) in ${p.dir} (open in Chrome DevTools › Performance)`);
    return;
  }

  console.log(`npm run bench${QUICK ? " --quick" : ""}: the provider path against its floors; work dir bench/.work\n`);
  const results = { date: new Date().toISOString(), mode: QUICK ? "quick" : option("big") ? "full+big" : "full", sizes: SIZES, judgedN: JUDGED_N, only, machine: await machineInfo(ROOT), targets: TARGETS };
  // Busy = more runnable work than cores before we start (the build just before adds up to ~1; our own applies
  // load the machine afterwards, so the load at the end says nothing about others).
  results.busy = results.machine.loadAverage[0] > results.machine.cpus;
  if (results.busy) {
    console.log(`Warning: the machine is busy (load ${results.machine.loadAverage[0]} on ${results.machine.cpus} cores): every ratio below is skewed by the other work.\n`);
  }
  // Cheap items first; the applies, which load the machine longest, last.
  if (wanted("start")) await item(results, "providerStart", async () => ({ providerStart: await providerStart(bench, SIZES.startRuns) }));
  if (wanted("diff")) await item(results, "diff", async () => ({ diff: await diffRatio(bench, SIZES.diffRuns) }));
  if (wanted("synth")) await item(results, "synth", async () => ({ synth: await synthRatio(bench, SIZES.synth, SIZES.synthRuns) }));
  if (wanted("refresh")) await item(results, "refresh", async () => ({ refresh: await refreshInBigAccount(bench) }));
  if (wanted("refresh")) await item(results, "predict", async () => ({ predict: await createsInBigAccount(bench) }));
  for (const n of wanted("apply") ? SIZES.apply : []) {
    await item(results, `apply${n}`, async () => {
      const r = await applyVsFloor(bench, n, { judged: n === JUDGED_N });
      results.apply = [...(results.apply ?? []), r.apply];
      if (r.noopError) (results.errors ??= {}).noop = r.noopError;
      if (r.error) throw r.error;
      return { ...(r.noop ? { noop: r.noop } : {}), ...(n === JUDGED_N && r.rss ? { rss: r.rss } : {}) };
    });
  }
  for (const n of wanted("pg") ? SIZES.pg : []) {
    await item(results, `pg${n}`, async () => ({ pg: [...(results.pg ?? []), await applyWithPg(bench, n)] }));
  }
  if (wanted("cloud")) await item(results, "cloud", async () => ({ cloud: [await applyUnderLatency(bench, SIZES.cloud)] }));
  results.machine.providerNode = await providerNode(results);
  results.machine.loadAverageEnd = os.loadavg().map((x) => round(x, 2));

  // A missed time target comes with the profile that shows where the provider's time goes.
  const profiles = [];
  if (results.providerStart?.pass === false || results.diff?.pass === false) profiles.push(["plan", 1]);
  if ((results.apply ?? []).some((a) => a.passTime === false)) profiles.push(["apply", SIZES.apply[0]]);
  for (const [kind, n] of profiles) {
    await item(results, `profile-${kind}`, async () => {
      const p = await profileCommand(bench, kind, n);
      // results.json keeps the two longest processes of each command (the others repeat the start-up).
      return { profiles: [...(results.profiles ?? []), { ...p, profiles: p.profiles.slice(0, 2) }] };
    });
  }
  results.durationSec = round(progress.seconds(), 1);

  const rows = tableRows(results);
  for (const key of Object.keys(results.errors ?? {})) rows.push([`${key}: not measured`, "ERROR", results.errors[key].split("\n")[0].slice(0, 70), "", "", "FAIL"]);
  const verdicts = rows.map((r) => r[5]).filter((v) => v === "PASS" || v === "FAIL");
  console.log(`\n${formatTable(rows)}\n`);
  for (const p of results.profiles ?? []) {
    if (p.profiles[0]) console.log(`${formatProfile(p.profiles[0], `Longest provider process of terraform ${p.kind} (${p.n} group(s))`)}\n`);
  }
  const m = results.machine;
  if (results.busy) console.log(`Warning: the machine was busy when the run started (load ${m.loadAverage[0]}): re-run on an idle machine before quoting these figures.`);
  const pn = `node ${m.node}${m.providerNode ? `, provider on node ${m.providerNode.version}` : ""}`;
  console.log(`${verdicts.filter((v) => v === "PASS").length}/${verdicts.length} checks pass · ${results.mode} run in ${results.durationSec} s · ${m.cpus}× ${m.cpuModel} · ${pn} · terraform ${m.terraform} · load ${m.loadAverage[0]}→${m.loadAverageEnd[0]} · ${results.date.slice(0, 10)}`);
  fs.writeFileSync(path.join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log("Raw numbers: bench/results.json; logs: bench/.work/logs/");
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e.message}`);
  process.exit(1);
});
