/**
 * SIGKILL of terraform in the middle of a 200-group apply, then exactly what a user does: run the apply again, with
 * no extra flag.
 *
 * What a killed terraform leaves (local backend):
 * - a `.terraform.<stack>.tfstate.lock.info` file; the lock itself is an OS file lock that died with the process,
 *   so the plain re-apply is not blocked and removes the file (`terraform force-unlock` answers "LocalState not
 *   locked": it does not apply);
 * - a state file that is complete, or empty when the kill fell between its truncation and rewrite (Terraform then
 *   reads "no state" and the re-apply re-creates every part: each group is found and adopted);
 * - settings parts recorded as created while their handler was still running (Terraform saves the object before
 *   its create-time provisioner ends): the handlers, orphaned, must finish their group although no one reads them.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { Emulator, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess } from "../support/cdktf-project";
import { handlerProcesses, killNow, waitFor } from "../support/processes";
import { BUNDLE, settings } from "../handler/harness";
import {
  apiEnv,
  applySummary,
  CREDS,
  expectCreatedOnce,
  expectExactly,
  expectStateConverged,
  groupDecls,
  handlerLines,
  lockInfoFile,
  readIfExists,
  settledGroupIds,
  startApply,
  stateParts,
  synth,
} from "./helpers";

jest.setTimeout(5 * 60_000);

const DECLS = groupDecls(200, "tfkill");
const KILL_AT = 50; // about this many more groups exist each time terraform is killed

test("a handler whose terraform is gone (stdout/stderr closed) still finishes its group", async () => {
  const emu = await startEmulator({ credentials: [CREDS], quiet: true, qps: 0, faults: { rate: 1, kinds: ["latency"], latencyMs: 500 } });
  try {
    const child = spawn(process.execPath, [BUNDLE, "apply"], { env: { PATH: process.env.PATH, FACE_GROUP: JSON.stringify(settings("orphan-1")), ...apiEnv(emu.url) }, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    await waitFor("GetGroupInfo in flight", () => emu.requests.length > 0);
    child.stdout!.destroy(); // the reading ends of the pipes go away, as when terraform is killed
    child.stderr!.destroy();
    expect(await exited).toBe(0);
    expect(emu.requests.map((r) => `${r.action}:${r.code}`)).toEqual(["GetGroupInfo:InvalidParameterValue.GroupIdNotExist", "CreateGroup:OK"]);
    expect(emu.groups().map((g) => g.GroupId)).toEqual(["orphan-1"]);
  } finally {
    await emu.stop();
  }
});

describe("terraform killed -9 mid-apply, twice", () => {
  let emu: Emulator;
  let project: CdktfProject;
  let env: NodeJS.ProcessEnv;
  let state: string;
  let existed: string[]; // after the last kill
  let recorded: string[]; // settings parts the state records as done after the last kill

  /** A plain apply, killed -9 once `when()` holds; returns after its orphaned handlers have ended. */
  async function applyKilledWhen(what: string, when: () => boolean): Promise<void> {
    const apply = startApply(project, "tfkill", env);
    await waitFor(what, when, 180_000, 2);
    expect(killNow(apply.child.pid!)).toBe(true);
    expect((await apply.result).signal).toBe("SIGKILL");
    await waitFor("orphaned handlers to end", () => handlerProcesses(project.stackDir("tfkill")).length === 0, 60_000);
    existed = emu.groups().map((g) => g.GroupId).sort();
    recorded = settledGroupIds(stateParts(project, "tfkill")); // throws unless empty or complete JSON
    expect(existed.length).toBeLessThan(DECLS.length);
    expect(fs.existsSync(lockInfoFile(project, "tfkill"))).toBe(true); // stale: its lock died with terraform
  }

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: true, qps: 0 });
    project = new CdktfProject("fg-rel-tfkill-");
    env = apiEnv(emu.url);
    project.setStacks([{ name: "tfkill", groups: DECLS }]);
    await synth(project, ["tfkill"], env);
    state = project.statePath("tfkill");
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  test("killed while the state file holds a snapshot: every part it records as done has its group, exactly", async () => {
    // Terraform saves a settings part before its handler ends; the orphaned handlers must still finish those groups.
    await applyKilledWhen(`${KILL_AT} groups`, () => emu.groups().length >= KILL_AT && fs.statSync(state).size > 0);
    expect(recorded.length).toBeGreaterThan(0);
    expectExactly(emu.groups().filter((g) => recorded.includes(g.GroupId)), DECLS.filter((d) => recorded.includes(d.props.groupId as string)));
  });

  test("terraform force-unlock is not the fix: local state is not locked any more", async () => {
    const info = JSON.parse(fs.readFileSync(lockInfoFile(project, "tfkill"), "utf8"));
    const unlock = await project.terraform("tfkill", ["force-unlock", "-force", info.ID], env);
    expect(unlock.code).not.toBe(0);
    expect(unlock.output).toMatch(/LocalState not locked/);
  });

  test("the plain re-apply is not blocked; killed again while terraform rewrites the state, the file is left empty", async () => {
    const target = existed.length + KILL_AT;
    await applyKilledWhen(`${target} groups and the state file mid-rewrite`, () => emu.groups().length >= target && fs.statSync(state).size === 0);
    expect(readIfExists(state)).toBe(""); // terraform reads this as "no state": every part will be created again
    expect(recorded).toEqual([]);
  });

  test("a plain re-apply converges: every existing group adopted, the rest created once, lock-info file gone", async () => {
    const before = emu.requests.length;
    const result = await startApply(project, "tfkill", env).result;
    expectSuccess(result);
    expect(applySummary(result.output)).toBe(`Apply complete! Resources: ${2 * DECLS.length} added, 0 changed, 0 destroyed.`);
    const calls = emu.requests.slice(before);
    expect(handlerLines(result.output).adopted).toEqual(existed);
    expect(calls.filter((c) => c.action !== "GetGroupInfo" && existed.includes(c.groupId!))).toEqual([]); // read, not written

    expectExactly(emu.groups(), DECLS);
    expectCreatedOnce(emu.requests, DECLS);
    expectStateConverged(project, "tfkill", DECLS);
    expect(fs.existsSync(lockInfoFile(project, "tfkill"))).toBe(false);
    console.log(`terraform killed twice; the re-apply adopted the ${existed.length} groups that existed and created ${DECLS.length - existed.length}`);
  });
});
