/**
 * Groups the app does not manage, through the real `cdktf` CLI and `terraform` against the emulator: a stack holding
 * only references (FaceGroup.fromGroupId, FaceGroupList) deploys, and its outputs are the live groups' fields; a
 * FaceGroup built from a reference's attributes sees them in the plan; a reference to a group the same stack creates
 * works with `dependsOn: [group]` and fails the plan without it (the README's rule); a missing group fails the plan,
 * naming it.
 * The referenced groups are made beforehand with the official client, as someone else's tooling would.
 */
import { startEmulator, Emulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess, planHeader, StackDecl } from "../support/cdktf-project";
import { writesSince } from "../support/api-calls";
import { IaiClient, officialClient } from "../support/official-client";

jest.setTimeout(10 * 60_000);

const CREDS = { secretId: "AKIDe2eReferences000000000000000", secretKey: "e2eReferencesSecretKey00000000000" };

/** The references-only stack: one group by id, the "audit-" groups, and outputs of both. */
const REFS_CODE = `
const shared = lib.FaceGroup.fromGroupId(stack, "Shared", "Shared-Audit");
new cdktf.TerraformOutput(stack, "shared", { value: {
  id: shared.id, group_id: shared.groupId, group_name: shared.groupName, group_ex_descriptions: shared.groupExDescriptions,
  tag: shared.tag, face_model_version: shared.faceModelVersion, region: shared.region, creation_timestamp: shared.creationTimestamp,
} });
const audit = new lib.FaceGroupList(stack, "Audit", { namePrefix: "audit-" });
new cdktf.TerraformOutput(stack, "audit_ids", { value: audit.groupIds });
new cdktf.TerraformOutput(stack, "audit_groups", { value: audit.groups });
`;

/** A managed group whose fields come from the reference. */
const MIRROR_CODE = `
new lib.FaceGroup(stack, "Mirror", { groupId: "Mirror-1", groupName: shared.groupName + " copy", tag: shared.tag, groupExDescriptions: shared.groupExDescriptions, removalPolicy: "destroy" });
`;

/**
 * A reference to a group the same stack creates (the README's rule: it needs `dependsOn: [group]`). `ordering` is
 * the code that orders the reference after the group: the options argument of fromGroupId, or a statement after it.
 */
const sameStackCode = (groupId: string, ordering: { options?: string; after?: string }) => `
const made = new lib.FaceGroup(stack, "Made", { groupId: ${JSON.stringify(groupId)}, groupName: "Made here", tag: "same stack", removalPolicy: "destroy" });
const ref = lib.FaceGroup.fromGroupId(stack, "MadeRef", ${JSON.stringify(groupId)}${ordering.options ? `, ${ordering.options}` : ""});
${ordering.after ?? ""}
new cdktf.TerraformOutput(stack, "made", { value: { group_name: ref.groupName, tag: ref.tag, id: ref.id } });
`;

