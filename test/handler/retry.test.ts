/**
 * The retry policy on a fake clock: full-jitter backoff growing to its cap, only transient failures retried, the
 * deadline respected, and throttling pacing later calls.
 */
import { ApiError, DeadlineError, Interrupted } from "../../src/handler/errors";
import { AttemptReport, Clock, Retrier, SYSTEM_CLOCK, isRetryable } from "../../src/handler/retry";

/** A clock that only moves when slept on; random() always returns `r`. */
function fakeClock(r = 0.999): Clock & { t: number; sleeps: number[] } {
  const c = {
    t: 0,
    sleeps: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.sleeps.push(ms);
      c.t += ms;
    },
    random: () => r,
  };
  return c;
}

const api = (code: string) => new ApiError("GetGroupInfo", "api", code, "m", "rid");

/** An attempt function failing with `errors` in turn, then succeeding; each attempt takes 10 ms. */
function attempts(clock: { t: number }, errors: ApiError[]) {
  let n = 0;
  return async () => {
    clock.t += 10;
    const e = errors[n++];
    if (e) throw e;
    return { value: "ok", requestId: "rid-ok" };
  };
}

describe("Retrier", () => {
  test("transient failures: waits grow exponentially (full jitter below 200·2^n, capped at 8 s), then success", async () => {
    const clock = fakeClock();
    const reports: AttemptReport[] = [];
    const r = new Retrier({ deadlineAt: 600_000, deadlineSeconds: 600, clock }, (x) => reports.push(x));
    const errors = Array.from({ length: 8 }, () => api("FailedOperation.ServerError"));
    await expect(r.run("GetGroupInfo", attempts(clock, errors))).resolves.toBe("ok");
    expect(clock.sleeps).toEqual([199, 399, 799, 1598, 3196, 6393, 7992, 7992]);
    expect(reports.map((x) => `${x.attempt}:${x.code}`)).toEqual([...errors.map((_, i) => `${i + 1}:FailedOperation.ServerError`), "9:OK"]);
    expect(reports[8]).toEqual({ action: "GetGroupInfo", attempt: 9, ms: 10, code: "OK", requestId: "rid-ok" });
  });

  test("an abort ends a backoff wait at once (the real sleep, made an hour long: only the abort can end it)", async () => {
    const stop = new AbortController();
    const clock: Clock = { ...SYSTEM_CLOCK, sleep: (_ms, signal) => SYSTEM_CLOCK.sleep(3_600_000, signal) };
    const r = new Retrier({ deadlineAt: Date.now() + 7_200_000, deadlineSeconds: 7_200, clock, signal: stop.signal }, (x) => {
      if (x.retryInMs !== undefined) setImmediate(() => stop.abort()); // once the wait has begun
    });
    let calls = 0;
    const run = r.run("GetGroupInfo", async () => {
      calls++;
      throw api("InternalError");
    });
    await expect(run).rejects.toBeInstanceOf(Interrupted);
    expect(calls).toBe(1);
  });

  test("a permanent failure is thrown at once", async () => {
    const clock = fakeClock();
    const r = new Retrier({ deadlineAt: 60_000, deadlineSeconds: 60, clock }, () => undefined);
    await expect(r.run("GetGroupInfo", attempts(clock, [api("AuthFailure.SignatureFailure")]))).rejects.toMatchObject({ code: "AuthFailure.SignatureFailure" });
    expect(clock.sleeps).toEqual([]);
  });

  test("the deadline: the last wait is cut so one more attempt fits, then DeadlineError with the last failure", async () => {
    const clock = fakeClock();
    const r = new Retrier({ deadlineAt: 1_000, deadlineSeconds: 1, clock }, () => undefined);
    const err = await r.run("GetGroupInfo", attempts(clock, Array.from({ length: 50 }, () => api("InternalError")))).catch((e) => e);
    expect(err).toBeInstanceOf(DeadlineError);
    expect(err.message).toBe(`deadline of 1s reached after ${err.attempts} attempt(s) of GetGroupInfo`);
    expect(err.last.code).toBe("InternalError");
    expect(clock.t).toBeLessThanOrEqual(1_000);
    expect(clock.t).toBeGreaterThan(900);
  });

  test("no time left to start a call", async () => {
    const clock = fakeClock();
    clock.t = 2_000;
    const r = new Retrier({ deadlineAt: 1_000, deadlineSeconds: 1, clock }, () => undefined);
    await expect(r.run("CreateGroup", attempts(clock, []))).rejects.toThrow("deadline of 1s reached before CreateGroup could start");
  });

  test("throttling spaces out the next call starts, and the pacing decays on success", async () => {
    const clock = fakeClock(0);
    const starts: number[] = [];
    const r = new Retrier({ deadlineAt: 60_000, deadlineSeconds: 60, clock }, () => undefined);
    const timed = (fn: () => Promise<{ value: string }>) => async () => {
      starts.push(clock.t);
      return fn();
    };
    await r.run("GetGroupInfo", timed(attempts(clock, [api("RequestLimitExceeded"), api("RequestLimitExceeded")])));
    await r.run("CreateGroup", timed(attempts(clock, [])));
    await r.run("ModifyGroup", timed(attempts(clock, [])));
    expect(starts).toEqual([0, 250, 750, 1000, 1125]);
  });

  test("which failures are retried", () => {
    const net = new ApiError("A", "network", "NetworkError", "socket hang up");
    const http = (s: number) => new ApiError("A", "http", `HTTP${s}`, "", undefined, s);
    expect([net, http(502), http(503), http(429), api("RequestLimitExceeded"), api("InternalError.Foo")].every(isRetryable)).toBe(true);
    expect([http(400), http(404), api("AuthFailure.SignatureFailure"), api("InvalidParameterValue.GroupIdNotExist"), api("ResourceUnavailable.InArrears")].some(isRetryable)).toBe(false);
  });
});
