/** The shapes the credential chain (src/handler/credentials/) passes around. */

/** The session duration of assume_role and web identity when none is set (the official provider's), seconds. */
export const DEFAULT_SESSION_DURATION = 7200;

/** Credentials for signing: a key, optionally temporary (a session token and an expiry). */
export interface Credentials {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string;
  /** Epoch ms at which temporary credentials stop working; undefined for a permanent key. */
  readonly expiresAt?: number;
}

/** Credentials with where they came from (for the log line; never a secret). */
export interface SourcedCredentials extends Credentials {
  /** E.g. `environment`, `profile default (~/.tccli)`, `assume_role qcs::cam::uin/1:roleName/x`. */
  readonly source: string;
}

/** A place credentials are fetched from; temporary ones are fetched again when they near their expiry. */
export interface CredentialSource {
  /** What the credentials are (for the log line): `assume_role …`, `environment`. */
  readonly description: string;
  /** Fetches (new) credentials. */
  fetch(): Promise<Credentials>;
}

/** What the SDK's clients accept as a credential (the SDK's DynamicCredential): asked before every request. */
export interface CredentialProvider {
  getCredential(): Promise<Credentials>;
}

/** The `assume_role` settings (block, else environment). */
export interface AssumeRoleSettings {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly sessionDuration: number;
  readonly policy?: string;
  readonly externalId?: string;
  readonly sourceIdentity?: string;
  readonly serialNumber?: string;
  readonly tokenCode?: string;
}

/**
 * The `assume_role_with_web_identity` settings (block, else environment). A value beats its file; files are read at
 * every exchange, so a CI token file rotated during a long command is picked up.
 */
export interface WebIdentitySettings {
  readonly providerId: string;
  readonly roleArn?: string;
  /** JSON `{"role_arn": "…"}`. */
  readonly roleArnFile?: string;
  readonly sessionName: string;
  readonly sessionDuration: number;
  readonly webIdentityToken?: string;
  /** JSON `{"web_identity_token": "…"}`. */
  readonly webIdentityTokenFile?: string;
}

/** Everything the chain needs, settled from the provider block and the environment (settings.ts). */
export interface CredentialSettings {
  /** secret_id / secret_key / security_token of the block, else of the environment. */
  readonly key?: { readonly secretId: string; readonly secretKey: string; readonly token?: string; readonly from: "provider block" | "environment" };
  /** Why the environment's key is unusable (half of it set): reported when credentials are first needed. */
  readonly keyProblem?: string;
  readonly profile: string;
  /** The shared credentials folder (tccli's): `<dir>/<profile>.credential`. */
  readonly sharedCredentialsDir: string;
  readonly camRoleName?: string;
  readonly assumeRole?: AssumeRoleSettings;
  readonly webIdentity?: WebIdentitySettings;
  readonly allowedAccountIds: readonly string[];
  readonly forbiddenAccountIds: readonly string[];
}
