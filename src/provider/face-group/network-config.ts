/**
 * The provider block's network settings: where calls go (`endpoint`, else TENCENTCLOUD_IAI_ENDPOINT, else
 * `domain` / `protocol` like the official provider), the proxy route (proxy.ts) and the trusted CAs
 * (`ca_bundle_file`). Every problem is a diagnostic at configuration, before anything is sent.
 */
import * as fs from "node:fs";
import { truncateForMessage } from "../../api/rules";
import { Endpoint, parseEndpoint } from "../../handler/endpoint";
import { ApiProtocol, DomainSettings, parseDomain, parseProtocol, serviceEndpoint } from "../../handler/endpoint-config";
import { Refusal } from "../../handler/errors";
import { chooseProxy, ProxyChoice } from "../../handler/proxy";
import { Diagnostic, isUnknown, TfObject, Unknown, UNKNOWN } from "../protocol/types";
import { setText } from "./config-text";

/** Where calls go and how. */
export interface NetworkSettings {
  readonly endpoint: Endpoint | Unknown;
  /** Direct or through a proxy (undefined while the endpoint is unknown). */
  readonly route?: ProxyChoice;
  /** The trusted CAs when ca_bundle_file is set (Node's roots, NODE_EXTRA_CA_CERTS, the bundle); else Node's default. */
  readonly ca?: readonly string[];
  /** `domain` / `protocol` (block, else environment): the credential chain's STS endpoint is built from them too. */
  readonly apiDomain?: DomainSettings;
}

/** `f()`, or undefined with a diagnostic when it refuses. */
function checked<T>(f: () => T, problems: Diagnostic[], summary: string, attribute?: string): T | undefined {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    problems.push({ severity: "error", summary, detail: e.message, attribute: attribute ? [{ attribute }] : undefined });
    return undefined;
  }
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The CAs to trust with `file` added: Node's roots, NODE_EXTRA_CA_CERTS's (the `ca` option replaces both), the file's. */
function caBundle(file: string, env: NodeJS.ProcessEnv): string[] {
  let pem: string;
  try {
    pem = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new Refusal(`ca_bundle_file '${truncateForMessage(file)}' cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"}); give the path of a PEM file of CA certificates`);
  }
  const certs = pem.match(PEM_CERT);
  if (!certs) throw new Refusal(`ca_bundle_file '${truncateForMessage(file)}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  let extra: string[] = [];
  try {
    extra = env.NODE_EXTRA_CA_CERTS ? (fs.readFileSync(env.NODE_EXTRA_CA_CERTS, "utf8").match(PEM_CERT) ?? []) : [];
  } catch {
    extra = []; // Node itself warned about an unreadable NODE_EXTRA_CA_CERTS at start-up
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rootCertificates }: typeof import("node:tls") = require("node:tls");
  return [...rootCertificates, ...extra, ...certs];
}

/** Reads the network settings; `problems` collects diagnostics. */
export function readNetworkConfig(config: TfObject, env: NodeJS.ProcessEnv, problems: Diagnostic[]): NetworkSettings {
  const fromBlock = setText(config.endpoint, true);
  const blockDomain = setText(config.domain, true);
  const blockProtocol = setText(config.protocol, true);
  const domainSource = blockDomain ? "domain" : "TENCENTCLOUD_DOMAIN";
  const protocolSource = blockProtocol ? "protocol" : "TENCENTCLOUD_PROTOCOL";
  const rawDomain = blockDomain ?? setText(env.TENCENTCLOUD_DOMAIN, true);
  const rawProtocol = blockProtocol ?? setText(env.TENCENTCLOUD_PROTOCOL, true);
  const domain = rawDomain && checked(() => parseDomain(rawDomain, domainSource), problems, "Invalid domain", domainSource === "domain" ? "domain" : undefined);
  const protocol: ApiProtocol | undefined =
    rawProtocol ? checked(() => parseProtocol(rawProtocol, protocolSource), problems, "Invalid protocol", protocolSource === "protocol" ? "protocol" : undefined) : undefined;
  const caFile = setText(config.ca_bundle_file, true);
  const ca = caFile ? checked(() => caBundle(caFile, env), problems, "Invalid ca_bundle_file", "ca_bundle_file") : undefined;
  if ([config.endpoint, config.domain, config.protocol, config.ca_bundle_file].some(isUnknown)) return { endpoint: UNKNOWN };
  const explicit = fromBlock ?? setText(env.TENCENTCLOUD_IAI_ENDPOINT, true);
  const endpoint = checked(
    () => (explicit ? parseEndpoint(explicit, fromBlock ? "endpoint" : "TENCENTCLOUD_IAI_ENDPOINT") : parseEndpoint(serviceEndpoint("iai", { domain, protocol }), "domain / protocol")),
    problems,
    "Invalid endpoint",
    fromBlock ? "endpoint" : undefined,
  );
  if (!endpoint) return { endpoint: UNKNOWN };
  const route = checked(() => chooseProxy(new URL(endpoint.protocol + endpoint.host), env), problems, "Invalid proxy variable");
  return { endpoint, route, ca, apiDomain: { domain: domain || undefined, protocol } };
}
