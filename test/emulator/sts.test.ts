/**
 * The emulator's STS (2018-08-13) and CVM metadata fronts, through the official tencentcloud-sdk-nodejs STS client
 * unchanged: AssumeRole with a key gives a role session in the role's account whose temporary credentials then sign
 * IAI calls (the log names the role session as the signer); GetCallerIdentity answers the account of each key;
 * AssumeRoleWithWebIdentity goes unsigned with an accepted token only; expired temporary credentials are refused with
 * AuthFailure.TokenFailure; the metadata paths hand out the instance role's credentials, or 404 off an instance.
 */
import { Emulator } from "../../src/emulator";
import { agent, client, failure, SECRET_ID, SECRET_KEY, start } from "./helpers";
// The service module alone: the whole SDK index takes seconds to load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sts } = require("tencentcloud-sdk-nodejs/tencentcloud/services/sts");

const OTHER = { secretId: "AKIDstsOtherAccount01", secretKey: "stsOtherAccountKey01", accountId: "200000000002" };
const ROLE = "qcs::cam::uin/300000000003:roleName/deployer";
const OIDC_TOKEN = "eyJhbGciOiJSUzI1NiJ9.test-oidc-token.signature";

let emu: Emulator;
const lines: string[] = [];
beforeAll(async () => {
  emu = await start({
    credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY }, OTHER],
    webIdentityTokens: [OIDC_TOKEN],
    instanceRole: { roleName: "runner-role", accountId: "400000000004" },
    quiet: false,
    log: (l) => lines.push(l),
  });
});
afterAll(() => emu.stop());

/** The official STS client aimed at the emulator. */
function stsClient(credential: { secretId: string; secretKey: string; token?: string } = { secretId: SECRET_ID, secretKey: SECRET_KEY }) {
  return new sts.v20180813.Client({ credential, region: "ap-guangzhou", profile: { httpProfile: { endpoint: `127.0.0.1:${emu.port}`, protocol: "http://", agent } } });
}

test("GetCallerIdentity answers the account of each key", async () => {
  const me = await stsClient().GetCallerIdentity({});
  expect(me).toMatchObject({ AccountId: "100000000001", Arn: "qcs::cam::uin/100000000001:uin/100000000001", Type: "CAMUser" });
  const other = await stsClient(OTHER).GetCallerIdentity({});
  expect(other.AccountId).toBe("200000000002");
});

test("AssumeRole: temporary credentials of the role's account sign IAI calls; the log names the role session", async () => {
  const r = await stsClient().AssumeRole({ RoleArn: ROLE, RoleSessionName: "ci-run-1", DurationSeconds: 900 });
  const c = r.Credentials;
  expect(c.TmpSecretId).toMatch(/^AKIDtmp/);
  expect(r.ExpiredTime * 1000).toBeGreaterThan(Date.now() + 800_000);
  expect(new Date(r.Expiration).getTime()).toBe(r.ExpiredTime * 1000);
  const temp = { secretId: c.TmpSecretId, secretKey: c.TmpSecretKey, token: c.Token };
  const who = await stsClient(temp).GetCallerIdentity({});
  expect(who).toMatchObject({ AccountId: "300000000003", PrincipalId: "100000000001", Type: "CAMRole" });
  expect(who.Arn).toMatch(/^qcs::sts:300000000003:assumed-role\/\d{19}\/ci-run-1$/);
  lines.length = 0;
  await client(emu, temp).CreateGroup({ GroupId: "sts-1", GroupName: "sts 1" });
  expect(emu.requests.at(-1)).toMatchObject({ action: "CreateGroup", code: "OK", identity: who.Arn });
  expect(lines).toEqual([expect.stringContaining(` CreateGroup GroupId=sts-1 OK `)]);
  expect(lines[0]).toContain(` Identity=${who.Arn}`);
  // The session token is required, and never logged.
  expect((await failure(client(emu, { ...temp, token: undefined }).GetGroupInfo({ GroupId: "sts-1" }))).code).toBe("AuthFailure.TokenFailure");
  for (const l of lines) expect(l).not.toContain(c.Token);
});

test("expired temporary credentials: AuthFailure.TokenFailure; permanent keys unaffected", async () => {
  const { Credentials: c } = await stsClient().AssumeRole({ RoleArn: ROLE, RoleSessionName: "to-expire" });
  const temp = { secretId: c.TmpSecretId, secretKey: c.TmpSecretKey, token: c.Token };
  await client(emu, temp).GetGroupList({});
  expect(emu.expireTemporaryCredentials()).toBeGreaterThan(0);
  const e = await failure(client(emu, temp).GetGroupList({}));
  expect(e.code).toBe("AuthFailure.TokenFailure");
  expect(e.message).toContain("expired");
  await client(emu).GetGroupList({});
});

test("bad AssumeRole requests: clear errors", async () => {
  expect((await failure(stsClient().AssumeRole({ RoleArn: "deployer", RoleSessionName: "x1" }))).code).toBe("InvalidParameter.ParamError");
  expect((await failure(stsClient().AssumeRole({ RoleArn: ROLE, RoleSessionName: "x1", DurationSeconds: 50000 }))).code).toBe("InvalidParameter.ParamError");
  expect((await failure(stsClient().AssumeRole({ RoleArn: ROLE }))).code).toBe("MissingParameter");
  expect((await failure(stsClient({ secretId: SECRET_ID, secretKey: "wrong" }).AssumeRole({ RoleArn: ROLE, RoleSessionName: "x1" }))).code).toBe("AuthFailure.SignatureFailure");
});

test("AssumeRoleWithWebIdentity: unsigned, an accepted token only", async () => {
  const anonymous = stsClient({ secretId: "", secretKey: "" });
  const r = await anonymous.AssumeRoleWithWebIdentity({ ProviderId: "OIDC", WebIdentityToken: OIDC_TOKEN, RoleArn: ROLE, RoleSessionName: "github-actions" });
  const temp = { secretId: r.Credentials.TmpSecretId, secretKey: r.Credentials.TmpSecretKey, token: r.Credentials.Token };
  expect((await stsClient(temp).GetCallerIdentity({})).Arn).toMatch(/assumed-role\/\d+\/github-actions$/);
  const bad = await failure(anonymous.AssumeRoleWithWebIdentity({ ProviderId: "OIDC", WebIdentityToken: "forged", RoleArn: ROLE, RoleSessionName: "github-actions" }));
  expect(bad.code).toBe("InvalidParameter.WebIdentityTokenError");
});

test("CVM metadata: the instance role's credentials sign IAI calls; other paths 404", async () => {
  const base = `http://127.0.0.1:${emu.port}/latest/meta-data/cam/security-credentials/`;
  expect(await (await fetch(base)).text()).toBe("runner-role");
  const body = await (await fetch(`${base}runner-role`)).json();
  expect(body).toMatchObject({ Code: "Success", TmpSecretId: expect.stringMatching(/^AKIDtmp/) });
  const temp = { secretId: body.TmpSecretId, secretKey: body.TmpSecretKey, token: body.Token };
  expect((await stsClient(temp).GetCallerIdentity({})).AccountId).toBe("400000000004");
  expect((await fetch(`${base}other-role`)).status).toBe(404);
  const offInstance = await start();
  try {
    expect((await fetch(`http://127.0.0.1:${offInstance.port}/latest/meta-data/cam/security-credentials/runner-role`)).status).toBe(404);
  } finally {
    await offInstance.stop();
  }
});
