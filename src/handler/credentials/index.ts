/**
 * The provider's credential chain, with the names and precedence of the official `tencentcloud` provider:
 *
 * 1. `assume_role_with_web_identity` (block, else `TENCENTCLOUD_ASSUME_ROLE_ARN` + `…_SESSION_NAME` +
 *    `TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN[_FILE]`): the OIDC token alone, no key needed.
 * 2. Otherwise a base key, the first found of: `secret_id`/`secret_key`/`security_token` in the provider block; the
 *    environment (`TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`, `TENCENTCLOUD_SECURITY_TOKEN` alias
 *    `TENCENTCLOUD_SESSION_TOKEN`); the shared credentials profile (`profile`, `shared_credentials_dir`); the CVM
 *    instance role (`cam_role_name`); the TKE pod OIDC variables.
 * 3. Then, on top of that base, `assume_role` (block, else `TENCENTCLOUD_ASSUME_ROLE_ARN` + `…_SESSION_NAME`, else the
 *    profile's `role-arn`): its temporary credentials sign every call.
 *
 * Temporary credentials are refreshed before they expire (refreshing.ts); the account guard (account-guard.ts) checks
 * `allowed_account_ids` / `forbidden_account_ids` before the first write.
 */
import { OIDCRoleArnCredential } from "tencentcloud-sdk-nodejs-common";
import { Refusal } from "../errors";
import { assumeRoleSource } from "./assume-role";
import { cvmRoleSource } from "./cvm-role";
import { DomainSettings } from "../endpoint-config";
import { stsEndpoint } from "./endpoints";
import { readProfile } from "./profile";
import { RefreshingCredentials } from "./refreshing";
import { StsClient } from "./sts-client";
import { CredentialSettings, CredentialSource, Credentials, DEFAULT_SESSION_DURATION } from "./types";
import { webIdentitySource } from "./web-identity";

export type { Credentials, CredentialProvider, CredentialSettings, AssumeRoleSettings, WebIdentitySettings } from "./types";
export { DEFAULT_SESSION_DURATION } from "./types";
export { RefreshingCredentials } from "./refreshing";
export { checkAccount } from "./account-guard";
export { StsClient } from "./sts-client";


const HOW_TO =
  "set secret_id and secret_key in the provider block, or TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (plus TENCENTCLOUD_SECURITY_TOKEN, " +
  "alias TENCENTCLOUD_SESSION_TOKEN, for temporary credentials) in the environment of terraform / cdktf deploy, or a profile (~/.tccli/<profile>.credential, " +
  "`tccli configure`), or cam_role_name on a CVM instance, or assume_role_with_web_identity";

const fixed = (description: string, c: Credentials): CredentialSource => ({ description, fetch: async () => c });

/** The base key of step 2; a Refusal (naming no secret) when there is none. */
function baseSource(s: CredentialSettings, env: NodeJS.ProcessEnv): { source: CredentialSource; profileRole?: { roleArn: string; sessionName: string } } {
  if (s.key) return { source: fixed(s.key.from, s.key) };
  if (s.keyProblem) throw new Refusal(s.keyProblem);
  const profile = readProfile(s.profile, s.sharedCredentialsDir);
  if (profile) return { source: fixed(`profile ${s.profile} (${profile.file})`, profile), profileRole: profile.role };
  if (s.camRoleName) return { source: cvmRoleSource(s.camRoleName, env) };
  if (env.TKE_ROLE_ARN && env.TKE_WEB_IDENTITY_TOKEN_FILE) {
    return {
      source: {
        description: "TKE pod OIDC (TKE_ROLE_ARN)",
        fetch: async () => {
          const c = await new OIDCRoleArnCredential().getCredential();
          if (!c.secretId || !c.secretKey) throw new Refusal("the TKE pod OIDC exchange gave no credentials");
          return { secretId: c.secretId, secretKey: c.secretKey, token: c.token };
        },
      },
    };
  }
  throw new Refusal(`no Tencent Cloud credentials found; ${HOW_TO}`);
}

/** Where and how STS is reached. */
export interface StsAccess {
  /** The region STS calls name. */
  readonly region: string;
  /** The provider's `domain` / `protocol`. */
  readonly domain?: DomainSettings;
  /** Trusted CAs (the provider's ca_bundle_file). */
  readonly ca?: readonly string[];
}

/** The STS client of the provider's settings. */
export function stsClient(env: NodeJS.ProcessEnv, access: StsAccess): StsClient {
  return new StsClient(stsEndpoint(env, access.domain), access.region, { env, ca: access.ca });
}

/**
 * The credentials every call of the provider process signs with.
 * @param onFetched told about every set fetched (the provider hides their secrets from its log)
 * @throws Refusal when no credentials are configured, or a setting is unusable (a message naming no secret)
 */
export function credentialChain(s: CredentialSettings, env: NodeJS.ProcessEnv, access: StsAccess, onFetched: (c: Credentials) => void = () => undefined): RefreshingCredentials {
  const sts = stsClient(env, access);
  if (s.webIdentity) return new RefreshingCredentials(webIdentitySource(s.webIdentity, sts), onFetched);
  const { source, profileRole } = baseSource(s, env);
  const base = new RefreshingCredentials(source, onFetched);
  const role = s.assumeRole ?? (profileRole && { ...profileRole, sessionDuration: DEFAULT_SESSION_DURATION });
  return role ? new RefreshingCredentials(assumeRoleSource(role, base, source.description, sts), onFetched) : base;
}
