/** The TC3-HMAC-SHA256 primitives reproduce the three published vectors (copied from ../shared/vectors/ into test/api/). */
import { canonicalRequest, parseAuthorization, sha256Hex, signature, signingKey, stringToSign, tc3Date } from "../../src/api/tc3";
import { loadVectors, vectorRequest } from "./vectors";

const vectors = loadVectors();

test("the common parts: payload hash and the credential date", () => {
  expect(sha256Hex(vectors.common.payload)).toBe(vectors.common.hashedRequestPayload);
  expect(tc3Date(vectors.common.timestamp)).toBe(vectors.common.date);
});

test.each(vectors.cases.map((c) => [c.name, c] as const))("vector: %s", (_name, c) => {
  const req = vectorRequest(vectors, c);
  expect(sha256Hex(canonicalRequest(req))).toBe(c.hashedCanonicalRequest);
  expect(stringToSign(req).split("\n")[2]).toBe(`${vectors.common.date}/${vectors.common.service}/tc3_request`);
  expect(signingKey(c.secretKey, vectors.common.date, vectors.common.service).toString("hex")).toBe(c.secretSigning);
  expect(signature(req, c.secretKey)).toBe(c.signature);
  // A different key or body must change the signature (the check can fail).
  expect(signature(req, `${c.secretKey}x`)).not.toBe(c.signature);
  expect(signature({ ...req, payload: `${req.payload} ` }, c.secretKey)).not.toBe(c.signature);
});

test("parseAuthorization reads a well-formed header and rejects malformed ones", () => {
  const c = vectors.cases[0];
  const header = `TC3-HMAC-SHA256 Credential=${c.secretId}/${vectors.common.date}/cvm/tc3_request, SignedHeaders=${c.signedHeaders}, Signature=${c.signature}`;
  expect(parseAuthorization(header)).toEqual({ secretId: c.secretId, date: vectors.common.date, service: "cvm", terminator: "tc3_request", signedHeaders: c.signedHeaders, signature: c.signature });
  expect(parseAuthorization(undefined)).toBeUndefined();
  expect(parseAuthorization("Bearer abc")).toBeUndefined();
  expect(parseAuthorization(header.replace(/Signature=\w+/, "Signature=xyz"))).toBeUndefined();
  expect(parseAuthorization(header.replace("/cvm/", "//"))).toBeUndefined();
});
