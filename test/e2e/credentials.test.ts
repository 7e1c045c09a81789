/**
 * The credential chain through the real Terraform, against the emulator's IAI, STS and CVM metadata fronts, with
 * provider blocks written as for the official `tencentcloud` provider. For each path the emulator's log says which
 * identity signed each IAI call: `assume_role` (a key of one account assuming a role of another), a wrong account in
 * `allowed_account_ids` (the plan fails, naming the account, before any write), `assume_role_with_web_identity` (no
 * key at all), `profile` + `shared_credentials_dir`, `cam_role_name` (and off an instance: a clear error), expiry of
 * the temporary credentials in the middle of an apply (survived: one retry with fresh ones). No secret or token —
 * the key, the OIDC token, any temporary credential — appears in state, plan output, TF_LOG=trace or the emulator log.
 */
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, startEmulator } from "../../src/emulator";
import { PROVIDER_SOURCE } from "../../src/provider/address";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, REPO_ROOT, RunResult, expectSuccess, run } from "../support/cdktf-project";
import { TERRAFORM_BINARY } from "../support/terraform-binary";

jest.setTimeout(6 * 60_000);

const CLI = path.join(REPO_ROOT, "lib", "cli", "main.js");
const KEY = { secretId: "AKIDe2eCredsBaseKey0001", secretKey: "e2eCredsBaseSecretKey-do-not-print" }; // account 100000000001
const PROFILE_KEY = { secretId: "AKIDe2eCredsProfileKey01", secretKey: "e2eCredsProfileSecretKey-do-not-print", accountId: "200000000002" };
const ROLE_ACCOUNT = "300000000003";
const ROLE = `qcs::cam::uin/${ROLE_ACCOUNT}:roleName/deployer`;
const OIDC_TOKEN = "eyJhbGciOiJSUzI1NiJ9.e2e-github-actions-oidc.do-not-print";
const INSTANCE_ACCOUNT = "400000000004";

let emu: Emulator;
let root: string;
let template: string;
const emulatorLog: string[] = [];
const outputs: Record<string, string> = {};

beforeAll(async () => {
  checkTerraform();
  emu = await startEmulator({
    credentials: [KEY, PROFILE_KEY],
    webIdentityTokens: [OIDC_TOKEN],
    instanceRole: { roleName: "ci-runner", accountId: INSTANCE_ACCOUNT },
    qps: 0,
    log: (l) => emulatorLog.push(l),
  });
  root = fs.mkdtempSync(path.join(os.tmpdir(), "fg-e2e-creds-"));
  fs.mkdirSync(path.join(root, "home"));
  fs.writeFileSync(path.join(root, ".terraformrc"), "");
  template = path.join(root, "template");
  fs.mkdirSync(template);
  expectSuccess(await run(process.execPath, [CLI, "provider", "install", "--dir", template], { cwd: root, env: baseEnv() }));
});

afterAll(async () => {
  await emu?.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** The environment of every run: offline, emulator endpoints, an empty HOME, no credentials unless added. */
function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: path.join(root, ".terraformrc"), HOME: path.join(root, "home") };
  for (const k of Object.keys(env)) if (/^(TENCENTCLOUD_|TKE_|TF_PLUGIN_CACHE_DIR$|https?_proxy$|HTTPS?_PROXY$)/.test(k)) delete env[k];
  return { ...env, TENCENTCLOUD_IAI_ENDPOINT: emu.url, TENCENTCLOUD_STS_ENDPOINT: emu.url, TENCENTCLOUD_METADATA_ENDPOINT: emu.url, ...extra };
}
const withKey = (extra: NodeJS.ProcessEnv = {}) => baseEnv({ TENCENTCLOUD_SECRET_ID: KEY.secretId, TENCENTCLOUD_SECRET_KEY: KEY.secretKey, ...extra });

