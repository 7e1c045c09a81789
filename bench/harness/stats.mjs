/** Small statistics and progress helpers: everything the harness reports is a median or a ratio of medians. */
import { performance } from "node:perf_hooks";

/**
 * The median of a non-empty list of numbers.
 * @param {number[]} xs
 * @returns {number}
 */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * `a / b` rounded to 4 decimals (the table shows 2), or null when b is not positive.
 * @param {number} a
 * @param {number} b
 * @returns {number|null}
 */
export function ratio(a, b) {
  return b > 0 ? Math.round((a / b) * 1e4) / 1e4 : null;
}

/**
 * Rounds to `d` decimals (results.json keeps raw timings in ms with 0.1 ms resolution).
 * @param {number} x
 * @param {number} [d]
 * @returns {number}
 */
export function round(x, d = 1) {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/** Progress on stdout: one line per phase, with the phase's time and the time since the run started. */
export class Progress {
  constructor() {
    this.t0 = performance.now();
  }

  /**
   * Runs `fn` as a named phase: prints `[ elapsed] name … 12.3 s` (the name first, the time when it is done).
   * @template T
   * @param {string} name
   * @param {() => Promise<T>} fn
   * @returns {Promise<T>}
   */
  async phase(name, fn) {
    process.stdout.write(`[${this.elapsed().padStart(7)}] ${name} … `);
    const t = performance.now();
    try {
      const result = await fn();
      process.stdout.write(`${((performance.now() - t) / 1000).toFixed(1)} s\n`);
      return result;
    } catch (e) {
      process.stdout.write(`FAILED after ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
      throw e;
    }
  }

  /** Seconds since the run started. */
  seconds() {
    return (performance.now() - this.t0) / 1000;
  }

  /** Seconds since the run started, e.g. `"83.4s"`. */
  elapsed() {
    return `${this.seconds().toFixed(1)}s`;
  }
}
