/**
 * What go-plugin's client (inside Terraform) puts in the plugin's environment, checked before anything is served,
 * and the one handshake line the plugin answers with on stdout.
 */
import { PROVIDER_LOCAL_NAME, PROVIDER_SOURCE } from "../address";

/** The variable Terraform sets so a provider knows it was started by Terraform. */
export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
/** Terraform's value of {@link MAGIC_COOKIE_KEY} (the same for every provider). */
export const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
/** The plugin protocol major version this server speaks. */
export const PROTOCOL_VERSION = 6;
/** go-plugin's core protocol version, the first field of the handshake line. */
const CORE_PROTOCOL_VERSION = 1;

/** How to serve, from the environment. */
export interface LaunchSettings {
  /** Terraform's client certificate (PEM) to require, or null when Terraform disabled TLS (TF_DISABLE_PLUGIN_TLS). */
  readonly clientCertPem: string | null;
  /** The port range to listen in; [0, 0] lets the system choose. */
  readonly minPort: number;
  readonly maxPort: number;
}

/** The outcome of {@link checkLaunch}: settings, or a message for stderr (then exit 1). */
export type LaunchCheck = { readonly ok: true; readonly settings: LaunchSettings } | { readonly ok: false; readonly message: string };

const NOT_BY_HAND = [
  `This is a Terraform plugin (provider ${PROVIDER_LOCAL_NAME} of cdktf-tencentcloud-face-groups); Terraform starts it, it is not meant to be run by hand.`,
  `Use it from Terraform: the FaceGroup construct places it where \`terraform init\` finds it and declares it as`,
  `  required_providers { ${PROVIDER_LOCAL_NAME} = { source = "${PROVIDER_SOURCE}" } }`,
  `then run \`cdktf deploy\` (or terraform plan/apply in the stack's folder).`,
].join("\n");

/** Checks the environment Terraform gives a plugin (magic cookie, protocol versions, ports). */
export function checkLaunch(env: NodeJS.ProcessEnv): LaunchCheck {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) return { ok: false, message: NOT_BY_HAND };
  // go-plugin falls back to the plugin's own version when the variable is absent; when present, 6 must be offered.
  const offered = env.PLUGIN_PROTOCOL_VERSIONS;
  if (offered !== undefined && !offered.split(",").map((v) => v.trim()).includes(String(PROTOCOL_VERSION))) {
    return {
      ok: false,
      message:
        `This provider speaks Terraform plugin protocol ${PROTOCOL_VERSION}, but this Terraform offers only "${offered}" ` +
        `(PLUGIN_PROTOCOL_VERSIONS). Use Terraform 1.0 or later.`,
    };
  }
  const ports = portRange(env);
  if (typeof ports === "string") return { ok: false, message: ports };
  return { ok: true, settings: { clientCertPem: env.PLUGIN_CLIENT_CERT || null, ...ports } };
}

function portRange(env: NodeJS.ProcessEnv): { minPort: number; maxPort: number } | string {
  if (env.PLUGIN_MIN_PORT === undefined && env.PLUGIN_MAX_PORT === undefined) return { minPort: 0, maxPort: 0 };
  const minPort = Number(env.PLUGIN_MIN_PORT ?? 0);
  const maxPort = Number(env.PLUGIN_MAX_PORT ?? 65535);
  const valid = (p: number) => Number.isInteger(p) && p >= 0 && p <= 65535;
  if (!valid(minPort) || !valid(maxPort) || minPort > maxPort) {
    return `Invalid plugin port range PLUGIN_MIN_PORT=${env.PLUGIN_MIN_PORT} PLUGIN_MAX_PORT=${env.PLUGIN_MAX_PORT}.`;
  }
  return { minPort, maxPort };
}

/**
 * The handshake line (without newline): `1|6|tcp|127.0.0.1:PORT|grpc|CERT`, CERT being the server certificate's DER
 * in base64 without padding (go-plugin decodes it with Go's RawStdEncoding), or absent when TLS is off.
 */
export function handshakeLine(host: string, port: number, certDer: Uint8Array | null): string {
  const fields = [CORE_PROTOCOL_VERSION, PROTOCOL_VERSION, "tcp", `${host}:${port}`, "grpc"];
  if (certDer) fields.push(Buffer.from(certDer).toString("base64").replace(/=+$/, ""));
  return fields.join("|");
}
