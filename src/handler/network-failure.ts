/**
 * Names the cause of a request that never got an answer: `NetworkError.<Cause>` plus a message with the endpoint,
 * the proxy (or none) and what to check. The SDK keeps only the message of the underlying error (it wraps node-fetch's
 * FetchError, whose `code` it drops), so the cause is read from that message: Node's own texts, stable across versions
 * ("getaddrinfo ENOTFOUND host", "connect ECONNREFUSED …", OpenSSL's certificate reasons), and the texts of our proxy
 * tunnel (transport.ts).
 */
import { ApiError } from "./errors";

/** A network failure's cause. `uncurable` ones cannot go away by retrying within one command (see fail-fast.ts). */
export interface NetworkCause {
  /** `NetworkError.<Cause>`, e.g. `NetworkError.DnsNotFound`. */
  readonly code: string;
  /** What happened, in words. */
  readonly what: string;
  /** What to check. */
  readonly check: string;
  /** True when the same attempt will fail the same way however often it is retried. */
  readonly uncurable: boolean;
}

/** Where the failed request went, for the message. */
export interface RequestRoute {
  /** The endpoint's base URL, e.g. `https://iai.tencentcloudapi.com`. */
  readonly endpoint: string;
  /** The proxy's URL with its credentials removed; undefined = direct (`direct` says why). */
  readonly proxy?: string;
  /** Why no proxy was used (loopback, NO_PROXY, no proxy variable). */
  readonly direct?: string;
}

const ENDPOINT_VARS = "the endpoint (endpoint / TENCENTCLOUD_IAI_ENDPOINT, or domain / protocol)";

interface Rule {
  readonly test: RegExp;
  readonly cause: (m: RegExpMatchArray) => NetworkCause;
}

const cause = (code: string, what: string, check: string, uncurable: boolean): NetworkCause => ({ code: `NetworkError.${code}`, what, check, uncurable });

/** Most specific first. Proxy texts come from transport.ts. */
const RULES: readonly Rule[] = [
  {
    test: /proxy (\S+) answered CONNECT with (\d{3})([^;]*)/,
    cause: (m) =>
      cause(
        m[2] === "407" ? "ProxyAuthRequired" : "ProxyRefused",
        `the proxy ${m[1]} refused to open a tunnel (HTTP ${m[2]}${m[3].trimEnd()})`,
        m[2] === "407"
          ? "the proxy wants credentials: put them in HTTPS_PROXY (http://user:password@host:port)"
          : "the proxy's rules (allow-list of hosts and ports) and whether the endpoint is reachable from the proxy; or add the endpoint's host to NO_PROXY",
        true,
      ),
  },
  {
    test: /proxy (\S+) could not be reached: (?:\S+ )?(E[A-Z_]+)/,
    cause: (m) => cause("ProxyUnreachable", `the proxy ${m[1]} could not be reached (${m[2]})`, "HTTPS_PROXY / https_proxy: is the proxy running at that host and port?", m[2] !== "ECONNRESET" && m[2] !== "ETIMEDOUT" && m[2] !== "EAI_AGAIN"),
  },
  {
    test: /getaddrinfo ENOTFOUND (\S+)/,
    cause: (m) => cause("DnsNotFound", `the host name ${m[1]} does not resolve (DNS: no such name)`, `the host name in ${ENDPOINT_VARS}, and the machine's DNS; behind a proxy, set HTTPS_PROXY`, true),
  },
  {
    test: /getaddrinfo EAI_AGAIN (\S+)/,
    cause: (m) => cause("DnsTransient", `the DNS server did not answer for ${m[1]} (EAI_AGAIN, temporary)`, "the machine's DNS servers (/etc/resolv.conf) and network", false),
  },
  {
    test: /ECONNREFUSED (\S+)/,
    cause: (m) => cause("Refused", `the connection to ${m[1]} was refused: nothing listens on that port`, `the host and port in ${ENDPOINT_VARS}; is the service (or emulator) running?`, true),
  },
  {
    test: /E(HOSTUNREACH|NETUNREACH)/,
    cause: (m) => cause("NoRoute", `there is no network route to the endpoint (E${m[1]})`, "the network: a locked-down machine needs the proxy in HTTPS_PROXY, or a private endpoint in domain / endpoint", true),
  },
  { test: /ECONNRESET|socket hang up/, cause: () => cause("Reset", "the connection was reset before an answer came", "the network or a proxy/firewall in between (retried: usually temporary)", false) },
  { test: /ETIMEDOUT|network timeout|no answer within/, cause: () => cause("Timeout", "no answer came in time", "the network's latency and request_timeout_seconds (retried: usually temporary)", false) },
  {
    test: /does not match certificate's altnames|ERR_TLS_CERT_ALTNAME_INVALID/,
    cause: () => cause("TlsHostnameMismatch", "the server's TLS certificate is for another host name", `the host name in ${ENDPOINT_VARS}: use the name the certificate was issued for`, true),
  },
  {
    test: /certificate has expired|certificate is not yet valid/,
    cause: () => cause("TlsExpired", "the server's TLS certificate has expired (or is not valid yet)", "the server's certificate, and this machine's clock", true),
  },
  {
    test: /self[- ]signed certificate|unable to get local issuer certificate|unable to verify the first certificate|unable to get issuer certificate/,
    cause: () =>
      cause(
        "TlsUntrustedCa",
        "the server's TLS certificate is signed by a CA this machine does not trust",
        "a TLS-intercepting proxy or a private endpoint needs its CA trusted: NODE_EXTRA_CA_CERTS=/path/ca.pem or the provider's ca_bundle_file",
        true,
      ),
  },
  {
    test: /wrong version number|packet length too long|SSL routines|ERR_SSL_/,
    cause: () => cause("TlsHandshake", "the TLS handshake failed (is the endpoint plain HTTP?)", `the scheme in ${ENDPOINT_VARS}: http:// vs https://`, true),
  },
];

