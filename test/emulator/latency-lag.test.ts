/**
 * The emulator's model of the real cloud, through the official SDK: every answer delayed (fixed or jittered), and a
 * GetGroupList that trails the writes while GetGroupInfo answers from the store (the authority). Off by default.
 * No timing verdicts: a lag that never matures within the test shows what the listing hides, and a short one is
 * waited for until the listing catches up.
 */
import { Emulator } from "../../src/emulator";
import { client, failure, start } from "./helpers";

let emu: Emulator;
let iai: ReturnType<typeof client>;
afterEach(() => emu?.stop());

const listedIds = async () => ((await iai.GetGroupList({ Limit: 1000 })).GroupInfos ?? []).map((g) => `${g.GroupId}:${g.GroupName}`);
const HOUR = 3_600_000;

describe("listing lag", () => {
  test("off by default: a write shows in the very next listing", async () => {
    emu = await start();
    iai = client(emu);
    await iai.CreateGroup({ GroupId: "a", GroupName: "A" });
    expect(await listedIds()).toEqual(["a:A"]);
  });

  test("creates, renames and deletes are listed late; GetGroupInfo and the writes' own checks see them at once", async () => {
    emu = await start();
    iai = client(emu);
    await iai.CreateGroup({ GroupId: "old", GroupName: "Old" });
    await iai.CreateGroup({ GroupId: "gone", GroupName: "Gone" });
    emu.setListingLagMs(HOUR); // the index starts as the store is now, then trails
    await iai.CreateGroup({ GroupId: "new", GroupName: "New" });
    await iai.ModifyGroup({ GroupId: "old", GroupName: "Renamed" });
    await iai.DeleteGroup({ GroupId: "gone" });

    expect(await listedIds()).toEqual(["old:Old", "gone:Gone"]);
    expect((await iai.GetGroupList({ Limit: 1000 })).GroupNum).toBe(2);
    expect((await iai.GetGroupInfo({ GroupId: "new" })).GroupName).toBe("New");
    expect((await iai.GetGroupInfo({ GroupId: "old" })).GroupName).toBe("Renamed");
    expect((await failure(iai.GetGroupInfo({ GroupId: "gone" }))).code).toBe("InvalidParameterValue.GroupIdNotExist");
    expect((await failure(iai.CreateGroup({ GroupId: "new", GroupName: "Again" }))).code).toBe("InvalidParameterValue.GroupIdAlreadyExist");
    expect(emu.groups().map((g) => g.GroupId)).toEqual(["old", "new"]);

    emu.setListingLagMs(0);
    expect(await listedIds()).toEqual(["old:Renamed", "new:New"]);
  });

  test("a short lag: the listing catches up, in creation order, with the latest values", async () => {
    emu = await start({ listingLagMs: 50 });
    iai = client(emu);
    for (const id of ["a", "b", "c"]) await iai.CreateGroup({ GroupId: id, GroupName: id.toUpperCase() });
    await iai.ModifyGroup({ GroupId: "b", Tag: "t" });
    await iai.DeleteGroup({ GroupId: "a" });
    await iai.CreateGroup({ GroupId: "a", GroupName: "A2" });
    let listed: string[] = [];
    while ((listed = await listedIds()).join() !== "b:B,c:C,a:A2") await new Promise((r) => setTimeout(r, 20));
    const tags = ((await iai.GetGroupList({ Limit: 1000 })).GroupInfos ?? []).map((g) => g.Tag);
    expect(tags).toEqual(["t", "", ""]);
  });
});

describe("latency", () => {
  test("every answer waits latencyMs; with jitter, the delays spread around it and never go below ms − jitter", async () => {
    emu = await start({ latencyMs: 40 });
    iai = client(emu);
    for (let i = 0; i < 3; i++) await iai.GetGroupList({});
    expect(emu.requests.map((r) => r.ms).every((ms) => ms >= 39)).toBe(true);

    emu.setLatency(60, 40);
    const from = emu.requests.length;
    for (let i = 0; i < 12; i++) await iai.GetGroupList({});
    const delays = emu.requests.slice(from).map((r) => r.ms);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(19);
    expect(new Set(delays).size).toBeGreaterThan(3); // drawn, not fixed

    emu.setLatency(0);
    expect(() => emu.setLatency(-1)).toThrow(/latencyMs must be a number of ms ≥ 0/);
    expect(() => emu.setListingLagMs(-1)).toThrow(/listingLagMs must be a number of ms ≥ 0/);
  });

  test("bad options are refused at start", async () => {
    await expect(start({ latencyJitterMs: -1 })).rejects.toThrow(/latencyJitterMs must be a number of ms ≥ 0/);
    await expect(start({ listingLagMs: Number.NaN })).rejects.toThrow(/listingLagMs must be a number of ms ≥ 0/);
  });
});
