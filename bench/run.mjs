#!/usr/bin/env node
/**
 * `npm run bench [-- --quick] [-- --profile]`: measures the library against its floors in one sequential run on
 * this machine (see README "Benchmark") and writes bench/results.json.
 *
 *   1. handler cold start vs `node -e 0`        4. synth of N groups vs N bare terraform_data
 *   2. apply of N groups vs N × `node -e 0`      5. handler peak RSS
 *      and vs N/50 s (the API's QPS)
 *   3. no-op re-apply: write calls, time vs plan
 *
 * `--quick`: small sizes, for development. `--profile[=check|apply]`: only one handler run under `node --cpu-prof`,
 * summarized (check: start-up; apply: creating one group).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { API_QPS, startBenchEmulator, summarizeCalls, verifyGroups } from "./harness/emulator.mjs";
import { HANDLER, hasCheckVerb, identitySpec, measureColdStart, measurePeakRss, settingsSpec } from "./harness/handler.mjs";
import { benchEnv, run } from "./harness/proc.mjs";
import { formatProfile, profileHandler } from "./harness/profile.mjs";
import { TARGETS, formatTable, machineInfo, tableRows } from "./harness/report.mjs";
import { BARE_APP, FACE_GROUPS_APP, PARALLELISM, apply, init, plan, structureFloorStack, synth } from "./harness/stack.mjs";
import { Progress, median, ratio, round } from "./harness/stats.mjs";

const require = createRequire(import.meta.url);
const { groupProps } = require("./apps/groups.js");
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WORK = path.join(ROOT, "bench", ".work");

const argv = process.argv.slice(2);
const unknown = argv.filter((a) => !["--quick", "--profile", "--profile=check", "--profile=apply"].includes(a));
if (unknown.length) {
  console.error(`bench: unknown option ${unknown.join(" ")} (use --quick, or --profile[=check|apply])`);
  process.exit(2);
}
const QUICK = argv.includes("--quick");
const SIZES = QUICK
  ? { coldRuns: 5, apply: [50], synth: 500, synthRuns: 3 }
  : { coldRuns: 15, apply: [200, 1000], synth: 5000, synthRuns: 3 };

fs.rmSync(WORK, { recursive: true, force: true });
fs.mkdirSync(path.join(WORK, "logs"), { recursive: true });
const TF_RC = path.join(WORK, "terraformrc");
fs.writeFileSync(TF_RC, ""); // an empty CLI config: no plugin cache, no credentials, no mirrors from the user's
const ENV = benchEnv(TF_RC);
const logOf = (name) => path.join(WORK, "logs", `${name}.log`);
const progress = new Progress();

/** The handler's environment for a spec, pointed at an emulator (or at a closed port: no call may be made). */
const handlerEnv = (props, emuEnv) => ({
  ...ENV,
  TENCENTCLOUD_IAI_ENDPOINT: "http://127.0.0.1:9",
  TENCENTCLOUD_SECRET_ID: "AKIDbenchNoCall",
  TENCENTCLOUD_SECRET_KEY: "bench-no-call",
  ...emuEnv,
  FACE_GROUP: settingsSpec(props),
});

/** Runs fn with a fresh emulator and stops it afterwards. */
async function withEmulator(fn) {
  const emu = await startBenchEmulator();
  try {
    return await fn(emu);
  } finally {
    await emu.emulator.stop();
  }
}

/**
 * Handler start-up without a network call: its `check` verb (validate, build the SDK client, no call) when it has
 * one; otherwise `apply` of an up-to-date group (said in the results). Shown beside it, not judged: `apply` of an
 * up-to-date group (the real path, one GetGroupInfo to the idle in-process emulator) and `delete` under RETAIN
 * (no SDK, no call).
 */
