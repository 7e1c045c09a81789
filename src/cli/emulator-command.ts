/**
 * `face-groups emulator`: serves the IAI group API locally. Prints the base URL as the first line of stdout, then
 * one log line per request; SIGINT/SIGTERM stop it cleanly (state file flushed).
 */
import { Command } from "commander";
import { Emulator, EmulatorConfigError, EmulatorOptions, FaultPlan, resolveCredentials, startEmulator, StateFileError } from "../emulator";
import { TRANSPORT_FAULTS } from "../emulator/policy";

/** A bad flag or combination of flags; the message says what, why and how to fix it. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The raw flags as commander parses them (strings, as typed; see {@link addEmulatorCommand} for each). */
export interface EmulatorFlags {
  host: string;
  port: string;
  state?: string;
  qps: string;
  maxGroups: string;
  secretId?: string;
  secretKey?: string;
  sessionToken?: string;
  accountId?: string;
  webIdentityToken?: string[];
  instanceRole?: string;
  latencyMs: string;
  latencyJitterMs?: string;
  listingLagMs?: string;
  faultRate?: string;
  faultKinds?: string;
  faultSeed?: string;
  faultLatencyMs?: string;
  quiet?: boolean;
}

function integer(flag: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) {
    throw new UsageError(`--${flag} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`} (got ${JSON.stringify(value)}).`);
  }
  return n;
}

function decimal(flag: string, value: string, min: number, max = Infinity): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || n < min || n > max) {
    throw new UsageError(`--${flag} must be a number from ${min}${max === Infinity ? " up" : ` to ${max}`} (got ${JSON.stringify(value)}).`);
  }
  return n;
}

/** `--instance-role NAME[@ACCOUNT]`. */
function instanceRoleFlag(value: string): { roleName: string; accountId?: string } {
  const m = /^([\w+=,.@-]{1,128}?)(?:@(\d{5,20}))?$/.exec(value);
  if (!m) throw new UsageError(`--instance-role must be a role name, optionally @account (got ${JSON.stringify(value)}), e.g. --instance-role ci-runner@100000000001.`);
  return { roleName: m[1], ...(m[2] ? { accountId: m[2] } : {}) };
}

/**
 * Turns the flags into emulator options (credentials from the flags, else from `env`).
 * @throws UsageError or EmulatorConfigError with a message for the user
 */
export function optionsFromFlags(flags: EmulatorFlags, env: NodeJS.ProcessEnv = process.env): EmulatorOptions {
  if ((flags.secretId === undefined) !== (flags.secretKey === undefined)) {
    throw new UsageError(`--secret-id and --secret-key go together (only ${flags.secretId === undefined ? "--secret-key" : "--secret-id"} was given).`);
  }
  const fromEnv = flags.secretId === undefined;
  const credentials = resolveCredentials(
    fromEnv ? undefined : [{ secretId: flags.secretId!, secretKey: flags.secretKey!, ...(flags.sessionToken ? { token: flags.sessionToken } : {}) }],
    env,
  );
  if (fromEnv && flags.sessionToken) credentials[0].token = flags.sessionToken;
  if (flags.accountId !== undefined) {
    if (!/^\d{5,20}$/.test(flags.accountId)) throw new UsageError(`--account-id must be an account uin of 5-20 digits (got ${JSON.stringify(flags.accountId)}).`);
    credentials[0].accountId = flags.accountId;
  }
  const instanceRole = flags.instanceRole === undefined ? undefined : instanceRoleFlag(flags.instanceRole);

  let faults: FaultPlan | undefined;
  if (flags.faultRate !== undefined || flags.faultKinds !== undefined) {
    if (flags.faultRate === undefined || flags.faultKinds === undefined) {
      throw new UsageError("--fault-rate and --fault-kinds go together, e.g. --fault-rate 0.2 --fault-kinds FailedOperation.ServerError,http502.");
    }
    const kinds = flags.faultKinds.split(",").map((k) => k.trim()).filter(Boolean);
    faults = {
      rate: decimal("fault-rate", flags.faultRate, 0, 1),
      kinds,
      ...(flags.faultSeed !== undefined ? { seed: integer("fault-seed", flags.faultSeed, 0, 2 ** 32 - 1) } : {}),
      ...(flags.faultLatencyMs !== undefined ? { latencyMs: integer("fault-latency-ms", flags.faultLatencyMs, 0) } : {}),
    };
  } else if (flags.faultSeed !== undefined || flags.faultLatencyMs !== undefined) {
    throw new UsageError("--fault-seed and --fault-latency-ms only apply with --fault-rate and --fault-kinds.");
  }
  return {
    host: flags.host,
    port: integer("port", flags.port, 0, 65535),
    statePath: flags.state,
    qps: decimal("qps", flags.qps, 0),
    maxGroups: integer("max-groups", flags.maxGroups, 0),
    latencyMs: integer("latency-ms", flags.latencyMs, 0),
    latencyJitterMs: flags.latencyJitterMs === undefined ? 0 : integer("latency-jitter-ms", flags.latencyJitterMs, 0),
    listingLagMs: flags.listingLagMs === undefined ? 0 : integer("listing-lag-ms", flags.listingLagMs, 0),
    credentials,
    webIdentityTokens: flags.webIdentityToken ?? [],
    instanceRole,
    faults,
    quiet: flags.quiet === true,
    recordLimit: 10_000, // a long-running server must not keep every record forever
  };
}

/** Starts the emulator for the CLI and keeps it running until SIGINT/SIGTERM. */
async function run(flags: EmulatorFlags): Promise<void> {
  let options: EmulatorOptions;
  try {
    options = optionsFromFlags(flags);
  } catch (e) {
    return usageExit(e as Error);
  }
  process.stdout.on("error", () => undefined); // a closed pipe must not crash the server
  // Handlers first: a signal that arrives before Node listens for it kills the process without a flush, and a
  // client may send one as soon as it has read the URL.
  let emulator: Emulator | undefined;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) process.exit(130); // a second signal: give up waiting
    stopping = true;
    process.stderr.write(`face-groups emulator: ${signal}, stopping\n`);
    if (!emulator) return; // still starting: stopped right after the start below
    emulator.stop().then(
      () => process.exit(0),
      (e: Error) => {
        process.stderr.write(`face-groups emulator: stop failed: ${e.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));

  // The URL must be the first line of stdout: hold log lines until it is printed.
  let ready = false;
  const held: string[] = [];
  const write = (line: string) => void process.stdout.write(`${line}\n`);
  emulator = await startEmulator({ ...options, log: (l) => (ready ? write(l) : held.push(l)) }).catch((e: Error) => {
    if (e instanceof EmulatorConfigError || e instanceof StateFileError) return usageExit(e);
    process.stderr.write(`face-groups emulator: cannot start on ${options.host}:${options.port}: ${e.message}\n`);
    process.exit(1);
  });
  if (stopping) {
    await emulator.stop();
    process.exit(0);
  }
  write(emulator.url);
  ready = true;
  held.splice(0).forEach(write);
  process.stderr.write(
    `face-groups emulator: IAI 2020-03-03 group APIs at ${emulator.url}; state ${options.statePath ?? "in memory"}; ` +
      `qps ${options.qps === 0 ? "unlimited" : options.qps}${options.faults ? `; faults ${options.faults.rate} of ${options.faults.kinds.join(",")}` : ""}` +
      `${options.latencyMs || options.latencyJitterMs ? `; latency ${options.latencyMs}±${options.latencyJitterMs ?? 0} ms` : ""}${options.listingLagMs ? `; listing lag ${options.listingLagMs} ms` : ""}\n`,
  );
}