/** A working folder with the installed provider, `providerBlock` and one group per id; initialised. */
async function workspace(name: string, providerBlock: string, groupIds: string[]): Promise<string> {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  fs.symlinkSync(path.join(template, "terraform.d"), path.join(dir, "terraform.d"));
  fs.copyFileSync(path.join(template, ".terraform.lock.hcl"), path.join(dir, ".terraform.lock.hcl"));
  const groups = groupIds.map((id) => `resource "tencentcloudiai_face_group" "${id}" {\n  group_id   = "${id}"\n  group_name = "${id} name"\n}\n`).join("\n");
  fs.writeFileSync(path.join(dir, "main.tf"), `terraform {\n  required_providers {\n    tencentcloudiai = { source = "${PROVIDER_SOURCE}" }\n  }\n}\n\nprovider "tencentcloudiai" {\n${providerBlock}\n}\n\n${groups}`);
  expectSuccess(await terraform(dir, `${name} init`, ["init", "-input=false"], baseEnv()));
  return dir;
}

/** Runs terraform in `dir`, keeping its output for the secrets search. */
async function terraform(dir: string, label: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  const r = await run(TERRAFORM_BINARY, [...args, "-no-color"], { cwd: dir, env }, 180_000);
  outputs[label] = r.output;
  return r;
}

/** `action:identity:code` of the emulator's records since `from` (reads included). */
const calls = (from: number) => emu.requests.slice(from).map((r) => `${r.action}:${r.identity ?? "-"}:${r.code}`);
const writes = (from: number) => emu.requests.slice(from).filter((r) => /^(Create|Modify|Delete)Group$/.test(r.action));
const roleSession = (account: string, session: string) => new RegExp(`^qcs::sts:${account}:assumed-role/\\d{19}/${session}$`);
/** Terraform wraps diagnostics: compare with single spaces. */
const flat = (text: string) => text.replace(/\s+/g, " ");
const KEY_IDENTITY = "qcs::cam::uin/100000000001:uin/100000000001";

test("assume_role: the key assumes a role of another account; its session signs every IAI call (TF_LOG=trace)", async () => {
  const dir = await workspace("assume", `  allowed_account_ids = ["${ROLE_ACCOUNT}"]\n  assume_role {\n    role_arn         = "${ROLE}"\n    session_name     = "e2e-deploy"\n    session_duration = 3600\n  }`, ["ar-a", "ar-b"]);
  const from = emu.requests.length;
  const r = await terraform(dir, "assume apply (TF_LOG=trace)", ["apply", "-auto-approve", "-input=false"], withKey({ TF_LOG: "trace" }));
  expectSuccess(r);
  expect(r.output).toMatch(/\[TRACE\]/);
  expect(r.output).toContain(`credentials: assume_role ${ROLE} session e2e-deploy (with environment)`);
  const seen = emu.requests.slice(from);
  // STS with the key; everything IAI with the role session; the account was checked before the first write.
  expect(seen.filter((q) => q.action === "AssumeRole").every((q) => q.identity === KEY_IDENTITY && q.code === "OK")).toBe(true);
  const iai = seen.filter((q) => /Group/.test(q.action));
  expect(iai.length).toBeGreaterThanOrEqual(2);
  for (const q of iai) expect(q.identity).toMatch(roleSession(ROLE_ACCOUNT, "e2e-deploy"));
  expect(writes(from).map((q) => `${q.action}:${q.groupId}:${q.code}`).sort()).toEqual(["CreateGroup:ar-a:OK", "CreateGroup:ar-b:OK"]);
  const firstWrite = seen.findIndex((q) => q.action === "CreateGroup");
  expect(seen.slice(0, firstWrite).map((q) => q.action)).toContain("GetCallerIdentity");
  expect(emulatorLog.some((l) => / CreateGroup GroupId=ar-a OK .* Identity=qcs::sts:300000000003:assumed-role\/\d+\/e2e-deploy$/.test(l))).toBe(true);
});

