/**
 * The provider block plus the environment → the settings every call uses. Values may be unknown during plan (a
 * provider block fed by another resource): an unknown region leaves default regions unknown in plans; an unknown
 * endpoint or credentials fail only the calls that need them, with a diagnostic saying why.
 */
import { checkRegion, DEFAULT_REGION } from "../../api/face-group-spec";
import { truncateForMessage } from "../../api/rules";
import type { CredentialSettings } from "../../handler/credentials/types";
import { Endpoint } from "../../handler/endpoint";
import type { DomainSettings } from "../../handler/endpoint-config";
import type { ProxyChoice } from "../../handler/proxy";
import { Diagnostic, isUnknown, TfObject, Unknown, UNKNOWN } from "../protocol/types";
import { setText } from "./config-text";
import { readCredentialConfig } from "./credentials-config";
import { readNetworkConfig } from "./network-config";
import { DEFAULT_DEADLINE_SECONDS, DEFAULT_QPS, DEFAULT_REQUEST_TIMEOUT_SECONDS } from "./schema";

/** What ConfigureProvider settled. */
export interface ProviderSettings {
  /** The default region of resources. */
  readonly region: string | Unknown;
  readonly endpoint: Endpoint | Unknown;
  /** The credential settings (block and environment, src/handler/credentials); UNKNOWN = not known until apply. */
  readonly credentials: CredentialSettings | Unknown;
  readonly qps: number;
  readonly deadlineSeconds: number;
  readonly requestTimeoutSeconds: number;
  /** Direct or through a proxy (network-config.ts). */
  readonly route?: ProxyChoice;
  /** Trusted CAs when ca_bundle_file is set. */
  readonly ca?: readonly string[];
  /** domain / protocol: STS is reached at <protocol>://sts.<domain> (src/handler/credentials/endpoints.ts). */
  readonly apiDomain?: DomainSettings;
}

const at = (name: string) => [{ attribute: name }] as const;
const error = (name: string, summary: string, detail: string): Diagnostic => ({ severity: "error", summary, detail, attribute: at(name) });

/** A positive number from the provider block, else from `envName`, else `fallback`. */
function positive(config: TfObject, name: string, env: NodeJS.ProcessEnv, envName: string | undefined, fallback: number, problems: Diagnostic[]): number {
  const value = config[name];
  if (typeof value === "number") {
    if (Number.isFinite(value) && value > 0) return value;
    problems.push(error(name, `Invalid ${name}`, `${name} ${value} must be a number greater than 0`));
    return fallback;
  }
  const raw = envName ? env[envName] : undefined;
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (Number.isFinite(n) && n > 0) return n;
  problems.push({ severity: "error", summary: `Invalid ${envName}`, detail: `${envName} '${truncateForMessage(raw)}' must be a positive number (used for the provider's ${name})` });
  return fallback;
}

/** Settles the provider block and the environment; `problems` collects diagnostics (secrets never shown). */
export function readProviderConfig(config: TfObject, env: NodeJS.ProcessEnv): { settings: ProviderSettings; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const blockRegion = setText(config.region);
  let region: string | Unknown = blockRegion ?? setText(env.TENCENTCLOUD_REGION) ?? DEFAULT_REGION;
  if (isUnknown(config.region)) region = UNKNOWN;
  else if (typeof region === "string") {
    const source = blockRegion ? "region" : "TENCENTCLOUD_REGION";
    for (const v of checkRegion(region)) problems.push({ ...error("region", "Invalid region", `${source} '${truncateForMessage(v.value)}': ${v.rule}`), attribute: source === "region" ? at("region") : undefined });
  }
  const settings: ProviderSettings = {
    region,
    ...readNetworkConfig(config, env, problems),
    credentials: readCredentialConfig(config, env, problems),
    qps: positive(config, "qps", env, undefined, DEFAULT_QPS, problems),
    deadlineSeconds: positive(config, "deadline_seconds", env, "FACE_GROUP_DEADLINE_SECONDS", DEFAULT_DEADLINE_SECONDS, problems),
    requestTimeoutSeconds: positive(config, "request_timeout_seconds", env, "FACE_GROUP_REQUEST_TIMEOUT_SECONDS", DEFAULT_REQUEST_TIMEOUT_SECONDS, problems),
  };
  if (settings.qps > 50) {
    problems.push({ severity: "warning", summary: "qps above the API limit", detail: `qps ${settings.qps} is above the 50 calls per second the group APIs allow per account: expect throttled calls (they are retried)`, attribute: at("qps") });
  }
  return { settings, problems };
}
