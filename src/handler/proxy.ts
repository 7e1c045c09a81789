/**
 * Which proxy, if any, a request to the endpoint goes through, from the usual variables: `https_proxy` /
 * `HTTPS_PROXY`, else `http_proxy` / `HTTP_PROXY` (for any endpoint, as before), and `no_proxy` / `NO_PROXY`.
 *
 * NO_PROXY entries (comma or space separated), as curl and Go read them: `*` (no proxy at all); a host name
 * `example.com` or `.example.com` (that host and every host under it); an IP address; a CIDR block `10.0.0.0/8` or
 * `fd00::/8`; any of these with `:port` (only that port). Loopback (localhost, 127.0.0.0/8, ::1) never goes through
 * a proxy, as in Go's net/http that Terraform itself uses: the emulator must stay reachable with a proxy set.
 */
import * as net from "node:net";
import { isLoopbackHost } from "./endpoint";
import { Refusal } from "./errors";

/** The route of requests to one endpoint. */
export interface ProxyChoice {
  /** The proxy to tunnel through; undefined = direct. */
  readonly proxy?: URL;
  /** Why no proxy is used (for messages), when `proxy` is undefined. */
  readonly direct?: string;
}

/** The proxy URL with user and password replaced by `***` (for logs and messages). */
export function redactProxy(url: URL): string {
  return url.username || url.password ? `${url.protocol}//***@${url.host}` : `${url.protocol}//${url.host}`;
}

function proxyVariable(env: NodeJS.ProcessEnv): { name: string; value: string } | undefined {
  for (const name of ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"]) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/** Parses the proxy variable; a Refusal (credentials never shown) when it is not an http(s) proxy URL. */
export function parseProxy(env: NodeJS.ProcessEnv): URL | undefined {
  const found = proxyVariable(env);
  if (!found) return undefined;
  // A bare host:port is common in these variables: read it as http://host:port.
  const raw = /^[a-z][a-z0-9+.-]*:\/\//i.test(found.value) ? found.value : `http://${found.value}`;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) {
    const shown = url ? redactProxy(url) : "(not a URL)";
    throw new Refusal(`${found.name} '${shown}' is not an http:// or https:// proxy URL such as http://proxy.example.com:3128 (SOCKS proxies are not supported)`);
  }
  return url;
}

function splitHostPort(entry: string): { host: string; port?: string } {
  const bracketed = entry.match(/^\[([^\]]+)\](?::(\d+))?$/);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] };
  const colons = entry.split(":").length - 1;
  if (colons === 1) {
    const [host, port] = entry.split(":");
    return { host, port };
  }
  return { host: entry }; // no port, or a bare IPv6 address
}

/** True when `entry` of NO_PROXY covers `host` (lower-case, no brackets) at `port`. */
function covers(entry: string, host: string, port: string): boolean {
  const slash = entry.indexOf("/");
  if (slash > 0) {
    const [base, bits] = [entry.slice(0, slash).replace(/^\[|\]$/g, ""), Number(entry.slice(slash + 1))];
    const family = net.isIP(base);
    if (!family || net.isIP(host) !== family || !Number.isInteger(bits)) return false;
    const block = new net.BlockList();
    block.addSubnet(base, bits, family === 6 ? "ipv6" : "ipv4");
    return block.check(host, family === 6 ? "ipv6" : "ipv4");
  }
  const { host: want, port: wantPort } = splitHostPort(entry);
  if (wantPort !== undefined && wantPort !== port) return false;
  if (net.isIP(want)) return want === host;
  const domain = want.replace(/^\*?\./, "");
  return domain !== "" && (host === domain || host.endsWith(`.${domain}`));
}

/**
 * The route of requests to `endpoint` (a base URL) under `env`. A malformed proxy variable is a Refusal (checked at
 * configuration, before anything is sent).
 */
export function chooseProxy(endpoint: URL, env: NodeJS.ProcessEnv): ProxyChoice {
  const proxy = parseProxy(env);
  if (!proxy) return { direct: "no HTTPS_PROXY / HTTP_PROXY set" };
  const host = endpoint.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (isLoopbackHost(host)) return { direct: "loopback endpoints never use the proxy" };
  const port = endpoint.port || (endpoint.protocol === "https:" ? "443" : "80");
  const list = (env.no_proxy ?? env.NO_PROXY ?? "").toLowerCase();
  const entries = list.split(/[\s,]+/).filter((e) => e !== "");
  if (entries.includes("*")) return { direct: "NO_PROXY is *" };
  const hit = entries.find((e) => covers(e, host, port));
  return hit ? { direct: `NO_PROXY entry ${hit}` } : { proxy };
}
