/**
 * The emulator's policy: the per-SecretId QPS limit (token bucket) and fault injection (seeded, deterministic).
 */
import { performance } from "node:perf_hooks";
import { LIMITS } from "../api/rules";
import { FaultPlan } from "./types";

/** Fault kinds that are not API error codes. */
export const TRANSPORT_FAULTS = ["http502", "drop", "drop-after", "latency"] as const;

/** Default delay of the `latency` fault kind, ms. */
export const DEFAULT_FAULT_LATENCY_MS = 2000;

/** The default QPS limit per SecretId (the documented group-management limit). */
export const DEFAULT_QPS = LIMITS.qps;

/** What the injector decided for one request. */
export type FaultDecision =
  | { readonly kind: "error"; readonly code: string }
  | { readonly kind: "http502" | "drop" | "drop-after" }
  | { readonly kind: "latency"; readonly ms: number };

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODE_PATTERN = /^[A-Z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/;

/** Throws a clear Error when a fault plan is unusable. */
export function validateFaultPlan(plan: FaultPlan): void {
  if (typeof plan.rate !== "number" || !(plan.rate >= 0 && plan.rate <= 1)) {
    throw new Error(`fault rate must be a number from 0 to 1 (got ${JSON.stringify(plan.rate)})`);
  }
  if (!Array.isArray(plan.kinds) || (plan.rate > 0 && plan.kinds.length === 0)) {
    throw new Error("fault kinds must be a non-empty list when the fault rate is above 0");
  }
  for (const k of plan.kinds) {
    if (typeof k !== "string" || !((TRANSPORT_FAULTS as readonly string[]).includes(k) || CODE_PATTERN.test(k))) {
      throw new Error(
        `unknown fault kind ${JSON.stringify(k)}: use an API error code (e.g. FailedOperation.ServerError) or one of ${TRANSPORT_FAULTS.join(", ")}`,
      );
    }
  }
  if (plan.seed !== undefined && !Number.isInteger(plan.seed)) throw new Error(`fault seed must be an integer (got ${plan.seed})`);
  if (plan.latencyMs !== undefined && !(Number.isFinite(plan.latencyMs) && plan.latencyMs >= 0)) {
    throw new Error(`fault latency must be a number of ms ≥ 0 (got ${plan.latencyMs})`);
  }
}

/** Draws faults from a plan; the same seed and request sequence give the same decisions. */
export class FaultInjector {
  private plan: FaultPlan | undefined;
  private random: () => number = Math.random;

  /** @param plan the initial plan (validated) */
  constructor(plan?: FaultPlan) {
    this.set(plan);
  }

  /** Replaces the plan and re-seeds the PRNG. */
  set(plan?: FaultPlan): void {
    if (plan) validateFaultPlan(plan);
    this.plan = plan && { ...plan, kinds: [...plan.kinds] };
    this.random = mulberry32(plan?.seed ?? Math.floor(Math.random() * 2 ** 32));
  }

  /** The decision for the next request (undefined: no fault). */
  next(): FaultDecision | undefined {
    const plan = this.plan;
    if (!plan || plan.rate === 0 || plan.kinds.length === 0) return undefined;
    // Always two draws per request, so the sequence does not depend on earlier outcomes.
    const hit = this.random();
    const pick = this.random();
    if (hit >= plan.rate) return undefined;
    const kind = plan.kinds[Math.floor(pick * plan.kinds.length)];
    switch (kind) {
      case "http502":
      case "drop":
      case "drop-after":
        return { kind };
      case "latency":
        return { kind: "latency", ms: plan.latencyMs ?? DEFAULT_FAULT_LATENCY_MS };
      default:
        return { kind: "error", code: kind };
    }
  }
}

/** Token buckets per key (SecretId): capacity = qps (at least 1), refilled at qps tokens per second. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** @param qps requests per second; 0 = unlimited */
  constructor(private qps: number = DEFAULT_QPS) {
    RateLimiter.check(qps);
  }

  private static check(qps: number): void {
    if (!(Number.isFinite(qps) && qps >= 0)) throw new Error(`qps must be a number ≥ 0, 0 = unlimited (got ${qps})`);
  }

  /** The current limit. */
  get limit(): number {
    return this.qps;
  }

  /** Changes the limit; every bucket starts full again. */
  setQps(qps: number): void {
    RateLimiter.check(qps);
    this.qps = qps;
    this.buckets.clear();
  }

  /** Takes a token for `key`; false when the bucket is empty. Uses a monotonic clock, not the API clock. */
  take(key: string): boolean {
    if (this.qps === 0) return true;
    const capacity = Math.max(1, this.qps);
    const now = performance.now();
    const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * this.qps);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
