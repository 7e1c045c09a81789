/**
 * What a FaceGroup synthesizes: two built-in terraform_data resources (identity and settings), the handler
 * provisioners, template escaping of user strings, tokens passed through, and attributes for other constructs.
 */
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { FaceGroup, RemovalPolicy, TerraformData } from "../../src/construct";

Testing.setupJest();

const COMMAND = /^node assets\/FaceGroupHandler\/[0-9A-F]{32}\/handler\.js (apply|delete)$/;

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), "MyStack");
}

/** The synthesized resources of type terraform_data, by name. */
function resources(s: TerraformStack): Record<string, any> {
  return JSON.parse(Testing.synth(s, true)).resource.terraform_data;
}

const EMPLOYEES = {
  groupId: "TencentShenZhenEmployee",
  groupName: "Tencent Shenzhen Employee Group",
  groupExDescriptions: ["Business Group", "Department name", "Group name"],
  tag: "Excludes interns",
};

describe("FaceGroup synthesis", () => {
  test("an identity part and a settings part, every field by name", () => {
    const s = stack();
    new FaceGroup(s, "Employees", { ...EMPLOYEES, faceModelVersion: "2.0", region: "ap-shanghai", removalPolicy: RemovalPolicy.DESTROY });
    const synth = Testing.synth(s, true);
    expect(synth).toHaveResourceWithProperties(TerraformData, {
      input: { group_id: "TencentShenZhenEmployee", face_model_version: "2.0", region: "ap-shanghai", removal_policy: "destroy" },
      triggers_replace: { group_id: "TencentShenZhenEmployee", face_model_version: "2.0", region: "ap-shanghai" },
    });
    expect(synth).toHaveResourceWithProperties(TerraformData, {
      input: {
        group_id: "TencentShenZhenEmployee",
        group_name: "Tencent Shenzhen Employee Group",
        group_ex_descriptions: ["Business Group", "Department name", "Group name"],
        tag: "Excludes interns",
        face_model_version: "2.0",
        region: "ap-shanghai",
      },
      triggers_replace: {
        identity: "${terraform_data.employees.id}",
        group_name: "Tencent Shenzhen Employee Group",
        group_ex_descriptions: ["Business Group", "Department name", "Group name"],
        tag: "Excludes interns",
      },
    });
    expect(Object.keys(resources(s))).toEqual(["employees", "employees_settings"]);
  });

  test("defaults: model 3.0, ap-guangzhou, retain, no tag, no descriptions", () => {
    const s = stack();
    new FaceGroup(s, "Employees", { groupId: "g1", groupName: "n" });
    const r = resources(s);
    expect(r.employees.input).toEqual({ group_id: "g1", face_model_version: "3.0", region: "ap-guangzhou", removal_policy: "retain" });
    expect(r.employees_settings.input).toEqual({
      group_id: "g1",
      group_name: "n",
      group_ex_descriptions: [],
      tag: "",
      face_model_version: "3.0",
      region: "ap-guangzhou",
    });
  });

  test("the identity deletes on destroy, the settings converge on create; values only via FACE_GROUP", () => {
    const s = stack();
    new FaceGroup(s, "Employees", { ...EMPLOYEES, groupName: "$(rm -rf /) `x` 'q'" });
    const r = resources(s);
    const [destroy] = r.employees.provisioner;
    expect(r.employees.provisioner).toHaveLength(1);
    expect(destroy["local-exec"]).toEqual({ when: "destroy", command: expect.stringMatching(COMMAND), environment: { FACE_GROUP: "${jsonencode(self.input)}" } });
    expect(destroy["local-exec"].command).toMatch(/ delete$/);
    const [create] = r.employees_settings.provisioner;
    expect(r.employees_settings.provisioner).toHaveLength(1);
    expect(create["local-exec"]).toEqual({ command: expect.stringMatching(COMMAND), environment: { FACE_GROUP: "${jsonencode(self.input)}" } });
    expect(create["local-exec"].command).toMatch(/ apply$/);
  });

  test("one handler asset per stack, shared by its groups", () => {
    const s = stack();
    new FaceGroup(s, "A", { groupId: "a", groupName: "a" });
    new FaceGroup(s, "B", { groupId: "b", groupName: "b" });
    const r = resources(s);
    const commands = new Set(["a", "b"].map((n) => r[n].provisioner[0]["local-exec"].command.replace(/ delete$/, "")));
    expect(commands.size).toBe(1);
    expect(s.node.findAll().filter((c) => c.node.id === "FaceGroupHandler")).toHaveLength(1);
  });

  test("Terraform names follow the construct path inside the stack", () => {
    const s = stack();
    new FaceGroup(new Construct(s, "HR"), "TencentEmployees", { groupId: "g1", groupName: "n" });
    new FaceGroup(s, "9-lives", { groupId: "g2", groupName: "m" });
    expect(Object.keys(resources(s)).sort()).toEqual(["_9_lives", "_9_lives_settings", "hr_tencent_employees", "hr_tencent_employees_settings"]);
  });

  test("Terraform template sequences in user strings are escaped; everything else is verbatim", () => {
    const s = stack();
    new FaceGroup(s, "Employees", {
      groupId: "g1",
      groupName: 'a ${b} %{c} $${d} "e" \\ \n 员工 🙂',
      groupExDescriptions: ["${x}", "%{ if y }"],
      tag: "$$ % $ {",
    });
    const settings = resources(s).employees_settings;
    expect(settings.input.group_name).toBe('a $${b} %%{c} $$${d} "e" \\ \n 员工 🙂');
    expect(settings.input.group_ex_descriptions).toEqual(["$${x}", "%%{ if y }"]);
    expect(settings.input.tag).toBe("$$ % $ {");
    expect(settings.triggers_replace.group_name).toBe(settings.input.group_name);
  });

  test("tokens pass through unescaped, also inside a string with literal parts", () => {
    const s = stack();
    const name = new TerraformVariable(s, "team", { type: "string" });
    new FaceGroup(s, "Employees", { groupId: "g1", groupName: `${name.stringValue} \${literal}`, tag: name.stringValue });
    const input = resources(s).employees_settings.input;
    expect(input.group_name).toBe("${var.team} $${literal}");
    expect(input.tag).toBe("${var.team}");
  });

  test("groupId, faceModelVersion and region are references known at plan, usable by other constructs", () => {
    const s = stack();
    const g = new FaceGroup(s, "Employees", { groupId: "g1", groupName: "n" });
    new TerraformOutput(s, "id", { value: g.groupId });
    new TerraformOutput(s, "model", { value: g.faceModelVersion });
    new TerraformOutput(s, "region", { value: g.region });
    new TerraformData(s, "Consumer", "consumer", { input: { group: g.groupId }, triggersReplace: {}, dependsOn: [g] });
    const synth = JSON.parse(Testing.synth(s, true));
    expect(synth.output).toEqual({
      id: { value: "${terraform_data.employees_settings.input.group_id}" },
      model: { value: "${terraform_data.employees_settings.input.face_model_version}" },
      region: { value: "${terraform_data.employees_settings.input.region}" },
    });
    expect(synth.resource.terraform_data.consumer.depends_on).toEqual(["terraform_data.employees_settings"]);
    expect(FaceGroup.isFaceGroup(g)).toBe(true);
    expect(FaceGroup.isFaceGroup(s)).toBe(false);
  });

  test("HCL output renders both parts", () => {
    const s = stack();
    new FaceGroup(s, "Employees", EMPLOYEES);
    const hcl = Testing.synthHcl(s, true);
    expect(hcl).toContain('resource "terraform_data" "employees"');
    expect(hcl).toContain('resource "terraform_data" "employees_settings"');
    expect(hcl).toContain('when = "destroy"');
  });
});
