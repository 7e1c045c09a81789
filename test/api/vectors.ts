/** The published TC3 vectors (a copy of ../shared/vectors/tc3-doc-vectors.json, so a fresh clone has them). */
import * as fs from "node:fs";
import * as path from "node:path";
import { Tc3Request } from "../../src/api/tc3";

/** One published case. */
export interface VectorCase {
  name: string;
  secretId: string;
  secretKey: string;
  action: string;
  signedHeaders: string;
  hashedCanonicalRequest: string;
  secretSigning: string;
  signature: string;
}

/** The vectors file. */
export interface Vectors {
  common: { method: string; uri: string; query: string; host: string; service: string; timestamp: number; date: string; contentType: string; payload: string; hashedRequestPayload: string };
  cases: VectorCase[];
}

/** Reads test/api/tc3-doc-vectors.json. */
export function loadVectors(): Vectors {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "tc3-doc-vectors.json"), "utf8"));
}

/** The header values of a case, by lower-case name. */
export function vectorHeaders(v: Vectors, c: VectorCase): Record<string, string> {
  return { "content-type": v.common.contentType, host: v.common.host, "x-tc-action": c.action };
}

/** The request of one vector case, as src/api/tc3.ts takes it. */
export function vectorRequest(v: Vectors, c: VectorCase): Tc3Request {
  const all = vectorHeaders(v, c);
  const headers = Object.fromEntries(c.signedHeaders.split(";").map((h) => [h, all[h]]));
  return { method: v.common.method, uri: v.common.uri, query: v.common.query, headers, signedHeaders: c.signedHeaders, payload: v.common.payload, timestamp: v.common.timestamp, service: v.common.service };
}
