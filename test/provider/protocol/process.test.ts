/**
 * The provider as a process, like Terraform runs it: the echo test provider's bundle (built with the project's
 * bundler), and the real bundle when it has been built. Kills only the processes it started, by PID.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { selfSignedIdentity } from "../../../src/provider/protocol/cert";
import { signalPending, waitFor } from "../../support/processes";
import { buildEchoBundle } from "./support/bundle";
import { connect, killChild, parseHandshake, type Spawned, spawnProvider, terraformEnv } from "./support/client";
import { requireBuiltBundle } from "../../support/built-bundle";

let dir: string;
let bundle: string;
const started: Spawned[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "fg-protocol-"));
  bundle = buildEchoBundle(join(dir, "provider.js"));
});
afterEach(() => started.splice(0).forEach((s) => killChild(s.child)));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(file = bundle) {
  const clientCert = selfSignedIdentity();
  const p = await spawnProvider(file, terraformEnv(clientCert));
  started.push(p);
  return { ...p, clientCert, hs: parseHandshake(p.handshake) };
}


test("run by hand (no magic cookie): a clear message on stderr, nothing on stdout, exit 1", () => {
  const r = spawnSync(process.execPath, [bundle], { env: { PATH: process.env.PATH }, encoding: "utf8" });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/This is a Terraform plugin \(provider tencentcloudiai of cdktf-tencentcloud-face-groups\); Terraform starts it, it is not meant to be run by hand/);
});

test("one handshake line on stdout (port in PLUGIN_MIN_PORT..PLUGIN_MAX_PORT), calls over mTLS, Shutdown alone makes it exit", async () => {
  const p = await start();
  expect(p.handshake).toMatch(/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|[A-Za-z0-9+/]+$/);
  expect(p.hs.port).toBeGreaterThanOrEqual(10000);
  expect(p.hs.port).toBeLessThanOrEqual(25000);
  const c = connect(p.hs, p.clientCert);
  expect((await c.provider<any>("GetMetadata")).resources).toEqual([{ typeName: "tencentcloudiai_echo" }]);
  await c.call("/plugin.GRPCController/Shutdown", "plugin.Empty", "plugin.Empty");
  expect(await p.exited).toBe(0); // with the client still connected: the Shutdown call is what ended it
  expect(p.stdoutLines).toHaveLength(1);
  c.close();
});

test("SIGINT does not stop it (Terraform handles Ctrl-C and calls StopProvider)", async () => {
  const p = await start();
  const pid = p.child.pid!;
  process.kill(pid, "SIGINT");
  await waitFor("the SIGINT to be delivered", () => !signalPending(pid, 2), 10_000, 5);
  // Delivered, and the process answers afterwards: it neither died of the signal nor ended because of it.
  const c = connect(p.hs, p.clientCert);
  expect((await c.provider<any>("GetMetadata")).resources).toEqual([{ typeName: "tencentcloudiai_echo" }]);
  expect(p.child.exitCode).toBeNull();
  expect((await c.provider<any>("StopProvider")).Error).toBe("");
  c.close(); // Terraform gone: the provider ends itself
  expect(await p.exited).toBe(0);
});

test("a client with another certificate cannot call it, and it keeps running", async () => {
  const p = await start();
  const c = connect(p.hs, selfSignedIdentity());
  await expect(c.provider("GetMetadata")).rejects.toMatchObject({ code: 14 });
  c.close();
  // With TLS 1.3 the client may see its failure before the server logs the refusal.
  await waitFor("the server's refusal line", () => /refused a TLS connection/.test(p.stderr()), 10_000);
  expect(p.child.exitCode).toBeNull();
});

test("the real bundle (lib/provider/bundle/provider.js) handshakes and serves its schema", async () => {
  const p = await start(requireBuiltBundle());
  const c = connect(p.hs, p.clientCert);
  const schema = await c.provider<any>("GetProviderSchema");
  expect(Object.keys(schema.resourceSchemas)).toContain("tencentcloudiai_face_group");
  await c.call("/plugin.GRPCController/Shutdown", "plugin.Empty", "plugin.Empty");
  expect(await p.exited).toBe(0);
  c.close();
});
