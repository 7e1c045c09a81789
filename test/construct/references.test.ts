/**
 * FaceGroup.fromGroupId and FaceGroupList at synth: the data blocks they write, that a stack holding only references
 * still gets the provider (block, required_providers pin and the installed package), that their getters are the
 * FaceGroup's (IFaceGroup), and that literal values breaking a documented rule are refused naming the construct.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformIterator, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { FaceGroup, FaceGroupList, IFaceGroup } from "../../src/construct";
import { mirrorRoot } from "../../src/install";
import { PROVIDER_SOURCE } from "../../src/provider/address";
import { FakeBundle, fakeProviderBundle } from "../support/fake-provider";

let bundle: FakeBundle;
beforeAll(() => (bundle = fakeProviderBundle()));
afterAll(() => bundle.dispose());

const stack = () => new TerraformStack(Testing.app(), "S");
const synth = (s: TerraformStack): any => JSON.parse(Testing.synth(s, true));

/** What a function written for any group sees. */
const describeGroup = (g: IFaceGroup) => ({ id: g.groupId, name: g.groupName, descriptions: g.groupExDescriptions, tag: g.tag, model: g.faceModelVersion, region: g.region, tfId: g.id });

test("a stack of references only: data blocks, the provider block and its pinned source, the package installed", () => {
  const s = stack();
  const shared = FaceGroup.fromGroupId(s, "Shared", "Shared-1");
  FaceGroup.fromGroupId(s, "Elsewhere", "Other_1", { region: "ap-shanghai" });
  new FaceGroupList(s, "Audit", { namePrefix: "audit-" });
  new TerraformOutput(s, "name", { value: shared.groupName });
  const out = synth(s);
  expect(out.data.tencentcloudiai_face_group).toEqual({ Shared: { group_id: "Shared-1", region: "ap-guangzhou" }, Elsewhere: { group_id: "Other_1", region: "ap-shanghai" } });
  expect(out.data.tencentcloudiai_face_groups).toEqual({ Audit: { name_prefix: "audit-", region: "ap-guangzhou" } });
  expect(out.provider.tencentcloudiai).toEqual([{}]);
  expect(out.terraform.required_providers.tencentcloudiai.source).toBe(PROVIDER_SOURCE);
  expect(out.output.name.value).toBe("${data.tencentcloudiai_face_group.Shared.group_name}");
  expect(out.resource).toBeUndefined();
  // The full synth (what `cdktf synth` runs) installs the provider for a stack without FaceGroups too.
  const dir = path.join(Testing.fullSynth(s), "stacks", "S");
  expect(fs.readdirSync(mirrorRoot(dir))).toHaveLength(1);
});

test("a reference has a FaceGroup's getters: the same code takes either", () => {
  const s = stack();
  const managed = describeGroup(new FaceGroup(s, "Managed", { groupId: "m", groupName: "M" }));
  const referenced = describeGroup(FaceGroup.fromGroupId(s, "Referenced", "r"));
  const attr = (kind: string, name: string, a: string) => `\${${kind}.${name}.${a}}`;
  const resolved = (v: unknown) => Testing.synthScope((scope) => new TerraformOutput(scope, "o", { value: v }));
  for (const [key, attribute] of Object.entries({ id: "group_id", name: "group_name", descriptions: "group_ex_descriptions", tag: "tag", model: "face_model_version", region: "region", tfId: "id" })) {
    expect(resolved((managed as any)[key])).toContain(attr("tencentcloudiai_face_group", "managed", attribute));
    expect(resolved((referenced as any)[key])).toContain(attr("data.tencentcloudiai_face_group", "Referenced", attribute));
  }
});

test("for_each over a FaceGroupList: one reference per listed group", () => {
  const s = stack();
  const list = new FaceGroupList(s, "All", { region: "ap-beijing" });
  const each = TerraformIterator.fromList(list.groupIds);
  const ref = FaceGroup.fromGroupId(s, "Each", each.value, { region: "ap-beijing", forEach: each });
  new TerraformOutput(s, "tags", { value: ref.tag });
  const out = synth(s);
  expect(out.data.tencentcloudiai_face_group.Each).toEqual({ for_each: "${toset(data.tencentcloudiai_face_groups.All.group_ids)}", group_id: "${each.value}", region: "ap-beijing" });
  expect(out.data.tencentcloudiai_face_groups.All).toEqual({ region: "ap-beijing" });
});

test("template sequences in a name prefix reach the provider literally", () => {
  const s = stack();
  new FaceGroupList(s, "Odd", { namePrefix: "${x}%{y}" });
  expect(synth(s).data.tencentcloudiai_face_groups.Odd.name_prefix).toBe("$${x}%%{y}");
});

test("literal values breaking a documented rule are refused at construction, naming the construct", () => {
  expect(() => FaceGroup.fromGroupId(stack(), "Bad", "Tencent Employees")).toThrow(
    "Invalid FaceGroup.fromGroupId; nothing was synthesized:\n  groupId 'Tencent Employees' at S/Bad: only letters, digits and -%@#&_ are allowed",
  );
  expect(() => FaceGroup.fromGroupId(stack(), "Bad", "ok", { region: "Guangzhou" })).toThrow(/region 'Guangzhou' at S\/Bad: must be a Tencent Cloud region id/);
  expect(() => new FaceGroupList(stack(), "Bad", { region: "x" })).toThrow(/Invalid FaceGroupList; nothing was synthesized:\n {2}region 'x' at S\/Bad/);
  expect(() => new FaceGroupList(stack(), "Long", { namePrefix: "n".repeat(61) })).toThrow("Invalid FaceGroupList at S/Long: namePrefix is 61 characters long, but a group name has at most 60, so no group could match; shorten it");
});
