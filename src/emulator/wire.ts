/**
 * The HTTP front (dynalite's `index.js`, moto's `responses.py`): reads the request, checks the API 3.0 headers,
 * verifies TC3, applies the QPS limit and faults, dispatches to the action, persists, and answers with the
 * envelope. API errors are always HTTP 200 with `{"Response":{"Error":{"Code","Message"},"RequestId"}}` (the SDK
 * reads `Error.Code` only from a 200); each answer carries a fresh UUID RequestId. Nothing a client sends stops
 * the server: every bad request gets an envelope and the next one is served.
 */
import { randomUUID } from "node:crypto";
import { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { MAX_REGION_LENGTH, checkRegion } from "../api/face-group-spec";
import { truncateForMessage } from "../api/rules";
import { parseAuthorization } from "../api/tc3";
import { ACTIONS, ActionDefinition } from "./actions";
import { ADMIN_PREFIX, handleAdmin } from "./admin";
import { Params, isObject } from "./actions/params";
import { verifyTc3 } from "./auth";
import { ApiError } from "./errors";
import { Identity, IdentityStore } from "./identities";
import { handleMetadata, METADATA_PREFIX } from "./metadata";
import { FaultInjector, RateLimiter } from "./policy";
import { AnswerLatency, LaggingListing } from "./lagging-listing";
import { GroupStore } from "./store";
import { STS_ACTIONS, STS_VERSION } from "./sts";
import { InstanceRole, RequestRecord } from "./types";

/** The API version the emulator speaks. */
export const API_VERSION = "2020-03-03";
/** The APIs served, by `X-TC-Version` (one port serves them all; the real services differ by host). */
const SERVICES: ReadonlyMap<string, { readonly name: string; readonly actions: ReadonlyMap<string, ActionDefinition> }> = new Map([
  [API_VERSION, { name: "iai", actions: ACTIONS }],
  [STS_VERSION, { name: "sts", actions: STS_ACTIONS }],
]);
/** Region used when a request has no `X-TC-Region` (the Terraform provider's default too). */
export const DEFAULT_REGION = "ap-guangzhou";
/** Largest accepted body (10 MB); larger → `RequestSizeLimitExceeded`. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Beyond this the rest of an oversized body is not even drained: answer, then close the connection. */
const DRAIN_CAP_BYTES = 8 * MAX_BODY_BYTES;

/** What the front needs from the emulator. */
export interface WireOptions {
  /** Credentials whose signatures are accepted (permanent, and temporary as STS issues them). */
  readonly identities: IdentityStore;
  /** OIDC tokens AssumeRoleWithWebIdentity accepts. */
  readonly webIdentityTokens: readonly string[];
  /** The CVM instance role the metadata paths serve; undefined = not on an instance. */
  readonly instanceRole?: InstanceRole;
  /** The groups. */
  readonly store: GroupStore;
  /** The per-SecretId QPS limit. */
  readonly limiter: RateLimiter;
  /** The fault plan. */
  readonly faults: FaultInjector;
  /** Maximum number of groups per region. */
  readonly maxGroups: number;
  /** The delay of every answer. */
  readonly latency: AnswerLatency;
  /** What GetGroupList shows. */
  readonly listing: LaggingListing;
  /** Clock, epoch ms (signature expiry, timestamps, records). */
  readonly now: () => number;
  /** Receives each record at arrival (it is completed in place). */
  readonly record: (r: RequestRecord) => void;
  /** Per-request log line writer; undefined when quiet. */
  readonly log?: (line: string) => void;
}

interface Body {
  readonly bytes: Buffer;
  readonly tooLarge: boolean;
  readonly mustClose: boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/** A printable, single-token form of a client-supplied string for the log. */
function printable(s: string): string {
  return /^[\x21-\x7e]{1,128}$/.test(s) ? s : JSON.stringify(s.length > 128 ? `${s.slice(0, 128)}…` : s);
}

/** The region for the request's record: absent or empty → the default; an overlong one (refused anyway) cut. */
function recordedRegion(req: IncomingMessage): string {
  const region = headerOf(req, "x-tc-region") || DEFAULT_REGION;
  return region.length > MAX_REGION_LENGTH ? `${region.slice(0, MAX_REGION_LENGTH)}…` : region;
}

/**
 * Refuses an `X-TC-Region` that is not shaped like a region id (the construct's rule, src/api) or is overlong:
 * `Mars`, `ap-guangzhou, ap-beijing` (two headers) or `../../etc` would otherwise each become a partition.
 */
function checkRegionHeader(req: IncomingMessage): void {
  const region = headerOf(req, "x-tc-region");
  if (!region) return; // absent: the default region
  const [violation] = checkRegion(region);
  if (violation) {
    throw new ApiError(
      "UnsupportedRegion",
      `The region '${truncateForMessage(region)}' (X-TC-Region) is not supported: it ${violation.rule}. Omit the header for ${DEFAULT_REGION}.`,
    );
  }
}

function readBody(req: IncomingMessage): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > DRAIN_CAP_BYTES && !done) {
        done = true;
        req.pause();
        resolve({ bytes: Buffer.alloc(0), tooLarge: true, mustClose: true });
      }
    });
    req.on("end", () => {
      if (!done) resolve({ bytes: size > MAX_BODY_BYTES ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES, mustClose: false });
      done = true;
    });
    req.on("error", reject);
    req.on("close", () => done || reject(new Error("client closed the connection before the body ended")));
  });
}