async function coldStart() {
  const props = { ...groupProps(0), groupId: "bench-cold-start" };
  const log = logOf("cold-start");
  const hasCheck = await progress.phase("cold start: does the handler have a `check` verb", () => hasCheckVerb(handlerEnv(props), log));
  return withEmulator(async (emu) => {
    const check = { name: "check (validate + SDK client, no call)", verb: "check", env: handlerEnv(props) };
    // The discarded warm-up round creates the group; every measured run then finds it up to date.
    const upToDate = { name: "apply, group up to date (1 GetGroupInfo)", verb: "apply", env: handlerEnv(props, emu.env) };
    const retain = { name: "delete under RETAIN (no SDK, no call)", verb: "delete", env: { ...handlerEnv(props), FACE_GROUP: identitySpec(props, "retain") } };
    const variants = hasCheck ? [check, upToDate, retain] : [upToDate, retain];
    const r = await progress.phase(`cold start: ${SIZES.coldRuns}+1 rounds of node -e 0, ${variants.map((v) => `handler ${v.verb}`).join(", ")}`, () =>
      measureColdStart({ runs: SIZES.coldRuns, variants, env: ENV, log }),
    );
    const [main, ...also] = r.variants;
    return {
      runs: r.runs, verb: main.verb, name: main.name, handlerMs: main.ms, handlerMedianMs: main.medianMs,
      nodeMs: r.nodeMs, nodeMedianMs: r.nodeMedianMs, ratio: main.ratio, also,
      ...(hasCheck ? {} : { note: "no `check` verb: judged `apply` of an existing, up-to-date group (SDK client + 1 GetGroupInfo to the local emulator)" }),
      calls: summarizeCalls(emu.emulator.requests),
      pass: main.ratio <= TARGETS.coldStartRatio,
    };
  });
}

/** Peak RSS of `apply` creating one group against the emulator. */
async function peakRss() {
  return withEmulator(async (emu) => {
    const props = { ...groupProps(1), groupId: "bench-rss-probe" };
    const r = await progress.phase("handler peak RSS: node handler.js apply (creates 1 group)", () =>
      measurePeakRss({ verb: "apply", env: handlerEnv(props, emu.env), log: logOf("rss"), workDir: WORK }),
    );
    const created = emu.emulator.groups().some((g) => g.GroupId === props.groupId);
    if (!created) throw new Error("handler apply exited 0 but the group is not in the emulator");
    return { ...r, verb: "apply", pass: r.mb <= TARGETS.handlerRssMb };
  });
}

/** Synth of N groups vs N bare terraform_data, interleaved, median of SIZES.synthRuns each. */
async function synthRatio() {
  const n = SIZES.synth;
  const ctx = { env: ENV, log: logOf("synth") };
  const groupsMs = [];
  const bareMs = [];
  for (let i = 0; i < SIZES.synthRuns; i++) {
    bareMs.push(round((await progress.phase(`synth ${n} bare terraform_data (run ${i + 1})`, () => synth(BARE_APP, n, path.join(WORK, "synth-bare"), ctx))).ms));
    groupsMs.push(round((await progress.phase(`synth ${n} FaceGroups (run ${i + 1})`, () => synth(FACE_GROUPS_APP, n, path.join(WORK, "synth-groups"), ctx))).ms));
  }
  const groupsMedianMs = median(groupsMs);
  const bareMedianMs = median(bareMs);
  const r = ratio(groupsMedianMs, bareMedianMs);
  return { n, runs: SIZES.synthRuns, groupsMs, bareMs, groupsMedianMs, bareMedianMs, ratio: r, pass: r <= TARGETS.synthRatio };
}

/** Synthesizes an app into WORK/<name>, runs terraform init there, returns the stack folder and timings. */
async function prepare(app, n, name, env) {
  const ctx = { env, log: logOf(name) };
  const s = await progress.phase(`${name}: synth`, () => synth(app, n, path.join(WORK, name), ctx));
  const i = await progress.phase(`${name}: terraform init`, () => init(s.stackDir, ctx));
  return { dir: s.stackDir, ctx, synthMs: round(s.ms), initMs: round(i.ms) };
}

/**
 * Apply of N groups against the emulator vs the floors; for the last size also the no-op re-apply (item 3), on the
 * same stack and emulator. The floor is kept even when the FaceGroup part cannot run.
 */
