/**
 * The part of a handler run that talks to the API, loaded only when a call is needed (the SDK is the heavy part of
 * the bundle, and `delete` under RETAIN must start as fast as `node -e 0`).
 */
import { IdentitySpec, SettingsSpec } from "../api/face-group-spec";
import { Api, applyGroup, destroyGroup } from "./converge";
import { resolveCredentials } from "./credentials";
import { Refusal } from "./errors";
import { IaiClient, parseEndpoint } from "./iai-client";
import { Output } from "./output";
import { AttemptReport, Retrier } from "./retry";

/** A positive number of seconds from the environment, or the default. */
function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Refusal(`${name} '${raw}' must be a positive number of seconds`);
  return n;
}

function reportLine(r: AttemptReport): string {
  const retry = r.retryInMs !== undefined ? ` (transient, retrying in ${r.retryInMs}ms)` : "";
  return `${r.action} ${r.code} RequestId=${r.requestId ?? "-"} attempt=${r.attempt} ${r.ms}ms${retry}`;
}

/**
 * Runs `apply` (converge) or `delete` (removal policy destroy) against the API, or `check`: everything up to the
 * first call (endpoint, credentials, the SDK client) without making it. Returns the exit code.
 */
export async function run(
  verb: "apply" | "delete" | "check",
  spec: SettingsSpec | IdentitySpec,
  env: NodeJS.ProcessEnv,
  out: Output,
  startedAt: number,
): Promise<number> {
  const deadlineSeconds = seconds(env, "FACE_GROUP_DEADLINE_SECONDS", 300);
  const requestTimeoutSeconds = seconds(env, "FACE_GROUP_REQUEST_TIMEOUT_SECONDS", 30);
  const endpoint = parseEndpoint(env.TENCENTCLOUD_IAI_ENDPOINT);
  const credentials = await resolveCredentials(env);
  out.hide(credentials.secretKey, credentials.token);

  const client = new IaiClient({
    endpoint,
    region: spec.region,
    credentials,
    proxy: env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY || undefined,
  });
  if (verb === "check") {
    client.close();
    out.info(`declaration valid; credentials found; ready to call ${endpoint.protocol}${endpoint.host} (check makes no API call)`);
    return 0;
  }
  const retrier = new Retrier(
    { deadlineAt: startedAt + deadlineSeconds * 1000, deadlineSeconds, requestTimeoutMs: requestTimeoutSeconds * 1000 },
    (r) => out.info(reportLine(r)),
  );
  const api: Api = { call: (action, params) => retrier.run(action, (timeoutMs) => client.attempt(action, params, timeoutMs)) };
  try {
    out.info(verb === "apply" ? await applyGroup(api, spec as SettingsSpec) : await destroyGroup(api, spec as IdentitySpec));
    return 0;
  } finally {
    client.close();
  }
}
