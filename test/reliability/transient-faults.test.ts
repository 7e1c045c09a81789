/**
 * 200 groups applied with real cdktf synth + terraform apply (one provider process, one rate limiter) while the
 * emulator injects 20 % transient faults of every kind: the apply succeeds, exactly the declared groups exist once
 * each with their exact fields, the state agrees with the API, every failed attempt was retried (once: no storm),
 * and lost CreateGroup answers were adopted (GroupIdAlreadyExist), never created twice.
 */
import { Emulator, RequestRecord, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess } from "../support/cdktf-project";
import { apiEnv, countBy, CREDS, expectCreatedOnce, expectExactly, expectStateConverged, failedTransiently, groupDecls, jsonRun, lostCreates, startApply, synth } from "./helpers";

jest.setTimeout(5 * 60_000);

const KINDS = ["RequestLimitExceeded", "FailedOperation.ServerError", "InternalError", "http502", "drop", "drop-after", "latency"];
const DECLS = groupDecls(200, "flaky");

/** The attempts of each `Action GroupId`, in arrival order. */
function attemptsByCall(requests: readonly RequestRecord[]): Map<string, RequestRecord[]> {
  const m = new Map<string, RequestRecord[]>();
  for (const r of [...requests].sort((a, b) => a.at - b.at)) m.set(`${r.action} ${r.groupId}`, [...(m.get(`${r.action} ${r.groupId}`) ?? []), r]);
  return m;
}

describe("200 groups under 20 % transient faults", () => {
  let emu: Emulator;
  let project: CdktfProject;

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: true, qps: 50 });
    project = new CdktfProject("fg-rel-faults-");
    project.setStacks([{ name: "flaky", groups: DECLS }]);
    await synth(project, ["flaky"], apiEnv(emu.url));
    emu.setFaults({ rate: 0.2, kinds: KINDS, seed: 20260505, latencyMs: 2000 });
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  test("apply succeeds; exactly the declared groups, each created once; every failed attempt retried", async () => {
    const started = Date.now();
    const result = await startApply(project, "flaky", apiEnv(emu.url)).result;
    const ms = Date.now() - started;
    expectSuccess(result);
    const run = jsonRun(result.output);
    expect(run.summary).toBe("Apply complete! Resources: 200 added, 0 changed, 0 destroyed.");
    expect(run.diagnostics.filter((d) => d.severity === "error")).toEqual([]);

    // The API: exactly the declared groups with their exact fields; each CreateGroup performed once; no delete.
    expectExactly(emu.groups(), DECLS);
    expectCreatedOnce(emu.requests, DECLS);
    // The state: one resource per group, as declared, pointing at the very group the API holds.
    expectStateConverged(project, "flaky", DECLS, emu.groups());

    // Every kind was injected, and the mix is about 20 % of all requests.
    const faults = countBy(emu.requests, (r) => r.fault);
    expect(Object.keys(faults).sort()).toEqual([...KINDS].sort());
    const injected = Object.values(faults).reduce((a, b) => a + b, 0);
    expect(injected / emu.requests.length).toBeGreaterThan(0.12);
    expect(injected / emu.requests.length).toBeLessThan(0.28);

    // Each failed attempt is followed by a retry of the same call; the last attempt of every call did not fail.
    const calls = attemptsByCall(emu.requests);
    const unanswered = [...calls.entries()].filter(([, attempts]) => failedTransiently(attempts.at(-1)!)).map(([k]) => k);
    expect(unanswered).toEqual([]);
    // No storm: a CreateGroup is answered (not failed) exactly once per group — OK, or GroupIdAlreadyExist after a
    // lost answer — so every extra attempt is the retry of one failure.
    const answeredCreates = [...calls.entries()].filter(([k]) => k.startsWith("CreateGroup ")).map(([k, a]) => [k, a.filter((r) => !failedTransiently(r)).length]);
    expect(answeredCreates.filter(([, n]) => n !== 1)).toEqual([]);
    expect(answeredCreates).toHaveLength(200);

    // A CreateGroup whose answer was lost (drop-after) was performed; its retry met GroupIdAlreadyExist and adopted.
    const lost = lostCreates(emu.requests);
    expect(lost.length).toBeGreaterThan(0);
    // (An answer that was only delayed by an injected latency fault still counts: it reached the provider.)
    const alreadyExist = emu.requests.filter((r) => r.action === "CreateGroup" && r.code === "InvalidParameterValue.GroupIdAlreadyExist" && !failedTransiently(r));
    expect([...new Set(alreadyExist.map((r) => r.groupId!))].sort()).toEqual(lost);

    // One shared rate limiter keeps the provider under the account's 50 QPS: real throttling (not injected) is rare.
    const realThrottles = emu.requests.filter((r) => r.fault === undefined && r.code === "RequestLimitExceeded").length;
    expect(realThrottles).toBeLessThanOrEqual(emu.requests.length * 0.02);

    const answered = countBy(emu.requests, (r) => `${r.action} ${r.code}`);
    console.log(
      `200 groups under faults in ${ms} ms: ${emu.requests.length} requests, ${injected} faults injected ${JSON.stringify(faults)}; ` +
        `${realThrottles} real throttles; ${lost.length} lost CreateGroup answers adopted; answers ${JSON.stringify(answered)}`,
    );
  });
});
