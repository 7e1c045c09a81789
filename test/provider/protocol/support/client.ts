/**
 * Test helpers: a gRPC client (@grpc/grpc-js, an independent implementation) that speaks to our server with
 * go-plugin's AutoMTLS, the handshake parser, and in-process / child-process servers.
 */
import * as grpc from "@grpc/grpc-js";
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { type Identity, selfSignedIdentity, toPem } from "../../../../src/provider/protocol/cert";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../../../../src/provider/protocol/launch";
import { decodeMessage, encodeMessage } from "../../../../src/provider/protocol/proto";
import { type RunningServer, serve } from "../../../../src/provider/protocol/server";
import type { ProviderHandlers } from "../../../../src/provider/protocol/types";

/** The handshake line's parts. */
export interface Handshake {
  readonly core: string;
  readonly protocol: string;
  readonly network: string;
  readonly address: string;
  readonly port: number;
  readonly transport: string;
  /** The server certificate in PEM, null when TLS is off. */
  readonly certPem: string | null;
  /** The raw cert field (unpadded base64). */
  readonly certField: string | undefined;
}

/** Parses `1|6|tcp|127.0.0.1:PORT|grpc|CERT` like go-plugin's client does. */
export function parseHandshake(line: string): Handshake {
  const [core, protocol, network, address, transport, certField] = line.trim().split("|");
  const certPem = certField ? toPem("CERTIFICATE", Buffer.from(certField, "base64")) : null;
  return { core, protocol, network, address, port: Number(address.split(":")[1]), transport, certPem, certField };
}

/** A client of one server; `call` resolves the decoded response or rejects with the gRPC error. */
export interface ProtocolClient {
  call<T = Record<string, unknown>>(path: string, requestType: string, responseType: string, request?: object): Promise<T>;
  /** A Provider call: `provider("GetProviderSchema")`. */
  provider<T = Record<string, unknown>>(method: string, request?: object): Promise<T>;
  close(): void;
}

/** Connects like go-plugin: trusts only the handshake's certificate, ServerName localhost, presents `client`. */
export function connect(handshake: Handshake, client: Identity | null = selfSignedIdentity()): ProtocolClient {
  const creds = handshake.certPem
    ? grpc.credentials.createSsl(Buffer.from(handshake.certPem), client ? Buffer.from(client.keyPem) : null, client ? Buffer.from(client.certPem) : null)
    : grpc.credentials.createInsecure();
  const c = new grpc.Client(handshake.address, creds, { "grpc.ssl_target_name_override": "localhost", "grpc.default_authority": "localhost" });
  const call = <T>(path: string, requestType: string, responseType: string, request: object = {}) =>
    new Promise<T>((resolve, reject) => {
      c.makeUnaryRequest(
        path,
        (m: object) => Buffer.from(encodeMessage(requestType, m)),
        (b: Buffer) => decodeMessage<T>(responseType, b),
        request,
        { deadline: Date.now() + 10_000 },
        (err, res) => (err ? reject(err) : resolve(res as T)),
      );
    });
  return {
    call,
    provider: (method, request) => call(`/tfplugin6.Provider/${method}`, `tfplugin6.${method}.Request`, `tfplugin6.${method}.Response`, request),
    close: () => c.close(),
  };
}

/** An in-process server with its client identity (the PLUGIN_CLIENT_CERT it trusts). */
export interface InProcess {
  readonly server: RunningServer;
  readonly handshake: Handshake;
  readonly clientIdentity: Identity;
  readonly exits: number[];
  readonly logs: string[];
}

/** Serves `handlers` in this process (TLS unless `tls` is false); exits and logs are recorded, not acted on. */
export async function serveInProcess(handlers: ProviderHandlers, tls = true): Promise<InProcess> {
  const clientIdentity = selfSignedIdentity();
  const exits: number[] = [];
  const logs: string[] = [];
  let line = "";
  const server = await serve({
    handlers,
    settings: { clientCertPem: tls ? clientIdentity.certPem : null, minPort: 0, maxPort: 0 },
    writeHandshake: (l) => (line = l),
    log: (l) => logs.push(l),
    exit: (code) => exits.push(code),
    parentCheckMs: 0,
  });
  return { server, handshake: parseHandshake(line), clientIdentity, exits, logs };
}

/** The environment Terraform gives a provider, with `clientCert` as PLUGIN_CLIENT_CERT. */
export function terraformEnv(clientCert: Identity | null): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "5,6", PLUGIN_MIN_PORT: "10000", PLUGIN_MAX_PORT: "25000" };
  if (clientCert) env.PLUGIN_CLIENT_CERT = clientCert.certPem;
  return env;
}

/** A provider child process and what it wrote. */
export interface Spawned {
  readonly child: ChildProcess;
  readonly stdoutLines: string[];
  stderr(): string;
  /** Resolves with the exit code (or signal name). */
  readonly exited: Promise<number | string>;
}

/** Spawns `node bundle` with `env`; resolves once the first stdout line (the handshake) arrived. */
export async function spawnProvider(bundle: string, env: NodeJS.ProcessEnv): Promise<Spawned & { handshake: string }> {
  const child = spawn(process.execPath, [bundle], { env, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const stdoutLines: string[] = [];
  const exited = new Promise<number | string>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  const first = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (l) => {
      stdoutLines.push(l);
      if (stdoutLines.length === 1) resolve(l);
    });
    void exited.then((code) => reject(new Error(`provider exited (${code}) before the handshake: ${err}`)));
  });
  const handshake = await first;
  return { child, stdoutLines, stderr: () => err, exited, handshake };
}

/** Kills a child we started (by its PID), if still running. */
export function killChild(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, "SIGKILL");
}
