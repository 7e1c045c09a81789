/**
 * The warning before a plan deletes a group (removal_policy "destroy"): destroy or removal, and replacement, name the
 * group and the persons and faces GetPersonListNum counts; a group already gone says nothing is lost; a count that
 * cannot be read (permission, throttling past the count's time limit) still warns and says why. Counting is the
 * plan's only call, and it is a read.
 */
import { Emulator } from "../../../src/emulator";
import { TfObject } from "../../../src/provider/protocol/types";
import { calls, config, create, emulator, planUpdate, provider, SECRET_KEY, TOKEN, TYPE } from "./helpers";

let emu: Emulator;
beforeAll(async () => (emu = await emulator()));
afterAll(() => emu?.stop());

const destroyCfg = (groupId: string, over: TfObject = {}) => config(groupId, { removal_policy: "destroy", ...over });
const planDestroy = (p: Awaited<ReturnType<typeof provider>>["p"], prior: TfObject) =>
  p.planResourceChange({ typeName: TYPE, priorState: prior, proposedNewState: null, config: null, priorPrivate: new Uint8Array() });

/** A group created through the provider (its state) holding `persons` / `faces`. */
async function seeded(p: Awaited<ReturnType<typeof provider>>["p"], groupId: string, persons: number, faces: number, over: TfObject = {}): Promise<TfObject> {
  const state = await create(p, destroyCfg(groupId, over));
  await emu.seedPersons(groupId, { persons, faces }, over.region as string | undefined);
  return state;
}

test("destroy (or removal) under DESTROY: the group, its region and its persons and faces, from one GetPersonListNum", async () => {
  const { p } = await provider(emu);
  const prior = await seeded(p, "Temp1", 12, 30);
  const from = emu.requests.length;
  const r = await planDestroy(p, prior);
  expect(r.plannedState).toBeNull();
  expect(r.diagnostics).toEqual([
    {
      severity: "warning",
      summary: "Face group 'Temp1' (ap-guangzhou) holds 12 persons and 30 faces; applying this plan deletes them.",
      detail: expect.stringContaining('removal_policy is "destroy" and this plan destroys the resource (terraform destroy, or its removal from the configuration)'),
    },
  ]);
  expect(r.diagnostics[0].detail).toContain('To keep them, set removal_policy = "retain" and apply before this change.');
  expect(r.diagnostics[0].detail).toMatch(/RequestId=[0-9a-f-]{36}/);
  expect(calls(emu, from)).toEqual(["GetPersonListNum:OK"]); // a read, nothing else
});

test("a replacement under DESTROY warns the same way, for the old group (its region, when the region changes)", async () => {
  const { p } = await provider(emu);
  const prior = await seeded(p, "Temp2", 1, 1, { region: "ap-shanghai" });
  const r = await planUpdate(p, prior, destroyCfg("Temp2b", { region: "ap-beijing" }));
  expect(r.requiresReplace).toEqual([[{ attribute: "group_id" }], [{ attribute: "region" }]]);
  expect(r.diagnostics).toEqual([
    expect.objectContaining({ severity: "warning", summary: "Face group 'Temp2' (ap-shanghai) holds 1 person and 1 face; applying this plan deletes them." }),
  ]);
  expect(r.diagnostics[0].detail).toContain("this plan replaces the group (group_id, region cannot change in place)");
  // An in-place change deletes nothing: no count, no warning.
  const from = emu.requests.length;
  const inPlace = await planUpdate(p, prior, destroyCfg("Temp2", { region: "ap-shanghai", group_name: "renamed" }));
  expect(inPlace.diagnostics).toEqual([]);
  expect(calls(emu, from)).toEqual([]);
});

test("an empty group is named as such; a group already gone loses nothing", async () => {
  const { p } = await provider(emu);
  const empty = await create(p, destroyCfg("Empty1"));
  expect((await planDestroy(p, empty)).diagnostics).toEqual([expect.objectContaining({ summary: "Face group 'Empty1' (ap-guangzhou) holds no persons and no faces; applying this plan deletes the empty group." })]);
  await p.applyResourceChange({ typeName: TYPE, priorState: empty, plannedState: null, config: null, plannedPrivate: new Uint8Array() });
  const r = await planDestroy(p, empty);
  expect(r.diagnostics).toEqual([expect.objectContaining({ severity: "warning", summary: "Face group 'Empty1' (ap-guangzhou) no longer exists; applying this plan deletes nothing" })]);
  expect(r.diagnostics[0].detail).toContain("GetPersonListNum answered Code=InvalidParameterValue.GroupIdNotExist");
});

test("a permission error: the warning still comes, says the count could not be read and why; the plan is not failed", async () => {
  const { p } = await provider(emu);
  const prior = await seeded(p, "Locked1", 2, 3);
  const from = emu.requests.length;
  emu.setFaults({ rate: 1, kinds: ["AuthFailure.UnauthorizedOperation"] });
  try {
    const r = await planDestroy(p, prior);
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: "warning", summary: "Face group 'Locked1' (ap-guangzhou) will be deleted with its persons and faces; their count could not be read" })]);
    expect(r.diagnostics[0].detail).toMatch(/^GetPersonListNum failed: Code=AuthFailure.UnauthorizedOperation .*grant iai:GetPersonListNum/);
    expect(r.diagnostics[0].detail).toContain('removal_policy is "destroy"');
    expect(JSON.stringify(r.diagnostics)).not.toContain(SECRET_KEY);
    expect(JSON.stringify(r.diagnostics)).not.toContain(TOKEN);
  } finally {
    emu.setFaults(undefined);
  }
  expect(calls(emu, from)).toEqual(["GetPersonListNum:AuthFailure.UnauthorizedOperation"]); // not retried
});

test("throttling past the count's time limit: retried, then warned; the process's later counts are not tried", async () => {
  const { p } = await provider(emu, { deadline_seconds: 2 });
  const a = await seeded(p, "Busy1", 1, 2);
  const b = await seeded(p, "Busy2", 1, 2);
  const from = emu.requests.length;
  emu.setFaults({ rate: 1, kinds: ["RequestLimitExceeded"] });
  try {
    const first = await planDestroy(p, a);
    expect(first.diagnostics).toEqual([expect.objectContaining({ summary: "Face group 'Busy1' (ap-guangzhou) will be deleted with its persons and faces; their count could not be read" })]);
    expect(first.diagnostics[0].detail).toMatch(/^GetPersonListNum kept failing transiently for 2s, \d+ attempt\(s\) \(last error Code=RequestLimitExceeded /);
    const attempts = calls(emu, from);
    expect(attempts.length).toBeGreaterThan(1);
    expect(new Set(attempts)).toEqual(new Set(["GetPersonListNum:RequestLimitExceeded"]));

    const second = await planDestroy(p, b);
    expect(second.diagnostics).toEqual([expect.objectContaining({ summary: "Face group 'Busy2' (ap-guangzhou) will be deleted with its persons and faces; their count could not be read" })]);
    expect(second.diagnostics[0].detail).toMatch(/^GetPersonListNum was not tried: an earlier count of this plan ran out of time/);
    expect(calls(emu, from)).toEqual(attempts);
  } finally {
    emu.setFaults(undefined);
  }
});
