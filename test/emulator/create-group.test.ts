/** CreateGroup / GetGroupInfo / DeleteGroup / GetPersonListNum through the official SDK: every documented rule. */
import { Emulator } from "../../src/emulator";
import { client, failure, start } from "./helpers";

let emu: Emulator;
let iai: ReturnType<typeof client>;
beforeAll(async () => {
  emu = await start();
  iai = client(emu);
});
afterAll(() => emu.stop());

/** The code the SDK reported and the code the emulator recorded must be the same. */
async function rejects(call: Promise<unknown>, code: string): Promise<string> {
  const err = await failure(call);
  expect(err.code).toBe(code);
  const rec = emu.requests.find((r) => r.requestId === err.requestId);
  expect(rec?.code).toBe(code);
  return err.message;
}

describe("CreateGroup", () => {
  test("creates a group with the documented defaults and CreationTimestamp in epoch ms", async () => {
    const before = Date.now();
    const res = await iai.CreateGroup({ GroupId: "TencentShenZhenEmployee", GroupName: "Tencent Shenzhen Employee Group" });
    expect(res.FaceModelVersion).toBe("3.0");
    expect(res.RequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const info = await iai.GetGroupInfo({ GroupId: "TencentShenZhenEmployee" });
    expect(info).toMatchObject({ GroupId: "TencentShenZhenEmployee", GroupName: "Tencent Shenzhen Employee Group", GroupExDescriptions: [], Tag: "", FaceModelVersion: "3.0" });
    expect(info.CreationTimestamp).toBeGreaterThanOrEqual(before);
    expect(info.CreationTimestamp).toBeLessThanOrEqual(Date.now());
    expect(info.RequestId).not.toBe(res.RequestId);
    expect(emu.groups().map((g) => g.GroupId)).toContain("TencentShenZhenEmployee");
  });

  test("keeps every field byte for byte, FaceModelVersion 2.0 included", async () => {
    const fields = {
      GroupId: "all-%@#&_Fields9",
      GroupName: "名字 ${x} %{y} \"q\" $(rm) 😀",
      GroupExDescriptions: ["Business Group", "部门", "${a}"],
      Tag: "Excludes interns\nline 2",
      FaceModelVersion: "2.0",
    };
    expect((await iai.CreateGroup(fields)).FaceModelVersion).toBe("2.0");
    expect(await iai.GetGroupInfo({ GroupId: fields.GroupId })).toMatchObject(fields);
  });

  test("GroupId: the seed's example with spaces is GroupIdIllegal", async () => {
    await rejects(iai.CreateGroup({ GroupId: "Tencent Employees in Shenzhen", GroupName: "x1" }), "InvalidParameterValue.GroupIdIllegal");
  });

  test("GroupId: 64 bytes pass, 65 bytes are GroupIdTooLong, multibyte counts in bytes and is Illegal", async () => {
    await iai.CreateGroup({ GroupId: "a".repeat(64), GroupName: "sixty-four" });
    await rejects(iai.CreateGroup({ GroupId: "b".repeat(65), GroupName: "x2" }), "InvalidParameterValue.GroupIdTooLong");
    // 63 ASCII + "é" (2 bytes) = 65 bytes: too long comes first; 62 + "é" = 64 bytes: only illegal.
    const msg = await rejects(iai.CreateGroup({ GroupId: "c".repeat(63) + "é", GroupName: "x3" }), "InvalidParameterValue.GroupIdTooLong");
    expect(msg).toMatch(/65/);
    await rejects(iai.CreateGroup({ GroupId: "c".repeat(62) + "é", GroupName: "x4" }), "InvalidParameterValue.GroupIdIllegal");
    await rejects(iai.CreateGroup({ GroupId: "员工库", GroupName: "x5" }), "InvalidParameterValue.GroupIdIllegal");
  });

  test("GroupName: 60 characters (not bytes) pass, 61 are GroupNameTooLong", async () => {
    await iai.CreateGroup({ GroupId: "name60", GroupName: "员".repeat(60) });
    await rejects(iai.CreateGroup({ GroupId: "name61", GroupName: "员".repeat(61) }), "InvalidParameterValue.GroupNameTooLong");
  });

  test("GroupExDescriptions: count, length, empty and duplicates", async () => {
    await iai.CreateGroup({ GroupId: "ex5", GroupName: "ex5", GroupExDescriptions: ["1", "2", "3", "4", "x".repeat(30)] });
    await rejects(iai.CreateGroup({ GroupId: "ex6", GroupName: "ex6", GroupExDescriptions: ["1", "2", "3", "4", "5", "6"] }), "InvalidParameterValue.GroupExDescriptionsExceed");
    await rejects(iai.CreateGroup({ GroupId: "ex31", GroupName: "ex31", GroupExDescriptions: ["x".repeat(31)] }), "InvalidParameterValue.GroupExDescriptionsNameTooLong");
    await rejects(iai.CreateGroup({ GroupId: "exE", GroupName: "exE", GroupExDescriptions: [""] }), "InvalidParameterValue.GroupExDescriptionsNameIllegal");
    await rejects(iai.CreateGroup({ GroupId: "exD", GroupName: "exD", GroupExDescriptions: ["a", "a"] }), "InvalidParameterValue.GroupExDescriptionsNameIdentical");
  });

  test("Tag: 40 characters pass, 41 are GroupTagTooLong", async () => {
    await iai.CreateGroup({ GroupId: "tag40", GroupName: "tag40", Tag: "t".repeat(40) });
    await rejects(iai.CreateGroup({ GroupId: "tag41", GroupName: "tag41", Tag: "t".repeat(41) }), "InvalidParameterValue.GroupTagTooLong");
  });

  test("FaceModelVersion other than 2.0/3.0 is FaceModelVersionIllegal", async () => {
    await rejects(iai.CreateGroup({ GroupId: "fmv", GroupName: "fmv", FaceModelVersion: "4.0" }), "InvalidParameterValue.FaceModelVersionIllegal");
  });

  test("an existing GroupId is GroupIdAlreadyExist, an existing name GroupNameAlreadyExist; nothing changes", async () => {
    await iai.CreateGroup({ GroupId: "dup", GroupName: "dup name", Tag: "first" });
    await rejects(iai.CreateGroup({ GroupId: "dup", GroupName: "other name" }), "InvalidParameterValue.GroupIdAlreadyExist");
    await rejects(iai.CreateGroup({ GroupId: "dup2", GroupName: "dup name" }), "InvalidParameterValue.GroupNameAlreadyExist");
    expect(await iai.GetGroupInfo({ GroupId: "dup" })).toMatchObject({ GroupName: "dup name", Tag: "first" });
    expect(emu.groups().some((g) => g.GroupId === "dup2")).toBe(false);
  });

  test("absent required fields are MissingParameter.ErrorParameterEmpty", async () => {
    await rejects(iai.CreateGroup({ GroupId: "noname" }), "MissingParameter.ErrorParameterEmpty");
    await rejects(iai.CreateGroup({ GroupName: "no id" }), "MissingParameter.ErrorParameterEmpty");
    await rejects(iai.GetGroupInfo({}), "MissingParameter.ErrorParameterEmpty");
    await rejects(iai.DeleteGroup({}), "MissingParameter.ErrorParameterEmpty");
  });

  test("wrong JSON types are InvalidParameter.InvalidParameter", async () => {
    await rejects(iai.CreateGroup({ GroupId: "types1", GroupName: 123 }), "InvalidParameter.InvalidParameter");
    await rejects(iai.CreateGroup({ GroupId: ["x"], GroupName: "types2" }), "InvalidParameter.InvalidParameter");
    await rejects(iai.CreateGroup({ GroupId: "types3", GroupName: "types3", GroupExDescriptions: "one" }), "InvalidParameter.InvalidParameter");
    await rejects(iai.CreateGroup({ GroupId: "types4", GroupName: "types4", GroupExDescriptions: [1] }), "InvalidParameter.InvalidParameter");
    await rejects(iai.CreateGroup({ GroupId: "types5", GroupName: "types5", Tag: true }), "InvalidParameter.InvalidParameter");
    await rejects(iai.GetGroupInfo({ GroupId: 7 }), "InvalidParameter.InvalidParameter");
  });

  test("unknown fields are UnknownParameter naming the field", async () => {
    const msg = await rejects(iai.CreateGroup({ GroupId: "unk", GroupName: "unk", Colour: "blue" }), "UnknownParameter");
    expect(msg).toContain("Colour");
    expect(emu.groups().some((g) => g.GroupId === "unk")).toBe(false);
  });
});

describe("GetGroupInfo, DeleteGroup, GetPersonListNum", () => {
  test("a missing group is GroupIdNotExist for every action that names one", async () => {
    await rejects(iai.GetGroupInfo({ GroupId: "ghost" }), "InvalidParameterValue.GroupIdNotExist");
    await rejects(iai.ModifyGroup({ GroupId: "ghost", Tag: "x" }), "InvalidParameterValue.GroupIdNotExist");
    await rejects(iai.DeleteGroup({ GroupId: "ghost" }), "InvalidParameterValue.GroupIdNotExist");
    await rejects(iai.GetPersonListNum({ GroupId: "ghost" }), "InvalidParameterValue.GroupIdNotExist");
  });

  test("GetPersonListNum is 0 persons, 0 faces", async () => {
    await iai.CreateGroup({ GroupId: "persons", GroupName: "persons" });
    expect(await iai.GetPersonListNum({ GroupId: "persons" })).toMatchObject({ PersonNum: 0, FaceNum: 0 });
  });

  test("DeleteGroup removes the group and frees its name", async () => {
    await iai.CreateGroup({ GroupId: "gone", GroupName: "gone name" });
    await iai.DeleteGroup({ GroupId: "gone" });
    await rejects(iai.GetGroupInfo({ GroupId: "gone" }), "InvalidParameterValue.GroupIdNotExist");
    await iai.CreateGroup({ GroupId: "gone2", GroupName: "gone name" });
    await rejects(iai.DeleteGroup({ GroupId: "gone" }), "InvalidParameterValue.GroupIdNotExist");
  });
});

describe("regions and limits", () => {
  test("the same GroupId and name in two regions are two groups; X-TC-Region picks the partition", async () => {
    const sh = client(emu, { region: "ap-shanghai" });
    await iai.CreateGroup({ GroupId: "regional", GroupName: "regional", Tag: "gz" });
    await sh.CreateGroup({ GroupId: "regional", GroupName: "regional", Tag: "sh" });
    expect((await iai.GetGroupInfo({ GroupId: "regional" })).Tag).toBe("gz");
    expect((await sh.GetGroupInfo({ GroupId: "regional" })).Tag).toBe("sh");
    expect(emu.groups("ap-shanghai").map((g) => g.GroupId)).toEqual(["regional"]);
    await sh.DeleteGroup({ GroupId: "regional" });
    expect((await iai.GetGroupInfo({ GroupId: "regional" })).Tag).toBe("gz");
    expect(emu.requests.at(-1)?.region).toBe("ap-guangzhou");
  });

  test("maxGroups reached is GroupNumExceed; deleting makes room", async () => {
    const small = await start({ maxGroups: 2 });
    try {
      const c = client(small);
      await c.CreateGroup({ GroupId: "g1", GroupName: "g1" });
      await c.CreateGroup({ GroupId: "g2", GroupName: "g2" });
      const err = await failure(c.CreateGroup({ GroupId: "g3", GroupName: "g3" }));
      expect(err.code).toBe("InvalidParameterValue.GroupNumExceed");
      await c.DeleteGroup({ GroupId: "g1" });
      await c.CreateGroup({ GroupId: "g3", GroupName: "g3" });
      expect(small.groups().map((g) => g.GroupId)).toEqual(["g2", "g3"]);
    } finally {
      await small.stop();
    }
  });
});
