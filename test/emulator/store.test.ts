/** The state file: round trip, atomic format, group commit, corrupt files refused (never emptied). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { StateFileError } from "../../src/emulator";
import { GroupStore } from "../../src/emulator/store";
import { client, start } from "./helpers";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "face-groups-state-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test("round trip: every change is on disk when the SDK gets its answer, and a restart reloads it", async () => {
  const file = path.join(dir, "nested", "state.json");
  const emu = await start({ statePath: file });
  const gz = client(emu);
  const sh = client(emu, { region: "ap-shanghai" });
  await gz.CreateGroup({ GroupId: "a", GroupName: "A ${x} 名", GroupExDescriptions: ["d1"], Tag: "t", FaceModelVersion: "2.0" });
  let onDisk = JSON.parse(fs.readFileSync(file, "utf8"));
  expect(onDisk.version).toBe(1);
  expect(onDisk.groups.map((g: { GroupId: string }) => g.GroupId)).toEqual(["a"]);
  await gz.CreateGroup({ GroupId: "b", GroupName: "B" });
  await sh.CreateGroup({ GroupId: "a", GroupName: "A in Shanghai" });
  await gz.ModifyGroup({ GroupId: "a", Tag: "t2", GroupExDescriptionInfos: [{ GroupExDescriptionIndex: 1, GroupExDescription: "d2" }] });
  await gz.DeleteGroup({ GroupId: "b" });
  onDisk = JSON.parse(fs.readFileSync(file, "utf8"));
  expect(onDisk).toEqual({ version: 1, groups: emu.groups() });
  expect(onDisk.groups).toHaveLength(2);
  const before = emu.groups();
  await emu.stop();

  const again = await start({ statePath: file });
  try {
    expect(again.groups()).toEqual(before);
    expect(await client(again).GetGroupInfo({ GroupId: "a" })).toMatchObject({ Tag: "t2", GroupExDescriptions: ["d1", "d2"], FaceModelVersion: "2.0" });
    expect((await client(again, { region: "ap-shanghai" }).GetGroupList({})).GroupNum).toBe(1);
  } finally {
    await again.stop();
  }
  expect(fs.readdirSync(path.dirname(file))).toEqual(["state.json"]);
});

test("concurrent changes are coalesced into few writes (group commit), none lost", async () => {
  const file = path.join(dir, "state.json");
  const store = await GroupStore.open(file);
  const renames: string[] = [];
  const realRename = fs.promises.rename;
  const spy = jest.spyOn(fs.promises, "rename").mockImplementation(async (from, to) => {
    renames.push(String(to));
    return realRename(from, to);
  });
  try {
    const commits: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      store.insert({ Region: "r", GroupId: `g${i}`, GroupName: `n${i}`, GroupExDescriptions: [], Tag: "", FaceModelVersion: "3.0", CreationTimestamp: i, UpdateTimestamp: i });
      commits.push(store.commit());
    }
    await Promise.all(commits);
  } finally {
    spy.mockRestore();
  }
  expect(renames.length).toBeGreaterThanOrEqual(1);
  expect(renames.length).toBeLessThanOrEqual(2);
  expect(JSON.parse(fs.readFileSync(file, "utf8")).groups).toHaveLength(50);
});

describe("an unusable state file is refused with a clear message and left untouched", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["not JSON", "{\"version\":1,\"groups\":[{\"GroupId\":", /is not valid JSON/],
    ["empty", "", /the file is empty/],
    ["wrong version", "{\"version\":2,\"groups\":[]}", /has version 2; this emulator reads version 1/],
    ["no groups", "{\"version\":1}", /has no "groups" array/],
    ["a bad group", "{\"version\":1,\"groups\":[{\"Region\":\"r\",\"GroupId\":\"a\"}]}", /groups\[0\]: GroupName must be a string/],
    [
      "a duplicate",
      `{"version":1,"groups":[${JSON.stringify({ Region: "r", GroupId: "a", GroupName: "n", GroupExDescriptions: [], Tag: "", FaceModelVersion: "3.0", CreationTimestamp: 1, UpdateTimestamp: 1 })},${JSON.stringify({ Region: "r", GroupId: "a", GroupName: "m", GroupExDescriptions: [], Tag: "", FaceModelVersion: "3.0", CreationTimestamp: 1, UpdateTimestamp: 1 })}]}`,
      /holds GroupId a twice in region r/,
    ],
  ];
  test.each(cases)("%s", async (_name, content, problem) => {
    const file = path.join(dir, "state.json");
    fs.writeFileSync(file, content);
    const err = await start({ statePath: file }).then(
      () => undefined,
      (e) => e,
    );
    expect(err).toBeInstanceOf(StateFileError);
    expect(err.message).toContain(file);
    expect(err.message).toMatch(problem);
    expect(err.message).toMatch(/Fix: .*restore it from a backup.*move it away/);
    expect(fs.readFileSync(file, "utf8")).toBe(content);
  });

  test("a directory in its place", async () => {
    await expect(start({ statePath: dir })).rejects.toThrow(/cannot be read/);
  });
});
