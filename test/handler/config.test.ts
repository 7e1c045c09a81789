/**
 * What the handler checks before any call — its command line, FACE_GROUP, the credentials, the endpoint and its
 * own settings — each refusal one clear line, exit 1, nothing sent; and credentials never printed.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator } from "../../src/emulator";
import { SECRET_ID, SECRET_KEY, TOKEN, calls, emulator, identity, runHandler, settings } from "./harness";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(() => emu.stop());

/** Runs the handler and asserts it was refused before any call reached the emulator; returns stderr. */
async function refused(verb: string, spec: Record<string, unknown> | string | undefined, env: Record<string, string | undefined> = {}): Promise<string> {
  const from = emu.requests.length;
  const r = await runHandler(verb, spec, emu, env);
  expect(r.code).toBe(1);
  expect(calls(emu, from)).toEqual([]);
  expect(r.stdout).toBe("");
  return r.stderr;
}

const NO_CREDENTIALS = { TENCENTCLOUD_SECRET_ID: undefined, TENCENTCLOUD_SECRET_KEY: undefined, TENCENTCLOUD_SESSION_TOKEN: undefined };
const HOW_TO =
  "set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (plus TENCENTCLOUD_SESSION_TOKEN, alias TENCENTCLOUD_SECURITY_TOKEN, for temporary credentials) " +
  "in the environment of terraform / cdktf deploy, or write secret_id and secret_key to the [default] section of ~/.tencentcloud/credentials";

describe("handler refusals before any call", () => {
  test("no credentials anywhere: one error naming the variables", async () => {
    expect(await refused("apply", settings("cred-1"), NO_CREDENTIALS)).toBe(`face-group cred-1: FAILED no Tencent Cloud credentials found; ${HOW_TO}\n`);
  });

  test("half the credentials: names the missing variable", async () => {
    expect(await refused("apply", settings("cred-2"), { TENCENTCLOUD_SECRET_KEY: undefined })).toBe(
      `face-group cred-2: FAILED TENCENTCLOUD_SECRET_KEY is not set although TENCENTCLOUD_SECRET_ID is; ${HOW_TO}\n`,
    );
  });

  test.each<[string, Record<string, unknown>, string]>([
    ["the seed's bad GroupId", settings("Tencent Employees in Shenzhen"), "groupId 'Tencent Employees in Shenzhen': only letters, digits and -%@#&_ are allowed"],
    ["a GroupName resolved from a token, too long", settings("tok-1", { group_name: "n".repeat(61) }), `groupName '${"n".repeat(61)}': must be 1–60 characters, is 61`],
    [
      "several rules at once",
      settings("tok-2", { tag: 5, group_ex_descriptions: ["a", "a"], face_model_version: "9" }),
      `groupExDescriptions '["a","a"]': field names must be unique within the group; 'a' repeats; tag '5': must be a string; faceModelVersion '9': must be one of "2.0", "3.0"`,
    ],
    ["a bad region", settings("tok-3", { region: "Shanghai" }), `region 'Shanghai': must be a Tencent Cloud region id such as "ap-guangzhou" (lower case, e.g. ap-shanghai, na-siliconvalley)`],
  ])("apply with an invalid declaration: %s", async (_name, spec, problems) => {
    expect(await refused("apply", spec)).toBe(`face-group ${spec.group_id}: FAILED invalid declaration in FACE_GROUP, refused before any API call: ${problems}\n`);
  });

  test("check: a preflight that validates declaration, endpoint and credentials and makes no API call", async () => {
    const emu = await emulator();
    try {
      const ok = await runHandler("check", settings("check-1"), emu);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toBe(`face-group check-1: declaration valid; credentials found; ready to call ${emu.url} (check makes no API call)\n`);
      expect(await refused("check", settings("check-2"), NO_CREDENTIALS)).toBe(`face-group check-2: FAILED no Tencent Cloud credentials found; ${HOW_TO}\n`);
      expect(emu.requests).toEqual([]);
    } finally {
      await emu.stop();
    }
  });

  test("delete with an unknown removal policy is refused (never guess about deleting)", async () => {
    expect(await refused("delete", identity("pol-1", "delete"))).toBe(
      `face-group pol-1: FAILED invalid declaration in FACE_GROUP, refused before any API call: removalPolicy 'delete': must be one of "retain", "destroy" (RemovalPolicy.RETAIN / RemovalPolicy.DESTROY)\n`,
    );
  });

  test.each([
    ["unset", undefined, "FACE_GROUP is not set. This handler is run by Terraform for a FaceGroup: FACE_GROUP='{\"group_id\":…}' node handler.js apply|delete"],
    ["not JSON", "{group_id: x}", "FACE_GROUP is not valid JSON ("],
    ["not an object", "[1]", "FACE_GROUP must be a JSON object"],
  ])("FACE_GROUP %s", async (_name, raw, message) => {
    expect(await refused("apply", raw)).toContain(`face-group ?: FAILED ${message}`);
  });

  test.each([
    ["no scheme", "127.0.0.1:9000", "127.0.0.1:9000"],
    ["another scheme", "ftp://127.0.0.1:9000", "ftp://127.0.0.1:9000"],
    ["a path", "http://127.0.0.1:9000/iai", "http://127.0.0.1:9000/iai"],
    ["user info (not echoed)", "http://user:hunter2-password@127.0.0.1:9000", "http://…@127.0.0.1:9000"],
  ])("TENCENTCLOUD_IAI_ENDPOINT with %s", async (_name, endpoint, shown) => {
    const stderr = await refused("apply", settings("ep-1"), { TENCENTCLOUD_IAI_ENDPOINT: endpoint });
    expect(stderr).toBe(`face-group ep-1: FAILED TENCENTCLOUD_IAI_ENDPOINT '${shown}' is not an http(s) base URL such as http://127.0.0.1:9000 (no path, query or user info)\n`);
  });

  test("an unusable deadline setting", async () => {
    expect(await refused("apply", settings("dl-1"), { FACE_GROUP_DEADLINE_SECONDS: "soon" })).toBe(
      "face-group dl-1: FAILED FACE_GROUP_DEADLINE_SECONDS 'soon' must be a positive number of seconds\n",
    );
  });

  test("usage errors exit 2", async () => {
    for (const verb of ["", "create"]) {
      const r = await runHandler(verb, settings("usage-1"), emu);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("usage: FACE_GROUP='<json>' node handler.js apply|delete|check\n");
    }
  });
});

