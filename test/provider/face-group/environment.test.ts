/**
 * What the provider takes from its environment — credentials (variables, alias, profile file), proxy, endpoint,
 * deadline and request timeout — and how it fails when they are wrong: one clear diagnostic, the API called only when
 * it can help, transient network errors retried within the settings, and no secret in any diagnostic or log line.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator } from "../../../src/emulator";
import { createProvider } from "../../../src/provider/face-group";
import { TfObject } from "../../../src/provider/protocol/types";
import { seedFor } from "../../support/fault-seed";
import { calls, config, create, emulator, provider, SECRET_ID, SECRET_KEY, TestProvider, TOKEN, TYPE } from "./helpers";

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterEach(() => emu.setFaults(undefined));
afterAll(() => emu.stop());

const NO_CREDENTIALS = { TENCENTCLOUD_SECRET_ID: undefined, TENCENTCLOUD_SECRET_KEY: undefined, TENCENTCLOUD_SESSION_TOKEN: undefined };

/** Plans and applies a create of `groupId`; returns the apply answer (diagnostics not checked). */
async function tryCreate(t: TestProvider, groupId: string): Promise<Awaited<ReturnType<TestProvider["p"]["applyResourceChange"]>>> {
  const cfg = config(groupId);
  const plan = await t.p.planResourceChange({ typeName: TYPE, priorState: null, proposedNewState: cfg, config: cfg, priorPrivate: new Uint8Array() });
  return t.p.applyResourceChange({ typeName: TYPE, priorState: null, plannedState: plan.plannedState, config: cfg, plannedPrivate: new Uint8Array() });
}

/** Asserts that neither the answers nor the log lines hold any of `secrets`. */
function expectNoSecrets(answers: unknown, logs: readonly string[], secrets: readonly string[] = [SECRET_KEY, TOKEN]): void {
  const everything = JSON.stringify([answers, logs]);
  for (const secret of secrets) expect(everything).not.toContain(secret);
}

describe("credentials", () => {
  test("half the credentials: one error naming the missing variable, no call, no secret shown", async () => {
    const t = await provider(emu, {}, { TENCENTCLOUD_SECRET_ID: undefined });
    const from = emu.requests.length;
    const r = await tryCreate(t, "half-1");
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0].detail).toContain("TENCENTCLOUD_SECRET_ID is not set although TENCENTCLOUD_SECRET_KEY is; set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY");
    expect(calls(emu, from)).toEqual([]);
    expectNoSecrets(r, t.logs);
  });

  test("TENCENTCLOUD_SECURITY_TOKEN is accepted for TENCENTCLOUD_SESSION_TOKEN; success logs no secret", async () => {
    const t = await provider(emu, {}, { TENCENTCLOUD_SESSION_TOKEN: undefined, TENCENTCLOUD_SECURITY_TOKEN: TOKEN });
    const state = await create(t.p, config("alias-1"));
    expect(emu.groups().find((g) => g.GroupId === "alias-1")).toBeDefined();
    expect(state.id).toBe("ap-guangzhou/alias-1");
    expectNoSecrets(state, t.logs);
  });

  test("credentials from the profile file (~/.tencentcloud/credentials) when the environment has none", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "face-group-profile-"));
    fs.mkdirSync(path.join(home, ".tencentcloud"));
    fs.writeFileSync(path.join(home, ".tencentcloud", "credentials"), `[default]\nsecret_id = ${SECRET_ID}\nsecret_key = ${SECRET_KEY}\ntoken = ${TOKEN}\n`);
    // The SDK's profile reader asks os.homedir(): the provider process's HOME (jest's process.env is a copy, so the
    // module itself is pointed at the temp folder).
    const homedir = jest.spyOn(require("node:os") as typeof os, "homedir").mockReturnValue(home);
    try {
      const t = await provider(emu, {}, { ...NO_CREDENTIALS, HOME: home });
      await create(t.p, config("profile-1"));
      expect(emu.groups().map((g) => g.GroupId)).toContain("profile-1");
      expectNoSecrets([], t.logs);
    } finally {
      homedir.mockRestore();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});

describe("connection", () => {
  test("http_proxy does not capture calls to a loopback endpoint", async () => {
    const t = await provider(emu, {}, { http_proxy: "http://127.0.0.1:9", https_proxy: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9" });
    await create(t.p, config("proxy-1"));
    expect(emu.groups().map((g) => g.GroupId)).toContain("proxy-1");
  });

  test("an endpoint nobody listens on: network errors retried until the deadline, then what to do", async () => {
    const t = await provider(undefined, { deadline_seconds: 0.6 }, { TENCENTCLOUD_IAI_ENDPOINT: "http://127.0.0.1:9" });
    const r = await tryCreate(t, "down-1"); // (the deadline kept on a fake clock: test/handler/retry.test.ts)
    expect(r.newState).toBeNull();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0].detail).toMatch(/deadline of 0\.6s reached after \d+ attempt\(s\) of \w+; last error Code=NetworkError\.Refused Message="the connection to 127\.0\.0\.1:9 was refused.*what to do: the API kept failing transiently \(check the host and port in the endpoint/);
    expect(t.logs.filter((l) => /NetworkError\.Refused .*\(transient, retrying in \d+ms\): the connection to 127\.0\.0\.1:9 was refused/.test(l)).length).toBeGreaterThanOrEqual(1);
  });

  test("an unusable deadline setting: a clear error at ConfigureProvider", async () => {
    const p = createProvider({ ...process.env, FACE_GROUP_DEADLINE_SECONDS: "soon" });
    const nulls: TfObject = { region: null, endpoint: null, secret_id: null, secret_key: null, session_token: null, qps: null, deadline_seconds: null, request_timeout_seconds: null };
    const r = await p.configureProvider({ terraformVersion: "1.11.4", config: nulls });
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.detail)).toEqual([
      "FACE_GROUP_DEADLINE_SECONDS 'soon' must be a positive number (used for the provider's deadline_seconds)",
    ]);
  });

  test("a request that never answers is cut by request_timeout_seconds and retried", async () => {
    emu.setFaults({ rate: 0.5, kinds: ["latency"], latencyMs: 1_000, seed: seedFor([true, false, false, false]) });
    const t = await provider(emu, { request_timeout_seconds: 0.3 });
    const from = emu.requests.length;
    const state = await create(t.p, config("slow-1"));
    expect(state.id).toBe("ap-guangzhou/slow-1");
    expect(emu.groups().find((g) => g.GroupId === "slow-1")).toBeDefined();
    expect(emu.requests[from].fault).toBe("latency");
    expect(t.logs.some((l) => /NetworkError\.Timeout .*attempt=1 .*\(transient, retrying in \d+ms\): no answer came in time/.test(l))).toBe(true);
    expect(emu.groups().filter((g) => g.GroupId === "slow-1")).toHaveLength(1);
  });
});
