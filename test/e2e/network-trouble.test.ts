/**
 * Network trouble with the real `terraform` and the installed provider, all on loopback: an endpoint on a closed
 * port, a host name that cannot resolve, the emulator behind TLS with a private CA (trusted through
 * NODE_EXTRA_CA_CERTS — which the provider process must inherit — or ca_bundle_file; or not trusted), and a CONNECT
 * proxy started by the test (used, bypassed by NO_PROXY, refusing). Every failure must be named (cause, endpoint,
 * proxy) and end by the provider's fail-fast rule — its own count of identical failures and their span, not a
 * stopwatch here — long before the 300 s deadline; the successes must reach the emulator (its request log).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, startEmulator } from "../../src/emulator";
import { FAIL_FAST_FAILURES } from "../../src/handler/fail-fast";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { freePort } from "../support/cli-emulator";
import { RunResult, expectSuccess, run } from "../support/cdktf-project";
import { TERRAFORM_BINARY } from "../support/terraform-binary";
import { installAndInit, plainTerraformEnv } from "../support/plain-terraform";
import { ConnectProxy, startConnectProxy } from "../support/connect-proxy";
import { startTlsRelay, TlsRelay } from "../support/tls-relay";

jest.setTimeout(6 * 60_000);

const CREDS = { secretId: "AKIDe2eNetworkTrouble00000000000", secretKey: "e2eNetworkTroubleSecretKey0000000" };
/** A name the proxy resolves (to 127.0.0.1) and this machine does not (.test is reserved, RFC 6761). */
const PROXIED_HOST = "iai.faces.test";
const PROXY_PASSWORD = "proxyPassw0rdNeverLogged";

const MAIN_TF = `
terraform {
  required_providers {
    tencentcloudiai = { source = "face-groups.invalid/cdktf-tencentcloud-face-groups/tencentcloudiai" }
  }
}
variable "prefix" { type = string }
variable "ca_bundle_file" {
  type    = string
  default = null
}
provider "tencentcloudiai" {
  ca_bundle_file = var.ca_bundle_file
}
resource "tencentcloudiai_face_group" "g" {
  count      = 3
  group_id   = "\${var.prefix}\${count.index}"
  group_name = "\${var.prefix} \${count.index}"
}
`;

let emu: Emulator;
let tlsRelay: TlsRelay;
let dir: string;
let baseEnv: NodeJS.ProcessEnv;
let caseNo = 0;
const proxies: ConnectProxy[] = [];

