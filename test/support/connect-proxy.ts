/**
 * A small HTTP CONNECT proxy on loopback for network tests: it opens tunnels to `host:port`, resolving the targets
 * of its `hosts` table itself (so a client that reaches such a name at all went through the proxy), records every
 * CONNECT it got (target and Proxy-Authorization), and refuses them all with 403 when `refuse` is set.
 */
import * as http from "node:http";
import * as net from "node:net";

/** One CONNECT request the proxy received. */
export interface ConnectRecord {
  /** `host:port` as asked. */
  readonly target: string;
  /** The decoded `user:password` of Proxy-Authorization, if any. */
  readonly credentials?: string;
}

/** A running proxy. */
export interface ConnectProxy {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Every CONNECT so far. */
  readonly connects: ConnectRecord[];
  stop(): Promise<void>;
}

/** Starts the proxy; `hosts` maps names (`host`, or `host:port` for one port only) to an address, or `address:port`. */
export async function startConnectProxy(options: { hosts?: Record<string, string>; refuse?: boolean } = {}): Promise<ConnectProxy> {
  const connects: ConnectRecord[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => res.writeHead(405).end("CONNECT only\n"));
  server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    const auth = req.headers["proxy-authorization"];
    const credentials = auth?.startsWith("Basic ") ? Buffer.from(auth.slice(6), "base64").toString("utf8") : undefined;
    const target = req.url ?? "";
    connects.push({ target, credentials });
    if (options.refuse) return void client.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    const at = target.lastIndexOf(":");
    const host = target.slice(0, at).replace(/^\[|\]$/g, "");
    const [address, port] = (options.hosts?.[target] ?? options.hosts?.[host] ?? host).split(/:(?=\d+$)/);
    const upstream = net.connect(Number(port ?? target.slice(at + 1)), address, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.end("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
