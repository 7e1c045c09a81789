/**
 * A plan saved with `terraform plan -out` applies from another folder (standing in for another machine): the stack
 * folder carries the provider (its local mirror and lock entry) and no absolute path of the machine that
 * synthesized it, so `terraform init` there finds the very provider the plan was made with, offline.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { writes } from "../support/api-calls";
import { CdktfProject, expectSuccess, REPO_ROOT } from "../support/cdktf-project";

jest.setTimeout(5 * 60_000);

const CREDS = { secretId: "AKIDe2eSavedPlan000000000000000", secretKey: "e2eSavedPlanSecretKey00000000000" };

test("terraform plan -out, moved to another folder, applies there", async () => {
  checkTerraform();
  const emu: Emulator = await startEmulator({ credentials: [CREDS], quiet: true });
  const project = new CdktfProject();
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "fg-elsewhere-"));
  try {
    const env = { TENCENTCLOUD_IAI_ENDPOINT: emu.url, TENCENTCLOUD_SECRET_ID: CREDS.secretId, TENCENTCLOUD_SECRET_KEY: CREDS.secretKey };
    project.setStacks([{ name: "app", localStatePath: "terraform.tfstate", groups: [{ id: "Moved", props: { groupId: "moved-plan", groupName: "Planned here, applied there", tag: "${not-a-template}" } }] }]);
    expectSuccess(await project.cdktf(["synth"], env));
    const synthesized = fs.readFileSync(path.join(project.stackDir("app"), "cdk.tf.json"), "utf8");
    for (const machinePath of [project.dir, REPO_ROOT, os.tmpdir()]) expect(synthesized).not.toContain(machinePath);

    expectSuccess(await project.terraform("app", ["init", "-no-color"], env));
    expectSuccess(await project.terraform("app", ["plan", "-no-color", "-out=plan.bin"], env));
    fs.cpSync(project.stackDir("app"), elsewhere, { recursive: true });
    project.dispose(); // the synthesizing "machine" is gone

    // The other machine: its own init (the copied .terraform links may point into the gone folder), then the plan.
    fs.rmSync(path.join(elsewhere, ".terraform"), { recursive: true, force: true });
    expectSuccess(await project.terraform("app", ["init", "-no-color"], env, { cwd: elsewhere }));
    const apply = await project.terraform("app", ["apply", "-no-color", "plan.bin"], env, { cwd: elsewhere });
    expectSuccess(apply);
    expect(writes(emu.requests)).toEqual(["CreateGroup:moved-plan:OK"]);
    expect(emu.groups()).toEqual([expect.objectContaining({ GroupId: "moved-plan", GroupName: "Planned here, applied there", Tag: "${not-a-template}" })]);
    expect(fs.existsSync(path.join(elsewhere, "terraform.tfstate"))).toBe(true);
  } finally {
    await emu.stop();
    project.dispose();
    fs.rmSync(elsewhere, { recursive: true, force: true });
  }
});
