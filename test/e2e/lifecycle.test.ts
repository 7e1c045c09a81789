/**
 * The whole FaceGroup lifecycle through the real `cdktf` CLI and `terraform`, against the in-process emulator over
 * loopback HTTP: what the plan says, what reached the API, what the emulator holds afterwards.
 */
import { startEmulator, Emulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess, GroupDecl } from "../support/cdktf-project";
import { officialClient } from "../support/official-client";

jest.setTimeout(10 * 60_000);

const CREDS = { secretId: "AKIDe2eLifecycle0000000000000000", secretKey: "e2eLifecycleSecretKey000000000000" };
const WRITES = new Set(["CreateGroup", "ModifyGroup", "DeleteGroup"]);

describe("FaceGroup lifecycle with cdktf deploy", () => {
  let emu: Emulator;
  let project: CdktfProject;
  let env: NodeJS.ProcessEnv;

  const employees = (over: Record<string, unknown> = {}): GroupDecl => ({
    id: "Employees",
    props: { groupId: "TencentShenZhenEmployee", groupName: "Tencent Shenzhen Employee Group", groupExDescriptions: ["Business Group", "Department name"], tag: "Excludes interns", ...over },
  });
  const visitors: GroupDecl = { id: "Visitors", props: { groupId: "Visitors-2026", groupName: "Visitors", removalPolicy: "destroy" } };

  /** Requests that reached the emulator during `fn`. */
  async function callsDuring<T>(fn: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
    const before = emu.requests.length;
    const result = await fn();
    return { result, calls: emu.requests.slice(before).map((r) => `${r.action}:${r.groupId ?? "-"}:${r.code}`) };
  }

  const group = (id: string) => emu.groups().find((g) => g.GroupId === id);

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: true });
    project = new CdktfProject();
    env = { TENCENTCLOUD_IAI_ENDPOINT: emu.url, TENCENTCLOUD_SECRET_ID: CREDS.secretId, TENCENTCLOUD_SECRET_KEY: CREDS.secretKey };
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  test("first deploy creates every declared group with its exact fields", async () => {
    project.setStacks([{ name: "app", groups: [employees(), visitors] }]);
    const { result, calls } = await callsDuring(() => project.deploy("app", env));
    expect(result.output).toMatch(/Apply complete! Resources: 4 added, 0 changed, 0 destroyed/);
    expectSuccess(result);
    expect(calls.filter((c) => c.startsWith("CreateGroup")).sort()).toEqual(["CreateGroup:TencentShenZhenEmployee:OK", "CreateGroup:Visitors-2026:OK"]);
    expect(group("TencentShenZhenEmployee")).toMatchObject({ Region: "ap-guangzhou", GroupName: "Tencent Shenzhen Employee Group", GroupExDescriptions: ["Business Group", "Department name"], Tag: "Excludes interns", FaceModelVersion: "3.0" });
    expect(group("Visitors-2026")).toMatchObject({ GroupName: "Visitors", GroupExDescriptions: [], Tag: "", FaceModelVersion: "3.0" });
    // Terraform's state records both parts of each group, by name, with the declared fields.
    const resources = project.state("app")!.resources.map((r) => `${r.type}.${r.name}`).sort();
    expect(resources).toEqual(["terraform_data.employees", "terraform_data.employees_settings", "terraform_data.visitors", "terraform_data.visitors_settings"]);
    const settings = project.state("app")!.resources.find((r) => r.name === "employees_settings")!;
    expect(settings.instances[0].attributes.input).toMatchObject({ value: { group_name: "Tencent Shenzhen Employee Group", tag: "Excludes interns" } });
    // The official client reads the same group back.
    const info = await officialClient(emu.url, CREDS).GetGroupInfo({ GroupId: "TencentShenZhenEmployee" });
    expect(info.GroupName).toBe("Tencent Shenzhen Employee Group");
  });

  test("deploying again plans no changes and sends no write call", async () => {
    const { result, calls } = await callsDuring(() => project.deploy("app", env));
    expectSuccess(result);
    expect(result.output).toMatch(/No changes/);
    expect(calls.filter((c) => WRITES.has(c.split(":")[0]))).toEqual([]);
  });

  test("rename + retag plans the settings part only and sends GetGroupInfo + ModifyGroup", async () => {
    const createdAt = group("TencentShenZhenEmployee")!.CreationTimestamp;
    project.setStacks([{ name: "app", groups: [employees({ groupName: "Shenzhen Staff", tag: "All staff" }), visitors] }]);
    const diff = await project.diff("app", env);
    expectSuccess(diff);
    expect(diff.output).toMatch(/group_name\s+= "Tencent Shenzhen Employee Group" -> "Shenzhen Staff"/);
    expect(diff.output).toMatch(/tag\s+= "Excludes interns" -> "All staff"/);
    expect(diff.output).toMatch(/# terraform_data\.employees_settings .*must be replaced/);
    // The identity part (the group itself) is untouched: no replacement, no destroy.
    expect(diff.output).not.toMatch(/# terraform_data\.employees .*(must be replaced|will be destroyed)/);
    expect(diff.output).toMatch(/Plan: 1 to add, 0 to change, 1 to destroy/);

    const { result, calls } = await callsDuring(() => project.deploy("app", env));
    expectSuccess(result);
    expect(calls).toEqual(["GetGroupInfo:TencentShenZhenEmployee:OK", "ModifyGroup:TencentShenZhenEmployee:OK"]);
    expect(group("TencentShenZhenEmployee")).toMatchObject({ GroupName: "Shenzhen Staff", Tag: "All staff", CreationTimestamp: createdAt });
  });

  test("changing groupId plans a replacement; the old group is kept under RETAIN", async () => {
    // The kept group keeps its name and names are unique per region, so the new group gets a new name too.
    project.setStacks([{ name: "app", groups: [employees({ groupId: "ShenzhenStaff2026", groupName: "Shenzhen Staff 2026", tag: "All staff" }), visitors] }]);
    const diff = await project.diff("app", env);
    expect(diff.output).toMatch(/group_id\s+= "TencentShenZhenEmployee" -> "ShenzhenStaff2026"/);
    expect(diff.output).toMatch(/# terraform_data\.employees .*must be replaced/);

    const { result, calls } = await callsDuring(() => project.deploy("app", env));
    expectSuccess(result);
    expect(result.output).toMatch(/kept/i);
    expect(calls.filter((c) => c.startsWith("DeleteGroup"))).toEqual([]);
    expect(group("TencentShenZhenEmployee")).toBeDefined();
    expect(group("ShenzhenStaff2026")).toMatchObject({ GroupName: "Shenzhen Staff 2026", Tag: "All staff" });
  });

  test("destroy keeps RETAIN groups and deletes DESTROY groups", async () => {
    const { result, calls } = await callsDuring(() => project.destroy("app", env));
    expectSuccess(result);
    expect(calls.filter((c) => WRITES.has(c.split(":")[0]))).toEqual(["DeleteGroup:Visitors-2026:OK"]);
    expect(group("Visitors-2026")).toBeUndefined();
    expect(group("ShenzhenStaff2026")).toBeDefined();
    expect(result.output).toMatch(/ShenzhenStaff2026.*kept/i);
  });

  test("a pre-existing group with the declared id is adopted and converged", async () => {
    // TencentShenZhenEmployee still exists (kept above) with name "Shenzhen Staff": declare it afresh.
    project.setStacks([{ name: "app", groups: [employees({ groupName: "Adopted Staff", groupExDescriptions: ["Business Group", "Department name", "Desk"] })] }]);
    const { result, calls } = await callsDuring(() => project.deploy("app", env));
    expectSuccess(result);
    expect(result.output).toMatch(/adopt/i);
    expect(calls).toEqual(["GetGroupInfo:TencentShenZhenEmployee:OK", "ModifyGroup:TencentShenZhenEmployee:OK"]);
    expect(group("TencentShenZhenEmployee")).toMatchObject({ GroupName: "Adopted Staff", Tag: "Excludes interns", GroupExDescriptions: ["Business Group", "Department name", "Desk"] });
  });
});
