/**
 * Hostile but valid values — Terraform template syntax, shell metacharacters, command substitutions, quotes,
 * backslashes, control characters, CJK and emoji — travel byte for byte from FaceGroup props through a real
 * `cdktf deploy` (synth, cdk.tf.json, plan, the provider over gRPC, its TC3-signed call) to the API, back through
 * GetGroupInfo with the official SDK, and into the Terraform state; no shell ever runs them (the touch side-effect
 * files stay absent); a rename is one ModifyGroup in place; a further deploy, which reads the group back, plans no
 * changes (escaping and read-back are stable, byte for byte). The provider's log (TF_LOG) is one line per API call and
 * never shows a field value, so no value can forge a line.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { charCount, LIMITS } from "../../src/api/rules";
import { Emulator, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { FACE_GROUP_TYPE } from "../../src/provider/address";
import { CdktfProject, expectSuccess, planHeader } from "../support/cdktf-project";
import { writes, writesSince } from "../support/api-calls";
import { officialClient } from "../support/official-client";

jest.setTimeout(5 * 60_000);

const RUN = randomBytes(4).toString("hex");
/** A side-effect file of this run: created only if some shell interprets a value. */
const pwned = (n: number | string) => `/tmp/pw-${RUN}-${n}`;
const subst = (n: number | string) => `$(touch ${pwned(n)})`; // 27 characters: fits a description
const tick = (n: number | string) => `\`touch ${pwned(n)}\``;
const TEMPLATES = "${x}%{if}$${y}%%{z}"; // Terraform interpolation, directive, and both escapes written literally
const META = `'"\\;|&<>`;

const CREDS = { secretId: "AKIDhostileRoundTrip", secretKey: "hostileRoundTripKey" };
const GROUP_ID = `Hostile%@#&_-${RUN}`; // every symbol GroupId allows; # and & mean something to a shell

/** The mutable fields, as declared (props) and as GetGroupInfo must return them. */
interface Fields {
  groupName: string;
  tag: string;
  groupExDescriptions: string[];
}

const FIRST: Fields = {
  groupName: `${TEMPLATES} ${subst(1)} ${META}`,
  tag: `${tick(2)} ${META}`,
  groupExDescriptions: [subst(3), tick(4), `a\nb\tc\r\n${META}`, "员工 🙂👍🏽 名字 𠀀", `${TEMPLATES}\\\${a}`],
};
const SECOND: Fields = {
  groupName: `";touch ${pwned(5)};"${tick(6)}`,
  tag: `${subst(7)}\n\t✓`,
  groupExDescriptions: [`|| touch ${pwned(8)} #`, tick(4), "%{for x in [1]}${x}%{endfor}", "\\\\server\\share \"q\" 'q'", "$$$${}%%%%{}$"],
};
const SIDE_EFFECTS = [1, 2, 3, 4, 5, 6, 7, 8].map(pwned);

/** The provider's one line per API call, as Terraform logs its stderr (TF_LOG=debug). */
const PROVIDER_LINE = /tencentcloudiai: (\w+) (\S+) RequestId=(\S+) GroupId=(\S*) region=ap-guangzhou attempt=\d+ \d+ms( \(transient, retrying in \d+ms\))?$/;

/**
 * The provider's log lines under TF_LOG are one per API call — exactly the calls the emulator answered — and no
 * value of a group's fields shows in them, so no value can forge a line.
 */
function expectOneLinePerCall(logFile: string, calls: readonly { requestId: string }[], values: Fields): void {
  const log = fs.readFileSync(logFile, "utf8");
  // Besides the call lines the provider says once which credential source it uses (and, with an account guard, which
  // account): fixed words, no value of a group's fields.
  const lines = log.split("\n").filter((l) => l.includes("tencentcloudiai: ") && !l.includes("tencentcloudiai: credentials: "));
  expect(lines.filter((l) => !PROVIDER_LINE.test(l))).toEqual([]);
  expect(lines.map((l) => PROVIDER_LINE.exec(l)![3]).sort()).toEqual(calls.map((c) => c.requestId).sort());
  for (const v of [values.groupName, values.tag, ...values.groupExDescriptions]) expect(log.includes(v)).toBe(false);
}

