/**
 * `node handler.js apply` (the settings part's create provisioner) against the emulator: what reaches the API, what
 * the group becomes, and what the handler prints.
 */
import { Emulator } from "../../src/emulator";
import { calls, emulator, officialClient, runHandler, settings } from "./harness";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(() => emu.stop());

/** Runs apply and returns the run plus the calls it made. */
async function apply(spec: Record<string, unknown>) {
  const from = emu.requests.length;
  const run = await runHandler("apply", spec, emu);
  return { ...run, calls: calls(emu, from) };
}

function stored(groupId: string, region = "ap-guangzhou") {
  return emu.groups(region).find((g) => g.GroupId === groupId);
}

const LINE = (gid: string, action: string, code: string) => new RegExp(`^face-group ${gid}: ${action} ${code.replace(/\./g, "\\.")} RequestId=[0-9a-f-]{36} attempt=1 \\d+ms$`, "m");

describe("handler apply", () => {
  test("creates a missing group with every field: one read, one write, one line per call", async () => {
    const spec = settings("create-1", { group_name: "Staff", group_ex_descriptions: ["Business Group", "Department"], tag: "Excludes interns", face_model_version: "2.0" });
    const r = await apply(spec);
    expect(r.code).toBe(0);
    expect(r.calls).toEqual(["GetGroupInfo:InvalidParameterValue.GroupIdNotExist", "CreateGroup:OK"]);
    expect(stored("create-1")).toMatchObject({ GroupName: "Staff", GroupExDescriptions: ["Business Group", "Department"], Tag: "Excludes interns", FaceModelVersion: "2.0" });
    expect(r.stdout).toMatch(LINE("create-1", "GetGroupInfo", "InvalidParameterValue.GroupIdNotExist"));
    expect(r.stdout).toMatch(LINE("create-1", "CreateGroup", "OK"));
    expect(r.stdout).toContain("face-group create-1: created in ap-guangzhou (FaceModelVersion 2.0)\n");
    expect(r.stderr).toBe("");
  });

  test("applying the same declaration again: one read, no write", async () => {
    const spec = settings("again-1", { group_ex_descriptions: ["a"], tag: "t" });
    await apply(spec);
    const before = stored("again-1");
    const r = await apply(spec);
    expect(r.code).toBe(0);
    expect(r.calls).toEqual(["GetGroupInfo:OK"]);
    expect(r.stdout).toContain("face-group again-1: existed in ap-guangzhou and matches the declaration; adopted as is, nothing to write");
    expect(stored("again-1")).toEqual(before);
  });

  test("rename and retag: GetGroupInfo + one ModifyGroup with only what differs; the group is kept", async () => {
    await apply(settings("rename-1", { group_name: "Old name", tag: "old", group_ex_descriptions: ["a", "b"] }));
    const created = stored("rename-1")!;
    const r = await apply(settings("rename-1", { group_name: "New name", tag: "new", group_ex_descriptions: ["a", "b"] }));
    expect(r.code).toBe(0);
    expect(r.calls).toEqual(["GetGroupInfo:OK", "ModifyGroup:OK"]);
    expect(stored("rename-1")).toMatchObject({ GroupName: "New name", Tag: "new", GroupExDescriptions: ["a", "b"], CreationTimestamp: created.CreationTimestamp });
    expect(r.stdout).toContain("face-group rename-1: existed in ap-guangzhou; adopted and converged: GroupName 'Old name' → 'New name', Tag 'old' → 'new'\n");
  });

  test("clearing the tag sends Tag ''", async () => {
    await apply(settings("untag-1", { tag: "x" }));
    const r = await apply(settings("untag-1", { tag: "" }));
    expect(r.calls).toEqual(["GetGroupInfo:OK", "ModifyGroup:OK"]);
    expect(stored("untag-1")!.Tag).toBe("");
  });

  test("renaming a description field in place and appending one", async () => {
    await apply(settings("desc-1", { group_ex_descriptions: ["a", "b"] }));
    const r = await apply(settings("desc-1", { group_ex_descriptions: ["a", "b2", "c"] }));
    expect(r.code).toBe(0);
    expect(r.calls).toEqual(["GetGroupInfo:OK", "ModifyGroup:OK"]);
    expect(stored("desc-1")!.GroupExDescriptions).toEqual(["a", "b2", "c"]);
    expect(r.stdout).toContain("GroupExDescriptions[1] 'b' → 'b2', GroupExDescriptions[2] added 'c'");
  });

  test("removing a description field is refused before any write, with the reason", async () => {
    await apply(settings("desc-2", { group_ex_descriptions: ["a", "b", "c"] }));
    const r = await apply(settings("desc-2", { group_name: "renamed too", group_ex_descriptions: ["a", "b"] }));
    expect(r.code).toBe(1);
    expect(r.calls).toEqual(["GetGroupInfo:OK"]);
    expect(stored("desc-2")).toMatchObject({ GroupName: "desc-2 name", GroupExDescriptions: ["a", "b", "c"] });
    expect(r.stderr).toBe(
      'face-group desc-2: FAILED the live group has 3 description field(s) ["a","b","c"] but the FaceGroup declares 2 ["a","b"]; ' +
        "the API cannot delete description fields (ModifyGroup renames a field at its index or appends one). " +
        "Declare all 3 existing fields (renaming in place is fine) and append new ones at the end, or use a new groupId. Nothing was written\n",
    );
  });

  test("moving a description field to another index is refused before any write", async () => {
    await apply(settings("desc-3", { group_ex_descriptions: ["a", "b"] }));
    const r = await apply(settings("desc-3", { group_ex_descriptions: ["b", "a"] }));
    expect(r.code).toBe(1);
    expect(r.calls).toEqual(["GetGroupInfo:OK"]);
    expect(r.stderr).toContain("description field 'a' is at index 0 in the live group but declared at index 1");
    expect(r.stderr).toContain("description field 'b' is at index 1 in the live group but declared at index 0");
    expect(stored("desc-3")!.GroupExDescriptions).toEqual(["a", "b"]);
  });

  test("adopts a group created beforehand with the official SDK, converging its mutable fields", async () => {
    await officialClient(emu).CreateGroup({ GroupId: "adopt-1", GroupName: "made by hand", GroupExDescriptions: ["x"], Tag: "manual" });
    const before = stored("adopt-1")!;
    const r = await apply(settings("adopt-1", { group_name: "Declared", group_ex_descriptions: ["x", "y"], tag: "" }));
    expect(r.code).toBe(0);
    expect(r.calls).toEqual(["GetGroupInfo:OK", "ModifyGroup:OK"]);
    expect(stored("adopt-1")).toMatchObject({ GroupName: "Declared", GroupExDescriptions: ["x", "y"], Tag: "", CreationTimestamp: before.CreationTimestamp });
    expect(r.stdout).toContain("face-group adopt-1: existed in ap-guangzhou; adopted and converged: GroupName 'made by hand' → 'Declared', Tag 'manual' → '', GroupExDescriptions[1] added 'y'\n");
  });

  test("never adopts a group of another model version: refused with both versions and what to do", async () => {
    await officialClient(emu).CreateGroup({ GroupId: "model-1", GroupName: "v2 group", FaceModelVersion: "2.0" });
    const r = await apply(settings("model-1", { group_name: "wanted", face_model_version: "3.0" }));
    expect(r.code).toBe(1);
    expect(r.calls).toEqual(["GetGroupInfo:OK"]);
    expect(stored("model-1")).toMatchObject({ GroupName: "v2 group", FaceModelVersion: "2.0" });
    expect(r.stderr).toBe(
      'face-group model-1: FAILED the group exists in ap-guangzhou with FaceModelVersion "2.0" but the FaceGroup declares "3.0"; ' +
        "refusing to adopt it (ModifyGroup cannot change the model version; nothing was written). " +
        'Declare faceModelVersion "2.0" to manage the existing group, upgrade it first (UpgradeGroupFaceModelVersion), or use another groupId\n',
    );
  });

  test("every string reaches the API byte for byte", async () => {
    const odd = { group_name: 'q"\\ $(x) `y` ${z} %{w} 员工 🙂', group_ex_descriptions: ["line\nbreak", "tab\t'x'"], tag: "$$ %% \u0000?" };
    const r = await apply(settings("odd-1", odd));
    expect(r.code).toBe(0);
    expect(stored("odd-1")).toMatchObject({ GroupName: odd.group_name, GroupExDescriptions: odd.group_ex_descriptions, Tag: odd.tag });
  });

  test("the region is sent with every call: the same GroupId in two regions is two groups", async () => {
    await apply(settings("region-1", { region: "ap-guangzhou", group_name: "gz" }));
    const r = await apply(settings("region-1", { region: "ap-shanghai", group_name: "sh" }));
    expect(r.calls).toEqual(["GetGroupInfo:InvalidParameterValue.GroupIdNotExist", "CreateGroup:OK"]);
    expect(emu.requests.slice(-2).map((q) => q.region)).toEqual(["ap-shanghai", "ap-shanghai"]);
    expect(stored("region-1", "ap-guangzhou")!.GroupName).toBe("gz");
    expect(stored("region-1", "ap-shanghai")!.GroupName).toBe("sh");
  });

  test("a GroupName taken by another group fails with the API's code and what to do", async () => {
    await apply(settings("name-1", { group_name: "Taken" }));
    const r = await apply(settings("name-2", { group_name: "Taken" }));
    expect(r.code).toBe(1);
    expect(r.calls).toEqual(["GetGroupInfo:InvalidParameterValue.GroupIdNotExist", "CreateGroup:InvalidParameterValue.GroupNameAlreadyExist"]);
    expect(r.stderr).toMatch(
      /^face-group name-2: FAILED CreateGroup: Code=InvalidParameterValue\.GroupNameAlreadyExist Message=".+" RequestId=[0-9a-f-]{36} GroupId=name-2; what to do: another group in this region already has this groupName \(after a groupId change, the group kept by removalPolicy RETAIN still holds it\); choose a different groupName or rename that group\n$/,
    );
  });
});
