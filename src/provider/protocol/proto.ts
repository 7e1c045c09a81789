/**
 * The protobuf messages of the plugin protocol, from the JSON descriptor generated at build time from proto/*.proto
 * (scripts/bundle-provider.mjs). protobufjs/light only reads descriptors (no .proto parser), and compiles a type's
 * encoder/decoder on first use, so start-up pays for neither.
 */
import * as protobuf from "protobufjs/light";
import descriptor from "./proto/descriptor.json";
import type { UnaryMethod } from "./grpc";

// 64-bit fields as plain numbers (ours are versions and list indexes), the same with or without the "long" package.
protobuf.util.Long = null as unknown as typeof protobuf.util.Long;
protobuf.configure();

const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);

/** Encodes a plain object as the message `typeName` (fully qualified, e.g. "tfplugin6.Diagnostic"). */
export function encodeMessage(typeName: string, message: object): Uint8Array {
  return root.lookupType(typeName).encode(message).finish();
}

/**
 * Decodes the message `typeName`. Fields absent on the wire read as their defaults ("" / 0 / empty bytes / null for
 * messages), as protobuf's proto3 semantics say.
 */
export function decodeMessage<T>(typeName: string, bytes: Uint8Array): T {
  return root.lookupType(typeName).decode(bytes) as unknown as T;
}

/** A unary gRPC method from a function on decoded messages. */
export function unaryMethod<Req, Res extends object>(requestType: string, responseType: string, fn: (request: Req) => Promise<Res> | Res): UnaryMethod {
  return {
    kind: "unary",
    handle: async (bytes) => encodeMessage(responseType, await fn(decodeMessage<Req>(requestType, bytes))),
  };
}
