/**
 * The credential chain's parts without a server: refresh before expiry on a fake clock (one fetch however many wait),
 * the one retry on expired credentials (never looped, never for a permanent key or a clock-skewed signature), and the
 * settling of the provider block with the environment in the official provider's precedence.
 */
import { RefreshingCredentials } from "../../src/handler/credentials";
import { renewedOnce } from "../../src/handler/credentials/renewal";
import { CredentialSource, Credentials } from "../../src/handler/credentials/types";
import { ApiError } from "../../src/handler/errors";
import { readCredentialConfig } from "../../src/provider/face-group/credentials-config";
import { Diagnostic, TfObject } from "../../src/provider/protocol/types";

/** A source handing out numbered credentials that live `lifetimeMs` on the fake clock. */
function counting(clock: { now: number }, lifetimeMs?: number): CredentialSource & { fetches: number } {
  const source = {
    description: "test",
    fetches: 0,
    fetch: async (): Promise<Credentials> => {
      source.fetches++;
      return { secretId: `AKID${source.fetches}`, secretKey: `key${source.fetches}`, expiresAt: lifetimeMs === undefined ? undefined : clock.now + lifetimeMs };
    },
  };
  return source;
}

describe("RefreshingCredentials", () => {
  test("reused until shortly before expiry, then fetched again; one fetch for concurrent callers", async () => {
    const clock = { now: 1_000_000 };
    const source = counting(clock, 3_600_000);
    const seen: string[] = [];
    const creds = new RefreshingCredentials(source, (c) => seen.push(c.secretId), () => clock.now);
    const first = await Promise.all([creds.getCredential(), creds.getCredential(), creds.getCredential()]);
    expect(first.map((c) => c.secretId)).toEqual(["AKID1", "AKID1", "AKID1"]);
    clock.now += 3_600_000 - 5 * 60_000 - 1; // just outside the 5-minute margin
    expect((await creds.getCredential()).secretId).toBe("AKID1");
    clock.now += 1;
    const renewed = await Promise.all([creds.getCredential(), creds.getCredential()]);
    expect(renewed.map((c) => c.secretId)).toEqual(["AKID2", "AKID2"]);
    expect(source.fetches).toBe(2);
    expect(seen).toEqual(["AKID1", "AKID2"]);
  });

  test("short sessions refresh a fifth of their lifetime before expiry; permanent keys never", async () => {
    const clock = { now: 0 };
    const short = new RefreshingCredentials(counting(clock, 100_000), undefined, () => clock.now);
    await short.getCredential();
    clock.now = 79_999;
    expect((await short.getCredential()).secretId).toBe("AKID1");
    clock.now = 80_000;
    expect((await short.getCredential()).secretId).toBe("AKID2");
    const permanent = new RefreshingCredentials(counting(clock), undefined, () => clock.now);
    await permanent.getCredential();
    clock.now = 1e12;
    expect((await permanent.getCredential()).secretId).toBe("AKID1");
    expect(await permanent.renewable()).toBe(false);
  });

  test("invalidate drops only the generation that was refused; a failed fetch is retried by the next caller", async () => {
    const clock = { now: 0 };
    const source = counting(clock, 3_600_000);
    const creds = new RefreshingCredentials(source, undefined, () => clock.now);
    await creds.getCredential();
    const gen = creds.generation;
    creds.invalidate(gen + 1); // not the one in use
    expect((await creds.getCredential()).secretId).toBe("AKID1");
    creds.invalidate(gen);
    expect((await creds.getCredential()).secretId).toBe("AKID2");
    let fail = true;
    const flaky = new RefreshingCredentials({ description: "flaky", fetch: async () => (fail ? Promise.reject(new Error("STS down")) : { secretId: "ok", secretKey: "k" }) });
    await expect(flaky.getCredential()).rejects.toThrow("STS down");
    fail = false;
    expect((await flaky.getCredential()).secretId).toBe("ok");
  });
});

