/**
 * The `tfplugin6.Provider` service: decodes each request into the plain types of types.ts, calls the
 * {@link ProviderHandlers}, encodes the answer. It owns what every provider would otherwise repeat: unknown type
 * names, exceptions and the state after StopProvider all become diagnostics — never a crash, never a gRPC error,
 * because Terraform shows diagnostics to the user and turns a failed call into a bare "plugin error".
 */
import { type DynamicValue, decodeDynamicValue, encodeDynamicValue, objectType } from "./codec";
import type { UnaryMethod } from "./grpc";
import { unaryMethod } from "./proto";
import type { Diagnostic, DiagnosticsResponse, ProviderHandlers, Schema, TfObject } from "./types";
import { capabilitiesToWire, diagnosticsToWire, pathToWire, schemaToWire } from "./wire";
import { PROVIDER_LOCAL_NAME } from "../address";

/** A request carrying a type name and a config (the Validate* calls). */
interface TypedConfigRequest {
  typeName: string;
  config: DynamicValue | null;
}

/** Thrown by the service for problems that are the user's or Terraform's, shown as they are (not as a bug). */
class DiagnosticError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.summary);
  }
}

const STOPPED: Diagnostic = {
  severity: "error",
  summary: "The provider is stopping",
  detail: "Terraform asked the provider to stop (StopProvider, e.g. after Ctrl-C); it accepts no new operations.",
};

function unsupported(what: string): Diagnostic {
  return { severity: "error", summary: `Unsupported: ${what}`, detail: `The ${PROVIDER_LOCAL_NAME} provider does not support ${what}.` };
}

/** The bits of a response common to all handler answers. */
const diagnostics = (r: DiagnosticsResponse) => ({ diagnostics: diagnosticsToWire(r.diagnostics) });

const bytes = (b: Uint8Array | undefined) => b ?? new Uint8Array(0);

