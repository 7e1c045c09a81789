/**
 * The provider block's credential settings merged with their environment variables (block first, as the official
 * provider's defaults), checked: diagnostics point at the attribute. Nothing here reads a file or calls an API; the
 * chain (src/handler/credentials) does that on the first call that needs credentials.
 */
// types.ts only: checking a configuration must not load the SDK.
import { AssumeRoleSettings, CredentialSettings, DEFAULT_SESSION_DURATION, WebIdentitySettings } from "../../handler/credentials/types";
import { containsUnknown, Diagnostic, TfObject, TfValue, Unknown, UNKNOWN } from "../protocol/types";
import { setText } from "./config-text";
import { CREDENTIAL_ATTRIBUTES, CREDENTIAL_BLOCKS } from "./credentials-schema";

const NAMES = [...CREDENTIAL_ATTRIBUTES, ...CREDENTIAL_BLOCKS].map((a) => a.name);
const envStr = (env: NodeJS.ProcessEnv, ...names: string[]): string | undefined => names.map((n) => env[n]).find((v) => v !== undefined && v !== "");
const error = (path: string[], summary: string, detail: string): Diagnostic => ({ severity: "error", summary, detail, attribute: path.map((attribute) => ({ attribute })) });

/** The one block of a nested block attribute (list or set of at most one object), or undefined. */
function single(v: TfValue | undefined): TfObject | undefined {
  return Array.isArray(v) && v.length > 0 && typeof v[0] === "object" && v[0] !== null && !Array.isArray(v[0]) ? (v[0] as TfObject) : undefined;
}

/** session_duration of a block, else TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION, else 7200; 0..43200. */
function sessionDuration(block: TfObject | undefined, blockName: string, env: NodeJS.ProcessEnv, problems: Diagnostic[]): number {
  const raw = typeof block?.session_duration === "number" ? block.session_duration : envStr(env, "TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION");
  if (raw === undefined) return DEFAULT_SESSION_DURATION;
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 0 && n <= 43200) return n;
  const fromBlock = typeof block?.session_duration === "number";
  problems.push(error(fromBlock ? [blockName, "session_duration"] : [], "Invalid session_duration", `${fromBlock ? `${blockName}.session_duration` : "TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION"} ${raw}: must be whole seconds from 0 to 43200`));
  return DEFAULT_SESSION_DURATION;
}

function key(config: TfObject, env: NodeJS.ProcessEnv, problems: Diagnostic[]): Pick<CredentialSettings, "key" | "keyProblem"> {
  const id = setText(config.secret_id);
  const secret = setText(config.secret_key);
  const securityToken = setText(config.security_token);
  const token = securityToken ?? setText(config.session_token);
  if (id && secret) return { key: { secretId: id, secretKey: secret, token, from: "provider block" } };
  if (id || secret) {
    const missing = id ? "secret_key" : "secret_id";
    problems.push(error([missing], `Missing ${missing}`, "secret_id and secret_key go together: set both in the provider block, or neither (then the environment, the profile, … are used)"));
  } else if (token) {
    const name = securityToken ? "security_token" : "session_token";
    problems.push(error([name], `${name} without credentials`, `${name} belongs to the secret_id and secret_key of the provider block: set them too, or use the environment (TENCENTCLOUD_SECURITY_TOKEN)`));
  }
  const envId = envStr(env, "TENCENTCLOUD_SECRET_ID");
  const envSecret = envStr(env, "TENCENTCLOUD_SECRET_KEY");
  const envToken = envStr(env, "TENCENTCLOUD_SECURITY_TOKEN", "TENCENTCLOUD_SESSION_TOKEN");
  if (envId && envSecret) return { key: { secretId: envId, secretKey: envSecret, token: envToken, from: "environment" } };
  if (envId || envSecret) {
    const [missing, present] = envId ? ["TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SECRET_ID"] : ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"];
    return { keyProblem: `${missing} is not set although ${present} is; set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY together (or neither)` };
  }
  return {};
}

