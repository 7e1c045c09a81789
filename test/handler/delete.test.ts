/**
 * `node handler.js delete` (the identity part's destroy provisioner): RETAIN keeps the group without any call (and
 * without needing credentials or the SDK); DESTROY deletes it, and an already-deleted group counts as done.
 */
import { Emulator } from "../../src/emulator";
import { calls, emulator, identity, runHandler, settings } from "./harness";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(() => emu.stop());

describe("handler delete", () => {
  test("RETAIN: no API call at all, even without credentials; says how to delete deliberately", async () => {
    await runHandler("apply", settings("keep-1"), emu);
    const from = emu.requests.length;
    const r = await runHandler("delete", identity("keep-1", "retain"), emu, { TENCENTCLOUD_SECRET_ID: undefined, TENCENTCLOUD_SECRET_KEY: undefined });
    expect(r.code).toBe(0);
    expect(calls(emu, from)).toEqual([]);
    expect(emu.groups().map((g) => g.GroupId)).toContain("keep-1");
    expect(r.stdout).toBe(
      "face-group keep-1: kept in ap-guangzhou (removalPolicy retain): no API call was made, the group and its persons and faces remain, " +
        "and Terraform no longer manages it. To delete it deliberately: declare it in a FaceGroup with removalPolicy: RemovalPolicy.DESTROY, " +
        "deploy, then destroy that FaceGroup while it is still declared (cdktf destroy, or terraform apply -destroy -target on its two " +
        "terraform_data resources) — removing it from the code never deletes it; or delete GroupId 'keep-1' in the console\n",
    );
    expect(r.stderr).toBe("");
  });

  test("no removal policy in the spec means RETAIN", async () => {
    const from = emu.requests.length;
    const r = await runHandler("delete", { group_id: "keep-2", face_model_version: "3.0", region: "ap-guangzhou" }, emu);
    expect(r.code).toBe(0);
    expect(calls(emu, from)).toEqual([]);
    expect(r.stdout).toContain("kept in ap-guangzhou (removalPolicy retain)");
  });

  test("RETAIN does not block destroy on a declaration that could never have been applied; DESTROY refuses it", async () => {
    const from = emu.requests.length;
    const kept = await runHandler("delete", identity("Bad Id", "retain"), emu);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain("face-group Bad Id: kept in ap-guangzhou (removalPolicy retain)");
    const refused = await runHandler("delete", identity("Bad Id", "destroy"), emu);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("groupId 'Bad Id': only letters, digits and -%@#&_ are allowed");
    expect(calls(emu, from)).toEqual([]);
  });

  test("DESTROY: DeleteGroup; again: GroupIdNotExist counts as done", async () => {
    await runHandler("apply", settings("gone-1", { region: "ap-beijing" }), emu);
    let from = emu.requests.length;
    let r = await runHandler("delete", identity("gone-1", "destroy", { region: "ap-beijing" }), emu);
    expect(r.code).toBe(0);
    expect(calls(emu, from)).toEqual(["DeleteGroup:OK"]);
    expect(emu.groups("ap-beijing").map((g) => g.GroupId)).not.toContain("gone-1");
    expect(r.stdout).toMatch(/^face-group gone-1: DeleteGroup OK RequestId=[0-9a-f-]{36} attempt=1 \d+ms\n/);
    expect(r.stdout).toContain("face-group gone-1: deleted from ap-beijing (removalPolicy destroy)\n");

    from = emu.requests.length;
    r = await runHandler("delete", identity("gone-1", "destroy", { region: "ap-beijing" }), emu);
    expect(r.code).toBe(0);
    expect(calls(emu, from)).toEqual(["DeleteGroup:InvalidParameterValue.GroupIdNotExist"]);
    expect(r.stdout).toContain("face-group gone-1: already gone from ap-beijing; nothing to delete (removalPolicy destroy)\n");
  });

  test("DESTROY deletes only the group of its region", async () => {
    await runHandler("apply", settings("two-1", { region: "ap-guangzhou" }), emu);
    await runHandler("apply", settings("two-1", { region: "ap-chengdu", group_name: "cd" }), emu);
    await runHandler("delete", identity("two-1", "destroy", { region: "ap-chengdu" }), emu);
    expect(emu.groups("ap-chengdu").map((g) => g.GroupId)).not.toContain("two-1");
    expect(emu.groups("ap-guangzhou").map((g) => g.GroupId)).toContain("two-1");
  });
});
