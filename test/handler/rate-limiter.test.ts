/** The process-wide token bucket: the rate, FIFO order, and abort. */
import { Interrupted } from "../../src/handler/errors";
import { TokenBucket } from "../../src/handler/rate-limiter";

test("no more than qps calls per second after the burst, in arrival order", async () => {
  const bucket = new TokenBucket(100);
  const order: number[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: 52 }, (_, i) => bucket.acquire().then(() => order.push(i))));
  const ms = performance.now() - started;
  expect(order).toEqual(Array.from({ length: 52 }, (_, i) => i));
  expect(ms).toBeGreaterThanOrEqual(490); // 2 from the burst, 50 at 100 per second
  expect(ms).toBeLessThan(800);
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
