/**
 * The benchmark's "null provider": our provider's address, schema and protocol server, but handlers that call no API
 * and answer at once (a plan is the real provider's planned object, without predictions; an apply returns the plan).
 * An apply through it is what Terraform itself costs for N resources of this type served by a Node.js provider
 * process — a floor our provider cannot go under, whatever it does with the API (items 7 and 8 report it next to their
 * judged runs). Bundled by bench/harness/null-provider.mjs with scripts/bundle-provider.mjs, like the real provider;
 * never shipped.
 *
 * Paced (BENCH_NULL_QPS, and BENCH_NULL_LATENCY_MS): each apply first waits its turn at the real provider's rate limiter
 * (src/handler/rate-limiter.ts), then for the answer latency, as its one API call would, and still does nothing else —
 * the floor of any provider of this design that keeps to the API's limit.
 */
import { setTimeout as sleepFor } from "node:timers/promises";
import { PROVIDER_SCHEMAS } from "../../src/provider/face-group/schema";
import { plannedObject } from "../../src/provider/face-group/plan";
import { TokenBucket } from "../../src/handler/rate-limiter";
import { runProvider } from "../../src/provider/protocol/run";
import type { DiagnosticsResponse, ProviderHandlers } from "../../src/provider/protocol/types";

const OK: DiagnosticsResponse = { diagnostics: [] };

/** What stands for an apply's one API call: nothing, or the rate limiter's turn then the answer latency. */
function apiStandIn(env: NodeJS.ProcessEnv): () => Promise<void> {
  const qps = Number(env.BENCH_NULL_QPS);
  if (!(qps > 0)) return async () => undefined;
  const gate = new TokenBucket(qps);
  const latencyMs = Number(env.BENCH_NULL_LATENCY_MS) || 0;
  return async () => {
    await gate.acquire();
    if (latencyMs > 0) await sleepFor(latencyMs);
  };
}

function createNullProvider(env: NodeJS.ProcessEnv): ProviderHandlers {
  let region = env.TENCENTCLOUD_REGION || "ap-guangzhou";
  const apiCall = apiStandIn(env);
  return {
    schema: () => PROVIDER_SCHEMAS,
    validateProviderConfig: () => OK,
    configureProvider: async (req) => {
      if (typeof req.config.region === "string") region = req.config.region;
      return OK;
    },
    validateResourceConfig: () => OK,
    upgradeResourceState: () => ({ diagnostics: [{ severity: "error", summary: "the null provider upgrades no state" }] }),
    readResource: async (req) => ({ ...OK, newState: req.currentState }),
    planResourceChange: async (req) => ({ ...OK, plannedState: req.proposedNewState && plannedObject(req.config ?? req.proposedNewState, region) }),
    applyResourceChange: async (req) => {
      await apiCall();
      return { ...OK, newState: req.plannedState };
    },
    importResourceState: async () => ({ diagnostics: [{ severity: "error", summary: "the null provider imports nothing" }], importedResources: [] }),
    validateDataResourceConfig: () => OK,
    readDataSource: async () => ({ diagnostics: [{ severity: "error", summary: "the null provider reads no data source" }], state: null }),
    stop: async () => undefined,
  };
}

runProvider(createNullProvider);
