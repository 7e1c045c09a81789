/**
 * Where the credential chain's own calls go: STS and the CVM instance metadata service.
 *
 * SEAM (h18, issue 18): the provider's `domain`/`protocol` will build `<protocol>://<service>.<domain>`; STS's default
 * below should then come from that function (`sts` as the service). Until then it is the public endpoint.
 * `TENCENTCLOUD_STS_ENDPOINT` and `TENCENTCLOUD_METADATA_ENDPOINT` are test/emulator-facing overrides (base URLs, like
 * `TENCENTCLOUD_IAI_ENDPOINT`): point them at `face-groups emulator`, which serves both on its one port.
 */
import { Endpoint, parseEndpoint } from "../endpoint";

/** The public STS endpoint. */
export const DEFAULT_STS_ENDPOINT = "https://sts.tencentcloudapi.com";
/** The CVM instance metadata service (reachable only from a CVM). */
export const DEFAULT_METADATA_ENDPOINT = "http://metadata.tencentyun.com";

/** The STS endpoint (a Refusal naming the variable when the override is not a base URL). */
export function stsEndpoint(env: NodeJS.ProcessEnv): Endpoint {
  return parseEndpoint(env.TENCENTCLOUD_STS_ENDPOINT || DEFAULT_STS_ENDPOINT, "TENCENTCLOUD_STS_ENDPOINT");
}

/** The metadata service's base URL (a Refusal naming the variable when the override is not a base URL). */
export function metadataBaseUrl(env: NodeJS.ProcessEnv): string {
  const e = parseEndpoint(env.TENCENTCLOUD_METADATA_ENDPOINT || DEFAULT_METADATA_ENDPOINT, "TENCENTCLOUD_METADATA_ENDPOINT");
  return `${e.protocol}${e.host}`;
}