function assumeRole(config: TfObject, env: NodeJS.ProcessEnv, problems: Diagnostic[]): AssumeRoleSettings | undefined {
  const block = single(config.assume_role);
  const roleArn = setText(block?.role_arn) ?? envStr(env, "TENCENTCLOUD_ASSUME_ROLE_ARN");
  const sessionName = setText(block?.session_name) ?? envStr(env, "TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME");
  if (!block && (!roleArn || !sessionName)) return undefined; // the environment alone: both needed
  for (const [name, value] of [["role_arn", roleArn], ["session_name", sessionName]] as const) {
    if (!value) problems.push(error(["assume_role"], `Missing assume_role.${name}`, `assume_role needs ${name} (or TENCENTCLOUD_ASSUME_ROLE_${name.toUpperCase()})`));
  }
  return {
    roleArn: roleArn ?? "",
    sessionName: sessionName ?? "",
    sessionDuration: sessionDuration(block, "assume_role", env, problems),
    policy: setText(block?.policy),
    externalId: setText(block?.external_id) ?? envStr(env, "TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID"),
    sourceIdentity: setText(block?.source_identity) ?? envStr(env, "TENCENTCLOUD_ASSUME_ROLE_SOURCE_IDENTITY"),
    serialNumber: setText(block?.serial_number) ?? envStr(env, "TENCENTCLOUD_ASSUME_ROLE_SERIAL_NUMBER"),
    tokenCode: setText(block?.token_code) ?? envStr(env, "TENCENTCLOUD_ASSUME_ROLE_TOKEN_CODE"),
  };
}

function webIdentity(config: TfObject, env: NodeJS.ProcessEnv, problems: Diagnostic[]): WebIdentitySettings | undefined {
  const block = single(config.assume_role_with_web_identity);
  const token = setText(block?.web_identity_token) ?? envStr(env, "TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN");
  const tokenFile = setText(block?.web_identity_token_file) ?? envStr(env, "TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE");
  const roleArn = setText(block?.role_arn) ?? envStr(env, "TENCENTCLOUD_ASSUME_ROLE_ARN");
  const roleArnFile = setText(block?.role_arn_file) ?? envStr(env, "TENCENTCLOUD_ASSUME_ROLE_ARNN_FILE", "TENCENTCLOUD_ASSUME_ROLE_ARN_FILE");
  const sessionName = setText(block?.session_name) ?? envStr(env, "TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME");
  if (!block && (!(token || tokenFile) || !(roleArn || roleArnFile) || !sessionName)) return undefined;
  const at = ["assume_role_with_web_identity"];
  if (!token && !tokenFile) problems.push(error(at, "Missing web_identity_token", "assume_role_with_web_identity needs web_identity_token or web_identity_token_file (or TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN[_FILE])"));
  if (!roleArn && !roleArnFile) problems.push(error(at, "Missing role_arn", "assume_role_with_web_identity needs role_arn or role_arn_file (or TENCENTCLOUD_ASSUME_ROLE_ARN)"));
  if (!sessionName) problems.push(error(at, "Missing session_name", "assume_role_with_web_identity needs session_name (or TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME)"));
  return {
    providerId: setText(block?.provider_id) ?? envStr(env, "TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID") ?? "OIDC",
    roleArn,
    roleArnFile,
    sessionName: sessionName ?? "",
    sessionDuration: sessionDuration(block, "assume_role_with_web_identity", env, problems),
    webIdentityToken: token,
    webIdentityTokenFile: tokenFile,
  };
}

const ids = (v: TfValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x !== "") : []);

/** The credential settings of a provider block; UNKNOWN while any of them is not known (plan of a fed block). */
export function readCredentialConfig(config: TfObject, env: NodeJS.ProcessEnv, problems: Diagnostic[]): CredentialSettings | Unknown {
  if (NAMES.some((n) => containsUnknown(config[n]))) return UNKNOWN;
  const allowedAccountIds = ids(config.allowed_account_ids);
  const forbiddenAccountIds = ids(config.forbidden_account_ids);
  if (allowedAccountIds.length > 0 && forbiddenAccountIds.length > 0) {
    problems.push(error(["forbidden_account_ids"], "Conflicting account lists", "allowed_account_ids and forbidden_account_ids conflict: set one of them"));
  }
  const web = webIdentity(config, env, problems);
  return {
    ...key(config, env, problems),
    profile: setText(config.profile) ?? envStr(env, "TENCENTCLOUD_PROFILE") ?? "default",
    sharedCredentialsDir: setText(config.shared_credentials_dir) ?? envStr(env, "TENCENTCLOUD_SHARED_CREDENTIALS_DIR") ?? "",
    camRoleName: setText(config.cam_role_name) ?? envStr(env, "TENCENTCLOUD_CAM_ROLE_NAME"),
    webIdentity: web,
    assumeRole: web ? undefined : assumeRole(config, env, problems),
    allowedAccountIds,
    forbiddenAccountIds,
  };
}
