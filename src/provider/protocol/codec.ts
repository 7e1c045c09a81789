/**
 * Values on the wire (`DynamicValue`: msgpack, or JSON) ⇄ {@link TfValue}, directed by the cty type from the schema,
 * per docs/plugin-protocol/object-wire-format.md in hashicorp/terraform:
 * - unknown is any msgpack extension (0, or 12 "refined unknown" whose refinements we may ignore); we send type 0;
 * - a number may arrive as a string (a mantissa larger than float64); we send ints when integral, else float64;
 * - an object is encoded with every attribute of its type, null where the value has none; an attribute the type
 *   does not have is an error (Terraform would reject the value anyway, with a less helpful message);
 * - `dynamic` travels as [JSON type, value] (msgpack) or {type, value} (JSON).
 */
import { decode as msgpackDecode, encode as msgpackEncode, ExtData } from "@msgpack/msgpack";
import { type CtyType, type NestedBlockSchema, type Schema, type SchemaAttribute, type TfValue, UNKNOWN } from "./types";

/** The wire form of a value: protobuf's `DynamicValue`. */
export interface DynamicValue {
  readonly msgpack?: Uint8Array | null;
  readonly json?: Uint8Array | null;
}

const attributesType = (attributes: readonly SchemaAttribute[]): CtyType => ["object", Object.fromEntries(attributes.map((a) => [a.name, a.type]))];
const blockType = (b: NestedBlockSchema): CtyType => [b.nesting, attributesType(b.attributes)];

/** The object type of a schema's top-level block (a nested block is a list or set of objects). */
export function objectType(schema: Schema): CtyType {
  return ["object", Object.fromEntries([...schema.attributes.map((a) => [a.name, a.type]), ...(schema.blocks ?? []).map((b) => [b.name, blockType(b)])])];
}

/** Decodes a DynamicValue (msgpack preferred, JSON accepted); an absent or empty value is null. */
export function decodeDynamicValue(value: DynamicValue | null | undefined, type: CtyType): TfValue {
  if (value?.msgpack && value.msgpack.length > 0) return fromWire(msgpackDecode(value.msgpack), type, "msgpack", []);
  if (value?.json && value.json.length > 0) return fromWire(JSON.parse(Buffer.from(value.json).toString("utf8")), type, "json", []);
  return null;
}

/** Encodes a value of `type` as a msgpack DynamicValue; throws (naming the path) when the value does not fit. */
export function encodeDynamicValue(value: TfValue | undefined, type: CtyType): { msgpack: Uint8Array } {
  return { msgpack: msgpackEncode(toWire(value ?? null, type, [])) };
}

const UNKNOWN_WIRE = new ExtData(0, new Uint8Array(0));

function where(path: readonly (string | number)[]): string {
  return path.length === 0 ? "the value" : path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").slice(1);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof ExtData);
}

function fromWire(raw: unknown, type: CtyType, format: "msgpack" | "json", path: (string | number)[]): TfValue {
  if (raw instanceof ExtData) return UNKNOWN;
  if (raw === null || raw === undefined) return null;
  if (type === "dynamic") return fromDynamic(raw, format, path);
  if (type === "number") return typeof raw === "string" ? Number(raw) : (raw as number);
  if (typeof type === "string") return raw as TfValue; // string, bool
  const [kind, inner] = type;
  if (kind === "list" || kind === "set") {
    if (!Array.isArray(raw)) throw new TypeError(`${where(path)}: expected a ${kind}`);
    return raw.map((e, i) => fromWire(e, inner, format, [...path, i]));
  }
  if (!isPlainObject(raw)) throw new TypeError(`${where(path)}: expected ${kind === "map" ? "a map" : "an object"}`);
  const attrType = (name: string): CtyType => (kind === "map" ? (inner as CtyType) : ((inner as Record<string, CtyType>)[name] ?? "dynamic"));
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, fromWire(v, attrType(k), format, [...path, k])]));
}

function fromDynamic(raw: unknown, format: "msgpack" | "json", path: (string | number)[]): TfValue {
  if (format === "msgpack" && Array.isArray(raw) && raw.length === 2 && raw[0] instanceof Uint8Array) {
    return fromWire(raw[1], JSON.parse(Buffer.from(raw[0]).toString("utf8")) as CtyType, format, path);
  }
  if (format === "json" && isPlainObject(raw) && "type" in raw && "value" in raw) {
    return fromWire(raw.value, raw.type as CtyType, format, path);
  }
  throw new TypeError(`${where(path)}: malformed value of dynamic type`);
}

function toWire(value: TfValue, type: CtyType, path: (string | number)[]): unknown {
  if (value === UNKNOWN) return UNKNOWN_WIRE;
  if (value === null) return null;
  const fail = (what: string): never => {
    throw new TypeError(`${where(path)}: expected ${what}, got ${Array.isArray(value) ? "an array" : typeof value}`);
  };
  switch (type) {
    case "string":
      return typeof value === "string" ? value : fail("a string");
    case "bool":
      return typeof value === "boolean" ? value : fail("a bool");
    case "number":
      // The msgpack encoder writes safe integers as ints and every other number as float64.
      return typeof value === "number" && Number.isFinite(value) ? value : fail("a finite number");
    case "dynamic":
      return dynamicToWire(value, path);
  }
  const [kind, inner] = type;
  if (kind === "list" || kind === "set") {
    return Array.isArray(value) ? value.map((e, i) => toWire(e, inner, [...path, i])) : fail(`a ${kind}`);
  }
  if (!isPlainObject(value)) return fail(kind === "map" ? "a map" : "an object");
  if (kind === "map") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v, inner as CtyType, [...path, k])]));
  const attributes = inner as Readonly<Record<string, CtyType>>;
  const extra = Object.keys(value).filter((k) => !(k in attributes));
  if (extra.length > 0) throw new TypeError(`${where(path)}: attribute(s) ${extra.join(", ")} not in the schema`);
  return Object.fromEntries(Object.entries(attributes).map(([k, t]) => [k, toWire(value[k] ?? null, t, [...path, k])]));
}

/** A dynamic value carries its type; only primitive values can have theirs inferred. */
function dynamicToWire(value: TfValue, path: (string | number)[]): unknown {
  const primitive = { string: "string", number: "number", boolean: "bool" } as const;
  const type = primitive[typeof value as keyof typeof primitive];
  if (!type) throw new TypeError(`${where(path)}: only primitive values can be sent for an attribute of dynamic type`);
  return [Buffer.from(JSON.stringify(type)), toWire(value, type, path)];
}
