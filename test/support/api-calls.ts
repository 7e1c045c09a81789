/**
 * What reached the API, as the tests judge it: one meaning of "a write" for every test. A write is any call that is
 * not one of the documented reads (docs: /work/shared/IAI-API.md "Group APIs"; the emulator's actions in
 * src/emulator/actions) — so an unknown action, a call without an action or a future write counts too: a test that
 * says "no write" fails on anything the provider sends that is not a read.
 */
import type { Emulator, RequestRecord } from "../../src/emulator";

/** The documented read actions of the IAI API (2020-03-03) this project calls; every other action is a write. */
export const READ_ACTIONS: ReadonlySet<string> = new Set(["GetGroupInfo", "GetGroupList", "GetPersonListNum"]);

/** True unless the call is a documented read. */
export function isWrite(call: Pick<RequestRecord, "action">): boolean {
  return !READ_ACTIONS.has(call.action);
}

/** One call as `Action:GroupId:Code` (`-` when it named no group): what a test compares, answer code included. */
export function describeCall(call: Pick<RequestRecord, "action" | "groupId" | "code">): string {
  return `${call.action}:${call.groupId ?? "-"}:${call.code}`;
}

/** The writes among `calls`, in order, each as `Action:GroupId:Code`. */
export function writes(calls: readonly RequestRecord[]): string[] {
  return calls.filter(isWrite).map(describeCall);
}

/** The writes the emulator received from request number `from` on (`from` = an earlier `emu.requests.length`). */
export function writesSince(emu: Pick<Emulator, "requests">, from: number): string[] {
  return writes(emu.requests.slice(from));
}

/** Runs `fn` and returns its result with the writes the emulator received meanwhile. */
export async function writesDuring<T>(emu: Pick<Emulator, "requests">, fn: () => Promise<T>): Promise<{ result: T; writes: string[] }> {
  const from = emu.requests.length;
  const result = await fn();
  return { result, writes: writesSince(emu, from) };
}
