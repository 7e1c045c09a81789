/**
 * gRPC over node:http2, as much of it as a plugin server needs: length-prefixed messages, unary calls, streams that
 * stay open, status trailers. Why not @grpc/grpc-js: the provider starts 3–4 times per Terraform command and
 * start-up is measured; grpc-js and its loader were a large share of it in the proof of concept, while gRPC's wire
 * format over HTTP/2 (PROTOCOL-HTTP2.md in grpc/grpc) is this small.
 *
 * Each message is 1 byte "compressed" flag (always 0 here: Terraform does not compress), 4 bytes big-endian length,
 * then the protobuf bytes. A call ends with trailers `grpc-status` (0 = OK) and `grpc-message` (percent-encoded).
 */
import type { IncomingHttpHeaders, ServerHttp2Stream } from "node:http2";

/** The gRPC status codes this server sends. */
export const Status = {
  OK: 0,
  INVALID_ARGUMENT: 3,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
} as const;

/** An error that ends a call with a gRPC status (anything else thrown ends it with INTERNAL). */
export class GrpcError extends Error {
  /** @param code a {@link Status} code */
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** A unary method: request bytes to response bytes. */
export interface UnaryMethod {
  readonly kind: "unary";
  handle(request: Uint8Array): Promise<Uint8Array>;
  /** Called once the response has been sent (its HTTP/2 stream closed), e.g. to exit after Shutdown. */
  readonly afterResponse?: () => void;
}

/** A streaming method: gets the HTTP/2 stream once response headers are sent; may write messages with {@link frame}. */
export interface StreamingMethod {
  readonly kind: "stream";
  open(stream: ServerHttp2Stream): void;
}

/** The methods served, by path: `/package.Service/Method`. */
export type Routes = ReadonlyMap<string, UnaryMethod | StreamingMethod>;

/** Requests larger than this are refused (Terraform's own limit for provider messages is 256 MiB). */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/** One message in gRPC's length-prefixed framing. */
export function frame(message: Uint8Array): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

/** Splits the bytes of a request body into messages (assumes the whole body is given). */
export function unframe(body: Buffer): Uint8Array[] {
  const messages: Uint8Array[] = [];
  let at = 0;
  while (at < body.length) {
    if (body.length - at < 5) throw new GrpcError(Status.INTERNAL, "truncated gRPC message header");
    if (body[at] !== 0) throw new GrpcError(Status.UNIMPLEMENTED, "compressed messages are not supported");
    const length = body.readUInt32BE(at + 1);
    if (body.length - at - 5 < length) throw new GrpcError(Status.INTERNAL, "truncated gRPC message");
    messages.push(body.subarray(at + 5, at + 5 + length));
    at += 5 + length;
  }
  return messages;
}

/** Percent-encodes a status message as gRPC requires (printable ASCII except '%' passes). */
export function encodeStatusMessage(text: string): string {
  return Array.from(Buffer.from(text, "utf8"))
    .map((b) => (b >= 0x20 && b <= 0x7e && b !== 0x25 ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`))
    .join("");
}

const RESPONSE_HEADERS = { ":status": 200, "content-type": "application/grpc" };

/** Ends a call that has no response message with a status only ("Trailers-Only" response). */
function endWithStatus(stream: ServerHttp2Stream, code: number, message: string): void {
  if (stream.destroyed || stream.closed) return;
  if (stream.headersSent) {
    stream.end();
    return;
  }
  stream.respond({ ...RESPONSE_HEADERS, "grpc-status": String(code), "grpc-message": encodeStatusMessage(message) }, { endStream: true });
}

/**
 * Serves one HTTP/2 stream (one call) from `routes`. Never throws: errors end the call with a status and are logged.
 * @param log where diagnostics about the transport go (stderr; Terraform shows it with TF_LOG)
 */
export function serveCall(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, routes: Routes, log: (line: string) => void): void {
  const path = String(headers[":path"] ?? "");
  stream.on("error", (err) => log(`stream ${path}: ${err.message}`)); // a reset by the client must not crash us
  const method = routes.get(path);
  if (!String(headers["content-type"] ?? "").startsWith("application/grpc")) {
    stream.respond({ ":status": 415 }, { endStream: true });
    return;
  }
  if (!method) {
    endWithStatus(stream, Status.UNIMPLEMENTED, `unknown method ${path}`);
    return;
  }
  if (method.kind === "stream") {
    stream.respond(RESPONSE_HEADERS);
    stream.on("data", () => undefined); // consume (and ignore) what the client sends: flow control needs it
    method.open(stream);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_MESSAGE_BYTES + 5) endWithStatus(stream, Status.RESOURCE_EXHAUSTED, "request too large");
    else chunks.push(chunk);
  });
  stream.on("end", () => {
    if (stream.headersSent) return; // already refused
    void answerUnary(stream, method, Buffer.concat(chunks), path, log);
  });
}

async function answerUnary(stream: ServerHttp2Stream, method: UnaryMethod, body: Buffer, path: string, log: (line: string) => void): Promise<void> {
  let response: Uint8Array;
  try {
    const messages = unframe(body);
    if (messages.length !== 1) throw new GrpcError(Status.INTERNAL, `expected one request message, got ${messages.length}`);
    response = await method.handle(messages[0]);
  } catch (err) {
    const code = err instanceof GrpcError ? err.code : Status.INTERNAL;
    log(`${path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    endWithStatus(stream, code, err instanceof Error ? err.message : String(err));
    return;
  }
  if (stream.destroyed || stream.closed) return; // the client gave up (cancelled) meanwhile
  stream.respond(RESPONSE_HEADERS, { waitForTrailers: true });
  stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": String(Status.OK) }));
  if (method.afterResponse) stream.once("close", method.afterResponse);
  stream.end(frame(response));
}
