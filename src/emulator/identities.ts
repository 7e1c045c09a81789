/**
 * Who signs: the emulator's identities (what CAM and STS know). Every permanent SecretId belongs to an account; STS
 * (src/emulator/sts/) issues temporary credentials for a role, each with an expiry, which the TC3 verifier then accepts
 * for IAI calls like the permanent ones until they expire. The CVM metadata front (metadata.ts) issues them for the
 * instance's role. Temporary credentials live in memory only: they do not outlive the process, as a session would not.
 */
import { createHash, randomBytes } from "node:crypto";
import { ApiError } from "./errors";
import { EmulatorCredential } from "./types";

/** The account of a permanent credential that names none. */
export const DEFAULT_ACCOUNT_ID = "100000000001";
/** STS's default session duration, seconds (the AssumeRole page). */
export const DEFAULT_SESSION_SECONDS = 7200;
/** STS's longest session, seconds. */
export const MAX_SESSION_SECONDS = 43200;

/** Who a request was signed by, as GetCallerIdentity answers. */
export interface Identity {
  /** `qcs::cam::uin/<account>:uin/<account>` for a key; `qcs::sts:<account>:assumed-role/<roleId>/<session>` for a role. */
  readonly arn: string;
  /** The main account (uin) the caller belongs to. */
  readonly accountId: string;
  /** The account uin for a key; `<roleId>:<session>` for a role session. */
  readonly userId: string;
  /** The account whose credentials asked for the role (the account itself for a key). */
  readonly principalId: string;
  /** `CAMUser` for a key, `CAMRole` for a role session. */
  readonly type: "CAMUser" | "CAMRole";
}

/** A credential the verifier accepts, with the identity behind it. */
export interface KnownCredential extends EmulatorCredential {
  readonly identity: Identity;
  /** Epoch ms after which the credential is refused (`AuthFailure.TokenFailure`); permanent keys have none. */
  readonly expiresAt?: number;
}

/** Temporary credentials as STS and the metadata service hand them out. */
export interface IssuedCredentials {
  readonly TmpSecretId: string;
  readonly TmpSecretKey: string;
  readonly Token: string;
  /** Unix seconds. */
  readonly ExpiredTime: number;
  /** ISO 8601. */
  readonly Expiration: string;
}

/** A parsed role ARN: `qcs::cam::uin/<account>:roleName/<name>` (or `:role/<roleId>`). */
export interface RoleRef {
  readonly accountId: string;
  readonly roleName: string;
}

const ROLE_ARN = /^qcs::cam::uin\/(\d{5,20}):(?:roleName|role)\/([\w+=,.@-]{1,128})$/;

/** The role an ARN names; `InvalidParameter.ParamError` (saying the shape) when it is not a role ARN. */
export function parseRoleArn(arn: unknown): RoleRef {
  const m = typeof arn === "string" ? ROLE_ARN.exec(arn) : null;
  if (!m) {
    throw new ApiError("InvalidParameter.ParamError", `RoleArn ${JSON.stringify(arn)} is not a role ARN such as qcs::cam::uin/100000000001:roleName/deployer.`);
  }
  return { accountId: m[1], roleName: m[2] };
}

/** A stable numeric role id for a role name (CAM's ids are 19 digits). */
function roleId(role: RoleRef): string {
  const digits = BigInt(`0x${createHash("sha256").update(`${role.accountId}/${role.roleName}`).digest("hex").slice(0, 12)}`).toString().padStart(11, "0").slice(0, 11);
  return `46116860${digits}`;
}

/** The identity of a session of `role` named `session`, asked for by `principal`'s account. */
export function roleSessionIdentity(role: RoleRef, session: string, principalAccountId: string): Identity {
  const id = roleId(role);
  return { arn: `qcs::sts:${role.accountId}:assumed-role/${id}/${session}`, accountId: role.accountId, userId: `${id}:${session}`, principalId: principalAccountId, type: "CAMRole" };
}

/** The identity of a permanent key of `accountId`. */
export function keyIdentity(accountId: string): Identity {
  return { arn: `qcs::cam::uin/${accountId}:uin/${accountId}`, accountId, userId: accountId, principalId: accountId, type: "CAMUser" };
}

/** The known credentials: permanent ones from the options, temporary ones as issued. */
export class IdentityStore {
  private readonly permanent = new Map<string, KnownCredential>();
  private readonly temporary = new Map<string, KnownCredential>();

  constructor(
    credentials: readonly EmulatorCredential[],
    private readonly now: () => number,
  ) {
    for (const c of credentials) this.permanent.set(c.secretId, { ...c, identity: keyIdentity(c.accountId ?? DEFAULT_ACCOUNT_ID) });
  }

  /** The credential of `secretId`, permanent or temporary (expired ones included: the verifier says why it refuses). */
  find(secretId: string): KnownCredential | undefined {
    return this.permanent.get(secretId) ?? this.temporary.get(secretId);
  }

  /** Issues temporary credentials of `identity`, valid `durationSeconds` from now. */
  issue(identity: Identity, durationSeconds: number): IssuedCredentials {
    const expiresAt = Math.floor(this.now() / 1000 + durationSeconds) * 1000; // whole seconds, as ExpiredTime says
    const secretId = `AKIDtmp${randomBytes(12).toString("hex")}`;
    const credential: KnownCredential = { secretId, secretKey: randomBytes(24).toString("base64url"), token: randomBytes(48).toString("base64url"), identity, expiresAt };
    this.temporary.set(secretId, credential);
    return { TmpSecretId: secretId, TmpSecretKey: credential.secretKey, Token: credential.token!, ExpiredTime: Math.floor(expiresAt / 1000), Expiration: new Date(expiresAt).toISOString() };
  }

  /** Copies of the temporary credentials issued so far. */
  issued(): EmulatorCredential[] {
    return [...this.temporary.values()].map(({ secretId, secretKey, token }) => ({ secretId, secretKey, token }));
  }

  /** Ends every temporary credential now (tests: expiry in the middle of a command); returns how many. */
  expireTemporary(): number {
    const at = this.now() - 1;
    for (const [id, c] of this.temporary) this.temporary.set(id, { ...c, expiresAt: Math.min(c.expiresAt ?? at, at) });
    return this.temporary.size;
  }
}

/** A session duration from a request: absent → 7200; outside 1..43200 → `InvalidParameter.ParamError`. */
export function sessionSeconds(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_SESSION_SECONDS;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_SESSION_SECONDS) {
    throw new ApiError("InvalidParameter.ParamError", `DurationSeconds must be an integer from 1 to ${MAX_SESSION_SECONDS} (got ${JSON.stringify(value)}).`);
  }
  return value;
}
