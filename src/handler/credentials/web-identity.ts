/**
 * `assume_role_with_web_identity`: an OIDC token (GitHub Actions, GitLab CI, …) exchanged by STS
 * AssumeRoleWithWebIdentity, unsigned — no key needed. The token (and role ARN) files are JSON, as the official
 * provider reads them (`{"web_identity_token": "…"}`, `{"role_arn": "…"}`), and are read at every exchange.
 */
import * as fs from "node:fs";
import { Refusal } from "../errors";
import { StsClient } from "./sts-client";
import { CredentialSource, Credentials, WebIdentitySettings } from "./types";

/** The `key` of the JSON file `file`, named `attribute` in errors. */
function fromJsonFile(file: string, key: string, attribute: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new Refusal(`cannot read ${attribute} ${file}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = (JSON.parse(text) as Record<string, unknown>)?.[key];
  } catch (e) {
    throw new Refusal(`${attribute} ${file} is not JSON (${(e as Error).message}); it must hold {"${key}": "…"}`);
  }
  if (typeof value !== "string" || value === "") throw new Refusal(`${attribute} ${file} has no "${key}": it must hold {"${key}": "…"}`);
  return value;
}

/** A source that exchanges the configured web identity token for the role's credentials. */
export function webIdentitySource(s: WebIdentitySettings, sts: StsClient): CredentialSource {
  const roleArn = () => s.roleArn ?? (s.roleArnFile ? fromJsonFile(s.roleArnFile, "role_arn", "role_arn_file") : undefined);
  return {
    description: `assume_role_with_web_identity ${s.roleArn ?? s.roleArnFile} session ${s.sessionName} (provider ${s.providerId})`,
    async fetch(): Promise<Credentials> {
      const arn = roleArn();
      if (!arn) throw new Refusal("assume_role_with_web_identity: role_arn is empty; set role_arn or role_arn_file (or TENCENTCLOUD_ASSUME_ROLE_ARN)");
      const token = s.webIdentityToken ?? (s.webIdentityTokenFile ? fromJsonFile(s.webIdentityTokenFile, "web_identity_token", "web_identity_token_file") : undefined);
      if (!token) throw new Refusal("assume_role_with_web_identity: web_identity_token is empty; set web_identity_token or web_identity_token_file (or TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN[_FILE])");
      return sts.assumeRoleWithWebIdentity({ ProviderId: s.providerId, WebIdentityToken: token, RoleArn: arn, RoleSessionName: s.sessionName, DurationSeconds: s.sessionDuration });
    },
  };
}
