/**
 * What a FaceGroup synthesizes: one `tencentcloudiai_face_group` resource with every attribute (defaults applied),
 * the stack's `tencentcloudiai` provider once (source + exact version, no configuration), template escaping of user
 * strings, tokens passed through, and attributes for other constructs.
 */
import { TerraformOutput, TerraformResource, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { FaceGroup, FaceGroupResource, RemovalPolicy, TencentcloudIaiProvider } from "../../src/construct";
import { PROVIDER_SOURCE } from "../../src/provider/address";
import { FakeBundle, fakeProviderBundle } from "../support/fake-provider";

Testing.setupJest();

let bundle: FakeBundle;
beforeAll(() => (bundle = fakeProviderBundle()));
afterAll(() => bundle.dispose());

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), "MyStack");
}

/** The synthesized stack as JSON. */
function synth(s: TerraformStack): any {
  return JSON.parse(Testing.synth(s, true));
}

/** The synthesized face group resources, by name. */
function groups(s: TerraformStack): Record<string, any> {
  return synth(s).resource.tencentcloudiai_face_group;
}

const EMPLOYEES = {
  groupId: "TencentShenZhenEmployee",
  groupName: "Tencent Shenzhen Employee Group",
  groupExDescriptions: ["Business Group", "Department name", "Group name"],
  tag: "Excludes interns",
};

