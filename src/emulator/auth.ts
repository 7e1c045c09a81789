/**
 * TC3-HMAC-SHA256 verification, as the real service does it, built on the primitives of src/api/tc3.ts.
 *
 * Service label: the credential scope's service must be the API's (`iai`, or `sts` for STS), or the first label of the Host header — what
 * tencentcloud-sdk-nodejs derives from its endpoint (`endpoint.split(".")[0]`). Pointed at `127.0.0.1:PORT` the
 * SDK signs with service `127`; pointed at `localhost:PORT` (no dot) it signs with `localhost:PORT`, so the
 * undotted Host as a whole is accepted too. For the real host `iai.tencentcloudapi.com` all of these coincide
 * with `iai`. Any other service → `AuthFailure.SignatureFailure`. The signature itself is always recomputed and
 * compared; verification cannot be turned off.
 */
import { timingSafeEqual } from "node:crypto";
import { parseAuthorization, signature, tc3Date } from "../api/tc3";
import { ApiError } from "./errors";
import type { Identity, KnownCredential } from "./identities";
import { EmulatorCredential } from "./types";

/** Requests may be signed at most this far (seconds) from the server clock, either way. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** The parts of an HTTP request the signature covers. */
export interface SignedRequest {
  /** HTTP method. */
  readonly method: string;
  /** Path without query, `/`. */
  readonly path: string;
  /** Raw query string without `?` (empty for POST). */
  readonly query: string;
  /** Headers with lower-case names, as Node's IncomingMessage gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The raw body bytes. */
  readonly body: Buffer;
}

/** A verified caller. */
export interface VerifiedCaller {
  /** The SecretId whose key verified the signature. */
  readonly secretId: string;
  /** Who that SecretId belongs to (when the credentials came from the identity store). */
  readonly identity?: Identity;
}

/** Where the verifier finds the key of a SecretId: a list, or a lookup (the identity store). */
export type CredentialSource = readonly EmulatorCredential[] | ((secretId: string) => (EmulatorCredential & Partial<KnownCredential>) | undefined);

function header(req: SignedRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/** The Host header without its port (`[::1]:80` → `[::1]`), lower-cased: the canonical `host`. */
export function canonicalHost(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  const colon = h.lastIndexOf(":");
  return colon >= 0 ? h.slice(0, colon) : h;
}

/** The signing services accepted for a Host header (see the module comment). */
export function acceptedServices(host: string, service = "iai"): Set<string> {
  const raw = host.trim().toLowerCase();
  return new Set([service, canonicalHost(raw).split(".")[0], raw.split(".")[0]]);
}

/**
 * Verifies the TC3 signature of a request.
 * @param credentials the known credentials
 * @param nowMs the server clock, epoch ms
 * @param service the API's signing service name
 * @returns the caller; throws {@link ApiError} (`AuthFailure.*`, `MissingParameter`, `InvalidParameter`) otherwise
 */
export function verifyTc3(req: SignedRequest, credentials: CredentialSource, nowMs: number, service = "iai"): VerifiedCaller {
  const authorization = header(req, "authorization");
  if (!authorization) {
    throw new ApiError("AuthFailure.InvalidAuthorization", "The Authorization header is missing: sign the request with TC3-HMAC-SHA256.");
  }
  const auth = parseAuthorization(authorization);
  if (!auth || auth.terminator !== "tc3_request") {
    throw new ApiError(
      "AuthFailure.InvalidAuthorization",
      "The Authorization header is malformed; expected `TC3-HMAC-SHA256 Credential=<SecretId>/<YYYY-MM-DD>/<service>/tc3_request, SignedHeaders=content-type;host, Signature=<64 hex digits>`.",
    );
  }
  const signed = auth.signedHeaders.split(";");
  if (!signed.includes("content-type") || !signed.includes("host")) {
    throw new ApiError("AuthFailure.InvalidAuthorization", `SignedHeaders must include content-type and host (got ${auth.signedHeaders}).`);
  }
  const stamp = header(req, "x-tc-timestamp");
  if (stamp === undefined || stamp === "") throw new ApiError("MissingParameter", "The X-TC-Timestamp header (unix seconds) is missing.");
  if (!/^\d{1,12}$/.test(stamp)) throw new ApiError("InvalidParameter", `X-TC-Timestamp must be unix seconds (got ${JSON.stringify(stamp)}).`);
  const timestamp = Number(stamp);
  const skew = Math.round(nowMs / 1000 - timestamp);
  if (Math.abs(skew) > MAX_CLOCK_SKEW_SECONDS) {
    throw new ApiError(
      "AuthFailure.SignatureExpire",
      `X-TC-Timestamp ${timestamp} is ${Math.abs(skew)} s ${skew > 0 ? "behind" : "ahead of"} the server clock; a signature is valid for ${MAX_CLOCK_SKEW_SECONDS} s (check the client's clock).`,
    );
  }
  const credential: (EmulatorCredential & Partial<KnownCredential>) | undefined = typeof credentials === "function" ? credentials(auth.secretId) : credentials.find((c) => c.secretId === auth.secretId);
  if (!credential) throw new ApiError("AuthFailure.SecretIdNotFound", `The SecretId ${auth.secretId} is not known to this emulator.`);
  if (auth.date !== tc3Date(timestamp)) {
    throw new ApiError(
      "AuthFailure.SignatureFailure",
      `The credential scope date ${auth.date} is not the UTC date of X-TC-Timestamp (${tc3Date(timestamp)}).`,
    );
  }
  const host = header(req, "host") ?? "";
  if (!acceptedServices(host, service).has(auth.service)) {
    throw new ApiError(
      "AuthFailure.SignatureFailure",
      `The credential scope service ${JSON.stringify(auth.service)} is not accepted here: sign with "${service}" (or the first label of the Host, as the official SDKs do).`,
    );
  }
  const headers: Record<string, string> = {};
  for (const name of signed) headers[name] = name === "host" ? canonicalHost(host) : (header(req, name) ?? "");
  const expected = signature(
    { method: req.method, uri: req.path, query: req.query, headers, signedHeaders: auth.signedHeaders, payload: req.body, timestamp, service: auth.service },
    credential.secretKey,
  );
  if (!timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(auth.signature, "hex"))) {
    throw new ApiError(
      "AuthFailure.SignatureFailure",
      `The signature does not match (signed headers ${auth.signedHeaders}, canonical host ${JSON.stringify(headers.host)}): check the SecretKey and that the body and signed headers were not changed after signing.`,
    );
  }
  const token = header(req, "x-tc-token");
  if (credential.token !== undefined ? token !== credential.token : token !== undefined && token !== "") {
    throw new ApiError(
      "AuthFailure.TokenFailure",
      credential.token !== undefined
        ? `The X-TC-Token is ${token === undefined ? "missing" : "wrong"}: this SecretId is a temporary credential and needs its session token.`
        : "An X-TC-Token was sent, but this SecretId is a permanent credential with no session token.",
    );
  }
  if (credential.expiresAt !== undefined && nowMs >= credential.expiresAt) {
    throw new ApiError("AuthFailure.TokenFailure", `The temporary credentials of ${credential.secretId} expired at ${new Date(credential.expiresAt).toISOString()}: get new ones (AssumeRole again).`);
  }
  return { secretId: credential.secretId, identity: credential.identity };
}
