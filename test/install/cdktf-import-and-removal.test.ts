/**
 * The real `cdktf` CLI with the real provider bundle, offline and with no flags, on what the FaceGroup being the
 * resource itself makes possible and on what the installation must survive:
 * - `group.importFrom("ap-guangzhou/<id>")` (an `import {}` block in cdk.tf.json): `cdktf deploy` adopts a group made
 *   beforehand with the official client — no CreateGroup, the state holds the API's creation time;
 * - removing the LAST FaceGroup of a stack (so the stack no longer declares the provider at all): the next
 *   `cdktf deploy` still runs the provider for the orphans — RETAIN keeps its group, DESTROY deletes it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Emulator, startEmulator } from "../../src/emulator";
import { CdktfProject, expectSuccess } from "../support/cdktf-project";
import { writesDuring } from "../support/api-calls";
import { officialClient } from "../support/official-client";
import { requireBuiltBundle } from "../support/built-bundle";

jest.setTimeout(10 * 60_000);

const CREDS = { secretId: "AKIDcdktfImportRemoval000000000", secretKey: "cdktfImportRemovalSecretKey00000" };
const TYPE = "tencentcloudiai_face_group";

describe("cdktf deploy with the real provider", () => {
  beforeAll(requireBuiltBundle);
  let emu: Emulator;
  let project: CdktfProject;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    emu = await startEmulator({ credentials: [CREDS], quiet: true, qps: 0 });
    project = new CdktfProject("fg-cdktf-import-");
    fs.mkdirSync(path.join(project.dir, "plugin-cache"));
    env = {
      TF_PLUGIN_CACHE_DIR: path.join(project.dir, "plugin-cache"),
      TENCENTCLOUD_IAI_ENDPOINT: emu.url,
      TENCENTCLOUD_SECRET_ID: CREDS.secretId,
      TENCENTCLOUD_SECRET_KEY: CREDS.secretKey,
    };
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  const stateOf = (stack: string, name: string) => project.state(stack)?.resources.find((r) => r.type === TYPE && r.name === name)?.instances[0]?.attributes;
  const group = (id: string) => emu.groups().find((g) => g.GroupId === id);

  test("importFrom: the deploy imports a group created beforehand (no CreateGroup); the state holds its creation time", async () => {
    await officialClient(emu.url, CREDS).CreateGroup({ GroupId: "made-by-hand", GroupName: "Made by hand", Tag: "t" });
    project.setStacks([{ name: "imp", localStatePath: "terraform.tfstate", groups: [{ id: "ByHand", props: { groupId: "made-by-hand", groupName: "Made by hand", tag: "t" }, importFrom: "ap-guangzhou/made-by-hand" }] }]);
    const { result, writes } = await writesDuring(emu, () => project.deploy("imp", env));
    expectSuccess(result);
    const synthesized = JSON.parse(fs.readFileSync(path.join(project.stackDir("imp"), "cdk.tf.json"), "utf8"));
    expect(synthesized.import).toEqual([{ id: "ap-guangzhou/made-by-hand", to: `${TYPE}.by_hand` }]);
    expect(result.output).toMatch(/1 imported, 0 added, 0 changed, 0 destroyed/);
    expect(writes).toEqual([]);
    expect(stateOf("imp", "by_hand")).toMatchObject({ group_id: "made-by-hand", group_name: "Made by hand", tag: "t" });
    const diff = await project.diff("imp", env);
    expectSuccess(diff);
    expect(diff.output).toMatch(/No changes/);
  });

  test("removing the last FaceGroup of a stack: the next deploy keeps the RETAIN group and deletes the DESTROY one", async () => {
    const groups = [
      { id: "Kept", props: { groupId: "last-kept", groupName: "Last kept" } },
      { id: "Gone", props: { groupId: "last-gone", groupName: "Last gone", removalPolicy: "destroy" } },
    ];
    project.setStacks([{ name: "last", localStatePath: "terraform.tfstate", groups }]);
    expectSuccess(await project.deploy("last", env));
    expect(group("last-kept")).toBeDefined();

    project.setStacks([{ name: "last", localStatePath: "terraform.tfstate", groups: [] }]);
    const { result, writes } = await writesDuring(emu, () => project.deploy("last", env));
    expectSuccess(result);
    expect(JSON.parse(fs.readFileSync(path.join(project.stackDir("last"), "cdk.tf.json"), "utf8")).provider).toBeUndefined();
    expect(writes).toEqual(["DeleteGroup:last-gone:OK"]);
    expect(group("last-gone")).toBeUndefined();
    expect(group("last-kept")).toBeDefined();
    expect(result.output).toMatch(/last-kept.*kept/i);
    expect(project.state("last")!.resources).toEqual([]);
  });
});
