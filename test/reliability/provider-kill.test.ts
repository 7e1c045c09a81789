/**
 * SIGKILL of the provider process in the middle of a 200-group apply (the API slowed down for a moment so that calls
 * are in flight): terraform fails the resources it had handed to the provider, records none of them, and keeps every
 * group it did record; a plain re-apply creates the rest — adopting each group whose CreateGroup the API performed
 * for the dead provider (GroupIdAlreadyExist), never creating one twice.
 *
 * The provider is found by walking /proc from the terraform PID this test started (its descendants only) and killed
 * by PID.
 */
import { Emulator, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess, RunResult } from "../support/cdktf-project";
import { killProc, ProcInfo, waitFor } from "../support/processes";
import {
  apiEnv,
  CREDS,
  diagnosticTexts,
  expectCreatedOnce,
  expectExactly,
  expectStateConverged,
  expectStateTrue,
  groupDecls,
  jsonRun,
  providerProcesses,
  startApply,
  stateGroups,
  synth,
} from "./helpers";
import { writes } from "../support/api-calls";

jest.setTimeout(5 * 60_000);

const DECLS = groupDecls(200, "provkill");

describe("the provider killed -9 mid-apply", () => {
  let emu: Emulator;
  let project: CdktfProject;
  let env: NodeJS.ProcessEnv;
  let killed: ProcInfo[] = [];
  let recorded: string[];
  let untracked: string[]; // exist in the API, not in the state: CreateGroup performed for the dead provider

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: true, qps: 0 });
    project = new CdktfProject("fg-rel-provkill-");
    env = apiEnv(emu.url);
    project.setStacks([{ name: "provkill", groups: DECLS }]);
    await synth(project, ["provkill"], env);
  });
  afterAll(async () => {
    killed.forEach(killProc); // still alive only if the kill failed; never another process
    await emu?.stop();
    project?.dispose();
  });

  test("terraform fails the resources in flight and records only groups that exist as recorded", async () => {
    const apply = startApply(project, "provkill", env);
    await waitFor("the apply to be under way", () => emu.groups().length >= 20, 180_000);
    // Slow every call down so that some sit in flight, CreateGroup among them, then kill the provider.
    emu.setFaults({ rate: 1, kinds: ["latency"], latencyMs: 1500, seed: 4 });
    const pending = () => emu.requests.filter((r) => r.code === "pending" && r.fault === "latency");
    await waitFor("CreateGroup calls in flight", () => pending().filter((r) => r.action === "CreateGroup").length >= 3, 60_000);
    const providers = providerProcesses(apply.child.pid!);
    expect(providers).toHaveLength(1); // one provider process serves the whole apply
    killed = providers.filter(killProc);
    expect(killed).toHaveLength(1);

    const result: RunResult = await apply.result;
    emu.setFaults(undefined);
    expect(result.code).toBe(1);
    const errors = diagnosticTexts(result.output, "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => /plugin|provider|connection|unavailable/i.test(e))).toBe(true);
    expect(jsonRun(result.output).summary).toBeUndefined();

    // The state records no half-done group: none tainted, each exists in the API with its recorded fields.
    await waitFor("the dead provider's calls to be answered", () => pending().length === 0, 30_000);
    const state = stateGroups(project, "provkill");
    expectStateTrue(state, emu.groups(), DECLS);
    recorded = state.map((s) => s.groupId).sort();
    const existing = emu.groups().map((g) => g.GroupId);
    untracked = existing.filter((id) => !recorded.includes(id)).sort();
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.length).toBeLessThan(DECLS.length);
    // The dead provider's CreateGroup still reached the API and was performed: that group exists, untracked.
    expect(untracked.length).toBeGreaterThan(0);
  });

  test("a plain re-apply creates only the rest and converges; performed creates are adopted", async () => {
    const before = emu.requests.length;
    const result = await startApply(project, "provkill", env).result;
    expectSuccess(result);
    const missing = DECLS.length - recorded.length;
    expect(jsonRun(result.output).summary).toBe(`Apply complete! Resources: ${missing} added, 0 changed, 0 destroyed.`);
    const calls = emu.requests.slice(before);
    // Recorded groups are only read (refresh); untracked ones meet GroupIdAlreadyExist and are adopted without a write.
    expect(writes(calls.filter((c) => recorded.includes(c.groupId!)))).toEqual([]);
    expect(writes(calls.filter((c) => untracked.includes(c.groupId!))).sort()).toEqual(untracked.map((id) => `CreateGroup:${id}:InvalidParameterValue.GroupIdAlreadyExist`).sort());

    expectExactly(emu.groups(), DECLS);
    expectCreatedOnce(emu.requests, DECLS);
    expectStateConverged(project, "provkill", DECLS, emu.groups());
    console.log(`provider killed with ${recorded.length} groups recorded; ${untracked.length} created for it but unrecorded, adopted on re-apply`);
  });
});
