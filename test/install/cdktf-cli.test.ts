/**
 * The real `cdktf` CLI (0.21) on a throw-away project, offline: `cdktf synth` places the provider, plain
 * `terraform init` in the stack folder works with no flag, and `cdktf diff` never runs `terraform providers lock`
 * (which would ask the public registry) nor `init -upgrade` — on the first run and after a library upgrade (new
 * bundle content, same npm version). A stand-in bundle proves Terraform launched the installed provider: it prints
 * a marker that Terraform quotes in its error. Every terraform command cdktf runs is logged by a PATH wrapper.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../../src/emulator";
import { LOCK_FILE_NAME, mirrorRoot } from "../../src/install";
import { CdktfProject } from "../support/cdktf-project";
import { FakeBundle, fakeProviderBundle } from "../support/fake-provider";
import { TERRAFORM_BINARY, terraformBinaryEnv } from "../support/terraform-binary";
import { requireBuiltBundle } from "../support/built-bundle";

jest.setTimeout(240_000);

const STACK = "fg";
let project: CdktfProject;
let bundle: FakeBundle;
let env: NodeJS.ProcessEnv;
let log: string;

beforeAll(() => {
  bundle = fakeProviderBundle("FAKE-PROVIDER-V1");
  project = new CdktfProject("fg-cdktf-cli-", "src");
  project.setStacks([{ name: STACK, localStatePath: "terraform.tfstate", groups: [{ id: "Employees", props: { groupId: "g1", groupName: "Employees" } }] }]);
  const bin = path.join(project.dir, "bin");
  log = path.join(project.dir, "terraform-calls.log");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "terraform"), `#!/bin/sh\necho "$*" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(TERRAFORM_BINARY)} "$@"\n`, { mode: 0o755 });
  env = { ...terraformBinaryEnv(path.join(bin, "terraform")), PATH: `${bin}:${process.env.PATH}`, TF_PLUGIN_CACHE_DIR: path.join(project.dir, "plugin-cache"), FACE_GROUPS_PROVIDER_BUNDLE: bundle.file };
  fs.mkdirSync(env.TF_PLUGIN_CACHE_DIR!);
});
afterAll(() => {
  project.dispose();
  bundle.dispose();
});

/** The terraform commands run since the last call (subcommand and flags). */
function terraformCalls(): string[] {
  const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
  fs.rmSync(log, { force: true });
  return calls.filter((c) => c !== "");
}

const oneLine = (s: string) => s.replace(/\s+/g, " ");

test("cdktf synth, then plain terraform init in the stack folder: offline, no flags", async () => {
  const synth = await project.cdktf(["synth"], env);
  expect(synth.code).toBe(0);
  const dir = project.stackDir(STACK);
  expect(fs.readdirSync(mirrorRoot(dir))).toHaveLength(1);
  const lock = fs.readFileSync(path.join(dir, LOCK_FILE_NAME), "utf8");
  const init = await project.terraform(STACK, ["init", "-no-color"], env);
  expect(init.code).toBe(0);
  // Our lock entry is taken as is; the package comes from the plugin cache entry synthesis pinned (cdktf sets the cache).
  expect(init.output).toContain("Reusing previous version of face-groups.invalid/cdktf-tencentcloud-face-groups/tencentcloudiai from the dependency lock file");
  expect(init.output).toMatch(/Using face-groups\.invalid\S+ v0\.1\.\d+ from the shared cache directory/);
  expect(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), "utf8")).toBe(lock);
  terraformCalls();
});

test("cdktf diff: init without providers lock or -upgrade, and Terraform launches the installed provider", async () => {
  const diff = await project.diff(STACK, env);
  const calls = terraformCalls();
  expect(calls.some((c) => c.startsWith("init"))).toBe(true);
  expect(calls.filter((c) => c.startsWith("providers") || c.includes("-upgrade"))).toEqual([]);
  expect(oneLine(diff.output)).toContain("Unrecognized remote plugin message: FAKE-PROVIDER-V1");
  expect(diff.output).not.toMatch(/Could not retrieve providers for locking|Failed to query available provider packages/);
});

test("after a library upgrade (new bundle content, same npm version): cdktf diff installs it with no flag", async () => {
  bundle.write("FAKE-PROVIDER-V2");
  const diff = await project.diff(STACK, env);
  const calls = terraformCalls();
  expect(calls.filter((c) => c.startsWith("providers") || c.includes("-upgrade"))).toEqual([]);
  expect(oneLine(diff.output)).toContain("Unrecognized remote plugin message: FAKE-PROVIDER-V2");
  expect(fs.readdirSync(mirrorRoot(project.stackDir(STACK)))).toHaveLength(2); // the old version stays for a while
  const cdk = JSON.parse(fs.readFileSync(path.join(project.stackDir(STACK), "cdk.tf.json"), "utf8"));
  expect(fs.readFileSync(path.join(project.stackDir(STACK), LOCK_FILE_NAME), "utf8")).toContain(`version     = "${cdk.terraform.required_providers.tencentcloudiai.version}"`);
});

/** The provider bundle `npm run build` produces; the deploy below needs the real provider. */

test("real provider: first cdktf deploy offline with no flag creates the group; cdktf diff then has no changes", async () => {
  const REAL_BUNDLE = requireBuiltBundle();
  const secret = { secretId: "AKIDcdktfCli0001", secretKey: "cdktf-cli-secret-key" };
  const emu = await startEmulator({ credentials: [secret], quiet: true, qps: 0 });
  const real = new CdktfProject("fg-cdktf-deploy-", "src");
  try {
    real.setStacks([{ name: STACK, localStatePath: "terraform.tfstate", groups: [{ id: "Employees", props: { groupId: "g1", groupName: "Employees" } }] }]);
    fs.mkdirSync(path.join(real.dir, "plugin-cache"));
    const realEnv = {
      ...env,
      FACE_GROUPS_PROVIDER_BUNDLE: REAL_BUNDLE,
      TF_PLUGIN_CACHE_DIR: path.join(real.dir, "plugin-cache"),
      TENCENTCLOUD_SECRET_ID: secret.secretId,
      TENCENTCLOUD_SECRET_KEY: secret.secretKey,
      TENCENTCLOUD_IAI_ENDPOINT: emu.url,
    };
    terraformCalls();
    const deploy = await real.deploy(STACK, realEnv);
    expect(deploy.code).toBe(0);
    expect(terraformCalls().filter((c) => c.startsWith("providers") || c.includes("-upgrade"))).toEqual([]);
    expect(emu.groups()).toEqual([expect.objectContaining({ GroupId: "g1", GroupName: "Employees" })]);
    const diff = await real.diff(STACK, realEnv);
    expect(diff.code).toBe(0);
    expect(diff.output).toMatch(/No changes/);
  } finally {
    real.dispose();
    await emu.stop();
  }
});
