/**
 * The whole FaceGroup lifecycle through the real `cdktf` CLI and `terraform`, served by our provider, against the
 * in-process emulator over loopback HTTP: what the plan says, what reached the API, what the state and the emulator
 * hold afterwards.
 */
import { startEmulator, Emulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import * as fs from "node:fs";
import * as path from "node:path";
import { CdktfProject, expectSuccess, GroupDecl, planHeader, providerLogEnv, providerNodeVersions } from "../support/cdktf-project";
import { writesDuring } from "../support/api-calls";
import { officialClient } from "../support/official-client";

jest.setTimeout(10 * 60_000);

const CREDS = { secretId: "AKIDe2eLifecycle0000000000000000", secretKey: "e2eLifecycleSecretKey000000000000" };
const TYPE = "tencentcloudiai_face_group";
const header = (name: string, what: string) => planHeader(TYPE, name, what);
/** Terraform wraps a diagnostic's detail to the terminal width (and cdktf prefixes lines): compare words only. */
const words = (s: string) => s.replace(/^app\s+/gm, "").replace(/\s+/g, " ");

describe("FaceGroup lifecycle with cdktf deploy", () => {
  let emu: Emulator;
  let project: CdktfProject;
  let env: NodeJS.ProcessEnv;

  const employees = (over: Record<string, unknown> = {}): GroupDecl => ({
    id: "Employees",
    props: { groupId: "TencentShenZhenEmployee", groupName: "Tencent Shenzhen Employee Group", groupExDescriptions: ["Business Group", "Department name"], tag: "Excludes interns", ...over },
  });
  const visitors: GroupDecl = { id: "Visitors", props: { groupId: "Visitors-2026", groupName: "Visitors", removalPolicy: "destroy" } };


  const group = (id: string) => emu.groups().find((g) => g.GroupId === id);
  const stateOf = (name: string) => project.state("app")?.resources.find((r) => r.type === TYPE && r.name === name)?.instances[0]?.attributes;

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

  test("first deploy (offline, no flags) creates every declared group with its exact fields, one CreateGroup each", async () => {
    project.setStacks([{ name: "app", groups: [employees(), visitors] }]);
    const { result, writes } = await writesDuring(emu, () => project.deploy("app", env));
    expectSuccess(result);
    expect(result.output).toMatch(/Apply complete! Resources: 2 added, 0 changed, 0 destroyed/);
    expect(writes.sort()).toEqual(["CreateGroup:TencentShenZhenEmployee:OK", "CreateGroup:Visitors-2026:OK"]);
    expect(group("TencentShenZhenEmployee")).toMatchObject({ Region: "ap-guangzhou", GroupName: "Tencent Shenzhen Employee Group", GroupExDescriptions: ["Business Group", "Department name"], Tag: "Excludes interns", FaceModelVersion: "3.0" });
    expect(group("Visitors-2026")).toMatchObject({ GroupName: "Visitors", GroupExDescriptions: [], Tag: "", FaceModelVersion: "3.0" });
    // One resource per group, by name, with the declared fields (and nothing the API made up: the state is the code's).
    const resources = project.state("app")!.resources.map((r) => `${r.type}.${r.name}`).sort();
    expect(resources).toEqual([`${TYPE}.employees`, `${TYPE}.visitors`]);
    expect(stateOf("employees")).toMatchObject({
      group_id: "TencentShenZhenEmployee",
      group_name: "Tencent Shenzhen Employee Group",
      tag: "Excludes interns",
      region: "ap-guangzhou",
      removal_policy: "retain",
    });
    expect(stateOf("employees")).not.toHaveProperty("creation_timestamp");
    const info = await officialClient(emu.url, CREDS).GetGroupInfo({ GroupId: "TencentShenZhenEmployee" });
    expect(info.GroupName).toBe("Tencent Shenzhen Employee Group");
  });

  // The title names the version: the Node.js matrix test (node-versions.test.ts) checks it ran on each major.
  test(`deploying again plans no changes and sends no write call; the app and the provider run on Node.js ${process.version}`, async () => {
    const log = path.join(project.dir, "provider.log");
    const diff = await project.diff("app", { ...env, ...providerLogEnv(log) });
    expectSuccess(diff);
    expect(diff.output).toMatch(/No changes/);
    expect(project.synthRecord()).toEqual({ node: process.version, cores: ["cdktf"] });
    const providers = providerNodeVersions(fs.readFileSync(log, "utf8"));
    expect(providers.length).toBeGreaterThan(0);
    expect(new Set(providers)).toEqual(new Set([process.version]));
    const { result, writes } = await writesDuring(emu, () => project.deploy("app", env));
    expectSuccess(result);
    expect(result.output).toMatch(/No changes/);
    expect(writes).toEqual([]);
  });

  test("rename + retag is an in-place update: 0 to add, 1 to change, 0 to destroy, one ModifyGroup", async () => {
    const createdAt = group("TencentShenZhenEmployee")!.CreationTimestamp;
    project.setStacks([{ name: "app", groups: [employees({ groupName: "Shenzhen Staff", tag: "All staff" }), visitors] }]);
    const diff = await project.diff("app", env);
    expectSuccess(diff);
    expect(diff.output).toMatch(header("employees", "will be updated in-place"));
    expect(diff.output).toMatch(/group_name\s+= "Tencent Shenzhen Employee Group" -> "Shenzhen Staff"/);
    expect(diff.output).toMatch(/tag\s+= "Excludes interns" -> "All staff"/);
    expect(diff.output).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy/);

    const { result, writes } = await writesDuring(emu, () => project.deploy("app", env));
    expectSuccess(result);
    expect(writes).toEqual(["ModifyGroup:TencentShenZhenEmployee:OK"]);
    expect(group("TencentShenZhenEmployee")).toMatchObject({ GroupName: "Shenzhen Staff", Tag: "All staff", CreationTimestamp: createdAt });
    expect(stateOf("employees")).toMatchObject({ group_name: "Shenzhen Staff", tag: "All staff" });
  });

  test("a console edit shows in diff, naming the field, and the next deploy reverts it", async () => {
    await officialClient(emu.url, CREDS).ModifyGroup({ GroupId: "TencentShenZhenEmployee", Tag: "edited in the console" });
    const diff = await project.diff("app", env);
    expectSuccess(diff);
    expect(diff.output).toMatch(/tag\s+= "edited in the console" -> "All staff"/);
    expect(diff.output).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy/);
    const { result, writes } = await writesDuring(emu, () => project.deploy("app", env));
    expectSuccess(result);
    expect(writes).toEqual(["ModifyGroup:TencentShenZhenEmployee:OK"]);
    expect(group("TencentShenZhenEmployee")!.Tag).toBe("All staff");
  });

  test("a group deleted outside Terraform is planned for creation and re-created", async () => {
    await officialClient(emu.url, CREDS).DeleteGroup({ GroupId: "Visitors-2026" });
    const diff = await project.diff("app", env);
    expectSuccess(diff);
    expect(diff.output).toMatch(header("visitors", "will be created"));
    const { result, writes } = await writesDuring(emu, () => project.deploy("app", env));
    expectSuccess(result);
    expect(writes).toEqual(["CreateGroup:Visitors-2026:OK"]);
    expect(group("Visitors-2026")).toBeDefined();
  });

  test("changing groupId plans a replacement; the old group is kept under RETAIN, with a warning saying so", async () => {
    project.setStacks([{ name: "app", groups: [employees({ groupId: "ShenzhenStaff2026", groupName: "Shenzhen Staff 2026", tag: "All staff" }), visitors] }]);
    const diff = await project.diff("app", env);
    expectSuccess(diff);
    expect(diff.output).toMatch(/group_id\s+= "TencentShenZhenEmployee" -> "ShenzhenStaff2026" # forces replacement/);
    expect(diff.output).toMatch(header("employees", "must be replaced"));

    const { result, writes } = await writesDuring(emu, () => project.deploy("app", env));
    expectSuccess(result);
    // The plan's warning names the group, why, and what "kept" means; the apply says it was kept.
    const said = words(result.output);
    expect(said).toContain("Warning: Face group 'TencentShenZhenEmployee' will be kept (its replacement changes group_id)");
    expect(said).toContain(`removal_policy is "retain": the face group 'TencentShenZhenEmployee' in ap-guangzhou stays, with its persons and faces; no API call is made`);
    expect(said).toContain("Warning: Face group 'TencentShenZhenEmployee' was kept");
    expect(writes).toEqual(["CreateGroup:ShenzhenStaff2026:OK"]);
    expect(group("TencentShenZhenEmployee")).toBeDefined();
    expect(group("ShenzhenStaff2026")).toMatchObject({ GroupName: "Shenzhen Staff 2026", Tag: "All staff" });
  });

  test("a group whose model version differs from the declaration is refused at plan, before any write", async () => {
    await officialClient(emu.url, CREDS).CreateGroup({ GroupId: "legacy-model", GroupName: "Legacy", FaceModelVersion: "2.0" });
    project.setStacks([{ name: "app", groups: [employees({ groupId: "ShenzhenStaff2026", groupName: "Shenzhen Staff 2026", tag: "All staff" }), visitors, { id: "Legacy", props: { groupId: "legacy-model", groupName: "Legacy" } }] }]);
    const { result, writes } = await writesDuring(emu, () => project.deploy("app", env));
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/FaceModelVersion "2\.0"/);
    expect(result.output).toContain("Error: Face group 'legacy-model' already exists in ap-guangzhou and cannot be adopted");
    expect(writes).toEqual([]); // the plan's account listing saw it: no CreateGroup is tried
    expect(group("legacy-model")).toMatchObject({ GroupName: "Legacy", FaceModelVersion: "2.0" });
  });

  test("terraform import brings an existing group under management; the next plan shows only declared differences", async () => {
    project.setStacks([{ name: "app", groups: [employees({ groupId: "ShenzhenStaff2026", groupName: "Shenzhen Staff 2026", tag: "All staff" }), visitors, { id: "Legacy", props: { groupId: "legacy-model", groupName: "Legacy", faceModelVersion: "2.0" } }] }]);
    expectSuccess(await project.cdktf(["synth"], env));
    const imported = await project.terraform("app", ["import", "-no-color", `${TYPE}.legacy`, "ap-guangzhou/legacy-model"], env);
    expectSuccess(imported);
    expect(stateOf("legacy")).toMatchObject({ group_id: "legacy-model", group_name: "Legacy", face_model_version: "2.0" });
    const diff = await project.diff("app", env);
    expectSuccess(diff);
    expect(diff.output).toMatch(/No changes/);
  });

  test("removing a FaceGroup from the code: RETAIN keeps its group, DESTROY deletes it", async () => {
    project.setStacks([{ name: "app", groups: [employees({ groupId: "ShenzhenStaff2026", groupName: "Shenzhen Staff 2026", tag: "All staff" })] }]);
    const { result, writes } = await writesDuring(emu, () => project.deploy("app", env));
    expectSuccess(result);
    expect(writes).toEqual(["DeleteGroup:Visitors-2026:OK"]);
    expect(group("Visitors-2026")).toBeUndefined();
    expect(group("legacy-model")).toBeDefined();
    expect(result.output).toMatch(/legacy-model.*kept/i);
  });

  test("destroy keeps RETAIN groups and says how to delete them", async () => {
    const { result, writes } = await writesDuring(emu, () => project.destroy("app", env));
    expectSuccess(result);
    expect(writes).toEqual([]);
    expect(group("ShenzhenStaff2026")).toBeDefined();
    expect(result.output).toMatch(/ShenzhenStaff2026.*kept/i);
    expect(project.state("app")!.resources).toEqual([]);
  });
});