test("a wrong account fails the plan, naming the account and the list, before any write", async () => {
  const dir = await workspace("wrong-account", `  allowed_account_ids = ["999999999999"]\n  assume_role {\n    role_arn     = "${ROLE}"\n    session_name = "e2e-deploy"\n  }`, ["wrong-a"]);
  const from = emu.requests.length;
  const plan = await terraform(dir, "wrong-account plan", ["plan", "-input=false"], withKey());
  expect(plan.code).not.toBe(0);
  expect(plan.output).toContain("Account not allowed");
  expect(flat(plan.output)).toMatch(/300000000003 \(qcs::sts:300000000003:assumed-role\/\d+\/e2e-deploy\) is not in allowed_account_ids \[999999999999\]/);
  const apply = await terraform(dir, "wrong-account apply", ["apply", "-auto-approve", "-input=false"], withKey());
  expect(apply.code).not.toBe(0);
  expect(writes(from)).toEqual([]);
  expect(calls(from).filter((c) => !/^(AssumeRole|GetCallerIdentity):/.test(c))).toEqual([]);
  // forbidden_account_ids: the key's own account refused, no role involved.
  const forbidden = await workspace("forbidden", `  forbidden_account_ids = ["100000000001"]`, ["forbidden-a"]);
  const f = await terraform(forbidden, "forbidden plan", ["plan", "-input=false"], withKey());
  expect(f.code).not.toBe(0);
  expect(flat(f.output)).toMatch(/100000000001 \(qcs::cam::uin\/100000000001:uin\/100000000001\) is in forbidden_account_ids \[100000000001\]/);
  expect(writes(from)).toEqual([]);
});

test("assume_role_with_web_identity: an OIDC token file and no key at all", async () => {
  const tokenFile = path.join(root, "oidc-token.json");
  fs.writeFileSync(tokenFile, JSON.stringify({ web_identity_token: OIDC_TOKEN }));
  const dir = await workspace("oidc", `  assume_role_with_web_identity {\n    role_arn                = "${ROLE}"\n    session_name            = "github-actions"\n    web_identity_token_file = "${tokenFile}"\n  }`, ["oidc-a"]);
  const from = emu.requests.length;
  expectSuccess(await terraform(dir, "oidc apply", ["apply", "-auto-approve", "-input=false"], baseEnv()));
  const seen = emu.requests.slice(from);
  expect(seen.filter((q) => q.action === "AssumeRoleWithWebIdentity").map((q) => q.code)).toContain("OK");
  const create = seen.find((q) => q.action === "CreateGroup")!;
  expect(create).toMatchObject({ groupId: "oidc-a", code: "OK" });
  expect(create.identity).toMatch(roleSession(ROLE_ACCOUNT, "github-actions"));
  // The token written in the block (sensitive) under TF_LOG=trace: used, never printed.
  const inline = await workspace("oidc-inline", `  assume_role_with_web_identity {\n    role_arn           = "${ROLE}"\n    session_name       = "inline"\n    web_identity_token = "${OIDC_TOKEN}"\n  }`, ["oidc-inline-a"]);
  const before = emu.requests.length;
  const traced = await terraform(inline, "oidc inline apply (TF_LOG=trace)", ["apply", "-auto-approve", "-input=false"], baseEnv({ TF_LOG: "trace" }));
  expectSuccess(traced);
  expect(traced.output).toMatch(/\[TRACE\]/);
  expect(writes(before)[0].identity).toMatch(roleSession(ROLE_ACCOUNT, "inline"));
});

test("profile + shared_credentials_dir: the named profile's key signs", async () => {
  const shared = fs.mkdtempSync(path.join(root, "tccli-"));
  fs.writeFileSync(path.join(shared, "staging.credential"), JSON.stringify({ secretId: PROFILE_KEY.secretId, secretKey: PROFILE_KEY.secretKey }));
  fs.writeFileSync(path.join(shared, "default.credential"), JSON.stringify({ secretId: "AKIDnotThisOne", secretKey: "not-this-one" }));
  const dir = await workspace("profile", `  shared_credentials_dir = "${shared}"\n  profile                = "staging"`, ["profile-a"]);
  const from = emu.requests.length;
  expectSuccess(await terraform(dir, "profile apply", ["apply", "-auto-approve", "-input=false"], baseEnv()));
  expect(writes(from).map((q) => `${q.groupId}:${q.identity}:${q.code}`)).toEqual(["profile-a:qcs::cam::uin/200000000002:uin/200000000002:OK"]);
  // TENCENTCLOUD_PROFILE picks the profile too; the environment's key beats any profile.
  const before = emu.requests.length;
  expectSuccess(await terraform(dir, "profile plan (env key)", ["plan", "-input=false", "-refresh=true"], withKey()));
  expect(emu.requests.slice(before).filter((q) => q.action.startsWith("Get")).every((q) => q.identity === KEY_IDENTITY)).toBe(true);
});