async function applyVsFloor(n, { withNoop, withStructure }) {
  const floor = await prepare(BARE_APP, n, `apply-${n}-floor`, ENV);
  const f = await progress.phase(`apply-${n}-floor: terraform apply (${n} × node -e 0)`, () => apply(floor.dir, floor.ctx));
  const floorMs = round(f.ms);
  const apiFloorMs = (n / API_QPS) * 1000;
  const base = { n, parallelism: PARALLELISM, floorMs, apiFloorMs, synthMs: { floor: floor.synthMs }, initMs: { floor: floor.initMs } };
  try {
    return await withEmulator(async (emu) => {
      const stack = await prepare(FACE_GROUPS_APP, n, `apply-${n}-groups`, { ...ENV, ...emu.env });
      const g = await progress.phase(`apply-${n}-groups: terraform apply (${n} FaceGroups)`, () => apply(stack.dir, { ...stack.ctx, allowFailure: true }));
      const verify = verifyGroups(emu.emulator, n);
      const groupsMs = round(g.ms);
      // A failed apply with every group right still counts as one failure.
      const failures = verify.failures || (g.code === 0 ? 0 : 1);
      const ratioVsMax = ratio(groupsMs, Math.max(floorMs, apiFloorMs));
      const result = {
        ...base, groupsMs, exit: g.code,
        ratioVsFloor: ratio(groupsMs, floorMs), ratioVsApi: ratio(groupsMs, apiFloorMs), ratioVsMax,
        failures, verify, calls: summarizeCalls(emu.emulator.requests),
        pass: ratioVsMax <= TARGETS.applyRatioVsMaxFloor && failures === 0,
        synthMs: { ...base.synthMs, groups: stack.synthMs }, initMs: { ...base.initMs, groups: stack.initMs },
      };
      if (withStructure) Object.assign(result, await structureFloor(n, stack.dir, floorMs, groupsMs));
      if (!withNoop) return { apply: result };
      if (g.code !== 0) return { apply: result, noopError: `not measured: the first apply of ${n} groups failed (exit ${g.code})` };
      const before = emu.emulator.requests.length;
      const re = await progress.phase(`apply-${n}-groups: no-op re-apply`, () => apply(stack.dir, stack.ctx));
      const calls = summarizeCalls(emu.emulator.requests.slice(before));
      const p = await progress.phase(`apply-${n}-groups: terraform plan`, () => plan(stack.dir, stack.ctx));
      const noop = { n, applyMs: round(re.ms), planMs: round(p.ms), ratio: ratio(re.ms, p.ms), calls, pass: calls.writes === TARGETS.noopWriteCalls };
      return { apply: result, noop };
    });
  } catch (e) {
    return { apply: { ...base, error: e.message }, error: e };
  }
}

/** Apply of the FaceGroup stack with the handler replaced by `node -e 0` (see structureFloorStack). */
async function structureFloor(n, groupsStackDir, floorMs, groupsMs) {
  const name = `apply-${n}-structure`;
  const ctx = { env: ENV, log: logOf(name) };
  const { stackDir, replaced } = structureFloorStack(groupsStackDir, path.join(WORK, name));
  if (replaced !== n) throw new Error(`${name}: expected ${n} handler apply commands, found ${replaced}`);
  await progress.phase(`${name}: terraform init`, () => init(stackDir, ctx));
  const s = await progress.phase(`${name}: terraform apply (the FaceGroup stack, handler → node -e 0)`, () => apply(stackDir, ctx));
  const structureMs = round(s.ms);
  return { structureMs, ratioStructureVsFloor: ratio(structureMs, floorMs), ratioVsStructure: ratio(groupsMs, structureMs) };
}

/**
 * One handler run under `node --cpu-prof`: `check` (start-up; `apply` when there is no check verb) or `apply`
 * creating one group in a fresh emulator (the path every group of item 2 takes).
 */
async function profile(verb) {
  const props = { ...groupProps(0), groupId: "bench-profile" };
  const dir = path.join(WORK, `prof-${verb}`);
  const log = logOf("profile");
  const env = handlerEnv(props);
  if (verb === "check" && (await hasCheckVerb(env, log))) return profileHandler({ verb, env, log, dir, root: ROOT });
  return withEmulator((emu) => profileHandler({ verb: "apply", env: handlerEnv(props, emu.env), log, dir, root: ROOT }));
}