describe("handler credentials and connection", () => {
  test("TENCENTCLOUD_SECURITY_TOKEN is accepted for TENCENTCLOUD_SESSION_TOKEN", async () => {
    const r = await runHandler("apply", settings("alias-1"), emu, { TENCENTCLOUD_SESSION_TOKEN: undefined, TENCENTCLOUD_SECURITY_TOKEN: TOKEN });
    expect(r.code).toBe(0);
  });

  test("credentials from the profile file when the environment has none", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "face-group-profile-"));
    fs.mkdirSync(path.join(home, ".tencentcloud"));
    fs.writeFileSync(path.join(home, ".tencentcloud", "credentials"), `[default]\nsecret_id = ${SECRET_ID}\nsecret_key = ${SECRET_KEY}\ntoken = ${TOKEN}\n`);
    const r = await runHandler("apply", settings("profile-1"), emu, { ...NO_CREDENTIALS, HOME: home });
    expect(r.code).toBe(0);
    expect(emu.groups().map((g) => g.GroupId)).toContain("profile-1");
  });

  test("http_proxy does not capture calls to a loopback endpoint", async () => {
    const r = await runHandler("apply", settings("proxy-1"), emu, { http_proxy: "http://127.0.0.1:9", https_proxy: "http://127.0.0.1:9" });
    expect(r.code).toBe(0);
  });

  test("an endpoint nobody listens on: network errors retried until the deadline, then what to do", async () => {
    const r = await runHandler("apply", settings("down-1"), undefined, { TENCENTCLOUD_IAI_ENDPOINT: "http://127.0.0.1:9", FACE_GROUP_DEADLINE_SECONDS: "0.6" });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^face-group down-1: GetGroupInfo NetworkError RequestId=- attempt=1 \d+ms \(transient, retrying in \d+ms\)$/m);
    expect(r.stderr).toMatch(/FAILED deadline of 0\.6s reached after \d+ attempt\(s\) of GetGroupInfo; last error Code=NetworkError .*check the network, proxy settings and TENCENTCLOUD_IAI_ENDPOINT/);
  });

  test("no run prints a credential, in any path (success, API error, refusal)", async () => {
    const outputs = await Promise.all([
      runHandler("apply", settings("secret-1"), emu),
      runHandler("apply", settings("secret-2"), emu, { TENCENTCLOUD_SESSION_TOKEN: "wrong-token-value-xyz" }),
      runHandler("delete", identity("secret-3", "destroy"), emu),
      runHandler("apply", settings("Bad Id"), emu),
    ]);
    const all = outputs.map((o) => o.stdout + o.stderr).join("");
    expect(outputs.map((o) => o.code)).toEqual([0, 1, 0, 1]);
    for (const secret of [SECRET_KEY, TOKEN, "wrong-token-value-xyz"]) expect(all).not.toContain(secret);
  });
});