describe("renewedOnce", () => {
  const expired = () => new ApiError("CreateGroup", "api", "AuthFailure.TokenFailure", "The temporary credentials of AKID1 expired");

  test("expired temporary credentials: renewed, sent once more; a second refusal is the caller's, never looped", async () => {
    const clock = { now: 0 };
    const source = counting(clock, 3_600_000);
    const creds = new RefreshingCredentials(source, undefined, () => clock.now);
    const used: string[] = [];
    const renewals: string[] = [];
    const ok = await renewedOnce(
      creds,
      async () => {
        const c = await creds.getCredential();
        used.push(c.secretId);
        if (c.secretId === "AKID1") throw expired();
        return "created";
      },
      (e) => renewals.push(e.code),
    );
    expect(ok).toBe("created");
    expect(used).toEqual(["AKID1", "AKID2"]);
    expect(renewals).toEqual(["AuthFailure.TokenFailure"]);
    let attempts = 0;
    await expect(renewedOnce(creds, async () => (attempts++, await creds.getCredential(), Promise.reject(expired())), () => undefined)).rejects.toThrow("expired");
    expect(attempts).toBe(2);
  });

  test("not retried: a permanent key, a clock-skewed signature, any other error", async () => {
    const clock = { now: 0 };
    const permanent = new RefreshingCredentials(counting(clock), undefined, () => clock.now);
    const temporary = new RefreshingCredentials(counting(clock, 3_600_000), undefined, () => clock.now);
    const cases: Array<[RefreshingCredentials, ApiError]> = [
      [permanent, expired()],
      [temporary, new ApiError("CreateGroup", "api", "AuthFailure.SignatureExpire", "signature expired: check the clock")],
      [temporary, new ApiError("CreateGroup", "api", "AuthFailure.SignatureFailure", "bad signature")],
    ];
    for (const [creds, error] of cases) {
      let attempts = 0;
      await creds.getCredential();
      await expect(renewedOnce(creds, async () => (attempts++, Promise.reject(error)), () => undefined)).rejects.toBe(error);
      expect(attempts).toBe(1);
    }
  });
});

