/**
 * The account's groups of one region, listed once per provider process for the plan's predictions (adoption, name
 * collisions): `⌈groups / 1000⌉` GetGroupList calls, however many creates and renames the plan holds. The listing
 * is a function parameter of the predictions ({@link ListAccount}) so that a listing shared with the refreshes can
 * replace this one without touching them.
 */
import { LIMITS } from "../../../api/rules";
import { Api, toLiveGroup } from "../../../handler/converge";
import { LiveGroup } from "../../../handler/diff";

/** The groups of `region` by GroupId (the whole account, every page). */
export type ListAccount = (region: string) => Promise<ReadonlyMap<string, LiveGroup>>;

/** Every page of GetGroupList through `api`: the groups by GroupId. */
export async function listAllGroups(api: Api): Promise<Map<string, LiveGroup>> {
  const groups = new Map<string, LiveGroup>();
  for (let offset = 0; ; ) {
    const r = await api.call("GetGroupList", { Offset: offset, Limit: LIMITS.listMaxLimit });
    const infos = Array.isArray(r.GroupInfos) ? (r.GroupInfos as Record<string, unknown>[]) : [];
    for (const info of infos) if (typeof info.GroupId === "string") groups.set(info.GroupId, toLiveGroup(info, info.GroupId));
    offset += infos.length;
    // A short page is the end, whatever GroupNum says; a full page is the end when GroupNum says so.
    if (infos.length < LIMITS.listMaxLimit || (typeof r.GroupNum === "number" && offset >= r.GroupNum)) return groups;
  }
}

/**
 * A {@link ListAccount} that lists each region once (the first caller's request serves every later one; a failed
 * listing is not kept, so the next prediction asks again and reports its own failure).
 * @param apiOf the calls for a region
 */
export function listOncePerRegion(apiOf: (region: string) => Promise<Api>): ListAccount {
  const listings = new Map<string, Promise<Map<string, LiveGroup>>>();
  return (region) => {
    let listing = listings.get(region);
    if (!listing) {
      listing = apiOf(region).then(listAllGroups);
      listing.catch(() => listings.delete(region));
      listings.set(region, listing);
    }
    return listing;
  };
}
