/**
 * The route of a request (proxy.ts: proxy variables and NO_PROXY) and the naming of its failures
 * (network-failure.ts), from the texts Node and our tunnel produce.
 */
import { Refusal } from "../../src/handler/errors";
import { classifyNetworkFailure } from "../../src/handler/network-failure";
import { chooseProxy, redactProxy } from "../../src/handler/proxy";

const route = (endpoint: string, env: NodeJS.ProcessEnv) => {
  const c = chooseProxy(new URL(endpoint), env);
  return c.proxy ? `proxy ${redactProxy(c.proxy)}` : `direct: ${c.direct}`;
};

describe("chooseProxy", () => {
  const P = { HTTPS_PROXY: "http://u:secret@proxy.corp:3128" };

  test("the proxy variables, lower case first; credentials never shown", () => {
    expect(route("https://iai.tencentcloudapi.com", P)).toBe("proxy http://***@proxy.corp:3128");
    expect(route("https://iai.tencentcloudapi.com", { ...P, https_proxy: "proxy.lower:8080" })).toBe("proxy http://proxy.lower:8080");
    expect(route("https://iai.tencentcloudapi.com", { HTTP_PROXY: "http://p:1" })).toBe("proxy http://p:1");
    expect(route("https://iai.tencentcloudapi.com", {})).toBe("direct: no HTTPS_PROXY / HTTP_PROXY set");
  });

  test("loopback never goes through the proxy", () => {
    for (const e of ["http://127.0.0.1:9000", "http://127.1.2.3:1", "http://localhost:9", "http://[::1]:9"]) expect(route(e, P)).toBe("direct: loopback endpoints never use the proxy");
  });

  test.each([
    ["*", "https://iai.tencentcloudapi.com", true],
    ["tencentcloudapi.com", "https://iai.tencentcloudapi.com", true],
    [".tencentcloudapi.com", "https://iai.tencentcloudapi.com", true],
    ["*.tencentcloudapi.com", "https://iai.tencentcloudapi.com", true],
    ["iai.tencentcloudapi.com", "https://iai.tencentcloudapi.com", true],
    ["cloudapi.com", "https://iai.tencentcloudapi.com", false],
    ["other.com, IAI.TencentCloudAPI.com", "https://iai.tencentcloudapi.com", true],
    ["iai.tencentcloudapi.com:443", "https://iai.tencentcloudapi.com", true],
    ["iai.tencentcloudapi.com:8443", "https://iai.tencentcloudapi.com", false],
    ["10.0.0.0/8", "http://10.1.2.3:9000", true],
    ["10.0.0.0/8", "http://11.1.2.3:9000", false],
    ["10.1.2.3", "http://10.1.2.3:9000", true],
    ["fd00::/8", "http://[fd12::1]:9000", true],
    ["[fd12::1]:9000", "http://[fd12::1]:9000", true],
    ["10.0.0.0/8", "https://iai.tencentcloudapi.com", false],
  ])("NO_PROXY=%j for %s bypasses: %s", (noProxy, endpoint, bypass) => {
    expect(route(endpoint, { ...P, NO_PROXY: noProxy }).startsWith("direct: NO_PROXY")).toBe(bypass);
    expect(route(endpoint, { ...P, no_proxy: noProxy }).startsWith("direct: NO_PROXY")).toBe(bypass);
  });

  test("a proxy variable that is no http(s) URL is refused, without its credentials", () => {
    const r = () => chooseProxy(new URL("https://iai.tencentcloudapi.com"), { HTTPS_PROXY: "socks5://u:hunter22@p:1080" });
    expect(r).toThrow(Refusal);
    expect(r).toThrow("HTTPS_PROXY 'socks5://***@p:1080' is not an http:// or https:// proxy URL");
  });
});

describe("classifyNetworkFailure", () => {
  test.each([
    ["request to http://x.invalid:9/ failed, reason: getaddrinfo ENOTFOUND x.invalid", "DnsNotFound", true],
    ["request to http://x:9/ failed, reason: getaddrinfo EAI_AGAIN x", "DnsTransient", false],
    ["request to http://127.0.0.1:9/ failed, reason: connect ECONNREFUSED 127.0.0.1:9", "Refused", true],
    ["request to http://10.0.0.1:9/ failed, reason: connect EHOSTUNREACH 10.0.0.1:9", "NoRoute", true],
    ["request to http://x/ failed, reason: read ECONNRESET", "Reset", false],
    ["request to http://x/ failed, reason: socket hang up", "Reset", false],
    ["no answer within 30000ms", "Timeout", false],
    ["request to https://x/ failed, reason: self-signed certificate in certificate chain", "TlsUntrustedCa", true],
    ["request to https://x/ failed, reason: unable to verify the first certificate", "TlsUntrustedCa", true],
    ["request to https://x/ failed, reason: Hostname/IP does not match certificate's altnames: Host: x. is not in the cert's altnames: DNS:y", "TlsHostnameMismatch", true],
    ["request to https://x/ failed, reason: certificate has expired", "TlsExpired", true],
    ["request to https://x/ failed, reason: 80B8:error:0A00010B:SSL routines:ssl3_get_record:wrong version number", "TlsHandshake", true],
    ["request to https://x/ failed, reason: proxy http://p:1 answered CONNECT with 403 Forbidden; tunnel to x:443 not opened", "ProxyRefused", true],
    ["request to https://x/ failed, reason: proxy http://p:1 answered CONNECT with 407 Proxy Authentication Required; tunnel to x:443 not opened", "ProxyAuthRequired", true],
    ["request to https://x/ failed, reason: proxy http://p:1 could not be reached: connect ECONNREFUSED 127.0.0.1:1", "ProxyUnreachable", true],
    ["something else entirely", "Other", false],
  ])("%s → %s", (message, cause, uncurable) => {
    const c = classifyNetworkFailure(message);
    expect(c.code).toBe(`NetworkError.${cause}`);
    expect(c.uncurable).toBe(uncurable);
  });
});
