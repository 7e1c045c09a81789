/**
 * Plan-time predictions of names traded within one plan, through the handlers as Terraform calls them: one provider
 * per test is one plan (one process); groups of the plan are refreshed first (ReadResource), then planned in an
 * order the test chooses — the verdict must not depend on it. The e2e words and exit statuses are in
 * test/e2e/plan-predictions.test.ts.
 */
import { Emulator } from "../../../src/emulator";
import { Diagnostic, TfObject } from "../../../src/provider/protocol/types";
import { calls, config, create, emulator, planUpdate, provider, TYPE } from "./helpers";

let emu: Emulator;
const states: Record<string, TfObject> = {};
beforeAll(async () => {
  emu = await emulator();
  const { p } = await provider(emu);
  for (const id of ["a", "b", "c", "d", "kept"]) states[id] = await create(p, config(id, { removal_policy: "destroy" }));
  states.kept = { ...states.kept, removal_policy: "retain" };
});
afterAll(() => emu?.stop());

const summaries = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.severity}: ${d.summary}`);

/** A new provider (one plan) that has refreshed `ids`. */
async function planWith(ids: string[]) {
  const { p } = await provider(emu);
  await Promise.all(ids.map((id) => p.readResource({ typeName: TYPE, currentState: states[id], private: new Uint8Array() })));
  const rename = async (id: string, name: string) => (await planUpdate(p, states[id], config(id, { group_name: name, removal_policy: "destroy" }))).diagnostics;
  return { p, rename };
}

test.each([["a first"], ["b first"]])("a swap is one error whichever is planned last (%s)", async (order) => {
  const { rename } = await planWith(["a", "b"]);
  const first = order === "a first" ? ["a", "b name"] : ["b", "a name"];
  const second = order === "a first" ? ["b", "a name"] : ["a", "b name"];
  const d1 = await rename(first[0], first[1]);
  const d2 = await rename(second[0], second[1]);
  expect(summaries(d1)).toEqual([`warning: group_name '${first[1]}' is held by face group '${second[0]}' of this configuration`]);
  expect(summaries(d2)).toEqual(["error: Face groups 'a' and 'b' swap names: no order of the two renames can apply"]);
  expect(d2[0].attribute).toEqual([{ attribute: "group_name" }]);
});

test("a swap planned at once (both noted before either is predicted, as two Terraform workers do): still one error", async () => {
  const { rename } = await planWith(["a", "b"]);
  const [da, db] = await Promise.all([rename("a", "b name"), rename("b", "a name")]);
  const all = [...da, ...db];
  expect(summaries(all).filter((s) => s.startsWith("error:"))).toEqual(["error: Face groups 'a' and 'b' swap names: no order of the two renames can apply"]);
});

test("a name handed over: the taker warns when the giver was planned first, the giver when it comes last", async () => {
  const one = await planWith(["c", "d"]);
  expect(summaries(await one.rename("d", "d renamed"))).toEqual([]);
  expect(summaries(await one.rename("c", "d name"))).toEqual(["warning: group_name 'd name' is taken from face group 'd', which this plan renames to 'd renamed'"]);
  const two = await planWith(["c", "d"]);
  expect(summaries(await two.rename("c", "d name"))).toEqual(["warning: group_name 'd name' is held by face group 'd' of this configuration"]);
  const giver = await two.rename("d", "d renamed");
  expect(summaries(giver)).toEqual(["warning: group_name 'd name', which this plan renames to 'd renamed', is taken by face group 'c'"]);
  expect(giver[0].detail).toContain("The apply succeeds only if Terraform changes 'd' first");
});

test("a name the other group keeps: an error on the group planned last; a deletion under destroy hands it over", async () => {
  const { p, rename } = await planWith(["a", "b"]);
  expect(summaries(await rename("a", "b name"))).toEqual(["warning: group_name 'b name' is held by face group 'b' of this configuration"]);
  const unchanged = await planUpdate(p, states.b, config("b", { removal_policy: "destroy" }));
  expect(summaries(unchanged.diagnostics)).toEqual(["error: group_name 'b name' is kept by 'b' while 'a' takes it"]);
  const deleting = await planWith(["a", "b"]);
  const destroy = await deleting.p.planResourceChange({ typeName: TYPE, priorState: states.b, proposedNewState: null, config: null, priorPrivate: new Uint8Array() });
  expect(summaries(destroy.diagnostics)).toEqual([expect.stringMatching(/^warning: Face group 'b' \(ap-guangzhou\) holds no persons/)]);
  expect(summaries(await deleting.rename("a", "b name"))).toEqual(["warning: group_name 'b name' is taken from face group 'b', which this plan deletes (removal_policy \"destroy\")"]);
});

test("a group the plan has not seen holds the name: an error naming it; a replacement under retain keeps its name", async () => {
  const { p, rename } = await planWith(["a"]);
  const d = await rename("a", "c name");
  expect(summaries(d)).toEqual(["error: group_name 'c name' is held by face group 'c'"]);
  expect(d[0].detail).toContain("make this resource depend on it (dependsOn)");
  const replaced = await planUpdate(p, states.kept, config("kept-2", { group_name: "kept name" }));
  expect(summaries(replaced.diagnostics)).toEqual(["warning: Face group 'kept' will be kept (its replacement changes group_id)", "error: group_name 'kept name' stays with the kept group 'kept'"]);
});

test("calls: none for a plan without create or rename; one listing for any number of creates and renames", async () => {
  const { p } = await provider(emu);
  let from = emu.requests.length;
  expect((await planUpdate(p, states.a, config("a", { removal_policy: "destroy", tag: "t" }))).diagnostics).toEqual([]);
  expect(calls(emu, from)).toEqual([]);
  from = emu.requests.length;
  await Promise.all(["n1", "n2", "n3"].map((id) => p.planResourceChange({ typeName: TYPE, priorState: null, proposedNewState: config(id), config: config(id), priorPrivate: new Uint8Array() })));
  await planUpdate(p, states.c, config("c", { group_name: "c new", removal_policy: "destroy" }));
  expect(calls(emu, from)).toEqual(["GetGroupList:OK"]);
});

test("a listing that fails: a warning saying the apply decides, no error", async () => {
  const { p } = await provider(emu);
  emu.setFaults({ rate: 1, kinds: ["AuthFailure.UnauthorizedOperation"] });
  try {
    const r = await p.planResourceChange({ typeName: TYPE, priorState: null, proposedNewState: config("n9"), config: config("n9"), priorPrivate: new Uint8Array() });
    expect(summaries(r.diagnostics)).toEqual(["warning: Could not check whether face group 'n9' or its group_name already exist"]);
    expect(r.diagnostics[0].detail).toContain("Code=AuthFailure.UnauthorizedOperation");
  } finally {
    emu.setFaults(undefined);
  }
});

test("a create of a group another resource of the plan holds (a renamed construct id): the adoption warning says the two are not ordered", async () => {
  const { p } = await planWith(["a"]);
  const cfg = config("a", { group_name: "a name" });
  const r = await p.planResourceChange({ typeName: TYPE, priorState: null, proposedNewState: cfg, config: cfg, priorPrivate: new Uint8Array() });
  expect(summaries(r.diagnostics)).toEqual([expect.stringMatching(/^warning: This plan will adopt the existing group 'a' created \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC with 0 persons and 0 faces; apply changes none of its fields$/)]);
  expect(r.diagnostics[0].detail).toContain("is in this configuration's state under another resource that this plan destroys (a renamed construct id?)");
});
