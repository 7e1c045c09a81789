#!/usr/bin/env node
/**
 * The `face-groups` command line. Each subcommand lives in its own module; this file only assembles them and maps
 * failures to exit codes: 2 for usage errors (bad flags, missing credentials), 1 for anything else.
 */
import { Command, CommanderError } from "commander";
import { addEmulatorCommand } from "./emulator-command";
import { addProviderCommand } from "./provider-command";

/** Exit code of a usage error. */
export const USAGE_EXIT_CODE = 2;

/** The `face-groups` program with all its subcommands. */
export function buildProgram(): Command {
  const program = new Command("face-groups")
    .description("Tencent Cloud IAI face groups: tooling of cdktf-tencentcloud-face-groups")
    .exitOverride() // inherited by the subcommands added below: we choose the exit codes
    .showHelpAfterError("(add --help for the options)");
  addEmulatorCommand(program);
  addProviderCommand(program);
  return program;
}

/** Runs the CLI with `argv` (as process.argv). */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    // Commander has already printed its message (unknown option, missing argument, help).
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : USAGE_EXIT_CODE);
    process.stderr.write(`face-groups: ${(e as Error).message}\n`);
    process.exit(1);
  }
}

if (require.main === module) void main(process.argv);
