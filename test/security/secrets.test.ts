/**
 * Secrets never leave the environment: with a recognisable SecretKey and session token, a real cdktf deploy (one
 * plan refused for a name a group outside the stack holds), an apply with a wrong SecretKey (AuthFailure) under `TF_LOG=trace`, a diff,
 * `terraform plan -out` and `terraform apply` of that plan under `TF_LOG=trace`, `terraform show -json`, and a
 * destroy (a DESTROY group is deleted) leave zero occurrences of them in cdk.tf.json, the whole project folder
 * (cdktf.out with the placed provider and its lock file, Terraform state and backups, the saved plan, .terraform,
 * the HOME and TMPDIR the tools ran with), every CLI output (the trace logs with the provider's own stderr lines
 * included), and the emulator's log lines. The SecretId is not a secret, but it has no business in synth output or
 * state either.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, startEmulator } from "../../src/emulator";
import { FACE_GROUP_TYPE } from "../../src/provider/address";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess, RunResult, planHeader } from "../support/cdktf-project";
import { writesSince } from "../support/api-calls";
import { officialClient } from "../support/official-client";
import { isZip, zipEntries } from "./zip";

jest.setTimeout(6 * 60_000);

const RUN = randomBytes(6).toString("hex");
const CREDS = { secretId: `AKIDcanary${RUN}`, secretKey: `SECRETKEY-canary-${RUN}`, token: `TOKEN-canary-${RUN}` };
/** Contains the real key as a prefix, so a leak of the wrong key is found by the same search. */
const WRONG_KEY = `${CREDS.secretKey}-wrong`;
const SECRETS = { secretKey: CREDS.secretKey, token: CREDS.token };
const TYPE = FACE_GROUP_TYPE;
/** "Clash" wants the name a group made outside the stack holds: the plan refuses it, until it gets FIXED_NAME. */
const GROUPS = [
  { id: "Keep", props: { groupId: "Keep", groupName: "Keep" } },
  { id: "Gone", props: { groupId: "Gone", groupName: "Gone", removalPolicy: "destroy" } },
  { id: "Clash", props: { groupId: "Clash", groupName: "Taken name" } },
];
const FIXED_NAME = "Clash fixed in plan";

/** Every regular file under `dir` (symlinks — the linked node_modules — are not followed). */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : e.isFile() ? [p] : [];
  });
}

/** What to search in a file: its bytes, plus each entry's content when it is a zip (a saved plan is deflated). */
function searchable(file: string): Buffer[] {
  const bytes = fs.readFileSync(file);
  return isZip(bytes) ? [bytes, ...zipEntries(bytes).map((e) => e.data)] : [bytes];
}

/** `name: file` for each needle found in a file. */
function occurrences(files: readonly string[], needles: Record<string, string>): string[] {
  return files.flatMap((f) => {
    const parts = searchable(f);
    return Object.entries(needles).filter(([, n]) => parts.some((b) => b.includes(n))).map(([name]) => `${name}: ${f}`);
  });
}

/** `name: label` for each needle found in a captured text. */
function inTexts(texts: Record<string, string>, needles: Record<string, string>): string[] {
  return Object.entries(texts).flatMap(([label, t]) => Object.entries(needles).filter(([, n]) => t.includes(n)).map(([name]) => `${name}: ${label}`));
}