describe("referencing groups the app does not manage", () => {
  let emu: Emulator;
  let project: CdktfProject;
  let env: NodeJS.ProcessEnv;
  let client: IaiClient;

  const refs = (code = REFS_CODE): StackDecl => ({ name: "refs", groups: [], code });
  const missing: StackDecl = { name: "missing", groups: [], code: `lib.FaceGroup.fromGroupId(stack, "Gone", "No-Such-Group", { region: "ap-shanghai" });` };
  const writes = (from: number) => writesSince(emu, from);
  /** The live group as the official client reads it, in the data source's attribute names. */
  const live = async (groupId: string) => {
    const g = await client.GetGroupInfo({ GroupId: groupId });
    return { group_name: g.GroupName, group_ex_descriptions: g.GroupExDescriptions, tag: g.Tag, face_model_version: g.FaceModelVersion, creation_timestamp: Number(g.CreationTimestamp) };
  };

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: true });
    env = { TENCENTCLOUD_IAI_ENDPOINT: emu.url, TENCENTCLOUD_SECRET_ID: CREDS.secretId, TENCENTCLOUD_SECRET_KEY: CREDS.secretKey };
    client = officialClient(emu.url, CREDS);
    await client.CreateGroup({ GroupId: "Shared-Audit", GroupName: "Shared audit", GroupExDescriptions: ["Dept"], Tag: "made by hand", FaceModelVersion: "2.0" });
    await client.CreateGroup({ GroupId: "Audit-2", GroupName: "audit-south" });
    await client.CreateGroup({ GroupId: "Audit-1", GroupName: "audit-north", Tag: "north" });
    await client.CreateGroup({ GroupId: "Team-1", GroupName: "team audit-like" });
    await officialClient(emu.url, CREDS, "ap-shanghai").CreateGroup({ GroupId: "Audit-3", GroupName: "audit-east" });
    project = new CdktfProject("fg-e2e-refs-");
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  test("a stack of references only deploys; its outputs are the live fields, and the list exactly the matching groups", async () => {
    project.setStacks([refs(), missing]);
    const from = emu.requests.length;
    const result = await project.deploy("refs", env);
    expectSuccess(result);
    expect(writes(from)).toEqual([]);
    const outputs = JSON.parse((await project.terraform("refs", ["output", "-json"], env)).output);
    expect(outputs.shared.value).toEqual({ id: "ap-guangzhou/Shared-Audit", group_id: "Shared-Audit", region: "ap-guangzhou", ...(await live("Shared-Audit")) });
    expect(outputs.shared.value).toMatchObject({ group_ex_descriptions: ["Dept"], tag: "made by hand", face_model_version: "2.0" });
    // By group name prefix, in the stack's region only, ordered by group_id.
    expect(outputs.audit_ids.value).toEqual(["Audit-1", "Audit-2"]);
    expect(outputs.audit_groups.value).toEqual([
      { group_id: "Audit-1", ...(await live("Audit-1")) },
      { group_id: "Audit-2", ...(await live("Audit-2")) },
    ]);
    // Terraform knows both data sources from the provider's schema, with descriptions.
    const schema = JSON.parse((await project.terraform("refs", ["providers", "schema", "-json"], env)).output);
    const dataSources = Object.values(schema.provider_schemas as Record<string, { data_source_schemas: Record<string, { block: { description: string } }> }>)[0].data_source_schemas;
    expect(Object.keys(dataSources).sort()).toEqual(["tencentcloudiai_face_group", "tencentcloudiai_face_groups"]);
    for (const d of Object.values(dataSources)) expect(d.block.description).toMatch(/face group/);
  });

  test("a FaceGroup made from a reference's attributes: the values are in the plan, and reach the API", async () => {
    project.setStacks([refs(REFS_CODE + MIRROR_CODE), missing]);
    const diff = await project.diff("refs", env);
    expectSuccess(diff);
    expect(diff.output).toMatch(planHeader("tencentcloudiai_face_group", "mirror", "will be created"));
    expect(diff.output).toMatch(/group_name\s+= "Shared audit copy"/);
    expect(diff.output).toMatch(/tag\s+= "made by hand"/);
    const from = emu.requests.length;
    expectSuccess(await project.deploy("refs", env));
    expect(writes(from)).toEqual(["CreateGroup:Mirror-1:OK"]);
    expect(emu.groups().find((g) => g.GroupId === "Mirror-1")).toMatchObject({ GroupName: "Shared audit copy", Tag: "made by hand", GroupExDescriptions: ["Dept"] });
  });

  test("README rule: a reference to a group the same stack creates works with dependsOn: [group], read after the create", async () => {
    project.setStacks([{ name: "same", groups: [], code: sameStackCode("Made-Here", { options: "{ dependsOn: [made] }" }) }, missing]);
    const from = emu.requests.length;
    const result = await project.deploy("same", env);
    expectSuccess(result);
    expect(writes(from)).toEqual(["CreateGroup:Made-Here:OK"]);
    // The read came after the create (the data source waited for it), and the output is the created group.
    const calls = emu.requests.slice(from).map((r) => `${r.action}:${r.groupId ?? "-"}`);
    expect(calls.lastIndexOf("GetGroupInfo:Made-Here")).toBeGreaterThan(calls.indexOf("CreateGroup:Made-Here"));
    const outputs = JSON.parse((await project.terraform("same", ["output", "-json"], env)).output);
    expect(outputs.made.value).toEqual({ group_name: "Made here", tag: "same stack", id: "ap-guangzhou/Made-Here" });
  });

  test("README rule: without dependsOn (node.addDependency alone) the plan fails with 'not found' and nothing is written", async () => {
    project.setStacks([{ name: "unordered", groups: [], code: sameStackCode("Made-Unordered", { after: "ref.node.addDependency(made);" }) }, missing]);
    const from = emu.requests.length;
    const result = await project.deploy("unordered", env);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Error: Face group 'Made-Unordered' not found in ap-guangzhou/);
    expect(writes(from)).toEqual([]);
    expect(emu.groups().map((g) => g.GroupId)).not.toContain("Made-Unordered");
  });

  test("a missing group fails the plan, naming the group, its region and the reference", async () => {
    const diff = await project.diff("missing", env);
    expect(diff.code).not.toBe(0);
    expect(diff.output).toMatch(/Error: Face group 'No-Such-Group' not found in ap-shanghai/);
    expect(diff.output).toMatch(/data\.tencentcloudiai_face_group\.Gone/);
  });
});
