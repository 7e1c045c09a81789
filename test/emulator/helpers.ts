/** Test helpers: an in-process emulator, the official SDK client pointed at it, and a raw signed HTTP client. */
import * as http from "node:http";
import { signature, tc3Date } from "../../src/api/tc3";
import { Emulator, EmulatorOptions, startEmulator } from "../../src/emulator";

import { officialClient } from "../support/official-client";

export const SECRET_ID = "AKIDemulatorTestId0001";
export const SECRET_KEY = "emulatorTestKey0001";

/** One keep-alive agent for every SDK client: the SDK then never consults http_proxy. */
export const agent = new http.Agent({ keepAlive: true });

/** Starts a quiet emulator with the test credentials. */
export function start(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY }], quiet: true, qps: 0, ...options });
}

/** The SDK's error (TencentCloudSDKHttpException) as plain fields. */
export interface SdkError {
  code?: string;
  message: string;
  requestId?: string;
  httpCode?: number;
}

/** The official IAI client aimed at the emulator (service label `127`, see src/emulator/auth.ts). */
export function client(emu: Emulator, opts: { region?: string; secretId?: string; secretKey?: string; token?: string } = {}) {
  return officialClient(`http://127.0.0.1:${emu.port}`, { secretId: opts.secretId ?? SECRET_ID, secretKey: opts.secretKey ?? SECRET_KEY, token: opts.token }, opts.region, agent);
}

/** Awaits a promise that must reject, and returns the SDK error. */
export async function failure(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error("expected the call to fail, it succeeded");
}

/** A raw HTTP answer. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json?: { Response: Record<string, unknown> & { Error?: { Code: string; Message: string }; RequestId: string } };
}

/** Options of {@link raw}: what to send and how to sign (or break) it. */
export interface RawOptions {
  action?: string;
  version?: string;
  region?: string;
  body?: string | Buffer;
  secretId?: string;
  secretKey?: string;
  service?: string;
  timestamp?: number;
  token?: string;
  /** Headers to set after signing (tampering) or instead of the defaults; `undefined` deletes. */
  headers?: Record<string, string | undefined>;
  /** Replace the Authorization header entirely. */
  authorization?: string;
  /** Body actually sent, when different from the signed one. */
  sendBody?: string | Buffer;
  method?: string;
  path?: string;
}

/** Sends one request signed with src/api/tc3.ts (signed headers content-type;host). */
export function raw(emu: Emulator, o: RawOptions = {}): Promise<RawResponse> {
  const body = o.body ?? "{}";
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  const service = o.service ?? "iai";
  const contentType = "application/json";
  const auth =
    o.authorization ??
    `TC3-HMAC-SHA256 Credential=${o.secretId ?? SECRET_ID}/${tc3Date(timestamp)}/${service}/tc3_request, SignedHeaders=content-type;host, Signature=${signature(
      {
        method: o.method ?? "POST",
        uri: o.path ?? "/",
        query: "",
        headers: { "content-type": contentType, host: "127.0.0.1" },
        signedHeaders: "content-type;host",
        payload: body,
        timestamp,
        service,
      },
      o.secretKey ?? SECRET_KEY,
    )}`;
  const headers: Record<string, string | undefined> = {
    "Content-Type": contentType,
    Host: `127.0.0.1:${emu.port}`,
    "X-TC-Action": o.action ?? "GetGroupList",
    "X-TC-Version": o.version ?? "2020-03-03",
    "X-TC-Timestamp": String(timestamp),
    "X-TC-Region": o.region ?? "ap-guangzhou",
    Authorization: auth,
    ...(o.token !== undefined ? { "X-TC-Token": o.token } : {}),
    ...o.headers,
  };
  const payload = o.sendBody ?? body;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: emu.port,
        method: o.method ?? "POST",
        path: o.path ?? "/",
        agent,
        headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** The error code of a raw answer (undefined on success). */
export function codeOf(r: RawResponse): string | undefined {
  return r.json?.Response.Error?.Code;
}

/** A valid CreateGroup body. */
export function group(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { GroupId: id, GroupName: `name of ${id}`, ...extra };
}
