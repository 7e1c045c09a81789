/**
 * The provider's handlers called in-process (as the gRPC layer would) against a real emulator over loopback HTTP.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, EmulatorOptions, startEmulator } from "../../../src/emulator";
import { FACE_GROUP_TYPE } from "../../../src/provider/address";
import { createProvider } from "../../../src/provider/face-group";
import { ProviderHandlers, TfObject, TfValue } from "../../../src/provider/protocol/types";

export const SECRET_ID = "AKIDproviderTest0001";
export const SECRET_KEY = "provider-test-secret-key-do-not-print";
export const TOKEN = "provider-test-session-token-do-not-print";
export const TYPE = FACE_GROUP_TYPE;

/** An empty HOME: no ~/.tencentcloud/credentials of the machine is used. */
const EMPTY_HOME = fs.mkdtempSync(path.join(os.tmpdir(), "face-group-provider-home-"));

/** An emulator that knows the test credentials; unlimited QPS unless given. */
export function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY, token: TOKEN }], quiet: true, qps: 0, ...options });
}

/** A configured provider aimed at `emu`, with its log lines. */
export interface TestProvider {
  readonly p: ProviderHandlers;
  readonly logs: string[];
}

/** Creates and configures a provider (env credentials unless `env` overrides; `config` is the provider block). */
export async function provider(emu: Emulator | undefined, config: TfObject = {}, env: Record<string, string | undefined> = {}): Promise<TestProvider> {
  const logs: string[] = [];
  const full: NodeJS.ProcessEnv = {
    HOME: EMPTY_HOME,
    TENCENTCLOUD_SECRET_ID: SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
    TENCENTCLOUD_SESSION_TOKEN: TOKEN,
    TENCENTCLOUD_IAI_ENDPOINT: emu?.url,
    ...env,
  };
  for (const k of Object.keys(full)) if (full[k] === undefined) delete full[k];
  const p = createProvider(full, { log: (l) => logs.push(l) });
  const configured = await p.configureProvider({ terraformVersion: "1.11.4", config: { region: null, endpoint: null, secret_id: null, secret_key: null, session_token: null, qps: null, deadline_seconds: null, request_timeout_seconds: null, ...config } });
  if (configured.diagnostics.some((d) => d.severity === "error")) throw new Error(JSON.stringify(configured.diagnostics));
  return { p, logs };
}

/** A resource configuration: every attribute, null where the user wrote nothing. */
export function config(groupId: TfValue, overrides: TfObject = {}): TfObject {
  return {
    id: null,
    group_id: groupId,
    group_name: typeof groupId === "string" ? `${groupId} name` : "name",
    group_ex_descriptions: null,
    tag: null,
    face_model_version: null,
    region: null,
    removal_policy: null,
    ...overrides,
  };
}

/** "Action:Code" of the requests the emulator saw since `from`. */
export function calls(emu: Emulator, from: number): string[] {
  return emu.requests.slice(from).map((r) => `${r.action}:${r.code}`);
}

/** Plans and applies a create like Terraform; throws on error diagnostics. Returns the new state. */
export async function create(p: ProviderHandlers, cfg: TfObject): Promise<TfObject> {
  const plan = await p.planResourceChange({ typeName: TYPE, priorState: null, proposedNewState: cfg, config: cfg, priorPrivate: new Uint8Array() });
  expectNoErrors(plan.diagnostics);
  const applied = await p.applyResourceChange({ typeName: TYPE, priorState: null, plannedState: plan.plannedState, config: cfg, plannedPrivate: new Uint8Array() });
  expectNoErrors(applied.diagnostics);
  return applied.newState!;
}

/** Terraform's proposed new state: config values, prior values where the config is null (computed attributes). */
export function proposed(prior: TfObject, cfg: TfObject): TfObject {
  return Object.fromEntries(Object.entries(cfg).map(([k, v]) => [k, v === null ? prior[k] : v]));
}

/** Plans an update from `prior` to `cfg` (as Terraform would). */
export function planUpdate(p: ProviderHandlers, prior: TfObject, cfg: TfObject) {
  return p.planResourceChange({ typeName: TYPE, priorState: prior, proposedNewState: proposed(prior, cfg), config: cfg, priorPrivate: new Uint8Array() });
}

/** Plans and applies an update; returns plan and apply answers. */
export async function update(p: ProviderHandlers, prior: TfObject, cfg: TfObject) {
  const plan = await planUpdate(p, prior, cfg);
  const apply = await p.applyResourceChange({ typeName: TYPE, priorState: prior, plannedState: plan.plannedState, config: cfg, plannedPrivate: new Uint8Array() });
  return { plan, apply };
}

/** Throws with the diagnostics when one is an error. */
export function expectNoErrors(diagnostics: readonly { severity: string }[]): void {
  if (diagnostics.some((d) => d.severity === "error")) throw new Error(`unexpected error diagnostics: ${JSON.stringify(diagnostics)}`);
}
