/**
 * Seeded persons and faces: the admin call (and its in-process twin) sets what GetPersonListNum reports through the
 * official SDK; impossible counts and unknown groups are refused; DeleteGroup takes the persons with it; the counts
 * survive a restart with a state file; admin calls never count as API requests.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator } from "../../src/emulator";
import { seedPersons } from "../support/person-seed";
import { client, failure, start } from "./helpers";

const post = async (emu: Emulator, pathPart: string, body: unknown, method = "POST") => {
  const res = await fetch(`${emu.url}/__admin/groups/${pathPart}/persons`, { method, body: method === "GET" ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

describe("seeding persons and faces", () => {
  let emu: Emulator;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-persons-"));
    emu = await start({ statePath: path.join(dir, "state.json") });
  });
  afterAll(async () => {
    await emu?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("GetPersonListNum reports the seeded counts per group and region; unseeded groups 0/0", async () => {
    await client(emu).CreateGroup({ GroupId: "Temp1", GroupName: "Temp one" });
    await client(emu).CreateGroup({ GroupId: "Empty", GroupName: "Empty" });
    await client(emu, { region: "ap-shanghai" }).CreateGroup({ GroupId: "Temp1", GroupName: "Temp one" });
    await seedPersons(emu.url, "Temp1", { persons: 12, faces: 30 });
    await seedPersons(emu.url, "Temp1", { persons: 2, faces: 2 }, "ap-shanghai");
    expect(await client(emu).GetPersonListNum({ GroupId: "Temp1" })).toMatchObject({ PersonNum: 12, FaceNum: 30 });
    expect(await client(emu, { region: "ap-shanghai" }).GetPersonListNum({ GroupId: "Temp1" })).toMatchObject({ PersonNum: 2, FaceNum: 2 });
    expect(await client(emu).GetPersonListNum({ GroupId: "Empty" })).toMatchObject({ PersonNum: 0, FaceNum: 0 });
    // The admin calls were not API requests: only the SDK's calls are recorded.
    expect(emu.requests.map((r) => r.action)).toEqual(["CreateGroup", "CreateGroup", "CreateGroup", "GetPersonListNum", "GetPersonListNum", "GetPersonListNum"]);
  });

  test("the admin answer; a GroupId with reserved characters is percent-encoded in the path", async () => {
    await client(emu).CreateGroup({ GroupId: "a%b#c&d@e", GroupName: "Odd id" });
    const r = await post(emu, encodeURIComponent("a%b#c&d@e"), { persons: 1, faces: 5 });
    expect(r).toEqual({ status: 200, body: { GroupId: "a%b#c&d@e", Region: "ap-guangzhou", PersonNum: 1, FaceNum: 5 } });
    expect(await client(emu).GetPersonListNum({ GroupId: "a%b#c&d@e" })).toMatchObject({ PersonNum: 1, FaceNum: 5 });
  });

  test("impossible counts, unknown groups, bad bodies and paths are refused with what to fix; nothing changes", async () => {
    const refused = async (pathPart: string, body: unknown, status: number, code: string, message: RegExp, method = "POST") => {
      const r = await post(emu, pathPart, body, method);
      expect(r.status).toBe(status);
      expect(r.body.Error.Code).toBe(code);
      expect(r.body.Error.Message).toMatch(message);
    };
    await refused("Temp1", { persons: 2, faces: 11 }, 400, "InvalidCounts", /faces must be from persons to 5 × persons .*got 2 persons and 11 faces/);
    await refused("Temp1", { persons: 3, faces: 1 }, 400, "InvalidCounts", /every person has 1 to 5 faces/);
    await refused("Temp1", { persons: -1, faces: 0 }, 400, "InvalidCounts", /persons must be a whole number ≥ 0 \(got -1\)/);
    await refused("Temp1", { persons: 1.5, faces: 2 }, 400, "InvalidCounts", /whole number/);
    await refused("Temp1", { faces: 2 }, 400, "InvalidCounts", /persons must be a whole number ≥ 0 \(got nothing\)/);
    await refused("Temp1", { persons: 1, faces: 1, people: 3 }, 400, "UnknownField", /people/);
    await refused("Temp1", "{not json", 400, "InvalidJson", /not JSON/);
    await refused("Temp1", { persons: 1, faces: 1, region: "Mars" }, 400, "InvalidRegion", /region id/);
    await refused("Nobody", { persons: 1, faces: 1 }, 404, "GroupIdNotExist", /GroupId Nobody does not exist in region ap-guangzhou; create the group first/);
    await refused("Temp1", { persons: 1, faces: 1, region: "ap-beijing" }, 404, "GroupIdNotExist", /ap-beijing/);
    await refused("Temp1", undefined, 405, "MethodNotAllowed", /use POST/, "GET");
    const other = await fetch(`${emu.url}/__admin/reset`, { method: "POST" });
    expect(other.status).toBe(404);
    await expect(emu.seedPersons("Temp1", { persons: 1, faces: 6 })).rejects.toThrow(/faces must be from persons to 5 × persons/);
    expect(await client(emu).GetPersonListNum({ GroupId: "Temp1" })).toMatchObject({ PersonNum: 12, FaceNum: 30 });
  });

  test("the counts survive a restart from the state file; DeleteGroup removes them (a new group of that id is empty)", async () => {
    await emu.seedPersons("Empty", { persons: 4, faces: 7 });
    await emu.stop();
    emu = await start({ statePath: path.join(dir, "state.json") });
    expect(await client(emu).GetPersonListNum({ GroupId: "Empty" })).toMatchObject({ PersonNum: 4, FaceNum: 7 });
    expect(await client(emu).GetPersonListNum({ GroupId: "Temp1" })).toMatchObject({ PersonNum: 12, FaceNum: 30 });

    await client(emu).DeleteGroup({ GroupId: "Temp1" });
    expect((await failure(client(emu).GetPersonListNum({ GroupId: "Temp1" }))).code).toBe("InvalidParameterValue.GroupIdNotExist");
    await client(emu).CreateGroup({ GroupId: "Temp1", GroupName: "Temp one again" });
    expect(await client(emu).GetPersonListNum({ GroupId: "Temp1" })).toMatchObject({ PersonNum: 0, FaceNum: 0 });
    // The other region's group of the same id keeps its persons.
    expect(await client(emu, { region: "ap-shanghai" }).GetPersonListNum({ GroupId: "Temp1" })).toMatchObject({ PersonNum: 2, FaceNum: 2 });
    const state = fs.readFileSync(path.join(dir, "state.json"), "utf8");
    expect(state).toMatch(/"GroupId":"Empty".*"PersonNum":4,"FaceNum":7/);
  });

  test("a state file with impossible counts is refused at start, naming the field", async () => {
    const file = path.join(dir, "bad.json");
    const group = { Region: "ap-guangzhou", GroupId: "G", GroupName: "G", GroupExDescriptions: [], Tag: "", FaceModelVersion: "3.0", CreationTimestamp: 1, UpdateTimestamp: 1 };
    fs.writeFileSync(file, JSON.stringify({ version: 1, groups: [{ ...group, PersonNum: 3, FaceNum: 1 }] }));
    await expect(start({ statePath: file })).rejects.toThrow(/groups\[0\]: FaceNum must be from PersonNum to 5 × PersonNum/);
  });
});
