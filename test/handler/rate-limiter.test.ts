/** The process-wide token bucket: the rate, FIFO order, and abort. */
import { Interrupted } from "../../src/handler/errors";
import { TokenBucket } from "../../src/handler/rate-limiter";

test("no more than qps calls per second after the burst, in arrival order (counted on a clock the test moves)", async () => {
  jest.useFakeTimers();
  try {
    const bucket = new TokenBucket(100, 2, { now: () => Date.now() });
    const order: number[] = [];
    const waits = Array.from({ length: 52 }, (_, i) => bucket.acquire().then(() => order.push(i)));
    const grantedAfter = async (ms: number) => {
      await jest.advanceTimersByTimeAsync(ms);
      return order.length;
    };
    expect(await grantedAfter(0)).toBe(2); // the burst
    expect(await grantedAfter(100)).toBe(12); // then 100 per second: 10 in 100 ms
    expect(await grantedAfter(380)).toBe(50);
    expect(await grantedAfter(20)).toBe(52); // the last at 500 ms
    await Promise.all(waits);
    expect(order).toEqual(Array.from({ length: 52 }, (_, i) => i));
  } finally {
    jest.useRealTimers();
  }
});

test("an abort ends the wait at once with Interrupted; the others keep their turn", async () => {
  const bucket = new TokenBucket(10, 1);
  await bucket.acquire();
  const stop = new AbortController();
  const waiting = bucket.acquire(stop.signal);
  const other = bucket.acquire();
  stop.abort();
  await expect(waiting).rejects.toBeInstanceOf(Interrupted);
  await expect(other).resolves.toBeUndefined();
  await expect(bucket.acquire(stop.signal)).rejects.toBeInstanceOf(Interrupted);
});
