/**
 * SIGKILL of terraform in the middle of a 200-group apply, then exactly what a user does: run the apply again, with
 * no extra flag.
 *
 * What a killed terraform leaves (local backend):
 * - a `.terraform.<stack>.tfstate.lock.info` file; the lock itself is an OS file lock that died with the process,
 *   so the plain re-apply is not blocked and removes the file (`terraform force-unlock` answers "LocalState not
 *   locked": it does not apply);
 * - a state file that is complete, or empty when the kill fell between its truncation and rewrite (the local state
 *   manager, statemgr.Filesystem.writeState, seeks to 0, truncates, then writes the whole snapshot; Terraform then
 *   reads "no state" and the re-apply creates every group again: each CreateGroup meets GroupIdAlreadyExist and the
 *   provider adopts the group, without a write);
 * - its provider process, orphaned (found just before the kill by walking /proc from the terraform we started): it
 *   must end by itself.
 * A group is recorded only once the provider answered its create, so whatever the state records exists as recorded.
 *
 * No race with the clock: the kill point is chosen on the emulator's answers (its log hook), terraform is frozen
 * (SIGSTOP, every thread confirmed stopped) before its state file is read, so what is read is what the kill leaves; the
 * empty file a kill mid-rewrite leaves is written by the test (that window lasts microseconds: waiting for it is a
 * flake), exactly as Terraform's truncation leaves it.
 */
import * as fs from "node:fs";
import { Emulator, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess } from "../support/cdktf-project";
import { freeze, isAlive, killNow, killProc, ProcInfo, thaw, waitFor } from "../support/processes";
import {
  apiEnv,
  CREDS,
  expectCreatedOnce,
  expectExactly,
  expectStateConverged,
  expectStateTrue,
  groupDecls,
  GroupState,
  jsonRun,
  lockInfoFile,
  providerProcesses,
  readIfExists,
  startApply,
  stateGroups,
  synth,
} from "./helpers";
import { writes } from "../support/api-calls";

jest.setTimeout(5 * 60_000);

const DECLS = groupDecls(200, "tfkill");
const KILL_AT = 50; // about this many more groups exist each time terraform is killed

describe("terraform killed -9 mid-apply, twice", () => {
  let emu: Emulator;
  let project: CdktfProject;
  let env: NodeJS.ProcessEnv;
  let state: string;
  let existed: string[]; // after the last kill
  let recorded: GroupState[]; // what the state records after the last kill
  const orphans: ProcInfo[] = [];

  let answered: (() => void) | undefined; // called by the emulator's log hook after each answer

  /** Resolves after the emulator's next answer to any request. */
  const nextAnswer = () => new Promise<void>((resolve) => (answered = resolve));

  /**
   * A plain apply, killed -9 at the first emulator answer after which `when()` holds and, terraform frozen, its state
   * file satisfies `stateOk`; returns once its orphaned provider has ended.
   */
  async function applyKilledWhen(what: string, when: () => boolean, stateOk: (text: string) => boolean): Promise<void> {
    const apply = startApply(project, "tfkill", env);
    const pid = apply.child.pid!;
    const ended = apply.result.then((r) => {
      throw new Error(`terraform ended (code ${r.code}) before ${what}:\n${r.output.slice(-2_000)}`);
    });
    for (;;) {
      await Promise.race([nextAnswer(), ended]);
      if (!when()) continue;
      await freeze(pid);
      if (stateOk(readIfExists(state))) break;
      thaw(pid); // frozen mid-rewrite: let it finish and look again after the next answer
    }
    const providers = providerProcesses(pid); // terraform is frozen: its provider is still its child
    expect(killNow(pid)).toBe(true);
    expect((await apply.result).signal).toBe("SIGKILL");
    expect(providers.length).toBeGreaterThanOrEqual(1);
    orphans.push(...providers);
    // The orphaned provider ends by itself (no process left behind on the machine); calls it had in flight may still
    // be performed, so what exists is read once it is gone. (afterAll kills it if this times out.)
    await waitFor("the orphaned provider to end by itself", () => providers.every((p) => !isAlive(p)), 30_000, 100);
    existed = emu.groups().map((g) => g.GroupId).sort();
    expect(existed.length).toBeLessThan(DECLS.length);
    expect(fs.existsSync(lockInfoFile(project, "tfkill"))).toBe(true); // stale: its lock died with terraform
  }

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], qps: 0, log: () => answered?.() });
    project = new CdktfProject("fg-rel-tfkill-");
    env = apiEnv(emu.url);
    project.setStacks([{ name: "tfkill", groups: DECLS }]);
    await synth(project, ["tfkill"], env);
    state = project.statePath("tfkill");
  });
  afterAll(async () => {
    orphans.forEach(killProc); // only the processes our terraform started, and only while they still are those
    await emu?.stop();
    project?.dispose();
  });

  test("killed while the state file holds a snapshot: every group it records exists, exactly as recorded", async () => {
    await applyKilledWhen(`${KILL_AT} groups`, () => emu.groups().length >= KILL_AT, (text) => text !== "");
    recorded = stateGroups(project, "tfkill"); // throws unless complete JSON
    expect(recorded.length).toBeGreaterThan(0);
    expectStateTrue(recorded, emu.groups(), DECLS);
  });

  test("terraform force-unlock is not the fix: local state is not locked any more", async () => {
    const info = JSON.parse(fs.readFileSync(lockInfoFile(project, "tfkill"), "utf8"));
    const unlock = await project.terraform("tfkill", ["force-unlock", "-force", info.ID], env);
    expect(unlock.code).not.toBe(0);
    expect(unlock.output).toMatch(/LocalState not locked/);
  });

  test("the plain re-apply is not blocked; killed again, its state file left empty as a kill mid-rewrite leaves it", async () => {
    const target = existed.length + KILL_AT;
    await applyKilledWhen(`${target} groups`, () => emu.groups().length >= target, (text) => text !== "");
    expect(stateGroups(project, "tfkill").length).toBeGreaterThan(0); // what this apply had recorded…
    fs.truncateSync(state, 0); // …lost, as when the kill falls between writeState's Truncate(0) and its Write
    recorded = stateGroups(project, "tfkill");
    expect(recorded).toEqual([]); // terraform reads this as "no state": every group will be created again
  });

  test("a plain re-apply converges: every existing group adopted without a write, the rest created once", async () => {
    const before = emu.requests.length;
    const result = await startApply(project, "tfkill", env).result;
    expectSuccess(result);
    expect(jsonRun(result.output).summary).toBe(`Apply complete! Resources: ${DECLS.length} added, 0 changed, 0 destroyed.`);
    const calls = emu.requests.slice(before);
    // The groups that existed: CreateGroup answered GroupIdAlreadyExist, then only reads (adopted as they are).
    const onExisting = writes(calls.filter((c) => existed.includes(c.groupId!)));
    expect(onExisting.sort()).toEqual(existed.map((id) => `CreateGroup:${id}:InvalidParameterValue.GroupIdAlreadyExist`).sort());

    expectExactly(emu.groups(), DECLS);
    expectCreatedOnce(emu.requests, DECLS);
    expectStateConverged(project, "tfkill", DECLS, emu.groups());
    expect(fs.existsSync(lockInfoFile(project, "tfkill"))).toBe(false);
    console.log(`terraform killed twice; the re-apply adopted the ${existed.length} groups that existed and created ${DECLS.length - existed.length}`);
  });
});
