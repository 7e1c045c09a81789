/**
 * The fail-fast rule: network trouble that retrying cannot cure ends the command's calls at once instead of being
 * retried until the deadline.
 *
 * Rule: while the endpoint has never answered in this provider process (no HTTP answer of any kind yet),
 * {@link FAIL_FAST_FAILURES} failures in a row with the same uncurable cause (a name that does not resolve, a refused
 * port, no route, a certificate the client does not trust, a proxy that refuses the tunnel), spread over at least
 * {@link FAIL_FAST_MIN_SPAN_MS}, end it: that failure becomes the verdict of every call of the process from then on,
 * sent or not. The span keeps a port that is refused for a moment (a service restarting) from ending a command; once the
 * endpoint has answered once, every network failure is retried within the deadline as before (it worked, so it may work
 * again). Transient causes (resets, timeouts, EAI_AGAIN, 5xx, throttling) never count and keep their backoff.
 * With the retry backoff (200 ms doubling, full jitter, 8 s cap) the verdict comes after about 3–11 s.
 */
import { ApiError } from "./errors";
import { NetworkFailure } from "./network-failure";

/** Identical uncurable failures needed for the verdict. */
export const FAIL_FAST_FAILURES = 4;
/** Least time from the first to the last of them, in ms. */
export const FAIL_FAST_MIN_SPAN_MS = 3_000;

/** The failure that ended the calls: the last one, with the rule's count in its message. */
export class FailFastVerdict extends NetworkFailure {
  constructor(
    last: NetworkFailure,
    readonly failures: number,
    readonly spanMs: number,
  ) {
    super(
      last.action,
      last.networkCause,
      last.route,
      `${last.message}; gave up after ${failures} identical failures in ${(spanMs / 1000).toFixed(1)}s before the endpoint ever answered (retrying cannot help)`,
    );
    this.name = "FailFastVerdict";
  }
}

/** The rule's state for one provider process (one endpoint). */
export class FailFast {
  private answered = false;
  private streak?: { code: string; count: number; firstAt: number };
  private verdict?: FailFastVerdict;

  constructor(private readonly now: () => number = Date.now) {}

  /** Throws the verdict, if there is one: no call is sent after it. */
  check(): void {
    if (this.verdict) throw this.verdict;
  }

  /** Records an attempt's failure; returns the verdict when this failure completes the rule. */
  failed(e: ApiError): FailFastVerdict | undefined {
    if (this.verdict) return this.verdict;
    if (!(e instanceof NetworkFailure)) return this.gotAnswer(), undefined;
    if (this.answered || !e.uncurable) return (this.streak = undefined);
    const at = this.now();
    if (this.streak?.code !== e.code) this.streak = { code: e.code, count: 0, firstAt: at };
    this.streak.count++;
    const span = at - this.streak.firstAt;
    if (this.streak.count >= FAIL_FAST_FAILURES && span >= FAIL_FAST_MIN_SPAN_MS) this.verdict = new FailFastVerdict(e, this.streak.count, span);
    return this.verdict;
  }

  /** Records an answer of the endpoint (success or an API/HTTP error): the rule no longer applies. */
  gotAnswer(): void {
    this.answered = true;
    this.streak = undefined;
  }
}
