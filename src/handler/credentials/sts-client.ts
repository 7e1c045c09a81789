/**
 * STS (2018-08-13) through the official SDK's CommonClient, as the IAI client does: AssumeRole (signed with the base
 * credentials), AssumeRoleWithWebIdentity (unsigned: the token is the proof), GetCallerIdentity. Failures become
 * Refusals that say which call failed and the API's code; no secret is ever part of them.
 */
import type * as http from "node:http";
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import { Endpoint } from "../endpoint";
import { Refusal } from "../errors";
import { chooseProxy } from "../proxy";
import { createAgent } from "../transport";
import { CredentialProvider, Credentials } from "./types";

/** The STS API version. */
export const STS_VERSION = "2018-08-13";
/** Longest wait for one STS answer, ms. */
const STS_TIMEOUT_MS = 30_000;

/** Temporary credentials as STS returns them. */
interface StsCredentialsResponse {
  Credentials?: { TmpSecretId?: string; TmpSecretKey?: string; Token?: string };
  ExpiredTime?: number;
}

/** Who signed, as GetCallerIdentity answers. */
export interface CallerIdentity {
  readonly accountId: string;
  readonly arn: string;
}

/** How STS is reached: the IAI calls' proxy rules (HTTPS_PROXY, NO_PROXY) and trusted CAs. */
export interface StsTransport {
  readonly env: NodeJS.ProcessEnv;
  readonly ca?: readonly string[];
}

async function call<T>(endpoint: Endpoint, region: string, transport: StsTransport, credential: Credentials | CredentialProvider | undefined, action: string, params: object): Promise<T> {
  const route = chooseProxy(new URL(endpoint.protocol + endpoint.host), transport.env);
  const agent: http.Agent = createAgent({ secure: endpoint.protocol === "https://", proxy: route.proxy, ca: transport.ca });
  const client = new CommonClient(endpoint.host, STS_VERSION, {
    credential: credential ?? {},
    region,
    profile: { language: "en-US", httpProfile: { protocol: endpoint.protocol, endpoint: endpoint.host, agent } },
  });
  try {
    return (await client.request(action, params, { signal: AbortSignal.timeout(STS_TIMEOUT_MS), skipSign: credential === undefined })) as T;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    throw new Refusal(`STS ${action} at ${endpoint.protocol}${endpoint.host} failed: ${err.code ? `${err.code}: ` : ""}${err.message ?? String(e)}`);
  }
}

function temporary(action: string, r: StsCredentialsResponse): Credentials {
  const c = r.Credentials;
  if (!c?.TmpSecretId || !c.TmpSecretKey || !c.Token || typeof r.ExpiredTime !== "number") throw new Refusal(`STS ${action} answered without credentials`);
  return { secretId: c.TmpSecretId, secretKey: c.TmpSecretKey, token: c.Token, expiresAt: r.ExpiredTime * 1000 };
}

/** STS at one endpoint, for one region. */
export class StsClient {
  constructor(
    private readonly endpoint: Endpoint,
    private readonly region: string,
    private readonly transport: StsTransport,
  ) {}

  /** AssumeRole signed with `base`. */
  async assumeRole(base: Credentials | CredentialProvider, params: Record<string, string | number | undefined>): Promise<Credentials> {
    return temporary("AssumeRole", await call<StsCredentialsResponse>(this.endpoint, this.region, this.transport, base, "AssumeRole", params));
  }

  /** AssumeRoleWithWebIdentity, unsigned. */
  async assumeRoleWithWebIdentity(params: Record<string, string | number | undefined>): Promise<Credentials> {
    return temporary("AssumeRoleWithWebIdentity", await call<StsCredentialsResponse>(this.endpoint, this.region, this.transport, undefined, "AssumeRoleWithWebIdentity", params));
  }

  /** Who `credentials` belong to. */
  async getCallerIdentity(credentials: Credentials | CredentialProvider): Promise<CallerIdentity> {
    const r = await call<{ AccountId?: string; Arn?: string }>(this.endpoint, this.region, this.transport, credentials, "GetCallerIdentity", {});
    if (!r.AccountId) throw new Refusal("STS GetCallerIdentity answered without an AccountId");
    return { accountId: String(r.AccountId), arn: r.Arn ?? "-" };
  }
}
