/**
 * The server in-process, through @grpc/grpc-js with go-plugin's AutoMTLS: schema, calls with values, failures as
 * diagnostics, StopProvider, refused certificates, go-plugin's own services.
 */
import { encode } from "@msgpack/msgpack";
import { X509Certificate } from "node:crypto";
import { selfSignedIdentity, toPem } from "../../../src/provider/protocol/cert";
import { decodeDynamicValue, encodeDynamicValue } from "../../../src/provider/protocol/codec";
import { UNKNOWN } from "../../../src/provider/protocol/types";
import { waitFor } from "../../support/processes";
import { connect, type InProcess, serveInProcess } from "./support/client";
import { createEchoProvider, ECHO, type EchoProvider } from "./support/echo-provider";

type Diags = { diagnostics: Array<{ severity: number; summary: string; detail: string; attribute?: { steps: object[] } }> };

let provider: EchoProvider;
let srv: InProcess;

beforeEach(async () => {
  provider = createEchoProvider();
  srv = await serveInProcess(provider);
});
afterEach(() => srv.server.close());

const client = () => connect(srv.handshake, srv.clientIdentity);
const echoType = ["object", { id: "string", name: "string", size: "number", tags: ["list", "string"], secret: "string" }] as const;

test("handshake line: core 1, protocol 6, tcp on 127.0.0.1, grpc, certificate as unpadded base64 DER", () => {
  const h = srv.handshake;
  expect([h.core, h.protocol, h.network, h.transport]).toEqual(["1", "6", "tcp", "grpc"]);
  expect(h.address).toBe(`127.0.0.1:${srv.server.port}`);
  expect(h.certField).toMatch(/^[A-Za-z0-9+/]{50,}$/); // no "=" padding
  expect(srv.server.handshake.split("|")).toHaveLength(6);
});

test("GetProviderSchema sends types as JSON, plain descriptions, flags and capabilities", async () => {
  const c = client();
  const res = await c.provider<any>("GetProviderSchema");
  c.close();
  const attrs = res.resourceSchemas[ECHO].block.attributes;
  const tags = attrs.find((a: any) => a.name === "tags");
  expect(JSON.parse(Buffer.from(tags.type).toString())).toEqual(["list", "string"]);
  expect(tags.description).toBe("Some strings.");
  expect(tags.descriptionKind).toBe(0);
  expect(attrs.find((a: any) => a.name === "secret").sensitive).toBe(true);
  expect(res.resourceSchemas[ECHO].version).toBe(1);
  expect(res.provider.block.description).toBe("Echo test provider.");
  expect(res.serverCapabilities.planDestroy).toBe(true);
  expect(res.serverCapabilities.getProviderSchemaOptional).toBe(true);
});

test("PlanResourceChange and ApplyResourceChange carry values, unknowns and attribute paths", async () => {
  const c = client();
  const prior = encodeDynamicValue({ id: "echo-a", name: "a", size: 3, tags: ["x"], secret: null }, echoType);
  const proposed = encodeDynamicValue({ id: "echo-a", name: "b", size: 2.5, tags: ["x", "y"], secret: null }, echoType);
  const plan = await c.provider<any>("PlanResourceChange", { typeName: ECHO, priorState: prior, proposedNewState: proposed, config: proposed });
  expect(decodeDynamicValue(plan.plannedState, echoType)).toEqual({ id: UNKNOWN, name: "b", size: 2.5, tags: ["x", "y"], secret: null });
  expect(plan.requiresReplace).toEqual([expect.objectContaining({ steps: [expect.objectContaining({ attributeName: "name" })] })]);
  const applied = await c.provider<any>("ApplyResourceChange", { typeName: ECHO, priorState: prior, plannedState: plan.plannedState, config: proposed });
  expect(decodeDynamicValue(applied.newState, echoType)).toEqual({ id: "echo-b", name: "b", size: 2.5, tags: ["x", "y"], secret: null });
  expect(Buffer.from(applied.private).toString()).toBe("p1");
  c.close();
});

test("ReadResource answering null is sent as msgpack nil; JSON DynamicValues are accepted", async () => {
  const c = client();
  const json = Buffer.from(JSON.stringify({ id: "x", name: "gone", size: null, tags: null, secret: null }));
  const res = await c.provider<any>("ReadResource", { typeName: ECHO, currentState: { json } });
  expect(Buffer.from(res.newState.msgpack)).toEqual(Buffer.from([0xc0]));
  c.close();
});

test("an unknown resource type is an error diagnostic naming it and the known ones", async () => {
  const c = client();
  const res = await c.provider<Diags>("ValidateResourceConfig", { typeName: "tencentcloudiai_nope", config: { msgpack: encode({}) } });
  c.close();
  expect(res.diagnostics).toHaveLength(1);
  expect(res.diagnostics[0].severity).toBe(1);
  expect(res.diagnostics[0].summary).toContain('"tencentcloudiai_nope"');
  expect(res.diagnostics[0].detail).toContain(ECHO);
});

