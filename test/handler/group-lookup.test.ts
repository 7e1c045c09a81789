/**
 * The account listing and the refreshes built on it, on a fake API whose listing can lag (hide groups, show old
 * values): one walk per process, shared; a listed group that agrees with the state costs nothing; a group a listing
 * does not show, or shows otherwise, is asked with GetGroupInfo before anything is concluded.
 */
import { AccountListing, LISTING_MAX_PAGES } from "../../src/handler/account-listing";
import { Api } from "../../src/handler/converge";
import { ApiError } from "../../src/handler/errors";
import { GroupLookup, LISTING_MIN_READS, RecordedGroup } from "../../src/handler/group-lookup";

const info = (id: string, name = `name ${id}`) => ({ GroupId: id, GroupName: name, GroupExDescriptions: [], Tag: "", FaceModelVersion: "3.0", CreationTimestamp: 1000 + Number(id.slice(2)) });
/** What a state records for group `id` (as the fake API holds it). */
const recorded = (id: string): RecordedGroup => ({ GroupName: `name ${id}`, GroupExDescriptions: [], Tag: "", FaceModelVersion: "3.0" });

/**
 * An account of `n` groups g-0 … g-(n-1). The listing lags: `hidden` groups exist but are not listed yet (created
 * lately), `stale` ones are listed with their old name (renamed lately), `ghosts` are listed but deleted.
 */
function fakeApi(n: number, lag: { hidden?: string[]; stale?: string[]; ghosts?: string[] } = {}) {
  const log: string[] = [];
  const exists = (id: string) => /^g-\d+$/.test(id) && Number(id.slice(2)) < n && !lag.ghosts?.includes(id);
  const api: Api = {
    async call(action, params) {
      await new Promise((r) => setTimeout(r, 5));
      const p = params as { GroupId?: string; Offset?: number; Limit?: number };
      log.push(action === "GetGroupList" ? `GetGroupList ${p.Offset}` : `${action} ${p.GroupId}`);
      if (action === "GetGroupInfo") {
        if (!exists(p.GroupId!)) throw new ApiError(action, "api", "InvalidParameterValue.GroupIdNotExist", "no", "rid");
        return info(p.GroupId!);
      }
      const listed = Array.from({ length: n }, (_, i) => `g-${i}`).filter((id) => !lag.hidden?.includes(id));
      const page = listed.slice(p.Offset!, p.Offset! + p.Limit!).map((id) => (lag.stale?.includes(id) ? info(id, "old name") : info(id)));
      return { GroupInfos: page, GroupNum: listed.length };
    },
  };
  return { api, log };
}

/** `ids` refreshed together, as Terraform does, each with the values its state recorded. */
const refresh = (lookup: GroupLookup, ids: string[]) => Promise.all(ids.map((id) => lookup.read(id, recorded(id))));
const lookupOn = (api: Api) => new GroupLookup(api, new AccountListing(api));

describe("AccountListing", () => {
  test("walked once per process and shared: the first page, then the others together; complete up to LISTING_MAX_PAGES", async () => {
    const { api, log } = fakeApi(2_500);
    const listing = new AccountListing(api);
    const [a, b] = await Promise.all([listing.get(), listing.get()]);
    expect(a).toBe(b);
    expect(await listing.get()).toBe(a);
    expect(a).toMatchObject({ complete: true, groupNum: 2_500, pages: 3 });
    expect(a.groups.size).toBe(2_500);
    expect(a.groups.get("g-2499")).toMatchObject({ GroupName: "name g-2499", CreationTimestamp: 3499 });
    expect(log).toEqual(["GetGroupList 0", "GetGroupList 1000", "GetGroupList 2000"]);
  });

  test("an account larger than LISTING_MAX_PAGES pages: the first page only, marked incomplete", async () => {
    const { api, log } = fakeApi(LISTING_MAX_PAGES * 1000 + 1);
    const snapshot = await new AccountListing(api).get();
    expect(snapshot).toMatchObject({ complete: false, groupNum: LISTING_MAX_PAGES * 1000 + 1, pages: 1 });
    expect(log).toEqual(["GetGroupList 0"]);
  });

  test("a failed walk is shared as failed (callers fall back to point reads)", async () => {
    let calls = 0;
    const api: Api = { call: async () => (calls++, Promise.reject(new ApiError("GetGroupList", "api", "AuthFailure.SignatureFailure", "bad", "rid"))) };
    const listing = new AccountListing(api);
    await expect(listing.get()).rejects.toMatchObject({ code: "AuthFailure.SignatureFailure" });
    await expect(listing.get()).rejects.toMatchObject({ code: "AuthFailure.SignatureFailure" });
    expect(calls).toBe(1);
  });
});

