/**
 * Running a provider process: check that Terraform started it, then serve until Terraform shuts it down.
 *
 * stdout carries exactly one line, the go-plugin handshake; everything else goes to stderr, which Terraform shows
 * with TF_LOG. SIGINT is ignored as Go providers do: on Ctrl-C Terraform calls StopProvider and then Shutdown.
 */
import { checkLaunch } from "./launch";
import { serve } from "./server";
import type { ProviderHandlers } from "./types";

/** Runs the provider made by `create` as this process (never returns normally: the process exits when done). */
export function runProvider(create: (env: NodeJS.ProcessEnv) => ProviderHandlers): void {
  const launch = checkLaunch(process.env);
  if (!launch.ok) {
    process.stderr.write(`${launch.message}\n`);
    process.exit(1);
  }
  // Which Node.js runs the provider (Terraform's launcher uses the `node` on PATH): shown with TF_LOG, for bug reports.
  process.stderr.write(`[tencentcloudiai provider] Node.js ${process.version} at ${process.execPath}, pid ${process.pid}\n`);
  // Anything a dependency prints with console.log would corrupt go-plugin's stdout protocol.
  console.log = console.info = console.debug = console.error;
  process.on("SIGINT", () => undefined);
  serve({ handlers: create(process.env), settings: launch.settings }).catch((err: Error) => {
    process.stderr.write(`tencentcloudiai provider: cannot start: ${err.message}\n`);
    process.exit(1);
  });
}
