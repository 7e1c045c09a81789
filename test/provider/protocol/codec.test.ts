/** The value codec (DynamicValue ⇄ TfValue) and attribute paths through real protobuf encoding. */
import { decode, encode, ExtData } from "@msgpack/msgpack";
import { decodeDynamicValue, encodeDynamicValue, objectType } from "../../../src/provider/protocol/codec";
import { decodeMessage, encodeMessage } from "../../../src/provider/protocol/proto";
import { type AttributePath, type CtyType, UNKNOWN } from "../../../src/provider/protocol/types";
import { pathFromWire, pathToWire } from "../../../src/provider/protocol/wire";

const type: CtyType = ["object", { s: "string", n: "number", b: "bool", l: ["list", "string"], m: ["map", "number"], o: ["object", { x: "string" }], d: "dynamic" }];

test("a value with unknowns anywhere round-trips; unknown is sent as msgpack extension 0", () => {
  const value = { s: UNKNOWN, n: 1, b: true, l: ["a", UNKNOWN], m: { k: UNKNOWN }, o: UNKNOWN, d: null };
  const wire = encodeDynamicValue(value, type);
  expect(decodeDynamicValue(wire, type)).toEqual(value);
  const raw = decode(wire.msgpack) as Record<string, unknown>;
  expect(raw.s).toBeInstanceOf(ExtData);
  expect((raw.s as ExtData).type).toBe(0);
});

test("a refined unknown (extension 12) and any other extension decode as unknown", () => {
  const refined = new ExtData(12, encode(new Map([[1, false], [2, "pre"]])));
  expect(decodeDynamicValue({ msgpack: encode({ s: refined, n: new ExtData(5, new Uint8Array(0)) }) }, type)).toEqual({ s: UNKNOWN, n: UNKNOWN });
});

test("every attribute is sent, null where the value has none; an attribute not in the schema is an error", () => {
  const raw = decode(encodeDynamicValue({ s: "x" }, type).msgpack) as Record<string, unknown>;
  expect(Object.keys(raw).sort()).toEqual(["b", "d", "l", "m", "n", "o", "s"]);
  expect(raw.n).toBeNull();
  expect(() => encodeDynamicValue({ s: "x", extra: 1 }, type)).toThrow(/extra not in the schema/);
  expect(() => encodeDynamicValue({ l: ["a", 2] }, type)).toThrow(/l\[1\]: expected a string/);
});

test("numbers: integral ones as msgpack ints, others as float64; a decimal string decodes as a number", () => {
  const intBytes = encodeDynamicValue({ n: 7 }, type).msgpack;
  expect(Buffer.from(intBytes).includes(Buffer.from([0xa1, 0x6e, 0x07]))).toBe(true); // "n": positive fixint 7
  const floatBytes = encodeDynamicValue({ n: 1.5 }, type).msgpack;
  expect(Buffer.from(floatBytes).includes(Buffer.from([0xa1, 0x6e, 0xcb]))).toBe(true); // "n": float64
  expect(decodeDynamicValue({ msgpack: encode({ n: "12345678901234567890" }) }, type)).toEqual({ n: 12345678901234567890 });
  expect(() => encodeDynamicValue({ n: Number.NaN }, type)).toThrow(/finite number/);
});

test("dynamic values travel with their type (msgpack [type, value], JSON {type, value})", () => {
  const wire = encodeDynamicValue({ d: "hi" }, type);
  const d = (decode(wire.msgpack) as Record<string, unknown>).d as [Uint8Array, unknown];
  expect([Buffer.from(d[0]).toString(), d[1]]).toEqual(['"string"', "hi"]);
  expect(decodeDynamicValue(wire, type)).toMatchObject({ d: "hi" });
  const json = Buffer.from(JSON.stringify({ d: { type: ["list", "number"], value: [1, 2] } }));
  expect(decodeDynamicValue({ json }, type)).toEqual({ d: [1, 2] });
});

test("absent, empty and nil DynamicValues are null; a whole-object null encodes as nil", () => {
  expect(decodeDynamicValue(undefined, type)).toBeNull();
  expect(decodeDynamicValue({ msgpack: new Uint8Array(0) }, type)).toBeNull();
  expect(decodeDynamicValue({ msgpack: Buffer.from([0xc0]) }, type)).toBeNull();
  expect(Buffer.from(encodeDynamicValue(null, type).msgpack)).toEqual(Buffer.from([0xc0]));
});

test("objectType follows the schema's attributes", () => {
  expect(objectType({ version: 0, description: "", attributes: [{ name: "a", type: "string", description: "" }] })).toEqual(["object", { a: "string" }]);
});

test("attribute paths round-trip through the protobuf AttributePath message", () => {
  const path: AttributePath = [{ attribute: "tags" }, { index: 2 }, { key: "k" }];
  const bytes = encodeMessage("tfplugin6.AttributePath", pathToWire(path));
  expect(pathFromWire(decodeMessage("tfplugin6.AttributePath", bytes))).toEqual(path);
});
