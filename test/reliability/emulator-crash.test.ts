/**
 * The emulator (`face-groups emulator --state FILE`, a separate process) killed -9 in the middle of an apply and
 * restarted on the same port with the same file: the file it left is complete JSON, no acknowledged group is lost
 * (none is created twice), the running apply rides through the outage on the provider's retries, and a plain
 * re-apply reads the groups, writes nothing and leaves exactly the declared groups, which the state agrees with.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { isWrite } from "../support/api-calls";
import { CdktfProject, expectSuccess } from "../support/cdktf-project";
import { CliEmulator, freePort, startCliEmulator } from "../support/cli-emulator";
import { officialClient } from "../support/official-client";
import { killNow, waitFor } from "../support/processes";
import { apiEnv, CREDS, expectExactly, expectStateConverged, groupDecls, jsonRun, startApply, synth } from "./helpers";

jest.setTimeout(4 * 60_000);

const DECLS = groupDecls(40, "crash");
const KILL_AT = 12; // groups in the state file when the emulator is killed

/** The groups of a state file, or undefined while it cannot be read as a complete state. */
function readState(file: string): Array<Record<string, unknown>> | undefined {
  try {
    const state = JSON.parse(fs.readFileSync(file, "utf8"));
    return state.version === 1 && Array.isArray(state.groups) ? state.groups : undefined;
  } catch {
    return undefined;
  }
}

/** `Action GroupId Code` of each request an emulator's log says it answered. */
const answered = (lines: string[]) => lines.flatMap((l) => /^\S+ (\w+) GroupId=(\S+) (\S+) /.exec(l)?.slice(1, 4).join(" ") ?? []);
/** GroupIds of the CreateGroup calls an emulator's log says it answered OK. */
const createdOk = (lines: string[]) => answered(lines).flatMap((a) => /^CreateGroup (\S+) OK$/.exec(a)?.[1] ?? []);

describe("emulator killed -9 mid-apply, restarted with the same state file", () => {
  let dir: string;
  let stateFile: string;
  let port: number;
  let project: CdktfProject;
  const emulators: CliEmulator[] = [];
  const startEmu = async () => {
    const emu = await startCliEmulator(["--port", String(port), "--state", stateFile, "--qps", "0"], CREDS);
    emulators.push(emu);
    return emu;
  };

  beforeAll(async () => {
    checkTerraform();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-rel-emucrash-"));
    stateFile = path.join(dir, "state.json");
    port = await freePort();
    project = new CdktfProject("fg-rel-emucrash-");
    project.setStacks([{ name: "crash", groups: DECLS }]);
    await synth(project, ["crash"], apiEnv(`http://127.0.0.1:${port}`));
  });
  afterAll(() => {
    const running = emulators.filter((e) => e.process.child.exitCode === null && e.process.child.signalCode === null);
    for (const e of running) killNow(e.process.child.pid!); // only ours, still running (a dead pid may be reused)
    project?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("kill -9 mid-apply: the file is complete JSON; restarted, the apply rides through and nothing is created twice", async () => {
    const first = await startEmu();
    const env = apiEnv(first.url);
    const apply = startApply(project, "crash", env);
    await waitFor(`${KILL_AT} groups in the state file`, () => (readState(stateFile)?.length ?? 0) >= KILL_AT, 120_000, 10);
    killNow(first.process.child.pid!);
    expect((await first.process.result).signal).toBe("SIGKILL");

    // What the crash left: a complete state, every group in it whole.
    const left = readState(stateFile);
    expect(left).toBeDefined();
    for (const g of left!) expect(Object.keys(g).sort()).toEqual(["CreationTimestamp", "FaceModelVersion", "GroupExDescriptions", "GroupId", "GroupName", "Region", "Tag", "UpdateTimestamp"]);
    // Every CreateGroup it acknowledged is in the file (written before the answer).
    const acknowledged = createdOk(first.lines());
    expect(acknowledged.filter((id) => !left!.some((g) => g.GroupId === id))).toEqual([]);

    await new Promise((r) => setTimeout(r, 1_000)); // an outage the provider must retry through
    const second = await startEmu();
    expect(second.url).toBe(first.url);
    const result = await apply.result;
    expectSuccess(result);
    expect(jsonRun(result.output).summary).toBe(`Apply complete! Resources: ${DECLS.length} added, 0 changed, 0 destroyed.`);
    // The same apply went on against the second life: its calls were retried through the outage, not given up.
    const afterOutage = answered(second.lines());
    expect(afterOutage.filter((a) => a.startsWith("CreateGroup ")).length).toBeGreaterThan(0);

    // No group was created twice across the two emulator lives (a lost acknowledged write would be re-created).
    const creates = [...acknowledged, ...createdOk(second.lines())];
    expect(creates.length - new Set(creates).size).toBe(0);
    // The second life adopted (GroupIdAlreadyExist) only groups the first left in its file, and every group the
    // first performed without answering (when the kill fell between the write and the answer: not every run).
    const adopted = afterOutage.filter((a) => / InvalidParameterValue\.GroupIdAlreadyExist$/.test(a)).map((a) => a.split(" ")[1]);
    const unanswered = left!.map((g) => g.GroupId).filter((id) => !acknowledged.includes(id));
    expect(adopted.filter((id) => !left!.some((g) => g.GroupId === id))).toEqual([]);
    expect(unanswered.filter((id) => !adopted.includes(id))).toEqual([]);
    console.log(`emulator killed with ${left!.length} groups in its file, ${unanswered.length} unanswered; ${adopted.length} group(s) adopted after the outage`);
  });

  test("a plain re-apply changes nothing; the restarted emulator holds exactly the declared groups", async () => {
    const emu = emulators[emulators.length - 1];
    const before = emu.lines().length;
    const result = await startApply(project, "crash", apiEnv(emu.url)).result;
    expectSuccess(result);
    expect(jsonRun(result.output).summary).toBe("Apply complete! Resources: 0 added, 0 changed, 0 destroyed.");
    expect(answered(emu.lines().slice(before)).filter((a) => isWrite({ action: a.split(" ")[0] }))).toEqual([]); // reads only

    const list = await officialClient(emu.url, CREDS).GetGroupList({ Limit: 1000 });
    expectExactly(list.GroupInfos.map((g: Record<string, unknown>) => ({ ...g, Region: "ap-guangzhou" })), DECLS);
    expectExactly(readState(stateFile) as never, DECLS);
    expectStateConverged(project, "crash", DECLS, readState(stateFile) as never);
  });
});