/** Runs one item; a failure is recorded (and printed) instead of ending the run, so the other items still report. */
async function item(results, key, fn) {
  try {
    Object.assign(results, await fn());
  } catch (e) {
    console.error(`  ${key}: ${e.message}`);
    (results.errors ??= {})[key] = e.message;
  }
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, "lib", "index.js"))) throw new Error("lib/ is missing: run `npm run build` (npm run bench does)");
  const profileArg = argv.find((a) => a.startsWith("--profile"));
  if (profileArg) {
    const verb = profileArg === "--profile=apply" ? "apply" : "check";
    const p = await progress.phase(`profile: node --cpu-prof handler.js ${verb}`, () => profile(verb));
    console.log(`\n${formatProfile(p)}\n\nProfile: ${p.file} (open in Chrome DevTools › Performance)`);
    return;
  }

  console.log(`npm run bench${QUICK ? " --quick" : ""}: ${HANDLER.replace(`${ROOT}/`, "")} against the floors; work dir bench/.work\n`);
  const results = { date: new Date().toISOString(), mode: QUICK ? "quick" : "full", sizes: SIZES, machine: await machineInfo(ROOT), targets: TARGETS };
  // Busy = more runnable work than cores before we start (the build just before adds up to ~1; our own applies
  // load the machine afterwards, so the load at the end says nothing about others).
  results.busy = results.machine.loadAverage[0] > results.machine.cpus;
  if (results.busy) {
    console.log(`Warning: the machine is busy (load ${results.machine.loadAverage[0]} on ${results.machine.cpus} cores): every ratio below is skewed by the other work.\n`);
  }
  await item(results, "coldStart", async () => ({ coldStart: await coldStart() }));
  await item(results, "rss", async () => ({ rss: await peakRss() }));
  await item(results, "synth", async () => ({ synth: await synthRatio() }));
  for (const [i, n] of SIZES.apply.entries()) {
    await item(results, `apply${n}`, async () => {
      // The structure floor is a diagnostic: measured at the smallest size only, to keep the full run short.
      const r = await applyVsFloor(n, { withNoop: i === SIZES.apply.length - 1, withStructure: i === 0 });
      results.apply = [...(results.apply ?? []), r.apply];
      if (r.noopError) (results.errors ??= {}).noop = r.noopError;
      if (r.error) throw r.error;
      return r.noop ? { noop: r.noop } : {};
    });
  }
  results.durationSec = round(progress.seconds(), 1);
  // Other work on the machine skews every ratio: the load at the end is kept next to the one at the start.
  results.machine.loadAverageEnd = os.loadavg().map((x) => round(x, 2));

  // A missed target comes with the profile that shows where the handler's time goes (start-up, or a whole apply).
  const missed = [...(results.coldStart?.pass === false ? ["check"] : []), ...((results.apply ?? []).some((a) => a.pass === false) ? ["apply"] : [])];
  for (const verb of missed) {
    await item(results, `profile-${verb}`, async () => ({
      profiles: [...(results.profiles ?? []), await progress.phase(`profile: node --cpu-prof handler.js ${verb}`, () => profile(verb))],
    }));
  }

  const rows = tableRows(results);
  for (const key of Object.keys(results.errors ?? {})) rows.push([`${key}: not measured`, "ERROR", results.errors[key].split("\n")[0].slice(0, 70), "", "", "FAIL"]);
  const verdicts = rows.map((r) => r[5]).filter((v) => v === "PASS" || v === "FAIL");
  console.log(`\n${formatTable(rows)}\n`);
  if (results.coldStart?.note) console.log(`Note (item 1): ${results.coldStart.note}\n`);
  for (const p of results.profiles ?? []) console.log(`${formatProfile(p)}\n`);
  const m = results.machine;
  if (results.busy) console.log(`Warning: the machine was busy when the run started (load ${m.loadAverage[0]}): re-run on an idle machine before quoting these figures.`);
  console.log(`${verdicts.filter((v) => v === "PASS").length}/${verdicts.length} checks pass · ${results.mode} run in ${results.durationSec} s · ${m.cpus}× ${m.cpuModel} · node ${m.node} · terraform ${m.terraform} · load ${m.loadAverage[0]}→${m.loadAverageEnd[0]} · ${results.date.slice(0, 10)}`);
  fs.writeFileSync(path.join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log("Raw numbers: bench/results.json; logs: bench/.work/logs/");
}

main().catch((e) => {
  console.error(`bench: ${e.message}`);
  process.exit(1);
});
