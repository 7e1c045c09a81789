/**
 * Permanent failures (an account in arrears, an unknown SecretId) fail at once — one call per group, no retry — with
 * a line that names the Code, the RequestId the API answered and what to do; the state never records the failed
 * settings part as done, and a plain re-apply once the cause is fixed converges.
 */
import { Emulator, RequestRecord, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess, GroupDecl, RunResult } from "../support/cdktf-project";
import { apiEnv, CREDS, expectCreatedOnce, expectExactly, expectStateConverged, groupDecls, handlerLines, settledGroupIds, startApply, stateParts, synth } from "./helpers";

jest.setTimeout(3 * 60_000);

const ARREARS = groupDecls(5, "arrears");
const AUTH = groupDecls(5, "auth");

describe("permanent faults fail fast and leave a consistent state", () => {
  let emu: Emulator;
  let project: CdktfProject;

  /** Applies `stack` and returns its result with the requests it made. */
  async function apply(stack: string, env: NodeJS.ProcessEnv): Promise<{ result: RunResult; calls: RequestRecord[]; ms: number }> {
    const before = emu.requests.length;
    const started = Date.now();
    const result = await startApply(project, stack, env).result;
    return { result, calls: emu.requests.slice(before), ms: Date.now() - started };
  }

  /** One call per group, the failure line of each names code, the RequestId answered, and the advice. */
  function expectFailedFast(result: RunResult, calls: RequestRecord[], decls: readonly GroupDecl[], code: string, advice: RegExp): void {
    expect(result.code).not.toBe(0);
    const ids = decls.map((d) => d.props.groupId as string).sort();
    expect(calls.map((c) => `${c.action}:${c.code}`)).toEqual(ids.map(() => `GetGroupInfo:${code}`));
    expect(calls.map((c) => c.groupId).sort()).toEqual(ids);
    const handler = handlerLines(result.output);
    expect(handler.failed).toEqual(ids);
    expect(handler.retries).toBe(0);
    expect(result.output).not.toMatch(/retrying in/);
    for (const c of calls) {
      const line = handler.lines.find((l) => l.groupId === c.groupId && l.text.startsWith("FAILED"))!.text;
      expect(line).toContain(`Code=${code}`);
      expect(line).toContain(`RequestId=${c.requestId}`);
      expect(line).toMatch(advice);
    }
    expect(result.output.match(/Error: local-exec provisioner error/g)).toHaveLength(decls.length);
  }

  /** The failed settings parts are tainted or absent — never recorded as done; `terraform plan` wants to redo them. */
  async function expectNotRecordedAsDone(stack: string, decls: readonly GroupDecl[], env: NodeJS.ProcessEnv): Promise<void> {
    const parts = stateParts(project, stack);
    expect(settledGroupIds(parts)).toEqual([]);
    const list = await project.terraform(stack, ["state", "list"], env);
    expectSuccess(list);
    const listed = list.output.split("\n").filter((l) => l.startsWith("terraform_data."));
    // Only the identity parts (no API call on create) and tainted settings parts may be listed.
    for (const address of listed) {
      const part = parts.find((p) => p.address === address)!;
      expect(part.kind === "identity" || part.tainted).toBe(true);
    }
    const plan = await project.terraform(stack, ["plan", "-input=false", "-detailed-exitcode"], env);
    expect(plan.code).toBe(2); // changes pending
    expect(plan.output).toMatch(new RegExp(`Plan: ${decls.length} to add`));
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

  test("ResourceUnavailable.InArrears: one call per group, clear message, nothing recorded as done", async () => {
    emu.setFaults({ rate: 1, kinds: ["ResourceUnavailable.InArrears"], seed: 1 });
    const { result, calls, ms } = await apply("arrears", apiEnv(emu.url));
    expectFailedFast(result, calls, ARREARS, "ResourceUnavailable.InArrears", /what to do: the Tencent Cloud account is in arrears; top up the account, then retry/);
    expect(ms).toBeLessThan(60_000); // no retrying toward the 300 s deadline
    expect(emu.groups()).toEqual([]);
    await expectNotRecordedAsDone("arrears", ARREARS, apiEnv(emu.url));
  });

  test("fault removed: a plain re-apply converges to exactly the declared groups", async () => {
    emu.setFaults(undefined);
    const { result, calls } = await apply("arrears", apiEnv(emu.url));
    expectSuccess(result);
    expectExactly(emu.groups(), ARREARS);
    expectCreatedOnce(calls, ARREARS);
    expectStateConverged(project, "arrears", ARREARS);
  });

  test("AuthFailure.SecretIdNotFound (wrong credentials): one call per group, clear message, nothing recorded as done", async () => {
    const wrong = { secretId: "AKIDunknownToTheApi0000000000000", secretKey: "not-the-right-key-000000000000000" };
    const { result, calls } = await apply("auth", apiEnv(emu.url, {}, wrong));
    expectFailedFast(result, calls, AUTH, "AuthFailure.SecretIdNotFound", /what to do: the API rejected the credentials: check TENCENTCLOUD_SECRET_ID/);
    expect(result.output).not.toContain(wrong.secretKey);
    expect(emu.groups().filter((g) => g.GroupId.startsWith("auth-"))).toEqual([]);
    await expectNotRecordedAsDone("auth", AUTH, apiEnv(emu.url, {}, wrong));
  });

  test("right credentials: a plain re-apply converges; the other stack is untouched", async () => {
    const { result, calls } = await apply("auth", apiEnv(emu.url));
    expectSuccess(result);
    expectCreatedOnce(calls, AUTH);
    expectExactly(emu.groups(), [...ARREARS, ...AUTH]);
    expectStateConverged(project, "auth", AUTH);
    expectStateConverged(project, "arrears", ARREARS);
  });
});
