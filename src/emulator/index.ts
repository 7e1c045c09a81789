/**
 * The IAI (Face Recognition) emulator: a local server that answers the group APIs like
 * `iai.tencentcloudapi.com`, so the official SDK works against it unchanged. Start it in-process with
 * {@link startEmulator}, or from the command line with `face-groups emulator`.
 */
import { createServer } from "node:http";
import { AddressInfo } from "node:net";
import { LIMITS } from "../api/rules";
import { seedPersons } from "./admin";
import { AnswerLatency, LaggingListing, latencyProblem } from "./lagging-listing";
import { DEFAULT_QPS, FaultInjector, RateLimiter } from "./policy";
import { IdentityStore } from "./identities";
import { GroupStore } from "./store";
import { Emulator, EmulatorCredential, EmulatorOptions, EmulatorTimeouts, RequestRecord } from "./types";
import { WireFront } from "./wire";

export * from "./types";
export { StateFileError } from "./store";
export { validateFaultPlan } from "./policy";
export { AdminError } from "./admin";

/** An unusable emulator option (missing credentials, bad number, bad fault plan): the message says how to fix it. */
export class EmulatorConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmulatorConfigError";
  }
}

/**
 * The credentials to accept: `explicit`, else TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (+
 * TENCENTCLOUD_SESSION_TOKEN, alias TENCENTCLOUD_SECURITY_TOKEN) from `env`.
 * @throws EmulatorConfigError when there are none or one is incomplete
 */
export function resolveCredentials(explicit?: EmulatorCredential[], env: NodeJS.ProcessEnv = process.env): EmulatorCredential[] {
  if (explicit !== undefined) {
    if (!Array.isArray(explicit) || explicit.length === 0) {
      throw new EmulatorConfigError("credentials is an empty list: give at least one { secretId, secretKey }.");
    }
    explicit.forEach((c, i) => {
      if (!c || typeof c.secretId !== "string" || !c.secretId || typeof c.secretKey !== "string" || !c.secretKey) {
        throw new EmulatorConfigError(`credentials[${i}] needs a non-empty secretId and secretKey.`);
      }
      if (c.token !== undefined && typeof c.token !== "string") throw new EmulatorConfigError(`credentials[${i}].token must be a string.`);
      if (c.accountId !== undefined && !/^\d{5,20}$/.test(String(c.accountId))) throw new EmulatorConfigError(`credentials[${i}].accountId must be an account uin (5-20 digits).`);
    });
    return explicit.map((c) => ({ ...c }));
  }
  const secretId = env.TENCENTCLOUD_SECRET_ID;
  const secretKey = env.TENCENTCLOUD_SECRET_KEY;
  if (!secretId || !secretKey) {
    throw new EmulatorConfigError(
      `No credentials: the emulator verifies the TC3 signature of every request, so it must know at least one ` +
        `SecretId/SecretKey, and ${!secretId && !secretKey ? "neither TENCENTCLOUD_SECRET_ID nor TENCENTCLOUD_SECRET_KEY is" : `${secretId ? "TENCENTCLOUD_SECRET_KEY" : "TENCENTCLOUD_SECRET_ID"} is not`} set. ` +
        `Fix: export TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (any values; clients must sign with the same), ` +
        `or pass --secret-id and --secret-key (in-process: the credentials option).`,
    );
  }
  const token = env.TENCENTCLOUD_SESSION_TOKEN || env.TENCENTCLOUD_SECURITY_TOKEN || undefined;
  return [{ secretId, secretKey, ...(token ? { token } : {}) }];
}

/**
 * Default HTTP timeouts. Node's own (60 s for headers, 300 s per request) let a stalled client hold a connection for
 * minutes; a real client sends a group API request (at most a few KB, 10 MB at the limit) in well under a second
 * locally, so 10 s for the headers and 30 s for the whole request leave ample room and free stalled sockets quickly.
 * Keep-alive 5 s: long enough for the provider's or an SDK client's consecutive calls to reuse the connection.
 */
export const DEFAULT_TIMEOUTS: Readonly<Required<EmulatorTimeouts>> = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 };

function checkNumber(name: string, value: number | undefined, ok: (v: number) => boolean, rule: string): void {
  if (value !== undefined && !(typeof value === "number" && ok(value))) {
    throw new EmulatorConfigError(`${name} must be ${rule} (got ${JSON.stringify(value)}).`);
  }
}