describe("provider block + environment", () => {
  const read = (config: TfObject, env: NodeJS.ProcessEnv = {}) => {
    const problems: Diagnostic[] = [];
    const settings = readCredentialConfig(config, env, problems);
    return { settings: settings as Exclude<typeof settings, symbol>, problems };
  };
  const ENV_KEY = { TENCENTCLOUD_SECRET_ID: "AKIDenv", TENCENTCLOUD_SECRET_KEY: "envkey", TENCENTCLOUD_SECURITY_TOKEN: "envtoken" };

  test("the block's key beats the environment's; security_token and its alias session_token", () => {
    expect(read({ secret_id: "AKIDblock", secret_key: "blockkey", security_token: "t" }, ENV_KEY).settings.key).toEqual({ secretId: "AKIDblock", secretKey: "blockkey", token: "t", from: "provider block" });
    expect(read({ secret_id: "AKIDblock", secret_key: "blockkey", session_token: "alias" }).settings.key?.token).toBe("alias");
    expect(read({}, ENV_KEY).settings.key).toEqual({ secretId: "AKIDenv", secretKey: "envkey", token: "envtoken", from: "environment" });
    expect(read({}, { ...ENV_KEY, TENCENTCLOUD_SECURITY_TOKEN: undefined, TENCENTCLOUD_SESSION_TOKEN: "old" }).settings.key?.token).toBe("old");
  });

  test("half a key: the block's is a diagnostic at the attribute; the environment's is reported when needed", () => {
    expect(read({ secret_id: "AKIDblock" }).problems.map((p) => [p.summary, p.attribute])).toEqual([["Missing secret_key", [{ attribute: "secret_key" }]]]);
    const { settings, problems } = read({}, { TENCENTCLOUD_SECRET_KEY: "k" });
    expect(problems).toEqual([]);
    expect(settings.keyProblem).toMatch(/^TENCENTCLOUD_SECRET_ID is not set although TENCENTCLOUD_SECRET_KEY is/);
  });

  test("profile, shared_credentials_dir and cam_role_name: block, else environment, else the official defaults", () => {
    expect(read({}).settings).toMatchObject({ profile: "default", sharedCredentialsDir: "", camRoleName: undefined });
    const env = { TENCENTCLOUD_PROFILE: "staging", TENCENTCLOUD_SHARED_CREDENTIALS_DIR: "/etc/tccli", TENCENTCLOUD_CAM_ROLE_NAME: "runner" };
    expect(read({}, env).settings).toMatchObject({ profile: "staging", sharedCredentialsDir: "/etc/tccli", camRoleName: "runner" });
    expect(read({ profile: "prod", shared_credentials_dir: "~/x", cam_role_name: "r2" }, env).settings).toMatchObject({ profile: "prod", sharedCredentialsDir: "~/x", camRoleName: "r2" });
  });

  test("assume_role: block fields default from the environment; the environment alone needs ARN and session name", () => {
    const env = { TENCENTCLOUD_ASSUME_ROLE_ARN: "qcs::cam::uin/1:roleName/env", TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME: "envsession", TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION: "900" };
    expect(read({ assume_role: [{ role_arn: "qcs::cam::uin/1:roleName/block", session_name: null, session_duration: null }] }, env).settings.assumeRole).toMatchObject({
      roleArn: "qcs::cam::uin/1:roleName/block",
      sessionName: "envsession",
      sessionDuration: 900,
    });
    expect(read({}, env).settings.assumeRole).toMatchObject({ roleArn: "qcs::cam::uin/1:roleName/env", sessionDuration: 900 });
    expect(read({}, { TENCENTCLOUD_ASSUME_ROLE_ARN: "qcs::cam::uin/1:roleName/env" }).settings.assumeRole).toBeUndefined();
    expect(read({ assume_role: [{ role_arn: "qcs::cam::uin/1:roleName/b" }] }).problems.map((p) => p.summary)).toEqual(["Missing assume_role.session_name"]);
    expect(read({ assume_role: [{ role_arn: "a", session_name: "s", session_duration: 50000 }] }).problems.map((p) => p.detail)).toEqual(["assume_role.session_duration 50000: must be whole seconds from 0 to 43200"]);
  });

  test("web identity: the block, or the environment with a token; it replaces assume_role; default provider OIDC", () => {
    const env = { TENCENTCLOUD_ASSUME_ROLE_ARN: "qcs::cam::uin/1:roleName/ci", TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME: "gha", TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: "jwt" };
    const { settings } = read({}, env);
    expect(settings.webIdentity).toMatchObject({ providerId: "OIDC", roleArn: "qcs::cam::uin/1:roleName/ci", sessionName: "gha", sessionDuration: 7200, webIdentityToken: "jwt" });
    expect(settings.assumeRole).toBeUndefined();
    expect(read({}, { TENCENTCLOUD_ASSUME_ROLE_ARNN_FILE: "/r.json", TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME: "gha", TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE: "/t.json" }).settings.webIdentity).toMatchObject({ roleArnFile: "/r.json", webIdentityTokenFile: "/t.json" });
    expect(read({ assume_role_with_web_identity: [{ session_name: "s" }] }).problems.map((p) => p.summary)).toEqual(["Missing web_identity_token", "Missing role_arn"]);
  });

  test("allowed_account_ids and forbidden_account_ids conflict", () => {
    expect(read({ allowed_account_ids: ["1"], forbidden_account_ids: ["2"] }).problems.map((p) => p.summary)).toEqual(["Conflicting account lists"]);
    expect(read({ allowed_account_ids: ["1", "3"] }).settings.allowedAccountIds).toEqual(["1", "3"]);
  });
});
