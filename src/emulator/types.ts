/**
 * The emulator's in-process contract: options, records and the handle `startEmulator` returns.
 * Other parts of the project (tests, `npm start`, the provider's tests) code against exactly these shapes.
 */

/** A SecretId/SecretKey pair the emulator accepts, optionally bound to a session token. */
export interface EmulatorCredential {
  /** The SecretId (`AKID…`) clients sign with. */
  secretId: string;
  /** The SecretKey used to verify TC3 signatures. */
  secretKey: string;
  /** When set, every request of this SecretId must carry exactly this `X-TC-Token`. */
  token?: string;
  /** The account (uin) the key belongs to: what GetCallerIdentity answers. @default "100000000001" */
  accountId?: string;
}

/** The CAM role of the emulated CVM instance, served at `/latest/meta-data/cam/security-credentials/<roleName>`. */
export interface InstanceRole {
  /** The role's name (what `cam_role_name` names). */
  roleName: string;
  /** The account the role belongs to. @default "100000000001" */
  accountId?: string;
  /** Lifetime of the credentials the metadata service hands out, seconds. @default 7200 */
  durationSeconds?: number;
}

/**
 * Injected faults, applied after authentication (and after the QPS limit).
 *
 * A kind is an API error code (e.g. `FailedOperation.ServerError`, `RequestLimitExceeded`, `InternalError`,
 * `ResourceUnavailable.InArrears`), or `http502` (HTTP 502, short body), `drop` (socket destroyed before the action),
 * `drop-after` (action performed, then the socket is destroyed: the lost-response case), `latency` (wait
 * `latencyMs`, then answer normally).
 */
export interface FaultPlan {
  /** Probability 0..1 that a request gets a fault. */
  rate: number;
  /** The kinds to choose from, uniformly. */
  kinds: string[];
  /** PRNG seed: the same seed and request sequence give the same faults. @default random */
  seed?: number;
  /** Delay of the `latency` kind, in ms. @default 2000 */
  latencyMs?: number;
}

/**
 * How long a client may take, in ms; a connection that exceeds one is answered 408 (when possible) and closed, so a
 * stalled or slow-loris client cannot hold a connection, and its memory, indefinitely.
 */
export interface EmulatorTimeouts {
  /** From a request's first byte until its headers are complete. @default 10000 */
  headersMs?: number;
  /**
   * From a request's first byte until its body is complete (the answer may take longer: `latencyMs` and the `latency`
   * fault start after it). At least `headersMs`. @default 30000
   */
  requestMs?: number;
  /**
   * An idle keep-alive connection is closed this long after its last answer (Node adds a 1 s grace; clients are told
   * the bare value in the `Keep-Alive` header, so they stop reusing the socket first). @default 5000
   */
  keepAliveMs?: number;
}

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Interface to listen on. @default "127.0.0.1" */
  host?: string;
  /** Port to listen on; 0 picks a free port. @default 0 */
  port?: number;
  /**
   * Known credentials.
   * @default from env TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (+ TENCENTCLOUD_SESSION_TOKEN); none → error
   */
  credentials?: EmulatorCredential[];
  /** Persist every change to this JSON file (atomically) and reload it on start. @default in memory only */
  statePath?: string;
  /** Requests per second per SecretId (token bucket, burst = qps); 0 = unlimited. @default 50 */
  qps?: number;
  /** Maximum number of groups per region (the documented account limit is 100,000). @default 100000 */
  maxGroups?: number;
  /** Injected faults. @default none */
  faults?: FaultPlan;
  /** Delay of every answer, in ms (the round trip to the real endpoint). @default 0 */
  latencyMs?: number;
  /** Uniform jitter around `latencyMs` (each delay drawn from [latencyMs − j, latencyMs + j], at least 0). @default 0 */
  latencyJitterMs?: number;
  /**
   * GetGroupList shows a create, rename or delete only this long after it was acknowledged (a listing index that
   * trails the writes); GetGroupInfo always answers from the store, the authority. @default 0
   */
  listingLagMs?: number;
  /** No per-request log lines. @default false */
  quiet?: boolean;
  /** Where log lines go (one call per line, no newline). @default a process.stdout line writer */
  log?: (line: string) => void;
  /** Clock in epoch ms, used for signature expiry and timestamps. @default Date.now */
  now?: () => number;
  /**
   * Keep at most this many entries in {@link Emulator.requests} (oldest dropped first); an extension of the
   * contract for long-running servers. @default unlimited
   */
  recordLimit?: number;
  /** HTTP timeouts for slow or stalled clients. @default see {@link EmulatorTimeouts} */
  timeouts?: EmulatorTimeouts;
  /** OIDC tokens STS `AssumeRoleWithWebIdentity` accepts. @default none */
  webIdentityTokens?: string[];
  /** Serve the CVM metadata paths of this instance role (as on a CVM). @default not on an instance: 404 */
  instanceRole?: InstanceRole;
}