test("an exception in a handler is an error diagnostic, and the server keeps serving", async () => {
  const c = client();
  const config = encodeDynamicValue({ name: "boom" }, echoType);
  const res = await c.provider<Diags>("PlanResourceChange", { typeName: ECHO, proposedNewState: config, config });
  expect(res.diagnostics[0].summary).toMatch(/Provider error in PlanResourceChange: kaboom/);
  expect(res.diagnostics[0].detail).toContain("bug in the provider");
  expect(srv.logs.join("\n")).toContain("kaboom"); // the stack goes to stderr (TF_LOG)
  expect((await c.provider<Diags>("ValidateResourceConfig", { typeName: ECHO, config: encodeDynamicValue({ name: "ok" }, echoType) })).diagnostics).toEqual([]);
  c.close();
});

test("a malformed value is a diagnostic too, not a crash", async () => {
  const c = client();
  const res = await c.provider<Diags>("ValidateResourceConfig", { typeName: ECHO, config: { msgpack: Buffer.from([0xc1]) } });
  c.close();
  expect(res.diagnostics[0].severity).toBe(1);
});

test("a handler's diagnostic keeps its attribute path", async () => {
  const c = client();
  const res = await c.provider<Diags>("ValidateResourceConfig", { typeName: ECHO, config: encodeDynamicValue({ name: "invalid" }, echoType) });
  c.close();
  expect(res.diagnostics[0]).toMatchObject({ severity: 1, summary: "Invalid name", attribute: { steps: [{ attributeName: "name" }] } });
});

test("StopProvider stops the handlers, lets the in-flight call end and refuses new calls", async () => {
  const c = client();
  const slow = encodeDynamicValue({ id: UNKNOWN, name: "slow" }, echoType);
  const inFlight = c.provider<any>("ApplyResourceChange", { typeName: ECHO, plannedState: slow, config: slow });
  await waitFor("the slow apply in flight", () => provider.calls.includes("apply slow"), 10_000);
  expect(await c.provider<any>("StopProvider")).toMatchObject({ Error: "" });
  expect(decodeDynamicValue((await inFlight).newState, echoType)).toMatchObject({ id: "echo-slow" });
  const after = await c.provider<Diags>("GetProviderSchema");
  expect(after.diagnostics[0].summary).toBe("The provider is stopping");
  expect(provider.calls).toContain("stop");
  c.close();
});

test("unsupported calls answer with a diagnostic or an empty answer; unknown methods with UNIMPLEMENTED", async () => {
  const c = client();
  expect((await c.provider<Diags>("MoveResourceState")).diagnostics[0].summary).toMatch(/Unsupported/);
  expect((await c.provider<Diags>("OpenEphemeralResource")).diagnostics[0].summary).toMatch(/ephemeral/);
  expect((await c.provider<Diags>("GetFunctions")).diagnostics).toEqual([]);
  await expect(c.call("/tfplugin6.Provider/NoSuchCall", "plugin.Empty", "plugin.Empty")).rejects.toMatchObject({ code: 12 });
  c.close();
});

test("health Check answers SERVING for 'plugin'; Shutdown is answered, then the exit is requested", async () => {
  const c = client();
  const health = await c.call<{ status: number }>("/grpc.health.v1.Health/Check", "grpc.health.v1.HealthCheckRequest", "grpc.health.v1.HealthCheckResponse", { service: "plugin" });
  expect(health.status).toBe(1);
  await c.call("/plugin.GRPCController/Shutdown", "plugin.Empty", "plugin.Empty");
  await waitFor("the exit request", () => srv.exits.length > 0, 10_000);
  expect(srv.exits).toEqual([0]);
  c.close();
});

test("a connection without a client certificate is refused", async () => {
  const c = connect(srv.handshake, null);
  await expect(c.provider("GetProviderSchema")).rejects.toMatchObject({ code: 14 }); // UNAVAILABLE
  c.close();
  expect(srv.exits).toEqual([]); // and it does not end the server
});

test("a connection with another client certificate is refused", async () => {
  const c = connect(srv.handshake, selfSignedIdentity());
  await expect(c.provider("GetProviderSchema")).rejects.toMatchObject({ code: 14 });
  c.close();
  expect(srv.exits).toEqual([]);
});

test("a tampered copy of the trusted client certificate (same key, altered serial) is refused", async () => {
  const der = Buffer.from(new X509Certificate(srv.clientIdentity.certPem).raw);
  const serialAt = der.indexOf(Buffer.from(new X509Certificate(srv.clientIdentity.certPem).serialNumber.slice(0, 8), "hex"));
  der[serialAt] ^= 0x01;
  const c = connect(srv.handshake, { ...srv.clientIdentity, certPem: toPem("CERTIFICATE", der) });
  await expect(c.provider("GetProviderSchema")).rejects.toMatchObject({ code: 14 });
  c.close();
  expect(srv.logs.join("\n")).toMatch(/refused a TLS connection/);
  expect(srv.exits).toEqual([]);
});

test("plaintext when Terraform disabled TLS (no PLUGIN_CLIENT_CERT): handshake without certificate", async () => {
  const plain = await serveInProcess(createEchoProvider(), false);
  try {
    expect(plain.server.handshake).toMatch(/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc$/);
    const c = connect(plain.handshake, null);
    expect((await c.provider<any>("GetMetadata")).resources).toEqual([{ typeName: ECHO }]);
    c.close();
  } finally {
    await plain.server.close();
  }
});

test("the server exits when Terraform's connection closes", async () => {
  const c = client();
  await c.provider("GetMetadata");
  c.close();
  await waitFor("the exit request", () => srv.exits.length > 0, 10_000);
  expect(srv.exits).toEqual([0]);
  expect(provider.calls).toContain("stop");
});
