/**
 * Permanent failures (an account in arrears, an unknown SecretId) fail at once — one call per group, no retry — with
 * an error that names the Code, the RequestId the API answered, the GroupId and what to do; the state never records
 * a group that was not created, and a plain re-apply once the cause is fixed converges.
 */
import { Emulator, RequestRecord, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess, GroupDecl, RunResult } from "../support/cdktf-project";
import { apiEnv, CREDS, diagnosticTexts, expectCreatedOnce, expectExactly, expectStateConverged, groupDecls, idsOf, jsonRun, startApply, stateGroups, synth } from "./helpers";

jest.setTimeout(3 * 60_000);

const ARREARS = groupDecls(5, "arrears");
const AUTH = groupDecls(5, "auth");

describe("permanent faults fail fast and leave a consistent state", () => {
  let emu: Emulator;
  let project: CdktfProject;

  /** Applies `stack` and returns its result with the requests it made. */
  async function apply(stack: string, env: NodeJS.ProcessEnv): Promise<{ result: RunResult; calls: RequestRecord[] }> {
    const before = emu.requests.length;
    const result = await startApply(project, stack, env).result;
    return { result, calls: emu.requests.slice(before) };
  }

  /** One CreateGroup per group, none retried; one error per group naming code, RequestId, GroupId and the advice. */
  function expectFailedFast(result: RunResult, calls: RequestRecord[], decls: readonly GroupDecl[], code: string, advice: RegExp): void {
    expect(result.code).not.toBe(0);
    const ids = idsOf(decls);
    // Besides the creates: the account listing of the plan's predictions (one per provider process: plan, apply),
    // which fails too; the plan warns that it could not check and goes on.
    const listings = calls.filter((c) => c.action === "GetGroupList");
    expect(listings.map((c) => c.code)).toEqual(listings.map(() => code));
    expect(listings.length).toBeLessThanOrEqual(2);
    calls = calls.filter((c) => c.action !== "GetGroupList");
    expect(calls.map((c) => `${c.action}:${c.code}`)).toEqual(ids.map(() => `CreateGroup:${code}`));
    expect(calls.map((c) => c.groupId).sort()).toEqual(ids);
    const errors = diagnosticTexts(result.output, "error");
    expect(errors).toHaveLength(decls.length);
    for (const c of calls) {
      const error = errors.find((e) => e.includes(`RequestId=${c.requestId}`));
      expect(error).toBeDefined();
      expect(error).toContain(`Code=${code}`);
      expect(error).toContain(`GroupId=${c.groupId}`);
      expect(error).toMatch(advice);
    }
    expect(jsonRun(result.output).summary).toBeUndefined(); // no "Apply complete!"
  }

  /** Nothing is recorded as created; `terraform plan` wants to create every group. */
  async function expectNothingRecorded(stack: string, decls: readonly GroupDecl[], env: NodeJS.ProcessEnv): Promise<void> {
    expect(stateGroups(project, stack)).toEqual([]);
    const before = emu.requests.length;
    const plan = await project.terraform(stack, ["plan", "-input=false", "-detailed-exitcode"], env);
    expect(plan.code).toBe(2); // changes pending
    expect(plan.output).toContain(`Plan: ${decls.length} to add, 0 to change, 0 to destroy.`);
    // Nothing in state: nothing to read; the creates' predictions list the account once.
    expect(emu.requests.slice(before).map((r) => r.action)).toEqual(["GetGroupList"]);
  }

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: true, qps: 0 });
    project = new CdktfProject("fg-rel-permanent-");
    project.setStacks([{ name: "arrears", groups: ARREARS }, { name: "auth", groups: AUTH }]);
    await synth(project, ["arrears", "auth"], apiEnv(emu.url));
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  test("ResourceUnavailable.InArrears: one call per group, clear message, nothing recorded", async () => {
    emu.setFaults({ rate: 1, kinds: ["ResourceUnavailable.InArrears"], seed: 1 });
    const { result, calls } = await apply("arrears", apiEnv(emu.url));
    expectFailedFast(result, calls, ARREARS, "ResourceUnavailable.InArrears", /the Tencent Cloud account is in arrears; top up the account, then retry/);
    // (no retrying toward a deadline: expectFailedFast counts one call per group)
    expect(emu.groups()).toEqual([]);
    await expectNothingRecorded("arrears", ARREARS, apiEnv(emu.url));
  });

  test("fault removed: a plain re-apply converges to exactly the declared groups", async () => {
    emu.setFaults(undefined);
    const { result, calls } = await apply("arrears", apiEnv(emu.url));
    expectSuccess(result);
    expect(jsonRun(result.output).summary).toBe("Apply complete! Resources: 5 added, 0 changed, 0 destroyed.");
    expectExactly(emu.groups(), ARREARS);
    expectCreatedOnce(calls, ARREARS);
    expectStateConverged(project, "arrears", ARREARS, emu.groups());
  });

  test("AuthFailure.SecretIdNotFound (wrong credentials): one call per group, clear message, nothing recorded", async () => {
    const wrong = { secretId: "AKIDunknownToTheApi0000000000000", secretKey: "not-the-right-key-000000000000000" };
    const { result, calls } = await apply("auth", apiEnv(emu.url, {}, wrong));
    expectFailedFast(result, calls, AUTH, "AuthFailure.SecretIdNotFound", /the API rejected the credentials: check TENCENTCLOUD_SECRET_ID/);
    expect(result.output).not.toContain(wrong.secretKey);
    expect(emu.groups().filter((g) => g.GroupId.startsWith("auth-"))).toEqual([]);
    await expectNothingRecorded("auth", AUTH, apiEnv(emu.url, {}, wrong));
  });

  test("right credentials: a plain re-apply converges; the other stack is untouched", async () => {
    const { result, calls } = await apply("auth", apiEnv(emu.url));
    expectSuccess(result);
    expectCreatedOnce(calls, AUTH);
    expectExactly(emu.groups(), [...ARREARS, ...AUTH]);
    expectStateConverged(project, "auth", AUTH, emu.groups());
    expectStateConverged(project, "arrears", ARREARS, emu.groups());
  });
});
