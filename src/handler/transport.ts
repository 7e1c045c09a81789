/**
 * The HTTP agent the SDK's requests go through: keep-alive, direct or tunnelled through a proxy (HTTP CONNECT), with
 * extra trusted CAs for TLS. Always an explicit agent: without one the SDK sends everything through `http_proxy`,
 * loopback and NO_PROXY hosts included.
 *
 * The tunnel is opened with Node's own HTTP client (`http.request` with method CONNECT parses the proxy's answer)
 * rather than https-proxy-agent (the SDK's dependency): that one replays a refused CONNECT's answer as if the
 * endpoint had sent it, so "the proxy refused" could not be told from "the endpoint answered 403", and it closes
 * every tunnel after one request.
 */
import * as http from "node:http";
import type { Duplex } from "node:stream";
import { redactProxy } from "./proxy";

/** How to reach the endpoint. */
export interface TransportOptions {
  /** True for an https:// endpoint. */
  readonly secure: boolean;
  /** Tunnel through this proxy; undefined = direct. */
  readonly proxy?: URL;
  /** Trusted CAs (PEM) replacing Node's default store; undefined = the default store (with NODE_EXTRA_CA_CERTS). */
  readonly ca?: readonly string[];
}

type Callback = (err: Error | null, socket: Duplex) => void;

/** The callback's error form (the stream argument is unused when there is an error). */
const failed = (message: string): [Error, Duplex] => [new Error(message), undefined as unknown as Duplex];

/** Opens a CONNECT tunnel to `host:port` through `proxy`; errors name the proxy (credentials never shown). */
function openTunnel(proxy: URL, host: string, port: number, done: Callback): void {
  const shown = redactProxy(proxy);
  const target = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  const headers: http.OutgoingHttpHeaders = { host: target };
  if (proxy.username || proxy.password) {
    const auth = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers["proxy-authorization"] = `Basic ${Buffer.from(auth).toString("base64")}`;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const client: typeof http = proxy.protocol === "https:" ? require("node:https") : http;
  const req = client.request({ host: proxy.hostname.replace(/^\[|\]$/g, ""), port: proxy.port || (proxy.protocol === "https:" ? 443 : 80), method: "CONNECT", path: target, headers, agent: false });
  req.once("connect", (res, socket) => {
    if (res.statusCode === 200) return done(null, socket);
    socket.destroy();
    done(...failed(`proxy ${shown} answered CONNECT with ${res.statusCode} ${res.statusMessage ?? ""}`.trimEnd() + `; tunnel to ${target} not opened`));
  });
  req.once("error", (e) => done(...failed(`proxy ${shown} could not be reached: ${e.message}`)));
  req.end();
}

/** The agent for requests to the endpoint. */
export function createAgent(options: TransportOptions): http.Agent {
  const { proxy } = options;
  if (!options.secure) {
    if (!proxy) return new http.Agent({ keepAlive: true });
    return new (class extends http.Agent {
      createConnection(o: http.ClientRequestArgs, cb?: Callback): undefined {
        openTunnel(proxy, String(o.host), Number(o.port), cb!);
        return undefined;
      }
    })({ keepAlive: true });
  }
  // `https` (and TLS) load only for an https:// endpoint, never for the emulator.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const https: typeof import("node:https") = require("node:https");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tlsModule: typeof import("node:tls") = require("node:tls");
  const agentOptions: import("node:https").AgentOptions = { keepAlive: true, ca: options.ca ? [...options.ca] : undefined };
  if (!proxy) return new https.Agent(agentOptions);
  return new (class extends https.Agent {
    createConnection(o: http.ClientRequestArgs, cb?: Callback): undefined {
      // The agent already set `servername` (the host name, or none for an IP address) and the CAs; TLS errors reach
      // the request.
      openTunnel(proxy, String(o.host), Number(o.port), (err, socket) => (err ? cb!(err, socket) : cb!(null, tlsModule.connect({ ...(o as object), socket }))));
      return undefined;
    }
  })(agentOptions);
}
