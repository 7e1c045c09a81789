/**
 * TC3 verification: the verifier accepts the three published vectors (injectable clock) and rejects every
 * tampering; over real HTTP, the official SDK is verified (service label `127`, `localhost:PORT` or `iai`) and bad
 * requests get the documented AuthFailure codes.
 */
import * as http from "node:http";
import { ApiError } from "../../src/emulator/errors";
import { acceptedServices, canonicalHost, SignedRequest, verifyTc3 } from "../../src/emulator/auth";
import { Emulator, EmulatorCredential } from "../../src/emulator";
import { loadVectors, vectorHeaders, VectorCase } from "../api/vectors";
import { OfficialIaiClient } from "../support/official-client";
import { client, codeOf, failure, raw, SECRET_ID, SECRET_KEY, start } from "./helpers";

const vectors = loadVectors();
const ts = vectors.common.timestamp;

function vectorRequest(c: VectorCase, change: { headers?: Record<string, string>; body?: string; auth?: string } = {}): SignedRequest {
  const authorization =
    change.auth ?? `TC3-HMAC-SHA256 Credential=${c.secretId}/${vectors.common.date}/${vectors.common.service}/tc3_request, SignedHeaders=${c.signedHeaders}, Signature=${c.signature}`;
  return {
    method: "POST",
    path: "/",
    query: "",
    headers: { ...vectorHeaders(vectors, c), "x-tc-timestamp": String(ts), authorization, ...change.headers },
    body: Buffer.from(change.body ?? vectors.common.payload),
  };
}

function verifyCode(req: SignedRequest, creds: EmulatorCredential[], nowMs = ts * 1000): string {
  try {
    return verifyTc3(req, creds, nowMs).secretId;
  } catch (e) {
    if (e instanceof ApiError) return e.code;
    throw e;
  }
}

describe("verifyTc3 with the published vectors", () => {
  test.each(vectors.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const creds = [{ secretId: c.secretId, secretKey: c.secretKey }];
    expect(verifyCode(vectorRequest(c), creds)).toBe(c.secretId);
    // ±300 s is accepted, one second more is expired.
    expect(verifyCode(vectorRequest(c), creds, (ts + 300) * 1000)).toBe(c.secretId);
    expect(verifyCode(vectorRequest(c), creds, (ts - 300) * 1000)).toBe(c.secretId);
    expect(verifyCode(vectorRequest(c), creds, (ts + 301) * 1000)).toBe("AuthFailure.SignatureExpire");
    expect(verifyCode(vectorRequest(c), creds, (ts - 301) * 1000)).toBe("AuthFailure.SignatureExpire");
    // The canonical host has no port.
    expect(verifyCode(vectorRequest(c, { headers: { host: `${vectors.common.host}:443` } }), creds)).toBe(c.secretId);
    expect(verifyCode(vectorRequest(c, { body: `${vectors.common.payload} ` }), creds)).toBe("AuthFailure.SignatureFailure");
    expect(verifyCode(vectorRequest(c, { headers: { "content-type": "application/json" } }), creds)).toBe("AuthFailure.SignatureFailure");
    expect(verifyCode(vectorRequest(c), [{ secretId: c.secretId, secretKey: "wrong" }])).toBe("AuthFailure.SignatureFailure");
    expect(verifyCode(vectorRequest(c), [{ secretId: "AKIDother", secretKey: c.secretKey }])).toBe("AuthFailure.SecretIdNotFound");
    expect(verifyCode(vectorRequest(c, { headers: { "x-tc-timestamp": String(ts + 1) } }), creds)).toBe("AuthFailure.SignatureFailure");
  });

  test("exactly the listed headers are signed: x-tc-action matters only when listed", () => {
    const [withAction, withoutAction] = vectors.cases;
    const other = { headers: { "x-tc-action": "TerminateInstances" } };
    expect(verifyCode(vectorRequest(withAction, other), [withAction])).toBe("AuthFailure.SignatureFailure");
    expect(verifyCode(vectorRequest(withoutAction, other), [withoutAction])).toBe(withoutAction.secretId);
  });

  test("scope checks: date of the timestamp, terminator, service, content-type and host signed", () => {
    const c = vectors.cases[1];
    const base = `TC3-HMAC-SHA256 Credential=${c.secretId}/DATE/SERVICE/TERM, SignedHeaders=HEADERS, Signature=${c.signature}`;
    const auth = (p: Record<string, string>) =>
      vectorRequest(c, { auth: base.replace("DATE", p.date ?? vectors.common.date).replace("SERVICE", p.service ?? "cvm").replace("TERM", p.term ?? "tc3_request").replace("HEADERS", p.headers ?? "content-type;host") });
    expect(verifyCode(auth({}), [c])).toBe(c.secretId);
    expect(verifyCode(auth({ date: "2019-02-24" }), [c])).toBe("AuthFailure.SignatureFailure");
    expect(verifyCode(auth({ service: "cbs" }), [c])).toBe("AuthFailure.SignatureFailure");
    expect(verifyCode(auth({ term: "tc2_request" }), [c])).toBe("AuthFailure.InvalidAuthorization");
    expect(verifyCode(auth({ headers: "host" }), [c])).toBe("AuthFailure.InvalidAuthorization");
    expect(verifyCode(vectorRequest(c, { auth: "TC3-HMAC-SHA256 Credential=x" }), [c])).toBe("AuthFailure.InvalidAuthorization");
    const noStamp = vectorRequest(c);
    expect(verifyCode({ ...noStamp, headers: { ...noStamp.headers, "x-tc-timestamp": undefined } }, [c])).toBe("MissingParameter");
  });

  test("session tokens: required exactly when configured", () => {
    const c = vectors.cases[1];
    const withToken = [{ secretId: c.secretId, secretKey: c.secretKey, token: "tok-1" }];
    expect(verifyCode(vectorRequest(c, { headers: { "x-tc-token": "tok-1" } }), withToken)).toBe(c.secretId);
    expect(verifyCode(vectorRequest(c), withToken)).toBe("AuthFailure.TokenFailure");
    expect(verifyCode(vectorRequest(c, { headers: { "x-tc-token": "tok-2" } }), withToken)).toBe("AuthFailure.TokenFailure");
    expect(verifyCode(vectorRequest(c, { headers: { "x-tc-token": "tok-1" } }), [c])).toBe("AuthFailure.TokenFailure");
  });

  test("service label: iai or what the SDK derives from the endpoint", () => {
    expect(canonicalHost("127.0.0.1:9000")).toBe("127.0.0.1");
    expect(canonicalHost("[::1]:9000")).toBe("[::1]");
    expect([...acceptedServices("127.0.0.1:9000")].sort()).toEqual(["127", "iai"]);
    expect([...acceptedServices("localhost:9000")].sort()).toEqual(["iai", "localhost", "localhost:9000"]);
    expect([...acceptedServices("iai.tencentcloudapi.com")]).toEqual(["iai"]);
  });
});

