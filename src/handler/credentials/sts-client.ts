/**
 * STS (2018-08-13) through the official SDK's CommonClient, as the IAI client does: AssumeRole (signed with the base
 * credentials), AssumeRoleWithWebIdentity (unsigned: the token is the proof), GetCallerIdentity. Failures become
 * Refusals that say which call failed and the API's code; no secret is ever part of them.
 */
import * as http from "node:http";
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import { Endpoint } from "../endpoint";
import { Refusal } from "../errors";
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

function agentFor(endpoint: Endpoint): http.Agent {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return endpoint.protocol === "http://" ? new http.Agent() : new (require("node:https") as typeof import("node:https")).Agent();
}

async function call<T>(endpoint: Endpoint, region: string, credential: Credentials | CredentialProvider | undefined, action: string, params: object): Promise<T> {
  const client = new CommonClient(endpoint.host, STS_VERSION, {
    credential: credential ?? {},
    region,
    profile: { language: "en-US", httpProfile: { protocol: endpoint.protocol, endpoint: endpoint.host, agent: agentFor(endpoint) } },
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
  ) {}

  /** AssumeRole signed with `base`. */
  async assumeRole(base: Credentials | CredentialProvider, params: Record<string, string | number | undefined>): Promise<Credentials> {
    return temporary("AssumeRole", await call<StsCredentialsResponse>(this.endpoint, this.region, base, "AssumeRole", params));
  }

  /** AssumeRoleWithWebIdentity, unsigned. */
  async assumeRoleWithWebIdentity(params: Record<string, string | number | undefined>): Promise<Credentials> {
    return temporary("AssumeRoleWithWebIdentity", await call<StsCredentialsResponse>(this.endpoint, this.region, undefined, "AssumeRoleWithWebIdentity", params));
  }

  /** Who `credentials` belong to. */
  async getCallerIdentity(credentials: Credentials | CredentialProvider): Promise<CallerIdentity> {
    const r = await call<{ AccountId?: string; Arn?: string }>(this.endpoint, this.region, credentials, "GetCallerIdentity", {});
    if (!r.AccountId) throw new Refusal("STS GetCallerIdentity answered without an AccountId");
    return { accountId: String(r.AccountId), arn: r.Arn ?? "-" };
  }
}
