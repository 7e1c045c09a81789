/**
 * The README's plain Terraform (HCL) walk-through, with the real CLIs: `face-groups provider install` (the BUILT
 * CLI) into a copy of examples/hcl, then plain `terraform init` (offline, no CLI configuration), apply, a rename that
 * plans in place, `terraform import` of a group, and destroy (RETAIN keeps two groups, DESTROY deletes the third),
 * each checked through the official SDK against the emulator; then an upgrade to a new build with a plain `init`,
 * and the registry docs' example files through `terraform validate`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, startEmulator } from "../../src/emulator";
import { PROVIDER_SOURCE } from "../../src/provider/address";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { REPO_ROOT, RunResult, expectSuccess, planHeader, run } from "../support/cdktf-project";
import { writes } from "../support/api-calls";
import { IaiClient, officialClient } from "../support/official-client";
import { plainTerraformEnv, terraformIn } from "../support/plain-terraform";

jest.setTimeout(5 * 60_000);

const CREDS = { secretId: "AKIDe2eHclWalkThrough0000000000", secretKey: "e2eHclWalkThroughSecretKey000000" };
const CLI = path.join(REPO_ROOT, "lib", "cli", "main.js");
const TYPE = "tencentcloudiai_face_group";

let emu: Emulator;
let api: IaiClient;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  checkTerraform();
  emu = await startEmulator({ credentials: [CREDS], quiet: true });
  api = officialClient(emu.url, CREDS);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-hcl-"));
  // main.tf only: a walk-through run in examples/hcl leaves state and a provider there that must not leak in.
  fs.copyFileSync(path.join(REPO_ROOT, "examples", "hcl", "main.tf"), path.join(dir, "main.tf"));
  // An empty .terraformrc (no provider_installation: the implied local mirror is on); the endpoint through the
  // example's variable; credentials from the environment only.
  env = plainTerraformEnv(dir, { TF_VAR_iai_endpoint: emu.url, TENCENTCLOUD_SECRET_ID: CREDS.secretId, TENCENTCLOUD_SECRET_KEY: CREDS.secretKey }, ["TENCENTCLOUD_IAI_ENDPOINT"]);
});

afterAll(async () => {
  await emu?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const terraform = (...args: string[]): Promise<RunResult> => terraformIn(dir, env, args);
const install = (into = dir, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> =>
  run(process.execPath, [CLI, "provider", "install", "--dir", into], { cwd: os.tmpdir(), env: { ...env, ...extraEnv } });
const lockFile = () => fs.readFileSync(path.join(dir, ".terraform.lock.hcl"), "utf8");
const writeCalls = () => writes(emu.requests);

/** The groups of the account as the official SDK lists them: GroupId → [GroupName, Tag]. */
async function listed(): Promise<Record<string, [string, string]>> {
  const { GroupInfos } = await api.GetGroupList({ Limit: 100 });
  return Object.fromEntries((GroupInfos as Array<{ GroupId: string; GroupName: string; Tag: string }>).map((g) => [g.GroupId, [g.GroupName, g.Tag]]));
}

test("provider install prints the example's required_providers, writes the lock entry, and is idempotent", async () => {
  const first = await install();
  expectSuccess(first);
  expect(first.output).toContain(`Installed the tencentcloudiai provider v`);
  // What it tells users to declare is what the example declares.
  const block = /^terraform \{\n[\s\S]*?^\}$/m.exec(first.output)![0];
  expect(fs.readFileSync(path.join(dir, "main.tf"), "utf8")).toContain(block);
  expect(block).toContain(`source  = "${PROVIDER_SOURCE}"`);
  expect(first.output).not.toContain("provider_installation");
  const lock = lockFile();
  expect(lock).toContain(`provider "${PROVIDER_SOURCE}"`);

  const second = await install();
  expectSuccess(second);
  expect(second.output).toMatch(/is already installed in .* \(up to date, nothing changed\)/);
  expect(lockFile()).toBe(lock);
});

test("terraform init works offline with no CLI configuration and keeps the lock file as written", async () => {
  const before = lockFile();
  const init = await terraform("init");
  expectSuccess(init);
  expect(init.output).toMatch(new RegExp(`Installed ${PROVIDER_SOURCE} v\\S+ \\(unauthenticated\\)`));
  expect(init.output).not.toContain("Incomplete lock file"); // one hash serves every platform
  expect(lockFile()).toBe(before);
});

test("terraform apply creates the three groups; the endpoint came from the variable, the credentials from the env", async () => {
  expectSuccess(await terraform("apply", "-auto-approve"));
  expect(await listed()).toEqual({
    ShenZhenEmployee: ["Shenzhen Employee Group", "Excludes interns"],
    ShenZhenIntern: ["深圳实习生", "2026 summer"],
    ShenZhenVisitor: ["Visitors (kept 30 days)", ""],
  });
  const state = fs.readFileSync(path.join(dir, "terraform.tfstate"), "utf8");
  expect(state).not.toContain(CREDS.secretKey);
});

