/**
 * Two teams, two cdktf projects (two states), one account: concurrent `cdktf deploy`s of disjoint groups both
 * succeed. When both declare the same groupId the second adopts the first's group — and then the two stacks share
 * it without knowing: destroying the first under RETAIN keeps it for the second, under DESTROY it deletes the group
 * the second still declares, and the second's plan does not notice.
 */
import { Emulator, RequestRecord, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess, GroupDecl, RunResult } from "../support/cdktf-project";
import { waitFor } from "../support/processes";
import { apiEnv, CREDS, expectCreatedOnce, expectExactly, expectStateConverged, groupDecls, handlerLines } from "./helpers";

jest.setTimeout(4 * 60_000);

const ALPHA = groupDecls(8, "alpha");
const BETA = groupDecls(8, "beta");
const shared = (removalPolicy = "retain"): GroupDecl => ({ id: "SharedDoor", props: { groupId: "shared-door", groupName: "Shared front door", tag: "both teams", removalPolicy } });

describe("two stacks, one account", () => {
  let emu: Emulator;
  let teamA: CdktfProject;
  let teamB: CdktfProject;
  let env: NodeJS.ProcessEnv;

  /** Runs `fn` and returns its result with the requests made meanwhile. */
  async function during<T>(fn: () => Promise<T>): Promise<{ result: T; calls: RequestRecord[] }> {
    const before = emu.requests.length;
    const result = await fn();
    return { result, calls: emu.requests.slice(before) };
  }
  const writes = (calls: RequestRecord[]) => calls.filter((c) => c.action !== "GetGroupInfo").map((c) => `${c.action}:${c.groupId}:${c.code}`);
  const sharedExists = () => emu.groups().some((g) => g.GroupId === "shared-door");
  /** The stack's plan (terraform in its synthesized folder, as `cdktf diff` runs it) has nothing to do. */
  const noChanges = async (project: CdktfProject, stack: string) => {
    const plan: RunResult = await project.terraform(stack, ["plan", "-input=false", "-detailed-exitcode"], env);
    expect(plan.code).toBe(0); // 2 would mean changes pending
    expect(plan.output).toContain("No changes.");
  };

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: true, qps: 50 }); // one account: one QPS budget for both
    env = apiEnv(emu.url);
    teamA = new CdktfProject("fg-rel-team-a-");
    teamB = new CdktfProject("fg-rel-team-b-");
  });
  afterAll(async () => {
    await emu?.stop();
    teamA?.dispose();
    teamB?.dispose();
  });

  test("disjoint groups deployed concurrently: both succeed, exactly both sets exist", async () => {
    teamA.setStacks([{ name: "teama", groups: ALPHA }]);
    teamB.setStacks([{ name: "teamb", groups: BETA }]);
    // Calls are held 5 s until both stacks have reached the API, so the two applies are in flight together even
    // when one cdktf starts seconds after the other.
    emu.setFaults({ rate: 1, kinds: ["latency"], latencyMs: 5000 });
    const seen = (prefix: string) => emu.requests.some((r) => r.groupId?.startsWith(prefix));
    const release = waitFor("both stacks at the API", () => seen("alpha") && seen("beta"), 120_000).finally(() => emu.setFaults(undefined));
    const { result: [a, b], calls } = await during(() => Promise.all([teamA.deploy("teama", env), teamB.deploy("teamb", env), release]));
    expectSuccess(a);
    expectSuccess(b);
    expectExactly(emu.groups(), [...ALPHA, ...BETA]);
    expectCreatedOnce(calls, [...ALPHA, ...BETA]);
    expectStateConverged(teamA, "teama", ALPHA);
    expectStateConverged(teamB, "teamb", BETA);
    // The two applies really were at the API together: some alpha call and some beta call were in flight at once.
    const spans = (prefix: string) => calls.filter((c) => c.groupId!.startsWith(prefix)).map((c) => [c.at, c.at + c.ms]);
    const overlap = spans("alpha").some(([a0, a1]) => spans("beta").some(([b0, b1]) => a0 < b1 && b0 < a1));
    expect(overlap).toBe(true);
  });

  test("the same groupId in the second stack is adopted, not created again", async () => {
    teamA.setStacks([{ name: "teama", groups: [...ALPHA, shared()] }]);
    const a = await during(() => teamA.deploy("teama", env));
    expectSuccess(a.result);
    expect(writes(a.calls)).toEqual(["CreateGroup:shared-door:OK"]);

    teamB.setStacks([{ name: "teamb", groups: [...BETA, shared()] }]);
    const b = await during(() => teamB.deploy("teamb", env));
    expectSuccess(b.result);
    expect(b.calls.map((c) => `${c.action}:${c.groupId}:${c.code}`)).toEqual(["GetGroupInfo:shared-door:OK"]);
    expect(handlerLines(b.result.output).adopted).toEqual(["shared-door"]);
    expect(b.result.output).toMatch(/face-group shared-door: existed in ap-guangzhou and matches the declaration; adopted/);
    expectExactly(emu.groups(), [...ALPHA, ...BETA, shared()]);
  });

  test("RETAIN protects: destroying the first stack keeps the group the second still declares", async () => {
    const { result, calls } = await during(() => teamA.destroy("teama", env));
    expectSuccess(result);
    expect(writes(calls)).toEqual([]);
    expect(result.output).toMatch(/face-group shared-door: kept in ap-guangzhou \(removalPolicy retain\)/);
    expect(sharedExists()).toBe(true);
    await noChanges(teamB, "teamb");
    expectExactly(emu.groups(), [...ALPHA, ...BETA, shared()]); // RETAIN keeps alpha's groups too
  });

  test("the hazard under DESTROY: the first stack deletes the shared group; the second's plan does not notice", async () => {
    teamA.setStacks([{ name: "teama", groups: [shared("destroy")] }]);
    const adopt = await during(() => teamA.deploy("teama", env));
    expectSuccess(adopt.result);
    expect(handlerLines(adopt.result.output).adopted).toEqual(["shared-door"]);

    const { result, calls } = await during(() => teamA.destroy("teama", env));
    expectSuccess(result);
    expect(writes(calls)).toEqual(["DeleteGroup:shared-door:OK"]);
    expect(sharedExists()).toBe(false);
    await noChanges(teamB, "teamb"); // terraform_data never reads the API: the loss is invisible to team B

    // Team B's way back: replace the settings part, whose handler re-creates the group.
    const replace = await during(() => teamB.terraform("teamb", ["apply", "-auto-approve", "-input=false", "-replace=terraform_data.shared_door_settings"], env));
    expectSuccess(replace.result);
    expect(writes(replace.calls)).toEqual(["CreateGroup:shared-door:OK"]);
    expectExactly(emu.groups(), [...ALPHA, ...BETA, shared()]);
  });
});