describe("no secret in any artifact or output of a deploy, plan and destroy", () => {
  let emu: Emulator;
  let project: CdktfProject;
  const logLines: string[] = [];
  const outputs: Record<string, string> = {};
  const env = (over: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    TENCENTCLOUD_IAI_ENDPOINT: emu.url,
    TENCENTCLOUD_SECRET_ID: CREDS.secretId,
    TENCENTCLOUD_SECRET_KEY: CREDS.secretKey,
    TENCENTCLOUD_SESSION_TOKEN: CREDS.token,
    HOME: path.join(project.dir, "home"), // whatever the tools write to HOME or TMPDIR is searched too
    TMPDIR: path.join(project.dir, "tmp"),
    ...over,
  });
  /** Runs a CLI step, keeps its output for the search, and returns it. */
  async function step(label: string, run: () => Promise<RunResult>): Promise<RunResult> {
    const r = await run();
    outputs[label] = r.output;
    return r;
  }
  const codesSince = (from: number) => emu.requests.slice(from).map((r) => `${r.action}:${r.groupId}:${r.code}`);

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: false, log: (l) => logLines.push(l) });
    project = new CdktfProject("fg-sec-secrets-");
    for (const d of ["home", "tmp"]) fs.mkdirSync(path.join(project.dir, d));
    // A group made outside the stack holds the name the stack's "Clash" group wants: the plan refuses it.
    await officialClient(emu.url, CREDS).CreateGroup({ GroupId: "Outsider", GroupName: "Taken name" });
    project.setStacks([{ name: "secrets", groups: GROUPS }]);
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  test("deploy: refused at plan (a name held outside the stack), nothing created", async () => {
    const from = emu.requests.length;
    const r = await step("deploy 1", () => project.deploy("secrets", env()));
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("group_name 'Taken name' is held by face group 'Outsider'");
    // Reads only: the plan's listing, and the GetGroupInfo that confirms the holder before the error.
    expect(writesSince(emu, from)).toEqual([]);
    expect(codesSince(from)).toContain("GetGroupInfo:Outsider:OK");
  });

  test("apply with a wrong SecretKey under TF_LOG=trace: AuthFailure, reported without the key", async () => {
    const from = emu.requests.length;
    const r = await step("apply (wrong key, TF_LOG=trace)", () => project.terraform("secrets", ["apply", "-auto-approve", "-input=false"], env({ TENCENTCLOUD_SECRET_KEY: WRONG_KEY, TF_LOG: "trace" })));
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("AuthFailure.SignatureFailure");
    const codes = emu.requests.slice(from).map((q) => q.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set(["AuthFailure.SignatureFailure"]));
    expect(r.output).toMatch(/\[TRACE\]/); // the trace really was on
  });

  test("diff, then terraform plan -out, apply of the saved plan (TF_LOG=trace) and show -json", async () => {
    project.setStacks([{ name: "secrets", groups: [...GROUPS.slice(0, 2), { id: "Clash", props: { groupId: "Clash", groupName: FIXED_NAME } }] }]);
    expectSuccess(await step("diff", () => project.diff("secrets", env())));
    expect(outputs.diff).toMatch(planHeader(TYPE, "clash", "will be created"));
    expectSuccess(await step("synth", () => project.cdktf(["synth"], env())));
    expectSuccess(await step("plan -out (TF_LOG=trace)", () => project.terraform("secrets", ["plan", "-input=false", "-out=plan.bin"], env({ TF_LOG: "trace" }))));
    const show = await step("show -json", () => project.terraform("secrets", ["show", "-json", "plan.bin"], env()));
    expectSuccess(show);
    expect(JSON.parse(show.output).resource_changes.map((c: { address: string }) => c.address)).toContain(`${TYPE}.clash`);
    const from = emu.requests.length;
    const apply = await step("apply plan (TF_LOG=trace)", () => project.terraform("secrets", ["apply", "-input=false", "plan.bin"], env({ TF_LOG: "trace" })));
    expectSuccess(apply);
    expect(writesSince(emu, from).sort()).toEqual(["CreateGroup:Clash:OK", "CreateGroup:Gone:OK", "CreateGroup:Keep:OK"]);
    expect(emu.requests.at(-1)?.secretId).toBe(CREDS.secretId); // signed with the key (and the token)
  });

  test("destroy: the DESTROY group is deleted (signed with key and token), the others kept", async () => {
    const from = emu.requests.length;
    expectSuccess(await step("destroy", () => project.destroy("secrets", env())));
    // Reads aside (refresh, and the plan's count of the persons the DESTROY group takes with it), one write.
    expect(writesSince(emu, from)).toEqual(["DeleteGroup:Gone:OK"]);
    expect(codesSince(from)).toContain("GetPersonListNum:Gone:OK");
    expect(emu.groups().map((g) => g.GroupId).sort()).toEqual(["Clash", "Keep", "Outsider"]);
  });

  test("zero occurrences of the SecretKey and the token anywhere; no SecretId in synth output or state", () => {
    const files = filesUnder(project.dir);
    const rel = files.map((f) => path.relative(project.dir, f));
    // The search covered what it claims to cover.
    const stackDir = path.relative(project.dir, project.stackDir("secrets"));
    for (const f of ["cdk.tf.json", "plan.bin"]) expect(rel).toContain(path.join(stackDir, f));
    for (const f of ["terraform.secrets.tfstate", "terraform.secrets.tfstate.backup"]) expect(rel).toContain(f);
    expect(rel).toContain(path.join(stackDir, ".terraform.lock.hcl"));
    expect(rel.some((f) => f.startsWith(path.join(stackDir, "terraform.d", "plugins")) && f.endsWith("provider.js"))).toBe(true); // the placed provider
    expect(Object.keys(outputs)).toHaveLength(8);
    // A saved plan is a zip of deflated entries: a byte search of the file alone would see nothing.
    const planBytes = fs.readFileSync(path.join(project.stackDir("secrets"), "plan.bin"));
    expect(planBytes.includes(FIXED_NAME)).toBe(false);
    expect(zipEntries(planBytes).find((e) => e.name === "tfplan")?.data.includes(FIXED_NAME)).toBe(true);
    // The trace logs hold the provider's own lines (one per API call): they were searched too.
    for (const label of ["apply (wrong key, TF_LOG=trace)", "apply plan (TF_LOG=trace)"]) expect(outputs[label]).toMatch(/tencentcloudiai: \w+Group\w* \S+ RequestId=/);

    expect(occurrences(files, SECRETS)).toEqual([]);
    expect(inTexts({ ...outputs, "emulator log": logLines.join("\n") }, SECRETS)).toEqual([]);
    const synthAndState = files.filter((f) => f.includes(`${path.sep}cdktf.out${path.sep}`) || /\.tfstate(\.backup)?$/.test(f));
    expect(occurrences(synthAndState, { secretId: CREDS.secretId })).toEqual([]);
    expect(inTexts({ "show -json": outputs["show -json"] }, { secretId: CREDS.secretId })).toEqual([]);
    expect(logLines.length).toBeGreaterThan(5);
  });

  test("the search does find a planted secret (it can fail)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-sec-plant-"));
    try {
      fs.mkdirSync(path.join(dir, "a", "b"), { recursive: true });
      fs.writeFileSync(path.join(dir, "a", "b", "state"), Buffer.concat([Buffer.from([0, 1]), Buffer.from(`x${CREDS.token}y`)]));
      expect(occurrences(filesUnder(dir), SECRETS)).toEqual([`token: ${path.join(dir, "a", "b", "state")}`]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
