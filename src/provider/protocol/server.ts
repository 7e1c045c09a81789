/**
 * The plugin server: listens on 127.0.0.1 (TLS unless Terraform disabled it), writes the handshake line, serves the
 * routes, and ends the process when go-plugin is done with it — Shutdown, the connection closing, or the parent
 * (Terraform) gone, so a killed Terraform never leaves a provider behind.
 */
import { writeSync } from "node:fs";
import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { selfSignedIdentity } from "./cert";
import { serveCall } from "./grpc";
import { handshakeLine, type LaunchSettings } from "./launch";
import { allRoutes } from "./plugin-services";
import { providerRoutes } from "./provider-service";
import { parseClientCertificate, presentedExpectedCertificate, secureServerOptions } from "./tls";
import type { ProviderHandlers } from "./types";

/** What {@link serve} needs. */
export interface ServeOptions {
  readonly handlers: ProviderHandlers;
  readonly settings: LaunchSettings;
  /** Receives the handshake line with its newline. @default a synchronous write to stdout (fd 1) */
  readonly writeHandshake?: (line: string) => void;
  /** Log lines (Terraform shows the plugin's stderr with TF_LOG). @default a line on stderr */
  readonly log?: (line: string) => void;
  /** Ends the process. @default process.exit */
  readonly exit?: (code: number) => void;
  /** How often to check that the parent process is still there, in ms; 0 turns it off. @default 1000 */
  readonly parentCheckMs?: number;
}

/** A running server. */
export interface RunningServer {
  readonly port: number;
  /** The handshake line written (without newline). */
  readonly handshake: string;
  /** Stops listening and closes the connections (for in-process tests; a provider process just exits). */
  close(): Promise<void>;
}

const HOST = "127.0.0.1";

const stderrLog = (line: string) => process.stderr.write(`[tencentcloudiai provider] ${line}\n`);

/** Starts serving `handlers`; resolves once listening and the handshake line is written. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const log = options.log ?? stderrLog;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const { clientCertPem } = options.settings;
  const client = clientCertPem ? parseClientCertificate(clientCertPem) : null;
  const identity = client ? selfSignedIdentity() : null;
  const server = identity && client ? http2.createSecureServer(secureServerOptions(identity, client)) : http2.createServer();

  let ending = false;
  /** Ends the process once: stops the handlers' work first when `why` is not a requested shutdown. */
  const end = (why: string, stopFirst: boolean) => {
    if (ending) return;
    ending = true;
    log(`exiting: ${why}`);
    const stopping = stopFirst ? options.handlers.stop().catch(() => undefined) : Promise.resolve();
    void stopping.then(() => exit(0));
  };

  const routes = allRoutes(providerRoutes(options.handlers, log), () => end("Shutdown requested by Terraform", false));
  server.on("stream", (stream, headers) => serveCall(stream, headers, routes, log));

  if (client) server.on("tlsClientError", (err) => log(`refused a TLS connection: ${err.message}`));

  // go-plugin holds one connection per plugin process; once Terraform has connected and every connection is
  // closed, nobody can call us any more.
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on("session", (session) => {
    // Emitted before any request of the connection is read: a refused one never reaches a route nor counts.
    if (client && !presentedExpectedCertificate(session.socket as TLSSocket, client)) {
      log("refused a TLS connection: its client certificate is not PLUGIN_CLIENT_CERT");
      session.destroy();
      return;
    }
    sessions.add(session);
    session.on("error", (err) => log(`connection: ${err.message}`));
    session.on("close", () => {
      sessions.delete(session);
      if (sessions.size === 0 && server.listening) end("Terraform closed the connection", true);
    });
  });
  server.on("sessionError", (err) => log(`connection: ${err.message}`));

  const port = await listenInRange(server, options.settings.minPort, options.settings.maxPort);
  const handshake = handshakeLine(HOST, port, identity?.certDer ?? null);
  (options.writeHandshake ?? ((line: string) => writeSync(1, line)))(`${handshake}\n`);

  const parentCheckMs = options.parentCheckMs ?? 1000;
  const parent = process.ppid;
  const watch = parentCheckMs > 0 ? setInterval(() => process.ppid !== parent && end("Terraform (the parent process) is gone", true), parentCheckMs) : undefined;
  watch?.unref();

  return {
    port,
    handshake,
    close: async () => {
      if (watch) clearInterval(watch);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sessions) s.destroy();
      await closed;
    },
  };
}

/**
 * Listens on the first free port of [min, max], starting at a random one (several providers start at once; go-plugin
 * itself starts at min), or on a system-chosen port when the range is [0, 0].
 */
async function listenInRange(server: http2.Http2Server | http2.Http2SecureServer, min: number, max: number): Promise<number> {
  const count = max - min + 1;
  const first = Math.floor(Math.random() * count);
  for (let i = 0; i < count; i++) {
    const port = min === 0 && max === 0 ? 0 : min + ((first + i) % count);
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      const onError = (e: NodeJS.ErrnoException) => resolve(e);
      server.once("error", onError);
      server.listen(port, HOST, () => {
        server.off("error", onError);
        resolve(null);
      });
    });
    if (!err) return (server.address() as AddressInfo).port;
    if (err.code !== "EADDRINUSE" && err.code !== "EACCES") throw err;
  }
  throw new Error(`no free port between PLUGIN_MIN_PORT=${min} and PLUGIN_MAX_PORT=${max}`);
}
