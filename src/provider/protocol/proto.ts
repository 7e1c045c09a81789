/**
 * The protobuf messages of the plugin protocol: static encode/decode code generated at build time from
 * proto/*.proto by protobufjs-cli (proto/messages.ts, see scripts/bundle-provider.mjs), on protobufjs/minimal —
 * no .proto parsing, no reflection and no run-time code generation at start.
 */
import "./proto-numbers";
import * as messages from "./proto/messages";
import type { UnaryMethod } from "./grpc";

/** A generated message class. */
interface MessageClass {
  encode(message: object): { finish(): Uint8Array };
  decode(bytes: Uint8Array): unknown;
}

const classes = new Map<string, MessageClass>();

/** The generated class of `typeName` (fully qualified, e.g. "tfplugin6.Diagnostic"). */
function messageClass(typeName: string): MessageClass {
  let found = classes.get(typeName);
  if (!found) {
    const value = typeName.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    if (typeof value !== "function") throw new Error(`no protobuf message ${typeName}`);
    found = value as unknown as MessageClass;
    classes.set(typeName, found);
  }
  return found;
}

/** Encodes a plain object as the message `typeName` (fully qualified, e.g. "tfplugin6.Diagnostic"). */
export function encodeMessage(typeName: string, message: object): Uint8Array {
  return messageClass(typeName).encode(message).finish();
}

/**
 * Decodes the message `typeName`. Fields absent on the wire read as their defaults ("" / 0 / empty bytes / null for
 * messages), as protobuf's proto3 semantics say.
 */
export function decodeMessage<T>(typeName: string, bytes: Uint8Array): T {
  return messageClass(typeName).decode(bytes) as T;
}

/** A unary gRPC method from a function on decoded messages. */
export function unaryMethod<Req, Res extends object>(requestType: string, responseType: string, fn: (request: Req) => Promise<Res> | Res): UnaryMethod {
  return {
    kind: "unary",
    handle: async (bytes) => encodeMessage(responseType, await fn(decodeMessage<Req>(requestType, bytes))),
  };
}
