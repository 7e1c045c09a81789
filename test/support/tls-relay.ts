/**
 * A TLS listener on loopback in front of a plain-HTTP server (the emulator), with its own throw-away CA made by the
 * `openssl` CLI: the server certificate is for 127.0.0.1, localhost and the names given. Tests point the provider at
 * it to see a private CA trusted (NODE_EXTRA_CA_CERTS, ca_bundle_file) or not.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import * as tls from "node:tls";

/** A running relay. */
export interface TlsRelay {
  /** `https://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** The CA certificate (PEM file) that signed the server certificate. */
  readonly caFile: string;
  stop(): Promise<void>;
}

/** Makes a CA and a server certificate for `names` in `dir`; returns the file paths. */
function makeCertificates(dir: string, names: string[]): { ca: string; cert: string; key: string } {
  const f = (n: string) => path.join(dir, n);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f("ca.key"), "-out", f("ca.pem"), "-days", "2", "-subj", "/CN=face-groups test CA");
  openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f("server.key"), "-out", f("server.csr"), "-subj", "/CN=localhost");
  const san = ["IP:127.0.0.1", "DNS:localhost", ...names.map((n) => `DNS:${n}`)].join(",");
  fs.writeFileSync(f("ext.cnf"), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`);
  openssl("x509", "-req", "-in", f("server.csr"), "-CA", f("ca.pem"), "-CAkey", f("ca.key"), "-CAcreateserial", "-out", f("server.pem"), "-days", "2", "-extfile", f("ext.cnf"));
  return { ca: f("ca.pem"), cert: f("server.pem"), key: f("server.key") };
}

/** Starts a TLS listener relaying to `target` (an http:// base URL); certificates go to `dir`. */
export async function startTlsRelay(target: string, dir: string, names: string[] = []): Promise<TlsRelay> {
  const to = new URL(target);
  const files = makeCertificates(dir, names);
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => s.destroy());
  };
  const server = tls.createServer({ cert: fs.readFileSync(files.cert), key: fs.readFileSync(files.key) }, (client) => {
    track(client);
    const upstream = net.connect(Number(to.port), to.hostname);
    track(upstream);
    client.pipe(upstream).pipe(client);
  });
  // A client that rejects the certificate ends the handshake: not the relay's problem.
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    caFile: files.ca,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
