/**
 * Removing a FaceGroup from the code never deletes its group (Terraform runs no destroy provisioner for a removed
 * block, whatever the removal policy), and the documented way to delete one deliberately works.
 */
import { Emulator, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, GroupDecl, expectSuccess } from "../support/cdktf-project";

jest.setTimeout(5 * 60_000);

const CREDS = { secretId: "AKIDe2eRemoval00000000000000000", secretKey: "e2eRemovalSecretKey0000000000000" };

describe("deleting a group deliberately", () => {
  let emu: Emulator;
  let project: CdktfProject;
  let env: NodeJS.ProcessEnv;
  const doomed: GroupDecl = { id: "Doomed", props: { groupId: "doomed-group", groupName: "Doomed", removalPolicy: "destroy" } };
  const keeper: GroupDecl = { id: "Keeper", props: { groupId: "keeper-group", groupName: "Keeper" } };
  const exists = (id: string) => emu.groups().some((g) => g.GroupId === id);
  const writesSince = (from: number) => emu.requests.slice(from).filter((r) => r.action !== "GetGroupInfo").map((r) => `${r.action}:${r.groupId}:${r.code}`);

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: true });
    project = new CdktfProject();
    env = { TENCENTCLOUD_IAI_ENDPOINT: emu.url, TENCENTCLOUD_SECRET_ID: CREDS.secretId, TENCENTCLOUD_SECRET_KEY: CREDS.secretKey };
    project.setStacks([{ name: "app", groups: [doomed, keeper] }]);
    expectSuccess(await project.deploy("app", env));
    expect(exists("doomed-group")).toBe(true);
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  test("removing a DESTROY FaceGroup from the code orphans its group: no DeleteGroup", async () => {
    project.setStacks([{ name: "app", groups: [keeper] }]);
    const from = emu.requests.length;
    const result = await project.deploy("app", env);
    expectSuccess(result);
    expect(result.output).toMatch(/# terraform_data\.doomed .*will be destroyed/);
    expect(writesSince(from)).toEqual([]);
    expect(exists("doomed-group")).toBe(true);
  });

  test("declared again with DESTROY it is adopted, then a targeted destroy deletes it and only it", async () => {
    project.setStacks([{ name: "app", groups: [doomed, keeper] }]);
    let from = emu.requests.length;
    const adopt = await project.deploy("app", env);
    expectSuccess(adopt);
    expect(adopt.output).toMatch(/doomed-group: existed in ap-guangzhou and matches the declaration; adopted as is/);
    expect(writesSince(from)).toEqual([]);

    from = emu.requests.length;
    const destroy = await project.terraform("app", ["apply", "-destroy", "-auto-approve", "-no-color", "-target=terraform_data.doomed", "-target=terraform_data.doomed_settings"], env);
    expectSuccess(destroy);
    expect(writesSince(from)).toEqual(["DeleteGroup:doomed-group:OK"]);
    expect(exists("doomed-group")).toBe(false);
    expect(exists("keeper-group")).toBe(true);
  });
});
