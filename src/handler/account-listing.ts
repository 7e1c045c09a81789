/**
 * The account's groups of one region, listed ONCE per provider process and shared by whoever needs them: the
 * refreshes of a plan (group-lookup.ts) and plan-time predictions (adoption, name collisions). A provider process
 * serves one Terraform command, so the listing is never older than the command that uses it.
 *
 * Usage: `const { listing } = await session.region(region); const snapshot = await listing.get();` — the first
 * caller starts the walk, later callers wait for the same walk; a failed walk is cached as failed (callers fall back
 * to point reads: GetGroupInfo).
 *
 * What a snapshot may and may not be trusted for. `GetGroupList` of a large cloud service is served from an index
 * that can trail writes (a create, rename or delete may show late), and an Offset walk is not atomic (a create or
 * delete during the walk shifts later pages). So:
 * - a group a snapshot LISTS existed when the page was served, with those values or older ones: good enough to tell
 *   that nothing changed when the values match what the caller already has (state);
 * - a group a snapshot does NOT list, or lists with other values, is in doubt: confirm it with GetGroupInfo (the
 *   authority) before concluding "gone" or "drifted" — {@link AccountSnapshot.complete} says whether the absence
 *   is even a hint.
 *
 * Cost: the first page tells GroupNum; an account of up to {@link LISTING_MAX_PAGES} pages is walked (the other
 * pages asked together, so the walk takes two round trips), a larger one is not (the snapshot holds the first page
 * and says it is incomplete).
 */
import { LIMITS } from "../api/rules";
import { Api, toLiveGroup } from "./converge";
import { LiveGroup } from "./diff";

/** The largest account walked, in GetGroupList pages of 1,000 groups (10,000 groups: 10 calls). */
export const LISTING_MAX_PAGES = 10;

/** The groups of one region as GetGroupList showed them. */
export interface AccountSnapshot {
  /** The listed groups by GroupId (a listing may trail writes: see the module's notes). */
  readonly groups: ReadonlyMap<string, LiveGroup>;
  /** True when every page was read (the account had at most {@link LISTING_MAX_PAGES} pages). */
  readonly complete: boolean;
  /** The account's group count as the first page reported it. */
  readonly groupNum: number;
  /** The GetGroupList calls the walk made. */
  readonly pages: number;
}

/** The listing of one region's groups for one provider process; one instance per (endpoint, region, credentials). */
export class AccountListing {
  private walk?: Promise<AccountSnapshot>;

  /**
   * @param api the calls (retries, rate limit and logging are the caller's)
   * @param maxPages the largest account walked, in pages @default LISTING_MAX_PAGES
   */
  constructor(
    private readonly api: Api,
    private readonly maxPages = LISTING_MAX_PAGES,
  ) {}

  /** True once a walk was started (by anyone) in this process. */
  get started(): boolean {
    return this.walk !== undefined;
  }

  /** The process's snapshot: walked on the first call, shared afterwards (a failure too: fall back to point reads). */
  get(): Promise<AccountSnapshot> {
    return (this.walk ??= this.walkAccount());
  }

  private async page(offset: number): Promise<{ infos: Record<string, unknown>[]; groupNum?: number }> {
    const r = await this.api.call("GetGroupList", { Offset: offset, Limit: LIMITS.listMaxLimit });
    const infos = Array.isArray(r.GroupInfos) ? (r.GroupInfos as Record<string, unknown>[]) : [];
    return { infos, groupNum: typeof r.GroupNum === "number" ? r.GroupNum : undefined };
  }

  private async walkAccount(): Promise<AccountSnapshot> {
    const first = await this.page(0);
    // Without GroupNum a short page is the whole account; a full one cannot be told apart from a partial one.
    const groupNum = first.groupNum ?? (first.infos.length < LIMITS.listMaxLimit ? first.infos.length : Infinity);
    const pageCount = Math.max(1, Math.ceil(groupNum / LIMITS.listMaxLimit));
    const walked = pageCount <= this.maxPages;
    const rest = walked ? await Promise.all(Array.from({ length: pageCount - 1 }, (_, i) => this.page((i + 1) * LIMITS.listMaxLimit).catch(offsetPast))) : [];
    const groups = new Map<string, LiveGroup>();
    for (const { infos } of [first, ...rest]) {
      for (const info of infos) if (typeof info.GroupId === "string") groups.set(info.GroupId, toLiveGroup(info, info.GroupId));
    }
    return { groups, complete: walked, groupNum: Number.isFinite(groupNum) ? groupNum : first.infos.length, pages: 1 + rest.length };
  }
}

/** A page whose Offset fell past the end (groups deleted during the walk) is an empty page; any other error throws. */
function offsetPast(e: unknown): { infos: Record<string, unknown>[] } {
  if ((e as { code?: string })?.code === "InvalidParameterValue.OffsetExceed") return { infos: [] };
  throw e;
}
