/**
 * Two teams, two cdktf projects (two states), one account: concurrent `cdktf deploy`s of disjoint groups both
 * succeed. When both declare the same groupId the second adopts the first's group — and then the two stacks share
 * it without knowing: destroying the first under RETAIN keeps it for the second, under DESTROY it deletes the group
 * the second still declares. The second's `cdktf diff` reads the group back and sees it gone (planned for
 * creation), and its plain deploy re-creates it (its persons and faces are not restored).
 */
import { Emulator, RequestRecord, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess, GroupDecl, RunResult, planHeader } from "../support/cdktf-project";
import { startGate } from "../support/gate-proxy";
import { waitFor } from "../support/processes";
import { apiEnv, CREDS, expectCreatedOnce, expectExactly, expectStateConverged, FACE_GROUP_TYPE, groupDecls, stateGroups } from "./helpers";
import { writes } from "../support/api-calls";

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
  const sharedExists = () => emu.groups().some((g) => g.GroupId === "shared-door");
  /** The stack's `cdktf diff`, successful. */
  const diff = async (project: CdktfProject, stack: string): Promise<string> => {
    const r: RunResult = await project.diff(stack, env);
    expectSuccess(r);
    return r.output;
  };
  /** The id a stack's state records for the shared group. */
  const recordedId = (project: CdktfProject, stack: string) => stateGroups(project, stack).find((s) => s.groupId === "shared-door")?.attributes.id;

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
    // A gate in front of the API holds every call until both stacks have one held: from then on the two applies are
    // at the API together (an event, not a timing), however many seconds apart the two cdktf runs start.
    const gate = await startGate(emu.url);
    const gated = { ...env, TENCENTCLOUD_IAI_ENDPOINT: gate.url, FACE_GROUP_REQUEST_TIMEOUT_SECONDS: "600" };
    const held = (prefix: string) => gate.held().some((h) => h.groupId?.startsWith(prefix));
    gate.close();
    const release = waitFor("both stacks held at the API together", () => held("alpha") && held("beta"), 180_000, 100).finally(() => gate.open());
    const { result: [a, b], calls } = await during(() => Promise.all([teamA.deploy("teama", gated), teamB.deploy("teamb", gated), release])).finally(() => gate.stop());
    expectSuccess(a);
    expectSuccess(b);
    expectExactly(emu.groups(), [...ALPHA, ...BETA]);
    expectCreatedOnce(calls, [...ALPHA, ...BETA]);
    expectStateConverged(teamA, "teama", ALPHA, emu.groups());
    expectStateConverged(teamB, "teamb", BETA, emu.groups());
  });

  test("the same groupId in the second stack is adopted, not created again", async () => {
    teamA.setStacks([{ name: "teama", groups: [...ALPHA, shared()] }]);
    const a = await during(() => teamA.deploy("teama", env));
    expectSuccess(a.result);
    expect(writes(a.calls)).toEqual(["CreateGroup:shared-door:OK"]);

    teamB.setStacks([{ name: "teamb", groups: [...BETA, shared()] }]);
    const b = await during(() => teamB.deploy("teamb", env));
    expectSuccess(b.result);
    // CreateGroup meets the existing group; it matches the declaration, so it is adopted as it is (no ModifyGroup).
    expect(writes(b.calls)).toEqual(["CreateGroup:shared-door:InvalidParameterValue.GroupIdAlreadyExist"]);
    expect(b.calls.filter((c) => c.groupId === "shared-door").map((c) => c.action)).toContain("GetGroupInfo");
    expectExactly(emu.groups(), [...ALPHA, ...BETA, shared()]);
    // Both states point at the one group team A created.
    expect(recordedId(teamB, "teamb")).toBe("ap-guangzhou/shared-door");
    expect(recordedId(teamA, "teama")).toBe("ap-guangzhou/shared-door");
  });

  test("RETAIN protects: destroying the first stack keeps the group the second still declares", async () => {
    const { result, calls } = await during(() => teamA.destroy("teama", env));
    expectSuccess(result);
    expect(writes(calls)).toEqual([]);
    expect(result.output).toMatch(/shared-door.*kept/);
    expect(sharedExists()).toBe(true);
    expect(await diff(teamB, "teamb")).toMatch(/No changes/);
    expectExactly(emu.groups(), [...ALPHA, ...BETA, shared()]); // RETAIN keeps alpha's groups too
  });

  test("the hazard under DESTROY: the first stack deletes the shared group; the second's diff sees it gone", async () => {
    teamA.setStacks([{ name: "teama", groups: [shared("destroy")] }]);
    const adopt = await during(() => teamA.deploy("teama", env));
    expectSuccess(adopt.result);
    expect(writes(adopt.calls)).toEqual(["CreateGroup:shared-door:InvalidParameterValue.GroupIdAlreadyExist"]); // adopted

    const { result, calls } = await during(() => teamA.destroy("teama", env));
    expectSuccess(result);
    expect(writes(calls)).toEqual(["DeleteGroup:shared-door:OK"]);
    expect(sharedExists()).toBe(false);

    // Team B's diff reads its groups back: the loss shows, as a group to create (nothing else changes).
    const planned = await diff(teamB, "teamb");
    expect(planned).toMatch(planHeader(FACE_GROUP_TYPE, "shared_door", "will be created"));
    expect(planned).toMatch(/Plan: 1 to add, 0 to change, 0 to destroy/);

    // Team B's way back is its plain deploy: the group is created again (empty: persons and faces are gone).
    const redeploy = await during(() => teamB.deploy("teamb", env));
    expectSuccess(redeploy.result);
    expect(writes(redeploy.calls)).toEqual(["CreateGroup:shared-door:OK"]);
    expectExactly(emu.groups(), [...ALPHA, ...BETA, shared()]);
    expect(recordedId(teamB, "teamb")).toBe("ap-guangzhou/shared-door");
  });
});
