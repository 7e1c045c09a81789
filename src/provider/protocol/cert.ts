/**
 * The server's certificate for go-plugin's AutoMTLS: a fresh ECDSA P-256 key and a self-signed certificate per
 * process, built with our DER writer. Terraform trusts exactly the certificate it reads from the handshake line and
 * dials with ServerName "localhost", so the certificate mirrors go-plugin's own template (mtls.go): CN and SAN
 * localhost, CA:TRUE, keyUsage digitalSignature|keyEncipherment|keyAgreement|certSign, extKeyUsage serverAuth and
 * clientAuth. The tests use the same function for client certificates, as Terraform's are built alike.
 */
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import {
  bitString,
  boolean,
  explicit,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  tlv,
  time,
  unsignedInteger,
  utf8String,
} from "./der";

/** A certificate and its private key. */
export interface Identity {
  /** The certificate, DER. */
  readonly certDer: Buffer;
  /** The certificate, PEM. */
  readonly certPem: string;
  /** The private key, PKCS#8 PEM. */
  readonly keyPem: string;
}

/** Options of {@link selfSignedIdentity}. */
export interface IdentityOptions {
  /** The start of validity is 30 s before this (clock steps), as go-plugin does. @default new Date() */
  readonly now?: Date;
  /**
   * How long the certificate is valid. One process serves one Terraform command, so a week covers any apply while
   * staying short (go-plugin's own uses 30 years). @default 7 days
   */
  readonly validForMs?: number;
  /** The organization in subject and issuer. @default "cdktf-tencentcloud-face-groups" */
  readonly organization?: string;
}

const OID = {
  ecPublicKey: "1.2.840.10045.2.1",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  commonName: "2.5.4.3",
  organization: "2.5.4.10",
  keyUsage: "2.5.29.15",
  basicConstraints: "2.5.29.19",
  subjectAltName: "2.5.29.17",
  extKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
};

const HOST = "localhost";
const DAY_MS = 24 * 60 * 60 * 1000;

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** keyUsage bits 0 (digitalSignature), 2 (keyEncipherment), 4 (keyAgreement), 5 (keyCertSign): 0b10101100, 2 unused. */
const KEY_USAGE = bitString(Buffer.from([0xac]), 2);

/** Generates a key and a self-signed certificate for "localhost" (see the module comment for the fields). */
export function selfSignedIdentity(options: IdentityOptions = {}): Identity {
  const now = options.now ?? new Date();
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const name = sequence(
    set(sequence(objectIdentifier(OID.organization), utf8String(options.organization ?? "cdktf-tencentcloud-face-groups"))),
    set(sequence(objectIdentifier(OID.commonName), utf8String(HOST))),
  );
  const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  // A random positive 127-bit serial, as RFC 5280 wants serials unique and unpredictable.
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const tbs = sequence(
    explicit(0, smallInteger(2)), // v3
    unsignedInteger(serial),
    signatureAlgorithm,
    name,
    sequence(time(new Date(now.getTime() - 30_000)), time(new Date(now.getTime() + (options.validForMs ?? 7 * DAY_MS)))),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    explicit(
      3,
      sequence(
        extension(OID.keyUsage, true, KEY_USAGE),
        extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth), objectIdentifier(OID.clientAuth))),
        extension(OID.basicConstraints, true, sequence(boolean(true))),
        extension(OID.subjectAltName, false, sequence(tlv(0x82, Buffer.from(HOST)))), // [2] dNSName
      ),
    ),
  );
  const signature = sign("sha256", tbs, privateKey); // DER ECDSA-Sig-Value
  const certDer = sequence(tbs, signatureAlgorithm, bitString(signature));
  return {
    certDer,
    certPem: toPem("CERTIFICATE", certDer),
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

/** PEM armour for DER bytes. */
export function toPem(label: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