/** What the emulator saw of one request and how it answered. */
export interface RequestRecord {
  /** Arrival time, epoch ms (from the emulator's clock). */
  at: number;
  /** `X-TC-Action`, or `-` when absent. */
  action: string;
  /** `GroupId` of the request body, when it had a string one. */
  groupId?: string;
  /** Region the request addressed (`X-TC-Region`, default `ap-guangzhou`; cut after 64 characters). */
  region: string;
  /** `OK`, the API error code answered, or `http502` / `drop`; `pending` while in flight. */
  code: string;
  /** Time spent, in ms. */
  ms: number;
  /** The RequestId answered (also set when the answer was lost on purpose). */
  requestId: string;
  /** The SecretId named in the Authorization header, when one was parsed. */
  secretId?: string;
  /** The ARN of the identity whose signature was verified (the role session for temporary credentials). */
  identity?: string;
  /** The fault injected into this request, if any (for `drop-after`, `code` is the action's own outcome). */
  fault?: string;
}

/** A face group as the emulator stores it (region included: the same GroupId in two regions is two groups). */
export interface StoredGroup {
  /** The region the group lives in (`X-TC-Region` of its CreateGroup). */
  Region: string;
  /** Immutable id, unique per region. */
  GroupId: string;
  /** Name, unique per region. */
  GroupName: string;
  /** The custom description field names (at most 5). */
  GroupExDescriptions: string[];
  /** Free-text note ("" when none). */
  Tag: string;
  /** "2.0" or "3.0". */
  FaceModelVersion: string;
  /** Epoch ms. */
  CreationTimestamp: number;
  /** Epoch ms. */
  UpdateTimestamp: number;
}

/** How many persons and faces a group holds (what GetPersonListNum answers as PersonNum / FaceNum). */
export interface PersonCounts {
  /** Persons in the group. */
  persons: number;
  /** Faces of those persons: from `persons` to 5 × `persons` (each person has 1 to 5 faces). */
  faces: number;
}

/** A running emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** Every request, in arrival order. */
  readonly requests: RequestRecord[];
  /** Copies of the stored groups, of one region or of all, in creation order. */
  groups(region?: string): StoredGroup[];
  /** Replaces the fault plan (undefined: no faults). Re-seeds the PRNG. */
  setFaults(plan?: FaultPlan): void;
  /** Changes the per-SecretId QPS limit (0 = unlimited); buckets start full. */
  setQps(qps: number): void;
  /** Changes the delay of every answer from now on (`jitterMs` default 0). @throws Error for a negative value */
  setLatency(ms: number, jitterMs?: number): void;
  /**
   * Changes the listing lag: from 0, the listing index starts as the store is now; to 0, GetGroupList shows the store.
   * @throws Error for a negative value
   */
  setListingLagMs(ms: number): void;
  /**
   * Gives an existing group `counts` persons and faces (what GetPersonListNum then reports; DeleteGroup removes them),
   * like the HTTP admin call `POST /__admin/groups/<GroupId>/persons`. Resolves once persisted.
   * @param region @default "ap-guangzhou"
   * @throws Error when the group does not exist or the counts are impossible
   */
  seedPersons(groupId: string, counts: PersonCounts, region?: string): Promise<void>;
  /** Copies of the temporary credentials issued so far (tests: proof that none of their secrets leaked anywhere). */
  temporaryCredentials(): EmulatorCredential[];
  /** Makes every temporary credential issued so far (STS, metadata) expired now; returns how many there are. */
  expireTemporaryCredentials(): number;
  /** Stops listening, lets in-flight requests finish, flushes the state file. */
  stop(): Promise<void>;
}
