/**
 * Refreshes (ReadResource) of a provider process: from the process's account listing (account-listing.ts) when a
 * stack's refreshes come together, else one GetGroupInfo each.
 *
 * Terraform starts the refreshes of a stack together (up to its parallelism, 10 by default), so the first moment of a
 * process tells how many there are: when at least {@link LISTING_MIN_READS} arrive together (each within the opening
 * window's wait of the one before), the account is listed once (one call for an account of ≤ 1,000 groups, ≤ 10
 * for 10,000) and every refresh of the process is answered from that listing. Fewer reads (a stack of 1–3 groups)
 * ask GetGroupInfo each: never more calls than groups, whatever the size of the account.
 *
 * A listing may trail writes (see account-listing.ts), so it is trusted only where it agrees with the state:
 * - listed with the values the state recorded → unchanged (no call);
 * - not listed, or listed with other values (a create or rename the listing has not caught up with, a real change
 *   made outside Terraform, or a group deleted) → asked with GetGroupInfo, the authority. A plan therefore never
 *   says "gone" or "drifted" on the word of a listing alone, and costs one call per group in doubt (none in steady
 *   state).
 * The one thing a lagging listing can still hide is a delete made outside Terraform (in the console): the group stays
 * listed, with the recorded values, for as long as the listing trails — the README's *Refresh and a lagging listing*.
 * Each listed group serves one refresh: a second read of the same group in the process asks afresh.
 */
import { AccountListing } from "./account-listing";
import { Api, describe } from "./converge";
import { LiveGroup } from "./diff";

/**
 * Refreshes that must arrive together before the account is listed for them: below it, GetGroupInfo each costs at
 * most as many calls as a listing of an account larger than one page (1 page + the groups in doubt).
 */
export const LISTING_MIN_READS = 4;

/** The group fields a refresh compares with the listing (what the resource's state records). */
export type RecordedGroup = Pick<LiveGroup, "GroupName" | "GroupExDescriptions" | "Tag" | "FaceModelVersion">;

/** True when a listed group shows exactly the recorded values. */
function agrees(listed: LiveGroup, recorded: RecordedGroup): boolean {
  return (
    listed.GroupName === recorded.GroupName &&
    listed.Tag === recorded.Tag &&
    listed.FaceModelVersion === recorded.FaceModelVersion &&
    JSON.stringify(listed.GroupExDescriptions) === JSON.stringify(recorded.GroupExDescriptions)
  );
}

/** The refreshes of one region in one provider process. */
export class GroupLookup {
  /** The refreshes arrived in the current opening window (before any listing), and how the window ends. */
  private window?: { reads: number; restart(): void; close(): void; closed: Promise<void> };
  /** Groups whose listed entry already served a refresh. */
  private readonly served = new Set<string>();

  /**
   * @param api the calls (retries, rate limit and logging are the caller's)
   * @param listing the process's listing of the region (shared with plan-time predictions)
   * @param readWindowMs how long the opening window waits for one more refresh before it ends below
   *   {@link LISTING_MIN_READS} (each refresh that arrives restarts the wait, so a trickle of refreshes on a loaded
   *   machine is still counted together; a lone refresh waits this long once per process) @default 100
   */
  constructor(
    private readonly api: Api,
    readonly listing: AccountListing,
    private readonly readWindowMs = 100,
  ) {}

  /**
   * The live group for a refresh, or `undefined` when GetGroupInfo says it does not exist.
   * @param recorded what the state holds: a listed group that agrees with it needs no call
   */
  async read(groupId: string, recorded?: RecordedGroup): Promise<LiveGroup | undefined> {
    if (!this.listing.started && !(await this.enoughReadsForListing())) return describe(this.api, groupId);
    const listed = await this.listing.get().catch(() => undefined); // a failed listing: each read asks on its own
    const entry = listed?.groups.get(groupId);
    if (entry && recorded && !this.served.has(groupId) && agrees(entry, recorded)) {
      this.served.add(groupId);
      return entry;
    }
    return describe(this.api, groupId);
  }

  /**
   * Counts this read into the opening window and resolves when the window ends: true when enough reads came
   * together for a listing (which is then started), false when the window timed out below {@link LISTING_MIN_READS}.
   */
  private async enoughReadsForListing(): Promise<boolean> {
    if (!this.window) {
      let resolve = () => {};
      const closed = new Promise<void>((r) => (resolve = r));
      let timer: NodeJS.Timeout | undefined;
      const close = () => (clearTimeout(timer), resolve());
      const restart = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (this.window?.closed === closed) this.window = undefined;
          resolve();
        }, this.readWindowMs);
      };
      this.window = { reads: 0, closed, close, restart };
    }
    const window = this.window;
    if (++window.reads >= LISTING_MIN_READS) {
      void this.listing.get().catch(() => undefined);
      this.window = undefined;
      window.close();
    } else window.restart();
    await window.closed;
    return this.listing.started;
  }
}
