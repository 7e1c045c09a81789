/**
 * The provider against what the real cloud does and loopback does not, through the real `terraform` CLI: every
 * answer is slow (40 ± 20 ms) and GetGroupList trails the writes (the lag is set so that the listing does not catch up
 * during a step, then ended, so no step depends on timing). What a user depends on, with the calls that reached the
 * API counted:
 * - the apply converges: one CreateGroup per group and one listing per provider process, zero failures;
 * - the plan right after it says "No changes" although the listing shows none of the new groups (each is confirmed
 *   with GetGroupInfo), and so after a rename the listing still shows under the old name;
 * - a group deleted in the console stays invisible while the listing still shows it (the documented window), and is
 *   planned as a create once the listing has caught up.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, startEmulator } from "../../src/emulator";
import { PROVIDER_SOURCE } from "../../src/provider/address";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { RunResult, expectSuccess, planHeader } from "../support/cdktf-project";
import { writes } from "../support/api-calls";
import { officialClient } from "../support/official-client";
import { installAndInit, plainTerraformEnv, terraformIn } from "../support/plain-terraform";

jest.setTimeout(10 * 60_000);

const CREDS = { secretId: "AKIDe2eRealCloud000000000000000", secretKey: "e2eRealCloudSecretKey00000000000" };
const TYPE = "tencentcloudiai_face_group";
const N = 24;
/** A lag no step outlives: what the listing hides stays hidden until the test ends the lag. */
const LAG_FOR_THE_STEP = 3_600_000;

let emu: Emulator;
let dir: string;
let env: NodeJS.ProcessEnv;

/** The configuration: N groups cloud-0 … cloud-(N−1), the first named `firstName`. */
function writeConfig(firstName: string): void {
  fs.writeFileSync(
    path.join(dir, "main.tf"),
    `terraform {
  required_providers {
    tencentcloudiai = { source = "${PROVIDER_SOURCE}" }
  }
}

resource "${TYPE}" "g" {
  count      = ${N}
  group_id   = "cloud-\${count.index}"
  group_name = count.index == 0 ? "${firstName}" : "Cloud \${count.index}"
}
`,
  );
}

const terraform = (...args: string[]): Promise<RunResult> => terraformIn(dir, env, [...args, "-input=false"], 300_000);
/** The calls a command made, as `Action` or `Action:GroupId`, sorted (order among parallel calls is not the point). */
async function callsOf(command: () => Promise<RunResult>): Promise<{ result: RunResult; calls: string[]; writes: string[] }> {
  const from = emu.requests.length;
  const result = await command();
  const made = emu.requests.slice(from);
  const calls = made.map((r) => (r.action === "GetGroupList" ? r.action : `${r.action}:${r.groupId}:${r.code}`));
  return { result, calls: calls.sort(), writes: writes(made) };
}
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `cloud-${from + i}`);

beforeAll(async () => {
  checkTerraform();
  emu = await startEmulator({ credentials: [CREDS], quiet: true, latencyMs: 40, latencyJitterMs: 20, listingLagMs: LAG_FOR_THE_STEP });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-real-cloud-"));
  env = plainTerraformEnv(dir, { TENCENTCLOUD_IAI_ENDPOINT: emu.url, TENCENTCLOUD_SECRET_ID: CREDS.secretId, TENCENTCLOUD_SECRET_KEY: CREDS.secretKey });
  writeConfig("Cloud 0");
  await installAndInit(dir, env);
});

afterAll(async () => {
  await emu?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("apply under latency and a lagging listing: one CreateGroup per group, besides one listing per process, zero failures", async () => {
  const { result, calls } = await callsOf(() => terraform("apply", "-auto-approve"));
  expectSuccess(result);
  expect(result.output).toMatch(new RegExp(`Apply complete! Resources: ${N} added, 0 changed, 0 destroyed`));
  // Besides the creates: the plan-time predictions' account listing, once per provider process (the plan's, and the
  // apply's: Terraform plans each change again while applying).
  expect(calls).toEqual([...ids(0, N).map((id) => `CreateGroup:${id}:OK`), "GetGroupList", "GetGroupList"].sort());
  expect(emu.groups().map((g) => `${g.GroupId}:${g.GroupName}`).sort()).toEqual(ids(0, N).map((id, i) => `${id}:Cloud ${i}`).sort());
});

test("the plan right after says No changes: the groups the listing does not show yet are confirmed with GetGroupInfo", async () => {
  const { result, calls } = await callsOf(() => terraform("plan"));
  expectSuccess(result);
  expect(result.output).toMatch(/No changes\./);
  expect(calls).toEqual(["GetGroupList", ...ids(0, N).map((id) => `GetGroupInfo:${id}:OK`)].sort());
});

test("once the listing has caught up, the no-op plan is one call", async () => {
  emu.setListingLagMs(0);
  emu.setListingLagMs(LAG_FOR_THE_STEP); // caught up now, lagging again from here
  const { result, calls } = await callsOf(() => terraform("plan"));
  expectSuccess(result);
  expect(result.output).toMatch(/No changes\./);
  expect(calls).toEqual(["GetGroupList"]);
});

test("a rename the listing still shows under the old name: no false drift in the plan after it", async () => {
  writeConfig("Cloud zero");
  const applied = await callsOf(() => terraform("apply", "-auto-approve"));
  expectSuccess(applied.result);
  expect(applied.result.output).toMatch(/Resources: 0 added, 1 changed, 0 destroyed/);
  // The plan's listing (its refresh and the rename's prediction share it), the apply's (the rename planned again).
  expect(applied.calls).toEqual(["GetGroupList", "GetGroupList", "ModifyGroup:cloud-0:OK"]);
  const { result, calls } = await callsOf(() => terraform("plan"));
  expectSuccess(result);
  expect(result.output).toMatch(/No changes\./);
  expect(calls).toEqual(["GetGroupInfo:cloud-0:OK", "GetGroupList"]);
});

test("a console delete: invisible while the listing still shows the group (the window), then planned as a create", async () => {
  await officialClient(emu.url, CREDS).DeleteGroup({ GroupId: "cloud-5" });
  const during = await callsOf(() => terraform("plan"));
  expectSuccess(during.result);
  expect(during.result.output).toMatch(/No changes\./); // the window: the listing still shows cloud-5 as recorded
  expect(during.calls).toEqual(["GetGroupInfo:cloud-0:OK", "GetGroupList"]);

  emu.setListingLagMs(0); // the listing catches up: the window ends
  const after = await callsOf(() => terraform("plan"));
  expectSuccess(after.result);
  expect(after.result.output).toMatch(planHeader(TYPE, "g\\[5\\]", "will be created"));
  expect(after.result.output).toMatch(/Plan: 1 to add, 0 to change, 0 to destroy/);
  expect(after.calls).toEqual(["GetGroupInfo:cloud-5:InvalidParameterValue.GroupIdNotExist", "GetGroupList"]);

  const redo = await callsOf(() => terraform("apply", "-auto-approve"));
  expectSuccess(redo.result);
  expect(redo.writes).toEqual(["CreateGroup:cloud-5:OK"]);
  expect(emu.groups()).toHaveLength(N);
});
