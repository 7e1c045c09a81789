/**
 * A CVM instance's CAM role (`cam_role_name`): its temporary credentials from the instance metadata service,
 * `GET <metadata>/latest/meta-data/cam/security-credentials/<role>`. Waits are bounded (2 s per attempt, 3 attempts:
 * the service answers in milliseconds on an instance); off an instance the host does not resolve or answer, and the
 * error says so and what to use instead — never the silent hang of the SDK's default chain.
 */
import { Refusal } from "../errors";
import { metadataBaseUrl } from "./endpoints";
import { CredentialSource, Credentials } from "./types";

const ATTEMPT_TIMEOUT_MS = 2_000;
const ATTEMPTS = 3;

interface MetadataAnswer {
  TmpSecretId?: string;
  TmpSecretKey?: string;
  Token?: string;
  ExpiredTime?: number;
  Code?: string;
}

/** The instance role `roleName` as a credential source. */
export function cvmRoleSource(roleName: string, env: NodeJS.ProcessEnv): CredentialSource {
  const base = metadataBaseUrl(env);
  const url = `${base}/latest/meta-data/cam/security-credentials/${encodeURIComponent(roleName)}`;
  return {
    description: `cam_role_name ${roleName} (CVM instance metadata)`,
    async fetch(): Promise<Credentials> {
      let lastError = "";
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        let res: Response;
        try {
          res = await fetch(url, { signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
        } catch (e) {
          const cause = (e as { cause?: { code?: string } }).cause?.code;
          lastError = (e as Error).name === "TimeoutError" ? `no answer within ${ATTEMPT_TIMEOUT_MS} ms` : (cause ?? (e as Error).message);
          continue;
        }
        if (res.status === 404) throw new Refusal(`cam_role_name '${roleName}': the instance metadata service (${base}) has no such role (HTTP 404): attach the CAM role to this CVM instance, or fix the name`);
        const body = (await res.json().catch(() => ({}))) as MetadataAnswer;
        if (res.ok && body.TmpSecretId && body.TmpSecretKey && body.Token && typeof body.ExpiredTime === "number") {
          return { secretId: body.TmpSecretId, secretKey: body.TmpSecretKey, token: body.Token, expiresAt: body.ExpiredTime * 1000 };
        }
        lastError = `HTTP ${res.status}${body.Code ? ` Code ${body.Code}` : ""}`;
      }
      throw new Refusal(
        `cam_role_name '${roleName}': the CVM instance metadata service (${base}) did not give credentials after ${ATTEMPTS} attempts (${lastError}). ` +
          "cam_role_name works only on a CVM instance with that CAM role attached; elsewhere use secret_id/secret_key, a profile, or assume_role_with_web_identity",
      );
    },
  };
}
