/** ModifyGroup (by-index description semantics, no half-apply) and GetGroupList paging, through the official SDK. */
import { Emulator } from "../../src/emulator";
import { client, failure, start } from "./helpers";

let emu: Emulator;
let iai: ReturnType<typeof client>;
beforeEach(async () => {
  emu = await start();
  iai = client(emu);
});
afterEach(() => emu.stop());

async function code(call: Promise<unknown>): Promise<string | undefined> {
  return (await failure(call)).code;
}
const info = (id = "g") => iai.GetGroupInfo({ GroupId: id });
const modify = (req: Record<string, unknown>) => iai.ModifyGroup({ GroupId: "g", ...req });
const ex = (GroupExDescriptionIndex: number, GroupExDescription: unknown) => ({ GroupExDescriptionIndex, GroupExDescription });

describe("ModifyGroup", () => {
  beforeEach(() => iai.CreateGroup({ GroupId: "g", GroupName: "before", Tag: "t0", GroupExDescriptions: ["a", "b"] }));

  test("renames, re-tags and bumps UpdateTimestamp only; CreationTimestamp and FaceModelVersion stay", async () => {
    const [created] = emu.groups();
    await new Promise((r) => setTimeout(r, 5));
    await modify({ GroupName: "after", Tag: "" });
    const [g] = emu.groups();
    expect(g).toMatchObject({ GroupName: "after", Tag: "", GroupExDescriptions: ["a", "b"], FaceModelVersion: "3.0" });
    expect(g.CreationTimestamp).toBe(created.CreationTimestamp);
    expect(g.UpdateTimestamp).toBeGreaterThan(created.UpdateTimestamp);
  });

  test("an index below the field count renames that field; equal to it appends; several in one call in index order", async () => {
    await modify({ GroupExDescriptionInfos: [ex(1, "B")] });
    expect((await info()).GroupExDescriptions).toEqual(["a", "B"]);
    await modify({ GroupExDescriptionInfos: [ex(2, "c")] });
    expect((await info()).GroupExDescriptions).toEqual(["a", "B", "c"]);
    await modify({ GroupExDescriptionInfos: [ex(4, "e"), ex(3, "d"), ex(0, "A")] });
    expect((await info()).GroupExDescriptions).toEqual(["A", "B", "c", "d", "e"]);
  });

  test("a gap, a negative or repeated index is InvalidParameter.InvalidParameter", async () => {
    expect(await code(modify({ GroupExDescriptionInfos: [ex(3, "gap")] }))).toBe("InvalidParameter.InvalidParameter");
    expect(await code(modify({ GroupExDescriptionInfos: [ex(-1, "neg")] }))).toBe("InvalidParameter.InvalidParameter");
    expect(await code(modify({ GroupExDescriptionInfos: [ex(0, "x"), ex(0, "y")] }))).toBe("InvalidParameter.InvalidParameter");
    expect(await code(modify({ GroupExDescriptionInfos: [ex(1.5, "frac")] }))).toBe("InvalidParameter.InvalidParameter");
    expect(await code(modify({ GroupExDescriptionInfos: "a" }))).toBe("InvalidParameter.InvalidParameter");
  });

  test("field rules: more than 5 → Exceed, 31 chars → TooLong, empty → Illegal, duplicate → DuplicatedGroupDescription", async () => {
    const appendFour = [ex(2, "c"), ex(3, "d"), ex(4, "e"), ex(5, "f")];
    expect(await code(modify({ GroupExDescriptionInfos: appendFour }))).toBe("InvalidParameterValue.GroupExDescriptionsExceed");
    expect(await code(modify({ GroupExDescriptionInfos: [ex(0, "x".repeat(31))] }))).toBe("InvalidParameterValue.GroupExDescriptionsNameTooLong");
    expect(await code(modify({ GroupExDescriptionInfos: [ex(0, "")] }))).toBe("InvalidParameterValue.GroupExDescriptionsNameIllegal");
    expect(await code(modify({ GroupExDescriptionInfos: [ex(0, "b")] }))).toBe("FailedOperation.DuplicatedGroupDescription");
    expect(await code(modify({ GroupExDescriptionInfos: [ex(2, "a")] }))).toBe("FailedOperation.DuplicatedGroupDescription");
    // Swapping two names in one call is fine: only the result must be unique.
    await modify({ GroupExDescriptionInfos: [ex(0, "b"), ex(1, "a")] });
    expect((await info()).GroupExDescriptions).toEqual(["b", "a"]);
  });

  test("never half-applied: a valid rename with an invalid field change changes nothing", async () => {
    const before = emu.groups();
    expect(await code(modify({ GroupName: "renamed", Tag: "new", GroupExDescriptionInfos: [ex(0, "ok"), ex(9, "gap")] }))).toBe(
      "InvalidParameter.InvalidParameter",
    );
    expect(await code(modify({ GroupName: "renamed", GroupExDescriptionInfos: [ex(0, "b")] }))).toBe("FailedOperation.DuplicatedGroupDescription");
    expect(await code(modify({ GroupName: "renamed", Tag: "t".repeat(41) }))).toBe("InvalidParameterValue.GroupTagTooLong");
    expect(emu.groups()).toEqual(before);
  });

  test("names stay unique per region; keeping one's own name is fine", async () => {
    await iai.CreateGroup({ GroupId: "other", GroupName: "taken" });
    expect(await code(modify({ GroupName: "taken" }))).toBe("InvalidParameterValue.GroupNameAlreadyExist");
    await modify({ GroupName: "before", Tag: "same name" });
    await modify({ GroupName: "free now" });
    await iai.ModifyGroup({ GroupId: "other", GroupName: "before" });
    expect((await info("other")).GroupName).toBe("before");
  });

  test("shape errors: GroupName too long, wrong types, unknown fields (also inside infos), missing index", async () => {
    expect(await code(modify({ GroupName: "n".repeat(61) }))).toBe("InvalidParameterValue.GroupNameTooLong");
    expect(await code(modify({ GroupName: 5 }))).toBe("InvalidParameter.InvalidParameter");
    expect(await code(modify({ FaceModelVersion: "2.0" }))).toBe("UnknownParameter");
    const err = await failure(modify({ GroupExDescriptionInfos: [{ ...ex(0, "x"), Extra: 1 }] }));
    expect(err.code).toBe("UnknownParameter");
    expect(err.message).toContain("GroupExDescriptionInfos.0.Extra");
    expect(await code(modify({ GroupExDescriptionInfos: [{ GroupExDescription: "x" }] }))).toBe("MissingParameter.ErrorParameterEmpty");
    expect(await code(modify({ GroupExDescriptionInfos: [ex(0, 7)] }))).toBe("InvalidParameter.InvalidParameter");
    expect(emu.groups()[0]).toMatchObject({ GroupName: "before", Tag: "t0", GroupExDescriptions: ["a", "b"] });
  });
});