/**
 * Starts an emulator and resolves once it listens.
 * @throws EmulatorConfigError for unusable options, StateFileError for an unusable state file
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const credentials = resolveCredentials(options.credentials);
  checkNumber("port", options.port, (v) => Number.isInteger(v) && v >= 0 && v <= 65535, "an integer from 0 to 65535 (0 = any free port)");
  checkNumber("qps", options.qps, (v) => Number.isFinite(v) && v >= 0, "a number ≥ 0 (0 = unlimited)");
  checkNumber("maxGroups", options.maxGroups, (v) => Number.isInteger(v) && v >= 0, "an integer ≥ 0");
  checkNumber("latencyMs", options.latencyMs, (v) => Number.isFinite(v) && v >= 0, "a number of ms ≥ 0");
  checkNumber("latencyJitterMs", options.latencyJitterMs, (v) => Number.isFinite(v) && v >= 0, "a number of ms ≥ 0");
  checkNumber("listingLagMs", options.listingLagMs, (v) => Number.isFinite(v) && v >= 0, "a number of ms ≥ 0");
  checkNumber("recordLimit", options.recordLimit, (v) => Number.isInteger(v) && v > 0, "an integer > 0");
  const timeouts = { ...DEFAULT_TIMEOUTS };
  for (const key of Object.keys(DEFAULT_TIMEOUTS) as (keyof EmulatorTimeouts)[]) {
    const value = options.timeouts?.[key];
    checkNumber(`timeouts.${key}`, value, (v) => Number.isInteger(v) && v > 0, "an integer number of ms > 0");
    if (value !== undefined) timeouts[key] = value;
  }
  checkNumber("timeouts.requestMs", timeouts.requestMs, (v) => v >= timeouts.headersMs, `at least timeouts.headersMs (${timeouts.headersMs})`);
  let faults: FaultInjector;
  try {
    faults = new FaultInjector(options.faults);
  } catch (e) {
    throw new EmulatorConfigError((e as Error).message);
  }
  const limiter = new RateLimiter(options.qps ?? DEFAULT_QPS);
  const store = await GroupStore.open(options.statePath);
  const latency = new AnswerLatency({ ms: options.latencyMs ?? 0, jitterMs: options.latencyJitterMs ?? 0 });
  const listing = new LaggingListing(store, options.listingLagMs ?? 0);
  const now = options.now ?? Date.now;
  const log = options.quiet ? undefined : (options.log ?? ((line: string) => void process.stdout.write(`${line}\n`)));
  const requests: RequestRecord[] = [];
  const recordLimit = options.recordLimit ?? Infinity;

  const identities = new IdentityStore(credentials, now);
  const front = new WireFront({
    identities,
    webIdentityTokens: [...(options.webIdentityTokens ?? [])],
    instanceRole: options.instanceRole,
    store,
    limiter,
    faults,
    maxGroups: options.maxGroups ?? LIMITS.maxGroupsPerAccount,
    latency,
    listing,
    now,
    log,
    record: (r) => {
      requests.push(r);
      // Trim in batches so a capped log costs O(1) per request.
      if (requests.length > recordLimit * 1.25) requests.splice(0, requests.length - recordLimit);
    },
  });
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // Node enforces both timeouts only when it sweeps its connections, every 30 s by default: sweep every quarter
      // of the headers timeout (at most every second), so a stalled client is cut at most that late.
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(timeouts.headersMs / 4))),
    },
    front.listener,
  );
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: options.port ?? 0, host }, () => {
      server.off("error", reject);
      resolve();
    });
  }).catch(async (e) => {
    await store.close();
    throw e;
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host;

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    requests,
    groups: (region) => store.snapshot(region),
    setFaults: (plan) => faults.set(plan),
    setQps: (qps) => limiter.setQps(qps),
    expireTemporaryCredentials: () => identities.expireTemporary(),
    setLatency: (ms, jitterMs = 0) => {
      const problem = latencyProblem({ ms, jitterMs });
      if (problem) throw new EmulatorConfigError(problem);
      latency.set({ ms, jitterMs });
    },
    setListingLagMs: (ms) => {
      checkNumber("listingLagMs", ms, (v) => Number.isFinite(v) && v >= 0, "a number of ms ≥ 0");
      listing.setLagMs(ms);
    },
    temporaryCredentials: () => identities.issued(),
    seedPersons: async (groupId, counts, region) => void (await seedPersons(store, groupId, counts, region)),
    stop: () =>
      (stopping ??= (async () => {
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([front.whenIdle(), new Promise<void>((r) => (timer = setTimeout(r, 5_000)))]);
        clearTimeout(timer);
        server.closeAllConnections();
        await closed;
        await store.close();
      })()),
  };
}
