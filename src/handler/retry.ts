/**
 * Retries of transient failures: exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff
 * and Jitter"), all within one deadline (a handler run, or one provider operation). Every attempt passes the
 * optional shared gate (the process-wide rate limiter) first; an AbortSignal ends waits and retries at once. Throttling answers also slow every later call of
 * the process (adaptive pacing), since the limit (50 QPS per account) is shared by all groups being applied.
 */
import { THROTTLE_CODES, isTransientCode, isTransientHttpStatus } from "../api/error-codes";
import { setTimeout as sleepFor } from "node:timers/promises";
import { ApiError, DeadlineError, Interrupted } from "./errors";
import { FailFast } from "./fail-fast";
import { CallGate } from "./rate-limiter";

/** An attempt is not started with less time than this left before the deadline. */
const MIN_ATTEMPT_MS = 100;

/** Time and randomness, injectable for tests. */
export interface Clock {
  now(): number;
  /** Waits `ms`; may end early (rejecting) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
}

/** The real clock. */
export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleepFor(ms, undefined, { signal }),
  random: Math.random,
};

/** Retry tuning. */
export interface RetryOptions {
  /** The whole run must end by then (epoch ms). */
  readonly deadlineAt: number;
  /** For messages: the configured deadline in seconds. */
  readonly deadlineSeconds: number;
  /** Longest single request, in ms (shortened to what is left before the deadline). @default 30000 */
  readonly requestTimeoutMs?: number;
  /** First backoff ceiling, in ms. @default 200 */
  readonly baseMs?: number;
  /** Largest backoff ceiling, in ms. @default 8000 */
  readonly capMs?: number;
  /** @default SYSTEM_CLOCK */
  readonly clock?: Clock;
  /** Awaited before every attempt (the process-wide rate limiter). @default none */
  readonly gate?: CallGate;
  /** Aborts waits and retries: `run` then rejects with `Interrupted`. @default none */
  readonly signal?: AbortSignal;
  /** The process's fail-fast rule (fail-fast.ts): its verdict ends the call instead of a retry. @default none */
  readonly failFast?: FailFast;
}

/** What one attempt did, for the per-call output line. */
export interface AttemptReport {
  readonly action: string;
  readonly attempt: number;
  readonly ms: number;
  /** `OK` or the failure code. */
  readonly code: string;
  readonly requestId?: string;
  /** Set when the failure will be retried after this many ms. */
  readonly retryInMs?: number;
  /** For a network failure: its message (cause, endpoint, proxy, what to check). */
  readonly detail?: string;
}

/** True when a failure may succeed if tried again. */
export function isRetryable(e: ApiError): boolean {
  if (e.kind === "network") return true;
  if (e.kind === "http") return e.httpStatus !== undefined && isTransientHttpStatus(e.httpStatus);
  return isTransientCode(e.code);
}

/** Runs calls with retries; one instance per handler run or provider operation (it carries the deadline and pacing). */
export class Retrier {
  private readonly clock: Clock;
  private readonly requestTimeoutMs: number;
  private readonly baseMs: number;
  private readonly capMs: number;
  /** Minimum time between call starts, raised by throttling answers, decaying on success. */
  private intervalMs = 0;
  private lastStart = -Infinity;

  constructor(
    private readonly options: RetryOptions,
    private readonly report: (r: AttemptReport) => void,
  ) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.baseMs = options.baseMs ?? 200;
    this.capMs = options.capMs ?? 8_000;
  }

  /**
   * Calls `attemptFn(timeoutMs)` until it succeeds, fails permanently (the ApiError is thrown), or the deadline
   * comes (DeadlineError with the last failure).
   */
  async run<T>(action: string, attemptFn: (timeoutMs: number) => Promise<{ value: T; requestId?: string }>): Promise<T> {
    let last: ApiError | undefined;
    for (let attempt = 1; ; attempt++) {
      await this.pace();
      await this.options.gate?.acquire(this.options.signal);
      this.checkSignal();
      this.options.failFast?.check();
      const start = this.clock.now();
      const left = this.options.deadlineAt - start;
      if (left < MIN_ATTEMPT_MS) throw this.deadline(action, attempt - 1, last);
      this.lastStart = start;
      try {
        const { value, requestId } = await attemptFn(Math.min(this.requestTimeoutMs, left));
        this.options.failFast?.gotAnswer();
        this.report({ action, attempt, ms: this.clock.now() - start, code: "OK", requestId });
        this.intervalMs = this.intervalMs < 50 ? 0 : this.intervalMs / 2;
        return value;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        this.checkSignal();
        last = e;
        const ms = this.clock.now() - start;
        const detail = e.kind === "network" ? `${e.message}; ${e.hint}` : undefined;
        const final = this.options.failFast?.failed(e) ?? (isRetryable(e) ? undefined : e);
        if (final) {
          this.report({ action, attempt, ms, code: e.code, requestId: e.requestId, detail: final.kind === "network" ? `${final.message}; ${final.hint}` : undefined });
          throw final;
        }
        if (THROTTLE_CODES.has(e.code)) this.intervalMs = Math.min(Math.max(this.intervalMs * 2, 250), 4_000);
        // Full jitter: a uniformly random wait below an exponentially growing ceiling; the last wait is cut so
        // that one more attempt still fits before the deadline.
        const jitter = Math.floor(this.clock.random() * Math.min(this.capMs, this.baseMs * 2 ** (attempt - 1)));
        const room = this.options.deadlineAt - this.clock.now() - MIN_ATTEMPT_MS;
        const delay = room >= 0 ? Math.min(jitter, room) : undefined;
        this.report({ action, attempt, ms, code: e.code, requestId: e.requestId, retryInMs: delay, detail });
        if (delay === undefined) throw this.deadline(action, attempt, e);
        await this.sleep(delay);
      }
    }
  }

  private async pace(): Promise<void> {
    const wait = this.lastStart + this.intervalMs - this.clock.now();
    if (wait > 0) await this.sleep(Math.min(wait, Math.max(0, this.options.deadlineAt - this.clock.now())));
  }

  private async sleep(ms: number): Promise<void> {
    this.checkSignal();
    try {
      await this.clock.sleep(ms, this.options.signal);
    } catch (e) {
      this.checkSignal();
      throw e;
    }
  }

  private checkSignal(): void {
    if (this.options.signal?.aborted) throw new Interrupted();
  }

  private deadline(action: string, attempts: number, last?: ApiError): DeadlineError {
    return new DeadlineError(this.options.deadlineSeconds, action, attempts, last);
  }
}
