/**
 * The CVM instance metadata service (`http://metadata.tencentyun.com/latest/meta-data/…`) as far as a CAM instance
 * role needs it: `cam/security-credentials/` lists the role's name, `cam/security-credentials/<role>` hands out its
 * temporary credentials (`TmpSecretId`, `TmpSecretKey`, `Token`, `ExpiredTime`, `Expiration`, `Code: "Success"`).
 * Without an instance role (an emulator "off a CVM") every path is 404. Unsigned, like the real service.
 */
import { IncomingMessage, ServerResponse } from "node:http";
import { DEFAULT_ACCOUNT_ID, DEFAULT_SESSION_SECONDS, IdentityStore, roleSessionIdentity } from "./identities";
import { InstanceRole } from "./types";

/** The path prefix the metadata front serves. */
export const METADATA_PREFIX = "/latest/meta-data/";
const CREDENTIALS_PATH = `${METADATA_PREFIX}cam/security-credentials/`;

/**
 * Answers one metadata request.
 * @returns the identity ARN whose credentials were handed out (for the log), else undefined
 */
export function handleMetadata(req: IncomingMessage, res: ServerResponse, role: InstanceRole | undefined, identities: IdentityStore): string | undefined {
  const path = (req.url ?? "/").split("?")[0];
  const text = (status: number, body: string, type = "text/plain") => res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) }).end(body);
  if (req.method !== "GET" || !role || !path.startsWith(CREDENTIALS_PATH)) return void text(404, "Not Found\n");
  const name = decodeURIComponent(path.slice(CREDENTIALS_PATH.length));
  if (name === "") return void text(200, role.roleName);
  if (name !== role.roleName) return void text(404, "Not Found\n");
  const accountId = role.accountId ?? DEFAULT_ACCOUNT_ID;
  const identity = roleSessionIdentity({ accountId, roleName: role.roleName }, "cvm-instance", accountId);
  const issued = identities.issue(identity, role.durationSeconds ?? DEFAULT_SESSION_SECONDS);
  text(200, JSON.stringify({ ...issued, Code: "Success" }), "application/json");
  return identity.arn;
}