test("cam_role_name: the instance role's credentials from the metadata service; off an instance a clear error", async () => {
  const dir = await workspace("cvm", `  cam_role_name = "ci-runner"`, ["cvm-a"]);
  const from = emu.requests.length;
  const r = await terraform(dir, "cvm apply", ["apply", "-auto-approve", "-input=false"], baseEnv());
  expectSuccess(r);
  expect(writes(from).map((q) => `${q.groupId}:${q.code}`)).toEqual(["cvm-a:OK"]);
  expect(writes(from)[0].identity).toMatch(roleSession(INSTANCE_ACCOUNT, "cvm-instance"));
  expect(emulatorLog.some((l) => / metadata GET \/latest\/meta-data\/cam\/security-credentials\/ci-runner HTTP200 Identity=qcs::sts:400000000004/.test(l))).toBe(true);

  // Off an instance: nothing listens where the metadata service should be.
  const closed = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
  const off = await workspace("cvm-off", `  cam_role_name = "ci-runner"`, ["cvm-off-a"]);
  const before = emu.requests.length;
  const failed = await terraform(off, "cvm off-instance apply", ["apply", "-auto-approve", "-input=false"], baseEnv({ TENCENTCLOUD_METADATA_ENDPOINT: `http://127.0.0.1:${closed}` }));
  expect(failed.code).not.toBe(0);
  expect(flat(failed.output)).toMatch(/cam_role_name 'ci-runner': the CVM instance metadata service \(http:\/\/127\.0\.0\.1:\d+\) did not give credentials after 3 attempts \(ECONNREFUSED\)/);
  expect(flat(failed.output)).toContain("works only on a CVM instance");
  expect(writes(before)).toEqual([]);
  // A role the instance does not have: 404, said as such.
  const wrongRole = await workspace("cvm-wrong-role", `  cam_role_name = "not-attached"`, ["cvm-wrong-a"]);
  const w = await terraform(wrongRole, "cvm wrong role apply", ["apply", "-auto-approve", "-input=false"], baseEnv());
  expect(w.code).not.toBe(0);
  expect(flat(w.output)).toContain("has no such role (HTTP 404)");
});

test("the temporary credentials expire in the middle of an apply: one refused call, fresh credentials, the apply succeeds", async () => {
  const ids = ["exp-a", "exp-b", "exp-c"];
  const dir = await workspace("expiry", `  assume_role {\n    role_arn     = "${ROLE}"\n    session_name = "long-apply"\n  }`, ids);
  const from = emu.requests.length;
  let expired = 0;
  // The moment the first group is created (the emulator logs before the client can send anything else), every
  // temporary credential issued so far ends.
  const hook = emulatorLog.push.bind(emulatorLog);
  emulatorLog.push = (...lines: string[]) => {
    if (!expired && lines.some((l) => / CreateGroup GroupId=\S+ OK /.test(l))) expired = emu.expireTemporaryCredentials();
    return hook(...lines);
  };
  try {
    expectSuccess(await terraform(dir, "expiry apply", ["apply", "-auto-approve", "-input=false", "-parallelism=1"], withKey()));
  } finally {
    emulatorLog.push = hook;
  }
  expect(expired).toBeGreaterThan(0);
  const seen = emu.requests.slice(from);
  expect(writes(from).filter((q) => q.code === "OK").map((q) => q.groupId).sort()).toEqual(ids);
  const refused = seen.filter((q) => q.code === "AuthFailure.TokenFailure");
  expect(refused).toHaveLength(1); // retried once with fresh credentials, never looped
  const at = seen.indexOf(refused[0]);
  expect(seen.slice(at + 1).map((q) => q.action)).toContain("AssumeRole");
  const after = seen.slice(at + 1).filter((q) => q.action === refused[0].action)[0];
  expect(after).toMatchObject({ code: "OK" });
  expect(after.secretId).not.toBe(refused[0].secretId);
});