function parseParams(bytes: Buffer): Params {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    throw new ApiError("InvalidParameter", `The request body is not valid JSON (${(e as Error).message}); send a JSON object.`);
  }
  if (!isObject(value)) throw new ApiError("InvalidParameter", "The request body must be a JSON object of the action's parameters.");
  return value;
}

/** The request listener of the emulator's HTTP server. */
export class WireFront {
  private inFlight = 0;
  private idle: Array<() => void> = [];

  /** @param opts what the front serves with */
  constructor(private readonly opts: WireOptions) {}

  /** Pass to `http.createServer`. */
  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    this.inFlight++;
    const url = req.url ?? "";
    const served = url.startsWith(ADMIN_PREFIX) ? this.admin(req, res) : url.startsWith(METADATA_PREFIX) ? this.metadata(req, res) : this.handle(req, res);
    void served.finally(() => {
      if (--this.inFlight === 0) this.idle.splice(0).forEach((f) => f());
    });
  };

  /** Resolves when no request is being processed. */
  whenIdle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((r) => this.idle.push(r));
  }

  /** An admin request (admin.ts): not an API call, so neither signed, limited, faulted nor recorded. */
  private async admin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Body;
    try {
      body = await readBody(req);
    } catch {
      req.socket.destroy();
      return;
    }
    if (body.tooLarge) {
      res.writeHead(413, { "Content-Type": "application/json", Connection: "close" }).end('{"Error":{"Code":"RequestSizeLimitExceeded","Message":"the body exceeds 10 MB"}}');
      return;
    }
    await handleAdmin(req, res, body.bytes, this.opts.store);
    this.opts.log?.(`${new Date().toISOString()} admin ${printable(req.method ?? "-")} ${printable(req.url ?? "-")} HTTP${res.statusCode}`);
  }

  /** A CVM metadata request (metadata.ts): unsigned and unlimited, like the real service; logged. */
  private async metadata(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.resume();
    const identity = handleMetadata(req, res, this.opts.instanceRole, this.opts.identities);
    this.opts.log?.(`${new Date().toISOString()} metadata ${printable(req.method ?? "-")} ${printable(req.url ?? "-")} HTTP${res.statusCode} Identity=${identity ?? "-"}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const record: RequestRecord = {
      at: this.opts.now(),
      action: headerOf(req, "x-tc-action") || "-",
      region: recordedRegion(req),
      code: "pending",
      ms: 0,
      requestId: randomUUID(),
    };
    this.opts.record(record);
    const finish = (code: string) => {
      record.code = code;
      record.ms = Math.round(performance.now() - started);
      this.opts.log?.(
        `${new Date().toISOString()} ${printable(record.action)} GroupId=${record.groupId === undefined ? "-" : printable(record.groupId)} ` +
          `${code} ${record.ms}ms RequestId=${record.requestId} Identity=${record.identity ?? "-"}${record.fault ? ` fault=${record.fault}` : ""}`,
      );
    };

    let body: Body;
    try {
      body = await readBody(req);
    } catch {
      req.socket.destroy();
      return finish("client-closed");
    }
    let response: Record<string, unknown>;
    let code = "OK";
    try {
      const delay = this.opts.latency.next();
      if (delay > 0) await sleep(delay);
      const outcome = await this.process(req, body, record);
      if (outcome === "drop" || outcome === "http502") {
        if (outcome === "drop") req.socket.destroy();
        else res.writeHead(502, { "Content-Type": "text/html", Connection: "close" }).end("<html><body><h1>502 Bad Gateway</h1></body></html>\n");
        return finish(outcome);
      }
      response = outcome;
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError("InternalError", `The emulator failed: ${(e as Error).message}`);
      if (!(e instanceof ApiError)) process.stderr.write(`face-groups emulator: internal error: ${(e as Error).stack ?? e}\n`);
      code = err.code;
      response = { Error: { Code: err.code, Message: err.message } };
    }
    if (record.fault === "drop-after") {
      req.socket.destroy(); // performed, but the client never hears of it
      return finish(code);
    }
    const json = JSON.stringify({ Response: { ...response, RequestId: record.requestId } });
    res.writeHead(200, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(json),
      ...(body.mustClose ? { Connection: "close" } : {}),
    });
    res.end(json);
    if (body.mustClose) res.on("finish", () => req.socket.destroy());
    finish(code);
  }

  /** The pipeline after the body is read; throws ApiError for an error envelope. */
  private async process(
    req: IncomingMessage,
    body: Body,
    record: RequestRecord,
  ): Promise<"drop" | "http502" | Record<string, unknown>> {
    if (body.tooLarge) {
      throw new ApiError("RequestSizeLimitExceeded", `The request body exceeds the ${MAX_BODY_BYTES / 1024 / 1024} MB limit.`);
    }
    const url = req.url ?? "/";
    const [path, query = ""] = url.split("?", 2);
    if (req.method !== "POST" || path !== "/") {
      throw new ApiError("UnsupportedProtocol", `Only POST / is served (got ${req.method} ${printable(url)}); API 3.0 requests are POSTed to the root path.`);
    }
    // Best effort, for the record and log only: the body is validated after authentication.
    let params: Params | undefined;
    try {
      params = parseParams(body.bytes);
      if (typeof params.GroupId === "string") record.groupId = params.GroupId;
    } catch {
      params = undefined;
    }
    const action = headerOf(req, "x-tc-action");
    if (!action) throw new ApiError("MissingParameter", "The X-TC-Action header is missing (e.g. X-TC-Action: CreateGroup).");
    const version = headerOf(req, "x-tc-version");
    if (!version) throw new ApiError("MissingParameter", `The X-TC-Version header is missing (use ${API_VERSION}).`);
    const service = SERVICES.get(version);
    if (!service) throw new ApiError("NoSuchVersion", `API version ${printable(version)} does not exist here; use ${API_VERSION} (iai) or ${STS_VERSION} (sts).`);
    const definition = service.actions.get(action);
    if (!definition) {
      throw new ApiError("InvalidAction", `The action ${printable(action)} does not exist; this emulator serves ${[...service.actions.keys()].join(", ")} for ${service.name}.`);
    }
    checkRegionHeader(req);

    let caller: { secretId: string; identity?: Identity } = { secretId: "unsigned" };
    if (!definition.unsigned) {
      record.secretId = parseAuthorization(headerOf(req, "authorization"))?.secretId;
      caller = verifyTc3({ method: req.method, path, query, headers: req.headers, body: body.bytes }, (id) => this.opts.identities.find(id), this.opts.now(), service.name);
      record.identity = caller.identity?.arn;
    }
    if (!this.opts.limiter.take(caller.secretId)) {
      throw new ApiError("RequestLimitExceeded", `More than ${this.opts.limiter.limit} requests per second for SecretId ${caller.secretId}; slow down and retry.`);
    }
    const fault = this.opts.faults.next();
    if (fault) record.fault = fault.kind === "error" ? fault.code : fault.kind;
    if (fault?.kind === "drop" || fault?.kind === "http502") return fault.kind;
    if (fault?.kind === "error") throw new ApiError(fault.code, `Injected fault ${fault.code} (emulator fault plan).`);
    if (fault?.kind === "latency") await sleep(fault.ms);

    const input = params ?? parseParams(body.bytes); // throws the JSON error now that the caller is known
    const response = definition.handle(input, {
      region: record.region,
      store: this.opts.store,
      listing: this.opts.listing,
      maxGroups: this.opts.maxGroups,
      now: this.opts.now,
      caller: caller.identity,
      identities: this.opts.identities,
      webIdentityTokens: this.opts.webIdentityTokens,
    });
    if (definition.mutates) {
      try {
        await this.opts.store.commit();
      } catch (e) {
        throw new ApiError("InternalError", `The change could not be written to the state file: ${(e as Error).message}`);
      }
    }
    return response;
  }
}
