/**
 * Where IAI calls go: the public endpoint, or another base URL such as the emulator's. Apart from iai-client.ts so
 * that checking a configuration does not load the SDK.
 */
import { Refusal } from "./errors";

/** The public endpoint. */
export const DEFAULT_ENDPOINT = "https://iai.tencentcloudapi.com";

/** Where calls go. */
export interface Endpoint {
  readonly protocol: "http://" | "https://";
  /** `host[:port]`. */
  readonly host: string;
  /** True for 127.0.0.0/8, ::1 and localhost. */
  readonly loopback: boolean;
}

/**
 * Parses `TENCENTCLOUD_IAI_ENDPOINT` (a base URL); the public endpoint when unset.
 * @param source what to call the value in an error (the provider passes its attribute name)
 */
export function parseEndpoint(raw: string | undefined, source = "TENCENTCLOUD_IAI_ENDPOINT"): Endpoint {
  const value = raw && raw.trim() !== "" ? raw.trim() : DEFAULT_ENDPOINT;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const ok = url && (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password && (url.pathname === "/" || url.pathname === "") && !url.search;
  if (!url || !ok) {
    const shown = url && (url.username || url.password) ? `${url.protocol}//…@${url.host}` : value;
    throw new Refusal(`${source} '${shown}' is not an http(s) base URL such as http://127.0.0.1:9000 (no path, query or user info)`);
  }
  return { protocol: url.protocol === "http:" ? "http://" : "https://", host: url.host, loopback: isLoopbackHost(url.hostname) };
}

/** True for localhost, 127.0.0.0/8 and ::1 (with or without the brackets of a URL's hostname). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h);
}