describe("over HTTP", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await start({ credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY }, { secretId: "AKIDtemporary", secretKey: "tempKey", token: "session-token-1" }] });
  });
  afterAll(() => emu.stop());

  test("a correctly signed raw request passes, with service iai or 127", async () => {
    expect(codeOf(await raw(emu))).toBeUndefined();
    expect(codeOf(await raw(emu, { service: "127" }))).toBeUndefined();
    expect(codeOf(await raw(emu, { service: "cvm" }))).toBe("AuthFailure.SignatureFailure");
  });

  test("tampered body, tampered signed header, wrong key, malformed or missing Authorization", async () => {
    const body = JSON.stringify({ GroupId: "tamper", GroupName: "tamper" });
    const tampered = await raw(emu, { action: "CreateGroup", body, sendBody: body.replace("tamper\"}", "tampeR\"}") });
    expect(tampered.status).toBe(200);
    expect(codeOf(tampered)).toBe("AuthFailure.SignatureFailure");
    expect(emu.groups()).toEqual([]);
    expect(codeOf(await raw(emu, { headers: { "Content-Type": "application/json; charset=utf-8" } }))).toBe("AuthFailure.SignatureFailure");
    expect(codeOf(await raw(emu, { secretKey: "not-the-key" }))).toBe("AuthFailure.SignatureFailure");
    expect(codeOf(await raw(emu, { authorization: "TC3-HMAC-SHA256 Credential=only" }))).toBe("AuthFailure.InvalidAuthorization");
    expect(codeOf(await raw(emu, { headers: { Authorization: undefined } }))).toBe("AuthFailure.InvalidAuthorization");
    expect(codeOf(await raw(emu, { timestamp: Math.floor(Date.now() / 1000) - 400 }))).toBe("AuthFailure.SignatureExpire");
  });

  test("the SDK: unknown SecretId, wrong key, session tokens", async () => {
    expect((await failure(client(emu, { secretId: "AKIDunknown" }).GetGroupList({}))).code).toBe("AuthFailure.SecretIdNotFound");
    expect((await failure(client(emu, { secretKey: "wrong" }).GetGroupList({}))).code).toBe("AuthFailure.SignatureFailure");
    const temp = { secretId: "AKIDtemporary", secretKey: "tempKey" };
    expect((await failure(client(emu, temp).GetGroupList({}))).code).toBe("AuthFailure.TokenFailure");
    expect((await failure(client(emu, { ...temp, token: "other" }).GetGroupList({}))).code).toBe("AuthFailure.TokenFailure");
    expect((await client(emu, { ...temp, token: "session-token-1" }).GetGroupList({})).GroupNum).toBe(0);
    expect((await failure(client(emu, { token: "session-token-1" }).GetGroupList({}))).code).toBe("AuthFailure.TokenFailure");
    expect(emu.requests.at(-1)).toMatchObject({ code: "AuthFailure.TokenFailure", secretId: SECRET_ID });
  });

  test("an expired signature by the emulator's injectable clock", async () => {
    const skewed = await start({ now: () => Date.now() + 10 * 60 * 1000 });
    try {
      const err = await failure(client(skewed).GetGroupList({}));
      expect(err.code).toBe("AuthFailure.SignatureExpire");
      expect(skewed.requests.map((r) => r.code)).toEqual(["AuthFailure.SignatureExpire"]);
    } finally {
      await skewed.stop();
    }
  });

  test("the SDK aimed at localhost:PORT and at iai.tencentcloudapi.com:PORT is verified too", async () => {
    const toLoopback = new http.Agent({
      lookup: ((_h: string, o: { all?: boolean }, cb: (...a: unknown[]) => void) =>
        o?.all ? cb(null, [{ address: "127.0.0.1", family: 4 }]) : cb(null, "127.0.0.1", 4)) as never,
    });
    for (const endpoint of [`localhost:${emu.port}`, `iai.tencentcloudapi.com:${emu.port}`]) {
      const c = new OfficialIaiClient({
        credential: { secretId: SECRET_ID, secretKey: SECRET_KEY },
        region: "ap-guangzhou",
        profile: { httpProfile: { endpoint, protocol: "http://", agent: toLoopback } },
      });
      expect((await c.GetGroupList({})).GroupNum).toBe(0);
    }
    toLoopback.destroy();
  });
});
