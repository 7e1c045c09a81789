/**
 * Where the credential chain's own calls go: STS (`<protocol>://sts.<domain>` from the provider's `domain` /
 * `protocol`, as for IAI: https://sts.tencentcloudapi.com by default) and the CVM instance metadata service.
 * `TENCENTCLOUD_STS_ENDPOINT` and `TENCENTCLOUD_METADATA_ENDPOINT` are test/emulator-facing overrides (base URLs, like
 * `TENCENTCLOUD_IAI_ENDPOINT`): point them at `face-groups emulator`, which serves both on its one port.
 */
import { Endpoint, parseEndpoint } from "../endpoint";
import { DomainSettings, serviceEndpoint } from "../endpoint-config";

/** The CVM instance metadata service (reachable only from a CVM). */
export const DEFAULT_METADATA_ENDPOINT = "http://metadata.tencentyun.com";

/** The STS endpoint (a Refusal naming the variable when the override is not a base URL). */
export function stsEndpoint(env: NodeJS.ProcessEnv, domain: DomainSettings = {}): Endpoint {
  return env.TENCENTCLOUD_STS_ENDPOINT ? parseEndpoint(env.TENCENTCLOUD_STS_ENDPOINT, "TENCENTCLOUD_STS_ENDPOINT") : parseEndpoint(serviceEndpoint("sts", domain), "domain / protocol");
}

/** The metadata service's base URL (a Refusal naming the variable when the override is not a base URL). */
export function metadataBaseUrl(env: NodeJS.ProcessEnv): string {
  const e = parseEndpoint(env.TENCENTCLOUD_METADATA_ENDPOINT || DEFAULT_METADATA_ENDPOINT, "TENCENTCLOUD_METADATA_ENDPOINT");
  return `${e.protocol}${e.host}`;
}