test("renaming a group plans an in-place update, and the apply is one ModifyGroup", async () => {
  const created = (await api.GetGroupInfo({ GroupId: "ShenZhenEmployee" })).CreationTimestamp;
  const main = path.join(dir, "main.tf");
  fs.writeFileSync(main, fs.readFileSync(main, "utf8").replace('"Shenzhen Employee Group"', '"Shenzhen Staff"'));
  const plan = await terraform("plan");
  expectSuccess(plan);
  expect(plan.output).toMatch(planHeader(TYPE, "employees", "will be updated in-place"));
  expect(plan.output).toMatch(/~ group_name\s+= "Shenzhen Employee Group" -> "Shenzhen Staff"/);
  expect(plan.output).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
  expect(plan.output).not.toContain("must be replaced");

  const before = writeCalls().length;
  expectSuccess(await terraform("apply", "-auto-approve"));
  expect(writeCalls().slice(before)).toEqual(["ModifyGroup:ShenZhenEmployee:OK"]);
  expect((await listed()).ShenZhenEmployee).toEqual(["Shenzhen Staff", "Excludes interns"]);
  expect((await api.GetGroupInfo({ GroupId: "ShenZhenEmployee" })).CreationTimestamp).toBe(created);
});

test("terraform import by REGION/GROUP_ID adopts the group with no write; the next plan has no changes", async () => {
  expectSuccess(await terraform("state", "rm", `${TYPE}.interns`));
  const before = writeCalls().length;
  const imported = await terraform("import", `${TYPE}.interns`, "ap-guangzhou/ShenZhenIntern");
  expectSuccess(imported);
  expect(imported.output).toContain("Import successful!");
  const plan = await terraform("plan", "-detailed-exitcode");
  expect(plan.code).toBe(0); // 0 = no changes (2 would be a diff)
  expect(plan.output).toContain("No changes.");
  expect(writeCalls().length).toBe(before);
});

test("terraform destroy keeps the two RETAIN groups (warned in the plan) and deletes the DESTROY one", async () => {
  const destroy = await terraform("destroy", "-auto-approve");
  expectSuccess(destroy);
  expect(destroy.output).toContain(`Face group 'ShenZhenEmployee' will be kept (removal_policy "retain")`);
  expect(destroy.output).toContain(`Face group 'ShenZhenIntern' will be kept (removal_policy "retain")`);
  expect(destroy.output).toContain("Destroy complete! Resources: 3 destroyed.");
  expect(Object.keys(await listed()).sort()).toEqual(["ShenZhenEmployee", "ShenZhenIntern"]);
  expect(writeCalls().filter((c) => c.startsWith("DeleteGroup"))).toEqual(["DeleteGroup:ShenZhenVisitor:OK"]);
  const state = JSON.parse(fs.readFileSync(path.join(dir, "terraform.tfstate"), "utf8"));
  expect(state.resources).toEqual([]);
});

test("an upgrade (a new build): provider install again, then a plain terraform init installs it, no -upgrade", async () => {
  const bundle = path.join(dir, "newer-provider.js");
  fs.writeFileSync(bundle, fs.readFileSync(path.join(REPO_ROOT, "lib", "provider", "bundle", "provider.js"), "utf8") + "\n// a newer build\n");
  const upgraded = await install(dir, { FACE_GROUPS_PROVIDER_BUNDLE: bundle });
  expectSuccess(upgraded);
  const version = /Installed the tencentcloudiai provider v(\S+) in/.exec(upgraded.output)![1];
  const init = await terraform("init");
  expectSuccess(init);
  expect(init.output).toContain(`Installed ${PROVIDER_SOURCE} v${version} (unauthenticated)`);
  expect(lockFile()).toContain(`version     = "${version}"`);
});

test("the registry docs' examples (examples/provider, examples/resources, examples/data-sources) pass terraform validate", async () => {
  const docsDir = path.join(dir, "docs-examples");
  fs.mkdirSync(docsDir);
  fs.copyFileSync(path.join(REPO_ROOT, "examples", "provider", "provider.tf"), path.join(docsDir, "provider.tf"));
  const resources = path.join(REPO_ROOT, "examples", "resources");
  for (const type of fs.readdirSync(resources)) fs.copyFileSync(path.join(resources, type, "resource.tf"), path.join(docsDir, `${type}.tf`));
  const dataSources = path.join(REPO_ROOT, "examples", "data-sources");
  for (const type of fs.readdirSync(dataSources)) fs.copyFileSync(path.join(dataSources, type, "data-source.tf"), path.join(docsDir, `data-${type}.tf`));
  expectSuccess(await install(docsDir));
  expectSuccess(await terraformIn(docsDir, env, ["init"]));
  const validate = await terraformIn(docsDir, env, ["validate"]);
  expectSuccess(validate);
  expect(validate.output).toContain("The configuration is valid.");
});