/** Builds the routes of `tfplugin6.Provider` for `handlers`; `log` receives unexpected errors (stderr). */
export function providerRoutes(handlers: ProviderHandlers, log: (line: string) => void): Array<[string, UnaryMethod]> {
  let stopped = false;

  /** A route whose failures (and calls after StopProvider) become `failure(diagnostic)`. */
  function route<Req>(name: string, fn: (req: Req) => Promise<object> | object, failure = (d: Diagnostic): object => ({ diagnostics: diagnosticsToWire([d]) })): [string, UnaryMethod] {
    return [
      `/tfplugin6.Provider/${name}`,
      unaryMethod<Req, object>(`tfplugin6.${name}.Request`, `tfplugin6.${name}.Response`, async (req) => {
        if (stopped && name !== "StopProvider") return failure(STOPPED);
        try {
          return await fn(req);
        } catch (err) {
          if (err instanceof DiagnosticError) return failure(err.diagnostic);
          log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
          const message = err instanceof Error ? err.message : String(err);
          return failure({
            severity: "error",
            summary: `Provider error in ${name}: ${message.split("\n")[0]}`,
            detail:
              `The ${PROVIDER_LOCAL_NAME} provider (cdktf-tencentcloud-face-groups) failed unexpectedly while handling ${name}: ${message}\n` +
              `This is a bug in the provider; the stack trace is in Terraform's log (TF_LOG=debug).`,
          });
        }
      }),
    ];
  }

  function lookup(kind: "resource" | "data source", typeName: string): Schema {
    const s = handlers.schema();
    const schemas = kind === "resource" ? s.resourceSchemas : s.dataSourceSchemas;
    const schema = Object.prototype.hasOwnProperty.call(schemas, typeName) ? schemas[typeName] : undefined;
    if (schema) return schema;
    const known = Object.keys(schemas);
    throw new DiagnosticError({
      severity: "error",
      summary: `Unknown ${kind} type "${typeName}"`,
      detail: `The ${PROVIDER_LOCAL_NAME} provider has ${known.length ? `these ${kind} types: ${known.join(", ")}` : `no ${kind} types`}.`,
    });
  }

  const resourceType = (typeName: string) => objectType(lookup("resource", typeName));
  const decodeObject = (v: DynamicValue | null, type: ReturnType<typeof objectType>) => decodeDynamicValue(v, type) as TfObject | null;

  return [
    route("GetMetadata", () => {
      const s = handlers.schema();
      return {
        serverCapabilities: capabilitiesToWire(s.capabilities),
        resources: Object.keys(s.resourceSchemas).map((typeName) => ({ typeName })),
        dataSources: Object.keys(s.dataSourceSchemas).map((typeName) => ({ typeName })),
      };
    }),
    route("GetProviderSchema", () => {
      const s = handlers.schema();
      const all = (m: Readonly<Record<string, Schema>>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, schemaToWire(v)]));
      return {
        provider: schemaToWire(s.provider),
        resourceSchemas: all(s.resourceSchemas),
        dataSourceSchemas: all(s.dataSourceSchemas),
        serverCapabilities: capabilitiesToWire(s.capabilities),
      };
    }),
    route<{ config: DynamicValue | null }>("ValidateProviderConfig", (req) =>
      diagnostics(handlers.validateProviderConfig((decodeObject(req.config, objectType(handlers.schema().provider)) ?? {}) as TfObject)),
    ),
    route<TypedConfigRequest>("ValidateResourceConfig", (req) =>
      diagnostics(handlers.validateResourceConfig({ typeName: req.typeName, config: decodeObject(req.config, resourceType(req.typeName)) ?? {} })),
    ),
    route<TypedConfigRequest>("ValidateDataResourceConfig", (req) => {
      const type = objectType(lookup("data source", req.typeName));
      return diagnostics(handlers.validateDataResourceConfig({ typeName: req.typeName, config: decodeObject(req.config, type) ?? {} }));
    }),
    route<{ typeName: string; version: number; rawState: { json: Uint8Array } | null }>("UpgradeResourceState", (req) => {
      const type = resourceType(req.typeName);
      const json = req.rawState?.json;
      const rawState = json && json.length > 0 ? (JSON.parse(Buffer.from(json).toString("utf8")) as TfObject) : null;
      const res = handlers.upgradeResourceState({ typeName: req.typeName, version: Number(req.version), rawState });
      return { ...diagnostics(res), ...(res.upgradedState !== undefined ? { upgradedState: encodeDynamicValue(res.upgradedState, type) } : {}) };
    }),
    route<{ terraformVersion: string; config: DynamicValue | null }>("ConfigureProvider", async (req) => {
      const config = decodeObject(req.config, objectType(handlers.schema().provider)) ?? {};
      return diagnostics(await handlers.configureProvider({ terraformVersion: req.terraformVersion, config }));
    }),
    route<{ typeName: string; currentState: DynamicValue | null; private: Uint8Array }>("ReadResource", async (req) => {
      const type = resourceType(req.typeName);
      const currentState = decodeObject(req.currentState, type) ?? {};
      const res = await handlers.readResource({ typeName: req.typeName, currentState, private: req.private });
      return { ...diagnostics(res), newState: encodeDynamicValue(res.newState, type), private: bytes(res.private) };
    }),
    route<{ typeName: string; priorState: DynamicValue | null; proposedNewState: DynamicValue | null; config: DynamicValue | null; priorPrivate: Uint8Array }>(
      "PlanResourceChange",
      async (req) => {
        const type = resourceType(req.typeName);
        const res = await handlers.planResourceChange({
          typeName: req.typeName,
          priorState: decodeObject(req.priorState, type),
          proposedNewState: decodeObject(req.proposedNewState, type),
          config: decodeObject(req.config, type),
          priorPrivate: req.priorPrivate,
        });
        return {
          ...diagnostics(res),
          plannedState: encodeDynamicValue(res.plannedState, type),
          requiresReplace: (res.requiresReplace ?? []).map(pathToWire),
          plannedPrivate: bytes(res.plannedPrivate),
        };
      },
    ),
    route<{ typeName: string; priorState: DynamicValue | null; plannedState: DynamicValue | null; config: DynamicValue | null; plannedPrivate: Uint8Array }>(
      "ApplyResourceChange",
      async (req) => {
        const type = resourceType(req.typeName);
        const res = await handlers.applyResourceChange({
          typeName: req.typeName,
          priorState: decodeObject(req.priorState, type),
          plannedState: decodeObject(req.plannedState, type),
          config: decodeObject(req.config, type),
          plannedPrivate: req.plannedPrivate,
        });
        return { ...diagnostics(res), newState: encodeDynamicValue(res.newState, type), private: bytes(res.private) };
      },
    ),
    route<{ typeName: string; id: string }>("ImportResourceState", async (req) => {
      resourceType(req.typeName);
      const res = await handlers.importResourceState({ typeName: req.typeName, id: req.id });
      return {
        ...diagnostics(res),
        importedResources: res.importedResources.map((r) => ({
          typeName: r.typeName,
          state: encodeDynamicValue(r.state, resourceType(r.typeName)),
          private: bytes(r.private),
        })),
      };
    }),
    route<{ typeName: string; config: DynamicValue | null }>("ReadDataSource", async (req) => {
      const type = objectType(lookup("data source", req.typeName));
      const res = await handlers.readDataSource({ typeName: req.typeName, config: decodeObject(req.config, type) ?? {} });
      return { ...diagnostics(res), state: encodeDynamicValue(res.state, type) };
    }),
    route("MoveResourceState", () => ({ diagnostics: diagnosticsToWire([unsupported("moving resource state between resource types (moved blocks across types)")]) })),
    ...["ValidateEphemeralResourceConfig", "OpenEphemeralResource", "RenewEphemeralResource", "CloseEphemeralResource"].map((name) =>
      route(name, () => ({ diagnostics: diagnosticsToWire([unsupported("ephemeral resources")]) })),
    ),
    route("GetFunctions", () => ({ diagnostics: [] })),
    route("CallFunction", () => ({ error: { text: "The provider has no functions." } }), (d) => ({ error: { text: d.summary } })),
    route(
      "StopProvider",
      async () => {
        stopped = true; // first: calls arriving while handlers stop are refused too
        return { Error: (await handlers.stop()) ?? "" };
      },
      (d) => ({ Error: d.summary }),
    ),
  ];
}