describe("FaceGroup synthesis", () => {
  test("one resource with every field by name", () => {
    const s = stack();
    new FaceGroup(s, "Employees", { ...EMPLOYEES, faceModelVersion: "2.0", region: "ap-shanghai", removalPolicy: RemovalPolicy.DESTROY });
    const synthesized = Testing.synth(s, true);
    expect(synthesized).toHaveResourceWithProperties(FaceGroupResource, {
      group_id: "TencentShenZhenEmployee",
      group_name: "Tencent Shenzhen Employee Group",
      group_ex_descriptions: ["Business Group", "Department name", "Group name"],
      tag: "Excludes interns",
      face_model_version: "2.0",
      region: "ap-shanghai",
      removal_policy: "destroy",
    });
    const json = JSON.parse(synthesized);
    expect(Object.keys(json.resource)).toEqual(["tencentcloudiai_face_group"]);
    expect(Object.keys(json.resource.tencentcloudiai_face_group)).toEqual(["employees"]);
  });

  test("defaults: model 3.0, ap-guangzhou, retain, no tag, no descriptions — always written", () => {
    const s = stack();
    new FaceGroup(s, "Employees", { groupId: "g1", groupName: "n" });
    const { employees } = groups(s);
    delete employees["//"];
    expect(employees).toEqual({
      group_id: "g1",
      group_name: "n",
      group_ex_descriptions: [],
      tag: "",
      face_model_version: "3.0",
      region: "ap-guangzhou",
      removal_policy: "retain",
    });
  });

  test("one provider per stack: source and the exact version of the shipped package, no configuration", () => {
    const s = stack();
    new FaceGroup(s, "A", { groupId: "a", groupName: "a" });
    new FaceGroup(s, "B", { groupId: "b", groupName: "b" });
    const json = synth(s);
    const version = TencentcloudIaiProvider.of(s).package().version;
    expect(version).toMatch(/^0\.1\.\d{1,12}$/); // a release version: see providerVersion
    expect(json.terraform.required_providers).toEqual({ tencentcloudiai: { source: PROVIDER_SOURCE, version } });
    expect(json.provider).toEqual({ tencentcloudiai: [{}] });
    expect(s.node.findAll().filter((c) => c instanceof TencentcloudIaiProvider)).toHaveLength(1);
  });

  test("the provider version follows the bundle's content", () => {
    const version = () => {
      const s = stack();
      new FaceGroup(s, "A", { groupId: "a", groupName: "a" });
      return synth(s).terraform.required_providers.tencentcloudiai.version;
    };
    const first = version();
    expect(version()).toBe(first);
    bundle.write("FAKE-PROVIDER-CHANGED");
    try {
      expect(version()).not.toBe(first);
    } finally {
      bundle.write("FAKE-PROVIDER-1");
    }
  });

  test("Terraform names follow the construct path inside the stack", () => {
    const s = stack();
    new FaceGroup(new Construct(s, "HR"), "TencentEmployees", { groupId: "g1", groupName: "n" });
    new FaceGroup(s, "9-lives", { groupId: "g2", groupName: "m" });
    expect(Object.keys(groups(s)).sort()).toEqual(["_9_lives", "hr_tencent_employees"]);
  });

  test("Terraform template sequences in user strings are escaped; everything else is verbatim", () => {
    const s = stack();
    new FaceGroup(s, "Employees", {
      groupId: "g1",
      groupName: 'a ${b} %{c} $${d} "e" \\ \n 员工 🙂',
      groupExDescriptions: ["${x}", "%{ if y }"],
      tag: "$$ % $ {",
    });
    const g = groups(s).employees;
    expect(g.group_name).toBe('a $${b} %%{c} $$${d} "e" \\ \n 员工 🙂');
    expect(g.group_ex_descriptions).toEqual(["$${x}", "%%{ if y }"]);
    expect(g.tag).toBe("$$ % $ {");
  });

  test("tokens pass through unescaped, also inside a string with literal parts", () => {
    const s = stack();
    const name = new TerraformVariable(s, "team", { type: "string" });
    const fields = new TerraformVariable(s, "fields", { type: "list(string)" });
    new FaceGroup(s, "Employees", { groupId: "g1", groupName: `${name.stringValue} \${literal}`, tag: name.stringValue, groupExDescriptions: fields.listValue });
    const g = groups(s).employees;
    expect(g.group_name).toBe("${var.team} $${literal}");
    expect(g.tag).toBe("${var.team}");
    expect(g.group_ex_descriptions).toBe("${var.fields}");
  });

  test("attributes are references usable by other constructs; dependsOn a FaceGroup names its resource", () => {
    const s = stack();
    const g = new FaceGroup(s, "Employees", { groupId: "g1", groupName: "n" });
    const attrs = { groupId: g.groupId, groupName: g.groupName, region: g.region, model: g.faceModelVersion, tag: g.tag, id: g.id };
    for (const [k, v] of Object.entries(attrs)) new TerraformOutput(s, k, { value: v });
    new TerraformResource(s, "Consumer", { terraformResourceType: "terraform_data", dependsOn: [g] });
    const json = synth(s);
    const ref = (a: string) => ({ value: `\${tencentcloudiai_face_group.employees.${a}}` });
    expect(json.output).toEqual({
      groupId: ref("group_id"),
      groupName: ref("group_name"),
      region: ref("region"),
      model: ref("face_model_version"),
      tag: ref("tag"),
      id: ref("id"),
    });
    expect(json.resource.terraform_data.Consumer.depends_on).toEqual(["tencentcloudiai_face_group.employees"]);
    expect("creationTimestamp" in g).toBe(false); // schema version 1: a reference reads it (FaceGroup.fromGroupId)
    expect(FaceGroup.isFaceGroup(g)).toBe(true);
    expect(FaceGroup.isFaceGroup(s)).toBe(false);
  });

  test("the FaceGroup is the resource: one construct, named by its path, with cdktf's resource features", () => {
    const s = stack();
    const other = new TerraformResource(s, "Other", { terraformResourceType: "terraform_data" });
    const g = new FaceGroup(s, "Employees", { groupId: "g1", groupName: "n" });
    expect(g).toBeInstanceOf(TerraformResource);
    expect(g.resource).toBe(g);
    expect(g.node.children).toEqual([]);
    g.addOverride("lifecycle.prevent_destroy", true);
    g.lifecycle = { ...g.lifecycle, ignoreChanges: ["tag"] };
    g.dependsOn = ["terraform_data.Other"];
    g.importFrom("ap-guangzhou/g1");
    const json = synth(s);
    const employees = json.resource.tencentcloudiai_face_group.employees;
    // cdktf's metadata (Testing.synth drops it) gives the plan header's `(Employees)`, was `(Employees/Resource)`
    expect((g.toTerraform() as any).resource.tencentcloudiai_face_group.employees["//"].metadata.path).toBe("MyStack/Employees");
    expect(employees.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ["tag"] });
    expect(employees.depends_on).toEqual(["terraform_data.Other"]);
    expect(json.import).toEqual([{ id: "ap-guangzhou/g1", to: "tencentcloudiai_face_group.employees" }]);
  });

  test("moveTo: a FaceGroup moved to another FaceGroup's address synthesizes a moved block", () => {
    const s = stack();
    new FaceGroup(s, "Old", { groupId: "g1", groupName: "n" }).moveTo("renamed");
    new FaceGroup(s, "New", { groupId: "g2", groupName: "m" }).addMoveTarget("renamed");
    expect(synth(s).moved).toEqual([{ from: "tencentcloudiai_face_group.old", to: "tencentcloudiai_face_group.new" }]);
  });

  test("HCL output renders the resource and the provider", () => {
    const s = stack();
    new FaceGroup(s, "Employees", EMPLOYEES);
    const hcl = Testing.synthHcl(s, true);
    expect(hcl).toContain('resource "tencentcloudiai_face_group" "employees"');
    expect(hcl).toContain('group_name = "Tencent Shenzhen Employee Group"');
    expect(hcl).toContain(`source = "${PROVIDER_SOURCE}"`);
    expect(hcl).toContain('provider "tencentcloudiai" {');
  });
});
