/**
 * The provider block's credential attributes and blocks, named as the official `tencentcloud` provider names them (a
 * block moves between the two providers unchanged). The chain they feed and its precedence: src/handler/credentials.
 */
import { NestedBlockSchema, SchemaAttribute } from "../protocol/types";

/** The precedence, written once (the provider's description, the README and docs/ show it). */
export const CREDENTIALS_PRECEDENCE =
  "Credentials, first found: assume_role_with_web_identity (no key needed); else a key from the provider block (secret_id, secret_key, security_token), " +
  "else the environment (TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SECURITY_TOKEN), else the shared credentials profile " +
  "(profile, shared_credentials_dir), else the CVM instance role (cam_role_name); then assume_role, when set, is assumed with that key.";

const text = (name: string, description: string, extra: Partial<SchemaAttribute> = {}): SchemaAttribute => ({ name, type: "string", optional: true, description, ...extra });
const duration = (call: string): SchemaAttribute => ({
  name: "session_duration",
  type: "number",
  optional: true,
  description: `The duration of the session when making the ${call} call, 0 to 43200 seconds. Default: env TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION, else 7200.`,
});

/** secret_id … allowed_account_ids. */
export const CREDENTIAL_ATTRIBUTES: readonly SchemaAttribute[] = [
  text("secret_id", "The TencentCloud SecretId. Default: env TENCENTCLOUD_SECRET_ID (see the precedence in the provider's description).", { sensitive: true }),
  text("secret_key", "The TencentCloud SecretKey (set with secret_id). Default: env TENCENTCLOUD_SECRET_KEY.", { sensitive: true }),
  text("security_token", "The token of temporary credentials (set with secret_id and secret_key). Default: env TENCENTCLOUD_SECURITY_TOKEN (alias TENCENTCLOUD_SESSION_TOKEN).", { sensitive: true }),
  text("session_token", "Alias of security_token (this provider's earlier name).", { sensitive: true }),
  text("shared_credentials_dir", "The directory of the shared credentials (`<dir>/<profile>.credential`, as `tccli configure` writes it). Default: env TENCENTCLOUD_SHARED_CREDENTIALS_DIR, else ~/.tccli."),
  text("profile", "The profile name in the shared credentials. Default: env TENCENTCLOUD_PROFILE, else `default`."),
  text("cam_role_name", "The CAM role of the CVM instance: its credentials come from the instance metadata service (only on a CVM). Default: env TENCENTCLOUD_CAM_ROLE_NAME."),
  {
    name: "allowed_account_ids",
    type: ["set", "string"],
    optional: true,
    description: "Account IDs (uin) allowed: before any change the provider asks STS GetCallerIdentity and fails the plan when the credentials' account is not in the list. Conflicts with forbidden_account_ids.",
  },
  {
    name: "forbidden_account_ids",
    type: ["set", "string"],
    optional: true,
    description: "Account IDs (uin) refused: the plan fails when the credentials' account is in the list (checked with STS GetCallerIdentity before any change). Conflicts with allowed_account_ids.",
  },
];

/** assume_role, assume_role_with_web_identity. */
export const CREDENTIAL_BLOCKS: readonly NestedBlockSchema[] = [
  {
    name: "assume_role",
    nesting: "set",
    maxItems: 1,
    description: "Assume a CAM role (STS AssumeRole, with the credentials found as the precedence says): its temporary credentials sign every call, refreshed before they expire.",
    attributes: [
      text("role_arn", "The ARN of the role to assume (required). Default: env TENCENTCLOUD_ASSUME_ROLE_ARN."),
      text("session_name", "The session name of the AssumeRole call (required). Default: env TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME."),
      duration("AssumeRole"),
      text("policy", "A more restrictive policy for the temporary credentials (a policy document, without principal)."),
      text("external_id", "The role's external ID. Default: env TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID."),
      text("source_identity", "The caller identity uin. Default: env TENCENTCLOUD_ASSUME_ROLE_SOURCE_IDENTITY."),
      text("serial_number", "MFA serial number (qcs::cam:uin/${ownerUin}::mfa/${mfaType}). Default: env TENCENTCLOUD_ASSUME_ROLE_SERIAL_NUMBER."),
      text("token_code", "MFA authentication code. Default: env TENCENTCLOUD_ASSUME_ROLE_TOKEN_CODE.", { sensitive: true }),
    ],
  },
  {
    name: "assume_role_with_web_identity",
    nesting: "list",
    maxItems: 1,
    description: "Exchange an OIDC token (GitHub Actions, GitLab CI, …) for a role's credentials (STS AssumeRoleWithWebIdentity): no secret_id/secret_key needed.",
    attributes: [
      text("provider_id", "The identity provider's name. Default: env TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID, else OIDC."),
      text("role_arn", "The ARN of the role to assume (this or role_arn_file). Default: env TENCENTCLOUD_ASSUME_ROLE_ARN."),
      text("role_arn_file", 'A JSON file holding {"role_arn": "…"}; role_arn wins. Default: env TENCENTCLOUD_ASSUME_ROLE_ARNN_FILE (sic, as the official provider spells it; TENCENTCLOUD_ASSUME_ROLE_ARN_FILE too).'),
      text("session_name", "The session name of the call (required). Default: env TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME."),
      duration("AssumeRoleWithWebIdentity"),
      text("web_identity_token", "The OIDC token (this or web_identity_token_file). Default: env TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN.", { sensitive: true }),
      text("web_identity_token_file", 'A JSON file holding {"web_identity_token": "…"}, read at every exchange; web_identity_token wins. Default: env TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE.'),
    ],
  },
];
