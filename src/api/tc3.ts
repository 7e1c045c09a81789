/**
 * TC3-HMAC-SHA256 (Tencent Cloud API 3.0 signature v3), the pure computation.
 *
 * Clients sign with the official SDK; this module exists for the side the SDK does not cover: the emulator's
 * verifier (and the tests that check it against the published vectors).
 */
import { createHash, createHmac } from "node:crypto";

/** The algorithm name in the Authorization header and the string to sign. */
export const TC3_ALGORITHM = "TC3-HMAC-SHA256";

/** Everything the signature covers. */
export interface Tc3Request {
  /** HTTP method, e.g. `POST`. */
  readonly method: string;
  /** Canonical URI, `/` for API 3.0. */
  readonly uri: string;
  /** Canonical query string, empty for POST. */
  readonly query: string;
  /** Lower-case header name → value, for the signed headers only (`host` without the port). */
  readonly headers: Readonly<Record<string, string>>;
  /** The signed header names, lower-case, `;`-joined in the order given by the client. */
  readonly signedHeaders: string;
  /** The raw body, byte for byte. */
  readonly payload: string | Buffer;
  /** Unix seconds (X-TC-Timestamp). */
  readonly timestamp: number;
  /** Signing service, e.g. `iai`. */
  readonly service: string;
}

/** Lower-case hex SHA-256. */
export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** The UTC date (YYYY-MM-DD) of a unix timestamp, as used in the credential scope. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/** The canonical request string. */
export function canonicalRequest(req: Tc3Request): string {
  const names = req.signedHeaders.split(";");
  const canonicalHeaders = names.map((n) => `${n}:${(req.headers[n] ?? "").trim().toLowerCase()}\n`).join("");
  return [req.method.toUpperCase(), req.uri, req.query, canonicalHeaders, req.signedHeaders, sha256Hex(req.payload)].join("\n");
}

/** The string to sign. */
export function stringToSign(req: Tc3Request): string {
  const scope = `${tc3Date(req.timestamp)}/${req.service}/tc3_request`;
  return [TC3_ALGORITHM, String(req.timestamp), scope, sha256Hex(canonicalRequest(req))].join("\n");
}

/** The derived signing key. */
export function signingKey(secretKey: string, date: string, service: string): Buffer {
  return hmac(hmac(hmac(`TC3${secretKey}`, date), service), "tc3_request");
}

/** The hex signature of a request. */
export function signature(req: Tc3Request, secretKey: string): string {
  const key = signingKey(secretKey, tc3Date(req.timestamp), req.service);
  return createHmac("sha256", key).update(stringToSign(req), "utf8").digest("hex");
}

/** The parts of an `Authorization: TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header. */
export interface Tc3Authorization {
  readonly secretId: string;
  readonly date: string;
  readonly service: string;
  readonly terminator: string;
  readonly signedHeaders: string;
  readonly signature: string;
}

/** Parses an Authorization header; returns undefined when it is not a well-formed TC3 header. */
export function parseAuthorization(header: string | undefined): Tc3Authorization | undefined {
  if (!header) return undefined;
  const m = /^TC3-HMAC-SHA256\s+Credential=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]{64})\s*$/.exec(header);
  if (!m) return undefined;
  const scope = m[1].split("/");
  if (scope.length !== 4 || scope.some((p) => p === "")) return undefined;
  const [secretId, date, service, terminator] = scope;
  return { secretId, date, service, terminator, signedHeaders: m[2].toLowerCase(), signature: m[3].toLowerCase() };
}