describe("refreshes", () => {
  test("refreshes that arrive together (≥ LISTING_MIN_READS) share one listing of the account; later ones too", async () => {
    const { api, log } = fakeApi(30);
    const lookup = lookupOn(api);
    const ids = ["g-1", "g-2", "g-3", "g-4"];
    expect(ids).toHaveLength(LISTING_MIN_READS);
    const first = await refresh(lookup, ids);
    const later = await lookup.read("g-29", recorded("g-29"));
    expect(first.map((g) => g?.GroupName)).toEqual(["name g-1", "name g-2", "name g-3", "name g-4"]);
    expect(later?.CreationTimestamp).toBe(1029);
    expect(log).toEqual(["GetGroupList 0"]);
  });

  test("a stack of 10,000 in an account of 10,000: 10 calls for every refresh", async () => {
    const { api, log } = fakeApi(10_000);
    const lookup = lookupOn(api);
    const ids = Array.from({ length: 10_000 }, (_, i) => `g-${i}`);
    const groups = await refresh(lookup, ids);
    expect(groups.every((g, i) => g?.GroupId === ids[i])).toBe(true);
    expect(log).toHaveLength(10);
    expect(log.every((l) => l.startsWith("GetGroupList"))).toBe(true);
  });

  test("a few refreshes (a stack of 3) ask GetGroupInfo each, never a listing: 3 calls even in an account of 10,000", async () => {
    const { api, log } = fakeApi(10_000);
    const groups = await refresh(lookupOn(api), ["g-5000", "g-7000", "g-9999"]);
    expect(groups.map((g) => g?.GroupId)).toEqual(["g-5000", "g-7000", "g-9999"]);
    expect(log.sort()).toEqual(["GetGroupInfo g-5000", "GetGroupInfo g-7000", "GetGroupInfo g-9999"]);
  });

  test("a lagging listing never decides alone: a group it does not show, or shows otherwise, is asked with GetGroupInfo", async () => {
    // g-1 was just created (not listed yet), g-2 just renamed by this apply (listed with its old name), g-9 deleted.
    const { api, log } = fakeApi(5, { hidden: ["g-1"], stale: ["g-2"] });
    const [g0, g1, g2, g9] = await refresh(lookupOn(api), ["g-0", "g-1", "g-2", "g-9"]);
    expect(g0?.GroupName).toBe("name g-0");
    expect(g1?.GroupName).toBe("name g-1"); // exists: no "to add" for a group the listing has not caught up with
    expect(g2?.GroupName).toBe("name g-2"); // the authority's value, not the listing's stale one: no false drift
    expect(g9).toBeUndefined(); // gone, confirmed
    expect(log.filter((l) => l.startsWith("GetGroupInfo")).sort()).toEqual(["GetGroupInfo g-1", "GetGroupInfo g-2", "GetGroupInfo g-9"]);
    expect(log.filter((l) => l.startsWith("GetGroupList"))).toEqual(["GetGroupList 0"]);
  });

  test("the window a lagging listing leaves: a deleted group it still lists, as recorded, reads as present", async () => {
    const { api, log } = fakeApi(4, { ghosts: ["g-3"] });
    const groups = await refresh(lookupOn(api), ["g-0", "g-1", "g-2", "g-3"]);
    expect(groups[3]?.GroupId).toBe("g-3");
    expect(log).toEqual(["GetGroupList 0"]);
  });

  test("a failed listing: each refresh asks on its own", async () => {
    const { api, log } = fakeApi(4);
    const failing: Api = { call: (action, params, onSend) => (action === "GetGroupList" ? Promise.reject(new ApiError(action, "network", "NetworkError", "down")) : api.call(action, params, onSend)) };
    const groups = await refresh(lookupOn(failing), ["g-0", "g-1", "g-2", "g-3"]);
    expect(groups.map((g) => g?.GroupId)).toEqual(["g-0", "g-1", "g-2", "g-3"]);
    expect(log.sort()).toEqual(["GetGroupInfo g-0", "GetGroupInfo g-1", "GetGroupInfo g-2", "GetGroupInfo g-3"]);
  });
});

test("refreshes that trickle in (a loaded machine), each within the window's wait of the one before, still share one listing", async () => {
  jest.useFakeTimers();
  try {
    const { api, log } = fakeApi(30);
    const lookup = new GroupLookup(api, new AccountListing(api), 100);
    const reads: Promise<unknown>[] = [];
    for (const id of ["g-0", "g-1", "g-2", "g-3"]) {
      reads.push(lookup.read(id, recorded(id)));
      await jest.advanceTimersByTimeAsync(90); // 90 ms apart: 270 ms from the first to the fourth
    }
    expect(log).toEqual(["GetGroupList 0"]); // no read gave up waiting and asked GetGroupInfo
    await jest.advanceTimersByTimeAsync(100);
    expect((await Promise.all(reads)).length).toBe(4);
    expect(log).toEqual(["GetGroupList 0"]);

    const alone = new GroupLookup(api, new AccountListing(api), 100);
    log.length = 0;
    const one = alone.read("g-5", recorded("g-5"));
    await jest.advanceTimersByTimeAsync(99);
    expect(log).toEqual([]); // still waiting for company
    await jest.advanceTimersByTimeAsync(10);
    await one;
    expect(log).toEqual(["GetGroupInfo g-5"]);
  } finally {
    jest.useRealTimers();
  }
});

test("a listed group serves one refresh: reading it again in the same process asks afresh", async () => {
  const { api, log } = fakeApi(4);
  const lookup = lookupOn(api);
  await refresh(lookup, ["g-0", "g-1", "g-2", "g-3"]);
  await lookup.read("g-1", recorded("g-1"));
  expect(log).toEqual(["GetGroupList 0", "GetGroupInfo g-1"]);
});

test("an account of exactly one full page (1,000 groups) is one call for all refreshes", async () => {
  const { api, log } = fakeApi(1000);
  const groups = await refresh(lookupOn(api), ["g-0", "g-500", "g-998", "g-999"]);
  expect(groups.map((g) => g?.GroupId)).toEqual(["g-0", "g-500", "g-998", "g-999"]);
  expect(log).toEqual(["GetGroupList 0"]);
});
