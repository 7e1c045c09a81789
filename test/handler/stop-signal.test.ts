/** The stop of a provider process, one signal per call: stop() aborts the calls in flight, a finished call leaves nothing. */
import { StopSignal } from "../../src/handler/stop-signal";

test("stop() aborts linked calls; unlinked ones are left alone and nothing stays linked", () => {
  const stop = new StopSignal();
  const running = stop.link();
  const finished = stop.link();
  finished.unlink();
  finished.unlink(); // idempotent
  expect(stop.linkedCount).toBe(1);
  stop.stop();
  expect(stop.stopped).toBe(true);
  expect(running.signal.aborted).toBe(true);
  expect(finished.signal.aborted).toBe(false);
  expect(stop.linkedCount).toBe(0);
  expect(stop.link().signal.aborted).toBe(true); // a call after the stop starts aborted
  expect(stop.linkedCount).toBe(0);
});

test("a thousand calls in a row: no listener and no link is retained", () => {
  const stop = new StopSignal();
  for (let i = 0; i < 1000; i++) {
    const call = stop.link();
    call.signal.addEventListener("abort", () => undefined, { once: true });
    call.unlink();
  }
  expect(stop.linkedCount).toBe(0);
});
