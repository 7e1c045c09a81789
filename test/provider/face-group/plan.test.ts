/**
 * PlanResourceChange: defaults and unknowns on create, carried computed values on update, replacement of what the
 * API cannot change, refusals at plan time, and the warning before a group is kept. No API call is made, except the
 * count of persons and faces before a group is deleted (plan-deletion.test.ts) and the account listing of a create or
 * rename (the predictions of test/e2e/plan-predictions.test.ts; here the emulator answers it with an empty account).
 */
import { Emulator } from "../../../src/emulator";
import { TfObject, UNKNOWN } from "../../../src/provider/protocol/types";
import { config, emulator, planUpdate, provider, TYPE } from "./helpers";

/** Plans under removal_policy "destroy" that delete g1 count its persons: an emulator that does not hold g1 answers. */
let emu: Emulator;
beforeAll(async () => (emu = await emulator()));
afterAll(() => emu?.stop());
const gone = expect.objectContaining({ severity: "warning", summary: "Face group 'g1' (ap-guangzhou) no longer exists; applying this plan deletes nothing" });

const prior: TfObject = {
  id: "ap-guangzhou/g1",
  group_id: "g1",
  group_name: "Group one",
  group_ex_descriptions: ["a", "b"],
  tag: "t",
  face_model_version: "3.0",
  region: "ap-guangzhou",
  removal_policy: "retain",
};
const cfgOf = (s: TfObject, overrides: TfObject = {}) => config(s.group_id, { group_name: s.group_name, group_ex_descriptions: s.group_ex_descriptions, tag: s.tag, ...overrides });

describe("plan create", () => {
  test("defaults filled, every value known (id too)", async () => {
    const { p } = await provider(emu, { region: "ap-shanghai" });
    const cfg = config("new-1");
    const r = await p.planResourceChange({ typeName: TYPE, priorState: null, proposedNewState: cfg, config: cfg, priorPrivate: new Uint8Array() });
    expect(r.diagnostics).toEqual([]);
    expect(r.plannedState).toEqual({
      id: "ap-shanghai/new-1",
      group_id: "new-1",
      group_name: "new-1 name",
      group_ex_descriptions: [],
      tag: "",
      face_model_version: "3.0",
      region: "ap-shanghai",
      removal_policy: "retain",
    });
  });

  test("region from TENCENTCLOUD_REGION, else ap-guangzhou; unknown group_id or provider region → unknown id", async () => {
    const a = await provider(undefined, {}, { TENCENTCLOUD_REGION: "ap-beijing" });
    const cfg = config(UNKNOWN);
    const r = await a.p.planResourceChange({ typeName: TYPE, priorState: null, proposedNewState: cfg, config: cfg, priorPrivate: new Uint8Array() });
    expect(r.plannedState).toMatchObject({ region: "ap-beijing", id: UNKNOWN, group_id: UNKNOWN });
    const b = await provider(undefined, { region: UNKNOWN });
    const r2 = await b.p.planResourceChange({ typeName: TYPE, priorState: null, proposedNewState: config("x"), config: config("x"), priorPrivate: new Uint8Array() });
    expect(r2.plannedState).toMatchObject({ region: UNKNOWN, id: UNKNOWN });
    const c = await provider(undefined);
    const r3 = await c.p.planResourceChange({ typeName: TYPE, priorState: null, proposedNewState: config("x"), config: config("x"), priorPrivate: new Uint8Array() });
    expect(r3.plannedState).toMatchObject({ region: "ap-guangzhou", id: "ap-guangzhou/x" });
  });
});

