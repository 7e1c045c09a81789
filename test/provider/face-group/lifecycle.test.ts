/**
 * Apply, read and import against the emulator: what reaches the API, what the group becomes, what the states hold
 * (every value known in the plan kept exactly), and the diagnostics.
 */
import { Emulator } from "../../../src/emulator";
import { TfObject } from "../../../src/provider/protocol/types";
import { calls, config, create, emulator, expectNoErrors, provider, TestProvider, TYPE, update } from "./helpers";

let emu: Emulator;
let t: TestProvider;
beforeAll(async () => {
  emu = await emulator();
  t = await provider(emu);
});
afterAll(() => emu.stop());

const stored = (groupId: string, region = "ap-guangzhou") => emu.groups(region).find((g) => g.GroupId === groupId);
const read = (state: TfObject) => t.p.readResource({ typeName: TYPE, currentState: state, private: new Uint8Array() });
const destroy = (prior: TfObject) => t.p.applyResourceChange({ typeName: TYPE, priorState: prior, plannedState: null, config: null, plannedPrivate: new Uint8Array() });
const createCfg = (groupId: string, overrides: TfObject = {}) => config(groupId, overrides);

/** Runs `fn` and returns the calls it made. */
async function counting<T>(fn: () => Promise<T>): Promise<{ value: T; calls: string[] }> {
  const from = emu.requests.length;
  const value = await fn();
  return { value, calls: calls(emu, from) };
}

describe("apply create", () => {
  test("one CreateGroup and nothing else (beyond the plan's listing); the new state is the plan", async () => {
    const r = await counting(() => create(t.p, createCfg("create-1", { group_ex_descriptions: ["Dept"], tag: "x", face_model_version: "2.0" })));
    // The plan's account listing (once per provider process: the later plans of this file make none), then the create.
    expect(r.calls).toEqual(["GetGroupList:OK", "CreateGroup:OK"]);
    const g = stored("create-1")!;
    expect(r.value).toEqual({
      id: "ap-guangzhou/create-1",
      group_id: "create-1",
      group_name: "create-1 name",
      group_ex_descriptions: ["Dept"],
      tag: "x",
      face_model_version: "2.0",
      region: "ap-guangzhou",
      removal_policy: "retain",
    });
    expect(g).toMatchObject({ GroupName: "create-1 name", GroupExDescriptions: ["Dept"], Tag: "x", FaceModelVersion: "2.0" });
    expect(t.logs.at(-1)).toMatch(/^tencentcloudiai: CreateGroup OK RequestId=[0-9a-f-]{36} GroupId=create-1 region=ap-guangzhou attempt=1 \d+ms$/);
  });

  test("an existing group with the same model is adopted and converged with one ModifyGroup", async () => {
    await create(t.p, createCfg("adopt-1", { group_name: "Old", tag: "old" }));
    const r = await counting(() => create(t.p, createCfg("adopt-1", { group_name: "New", tag: "old", group_ex_descriptions: ["d"] })));
    expect(r.calls).toEqual(["CreateGroup:InvalidParameterValue.GroupIdAlreadyExist", "GetGroupInfo:OK", "ModifyGroup:OK"]);
    expect(stored("adopt-1")).toMatchObject({ GroupName: "New", GroupExDescriptions: ["d"] });
  });

  test("an identical existing group is adopted with no write", async () => {
    await create(t.p, createCfg("adopt-2"));
    const r = await counting(() => create(t.p, createCfg("adopt-2")));
    expect(r.calls).toEqual(["CreateGroup:InvalidParameterValue.GroupIdAlreadyExist", "GetGroupInfo:OK"]);
  });

  test("an existing group with another model version is refused before any write", async () => {
    await create(t.p, createCfg("model-1", { face_model_version: "2.0" }));
    const cfg = createCfg("model-1", { group_name: "other" });
    const plan = await t.p.planResourceChange({ typeName: TYPE, priorState: null, proposedNewState: cfg, config: cfg, priorPrivate: new Uint8Array() });
    const r = await counting(() => t.p.applyResourceChange({ typeName: TYPE, priorState: null, plannedState: plan.plannedState, config: cfg, plannedPrivate: new Uint8Array() }));
    expect(r.calls).toEqual(["CreateGroup:InvalidParameterValue.GroupIdAlreadyExist", "GetGroupInfo:OK"]);
    expect(r.value.newState).toBeNull();
    expect(r.value.diagnostics).toEqual([
      { severity: "error", summary: "Cannot create face group 'model-1' in ap-guangzhou", detail: expect.stringContaining('FaceModelVersion "2.0" but the FaceGroup declares "3.0"; refusing to adopt it') },
    ]);
    expect(stored("model-1")!.GroupName).toBe("model-1 name");
  });

  test("an API error carries Code, RequestId, GroupId and what to do", async () => {
    await create(t.p, createCfg("name-owner", { group_name: "Taken name" }));
    const cfg = createCfg("name-taker", { group_name: "Taken name" });
    const plan = await t.p.planResourceChange({ typeName: TYPE, priorState: null, proposedNewState: cfg, config: cfg, priorPrivate: new Uint8Array() });
    const r = await t.p.applyResourceChange({ typeName: TYPE, priorState: null, plannedState: plan.plannedState, config: cfg, plannedPrivate: new Uint8Array() });
    expect(r.diagnostics[0].detail).toMatch(/^CreateGroup: Code=InvalidParameterValue\.GroupNameAlreadyExist Message=".*" RequestId=[0-9a-f-]{36} GroupId=name-taker; what to do: another group in this region already has this groupName/);
  });
});

