/**
 * What a user installs: the package as `npm pack` makes it, unpacked into a new cdktf app's node_modules (its
 * dependencies linked from this repository's, so the test needs no network), then the first `cdktf deploy`, a
 * `cdktf diff`, a `terraform import` and a `cdktf destroy` against the emulator, offline, with no extra flag.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess, REPO_ROOT } from "../support/cdktf-project";
import { writesSince } from "../support/api-calls";

jest.setTimeout(5 * 60_000);

const CREDS = { secretId: "AKIDe2ePackedPackage000000000000", secretKey: "e2ePackedPackageSecretKey0000000" };

/** Unpacks `npm pack`'s tarball of this repository into `<dir>/node_modules/cdktf-tencentcloud-face-groups`. */
function installPackedPackage(dir: string): string[] {
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-pack-"));
  try {
    const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", packDir], { cwd: REPO_ROOT, encoding: "utf8" }).trim().split("\n").pop()!;
    const target = path.join(dir, "node_modules", "cdktf-tencentcloud-face-groups");
    fs.mkdirSync(target, { recursive: true });
    execFileSync("tar", ["xzf", path.join(packDir, tarball), "-C", target, "--strip-components=1"]);
    const manifest = JSON.parse(fs.readFileSync(path.join(target, "package.json"), "utf8"));
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      const link = path.join(dir, "node_modules", dep);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      if (!fs.existsSync(link)) fs.symlinkSync(path.join(REPO_ROOT, "node_modules", dep), link);
    }
    return execFileSync("tar", ["tzf", path.join(packDir, tarball)], { encoding: "utf8" }).trim().split("\n");
  } finally {
    fs.rmSync(packDir, { recursive: true, force: true });
  }
}

test("the packed package deploys, diffs, imports and destroys through its provider", async () => {
  checkTerraform();
  const emu: Emulator = await startEmulator({ credentials: [CREDS], quiet: true });
  const project = new CdktfProject("fg-packed-", "package");
  try {
    const files = installPackedPackage(project.dir);
    expect(files).toContain("package/lib/provider/bundle/provider.js");
    expect(files.filter((f) => f.startsWith("package/src/") || f.startsWith("package/test/"))).toEqual([]);
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
