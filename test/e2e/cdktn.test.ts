/**
 * A CDK Terrain app (cdktn 0.24 + cdktn-cli 0.24, no cdktf loaded) uses FaceGroup unchanged from the package's
 * `cdktf-tencentcloud-face-groups/cdktn` entry, installed by `npm install` from the `npm pack` tarball with cdktn
 * (and the `constructs` npm picks for cdktn's peer range), and runs the real `cdktn deploy` / `cdktn diff` / `cdktn destroy` against the emulator.
 * cdktn-cli needs Node.js >= 22.19, so the CLI, the app and the provider run on npm's Node 22 binary (asserted).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Emulator, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess, GroupDecl, planHeader, providerLogEnv, providerNodeVersions, StackDecl } from "../support/cdktf-project";
import { NodeRuntime, nodeRuntime, withPathFirst } from "../support/node-runtimes";
import { devDependencyVersion, expectCleanInstall, expectNpmLsClean, npm, packedTarball } from "../support/packed-package";
import { officialClient } from "../support/official-client";
import { writes } from "../support/api-calls";

jest.setTimeout(5 * 60_000);

const CREDS = { secretId: "AKIDe2eCdktn00000000000000000000", secretKey: "e2eCdktnSecretKey000000000000000" };
const TYPE = "tencentcloudiai_face_group";

describe("FaceGroup in a cdktn app, with the cdktn CLI", () => {
  let emu: Emulator;
  let project: CdktfProject;
  let env: NodeJS.ProcessEnv;
  let node22: NodeRuntime;

  const staff = (groupName = "Staff"): GroupDecl => ({ id: "Staff", props: { groupId: "cdktn-staff", groupName, tag: "from cdktn", removalPolicy: "destroy" } });
  const kept: GroupDecl = { id: "Kept", props: { groupId: "cdktn-kept", groupName: "Kept" } };
  const stack = (...groups: GroupDecl[]): StackDecl[] => [{ name: "app", groups }];
  /** The write calls that reached the emulator since request number `from`. */
  const writesSince = (from: number) => writes(emu.requests.slice(from));
  const api = () => officialClient(emu.url, CREDS);

  beforeAll(async () => {
    checkTerraform();
    node22 = nodeRuntime(22); // throws (naming `npm ci`) when the binary is missing: never a skip
    emu = await startEmulator({ credentials: [CREDS], quiet: true });
    project = new CdktfProject("fg-cdktn-", "package", { cdk: "cdktn", node: node22.node, linkCore: false });
    // The app imports the documented entry, cdktf-tencentcloud-face-groups/cdktn, through the installed package's exports.
    fs.writeFileSync(path.join(project.dir, "package.json"), JSON.stringify({ name: "fg-cdktn-app", private: true }));
    const npmOnNode22 = withPathFirst(process.env, path.dirname(node22.node));
    expectCleanInstall(await npm(["install", packedTarball(), `cdktn@${devDependencyVersion("cdktn")}`], project.dir, npmOnNode22));
    await expectNpmLsClean(project.dir, npmOnNode22);
    env = { TENCENTCLOUD_IAI_ENDPOINT: emu.url, TENCENTCLOUD_SECRET_ID: CREDS.secretId, TENCENTCLOUD_SECRET_KEY: CREDS.secretKey };
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  test("cdktn deploy creates each group once; cdktn's core synthesized the stack, the app and the provider ran on Node 22", async () => {
    project.setStacks(stack(staff(), kept));
    const log = path.join(project.dir, "provider.log");
    const from = emu.requests.length;
    const deploy = await project.deploy("app", { ...env, ...providerLogEnv(log) });
    expectSuccess(deploy);
    expect(deploy.output).toMatch(/Apply complete! Resources: 2 added, 0 changed, 0 destroyed/);
    expect(writesSince(from).sort()).toEqual(["CreateGroup:cdktn-kept:OK", "CreateGroup:cdktn-staff:OK"]);
    expect(await api().GetGroupInfo({ GroupId: "cdktn-staff" })).toMatchObject({ GroupName: "Staff", Tag: "from cdktn" });
    expect(project.state("app")!.resources.map((r) => `${r.type}.${r.name}`).sort()).toEqual([`${TYPE}.kept`, `${TYPE}.staff`]);

    const synthesized = JSON.parse(fs.readFileSync(path.join(project.stackDir("app"), "cdk.tf.json"), "utf8"));
    const cdktnVersion = JSON.parse(fs.readFileSync(path.join(project.dir, "node_modules", "cdktn", "package.json"), "utf8")).version;
    expect(synthesized["//"].metadata.version).toBe(cdktnVersion);
    expect(project.synthRecord()).toEqual({ node: node22.version, cores: ["cdktn"] }); // no cdktf loaded
    const providers = providerNodeVersions(fs.readFileSync(log, "utf8"));
    expect(providers.length).toBeGreaterThan(0);
    expect(new Set(providers)).toEqual(new Set([node22.version]));
  });

  test("cdktn diff shows a rename as an in-place update; cdktn deploy sends one ModifyGroup", async () => {
    project.setStacks(stack(staff("Staff renamed"), kept));
    const diff = await project.diff("app", env);
    expectSuccess(diff);
    expect(diff.output).toMatch(planHeader(TYPE, "staff", "will be updated in-place"));
    expect(diff.output).toMatch(/group_name\s+= "Staff" -> "Staff renamed"/);
    expect(diff.output).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy/);

    const from = emu.requests.length;
    expectSuccess(await project.deploy("app", env));
    expect(writesSince(from)).toEqual(["ModifyGroup:cdktn-staff:OK"]);
    expect(await api().GetGroupInfo({ GroupId: "cdktn-staff" })).toMatchObject({ GroupName: "Staff renamed", Tag: "from cdktn" });
  });

  test("cdktn destroy deletes the DESTROY group and keeps the RETAIN one, saying so", async () => {
    const from = emu.requests.length;
    const destroy = await project.destroy("app", env);
    expectSuccess(destroy);
    expect(writesSince(from)).toEqual(["DeleteGroup:cdktn-staff:OK"]);
    expect(destroy.output).toMatch(/cdktn-kept.*kept/i);
    await expect(api().GetGroupInfo({ GroupId: "cdktn-staff" })).rejects.toMatchObject({ code: "InvalidParameterValue.GroupIdNotExist" });
    expect(await api().GetGroupInfo({ GroupId: "cdktn-kept" })).toMatchObject({ GroupName: "Kept" });
    expect(project.state("app")!.resources).toEqual([]);
  });
});
