/**
 * One provider process, many operations at once (Terraform's parallelism): one rate limiter for all calls keeps the
 * emulator's 50 QPS limit from throttling; lookups share GetGroupList pages; transient faults are retried; StopProvider
 * ends waits at once; secrets never reach diagnostics or logs.
 */
import { Emulator } from "../../../src/emulator";
import { TfObject } from "../../../src/provider/protocol/types";
import { waitFor } from "../../support/processes";
import { config, create, emulator, provider, SECRET_KEY, TOKEN, TYPE } from "./helpers";

let emu: Emulator;
afterEach(() => emu?.stop());

/** Runs `tasks` with at most `parallelism` at a time, as Terraform walks its graph. */
async function pool<T>(parallelism: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallelism }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    }),
  );
  return out;
}

const count = (e: Emulator, pred: (r: Emulator["requests"][number]) => boolean) => e.requests.filter(pred).length;

test("200 creates then 200 reads, parallelism 10, against the 50 QPS limit: no throttling, one call per create, one listing for the reads", async () => {
  emu = await emulator({ qps: 50 });
  const { p } = await provider(emu, { qps: 45 });
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on("warning", onWarning);
  const states = await pool(10, Array.from({ length: 200 }, (_, i) => () => create(p, config(`bulk-${i}`))));
  expect(emu.groups()).toHaveLength(200);
  states.forEach((s, i) => expect(s.id).toBe(`ap-guangzhou/bulk-${i}`));
  // The emulator's own 50 QPS bucket is the judge: not one call beyond it (45 per second plus a burst of 2 stays
  // under 50 in any window unless calls arrive over a second later than they were let go).
  expect(count(emu, (r) => r.code.startsWith("RequestLimitExceeded"))).toBe(0);
  const creates = count(emu, (r) => r.action === "CreateGroup");
  const lookups = count(emu, (r) => r.action === "GetGroupList" || r.action === "GetGroupInfo");
  expect(creates).toBe(200);
  // 190 creates wait behind the limiter at once: each on its own call's signal, none on the process's stop signal.
  process.off("warning", onWarning);
  expect(warnings.filter((w) => w.startsWith("MaxListenersExceededWarning"))).toEqual([]);
  expect(lookups).toBe(1); // the plans' account listing (once per process); a create is one call: nothing is read back

  // The next command (terraform plan) is a new provider process, with its own listing.
  const next = (await provider(emu, { qps: 45 })).p;
  const from = emu.requests.length;
  const reads = await pool(10, states.map((s) => () => next.readResource({ typeName: TYPE, currentState: s, private: new Uint8Array() })));
  expect(reads.map((r) => r.newState)).toEqual(states);
  expect(emu.requests.slice(from).map((r) => r.action)).toEqual(["GetGroupList"]); // one listing; every group agrees with its state
}, 60_000);

test("one limiter for every region's calls: 100 concurrent creates in two regions stay under 50 QPS", async () => {
  emu = await emulator({ qps: 50 });
  const { p } = await provider(emu);
  await Promise.all(Array.from({ length: 100 }, (_, i) => create(p, config(`r-${i}`, { region: i % 2 ? "ap-shanghai" : "ap-beijing" }))));
  // Judged by the emulator's 50 QPS bucket (one per SecretId, whatever the region): no call beyond it.
  expect(count(emu, (r) => r.code.startsWith("RequestLimitExceeded"))).toBe(0);
  expect(emu.groups()).toHaveLength(100);
}, 60_000);

test("transient faults are retried; the result is the same", async () => {
  emu = await emulator({ faults: { rate: 0.3, kinds: ["FailedOperation.ServerError", "InternalError", "http502", "drop-after"], seed: 7 } });
  const { p, logs } = await provider(emu);
  const states = await pool(5, Array.from({ length: 20 }, (_, i) => () => create(p, config(`flaky-${i}`, { tag: "t" }))));
  expect(states.map((s) => s.group_id)).toEqual(Array.from({ length: 20 }, (_, i) => `flaky-${i}`));
  expect(emu.groups().filter((g) => g.GroupId.startsWith("flaky-"))).toHaveLength(20);
  expect(logs.some((l) => /\(transient, retrying in \d+ms\)$/.test(l))).toBe(true);
});

test("StopProvider ends retries: no attempt after it, the apply says it was stopped; later calls are refused", async () => {
  emu = await emulator();
  const { p } = await provider(emu);
  const cfg = config("stop-1");
  const plan = await p.planResourceChange({ typeName: TYPE, priorState: null, proposedNewState: cfg, config: cfg, priorPrivate: new Uint8Array() });
  emu.setFaults({ rate: 1, kinds: ["FailedOperation.ServerError"], seed: 1 });
  const apply = p.applyResourceChange({ typeName: TYPE, priorState: null, plannedState: plan.plannedState, config: cfg, plannedPrivate: new Uint8Array() });
  // Stopped once the first attempt has failed, so the apply is in its retry backoff.
  await waitFor("a failed first attempt", () => emu.requests.some((r) => r.groupId === "stop-1" && r.code !== "pending"), 10_000);
  const attempts = () => emu.requests.filter((r) => r.groupId === "stop-1").length;
  const attemptsAtStop = attempts();
  expect(await p.stop()).toBeUndefined();
  const r = await apply;
  expect(attempts()).toBe(attemptsAtStop); // (that the backoff wait itself ends at once: test/handler/retry.test.ts)
  expect(r.diagnostics[0].detail).toContain("stopped (Terraform asked the provider to stop");
  const later = await p.readResource({ typeName: TYPE, currentState: plan.plannedState as TfObject, private: new Uint8Array() });
  expect(later.diagnostics[0].detail).toContain("stopped");
});

test("secrets never reach diagnostics or logs, also when the API rejects them", async () => {
  emu = await emulator();
  const secretInConfig = "explicit-secret-key-do-not-print";
  const { p, logs } = await provider(emu, { secret_id: "AKIDunknownToEmulator", secret_key: secretInConfig, session_token: TOKEN });
  const cfg = config("secret-1");
  const plan = await p.planResourceChange({ typeName: TYPE, priorState: null, proposedNewState: cfg, config: cfg, priorPrivate: new Uint8Array() });
  const r = await p.applyResourceChange({ typeName: TYPE, priorState: null, plannedState: plan.plannedState, config: cfg, plannedPrivate: new Uint8Array() });
  expect(r.diagnostics[0].detail).toContain("Code=AuthFailure.SecretIdNotFound");
  const everything = JSON.stringify([r, logs]);
  for (const secret of [secretInConfig, SECRET_KEY, TOKEN]) expect(everything).not.toContain(secret);
});

test("no credentials anywhere: one clear error naming the variables, no call", async () => {
  emu = await emulator();
  const { p } = await provider(emu, {}, { TENCENTCLOUD_SECRET_ID: undefined, TENCENTCLOUD_SECRET_KEY: undefined, TENCENTCLOUD_SESSION_TOKEN: undefined });
  const cfg = config("nocreds-1");
  const r = await p.applyResourceChange({ typeName: TYPE, priorState: null, plannedState: (await p.planResourceChange({ typeName: TYPE, priorState: null, proposedNewState: cfg, config: cfg, priorPrivate: new Uint8Array() })).plannedState, config: cfg, plannedPrivate: new Uint8Array() });
  expect(r.diagnostics[0].detail).toContain("no Tencent Cloud credentials found; set secret_id and secret_key in the provider block, or TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY");
  expect(emu.requests).toHaveLength(0);
});
