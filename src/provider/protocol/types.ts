/**
 * The Terraform plugin protocol (v6) as plain TypeScript types, apart from any wire concern — the role
 * terraform-plugin-go's `tfprotov6` package plays for Go providers. The gRPC server (server.ts and friends) decodes
 * requests into these types and encodes the answers; a provider implements {@link ProviderHandlers} and never sees
 * protobuf, msgpack or TLS.
 *
 * Values are decoded from msgpack `DynamicValue`s into plain JS: `null`, string, number, boolean, arrays (lists and
 * sets), plain objects (objects and maps), and the {@link UNKNOWN} marker for values not known until apply.
 */

/** A value not known yet (msgpack extension type 0, or 12 for a refined unknown); round-trips as type 0. */
export const UNKNOWN: unique symbol = Symbol.for("cdktf-tencentcloud-face-groups.tfprotov6.unknown");

/** The type of {@link UNKNOWN}. */
export type Unknown = typeof UNKNOWN;

/** A decoded Terraform value. */
export type TfValue = null | string | number | boolean | Unknown | TfValue[] | { [name: string]: TfValue };

/** An object value (a resource's state, config or plan): attribute name → value. */
export type TfObject = { [name: string]: TfValue };

/** True when `v` is the unknown marker. */
export function isUnknown(v: unknown): v is Unknown {
  return v === UNKNOWN;
}

/** True when `v` or anything inside it is unknown. */
export function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (typeof v === "object" && v !== null) return Object.values(v).some(containsUnknown);
  return false;
}

/** A cty type as Terraform writes it in JSON: `"string"`, `["list","string"]`, `["object",{…}]`. */
export type CtyType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | readonly ["list" | "set" | "map", CtyType]
  | readonly ["object", { readonly [name: string]: CtyType }];

/** One step of an attribute path: an attribute name, or an element key (list index or map key). */
export type PathStep = { readonly attribute: string } | { readonly index: number } | { readonly key: string };

/** A path into a value, e.g. `[{attribute:"group_ex_descriptions"},{index:2}]`. */
export type AttributePath = readonly PathStep[];

/** A diagnostic shown by Terraform; with `attribute` it points at the configuration line. */
export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
  readonly attribute?: AttributePath;
}

/** One attribute of a schema block. */
export interface SchemaAttribute {
  readonly name: string;
  readonly type: CtyType;
  /** Shown in generated docs and by `terraform providers schema -json`. */
  readonly description: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
}

/**
 * A nested block (`assume_role { … }`): in configuration a block, in values a list (or set) of objects of its
 * attributes, at most `maxItems` of them.
 */
export interface NestedBlockSchema {
  /** The block's type name, as written in configuration. */
  readonly name: string;
  readonly description: string;
  /** How the blocks appear in values: a list, or a set (order-free, no duplicates). */
  readonly nesting: "list" | "set";
  /** Most blocks allowed (1: "only one … block may be in the configuration"). @default unlimited */
  readonly maxItems?: number;
  readonly attributes: readonly SchemaAttribute[];
}

/** A schema: a version (for UpgradeResourceState) and the attributes and nested blocks of its top-level block. */
export interface Schema {
  readonly version: number;
  readonly description: string;
  readonly attributes: readonly SchemaAttribute[];
  readonly blocks?: readonly NestedBlockSchema[];
}

/** What the provider can do beyond the basics. */
export interface ServerCapabilities {
  /** Terraform calls PlanResourceChange for destroys too (a plan can warn before a deletion). */
  readonly planDestroy: boolean;
}

/** Everything GetProviderSchema returns. */
export interface ProviderSchema {
  readonly provider: Schema;
  readonly resourceSchemas: Readonly<Record<string, Schema>>;
  readonly dataSourceSchemas: Readonly<Record<string, Schema>>;
  readonly capabilities: ServerCapabilities;
}

/** The answer of most calls: diagnostics only. */
export interface DiagnosticsResponse {
  readonly diagnostics: readonly Diagnostic[];
}

/** ConfigureProvider. */
export interface ConfigureProviderRequest {
  readonly terraformVersion: string;
  /** The provider block's values (possibly with unknowns during plan). */
  readonly config: TfObject;
}

/** ValidateResourceConfig. */
export interface ValidateResourceConfigRequest {
  readonly typeName: string;
  readonly config: TfObject;
}