describe("plan update", () => {
  test("nothing changed: the planned state equals the prior state (no perpetual diff)", async () => {
    const { p } = await provider(undefined);
    const r = await planUpdate(p, prior, cfgOf(prior));
    expect(r.plannedState).toEqual(prior);
    expect(r.requiresReplace).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });

  test("rename, retag, append a description, change removal_policy: in place, computed values carried", async () => {
    const { p } = await provider(undefined);
    const r = await planUpdate(p, prior, cfgOf(prior, { group_name: "New", tag: "u", group_ex_descriptions: ["a", "b2", "c"], removal_policy: "destroy" }));
    expect(r.requiresReplace).toEqual([]);
    expect(r.plannedState).toEqual({ ...prior, group_name: "New", tag: "u", group_ex_descriptions: ["a", "b2", "c"], removal_policy: "destroy" });
  });

  test("an attribute removed from the configuration goes back to its default", async () => {
    const { p } = await provider(undefined);
    const r = await planUpdate(p, prior, cfgOf(prior, { tag: null }));
    expect(r.plannedState).toMatchObject({ tag: "" });
  });

  test("group_id, region: replacement (id follows), with a warning that the old group is kept", async () => {
    const { p } = await provider(emu);
    const r = await planUpdate(p, prior, cfgOf(prior, { group_id: "g2" }));
    expect(r.requiresReplace).toEqual([[{ attribute: "group_id" }]]);
    expect(r.plannedState).toMatchObject({ id: "ap-guangzhou/g2" });
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: "warning", summary: "Face group 'g1' will be kept (its replacement changes group_id)" })]);
    const d = await provider(emu);
    const r2 = await planUpdate(d.p, { ...prior, removal_policy: "destroy" }, cfgOf(prior, { region: "ap-shanghai", removal_policy: "destroy" }));
    expect(r2.requiresReplace).toEqual([[{ attribute: "region" }]]);
    expect(r2.plannedState).toMatchObject({ id: "ap-shanghai/g1" });
    expect(r2.diagnostics).toEqual([gone]);
  });

  test("an unknown group_id requires replacement", async () => {
    const { p } = await provider(emu);
    const r = await planUpdate(p, { ...prior, removal_policy: "destroy" }, cfgOf(prior, { group_id: UNKNOWN, removal_policy: "destroy" }));
    expect(r.requiresReplace).toEqual([[{ attribute: "group_id" }]]);
    expect(r.plannedState).toMatchObject({ id: UNKNOWN });
  });

  test("face_model_version: replacement under destroy; an error under retain (the kept group would block the new one)", async () => {
    const { p } = await provider(emu);
    const ok = await planUpdate(p, { ...prior, removal_policy: "destroy" }, cfgOf(prior, { face_model_version: "2.0", removal_policy: "destroy" }));
    expect(ok.requiresReplace).toEqual([[{ attribute: "face_model_version" }]]);
    expect(ok.diagnostics).toEqual([gone]);
    const refused = await planUpdate(p, prior, cfgOf(prior, { face_model_version: "2.0" }));
    expect(refused.diagnostics).toEqual([expect.objectContaining({ severity: "error", attribute: [{ attribute: "face_model_version" }] })]);
    expect(refused.diagnostics[0].detail).toContain('Set removal_policy = "destroy" and apply first');
  });

  test("removing or moving a description field is an error at plan time", async () => {
    const { p } = await provider(undefined);
    const removed = await planUpdate(p, prior, cfgOf(prior, { group_ex_descriptions: ["a"] }));
    expect(removed.diagnostics).toEqual([expect.objectContaining({ severity: "error", attribute: [{ attribute: "group_ex_descriptions" }] })]);
    expect(removed.diagnostics[0].detail).toContain("the API cannot delete description fields");
    const moved = await planUpdate(p, prior, cfgOf(prior, { group_ex_descriptions: ["b", "a"] }));
    expect(moved.diagnostics.map((d) => d.detail)).toEqual([expect.stringContaining("description field 'a' is at index 0"), expect.stringContaining("description field 'b' is at index 1")]);
  });
});

describe("plan destroy", () => {
  test("retain: planned null with a warning that the group is kept, no API call; destroy: the deletion warning", async () => {
    const { p } = await provider(emu);
    const from = emu.requests.length;
    const r = await p.planResourceChange({ typeName: TYPE, priorState: prior, proposedNewState: null, config: null, priorPrivate: new Uint8Array() });
    expect(r.plannedState).toBeNull();
    expect(r.diagnostics).toEqual([{ severity: "warning", summary: `Face group 'g1' will be kept (removal_policy "retain")`, detail: expect.stringContaining('set removal_policy = "destroy", apply, then destroy') }]);
    expect(emu.requests.length).toBe(from);
    const d = await p.planResourceChange({ typeName: TYPE, priorState: { ...prior, removal_policy: "destroy" }, proposedNewState: null, config: null, priorPrivate: new Uint8Array() });
    expect(d).toEqual({ plannedState: null, diagnostics: [gone] });
  });
});