/** The cause of a request that got no answer, from the message the SDK kept. */
export function classifyNetworkFailure(message: string): NetworkCause {
  for (const rule of RULES) {
    const m = message.match(rule.test);
    if (m) return rule.cause(m);
  }
  return cause("Other", "the request failed before an answer came", `the network, any proxy, and ${ENDPOINT_VARS}`, false);
}

/** How a request was routed, in words: `endpoint https://… via proxy http://…` or `… direct (…)`. */
export function describeRoute(route: RequestRoute): string {
  return `endpoint ${route.endpoint} ${route.proxy ? `via proxy ${route.proxy}` : `direct, no proxy${route.direct ? ` (${route.direct})` : ""}`}`;
}

/** The message of a network failure: cause, route, the underlying text (node-fetch's "request to … failed" cut). */
export function networkFailureMessage(c: NetworkCause, route: RequestRoute, underlying: string): string {
  return `${c.what}; ${describeRoute(route)} [${underlying.replace(/^request to \S+ failed, reason: /, "")}]`;
}


/** A request that got no answer, with its named cause (an `ApiError` of kind `network`, code `NetworkError.<Cause>`). */
export class NetworkFailure extends ApiError {
  constructor(
    action: string,
    readonly networkCause: NetworkCause,
    readonly route: RequestRoute,
    message: string,
  ) {
    super(action, "network", networkCause.code, message);
    this.name = "NetworkFailure";
  }

  /** What to check, for this cause. */
  override get hint(): string {
    return `check ${this.networkCause.check}`;
  }

  /** True when retrying within this command cannot cure it (fail-fast.ts counts these). */
  get uncurable(): boolean {
    return this.networkCause.uncurable;
  }
}

/** The `NetworkFailure` for an SDK error message that carried no answer. */
export function networkFailure(action: string, underlying: string, route: RequestRoute): NetworkFailure {
  const c = classifyNetworkFailure(underlying);
  return new NetworkFailure(action, c, route, networkFailureMessage(c, route, underlying));
}
