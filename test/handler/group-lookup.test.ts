/**
 * Batched lookups on a fake API: concurrent lookups share one GetGroupList page, lookups registered after a page was
 * sent wait for the next, a group missing from the pages is asked with GetGroupInfo, and a large account is asked
 * group by group.
 */
import { Api } from "../../src/handler/converge";
import { ApiError } from "../../src/handler/errors";
import { GroupLookup, LISTING_MIN_READS } from "../../src/handler/group-lookup";

/** An account of `n` groups g-0 … g-(n-1); `hidden` groups exist but are missing from list pages (lagging list). */
function fakeApi(n: number, hidden: string[] = []) {
  const log: string[] = [];
  let announceSent: () => void = () => {};
  /** Settles when the first request was handed to the network (its onSend ran): deterministic, unlike a sleep. */
  const firstSent = new Promise<void>((resolve) => (announceSent = resolve));
  const info = (id: string) => ({ GroupId: id, GroupName: `name ${id}`, GroupExDescriptions: [], Tag: "", FaceModelVersion: "3.0", CreationTimestamp: 1000 + Number(id.slice(2)) });
  const exists = (id: string) => /^g-\d+$/.test(id) && Number(id.slice(2)) < n;
  const api: Api = {
    async call(action, params, onSend) {
      await new Promise((r) => setTimeout(r, 1)); // the rate limiter's wait
      onSend?.();
      announceSent();
      await new Promise((r) => setTimeout(r, 10));
      const p = params as { GroupId?: string; Offset?: number; Limit?: number };
      log.push(action === "GetGroupList" ? `GetGroupList ${p.Offset}` : `${action} ${p.GroupId}`);
      if (action === "GetGroupInfo") {
        if (!exists(p.GroupId!)) throw new ApiError(action, "api", "InvalidParameterValue.GroupIdNotExist", "no", "rid");
        return info(p.GroupId!);
      }
      const ids = Array.from({ length: n }, (_, i) => `g-${i}`).filter((id) => !hidden.includes(id));
      return { GroupInfos: ids.slice(p.Offset!, p.Offset! + p.Limit!).map(info), GroupNum: n };
    },
  };
  return { api, log, firstSent };
}

test("concurrent lookups share one page; one registered while it is in flight waits for the next", async () => {
  const { api, log, firstSent } = fakeApi(30);
  const lookup = new GroupLookup(api, 0);
  const first = Promise.all(["g-1", "g-2", "g-3"].map((id) => lookup.get(id)));
  await firstSent; // the first page is on the wire now, however slow the machine
  const late = lookup.get("g-4");
  const [groups, g4] = await Promise.all([first, late]);
  expect(groups.map((g) => g?.CreationTimestamp)).toEqual([1001, 1002, 1003]);
  expect(g4?.GroupName).toBe("name g-4");
  expect(log).toEqual(["GetGroupList 0", "GetGroupList 0"]);
});

test("a group missing from the pages is asked with GetGroupInfo: gone → undefined, lagging list → found", async () => {
  const { api, log } = fakeApi(5, ["g-2"]);
  const lookup = new GroupLookup(api, 0);
  const [a, b, c] = await Promise.all([lookup.get("g-1"), lookup.get("g-2"), lookup.get("nope")]);
  expect(a?.GroupId).toBe("g-1");
  expect(b?.GroupId).toBe("g-2");
  expect(c).toBeUndefined();
  expect(log.sort()).toEqual(["GetGroupInfo g-2", "GetGroupInfo nope", "GetGroupList 0"]);
});

test("a large account: after the first page, a few lookups are asked one by one, many are paged", async () => {
  const { api, log } = fakeApi(4500);
  const lookup = new GroupLookup(api, 0);
  await Promise.all(["g-1", "g-2"].map((id) => lookup.get(id)));
  expect(log).toEqual(["GetGroupList 0"]); // GroupNum was unknown: one page, which held both
  log.length = 0;
  await Promise.all(["g-3000", "g-4000"].map((id) => lookup.get(id)));
  expect(log.sort()).toEqual(["GetGroupInfo g-3000", "GetGroupInfo g-4000"]); // 5 pages > 2 groups
  log.length = 0;
  const ids = Array.from({ length: 8 }, (_, i) => `g-${4100 + i}`);
  const found = await Promise.all(ids.map((id) => lookup.get(id)));
  expect(found.every((g) => g !== undefined)).toBe(true);
  expect(log).toEqual(["GetGroupList 0", "GetGroupList 1000", "GetGroupList 2000", "GetGroupList 3000", "GetGroupList 4000"]);
});

test("a failed page fails the lookups of its batch", async () => {
  const api: Api = { call: async () => Promise.reject(new ApiError("GetGroupList", "api", "AuthFailure.SignatureFailure", "bad", "rid")) };
  const lookup = new GroupLookup(api, 0);
  await expect(Promise.all([lookup.get("a"), lookup.get("b")])).rejects.toMatchObject({ code: "AuthFailure.SignatureFailure" });
});

