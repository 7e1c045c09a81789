/**
 * 200 groups applied with real cdktf synth + terraform apply while the emulator injects 20 % transient faults of
 * every kind: the apply succeeds, exactly the declared groups exist once each with their exact fields, and every
 * fault was absorbed by exactly one retry (lost CreateGroup answers are adopted, never created twice).
 */
import { Emulator, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess } from "../support/cdktf-project";
import { apiEnv, applySummary, countBy, CREDS, expectCreatedOnce, expectExactly, expectStateConverged, groupDecls, handlerLines, startApply, synth } from "./helpers";

jest.setTimeout(5 * 60_000);

const KINDS = ["RequestLimitExceeded", "FailedOperation.ServerError", "InternalError", "http502", "drop", "drop-after", "latency"];
const DECLS = groupDecls(200, "flaky");

describe("200 groups under 20 % transient faults", () => {
  let emu: Emulator;
  let project: CdktfProject;

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: true, qps: 50, faults: { rate: 0.2, kinds: KINDS, seed: 20260505, latencyMs: 2000 } });
    project = new CdktfProject("fg-rel-faults-");
    project.setStacks([{ name: "flaky", groups: DECLS }]);
    await synth(project, ["flaky"], apiEnv(emu.url));
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  test("apply succeeds; exactly the declared groups, each created once; every fault retried once", async () => {
    const started = Date.now();
    const result = await startApply(project, "flaky", apiEnv(emu.url)).result;
    expectSuccess(result);
    expect(applySummary(result.output)).toBe("Apply complete! Resources: 400 added, 0 changed, 0 destroyed.");

    // The API: exactly the declared groups with their exact fields; each CreateGroup performed once; no delete.
    expectExactly(emu.groups(), DECLS);
    expectCreatedOnce(emu.requests, DECLS);
    // The state: both parts of every group, none tainted, the settings recorded as declared.
    expectStateConverged(project, "flaky", DECLS);

    // Every kind was injected, and the mix is about 20 % of all requests.
    const faults = countBy(emu.requests, (r) => r.fault);
    expect(Object.keys(faults).sort()).toEqual([...KINDS].sort());
    const injected = Object.values(faults).reduce((a, b) => a + b, 0);
    expect(injected / emu.requests.length).toBeGreaterThan(0.12);
    expect(injected / emu.requests.length).toBeLessThan(0.28);

    // Each failed attempt (every fault but latency, plus any real throttling) is followed by exactly one retry.
    const failedAttempts = emu.requests.filter((r) => (r.fault !== undefined && r.fault !== "latency") || (r.fault === undefined && r.code === "RequestLimitExceeded")).length;
    const handler = handlerLines(result.output);
    expect(handler.retries).toBe(failedAttempts);
    expect(handler.lines.filter((l) => /\(transient, retrying in \d+ms\)$/.test(l.text)).length).toBe(failedAttempts);
    expect(handler.failed).toEqual([]);

    // A CreateGroup whose answer was lost (drop-after) was performed; the retry met GroupIdAlreadyExist and adopted.
    const lost = [...new Set(emu.requests.filter((r) => r.action === "CreateGroup" && r.fault === "drop-after" && r.code === "OK").map((r) => r.groupId!))].sort();
    expect(lost.length).toBeGreaterThan(0);
    expect(handler.adopted).toEqual(lost);
    expect(handler.created.length + handler.adopted.length).toBe(200);

    const answered = countBy(emu.requests, (r) => `${r.action} ${r.code}`);
    console.log(
      `200 groups under faults in ${Date.now() - started} ms: ${emu.requests.length} requests, ${injected} faults injected ` +
        `${JSON.stringify(faults)}; ${handler.retries} handler retries (attempt > 1); ${lost.length} lost CreateGroup answers adopted; ` +
        `answers ${JSON.stringify(answered)}`,
    );
  });
});