test("cdktf: TencentcloudIaiProvider's assumeRole + allowedAccountIds; a wrong account fails the deploy before any write", async () => {
  const project = new CdktfProject("fg-e2e-creds-cdktf-");
  try {
    const stack = (allowed: string) => ({
      name: "app",
      groups: [],
      code:
        `new lib.TencentcloudIaiProvider(stack, "iai", { allowedAccountIds: [${JSON.stringify(allowed)}], assumeRole: { roleArn: ${JSON.stringify(ROLE)}, sessionName: "cdktf-deploy" } });\n` +
        `new lib.FaceGroup(stack, "G", { groupId: "cdktf-role", groupName: "cdktf role" });`,
    });
    const env = { ...withKey(), HOME: path.join(root, "home") };
    project.setStacks([stack("999999999999")]);
    const from = emu.requests.length;
    const refused = await project.deploy("app", env);
    outputs["cdktf deploy (wrong account)"] = refused.output;
    expect(refused.code).not.toBe(0);
    expect(flat(refused.output)).toContain(`TencentCloud account ID not allowed: ${ROLE_ACCOUNT}`);
    expect(writes(from)).toEqual([]);
    const synthesized = fs.readFileSync(path.join(project.stackDir("app"), "cdk.tf.json"), "utf8");
    expect(JSON.parse(synthesized).provider.tencentcloudiai[0].assume_role).toEqual([{ role_arn: ROLE, session_name: "cdktf-deploy" }]);
    expect(synthesized).not.toContain(KEY.secretKey);

    project.setStacks([stack(ROLE_ACCOUNT)]);
    const deployed = await project.deploy("app", env);
    outputs["cdktf deploy"] = deployed.output;
    expectSuccess(deployed);
    expect(writes(from).map((q) => `${q.action}:${q.groupId}:${q.code}`)).toEqual(["CreateGroup:cdktf-role:OK"]);
    expect(writes(from)[0].identity).toMatch(roleSession(ROLE_ACCOUNT, "cdktf-deploy"));
    const state = fs.readFileSync(project.statePath("app"), "utf8");
    texts["cdktf state"] = state;
  } finally {
    project.dispose();
  }
});

/** Texts searched for secrets beside the outputs (captured before their folders go). */
const texts: Record<string, string> = {};

test("no secret or token in state, plan output, TF_LOG=trace or the emulator log", () => {
  const secrets: Record<string, string> = { key: KEY.secretKey, profileKey: PROFILE_KEY.secretKey, oidc: OIDC_TOKEN };
  emu.temporaryCredentials().forEach((c, i) => {
    secrets[`tmpKey${i}`] = c.secretKey;
    secrets[`tmpToken${i}`] = c.token!;
  });
  expect(Object.keys(secrets).length).toBeGreaterThan(8); // temporary credentials were issued and are searched
  Object.assign(texts, outputs, { "emulator log": emulatorLog.join("\n") });
  const files = fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.tfstate(\.backup)?$/.test(e.name));
  expect(files.length).toBeGreaterThanOrEqual(5);
  for (const f of files) texts[path.join(f.parentPath, f.name)] = fs.readFileSync(path.join(f.parentPath, f.name), "utf8");
  const found = Object.entries(texts).flatMap(([label, t]) => Object.entries(secrets).filter(([, s]) => t.includes(s)).map(([name]) => `${name} in ${label}`));
  expect(found).toEqual([]);
});
