/**
 * What the real cloud may do and loopback never does: answer slowly, and serve `GetGroupList` from an index that
 * trails the writes. Both are off by default.
 *
 * - {@link AnswerLatency}: every answer waits `ms` (± `jitterMs`, uniform, never below 0) — the round trip to
 *   `iai.tencentcloudapi.com` (tens of ms inside mainland China, 150–250 ms from abroad).
 * - {@link LaggingListing}: `GetGroupList` shows a create, rename or delete only `lagMs` after it was acknowledged;
 *   `GetGroupInfo` (and every write's checks) always see the store itself — the authority. A listing index that
 *   trails by a moment is what large cloud services commonly serve lists from.
 */
import { performance } from "node:perf_hooks";
import { mulberry32 } from "./policy";
import { GroupStore } from "./store";
import { StoredGroup } from "./types";

/** Latency settings: a fixed delay and a jitter around it, in ms. */
export interface LatencySettings {
  /** Delay of every answer, ms. @default 0 */
  readonly ms: number;
  /** Uniform jitter around `ms` (the delay is drawn from [ms − jitterMs, ms + jitterMs], at least 0). @default 0 */
  readonly jitterMs?: number;
}

/** Checks latency settings; the message names the option. */
export function latencyProblem(s: LatencySettings): string | undefined {
  if (!(Number.isFinite(s.ms) && s.ms >= 0)) return `latencyMs must be a number of ms ≥ 0 (got ${JSON.stringify(s.ms)})`;
  const j = s.jitterMs ?? 0;
  if (!(Number.isFinite(j) && j >= 0)) return `latencyJitterMs must be a number of ms ≥ 0 (got ${JSON.stringify(s.jitterMs)})`;
  return undefined;
}

/** The delay of each answer (seeded: the same sequence of requests gets the same delays). */
export class AnswerLatency {
  private settings: LatencySettings = { ms: 0 };
  private readonly random = mulberry32(0x1a7e);

  constructor(settings?: LatencySettings) {
    if (settings) this.set(settings);
  }

  /** Replaces the settings (validated by the caller with {@link latencyProblem}). */
  set(settings: LatencySettings): void {
    this.settings = { ms: settings.ms, jitterMs: settings.jitterMs ?? 0 };
  }

  /** The delay of the next answer, ms (0: answer at once). */
  next(): number {
    const { ms, jitterMs = 0 } = this.settings;
    if (jitterMs === 0) return ms;
    return Math.max(0, ms + (this.random() * 2 - 1) * jitterMs);
  }
}

interface Change {
  /** When the write was acknowledged (monotonic ms). */
  readonly at: number;
  readonly region: string;
  readonly groupId: string;
  /** The group after the write; undefined when it was deleted. */
  readonly group?: StoredGroup;
}

/** The listing index: the store as it was `lagMs` ago, in creation order. */
export class LaggingListing {
  private lagMs = 0;
  /** The index by region (insertion order = creation order, as the store keeps it); used while lagMs > 0. */
  private readonly index = new Map<string, Map<string, StoredGroup>>();
  /** Writes the index has not caught up with, oldest first. */
  private readonly pending: Change[] = [];

  constructor(
    private readonly store: GroupStore,
    lagMs = 0,
    private readonly clock: () => number = () => performance.now(),
  ) {
    store.observe((region, groupId) => this.changed(region, groupId));
    this.setLagMs(lagMs);
  }

  /** Changes the lag; from 0 the index starts as the store is now, and to 0 the listing is the store again. */
  setLagMs(ms: number): void {
    if (ms > 0 && this.lagMs === 0) {
      this.index.clear();
      this.pending.length = 0;
      for (const g of this.store.snapshot()) this.regionIndex(g.Region).set(g.GroupId, g);
    }
    this.lagMs = ms;
  }

  /** The groups `GetGroupList` shows for `region`, in creation order (live objects: do not mutate). */
  list(region: string): readonly StoredGroup[] {
    if (this.lagMs === 0) return this.store.list(region);
    const horizon = this.clock() - this.lagMs;
    while (this.pending.length > 0 && this.pending[0].at <= horizon) {
      const { region: r, groupId, group } = this.pending.shift()!;
      if (group) this.regionIndex(r).set(groupId, group);
      else this.index.get(r)?.delete(groupId);
    }
    return [...(this.index.get(region)?.values() ?? [])];
  }

  private changed(region: string, groupId: string): void {
    if (this.lagMs === 0) return;
    const now = this.store.get(region, groupId);
    this.pending.push({ at: this.clock(), region, groupId, group: now && { ...now, GroupExDescriptions: [...now.GroupExDescriptions] } });
  }

  private regionIndex(region: string): Map<string, StoredGroup> {
    let m = this.index.get(region);
    if (!m) this.index.set(region, (m = new Map()));
    return m;
  }
}
