/**
 * Mutual TLS as go-plugin's AutoMTLS expects it: our certificate (cert.ts) on the server side, and Terraform's client
 * certificate from PLUGIN_CLIENT_CERT required and verified. OpenSSL verifies the chain against that certificate as
 * the only CA; we also pin it exactly (a certificate merely *signed* by Terraform's key is refused too).
 */
import { X509Certificate } from "node:crypto";
import type { SecureServerOptions } from "node:http2";
import type { TLSSocket } from "node:tls";
import type { Identity } from "./cert";

/** The client certificate Terraform will present, parsed from PLUGIN_CLIENT_CERT. */
export interface ClientCertificate {
  readonly pem: string;
  readonly der: Buffer;
}

/** Parses PLUGIN_CLIENT_CERT; throws a clear error when it is not a PEM certificate. */
export function parseClientCertificate(pem: string): ClientCertificate {
  try {
    return { pem, der: new X509Certificate(pem).raw };
  } catch (err) {
    throw new Error(`PLUGIN_CLIENT_CERT is not a PEM certificate (${(err as Error).message})`);
  }
}

/** Options for http2.createSecureServer: our identity, h2 via ALPN (gRPC-Go requires it), client cert required. */
export function secureServerOptions(identity: Identity, client: ClientCertificate): SecureServerOptions {
  return {
    key: identity.keyPem,
    cert: identity.certPem,
    ca: [client.pem],
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: "TLSv1.2",
    ALPNProtocols: ["h2"],
  };
}

/** True when the TLS peer presented exactly the expected client certificate. */
export function presentedExpectedCertificate(socket: TLSSocket, client: ClientCertificate): boolean {
  const peer = socket.getPeerCertificate();
  return Boolean(peer && peer.raw && peer.raw.equals(client.der));
}