function usageExit(e: Error): never {
  process.stderr.write(`face-groups emulator: ${e.message}\n`);
  process.exit(2);
}

/** Adds the `emulator` subcommand to `program`. */
export function addEmulatorCommand(program: Command): Command {
  return program
    .command("emulator")
    .description("serve the IAI (Face Recognition) group APIs locally, TC3-verified, for the official SDKs and the FaceGroup provider")
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on, 0 = a free one", "0")
    .option("--state <file>", "persist the groups to this JSON file (atomically, before answering) and reload it on start")
    .option("--qps <n>", "requests per second per SecretId, 0 = unlimited", "50")
    .option("--max-groups <n>", "maximum number of groups per region", "100000")
    .option("--secret-id <id>", "accepted SecretId (default: $TENCENTCLOUD_SECRET_ID)")
    .option("--secret-key <key>", "its SecretKey (default: $TENCENTCLOUD_SECRET_KEY)")
    .option("--session-token <token>", "require this X-TC-Token (default: $TENCENTCLOUD_SESSION_TOKEN)")
    .option("--account-id <uin>", "the account of that key, as STS GetCallerIdentity answers it (default 100000000001)")
    .option("--web-identity-token <token>", "an OIDC token STS AssumeRoleWithWebIdentity accepts (repeatable)", (v: string, all: string[] = []) => [...all, v])
    .option("--instance-role <name[@account]>", "serve the CVM metadata credentials of this instance role (default: not on an instance, 404)")
    .option("--latency-ms <ms>", "delay of every answer (the round trip to the real endpoint)", "0")
    .option("--latency-jitter-ms <ms>", "uniform jitter around --latency-ms (default 0)")
    .option("--listing-lag-ms <ms>", "GetGroupList shows creates, renames and deletes this late; GetGroupInfo is the authority (default 0)")
    .option("--fault-rate <r>", "probability 0..1 that a request gets a fault")
    .option("--fault-kinds <list>", `comma-separated API error codes and/or ${TRANSPORT_FAULTS.join(", ")}`)
    .option("--fault-seed <n>", "seed: the same seed and request sequence give the same faults")
    .option("--fault-latency-ms <ms>", "delay of the latency fault kind (default 2000)")
    .option("--quiet", "no per-request log lines")
    .action((flags: EmulatorFlags) => run(flags));
}
