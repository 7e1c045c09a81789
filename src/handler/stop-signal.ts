/**
 * The provider's stop (StopProvider, or the process ending) as a signal per call, so that nothing accumulates on a
 * signal that lives as long as the process.
 *
 * Why not one long-lived AbortSignal handed to every wait: each waiter of the rate limiter, each backoff sleep and
 * each request's `AbortSignal.any([timeout, stop])` then registers on that one signal — a thousand creates queued
 * behind the 50 QPS limit are a thousand abort listeners on it (Node's MaxListenersExceededWarning at 11), and the
 * composite signals of finished requests stay tied to it until the garbage collector runs. Here each call gets its
 * own short-lived signal, linked into a set while the call runs and unlinked when it ends: stop() aborts the linked
 * ones, and a finished call leaves nothing behind.
 */

/** A call's own signal, aborted by {@link StopSignal.stop} while linked. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Ends the link (call it when the call ends, however it ends); idempotent. */
  unlink(): void;
}

/** The stop of a provider process, handed out as one signal per call. */
export class StopSignal {
  private readonly linked = new Set<AbortController>();
  private stoppedAlready = false;

  /** True once {@link stop} was called. */
  get stopped(): boolean {
    return this.stoppedAlready;
  }

  /** Aborts every linked call's signal; calls linked later start aborted. */
  stop(): void {
    this.stoppedAlready = true;
    for (const c of this.linked) c.abort();
    this.linked.clear();
  }

  /** A signal of its own for one call, aborted when the process stops; unlink it when the call ends. */
  link(): LinkedSignal {
    const controller = new AbortController();
    if (this.stoppedAlready) controller.abort();
    else this.linked.add(controller);
    return { signal: controller.signal, unlink: () => void this.linked.delete(controller) };
  }

  /** How many calls are linked now (0 when none is running: nothing is retained). */
  get linkedCount(): number {
    return this.linked.size;
  }
}
