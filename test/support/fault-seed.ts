/** Choosing the emulator's fault seed so that exactly the requests a test names get a fault. */
import { mulberry32 } from "../../src/emulator/policy";

/**
 * A fault seed for the emulator's PRNG (mulberry32, two draws per request) under which the n-th request gets a fault
 * exactly when `pattern[n]` is true — so a test can fail, say, only the first call.
 * @param pattern one entry per request, in arrival order
 * @param rate the fault rate the emulator is given
 */
export function seedFor(pattern: boolean[], rate = 0.5): number {
  for (let seed = 1; seed < 1_000_000; seed++) {
    const next = mulberry32(seed);
    if (pattern.every((fault) => { const hit = next() < rate; next(); return hit === fault; })) return seed;
  }
  throw new Error("no seed found");
}
