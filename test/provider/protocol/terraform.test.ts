/**
 * The echo test provider under the real Terraform (the tests' one: support/terraform-binary.ts; default AutoMTLS),
 * installed offline as an implied local mirror (this machine's platform folder, as Terraform names it) with the
 * installer's launcher: init, providers schema -json, validate (also an invalid config), apply with
 * computed values, plan (no changes), replacement, import, destroy, and a plan that asks for the schema once for all
 * its provider processes. Terraform starts and stops the provider processes itself; the test checks none is left behind.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROVIDER_SOURCE } from "../../../src/provider/address";
import { launcherScript } from "../../../src/install/launcher";
import { TERRAFORM_BINARY, terraformInfo } from "../../support/terraform-binary";
import { buildEchoBundle } from "./support/bundle";

const VERSION = "0.0.1";
let dir: string;

function tf(...args: string[]) {
  return tfWith({}, ...args);
}

function tfWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(TERRAFORM_BINARY, [...args, "-no-color"], { cwd: dir, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", ...env }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function config(name: string) {
  writeFileSync(
    join(dir, "main.tf"),
    `terraform {
  required_providers {
    tencentcloudiai = { source = "${PROVIDER_SOURCE}" }
  }
}
provider "tencentcloudiai" {
  prefix = "px"
}
resource "tencentcloudiai_echo" "a" {
  name = "${name}"
  size = 1.5
  tags = ["x", "y"]
}
data "tencentcloudiai_upper" "u" {
  input = tencentcloudiai_echo.a.id
}
output "up" {
  value = data.tencentcloudiai_upper.u.output
}
`,
  );
}

/** PIDs of running processes whose command line mentions our folder (read only; nothing is killed). */
function providersLeft(): number[] {
  return readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, "utf8").includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "fg-protocol-tf-"));
  const pkg = join(dir, "terraform.d/plugins", PROVIDER_SOURCE, VERSION, terraformInfo().platform);
  mkdirSync(pkg, { recursive: true });
  buildEchoBundle(join(pkg, "provider.js"));
  const exe = join(pkg, `terraform-provider-tencentcloudiai_v${VERSION}`);
  writeFileSync(exe, launcherScript());
  chmodSync(exe, 0o755);
  config("hello");
  const init = tf("init");
  if (init.code !== 0) throw new Error(`terraform init failed: ${init.out}${init.err}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("providers schema -json shows our schema with plain descriptions", () => {
  const r = tf("providers", "schema", "-json");
  expect(r.code).toBe(0);
  const schema = JSON.parse(r.out).provider_schemas[PROVIDER_SOURCE];
  const name = schema.resource_schemas.tencentcloudiai_echo.block.attributes.name;
  expect(name).toMatchObject({ type: "string", required: true, description_kind: "plain" });
  expect(name.description).toMatch(/replaces the object/);
  expect(schema.data_source_schemas.tencentcloudiai_upper.block.description).toBe("Upper-cases its input.");
});

test("validate: ok, and a provider diagnostic points at the attribute's line", () => {
  expect(tf("validate").out).toMatch(/The configuration is valid/);
  config("invalid");
  const r = tf("validate");
  config("hello");
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/Error: Invalid name/);
  expect(r.err).toMatch(/on main\.tf line 10, in resource "tencentcloudiai_echo" "a":/);
});

test("apply, plan, replace, import, destroy; no provider process left behind", () => {
  let r = tf("apply", "-auto-approve");
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/Creation complete after \d+s \[id=px-hello\]/);
  expect(r.out).toMatch(/up = "PX-HELLO"/);
  expect(tf("plan", "-detailed-exitcode").code).toBe(0); // no changes
  config("renamed");
  r = tf("apply", "-auto-approve");
  expect(r.out).toMatch(/must be replaced/);
  expect(r.out).toMatch(/~ name\s+= "hello" -> "renamed" # forces replacement/);
  expect(r.out).toMatch(/1 added, 0 changed, 1 destroyed/);
  expect(tf("state", "rm", "tencentcloudiai_echo.a").code).toBe(0);
  r = tf("import", "tencentcloudiai_echo.a", "renamed");
  expect(r.out).toMatch(/Import successful/);
  r = tf("destroy", "-auto-approve");
  expect(r.out).toMatch(/Warning: Deleting/); // plan_destroy: a plan warning before the deletion
  expect(r.out).toMatch(/Destroy complete! Resources: 1 destroyed/);
  expect(providersLeft()).toEqual([]);
});

test("a plan fetches the schema once: the later provider processes use Terraform's cache (getProviderSchemaOptional)", () => {
  const r = tfWith({ TF_LOG: "trace" }, "plan", "-input=false");
  expect(r.code).toBe(0);
  const starts = r.err.match(/plugin started/g) ?? [];
  expect(starts.length).toBeGreaterThanOrEqual(2); // the schema's process, then validate's and plan's
  expect(r.err.match(/GRPCProvider\.v6: GetProviderSchema$/gm)).toHaveLength(1);
  expect(r.err).toMatch(/GRPCProvider\.v6: returning cached schema/);
});

test("the lock file records the package", () => {
  expect(readFileSync(join(dir, ".terraform.lock.hcl"), "utf8")).toContain(`provider "${PROVIDER_SOURCE}"`);
});
