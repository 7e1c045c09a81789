/**
 * Plans that say what the apply would find, through the real `cdktf` CLI and `terraform` against the emulator: one
 * deployed stack (groups a, b, c, d) in an account that also holds groups made outside it (the console, another
 * stack). Each plan asserts its words, its exit status, the calls it made (one account listing, one GetPersonListNum
 * per adoption) and that nothing was written; and the call budget in an account of more than one page.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Emulator, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess, GroupDecl, RunResult } from "../support/cdktf-project";
import { officialClient } from "../support/official-client";
import { seedPersons } from "../support/person-seed";
import { runWithCalls } from "../support/plan-run";

jest.setTimeout(10 * 60_000);

const CREDS = { secretId: "AKIDe2ePlanPredictions00000000000", secretKey: "e2ePlanPredictionsSecretKey000000" };
const group = (groupId: string, props: Record<string, unknown> = {}): GroupDecl => ({ id: groupId.toUpperCase(), props: { groupId, groupName: `${groupId} name`, ...props } });
const DEPLOYED = ["a", "b", "c", "d"].map((id) => group(id));

describe("a plan predicts what its apply would find", () => {
  let emu: Emulator;
  let project: CdktfProject;
  let env: NodeJS.ProcessEnv;

  const during = (fn: () => Promise<RunResult>) => runWithCalls(emu, fn);
  const of = (calls: string[], action: string) => calls.filter((c) => c.startsWith(`${action}:`));
  const created = (groupId: string) => `${new Date(emu.groups().find((g) => g.GroupId === groupId)!.CreationTimestamp).toISOString().slice(0, 19).replace("T", " ")} UTC`;

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: true });
    project = new CdktfProject("fg-predict-");
    env = { TENCENTCLOUD_IAI_ENDPOINT: emu.url, TENCENTCLOUD_SECRET_ID: CREDS.secretId, TENCENTCLOUD_SECRET_KEY: CREDS.secretKey };
    project.setStacks([{ name: "app", groups: DEPLOYED }]);
    expectSuccess(await project.deploy("app", env));
    // Groups made outside the stack.
    const client = officialClient(emu.url, CREDS);
    await client.CreateGroup({ GroupId: "adoptee", GroupName: "Adoptee old", Tag: "console", FaceModelVersion: "3.0" });
    await client.CreateGroup({ GroupId: "old-model", GroupName: "Old model", FaceModelVersion: "2.0" });
    await client.CreateGroup({ GroupId: "foreign", GroupName: "Foreign name", FaceModelVersion: "3.0" });
    await client.CreateGroup({ GroupId: "foreign-2", GroupName: "Foreign two", FaceModelVersion: "3.0" });
    await seedPersons(emu.url, "adoptee", { persons: 4, faces: 6 });
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  test("cdktf diff: a create of an existing group_id warns of the adoption; a name another group of the plan gives up warns of the order", async () => {
    project.setStacks([
      {
        name: "app",
        groups: [group("a", { groupName: "b name" }), group("b", { groupName: "b renamed" }), group("c"), group("d"), group("adoptee", { groupName: "Adoptee new" })],
      },
    ]);
    const { output, code, calls, writes } = await during(() => project.diff("app", env));
    expect(code).toBe(0);
    expect(output).toMatch(/Plan: 1 to add, 2 to change, 0 to destroy/);
    expect(output).toContain(
      `Warning: This plan will adopt the existing group 'adoptee' created ${created("adoptee")} with 4 persons and 6 faces; apply changes GroupName 'Adoptee old' → 'Adoptee new', Tag 'console' → ''`,
    );
    expect(output).toContain("Terraform shows a create, but the face group 'adoptee' already exists in ap-guangzhou");
    // Said on a or on b, whichever Terraform plans last: the order, and how to make it certain.
    expect(output).toContain(
      "The apply succeeds only if Terraform changes 'b' first; it orders the two only when the resource of 'a' depends on the resource of 'b' (cdktf: dependsOn: [that FaceGroup]; HCL: depends_on)",
    );
    expect(output).toMatch(/Warning: group_name 'b name' (is taken from face group 'b', which this plan renames to 'b renamed'|is held by face group 'b' of this configuration)/);
    expect(output).not.toContain("Error");
    // The plan's predictions: one listing (1 page), one count for the adoption; the rest is the refresh.
    expect(of(calls, "GetPersonListNum")).toEqual(["GetPersonListNum:adoptee:OK"]);
    expect(of(calls, "GetGroupList").length).toBeLessThanOrEqual(2);
    expect(calls.filter((c) => !/^(GetGroupList|GetGroupInfo|GetPersonListNum):/.test(c))).toEqual([]);
    expect(writes).toEqual([]);
  });

  test("terraform plan fails on what the apply would refuse: another model, names held outside the plan, a swap; nothing is written", async () => {
    project.setStacks([
      {
        name: "app",
        groups: [
          group("a", { groupName: "Foreign two" }),
          group("b"),
          group("c", { groupName: "d name" }),
          group("d", { groupName: "c name" }),
          group("old-model", { groupName: "Old model" }),
          group("newcomer", { groupName: "Foreign name" }),
        ],
      },
    ]);
    expectSuccess(await project.cdktf(["synth"], env));
    const { output, code, calls, writes } = await during(() => project.terraform("app", ["plan", "-input=false"], env));
    expect(code).toBe(1);
    expect(output).toContain("Error: Face group 'old-model' already exists in ap-guangzhou and cannot be adopted");
    expect(output).toContain(`This plan creates 'old-model', but a group with that GroupId exists (created ${created("old-model")}, name 'Old model'): the group exists in ap-guangzhou with FaceModelVersion "2.0" but the FaceGroup declares "3.0"`);
    expect(output).toMatch(/Error: Face group 'old-model' already exists[^]*"face_model_version": "3.0"/);
    // A create and a rename to a name a group outside the plan holds.
    expect(output).toContain("Error: group_name 'Foreign name' is held by face group 'foreign'");
    expect(output).toContain("Error: group_name 'Foreign two' is held by face group 'foreign-2'");
    expect(output).toContain("Group names are unique per region, and 'foreign' in ap-guangzhou (created outside this plan: the console, another stack) already has the name 'Foreign name'");
    // Said once, by whichever of the two Terraform plans last.
    expect(output.split("Error: Face groups 'c' and 'd' swap names: no order of the two renames can apply").length - 1).toBe(1);
    expect(output).toContain("This plan renames 'c' 'c name' -> 'd name' and 'd' 'd name' -> 'c name'");
    expect(of(calls, "GetPersonListNum")).toEqual([]);
    expect(of(calls, "GetGroupList").length).toBeLessThanOrEqual(2);
    expect(writes).toEqual([]);
    expect(emu.groups().map((g) => `${g.GroupId}=${g.GroupName}`).sort()).toEqual(
      ["a=a name", "adoptee=Adoptee old", "b=b name", "c=c name", "d=d name", "foreign-2=Foreign two", "foreign=Foreign name", "old-model=Old model"],
    );
  });

  test("call budget: creates in an account of 2,100 groups cost one listing (3 pages) and nothing per group", async () => {
    // Another account: 2,100 groups made outside the stack, the emulator's saved state.
    const statePath = path.join(project.dir, "big-account.json");
    const now = Date.now();
    const groups = Array.from({ length: 2100 }, (_, i) => ({ Region: "ap-guangzhou", GroupId: `other-${i}`, GroupName: `Other ${i}`, GroupExDescriptions: [], Tag: "", FaceModelVersion: "3.0", CreationTimestamp: now, UpdateTimestamp: now }));
    fs.writeFileSync(statePath, JSON.stringify({ version: 1, groups }));
    const big = await startEmulator({ credentials: [CREDS], quiet: true, statePath });
    try {
      project.setStacks([{ name: "app", groups: DEPLOYED }, { name: "budget", groups: ["n1", "n2", "n3", "n4", "n5"].map((id) => group(id)) }]);
      expectSuccess(await project.cdktf(["synth"], env));
      expectSuccess(await project.terraform("budget", ["init", "-input=false"], env)); // offline: the provider is placed in the stack
      const { output, code, calls } = await runWithCalls(big, () => project.terraform("budget", ["plan", "-input=false", "-detailed-exitcode"], { ...env, TENCENTCLOUD_IAI_ENDPOINT: big.url }));
      expect({ code, output }).toEqual({ code: 2, output: expect.stringContaining("Plan: 5 to add, 0 to change, 0 to destroy.") });
      expect(calls).toEqual(["GetGroupList:-:OK", "GetGroupList:-:OK", "GetGroupList:-:OK"]);
    } finally {
      await big.stop();
    }
  });

  test("no create and no rename: the plan makes no call beyond its refresh", async () => {
    project.setStacks([{ name: "app", groups: DEPLOYED }]);
    expectSuccess(await project.cdktf(["synth"], env));
    const { output, code, calls } = await during(() => project.terraform("app", ["plan", "-input=false", "-refresh=false"], env));
    expect(code).toBe(0);
    expect(output).toContain("No changes.");
    expect(calls).toEqual([]);
  });
});