describe("apply update", () => {
  test("rename: exactly one ModifyGroup, no read; the new state is the plan", async () => {
    const prior = await create(t.p, createCfg("rename-1", { group_ex_descriptions: ["a"] }));
    const r = await counting(() => update(t.p, prior, { ...createCfg("rename-1"), group_name: "Renamed", group_ex_descriptions: ["a"] }));
    expect(r.calls).toEqual(["ModifyGroup:OK"]);
    expectNoErrors(r.value.apply.diagnostics);
    expect(r.value.apply.newState).toEqual(r.value.plan.plannedState);
    expect(stored("rename-1")!.GroupName).toBe("Renamed");
  });

  test("description rename and append: read first, then one ModifyGroup", async () => {
    const prior = await create(t.p, createCfg("desc-1", { group_ex_descriptions: ["a", "b"] }));
    const r = await counting(() => update(t.p, prior, createCfg("desc-1", { group_ex_descriptions: ["a", "b2", "c"] })));
    expect(r.calls).toEqual(["GetGroupInfo:OK", "ModifyGroup:OK"]);
    expect(stored("desc-1")!.GroupExDescriptions).toEqual(["a", "b2", "c"]);
  });

  test("descriptions changed outside Terraform since the plan: a move is refused before any write", async () => {
    const prior = await create(t.p, createCfg("desc-2", { group_ex_descriptions: ["a", "b"] }));
    // Changed outside: two renames in place, after which 'a' sits at index 1.
    await create(t.p, createCfg("desc-2", { group_ex_descriptions: ["x", "b"] }));
    await create(t.p, createCfg("desc-2", { group_ex_descriptions: ["x", "a"] }));
    const r = await counting(() => update(t.p, prior, createCfg("desc-2", { group_ex_descriptions: ["a", "b", "c"] })));
    expect(r.calls).toEqual(["GetGroupInfo:OK"]);
    expect(r.value.apply.diagnostics[0].detail).toContain("description field 'a' is at index 1 in the live group but declared at index 0");
    expect(r.value.apply.diagnostics[0].detail).toContain("Nothing was written");
    expect(r.value.apply.newState).toEqual(prior);
    expect(stored("desc-2")!.GroupExDescriptions).toEqual(["x", "a"]);
  });

  test("removal_policy only: no API call", async () => {
    const prior = await create(t.p, createCfg("policy-1"));
    const r = await counting(() => update(t.p, prior, createCfg("policy-1", { removal_policy: "destroy" })));
    expect(r.calls).toEqual([]);
    expect(r.value.apply.newState).toEqual({ ...prior, removal_policy: "destroy" });
  });

  test("the group deleted outside Terraform: a clear error, state unchanged", async () => {
    const prior = await create(t.p, createCfg("gone-1", { removal_policy: "destroy" }));
    await destroy(prior);
    const r = await update(t.p, prior, createCfg("gone-1", { group_name: "x", removal_policy: "destroy" }));
    expect(r.apply.diagnostics[0].detail).toContain("Code=InvalidParameterValue.GroupIdNotExist");
    expect(r.apply.newState).toEqual(prior);
  });
});

describe("apply delete", () => {
  test("retain: no call, a warning saying the group was kept and how to delete it", async () => {
    const prior = await create(t.p, createCfg("keep-1"));
    const r = await counting(() => destroy(prior));
    expect(r.calls).toEqual([]);
    expect(r.value.newState).toBeNull();
    expect(r.value.diagnostics).toEqual([{ severity: "warning", summary: "Face group 'keep-1' was kept", detail: expect.stringContaining('set removal_policy = "destroy", apply, then destroy') }]);
    expect(stored("keep-1")).toBeDefined();
  });

  test("destroy: DeleteGroup; already gone counts as done", async () => {
    const prior = await create(t.p, createCfg("del-1", { removal_policy: "destroy" }));
    const r = await counting(() => destroy(prior));
    expect(r.calls).toEqual(["DeleteGroup:OK"]);
    expect(r.value).toEqual({ newState: null, diagnostics: [] });
    expect(stored("del-1")).toBeUndefined();
    const again = await counting(() => destroy(prior));
    expect(again.calls).toEqual(["DeleteGroup:InvalidParameterValue.GroupIdNotExist"]);
    expect(again.value).toEqual({ newState: null, diagnostics: [] });
  });
});

describe("read and import", () => {
  test("read: live values (drift shows), removal_policy kept from the state; gone → null", async () => {
    const prior = await create(t.p, createCfg("read-1", { removal_policy: "destroy", tag: "a" }));
    await create(t.p, createCfg("read-1", { removal_policy: "destroy", tag: "changed outside", group_name: "Other" })); // adopt = an outside change
    const r = await counting(() => read(prior));
    expect(r.calls).toEqual(["GetGroupInfo:OK"]); // a lone refresh asks for its group; a listing pays off from LISTING_MIN_READS reads
    expect(r.value.newState).toEqual({ ...prior, tag: "changed outside", group_name: "Other" });
    await destroy(prior);
    expect((await read(prior)).newState).toBeNull();
  });

  test("import then read fills the state; a missing group reads as null", async () => {
    await create(t.p, createCfg("imp-1", { group_ex_descriptions: ["x"], face_model_version: "2.0" }));
    const imported = await t.p.importResourceState({ typeName: TYPE, id: "ap-guangzhou/imp-1" });
    const r = await read(imported.importedResources[0].state);
    expect(r.newState).toEqual({
      id: "ap-guangzhou/imp-1",
      group_id: "imp-1",
      group_name: "imp-1 name",
      group_ex_descriptions: ["x"],
      tag: "",
      face_model_version: "2.0",
      region: "ap-guangzhou",
      removal_policy: "retain",
    });
    const missing = await t.p.importResourceState({ typeName: TYPE, id: "no-such-group" });
    expect((await read(missing.importedResources[0].state)).newState).toBeNull();
  });
});
