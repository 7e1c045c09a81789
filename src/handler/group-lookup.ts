/**
 * Batched reads of groups: concurrent lookups (the provider's reads, and the creation time of groups it just
 * created) share GetGroupList pages instead of one GetGroupInfo each. A page gathers lookups for a moment (and waits
 * for creates in flight that announced one) so that it serves many: 1,000 creates cost ~1,150 calls instead of
 * 2,000 — what decides the apply time under the 50 QPS limit.
 *
 * Correctness: a batch holds the lookups registered before its list request was SENT, so every answer is at least as
 * fresh as the lookup. A group missing from the list walk (created or deleted while paging shifted offsets, or a list
 * that lags behind) is asked with GetGroupInfo, the authority, before it is called gone. Paging is used only while it
 * costs no more calls than one GetGroupInfo per remaining group (GroupNum comes with every page).
 *
 * Refreshes ({@link GroupLookup.read}) go further. Terraform starts the refreshes of a stack together (up to its
 * parallelism, 10 by default), so the first moment of a process tells how many there are: when at least
 * {@link LISTING_MIN_READS} arrive, the process asks for the account's first page, and when that page is the whole
 * account (≤ 1,000 groups) every later refresh of the process is answered from it — one call for the refresh of a
 * whole stack. Fewer reads (a stack of 1–3 groups) ask GetGroupInfo each: never more calls than groups, whatever the
 * size of the account (3 groups in an account of 80,000 cost 3 calls, not a page plus 3). A provider process serves
 * one Terraform command, so the listing is never older than the command that uses it, and each listed group serves
 * one refresh (a second read in the process asks afresh); it only ever serves refreshes (plans), never a write
 * decision. A group missing from a complete listing is gone (Terraform plans its creation, and CreateGroup adopts a
 * group that exists after all); a group a partial page does not show is looked up. A larger account is not paged
 * for this: its refreshes use the batched lookups, which page only while that is cheaper.
 */
import { LIMITS } from "../api/rules";
import { Api, describe, toLiveGroup } from "./converge";
import { LiveGroup } from "./diff";

/**
 * Refreshes that must arrive together before one listing is asked for them: below it, GetGroupInfo each costs at
 * most as many calls as a listing of an account larger than one page (1 page + the groups it did not show).
 */
export const LISTING_MIN_READS = 4;

/** The first page of an account: its groups, and whether it is the whole account. */
interface Listing {
  groups: Map<string, LiveGroup>;
  complete: boolean;
  /** Groups whose entry already served a refresh. */
  served: Set<string>;
}

interface Waiter {
  resolve(g: LiveGroup | undefined): void;
  reject(e: unknown): void;
}

/** Looks groups up in batches; one instance per (endpoint, region, credentials). */
export class GroupLookup {
  private pending = new Map<string, Waiter[]>();
  private running = false;
  /** GroupNum of the latest page: decides list or GetGroupInfo. Unknown at first: one page is tried. */
  private groupNum: number | undefined;

  /** The account's first page, asked once per process for its refreshes; undefined when that call failed. */
  private listing?: Promise<Listing | undefined>;
  /** The refreshes arrived in the current opening window (before any listing), and how the window ends. */
  private window?: { reads: number; close(): void; closed: Promise<void> };

  /** Operations that announced a lookup to come (a create in flight): a page waits for them, up to `gatherMs`. */
  private joiners = 0;
  private joined?: () => void;

  /**
   * @param api the calls (retries, rate limit and logging are the caller's)
   * @param minGatherMs how long a page gathers lookups before it is sent. Under Terraform only a few applies are in the
   *   provider at once, so without it pages served ~1.5 lookups each (1,000 creates: 1,706 calls, 44 s); measured with
   *   Terraform 1.11, 1,000 creates, parallelism 10: 0 ms → 437 pages, 100 ms → 33 s, 150 ms → 144 pages, 31 s;
   *   400 ms → 100 pages but 50 s (each apply waits longer than the pages save) @default 150
   * @param gatherMs longest time a page waits for announced lookups (creates still in flight) @default 300
   * @param readWindowMs how long the first refreshes of a process wait for others to count them (Terraform sends a
   *   stack's first ~10 within a few ms; a read that misses the window only costs a GetGroupInfo) @default 30
   */
  constructor(
    private readonly api: Api,
    private readonly minGatherMs = 150,
    private readonly gatherMs = 300,
    private readonly readWindowMs = 30,
  ) {}

