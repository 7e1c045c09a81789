/**
 * The emulator as users run it: `face-groups emulator` (the BUILT CLI, lib/cli/main.js) in a child process, with its
 * per-request log on stdout. For tests that kill or restart the server.
 */
import * as net from "node:net";
import * as path from "node:path";
import { REPO_ROOT } from "./cdktf-project";
import { RunningCommand, start, waitFor } from "./processes";

const CLI = path.join(REPO_ROOT, "lib", "cli", "main.js");

/** A running CLI emulator. */
export interface CliEmulator {
  /** The base URL from its first stdout line. */
  readonly url: string;
  readonly process: RunningCommand;
  /** Its stdout+stderr lines so far (the URL, then one line per request unless --quiet). */
  lines(): string[];
}

/** A port that was free a moment ago (for a server that must come back on the same port). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * Starts `face-groups emulator <args>` with TENCENTCLOUD_SECRET_ID/KEY = `creds`, and resolves once it printed
 * its URL.
 */
export async function startCliEmulator(args: string[], creds: { secretId: string; secretKey: string }): Promise<CliEmulator> {
  const env = { ...process.env, TENCENTCLOUD_SECRET_ID: creds.secretId, TENCENTCLOUD_SECRET_KEY: creds.secretKey };
  const proc = start(process.execPath, [CLI, "emulator", ...args], { env });
  const lines = () => proc.output().split("\n").filter((l) => l !== "");
  let exited = false;
  void proc.result.then(() => (exited = true));
  const url = await waitFor("the emulator's URL line", () => {
    if (exited) throw new Error(`face-groups emulator exited before listening:\n${proc.output()}`);
    return /^(http:\/\/\S+)\n/.exec(proc.output())?.[1]; // a whole first line
  }, 30_000, 20);
  return { url, process: proc, lines };
}
