/**
 * A CLI run of a plan as the e2e tests judge it: its words (Terraform's wrapping and frames, cdktf's line prefixes
 * removed), its exit status, and the calls that reached the emulator meanwhile.
 */
import type { Emulator } from "../../src/emulator";
import { describeCall, isWrite } from "./api-calls";
import type { RunResult } from "./cdktf-project";

/** Terraform wraps a diagnostic's detail to the terminal width in a │ frame (and cdktf prefixes lines): words only. */
export function planWords(output: string): string {
  return output.replace(/^(app\s+)?│ ?/gm, "").replace(/^app\s+/gm, "").replace(/\s+/g, " ");
}

/** A run's words, exit status, and the calls (`Action:GroupId:Code`) it made. */
export interface PlanRun {
  readonly output: string;
  readonly code: number | null;
  readonly calls: string[];
  /** The writes among the calls (support/api-calls.ts: anything that is not a documented read). */
  readonly writes: string[];
  /** The run as the CLI returned it. */
  readonly result: RunResult;
}

/** Runs `fn` and returns its words, exit status and the calls that reached `emu` meanwhile. */
export async function runWithCalls(emu: Emulator, fn: () => Promise<RunResult>): Promise<PlanRun> {
  const from = emu.requests.length;
  const result = await fn();
  const requests = emu.requests.slice(from);
  return { output: planWords(result.output), code: result.code, calls: requests.map(describeCall), writes: requests.filter(isWrite).map(describeCall), result };
}
