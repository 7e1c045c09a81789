/**
 * One retry with fresh credentials: when the API refuses temporary credentials as expired (`AuthFailure.TokenFailure`,
 * or an `AuthFailure.*` whose message says expired — a refresh that came too late, a session revoked early), they are
 * dropped, new ones fetched, and the call is sent once more. Never looped: a second refusal is the caller's failure.
 */
import { ApiError } from "../errors";
import { RefreshingCredentials } from "./refreshing";

/** True for an API answer that says the signing credentials expired (not a clock-skewed signature). */
export function isExpiredCredentials(e: unknown): boolean {
  if (!(e instanceof ApiError) || e.kind !== "api") return false;
  return e.code === "AuthFailure.TokenFailure" || (e.code.startsWith("AuthFailure.") && e.code !== "AuthFailure.SignatureExpire" && /expire/i.test(e.message));
}

/**
 * Runs `attempt`; when it fails because the credentials expired and they are renewable, renews them and runs it once more.
 * @param onRenew told before the second attempt (the provider logs it)
 */
export async function renewedOnce<T>(credentials: RefreshingCredentials, attempt: () => Promise<T>, onRenew: (e: ApiError) => void): Promise<T> {
  const generation = credentials.generation;
  try {
    return await attempt();
  } catch (e) {
    if (!isExpiredCredentials(e) || !(await credentials.renewable())) throw e;
    credentials.invalidate(generation);
    onRenew(e as ApiError);
    return attempt();
  }
}
