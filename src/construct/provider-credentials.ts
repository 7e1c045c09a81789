/**
 * The credential settings a cdktf app may put in the provider block: everything of the official `tencentcloud`
 * provider's credential configuration that is not a secret (a key, a session token, an OIDC token or an MFA code would
 * land in cdk.tf.json: those come from the environment or a file). Rendered for cdk.tf.json and for `synth --hcl`.
 */
import { hclAttribute } from "./reference-support";

/** `assume_role { … }`: a CAM role assumed with the key the environment (or profile) gives. */
export interface AssumeRoleConfig {
  /** The role's ARN, e.g. `qcs::cam::uin/100000000001:roleName/deployer`. */
  readonly roleArn: string;
  /** The session name (shown as the signer in CloudAudit). */
  readonly sessionName: string;
  /**
   * Seconds, 0 to 43200.
   * @default env TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION, else 7200
   */
  readonly sessionDuration?: number;
  /** A more restrictive policy document for the session. @default none */
  readonly policy?: string;
  /** The role's external ID. @default env TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID */
  readonly externalId?: string;
}

/** `assume_role_with_web_identity { … }`: an OIDC token file exchanged for a role's credentials (no key). */
export interface AssumeRoleWithWebIdentityConfig {
  /** The role's ARN (this or `roleArnFile`). @default env TENCENTCLOUD_ASSUME_ROLE_ARN */
  readonly roleArn?: string;
  /** A JSON file `{"role_arn": "…"}`. @default env TENCENTCLOUD_ASSUME_ROLE_ARNN_FILE */
  readonly roleArnFile?: string;
  /** The session name. @default env TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME */
  readonly sessionName?: string;
  /** Seconds, 0 to 43200. @default env TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION, else 7200 */
  readonly sessionDuration?: number;
  /** A JSON file `{"web_identity_token": "…"}`, read at each exchange. @default env TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE */
  readonly webIdentityTokenFile?: string;
  /** The identity provider's name. @default env TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID, else "OIDC" */
  readonly providerId?: string;
}

/** The provider's credential settings (no secrets: see the module comment). */
export interface TencentcloudIaiCredentialsConfig {
  /** The shared credentials profile. @default env TENCENTCLOUD_PROFILE, else "default" */
  readonly profile?: string;
  /** The shared credentials folder (`<dir>/<profile>.credential`). @default env TENCENTCLOUD_SHARED_CREDENTIALS_DIR, else ~/.tccli */
  readonly sharedCredentialsDir?: string;
  /** The CVM instance's CAM role (only on a CVM). @default env TENCENTCLOUD_CAM_ROLE_NAME */
  readonly camRoleName?: string;
  /** A role to assume with the key. @default env TENCENTCLOUD_ASSUME_ROLE_ARN + TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME, else none */
  readonly assumeRole?: AssumeRoleConfig;
  /** CI by OIDC: a token file exchanged for a role's credentials. @default none */
  readonly assumeRoleWithWebIdentity?: AssumeRoleWithWebIdentityConfig;
  /** The only accounts (uin) the plan may run against (checked with STS GetCallerIdentity before any change). @default any */
  readonly allowedAccountIds?: string[];
  /** Accounts (uin) the plan must fail for. @default none */
  readonly forbiddenAccountIds?: string[];
}

const assumeRoleBlock = (r: AssumeRoleConfig) => ({ role_arn: r.roleArn, session_name: r.sessionName, session_duration: r.sessionDuration, policy: r.policy, external_id: r.externalId });
const webIdentityBlock = (w: AssumeRoleWithWebIdentityConfig) => ({
  role_arn: w.roleArn,
  role_arn_file: w.roleArnFile,
  session_name: w.sessionName,
  session_duration: w.sessionDuration,
  web_identity_token_file: w.webIdentityTokenFile,
  provider_id: w.providerId,
});

/** The attributes and blocks of cdk.tf.json (undefined keys are left out by cdktf's resolve). */
export function credentialAttributes(c: TencentcloudIaiCredentialsConfig): Record<string, unknown> {
  return {
    profile: c.profile,
    shared_credentials_dir: c.sharedCredentialsDir,
    cam_role_name: c.camRoleName,
    allowed_account_ids: c.allowedAccountIds,
    forbidden_account_ids: c.forbiddenAccountIds,
    assume_role: c.assumeRole && [assumeRoleBlock(c.assumeRole)],
    assume_role_with_web_identity: c.assumeRoleWithWebIdentity && [webIdentityBlock(c.assumeRoleWithWebIdentity)],
  };
}

/** The same for `cdktf synth --hcl` (cdktf's HCL renderer wants each value described). */
export function credentialHclAttributes(c: TencentcloudIaiCredentialsConfig): Record<string, unknown> {
  const defined = (o: Record<string, unknown>) => Object.entries(o).filter(([, v]) => v !== undefined);
  const block = (o: Record<string, unknown>, type: "set" | "list") => ({
    value: Object.fromEntries(defined(o).map(([k, v]) => [k, hclAttribute(v, typeof v === "number" ? "number" : "string")])),
    isBlock: true,
    type,
    storageClassType: `${type}Block`,
  });
  return Object.fromEntries(
    defined({
      profile: c.profile && hclAttribute(c.profile),
      shared_credentials_dir: c.sharedCredentialsDir && hclAttribute(c.sharedCredentialsDir),
      cam_role_name: c.camRoleName && hclAttribute(c.camRoleName),
      allowed_account_ids: c.allowedAccountIds && hclAttribute(c.allowedAccountIds, "stringList"),
      forbidden_account_ids: c.forbiddenAccountIds && hclAttribute(c.forbiddenAccountIds, "stringList"),
      assume_role: c.assumeRole && block(assumeRoleBlock(c.assumeRole), "set"),
      assume_role_with_web_identity: c.assumeRoleWithWebIdentity && block(webIdentityBlock(c.assumeRoleWithWebIdentity), "list"),
    }),
  );
}
