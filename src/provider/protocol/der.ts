/**
 * A minimal DER (ASN.1 Distinguished Encoding Rules) writer: just the types an X.509 certificate needs.
 *
 * Why our own: node:crypto signs and verifies but cannot build a certificate, and the certificate libraries on npm
 * either pull in a large dependency tree or break when bundled (@peculiar/x509, measured). Every function returns
 * one complete TLV (tag, length, value).
 */

/** One DER element: `tag`, the definite length of the concatenated `contents`, then the contents. */
export function tlv(tag: number, ...contents: Uint8Array[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** SEQUENCE of the given elements. */
export const sequence = (...items: Uint8Array[]): Buffer => tlv(0x30, ...items);

/** SET of the given elements (callers pass one element, so no DER sorting is needed). */
export const set = (...items: Uint8Array[]): Buffer => tlv(0x31, ...items);

/** A context-specific constructed tag `[n]` (EXPLICIT tagging), e.g. the certificate's version and extensions. */
export const explicit = (n: number, ...items: Uint8Array[]): Buffer => tlv(0xa0 | n, ...items);

/** BOOLEAN. */
export const boolean = (value: boolean): Buffer => tlv(0x01, Buffer.from([value ? 0xff : 0x00]));

/** INTEGER from unsigned big-endian bytes (a leading zero is added when the top bit is set, so it stays positive). */
export function unsignedInteger(bytes: Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = Buffer.from(bytes.subarray(start));
  return tlv(0x02, trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/** INTEGER for a small non-negative number. */
export const smallInteger = (n: number): Buffer => unsignedInteger(Buffer.from([n]));

/** BIT STRING; `unusedBits` is how many low bits of the last byte are padding. */
export const bitString = (bytes: Uint8Array, unusedBits = 0): Buffer => tlv(0x03, Buffer.from([unusedBits]), bytes);

/** OCTET STRING. */
export const octetString = (bytes: Uint8Array): Buffer => tlv(0x04, bytes);

/** UTF8String. */
export const utf8String = (text: string): Buffer => tlv(0x0c, Buffer.from(text, "utf8"));

/** OBJECT IDENTIFIER from dotted form, e.g. "2.5.29.17". */
export function objectIdentifier(dotted: string): Buffer {
  const arcs = dotted.split(".").map(Number);
  const bytes = [arcs[0] * 40 + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const base128: number[] = [arc & 0x7f];
    for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) base128.unshift(0x80 | (rest & 0x7f));
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** X.509 Time: UTCTime up to 2049, GeneralizedTime from 2050 on (RFC 5280 §4.1.2.5), to the second. */
export function time(date: Date): Buffer {
  const iso = date.toISOString(); // 2026-11-25T10:20:30.123Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, ""); // 20261125102030
  const year = date.getUTCFullYear();
  return year < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${digits}Z`));
}
