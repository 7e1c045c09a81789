/**
 * A token bucket shared by every API call of one process: the account's limit (50 QPS for the group APIs) is shared
 * by all groups being applied, so staying under it beats bouncing off it and retrying. Waiters are served in arrival
 * order (no starvation of a slow operation by a stream of new ones) and an AbortSignal ends every wait at once.
 */
import { Interrupted } from "./errors";

/** What a call must await before it starts. */
export interface CallGate {
  /** Resolves when the call may start; rejects with `Interrupted` when `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
}

/** Time source of the bucket (injectable for tests). */
export interface BucketClock {
  now(): number;
}

/** A FIFO token bucket: `qps` tokens per second, at most `burst` saved up. */
export class TokenBucket implements CallGate {
  private tokens: number;
  private at: number;
  private readonly queue: { resolve: () => void; reject: (e: Error) => void; signal?: AbortSignal; onAbort?: () => void }[] = [];
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param qps tokens per second (> 0)
   * @param burst bucket size: 2 absorbs timer lateness (a late timer would otherwise lose rate) while any one-second
   *   window holds at most qps + 2 calls, so 48 QPS never exceeds a 50-per-second window however the server counts
   *   @default 2
   */
  constructor(
    readonly qps: number,
    readonly burst: number = 2,
    private readonly clock: BucketClock = { now: () => performance.now() },
  ) {
    if (!(Number.isFinite(qps) && qps > 0)) throw new RangeError(`qps must be a number > 0 (got ${qps})`);
    this.tokens = burst;
    this.at = clock.now();
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new Interrupted());
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: (typeof this.queue)[number] = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i !== -1) this.queue.splice(i, 1);
          reject(new Interrupted());
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.schedule();
    });
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) * this.qps) / 1000);
    this.at = now;
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return;
    const wait = Math.max(0, Math.ceil(((1 - this.tokens) * 1000) / this.qps));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refill();
      while (this.queue.length > 0 && this.tokens >= 1) {
        this.tokens -= 1;
        const w = this.queue.shift()!;
        if (w.onAbort) w.signal?.removeEventListener("abort", w.onAbort);
        w.resolve();
      }
      this.schedule();
    }, wait);
  }
}
