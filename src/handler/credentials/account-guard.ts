/**
 * `allowed_account_ids` / `forbidden_account_ids`: before the first write of a command the provider asks STS
 * GetCallerIdentity whose credentials it holds and refuses — naming the account it found and the list — when that
 * account is not allowed, so a production stack pointed at a staging key (or the reverse) fails its plan instead of
 * changing the wrong account.
 */
import { Refusal } from "../errors";
import { CallerIdentity, StsClient } from "./sts-client";
import { CredentialProvider } from "./types";

/**
 * Checks the account of `credentials`; resolves to the caller identity, or undefined when no list is set (no call).
 * @throws Refusal when the account is not allowed
 */
export async function checkAccount(credentials: CredentialProvider, allowed: readonly string[], forbidden: readonly string[], sts: StsClient): Promise<CallerIdentity | undefined> {
  if (allowed.length === 0 && forbidden.length === 0) return undefined;
  const who = await sts.getCallerIdentity(credentials);
  if (allowed.length > 0 && !allowed.includes(who.accountId)) {
    throw new Refusal(
      `TencentCloud account ID not allowed: ${who.accountId} (${who.arn}) is not in allowed_account_ids [${allowed.join(", ")}]. ` +
        "These credentials belong to another account than this configuration allows; nothing was changed. Use the credentials of an allowed account, or fix allowed_account_ids",
    );
  }
  if (forbidden.includes(who.accountId)) {
    throw new Refusal(
      `TencentCloud account ID not allowed: ${who.accountId} (${who.arn}) is in forbidden_account_ids [${forbidden.join(", ")}]; nothing was changed. Use the credentials of another account`,
    );
  }
  return who;
}
