/**
 * The official tencentcloud provider's `domain` and `protocol` settings (env TENCENTCLOUD_DOMAIN,
 * TENCENTCLOUD_PROTOCOL): a service's endpoint is `<protocol>://<service>.<domain>`, e.g.
 * `https://iai.tencentcloudapi.com`, or `https://iai.internal.tencentcloudapi.com` for the private (VPC) domain.
 * An explicit endpoint (the provider's `endpoint`, TENCENTCLOUD_IAI_ENDPOINT) wins over both.
 */
import { Refusal } from "./errors";

/** The official provider's default root domain. */
export const DEFAULT_DOMAIN = "tencentcloudapi.com";
/** The official provider's default protocol. */
export const DEFAULT_PROTOCOL = "HTTPS";

/** `HTTP` or `HTTPS`, as the official provider spells them. */
export type ApiProtocol = "HTTP" | "HTTPS";

/** Where a service's endpoint is: the root domain and the protocol. */
export interface DomainSettings {
  /** Root domain. @default "tencentcloudapi.com" */
  readonly domain?: string;
  /** @default "HTTPS" */
  readonly protocol?: ApiProtocol;
}

/**
 * A service's base URL from domain and protocol, e.g. `serviceEndpoint("sts", { domain: "internal.tencentcloudapi.com" })`
 * → `https://sts.internal.tencentcloudapi.com`.
 */
export function serviceEndpoint(service: string, settings: DomainSettings = {}): string {
  return `${(settings.protocol ?? DEFAULT_PROTOCOL).toLowerCase()}://${service}.${settings.domain ?? DEFAULT_DOMAIN}`;
}

/** Checks a `protocol` value (case-insensitive); a Refusal naming `source` when it is neither HTTP nor HTTPS. */
export function parseProtocol(raw: string, source: string): ApiProtocol {
  const value = raw.trim().toUpperCase();
  if (value === "HTTP" || value === "HTTPS") return value;
  throw new Refusal(`${source} '${raw}' must be HTTP or HTTPS`);
}

/** Checks a `domain` value; a Refusal naming `source` when it is not a bare DNS name (no scheme, port or path). */
export function parseDomain(raw: string, source: string): string {
  const value = raw.trim().toLowerCase().replace(/\.$/, "");
  const label = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
  if (value.length <= 253 && new RegExp(`^${label}(?:\\.${label})+$`).test(value)) return value;
  throw new Refusal(`${source} '${raw}' is not a root domain such as tencentcloudapi.com or internal.tencentcloudapi.com (no scheme, port or path)`);
}