describe("a page gathers lookups (on a clock the test moves)", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("for minGatherMs: lookups within it share the page, none is sent before it ends", async () => {
    const { api, log } = fakeApi(30);
    const lookup = new GroupLookup(api, 50, 1_000);
    const a = lookup.get("g-1");
    await jest.advanceTimersByTimeAsync(20);
    const b = lookup.get("g-2");
    await jest.advanceTimersByTimeAsync(29); // 49 ms: still gathering
    expect(log).toEqual([]);
    await jest.advanceTimersByTimeAsync(100); // past 50 ms, no announced lookup: sent and answered
    expect(log).toEqual(["GetGroupList 0"]);
    expect((await Promise.all([a, b])).map((g) => g?.GroupId)).toEqual(["g-1", "g-2"]);
  });

  test("past minGatherMs it waits for announced lookups, until they come or gatherMs ends", async () => {
    const { api, log } = fakeApi(30);
    const lookup = new GroupLookup(api, 50, 1_000);
    const withdraw = lookup.announce();
    const a = lookup.get("g-1");
    await jest.advanceTimersByTimeAsync(100); // past minGatherMs: held for the announced lookup
    expect(log).toEqual([]);
    const c = lookup.get("g-3");
    withdraw();
    await jest.advanceTimersByTimeAsync(100);
    expect(log).toEqual(["GetGroupList 0"]); // one page for both
    await Promise.all([a, c]);

    log.length = 0;
    lookup.announce(); // announced, never withdrawn: the page goes at gatherMs
    const d = lookup.get("g-4");
    await jest.advanceTimersByTimeAsync(990);
    expect(log).toEqual([]);
    await jest.advanceTimersByTimeAsync(100);
    expect(log).toEqual(["GetGroupList 0"]);
    expect((await d)?.GroupId).toBe("g-4");
  });
});

describe("refreshes", () => {
  test("refreshes that arrive together (≥ LISTING_MIN_READS) share one listing of a small account; later ones too", async () => {
    const { api, log } = fakeApi(30);
    const lookup = new GroupLookup(api, 0);
    const ids = ["g-1", "g-2", "g-3", "g-4"];
    expect(ids).toHaveLength(LISTING_MIN_READS);
    const first = await Promise.all(ids.map((id) => lookup.read(id)));
    const later = await lookup.read("g-29");
    expect(first.map((g) => g?.GroupName)).toEqual(["name g-1", "name g-2", "name g-3", "name g-4"]);
    expect(later?.CreationTimestamp).toBe(1029);
    expect(log).toEqual(["GetGroupList 0"]);
  });

  test("a few refreshes (a stack of 3) ask GetGroupInfo each, never a listing: 3 calls even in an account of 10,000", async () => {
    const { api, log } = fakeApi(10_000);
    const lookup = new GroupLookup(api, 0);
    const groups = await Promise.all(["g-5000", "g-7000", "g-9999"].map((id) => lookup.read(id)));
    expect(groups.map((g) => g?.GroupId)).toEqual(["g-5000", "g-7000", "g-9999"]);
    expect(log.sort()).toEqual(["GetGroupInfo g-5000", "GetGroupInfo g-7000", "GetGroupInfo g-9999"]);
  });

  test("a group missing from a complete listing is gone (no further call); a partial page's missing group is asked", async () => {
    const complete = fakeApi(5);
    const lookup = new GroupLookup(complete.api, 0);
    const [gone, ...present] = await Promise.all(["g-9", "g-0", "g-1", "g-2"].map((id) => lookup.read(id)));
    expect(gone).toBeUndefined();
    expect(present.map((g) => g?.GroupId)).toEqual(["g-0", "g-1", "g-2"]);
    expect(complete.log).toEqual(["GetGroupList 0"]);

    const lagging = fakeApi(5, ["g-2"]); // GroupNum 5, but the page shows 4: not the whole account
    const other = new GroupLookup(lagging.api, 0);
    const [g2] = await Promise.all(["g-2", "g-0", "g-1", "g-3"].map((id) => other.read(id)));
    expect(g2?.GroupId).toBe("g-2");
    expect(lagging.log[0]).toBe("GetGroupList 0");
    expect(lagging.log.filter((l) => l.startsWith("GetGroupInfo"))).toEqual(["GetGroupInfo g-2"]);
  });

  test("many refreshes in a large account: the first page serves those it shows, the others are asked (GetGroupInfo each while cheaper)", async () => {
    const { api, log } = fakeApi(10_000);
    const lookup = new GroupLookup(api, 0);
    const ids = ["g-5000", "g-7000", "g-9999", "g-1"];
    const groups = await Promise.all(ids.map((id) => lookup.read(id)));
    expect(groups.map((g) => g?.GroupId)).toEqual(ids);
    expect(log.filter((l) => l.startsWith("GetGroupList"))).toEqual(["GetGroupList 0"]);
    expect(log.filter((l) => l.startsWith("GetGroupInfo")).sort()).toEqual(["GetGroupInfo g-5000", "GetGroupInfo g-7000", "GetGroupInfo g-9999"]);
  });
});

test("a listed group serves one refresh: reading it again in the same process asks afresh", async () => {
  const { api, log } = fakeApi(4);
  const lookup = new GroupLookup(api, 0);
  await Promise.all(["g-0", "g-1", "g-2", "g-3"].map((id) => lookup.read(id)));
  await lookup.read("g-1");
  expect(log).toEqual(["GetGroupList 0", "GetGroupList 0"]);
});

test("an account of exactly one full page (1,000 groups) is a complete listing: one call for all refreshes", async () => {
  const { api, log } = fakeApi(1000);
  const lookup = new GroupLookup(api, 0);
  const groups = await Promise.all(["g-0", "g-500", "g-998", "g-999"].map((id) => lookup.read(id)));
  expect(groups.map((g) => g?.GroupId)).toEqual(["g-0", "g-500", "g-998", "g-999"]);
  expect(log).toEqual(["GetGroupList 0"]);
});