/** UpgradeResourceState: the state as stored (JSON) and the schema version it was written with. */
export interface UpgradeResourceStateRequest {
  readonly typeName: string;
  readonly version: number;
  /** The stored state, parsed from `raw_state.json` (null when the state was flatmap, which v6 never writes). */
  readonly rawState: TfObject | null;
}

/** UpgradeResourceState answer: the state in the current schema. */
export interface UpgradeResourceStateResponse extends DiagnosticsResponse {
  readonly upgradedState?: TfObject;
}

/** ReadResource. */
export interface ReadResourceRequest {
  readonly typeName: string;
  readonly currentState: TfObject;
  readonly private: Uint8Array;
}

/** ReadResource answer: `newState` null means the object is gone (Terraform removes it from state). */
export interface ReadResourceResponse extends DiagnosticsResponse {
  readonly newState: TfObject | null;
  readonly private?: Uint8Array;
}

/** PlanResourceChange; `priorState` null on create, `proposedNewState` null on destroy. */
export interface PlanResourceChangeRequest {
  readonly typeName: string;
  readonly priorState: TfObject | null;
  readonly proposedNewState: TfObject | null;
  readonly config: TfObject | null;
  readonly priorPrivate: Uint8Array;
}

/** PlanResourceChange answer. */
export interface PlanResourceChangeResponse extends DiagnosticsResponse {
  readonly plannedState: TfObject | null;
  readonly requiresReplace?: readonly AttributePath[];
  readonly plannedPrivate?: Uint8Array;
}

/** ApplyResourceChange; `priorState` null on create, `plannedState` null on delete. */
export interface ApplyResourceChangeRequest {
  readonly typeName: string;
  readonly priorState: TfObject | null;
  readonly plannedState: TfObject | null;
  readonly config: TfObject | null;
  readonly plannedPrivate: Uint8Array;
}

/** ApplyResourceChange answer: `newState` null after a delete. */
export interface ApplyResourceChangeResponse extends DiagnosticsResponse {
  readonly newState: TfObject | null;
  readonly private?: Uint8Array;
}

/** ImportResourceState: `id` is what the user gave `terraform import` or an `import {}` block. */
export interface ImportResourceStateRequest {
  readonly typeName: string;
  readonly id: string;
}

/** One imported object. */
export interface ImportedResource {
  readonly typeName: string;
  readonly state: TfObject;
  readonly private?: Uint8Array;
}

/** ImportResourceState answer. */
export interface ImportResourceStateResponse extends DiagnosticsResponse {
  readonly importedResources: readonly ImportedResource[];
}

/** ValidateDataResourceConfig. */
export interface ValidateDataResourceConfigRequest {
  readonly typeName: string;
  readonly config: TfObject;
}

/** ReadDataSource. */
export interface ReadDataSourceRequest {
  readonly typeName: string;
  readonly config: TfObject;
}

/** ReadDataSource answer. */
export interface ReadDataSourceResponse extends DiagnosticsResponse {
  readonly state: TfObject | null;
}

/**
 * What a provider implements. The server calls these; it handles GetMetadata/GetProviderSchema encoding, unknown
 * type names (a diagnostic, never a crash) and StopProvider bookkeeping itself.
 */
export interface ProviderHandlers {
  /** The schemas; called once per request that needs them, so return a constant. */
  schema(): ProviderSchema;
  validateProviderConfig(config: TfObject): DiagnosticsResponse;
  configureProvider(req: ConfigureProviderRequest): Promise<DiagnosticsResponse>;
  validateResourceConfig(req: ValidateResourceConfigRequest): DiagnosticsResponse;
  upgradeResourceState(req: UpgradeResourceStateRequest): UpgradeResourceStateResponse;
  readResource(req: ReadResourceRequest): Promise<ReadResourceResponse>;
  planResourceChange(req: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse>;
  applyResourceChange(req: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse>;
  importResourceState(req: ImportResourceStateRequest): Promise<ImportResourceStateResponse>;
  validateDataResourceConfig(req: ValidateDataResourceConfigRequest): DiagnosticsResponse;
  readDataSource(req: ReadDataSourceRequest): Promise<ReadDataSourceResponse>;
  /**
   * StopProvider: end in-flight work promptly (abort waits and retries); the server refuses new calls afterwards.
   * Returns an error text, or undefined.
   */
  stop(): Promise<string | undefined>;
}
