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
  stateFile,
  stateParts,
  synth,
} from "./helpers";

jest.setTimeout(5 * 60_000);

const DECLS = groupDecls(200, "tfkill");
const KILL_AT = 50; // groups in the emulator when terraform is killed

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

describe("terraform killed -9 mid-apply", () => {
  let emu: Emulator;
  let project: CdktfProject;
  let env: NodeJS.ProcessEnv;
  let existedAtKill: string[];
  let recorded: string[];

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: true, qps: 0 });
    project = new CdktfProject("fg-rel-tfkill-");
    env = apiEnv(emu.url);
    project.setStacks([{ name: "tfkill", groups: DECLS }]);
    await synth(project, ["tfkill"], env);
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  test("killed when ~50 groups exist: every part the state records as done has its group; lock-info file left", async () => {
    const apply = startApply(project, "tfkill", env);
    // Kill while the state file holds a snapshot (it is empty for a moment on each rewrite): the case where parts
    // whose handler is still running may already be recorded as created.
    const state = stateFile(project, "tfkill");
    await waitFor(`${KILL_AT} groups`, () => emu.groups().length >= KILL_AT && fs.statSync(state).size > 0, 180_000, 5);
    expect(killNow(apply.child.pid!)).toBe(true);
    expect((await apply.result).signal).toBe("SIGKILL");
    // The handlers it had started are orphans now; let them end so the emulator is stable for the checks.
    await waitFor("orphaned handlers to end", () => handlerProcesses(project.stackDir("tfkill")).length === 0, 60_000);

    existedAtKill = emu.groups().map((g) => g.GroupId).sort();
    expect(existedAtKill.length).toBeGreaterThanOrEqual(KILL_AT);
    expect(existedAtKill.length).toBeLessThan(DECLS.length);
    const emptied = readIfExists(stateFile(project, "tfkill")) === "";
    recorded = settledGroupIds(stateParts(project, "tfkill")); // throws unless empty or complete JSON
    expect(recorded.filter((id) => !existedAtKill.includes(id))).toEqual([]);
    expect(fs.existsSync(lockInfoFile(project, "tfkill"))).toBe(true);
    console.log(`terraform killed at ${existedAtKill.length} groups; state ${emptied ? "EMPTIED by the kill" : `records ${recorded.length} settings parts as done`}`);
  });

  test("terraform force-unlock is not the fix: local state is not locked any more", async () => {
    const info = JSON.parse(fs.readFileSync(lockInfoFile(project, "tfkill"), "utf8"));
    const unlock = await project.terraform("tfkill", ["force-unlock", "-force", info.ID], env);
    expect(unlock.code).not.toBe(0);
    expect(unlock.output).toMatch(/LocalState not locked/);
  });

  test("a plain re-apply converges: unrecorded groups adopted, none created twice, lock-info file gone", async () => {
    const before = emu.requests.length;
    const result = await startApply(project, "tfkill", env).result;
    expectSuccess(result);
    const calls = emu.requests.slice(before);

    // Nothing is sent for a group the state records as done; an unrecorded existing group is read, not created.
    const unrecorded = existedAtKill.filter((id) => !recorded.includes(id));
    expect(calls.filter((c) => recorded.includes(c.groupId!))).toEqual([]);
    expect(handlerLines(result.output).adopted).toEqual(unrecorded);
    expect(calls.filter((c) => c.action !== "GetGroupInfo" && existedAtKill.includes(c.groupId!))).toEqual([]);

    expectExactly(emu.groups(), DECLS);
    expectCreatedOnce(emu.requests, DECLS);
    expectStateConverged(project, "tfkill", DECLS);
    expect(fs.existsSync(lockInfoFile(project, "tfkill"))).toBe(false);
    console.log(`re-apply after the kill adopted ${unrecorded.length} group(s) that existed without state`);
  });
});