  /**
   * Announces a lookup to come (e.g. a CreateGroup in flight, whose creation time is needed next); the returned
   * function withdraws it (call it once the lookup is registered, or when none will come). Pages wait for announced
   * lookups, so one page serves them all: each page costs a call of the account's limit.
   */
  announce(): () => void {
    this.joiners++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--this.joiners === 0) this.joined?.();
    };
  }

  /** The live group, or `undefined` when it does not exist. */
  get(groupId: string): Promise<LiveGroup | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(groupId);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(groupId, [{ resolve, reject }]);
      if (!this.running) void this.drain();
    });
  }

  /**
   * The live group for a refresh (ReadResource), or `undefined` when it does not exist: from the process's complete
   * listing when the account fits in one page, else as {@link get}.
   */
  async read(groupId: string): Promise<LiveGroup | undefined> {
    if (!this.listing && !(await this.enoughReadsForListing())) return describe(this.api, groupId);
    const listed = await this.listing;
    const found = listed?.groups.get(groupId);
    if (found) {
      // Each entry serves one read: a second read of the same group in this process asks afresh, never older data.
      listed!.groups.delete(groupId);
      listed!.served.add(groupId);
      return found;
    }
    // Missing from a complete listing is gone; missing from a partial page (or read before) is asked.
    if (listed?.complete && !listed.served.has(groupId)) return undefined;
    return this.get(groupId);
  }

  /**
   * Counts this read into the opening window and resolves when the window ends: true when enough reads came
   * together for a listing (which is then started), false when the window timed out below {@link LISTING_MIN_READS}.
   */
  private async enoughReadsForListing(): Promise<boolean> {
    if (!this.window) {
      let close = () => {};
      const closed = new Promise<void>((resolve) => (close = resolve));
      const timer = setTimeout(() => {
        if (this.window?.closed === closed) this.window = undefined;
        close();
      }, this.readWindowMs);
      this.window = { reads: 0, closed, close: () => (clearTimeout(timer), close()) };
    }
    const window = this.window;
    if (++window.reads >= LISTING_MIN_READS) {
      this.listing ??= this.listWholeAccount();
      this.window = undefined;
      window.close();
    }
    await window.closed;
    return this.listing !== undefined;
  }

  /**
   * The account's first page (the whole account when it has ≤ 1,000 groups); undefined on failure (reads then ask).
   * A group a partial page does not show is looked up with the batched lookups.
   */
  private async listWholeAccount(): Promise<Listing | undefined> {
    try {
      const r = await this.api.call("GetGroupList", { Offset: 0, Limit: LIMITS.listMaxLimit });
      const infos = Array.isArray(r.GroupInfos) ? (r.GroupInfos as Record<string, unknown>[]) : [];
      if (typeof r.GroupNum === "number") this.groupNum = r.GroupNum;
      // Complete when GroupNum says so (an account of exactly 1,000 fills the page); without GroupNum, a short page is.
      const complete = typeof r.GroupNum === "number" ? r.GroupNum <= infos.length : infos.length < LIMITS.listMaxLimit;
      const groups = new Map(infos.filter((i) => typeof i.GroupId === "string").map((i) => [i.GroupId as string, toLiveGroup(i, i.GroupId as string)]));
      return { groups, complete, served: new Set() };
    } catch {
      // Each read then asks on its own and reports its own error (stopped, deadline, credentials…).
      return undefined;
    }
  }

  /** Serves batches one after another while lookups keep coming. */
  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.pending.size > 0) {
        await this.gather();
        await this.serve();
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * Resolves when the next page is worth sending: after `minGatherMs` once no announced lookup is outstanding, and
   * after `gatherMs` at the latest.
   */
  private async gather(): Promise<void> {
    if (this.minGatherMs > 0) await new Promise((r) => setTimeout(r, this.minGatherMs));
    if (this.joiners === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, this.gatherMs - this.minGatherMs));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.joined = () => {
        this.joined = undefined;
        done();
      };
    });
  }

  private pages(remainingGroups: number): number {
    return Math.max(1, Math.ceil(remainingGroups / LIMITS.listMaxLimit));
  }

  /** One batch: list pages while that is cheaper, then GetGroupInfo for whatever the pages did not show. */
  private async serve(): Promise<void> {
    const batch = new Map<string, Waiter[]>();
    const take = () => {
      for (const [id, w] of this.pending) batch.set(id, [...(batch.get(id) ?? []), ...w]);
      this.pending.clear();
    };
    const settle = (id: string, g: LiveGroup | undefined) => {
      batch.get(id)?.forEach((w) => w.resolve(g));
      batch.delete(id);
    };
    try {
      let offset = 0;
      let listed = false;
      // List while the pages still to read are no more than the groups still to find (GroupNum unknown: one page).
      // A single page costs what one GetGroupInfo costs and serves every lookup registered until it is sent.
      while (this.pending.size + batch.size > 0 && this.pages((this.groupNum ?? 0) - offset) <= this.pending.size + batch.size) {
        listed = true;
        const r = await this.api.call("GetGroupList", { Offset: offset, Limit: LIMITS.listMaxLimit }, take);
        const infos = Array.isArray(r.GroupInfos) ? (r.GroupInfos as Record<string, unknown>[]) : [];
        this.groupNum = typeof r.GroupNum === "number" ? r.GroupNum : undefined;
        for (const info of infos) {
          if (typeof info.GroupId === "string" && batch.has(info.GroupId)) settle(info.GroupId, toLiveGroup(info, info.GroupId));
        }
        offset += infos.length;
        // A short page is the end, whatever GroupNum says.
        if (infos.length < LIMITS.listMaxLimit || this.groupNum === undefined || offset >= this.groupNum) break;
      }
      // Lookups registered after the last page was sent wait for the next batch (a page is cheaper than asking each).
      if (!listed) take();
      await Promise.all([...batch.keys()].map(async (id) => settle(id, await describe(this.api, id))));
    } catch (e) {
      // A call that failed before sending anything (stopped, deadline) took no batch: it fails the waiting lookups.
      if (batch.size === 0) take();
      for (const waiters of batch.values()) waiters.forEach((w) => w.reject(e));
    }
  }
}
