/** The official provider's domain / protocol: a service's endpoint, and the values refused. */
import { parseDomain, parseProtocol, serviceEndpoint } from "../../src/handler/endpoint-config";

test("a service's endpoint from domain and protocol, defaults as in the official provider", () => {
  expect(serviceEndpoint("iai")).toBe("https://iai.tencentcloudapi.com");
  expect(serviceEndpoint("sts", { domain: "internal.tencentcloudapi.com" })).toBe("https://sts.internal.tencentcloudapi.com");
  expect(serviceEndpoint("iai", { domain: "api.corp.example", protocol: "HTTP" })).toBe("http://iai.api.corp.example");
});

test("protocol and domain are checked", () => {
  expect(parseProtocol("https", "protocol")).toBe("HTTPS");
  expect(() => parseProtocol("ftp", "TENCENTCLOUD_PROTOCOL")).toThrow("TENCENTCLOUD_PROTOCOL 'ftp' must be HTTP or HTTPS");
  expect(parseDomain("Internal.TencentCloudAPI.com.", "domain")).toBe("internal.tencentcloudapi.com");
  for (const bad of ["https://tencentcloudapi.com", "tencentcloudapi.com:443", "tencentcloudapi.com/x", "localhost", "a..b"]) {
    expect(() => parseDomain(bad, "domain")).toThrow(/domain '.*' is not a root domain/);
  }
});