describe("hostile values round-trip through cdktf deploy", () => {
  let emu: Emulator;
  let project: CdktfProject;
  let env: NodeJS.ProcessEnv;

  const declare = (f: Fields) =>
    project.setStacks([{ name: "hostile", groups: [{ id: "Hostile", props: { groupId: GROUP_ID, ...f, removalPolicy: "destroy" } }] }]);

  /** Deploys `f` (with TF_LOG) and returns the write calls that reached the API (reads are the refresh of the state). */
  async function deploy(f: Fields): Promise<{ output: string; writes: string[] }> {
    declare(f);
    const from = emu.requests.length;
    const logFile = path.join(project.dir, `tf-${from}.log`);
    const r = await project.deploy("hostile", { ...env, TF_LOG: "debug", TF_LOG_PATH: logFile });
    expectSuccess(r);
    const calls = emu.requests.slice(from);
    expect(calls.length).toBeGreaterThan(0);
    expectOneLinePerCall(logFile, calls, f);
    return { output: r.output, writes: writes(calls) };
  }

  /** The group as the official SDK reads it back, and as Terraform state holds the declaration. */
  async function expectRoundTrip(f: Fields): Promise<void> {
    const info = await officialClient(emu.url, CREDS).GetGroupInfo({ GroupId: GROUP_ID });
    expect({ id: info.GroupId, groupName: info.GroupName, tag: info.Tag, groupExDescriptions: info.GroupExDescriptions }).toEqual({ id: GROUP_ID, ...f });
    const state = project.state("hostile")!.resources.find((r) => r.type === FACE_GROUP_TYPE && r.name === "hostile")!;
    expect(state.instances[0].attributes).toMatchObject({ group_id: GROUP_ID, group_name: f.groupName, tag: f.tag, group_ex_descriptions: f.groupExDescriptions });
    for (const file of SIDE_EFFECTS) expect(fs.existsSync(file)).toBe(false);
  }

  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [CREDS], quiet: true });
    project = new CdktfProject("fg-sec-hostile-");
    env = { TENCENTCLOUD_IAI_ENDPOINT: emu.url, TENCENTCLOUD_SECRET_ID: CREDS.secretId, TENCENTCLOUD_SECRET_KEY: CREDS.secretKey };
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
    for (const file of SIDE_EFFECTS) fs.rmSync(file, { force: true });
  });

  test("the values are valid, and the payloads are live: a shell given them does run the touch", () => {
    for (const f of [FIRST, SECOND]) {
      expect(charCount(f.groupName)).toBeLessThanOrEqual(LIMITS.groupNameMaxChars);
      expect(charCount(f.tag)).toBeLessThanOrEqual(LIMITS.tagMaxChars);
      for (const d of f.groupExDescriptions) expect(charCount(d)).toBeLessThanOrEqual(LIMITS.exDescriptionMaxChars);
    }
    for (const payload of [subst("probe1"), tick("probe2")]) {
      spawnSync("/bin/sh", ["-c", `: ${payload}`]);
    }
    expect([pwned("probe1"), pwned("probe2")].map((p) => fs.existsSync(p))).toEqual([true, true]);
    for (const p of [pwned("probe1"), pwned("probe2")]) fs.rmSync(p);
  });

  test("create: every field reaches the API byte for byte; no shell ran them", async () => {
    const { writes } = await deploy(FIRST);
    expect(writes).toEqual([`CreateGroup:${GROUP_ID}:OK`]);
    await expectRoundTrip(FIRST);
  });

  test("rename to other hostile values: one ModifyGroup in place, byte for byte, still no shell", async () => {
    declare(SECOND);
    const diff = await project.diff("hostile", env);
    expectSuccess(diff);
    expect(diff.output).toMatch(planHeader(FACE_GROUP_TYPE, "hostile", "will be updated in-place"));
    expect(diff.output).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy/);
    const { writes } = await deploy(SECOND);
    expect(writes).toEqual([`ModifyGroup:${GROUP_ID}:OK`]);
    await expectRoundTrip(SECOND);
  });

  test("deploying again reads the group back and plans no changes, writes nothing (stable escaping)", async () => {
    const { output, writes } = await deploy(SECOND); // it reads (at least one call): the read-back matched byte for byte
    expect(output).toMatch(/No changes/);
    expect(writes).toEqual([]);
    await expectRoundTrip(SECOND);
  });

  test("destroy under DESTROY deletes the group by its hostile id", async () => {
    const from = emu.requests.length;
    const r = await project.destroy("hostile", env);
    expectSuccess(r);
    expect(writesSince(emu, from)).toEqual([`DeleteGroup:${GROUP_ID}:OK`]);
    expect(project.state("hostile")!.resources).toEqual([]);
    expect(emu.groups()).toEqual([]);
    for (const file of SIDE_EFFECTS) expect(fs.existsSync(file)).toBe(false);
  });
});
