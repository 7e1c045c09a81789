/**
 * The README's "Drift in CI" recipe, run as written: `cdktf synth`, `terraform init`, a refresh-only plan saved to a
 * file, and a check of the plan's `resource_drift` list. It passes (exit 0) while the groups match the state, fails
 * (exit 2) naming the group and the field once someone edits a group in the console, and passes again after either
 * fix: accepting the live value (edit the code, deploy: no API write) or reverting it (deploy: one ModifyGroup).
 *
 * Why not `terraform plan -refresh-only -detailed-exitcode`: Terraform 1.11 exits 2 there for any resource with a
 * number attribute even when nothing drifted (hashicorp/terraform#36403: the refreshed number and the stored one
 * compare unequal in memory), so that check would always fail; the recipe reads the drift list instead.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, Emulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess, GroupDecl, REPO_ROOT, run, RunResult } from "../support/cdktf-project";
import { writesSince } from "../support/api-calls";
import { officialClient } from "../support/official-client";
import { withTerraformFirstOnPath } from "../support/terraform-binary";

jest.setTimeout(10 * 60_000);

const CREDS = { secretId: "AKIDe2eDriftInCi000000000000000", secretKey: "e2eDriftInCiSecretKey0000000000000" };

/** The shell block of the README's "Drift in CI" section, verbatim. */
const README_RECIPE = (() => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Drift in CI"));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block || !block[1].includes("resource_drift")) throw new Error('README.md: no ```sh block with the drift check under "### Drift in CI"');
  return block[1];
})();

describe("drift in CI: a refresh-only plan of the synthesized stack and its resource_drift list", () => {
  let emu: Emulator;
  let project: CdktfProject;
  let env: NodeJS.ProcessEnv;
  const payroll = (over: Record<string, unknown> = {}): GroupDecl => ({ id: "Payroll", props: { groupId: "payroll-2026", groupName: "Payroll", tag: "finance", ...over } });

  /**
   * The README's recipe, run with bash in the app's folder (its plain `terraform` is the tests' one): its exit code is
   * the CI verdict, its output names the drift.
   */
  function driftCheck(): Promise<RunResult> {
    const shellEnv = withTerraformFirstOnPath(path.join(project.dir, "terraform-bin"), project.baseEnv(env));
    return run("bash", ["-e", "-c", README_RECIPE], { cwd: project.dir, env: shellEnv });
  }

  /** The write calls that reached the API during `fn`. */
  async function writesDuring(fn: () => Promise<RunResult>): Promise<string[]> {
    const before = emu.requests.length;
    expectSuccess(await fn());
    return writesSince(emu, before);
  }

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: true });
    project = new CdktfProject("fg-drift-");
    // As in a real app, `npx cdktf` finds the app's own cdktf-cli.
    fs.mkdirSync(path.join(project.dir, "node_modules", ".bin"));
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf"), path.join(project.dir, "node_modules", ".bin", "cdktf"));
    env = { TENCENTCLOUD_IAI_ENDPOINT: emu.url, TENCENTCLOUD_SECRET_ID: CREDS.secretId, TENCENTCLOUD_SECRET_KEY: CREDS.secretKey };
    project.setStacks([{ name: "app", groups: [payroll()] }]);
    expectSuccess(await project.deploy("app", env));
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  test("no drift: the check passes (exit 0)", async () => {
    const check = await driftCheck();
    expect(check).toMatchObject({ code: 0, output: expect.stringMatching(/No changes/) });
  });

  test("a console edit fails the check (exit 2) naming the group and the field; cdktf diff shows the revert", async () => {
    await officialClient(emu.url, CREDS).ModifyGroup({ GroupId: "payroll-2026", Tag: "edited in the console" });
    const check = await driftCheck();
    expect(check.code).toBe(2);
    expect(check.output).toMatch(/Objects have changed outside of Terraform/);
    expect(check.output).toMatch(/tencentcloudiai_face_group\.payroll has changed/);
    expect(check.output).toMatch(/drift: tencentcloudiai_face_group\.payroll changed outside Terraform/);
    expect(check.output).toMatch(/~ tag\s+= "finance" -> "edited in the console"/);
    const diff = await project.diff("app", env);
    expect(diff.code).toBe(0); // cdktf diff shows the drift but exits 0 whatever it finds: it cannot gate CI
    expect(diff.output).toMatch(/~ tag\s+= "edited in the console" -> "finance"/);
  });

  test("accepting the live value: edit the code, deploy (no API write), and the check passes", async () => {
    project.setStacks([{ name: "app", groups: [payroll({ tag: "edited in the console" })] }]);
    expect(await writesDuring(() => project.deploy("app", env))).toEqual([]);
    expect((await driftCheck()).code).toBe(0);
    expect(emu.groups().find((g) => g.GroupId === "payroll-2026")?.Tag).toBe("edited in the console");
  });

  test("reverting it: deploy the code as it is (one ModifyGroup), and the check passes", async () => {
    await officialClient(emu.url, CREDS).ModifyGroup({ GroupId: "payroll-2026", GroupName: "Renamed by hand" });
    const check = await driftCheck();
    expect(check.code).toBe(2);
    expect(check.output).toMatch(/~ group_name\s+= "Payroll" -> "Renamed by hand"/);
    expect(await writesDuring(() => project.deploy("app", env))).toEqual(["ModifyGroup:payroll-2026:OK"]);
    expect((await driftCheck()).code).toBe(0);
    expect(emu.groups().find((g) => g.GroupId === "payroll-2026")?.GroupName).toBe("Payroll");
  });
});
