/**
 * Plans that warn before data loss, through the real `cdktf` CLI and `terraform` against the emulator: one deployed
 * stack whose groups hold seeded persons and faces serves every case — a replacement and a removal under DESTROY
 * (`cdktf diff`), a count the credentials may not read (`terraform plan -destroy`), and the destroy itself (`cdktf
 * destroy`), where RETAIN says kept. Each plan's only extra call is GetPersonListNum, one per deleted group.
 */
import { Emulator, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess, GroupDecl, RunResult } from "../support/cdktf-project";
import { officialClient } from "../support/official-client";
import { seedPersons } from "../support/person-seed";
import { PlanRun, runWithCalls } from "../support/plan-run";

jest.setTimeout(10 * 60_000);

const CREDS = { secretId: "AKIDe2eDeletionWarnings000000000", secretKey: "e2eDeletionWarningsSecretKey00000" };
const decl = (id: string, groupId: string, removalPolicy: "destroy" | "retain"): GroupDecl => ({ id, props: { groupId, groupName: `${groupId} name`, removalPolicy } });
const TEMP1 = decl("Temp1", "Temp1", "destroy");
const TEMP2 = decl("Temp2", "Temp2", "destroy");
const REMOVED = decl("Removed", "Removed", "destroy");
const KEPT = decl("Kept", "Kept", "retain");

describe("a plan that deletes groups says what is lost", () => {
  let emu: Emulator;
  let project: CdktfProject;
  let env: NodeJS.ProcessEnv;

  /** The successful run's words and the calls (`Action:GroupId:Code`) that reached the emulator meanwhile. */
  async function during(fn: () => Promise<RunResult>): Promise<PlanRun> {
    const run = await runWithCalls(emu, fn);
    expectSuccess(run.result);
    return run;
  }
  const counts = (calls: string[]) => calls.filter((c) => c.startsWith("GetPersonListNum")).sort();

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: true });
    project = new CdktfProject("fg-deletion-");
    env = { TENCENTCLOUD_IAI_ENDPOINT: emu.url, TENCENTCLOUD_SECRET_ID: CREDS.secretId, TENCENTCLOUD_SECRET_KEY: CREDS.secretKey };
    project.setStacks([{ name: "app", groups: [TEMP1, TEMP2, REMOVED, KEPT] }]);
    expectSuccess(await project.deploy("app", env));
    await seedPersons(emu.url, "Temp1", { persons: 12, faces: 30 });
    await seedPersons(emu.url, "Temp2", { persons: 3, faces: 4 });
    await seedPersons(emu.url, "Removed", { persons: 1, faces: 1 });
    await seedPersons(emu.url, "Kept", { persons: 5, faces: 5 });
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  test("cdktf diff: a replacement and a removal under DESTROY warn with the counts; unchanged groups are not counted; nothing is written", async () => {
    project.setStacks([{ name: "app", groups: [TEMP1, { id: "Temp2", props: { ...TEMP2.props, groupId: "Temp2b" } }, KEPT] }]);
    const { output, calls, writes } = await during(() => project.diff("app", env));
    expect(output).toMatch(/Plan: 1 to add, 0 to change, 2 to destroy/);
    expect(output).toContain("Warning: Face group 'Temp2' (ap-guangzhou) holds 3 persons and 4 faces; applying this plan deletes them.");
    expect(output).toContain("this plan replaces the group (group_id cannot change in place)");
    expect(output).toContain("Warning: Face group 'Removed' (ap-guangzhou) holds 1 person and 1 face; applying this plan deletes them.");
    expect(output).toContain('removal_policy is "destroy" and this plan destroys the resource');
    expect(output).not.toContain("Face group 'Temp1'");
    expect(counts(calls)).toEqual(["GetPersonListNum:Removed:OK", "GetPersonListNum:Temp2:OK"]);
    expect(writes).toEqual([]);
  });

  test("terraform plan -destroy when the credentials may not count: every deleted group still warns, saying why", async () => {
    emu.setFaults({ rate: 1, kinds: ["AuthFailure.UnauthorizedOperation"] });
    let run;
    try {
      // No refresh: the count is the plan's only call, and the one the fault hits.
      run = await during(() => project.terraform("app", ["plan", "-destroy", "-refresh=false", "-input=false"], env));
    } finally {
      emu.setFaults(undefined);
    }
    const { output, calls } = run;
    for (const id of ["Temp1", "Temp2", "Removed"]) {
      expect(output).toContain(`Warning: Face group '${id}' (ap-guangzhou) will be deleted with its persons and faces; their count could not be read`);
    }
    expect(output).toContain("GetPersonListNum failed: Code=AuthFailure.UnauthorizedOperation");
    expect(output).toContain("Warning: Face group 'Kept' will be kept (removal_policy \"retain\")");
    expect(output).toMatch(/Plan: 0 to add, 0 to change, 4 to destroy/);
    expect(counts(calls)).toEqual(["Removed", "Temp1", "Temp2"].map((id) => `GetPersonListNum:${id}:AuthFailure.UnauthorizedOperation`));
    expect(calls.filter((c) => !c.startsWith("GetPersonListNum"))).toEqual([]);
  });

  test("cdktf destroy: the DESTROY groups are named with their persons and faces, the RETAIN group is kept with its own", async () => {
    const { output, calls, writes } = await during(() => project.destroy("app", env));
    expect(output).toContain("Warning: Face group 'Temp1' (ap-guangzhou) holds 12 persons and 30 faces; applying this plan deletes them.");
    expect(output).toContain("Warning: Face group 'Temp2' (ap-guangzhou) holds 3 persons and 4 faces; applying this plan deletes them.");
    expect(output).toContain("Warning: Face group 'Removed' (ap-guangzhou) holds 1 person and 1 face; applying this plan deletes them.");
    expect(output).toContain("Face group 'Kept' will be kept (removal_policy \"retain\")");
    // Terraform's destroy first runs a normal plan to refresh (it counts what that plan would delete: the replaced and
    // the removed group), then the destroy plan: at most two reads per group, never a count of the RETAIN group.
    expect([...new Set(counts(calls))]).toEqual(["GetPersonListNum:Removed:OK", "GetPersonListNum:Temp1:OK", "GetPersonListNum:Temp2:OK"]);
    expect(counts(calls).length).toBeLessThanOrEqual(6);
    expect(writes.sort()).toEqual(["DeleteGroup:Removed:OK", "DeleteGroup:Temp1:OK", "DeleteGroup:Temp2:OK"]);
    expect(emu.groups().map((g) => g.GroupId)).toEqual(["Kept"]);
    expect(await officialClient(emu.url, CREDS).GetPersonListNum({ GroupId: "Kept" })).toMatchObject({ PersonNum: 5, FaceNum: 5 });
  });
});
