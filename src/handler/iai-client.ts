/**
 * The handler's only outbound I/O: one attempt of one IAI call through the official SDK's `CommonClient` (TC3
 * signing, envelope), normalized to an `ApiError` on failure. Retries live in retry.ts, not here.
 *
 * `TENCENTCLOUD_IAI_ENDPOINT` (e.g. `http://127.0.0.1:9000`) sends the calls elsewhere, such as to the emulator.
 * The requests go through the agent of transport.ts (proxy per proxy.ts, extra CAs); a request that gets no answer
 * becomes a `NetworkFailure` naming its cause (network-failure.ts).
 */
import type * as http from "node:http";
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import type { CredentialProvider } from "./credentials/types";
import { Endpoint } from "./endpoint";
import { ApiError, Interrupted } from "./errors";
import { networkFailure, RequestRoute } from "./network-failure";
import { ProxyChoice, redactProxy } from "./proxy";
import { createAgent } from "./transport";

/** The IAI API version this handler speaks. */
export const IAI_VERSION = "2020-03-03";

/** What the client needs. */
export interface IaiClientConfig {
  readonly endpoint: Endpoint;
  readonly region: string;
  /** Asked before every request: temporary credentials are renewed in between (src/handler/credentials). */
  readonly credentials: CredentialProvider;
  /** The route to the endpoint (proxy.ts's chooseProxy). @default direct */
  readonly route?: ProxyChoice;
  /** Trusted CAs (PEM) instead of Node's default store (the provider's ca_bundle_file). @default the default store */
  readonly ca?: readonly string[];
}

/** A successful answer: the `Response` object of the envelope. */
export type IaiResponse = Record<string, unknown> & { RequestId?: string };

/** The shape of the SDK's TencentCloudSDKHttpException (matched by shape: the bundle is minified). */
interface SdkError {
  message?: string;
  code?: string;
  httpCode?: number;
  requestId?: string;
  traceId?: string;
}

/** One IAI endpoint + region + credentials. */
export class IaiClient {
  private readonly client: CommonClient;
  private readonly agent: http.Agent;
  private readonly route: RequestRoute;

  constructor(config: IaiClientConfig) {
    const { endpoint } = config;
    const proxy = config.route?.proxy;
    this.agent = createAgent({ secure: endpoint.protocol === "https://", proxy, ca: config.ca });
    this.route = { endpoint: endpoint.protocol + endpoint.host, proxy: proxy && redactProxy(proxy), direct: config.route?.direct };
    this.client = new CommonClient(endpoint.host, IAI_VERSION, {
      credential: config.credentials,
      region: config.region,
      profile: {
        language: "en-US",
        httpProfile: { protocol: endpoint.protocol, endpoint: endpoint.host, agent: this.agent },
      },
    });
  }

  /**
   * One attempt of `action`; an `ApiError` on any failure, `Interrupted` when `stop` aborted it (the request may
   * or may not have reached the API).
   */
  async attempt(action: string, params: object, timeoutMs: number, stop?: AbortSignal): Promise<{ value: IaiResponse; requestId?: string }> {
    const timeout = AbortSignal.timeout(Math.max(1, Math.floor(timeoutMs)));
    const signal = stop ? AbortSignal.any([timeout, stop]) : timeout;
    try {
      const value = (await this.client.request(action, params, { signal })) as IaiResponse;
      return { value, requestId: value.RequestId };
    } catch (e) {
      if (stop?.aborted) throw new Interrupted();
      throw toApiError(action, e as SdkError, this.route, timeout.aborted ? timeoutMs : undefined);
    }
  }

  /** Closes kept-alive connections so the process can exit at once. */
  close(): void {
    this.agent.destroy();
  }
}

function toApiError(action: string, e: SdkError, route: RequestRoute, timedOutAfterMs?: number): ApiError {
  const isSdk = typeof e === "object" && e !== null && "requestId" in e && "traceId" in e;
  const requestId = e?.requestId || undefined;
  if (isSdk && e.code) return new ApiError(action, "api", e.code, e.message ?? "", requestId);
  if (isSdk && e.httpCode) return new ApiError(action, "http", `HTTP${e.httpCode}`, e.message || `HTTP ${e.httpCode}`, requestId, e.httpCode);
  const message = timedOutAfterMs !== undefined ? `no answer within ${Math.round(timedOutAfterMs)}ms` : (e?.message ?? String(e));
  return networkFailure(action, message, route);
}
