/** The launch checks, the handshake line and the certificate (DER writer). */
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { selfSignedIdentity } from "../../../src/provider/protocol/cert";
import { objectIdentifier, time, tlv } from "../../../src/provider/protocol/der";
import { checkLaunch, handshakeLine, MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../../../src/provider/protocol/launch";

const cookie = { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE };

test("without the magic cookie: a message saying it is a Terraform plugin", () => {
  const r = checkLaunch({});
  expect(r.ok).toBe(false);
  expect(!r.ok && r.message).toMatch(/^This is a Terraform plugin \(provider tencentcloudiai of cdktf-tencentcloud-face-groups\); Terraform starts it, it is not meant to be run by hand/);
});

test("protocol versions must include 6 when given; ports are checked", () => {
  expect(checkLaunch({ ...cookie, PLUGIN_PROTOCOL_VERSIONS: "4,5" })).toMatchObject({ ok: false, message: expect.stringContaining("protocol 6") });
  expect(checkLaunch({ ...cookie, PLUGIN_PROTOCOL_VERSIONS: "5,6", PLUGIN_MIN_PORT: "10000", PLUGIN_MAX_PORT: "25000", PLUGIN_CLIENT_CERT: "PEM" })).toEqual({
    ok: true,
    settings: { clientCertPem: "PEM", minPort: 10000, maxPort: 25000 },
  });
  expect(checkLaunch({ ...cookie, PLUGIN_MIN_PORT: "9", PLUGIN_MAX_PORT: "8" })).toMatchObject({ ok: false });
  expect(checkLaunch({ ...cookie })).toEqual({ ok: true, settings: { clientCertPem: null, minPort: 0, maxPort: 0 } });
});

test("handshake line: base64 of the DER without padding, or no field without TLS", () => {
  expect(handshakeLine("127.0.0.1", 1234, Buffer.from([1, 2, 3, 4]))).toBe("1|6|tcp|127.0.0.1:1234|grpc|AQIDBA");
  expect(handshakeLine("127.0.0.1", 1234, null)).toBe("1|6|tcp|127.0.0.1:1234|grpc");
});

test("DER: long lengths, multi-byte OID arcs, UTCTime before 2050 and GeneralizedTime after", () => {
  expect(tlv(0x04, Buffer.alloc(300)).subarray(0, 4)).toEqual(Buffer.from([0x04, 0x82, 0x01, 0x2c]));
  expect(objectIdentifier("1.2.840.10045.2.1")).toEqual(Buffer.from("06072a8648ce3d0201", "hex"));
  expect(time(new Date("2026-01-02T03:04:05Z")).toString("latin1")).toBe("\x17\x0d260102030405Z");
  expect(time(new Date("2051-01-02T03:04:05Z")).toString("latin1")).toBe("\x18\x0f20510102030405Z");
});

test("the certificate is what go-plugin's client accepts: localhost, CA, both key usages, self-signed, short-lived", () => {
  const now = new Date();
  const id = selfSignedIdentity({ now });
  const x = new X509Certificate(id.certPem);
  expect(x.raw).toEqual(id.certDer);
  expect(x.subject).toContain("CN=localhost");
  expect(x.subjectAltName).toBe("DNS:localhost");
  expect(x.ca).toBe(true);
  expect(x.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
  expect(x.verify(x.publicKey)).toBe(true);
  expect(new Date(x.validFrom).getTime()).toBeLessThanOrEqual(now.getTime() - 29_000);
  expect(new Date(x.validTo).getTime() - now.getTime()).toBeLessThanOrEqual(7 * 24 * 3600 * 1000);
  expect(x.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
  // The key usage bits and an X.509 purpose check need the openssl CLI (Node's X509Certificate shows neither).
  let text = "";
  try {
    text = execFileSync("openssl", ["version"]).toString();
  } catch (e) {
    throw new Error(`this test needs the openssl CLI on PATH to read the certificate's key usage and verify it as a TLS server certificate, and could not run it (${(e as Error).message.split("\n")[0]}). Install it (Debian/Ubuntu: apt-get install openssl) and run again.`);
  }
  expect(text).toMatch(/OpenSSL/);
  const dir = mkdtempSync(join(tmpdir(), "fg-cert-"));
  try {
    writeFileSync(join(dir, "c.pem"), id.certPem);
    const out = execFileSync("openssl", ["x509", "-in", join(dir, "c.pem"), "-noout", "-text"]).toString();
    expect(out).toMatch(/Digital Signature, Key Encipherment, Key Agreement, Certificate Sign/);
    expect(execFileSync("openssl", ["verify", "-purpose", "sslserver", "-CAfile", join(dir, "c.pem"), join(dir, "c.pem")]).toString()).toMatch(/OK/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
