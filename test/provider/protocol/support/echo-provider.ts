/**
 * A tiny provider for the protocol tests: resource `tencentcloudiai_echo` (its state is its config plus a computed
 * id) and data source `tencentcloudiai_upper`. Names in the config trigger the failure paths: "boom" throws in the
 * handlers, "invalid" is refused by validation, "gone" reads back as deleted, "slow" makes apply wait for stop().
 */
import { type ProviderHandlers, type ProviderSchema, type TfObject, UNKNOWN } from "../../../../src/provider/protocol/types";

/** The resource type served. */
export const ECHO = "tencentcloudiai_echo";
/** The data source type served. */
export const UPPER = "tencentcloudiai_upper";

const SCHEMA: ProviderSchema = {
  provider: { version: 0, description: "Echo test provider.", attributes: [{ name: "prefix", type: "string", description: "Prefix of ids.", optional: true }] },
  resourceSchemas: {
    [ECHO]: {
      version: 1,
      description: "An object that is its own configuration.",
      attributes: [
        { name: "id", type: "string", description: "The id, known after apply.", computed: true },
        { name: "name", type: "string", description: "The name; changing it replaces the object.", required: true },
        { name: "size", type: "number", description: "A number.", optional: true },
        { name: "tags", type: ["list", "string"], description: "Some strings.", optional: true },
        { name: "secret", type: "string", description: "Sensitive.", optional: true, sensitive: true },
      ],
    },
  },
  dataSourceSchemas: {
    [UPPER]: {
      version: 0,
      description: "Upper-cases its input.",
      attributes: [
        { name: "input", type: "string", description: "Input.", required: true },
        { name: "output", type: "string", description: "Output.", computed: true },
      ],
    },
  },
  capabilities: { planDestroy: true },
};

/** What the tests can observe of an echo provider. */
export interface EchoProvider extends ProviderHandlers {
  readonly calls: string[];
}

function boom(config: TfObject | null): void {
  if (config?.name === "boom") throw new Error("kaboom: the handler threw");
}

/** A fresh echo provider. */
export function createEchoProvider(): EchoProvider {
  const calls: string[] = [];
  let prefix = "echo";
  let releaseSlow: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (releaseSlow = resolve));
  return {
    calls,
    schema: () => SCHEMA,
    validateProviderConfig: () => ({ diagnostics: [] }),
    async configureProvider(req) {
      calls.push(`configure ${req.terraformVersion}`);
      if (typeof req.config.prefix === "string") prefix = req.config.prefix;
      return { diagnostics: [] };
    },
    validateResourceConfig(req) {
      boom(req.config);
      return req.config.name === "invalid"
        ? { diagnostics: [{ severity: "error", summary: "Invalid name", detail: "The name may not be invalid.", attribute: [{ attribute: "name" }] }] }
        : { diagnostics: [] };
    },
    upgradeResourceState: (req) => ({ diagnostics: [], upgradedState: req.rawState ?? undefined }),
    async readResource(req) {
      return { diagnostics: [], newState: req.currentState.name === "gone" ? null : req.currentState, private: req.private };
    },
    async planResourceChange(req) {
      boom(req.config);
      if (!req.proposedNewState) return { diagnostics: [{ severity: "warning", summary: "Deleting" }], plannedState: null };
      const create = !req.priorState;
      const replace = !create && req.priorState?.name !== req.proposedNewState.name;
      return {
        diagnostics: [],
        plannedState: { ...req.proposedNewState, id: create || replace ? UNKNOWN : req.priorState?.id ?? UNKNOWN },
        requiresReplace: replace ? [[{ attribute: "name" }]] : [],
      };
    },
    async applyResourceChange(req) {
      calls.push(`apply ${String(req.plannedState?.name ?? "delete")}`);
      if (req.plannedState?.name === "slow") await stopped;
      if (!req.plannedState) return { diagnostics: [], newState: null };
      const id = req.plannedState.id === UNKNOWN ? `${prefix}-${String(req.plannedState.name)}` : req.plannedState.id;
      return { diagnostics: [], newState: { ...req.plannedState, id }, private: Buffer.from("p1") };
    },
    async importResourceState(req) {
      return { diagnostics: [], importedResources: [{ typeName: ECHO, state: { id: req.id, name: req.id } }] };
    },
    validateDataResourceConfig: () => ({ diagnostics: [] }),
    async readDataSource(req) {
      return { diagnostics: [], state: { ...req.config, output: String(req.config.input).toUpperCase() } };
    },
    async stop() {
      calls.push("stop");
      releaseSlow();
      return undefined;
    },
  };
}