describe("GetGroupList", () => {
  const ids = Array.from({ length: 25 }, (_, i) => `list-${String(i).padStart(2, "0")}`);
  beforeEach(async () => {
    for (const id of ids) await iai.CreateGroup({ GroupId: id, GroupName: id, Tag: "t", GroupExDescriptions: ["d"] });
  });

  test("Offset 0 and Limit 10 by default, in creation order, with GroupNum and every documented field", async () => {
    const res = await iai.GetGroupList({});
    expect(res.GroupNum).toBe(25);
    expect(res.GroupInfos.map((g: { GroupId: string }) => g.GroupId)).toEqual(ids.slice(0, 10));
    expect(Object.keys(res.GroupInfos[0]).sort()).toEqual(
      ["CreationTimestamp", "FaceModelVersion", "GroupExDescriptions", "GroupId", "GroupName", "Tag", "UpdateTimestamp"].sort(),
    );
    expect(res.GroupInfos[0]).toMatchObject({ GroupName: ids[0], Tag: "t", GroupExDescriptions: ["d"], FaceModelVersion: "3.0" });
  });

  test("pages with Offset/Limit; the end is an empty page; past it is OffsetExceed", async () => {
    const pages: string[] = [];
    for (let offset = 0; ; offset += 7) {
      const res = await iai.GetGroupList({ Offset: offset, Limit: 7 });
      expect(res.GroupNum).toBe(25);
      pages.push(...res.GroupInfos.map((g: { GroupId: string }) => g.GroupId));
      if (res.GroupInfos.length < 7) break;
    }
    expect(pages).toEqual(ids);
    expect((await iai.GetGroupList({ Offset: 25 })).GroupInfos).toEqual([]);
    expect(await code(iai.GetGroupList({ Offset: 26 }))).toBe("InvalidParameterValue.OffsetExceed");
  });

  test("Limit at most 1000 (LimitExceed beyond); non-integers and negatives are InvalidParameter", async () => {
    expect((await iai.GetGroupList({ Limit: 1000 })).GroupInfos).toHaveLength(25);
    expect(await code(iai.GetGroupList({ Limit: 1001 }))).toBe("InvalidParameterValue.LimitExceed");
    expect(await code(iai.GetGroupList({ Limit: "5" }))).toBe("InvalidParameter.InvalidParameter");
    expect(await code(iai.GetGroupList({ Offset: -1 }))).toBe("InvalidParameter.InvalidParameter");
    expect(await code(iai.GetGroupList({ Offset: 0.5 }))).toBe("InvalidParameter.InvalidParameter");
    expect(await code(iai.GetGroupList({ Page: 1 }))).toBe("UnknownParameter");
  });

  test("lists only the addressed region", async () => {
    const res = await client(emu, { region: "ap-beijing" }).GetGroupList({});
    expect(res).toMatchObject({ GroupInfos: [], GroupNum: 0 });
  });
});
