/**
 * SIGKILL of handler processes in the middle of a 200-group apply (the API slowed down for a moment so that calls
 * are in flight): terraform fails exactly those resources and records them as tainted, the others are done; a plain
 * re-apply redoes only the killed ones — adopting a group whose CreateGroup the API performed for a dead handler.
 */
import { Emulator, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess, RunResult } from "../support/cdktf-project";
import { handlerProcesses, killNow, waitFor } from "../support/processes";
import { apiEnv, applySummary, CREDS, expectCreatedOnce, expectExactly, expectStateConverged, groupDecls, handlerLines, settledGroupIds, startApply, stateParts, synth } from "./helpers";

jest.setTimeout(5 * 60_000);

const DECLS = groupDecls(200, "hkill");
const ALL_IDS = DECLS.map((d) => d.props.groupId as string).sort();

describe("handlers killed -9 mid-apply", () => {
  let emu: Emulator;
  let project: CdktfProject;
  let env: NodeJS.ProcessEnv;
  let killed: string[];
  let existedAfter: string[];

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: true, qps: 0 });
    project = new CdktfProject("fg-rel-hkill-");
    env = apiEnv(emu.url);
    project.setStacks([{ name: "hkill", groups: DECLS }]);
    await synth(project, ["hkill"], env);
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  test("the apply fails exactly the killed resources; they are tainted, every other part is done", async () => {
    const apply = startApply(project, "hkill", env);
    await waitFor("the apply to be under way", () => emu.groups().length >= 20, 180_000);
    // Slow every call down so handlers sit in flight, some in CreateGroup, then kill those with a call pending.
    emu.setFaults({ rate: 1, kinds: ["latency"], latencyMs: 1500, seed: 4 });
    const pending = () => emu.requests.filter((r) => r.code === "pending" && r.fault === "latency");
    await waitFor("CreateGroup calls in flight", () => pending().filter((r) => r.action === "CreateGroup").length >= 3, 60_000);
    const inFlight = new Set(pending().map((r) => r.groupId));
    const victims = handlerProcesses(project.stackDir("hkill")).filter((p) => p.verb === "apply" && inFlight.has(p.groupId));
    killed = victims.filter((p) => killNow(p.pid)).map((p) => p.groupId).sort();
    emu.setFaults(undefined);
    expect(killed.length).toBeGreaterThanOrEqual(3);

    const result: RunResult = await apply.result;
    expect(result.code).toBe(1);
    expect(result.output.match(/Error: local-exec provisioner error/g)).toHaveLength(killed.length);
    expect(result.output.match(/exit status 137\. Output:/g)).toHaveLength(killed.length); // 128 + SIGKILL
    const parts = stateParts(project, "hkill");
    expect(parts.filter((p) => p.tainted).map((p) => p.groupId).sort()).toEqual(killed);
    expect(parts.filter((p) => p.tainted).every((p) => p.kind === "settings")).toBe(true);
    expect(settledGroupIds(parts)).toEqual(ALL_IDS.filter((id) => !killed.includes(id)));

    // A dead handler's CreateGroup still reached the API and was performed: that group exists, untracked.
    await waitFor("the killed handlers' calls to be answered", () => pending().length === 0, 30_000);
    existedAfter = emu.groups().map((g) => g.GroupId);
    expect(killed.filter((id) => existedAfter.includes(id)).length).toBeGreaterThan(0);
  });

  test("a plain re-apply redoes only the killed resources and converges; performed creates are adopted", async () => {
    const before = emu.requests.length;
    const result = await startApply(project, "hkill", env).result;
    expectSuccess(result);
    expect(applySummary(result.output)).toBe(`Apply complete! Resources: ${killed.length} added, 0 changed, ${killed.length} destroyed.`);
    const calls = emu.requests.slice(before);
    expect([...new Set(calls.map((c) => c.groupId!))].sort()).toEqual(killed);

    const handler = handlerLines(result.output);
    const performed = killed.filter((id) => existedAfter.includes(id));
    expect(handler.adopted).toEqual(performed);
    expect(handler.created).toEqual(killed.filter((id) => !performed.includes(id)));

    expectExactly(emu.groups(), DECLS);
    expectCreatedOnce(emu.requests, DECLS);
    expectStateConverged(project, "hkill", DECLS);
    console.log(`killed ${killed.length} handlers (${killed.join(", ")}); the API had performed CreateGroup for ${performed.length}, adopted on re-apply`);
  });
});
