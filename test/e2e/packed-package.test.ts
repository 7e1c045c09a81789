/**
 * What a user installs: the package as `npm pack` makes it, installed by the real `npm install` into a new cdktf
 * app with the repository's cdktf version and whatever `constructs` npm picks for the peers (none linked from this
 * repository), then the first `cdktf deploy`, a `cdktf diff`, a `terraform import` and a `cdktf destroy` against
 * the emulator, offline, with no extra flag.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Emulator, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess } from "../support/cdktf-project";
import { devDependencyVersion, expectCleanInstall, expectNpmLsClean, npm, PACKAGE_NAME, packedTarball, tarballFiles } from "../support/packed-package";
import { writesSince } from "../support/api-calls";

jest.setTimeout(5 * 60_000);

const CREDS = { secretId: "AKIDe2ePackedPackage000000000000", secretKey: "e2ePackedPackageSecretKey0000000" };
const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall", "prepare"];

test("the packed package deploys, diffs, imports and destroys through its provider", async () => {
  checkTerraform();
  const emu: Emulator = await startEmulator({ credentials: [CREDS], quiet: true });
  const project = new CdktfProject("fg-packed-", "package", { linkCore: false });
  try {
    const tarball = packedTarball();
    const files = tarballFiles(tarball);
    expect(files).toContain("package/lib/provider/bundle/provider.js");
    expect(files.filter((f) => f.startsWith("package/src/") || f.startsWith("package/test/") || f.startsWith("package/scripts/"))).toEqual([]);
    fs.writeFileSync(path.join(project.dir, "package.json"), JSON.stringify({ name: "fg-packed-app", private: true }));
    expectCleanInstall(await npm(["install", tarball, `cdktf@${devDependencyVersion("cdktf")}`], project.dir));
    await expectNpmLsClean(project.dir);
    const installed = JSON.parse(fs.readFileSync(path.join(project.dir, "node_modules", PACKAGE_NAME, "package.json"), "utf8"));
    expect(Object.keys(installed.scripts ?? {}).filter((s) => INSTALL_SCRIPTS.includes(s))).toEqual([]);
    const env = { TENCENTCLOUD_IAI_ENDPOINT: emu.url, TENCENTCLOUD_SECRET_ID: CREDS.secretId, TENCENTCLOUD_SECRET_KEY: CREDS.secretKey };
    const writes = (from: number) => writesSince(emu, from);
    const staff = { id: "Staff", props: { groupId: "packed-staff", groupName: "Staff", removalPolicy: "destroy" } };
    const kept = { id: "Kept", props: { groupId: "packed-kept", groupName: "Kept" } };
    project.setStacks([{ name: "app", localStatePath: "terraform.tfstate", groups: [staff, kept] }]);

    let from = emu.requests.length;
    const deploy = await project.deploy("app", env);
    expectSuccess(deploy);
    expect(writes(from).sort()).toEqual(["CreateGroup:packed-kept:OK", "CreateGroup:packed-staff:OK"]);

    project.setStacks([{ name: "app", localStatePath: "terraform.tfstate", groups: [{ ...staff, props: { ...staff.props, groupName: "Staff renamed" } }, kept] }]);
    const diff = await project.diff("app", env);
    expectSuccess(diff);
    expect(diff.output).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy/);

    // The state is lost; the groups are brought back with terraform import, and nothing is planned but the rename.
    fs.rmSync(project.statePath("app"));
    from = emu.requests.length;
    for (const [name, id] of [["staff", "ap-guangzhou/packed-staff"], ["kept", "packed-kept"]]) {
      expectSuccess(await project.terraform("app", ["import", "-no-color", `tencentcloudiai_face_group.${name}`, id], env));
    }
    expect(writes(from)).toEqual([]);
    const afterImport = await project.diff("app", env);
    expectSuccess(afterImport);
    expect(afterImport.output).toMatch(/group_name\s+= "Staff" -> "Staff renamed"/);
    expect(afterImport.output).toMatch(/removal_policy\s+= "retain" -> "destroy"/);

    expectSuccess(await project.deploy("app", env));
    from = emu.requests.length;
    const destroy = await project.destroy("app", env);
    expectSuccess(destroy);
    expect(writes(from)).toEqual(["DeleteGroup:packed-staff:OK"]);
    expect(emu.groups().map((g) => g.GroupId)).toEqual(["packed-kept"]);
  } finally {
    await emu.stop();
    project.dispose();
  }
});