beforeAll(async () => {
  checkTerraform();
  emu = await startEmulator({ credentials: [CREDS], quiet: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-net-"));
  tlsRelay = await startTlsRelay(emu.url, dir, [PROXIED_HOST]);
  fs.writeFileSync(path.join(dir, "main.tf"), MAIN_TF);
  const drop = ["TENCENTCLOUD_IAI_ENDPOINT", "TENCENTCLOUD_DOMAIN", "TENCENTCLOUD_PROTOCOL", "NODE_EXTRA_CA_CERTS", "FACE_GROUP_DEADLINE_SECONDS", "no_proxy", "NO_PROXY"];
  baseEnv = plainTerraformEnv(dir, { TENCENTCLOUD_SECRET_ID: CREDS.secretId, TENCENTCLOUD_SECRET_KEY: CREDS.secretKey }, drop);
  await installAndInit(dir, baseEnv);
});

afterAll(async () => {
  for (const p of proxies) await p.stop();
  await tlsRelay?.stop();
  await emu?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** `terraform apply` of three new groups named `<prefix>0..2` (own state file) with `env` added; TF_LOG=trace. */
async function apply(prefix: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  const state = path.join(dir, `case${++caseNo}.tfstate`);
  return run(TERRAFORM_BINARY, ["apply", "-auto-approve", "-no-color", `-state=${state}`, `-var=prefix=${prefix}`], { cwd: dir, env: { ...baseEnv, TF_LOG: "trace", ...env } }, 240_000);
}

/** The provider's fail-fast verdicts in the output: how many identical failures, over how many seconds. */
function verdicts(output: string): Array<{ failures: number; seconds: number }> {
  return [...output.matchAll(/gave up after (\d+) identical failures in ([\d.]+)s before the endpoint ever answered/g)].map((m) => ({ failures: Number(m[1]), seconds: Number(m[2]) }));
}

/** Asserts a failed apply ended by the fail-fast rule with `code` in every group's error, and nothing was written. */
function expectFailedFast(result: RunResult, code: string, prefix: string): void {
  expect(result.code).toBe(1);
  const errors = result.output.split("\n").filter((l) => /^Error: /.test(l));
  expect(errors).toHaveLength(3); // one per group, each the same verdict
  expect(result.output.match(new RegExp(`Code=${code.replace(".", "\\.")} `, "g"))?.length).toBeGreaterThanOrEqual(3);
  const found = verdicts(result.output);
  expect(found.length).toBeGreaterThanOrEqual(1);
  for (const v of found) {
    expect(v.failures).toBeGreaterThanOrEqual(FAIL_FAST_FAILURES);
    // The rule's own span (the fake-clock test in test/handler/fail-fast.test.ts pins it under 15 s): here only a
    // generous bound far below the 300 s deadline, so a loaded machine cannot make it flaky.
    expect(v.seconds).toBeLessThan(60);
  }
  expect(result.output).not.toContain("deadline of 300s reached");
  expect(emu.requests.filter((r) => r.groupId?.startsWith(prefix))).toEqual([]);
}

const created = (prefix: string) => emu.requests.filter((r) => r.action === "CreateGroup" && r.groupId?.startsWith(prefix) && r.code === "OK").length;

test("a closed port is named as a refused connection and ends the apply by the fail-fast rule", async () => {
  const port = await freePort();
  const result = await apply("ClosedPort", { TENCENTCLOUD_IAI_ENDPOINT: `http://127.0.0.1:${port}` });
  expectFailedFast(result, "NetworkError.Refused", "ClosedPort");
  expect(result.output).toContain(`the connection to 127.0.0.1:${port} was refused: nothing listens on that port`);
  expect(result.output).toContain(`endpoint http://127.0.0.1:${port} direct, no proxy (no HTTPS_PROXY / HTTP_PROXY set)`);
  // The log lines name the cause too (TF_LOG): not a bare "NetworkError". The first call sent is the account listing
  // of the plan-time predictions; once the rule gives up, the creates are not sent at all.
  expect(result.output).toMatch(/tencentcloudiai: GetGroupList NetworkError\.Refused .*attempt=1 .*\(transient, retrying in \d+ms\): the connection to/);
});

test("a host name that does not resolve is named as DNS and ends the apply by the fail-fast rule", async () => {
  const result = await apply("NoSuchHost", { TENCENTCLOUD_IAI_ENDPOINT: "http://iai.no-such-host.invalid:9000" });
  expectFailedFast(result, "NetworkError.DnsNotFound", "NoSuchHost");
  expect(result.output).toContain("the host name iai.no-such-host.invalid does not resolve (DNS: no such name)");
});

test("a private CA not trusted: one clear TLS error, fast", async () => {
  const result = await apply("Untrusted", { TENCENTCLOUD_IAI_ENDPOINT: tlsRelay.url });
  expectFailedFast(result, "NetworkError.TlsUntrustedCa", "Untrusted");
  expect(result.output).toContain("the server's TLS certificate is signed by a CA this machine does not trust");
  expect(result.output).toContain("NODE_EXTRA_CA_CERTS");
});

test("a private CA trusted through NODE_EXTRA_CA_CERTS (inherited by the provider process) works", async () => {
  const result = await apply("ExtraCa", { TENCENTCLOUD_IAI_ENDPOINT: tlsRelay.url, NODE_EXTRA_CA_CERTS: tlsRelay.caFile });
  expectSuccess(result);
  expect(created("ExtraCa")).toBe(3);
});

test("a private CA trusted through the provider's ca_bundle_file works", async () => {
  const result = await apply("CaBundle", { TENCENTCLOUD_IAI_ENDPOINT: tlsRelay.url, TF_VAR_ca_bundle_file: tlsRelay.caFile });
  expectSuccess(result);
  expect(created("CaBundle")).toBe(3);
});

test("HTTPS_PROXY is used (TLS through the tunnel too), and its password never reaches the output or the trace log", async () => {
  const proxy = await startConnectProxy({ hosts: { [PROXIED_HOST]: "127.0.0.1" } });
  proxies.push(proxy);
  const proxyUrl = proxy.url.replace("http://", `http://tester:${PROXY_PASSWORD}@`);
  const result = await apply("ViaProxy", {
    TENCENTCLOUD_IAI_ENDPOINT: `https://${PROXIED_HOST}:${tlsRelay.port}`,
    NODE_EXTRA_CA_CERTS: tlsRelay.caFile,
    HTTPS_PROXY: proxyUrl,
    NO_PROXY: "localhost,10.0.0.0/8,.example.com",
  });
  expectSuccess(result);
  expect(created("ViaProxy")).toBe(3);
  expect(proxy.connects.length).toBeGreaterThanOrEqual(1);
  expect(proxy.connects.every((c) => c.target === `${PROXIED_HOST}:${tlsRelay.port}` && c.credentials === `tester:${PROXY_PASSWORD}`)).toBe(true);
  expect(result.output).not.toContain(PROXY_PASSWORD);
});

test("domain and protocol (TENCENTCLOUD_DOMAIN / TENCENTCLOUD_PROTOCOL) make the endpoint <protocol>://iai.<domain>", async () => {
  const proxy = await startConnectProxy({ hosts: { "iai.faces.test:80": `127.0.0.1:${new URL(emu.url).port}` } });
  proxies.push(proxy);
  const result = await apply("ByDomain", { TENCENTCLOUD_DOMAIN: "faces.test", TENCENTCLOUD_PROTOCOL: "HTTP", HTTPS_PROXY: proxy.url });
  expectSuccess(result);
  expect(created("ByDomain")).toBe(3);
  expect(proxy.connects.map((c) => c.target)).toContain("iai.faces.test:80");
});

test("NO_PROXY bypasses the proxy: the name is then resolved here (and fails), the proxy sees nothing", async () => {
  const proxy = await startConnectProxy({ hosts: { [PROXIED_HOST]: "127.0.0.1" } });
  proxies.push(proxy);
  const result = await apply("Bypassed", { TENCENTCLOUD_IAI_ENDPOINT: `http://${PROXIED_HOST}:${new URL(emu.url).port}`, HTTPS_PROXY: proxy.url, NO_PROXY: "127.0.0.0/8, .faces.test" });
  expectFailedFast(result, "NetworkError.DnsNotFound", "Bypassed");
  expect(result.output).toContain(`direct, no proxy (NO_PROXY entry .faces.test)`);
  expect(proxy.connects).toEqual([]);
});

test("a proxy that refuses the tunnel is named, with its status, and ends the apply by the fail-fast rule", async () => {
  const proxy = await startConnectProxy({ refuse: true });
  proxies.push(proxy);
  const result = await apply("Refused", { TENCENTCLOUD_IAI_ENDPOINT: `http://${PROXIED_HOST}:${new URL(emu.url).port}`, HTTPS_PROXY: proxy.url.replace("http://", `http://tester:${PROXY_PASSWORD}@`) });
  expectFailedFast(result, "NetworkError.ProxyRefused", "Refused");
  const shown = proxy.url.replace("http://", "http://***@");
  expect(result.output).toContain(`the proxy ${shown} refused to open a tunnel (HTTP 403 Forbidden)`);
  expect(result.output).toContain(`via proxy ${shown}`);
  expect(proxy.connects.length).toBeGreaterThanOrEqual(FAIL_FAST_FAILURES);
  expect(result.output).not.toContain(PROXY_PASSWORD);
});
