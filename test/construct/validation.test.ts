/**
 * Synth-time validation: one message per violated rule (construct path, prop, truncated value, rule), all of them
 * at once, duplicates across the app, tokens left to the handler, and no invalid declaration synthesized even
 * when validations are skipped.
 */
import { App, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { FaceGroup, FaceGroupProps } from "../../src/construct";

const OK: FaceGroupProps = { groupId: "TencentShenZhenEmployee", groupName: "Tencent Shenzhen Employee Group" };

/** The validation messages of one FaceGroup `MyStack/Employees` declared with `props`. */
function problems(props: unknown): string[] {
  const stack = new TerraformStack(Testing.app(), "MyStack");
  return new FaceGroup(stack, "Employees", props as FaceGroupProps).node.validate();
}

const at = "at MyStack/Employees";

describe("FaceGroup validation, one rule at a time", () => {
  test.each<[string, Partial<Record<keyof FaceGroupProps, unknown>>, string[]]>([
    ["the seed's bad GroupId", { groupId: "Tencent Employees in Shenzhen" }, [`groupId 'Tencent Employees in Shenzhen' ${at}: only letters, digits and -%@#&_ are allowed`]],
    ["GroupId over 64 bytes", { groupId: "a".repeat(65) }, [`groupId '${"a".repeat(65)}' ${at}: must be at most 64 bytes (UTF-8), is 65`]],
    [
      "GroupId over 64 bytes and with bad characters: both rules",
      { groupId: `${"x".repeat(60)} 员工` },
      [`groupId '${"x".repeat(60)} 员工' ${at}: must be at most 64 bytes (UTF-8), is 67`, `groupId '${"x".repeat(60)} 员工' ${at}: only letters, digits and -%@#&_ are allowed`],
    ],
    ["empty GroupId", { groupId: "" }, [`groupId '' ${at}: is required and may not be empty`]],
    ["missing GroupId (plain JS)", { groupId: undefined }, [`groupId (missing) ${at}: is required and may not be empty`]],
    ["numeric GroupId (plain JS)", { groupId: 42 }, [`groupId '42' ${at}: must be a string`]],
    ["empty GroupName", { groupName: "" }, [`groupName '' ${at}: is required: 1–60 characters`]],
    ["GroupName of 61 characters", { groupName: "n".repeat(61) }, [`groupName '${"n".repeat(61)}' ${at}: must be 1–60 characters, is 61`]],
    ["six description fields", { groupExDescriptions: ["a", "b", "c", "d", "e", "f"] }, [`groupExDescriptions '["a","b","c","d","e","f"]' ${at}: at most 5 fields are allowed, got 6`]],
    ["an empty description field", { groupExDescriptions: ["a", ""] }, [`groupExDescriptions[1] '' ${at}: may not be empty: 1–30 characters`]],
    ["a description field of 31 characters", { groupExDescriptions: ["d".repeat(31)] }, [`groupExDescriptions[0] '${"d".repeat(31)}' ${at}: must be 1–30 characters, is 31`]],
    ["repeated description fields", { groupExDescriptions: ["a", "a"] }, [`groupExDescriptions '["a","a"]' ${at}: field names must be unique within the group; 'a' repeats`]],
    ["descriptions not a list (plain JS)", { groupExDescriptions: "a" }, [`groupExDescriptions 'a' ${at}: must be a list of strings`]],
    ["a numeric description field (plain JS)", { groupExDescriptions: [5] }, [`groupExDescriptions[0] '5' ${at}: must be a string`]],
    ["Tag of 41 characters", { tag: "t".repeat(41) }, [`tag '${"t".repeat(41)}' ${at}: must be 0–40 characters, is 41`]],
    ["numeric Tag (plain JS)", { tag: 7 }, [`tag '7' ${at}: must be a string`]],
    ["unknown model version", { faceModelVersion: "4.0" }, [`faceModelVersion '4.0' ${at}: must be one of "2.0", "3.0"`]],
    ["numeric model version (plain JS)", { faceModelVersion: 3 }, [`faceModelVersion '3' ${at}: must be a string`]],
    [
      "a region that is not a region id",
      { region: "Guangzhou" },
      [`region 'Guangzhou' ${at}: must be a Tencent Cloud region id such as "ap-guangzhou" (lower case, e.g. ap-shanghai, na-siliconvalley)`],
    ],
    [
      "an unknown removal policy (plain JS)",
      { removalPolicy: "delete" },
      [`removalPolicy 'delete' ${at}: must be one of "retain", "destroy" (RemovalPolicy.RETAIN / RemovalPolicy.DESTROY)`],
    ],
  ])("%s", (_name, change, expected) => {
    expect(problems({ ...OK, ...change })).toEqual(expected);
  });

  test("values at the limits are valid (characters are code points: CJK and emoji count one each)", () => {
    expect(
      problems({
        groupId: "a-b%c@d#e&f_".padEnd(64, "9"),
        groupName: "员".repeat(60),
        groupExDescriptions: ["1", "2", "3", "4", "🙂".repeat(30)],
        tag: "🙂".repeat(40),
        faceModelVersion: "2.0",
        region: "ap-shanghai-fsi",
      }),
    ).toEqual([]);
  });

  test("long values are truncated in the message", () => {
    const [message] = problems({ ...OK, groupName: "n".repeat(200) });
    expect(message).toBe(`groupName '${"n".repeat(80)}…' ${at}: must be 1–60 characters, is 200`);
  });

  test("no props at all (plain JS): both required props are named", () => {
    expect(problems(undefined)).toEqual([`groupId (missing) ${at}: is required and may not be empty`, `groupName (missing) ${at}: is required: 1–60 characters`]);
  });

  test("values that are tokens at synth are left to the handler", () => {
    const stack = new TerraformStack(Testing.app(), "MyStack");
    const v = new TerraformVariable(stack, "name", { type: "string" });
    const list = new TerraformVariable(stack, "fields", { type: "list(string)" });
    const g = new FaceGroup(stack, "Employees", { groupId: v.stringValue, groupName: `${v.stringValue} ${"n".repeat(70)}`, groupExDescriptions: list.listValue, tag: v.stringValue });
    expect(g.node.validate()).toEqual([]);
  });
});

describe("FaceGroup validation across the app", () => {
  test("every problem of every FaceGroup is reported at once, by synth", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "MyStack");
    new FaceGroup(stack, "Employees", { groupId: "Tencent Employees in Shenzhen", groupName: "" });
    new FaceGroup(stack, "Visitors", { ...OK, groupId: "visitors", tag: "t".repeat(41) });
    expect(() => Testing.synth(stack, true)).toThrow(
      [
        "[MyStack/Employees] groupId 'Tencent Employees in Shenzhen' at MyStack/Employees: only letters, digits and -%@#&_ are allowed",
        "[MyStack/Employees] groupName '' at MyStack/Employees: is required: 1–60 characters",
        `[MyStack/Visitors] tag '${"t".repeat(41)}' at MyStack/Visitors: must be 0–40 characters, is 41`,
      ].join("\n  "),
    );
  });

  test("the same GroupId twice in one region, even in two stacks: the later one names the first", () => {
    const app = Testing.app();
    new FaceGroup(new TerraformStack(app, "One"), "A", { groupId: "g", groupName: "first" });
    const b = new FaceGroup(new TerraformStack(app, "Two"), "B", { groupId: "g", groupName: "second" });
    const c = new FaceGroup(new TerraformStack(app, "Three"), "C", { groupId: "g", groupName: "third", region: "ap-beijing" });
    expect(b.node.validate()).toEqual(["groupId 'g' at Two/B: already declared at One/A in region ap-guangzhou; a GroupId names one group per region"]);
    expect(c.node.validate()).toEqual([]);
  });

  test("the same GroupName twice in one region", () => {
    const stack = new TerraformStack(Testing.app(), "MyStack");
    const a = new FaceGroup(stack, "A", { groupId: "a", groupName: "Staff" });
    const b = new FaceGroup(stack, "B", { groupId: "b", groupName: "Staff", region: "ap-guangzhou" });
    new FaceGroup(stack, "C", { groupId: "c", groupName: "Staff", region: "ap-hongkong" });
    expect(a.node.validate()).toEqual([]);
    expect(b.node.validate()).toEqual(["groupName 'Staff' at MyStack/B: already used by MyStack/A in region ap-guangzhou; group names are unique per region"]);
  });

  test("two FaceGroups whose construct ids give the same Terraform name", () => {
    const stack = new TerraformStack(Testing.app(), "MyStack");
    new FaceGroup(stack, "Employees", { groupId: "a", groupName: "a" });
    const b = new FaceGroup(stack, "employees", { groupId: "b", groupName: "b" });
    expect(b.node.validate()).toEqual([
      "FaceGroup at MyStack/employees: its Terraform resource name 'employees' is also produced by MyStack/Employees; give one of them another construct id",
    ]);
  });

  test("the same ids in two apps are unrelated", () => {
    new FaceGroup(new TerraformStack(Testing.app(), "S"), "A", OK);
    expect(new FaceGroup(new TerraformStack(Testing.app(), "S"), "A", OK).node.validate()).toEqual([]);
  });

  test("an invalid FaceGroup is not synthesized even with validations skipped", () => {
    const app = new App({ outdir: Testing.app().outdir, skipValidation: true });
    const stack = new TerraformStack(app, "MyStack");
    new FaceGroup(stack, "Employees", { ...OK, faceModelVersion: "4.0" });
    const message = `1 problem in 1 FaceGroup; nothing was synthesized:\n  [MyStack/Employees] faceModelVersion '4.0' ${at}: must be one of "2.0", "3.0"`;
    expect(() => app.synth()).toThrow(message);
    expect(() => Testing.synth(stack)).toThrow(message);
  });
});
