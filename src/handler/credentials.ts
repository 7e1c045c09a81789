/**
 * Where the provider's credentials come from when its block sets none, in order: the environment (the Tencent Cloud
 * ecosystem's variables), then the SDK's profile file (`~/.tencentcloud/credentials`, `/etc/tencentcloud/credentials`),
 * then the SDK's TKE OIDC role when its variables are set. The CVM instance-role lookup of the SDK's default chain is
 * left out: off a CVM it waits on a metadata host that does not answer. None found → one error naming the variables.
 */
import { OIDCRoleArnCredential, ProfileCredential } from "tencentcloud-sdk-nodejs-common";
import { Refusal } from "./errors";

/** Credentials for signing. */
export interface Credentials {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string;
}

const HOW_TO =
  "set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (plus TENCENTCLOUD_SESSION_TOKEN, alias TENCENTCLOUD_SECURITY_TOKEN, " +
  "for temporary credentials) in the environment of terraform / cdktf deploy, or write secret_id and secret_key to the " +
  "[default] section of ~/.tencentcloud/credentials";

/** The credentials to sign with; a Refusal (naming no secret) when there are none. */
export async function resolveCredentials(env: NodeJS.ProcessEnv): Promise<Credentials> {
  const secretId = env.TENCENTCLOUD_SECRET_ID || undefined;
  const secretKey = env.TENCENTCLOUD_SECRET_KEY || undefined;
  const token = env.TENCENTCLOUD_SESSION_TOKEN || env.TENCENTCLOUD_SECURITY_TOKEN || undefined;
  if (secretId && secretKey) return { secretId, secretKey, token };
  if (secretId || secretKey) {
    throw new Refusal(`${secretId ? "TENCENTCLOUD_SECRET_KEY" : "TENCENTCLOUD_SECRET_ID"} is not set although ${secretId ? "TENCENTCLOUD_SECRET_ID" : "TENCENTCLOUD_SECRET_KEY"} is; ${HOW_TO}`);
  }
  const fromProfile = await new ProfileCredential().getCredential();
  if (fromProfile.secretId && fromProfile.secretKey) {
    return { secretId: fromProfile.secretId, secretKey: fromProfile.secretKey, token: fromProfile.token || undefined };
  }
  if (env.TKE_ROLE_ARN && env.TKE_WEB_IDENTITY_TOKEN_FILE) {
    const fromTke = await new OIDCRoleArnCredential().getCredential();
    if (fromTke.secretId && fromTke.secretKey) return { secretId: fromTke.secretId, secretKey: fromTke.secretKey, token: fromTke.token };
  }
  throw new Refusal(`no Tencent Cloud credentials found; ${HOW_TO}`);
}
