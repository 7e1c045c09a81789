/**
 * From live group and declaration to the one ModifyGroup (or a refusal), without I/O; and the provider's redaction of
 * what it reports.
 */
import { SettingsSpec } from "../../src/api/face-group-spec";
import { LiveGroup, planConvergence } from "../../src/handler/diff";
import { Refusal } from "../../src/handler/errors";
import { Redactor } from "../../src/provider/face-group/session";

const live: LiveGroup = { GroupId: "g", GroupName: "n", GroupExDescriptions: ["a", "b"], Tag: "t", FaceModelVersion: "3.0" };
const spec = (over: Partial<SettingsSpec> = {}): SettingsSpec => ({
  group_id: "g",
  group_name: "n",
  group_ex_descriptions: ["a", "b"],
  tag: "t",
  face_model_version: "3.0",
  region: "ap-guangzhou",
  ...over,
});

describe("planConvergence", () => {
  test("nothing differs: no write", () => {
    expect(planConvergence(spec(), live)).toBeUndefined();
  });

  test("only what differs is sent; descriptions by index", () => {
    expect(planConvergence(spec({ tag: "", group_ex_descriptions: ["a", "B", "c", "d"] }), live)).toEqual({
      request: {
        GroupId: "g",
        Tag: "",
        GroupExDescriptionInfos: [
          { GroupExDescriptionIndex: 1, GroupExDescription: "B" },
          { GroupExDescriptionIndex: 2, GroupExDescription: "c" },
          { GroupExDescriptionIndex: 3, GroupExDescription: "d" },
        ],
      },
      changes: ["Tag 't' → ''", "GroupExDescriptions[1] 'b' → 'B'", "GroupExDescriptions[2] added 'c'", "GroupExDescriptions[3] added 'd'"],
    });
  });

  test.each<[string, Partial<SettingsSpec>, string]>([
    ["another model version", { face_model_version: "2.0" }, 'FaceModelVersion "3.0" but the FaceGroup declares "2.0"'],
    ["a removed field", { group_ex_descriptions: ["a"] }, "the live group has 2 description field(s)"],
    ["all fields removed", { group_ex_descriptions: [] }, "but the FaceGroup declares 0 []"],
    ["a field inserted before an existing one", { group_ex_descriptions: ["a", "x", "b"] }, "description field 'b' is at index 1 in the live group but declared at index 2"],
  ])("refuses %s", (_name, over, message) => {
    expect(() => planConvergence(spec(over), live)).toThrow(Refusal);
    expect(() => planConvergence(spec(over), live)).toThrow(message);
  });
});

describe("Redactor", () => {
  test("hides registered secrets everywhere; values too short to be secrets are left alone", () => {
    const r = new Redactor();
    r.hide("s3cr3t-key", undefined, "tok");
    r.hide("s3cr3t-key");
    expect(r.apply("signed with s3cr3t-key")).toBe("signed with ***");
    expect(r.apply("x s3cr3t-key y s3cr3t-key tok")).toBe("x *** y *** tok");
  });
});
