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

/**
 * Refreshes that come together: each one restarts a wait of `waitMs`; the window ends when the wait runs out, or at
 * once with the {@link LISTING_MIN_READS}-th refresh. Every refresh counted in it is told when it ended.
 */
class ReadWindow {
  private reads = 0;
  private timer?: NodeJS.Timeout;
  private end!: () => void;
  /** Resolves when the window has ended. */
  readonly ended = new Promise<void>((resolve) => (this.end = resolve));
  private done = false;

  constructor(private readonly waitMs: number) {}

  /** True once ended: the next refresh opens a new window. */
  get over(): boolean {
    return this.done;
  }

  /** Counts one refresh; true when it is the one that makes enough (the window then ends). */
  add(): boolean {
    clearTimeout(this.timer);
    if (++this.reads >= LISTING_MIN_READS) {
      this.finish();
      return true;
    }
    this.timer = setTimeout(() => this.finish(), this.waitMs);
    return false;
  }

  private finish(): void {
    this.done = true;
    this.end();
  }
}

/** The refreshes of one region in one provider process. */
export class GroupLookup {
  /** The opening window the refreshes are counted in (before any listing). */
  private window?: ReadWindow;
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
    if (!this.window || this.window.over) this.window = new ReadWindow(this.readWindowMs);
    const window = this.window;
    if (window.add()) void this.listing.get().catch(() => undefined);
    await window.ended;
    return this.listing.started;
  }
}
